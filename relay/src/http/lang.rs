//! The language of a customer's page: the one picked with `?lang=xx` (the pages' language
//! switch), else the browser's `Accept-Language`, else English. The JSON API does not use
//! this: its error messages stay English so that clients can map them.

use std::convert::Infallible;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, Uri, header};
use lifeline_protocol::i18n::{Language, Localizer};
use lifeline_protocol::tr;

use super::html::escape;

/// The language a page is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct PageLang {
    /// Formats the page's messages.
    pub(super) loc: Localizer,
    /// Whether the visitor picked the language with `?lang=` (rather than the browser).
    pub(super) chosen: bool,
}

impl PageLang {
    /// From a request's query string and headers.
    pub(super) fn of(uri: &Uri, headers: &HeaderMap) -> Self {
        let chosen = uri.query().and_then(|query| {
            query
                .split('&')
                .filter_map(|pair| pair.strip_prefix("lang="))
                .find_map(Language::from_tag)
        });
        let accepted = || {
            headers
                .get_all(header::ACCEPT_LANGUAGE)
                .iter()
                .filter_map(|value| value.to_str().ok())
                .find_map(Language::from_accept_language)
        };
        let language = chosen.or_else(accepted).unwrap_or(Language::FALLBACK);
        Self {
            loc: Localizer::new(language),
            chosen: chosen.is_some(),
        }
    }

    /// The page's language.
    pub(super) fn language(&self) -> Language {
        self.loc.language()
    }

    /// `?lang=xx` when the visitor picked the language, to keep it across a form post;
    /// empty when the browser's preference decides anyway.
    pub(super) fn query(&self) -> String {
        if self.chosen {
            format!("?lang={}", self.language().tag())
        } else {
            String::new()
        }
    }

    /// Links to this same page in every language, the current one marked.
    pub(super) fn switch_html(&self) -> String {
        let links: Vec<String> = Language::ALL
            .iter()
            .map(|&language| {
                let name = escape(language.native_name());
                let tag = language.tag();
                if language == self.language() {
                    format!("<strong lang=\"{tag}\" aria-current=\"true\">{name}</strong>")
                } else {
                    format!("<a href=\"?lang={tag}\" hreflang=\"{tag}\" lang=\"{tag}\">{name}</a>")
                }
            })
            .collect();
        format!(
            "<nav class=\"lang\" aria-label=\"{label}\">{links}</nav>",
            label = escape(&tr!(self.loc, "relay-language-switch")),
            links = links.join(" · "),
        )
    }
}

impl<S: Send + Sync> FromRequestParts<S> for PageLang {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Infallible> {
        Ok(Self::of(&parts.uri, &parts.headers))
    }
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    fn lang(uri: &str, accept: Option<&str>) -> Language {
        let mut headers = HeaderMap::new();
        if let Some(accept) = accept {
            headers.insert(
                header::ACCEPT_LANGUAGE,
                HeaderValue::from_str(accept).unwrap(),
            );
        }
        PageLang::of(&uri.parse().unwrap(), &headers).language()
    }

    #[test]
    fn the_switch_wins_over_the_browser() {
        assert_eq!(lang("/join/1", None), Language::En);
        assert_eq!(lang("/join/1", Some("fr-FR,fr;q=0.9")), Language::Fr);
        assert_eq!(lang("/join/1?lang=es", Some("fr-FR")), Language::Es);
        assert_eq!(lang("/join/1?x=1&lang=en", Some("fr")), Language::En);
        assert_eq!(lang("/join/1?lang=xx", Some("es")), Language::Es);
        assert_eq!(lang("/join/1?lang=", Some("de")), Language::En);
    }

    #[test]
    fn the_switch_links_every_language() {
        let html = PageLang::of(&"/p".parse().unwrap(), &HeaderMap::new()).switch_html();
        assert!(html.contains("<a href=\"?lang=fr\""), "{html}");
        assert!(html.contains("<a href=\"?lang=es\""), "{html}");
        assert!(html.contains("<strong lang=\"en\" aria-current=\"true\">English</strong>"));
        assert!(html.contains("aria-label=\"Language\""));
    }
}
