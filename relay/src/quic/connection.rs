//! One incoming connection, from the QUIC handshake to its hello; then [`super::join`].

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use lifeline_protocol::PROTOCOL_VERSION;
use lifeline_protocol::messages::handshake::{CloseCode, RejectReason, Role};
use tokio::time::Instant;
use tracing::debug;

use super::config::speaks_lifeline;
use super::context::{ConnectionGuard, Context};
use super::handshake::{HandshakeError, accept_hello, establish};
use super::join::join;
use super::link::Link;
use super::session;

/// Counts and logs a connection that never produced a hello.
fn failed(ctx: &Context, remote: SocketAddr, err: &HandshakeError) {
    ctx.metrics.handshake_failed();
    debug!(%remote, "handshake failed: {err}");
}

/// Serves one connection; `guard` counts it until this returns or hands it on.
///
/// The steps before the session are boxed and end before it starts: this task lives as long
/// as the session, and only what the session needs stays allocated meanwhile.
pub(crate) async fn serve(
    ctx: Arc<Context>,
    incoming: Box<quinn::Incoming>,
    guard: ConnectionGuard,
) {
    let Some((link, role, ip)) = Box::pin(admit(&ctx, *incoming, guard)).await else {
        return;
    };
    // Bound first: in an `if let` the boxed join would live on through the session.
    let paired = Box::pin(join(&ctx, link, role, ip)).await;
    if let Some(paired) = paired {
        Box::pin(session::run(ctx, paired)).await;
    }
}

/// The QUIC handshake and the hello: the link and what it asks for, or `None` once the
/// connection has been refused.
async fn admit(
    ctx: &Context,
    incoming: quinn::Incoming,
    guard: ConnectionGuard,
) -> Option<(Link, Role, IpAddr)> {
    let remote = incoming.remote_address();
    let timeout = ctx.limits.handshake_timeout;
    let deadline = Instant::now() + timeout;
    let established = tokio::select! {
        result = tokio::time::timeout_at(deadline, establish(incoming)) => result,
        () = ctx.shutting_down() => return None,
    };
    let conn = match established {
        Ok(Ok(conn)) => conn,
        Ok(Err(err)) => {
            failed(ctx, remote, &err);
            return None;
        }
        Err(_) => {
            failed(ctx, remote, &HandshakeError::TooSlow(timeout));
            return None;
        }
    };
    let bad_handshake = |err: HandshakeError| {
        failed(ctx, remote, &err);
        let code = CloseCode::BadHandshake;
        conn.close(
            quinn::VarInt::from_u32(code.code()),
            err.to_string().as_bytes(),
        );
        None
    };
    if !speaks_lifeline(&conn) {
        return bad_handshake(HandshakeError::WrongAlpn);
    }
    let hello = tokio::select! {
        result = tokio::time::timeout_at(
            deadline,
            accept_hello(&conn, ctx.limits.handshake_max_bytes),
        ) => result,
        () = ctx.shutting_down() => {
            let code = CloseCode::Shutdown;
            conn.close(quinn::VarInt::from_u32(code.code()), code.to_string().as_bytes());
            return None;
        }
    };
    let (send, recv, hello) = match hello {
        Ok(Ok(found)) => found,
        Ok(Err(err)) => return bad_handshake(err),
        Err(_) => return bad_handshake(HandshakeError::TooSlow(timeout)),
    };
    let link = Link::new(ctx.hub.next_conn_id(), conn.clone(), send, recv, guard);
    if hello.version != PROTOCOL_VERSION {
        let reason = RejectReason::UnsupportedVersion {
            supported: PROTOCOL_VERSION,
        };
        link.reject(ctx, reason).await;
        return None;
    }
    Some((link, hello.role, remote.ip()))
}
