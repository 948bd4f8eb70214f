//! Resolving a join URL: the relay's join page (`GET /join/CODE`) holds the deep link with
//! the relay's QUIC address and certificate fingerprint, in its "Open Lifeline" button.
//!
//! The relay has no machine-readable endpoint for this, so the page's HTML is read. Its
//! TLS certificate is checked against `--fingerprint` when given (the relay's self-signed
//! certificate serves its pages too), otherwise against this system's trusted roots (a
//! relay with a CA-issued certificate). Plain `http://` is accepted for loopback relays only
//! (tests); anywhere else the answer could be forged on the way.

use std::error::Error as _;
use std::net::IpAddr;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use lifeline_protocol::CertFingerprint;
use lifeline_protocol::link::{DeepLink, JoinUrl};
use lifeline_protocol::messages::handshake::RejectReason;
use lifeline_protocol::quic::ServerTrust;

use super::error::JoinError;
use super::target::RelayEndpoint;
use lifeline_protocol::quic::trust::PinnedCertVerifier;

/// Largest join page read.
const MAX_PAGE_BYTES: usize = 256 * 1024;

/// Seconds to wait when a rate-limited page does not say.
const DEFAULT_RETRY_SECS: u32 = 60;

/// Fetches the join page of `url` and returns the relay endpoint its deep link names.
pub async fn resolve_join_url(
    url: &JoinUrl,
    fingerprint: Option<CertFingerprint>,
    timeout: Duration,
) -> Result<RelayEndpoint, JoinError> {
    let text = url.to_string();
    if !url.https && !is_loopback(&url.host) {
        return Err(JoinError::InsecurePage {
            host: url.host.clone(),
        });
    }
    let seen = Arc::new(OnceLock::new());
    let client =
        client(fingerprint, &seen, timeout).map_err(|detail| JoinError::PageUnreachable {
            url: text.clone(),
            detail,
        })?;
    let response = client
        .get(page_request(&text))
        // The page's words tell an expired code from a used or cancelled one (see `gone`):
        // ask for them in English whatever this computer's language.
        .header(reqwest::header::ACCEPT_LANGUAGE, "en")
        .send()
        .await
        .map_err(|err| fetch_error(&text, &err, fingerprint, &seen))?;
    let status = response.status().as_u16();
    let retry_after = response
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u32>().ok());
    let body = response
        .bytes()
        .await
        .map_err(|err| fetch_error(&text, &err, fingerprint, &seen))?;
    let html = String::from_utf8_lossy(&body[..body.len().min(MAX_PAGE_BYTES)]);
    match status {
        200 => {}
        404 => return Err(JoinError::Refused(RejectReason::UnknownCode)),
        410 => return Err(gone(&html)),
        429 => {
            return Err(JoinError::Refused(RejectReason::RateLimited {
                retry_after_secs: retry_after.unwrap_or(DEFAULT_RETRY_SECS),
            }));
        }
        status => return Err(JoinError::PageStatus { url: text, status }),
    }
    let link = deep_link_in(&html).ok_or_else(|| JoinError::NoDeepLink { url: text.clone() })?;
    let link: DeepLink = link
        .parse()
        .map_err(|e: lifeline_protocol::link::LinkError| JoinError::BadDeepLink(e.to_string()))?;
    if link.code != url.code {
        return Err(JoinError::BadDeepLink(format!(
            "it is for code {} instead of {}",
            link.code, url.code
        )));
    }
    let trust = match (fingerprint, link.fingerprint) {
        (Some(given), Some(page)) if given != page => {
            return Err(JoinError::FingerprintConflict { given, link: page });
        }
        // The page was fetched over a connection pinned to `given`, or verified by the
        // system's roots, or is on this computer: its fingerprint can be believed.
        (Some(given), _) => ServerTrust::Pinned(given),
        (None, page) => ServerTrust::from_link(page)?,
    };
    Ok(RelayEndpoint {
        code: link.code,
        relay: link.relay,
        trust,
    })
}

fn is_loopback(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost")
        || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// An HTTP client that trusts exactly `fingerprint`, or the system's roots without it.
fn client(
    fingerprint: Option<CertFingerprint>,
    seen: &Arc<OnceLock<CertFingerprint>>,
    timeout: Duration,
) -> Result<reqwest::Client, String> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = reqwest::Client::builder()
        .timeout(timeout)
        .redirect(reqwest::redirect::Policy::none());
    let builder = match fingerprint {
        Some(expected) => {
            let verifier = PinnedCertVerifier::new(expected, provider.clone(), seen.clone());
            let tls = rustls::ClientConfig::builder_with_provider(provider)
                .with_safe_default_protocol_versions()
                .map_err(|e| e.to_string())?
                .dangerous()
                .with_custom_certificate_verifier(Arc::new(verifier))
                .with_no_client_auth();
            builder.tls_backend_preconfigured(tls)
        }
        None => {
            // reqwest checks against the platform's roots with the process's default crypto
            // provider; make sure there is one (ring, as everywhere in Lifeline). An error
            // means one is installed already.
            let _ = rustls::crypto::ring::default_provider().install_default();
            builder
        }
    };
    builder.build().map_err(|e| e.to_string())
}

/// Names a failed fetch: certificate problems apart from the rest.
fn fetch_error(
    url: &str,
    err: &reqwest::Error,
    fingerprint: Option<CertFingerprint>,
    seen: &OnceLock<CertFingerprint>,
) -> JoinError {
    if let (Some(expected), Some(got)) = (fingerprint, seen.get()) {
        return JoinError::PageCertificateMismatch {
            expected,
            got: *got,
        };
    }
    if certificate_refused(err) {
        return JoinError::PageUntrusted {
            url: url.to_owned(),
        };
    }
    if err.is_timeout() {
        return JoinError::PageTimedOut {
            url: url.to_owned(),
        };
    }
    JoinError::PageUnreachable {
        url: url.to_owned(),
        detail: innermost(err),
    }
}

/// Whether TLS refused the page's certificate somewhere down the error's causes (an
/// `io::Error` hides its inner error from `source`, so it is opened on the way).
fn certificate_refused(err: &reqwest::Error) -> bool {
    let mut source = err.source();
    while let Some(cause) = source {
        // io::Errors nest (hyper wraps tokio-rustls' error in one of its own).
        let mut inner: Option<&(dyn std::error::Error + 'static)> = Some(cause);
        while let Some(e) = inner {
            if let Some(rustls::Error::InvalidCertificate(_)) = e.downcast_ref::<rustls::Error>() {
                return true;
            }
            inner = e
                .downcast_ref::<std::io::Error>()
                .and_then(std::io::Error::get_ref)
                .map(|e| e as &(dyn std::error::Error + 'static));
        }
        source = cause.source();
    }
    false
}

/// The deepest cause's words (reqwest's own are generic: "error sending request").
fn innermost(err: &reqwest::Error) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        text = cause.to_string();
        source = cause.source();
    }
    text
}

/// The address fetched for the join page `url`: the page in English (`?lang=en`, which the
/// relay's pages honour before the browser's languages), since [`gone`] reads its words.
fn page_request(url: &str) -> String {
    format!("{url}?lang=en")
}

/// What a 410 page says: expired, used or cancelled. The page was asked for in English.
fn gone(html: &str) -> JoinError {
    let lower = html.to_ascii_lowercase();
    if lower.contains("cancelled") {
        JoinError::Cancelled
    } else if lower.contains("already used") {
        JoinError::Refused(RejectReason::AlreadyUsed)
    } else {
        JoinError::Refused(RejectReason::Expired)
    }
}

/// The first `lifeline://` link in an `href` of the page, unescaped.
pub(crate) fn deep_link_in(html: &str) -> Option<String> {
    let start = html.find("href=\"lifeline://")? + "href=\"".len();
    let rest = &html[start..];
    let end = rest.find('"')?;
    Some(unescape(&rest[..end]))
}

/// Undoes the HTML escaping of an attribute value (the five entities the relay writes).
fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_and_unescapes_the_deep_link() {
        let html = "<p>code</p><a class=\"button\" \
                    href=\"lifeline://join/123456789?relay=127.0.0.1:4433&amp;fp=abcd\">Open</a>\
                    <a href=\"https://play.google.com/x\">store</a>";
        assert_eq!(
            deep_link_in(html).as_deref(),
            Some("lifeline://join/123456789?relay=127.0.0.1:4433&fp=abcd")
        );
        assert_eq!(deep_link_in("<p>nothing here</p>"), None);
        assert_eq!(deep_link_in("href=\"lifeline://unterminated"), None);
    }

    #[test]
    fn the_page_is_asked_for_in_english() {
        assert_eq!(
            page_request("https://relay.example/join/123456789"),
            "https://relay.example/join/123456789?lang=en"
        );
    }

    #[test]
    fn gone_pages_say_why() {
        assert!(matches!(
            gone("<h1>This code has expired</h1>"),
            JoinError::Refused(RejectReason::Expired)
        ));
        assert!(matches!(
            gone("<h1>This code was already used</h1>"),
            JoinError::Refused(RejectReason::AlreadyUsed)
        ));
        assert!(matches!(
            gone("<h1>This code was cancelled</h1>"),
            JoinError::Cancelled
        ));
    }

    #[test]
    fn only_loopback_may_be_plain_http() {
        assert!(is_loopback("127.0.0.1"));
        assert!(is_loopback("::1"));
        assert!(is_loopback("LOCALHOST"));
        assert!(!is_loopback("relay.example.com"));
        assert!(!is_loopback("10.0.0.1"));
    }
}
