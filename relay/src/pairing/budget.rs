//! Join-attempt budgets per source: a token bucket, then exponential backoff.
//!
//! Every join attempt (customer or technician) takes a token from its source's bucket
//! before the relay looks the code up; an attempt that is admitted gets its token back, so
//! only failures (wrong codes, bad tokens) use the budget up. The bucket holds
//! `join_attempts_per_minute` tokens and earns one back every `60 s / that`.
//!
//! An attempt that finds the bucket empty, or arrives while its source is blocked, is refused
//! and counts a *strike*: the source is blocked for `first_backoff · 2^(strikes−1)` (capped
//! at an hour). Strikes are forgiven once the source has stayed quiet for
//! `forgive_after` past the end of its block. The refusal says when to try again: the end of
//! the block or the next token, whichever is later, so a client that waits that long is
//! admitted.
//!
//! What this costs a guesser: one source gets at most 10 attempts a minute (14,400 a day)
//! however it paces itself, and hammering only makes it worse. A code lives 20 minutes, so
//! one source can try at most ~200 of the 10⁹ codes against any one code's lifetime: with
//! 1,000 codes pending at once, the chance that a source hits any of them in a whole day is
//! about 14,400 · 1,000 / 10⁹ ≈ 1.4 %, and the chance of hitting a particular customer's
//! code is about 2 · 10⁻⁷.

use std::collections::HashMap;

use lifeline_protocol::messages::UnixMillis;
use lifeline_protocol::messages::handshake::RejectReason;

use super::source::SourceKey;

/// Entries tracked before the first sweep of idle budgets.
const PRUNE_FLOOR: usize = 1024;

/// How join attempts are budgeted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BudgetRules {
    /// Attempts a fresh source may make at once.
    pub burst: u32,
    /// One token comes back this often, milliseconds.
    pub refill_every_ms: u64,
    /// Block after the first refused attempt, milliseconds; doubles with each strike.
    pub first_backoff_ms: u64,
    /// Longest block, milliseconds.
    pub max_backoff_ms: u64,
    /// Quiet time after a block's end that forgives all strikes, milliseconds.
    pub forgive_after_ms: u64,
}

impl BudgetRules {
    /// `attempts` a minute (at least one), first backoff one refill interval, blocks up to
    /// an hour, strikes forgiven after 15 quiet minutes.
    pub fn per_minute(attempts: u32) -> Self {
        let burst = attempts.max(1);
        let refill_every_ms = (60_000 / u64::from(burst)).max(1);
        Self {
            burst,
            refill_every_ms,
            first_backoff_ms: refill_every_ms,
            max_backoff_ms: 60 * 60 * 1000,
            forgive_after_ms: 15 * 60 * 1000,
        }
    }

    /// The block a source earns with its `strikes`-th strike (`strikes >= 1`).
    pub fn backoff_ms(&self, strikes: u32) -> u64 {
        let factor = 1u64
            .checked_shl(strikes.saturating_sub(1))
            .unwrap_or(u64::MAX);
        self.first_backoff_ms
            .saturating_mul(factor)
            .min(self.max_backoff_ms)
    }
}

/// A join attempt refused because its source used up its budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimited {
    /// Milliseconds until an attempt from this source will be admitted.
    pub retry_after_ms: u64,
}

impl RateLimited {
    /// The wait in whole seconds, rounded up, at least one.
    pub fn retry_after_secs(&self) -> u32 {
        let secs = self.retry_after_ms.div_ceil(1000).max(1);
        u32::try_from(secs).unwrap_or(u32::MAX)
    }

    /// The reason sent to the client.
    pub fn reason(&self) -> RejectReason {
        RejectReason::RateLimited {
            retry_after_secs: self.retry_after_secs(),
        }
    }
}

/// One source's budget.
#[derive(Debug, Clone, Copy)]
struct Budget {
    tokens: u32,
    /// Time up to which tokens have been credited.
    refilled_at: u64,
    /// Refused attempts since the last forgiveness.
    strikes: u32,
    /// Attempts before this time are refused.
    blocked_until: u64,
}

impl Budget {
    fn fresh(rules: &BudgetRules, now: u64) -> Self {
        Self {
            tokens: rules.burst,
            refilled_at: now,
            strikes: 0,
            blocked_until: 0,
        }
    }

    fn forgive(&mut self, rules: &BudgetRules, now: u64) {
        if self.strikes > 0 && now >= self.blocked_until.saturating_add(rules.forgive_after_ms) {
            self.strikes = 0;
        }
    }

    fn refill(&mut self, rules: &BudgetRules, now: u64) {
        if self.tokens >= rules.burst {
            self.refilled_at = now;
            return;
        }
        let earned = now.saturating_sub(self.refilled_at) / rules.refill_every_ms;
        if earned == 0 {
            return;
        }
        let tokens = u64::from(self.tokens).saturating_add(earned);
        if tokens >= u64::from(rules.burst) {
            self.tokens = rules.burst;
            self.refilled_at = now;
        } else {
            // Below `burst`, a u32, so the cast cannot truncate.
            self.tokens = tokens as u32;
            self.refilled_at += earned * rules.refill_every_ms;
        }
    }

    /// When the next token is credited (now, if one is there).
    fn next_token_at(&self, rules: &BudgetRules, now: u64) -> u64 {
        if self.tokens > 0 {
            now
        } else {
            self.refilled_at.saturating_add(rules.refill_every_ms)
        }
    }

    /// Indistinguishable from a fresh budget: nothing to remember.
    fn is_idle(&self, rules: &BudgetRules, now: u64) -> bool {
        let mut settled = *self;
        settled.forgive(rules, now);
        settled.refill(rules, now);
        settled.strikes == 0 && now >= settled.blocked_until && settled.tokens >= rules.burst
    }
}

/// The join-attempt budgets of every source seen recently.
#[derive(Debug)]
pub struct JoinBudgets {
    rules: BudgetRules,
    budgets: HashMap<SourceKey, Budget>,
    /// Sweep idle budgets when this many are tracked.
    prune_at: usize,
}

impl JoinBudgets {
    /// Empty budgets under `rules`.
    pub fn new(rules: BudgetRules) -> Self {
        Self {
            rules,
            budgets: HashMap::new(),
            prune_at: PRUNE_FLOOR,
        }
    }

    /// The rules in force.
    pub fn rules(&self) -> &BudgetRules {
        &self.rules
    }

    /// Takes a token for an attempt from `source`, or refuses it (and counts a strike).
    pub fn try_attempt(&mut self, source: SourceKey, now: UnixMillis) -> Result<(), RateLimited> {
        if self.budgets.len() >= self.prune_at {
            self.prune(now);
        }
        let rules = self.rules;
        let now = now.0;
        let budget = self
            .budgets
            .entry(source)
            .or_insert_with(|| Budget::fresh(&rules, now));
        budget.forgive(&rules, now);
        budget.refill(&rules, now);
        if now >= budget.blocked_until && budget.tokens > 0 {
            budget.tokens -= 1;
            return Ok(());
        }
        budget.strikes = budget.strikes.saturating_add(1);
        let block_end = now.saturating_add(rules.backoff_ms(budget.strikes));
        budget.blocked_until = budget.blocked_until.max(block_end);
        let admitted_at = budget.blocked_until.max(budget.next_token_at(&rules, now));
        Err(RateLimited {
            retry_after_ms: admitted_at - now,
        })
    }

    /// Gives back the token of an attempt that was admitted.
    pub fn refund(&mut self, source: SourceKey, now: UnixMillis) {
        let rules = self.rules;
        if let Some(budget) = self.budgets.get_mut(&source) {
            budget.refill(&rules, now.0);
            budget.tokens = budget.tokens.saturating_add(1).min(rules.burst);
        }
    }

    /// Attempts `source` could make right now without being refused.
    pub fn available(&self, source: SourceKey, now: UnixMillis) -> u32 {
        match self.budgets.get(&source) {
            None => self.rules.burst,
            Some(budget) => {
                let mut settled = *budget;
                settled.forgive(&self.rules, now.0);
                settled.refill(&self.rules, now.0);
                if now.0 < settled.blocked_until {
                    0
                } else {
                    settled.tokens
                }
            }
        }
    }

    /// Sources with a budget in memory.
    pub fn tracked(&self) -> usize {
        self.budgets.len()
    }

    /// Forgets budgets that are back to fresh, so memory follows recent sources only.
    pub fn prune(&mut self, now: UnixMillis) {
        let rules = self.rules;
        self.budgets
            .retain(|_, budget| !budget.is_idle(&rules, now.0));
        self.prune_at = (self.budgets.len() * 2).max(PRUNE_FLOOR);
    }
}
