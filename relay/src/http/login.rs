//! `POST /api/login` and `POST /api/logout`.

use std::net::{IpAddr, SocketAddr};

use axum::Json;
use axum::extract::{ConnectInfo, State};
use axum::http::HeaderMap;
use axum::http::StatusCode;
use lifeline_protocol::messages::UnixMillis;
use serde::{Deserialize, Serialize};

use super::AppState;
use super::auth_extractor::bearer_token;
use super::errors::ApiError;
use super::extract::JsonBody;
use crate::auth::{TOKEN_LIFETIME, Throttled, verify_password};
use crate::store::UserRole;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct LoginRequest {
    name: String,
    password: String,
}

#[derive(Debug, Serialize)]
pub(super) struct LoginResponse {
    token: String,
    role: UserRole,
    user_id: i64,
    name: String,
    expires_at: UnixMillis,
}

/// Signs in: a right name and password get a bearer token. Failures are slowed and then
/// locked per account and per source address (429 with `Retry-After`).
pub(super) async fn login(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    JsonBody(request): JsonBody<LoginRequest>,
) -> Result<Json<LoginResponse>, ApiError> {
    let address = peer.ip();
    state
        .begin_login(&request.name, address)
        .map_err(|wait| throttled(&wait))?;
    let mut attempt = Attempt {
        state: &state,
        name: &request.name,
        address,
        open: true,
    };
    let found = state.store().credentials(&request.name).await?;
    let hash = found.as_ref().map(|(_, hash)| hash.clone());
    let right = verify_password(request.password, hash).await;
    let user = match found {
        Some((user, _)) if right => user,
        _ => {
            attempt.failed();
            state.metrics().login_failed();
            return Err(ApiError::unauthorized("wrong name or password"));
        }
    };
    attempt.succeeded();
    if user.disabled {
        return Err(ApiError::forbidden(
            "this account is disabled; ask an admin to enable it",
        ));
    }
    let issued = state
        .store()
        .issue_token(user.id, state.now(), TOKEN_LIFETIME)
        .await?;
    Ok(Json(LoginResponse {
        token: issued.token,
        role: user.role,
        user_id: user.id,
        name: user.name,
        expires_at: issued.expires_at,
    }))
}

/// Signs out: the token stops working.
pub(super) async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<StatusCode, ApiError> {
    let token = bearer_token(&headers)?;
    state.store().revoke_token(token).await?;
    Ok(StatusCode::NO_CONTENT)
}

fn throttled(wait: &Throttled) -> ApiError {
    let wait_secs = wait.retry_after.as_secs() + u64::from(wait.retry_after.subsec_nanos() > 0);
    let secs = wait_secs.max(1);
    let message = if wait.locked {
        format!(
            "too many failed sign-ins: sign-in is locked for {}; try again later",
            minutes_or_seconds(secs)
        )
    } else {
        format!("too many failed sign-ins; wait {secs} s before trying again")
    };
    ApiError::too_many(message, secs)
}

fn minutes_or_seconds(secs: u64) -> String {
    if secs >= 90 {
        format!("{} minutes", secs.div_ceil(60))
    } else {
        format!("{secs} seconds")
    }
}

/// A sign-in attempt under way in the throttle; ends it as abandoned if the request is cut
/// short (the client went away mid-check).
struct Attempt<'a> {
    state: &'a AppState,
    name: &'a str,
    address: IpAddr,
    open: bool,
}

impl Attempt<'_> {
    fn failed(&mut self) {
        let now = self.state.now();
        self.state
            .throttle(|t| t.finish_failure(self.name, self.address, now));
        self.open = false;
    }

    fn succeeded(&mut self) {
        self.state
            .throttle(|t| t.finish_success(self.name, self.address));
        self.open = false;
    }
}

impl Drop for Attempt<'_> {
    fn drop(&mut self) {
        if self.open {
            self.state.throttle(|t| t.abandon(self.name, self.address));
        }
    }
}
