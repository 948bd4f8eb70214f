//! What the customer does: commands from the frontend, and answers, chat and actions taken
//! on the phone itself.

use lifeline_protocol::consent::Capability;
use lifeline_protocol::messages::Party;
use lifeline_protocol::messages::control::{ControlMessage, EndReason};

use super::clock::Now;
use super::consent::Answerer;
use super::core::SessionCore;
use super::events::{CustomerCommand, CustomerEvent};
use super::wording;
use crate::device::{CustomerAction, Device};

/// Most items taken from each of the phone's queues per poll, so a flood cannot stall the
/// session.
const DEVICE_BATCH: usize = 32;

impl SessionCore {
    /// A command from the customer's frontend.
    pub fn on_command<D: Device + ?Sized>(
        &mut self,
        command: CustomerCommand,
        dev: &mut D,
        now: Now,
    ) {
        if self.ended().is_some() {
            return;
        }
        match command {
            CustomerCommand::SendChat(text) => self.send_chat(&text, now),
            CustomerCommand::AnswerPrompt { capability, allow } => {
                self.answer(capability, allow, Answerer::Frontend, dev, now);
            }
            CustomerCommand::PauseSharing(paused) => self.pause(paused, dev, now),
            CustomerCommand::StopSharing => self.withdraw(Capability::ScreenView, dev, now),
            CustomerCommand::StopControl => self.withdraw(Capability::RemoteControl, dev, now),
            CustomerCommand::Exit => {
                self.end(Party::Customer, EndReason::CustomerLeft, true, dev, now);
            }
        }
        self.sync_status(dev);
    }

    fn send_chat(&mut self, text: &str, now: Now) {
        match self.chat.outgoing(text, now.wall) {
            Ok(message) => {
                let (id, text) = (message.id, message.text.clone());
                self.control(ControlMessage::Chat(message));
                self.tell(CustomerEvent::ChatSent { id, text });
            }
            Err(err) => self.tell(CustomerEvent::Notice(wording::message_not_sent(
                self.loc, &err,
            ))),
        }
    }

    fn pause<D: Device + ?Sized>(&mut self, paused: bool, dev: &mut D, now: Now) {
        if self.paused == paused {
            return;
        }
        self.paused = paused;
        self.control(ControlMessage::SharingPaused { paused });
        self.notice(dev, now, wording::paused(self.loc, paused));
        self.sync_status(dev);
    }

    /// Takes what the customer did on the phone: dialog answers, chat typed in the support
    /// app, "Stop sharing" in the notification shade.
    pub(super) fn take_from_device<D: Device + ?Sized>(&mut self, dev: &mut D, now: Now) {
        for _ in 0..DEVICE_BATCH {
            let Some(answer) = dev.take_prompt_answer() else {
                break;
            };
            self.answer(answer.capability, answer.allowed, Answerer::Phone, dev, now);
        }
        for _ in 0..DEVICE_BATCH {
            let Some(text) = dev.take_chat_reply() else {
                break;
            };
            self.send_chat(&text, now);
        }
        for _ in 0..DEVICE_BATCH {
            let Some(action) = dev.take_customer_action() else {
                break;
            };
            match action {
                CustomerAction::StopSharing => self.withdraw(Capability::ScreenView, dev, now),
            }
        }
    }
}
