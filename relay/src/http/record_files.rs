//! Files received in a session, under `/api/records/ID/files`: the session's technician
//! declares each (name, size, SHA-256) and uploads its content part by part; whoever may
//! see the record lists and downloads them, each download logged.

use axum::Json;
use axum::body::Body;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use lifeline_protocol::record::{MAX_FILE_PART_BYTES, MAX_RECORD_FILE_BYTES};
use serde::Deserialize;

use super::AppState;
use super::auth_extractor::CurrentUser;
use super::errors::ApiError;
use super::extract::{JsonBody, PathParam, QueryParams};
use super::records::{attachment, visible};
use crate::store::{RecordFile, SessionRecord, User};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct DeclareBody {
    name: String,
    size: u64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct PartQuery {
    /// Where the part goes in the file.
    offset: u64,
}

/// The SHA-256 in a path: 64 hex digits.
fn parse_sha(text: &str) -> Result<[u8; 32], ApiError> {
    let mut sha = [0u8; 32];
    hex::decode_to_slice(text, &mut sha).map_err(|_| {
        ApiError::bad_request(format!(
            "{text:?} is not a file's SHA-256 (64 hexadecimal digits)"
        ))
    })?;
    Ok(sha)
}

/// The record, checked to be `user`'s own session (only its technician uploads).
async fn own(state: &AppState, user: &User, id: &str) -> Result<SessionRecord, ApiError> {
    let record = visible(state, user, id).await?;
    if record.technician_id != user.id {
        return Err(ApiError::forbidden(
            "only the session's technician uploads its files",
        ));
    }
    Ok(record)
}

/// The files declared for a record, with how far each upload got.
pub(super) async fn list(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    PathParam(id): PathParam<String>,
) -> Result<Json<Vec<RecordFile>>, ApiError> {
    let record = visible(&state, &user, &id).await?;
    Ok(Json(state.store().record_files(record.id).await?))
}

/// Declares a file: `201` when new, `200` with its progress when it was (a resumed
/// upload), `413` over the size a record keeps, `409` when declared with another size.
pub(super) async fn declare(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    PathParam((id, sha)): PathParam<(String, String)>,
    JsonBody(body): JsonBody<DeclareBody>,
) -> Result<Response, ApiError> {
    let record = own(&state, &user, &id).await?;
    let sha = parse_sha(&sha)?;
    let (file, created) = state
        .store()
        .declare_record_file(record.id, &sha, &body.name, body.size, state.now())
        .await?;
    let status = if created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(file)).into_response())
}

/// Appends one part at `?offset=`: `200` with the progress; `409` when the upload is
/// elsewhere (the answer says where), `413` for a part over the limit, `400` for bytes past
/// the declared size or content that does not match the SHA-256 (the upload starts over).
pub(super) async fn put_part(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    PathParam((id, sha)): PathParam<(String, String)>,
    QueryParams(query): QueryParams<PartQuery>,
    body: Body,
) -> Result<Json<RecordFile>, ApiError> {
    let record = own(&state, &user, &id).await?;
    let sha = parse_sha(&sha)?;
    if query.offset > MAX_RECORD_FILE_BYTES {
        return Err(ApiError::bad_request(format!(
            "offset {} is past the largest file a record keeps ({MAX_RECORD_FILE_BYTES} bytes)",
            query.offset
        )));
    }
    let bytes = axum::body::to_bytes(body, MAX_FILE_PART_BYTES + 1)
        .await
        .map_err(|_| {
            ApiError::too_large(format!(
                "a part of a file is at most {MAX_FILE_PART_BYTES} bytes, or its upload was cut off"
            ))
        })?;
    let file = state
        .store()
        .append_record_file(record.id, &sha, query.offset, &bytes, state.now())
        .await?;
    Ok(Json(file))
}

/// A complete file's content, streamed from the data dir; the download is logged. `404`
/// for a file the record does not hold, `409` for one whose upload is not finished.
pub(super) async fn download(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    PathParam((id, sha)): PathParam<(String, String)>,
) -> Result<Response, ApiError> {
    let record = visible(&state, &user, &id).await?;
    let sha = parse_sha(&sha)?;
    let store = state.store();
    let file = store
        .record_file(record.id, &sha)
        .await?
        .ok_or_else(|| ApiError::not_found("this record holds no such file"))?;
    if !file.complete {
        return Err(ApiError::conflict(format!(
            "{} is not complete on the server yet ({} of {} bytes)",
            file.name, file.received, file.size
        )));
    }
    let path = store.record_file_path(record.id, &file);
    let content = tokio::fs::File::open(&path)
        .await
        .map_err(|e| ApiError::internal(format!("{}: {e}", path.display())))?;
    store
        .log_file_download(record.id, user.id, &file.name, state.now())
        .await?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/octet-stream".to_owned()),
            (header::CONTENT_LENGTH, file.size.to_string()),
            (header::CONTENT_DISPOSITION, attachment(&file.name)),
            (header::ETAG, format!("\"{}\"", file.sha256)),
        ],
        Body::from_stream(tokio_util::io::ReaderStream::new(content)),
    )
        .into_response())
}
