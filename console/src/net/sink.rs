//! How the network side hands events to the UI: a bounded channel, and a wake-up so the UI
//! repaints when something arrives.

use std::fmt;
use std::sync::Arc;

use lifeline_protocol::SessionCode;
use tokio::sync::mpsc;

use crate::state::{Event, ServerEvent, SessionEvent};

/// Events waiting beyond this many make the network side wait (backpressure).
pub const EVENT_QUEUE: usize = 1024;

/// Called after each event, e.g. `egui::Context::request_repaint`.
pub type Waker = Arc<dyn Fn() + Send + Sync>;

/// Sends events to the UI. Cheap to clone.
#[derive(Clone)]
pub struct EventSink {
    tx: mpsc::Sender<Event>,
    waker: Waker,
}

impl fmt::Debug for EventSink {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EventSink").finish_non_exhaustive()
    }
}

/// Receives events on the UI side, without blocking.
#[derive(Debug)]
pub struct EventReceiver {
    rx: mpsc::Receiver<Event>,
}

impl EventReceiver {
    /// The next waiting event, if any.
    pub fn try_recv(&mut self) -> Option<Event> {
        self.rx.try_recv().ok()
    }

    /// Waits for the next event (async drivers).
    pub async fn recv(&mut self) -> Option<Event> {
        self.rx.recv().await
    }

    /// Waits up to `timeout` for the next event (blocking drivers; not inside a runtime).
    pub fn recv_timeout(&mut self, timeout: std::time::Duration) -> Option<Event> {
        let deadline = std::time::Instant::now() + timeout;
        loop {
            match self.rx.try_recv() {
                Ok(event) => return Some(event),
                Err(mpsc::error::TryRecvError::Disconnected) => return None,
                Err(mpsc::error::TryRecvError::Empty) => {}
            }
            if std::time::Instant::now() >= deadline {
                return None;
            }
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
    }
}

impl EventSink {
    /// A sink and its receiver; `waker` runs after every event.
    pub fn channel(waker: Waker) -> (Self, EventReceiver) {
        let (tx, rx) = mpsc::channel(EVENT_QUEUE);
        (Self { tx, waker }, EventReceiver { rx })
    }

    /// Sends an event (waits while the UI is behind). `false` once the UI is gone.
    pub async fn send(&self, event: Event) -> bool {
        let sent = self.tx.send(event).await.is_ok();
        (self.waker)();
        sent
    }

    /// Sends from a plain thread (the decoder).
    pub fn blocking_send(&self, event: Event) -> bool {
        let sent = self.tx.blocking_send(event).is_ok();
        (self.waker)();
        sent
    }

    /// Sends unless the queue is full (for events that a newer one supersedes).
    pub fn try_send(&self, event: Event) -> bool {
        let sent = self.tx.try_send(event).is_ok();
        (self.waker)();
        sent
    }

    /// A server event.
    pub async fn server(&self, event: ServerEvent) -> bool {
        self.send(Event::Server(event)).await
    }

    /// A session event.
    pub async fn session(&self, code: SessionCode, event: SessionEvent) -> bool {
        self.send(Event::Session(code, event)).await
    }

    /// Wakes the UI without an event (e.g. a frame was published to the shared screen).
    pub fn wake(&self) {
        (self.waker)();
    }
}
