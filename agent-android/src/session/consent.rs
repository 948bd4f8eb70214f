//! Consent in the core: the technician's requests, the customer's answers and withdrawals,
//! all through the protocol's [`ConsentLedger`](lifeline_protocol::consent::ConsentLedger).

use lifeline_protocol::consent::{Capability, ConsentError, ConsentState, Policy, RequestOutcome};
use lifeline_protocol::messages::control::ControlMessage;

use super::clock::Now;
use super::core::SessionCore;
use super::events::CustomerEvent;
use super::wording;
use crate::device::{ConsentPrompt, Device};

/// Where a customer's answer came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Answerer {
    /// The dialog on the phone's screen.
    Phone,
    /// The frontend (terminal, window panel).
    Frontend,
    /// `--approve all|none`.
    Automatic,
}

impl SessionCore {
    pub(super) fn consent_requested<D: Device + ?Sized>(
        &mut self,
        cap: Capability,
        dev: &mut D,
        now: Now,
    ) {
        match self.ledger.request(cap) {
            Err(refusal) => self.control(ControlMessage::Refused {
                capability: cap,
                reason: refusal.to_string(),
            }),
            Ok(RequestOutcome::AlreadyAsked) => {}
            Ok(RequestOutcome::AlreadyGranted) => {
                let by_policy = self.ledger.policy().get(cap) == Policy::Notify;
                self.control(ControlMessage::ConsentResponse {
                    capability: cap,
                    granted: true,
                    by_policy,
                });
            }
            Ok(RequestOutcome::GrantedByPolicy) => {
                self.control(ControlMessage::ConsentResponse {
                    capability: cap,
                    granted: true,
                    by_policy: true,
                });
                let text = wording::granted(self.loc, &self.who(), cap);
                self.notice(dev, now, text);
            }
            Ok(RequestOutcome::AskCustomer) => match self.config.approval.automatic() {
                Some(allow) => self.answer(cap, allow, Answerer::Automatic, dev, now),
                None => {
                    let prompt = ConsentPrompt::new(cap, self.who());
                    self.prompts.push(cap);
                    dev.show_prompt(prompt.clone());
                    self.tell(CustomerEvent::PromptNeeded(prompt));
                }
            },
        }
    }

    /// The customer answers the open question about `cap`.
    pub(super) fn answer<D: Device + ?Sized>(
        &mut self,
        cap: Capability,
        allow: bool,
        from: Answerer,
        dev: &mut D,
        now: Now,
    ) {
        let was_open = self.prompts.contains(&cap);
        self.prompts.retain(|c| *c != cap);
        let result = self.ledger.answer(cap, allow);
        if from == Answerer::Frontend && was_open {
            // The dialog on the phone asks the same question: take it down, keep the others.
            self.reshow_prompts(dev);
        }
        let granted = match result {
            Ok(state) => state == ConsentState::Granted,
            Err(ConsentError::NotAsked(_)) => {
                tracing::debug!("ignoring an answer about {cap}: nothing is asked");
                return;
            }
            Err(refusal) => {
                // A grant that the rules no longer allow (e.g. control after the screen was
                // withdrawn) counts as a refusal.
                self.control(ControlMessage::Refused {
                    capability: cap,
                    reason: refusal.to_string(),
                });
                self.close_prompt(cap, Some(false), from);
                return;
            }
        };
        self.control(ControlMessage::ConsentResponse {
            capability: cap,
            granted,
            by_policy: false,
        });
        self.close_prompt(cap, Some(allow), from);
        let who = self.who();
        let text = if granted {
            wording::granted(self.loc, &who, cap)
        } else {
            wording::declined(self.loc, &who, cap)
        };
        self.notice(dev, now, text);
    }

    fn close_prompt(&mut self, cap: Capability, allowed: Option<bool>, from: Answerer) {
        if from != Answerer::Automatic {
            self.tell(CustomerEvent::PromptClosed {
                capability: cap,
                allowed,
            });
        }
    }

    fn reshow_prompts<D: Device + ?Sized>(&mut self, dev: &mut D) {
        dev.dismiss_prompts();
        let who = self.who();
        for cap in &self.prompts {
            dev.show_prompt(ConsentPrompt::new(*cap, who.clone()));
        }
    }

    /// The customer withdraws `cap`: a pending question counts as "no"; a grant is revoked
    /// (screen view takes remote control with it) and the technician told of each.
    pub(super) fn withdraw<D: Device + ?Sized>(&mut self, cap: Capability, dev: &mut D, now: Now) {
        match self.ledger.state(cap) {
            ConsentState::Requested => {
                self.answer(cap, false, Answerer::Frontend, dev, now);
                return;
            }
            ConsentState::Granted => {}
            _ => return,
        }
        let Ok(withdrawn) = self.ledger.revoke(cap) else {
            return;
        };
        let who = self.who();
        for c in withdrawn {
            self.control(ControlMessage::ConsentRevoke { capability: c });
            if c == Capability::RemoteControl {
                self.input.cancel_touch(dev, now.mono);
            }
            if self.prompts.contains(&c) {
                // A question withdrawn with what it depended on.
                self.prompts.retain(|p| *p != c);
                self.reshow_prompts(dev);
                self.tell(CustomerEvent::PromptClosed {
                    capability: c,
                    allowed: None,
                });
            }
            self.notice(dev, now, wording::withdrawn(self.loc, &who, c));
        }
        self.sync_status(dev);
    }
}
