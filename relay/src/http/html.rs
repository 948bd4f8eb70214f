//! The frame of the relay's few HTML pages: escaping, one small stylesheet, safe headers.
//! Every piece of text that did not come from this file goes through [`escape`].

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use lifeline_protocol::tr;

use super::lang::PageLang;

/// Text made safe for HTML element content and quoted attribute values.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "\
*{box-sizing:border-box}\
body{margin:0;font:17px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;\
background:#f3f5f8;color:#1c2430}\
main{max-width:30rem;margin:0 auto;padding:1.5rem 1.25rem}\
.card{background:#fff;border-radius:14px;padding:1.5rem;box-shadow:0 1px 4px rgba(0,0,0,.08)}\
h1{font-size:1.35rem;margin:0 0 .75rem}\
.code{font:700 2.4rem/1.2 ui-monospace,'SF Mono',Menlo,monospace;letter-spacing:.08em;\
text-align:center;margin:1rem 0;user-select:all}\
.button{display:block;width:100%;text-align:center;background:#1565c0;color:#fff;border:0;\
border-radius:10px;padding:.9rem;font-size:1.05rem;font-weight:600;text-decoration:none;cursor:pointer}\
.muted{color:#5b6675;font-size:.92rem}\
label{display:block;font-weight:600;margin:.9rem 0 .3rem}\
input,textarea{width:100%;font:inherit;padding:.6rem;border:1px solid #b9c2cf;border-radius:8px}\
textarea{min-height:7rem}\
form .button{margin-top:1.2rem}\
.brand{font-weight:700;color:#1565c0;margin-bottom:1rem}\
.lang{margin-top:1rem;text-align:center;font-size:.92rem;color:#5b6675}\
.lang a{color:#1565c0}";

/// A complete page with `status` in `lang`, with the language switch under the card.
/// `body` is HTML built by the caller from escaped parts.
pub(super) fn page(lang: &PageLang, status: StatusCode, title: &str, body: &str) -> Response {
    let html = format!(
        "<!doctype html><html lang=\"{tag}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <meta name=\"robots\" content=\"noindex\">\
         <title>{title} · {suffix}</title><style>{STYLE}</style></head>\
         <body><main><div class=\"brand\">Lifeline</div><div class=\"card\">{body}</div>\
         {switch}</main></body></html>",
        tag = lang.language().tag(),
        title = escape(title),
        suffix = escape(&tr!(lang.loc, "relay-page-suffix")),
        switch = lang.switch_html(),
    );
    let mut response = (status, Html(html)).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_LANGUAGE,
        HeaderValue::from_static(lang.language().tag()),
    );
    headers.insert(header::VARY, HeaderValue::from_static("Accept-Language"));
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; \
             base-uri 'none'; frame-ancestors 'none'",
        ),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

/// A page with a heading and one paragraph, e.g. for errors.
pub(super) fn message_page(
    lang: &PageLang,
    status: StatusCode,
    title: &str,
    message: &str,
) -> Response {
    let body = format!("<h1>{}</h1><p>{}</p>", escape(title), escape(message));
    page(lang, status, title, &body)
}

/// 429 for a browser: too many attempts from this address.
pub(super) fn too_many_page(lang: &PageLang, retry_after_secs: u32) -> Response {
    let mut response = message_page(
        lang,
        StatusCode::TOO_MANY_REQUESTS,
        &tr!(lang.loc, "relay-too-many-title"),
        &tr!(lang.loc, "relay-too-many-body", seconds = retry_after_secs),
    );
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
    response
}

/// "The code expires in 19 minutes." for a code `millis` from expiry.
pub(super) fn expires_in(lang: &PageLang, millis: u64) -> String {
    let minutes = millis.div_ceil(60_000);
    match minutes {
        0 | 1 => tr!(lang.loc, "relay-join-expires", minutes = 1),
        m if m < 120 => tr!(lang.loc, "relay-join-expires", minutes = m),
        m => tr!(lang.loc, "relay-join-expires-hours", hours = m.div_ceil(60)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_everything_markup_needs() {
        assert_eq!(
            escape(r#"<script>alert("x&y")</script>'"#),
            "&lt;script&gt;alert(&quot;x&amp;y&quot;)&lt;/script&gt;&#39;"
        );
        assert_eq!(escape("Marie Dupont"), "Marie Dupont");
    }

    #[test]
    fn time_left_reads_well_in_every_language() {
        use lifeline_protocol::i18n::{Language, Localizer};
        let page = |language| PageLang {
            loc: Localizer::new(language),
            chosen: false,
        };
        let (en, fr, es) = (page(Language::En), page(Language::Fr), page(Language::Es));
        assert_eq!(
            expires_in(&en, 10_000),
            "The code expires in about a minute."
        );
        assert_eq!(
            expires_in(&en, 19 * 60_000 + 1),
            "The code expires in 20 minutes."
        );
        assert_eq!(
            expires_in(&en, 3 * 3_600_000),
            "The code expires in 3 hours."
        );
        assert_eq!(
            expires_in(&fr, 19 * 60_000 + 1),
            "Le code expire dans 20 minutes."
        );
        assert_eq!(
            expires_in(&fr, 90 * 3_600_000),
            "Le code expire dans 90 heures."
        );
        assert_eq!(
            expires_in(&es, 61 * 60_000),
            "El código caduca en 61 minutos."
        );
        assert_eq!(
            expires_in(&es, 2 * 3_600_000),
            "El código caduca en 2 horas."
        );
    }
}
