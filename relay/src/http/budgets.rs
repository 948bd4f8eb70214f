//! Per-source budgets for the pages anyone can reach: the join page would otherwise let a
//! guesser test codes at HTTP speed, and the portal form would let one flood the queue.
//! Both use the pairing core's join budgets (token bucket, then backoff).

use std::net::IpAddr;
use std::sync::{Mutex, PoisonError};

use lifeline_protocol::messages::UnixMillis;

use crate::pairing::{BudgetRules, JoinBudgets, RateLimited, SourceKey};

/// Portal requests one source may leave per minute.
const REQUESTS_PER_MINUTE: u32 = 5;

/// Which public action an attempt is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Budget {
    /// Looking a code up on the join page; refunded when the code is usable.
    JoinPage,
    /// Leaving a portal request.
    PortalRequest,
}

#[derive(Debug)]
pub(super) struct PublicBudgets {
    join_pages: Mutex<JoinBudgets>,
    requests: Mutex<JoinBudgets>,
}

impl PublicBudgets {
    /// Join-page lookups get the QUIC side's allowance, `join_attempts_per_minute`.
    pub(super) fn new(join_attempts_per_minute: u32) -> Self {
        Self {
            join_pages: Mutex::new(JoinBudgets::new(BudgetRules::per_minute(
                join_attempts_per_minute,
            ))),
            requests: Mutex::new(JoinBudgets::new(BudgetRules::per_minute(
                REQUESTS_PER_MINUTE,
            ))),
        }
    }

    fn with<R>(&self, which: Budget, f: impl FnOnce(&mut JoinBudgets) -> R) -> R {
        let lock = match which {
            Budget::JoinPage => &self.join_pages,
            Budget::PortalRequest => &self.requests,
        };
        // The budgets are plain counters: usable even after a panic elsewhere.
        f(&mut lock.lock().unwrap_or_else(PoisonError::into_inner))
    }

    /// Takes a token for an attempt from `ip`, or says how long to wait.
    pub(super) fn attempt(
        &self,
        which: Budget,
        ip: IpAddr,
        now: UnixMillis,
    ) -> Result<(), RateLimited> {
        self.with(which, |b| b.try_attempt(SourceKey::of(ip), now))
    }

    /// Gives the token back: the attempt found what it looked for.
    pub(super) fn refund(&self, which: Budget, ip: IpAddr, now: UnixMillis) {
        self.with(which, |b| b.refund(SourceKey::of(ip), now));
    }
}
