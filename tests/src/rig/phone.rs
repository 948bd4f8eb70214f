//! The customer's side: the agent's session with a simulated phone, joined from the URL the
//! technician sent, over real QUIC, on a runtime of its own.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use lifeline_agent_android::device::Device as _;
use lifeline_agent_android::session::join::{self, JoinTarget};
use lifeline_agent_android::session::{
    self, AgentClock, Approval, CustomerCommand, CustomerEvent, SessionConfig, SessionOutcome,
    SessionTask,
};
use lifeline_agent_android::sim::{SimPhone, Target, UiSnapshot};
use lifeline_protocol::CertFingerprint;
use lifeline_protocol::consent::Capability;
use lifeline_protocol::link::SessionLink;
use lifeline_protocol::quic::{self, ConnectOptions, RelayTarget};
use lifeline_protocol::video::RgbaImage;
use tokio::runtime::Runtime;
use tokio::sync::mpsc;

use super::WAIT;

/// How a phone joins.
#[derive(Debug, Clone)]
pub struct Joining {
    /// Device profile (`samsung`, `old`, …).
    pub profile: &'static str,
    /// Who answers consent questions.
    pub approval: Approval,
    /// The customer's name.
    pub name: &'static str,
    /// Reach the relay's QUIC endpoint through this address (a lossy path) instead.
    pub via: Option<SocketAddr>,
    /// Size of each log file the phone holds.
    pub log_size: Option<usize>,
    /// QUIC timeouts.
    pub options: ConnectOptions,
}

impl Joining {
    /// A Samsung phone whose customer, Marie, answers each question herself.
    pub fn marie() -> Self {
        Self {
            profile: "samsung",
            approval: Approval::Ask,
            name: "Marie",
            via: None,
            log_size: None,
            options: ConnectOptions {
                timeout: Duration::from_secs(5),
                keep_alive: Duration::from_millis(500),
                idle_timeout: Duration::from_secs(5),
            },
        }
    }
}

/// A phone in a session.
#[derive(Debug)]
pub struct Phone {
    sim: Arc<Mutex<SimPhone>>,
    task: Option<SessionTask>,
    events: mpsc::Receiver<CustomerEvent>,
    commands: session::CommandSender,
    /// Every customer event seen so far.
    pub seen: Vec<CustomerEvent>,
    runtime: Runtime,
}

fn runtime() -> Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .thread_name("phone")
        .enable_all()
        .build()
        .expect("the phone's runtime")
}

impl Phone {
    /// Joins from `url` (a join URL or deep link), trusting `fingerprint`; why not, in the
    /// agent's words, if the join page or the relay refused.
    pub fn try_join(
        url: &str,
        fingerprint: CertFingerprint,
        how: &Joining,
    ) -> Result<Self, String> {
        let runtime = runtime();
        let mut sim = SimPhone::with_profile(how.profile).expect("a known profile");
        if let Some(size) = how.log_size {
            sim.set_log_size(size);
        }
        let link: SessionLink = url.parse().expect("a session link");
        let target = JoinTarget::from_link(link, Some(fingerprint)).expect("a join target");
        let hello = join::customer_hello(target.code(), how.name, sim.summary());
        let session = runtime.block_on(async {
            let endpoint = join::resolve(&target, WAIT)
                .await
                .map_err(|e| e.to_string())?;
            let relay = match how.via {
                Some(addr) => RelayTarget::from(addr),
                None => RelayTarget::from(&endpoint.relay),
            };
            quic::connect(relay, &endpoint.trust, &hello, &how.options)
                .await
                .map_err(|e| e.to_string())
        })?;
        let sim = Arc::new(Mutex::new(sim));
        let config = SessionConfig {
            approval: how.approval,
            ..SessionConfig::default()
        };
        let _guard = runtime.enter();
        let (task, frontend) = session::start(session, sim.clone(), config, AgentClock::start());
        drop(_guard);
        let mut phone = Self {
            sim,
            task: Some(task),
            events: frontend.events,
            commands: frontend.commands,
            seen: Vec::new(),
            runtime,
        };
        phone.wait_for("connected", |e| {
            matches!(e, CustomerEvent::Connected { .. }).then_some(())
        });
        Ok(phone)
    }

    /// Joins, or fails the test.
    pub fn join(url: &str, fingerprint: CertFingerprint, how: &Joining) -> Self {
        Self::try_join(url, fingerprint, how).unwrap_or_else(|e| panic!("the phone joins: {e}"))
    }

    /// Waits for the first customer event from now that `pick` accepts.
    pub fn wait_for<T>(
        &mut self,
        what: &str,
        mut pick: impl FnMut(&CustomerEvent) -> Option<T>,
    ) -> T {
        let events = &mut self.events;
        let seen = &mut self.seen;
        self.runtime.block_on(async {
            tokio::time::timeout(WAIT, async {
                loop {
                    let event = events
                        .recv()
                        .await
                        .unwrap_or_else(|| panic!("no more customer events: {what}"));
                    let picked = pick(&event);
                    seen.push(event);
                    if let Some(value) = picked {
                        return value;
                    }
                }
            })
            .await
            .unwrap_or_else(|_| panic!("timed out: {what}"))
        })
    }

    /// Customer events that arrive within `ms`.
    pub fn collect(&mut self, ms: u64) -> Vec<CustomerEvent> {
        let events = &mut self.events;
        let got = self.runtime.block_on(async {
            let mut got = Vec::new();
            let deadline = tokio::time::Instant::now() + Duration::from_millis(ms);
            while let Ok(Some(e)) = tokio::time::timeout_at(deadline, events.recv()).await {
                got.push(e);
            }
            got
        });
        self.seen.extend(got.iter().cloned());
        got
    }

    /// The customer does something.
    pub fn send(&self, command: CustomerCommand) {
        self.commands
            .blocking_send(command)
            .expect("the session is running");
    }

    /// Waits for the question about `capability` and answers it.
    pub fn answer(&mut self, capability: Capability, allow: bool) {
        let asked = self.wait_for("a consent question", |e| match e {
            CustomerEvent::PromptNeeded(p) => Some(p.capability),
            _ => None,
        });
        assert_eq!(asked, capability, "the question asked");
        assert_eq!(
            self.ui().dialog,
            Some(capability),
            "asked on the screen too"
        );
        self.send(CustomerCommand::AnswerPrompt { capability, allow });
    }

    /// The simulated phone.
    pub fn sim(&self) -> MutexGuard<'_, SimPhone> {
        self.sim
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The phone's UI state now.
    pub fn ui(&self) -> UiSnapshot {
        self.sim().ui()
    }

    /// Where `target` is on the phone's screen.
    pub fn locate(&self, target: Target) -> (u32, u32) {
        let found = self.sim().locate(target);
        found.unwrap_or_else(|| panic!("{target:?} is not on screen: {:?}", self.ui()))
    }

    /// Waits until the phone's UI satisfies `done`.
    pub fn wait_ui(&self, what: &str, mut done: impl FnMut(&UiSnapshot) -> bool) -> UiSnapshot {
        let deadline = std::time::Instant::now() + WAIT;
        loop {
            let ui = self.ui();
            if done(&ui) {
                return ui;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "timed out: {what}; the phone shows {ui:?}"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Whether the session has ended.
    pub fn is_finished(&self) -> bool {
        self.task.as_ref().is_none_or(SessionTask::is_finished)
    }

    /// Waits for the session's end.
    pub fn outcome(&mut self) -> SessionOutcome {
        let task = self
            .task
            .take()
            .expect("the session's outcome is read once");
        self.runtime.block_on(async {
            tokio::time::timeout(WAIT, task.wait())
                .await
                .unwrap_or_else(|_| panic!("timed out: the agent's session end"))
        })
    }

    /// The phone's screen, once the session has captured every change (drawing a changed
    /// screen here would hide the change from the session).
    pub fn settled_screen(&self) -> Option<RgbaImage> {
        let mut sim = self.sim();
        if sim.screen_changed() {
            return None;
        }
        sim.screen(Duration::ZERO).cloned()
    }
}
