//! Session records under `/api/records`: list and search, details (each open logged),
//! the recording (each download logged), chunk uploads from the session's technician, the
//! wrap-up, and for admins retention and the portals' recording notice.
//!
//! Technicians see their own records; leads and admins everyone's. Anything else is 403.

use axum::Json;
use axum::body::Body;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use lifeline_protocol::messages::UnixMillis;
use lifeline_protocol::record::{MAX_CHUNK_BYTES, MAX_CHUNK_SEQ, decode_chunk};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::AppState;
use super::auth_extractor::{AdminUser, CurrentUser};
use super::concat::ConcatReader;
use super::errors::ApiError;
use super::extract::{JsonBody, PathParam, QueryParams, parse_id};
use super::sessions::SessionView;
use crate::store::{
    AccessAction, AccessEntry, ChunkInfo, ChunkStored, Outcome, RecordFile, RecordFilter,
    RecordSummary, SessionRecord, User, WrapUp,
};

/// Records listed when no limit is given.
const DEFAULT_LIMIT: u32 = 200;
/// Records listed at most.
const MAX_LIMIT: u32 = 1000;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ListQuery {
    technician: Option<String>,
    portal: Option<String>,
    /// Started at or after, ms since the epoch.
    from: Option<u64>,
    /// Started before, ms since the epoch.
    to: Option<u64>,
    /// `resolved`, `unresolved`, `follow_up` or `none`.
    outcome: Option<String>,
    /// Text in the identifier, customer name or chat.
    q: Option<String>,
    limit: Option<u32>,
}

#[derive(Debug, Serialize)]
pub(super) struct RecordListItem {
    #[serde(flatten)]
    session: SessionView,
    outcome: Option<Outcome>,
    recording_bytes: u64,
    recording_chunks: u32,
    recorded_ms: u64,
}

#[derive(Debug, Serialize)]
pub(super) struct RecordDetails {
    #[serde(flatten)]
    session: SessionView,
    wrapup: Option<WrapUp>,
    access_log: Vec<AccessEntry>,
    chunks: Vec<ChunkInfo>,
    recording_bytes: u64,
    /// Files received in the session whose content was uploaded (or is being).
    files: Vec<RecordFile>,
}

/// The technician whose records `user` may see: themselves, or everyone (`None`).
fn scope(user: &User) -> Option<i64> {
    (!user.role.reviews_all_sessions()).then_some(user.id)
}

/// The record `id` if `user` may see it: 404 when there is none, 403 when it is another
/// technician's.
pub(super) async fn visible(
    state: &AppState,
    user: &User,
    id: &str,
) -> Result<SessionRecord, ApiError> {
    let id = parse_id("record", id)?;
    let record = state
        .store()
        .session(id)
        .await?
        .ok_or_else(|| ApiError::not_found("record not found"))?;
    if scope(user).is_some_and(|own| own != record.technician_id) {
        return Err(ApiError::forbidden(
            "this record belongs to another technician; only leads and admins can see it",
        ));
    }
    Ok(record)
}

/// `Content-Disposition` for a download named `name`: quotes, backslashes and characters
/// outside printable ASCII become `_` (the client names the file itself anyway).
pub(super) fn attachment(name: &str) -> String {
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("attachment; filename=\"{safe}\"")
}

/// Records matching the filters, newest first.
pub(super) async fn list(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    QueryParams(query): QueryParams<ListQuery>,
) -> Result<Json<Vec<RecordListItem>>, ApiError> {
    let outcome = match query.outcome.as_deref() {
        None | Some("") => None,
        Some("none") => Some(None),
        Some(text) => Some(Some(
            text.parse::<Outcome>().map_err(ApiError::bad_request)?,
        )),
    };
    if let (Some(from), Some(to)) = (query.from, query.to)
        && from > to
    {
        return Err(ApiError::bad_request(
            "the date range ends before it starts",
        ));
    }
    let non_empty = |t: Option<String>| t.filter(|t| !t.trim().is_empty());
    let filter = RecordFilter {
        scope: scope(&user),
        technician: non_empty(query.technician),
        portal: non_empty(query.portal),
        from: query.from.map(UnixMillis),
        to: query.to.map(UnixMillis),
        outcome,
        text: non_empty(query.q),
        limit: query.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT),
    };
    let found = state.store().search_records(&filter).await?;
    Ok(Json(found.into_iter().map(list_item).collect()))
}

fn list_item(summary: RecordSummary) -> RecordListItem {
    RecordListItem {
        session: SessionView::new(summary.session, None),
        outcome: summary.outcome,
        recording_bytes: summary.bytes,
        recording_chunks: summary.chunks,
        recorded_ms: summary.recorded_ms,
    }
}

/// A record's details; the opening is logged first, so the log shows it.
pub(super) async fn show(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    PathParam(id): PathParam<String>,
) -> Result<Json<RecordDetails>, ApiError> {
    let record = visible(&state, &user, &id).await?;
    let store = state.store();
    store
        .log_access(record.id, user.id, AccessAction::Open, state.now())
        .await?;
    let events = store.session_events(record.id).await?;
    let chunks = store.record_chunks(record.id).await?;
    Ok(Json(RecordDetails {
        wrapup: store.wrapup(record.id).await?,
        files: store.record_files(record.id).await?,
        access_log: store.access_log(record.id).await?,
        recording_bytes: chunks.iter().map(|c| c.bytes).sum(),
        chunks,
        session: SessionView::new(record, Some(events)),
    }))
}

/// The whole recording (chunks concatenated in order), streamed from the data dir one
/// chunk file at a time; the download is logged.
pub(super) async fn recording(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    PathParam(id): PathParam<String>,
) -> Result<Response, ApiError> {
    let record = visible(&state, &user, &id).await?;
    state
        .store()
        .log_access(record.id, user.id, AccessAction::Download, state.now())
        .await?;
    let (paths, total) = state.store().recording_files(record.id).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/octet-stream".to_owned()),
            (header::CONTENT_LENGTH, total.to_string()),
            (
                header::CONTENT_DISPOSITION,
                attachment(&format!("session-{}.llrec", record.id)),
            ),
        ],
        ConcatReader::new(paths).body(),
    )
        .into_response())
}

/// The chunks stored so far (for an uploader resuming after a dropped connection).
pub(super) async fn chunks(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    PathParam(id): PathParam<String>,
) -> Result<Json<Vec<ChunkInfo>>, ApiError> {
    let record = visible(&state, &user, &id).await?;
    Ok(Json(state.store().record_chunks(record.id).await?))
}

/// Stores one chunk. Only the session's technician uploads. Idempotent per sequence
/// number: the same bytes again answer 200, different bytes 409; a malformed or oversized
/// chunk is 400 and changes nothing.
pub(super) async fn put_chunk(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    PathParam((id, seq)): PathParam<(String, String)>,
    body: Body,
) -> Result<Response, ApiError> {
    let record = visible(&state, &user, &id).await?;
    if record.technician_id != user.id {
        return Err(ApiError::forbidden(
            "only the session's technician uploads its recording",
        ));
    }
    let seq = seq
        .parse::<u32>()
        .ok()
        .filter(|s| *s <= MAX_CHUNK_SEQ)
        .ok_or_else(|| {
            ApiError::bad_request(format!(
                "{seq:?} is not a chunk number (0 to {MAX_CHUNK_SEQ})"
            ))
        })?;
    let bytes = axum::body::to_bytes(body, MAX_CHUNK_BYTES + 1)
        .await
        .map_err(|_| {
            ApiError::bad_request(format!(
                "the chunk is over the limit of {MAX_CHUNK_BYTES} bytes, or its upload was cut off"
            ))
        })?;
    let session_id = u64::try_from(record.id).unwrap_or(0);
    let chunk = decode_chunk(&bytes, Some((session_id, seq)))
        .map_err(|e| ApiError::bad_request(format!("chunk {seq} refused: {e}")))?;
    let stored = state
        .store()
        .put_chunk(record.id, &chunk, &bytes, state.now())
        .await?;
    let (status, what) = match stored {
        ChunkStored::Created => (StatusCode::CREATED, "created"),
        ChunkStored::AlreadyStored => (StatusCode::OK, "already_stored"),
    };
    Ok((
        status,
        Json(json!({ "seq": seq, "bytes": bytes.len(), "stored": what })),
    )
        .into_response())
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct WrapUpBody {
    outcome: Outcome,
    #[serde(default)]
    notes: String,
}

/// The technician's wrap-up (theirs to write; written again it replaces the first).
pub(super) async fn put_wrapup(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    PathParam(id): PathParam<String>,
    JsonBody(body): JsonBody<WrapUpBody>,
) -> Result<Json<Option<WrapUp>>, ApiError> {
    let record = visible(&state, &user, &id).await?;
    if record.technician_id != user.id {
        return Err(ApiError::forbidden(
            "only the session's technician writes its wrap-up",
        ));
    }
    state
        .store()
        .set_wrapup(record.id, body.outcome, &body.notes, user.id, state.now())
        .await?;
    Ok(Json(state.store().wrapup(record.id).await?))
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Retention {
    /// Days records are kept; `null`: forever.
    days: Option<u32>,
}

/// The retention period.
pub(super) async fn retention(
    State(state): State<AppState>,
    AdminUser(_): AdminUser,
) -> Result<Json<Retention>, ApiError> {
    Ok(Json(Retention {
        days: state.store().retention_days().await?,
    }))
}

/// Sets the retention period.
pub(super) async fn set_retention(
    State(state): State<AppState>,
    AdminUser(_): AdminUser,
    JsonBody(body): JsonBody<Retention>,
) -> Result<Json<Retention>, ApiError> {
    state.store().set_retention_days(body.days).await?;
    Ok(Json(Retention {
        days: state.store().retention_days().await?,
    }))
}

/// Deletes expired records now (the relay also does so every hour).
pub(super) async fn purge(
    State(state): State<AppState>,
    AdminUser(_): AdminUser,
) -> Result<Json<serde_json::Value>, ApiError> {
    let deleted = state.store().purge_expired_records(state.now()).await?;
    Ok(Json(json!({ "deleted": deleted })))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct NoticeBody {
    recording_notice: bool,
}

/// Whether a portal's customers are told their session is recorded.
pub(super) async fn set_notice(
    State(state): State<AppState>,
    AdminUser(_): AdminUser,
    PathParam(id): PathParam<String>,
    JsonBody(body): JsonBody<NoticeBody>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let id = parse_id("portal", &id)?;
    state
        .store()
        .set_recording_notice(id, body.recording_notice)
        .await?;
    Ok(Json(
        json!({ "id": id, "recording_notice": body.recording_notice }),
    ))
}
