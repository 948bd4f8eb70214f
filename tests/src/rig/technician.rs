//! A technician without a window: the console's network side and state
//! ([`TechnicianClient`]) signed in to the rig's relay, with the gestures a person makes in
//! the viewer spelled out as input events.

use std::time::{Duration, Instant};

use lifeline_console::net::{Command, NetConfig, ServerConfig, SessionCommand, TechnicianClient};
use lifeline_console::state::codes::CodeEntry;
use lifeline_console::state::transcript::{Delivery, EntryKind};
use lifeline_console::state::transfers::TransferStatus;
use lifeline_console::state::{ConsoleState, SessionState};
use lifeline_protocol::SessionCode;
use lifeline_protocol::messages::Party;
use lifeline_protocol::messages::control::ChatId;
use lifeline_protocol::messages::input::{
    FrameSize, InputEvent, Key, KeyAction, KeyEvent, TouchEvent, TouchPhase,
};
use lifeline_relay::store::UserRole;

use super::WAIT;
use super::relay::{PASSWORD, RigRelay};

/// The phone's frame, as the viewer shows it.
fn frame() -> FrameSize {
    FrameSize::new(1080, 2400)
}

/// A signed-in technician.
#[derive(Debug)]
pub struct Tech {
    client: Option<TechnicianClient>,
    /// Where received files are saved.
    downloads: tempfile::TempDir,
    /// Event times of touches, in microseconds since the technician started.
    started: Instant,
}

impl Tech {
    /// Creates the account `name` on `relay` and signs in through the API.
    pub fn sign_in(relay: &RigRelay, name: &str) -> Self {
        relay.create_user(name, UserRole::Technician);
        let downloads = tempfile::tempdir().expect("a downloads folder");
        let mut client = TechnicianClient::start(NetConfig {
            server: ServerConfig::Remote {
                url: relay.public_url(),
                fingerprint: Some(relay.fingerprint()),
            },
            ..NetConfig::local(relay.data_dir().join("unused"), downloads.path())
        })
        .expect("the console's network side starts");
        client
            .sign_in(name, PASSWORD, WAIT)
            .unwrap_or_else(|e| panic!("{name} signs in: {e}"));
        Self {
            client: Some(client),
            downloads,
            started: Instant::now(),
        }
    }

    /// The headless console.
    pub fn client(&mut self) -> &mut TechnicianClient {
        self.client.as_mut().expect("not shut down")
    }

    /// The console's state as of now.
    pub fn state(&mut self) -> &ConsoleState {
        let client = self.client();
        client.pump();
        client.state()
    }

    /// The session on `code`.
    pub fn session(&mut self, code: SessionCode) -> &SessionState {
        self.state()
            .session(code)
            .unwrap_or_else(|| panic!("no session on {code}"))
    }

    /// Waits until `done` holds, or fails the test naming `what`.
    pub fn wait(&mut self, what: &str, done: impl FnMut(&ConsoleState) -> bool) {
        if let Err(e) = self.client().wait_until(WAIT, done) {
            panic!("{what}: {e}");
        }
    }

    /// Waits until `done` holds for the session on `code`.
    pub fn wait_session(
        &mut self,
        code: SessionCode,
        what: &str,
        mut done: impl FnMut(&SessionState) -> bool,
    ) {
        self.wait(what, |s| s.session(code).is_some_and(&mut done));
    }

    /// Waits until `count` files of the session on `code` are done (saved or failed).
    pub fn wait_files_done(&mut self, code: SessionCode, count: usize) {
        self.wait_session(code, "the log files", |s| {
            let files = s.transfers.files();
            files.len() == count
                && files.iter().all(|f| {
                    matches!(
                        f.status,
                        TransferStatus::Saved(_) | TransferStatus::Failed(_)
                    )
                })
        });
    }

    /// Waits until the customer has joined the session on `code` and introduced the phone.
    /// The session is live as soon as the relay pairs the two sides; the phone's hello
    /// (its name, device and what it can share) arrives just after.
    pub fn wait_joined(&mut self, code: SessionCode) {
        self.wait_session(code, "the customer joined", |s| {
            s.is_active() && s.customer.is_some() && s.device.is_some()
        });
    }

    /// Creates a code with `identifier` in `portal` (a slug; the default portal if `None`);
    /// the console waits on it at once.
    pub fn create_code(&mut self, identifier: Option<&str>, portal: Option<&str>) -> CodeEntry {
        let client = self.client();
        client.pump();
        let before: Vec<SessionCode> = client
            .state()
            .codes
            .entries()
            .iter()
            .map(|c| c.code)
            .collect();
        client
            .commands()
            .send(Command::CreateCode {
                identifier: identifier.map(str::to_owned),
                portal: portal.map(str::to_owned),
            })
            .expect("the command is queued");
        self.wait("the new code", |s| {
            s.codes.entries().iter().any(|c| !before.contains(&c.code))
        });
        let entry = self
            .state()
            .codes
            .entries()
            .iter()
            .find(|c| !before.contains(&c.code))
            .cloned()
            .expect("the new code is listed");
        let code = entry.code;
        self.wait_session(code, "waiting on the new code", |s| {
            s.phase == lifeline_console::state::Phase::Waiting
        });
        entry
    }

    /// Sends a command for the session on `code`.
    pub fn command(&mut self, code: SessionCode, command: SessionCommand) {
        self.client()
            .commands()
            .session(code, command)
            .expect("the command is queued");
    }

    /// Sends a chat message; returns its ID.
    pub fn chat(&mut self, code: SessionCode, text: &str) -> ChatId {
        self.client()
            .send_chat(code, text)
            .unwrap_or_else(|e| panic!("chat {text:?}: {e}"))
    }

    /// Waits until the phone acknowledged chat message `id`.
    pub fn wait_delivered(&mut self, code: SessionCode, id: ChatId) {
        self.wait_session(code, "chat delivered", |s| {
            s.transcript.delivery(id) == Some(&Delivery::Delivered)
        });
    }

    /// The customer's chat messages in the transcript.
    pub fn customer_chat(&mut self, code: SessionCode) -> Vec<String> {
        customer_lines(self.session(code))
    }

    /// Sends an input event.
    pub fn input(&mut self, code: SessionCode, event: InputEvent) {
        self.command(code, SessionCommand::Input(event));
    }

    fn touch(&mut self, code: SessionCode, phase: TouchPhase, (x, y): (u32, u32), at_us: u64) {
        self.input(
            code,
            InputEvent::Touch(TouchEvent {
                phase,
                pointer: 0,
                x,
                y,
                frame: frame(),
                at_us,
            }),
        );
    }

    fn now_us(&self) -> u64 {
        u64::try_from(self.started.elapsed().as_micros()).unwrap_or(u64::MAX)
    }

    /// A click: down and up 60 ms later.
    pub fn tap(&mut self, code: SessionCode, at: (u32, u32)) {
        let t = self.now_us();
        self.touch(code, TouchPhase::Down, at, t);
        self.touch(code, TouchPhase::Up, at, t + 60_000);
    }

    /// A held click: down, and up 800 ms later (by the events' times).
    pub fn long_press(&mut self, code: SessionCode, at: (u32, u32)) {
        let t = self.now_us();
        self.touch(code, TouchPhase::Down, at, t);
        self.touch(code, TouchPhase::Up, at, t + 800_000);
    }

    /// Starts a drag at `from`: the finger stays down.
    pub fn drag_start(&mut self, code: SessionCode, from: (u32, u32)) -> u64 {
        let t = self.now_us();
        self.touch(code, TouchPhase::Down, from, t);
        t
    }

    /// Moves a finger that is down to `to`, `at_us`.
    pub fn drag_move(&mut self, code: SessionCode, to: (u32, u32), at_us: u64) {
        self.touch(code, TouchPhase::Move, to, at_us);
    }

    /// Lifts the finger at `at`.
    pub fn drag_end(&mut self, code: SessionCode, at: (u32, u32), at_us: u64) {
        self.touch(code, TouchPhase::Up, at, at_us);
    }

    /// A drag from `from` to `to` in `steps` moves of 16 ms, then a pause and the lift (no
    /// fling).
    pub fn drag(&mut self, code: SessionCode, from: (u32, u32), to: (u32, u32), steps: u32) {
        let mut t = self.drag_start(code, from);
        let lerp = |a: u32, b: u32, i: u32| {
            let (a, b, i, n) = (i64::from(a), i64::from(b), i64::from(i), i64::from(steps));
            u32::try_from(a + (b - a) * i / n).unwrap_or(0)
        };
        for i in 1..=steps {
            t += 16_000;
            self.drag_move(code, (lerp(from.0, to.0, i), lerp(from.1, to.1, i)), t);
        }
        t += 300_000;
        self.drag_move(code, to, t);
        self.drag_end(code, to, t + 16_000);
    }

    /// A navigation key press.
    pub fn key(&mut self, code: SessionCode, key: Key) {
        self.input(
            code,
            InputEvent::Key(KeyEvent {
                key,
                action: KeyAction::Press,
            }),
        );
    }

    /// Text for the focused field.
    pub fn text(&mut self, code: SessionCode, text: &str) {
        self.input(code, InputEvent::Text { text: text.into() });
    }

    /// Ends the session on `code` and waits until it is over.
    pub fn end(&mut self, code: SessionCode) {
        if let Err(e) = self.client().end_session(code, WAIT) {
            panic!("ending {code}: {e}");
        }
    }

    /// Where received files land.
    pub fn downloads(&self) -> &std::path::Path {
        self.downloads.path()
    }
}

impl Drop for Tech {
    fn drop(&mut self) {
        if let Some(client) = self.client.take() {
            client.shutdown(Duration::from_secs(3));
        }
    }
}

/// The customer's chat lines of a session, oldest first.
pub fn customer_lines(session: &SessionState) -> Vec<String> {
    session
        .transcript
        .entries()
        .iter()
        .filter_map(|e| match &e.kind {
            EntryKind::Chat {
                from: Party::Customer,
                text,
                ..
            } => Some(text.clone()),
            _ => None,
        })
        .collect()
}

/// The session's system lines (consent answers, files, the end), oldest first.
pub fn system_lines(session: &SessionState) -> Vec<String> {
    session
        .transcript
        .entries()
        .iter()
        .filter_map(|e| match &e.kind {
            EntryKind::System { text, .. } => Some(text.clone()),
            EntryKind::Chat { .. } => None,
        })
        .collect()
}
