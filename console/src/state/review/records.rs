//! Session records as the relay lists and shows them.

use std::fmt;

use lifeline_protocol::i18n::{Language, Localizer};
use lifeline_protocol::messages::UnixMillis;
use lifeline_protocol::messages::handshake::DeviceSummary;
use lifeline_protocol::tr;
use serde::{Deserialize, Serialize};

/// How a session turned out, in the technician's wrap-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The problem is solved.
    Resolved,
    /// It is not.
    Unresolved,
    /// Someone has to follow up.
    FollowUp,
}

impl Outcome {
    /// Every outcome, in the order offered.
    pub const ALL: [Outcome; 3] = [Self::Resolved, Self::Unresolved, Self::FollowUp];

    /// The API's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Resolved => "resolved",
            Self::Unresolved => "unresolved",
            Self::FollowUp => "follow_up",
        }
    }

    /// In words, in the technician's language.
    pub fn label(self, loc: Localizer) -> String {
        match self {
            Self::Resolved => tr!(loc, "outcome-resolved"),
            Self::Unresolved => tr!(loc, "outcome-unresolved"),
            Self::FollowUp => tr!(loc, "outcome-follow-up"),
        }
    }
}

/// In English, for logs and exports.
impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label(Localizer::new(Language::En)))
    }
}

/// The outcome filter of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OutcomeFilter {
    /// Any.
    #[default]
    Any,
    /// Records without a wrap-up.
    None,
    /// This outcome.
    Is(Outcome),
}

/// Filters and search of the Sessions list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecordQuery {
    /// Technician's name.
    pub technician: String,
    /// Portal slug.
    pub portal: String,
    /// Started on or after this day, `YYYY-MM-DD`.
    pub from: String,
    /// Started on or before this day, `YYYY-MM-DD`.
    pub to: String,
    /// Wrap-up outcome.
    pub outcome: OutcomeFilter,
    /// Text in the identifier, customer name or chat.
    pub text: String,
}

impl RecordQuery {
    /// The query string's pairs (blank fields left out; days as UTC milliseconds).
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        let mut text = |key, value: &str| {
            if !value.trim().is_empty() {
                pairs.push((key, value.trim().to_owned()));
            }
        };
        text("technician", &self.technician);
        text("portal", &self.portal);
        text("q", &self.text);
        if let Some(from) = day_start(&self.from) {
            pairs.push(("from", from.to_string()));
        }
        if let Some(to) = day_start(&self.to) {
            pairs.push(("to", (to + DAY_MS).to_string()));
        }
        match self.outcome {
            OutcomeFilter::Any => {}
            OutcomeFilter::None => pairs.push(("outcome", "none".into())),
            OutcomeFilter::Is(o) => pairs.push(("outcome", o.as_str().into())),
        }
        pairs
    }

    /// What is wrong with the dates, if anything, in the technician's language.
    pub fn problem(&self, loc: Localizer) -> Option<String> {
        let bad = |day: &str| !day.trim().is_empty() && day_start(day).is_none();
        if bad(&self.from) {
            Some(tr!(loc, "review-bad-from"))
        } else if bad(&self.to) {
            Some(tr!(loc, "review-bad-to"))
        } else {
            None
        }
    }
}

const DAY_MS: u64 = 24 * 60 * 60 * 1000;

/// Midnight UTC of `YYYY-MM-DD`, in ms since the epoch.
fn day_start(text: &str) -> Option<u64> {
    let date = chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()?;
    let millis = date.and_hms_opt(0, 0, 0)?.and_utc().timestamp_millis();
    u64::try_from(millis).ok()
}

/// The technician of a record.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Technician {
    /// Account id.
    pub id: i64,
    /// Name.
    pub name: String,
}

/// A record in the Sessions list.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct RecordRow {
    /// The session's id (the record's).
    pub id: u64,
    /// The code's digits.
    pub code: String,
    /// The code's identifier.
    pub identifier: Option<String>,
    /// The portal's slug.
    pub portal: String,
    /// Who ran it.
    pub technician: Technician,
    /// The customer's name.
    pub customer_name: String,
    /// Their phone.
    pub device: DeviceSummary,
    /// When it started.
    pub started_at: UnixMillis,
    /// When it ended.
    pub ended_at: Option<UnixMillis>,
    /// How long it lasted.
    pub duration_ms: Option<u64>,
    /// The wrap-up's outcome.
    #[serde(default)]
    pub outcome: Option<Outcome>,
    /// Recording bytes on the relay.
    #[serde(default)]
    pub recording_bytes: u64,
}

/// The wrap-up.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct WrapUp {
    /// How it turned out.
    pub outcome: Outcome,
    /// Notes.
    pub notes: String,
    /// Who wrote it.
    pub written_by: String,
    /// When.
    pub written_at: UnixMillis,
}

/// One line of the access log.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Access {
    /// Who.
    pub user: String,
    /// `open` or `download`.
    pub action: String,
    /// When.
    pub at: UnixMillis,
    /// The received file downloaded, when it was one rather than the recording.
    #[serde(default)]
    pub file: Option<String>,
}

/// A received file whose content the relay keeps with the record.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct RecordFile {
    /// Its name on the phone.
    pub name: String,
    /// Its size.
    pub size: u64,
    /// SHA-256 of its content, lowercase hex.
    pub sha256: String,
    /// Bytes the relay holds so far.
    pub received: u64,
    /// Uploaded whole and checked: it can be downloaded.
    pub complete: bool,
}

/// A record's details.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct RecordDetails {
    /// The list's fields.
    #[serde(flatten)]
    pub row: RecordRow,
    /// Who ended it: `technician`, `customer` or `relay`.
    pub ended_by: Option<String>,
    /// Why.
    pub end_reason: Option<String>,
    /// The wrap-up.
    pub wrapup: Option<WrapUp>,
    /// Every opening and download, oldest first.
    pub access_log: Vec<Access>,
    /// Received files whose content the relay keeps (or is receiving).
    #[serde(default)]
    pub files: Vec<RecordFile>,
}

impl RecordDetails {
    /// The kept file with this SHA-256 (lowercase hex), if any.
    pub fn file(&self, sha256: &str) -> Option<&RecordFile> {
        self.files.iter().find(|f| f.sha256 == sha256)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_names_only_what_is_set() {
        let query = RecordQuery {
            technician: " amy ".into(),
            from: "2026-11-21".into(),
            to: "2026-11-21".into(),
            outcome: OutcomeFilter::Is(Outcome::FollowUp),
            ..RecordQuery::default()
        };
        let pairs = query.pairs();
        assert!(pairs.contains(&("technician", "amy".into())));
        assert!(pairs.contains(&("outcome", "follow_up".into())));
        let from: u64 = pairs
            .iter()
            .find(|p| p.0 == "from")
            .unwrap()
            .1
            .parse()
            .unwrap();
        let to: u64 = pairs
            .iter()
            .find(|p| p.0 == "to")
            .unwrap()
            .1
            .parse()
            .unwrap();
        assert_eq!(to - from, DAY_MS);
        assert!(!pairs.iter().any(|p| p.0 == "portal"));
        assert_eq!(query.problem(Localizer::new(Language::En)), None);
        let bad = RecordQuery {
            from: "yesterday".into(),
            ..RecordQuery::default()
        };
        assert!(
            bad.problem(Localizer::new(Language::En))
                .unwrap()
                .contains("From")
        );
        assert!(
            bad.problem(Localizer::new(Language::Fr))
                .unwrap()
                .contains("Du")
        );
    }
}
