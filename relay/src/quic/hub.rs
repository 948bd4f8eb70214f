//! The pairing core behind a lock, plus the parties waiting on codes.
//!
//! A waiting party's task owns its connection and holds the receiving end of a one-shot
//! *handoff*; the hub keeps the sending end. When the peer arrives, the arriving task, under
//! the hub's lock, asks the core to pair and sends itself through the handoff: the waiting
//! task then runs the session. Deciding and handing over under one lock means a pairing can
//! never reach a party the core no longer has waiting, and vice versa.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};

use lifeline_protocol::SessionCode;
use lifeline_protocol::messages::UnixMillis;
use lifeline_protocol::messages::handshake::RejectReason;
use tokio::sync::oneshot;

use crate::pairing::{
    Arrival, CodeFacts, ConnId, JoinOutcome, JoinTicket, Pairing, PairingRules, RateLimited,
    TooManyConnections,
};
use crate::store::CodeRecord;

use super::link::{Link, Party, Who};

/// The peer that arrived, handed to the waiting party's task.
#[derive(Debug)]
pub(crate) struct Arrived {
    pub(crate) party: Party,
    /// The code as the arriving side read it (the freshest).
    pub(crate) record: CodeRecord,
}

/// A waiting party, as the hub holds it.
#[derive(Debug)]
struct Waiter {
    /// To check whether it is still there before pairing with it.
    conn: quinn::Connection,
    handoff: oneshot::Sender<Arrived>,
}

/// What an arrival on a code needs besides its link.
#[derive(Debug)]
pub(crate) struct Claim {
    pub(crate) code: SessionCode,
    pub(crate) arrival: Arrival,
    /// `None` for a technician whose token maps to no user.
    pub(crate) who: Option<Who>,
    /// `None` for an unknown code.
    pub(crate) record: Option<CodeRecord>,
}

/// What became of an arrival.
#[derive(Debug)]
pub(crate) enum JoinStep {
    /// Refuse it.
    Rejected(Link, RejectReason),
    /// The relay is at its session limit.
    Busy(Link),
    /// Admitted; wait on `handoff` for the peer, until `expires_at`.
    Waiting {
        party: Party,
        handoff: oneshot::Receiver<Arrived>,
        expires_at: UnixMillis,
    },
    /// Handed over to the waiting peer's task, which runs the session.
    HandedOver,
    /// The waiting peer's task was gone when the handoff came (the relay is shutting down).
    PeerGone(Party),
}

/// What became of a waiting party that stops waiting.
#[derive(Debug)]
pub(crate) enum StopWaiting {
    /// It was waiting and is removed; the code stays pending.
    Stopped,
    /// It had been paired or displaced meanwhile: look at the handoff.
    NotWaiting,
}

/// What became of a waiting party at its code's expiry.
#[derive(Debug)]
pub(crate) enum Expiry {
    /// Expired and removed: tell it and close.
    Expired,
    /// The wall clock has not reached the expiry yet: wait more.
    NotYet,
    /// It had been paired or displaced meanwhile: look at the handoff.
    NotWaiting,
}

#[derive(Debug)]
struct HubState {
    pairing: Pairing,
    waiting: HashMap<ConnId, Waiter>,
}

/// The pairing core and the waiting parties of one relay.
#[derive(Debug)]
pub(crate) struct Hub {
    state: Mutex<HubState>,
    next_id: AtomicU64,
}

impl Hub {
    pub(crate) fn new(rules: PairingRules) -> Self {
        Self {
            state: Mutex::new(HubState {
                pairing: Pairing::new(rules),
                waiting: HashMap::new(),
            }),
            next_id: AtomicU64::new(1),
        }
    }

    /// The state; a panic elsewhere while holding the lock leaves it consistent enough (every
    /// change below is a single step), so a poisoned lock is taken over.
    fn lock(&self) -> MutexGuard<'_, HubState> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A fresh connection ID.
    pub(crate) fn next_conn_id(&self) -> ConnId {
        ConnId(self.next_id.fetch_add(1, Ordering::Relaxed))
    }

    pub(crate) fn connection_opened(&self, ip: IpAddr) -> Result<(), TooManyConnections> {
        self.lock().pairing.connection_opened(ip)
    }

    pub(crate) fn connection_closed(&self, ip: IpAddr) {
        self.lock().pairing.connection_closed(ip);
    }

    pub(crate) fn begin_join(
        &self,
        ip: IpAddr,
        now: UnixMillis,
    ) -> Result<JoinTicket, RateLimited> {
        self.lock().pairing.begin_join(ip, now)
    }

    /// Decides an arrival and carries out the decision: registers a waiting party, or hands
    /// the arrival to the party waiting on the code.
    pub(crate) fn join(
        &self,
        ticket: JoinTicket,
        link: Link,
        claim: Claim,
        facts: Option<CodeFacts>,
        now: UnixMillis,
    ) -> JoinStep {
        let code = claim.code;
        let mut state = self.lock();
        state.forget_dead_waiter(code, now);
        let outcome = state
            .pairing
            .join(ticket, code, link.id, claim.arrival, facts.as_ref(), now);
        // The core admits technicians only with a user and codes only with facts, which come
        // from the record; should that ever not hold, the admission is undone and refused.
        let refuse_unadmittable = |state: &mut HubState, link: Link| {
            state.pairing.leave(code, link.id, now);
            JoinStep::Rejected(link, RejectReason::Unauthorized)
        };
        match outcome {
            JoinOutcome::Rejected(reason) => JoinStep::Rejected(link, reason),
            JoinOutcome::Busy => JoinStep::Busy(link),
            JoinOutcome::Waiting {
                expires_at,
                displaced,
            } => {
                let Some(who) = claim.who else {
                    return refuse_unadmittable(&mut state, link);
                };
                if let Some(old) = displaced {
                    // Dropping its handoff tells the displaced task to close.
                    state.waiting.remove(&old);
                }
                let (handoff, receiver) = oneshot::channel();
                state.waiting.insert(
                    link.id,
                    Waiter {
                        conn: link.conn.clone(),
                        handoff,
                    },
                );
                JoinStep::Waiting {
                    party: Party { link, who },
                    handoff: receiver,
                    expires_at,
                }
            }
            JoinOutcome::Paired { peer } => {
                let Some((who, record)) = claim.who.zip(claim.record) else {
                    return refuse_unadmittable(&mut state, link);
                };
                let arrival = Arrived {
                    party: Party { link, who },
                    record,
                };
                let handed = match state.waiting.remove(&peer) {
                    Some(waiter) => waiter.handoff.send(arrival),
                    None => Err(arrival),
                };
                match handed {
                    Ok(()) => JoinStep::HandedOver,
                    Err(arrival) => {
                        state.pairing.leave(code, arrival.party.link.id, now);
                        JoinStep::PeerGone(arrival.party)
                    }
                }
            }
        }
    }

    /// A waiting party's connection ended, or the relay shuts down.
    pub(crate) fn stop_waiting(
        &self,
        code: SessionCode,
        id: ConnId,
        now: UnixMillis,
    ) -> StopWaiting {
        let mut state = self.lock();
        if state.waiting.remove(&id).is_some() {
            state.pairing.leave(code, id, now);
            StopWaiting::Stopped
        } else {
            StopWaiting::NotWaiting
        }
    }

    /// A waiting party's code reached its expiry (by the tokio clock).
    pub(crate) fn expire(&self, code: SessionCode, id: ConnId, now: UnixMillis) -> Expiry {
        let mut state = self.lock();
        if !state.waiting.contains_key(&id) {
            return Expiry::NotWaiting;
        }
        if state.pairing.expire_waiting(code, id, now) {
            state.waiting.remove(&id);
            Expiry::Expired
        } else {
            Expiry::NotYet
        }
    }

    /// A paired party left (or the session is torn down): the session is over.
    pub(crate) fn leave(&self, code: SessionCode, id: ConnId, now: UnixMillis) {
        self.lock().pairing.leave(code, id, now);
    }
}

impl HubState {
    /// If the party waiting on `code` has lost its connection (and its task has not noticed
    /// yet), removes it so that an arrival does not pair with a ghost.
    fn forget_dead_waiter(&mut self, code: SessionCode, now: UnixMillis) {
        let Some((_, id)) = self.pairing.rooms().waiting(code) else {
            return;
        };
        let dead = self
            .waiting
            .get(&id)
            .is_some_and(|waiter| waiter.conn.close_reason().is_some());
        if dead {
            self.waiting.remove(&id);
            self.pairing.leave(code, id, now);
        }
    }
}
