//! The signed-in user, from `Authorization: Bearer TOKEN`.

use axum::extract::FromRequestParts;
use axum::http::HeaderMap;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;

use super::AppState;
use super::errors::ApiError;
use crate::store::{User, UserRole};

/// The user whose bearer token came with the request. Extracting it answers 401 when the
/// token is missing, unknown, expired, or its user is disabled.
#[derive(Debug, Clone)]
pub struct CurrentUser(pub User);

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let token = bearer_token(&parts.headers)?;
        match state.store().user_for_token(token, state.now()).await? {
            Some(user) => Ok(Self(user)),
            None => Err(ApiError::unauthorized(
                "your sign-in is not valid or has expired; sign in again",
            )),
        }
    }
}

/// The token in `Authorization: Bearer TOKEN` (scheme name in any case).
pub(super) fn bearer_token(headers: &HeaderMap) -> Result<&str, ApiError> {
    let header = headers.get(AUTHORIZATION).ok_or_else(|| {
        ApiError::unauthorized("sign in first and send the token as Authorization: Bearer TOKEN")
    })?;
    header
        .to_str()
        .ok()
        .and_then(|value| value.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| token.trim())
        .filter(|token| !token.is_empty())
        .ok_or_else(|| ApiError::unauthorized("the Authorization header must be Bearer TOKEN"))
}

/// A signed-in admin. Extracting it answers 401 like [`CurrentUser`], and 403 for other
/// roles, before the request body is read.
#[derive(Debug, Clone)]
pub struct AdminUser(pub User);

impl FromRequestParts<AppState> for AdminUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let CurrentUser(user) = CurrentUser::from_request_parts(parts, state).await?;
        if user.role != UserRole::Admin {
            return Err(ApiError::forbidden(format!(
                "only admins can manage portals and users; you are signed in as a {}",
                user.role
            )));
        }
        Ok(Self(user))
    }
}
