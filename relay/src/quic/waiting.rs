//! A party waiting for its peer: until the peer arrives, it leaves, the code expires, a newer
//! connection displaces it, or the relay shuts down.

use std::time::Duration;

use lifeline_protocol::SessionCode;
use lifeline_protocol::messages::UnixMillis;
use lifeline_protocol::messages::handshake::{CloseCode, RejectReason, ServerHello};
use tokio::sync::oneshot;

use super::context::Context;
use super::hub::{Arrived, Expiry, StopWaiting};
use super::link::Party;
use super::session::Paired;

/// Tells `party` to wait, then waits; the pair if the peer comes (the caller runs the
/// session), `None` once the party has been told why not.
pub(crate) async fn wait_for_peer(
    ctx: &Context,
    code: SessionCode,
    mut party: Party,
    mut handoff: oneshot::Receiver<Arrived>,
    expires_at: UnixMillis,
) -> Option<Box<Paired>> {
    let paired = |party, arrived| {
        Some(Box::new(Paired {
            code,
            waiting: party,
            arrived,
        }))
    };
    // A party that cannot be told is gone; its connection closing ends the wait below.
    let _ = Box::pin(party.link.send_hello(&ServerHello::Waiting)).await;
    loop {
        let until_expiry = Duration::from_millis(expires_at.0.saturating_sub(ctx.now().0));
        tokio::select! {
            // The handoff first: once the party is no longer waiting, it has the answer.
            biased;
            arrived = &mut handoff => {
                match arrived {
                    Ok(arrived) => return paired(party, arrived),
                    // The hub dropped the handoff: a newer connection took over.
                    Err(_) => party.link.close_now(CloseCode::Replaced),
                }
                return None;
            }
            _ = party.link.conn.closed() => {
                if let StopWaiting::NotWaiting = ctx.hub.stop_waiting(code, party.link.id, ctx.now())
                    && let Ok(arrived) = handoff.try_recv()
                {
                    // Paired just as it left: the session starts and ends at once, and the
                    // peer is told.
                    return paired(party, arrived);
                }
                return None;
            }
            () = tokio::time::sleep(until_expiry) => {
                match ctx.hub.expire(code, party.link.id, ctx.now()) {
                    Expiry::Expired => {
                        Box::pin(party.link.reject(ctx, RejectReason::Expired)).await;
                        return None;
                    }
                    // The handoff (paired or displaced) is looked at next time round.
                    Expiry::NotYet | Expiry::NotWaiting => {}
                }
            }
            () = ctx.shutting_down() => {
                match ctx.hub.stop_waiting(code, party.link.id, ctx.now()) {
                    StopWaiting::Stopped => party.link.close_now(CloseCode::Shutdown),
                    StopWaiting::NotWaiting => {
                        if let Ok(arrived) = handoff.try_recv() {
                            // The session sees the shutdown and ends at once.
                            return paired(party, arrived);
                        }
                    }
                }
                return None;
            }
        }
    }
}
