//! `POST /api/codes`, `GET /api/codes`, `DELETE /api/codes/CODE`.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use lifeline_protocol::SessionCode;
use lifeline_protocol::messages::UnixMillis;
use serde::{Deserialize, Serialize};

use super::AppState;
use super::auth_extractor::CurrentUser;
use super::errors::ApiError;
use super::extract::{JsonBody, PathParam};
use super::links::Links;
use crate::store::{CodeRecord, CodeState, NewCode, Portal};

/// Codes listed at most.
const LIST_LIMIT: u32 = 500;

/// A code as the API shows it.
#[derive(Debug, Serialize)]
pub(super) struct CodeView {
    /// Nine digits, e.g. `"012345678"`.
    code: String,
    /// The join URL to send the customer.
    url: String,
    /// The deep link that opens the app.
    deep_link: String,
    created_at: UnixMillis,
    expires_at: UnixMillis,
    /// The portal's slug.
    portal: String,
    identifier: Option<String>,
    /// As of now: a pending code past its expiry shows `expired`.
    state: CodeState,
    chat_only: bool,
}

impl CodeView {
    pub(super) fn new(record: &CodeRecord, links: &Links, now: UnixMillis) -> Self {
        Self {
            code: record.code.digits(),
            url: links.join_url(record.code).to_string(),
            deep_link: links.deep_link(record.code).to_string(),
            created_at: record.created_at,
            expires_at: record.expires_at,
            portal: record.portal.slug.clone(),
            identifier: record.identifier.clone(),
            state: record.effective_state(now),
            chat_only: record.chat_only,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct CreateCode {
    /// A note for the technician, e.g. the customer's name.
    #[serde(default)]
    identifier: Option<String>,
    /// The portal's slug; the default portal when absent.
    #[serde(default)]
    portal: Option<String>,
}

/// Creates a pending code for the signed-in user.
pub(super) async fn create(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    JsonBody(request): JsonBody<CreateCode>,
) -> Result<(StatusCode, Json<CodeView>), ApiError> {
    let portal = portal_named(&state, request.portal.as_deref()).await?;
    let now = state.now();
    let record = state
        .store()
        .create_code(
            &NewCode {
                owner_id: user.id,
                portal_id: portal.id,
                identifier: request.identifier,
            },
            now,
        )
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(CodeView::new(&record, state.links(), now)),
    ))
}

/// The portal a request names (by slug), or the default one.
async fn portal_named(state: &AppState, slug: Option<&str>) -> Result<Portal, ApiError> {
    match slug {
        None => Ok(state.store().default_portal().await?),
        Some(slug) => state
            .store()
            .portal_by_slug(slug)
            .await?
            .ok_or_else(|| ApiError::bad_request(format!("there is no portal {slug:?}"))),
    }
}

/// The signed-in user's codes, newest first.
pub(super) async fn list(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> Result<Json<Vec<CodeView>>, ApiError> {
    let now = state.now();
    let records = state.store().codes_of(user.id, LIST_LIMIT).await?;
    Ok(Json(
        records
            .iter()
            .map(|r| CodeView::new(r, state.links(), now))
            .collect(),
    ))
}

/// Cancels one of the signed-in user's pending codes (admins: anyone's).
pub(super) async fn cancel(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    PathParam(code): PathParam<String>,
) -> Result<Json<CodeView>, ApiError> {
    let code: SessionCode = code
        .parse()
        .map_err(|e| ApiError::bad_request(format!("{code:?} is not a session code: {e}")))?;
    let now = state.now();
    let record = state.store().cancel_code(code, &user, now).await?;
    Ok(Json(CodeView::new(&record, state.links(), now)))
}
