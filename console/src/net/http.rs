//! The relay's HTTP API, as the console uses it: sign-in, codes, portals, portal requests.

use lifeline_protocol::{CertFingerprint, SessionCode};
use reqwest::{Method, StatusCode};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use url::Url;

use super::tls::http_client;

mod error;
mod records;
use crate::state::admin::{PortalDraft, UserInfo};
use crate::state::codes::{CodeEntry, PortalInfo, PortalRequest};
pub use error::HttpError;
pub use records::{DownloadError, StoredChunk};

/// The answer to a sign-in.
#[derive(Debug, Clone, Deserialize)]
pub struct LoginReply {
    /// The bearer token.
    pub token: String,
    /// `technician`, `lead` or `admin`.
    pub role: String,
    /// The account's name as stored.
    #[serde(default)]
    pub name: String,
}

/// A client for one relay.
#[derive(Debug, Clone)]
pub struct ApiClient {
    client: reqwest::Client,
    base: Url,
    token: Option<String>,
}

impl ApiClient {
    /// A client for the relay at `base` (`https://HOST:PORT/`), pinning `fingerprint` when
    /// given.
    pub fn new(base: Url, fingerprint: Option<CertFingerprint>) -> Result<Self, HttpError> {
        let client = http_client(fingerprint).map_err(HttpError::Setup)?;
        Ok(Self {
            client,
            base,
            token: None,
        })
    }

    /// The relay's address.
    pub fn base(&self) -> &Url {
        &self.base
    }

    /// Uses `token` for the calls that need one.
    pub fn set_token(&mut self, token: Option<String>) {
        self.token = token;
    }

    /// The token in use.
    pub fn token(&self) -> Option<&str> {
        self.token.as_deref()
    }

    fn url(&self, path: &str) -> Result<Url, HttpError> {
        self.base
            .join(path)
            .map_err(|e| HttpError::Setup(format!("bad API path {path}: {e}")))
    }

    async fn call<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> Result<T, HttpError> {
        let url = self.url(path)?;
        let mut request = self.client.request(method, url);
        if let Some(token) = &self.token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.map_err(|e| self.transport_error(&e))?;
        let status = response.status();
        let text = response
            .text()
            .await
            .map_err(|e| self.transport_error(&e))?;
        if status.is_success() {
            return serde_json::from_str(&text).map_err(|e| HttpError::Malformed(e.to_string()));
        }
        Err(self.refusal(status, &text))
    }

    /// The error for a non-success answer with body `text`.
    fn refusal(&self, status: StatusCode, text: &str) -> HttpError {
        let message = serde_json::from_str::<Value>(text)
            .ok()
            .and_then(|v| v.get("error").and_then(Value::as_str).map(str::to_owned))
            .unwrap_or_else(|| format!("the server answered {status}"));
        if status == StatusCode::UNAUTHORIZED {
            HttpError::Unauthorized(message)
        } else {
            HttpError::Refused {
                status: status.as_u16(),
                message,
            }
        }
    }

    fn transport_error(&self, err: &reqwest::Error) -> HttpError {
        let url = self.base.to_string();
        // The whole chain: reqwest's own message is generic.
        let mut detail = err.to_string();
        let mut source = std::error::Error::source(err);
        while let Some(inner) = source {
            detail = format!("{detail}: {inner}");
            source = inner.source();
        }
        let tls = detail.contains("certificate") || detail.contains("InvalidCertificate");
        if tls {
            HttpError::Certificate { url, detail }
        } else if err.is_timeout() {
            HttpError::Unreachable {
                url,
                detail: "no answer in time".into(),
            }
        } else {
            HttpError::Unreachable { url, detail }
        }
    }

    /// Signs in and keeps the token.
    pub async fn login(&mut self, name: &str, password: &str) -> Result<LoginReply, HttpError> {
        let reply: LoginReply = self
            .call(
                Method::POST,
                "api/login",
                Some(json!({ "name": name, "password": password })),
            )
            .await?;
        self.token = Some(reply.token.clone());
        Ok(reply)
    }

    /// The signed-in technician's codes.
    pub async fn codes(&self) -> Result<Vec<CodeEntry>, HttpError> {
        self.call(Method::GET, "api/codes", None).await
    }

    /// Creates a code.
    pub async fn create_code(
        &self,
        identifier: Option<&str>,
        portal: Option<&str>,
    ) -> Result<CodeEntry, HttpError> {
        let mut body = serde_json::Map::new();
        if let Some(identifier) = identifier.map(str::trim).filter(|s| !s.is_empty()) {
            body.insert("identifier".into(), json!(identifier));
        }
        if let Some(portal) = portal {
            body.insert("portal".into(), json!(portal));
        }
        self.call(Method::POST, "api/codes", Some(Value::Object(body)))
            .await
    }

    /// Cancels a pending code.
    pub async fn cancel_code(&self, code: SessionCode) -> Result<CodeEntry, HttpError> {
        self.call(
            Method::DELETE,
            &format!("api/codes/{}", code.digits()),
            None,
        )
        .await
    }

    /// The portals.
    pub async fn portals(&self) -> Result<Vec<PortalInfo>, HttpError> {
        self.call(Method::GET, "api/portals", None).await
    }

    /// Open portal requests.
    pub async fn requests(&self) -> Result<Vec<PortalRequest>, HttpError> {
        self.call(Method::GET, "api/requests", None).await
    }

    /// Takes a portal request.
    pub async fn accept_request(&self, id: i64) -> Result<CodeEntry, HttpError> {
        self.call(Method::POST, &format!("api/requests/{id}/accept"), None)
            .await
    }

    /// Creates a portal (admins).
    pub async fn create_portal(&self, draft: &PortalDraft) -> Result<PortalInfo, HttpError> {
        let body = serde_json::to_value(draft).map_err(|e| HttpError::Malformed(e.to_string()))?;
        self.call(Method::POST, "api/portals", Some(body)).await
    }

    /// Changes a portal (admins).
    pub async fn update_portal(
        &self,
        id: i64,
        draft: &PortalDraft,
    ) -> Result<PortalInfo, HttpError> {
        let body = serde_json::to_value(draft).map_err(|e| HttpError::Malformed(e.to_string()))?;
        self.call(Method::PATCH, &format!("api/portals/{id}"), Some(body))
            .await
    }

    /// Every account (admins).
    pub async fn users(&self) -> Result<Vec<UserInfo>, HttpError> {
        self.call(Method::GET, "api/users", None).await
    }

    /// Creates an account (admins).
    pub async fn create_user(
        &self,
        name: &str,
        password: &str,
        role: &str,
    ) -> Result<UserInfo, HttpError> {
        let body = json!({ "name": name, "password": password, "role": role });
        self.call(Method::POST, "api/users", Some(body)).await
    }

    /// Changes an account's role and/or disables it (admins).
    pub async fn update_user(
        &self,
        id: i64,
        role: Option<&str>,
        disabled: Option<bool>,
    ) -> Result<UserInfo, HttpError> {
        let mut body = serde_json::Map::new();
        if let Some(role) = role {
            body.insert("role".into(), json!(role));
        }
        if let Some(disabled) = disabled {
            body.insert("disabled".into(), json!(disabled));
        }
        self.call(
            Method::PATCH,
            &format!("api/users/{id}"),
            Some(Value::Object(body)),
        )
        .await
    }
}
