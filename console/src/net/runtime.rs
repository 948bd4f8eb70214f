//! The background tokio runtime the network side runs on, and the handle that stops it.

use std::time::Duration;

use thiserror::Error;
use tokio::sync::oneshot;

use super::command::{Command, CommandSender};
use super::config::NetConfig;
use super::dispatcher::Dispatcher;
use super::sink::{EventReceiver, EventSink, Waker};
use super::tls::install_crypto;
use crate::state::Problem;

/// Worker threads of the network runtime (decoding has threads of its own).
const WORKERS: usize = 2;

/// Why the network side could not start.
#[derive(Debug, Error)]
pub enum NetError {
    /// The tokio runtime could not be built.
    #[error("the network runtime could not start: {0}")]
    Runtime(#[from] std::io::Error),
}

impl NetError {
    /// What went wrong, as the console tells the technician.
    pub fn problem(&self) -> Problem {
        match self {
            Self::Runtime(err) => Problem::NetworkNotStarted(err.to_string()),
        }
    }
}

/// The running network side. Dropping it shuts it down (ending sessions cleanly, briefly).
#[derive(Debug)]
pub struct Net {
    runtime: Option<tokio::runtime::Runtime>,
    commands: CommandSender,
    done: Option<oneshot::Receiver<()>>,
}

impl Net {
    /// Starts the network side; events go to the returned receiver, and `waker` runs after
    /// each (e.g. to repaint the UI).
    pub fn start(config: NetConfig, waker: Waker) -> Result<(Self, EventReceiver), NetError> {
        install_crypto();
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(WORKERS)
            .thread_name("lifeline-net")
            .enable_all()
            .build()?;
        let (sink, events) = EventSink::channel(waker);
        let (commands, queue) = CommandSender::channel();
        let (done_tx, done) = oneshot::channel();
        runtime.spawn(async move {
            Dispatcher::new(config, sink).run(queue).await;
            let _ = done_tx.send(());
        });
        Ok((
            Self {
                runtime: Some(runtime),
                commands,
                done: Some(done),
            },
            events,
        ))
    }

    /// Where to send commands.
    pub fn commands(&self) -> CommandSender {
        self.commands.clone()
    }

    /// The runtime, e.g. for a test to run a fake phone beside the console.
    pub fn handle(&self) -> Option<tokio::runtime::Handle> {
        self.runtime.as_ref().map(|r| r.handle().clone())
    }

    /// Ends sessions, stops the local relay and the demo phone (waiting up to `limit`),
    /// then stops the runtime. Call from outside the runtime (e.g. the UI thread).
    pub fn shutdown(&mut self, limit: Duration) {
        let Some(runtime) = self.runtime.take() else {
            return;
        };
        let _ = self.commands.send(Command::Shutdown);
        if let Some(done) = self.done.take() {
            let _ = runtime.block_on(async { tokio::time::timeout(limit, done).await });
        }
        runtime.shutdown_timeout(Duration::from_millis(500));
    }
}

impl Drop for Net {
    fn drop(&mut self) {
        if tokio::runtime::Handle::try_current().is_ok() {
            // Inside a runtime we may not block: stop without waiting.
            if let Some(runtime) = self.runtime.take() {
                let _ = self.commands.send(Command::Shutdown);
                runtime.shutdown_background();
            }
            return;
        }
        self.shutdown(Duration::from_secs(5));
    }
}
