//! A real relay on loopback with a real SQLite file in a temp dir, driven over HTTP.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use lifeline_relay::store::{Store, UserRole};
use lifeline_relay::{Clock as _, ManualClock, Relay, RelayConfig, RelayHandle};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

pub(crate) const PASSWORD: &str = "correct horse battery";

/// reqwest is built without a default crypto provider; use ring, as the relay does.
pub(crate) fn install_crypto() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

pub(crate) struct TestRelay {
    pub(crate) relay: RelayHandle,
    pub(crate) clock: Arc<ManualClock>,
    pub(crate) client: reqwest::Client,
    pub(crate) base: String,
    _dir: Option<tempfile::TempDir>,
}

/// A parsed response: status, body as JSON (or `Value::String` for non-JSON), headers.
pub(crate) struct Reply {
    pub(crate) status: StatusCode,
    pub(crate) body: Value,
    pub(crate) headers: reqwest::header::HeaderMap,
}

impl Reply {
    pub(crate) fn error(&self) -> &str {
        self.body["error"]
            .as_str()
            .unwrap_or_else(|| panic!("no error in {}", self.body))
    }
}

impl TestRelay {
    /// A plain-HTTP relay on loopback in a fresh temp dir.
    pub(crate) async fn start() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let mut relay = Self::start_in(dir.path(), Arc::new(ManualClock::starting_now())).await;
        relay._dir = Some(dir);
        relay
    }

    /// A plain-HTTP relay on loopback using `data_dir`.
    pub(crate) async fn start_in(data_dir: &Path, clock: Arc<ManualClock>) -> Self {
        install_crypto();
        let config = RelayConfig {
            insecure_http: true,
            ..RelayConfig::loopback(data_dir)
        };
        let relay = Relay::start_with_clock(config, clock.clone())
            .await
            .unwrap();
        let base = format!("http://{}", relay.http_addr);
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .build()
            .unwrap();
        Self {
            relay,
            clock,
            client,
            base,
            _dir: None,
        }
    }

    pub(crate) fn store(&self) -> &Store {
        self.relay.store()
    }

    pub(crate) fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Creates an account and signs it in; returns its token.
    pub(crate) async fn user(&self, name: &str, role: UserRole) -> String {
        self.store()
            .create_user(name, PASSWORD, role)
            .await
            .unwrap();
        self.login(name).await
    }

    pub(crate) async fn login(&self, name: &str) -> String {
        self.login_with(name, PASSWORD).await
    }

    pub(crate) async fn login_with(&self, name: &str, password: &str) -> String {
        let reply = self
            .call(
                Method::POST,
                "/api/login",
                None,
                Some(json!({"name": name, "password": password})),
            )
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        reply.body["token"].as_str().unwrap().to_owned()
    }

    pub(crate) async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Reply {
        let mut request = self.client.request(method, self.url(path));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        reply(request.send().await.unwrap()).await
    }

    pub(crate) async fn get(&self, path: &str, token: &str) -> Reply {
        self.call(Method::GET, path, Some(token), None).await
    }

    pub(crate) async fn post(&self, path: &str, token: &str, body: Value) -> Reply {
        self.call(Method::POST, path, Some(token), Some(body)).await
    }

    /// A request with a raw body and content type.
    pub(crate) async fn raw(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        content_type: Option<&str>,
        body: &str,
    ) -> Reply {
        let mut request = self
            .client
            .request(method, self.url(path))
            .body(body.to_owned());
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(content_type) = content_type {
            request = request.header("content-type", content_type);
        }
        reply(request.send().await.unwrap()).await
    }

    /// A download: status and bytes.
    pub(crate) async fn bytes(&self, path: &str, token: &str) -> (StatusCode, Vec<u8>) {
        let response = self
            .client
            .get(self.url(path))
            .bearer_auth(token)
            .send()
            .await
            .unwrap();
        (response.status(), response.bytes().await.unwrap().to_vec())
    }

    /// A page: status and HTML.
    pub(crate) async fn page(&self, path: &str) -> (StatusCode, String) {
        let response = self.client.get(self.url(path)).send().await.unwrap();
        let status = response.status();
        (status, response.text().await.unwrap())
    }

    /// The relay's clock, in milliseconds.
    pub(crate) fn now(&self) -> u64 {
        self.clock.now().0
    }

    pub(crate) fn advance(&self, by: Duration) {
        self.clock.advance(by);
    }
}

pub(crate) async fn reply(response: reqwest::Response) -> Reply {
    let status = response.status();
    let headers = response.headers().clone();
    let text = response.text().await.unwrap();
    let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
    Reply {
        status,
        body,
        headers,
    }
}
