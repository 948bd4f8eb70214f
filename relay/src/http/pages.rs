//! HTML pages for customers' browsers: the join page and the customer portal page.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, State};
use axum::http::StatusCode;
use axum::response::Response;
use lifeline_protocol::SessionCode;
use lifeline_protocol::messages::UnixMillis;

use super::AppState;
use super::budgets::Budget;
use super::errors::ApiError;
use super::extract::PathParam;
use super::html::{escape, message_page, page, time_left, too_many_page};
use crate::store::{CodeRecord, CodeState, MAX_PROBLEM_CHARS, MAX_REQUEST_NAME_CHARS};

/// Where phones without the app get it.
pub const APP_STORE_URL: &str = "https://play.google.com/store/apps/details?id=app.lifeline.agent";

/// `GET /join/CODE`: opens the app on the code, or says why the code cannot be used.
/// Lookups that find no usable code use up the source's budget, as joins over QUIC do.
pub(super) async fn join(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    PathParam(text): PathParam<String>,
) -> Result<Response, ApiError> {
    let now = state.now();
    if let Err(limited) = state.budgets().attempt(Budget::JoinPage, peer.ip(), now) {
        return Ok(too_many_page(limited.retry_after_secs()));
    }
    let Ok(code) = text.parse::<SessionCode>() else {
        return Ok(unknown_code());
    };
    let Some(record) = state.store().code(code).await? else {
        return Ok(unknown_code());
    };
    Ok(match record.effective_state(now) {
        CodeState::Pending => {
            state.budgets().refund(Budget::JoinPage, peer.ip(), now);
            join_page(&state, &record, now)
        }
        CodeState::Expired => gone(
            "This code has expired",
            "Session codes only work for a limited time. Ask your technician for a new one.",
        ),
        CodeState::Cancelled => gone(
            "This code was cancelled",
            "Your technician withdrew this code. Ask them for a new one if you still need help.",
        ),
        CodeState::Active | CodeState::Ended => gone(
            "This code was already used",
            "Each session code works once. Ask your technician for a new one.",
        ),
    })
}

fn unknown_code() -> Response {
    message_page(
        StatusCode::NOT_FOUND,
        "Unknown session code",
        "There is no session with this code. Check the link or the digits your technician gave you.",
    )
}

fn gone(title: &str, message: &str) -> Response {
    message_page(StatusCode::GONE, title, message)
}

/// The page for a usable code: open the app, get the app, or type the code.
pub(super) fn join_page(state: &AppState, record: &CodeRecord, now: UnixMillis) -> Response {
    let body = format!(
        "<h1>Join your support session</h1>\
         {greeting}\
         <p>Your session code:</p>\
         <p class=\"code\" aria-label=\"session code\">{code}</p>\
         <a class=\"button\" href=\"{deep_link}\">Open Lifeline</a>\
         <p class=\"muted\">No app yet? <a href=\"{store}\">Get Lifeline on Google Play</a>, \
         then come back to this page, or open the app and type the code above.</p>\
         <p class=\"muted\">The code expires {left}.{chat}</p>",
        // A technician's identifier is their own note and stays off this public page; a
        // portal request's is the name the customer typed.
        greeting = match (&record.identifier, record.chat_only) {
            (Some(name), true) => format!("<p>Hello {},</p>", escape(name)),
            _ => String::new(),
        },
        code = escape(&record.code.to_string()),
        deep_link = escape(&state.links().deep_link(record.code).to_string()),
        store = escape(APP_STORE_URL),
        left = time_left(record.expires_at.0.saturating_sub(now.0)),
        chat = if record.chat_only {
            " This is a chat session: your screen is not shared."
        } else {
            ""
        },
    );
    page(StatusCode::OK, "Join your support session", &body)
}

/// `GET /portal/SLUG`: the form where a customer asks for help.
pub(super) async fn portal(
    State(state): State<AppState>,
    PathParam(slug): PathParam<String>,
) -> Result<Response, ApiError> {
    let Some(portal) = state.store().portal_by_slug(&slug).await? else {
        return Ok(message_page(
            StatusCode::NOT_FOUND,
            "Page not found",
            "There is no support portal at this address.",
        ));
    };
    if !portal.accept_chat_requests {
        return Ok(message_page(
            StatusCode::OK,
            &portal.name,
            "This support portal does not take requests online. Please contact support directly.",
        ));
    }
    let body = format!(
        "<h1>{name}</h1>\
         <p>Tell us who you are and what is wrong. You will get a code and a technician will \
         chat with you in the Lifeline app.</p>\
         <form method=\"post\" action=\"/portal/{slug}/requests\">\
         <label for=\"name\">Your name</label>\
         <input id=\"name\" name=\"name\" required maxlength=\"{name_max}\" autocomplete=\"name\">\
         <label for=\"problem\">What do you need help with?</label>\
         <textarea id=\"problem\" name=\"problem\" required maxlength=\"{problem_max}\"></textarea>\
         <button class=\"button\" type=\"submit\">Ask for help</button>\
         </form>",
        name = escape(&portal.name),
        slug = escape(&portal.slug),
        name_max = MAX_REQUEST_NAME_CHARS,
        problem_max = MAX_PROBLEM_CHARS,
    );
    Ok(page(StatusCode::OK, &portal.name, &body))
}
