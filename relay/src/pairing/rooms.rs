//! Waiting rooms: who is waiting on which code, and pairing when both sides are there.
//!
//! The rules:
//!
//! - A code is joined by one technician (its owner, with a valid token) and one customer, in
//!   either order. Whoever comes first waits; the second arrival pairs them and the session
//!   starts. A code pairs once: afterwards every join is refused as already used.
//! - A code must be pending and not past `expires_at` to be joined. Cancelled codes are
//!   refused as expired ("ask for a new one"), the nearest reason a customer understands.
//! - A second customer on a code that already has a customer waiting is refused as already
//!   used: the first customer claimed it. (Customers are anonymous, so the relay cannot tell
//!   a reconnecting customer from someone else; the first claim stands until its connection
//!   ends.)
//! - A technician arriving on a code its owner is already waiting on replaces the waiting
//!   connection, which is *displaced*: the owner is authenticated, and a console that lost its
//!   network must be able to come back before the old connection times out.
//! - Leaving before the peer arrives (either side) frees the room and the code stays pending:
//!   nothing happened yet, so the technician may come back, or the customer may retry, until
//!   the code expires or is cancelled.
//! - A party still waiting when the code expires is expired: the caller tells it so and
//!   closes its connection.
//! - At most `max_sessions` sessions are paired at once; an arrival that would pair one more
//!   is turned away as busy, and the party already waiting keeps waiting.

use std::collections::HashMap;

use lifeline_protocol::SessionCode;
use lifeline_protocol::messages::UnixMillis;
use lifeline_protocol::messages::handshake::RejectReason;

/// Identifies one client connection to the pairing core; the caller keeps them unique.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ConnId(pub u64);

/// Which side of a session a connection is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Side {
    /// The technician at the console.
    Technician,
    /// The customer on the phone.
    Customer,
}

/// A code's state as the store knows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeStatus {
    /// Created, nobody has paired on it yet.
    Pending,
    /// A session on it is in progress.
    Active,
    /// Its session has ended.
    Ended,
    /// It expired unused.
    Expired,
    /// The technician withdrew it.
    Cancelled,
}

/// What the caller read from the store about a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodeFacts {
    /// The technician (user ID) who created it.
    pub owner_id: i64,
    /// Its state.
    pub status: CodeStatus,
    /// Joins at or after this time are refused.
    pub expires_at: UnixMillis,
}

/// Who is arriving on a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arrival {
    /// A technician; `user_id` is `None` when the token maps to no enabled user.
    Technician {
        /// The signed-in user, if the token is valid.
        user_id: Option<i64>,
    },
    /// A customer.
    Customer,
}

impl Arrival {
    /// The side this arrival takes.
    pub fn side(self) -> Side {
        match self {
            Self::Technician { .. } => Side::Technician,
            Self::Customer => Side::Customer,
        }
    }
}

/// What to do with an arrival.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JoinOutcome {
    /// Refuse it with this reason.
    Rejected(RejectReason),
    /// Refuse it: the relay is at its session limit. Whoever waits on the code keeps waiting.
    Busy,
    /// Admitted; wait for the peer until `expires_at`.
    Waiting {
        /// When to give up waiting (see [`Rooms::expire_waiting`]).
        expires_at: UnixMillis,
        /// A waiting technician connection this one replaces; close it.
        displaced: Option<ConnId>,
    },
    /// Admitted and paired with `peer`, who was waiting: the session starts.
    Paired {
        /// The waiting connection.
        peer: ConnId,
    },
}

/// What a connection's departure meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeaveOutcome {
    /// It was not waiting or paired on that code (already gone, displaced or expired).
    NotThere,
    /// It was waiting; the code stays pending.
    StoppedWaiting,
    /// It was in a session, which has ended; tell `peer`.
    SessionEnded {
        /// The other side.
        peer: ConnId,
    },
}

#[derive(Debug, Clone, Copy)]
enum Room {
    Waiting {
        side: Side,
        conn: ConnId,
        expires_at: UnixMillis,
    },
    Paired {
        technician: ConnId,
        customer: ConnId,
        expires_at: UnixMillis,
    },
}

/// Every code someone is waiting or in a session on.
#[derive(Debug)]
pub struct Rooms {
    max_sessions: u32,
    rooms: HashMap<SessionCode, Room>,
    /// Codes whose session ended, until they would have expired anyway: refused as used
    /// even if the store has not recorded the end.
    used: HashMap<SessionCode, UnixMillis>,
    paired: u32,
}

impl Rooms {
    /// Empty rooms; at most `max_sessions` paired at once.
    pub fn new(max_sessions: u32) -> Self {
        Self {
            max_sessions,
            rooms: HashMap::new(),
            used: HashMap::new(),
            paired: 0,
        }
    }

    /// Sessions paired right now.
    pub fn sessions(&self) -> u32 {
        self.paired
    }

    /// Who waits on `code`, if anyone.
    pub fn waiting(&self, code: SessionCode) -> Option<(Side, ConnId)> {
        match self.rooms.get(&code) {
            Some(Room::Waiting { side, conn, .. }) => Some((*side, *conn)),
            _ => None,
        }
    }

    /// Whether `code` has a session in progress.
    pub fn is_paired(&self, code: SessionCode) -> bool {
        matches!(self.rooms.get(&code), Some(Room::Paired { .. }))
    }

    /// Decides an arrival on `code`. `facts` is `None` when the store has no such code.
    pub fn join(
        &mut self,
        code: SessionCode,
        conn: ConnId,
        arrival: Arrival,
        facts: Option<&CodeFacts>,
        now: UnixMillis,
    ) -> JoinOutcome {
        if let Arrival::Technician { user_id: None } = arrival {
            return JoinOutcome::Rejected(RejectReason::Unauthorized);
        }
        let Some(facts) = facts else {
            return JoinOutcome::Rejected(RejectReason::UnknownCode);
        };
        if let Arrival::Technician {
            user_id: Some(user),
        } = arrival
            && user != facts.owner_id
        {
            return JoinOutcome::Rejected(RejectReason::Unauthorized);
        }
        if let Some(reason) = self.refusal(code, facts, now) {
            return JoinOutcome::Rejected(reason);
        }
        let side = arrival.side();
        match self.rooms.get(&code).copied() {
            None => {
                self.rooms.insert(
                    code,
                    Room::Waiting {
                        side,
                        conn,
                        expires_at: facts.expires_at,
                    },
                );
                JoinOutcome::Waiting {
                    expires_at: facts.expires_at,
                    displaced: None,
                }
            }
            Some(Room::Waiting {
                side: waiting_side,
                conn: waiting,
                ..
            }) if waiting_side == side => match side {
                Side::Customer => JoinOutcome::Rejected(RejectReason::AlreadyUsed),
                Side::Technician => {
                    self.rooms.insert(
                        code,
                        Room::Waiting {
                            side,
                            conn,
                            expires_at: facts.expires_at,
                        },
                    );
                    JoinOutcome::Waiting {
                        expires_at: facts.expires_at,
                        displaced: Some(waiting),
                    }
                }
            },
            Some(Room::Waiting { conn: waiting, .. }) => {
                if self.paired >= self.max_sessions {
                    return JoinOutcome::Busy;
                }
                let (technician, customer) = match side {
                    Side::Technician => (conn, waiting),
                    Side::Customer => (waiting, conn),
                };
                self.rooms.insert(
                    code,
                    Room::Paired {
                        technician,
                        customer,
                        expires_at: facts.expires_at,
                    },
                );
                self.paired += 1;
                JoinOutcome::Paired { peer: waiting }
            }
            // `refusal` already turned these away.
            Some(Room::Paired { .. }) => JoinOutcome::Rejected(RejectReason::AlreadyUsed),
        }
    }

    /// Why `code` cannot be joined now, if it cannot.
    fn refusal(
        &self,
        code: SessionCode,
        facts: &CodeFacts,
        now: UnixMillis,
    ) -> Option<RejectReason> {
        let in_session = matches!(self.rooms.get(&code), Some(Room::Paired { .. }));
        if in_session
            || self.used.contains_key(&code)
            || matches!(facts.status, CodeStatus::Active | CodeStatus::Ended)
        {
            return Some(RejectReason::AlreadyUsed);
        }
        if matches!(facts.status, CodeStatus::Expired | CodeStatus::Cancelled)
            || now >= facts.expires_at
        {
            return Some(RejectReason::Expired);
        }
        None
    }

    /// `conn`, on `code`, is gone.
    pub fn leave(&mut self, code: SessionCode, conn: ConnId, now: UnixMillis) -> LeaveOutcome {
        match self.rooms.get(&code).copied() {
            Some(Room::Waiting { conn: waiting, .. }) if waiting == conn => {
                self.rooms.remove(&code);
                LeaveOutcome::StoppedWaiting
            }
            Some(Room::Paired {
                technician,
                customer,
                expires_at,
            }) if conn == technician || conn == customer => {
                self.rooms.remove(&code);
                self.paired = self.paired.saturating_sub(1);
                self.used.retain(|_, until| now < *until);
                if now < expires_at {
                    self.used.insert(code, expires_at);
                }
                let peer = if conn == technician {
                    customer
                } else {
                    technician
                };
                LeaveOutcome::SessionEnded { peer }
            }
            _ => LeaveOutcome::NotThere,
        }
    }

    /// Removes `conn` from `code`'s waiting room if it is still waiting there and the code
    /// has expired; `true` if it was expired (the caller then tells it and closes it).
    pub fn expire_waiting(&mut self, code: SessionCode, conn: ConnId, now: UnixMillis) -> bool {
        match self.rooms.get(&code) {
            Some(Room::Waiting {
                conn: waiting,
                expires_at,
                ..
            }) if *waiting == conn && now >= *expires_at => {
                self.rooms.remove(&code);
                true
            }
            _ => false,
        }
    }
}
