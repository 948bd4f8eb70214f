//! `/api/portals`: everyone signed in lists them (to pick one for a code); admins create,
//! update and delete them.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use lifeline_protocol::consent::{Policy, PortalPolicy};
use serde::{Deserialize, Serialize};

use super::AppState;
use super::auth_extractor::{AdminUser, CurrentUser};
use super::errors::ApiError;
use super::extract::{JsonBody, PathParam, parse_id};
use crate::store::{Portal, PortalSettings};

/// A capability policy as the API writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(super) enum PolicyDto {
    Ask,
    Notify,
    Off,
}

impl From<Policy> for PolicyDto {
    fn from(policy: Policy) -> Self {
        match policy {
            Policy::Ask => Self::Ask,
            Policy::Notify => Self::Notify,
            Policy::Off => Self::Off,
        }
    }
}

impl From<PolicyDto> for Policy {
    fn from(policy: PolicyDto) -> Self {
        match policy {
            PolicyDto::Ask => Self::Ask,
            PolicyDto::Notify => Self::Notify,
            PolicyDto::Off => Self::Off,
        }
    }
}

/// A portal's policy, per capability: `ask`, `notify` or `off`.
#[derive(Debug, Serialize)]
pub(super) struct PolicyView {
    screen_view: PolicyDto,
    remote_control: PolicyDto,
    diagnostics: PolicyDto,
    log_files: PolicyDto,
}

/// Changes to a policy; capabilities left out keep theirs.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct PolicyPatch {
    screen_view: Option<PolicyDto>,
    remote_control: Option<PolicyDto>,
    diagnostics: Option<PolicyDto>,
    log_files: Option<PolicyDto>,
}

impl PolicyPatch {
    fn apply(&self, policy: &mut PortalPolicy) {
        let set = |slot: &mut Policy, value: Option<PolicyDto>| {
            if let Some(value) = value {
                *slot = value.into();
            }
        };
        set(&mut policy.screen_view, self.screen_view);
        set(&mut policy.remote_control, self.remote_control);
        set(&mut policy.diagnostics, self.diagnostics);
        set(&mut policy.log_files, self.log_files);
    }
}

#[derive(Debug, Serialize)]
pub(super) struct PortalView {
    id: i64,
    name: String,
    slug: String,
    policy: PolicyView,
    code_lifetime_secs: u32,
    max_pending_codes: u32,
    accept_chat_requests: bool,
    /// Customers are told their session is recorded.
    recording_notice: bool,
    /// The customer portal page.
    page_url: String,
}

fn view(state: &AppState, portal: &Portal) -> PortalView {
    PortalView {
        id: portal.id,
        name: portal.name.clone(),
        slug: portal.slug.clone(),
        policy: PolicyView {
            screen_view: portal.policy.screen_view.into(),
            remote_control: portal.policy.remote_control.into(),
            diagnostics: portal.policy.diagnostics.into(),
            log_files: portal.policy.log_files.into(),
        },
        code_lifetime_secs: portal.code_lifetime_secs,
        max_pending_codes: portal.max_pending_codes,
        accept_chat_requests: portal.accept_chat_requests,
        recording_notice: portal.recording_notice,
        page_url: state.links().portal_url(&portal.slug),
    }
}

/// A portal to create (`name` and `slug` required) or changes to one (all optional).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct PortalFields {
    name: Option<String>,
    slug: Option<String>,
    #[serde(default)]
    policy: PolicyPatch,
    code_lifetime_secs: Option<u32>,
    max_pending_codes: Option<u32>,
    accept_chat_requests: Option<bool>,
}

impl PortalFields {
    fn apply(self, settings: &mut PortalSettings) {
        if let Some(name) = self.name {
            settings.name = name;
        }
        if let Some(slug) = self.slug {
            settings.slug = slug;
        }
        self.policy.apply(&mut settings.policy);
        if let Some(secs) = self.code_lifetime_secs {
            settings.code_lifetime_secs = secs;
        }
        if let Some(max) = self.max_pending_codes {
            settings.max_pending_codes = max;
        }
        if let Some(accept) = self.accept_chat_requests {
            settings.accept_chat_requests = accept;
        }
    }
}

/// Every portal.
pub(super) async fn list(
    State(state): State<AppState>,
    _user: CurrentUser,
) -> Result<Json<Vec<PortalView>>, ApiError> {
    let portals = state.store().portals().await?;
    Ok(Json(portals.iter().map(|p| view(&state, p)).collect()))
}

/// One portal.
pub(super) async fn show(
    State(state): State<AppState>,
    _user: CurrentUser,
    PathParam(id): PathParam<String>,
) -> Result<Json<PortalView>, ApiError> {
    let id = parse_id("portal", &id)?;
    let portal = state
        .store()
        .portal(id)
        .await?
        .ok_or_else(|| ApiError::not_found("portal not found"))?;
    Ok(Json(view(&state, &portal)))
}

/// Creates a portal; unset settings take the default portal's defaults.
pub(super) async fn create(
    State(state): State<AppState>,
    _admin: AdminUser,
    JsonBody(fields): JsonBody<PortalFields>,
) -> Result<(StatusCode, Json<PortalView>), ApiError> {
    if fields.name.is_none() || fields.slug.is_none() {
        return Err(ApiError::bad_request(
            "a new portal needs a name and a slug",
        ));
    }
    let mut settings = PortalSettings::default_portal();
    fields.apply(&mut settings);
    let portal = state.store().create_portal(&settings, state.now()).await?;
    Ok((StatusCode::CREATED, Json(view(&state, &portal))))
}

/// Changes a portal; settings left out keep their values.
pub(super) async fn update(
    State(state): State<AppState>,
    _admin: AdminUser,
    PathParam(id): PathParam<String>,
    JsonBody(fields): JsonBody<PortalFields>,
) -> Result<Json<PortalView>, ApiError> {
    let id = parse_id("portal", &id)?;
    let current = state
        .store()
        .portal(id)
        .await?
        .ok_or_else(|| ApiError::not_found("portal not found"))?;
    let mut settings = PortalSettings::from(&current);
    fields.apply(&mut settings);
    let portal = state.store().update_portal(id, &settings).await?;
    Ok(Json(view(&state, &portal)))
}

/// Deletes a portal (its codes and records stay).
pub(super) async fn delete(
    State(state): State<AppState>,
    _admin: AdminUser,
    PathParam(id): PathParam<String>,
) -> Result<StatusCode, ApiError> {
    let id = parse_id("portal", &id)?;
    state.store().delete_portal(id, state.now()).await?;
    Ok(StatusCode::NO_CONTENT)
}
