//! A paired session: welcome both sides, splice them, and end it when either leaves.

use std::sync::Arc;
use std::time::Duration;

use lifeline_protocol::SessionCode;
use lifeline_protocol::messages::Party as Ender;
use lifeline_protocol::messages::handshake::{CloseCode, DeviceSummary, RelayNotice, ServerHello};
use tracing::{info, warn};

use crate::pairing::Side;
use crate::store::{CodeRecord, NewSession, SessionEnd, User};

use super::context::Context;
use super::hub::Arrived;
use super::link::{Link, LinkError, Party, Who};
use super::records;
use super::splice::{Counters, Splice};

/// Time the forwarders get to pass on what a departed side sent before it left.
const DRAIN: Duration = Duration::from_secs(1);

/// The two sides, sorted.
#[derive(Debug)]
struct Sides {
    technician: Link,
    user: User,
    customer: Link,
    customer_name: String,
    device: DeviceSummary,
}

/// Sorts two admitted parties into technician and customer; `Err` gives both links back if
/// they are on the same side (the core pairs opposite sides only).
fn sides(a: Party, b: Party) -> Result<Sides, Box<(Link, Link)>> {
    match (a.who, b.who) {
        (Who::Technician(user), Who::Customer { name, device }) => Ok(Sides {
            technician: a.link,
            user,
            customer: b.link,
            customer_name: name,
            device,
        }),
        (Who::Customer { name, device }, Who::Technician(user)) => Ok(Sides {
            technician: b.link,
            user,
            customer: a.link,
            customer_name: name,
            device,
        }),
        _ => Err(Box::new((a.link, b.link))),
    }
}

/// How a session ended.
#[derive(Debug)]
enum End {
    /// One side's connection ended.
    Left {
        side: Side,
        /// It closed on purpose (close code `Normal`), rather than being lost.
        clean: bool,
        /// What QUIC said.
        why: String,
    },
    /// The relay is shutting down.
    Shutdown,
}

impl End {
    fn left(side: Side, err: &quinn::ConnectionError) -> Self {
        let normal = quinn::VarInt::from_u32(CloseCode::Normal.code());
        let clean = matches!(err, quinn::ConnectionError::ApplicationClosed(close) if close.error_code == normal);
        Self::Left {
            side,
            clean,
            why: err.to_string(),
        }
    }
}

fn party(side: Side) -> Ender {
    match side {
        Side::Technician => Ender::Technician,
        Side::Customer => Ender::Customer,
    }
}

/// Sends the welcome and the peer's arrival.
async fn greet(
    link: &mut Link,
    welcome: &ServerHello,
    joined: &RelayNotice,
) -> Result<(), LinkError> {
    link.send_hello(welcome).await?;
    link.send_notice(joined).await
}

/// The two parties of a session about to start: the one that waited and the one that came.
#[derive(Debug)]
pub(crate) struct Paired {
    pub(crate) code: SessionCode,
    pub(crate) waiting: Party,
    pub(crate) arrived: Arrived,
}

/// Runs a paired session, from the welcome to the record's end.
///
/// This future lives as long as the session: what it takes is boxed, and the steps that
/// need more room than the wait itself (store calls, greetings, farewells) are boxed too.
pub(crate) async fn run(ctx: Arc<Context>, paired: Box<Paired>) {
    let Paired {
        code,
        waiting,
        arrived: Arrived {
            party: arriving,
            record,
        },
    } = *paired;
    let sides = match sides(waiting, arriving) {
        Ok(sides) => Box::new(sides),
        Err(links) => {
            let (a, b) = *links;
            warn!(%code, "two parties of the same side were paired");
            ctx.hub.leave(code, a.id, ctx.now());
            a.close_now(CloseCode::ServerError);
            b.close_now(CloseCode::ServerError);
            return;
        }
    };
    let opened = {
        let new = NewSession {
            code,
            technician_id: sides.user.id,
            customer_name: sides.customer_name.clone(),
            device: sides.device.clone(),
            started_at: ctx.now(),
        };
        Box::pin(ctx.store.open_session(&new)).await
    };
    match opened {
        Ok(id) => {
            let welcome = Box::pin(welcome(&ctx, &record, id)).await;
            drop(record);
            splice_until_end(&ctx, code, welcome, id, sides).await;
        }
        Err(err) => {
            warn!(%code, "could not open the session record: {err}");
            ctx.hub.leave(code, sides.technician.id, ctx.now());
            sides.technician.close_now(CloseCode::ServerError);
            sides.customer.close_now(CloseCode::ServerError);
        }
    }
}

/// The welcome both sides get: the session, its policy, and whether it is recorded.
async fn welcome(ctx: &Context, record: &CodeRecord, id: i64) -> Box<ServerHello> {
    let notice = ctx
        .store
        .recording_notice(record.portal.id)
        .await
        .unwrap_or_else(|err| {
            warn!(code = %record.code, "could not read the portal's recording notice: {err}");
            false
        });
    Box::new(ServerHello::Welcome(records::welcome(record, id, notice)))
}

/// Greets both sides, splices them until one leaves or the relay shuts down, then closes
/// the record and tells the one left.
async fn splice_until_end(
    ctx: &Context,
    code: SessionCode,
    welcome: Box<ServerHello>,
    id: i64,
    sides: Box<Sides>,
) {
    let Sides {
        mut technician,
        user,
        mut customer,
        customer_name,
        device,
    } = *sides;
    ctx.metrics.session_paired();
    info!(session = id, %code, technician = %user.name, customer = %customer_name, "session started");
    {
        let to_technician = RelayNotice::PeerJoined {
            name: customer_name,
            device: Some(device),
        };
        let to_customer = RelayNotice::PeerJoined {
            name: user.name,
            device: None,
        };
        // A side that cannot be greeted is gone; that shows as its connection closing below.
        let _ = Box::pin(async {
            tokio::join!(
                greet(&mut technician, &welcome, &to_technician),
                greet(&mut customer, &welcome, &to_customer),
            )
        })
        .await;
    }
    drop(welcome);

    let counters = Arc::new(Counters::default());
    let splice = Splice::start(
        &technician.conn,
        &customer.conn,
        counters.clone(),
        ctx.metrics.clone(),
    );
    let end = tokio::select! {
        err = technician.conn.closed() => End::left(Side::Technician, &err),
        err = customer.conn.closed() => End::left(Side::Customer, &err),
        () = ctx.shutting_down() => End::Shutdown,
    };

    match end {
        End::Left { side, clean, why } => {
            splice.drain(DRAIN).await;
            let (leaver, mut survivor) = match side {
                Side::Technician => (technician, customer),
                Side::Customer => (customer, technician),
            };
            let now = ctx.now();
            ctx.hub.leave(code, leaver.id, now);
            let who = match side {
                Side::Technician => "technician",
                Side::Customer => "customer",
            };
            let (ended_by, reason) = if clean {
                (party(side), format!("the {who} ended the session"))
            } else {
                (
                    Ender::Relay,
                    format!("the {who}'s connection was lost: {why}"),
                )
            };
            info!(session = id, %reason, "session ended");
            close_record(ctx, id, now, ended_by, reason, &counters).await;
            drop(leaver);
            Box::pin(async {
                let _ = survivor.send_notice(&RelayNotice::PeerLeft { clean }).await;
                survivor
                    .close_after_last_words(CloseCode::SessionEnded)
                    .await;
            })
            .await;
        }
        End::Shutdown => {
            drop(splice);
            let now = ctx.now();
            ctx.hub.leave(code, technician.id, now);
            let reason = "the relay shut down".to_owned();
            info!(session = id, %reason, "session ended");
            close_record(ctx, id, now, Ender::Relay, reason, &counters).await;
            Box::pin(async {
                let _ = tokio::join!(
                    technician.send_notice(&RelayNotice::Shutdown),
                    customer.send_notice(&RelayNotice::Shutdown),
                );
                tokio::join!(
                    technician.close_after_last_words(CloseCode::Shutdown),
                    customer.close_after_last_words(CloseCode::Shutdown),
                );
            })
            .await;
        }
    }
}

/// Writes the end into the session's record (which also marks the code ended).
async fn close_record(
    ctx: &Context,
    id: i64,
    ended_at: lifeline_protocol::messages::UnixMillis,
    ended_by: Ender,
    reason: String,
    counters: &Counters,
) {
    let end = SessionEnd {
        ended_at,
        ended_by,
        reason,
        bytes_from_technician: counters.technician_bytes(),
        bytes_from_customer: counters.customer_bytes(),
    };
    if let Err(err) = Box::pin(ctx.store.close_session(id, &end)).await {
        warn!(session = id, "could not close the session record: {err}");
    }
    ctx.metrics.session_ended();
}
