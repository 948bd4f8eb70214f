//! API errors: `{"error": "..."}` with a status that fits.

use axum::Json;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;
use tracing::error;

use crate::store::StoreError;

/// An API error: a status and a message saying what was wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// HTTP status.
    pub status: StatusCode,
    /// What was wrong, for people.
    pub message: String,
    /// Seconds to wait, sent as `Retry-After` (429 and 503).
    pub retry_after_secs: Option<u64>,
}

impl ApiError {
    /// An error with `status` and `message`.
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        Self {
            status,
            message: message.into(),
            retry_after_secs: None,
        }
    }

    /// 400.
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }

    /// 401.
    pub fn unauthorized(message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, message)
    }

    /// 403.
    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, message)
    }

    /// 404.
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, message)
    }

    /// 409.
    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, message)
    }

    /// 413.
    pub fn too_large(message: impl Into<String>) -> Self {
        Self::new(StatusCode::PAYLOAD_TOO_LARGE, message)
    }

    /// 429 with `Retry-After`.
    pub fn too_many(message: impl Into<String>, retry_after_secs: u64) -> Self {
        Self {
            retry_after_secs: Some(retry_after_secs),
            ..Self::new(StatusCode::TOO_MANY_REQUESTS, message)
        }
    }

    /// 500; the detail goes to the log, not to the client.
    pub fn internal(detail: impl std::fmt::Display) -> Self {
        error!("internal error: {detail}");
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "the server failed to handle this request; the error was logged",
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.status, Json(json!({ "error": self.message }))).into_response();
        let headers = response.headers_mut();
        if let Some(secs) = self.retry_after_secs {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        if self.status == StatusCode::UNAUTHORIZED {
            headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}

impl From<StoreError> for ApiError {
    fn from(err: StoreError) -> Self {
        let message = err.to_string();
        match err {
            StoreError::Invalid(_) => Self::bad_request(message),
            StoreError::NotFound(_) => Self::not_found(message),
            StoreError::NameTaken(_)
            | StoreError::SlugTaken(_)
            | StoreError::TooManyPendingCodes { .. }
            | StoreError::CodeState { .. }
            | StoreError::SessionExists
            | StoreError::SessionClosed
            | StoreError::DefaultPortal
            | StoreError::AlreadyAccepted
            | StoreError::ChunkConflict { .. }
            | StoreError::FileConflict(_)
            | StoreError::FileOffset { .. } => Self::conflict(message),
            StoreError::FileTooLarge { .. } => Self::too_large(message),
            StoreError::RequestsClosed => Self::forbidden(message),
            StoreError::RequestQueueFull => Self::too_many(message, 60),
            StoreError::DataDir { .. }
            | StoreError::Database(_)
            | StoreError::Migrate(_)
            | StoreError::Corrupt { .. }
            | StoreError::Crypto(_) => Self::internal(message),
        }
    }
}

/// Answer for paths nothing serves.
pub(super) async fn no_route(method: Method, uri: Uri) -> ApiError {
    ApiError::not_found(format!("there is no {method} {}", uri.path()))
}

/// Answer for a known path with a method it does not take.
pub(super) async fn wrong_method(method: Method, uri: Uri) -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        format!("{} does not take {method}", uri.path()),
    )
}
