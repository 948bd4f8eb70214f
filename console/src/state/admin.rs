//! What admins manage through the relay's API: portals (policy per capability, code
//! lifetime, pending limit, chat requests) and user accounts.

use lifeline_protocol::i18n::Localizer;
use lifeline_protocol::tr;
use serde::{Deserialize, Serialize};

use super::codes::PortalInfo;

/// A capability's policy as the API writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PolicyLevel {
    /// The customer must approve.
    #[default]
    Ask,
    /// Allowed; the customer is told.
    Notify,
    /// Never.
    Off,
}

impl PolicyLevel {
    /// Every level.
    pub const ALL: [PolicyLevel; 3] = [Self::Ask, Self::Notify, Self::Off];

    /// A word for the menu, in `loc`'s language.
    pub fn label(self, loc: Localizer) -> String {
        match self {
            Self::Ask => tr!(loc, "admin-policy-ask"),
            Self::Notify => tr!(loc, "admin-policy-notify"),
            Self::Off => tr!(loc, "admin-policy-off"),
        }
    }
}

/// A portal's policy, per capability.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PolicyView {
    /// Seeing the screen.
    pub screen_view: PolicyLevel,
    /// Controlling the phone.
    pub remote_control: PolicyLevel,
    /// Device information.
    pub diagnostics: PolicyLevel,
    /// Log files.
    pub log_files: PolicyLevel,
}

/// A portal being edited or created (the API's portal fields).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PortalDraft {
    /// Display name.
    pub name: String,
    /// URL slug.
    pub slug: String,
    /// Policy per capability.
    pub policy: PolicyView,
    /// Code lifetime in seconds.
    pub code_lifetime_secs: u32,
    /// Pending codes per technician.
    pub max_pending_codes: u32,
    /// Whether customers may leave requests on the portal page.
    pub accept_chat_requests: bool,
}

impl Default for PortalDraft {
    fn default() -> Self {
        Self {
            name: String::new(),
            slug: String::new(),
            policy: PolicyView::default(),
            code_lifetime_secs: 20 * 60,
            max_pending_codes: 8,
            accept_chat_requests: true,
        }
    }
}

impl From<&PortalInfo> for PortalDraft {
    fn from(portal: &PortalInfo) -> Self {
        Self {
            name: portal.name.clone(),
            slug: portal.slug.clone(),
            policy: portal.policy,
            code_lifetime_secs: portal.code_lifetime_secs,
            max_pending_codes: portal.max_pending_codes,
            accept_chat_requests: portal.accept_chat_requests,
        }
    }
}

impl PortalDraft {
    /// Whether it differs from `portal` (something to save).
    pub fn differs_from(&self, portal: &PortalInfo) -> bool {
        *self != PortalDraft::from(portal)
    }
}

/// A user account.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct UserInfo {
    /// Row id.
    pub id: i64,
    /// Sign-in name.
    pub name: String,
    /// `technician`, `lead` or `admin`.
    pub role: String,
    /// Disabled accounts cannot sign in.
    pub disabled: bool,
}

/// The roles an account can have.
pub const ROLES: [&str; 3] = ["technician", "lead", "admin"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn portal_json_round_trips_into_a_draft() {
        let json = r#"{"id":3,"name":"Retail","slug":"retail","policy":{"screen_view":"ask",
            "remote_control":"off","diagnostics":"notify","log_files":"ask"},
            "code_lifetime_secs":600,"max_pending_codes":4,"accept_chat_requests":false,
            "page_url":"https://h/portal/retail"}"#;
        let portal: PortalInfo = serde_json::from_str(json).unwrap();
        assert_eq!(portal.policy.remote_control, PolicyLevel::Off);
        let mut draft = PortalDraft::from(&portal);
        assert!(!draft.differs_from(&portal));
        draft.policy.diagnostics = PolicyLevel::Off;
        assert!(draft.differs_from(&portal));
        let body = serde_json::to_value(&draft).unwrap();
        assert_eq!(body["policy"]["diagnostics"], "off");
        assert_eq!(body["code_lifetime_secs"], 600);
        // The short form the code picker uses still parses.
        let short: PortalInfo = serde_json::from_str(r#"{"id":1,"name":"D","slug":"d"}"#).unwrap();
        assert_eq!(short.policy, PolicyView::default());
    }

    #[test]
    fn users_parse() {
        let user: UserInfo =
            serde_json::from_str(r#"{"id":2,"name":"ana","role":"lead","disabled":false}"#)
                .unwrap();
        assert_eq!(user.role, "lead");
        assert!(ROLES.contains(&user.role.as_str()));
    }
}
