//! What the core does with each control message from the technician.

use lifeline_protocol::consent::Capability;
use lifeline_protocol::messages::control::{ChatMessage, ControlMessage};
use lifeline_protocol::messages::file::FileHeader;
use sha2::{Digest, Sha256};

use super::clock::Now;
use super::core::{Action, OutgoingFile, SessionCore};
use super::events::CustomerEvent;
use super::wording;
use crate::device::{Device, LogFile};

impl SessionCore {
    /// A control message from the technician.
    pub fn on_control<D: Device + ?Sized>(
        &mut self,
        message: ControlMessage,
        dev: &mut D,
        now: Now,
    ) {
        if self.ended().is_some() {
            return;
        }
        match message {
            ControlMessage::Chat(chat) => self.chat_received(&chat, dev, now),
            ControlMessage::ChatAck { id } => {
                if self.chat.acked(id) {
                    self.tell(CustomerEvent::ChatDelivered { id });
                }
            }
            ControlMessage::ConsentRequest { capability } => {
                self.consent_requested(capability, dev, now);
            }
            ControlMessage::DiagnosticsRequest => self.diagnostics_requested(dev, now),
            ControlMessage::LogRequest => self.logs_requested(dev, now),
            ControlMessage::SessionEnd { by, reason } => self.end(by, reason, false, dev, now),
            ControlMessage::Ping { nonce, sent_at_us } => {
                self.control(ControlMessage::Pong { nonce, sent_at_us });
            }
            ControlMessage::KeyframeRequest => self.video.request_keyframe(),
            ControlMessage::QualityHint(hint) => self.video.set_max_fps(hint.max_fps),
            ControlMessage::FrameAck { sequence } => self.video.ack(sequence),
            ControlMessage::Pong { .. } => {}
            other @ (ControlMessage::ConsentResponse { .. }
            | ControlMessage::ConsentRevoke { .. }
            | ControlMessage::Refused { .. }
            | ControlMessage::SharingPaused { .. }
            | ControlMessage::DiagnosticsReport(_)
            | ControlMessage::FileOffer(_)) => {
                tracing::debug!("ignoring a phone-side message from the technician: {other:?}");
            }
        }
        self.sync_status(dev);
    }

    fn chat_received<D: Device + ?Sized>(&mut self, chat: &ChatMessage, dev: &mut D, now: Now) {
        // Acknowledged whatever it holds: the technician's side knows it arrived.
        self.control(ControlMessage::ChatAck { id: chat.id });
        if let Err(err) = ChatMessage::check_text(&chat.text) {
            tracing::warn!("dropping a chat message from the technician: {err}");
            return;
        }
        let from = self.who();
        dev.show_chat(&from, &chat.text, now.mono);
        self.tell(CustomerEvent::Chat {
            from,
            text: chat.text.clone(),
        });
    }

    fn diagnostics_requested<D: Device + ?Sized>(&mut self, dev: &mut D, now: Now) {
        if let Err(refusal) = self.ledger.permit(Capability::Diagnostics) {
            self.control(ControlMessage::Refused {
                capability: Capability::Diagnostics,
                reason: refusal.to_string(),
            });
            return;
        }
        let report = dev.diagnostics(now.mono);
        self.control(ControlMessage::DiagnosticsReport(Box::new(report)));
        let text = wording::diagnostics_read(self.loc, &self.who());
        self.notice(dev, now, text);
    }

    fn logs_requested<D: Device + ?Sized>(&mut self, dev: &mut D, now: Now) {
        if let Err(refusal) = self.ledger.permit(Capability::LogFiles) {
            self.control(ControlMessage::Refused {
                capability: Capability::LogFiles,
                reason: refusal.to_string(),
            });
            return;
        }
        let files = dev.logs(now.mono);
        let text = wording::sending_logs(self.loc, &self.who());
        self.notice(dev, now, text);
        for file in files {
            let header = self.header_for(&file);
            if let Err(err) = header.validate() {
                tracing::warn!("not sending log file {:?}: {err}", file.name);
                continue;
            }
            self.control(ControlMessage::FileOffer(header.clone()));
            self.push(Action::SendFile(OutgoingFile {
                header,
                bytes: file.bytes,
            }));
        }
    }

    fn header_for(&mut self, file: &LogFile) -> FileHeader {
        let file_id = self.next_file_id;
        self.next_file_id = self.next_file_id.wrapping_add(1);
        FileHeader {
            file_id,
            name: file.name.clone(),
            size: file.bytes.len() as u64,
            sha256: Sha256::digest(&file.bytes).into(),
        }
    }
}
