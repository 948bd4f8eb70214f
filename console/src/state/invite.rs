//! The message that invites a customer: for the clipboard and as a `mailto:` link.

use super::codes::CodeEntry;

/// The email subject.
pub fn subject() -> String {
    "Your remote support session".to_owned()
}

/// The email body: the link, the code, and how to join.
pub fn body(entry: &CodeEntry) -> String {
    let greeting = match entry.identifier.as_deref().map(str::trim) {
        Some(name) if !name.is_empty() => format!("Hello {name},"),
        _ => "Hello,".to_owned(),
    };
    format!(
        "{greeting}\n\n\
         To start the support session, open this link on your Android phone:\n\
         {url}\n\n\
         If the Lifeline app is already installed you can also open it and enter this code:\n\
         {code}\n\n\
         How to join:\n\
         1. Open the link (or the app) on your phone.\n\
         2. Install the Lifeline app if you are asked to.\n\
         3. Enter your name and tap Join. You will see a chat with your technician.\n\
         4. Your technician will ask before seeing or controlling your screen; you can stop\n\
         \x20  sharing at any time.\n\n\
         The code works once and expires if nobody joins in time.\n",
        url = entry.url,
        code = entry.display_code(),
    )
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
pub fn mailto(entry: &CodeEntry) -> String {
    // Mail clients expect CRLF line breaks in a mailto body.
    let body = body(entry).replace('\n', "\r\n");
    format!(
        "mailto:?subject={}&body={}",
        encode(&subject()),
        encode(&body)
    )
}

#[cfg(test)]
mod tests {
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
        let text = body(&entry(Some("Marie")));
        assert!(text.starts_with("Hello Marie,"));
        assert!(text.contains("https://relay.example:8443/join/123456789"));
        assert!(text.contains("123 456 789"));
        assert!(text.contains("How to join"));
        assert!(body(&entry(Some("  "))).starts_with("Hello,"));
    }

    #[test]
    fn mailto_is_fully_encoded() {
        let link = mailto(&entry(None));
        assert!(link.starts_with("mailto:?subject=Your%20remote%20support%20session&body="));
        assert!(link.contains("https%3A%2F%2Frelay.example%3A8443%2Fjoin%2F123456789"));
        assert!(link.contains("%0D%0A"));
        assert!(!link.contains(' ') && !link.contains('\n'));
        assert_eq!(encode("é&="), "%C3%A9%26%3D");
    }
}
