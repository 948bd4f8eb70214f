//! Why a call to the relay's HTTP API failed, and how the console words it: the relay's
//! messages are stable English, mapped to a [`Problem`] by status (and, for the refusals the
//! technician can act on, by message).

use thiserror::Error;

use crate::state::problem::Problem;

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
