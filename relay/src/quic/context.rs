//! What every connection task shares: the store, metrics, limits, clock, the pairing hub and
//! the shutdown signal.

use std::net::IpAddr;
use std::sync::Arc;

use lifeline_protocol::messages::UnixMillis;
use tokio::sync::watch;

use crate::config::Limits;
use crate::metrics::Metrics;
use crate::server::Clock;
use crate::store::Store;

use super::hub::Hub;

/// Shared by the accept loop and every connection task.
#[derive(Debug)]
pub(crate) struct Context {
    pub(crate) store: Store,
    pub(crate) metrics: Arc<Metrics>,
    pub(crate) limits: Limits,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) hub: Hub,
    /// Becomes `true` when the relay shuts down (a dropped sender counts as shutdown too).
    pub(crate) shutdown: watch::Receiver<bool>,
}

impl Context {
    /// Wall-clock time, as the store and the pairing core see it.
    pub(crate) fn now(&self) -> UnixMillis {
        self.clock.now()
    }

    /// Resolves once the relay is shutting down.
    pub(crate) async fn shutting_down(&self) {
        let mut shutdown = self.shutdown.clone();
        let _ = shutdown.wait_for(|down| *down).await;
    }
}

/// Counts one open connection from `ip`, for its whole life: dropping the guard releases it
/// from the per-address count and the open-connections gauge.
#[derive(Debug)]
pub(crate) struct ConnectionGuard {
    ctx: Arc<Context>,
    ip: IpAddr,
}

impl ConnectionGuard {
    /// Counts a connection the hub admitted (see `Hub::connection_opened`).
    pub(crate) fn new(ctx: Arc<Context>, ip: IpAddr) -> Self {
        ctx.metrics.connection_opened();
        Self { ctx, ip }
    }
}

impl Drop for ConnectionGuard {
    fn drop(&mut self) {
        self.ctx.hub.connection_closed(self.ip);
        self.ctx.metrics.connection_closed();
    }
}
