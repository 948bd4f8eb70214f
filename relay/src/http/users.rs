//! `/api/users` (admins): list, create, change role, disable.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};

use super::AppState;
use super::auth_extractor::AdminUser;
use super::errors::ApiError;
use super::extract::{JsonBody, PathParam, parse_id};
use crate::store::{User, UserRole};

#[derive(Debug, Serialize)]
pub(super) struct UserView {
    id: i64,
    name: String,
    role: UserRole,
    disabled: bool,
}

impl From<User> for UserView {
    fn from(user: User) -> Self {
        Self {
            id: user.id,
            name: user.name,
            role: user.role,
            disabled: user.disabled,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct CreateUser {
    name: String,
    password: String,
    role: UserRole,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct UpdateUser {
    role: Option<UserRole>,
    disabled: Option<bool>,
}

/// Every account.
pub(super) async fn list(
    State(state): State<AppState>,
    _admin: AdminUser,
) -> Result<Json<Vec<UserView>>, ApiError> {
    let users = state.store().users().await?;
    Ok(Json(users.into_iter().map(UserView::from).collect()))
}

/// Creates an account.
pub(super) async fn create(
    State(state): State<AppState>,
    _admin: AdminUser,
    JsonBody(request): JsonBody<CreateUser>,
) -> Result<(StatusCode, Json<UserView>), ApiError> {
    let user = state
        .store()
        .create_user(&request.name, &request.password, request.role)
        .await?;
    Ok((StatusCode::CREATED, Json(user.into())))
}

/// Changes an account's role or disables/enables it. Admins cannot lock themselves out.
pub(super) async fn update(
    State(state): State<AppState>,
    AdminUser(admin): AdminUser,
    PathParam(id): PathParam<String>,
    JsonBody(request): JsonBody<UpdateUser>,
) -> Result<Json<UserView>, ApiError> {
    let id = parse_id("user", &id)?;
    if request.role.is_none() && request.disabled.is_none() {
        return Err(ApiError::bad_request(
            "nothing to change: give a role and/or disabled",
        ));
    }
    if id == admin.id {
        if request.disabled == Some(true) {
            return Err(ApiError::conflict("you cannot disable your own account"));
        }
        if request.role.is_some_and(|role| role != UserRole::Admin) {
            return Err(ApiError::conflict(
                "you cannot take away your own admin role",
            ));
        }
    }
    let user = state
        .store()
        .update_user(id, request.role, request.disabled)
        .await?;
    Ok(Json(user.into()))
}
