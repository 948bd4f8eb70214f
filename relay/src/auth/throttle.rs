//! Sign-in throttling, sans-IO: every call takes `now`.
//!
//! Failures are counted per account name and per source address. After the first free
//! failure each further one doubles a delay before the next attempt is accepted (1 s, 2 s,
//! 4 s, … up to a cap); reaching the limit locks that account or address for a while. A
//! success clears the account's count but not the address's, so one working account does not
//! buy an address more guesses at others. Counts are forgotten after a quiet period.
//!
//! An attempt is bracketed by [`LoginThrottle::begin`] and one of the `finish_*` calls, so
//! parallel requests cannot all pass the check before the first failure is counted: one
//! attempt per account and a few per address run at a time.

use std::collections::HashMap;
use std::net::IpAddr;
use std::time::Duration;

use lifeline_protocol::messages::UnixMillis;

/// How sign-in failures are slowed and locked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThrottleConfig {
    /// Failures on one account before it is locked.
    pub account_limit: u32,
    /// Failures from one address before it is locked.
    pub address_limit: u32,
    /// Failures that cost no delay.
    pub free_failures: u32,
    /// The first delay; each further failure doubles it.
    pub base_delay: Duration,
    /// The longest delay before a lock.
    pub max_delay: Duration,
    /// How long a lock lasts.
    pub lock_for: Duration,
    /// A count with no failure for this long is forgotten.
    pub forget_after: Duration,
    /// Accounts and addresses tracked at most; stale ones are dropped first.
    pub max_entries: usize,
    /// Attempts on one account checked at once.
    pub account_parallel: u32,
    /// Attempts from one address checked at once.
    pub address_parallel: u32,
}

impl ThrottleConfig {
    /// Locks an account after `limit` failures and an address after twice that (an office
    /// behind one address has several people typing).
    pub fn with_limit(limit: u32) -> Self {
        let limit = limit.max(1);
        Self {
            account_limit: limit,
            address_limit: limit.saturating_mul(2),
            free_failures: 1,
            base_delay: Duration::from_secs(1),
            max_delay: Duration::from_secs(30),
            lock_for: Duration::from_secs(5 * 60),
            forget_after: Duration::from_secs(15 * 60),
            max_entries: 10_000,
            account_parallel: 1,
            address_parallel: 4,
        }
    }
}

/// A sign-in attempt that must wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Throttled {
    /// How long until an attempt is accepted again.
    pub retry_after: Duration,
    /// Whether this is a lock (the limit was reached) rather than a short delay.
    pub locked: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Account(String),
    Address(IpAddr),
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    failures: u32,
    last_failure: UnixMillis,
    blocked_until: UnixMillis,
    locked: bool,
    in_flight: u32,
}

impl Entry {
    fn fresh(now: UnixMillis) -> Self {
        Self {
            failures: 0,
            last_failure: now,
            blocked_until: now,
            locked: false,
            in_flight: 0,
        }
    }
}

/// What an attempt that finds another one on the same account under way is told.
const BUSY: Throttled = Throttled {
    retry_after: Duration::from_secs(1),
    locked: false,
};

/// Counts sign-in failures and says when an attempt must wait.
#[derive(Debug)]
pub struct LoginThrottle {
    config: ThrottleConfig,
    entries: HashMap<Key, Entry>,
}

impl LoginThrottle {
    /// An empty throttle.
    pub fn new(config: ThrottleConfig) -> Self {
        Self {
            config,
            entries: HashMap::new(),
        }
    }

    /// Whether an attempt on `account` from `address` may go ahead now; if not, the longer of
    /// the two waits.
    pub fn check(&self, account: &str, address: IpAddr, now: UnixMillis) -> Result<(), Throttled> {
        let waits = keys(account, address)
            .into_iter()
            .filter_map(|key| self.entries.get(&key))
            .filter(|entry| now < entry.blocked_until)
            .map(|entry| Throttled {
                retry_after: Duration::from_millis(entry.blocked_until.0 - now.0),
                locked: entry.locked,
            });
        match waits.max_by_key(|t| (t.locked, t.retry_after)) {
            Some(wait) => Err(wait),
            None => Ok(()),
        }
    }

    /// Starts an attempt: [`check`](Self::check), then marks it under way. Every `Ok` must be
    /// followed by exactly one of [`finish_failure`](Self::finish_failure),
    /// [`finish_success`](Self::finish_success) or [`abandon`](Self::abandon).
    pub fn begin(
        &mut self,
        account: &str,
        address: IpAddr,
        now: UnixMillis,
    ) -> Result<(), Throttled> {
        self.check(account, address, now)?;
        let [account_key, address_key] = keys(account, address);
        let busy = |entries: &HashMap<Key, Entry>, key: &Key, max: u32| {
            entries.get(key).is_some_and(|e| e.in_flight >= max)
        };
        if busy(&self.entries, &account_key, self.config.account_parallel)
            || busy(&self.entries, &address_key, self.config.address_parallel)
        {
            return Err(BUSY);
        }
        if self.entries.len() >= self.config.max_entries {
            self.prune(now);
        }
        for key in [account_key, address_key] {
            let entry = self.entries.entry(key).or_insert_with(|| Entry::fresh(now));
            entry.in_flight += 1;
        }
        Ok(())
    }

    /// Ends an attempt whose password was wrong: counts the failure.
    pub fn finish_failure(&mut self, account: &str, address: IpAddr, now: UnixMillis) {
        self.abandon(account, address);
        self.record_failure(account, address, now);
    }

    /// Ends an attempt that signed in: the account's count starts over.
    pub fn finish_success(&mut self, account: &str, address: IpAddr) {
        self.abandon(account, address);
        self.entries.remove(&Key::Account(normalize(account)));
    }

    /// Ends an attempt that was cut short, counting nothing.
    pub fn abandon(&mut self, account: &str, address: IpAddr) {
        for key in keys(account, address) {
            if let Some(entry) = self.entries.get_mut(&key) {
                entry.in_flight = entry.in_flight.saturating_sub(1);
            }
        }
    }

    /// Counts a failed attempt on `account` from `address`.
    pub fn record_failure(&mut self, account: &str, address: IpAddr, now: UnixMillis) {
        if self.entries.len() >= self.config.max_entries {
            self.prune(now);
        }
        for key in keys(account, address) {
            let limit = match key {
                Key::Account(_) => self.config.account_limit,
                Key::Address(_) => self.config.address_limit,
            };
            let entry = self.entries.entry(key).or_insert_with(|| Entry::fresh(now));
            let quiet = now.0.saturating_sub(entry.last_failure.0);
            let stale = quiet >= millis(self.config.forget_after);
            let lock_over = entry.locked && now >= entry.blocked_until;
            if stale || lock_over {
                *entry = Entry {
                    in_flight: entry.in_flight,
                    ..Entry::fresh(now)
                };
            }
            entry.failures = entry.failures.saturating_add(1);
            entry.last_failure = now;
            let wait = if entry.failures >= limit {
                entry.locked = true;
                self.config.lock_for
            } else {
                delay(&self.config, entry.failures)
            };
            entry.blocked_until = UnixMillis(now.0.saturating_add(millis(wait)));
        }
    }

    /// A successful sign-in on `account`: its count starts over.
    pub fn record_success(&mut self, account: &str) {
        self.entries.remove(&Key::Account(normalize(account)));
    }

    /// Accounts and addresses tracked now.
    pub fn tracked(&self) -> usize {
        self.entries.len()
    }

    /// Drops counts that no longer matter; if still full, the ones with the oldest failure.
    fn prune(&mut self, now: UnixMillis) {
        let forget = millis(self.config.forget_after);
        self.entries.retain(|_, e| {
            e.in_flight > 0
                || now < e.blocked_until
                || now.0.saturating_sub(e.last_failure.0) < forget
        });
        while self.entries.len() >= self.config.max_entries {
            let oldest = self
                .entries
                .iter()
                .filter(|(_, e)| e.in_flight == 0)
                .min_by_key(|(_, e)| e.last_failure)
                .map(|(k, _)| k.clone());
            match oldest {
                Some(key) => self.entries.remove(&key),
                None => break,
            };
        }
    }
}

/// The delay after the `failures`-th failure (below the limit).
fn delay(config: &ThrottleConfig, failures: u32) -> Duration {
    let Some(doublings) = failures.checked_sub(config.free_failures + 1) else {
        return Duration::ZERO;
    };
    let factor = 1u32.checked_shl(doublings.min(31)).unwrap_or(u32::MAX);
    config
        .base_delay
        .saturating_mul(factor)
        .min(config.max_delay)
}

fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

fn normalize(account: &str) -> String {
    account.trim().to_ascii_lowercase()
}

/// The keys an attempt counts against. IPv6 addresses count per /64, the block one
/// subscriber usually holds, so rotating through it gains nothing.
fn keys(account: &str, address: IpAddr) -> [Key; 2] {
    let address = match address {
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let mut octets = v6.octets();
                octets[8..].fill(0);
                IpAddr::from(octets)
            }
        },
        v4 => v4,
    };
    [Key::Account(normalize(account)), Key::Address(address)]
}

#[cfg(test)]
mod tests;
