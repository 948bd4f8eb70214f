//! A technician without a window: the same network side and state as the console, driven
//! by end-to-end tests and benchmarks.
//!
//! ```no_run
//! # fn demo() -> Result<(), lifeline_console::net::ClientError> {
//! use std::time::Duration;
//! use lifeline_console::net::{NetConfig, TechnicianClient};
//!
//! let dir = tempfile::tempdir().unwrap();
//! let mut tech = TechnicianClient::start(NetConfig::local(dir.path().join("relay"), dir.path().join("downloads")))?;
//! tech.wait_signed_in(Duration::from_secs(10))?;
//! let code = tech.create_code(Some("Marie"), Duration::from_secs(10))?;
//! // … a phone joins code.deep_link …
//! tech.wait_until(Duration::from_secs(10), |s| s.session(code.code).is_some_and(|s| s.is_active()))?;
//! let id = tech.send_chat(code.code, "Hello")?;
//! # Ok(()) }
//! ```
//!
//! Every call is blocking; do not call them from inside a tokio runtime's worker thread.

use std::time::{Duration, Instant};

use lifeline_protocol::SessionCode;
use lifeline_protocol::consent::Capability;
use lifeline_protocol::messages::UnixMillis;
use lifeline_protocol::messages::control::ChatId;
use lifeline_protocol::messages::input::InputEvent;
use thiserror::Error;

use super::command::{Command, CommandError, CommandSender, SessionCommand};
use super::config::{NetConfig, ServerConfig};
use super::runtime::{Net, NetError};
use super::sink::EventReceiver;
use crate::state::codes::CodeEntry;
use crate::state::{ConsoleState, ServerMode, SessionState};

/// Why a headless call failed.
#[derive(Debug, Error)]
pub enum ClientError {
    /// The network side did not start.
    #[error(transparent)]
    Net(#[from] NetError),
    /// A command could not be queued.
    #[error(transparent)]
    Command(#[from] CommandError),
    /// The condition did not come true in time.
    #[error("timed out after {0:?} waiting for {1}")]
    Timeout(Duration, String),
    /// No such session.
    #[error("there is no session on code {0}")]
    NoSession(SessionCode),
    /// The chat message was refused before sending.
    #[error(transparent)]
    Chat(#[from] lifeline_protocol::messages::control::ChatError),
}

/// A headless technician: the network side plus the console's state.
#[derive(Debug)]
pub struct TechnicianClient {
    net: Net,
    events: EventReceiver,
    commands: CommandSender,
    state: ConsoleState,
}

impl TechnicianClient {
    /// Starts the network side with `config` (local mode starts a relay in-process and
    /// signs in by itself).
    pub fn start(config: NetConfig) -> Result<Self, ClientError> {
        let mode = match &config.server {
            ServerConfig::Local { .. } => ServerMode::Local,
            ServerConfig::Remote { url, .. } => ServerMode::Remote(url.to_string()),
        };
        let (net, events) = Net::start(config, std::sync::Arc::new(|| {}))?;
        let commands = net.commands();
        Ok(Self {
            net,
            events,
            commands,
            state: ConsoleState::new(mode),
        })
    }

    /// The runtime the network side runs on (to run a fake phone beside it).
    pub fn runtime(&self) -> Option<tokio::runtime::Handle> {
        self.net.handle()
    }

    /// Where to send commands directly.
    pub fn commands(&self) -> &CommandSender {
        &self.commands
    }

    /// The state as of the last [`pump`](Self::pump).
    pub fn state(&self) -> &ConsoleState {
        &self.state
    }

    /// Words what happens next in `loc`'s language, as the console does after the
    /// technician picks a language.
    pub fn set_language(&mut self, loc: lifeline_protocol::i18n::Localizer) {
        self.state.set_language(loc);
    }

    /// The session on `code`.
    pub fn session(&self, code: SessionCode) -> Option<&SessionState> {
        self.state.session(code)
    }

    /// Applies every waiting event; returns how many.
    pub fn pump(&mut self) -> usize {
        let mut n = 0;
        while let Some(event) = self.events.try_recv() {
            self.state.apply(event, UnixMillis::now(), Instant::now());
            n += 1;
        }
        n
    }

    /// Applies events until `done(state)` holds, or fails after `timeout`.
    pub fn wait_until(
        &mut self,
        timeout: Duration,
        mut done: impl FnMut(&ConsoleState) -> bool,
    ) -> Result<(), ClientError> {
        let deadline = Instant::now() + timeout;
        loop {
            self.pump();
            if done(&self.state) {
                return Ok(());
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(ClientError::Timeout(timeout, "a condition".into()));
            }
            if let Some(event) = self
                .events
                .recv_timeout(left.min(Duration::from_millis(50)))
            {
                self.state.apply(event, UnixMillis::now(), Instant::now());
            }
        }
    }

    /// Waits until signed in (local mode signs in by itself).
    pub fn wait_signed_in(&mut self, timeout: Duration) -> Result<(), ClientError> {
        self.wait_until(timeout, ConsoleState::signed_in)
            .map_err(|_| ClientError::Timeout(timeout, "sign-in".into()))
    }

    /// Signs in to a remote relay and waits for the answer.
    pub fn sign_in(
        &mut self,
        name: &str,
        password: &str,
        timeout: Duration,
    ) -> Result<(), ClientError> {
        self.state.sign_in_error = None;
        self.commands.send(Command::SignIn {
            name: name.into(),
            password: password.into(),
        })?;
        self.wait_until(timeout, |s| s.signed_in() || s.sign_in_error.is_some())?;
        match &self.state.sign_in_error {
            Some(reason) if !self.state.signed_in() => {
                Err(ClientError::Timeout(timeout, format!("sign-in ({reason})")))
            }
            _ => Ok(()),
        }
    }

    /// Creates a code (with the default portal) and waits until it is listed.
    pub fn create_code(
        &mut self,
        identifier: Option<&str>,
        timeout: Duration,
    ) -> Result<CodeEntry, ClientError> {
        let before: Vec<SessionCode> = self.state.codes.entries().iter().map(|c| c.code).collect();
        self.commands.send(Command::CreateCode {
            identifier: identifier.map(str::to_owned),
            portal: None,
        })?;
        self.wait_until(timeout, |s| {
            s.codes.entries().iter().any(|c| !before.contains(&c.code))
        })
        .map_err(|_| ClientError::Timeout(timeout, "the new code".into()))?;
        self.state
            .codes
            .entries()
            .iter()
            .find(|c| !before.contains(&c.code))
            .cloned()
            .ok_or_else(|| ClientError::Timeout(timeout, "the new code".into()))
    }

    /// Waits until the session on `code` is live (the customer joined).
    pub fn wait_for_session(
        &mut self,
        code: SessionCode,
        timeout: Duration,
    ) -> Result<(), ClientError> {
        self.wait_until(timeout, |s| {
            s.session(code).is_some_and(SessionState::is_active)
        })
        .map_err(|_| ClientError::Timeout(timeout, format!("the session on {code}")))
    }

    /// Sends a chat message; returns its ID (follow its delivery in the transcript).
    pub fn send_chat(&mut self, code: SessionCode, text: &str) -> Result<ChatId, ClientError> {
        let session = self
            .state
            .session_mut(code)
            .ok_or(ClientError::NoSession(code))?;
        session.draft = text.to_owned();
        let message = session.compose_chat(UnixMillis::now())?;
        let id = message.id;
        self.commands.session(code, SessionCommand::Chat(message))?;
        Ok(id)
    }

    /// Asks for a capability (remote control asks for screen view first).
    pub fn request(
        &mut self,
        code: SessionCode,
        capability: Capability,
    ) -> Result<(), ClientError> {
        Ok(self
            .commands
            .session(code, SessionCommand::Request(capability))?)
    }

    /// Asks for diagnostics.
    pub fn request_diagnostics(&mut self, code: SessionCode) -> Result<(), ClientError> {
        Ok(self.commands.session(code, SessionCommand::Diagnostics)?)
    }

    /// Asks for log files.
    pub fn request_logs(&mut self, code: SessionCode) -> Result<(), ClientError> {
        Ok(self.commands.session(code, SessionCommand::Logs)?)
    }

    /// Sends input.
    pub fn input(&mut self, code: SessionCode, event: InputEvent) -> Result<(), ClientError> {
        Ok(self.commands.session(code, SessionCommand::Input(event))?)
    }

    /// Ends a session and waits until it is over.
    pub fn end_session(&mut self, code: SessionCode, timeout: Duration) -> Result<(), ClientError> {
        self.commands.session(code, SessionCommand::End)?;
        self.wait_until(timeout, |s| {
            s.session(code).is_some_and(SessionState::is_ended)
        })
        .map_err(|_| ClientError::Timeout(timeout, format!("the end of {code}")))
    }

    /// Ends every session, stops the relay (local mode) and the runtime.
    pub fn shutdown(mut self, limit: Duration) {
        self.net.shutdown(limit);
    }
}
