//! Session codes, portals and portal requests as the console shows them, with the live
//! expiry countdown.

use std::time::Duration;

use lifeline_protocol::SessionCode;
use lifeline_protocol::i18n::Localizer;
use lifeline_protocol::messages::UnixMillis;
use lifeline_protocol::tr;
use serde::Deserialize;

/// Where a code stands, as the relay reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CodeState {
    /// Waiting for the customer.
    Pending,
    /// In a session.
    Active,
    /// Its session is over.
    Ended,
    /// Nobody joined in time.
    Expired,
    /// The technician withdrew it.
    Cancelled,
}

impl CodeState {
    /// A word for the list, in `loc`'s language.
    pub fn label(self, loc: Localizer) -> String {
        match self {
            Self::Pending => tr!(loc, "codes-state-pending"),
            Self::Active => tr!(loc, "codes-state-active"),
            Self::Ended => tr!(loc, "codes-state-ended"),
            Self::Expired => tr!(loc, "codes-state-expired"),
            Self::Cancelled => tr!(loc, "codes-state-cancelled"),
        }
    }
}

/// One session code (the relay's `CodeView`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct CodeEntry {
    /// Nine digits (the API writes them as a string, e.g. `"012345678"`).
    #[serde(deserialize_with = "code_from_digits")]
    pub code: SessionCode,
    /// The join URL to send the customer.
    pub url: String,
    /// The deep link that opens the app (carries the QUIC address and fingerprint).
    pub deep_link: String,
    /// When it was created.
    pub created_at: UnixMillis,
    /// When it stops working if nobody joins.
    pub expires_at: UnixMillis,
    /// The portal's slug.
    pub portal: String,
    /// A note, e.g. the customer's name.
    pub identifier: Option<String>,
    /// As the relay last said.
    pub state: CodeState,
    /// Whether the session will be chat-only (portal requests).
    #[serde(default)]
    pub chat_only: bool,
}

impl CodeEntry {
    /// The state as of `now`: a pending code past its expiry is expired.
    pub fn state_at(&self, now: UnixMillis) -> CodeState {
        if self.state == CodeState::Pending && now >= self.expires_at {
            CodeState::Expired
        } else {
            self.state
        }
    }

    /// Time left before a pending code expires; `None` when it is not pending (any more).
    pub fn remaining(&self, now: UnixMillis) -> Option<Duration> {
        (self.state_at(now) == CodeState::Pending)
            .then(|| Duration::from_millis(self.expires_at.0.saturating_sub(now.0)))
    }

    /// The countdown as `mm:ss` (or `h:mm:ss`), or an empty string when not pending.
    pub fn countdown(&self, now: UnixMillis) -> String {
        self.remaining(now)
            .map(format_countdown)
            .unwrap_or_default()
    }

    /// The code as people read it: `123 456 789`.
    pub fn display_code(&self) -> String {
        self.code.to_string()
    }
}

/// Reads a code written as a string of digits.
fn code_from_digits<'de, D: serde::Deserializer<'de>>(d: D) -> Result<SessionCode, D::Error> {
    let text = String::deserialize(d)?;
    text.parse().map_err(serde::de::Error::custom)
}

/// `mm:ss` below an hour, `h:mm:ss` above; rounded up so `00:00` means expired.
pub fn format_countdown(left: Duration) -> String {
    let secs = left.as_millis().div_ceil(1000);
    let (h, m, s) = (secs / 3600, (secs / 60) % 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m:02}:{s:02}")
    }
}

/// A portal: to pick for a new code, and its settings for admins.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(default)]
pub struct PortalInfo {
    /// Row id.
    pub id: i64,
    /// Display name.
    pub name: String,
    /// URL slug, used to name it in API calls.
    pub slug: String,
    /// What each capability needs.
    pub policy: super::admin::PolicyView,
    /// How long its codes live.
    pub code_lifetime_secs: u32,
    /// Pending codes allowed per technician.
    pub max_pending_codes: u32,
    /// Whether customers may leave chat-only requests on its page.
    pub accept_chat_requests: bool,
    /// Whether its customers are told that their session is recorded.
    #[serde(default)]
    pub recording_notice: bool,
    /// The customer portal page.
    pub page_url: String,
}

/// A customer's chat-only request from a portal page.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct PortalRequest {
    /// Row id.
    pub id: i64,
    /// The portal's slug.
    pub portal: String,
    /// The portal's name.
    pub portal_name: String,
    /// Who asked.
    pub customer_name: String,
    /// What they wrote.
    pub problem: String,
    /// When.
    pub created_at: UnixMillis,
    /// When the request's code stops working if nobody accepts.
    pub expires_at: UnixMillis,
}

/// The technician's codes, newest first.
#[derive(Debug, Clone, Default)]
pub struct CodeBook {
    entries: Vec<CodeEntry>,
}

impl CodeBook {
    /// Every code, newest first.
    pub fn entries(&self) -> &[CodeEntry] {
        &self.entries
    }

    /// The entry for `code`.
    pub fn get(&self, code: SessionCode) -> Option<&CodeEntry> {
        self.entries.iter().find(|e| e.code == code)
    }

    /// Replaces the list with the relay's. Codes newer than everything listed stay: they
    /// were created while the list was on its way.
    pub fn replace(&mut self, mut entries: Vec<CodeEntry>) {
        let newest = entries.iter().map(|e| e.created_at).max();
        let fresh = self.entries.iter().filter(|e| {
            newest.is_none_or(|n| e.created_at > n) && !entries.iter().any(|l| l.code == e.code)
        });
        let fresh: Vec<CodeEntry> = fresh.cloned().collect();
        entries.extend(fresh);
        entries.sort_by_key(|e| std::cmp::Reverse(e.created_at));
        self.entries = entries;
    }

    /// Adds or updates one code.
    pub fn upsert(&mut self, entry: CodeEntry) {
        match self.entries.iter_mut().find(|e| e.code == entry.code) {
            Some(slot) => *slot = entry,
            None => {
                self.entries.push(entry);
                self.entries
                    .sort_by_key(|e| std::cmp::Reverse(e.created_at));
            }
        }
    }

    /// Marks a code's state locally (e.g. `Active` once its session paired).
    pub fn set_state(&mut self, code: SessionCode, state: CodeState) {
        if let Some(entry) = self.entries.iter_mut().find(|e| e.code == code) {
            entry.state = state;
        }
    }

    /// Codes still pending at `now`.
    pub fn pending(&self, now: UnixMillis) -> impl Iterator<Item = &CodeEntry> {
        self.entries
            .iter()
            .filter(move |e| e.state_at(now) == CodeState::Pending)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(code: u32, created: u64, expires: u64, state: CodeState) -> CodeEntry {
        let code = SessionCode::try_from(code).unwrap();
        CodeEntry {
            code,
            url: format!("https://relay.example/join/{}", code.digits()),
            deep_link: String::new(),
            created_at: UnixMillis(created),
            expires_at: UnixMillis(expires),
            portal: "default".into(),
            identifier: None,
            state,
            chat_only: false,
        }
    }

    #[test]
    fn countdown_runs_down_and_expires() {
        let e = entry(123_456_789, 0, 20 * 60_000, CodeState::Pending);
        assert_eq!(e.countdown(UnixMillis(0)), "20:00");
        assert_eq!(e.countdown(UnixMillis(60_500)), "19:00");
        assert_eq!(e.countdown(UnixMillis(20 * 60_000 - 1)), "00:01");
        assert_eq!(e.state_at(UnixMillis(20 * 60_000)), CodeState::Expired);
        assert_eq!(e.countdown(UnixMillis(20 * 60_000)), "");
        assert_eq!(e.remaining(UnixMillis(21 * 60_000)), None);
    }

    #[test]
    fn long_countdowns_show_hours() {
        assert_eq!(
            format_countdown(Duration::from_secs(3 * 3600 + 61)),
            "3:01:01"
        );
        assert_eq!(format_countdown(Duration::from_millis(1)), "00:01");
    }

    #[test]
    fn only_pending_codes_count_down() {
        let e = entry(123_456_789, 0, 60_000, CodeState::Cancelled);
        assert_eq!(e.remaining(UnixMillis(0)), None);
        assert_eq!(e.state_at(UnixMillis(0)), CodeState::Cancelled);
    }

    #[test]
    fn book_keeps_newest_first_and_updates_in_place() {
        let mut book = CodeBook::default();
        book.replace(vec![
            entry(100_000_001, 10, 1_000, CodeState::Pending),
            entry(100_000_002, 20, 1_000, CodeState::Pending),
        ]);
        assert_eq!(book.entries()[0].code.value(), 100_000_002);
        book.upsert(entry(100_000_003, 30, 1_000, CodeState::Pending));
        assert_eq!(book.entries()[0].code.value(), 100_000_003);
        book.upsert(entry(100_000_001, 10, 1_000, CodeState::Cancelled));
        // A list fetched before code 3 was created keeps code 3.
        book.replace(vec![
            entry(100_000_001, 10, 1_000, CodeState::Cancelled),
            entry(100_000_002, 20, 1_000, CodeState::Pending),
        ]);
        assert_eq!(book.entries().len(), 3);
        let code = SessionCode::try_from(100_000_002).unwrap();
        book.set_state(code, CodeState::Active);
        assert_eq!(book.get(code).unwrap().state, CodeState::Active);
        assert_eq!(book.pending(UnixMillis(0)).count(), 1);
    }

    #[test]
    fn parses_the_relays_json() {
        let json = r#"{"code":"012345678","url":"https://h/join/012345678",
            "deep_link":"lifeline://join/012345678?relay=h:4433","created_at":1,
            "expires_at":2,"portal":"default","identifier":"Marie","state":"pending",
            "chat_only":false}"#;
        let e: CodeEntry = serde_json::from_str(json).unwrap();
        assert_eq!(e.code.digits(), "012345678");
        assert_eq!(e.display_code(), "012 345 678");
        assert_eq!(e.identifier.as_deref(), Some("Marie"));
    }
}
