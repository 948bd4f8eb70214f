//! Everything the console knows: server and account, codes, portals, requests, sessions,
//! notices. `net` events go in through [`ConsoleState::apply`].

use std::time::{Duration, Instant};

use lifeline_protocol::SessionCode;
use lifeline_protocol::i18n::Localizer;
use lifeline_protocol::messages::UnixMillis;
use lifeline_protocol::tr;

use super::admin::UserInfo;
use super::codes::{CodeBook, CodeState, PortalInfo, PortalRequest};
use super::events::{Account, DemoStatus, Event, ServerEvent, SessionEvent};
use super::session::SessionState;

/// How long a notice stays up.
pub const NOTICE_LIFETIME: Duration = Duration::from_secs(8);

/// At most this many notices are kept.
const MAX_NOTICES: usize = 5;

/// How the console reaches its relay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ServerMode {
    /// An in-process relay on loopback.
    Local,
    /// A remote relay at this URL.
    Remote(String),
}

/// Where the connection to the server stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ServerStatus {
    /// Starting the local relay, or not tried yet.
    Starting,
    /// Needs the technician to sign in.
    SignedOut,
    /// Signing in.
    SigningIn,
    /// Signed in and reachable.
    Online,
    /// Signed in, but the last request could not reach the server.
    Unreachable(String),
    /// The local relay could not start.
    Failed(String),
}

/// A short message at the bottom of the window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// What happened.
    pub text: String,
    /// Whether it is an error.
    pub error: bool,
    /// When it was raised.
    pub at: Instant,
}

/// The console's whole state.
#[derive(Debug, Clone)]
pub struct ConsoleState {
    /// Local or remote.
    pub mode: ServerMode,
    /// Connection and sign-in.
    pub status: ServerStatus,
    /// Why the last sign-in failed, for the sign-in dialog.
    pub sign_in_error: Option<String>,
    /// The signed-in account.
    pub account: Option<Account>,
    /// The local relay's address and fingerprint, once up.
    pub local_relay: Option<(String, String)>,
    /// The technician's codes.
    pub codes: CodeBook,
    /// Portals to pick from.
    pub portals: Vec<PortalInfo>,
    /// Open portal requests.
    pub requests: Vec<PortalRequest>,
    /// User accounts (admins, once loaded).
    pub users: Vec<UserInfo>,
    /// Days session records are kept (`Some(None)`: forever; `None`: not loaded yet).
    pub retention: Option<Option<u32>>,
    /// Sessions, in the order they started (tabs).
    pub sessions: Vec<SessionState>,
    /// Notices, newest last.
    pub notices: Vec<Notice>,
    /// The demo phone, in `--demo` mode.
    pub demo: DemoStatus,
    /// The language of the text the state writes (transcript events); see
    /// [`ConsoleState::set_language`].
    pub loc: Localizer,
}

impl ConsoleState {
    /// A console that has not heard from its server yet.
    pub fn new(mode: ServerMode) -> Self {
        Self {
            mode,
            status: ServerStatus::Starting,
            sign_in_error: None,
            account: None,
            local_relay: None,
            codes: CodeBook::default(),
            portals: Vec::new(),
            requests: Vec::new(),
            users: Vec::new(),
            retention: None,
            sessions: Vec::new(),
            notices: Vec::new(),
            demo: DemoStatus::Off,
            loc: Localizer::default(),
        }
    }

    /// Writes what comes next in `loc`'s language (what is already written stays).
    pub fn set_language(&mut self, loc: Localizer) {
        if self.loc != loc {
            self.loc = loc;
            for session in &mut self.sessions {
                session.loc = loc;
            }
        }
    }

    /// Whether the signed-in account is an admin.
    pub fn is_admin(&self) -> bool {
        self.account.as_ref().is_some_and(|a| a.role == "admin")
    }

    /// Whether requests to the server can be made.
    pub fn signed_in(&self) -> bool {
        self.account.is_some()
    }

    /// The session on `code`.
    pub fn session(&self, code: SessionCode) -> Option<&SessionState> {
        self.sessions.iter().find(|s| s.code == code)
    }

    /// The session on `code`, to change it.
    pub fn session_mut(&mut self, code: SessionCode) -> Option<&mut SessionState> {
        self.sessions.iter_mut().find(|s| s.code == code)
    }

    /// Sessions the technician can see as tabs (paired at least once).
    pub fn visible_sessions(&self) -> impl Iterator<Item = &SessionState> {
        self.sessions
            .iter()
            .filter(|s| s.session_id.is_some() || s.customer.is_some())
    }

    /// Adds a notice.
    pub fn notify(&mut self, text: impl Into<String>, error: bool, at: Instant) {
        let text = text.into();
        if let Some(last) = self.notices.last_mut()
            && last.text == text
        {
            last.at = at;
            return;
        }
        self.notices.push(Notice { text, error, at });
        if self.notices.len() > MAX_NOTICES {
            self.notices.remove(0);
        }
    }

    /// Drops notices older than [`NOTICE_LIFETIME`].
    pub fn expire_notices(&mut self, now: Instant) {
        self.notices
            .retain(|n| now.saturating_duration_since(n.at) < NOTICE_LIFETIME);
    }

    /// Starts tracking a session on `code` (before connecting). No effect if known.
    pub fn track_session(&mut self, code: SessionCode) -> bool {
        if self.session(code).is_some() {
            return false;
        }
        let identifier = self.codes.get(code).and_then(|c| c.identifier.clone());
        let mut session = SessionState::new(code, identifier);
        session.loc = self.loc;
        self.sessions.push(session);
        true
    }

    /// Closes a tab (only an ended session's).
    pub fn close_session(&mut self, code: SessionCode) {
        self.sessions.retain(|s| !(s.code == code && s.is_ended()));
    }

    /// Applies one network event.
    pub fn apply(&mut self, event: Event, now: UnixMillis, instant: Instant) {
        match event {
            Event::Server(event) => self.server(event, instant),
            Event::Session(code, event) => {
                match &event {
                    SessionEvent::Paired(_) => self.codes.set_state(code, CodeState::Active),
                    SessionEvent::Ended(_) | SessionEvent::PeerLeft { .. }
                        if self
                            .codes
                            .get(code)
                            .is_some_and(|c| c.state == CodeState::Active) =>
                    {
                        self.codes.set_state(code, CodeState::Ended);
                    }
                    SessionEvent::Failed(reason) => {
                        let text = tr!(
                            self.loc,
                            "notice-session-failed",
                            code = code.to_string(),
                            reason = reason.text(self.loc)
                        );
                        self.notify(text, true, instant);
                    }
                    _ => {}
                }
                self.track_session(code);
                if let Some(session) = self.session_mut(code) {
                    session.apply(event, now, instant);
                }
            }
        }
    }

    fn server(&mut self, event: ServerEvent, instant: Instant) {
        match event {
            ServerEvent::LocalRelayStarted { url, fingerprint } => {
                self.local_relay = Some((url, fingerprint));
            }
            ServerEvent::LocalRelayFailed(reason) => {
                let reason = reason.text(self.loc);
                let text = tr!(self.loc, "notice-local-failed", reason = reason.as_str());
                self.notify(text, true, instant);
                self.status = ServerStatus::Failed(reason);
            }
            ServerEvent::SignedIn(account) => {
                self.account = Some(account);
                self.sign_in_error = None;
                self.status = ServerStatus::Online;
            }
            ServerEvent::SignInFailed(reason) => {
                self.sign_in_error = Some(reason.text(self.loc));
                self.account = None;
                self.status = ServerStatus::SignedOut;
            }
            ServerEvent::SignedOut(reason) => {
                self.account = None;
                self.sign_in_error = reason.map(|r| r.text(self.loc));
                self.status = ServerStatus::SignedOut;
            }
            ServerEvent::Codes(codes) => self.codes.replace(codes),
            ServerEvent::CodeCreated(code) => {
                let text = tr!(self.loc, "notice-code-created", code = code.display_code());
                self.notify(text, false, instant);
                self.codes.upsert(code);
            }
            ServerEvent::CodeUpdated(code) => self.codes.upsert(code),
            ServerEvent::Portals(portals) => self.portals = portals,
            ServerEvent::PortalSaved(portal) => {
                let text = tr!(self.loc, "notice-portal-saved", name = portal.name.as_str());
                self.notify(text, false, instant);
                match self.portals.iter_mut().find(|p| p.id == portal.id) {
                    Some(slot) => *slot = portal,
                    None => self.portals.push(portal),
                }
            }
            ServerEvent::Users(users) => self.users = users,
            ServerEvent::Retention { days, saved } => {
                self.retention = Some(days);
                if saved {
                    let text = match days {
                        Some(days) => tr!(self.loc, "notice-retention-saved", days = days),
                        None => tr!(self.loc, "notice-retention-forever"),
                    };
                    self.notify(text, false, instant);
                }
            }
            ServerEvent::UserSaved(user) => match self.users.iter_mut().find(|u| u.id == user.id) {
                Some(slot) => *slot = user,
                None => {
                    let text = tr!(
                        self.loc,
                        "notice-account-created",
                        name = user.name.as_str()
                    );
                    self.notify(text, false, instant);
                    self.users.push(user);
                }
            },
            ServerEvent::Requests(requests) => self.requests = requests,
            ServerEvent::Reachable => {
                if matches!(self.status, ServerStatus::Unreachable(_)) {
                    self.status = ServerStatus::Online;
                }
            }
            ServerEvent::Unreachable(reason) => {
                let reason = reason.text(self.loc);
                if self.signed_in() {
                    self.status = ServerStatus::Unreachable(reason.clone());
                } else {
                    self.sign_in_error = Some(reason.clone());
                    self.status = ServerStatus::SignedOut;
                }
                self.notify(reason, true, instant);
            }
            ServerEvent::Error(reason) => self.notify(reason.text(self.loc), true, instant),
            ServerEvent::CodeCancelled(code) => {
                let text = tr!(
                    self.loc,
                    "notice-code-cancelled",
                    code = code.display_code()
                );
                self.notify(text, false, instant);
                self.codes.upsert(code);
            }
            ServerEvent::Demo(status) => {
                if let DemoStatus::AgentMissing(reason) | DemoStatus::Exited(reason) = &status {
                    self.notify(reason.text(self.loc), true, instant);
                }
                self.demo = status;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use lifeline_protocol::consent::PortalPolicy;
    use lifeline_protocol::messages::handshake::Welcome;

    use super::*;
    use crate::state::codes::CodeEntry;
    use crate::state::problem::Problem;

    fn entry(code: SessionCode) -> CodeEntry {
        CodeEntry {
            code,
            url: "https://h/join/123456789".into(),
            deep_link: "lifeline://join/123456789?relay=h:1".into(),
            created_at: UnixMillis(0),
            expires_at: UnixMillis(60_000),
            portal: "default".into(),
            identifier: Some("Marie".into()),
            state: CodeState::Pending,
            chat_only: false,
        }
    }

    #[test]
    fn sign_in_codes_and_a_session() {
        let t = Instant::now();
        let now = UnixMillis(1);
        let mut state = ConsoleState::new(ServerMode::Local);
        state.apply(
            Event::Server(ServerEvent::SignedIn(Account {
                name: "technician".into(),
                role: "admin".into(),
            })),
            now,
            t,
        );
        assert_eq!(state.status, ServerStatus::Online);
        let code: SessionCode = "123456789".parse().unwrap();
        state.apply(Event::Server(ServerEvent::CodeCreated(entry(code))), now, t);
        assert_eq!(state.codes.entries().len(), 1);
        assert_eq!(state.notices.len(), 1);

        state.apply(Event::Session(code, SessionEvent::Waiting), now, t);
        assert_eq!(
            state.session(code).unwrap().identifier.as_deref(),
            Some("Marie")
        );
        assert_eq!(state.visible_sessions().count(), 0, "no tab while waiting");
        state.apply(
            Event::Session(
                code,
                SessionEvent::Paired(Welcome {
                    session_id: 1,
                    policy: PortalPolicy::default(),
                    recorded: false,
                    identifier: None,
                }),
            ),
            now,
            t,
        );
        assert_eq!(state.visible_sessions().count(), 1);
        assert_eq!(state.codes.get(code).unwrap().state, CodeState::Active);

        state.close_session(code);
        assert_eq!(state.sessions.len(), 1, "a live session's tab stays");
        state.apply(
            Event::Session(code, SessionEvent::PeerLeft { clean: true }),
            now,
            t,
        );
        assert_eq!(state.codes.get(code).unwrap().state, CodeState::Ended);
        state.close_session(code);
        assert!(state.sessions.is_empty());
    }

    #[test]
    fn errors_become_notices_that_expire() {
        let t = Instant::now();
        let mut state = ConsoleState::new(ServerMode::Remote("https://relay:443".into()));
        let unreachable = || {
            Event::Server(ServerEvent::Unreachable(Problem::Unreachable {
                url: "https://relay:443/".into(),
                detail: "connection refused".into(),
            }))
        };
        state.apply(unreachable(), UnixMillis(0), t);
        assert_eq!(state.status, ServerStatus::SignedOut);
        assert_eq!(
            state.sign_in_error.as_deref(),
            Some("the server https://relay:443/ is unreachable: connection refused")
        );
        state.apply(unreachable(), UnixMillis(0), t);
        assert_eq!(state.notices.len(), 1, "repeats fold into one");
        state.expire_notices(t + NOTICE_LIFETIME);
        assert!(state.notices.is_empty());
        state.apply(
            Event::Server(ServerEvent::Demo(DemoStatus::AgentMissing(
                Problem::DemoAgentMissing {
                    program: "lifeline-agent".into(),
                    folder: "/opt".into(),
                },
            ))),
            UnixMillis(0),
            t,
        );
        assert!(state.notices[0].error);
    }

    #[test]
    fn problems_are_worded_in_the_console_language() {
        let t = Instant::now();
        let mut state = ConsoleState::new(ServerMode::Remote("https://relay:443".into()));
        state.set_language(Localizer::new(lifeline_protocol::i18n::Language::Fr));
        state.apply(
            Event::Server(ServerEvent::SignInFailed(Problem::WrongPassword)),
            UnixMillis(0),
            t,
        );
        assert_eq!(
            state.sign_in_error.as_deref(),
            Some("nom d'utilisateur ou mot de passe incorrect")
        );
        state.apply(
            Event::Server(ServerEvent::Error(Problem::TooManyCodes)),
            UnixMillis(0),
            t,
        );
        let notice = &state.notices.last().unwrap().text;
        assert!(notice.contains("codes en attente"), "{notice}");
        let code: SessionCode = "123456789".parse().unwrap();
        state.apply(
            Event::Server(ServerEvent::CodeCancelled(entry(code))),
            UnixMillis(0),
            t,
        );
        let notice = &state.notices.last().unwrap().text;
        assert!(notice.ends_with("annulé."), "{notice}");
    }
}
