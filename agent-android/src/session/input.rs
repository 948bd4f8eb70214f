//! The input gate, sans-IO: a technician's event reaches the phone only while remote control
//! is permitted and the event fits the screen; refusals are reported once per streak; a
//! finger down when control is withdrawn is lifted with a `Cancel` at once.

use std::time::Duration;

use lifeline_protocol::consent::{Capability, ConsentLedger};
use lifeline_protocol::messages::input::{InputEvent, TouchEvent, TouchPhase};

use crate::device::Device;

/// What became of one input event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Gate {
    /// Applied to the phone.
    Applied,
    /// Dropped; the first drop of a streak carries the reason to tell the technician.
    Dropped {
        /// `Some` for the first drop after an applied event (or ever).
        report: Option<String>,
    },
}

/// Applies input under the ledger's rule.
#[derive(Debug, Default)]
pub(crate) struct InputGate {
    /// Whether the last event was dropped (a refusal was already reported).
    refusing: bool,
    /// The touch in progress: the last event of the finger that is down.
    touch: Option<TouchEvent>,
}

impl InputGate {
    /// Applies `event` if remote control is permitted and the phone accepts it.
    pub(crate) fn apply<D: Device + ?Sized>(
        &mut self,
        ledger: &ConsentLedger,
        event: &InputEvent,
        dev: &mut D,
        now: Duration,
    ) -> Gate {
        if let Err(refusal) = ledger.permit(Capability::RemoteControl) {
            return self.drop_event(refusal.to_string());
        }
        match dev.inject(event, now) {
            Ok(()) => {
                self.refusing = false;
                self.track(event);
                Gate::Applied
            }
            Err(err) => self.drop_event(err.to_string()),
        }
    }

    fn drop_event(&mut self, reason: String) -> Gate {
        let first = !std::mem::replace(&mut self.refusing, true);
        Gate::Dropped {
            report: first.then_some(reason),
        }
    }

    fn track(&mut self, event: &InputEvent) {
        let InputEvent::Touch(touch) = event else {
            return;
        };
        match touch.phase {
            TouchPhase::Down => self.touch = Some(*touch),
            TouchPhase::Move => {
                if let Some(active) = self.touch.as_mut()
                    && active.pointer == touch.pointer
                {
                    *active = *touch;
                }
            }
            TouchPhase::Up | TouchPhase::Cancel => {
                if self.touch.is_some_and(|t| t.pointer == touch.pointer) {
                    self.touch = None;
                }
            }
        }
    }

    /// Whether a technician's finger is down on the phone.
    pub(crate) fn touching(&self) -> bool {
        self.touch.is_some()
    }

    /// Control was withdrawn or the session ended: a finger still down is cancelled on the
    /// phone now, so a drag stops where it is.
    pub(crate) fn cancel_touch<D: Device + ?Sized>(&mut self, dev: &mut D, now: Duration) {
        if let Some(touch) = self.touch.take() {
            let cancel = InputEvent::Touch(TouchEvent {
                phase: TouchPhase::Cancel,
                ..touch
            });
            // A screen rotated since has already dropped the touch itself.
            if let Err(err) = dev.inject(&cancel, now) {
                tracing::debug!("cancelling the technician's touch: {err}");
            }
        }
    }
}
