//! The relay's HTTP API, as the console uses it: sign-in, codes, portals, portal requests.

use lifeline_protocol::{CertFingerprint, SessionCode};
use reqwest::{Method, StatusCode};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use thiserror::Error;
use url::Url;

use super::tls::http_client;

mod records;
use crate::state::admin::{PortalDraft, UserInfo};
use crate::state::codes::{CodeEntry, PortalInfo, PortalRequest};
use crate::state::problem::Problem;
pub use records::{DownloadError, StoredChunk};

/// Why an API call failed. The messages are English, for logs and headless callers; the
/// console shows [`HttpError::problem`], worded in the technician's language.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum HttpError {
    /// The client could not be set up.
    #[error("the HTTPS client could not be set up: {0}")]
    Setup(String),
    /// The server did not answer.
    #[error("the server {url} is unreachable: {detail}")]
    Unreachable {
        /// The server.
        url: String,
        /// What went wrong.
        detail: String,
    },
    /// TLS failed: most likely the certificate is not the pinned one.
    #[error(
        "the server {url} did not present the expected certificate; check the server's \
         fingerprint in the settings ({detail})"
    )]
    Certificate {
        /// The server.
        url: String,
        /// What went wrong.
        detail: String,
    },
    /// Not signed in, or the token expired.
    #[error("{0}")]
    Unauthorized(String),
    /// The server refused the request; its message says why.
    #[error("{message}")]
    Refused {
        /// HTTP status.
        status: u16,
        /// The server's message.
        message: String,
    },
    /// The answer could not be read.
    #[error("the server's answer could not be read: {0}")]
    Malformed(String),
}

impl HttpError {
    /// Whether the server could not be reached at all.
    pub fn is_unreachable(&self) -> bool {
        matches!(self, Self::Unreachable { .. } | Self::Certificate { .. })
    }

    /// What went wrong, as the console tells the technician. The relay's messages are
    /// stable English; they are mapped by status (and, for a few conflicts, by message).
    pub fn problem(&self) -> Problem {
        match self {
            Self::Setup(detail) => Problem::ClientSetup(detail.clone()),
            Self::Unreachable { url, detail } => Problem::Unreachable {
                url: url.clone(),
                detail: detail.clone(),
            },
            Self::Certificate { url, .. } => Problem::Certificate { url: url.clone() },
            Self::Unauthorized(_) => Problem::SignInExpired,
            Self::Refused { status, message } => refusal_problem(*status, message),
            Self::Malformed(_) => Problem::Malformed,
        }
    }

    /// [`HttpError::problem`] for a sign-in, where 401 means a wrong name or password and
    /// 403 a disabled account.
    pub fn sign_in_problem(&self) -> Problem {
        match self {
            Self::Unauthorized(_) => Problem::WrongPassword,
            Self::Refused { status: 403, .. } => Problem::AccountDisabled,
            other => other.problem(),
        }
    }
}

/// A 400 the technician can act on, by the relay's stable message; else [`Problem::Invalid`].
fn invalid_problem(message: &str) -> Problem {
    if message.starts_with("the password must have") {
        // "the password must have 8 to 1024 characters, it has 5"
        let min = message
            .split(|c: char| !c.is_ascii_digit())
            .find_map(|n| n.parse().ok());
        return min.map_or(Problem::Invalid, |min| Problem::PasswordLength { min });
    }
    if message.starts_with("the user name is empty") || message.starts_with("the portal name is") {
        Problem::NameEmpty
    } else if message.starts_with("a new portal needs") {
        Problem::PortalIncomplete
    } else if message.starts_with("the slug") {
        Problem::SlugInvalid
    } else if message.starts_with("the code lifetime") {
        Problem::CodeLifetime
    } else if message.starts_with("retention must be") {
        Problem::RetentionRange
    } else {
        Problem::Invalid
    }
}

/// A relay refusal as a [`Problem`]: by status, and by the stable message for the conflicts
/// the technician can act on.
fn refusal_problem(status: u16, message: &str) -> Problem {
    match status {
        400 | 422 => invalid_problem(message),
        403 => Problem::Forbidden,
        404 => Problem::NotFound,
        409 if message.starts_with("a user named") => Problem::NameTaken,
        409 if message.starts_with("a portal with slug") => Problem::SlugTaken,
        409 if message.contains("pending codes") => Problem::TooManyCodes,
        409 if message.starts_with("you cannot") && message.contains("your own") => {
            Problem::OwnAccount
        }
        409 => Problem::Conflict,
        413 => Problem::TooLarge,
        429 => Problem::TooManyAttempts {
            retry_after_secs: None,
        },
        500..=599 => Problem::ServerFailed { status },
        _ => Problem::Refused { status },
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(status: u16, message: &str) -> HttpError {
        HttpError::Refused {
            status,
            message: message.into(),
        }
    }

    #[test]
    fn relay_refusals_map_to_problems_by_status_and_stable_message() {
        let cases = [
            (refused(400, "invalid request"), Problem::Invalid),
            (
                refused(400, "the password must have 8 to 1024 characters, it has 5"),
                Problem::PasswordLength { min: 8 },
            ),
            (refused(400, "the user name is empty"), Problem::NameEmpty),
            (refused(400, "the portal name is empty"), Problem::NameEmpty),
            (
                refused(400, "a new portal needs a name and a slug"),
                Problem::PortalIncomplete,
            ),
            (
                refused(400, "the slug \"A B\" is not valid: use 1 to 40 lowercase"),
                Problem::SlugInvalid,
            ),
            (
                refused(400, "the code lifetime must be 60 to 604800 seconds, not 5"),
                Problem::CodeLifetime,
            ),
            (
                refused(
                    400,
                    "retention must be 1 to 3650 days, or none to keep records forever",
                ),
                Problem::RetentionRange,
            ),
            (
                refused(403, "only admins can manage portals"),
                Problem::Forbidden,
            ),
            (refused(404, "portal not found"), Problem::NotFound),
            (
                refused(409, "a user named \"ana\" already exists"),
                Problem::NameTaken,
            ),
            (
                refused(409, "a portal with slug \"x\" already exists"),
                Problem::SlugTaken,
            ),
            (
                refused(409, "you already have 3 pending codes, the most portal"),
                Problem::TooManyCodes,
            ),
            (
                refused(409, "you cannot disable your own account"),
                Problem::OwnAccount,
            ),
            (
                refused(409, "you cannot take away your own admin role"),
                Problem::OwnAccount,
            ),
            (
                refused(409, "this code already has a session"),
                Problem::Conflict,
            ),
            (refused(413, "the file is too large"), Problem::TooLarge),
            (
                refused(429, "too many requests"),
                Problem::TooManyAttempts {
                    retry_after_secs: None,
                },
            ),
            (refused(503, "busy"), Problem::ServerFailed { status: 503 }),
            (refused(418, "teapot"), Problem::Refused { status: 418 }),
            (
                HttpError::Unauthorized("your sign-in is not valid".into()),
                Problem::SignInExpired,
            ),
            (HttpError::Malformed("eof".into()), Problem::Malformed),
        ];
        for (err, problem) in cases {
            assert_eq!(err.problem(), problem, "{err}");
        }
    }

    #[test]
    fn sign_in_refusals_say_what_the_technician_can_do() {
        let wrong = HttpError::Unauthorized("wrong name or password".into());
        assert_eq!(wrong.sign_in_problem(), Problem::WrongPassword);
        let disabled = refused(403, "this account is disabled; ask an admin to enable it");
        assert_eq!(disabled.sign_in_problem(), Problem::AccountDisabled);
        let other = refused(500, "the server failed");
        assert_eq!(
            other.sign_in_problem(),
            Problem::ServerFailed { status: 500 }
        );
    }
}
