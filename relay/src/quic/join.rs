//! Deciding a hello: budget, token and code lookups, then the pairing core's verdict.

use std::net::IpAddr;

use lifeline_protocol::messages::UnixMillis;
use lifeline_protocol::messages::handshake::{CloseCode, Role};
use tracing::{info, warn};

use crate::pairing::Arrival;
use crate::store::StoreError;

use super::context::Context;
use super::hub::{Claim, JoinStep};
use super::link::{Link, Who};
use super::session::Paired;
use super::{records, waiting};

/// Carries a hello through to a refusal, a wait, or a session: the pair when the session is
/// to run (the caller runs it), `None` once the party has been told why not.
pub(crate) async fn join(ctx: &Context, link: Link, role: Role, ip: IpAddr) -> Option<Box<Paired>> {
    let now = ctx.now();
    // The budget is taken before anything is looked up, so guesses cost even when they
    // fail fast; an admitted join gets it back.
    let ticket = match ctx.hub.begin_join(ip, now) {
        Ok(ticket) => ticket,
        Err(limited) => {
            Box::pin(link.reject(ctx, limited.reason())).await;
            return None;
        }
    };
    let claim = match Box::pin(claim(ctx, role, now)).await {
        Ok(claim) => claim,
        Err(err) => {
            warn!(remote = %ip, "store failed during a join: {err}");
            link.close_now(CloseCode::ServerError);
            return None;
        }
    };
    let code = claim.code;
    let facts = claim.record.as_ref().map(records::facts);
    match ctx.hub.join(ticket, link, claim, facts, ctx.now()) {
        JoinStep::Rejected(link, reason) => Box::pin(link.reject(ctx, reason)).await,
        JoinStep::Busy(link) => {
            info!(%code, "refused a join: the relay is at its session limit");
            link.close_now(CloseCode::Busy);
        }
        JoinStep::Waiting {
            party,
            handoff,
            expires_at,
        } => {
            return Box::pin(waiting::wait_for_peer(
                ctx, code, party, handoff, expires_at,
            ))
            .await;
        }
        JoinStep::HandedOver => {}
        JoinStep::PeerGone(party) => party.link.close_now(CloseCode::ServerError),
    }
    None
}

/// What the store knows about the hello's token and code.
async fn claim(ctx: &Context, role: Role, now: UnixMillis) -> Result<Claim, StoreError> {
    match role {
        Role::Technician { token, code } => {
            let user = ctx.store.user_for_token(&token, now).await?;
            let record = ctx.store.code(code).await?;
            Ok(Claim {
                code,
                arrival: Arrival::Technician {
                    user_id: user.as_ref().map(|user| user.id),
                },
                who: user.map(Who::Technician),
                record,
            })
        }
        Role::Customer { code, name, device } => {
            let record = ctx.store.code(code).await?;
            Ok(Claim {
                code,
                arrival: Arrival::Customer,
                who: Some(Who::Customer { name, device }),
                record,
            })
        }
    }
}
