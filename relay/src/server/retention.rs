//! The periodic task that deletes expired session records.

use std::sync::Arc;
use std::time::Duration;

use super::Clock;
use crate::store::Store;

/// How often expired records are looked for (also once at start).
const EVERY: Duration = Duration::from_secs(60 * 60);

/// Deletes expired records now and then every [`EVERY`], until the store is closed.
pub(super) async fn run(store: Store, clock: Arc<dyn Clock>) {
    let mut tick = tokio::time::interval(EVERY);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        if store.is_closed() {
            return;
        }
        if let Err(err) = store.purge_expired_records(clock.now()).await {
            tracing::warn!("expired records could not be deleted: {err}");
        }
    }
}
