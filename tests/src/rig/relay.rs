//! A real relay on loopback, on a runtime of its own (so a test can kill it), with its
//! SQLite store in a temporary directory and a manual clock.

use std::future::Future;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use lifeline_protocol::consent::PortalPolicy;
use lifeline_protocol::messages::UnixMillis;
use lifeline_protocol::{CertFingerprint, SessionCode};
use lifeline_relay::store::{PortalSettings, Store, UserRole};
use lifeline_relay::{Clock as _, Limits, ManualClock, Relay, RelayConfig, RelayHandle};
use serde_json::Value;
use tokio::runtime::Runtime;
use url::Url;

/// The password of every account the rig creates.
pub const PASSWORD: &str = "correct horse battery";

/// A relay the test owns.
#[derive(Debug)]
pub struct RigRelay {
    handle: Option<RelayHandle>,
    runtime: Option<Runtime>,
    clock: Arc<ManualClock>,
    limits: Limits,
    /// A lead's API token: leads read every session record.
    lead_token: String,
    dir: tempfile::TempDir,
}

impl RigRelay {
    /// A relay with the default limits.
    pub fn start() -> Self {
        Self::start_with(Limits::default())
    }

    /// A relay with `limits`.
    pub fn start_with(limits: Limits) -> Self {
        lifeline_console::net::tls::install_crypto();
        let dir = tempfile::tempdir().expect("a temporary directory");
        let clock = Arc::new(ManualClock::starting_now());
        let mut relay = Self {
            handle: None,
            runtime: None,
            clock,
            limits,
            lead_token: String::new(),
            dir,
        };
        relay.boot();
        let lead = relay.create_user("lead", UserRole::Lead);
        relay.lead_token = relay.block_on(async {
            let store = relay.store();
            store
                .issue_token(lead, relay.clock.now(), Duration::from_secs(7 * 24 * 3600))
                .await
                .expect("a lead token")
                .token
        });
        relay
    }

    /// Starts the relay on the data directory (again, after [`kill`](Self::kill)).
    pub fn boot(&mut self) {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("relay")
            .enable_all()
            .build()
            .expect("the relay's runtime");
        let mut config = RelayConfig::loopback(self.dir.path());
        config.limits = self.limits.clone();
        let clock = self.clock.clone();
        let handle = runtime
            .block_on(Relay::start_with_clock(config, clock))
            .expect("the relay starts");
        self.handle = Some(handle);
        self.runtime = Some(runtime);
    }

    /// Kills the relay without a word to anyone: its runtime stops, its tasks (and with them
    /// the QUIC endpoint's driver and the database pool) are dropped mid-flight.
    pub fn kill(&mut self) {
        let handle = self.handle.take();
        if let Some(runtime) = self.runtime.take() {
            // Leaked on purpose: dropping the handle would stop the HTTP server politely.
            std::mem::forget(handle);
            runtime.shutdown_background();
        }
    }

    fn handle(&self) -> &RelayHandle {
        self.handle.as_ref().expect("the relay is running")
    }

    /// Runs `future` on the relay's runtime.
    pub fn block_on<F: Future>(&self, future: F) -> F::Output {
        self.runtime
            .as_ref()
            .expect("the relay is running")
            .block_on(future)
    }

    /// The relay's database.
    pub fn store(&self) -> &Store {
        self.handle().store()
    }

    /// Where the relay keeps its data.
    pub fn data_dir(&self) -> &Path {
        self.dir.path()
    }

    /// The relay's QUIC address.
    pub fn quic_addr(&self) -> SocketAddr {
        self.handle().quic_addr
    }

    /// The relay's certificate fingerprint.
    pub fn fingerprint(&self) -> CertFingerprint {
        self.handle().fingerprint
    }

    /// The relay's web address.
    pub fn public_url(&self) -> Url {
        self.handle().public_url.clone()
    }

    /// The relay's clock, now.
    pub fn now(&self) -> UnixMillis {
        self.clock.now()
    }

    /// Moves the relay's clock forward.
    pub fn advance(&self, by: Duration) {
        self.clock.advance(by);
    }

    /// Creates an account; returns its ID.
    pub fn create_user(&self, name: &str, role: UserRole) -> i64 {
        self.block_on(self.store().create_user(name, PASSWORD, role))
            .expect("the account is created")
            .id
    }

    /// Creates a portal with `policy`; returns its slug.
    pub fn create_portal(&self, slug: &str, policy: PortalPolicy) -> String {
        let settings = PortalSettings {
            name: format!("Portal {slug}"),
            slug: slug.into(),
            policy,
            ..PortalSettings::default_portal()
        };
        self.block_on(self.store().create_portal(&settings, self.now()))
            .expect("the portal is created");
        slug.into()
    }

    /// Changes the default portal's policy.
    pub fn set_default_policy(&self, policy: PortalPolicy) {
        self.block_on(async {
            let store = self.store();
            let portal = store.default_portal().await.expect("the default portal");
            let mut settings = PortalSettings::from(&portal);
            settings.policy = policy;
            store
                .update_portal(portal.id, &settings)
                .await
                .expect("the portal is updated");
        });
    }

    /// `GET path` on the HTTP API, as a lead; the status and the JSON body.
    pub fn api_get(&self, path: &str) -> (u16, Value) {
        let (status, body) = self.api_get_bytes(path);
        (status, serde_json::from_slice(&body).unwrap_or(Value::Null))
    }

    /// `GET path` on the HTTP API, as a lead; the status and the body's bytes.
    pub fn api_get_bytes(&self, path: &str) -> (u16, Vec<u8>) {
        let url = self.public_url().join(path).expect("an API path");
        let client = lifeline_console::net::tls::http_client(Some(self.fingerprint()))
            .expect("an HTTPS client");
        let token = self.lead_token.clone();
        self.block_on(async move {
            let reply = client
                .get(url)
                .bearer_auth(token)
                .send()
                .await
                .expect("the API answers");
            let status = reply.status().as_u16();
            let body = reply.bytes().await.expect("the body arrives");
            (status, body.to_vec())
        })
    }

    /// The session record (with its events) of the session on `code`, read through the API.
    pub fn session_record(&self, code: SessionCode) -> Value {
        let (status, list) = self.api_get("/api/sessions");
        assert_eq!(status, 200, "{list}");
        let id = list
            .as_array()
            .into_iter()
            .flatten()
            .find(|s| s["code"] == code.digits())
            .and_then(|s| s["id"].as_i64())
            .unwrap_or_else(|| panic!("no session record for {code}: {list}"));
        let (status, record) = self.api_get(&format!("/api/sessions/{id}"));
        assert_eq!(status, 200, "{record}");
        record
    }
}

impl Drop for RigRelay {
    fn drop(&mut self) {
        if let (Some(handle), Some(runtime)) = (self.handle.take(), self.runtime.take()) {
            runtime.block_on(handle.shutdown());
        }
    }
}

/// The kinds of a record's events, in order.
pub fn event_kinds(record: &Value) -> Vec<String> {
    record["events"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| e["kind"].as_str().map(str::to_owned))
        .collect()
}
