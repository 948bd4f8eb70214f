//! What a frontend holds: the session's events, a way to send it commands, and the task's
//! outcome.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use lifeline_protocol::messages::Party;
use lifeline_protocol::messages::control::EndReason;
use thiserror::Error;
use tokio::sync::{Notify, mpsc};
use tokio::task::JoinHandle;

use super::clock::AgentClock;
use super::events::{CustomerCommand, CustomerEvent};

/// The session is over; it takes no more commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
#[error("the session is over")]
pub struct SessionGone;

/// Why a command could not be queued without waiting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum TrySendError {
    /// The session is busy; try again (the queue is bounded).
    #[error("the session is busy; try again")]
    Full,
    /// The session is over.
    #[error(transparent)]
    Gone(#[from] SessionGone),
}

/// Wakes the session when the phone changed behind its back.
#[derive(Debug, Default)]
pub(crate) struct DeviceSignal {
    notify: Notify,
    changed: AtomicBool,
}

impl DeviceSignal {
    pub(crate) fn raise(&self) {
        self.changed.store(true, Ordering::Release);
        self.notify.notify_one();
    }

    /// Waits until raised; `true` once per raise.
    pub(crate) async fn wait(&self) -> bool {
        self.notify.notified().await;
        self.changed.swap(false, Ordering::AcqRel)
    }
}

/// Sends [`CustomerCommand`]s to the session. Cheap to clone; usable from async code
/// ([`send`](Self::send)) and from a UI thread ([`try_send`](Self::try_send),
/// [`blocking_send`](Self::blocking_send)).
#[derive(Debug, Clone)]
pub struct CommandSender {
    tx: mpsc::Sender<CustomerCommand>,
    signal: Arc<DeviceSignal>,
}

impl CommandSender {
    pub(crate) fn new(tx: mpsc::Sender<CustomerCommand>, signal: Arc<DeviceSignal>) -> Self {
        Self { tx, signal }
    }

    /// Queues a command, waiting while the queue is full.
    pub async fn send(&self, command: CustomerCommand) -> Result<(), SessionGone> {
        self.tx.send(command).await.map_err(|_| SessionGone)
    }

    /// Queues a command without waiting (for a UI thread).
    pub fn try_send(&self, command: CustomerCommand) -> Result<(), TrySendError> {
        self.tx.try_send(command).map_err(|e| match e {
            mpsc::error::TrySendError::Full(_) => TrySendError::Full,
            mpsc::error::TrySendError::Closed(_) => TrySendError::Gone(SessionGone),
        })
    }

    /// Queues a command from a thread that is not async (never from inside the runtime).
    pub fn blocking_send(&self, command: CustomerCommand) -> Result<(), SessionGone> {
        self.tx.blocking_send(command).map_err(|_| SessionGone)
    }

    /// Call after touching the shared phone outside the session: the customer's own taps in
    /// a desktop window, or drawing its screen (`SimPhone::screen`), which clears the
    /// phone's "changed" flag. The session then takes what the customer did on the phone
    /// (dialog answers, chat, "Stop sharing") and checks the screen once more; an unchanged
    /// screen encodes to nothing, so a spare call costs little.
    pub fn device_changed(&self) {
        self.signal.raise();
    }

    /// Whether the session is over.
    pub fn is_closed(&self) -> bool {
        self.tx.is_closed()
    }
}

/// The customer's end of a running session, for a terminal or a desktop window.
#[derive(Debug)]
pub struct Frontend {
    /// What the customer should see; closes after [`CustomerEvent::Ended`]. Bounded: read it
    /// promptly (events that find it full are dropped with a warning).
    pub events: mpsc::Receiver<CustomerEvent>,
    /// What the customer does.
    pub commands: CommandSender,
    /// The clock the session passes to the device; use it for the customer's own input.
    pub clock: AgentClock,
}

/// How a session ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionOutcome {
    /// Who ended it.
    pub by: Party,
    /// Why.
    pub reason: EndReason,
}

impl SessionOutcome {
    /// Whether one of the two sides ended it on purpose (not a lost connection or a failure).
    pub fn is_clean(&self) -> bool {
        matches!(
            self.reason,
            EndReason::CustomerLeft | EndReason::TechnicianClosed
        )
    }
}

/// The running session task.
#[derive(Debug)]
pub struct SessionTask {
    handle: JoinHandle<SessionOutcome>,
}

impl SessionTask {
    pub(crate) fn new(handle: JoinHandle<SessionOutcome>) -> Self {
        Self { handle }
    }

    /// Waits for the session to end.
    pub async fn wait(self) -> SessionOutcome {
        self.handle.await.unwrap_or_else(|err| SessionOutcome {
            by: Party::Customer,
            reason: EndReason::Error(format!("the session task failed: {err}")),
        })
    }

    /// Whether the session has ended.
    pub fn is_finished(&self) -> bool {
        self.handle.is_finished()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_ends_are_the_two_sides_leaving() {
        let outcome = |reason| SessionOutcome {
            by: Party::Technician,
            reason,
        };
        assert!(outcome(EndReason::TechnicianClosed).is_clean());
        assert!(outcome(EndReason::CustomerLeft).is_clean());
        assert!(!outcome(EndReason::ConnectionLost).is_clean());
        assert!(!outcome(EndReason::Error("x".into())).is_clean());
    }

    #[tokio::test]
    async fn commands_fail_once_the_session_is_gone() {
        let (tx, rx) = mpsc::channel(1);
        let sender = CommandSender::new(tx, Arc::default());
        sender.try_send(CustomerCommand::Exit).unwrap();
        assert_eq!(
            sender.try_send(CustomerCommand::Exit),
            Err(TrySendError::Full)
        );
        drop(rx);
        assert!(sender.is_closed());
        assert_eq!(sender.send(CustomerCommand::Exit).await, Err(SessionGone));
    }

    #[tokio::test]
    async fn a_device_change_wakes_once() {
        let signal = DeviceSignal::default();
        signal.raise();
        assert!(signal.wait().await);
    }
}
