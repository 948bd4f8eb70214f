//! The network side's main task: carries out commands, keeps the codes and requests fresh,
//! starts a session task per code, and in local mode runs the relay (and the demo phone).
//! It never waits on the network itself: HTTP calls run as tasks of their own and report
//! back, so a slow server never delays chat or input.
//!
//! Beside this file: [`server_calls`] (codes, requests and administration through the API),
//! [`saves`] (diagnostics and screenshots to the downloads folder), [`demo_agent`] (demo
//! mode's phone).

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use lifeline_protocol::SessionCode;
use lifeline_protocol::link::DeepLink;
use tokio::process::Child;
use tokio::sync::mpsc;

use super::command::{Command, SessionCommand};
use super::config::{NetConfig, ServerConfig};
use super::demo;
use super::http::{ApiClient, HttpError};
use super::local::{self, LOCAL_USER, LocalRelay};
use super::recorder::{RecordingSetup, Uploader, resume_leftovers};
use super::review::{self, ReviewResult};
use super::session::{self, SessionHandle, SessionSetup};
use super::sink::EventSink;
use crate::state::codes::{CodeEntry, CodeState};
use crate::state::events::{Account, DemoStatus};
use crate::state::problem::Problem;
use crate::state::screen::SharedScreen;
use crate::state::{ServerEvent, SessionEvent};
use demo_agent::wait_child;

mod demo_agent;
mod saves;
mod server_calls;

/// Codes and requests are reloaded this often.
const REFRESH_EVERY: Duration = Duration::from_secs(5);

/// How long shutting down waits for sessions to end.
const SHUTDOWN_WAIT: Duration = Duration::from_secs(3);

/// Results of background work, reported back to the dispatcher.
#[derive(Debug)]
pub(super) enum Internal {
    SignedIn(ApiClient, Account),
    Codes(Vec<CodeEntry>),
    Code(CodeEntry),
    Failed(HttpError),
    Reachable,
    SessionDone(SessionCode),
    DemoExited(Problem),
}

pub(super) struct Dispatcher {
    config: NetConfig,
    sink: EventSink,
    api: Option<ApiClient>,
    local: Option<LocalRelay>,
    sessions: HashMap<SessionCode, SessionHandle>,
    /// Codes whose session was started once (not restarted automatically).
    started: HashSet<SessionCode>,
    /// Every code seen, for their deep links.
    codes: HashMap<SessionCode, CodeEntry>,
    internal_tx: mpsc::Sender<Internal>,
    internal: mpsc::Receiver<Internal>,
    reachable: bool,
    demo_pending: bool,
    demo_code: Option<SessionCode>,
    demo_child: Option<Child>,
    /// What an earlier run left in the recording spool is being uploaded.
    spool_resumed: bool,
}

impl Dispatcher {
    pub(super) fn new(config: NetConfig, sink: EventSink) -> Self {
        let (internal_tx, internal) = mpsc::channel(256);
        Self {
            demo_pending: config.demo,
            config,
            sink,
            api: None,
            local: None,
            sessions: HashMap::new(),
            started: HashSet::new(),
            codes: HashMap::new(),
            internal_tx,
            internal,
            reachable: true,
            demo_code: None,
            demo_child: None,
            spool_resumed: false,
        }
    }

    pub(super) async fn run(mut self, mut commands: mpsc::Receiver<Command>) {
        self.start().await;
        let mut refresh = tokio::time::interval(REFRESH_EVERY);
        refresh.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                command = commands.recv() => match command {
                    None | Some(Command::Shutdown) => break,
                    Some(command) => self.command(command).await,
                },
                Some(internal) = self.internal.recv() => self.internal(internal).await,
                _ = refresh.tick(), if self.api.as_ref().is_some_and(|a| a.token().is_some()) => {
                    self.refresh(false);
                }
                status = wait_child(&mut self.demo_child) => {
                    self.demo_child = None;
                    let _ = self.internal_tx.send(Internal::DemoExited(status)).await;
                }
            }
        }
        self.shutdown().await;
    }

    async fn start(&mut self) {
        match self.config.server.clone() {
            ServerConfig::Local { data_dir } => match local::start(&data_dir).await {
                Ok(local) => {
                    let url = local.relay.public_url.clone();
                    let fingerprint = local.relay.fingerprint;
                    self.sink
                        .server(ServerEvent::LocalRelayStarted {
                            url: url.to_string(),
                            fingerprint: fingerprint.to_string(),
                        })
                        .await;
                    match ApiClient::new(url, Some(fingerprint)) {
                        Ok(mut api) => {
                            api.set_token(Some(local.token.clone()));
                            self.api = Some(api);
                            self.local = Some(local);
                            self.sink
                                .server(ServerEvent::SignedIn(Account {
                                    name: LOCAL_USER.into(),
                                    role: "admin".into(),
                                }))
                                .await;
                            self.refresh(true);
                            self.resume_spool();
                            self.create_demo_code();
                        }
                        Err(err) => {
                            tracing::error!("the local relay's client did not start: {err}");
                            self.sink
                                .server(ServerEvent::LocalRelayFailed(err.problem()))
                                .await;
                        }
                    }
                }
                Err(err) => {
                    tracing::error!("the local relay did not start: {err}");
                    self.sink
                        .server(ServerEvent::LocalRelayFailed(Problem::System(
                            err.to_string(),
                        )))
                        .await;
                }
            },
            ServerConfig::Remote { url, fingerprint } => {
                match ApiClient::new(url, fingerprint) {
                    Ok(api) => self.api = Some(api),
                    Err(err) => {
                        tracing::error!("the HTTPS client did not start: {err}");
                        self.sink
                            .server(ServerEvent::SignInFailed(err.problem()))
                            .await;
                        return;
                    }
                }
                self.sink.server(ServerEvent::SignedOut(None)).await;
            }
        }
    }

    /// After the first sign-in of this run: uploads what an earlier run (one that crashed or
    /// was closed before its uploads finished) left in the recording spool.
    fn resume_spool(&mut self) {
        if self.spool_resumed {
            return;
        }
        let (Some(config), Some(api)) = (&self.config.recording, &self.api) else {
            return;
        };
        self.spool_resumed = true;
        let resumed = resume_leftovers(config, api.clone());
        if !resumed.is_empty() {
            tracing::info!(
                sessions = ?resumed.iter().map(Uploader::session_id).collect::<Vec<_>>(),
                "uploading the records an earlier run left in the spool"
            );
        }
    }

    /// Runs an API call in the background; its result comes back as an [`Internal`].
    fn background<F, Fut>(&self, call: F)
    where
        F: FnOnce(ApiClient) -> Fut + Send + 'static,
        Fut: std::future::Future<Output = Result<Vec<Internal>, HttpError>> + Send + 'static,
    {
        let Some(api) = self.api.clone() else {
            return;
        };
        let internal = self.internal_tx.clone();
        tokio::spawn(async move {
            let results = match call(api).await {
                Ok(mut results) => {
                    results.insert(0, Internal::Reachable);
                    results
                }
                Err(err) => vec![Internal::Failed(err)],
            };
            for result in results {
                if internal.send(result).await.is_err() {
                    return;
                }
            }
        });
    }

    /// Reloads codes and requests (and portals when `all`).
    fn refresh(&self, all: bool) {
        let sink = self.sink.clone();
        self.background(move |api| async move {
            let codes = api.codes().await?;
            let requests = api.requests().await?;
            sink.server(ServerEvent::Requests(requests)).await;
            if all {
                let portals = api.portals().await?;
                sink.server(ServerEvent::Portals(portals)).await;
            }
            Ok(vec![Internal::Codes(codes)])
        });
    }

    async fn command(&mut self, command: Command) {
        match command {
            Command::SignIn { name, password } => {
                let Some(mut api) = self.api.clone() else {
                    return;
                };
                let internal = self.internal_tx.clone();
                let sink = self.sink.clone();
                tokio::spawn(async move {
                    match api.login(&name, &password).await {
                        Ok(reply) => {
                            let account = Account {
                                name: if reply.name.is_empty() {
                                    name
                                } else {
                                    reply.name
                                },
                                role: reply.role,
                            };
                            let _ = internal.send(Internal::SignedIn(api, account)).await;
                        }
                        Err(err) => {
                            tracing::info!("sign-in failed: {err}");
                            sink.server(ServerEvent::SignInFailed(err.sign_in_problem()))
                                .await;
                        }
                    }
                });
            }
            Command::SignOut => {
                if let Some(api) = &mut self.api {
                    api.set_token(None);
                }
                let sink = self.sink.clone();
                tokio::spawn(async move { sink.server(ServerEvent::SignedOut(None)).await });
            }
            Command::Refresh => self.refresh(true),
            command @ (Command::CreateCode { .. }
            | Command::CancelCode(_)
            | Command::AcceptRequest(_)
            | Command::LoadAdmin
            | Command::SetRetention(_)
            | Command::SetRecordingNotice { .. }
            | Command::SavePortal { .. }
            | Command::CreateUser { .. }
            | Command::UpdateUser { .. }) => self.server_call(command),
            command @ (Command::ExportDiagnostics { .. } | Command::SaveScreenshot { .. }) => {
                self.save(command);
            }
            Command::Connect(code) => {
                if let Some(entry) = self.codes.get(&code).cloned() {
                    self.started.remove(&code);
                    self.code_known(entry, true).await;
                }
            }
            Command::Session(code, command) => {
                let sent = self
                    .sessions
                    .get(&code)
                    .is_some_and(|s| s.send(command.clone()));
                if !sent {
                    let sink = self.sink.clone();
                    let failed = match command {
                        SessionCommand::Chat(m) => {
                            Some(SessionEvent::ChatFailed(m.id, Problem::NotConnected))
                        }
                        _ => None,
                    };
                    if let Some(event) = failed {
                        tokio::spawn(async move { sink.session(code, event).await });
                    }
                }
            }
            Command::Review(request, mailbox) => {
                let Some(api) = self.api.clone() else {
                    mailbox.push(ReviewResult::List(Err(Problem::NotSignedIn)));
                    return;
                };
                let sink = self.sink.clone();
                let downloads = self.config.downloads.clone();
                tokio::spawn(async move {
                    mailbox.push(review::run(api, request, &downloads).await);
                    sink.wake();
                });
            }
            Command::Shutdown => {}
        }
    }

    async fn internal(&mut self, internal: Internal) {
        match internal {
            Internal::SignedIn(api, account) => {
                self.api = Some(api);
                self.reachable = true;
                self.sink.server(ServerEvent::SignedIn(account)).await;
                self.refresh(true);
                self.resume_spool();
            }
            Internal::Codes(codes) => {
                self.sink.server(ServerEvent::Codes(codes.clone())).await;
                for code in codes {
                    self.code_known(code, false).await;
                }
            }
            Internal::Code(code) => self.code_known(code, false).await,
            Internal::Reachable => {
                if !self.reachable {
                    self.reachable = true;
                    self.sink.server(ServerEvent::Reachable).await;
                }
            }
            Internal::Failed(err) => self.failed(err).await,
            Internal::SessionDone(code) => {
                self.sessions.remove(&code);
            }
            Internal::DemoExited(status) => {
                self.sink
                    .server(ServerEvent::Demo(DemoStatus::Exited(status)))
                    .await;
            }
        }
    }

    async fn failed(&mut self, err: HttpError) {
        match &err {
            HttpError::Unauthorized(_) => {
                if let (Some(local), Some(api)) = (&self.local, &mut self.api) {
                    // Local mode: the token simply expired; issue a new one.
                    match local::reissue(local).await {
                        Ok(token) => {
                            api.set_token(Some(token));
                            return;
                        }
                        Err(e) => tracing::warn!("could not renew the local token: {e}"),
                    }
                }
                if let Some(api) = &mut self.api {
                    api.set_token(None);
                }
                self.sink
                    .server(ServerEvent::SignedOut(Some(Problem::SignInExpired)))
                    .await;
            }
            e if e.is_unreachable() => {
                if self.reachable {
                    self.reachable = false;
                    tracing::warn!("the server is unreachable: {err}");
                    self.sink
                        .server(ServerEvent::Unreachable(err.problem()))
                        .await;
                }
            }
            _ => {
                tracing::warn!("a request failed: {err}");
                self.sink.server(ServerEvent::Error(err.problem())).await;
            }
        }
    }

    /// A code was listed or created: wait on it if pending (`asked`: even without
    /// auto-connect); start the demo phone on it.
    async fn code_known(&mut self, entry: CodeEntry, asked: bool) {
        let code = entry.code;
        self.codes.insert(code, entry.clone());
        if self.demo_pending && entry.identifier.as_deref() == Some(demo::DEMO_CUSTOMER) {
            self.demo_pending = false;
            self.demo_code = Some(code);
        }
        let pending =
            entry.state_at(lifeline_protocol::messages::UnixMillis::now()) == CodeState::Pending;
        let wanted = asked || self.config.auto_connect || self.demo_code == Some(code);
        if !pending || !wanted || self.sessions.contains_key(&code) || self.started.contains(&code)
        {
            return;
        }
        let link: DeepLink = match entry.deep_link.parse() {
            Ok(link) => link,
            Err(err) => {
                self.sink
                    .server(ServerEvent::Error(Problem::BadLink {
                        code: code.to_string(),
                        detail: err.to_string(),
                    }))
                    .await;
                return;
            }
        };
        let Some(token) = self.api.as_ref().and_then(|a| a.token()).map(str::to_owned) else {
            return;
        };
        let fingerprint = match &self.config.server {
            ServerConfig::Remote { fingerprint, .. } => *fingerprint,
            ServerConfig::Local { .. } => self.local.as_ref().map(|l| l.relay.fingerprint),
        };
        let demo = self.demo_code == Some(code);
        let setup = SessionSetup {
            code,
            token,
            link,
            fingerprint,
            downloads: self.config.downloads.clone(),
            auto_request: demo,
            max_fps: self.config.max_fps,
            screen: SharedScreen::new(),
            recording: self
                .config
                .recording
                .clone()
                .zip(self.api.clone())
                .map(|(config, api)| RecordingSetup { api, config }),
        };
        let (done_tx, mut done_rx) = mpsc::channel(1);
        let internal = self.internal_tx.clone();
        tokio::spawn(async move {
            if let Some(code) = done_rx.recv().await {
                let _ = internal.send(Internal::SessionDone(code)).await;
            }
        });
        self.started.insert(code);
        self.sessions
            .insert(code, session::spawn(setup, self.sink.clone(), done_tx));
        if demo {
            self.start_demo_agent(&entry).await;
        }
    }

    async fn shutdown(mut self) {
        for session in self.sessions.values() {
            session.send(SessionCommand::End);
        }
        let sessions: Vec<_> = self.sessions.drain().map(|(_, s)| s).collect();
        for session in sessions {
            session.join(SHUTDOWN_WAIT).await;
        }
        if let Some(mut child) = self.demo_child.take() {
            // The agent leaves by itself once its session ended; give it a moment.
            if tokio::time::timeout(Duration::from_secs(2), child.wait())
                .await
                .is_err()
            {
                let _ = child.kill().await;
            }
        }
        if let Some(local) = self.local.take() {
            local.relay.shutdown().await;
        }
    }
}
