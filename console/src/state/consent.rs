//! Where each capability stands in a session, as the technician sees it.

use lifeline_protocol::consent::{Capability, CapabilitySet, Policy, PortalPolicy};
use lifeline_protocol::i18n::Localizer;
use lifeline_protocol::tr;

/// One capability's state on the technician's side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConsentView {
    /// The device cannot do it.
    Unsupported,
    /// The portal switches it off.
    Off,
    /// Not asked for yet.
    NotRequested,
    /// Asked; waiting for the customer.
    Asking,
    /// Allowed (`by_policy`: without asking, under a `notify` policy).
    Granted {
        /// Allowed by the portal's `notify` policy rather than by the customer.
        by_policy: bool,
    },
    /// The customer said no.
    Denied,
    /// The customer withdrew an earlier grant.
    Revoked,
    /// The phone refused a request; the text says why.
    Refused(String),
}

impl ConsentView {
    /// Whether the capability may be used now.
    pub fn is_granted(&self) -> bool {
        matches!(self, Self::Granted { .. })
    }

    /// Whether asking (again) makes sense.
    pub fn can_request(&self) -> bool {
        !matches!(
            self,
            Self::Unsupported | Self::Off | Self::Asking | Self::Granted { .. }
        )
    }

    /// Words for the status line, in `loc`'s language.
    pub fn label(&self, loc: Localizer) -> String {
        match self {
            Self::Unsupported => tr!(loc, "consent-state-unsupported"),
            Self::Off => tr!(loc, "consent-state-off"),
            Self::NotRequested => tr!(loc, "consent-state-not-asked"),
            Self::Asking => tr!(loc, "consent-state-asking"),
            Self::Granted { by_policy: true } => tr!(loc, "consent-state-by-policy"),
            Self::Granted { by_policy: false } => tr!(loc, "consent-state-granted"),
            Self::Denied => tr!(loc, "consent-state-denied"),
            Self::Revoked => tr!(loc, "consent-state-revoked"),
            Self::Refused(reason) => tr!(loc, "consent-state-refused", reason = reason.as_str()),
        }
    }
}

/// The four capabilities' states.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsentBoard {
    states: [ConsentView; 4],
}

impl Default for ConsentBoard {
    fn default() -> Self {
        Self {
            states: std::array::from_fn(|_| ConsentView::NotRequested),
        }
    }
}

fn index(cap: Capability) -> usize {
    Capability::ALL
        .iter()
        .position(|c| *c == cap)
        .unwrap_or_default()
}

impl ConsentBoard {
    /// A board for a device that supports `supported` under `policy`.
    pub fn new(supported: CapabilitySet, policy: &PortalPolicy) -> Self {
        let mut board = Self::default();
        for cap in Capability::ALL {
            board.states[index(cap)] = if !supported.contains(cap) {
                ConsentView::Unsupported
            } else if policy.get(cap) == Policy::Off {
                ConsentView::Off
            } else {
                ConsentView::NotRequested
            };
        }
        board
    }

    /// Where `cap` stands.
    pub fn get(&self, cap: Capability) -> &ConsentView {
        &self.states[index(cap)]
    }

    /// Sets `cap`'s state.
    pub fn set(&mut self, cap: Capability, view: ConsentView) {
        self.states[index(cap)] = view;
    }

    /// The technician asked for `cap` (no effect on unsupported / off / granted ones).
    pub fn requested(&mut self, cap: Capability) {
        if self.get(cap).can_request() {
            self.set(cap, ConsentView::Asking);
        }
    }

    /// The customer withdrew `cap`; screen view takes remote control with it.
    pub fn revoked(&mut self, cap: Capability) {
        self.set(cap, ConsentView::Revoked);
        if cap == Capability::ScreenView && self.get(Capability::RemoteControl).is_granted() {
            self.set(Capability::RemoteControl, ConsentView::Revoked);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn board_starts_from_device_and_policy() {
        let mut policy = PortalPolicy::default();
        policy.set(Capability::LogFiles, Policy::Off);
        let supported = CapabilitySet::ALL.without(Capability::RemoteControl);
        let board = ConsentBoard::new(supported, &policy);
        assert_eq!(
            board.get(Capability::ScreenView),
            &ConsentView::NotRequested
        );
        assert_eq!(
            board.get(Capability::RemoteControl),
            &ConsentView::Unsupported
        );
        assert_eq!(board.get(Capability::LogFiles), &ConsentView::Off);
        assert!(!board.get(Capability::LogFiles).can_request());
    }

    #[test]
    fn request_grant_and_revoke() {
        let mut board = ConsentBoard::new(CapabilitySet::ALL, &PortalPolicy::default());
        board.requested(Capability::ScreenView);
        assert_eq!(board.get(Capability::ScreenView), &ConsentView::Asking);
        board.set(
            Capability::ScreenView,
            ConsentView::Granted { by_policy: false },
        );
        board.set(
            Capability::RemoteControl,
            ConsentView::Granted { by_policy: true },
        );
        board.requested(Capability::ScreenView);
        assert!(board.get(Capability::ScreenView).is_granted(), "no re-ask");
        board.revoked(Capability::ScreenView);
        assert_eq!(board.get(Capability::ScreenView), &ConsentView::Revoked);
        assert_eq!(board.get(Capability::RemoteControl), &ConsentView::Revoked);
        assert!(board.get(Capability::ScreenView).can_request());
        assert_eq!(
            ConsentView::Refused("no".into()).label(Localizer::default()),
            "refused: no".to_owned()
        );
        assert_eq!(
            ConsentView::Refused("no".into())
                .label(Localizer::new(lifeline_protocol::i18n::Language::Fr)),
            "refusé : no".to_owned()
        );
    }
}
