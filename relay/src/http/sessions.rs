//! `GET /api/sessions` and `GET /api/sessions/ID`: technicians see their own records, leads
//! and admins everyone's.

use axum::Json;
use axum::extract::State;
use lifeline_protocol::messages::UnixMillis;
use lifeline_protocol::messages::handshake::DeviceSummary;
use serde::{Deserialize, Serialize};

use super::AppState;
use super::auth_extractor::CurrentUser;
use super::errors::ApiError;
use super::extract::{PathParam, QueryParams, parse_id};
use crate::store::{SessionEvent, SessionRecord, User, party_name};

/// Records listed when no limit is given.
const DEFAULT_LIMIT: u32 = 100;
/// Records listed at most.
const MAX_LIMIT: u32 = 1000;

#[derive(Debug, Serialize)]
pub(super) struct SessionView {
    id: i64,
    code: String,
    identifier: Option<String>,
    portal: String,
    technician: TechnicianView,
    customer_name: String,
    device: DeviceSummary,
    code_created_at: UnixMillis,
    started_at: UnixMillis,
    ended_at: Option<UnixMillis>,
    /// `technician`, `customer` or `relay`.
    ended_by: Option<&'static str>,
    end_reason: Option<String>,
    duration_ms: Option<u64>,
    bytes_from_technician: u64,
    bytes_from_customer: u64,
    /// Present on the single-record view.
    #[serde(skip_serializing_if = "Option::is_none")]
    events: Option<Vec<EventView>>,
}

#[derive(Debug, Serialize)]
struct TechnicianView {
    id: i64,
    name: String,
}

#[derive(Debug, Serialize)]
struct EventView {
    at: UnixMillis,
    kind: String,
    data: serde_json::Value,
}

impl SessionView {
    pub(super) fn new(record: SessionRecord, events: Option<Vec<SessionEvent>>) -> Self {
        let end = record.end.as_ref();
        Self {
            id: record.id,
            code: record.code.digits(),
            identifier: record.identifier,
            portal: record.portal,
            technician: TechnicianView {
                id: record.technician_id,
                name: record.technician_name,
            },
            customer_name: record.customer_name,
            device: record.device,
            code_created_at: record.code_created_at,
            started_at: record.started_at,
            ended_at: end.map(|e| e.ended_at),
            ended_by: end.map(|e| party_name(e.ended_by)),
            end_reason: end.map(|e| e.reason.clone()),
            duration_ms: end.map(|e| e.ended_at.0.saturating_sub(record.started_at.0)),
            bytes_from_technician: end.map_or(0, |e| e.bytes_from_technician),
            bytes_from_customer: end.map_or(0, |e| e.bytes_from_customer),
            events: events.map(|events| {
                events
                    .into_iter()
                    .map(|e| EventView {
                        at: e.at,
                        kind: e.kind,
                        data: e.data,
                    })
                    .collect()
            }),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ListQuery {
    limit: Option<u32>,
}

/// The technician whose records `user` may see: themselves, or everyone (`None`).
fn scope(user: &User) -> Option<i64> {
    (!user.role.reviews_all_sessions()).then_some(user.id)
}

/// Session records, newest first.
pub(super) async fn list(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    QueryParams(query): QueryParams<ListQuery>,
) -> Result<Json<Vec<SessionView>>, ApiError> {
    let limit = query.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT);
    let records = state.store().sessions(scope(&user), limit).await?;
    Ok(Json(
        records
            .into_iter()
            .map(|r| SessionView::new(r, None))
            .collect(),
    ))
}

/// One record with its events: 404 when there is none, 403 when it is another
/// technician's (the same answer as `/api/records/ID`).
pub(super) async fn show(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    PathParam(id): PathParam<String>,
) -> Result<Json<SessionView>, ApiError> {
    let id = parse_id("session", &id)?;
    let record = state
        .store()
        .session(id)
        .await?
        .ok_or_else(|| ApiError::not_found("session not found"))?;
    if scope(&user).is_some_and(|own| own != record.technician_id) {
        return Err(ApiError::forbidden(
            "this session belongs to another technician; only leads and admins can see it",
        ));
    }
    let events = state.store().session_events(id).await?;
    Ok(Json(SessionView::new(record, Some(events))))
}
