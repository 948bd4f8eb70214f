//! HTML pages for customers' browsers: the join page and the customer portal page.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, State};
use axum::http::StatusCode;
use axum::response::Response;
use lifeline_protocol::SessionCode;
use lifeline_protocol::messages::UnixMillis;
use lifeline_protocol::tr;

use super::AppState;
use super::budgets::Budget;
use super::errors::ApiError;
use super::extract::PathParam;
use super::html::{escape, expires_in, message_page, page, too_many_page};
use super::lang::PageLang;
use crate::store::{CodeRecord, CodeState, MAX_PROBLEM_CHARS, MAX_REQUEST_NAME_CHARS};

/// Where phones without the app get it.
pub const APP_STORE_URL: &str = "https://play.google.com/store/apps/details?id=app.lifeline.agent";

/// `GET /join/CODE`: opens the app on the code, or says why the code cannot be used.
/// Lookups that find no usable code use up the source's budget, as joins over QUIC do.
pub(super) async fn join(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    lang: PageLang,
    PathParam(text): PathParam<String>,
) -> Result<Response, ApiError> {
    let now = state.now();
    let loc = lang.loc;
    if let Err(limited) = state.budgets().attempt(Budget::JoinPage, peer.ip(), now) {
        return Ok(too_many_page(&lang, limited.retry_after_secs()));
    }
    let Ok(code) = text.parse::<SessionCode>() else {
        return Ok(unknown_code(&lang));
    };
    let Some(record) = state.store().code(code).await? else {
        return Ok(unknown_code(&lang));
    };
    Ok(match record.effective_state(now) {
        CodeState::Pending => {
            state.budgets().refund(Budget::JoinPage, peer.ip(), now);
            join_page(&state, &lang, &record, now)
        }
        CodeState::Expired => gone(
            &lang,
            &tr!(loc, "relay-expired-title"),
            &tr!(loc, "relay-expired-body"),
        ),
        CodeState::Cancelled => gone(
            &lang,
            &tr!(loc, "relay-cancelled-title"),
            &tr!(loc, "relay-cancelled-body"),
        ),
        CodeState::Active | CodeState::Ended => gone(
            &lang,
            &tr!(loc, "relay-used-title"),
            &tr!(loc, "relay-used-body"),
        ),
    })
}

fn unknown_code(lang: &PageLang) -> Response {
    message_page(
        lang,
        StatusCode::NOT_FOUND,
        &tr!(lang.loc, "relay-unknown-code-title"),
        &tr!(lang.loc, "relay-unknown-code-body"),
    )
}

fn gone(lang: &PageLang, title: &str, message: &str) -> Response {
    message_page(lang, StatusCode::GONE, title, message)
}

/// Stands for the store link inside `relay-join-no-app` until the sentence is escaped: a
/// private-use character no translation contains.
const LINK_MARK: &str = "\u{E000}";

/// "No app yet? [Get Lifeline on Google Play], then come back…" as HTML: one message, so
/// the translation decides where the link goes. Were a translation to drop the link, it
/// follows the sentence.
fn no_app_sentence(lang: &PageLang) -> String {
    let loc = lang.loc;
    let link = format!(
        "<a href=\"{}\">{}</a>",
        escape(APP_STORE_URL),
        escape(&tr!(loc, "relay-join-get-app"))
    );
    let sentence = escape(&tr!(loc, "relay-join-no-app", link = LINK_MARK));
    match sentence.split_once(LINK_MARK) {
        Some((before, after)) => format!("{before}{link}{}", after.replace(LINK_MARK, "")),
        None => format!("{sentence} {link}"),
    }
}

/// The page for a usable code: open the app, get the app, or type the code.
pub(super) fn join_page(
    state: &AppState,
    lang: &PageLang,
    record: &CodeRecord,
    now: UnixMillis,
) -> Response {
    let loc = lang.loc;
    let title = tr!(loc, "relay-join-title");
    let body = format!(
        "<h1>{title}</h1>\
         {greeting}\
         <p>{code_label}</p>\
         <p class=\"code\" aria-label=\"{code_aria}\">{code}</p>\
         <a class=\"button\" href=\"{deep_link}\">{open}</a>\
         <p class=\"muted\">{no_app}</p>\
         <p class=\"muted\">{left}{chat}</p>",
        title = escape(&title),
        // A technician's identifier is their own note and stays off this public page; a
        // portal request's is the name the customer typed.
        greeting = match (&record.identifier, record.chat_only) {
            (Some(name), true) => format!(
                "<p>{}</p>",
                escape(&tr!(loc, "relay-join-hello", name = name.as_str()))
            ),
            _ => String::new(),
        },
        code_label = escape(&tr!(loc, "relay-join-code-label")),
        code_aria = escape(&tr!(loc, "relay-join-code-aria")),
        code = escape(&record.code.to_string()),
        deep_link = escape(&state.links().deep_link(record.code).to_string()),
        open = escape(&tr!(loc, "relay-join-open-app")),
        no_app = no_app_sentence(lang),
        left = escape(&expires_in(lang, record.expires_at.0.saturating_sub(now.0))),
        chat = if record.chat_only {
            format!(" {}", escape(&tr!(loc, "relay-join-chat-only")))
        } else {
            String::new()
        },
    );
    page(lang, StatusCode::OK, &title, &body)
}

/// `GET /portal/SLUG`: the form where a customer asks for help.
pub(super) async fn portal(
    State(state): State<AppState>,
    lang: PageLang,
    PathParam(slug): PathParam<String>,
) -> Result<Response, ApiError> {
    let loc = lang.loc;
    let Some(portal) = state.store().portal_by_slug(&slug).await? else {
        return Ok(portal_not_found(&lang));
    };
    if !portal.accept_chat_requests {
        return Ok(message_page(
            &lang,
            StatusCode::OK,
            &portal.name,
            &tr!(loc, "relay-portal-closed-body"),
        ));
    }
    let body = format!(
        "<h1>{name}</h1>\
         <p>{intro}</p>\
         <form method=\"post\" action=\"/portal/{slug}/requests{query}\">\
         <label for=\"name\">{name_label}</label>\
         <input id=\"name\" name=\"name\" required maxlength=\"{name_max}\" autocomplete=\"name\">\
         <label for=\"problem\">{problem_label}</label>\
         <textarea id=\"problem\" name=\"problem\" required maxlength=\"{problem_max}\"></textarea>\
         <button class=\"button\" type=\"submit\">{submit}</button>\
         </form>",
        name = escape(&portal.name),
        intro = escape(&tr!(loc, "relay-portal-intro")),
        slug = escape(&portal.slug),
        query = escape(&lang.query()),
        name_label = escape(&tr!(loc, "relay-portal-name")),
        problem_label = escape(&tr!(loc, "relay-portal-problem")),
        submit = escape(&tr!(loc, "relay-portal-submit")),
        name_max = MAX_REQUEST_NAME_CHARS,
        problem_max = MAX_PROBLEM_CHARS,
    );
    Ok(page(&lang, StatusCode::OK, &portal.name, &body))
}

/// 404 for a portal address that leads nowhere.
pub(super) fn portal_not_found(lang: &PageLang) -> Response {
    message_page(
        lang,
        StatusCode::NOT_FOUND,
        &tr!(lang.loc, "relay-portal-not-found-title"),
        &tr!(lang.loc, "relay-portal-not-found-body"),
    )
}
