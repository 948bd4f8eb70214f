//! Capabilities, portal policy, and the consent state machine the agent enforces.
//!
//! The agent owns a [`ConsentLedger`] per session and calls [`ConsentLedger::permit`] before
//! it shows the screen, injects input, reads diagnostics or sends logs — whatever the
//! technician's side sends. A capability is permitted only when the device supports it, the
//! portal does not switch it off, and either the customer granted it (policy `ask`) or the
//! technician asked for it under policy `notify` (the customer is told). Revoking screen view
//! also revokes remote control: nobody controls a screen they may not see.

use std::fmt;

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Something the technician can do on the phone with the customer's consent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Capability {
    /// See the phone's screen.
    ScreenView,
    /// Tap, swipe, press keys and type on the phone.
    RemoteControl,
    /// Read device information.
    Diagnostics,
    /// Receive log files.
    LogFiles,
}

impl Capability {
    /// Every capability, in a fixed order.
    pub const ALL: [Capability; 4] = [
        Capability::ScreenView,
        Capability::RemoteControl,
        Capability::Diagnostics,
        Capability::LogFiles,
    ];

    fn index(self) -> usize {
        match self {
            Self::ScreenView => 0,
            Self::RemoteControl => 1,
            Self::Diagnostics => 2,
            Self::LogFiles => 3,
        }
    }

    fn bit(self) -> u8 {
        1 << self.index()
    }
}

impl fmt::Display for Capability {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::ScreenView => "screen view",
            Self::RemoteControl => "remote control",
            Self::Diagnostics => "diagnostics",
            Self::LogFiles => "log files",
        })
    }
}

/// A set of capabilities, e.g. what a device can do. Serialized as a bit mask.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct CapabilitySet(u8);

/// A capability bit mask with bits no capability uses.
#[derive(Debug, Error, PartialEq, Eq)]
#[error("capability mask {0:#04x} has unknown bits")]
pub struct UnknownCapabilityBits(pub u8);

impl CapabilitySet {
    /// No capability: a chat-only device.
    pub const NONE: Self = Self(0);
    /// Every capability.
    pub const ALL: Self = Self(0b1111);

    /// Whether `cap` is in the set.
    pub fn contains(self, cap: Capability) -> bool {
        self.0 & cap.bit() != 0
    }

    /// The set with `cap` added.
    #[must_use]
    pub fn with(self, cap: Capability) -> Self {
        Self(self.0 | cap.bit())
    }

    /// The set with `cap` removed.
    #[must_use]
    pub fn without(self, cap: Capability) -> Self {
        Self(self.0 & !cap.bit())
    }

    /// Whether the set is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// A device without screen view can only chat.
    pub fn is_chat_only(self) -> bool {
        !self.contains(Capability::ScreenView)
    }

    /// The capabilities in the set, in [`Capability::ALL`] order.
    pub fn iter(self) -> impl Iterator<Item = Capability> {
        Capability::ALL
            .into_iter()
            .filter(move |c| self.contains(*c))
    }
}

impl FromIterator<Capability> for CapabilitySet {
    fn from_iter<I: IntoIterator<Item = Capability>>(iter: I) -> Self {
        iter.into_iter().fold(Self::NONE, Self::with)
    }
}

impl TryFrom<u8> for CapabilitySet {
    type Error = UnknownCapabilityBits;

    fn try_from(bits: u8) -> Result<Self, UnknownCapabilityBits> {
        if bits & !Self::ALL.0 != 0 {
            return Err(UnknownCapabilityBits(bits));
        }
        Ok(Self(bits))
    }
}

impl From<CapabilitySet> for u8 {
    fn from(set: CapabilitySet) -> u8 {
        set.0
    }
}

impl fmt::Debug for CapabilitySet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

/// What a portal allows for one capability.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Policy {
    /// The customer must approve each request.
    Ask,
    /// Allowed when the technician asks; the customer is told.
    Notify,
    /// Never allowed in this portal.
    Off,
}

/// A portal's policy for every capability.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PortalPolicy {
    /// Policy for [`Capability::ScreenView`].
    pub screen_view: Policy,
    /// Policy for [`Capability::RemoteControl`].
    pub remote_control: Policy,
    /// Policy for [`Capability::Diagnostics`].
    pub diagnostics: Policy,
    /// Policy for [`Capability::LogFiles`].
    pub log_files: Policy,
}

impl PortalPolicy {
    /// Every capability under the same policy.
    pub fn uniform(policy: Policy) -> Self {
        Self {
            screen_view: policy,
            remote_control: policy,
            diagnostics: policy,
            log_files: policy,
        }
    }

    /// The policy for `cap`.
    pub fn get(&self, cap: Capability) -> Policy {
        match cap {
            Capability::ScreenView => self.screen_view,
            Capability::RemoteControl => self.remote_control,
            Capability::Diagnostics => self.diagnostics,
            Capability::LogFiles => self.log_files,
        }
    }

    /// Sets the policy for `cap`.
    pub fn set(&mut self, cap: Capability, policy: Policy) {
        match cap {
            Capability::ScreenView => self.screen_view = policy,
            Capability::RemoteControl => self.remote_control = policy,
            Capability::Diagnostics => self.diagnostics = policy,
            Capability::LogFiles => self.log_files = policy,
        }
    }
}

impl Default for PortalPolicy {
    /// The customer is asked for everything.
    fn default() -> Self {
        Self::uniform(Policy::Ask)
    }
}

/// Where one capability stands in a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ConsentState {
    /// Nobody asked yet.
    NotRequested,
    /// The customer is being asked.
    Requested,
    /// Allowed: by the customer, or by a `notify` policy.
    Granted,
    /// The customer said no.
    Denied,
    /// Granted earlier, withdrawn by the customer since.
    Revoked,
}

/// What a technician's request led to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestOutcome {
    /// Ask the customer now (policy `ask`).
    AskCustomer,
    /// Granted without asking (policy `notify`): tell the customer.
    GrantedByPolicy,
    /// Already granted; nothing to do.
    AlreadyGranted,
    /// The customer is already being asked.
    AlreadyAsked,
}

/// Why something may not happen, or why a consent step is out of order.
#[derive(Debug, Clone, Copy, Error, PartialEq, Eq)]
pub enum ConsentError {
    /// The device cannot do this at all.
    #[error("this device does not support {0}")]
    Unsupported(Capability),
    /// The portal switches this capability off.
    #[error("{0} is turned off for this portal")]
    Disabled(Capability),
    /// Remote control needs screen view granted first.
    #[error("remote control needs screen view to be allowed first")]
    NeedsScreenView,
    /// Nobody asked for it.
    #[error("{0} has not been requested")]
    NotRequested(Capability),
    /// The customer has not answered yet.
    #[error("the customer has not answered the request for {0} yet")]
    Pending(Capability),
    /// The customer said no.
    #[error("the customer declined {0}")]
    Denied(Capability),
    /// The customer withdrew an earlier grant.
    #[error("the customer withdrew {0}")]
    Revoked(Capability),
    /// An answer arrived with no question open.
    #[error("there is no open request for {0} to answer")]
    NotAsked(Capability),
    /// A revoke for something not granted.
    #[error("{0} is not granted, so it cannot be withdrawn")]
    NotGranted(Capability),
}

/// The consent state of one session, as the agent keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsentLedger {
    policy: PortalPolicy,
    supported: CapabilitySet,
    states: [ConsentState; 4],
}

impl ConsentLedger {
    /// A new session's ledger: nothing requested yet.
    pub fn new(policy: PortalPolicy, supported: CapabilitySet) -> Self {
        Self {
            policy,
            supported,
            states: [ConsentState::NotRequested; 4],
        }
    }

    /// The portal policy in force.
    pub fn policy(&self) -> &PortalPolicy {
        &self.policy
    }

    /// What the device supports.
    pub fn supported(&self) -> CapabilitySet {
        self.supported
    }

    /// Where `cap` stands.
    pub fn state(&self, cap: Capability) -> ConsentState {
        self.states[cap.index()]
    }

    fn set(&mut self, cap: Capability, state: ConsentState) {
        self.states[cap.index()] = state;
    }

    fn allowed_to_ask(&self, cap: Capability) -> Result<(), ConsentError> {
        if !self.supported.contains(cap) {
            return Err(ConsentError::Unsupported(cap));
        }
        if self.policy.get(cap) == Policy::Off {
            return Err(ConsentError::Disabled(cap));
        }
        if cap == Capability::RemoteControl
            && self.state(Capability::ScreenView) != ConsentState::Granted
        {
            return Err(ConsentError::NeedsScreenView);
        }
        Ok(())
    }

    /// The technician asks for `cap`.
    pub fn request(&mut self, cap: Capability) -> Result<RequestOutcome, ConsentError> {
        self.allowed_to_ask(cap)?;
        Ok(match (self.state(cap), self.policy.get(cap)) {
            (ConsentState::Granted, _) => RequestOutcome::AlreadyGranted,
            (ConsentState::Requested, _) => RequestOutcome::AlreadyAsked,
            (_, Policy::Notify) => {
                self.set(cap, ConsentState::Granted);
                RequestOutcome::GrantedByPolicy
            }
            (_, Policy::Ask | Policy::Off) => {
                self.set(cap, ConsentState::Requested);
                RequestOutcome::AskCustomer
            }
        })
    }

    /// The customer answers an open request for `cap`.
    pub fn answer(&mut self, cap: Capability, granted: bool) -> Result<ConsentState, ConsentError> {
        if self.state(cap) != ConsentState::Requested {
            return Err(ConsentError::NotAsked(cap));
        }
        // Defensive: a grant never outruns the rules that allowed the question.
        if granted && let Err(refusal) = self.allowed_to_ask(cap) {
            self.set(cap, ConsentState::Denied);
            return Err(refusal);
        }
        let state = if granted {
            ConsentState::Granted
        } else {
            ConsentState::Denied
        };
        self.set(cap, state);
        Ok(state)
    }

    /// The customer withdraws `cap` (a pending request counts as declined). Returns every
    /// capability that lost its grant or request: withdrawing screen view takes remote
    /// control with it.
    pub fn revoke(&mut self, cap: Capability) -> Result<Vec<Capability>, ConsentError> {
        let mut withdrawn = Vec::new();
        match self.state(cap) {
            ConsentState::Granted => self.set(cap, ConsentState::Revoked),
            ConsentState::Requested => self.set(cap, ConsentState::Denied),
            _ => return Err(ConsentError::NotGranted(cap)),
        }
        withdrawn.push(cap);
        if cap == Capability::ScreenView {
            match self.state(Capability::RemoteControl) {
                ConsentState::Granted => self.set(Capability::RemoteControl, ConsentState::Revoked),
                ConsentState::Requested => {
                    self.set(Capability::RemoteControl, ConsentState::Denied);
                }
                _ => return Ok(withdrawn),
            }
            withdrawn.push(Capability::RemoteControl);
        }
        Ok(withdrawn)
    }

    /// The one check the agent makes before acting on `cap`: `Ok` only when it is allowed
    /// right now, otherwise the reason to send back to the technician.
    pub fn permit(&self, cap: Capability) -> Result<(), ConsentError> {
        if !self.supported.contains(cap) {
            return Err(ConsentError::Unsupported(cap));
        }
        if self.policy.get(cap) == Policy::Off {
            return Err(ConsentError::Disabled(cap));
        }
        if cap == Capability::RemoteControl {
            self.permit(Capability::ScreenView)
                .map_err(|_| ConsentError::NeedsScreenView)?;
        }
        match self.state(cap) {
            ConsentState::Granted => Ok(()),
            ConsentState::NotRequested => Err(ConsentError::NotRequested(cap)),
            ConsentState::Requested => Err(ConsentError::Pending(cap)),
            ConsentState::Denied => Err(ConsentError::Denied(cap)),
            ConsentState::Revoked => Err(ConsentError::Revoked(cap)),
        }
    }
}

#[cfg(test)]
mod tests;
