//! A relay on loopback and clients that connect to it.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use lifeline_protocol::consent::CapabilitySet;
use lifeline_protocol::messages::UnixMillis;
use lifeline_protocol::messages::handshake::{ClientHello, DeviceSummary, RelayNotice, Role};
use lifeline_protocol::quic::{
    Admission, ConnectError, ConnectOptions, RelaySession, RelayTarget, ServerTrust,
};
use lifeline_protocol::{PROTOCOL_VERSION, SessionCode};
use lifeline_relay::store::{CodeRecord, NewCode, Store, User, UserRole};
use lifeline_relay::{Clock as _, Limits, ManualClock, Relay, RelayConfig, RelayHandle};

pub(crate) const PASSWORD: &str = "correct horse battery";

/// Fails the test instead of hanging it.
pub(crate) async fn within<T>(what: &str, future: impl Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(15), future)
        .await
        .unwrap_or_else(|_| panic!("timed out: {what}"))
}

pub(crate) fn options() -> ConnectOptions {
    ConnectOptions {
        timeout: Duration::from_secs(5),
        keep_alive: Duration::from_millis(300),
        idle_timeout: Duration::from_secs(10),
    }
}

pub(crate) fn phone() -> DeviceSummary {
    DeviceSummary {
        manufacturer: "samsung".into(),
        model: "SM-S936B".into(),
        android_version: "16".into(),
        screen: Some((1080, 2340)),
        capabilities: CapabilitySet::ALL,
        locale: Some("fr-FR".into()),
    }
}

pub(crate) fn customer_hello(code: SessionCode, name: &str) -> ClientHello {
    ClientHello {
        version: PROTOCOL_VERSION,
        role: Role::Customer {
            code,
            name: name.into(),
            device: phone(),
        },
    }
}

/// A signed-in technician.
pub(crate) struct Technician {
    pub(crate) user: User,
    pub(crate) token: String,
}

impl Technician {
    pub(crate) fn hello(&self, code: SessionCode) -> ClientHello {
        ClientHello {
            version: PROTOCOL_VERSION,
            role: Role::Technician {
                token: self.token.clone(),
                code,
            },
        }
    }
}

pub(crate) struct TestRelay {
    pub(crate) relay: RelayHandle,
    pub(crate) clock: Arc<ManualClock>,
    pub(crate) dir: tempfile::TempDir,
}

impl TestRelay {
    pub(crate) async fn start() -> Self {
        Self::start_with(|_| {}).await
    }

    /// A relay with its limits adjusted by `tweak`.
    pub(crate) async fn start_with(tweak: impl FnOnce(&mut Limits)) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let mut config = RelayConfig {
            insecure_http: true,
            ..RelayConfig::loopback(dir.path())
        };
        config.limits.handshake_timeout = Duration::from_secs(2);
        tweak(&mut config.limits);
        let clock = Arc::new(ManualClock::starting_now());
        let relay = Relay::start_with_clock(config, clock.clone())
            .await
            .unwrap();
        Self { relay, clock, dir }
    }

    pub(crate) fn store(&self) -> &Store {
        self.relay.store()
    }

    pub(crate) fn now(&self) -> UnixMillis {
        self.clock.now()
    }

    pub(crate) fn target(&self) -> RelayTarget {
        RelayTarget::from(self.relay.quic_addr)
    }

    pub(crate) fn trust(&self) -> ServerTrust {
        ServerTrust::Pinned(self.relay.fingerprint)
    }

    /// A technician account with a token.
    pub(crate) async fn technician(&self, name: &str) -> Technician {
        let user = self
            .store()
            .create_user(name, PASSWORD, UserRole::Technician)
            .await
            .unwrap();
        let token = self
            .store()
            .issue_token(user.id, self.now(), Duration::from_secs(3600))
            .await
            .unwrap()
            .token;
        Technician { user, token }
    }

    /// A pending code of `owner` in the default portal, created `ago` before now.
    pub(crate) async fn code_created(
        &self,
        owner: &Technician,
        identifier: Option<&str>,
        ago: Duration,
    ) -> CodeRecord {
        let portal = self.store().default_portal().await.unwrap();
        let created = UnixMillis(self.now().0 - u64::try_from(ago.as_millis()).unwrap());
        self.store()
            .create_code(
                &NewCode {
                    owner_id: owner.user.id,
                    portal_id: portal.id,
                    identifier: identifier.map(str::to_owned),
                },
                created,
            )
            .await
            .unwrap()
    }

    pub(crate) async fn code(&self, owner: &Technician) -> SessionCode {
        self.code_created(owner, None, Duration::ZERO).await.code
    }

    pub(crate) async fn admit(&self, hello: &ClientHello) -> Result<Admission, ConnectError> {
        within(
            "admission",
            lifeline_protocol::quic::admit(self.target(), &self.trust(), hello, &options()),
        )
        .await
    }

    pub(crate) async fn connect(&self, hello: &ClientHello) -> Result<RelaySession, ConnectError> {
        within(
            "connect",
            lifeline_protocol::quic::connect(self.target(), &self.trust(), hello, &options()),
        )
        .await
    }

    /// A technician waiting on a fresh code, then a customer joining it: both sessions, with
    /// their `PeerJoined` notices read.
    pub(crate) async fn pair(&self, tech_name: &str) -> Pair {
        let tech = self.technician(tech_name).await;
        let code = self.code(&tech).await;
        let admission = self.admit(&tech.hello(code)).await.unwrap();
        assert!(admission.is_waiting());
        let waiting = tokio::spawn(admission.paired());
        let mut customer = self
            .connect(&customer_hello(code, "Marie Dupont"))
            .await
            .unwrap();
        let mut technician = within("technician paired", waiting).await.unwrap().unwrap();
        let joined = within("notice", technician.next_notice()).await.unwrap();
        assert!(
            matches!(joined, Some(RelayNotice::PeerJoined { .. })),
            "{joined:?}"
        );
        let joined = within("notice", customer.next_notice()).await.unwrap();
        assert!(
            matches!(joined, Some(RelayNotice::PeerJoined { .. })),
            "{joined:?}"
        );
        Pair {
            tech,
            code,
            technician,
            customer,
        }
    }
}

/// A paired session seen from both ends.
pub(crate) struct Pair {
    pub(crate) tech: Technician,
    pub(crate) code: SessionCode,
    pub(crate) technician: RelaySession,
    pub(crate) customer: RelaySession,
}

impl Pair {
    /// Checks that chat still goes both ways on a fresh control stream.
    pub(crate) async fn still_works(&self) {
        use lifeline_protocol::messages::control::ControlMessage;
        use lifeline_protocol::quic::IncomingStream;
        let (mut tx, mut rx) = self.technician.peer().open_control().await.unwrap();
        let ping = ControlMessage::Ping {
            nonce: 7,
            sent_at_us: 1,
        };
        tx.send(&ping).await.unwrap();
        let incoming = within("accept", self.customer.peer().accept_stream())
            .await
            .unwrap();
        let IncomingStream::Control(mut answer, mut read) = incoming else {
            panic!("expected a control stream, got {:?}", incoming.kind());
        };
        assert_eq!(within("ping", read.recv()).await.unwrap(), Some(ping));
        let pong = ControlMessage::Pong {
            nonce: 7,
            sent_at_us: 1,
        };
        answer.send(&pong).await.unwrap();
        assert_eq!(within("pong", rx.recv()).await.unwrap(), Some(pong));
    }
}

/// Polls `check` until it holds (for effects the relay applies just after telling clients).
pub(crate) async fn eventually(what: &str, mut check: impl AsyncFnMut() -> bool) {
    for _ in 0..100 {
        if check().await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("never happened: {what}");
}
