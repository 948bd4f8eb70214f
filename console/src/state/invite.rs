//! The message that invites a customer: for the clipboard and as a `mailto:` link.

use lifeline_protocol::i18n::Localizer;
use lifeline_protocol::tr;

use super::codes::CodeEntry;

/// The email subject.
pub fn subject(loc: Localizer) -> String {
    tr!(loc, "invite-subject")
}

/// The email body: the link, the code, and how to join.
pub fn body(entry: &CodeEntry, loc: Localizer) -> String {
    let greeting = match entry.identifier.as_deref().map(str::trim) {
        Some(name) if !name.is_empty() => tr!(loc, "invite-hello-named", name = name),
        _ => tr!(loc, "invite-hello"),
    };
    let text = tr!(
        loc,
        "invite-body",
        url = entry.url.as_str(),
        code = entry.display_code()
    );
    format!("{greeting}\n\n{text}\n")
}

/// Percent-encodes everything but unreserved characters (RFC 3986), as `mailto:` wants.
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// `mailto:?subject=…&body=…`, for the technician's mail client (the recipient is typed
/// there).
pub fn mailto(entry: &CodeEntry, loc: Localizer) -> String {
    // Mail clients expect CRLF line breaks in a mailto body.
    let body = body(entry, loc).replace('\n', "\r\n");
    format!(
        "mailto:?subject={}&body={}",
        encode(&subject(loc)),
        encode(&body)
    )
}

#[cfg(test)]
mod tests {
    use lifeline_protocol::i18n::Language;
    use lifeline_protocol::messages::UnixMillis;

    use super::*;
    use crate::state::codes::CodeState;

    fn entry(identifier: Option<&str>) -> CodeEntry {
        CodeEntry {
            code: "123456789".parse().unwrap(),
            url: "https://relay.example:8443/join/123456789".into(),
            deep_link: String::new(),
            created_at: UnixMillis(0),
            expires_at: UnixMillis(1),
            portal: "default".into(),
            identifier: identifier.map(str::to_owned),
            state: CodeState::Pending,
            chat_only: false,
        }
    }

    #[test]
    fn body_has_link_code_and_steps() {
        let en = Localizer::new(Language::En);
        let text = body(&entry(Some("Marie")), en);
        assert!(text.starts_with("Hello Marie,"));
        assert!(text.contains("https://relay.example:8443/join/123456789"));
        assert!(text.contains("123 456 789"));
        assert!(text.contains("How to join"));
        assert!(body(&entry(Some("  ")), en).starts_with("Hello,"));
        let fr = body(&entry(Some("Marie")), Localizer::new(Language::Fr));
        assert!(fr.starts_with("Bonjour Marie,"), "{fr}");
        assert!(fr.contains("123 456 789") && fr.contains("Comment rejoindre"));
        let es = body(&entry(None), Localizer::new(Language::Es));
        assert!(es.starts_with("Hola:"), "{es}");
        assert!(es.contains("https://relay.example:8443/join/123456789"));
    }

    #[test]
    fn mailto_is_fully_encoded() {
        let link = mailto(&entry(None), Localizer::new(Language::En));
        assert!(link.starts_with("mailto:?subject=Your%20remote%20support%20session&body="));
        assert!(link.contains("https%3A%2F%2Frelay.example%3A8443%2Fjoin%2F123456789"));
        assert!(link.contains("%0D%0A"));
        assert!(!link.contains(' ') && !link.contains('\n'));
        assert_eq!(encode("é&="), "%C3%A9%26%3D");
    }
}
