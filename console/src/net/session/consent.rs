//! Consent on the technician's side: asking for a capability once while a request is
//! open, screen view before remote control, and what waits for a grant (remote control,
//! diagnostics, logs) sent once it comes.

use lifeline_protocol::consent::Capability;
use lifeline_protocol::messages::control::ControlMessage;

use super::Live;
use crate::state::SessionEvent;

/// What follows once a capability is granted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum FollowUp {
    Control,
    Diagnostics,
    Logs,
}

impl Live {
    pub(super) fn drop_follow_ups(&mut self, cap: Capability) {
        self.follow_ups.retain(|(waiting_on, _)| *waiting_on != cap);
        if cap == Capability::ScreenView {
            self.follow_ups
                .retain(|(_, then)| *then != FollowUp::Control);
        }
    }

    /// Sends what was waiting for `cap`.
    pub(super) async fn follow_up(&mut self, cap: Capability) {
        let ready: Vec<FollowUp> = self
            .follow_ups
            .iter()
            .filter(|(waiting_on, _)| *waiting_on == cap)
            .map(|(_, then)| *then)
            .collect();
        self.follow_ups.retain(|(waiting_on, _)| *waiting_on != cap);
        for then in ready {
            match then {
                FollowUp::Control => self.ask(Capability::RemoteControl).await,
                FollowUp::Diagnostics => {
                    self.send(ControlMessage::DiagnosticsRequest);
                    self.emit(SessionEvent::Requested(ControlMessage::DiagnosticsRequest))
                        .await;
                }
                FollowUp::Logs => {
                    self.send(ControlMessage::LogRequest);
                    self.emit(SessionEvent::Requested(ControlMessage::LogRequest))
                        .await;
                }
            }
        }
    }

    /// Sends a consent request (once while one is open).
    pub(super) async fn ask(&mut self, cap: Capability) {
        if self.granted.contains(cap) || self.asked.contains(cap) {
            return;
        }
        self.asked = self.asked.with(cap);
        let message = ControlMessage::ConsentRequest { capability: cap };
        self.send(message.clone());
        self.emit(SessionEvent::Requested(message)).await;
    }

    /// Asks for `cap`; remote control asks for screen view first.
    pub(super) async fn request(&mut self, cap: Capability) {
        if cap == Capability::RemoteControl && !self.granted.contains(Capability::ScreenView) {
            self.follow_ups
                .push((Capability::ScreenView, FollowUp::Control));
            self.ask(Capability::ScreenView).await;
        } else {
            self.ask(cap).await;
        }
    }

    /// Sends `then` now if `cap` is granted, else asks for `cap` and sends it after.
    pub(super) async fn after_consent(&mut self, cap: Capability, then: FollowUp) {
        if self.granted.contains(cap) {
            self.follow_ups.push((cap, then));
            self.follow_up(cap).await;
        } else {
            if !self.follow_ups.contains(&(cap, then)) {
                self.follow_ups.push((cap, then));
            }
            self.ask(cap).await;
        }
    }
}
