//! Portal requests: customers post them from a portal page (`POST /portal/SLUG/requests`,
//! form or JSON) and get a chat-only code; technicians list them (`GET /api/requests`) and
//! take one (`POST /api/requests/ID/accept`).

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequest, Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::{Form, Json};
use lifeline_protocol::messages::UnixMillis;
use lifeline_protocol::tr;
use serde::{Deserialize, Serialize};

use super::AppState;
use super::auth_extractor::CurrentUser;
use super::budgets::Budget;
use super::codes::CodeView;
use super::errors::ApiError;
use super::extract::{PathParam, json_error, parse_id};
use super::html::{message_page, too_many_page};
use super::lang::PageLang;
use super::pages::{join_page, portal_not_found};
use crate::store::PortalRequest;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RequestForm {
    name: String,
    problem: String,
}

#[derive(Debug, Serialize)]
struct RequestCreated {
    request_id: i64,
    #[serde(flatten)]
    code: CodeView,
}

/// Takes a customer's request. A JSON body gets a JSON answer; a form post (the portal page)
/// gets a page with the code and the button that opens the app. One source may leave a few
/// requests a minute (refused ones, e.g. with a missing field, do not count).
pub(super) async fn submit(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    PathParam(slug): PathParam<String>,
    request: Request,
) -> Response {
    let lang = PageLang::of(request.uri(), request.headers());
    let json = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim_start().starts_with("application/json"));
    let now = state.now();
    let taken = match state
        .budgets()
        .attempt(Budget::PortalRequest, peer.ip(), now)
    {
        Ok(()) => {
            let taken = take(&state, &slug, json, request).await;
            if taken
                .as_ref()
                .is_err_and(|e| matches!(e.status, StatusCode::BAD_REQUEST | StatusCode::NOT_FOUND))
            {
                state
                    .budgets()
                    .refund(Budget::PortalRequest, peer.ip(), now);
            }
            taken
        }
        Err(limited) => Err(ApiError::too_many(
            "too many requests from your network; try again in a minute",
            u64::from(limited.retry_after_secs()),
        )),
    };
    match (json, taken) {
        (true, Ok(taken)) => {
            let body = RequestCreated {
                request_id: taken.id,
                code: CodeView::new(&taken.code, state.links(), now),
            };
            (StatusCode::CREATED, Json(body)).into_response()
        }
        (true, Err(err)) => err.into_response(),
        (false, Ok(taken)) => join_page(&state, &lang, &taken.code, now),
        // The page speaks the customer's language; the API's English reason stays in the
        // JSON answer and the log.
        (false, Err(err)) => match (err.retry_after_secs, err.status) {
            (Some(secs), _) => too_many_page(&lang, u32::try_from(secs).unwrap_or(u32::MAX)),
            (None, StatusCode::NOT_FOUND) => portal_not_found(&lang),
            (None, status) => message_page(
                &lang,
                status,
                &tr!(lang.loc, "relay-request-failed-title"),
                &tr!(lang.loc, "relay-request-failed-body"),
            ),
        },
    }
}

async fn take(
    state: &AppState,
    slug: &str,
    json: bool,
    request: Request,
) -> Result<PortalRequest, ApiError> {
    let form = if json {
        Json::<RequestForm>::from_request(request, state)
            .await
            .map(|Json(form)| form)
            .map_err(|r| json_error(&r))?
    } else {
        Form::<RequestForm>::from_request(request, state)
            .await
            .map(|Form(form)| form)
            .map_err(|r| {
                ApiError::bad_request(format!("the form could not be read: {}", r.body_text()))
            })?
    };
    let portal = state
        .store()
        .portal_by_slug(slug)
        .await?
        .ok_or_else(|| ApiError::not_found("there is no support portal at this address"))?;
    Ok(state
        .store()
        .create_portal_request(portal.id, &form.name, &form.problem, state.now())
        .await?)
}

#[derive(Debug, Serialize)]
pub(super) struct RequestView {
    id: i64,
    /// The portal's slug.
    portal: String,
    portal_name: String,
    customer_name: String,
    problem: String,
    created_at: UnixMillis,
    /// When the customer's code stops working if nobody accepts.
    expires_at: UnixMillis,
}

/// Requests waiting for a technician, oldest first.
pub(super) async fn list(
    State(state): State<AppState>,
    _user: CurrentUser,
) -> Result<Json<Vec<RequestView>>, ApiError> {
    let open = state.store().open_requests(state.now()).await?;
    Ok(Json(
        open.into_iter()
            .map(|r| RequestView {
                id: r.id,
                portal: r.portal.slug,
                portal_name: r.portal.name,
                customer_name: r.customer_name,
                problem: r.problem,
                created_at: r.created_at,
                expires_at: r.code.expires_at,
            })
            .collect(),
    ))
}

/// Takes a request: its chat-only code becomes the technician's.
pub(super) async fn accept(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    PathParam(id): PathParam<String>,
) -> Result<Json<CodeView>, ApiError> {
    let id = parse_id("request", &id)?;
    let now = state.now();
    let code = state.store().accept_request(id, user.id, now).await?;
    Ok(Json(CodeView::new(&code, state.links(), now)))
}
