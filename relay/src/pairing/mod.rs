//! The sans-IO pairing and rate-limit core.
//!
//! No sockets, no tasks, no clock: the QUIC side reads the store, passes what it learned and
//! the current time in, and carries out the decision it gets back. Everything here is tested
//! as deterministic stories on a virtual clock (`tests/`).
//!
//! - [`source`]: budgets are kept per IPv4 address or IPv6 /64 ([`SourceKey`]);
//! - [`connections`]: open connections per source ([`ConnectionCounts`]);
//! - [`budget`]: join attempts per source, a token bucket then exponential backoff
//!   ([`JoinBudgets`]);
//! - [`rooms`]: waiting rooms per code and pairing ([`Rooms`]; its docs state the rules).
//!
//! [`Pairing`] puts them together in the order the relay uses them: a connection is counted
//! when it arrives ([`Pairing::connection_opened`]), a join attempt takes a budget token
//! before the code is looked up ([`Pairing::begin_join`]), and the join is decided with the
//! code's facts ([`Pairing::join`]), which gives the token back if the attempt was admitted.

pub mod budget;
pub mod connections;
pub mod rooms;
pub mod source;

#[cfg(test)]
mod tests;

use std::net::IpAddr;

use lifeline_protocol::SessionCode;
use lifeline_protocol::messages::UnixMillis;

pub use budget::{BudgetRules, JoinBudgets, RateLimited};
pub use connections::{ConnectionCounts, TooManyConnections};
pub use rooms::{Arrival, CodeFacts, CodeStatus, ConnId, JoinOutcome, LeaveOutcome, Rooms, Side};
pub use source::SourceKey;

use crate::config::Limits;

/// The limits the pairing core enforces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PairingRules {
    /// Join-attempt budget of each source.
    pub budget: BudgetRules,
    /// Connections a source may hold open.
    pub connections_per_address: u32,
    /// Sessions paired at once.
    pub max_sessions: u32,
}

impl PairingRules {
    /// The rules that follow from the relay's limits.
    pub fn from_limits(limits: &Limits) -> Self {
        Self {
            budget: BudgetRules::per_minute(limits.join_attempts_per_minute),
            connections_per_address: limits.connections_per_address,
            max_sessions: limits.max_sessions,
        }
    }
}

/// A join attempt that took a budget token; hand it to [`Pairing::join`].
#[derive(Debug)]
#[must_use = "a join attempt must be decided with Pairing::join"]
pub struct JoinTicket {
    source: SourceKey,
}

/// Connection counts, join budgets and waiting rooms of one relay.
#[derive(Debug)]
pub struct Pairing {
    connections: ConnectionCounts,
    budgets: JoinBudgets,
    rooms: Rooms,
}

impl Pairing {
    /// A core with nobody connected.
    pub fn new(rules: PairingRules) -> Self {
        Self {
            connections: ConnectionCounts::new(rules.connections_per_address),
            budgets: JoinBudgets::new(rules.budget),
            rooms: Rooms::new(rules.max_sessions),
        }
    }

    /// A connection from `ip` arrives: count it, or refuse it if its source holds too many.
    pub fn connection_opened(&mut self, ip: IpAddr) -> Result<(), TooManyConnections> {
        self.connections.try_open(SourceKey::of(ip))
    }

    /// A connection counted by [`Self::connection_opened`] has ended.
    pub fn connection_closed(&mut self, ip: IpAddr) {
        self.connections.close(SourceKey::of(ip));
    }

    /// A join attempt from `ip` (before its code is looked up): take a budget token, or refuse
    /// the attempt.
    pub fn begin_join(&mut self, ip: IpAddr, now: UnixMillis) -> Result<JoinTicket, RateLimited> {
        let source = SourceKey::of(ip);
        self.budgets.try_attempt(source, now)?;
        Ok(JoinTicket { source })
    }

    /// Decides the attempt `ticket` began (see [`Rooms::join`]); an admitted attempt gets its
    /// budget token back.
    pub fn join(
        &mut self,
        ticket: JoinTicket,
        code: SessionCode,
        conn: ConnId,
        arrival: Arrival,
        facts: Option<&CodeFacts>,
        now: UnixMillis,
    ) -> JoinOutcome {
        let outcome = self.rooms.join(code, conn, arrival, facts, now);
        if !matches!(outcome, JoinOutcome::Rejected(_)) {
            self.budgets.refund(ticket.source, now);
        }
        outcome
    }

    /// `conn`, admitted on `code`, is gone (see [`Rooms::leave`]).
    pub fn leave(&mut self, code: SessionCode, conn: ConnId, now: UnixMillis) -> LeaveOutcome {
        self.rooms.leave(code, conn, now)
    }

    /// `conn` waited on `code` until its expiry (see [`Rooms::expire_waiting`]).
    pub fn expire_waiting(&mut self, code: SessionCode, conn: ConnId, now: UnixMillis) -> bool {
        self.rooms.expire_waiting(code, conn, now)
    }

    /// The waiting rooms.
    pub fn rooms(&self) -> &Rooms {
        &self.rooms
    }

    /// The join budgets.
    pub fn budgets(&self) -> &JoinBudgets {
        &self.budgets
    }

    /// The connection counts.
    pub fn connections(&self) -> &ConnectionCounts {
        &self.connections
    }
}
