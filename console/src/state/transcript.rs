//! A session's transcript: chat messages with their delivery state, and system events
//! (joined, consent asked / granted / denied, files received, customer left) inline.

use lifeline_protocol::i18n::Localizer;
use lifeline_protocol::messages::control::{ChatError, ChatId, ChatMessage};
use lifeline_protocol::messages::{Party, UnixMillis};
use lifeline_protocol::tr;

/// How far an outgoing chat message got.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivery {
    /// Queued for the network.
    Sending,
    /// Written to the control stream.
    Sent,
    /// The customer's phone acknowledged it.
    Delivered,
    /// It could not be sent; the text says why.
    Failed(String),
}

impl Delivery {
    /// A short mark for the transcript, in `loc`'s language.
    pub fn mark(&self, loc: Localizer) -> String {
        match self {
            Self::Sending => tr!(loc, "chat-sending"),
            Self::Sent => tr!(loc, "chat-sent"),
            Self::Delivered => tr!(loc, "chat-delivered"),
            Self::Failed(_) => tr!(loc, "chat-not-sent"),
        }
    }
}

/// How a system event should look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Neutral information.
    Info,
    /// Something good happened (granted, joined, saved).
    Good,
    /// Something the technician should notice (declined, paused).
    Warning,
    /// Something failed or ended badly.
    Bad,
}

/// One line of the transcript.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryKind {
    /// A chat message (either side).
    Chat {
        /// Its per-sender ID.
        id: ChatId,
        /// Who wrote it.
        from: Party,
        /// The text.
        text: String,
        /// For the technician's own messages; `None` for received ones.
        delivery: Option<Delivery>,
    },
    /// Something that happened in the session.
    System {
        /// What, in words.
        text: String,
        /// How it should look.
        tone: Tone,
    },
}

/// A transcript line with its time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// When it was sent or happened.
    pub at: UnixMillis,
    /// What it is.
    pub kind: EntryKind,
}

/// The whole transcript, oldest first.
#[derive(Debug, Clone, Default)]
pub struct Transcript {
    entries: Vec<Entry>,
    next_id: u64,
}

impl Transcript {
    /// Every line, oldest first.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Adds a system event.
    pub fn event(&mut self, at: UnixMillis, tone: Tone, text: impl Into<String>) {
        self.entries.push(Entry {
            at,
            kind: EntryKind::System {
                text: text.into(),
                tone,
            },
        });
    }

    /// Writes a technician message: checks it, adds it as `Sending` and returns the wire
    /// message to send.
    pub fn compose(&mut self, at: UnixMillis, text: &str) -> Result<ChatMessage, ChatError> {
        let text = text.trim_end();
        let message = ChatMessage::new(ChatId(self.next_id + 1), Party::Technician, at, text)?;
        self.next_id += 1;
        self.entries.push(Entry {
            at,
            kind: EntryKind::Chat {
                id: message.id,
                from: Party::Technician,
                text: message.text.clone(),
                delivery: Some(Delivery::Sending),
            },
        });
        Ok(message)
    }

    /// A message from the customer (duplicates, by ID, are ignored).
    pub fn received(&mut self, message: ChatMessage) {
        let duplicate = self.entries.iter().any(|e| {
            matches!(&e.kind, EntryKind::Chat { id, from, .. }
                if *id == message.id && *from == message.from)
        });
        if duplicate {
            return;
        }
        self.entries.push(Entry {
            at: message.sent_at,
            kind: EntryKind::Chat {
                id: message.id,
                from: message.from,
                text: message.text,
                delivery: None,
            },
        });
    }

    /// Moves one of our messages on: `Sent`, `Delivered` or `Failed`. Never moves back
    /// (a late "sent" after the ack keeps "delivered").
    pub fn set_delivery(&mut self, target: ChatId, state: Delivery) {
        for entry in &mut self.entries {
            if let EntryKind::Chat {
                id,
                from: Party::Technician,
                delivery: Some(delivery),
                ..
            } = &mut entry.kind
                && *id == target
            {
                let rank = |d: &Delivery| match d {
                    Delivery::Sending => 0,
                    Delivery::Sent => 1,
                    Delivery::Failed(_) => 2,
                    Delivery::Delivered => 3,
                };
                if rank(&state) > rank(delivery) {
                    *delivery = state;
                }
                return;
            }
        }
    }

    /// Our messages not yet written out, e.g. to fail them when the connection dropped.
    pub fn fail_undelivered(&mut self, reason: &str) {
        for entry in &mut self.entries {
            if let EntryKind::Chat {
                delivery: Some(delivery @ Delivery::Sending),
                ..
            } = &mut entry.kind
            {
                *delivery = Delivery::Failed(reason.to_owned());
            }
        }
    }

    /// The delivery state of one of our messages.
    pub fn delivery(&self, target: ChatId) -> Option<&Delivery> {
        self.entries.iter().find_map(|e| match &e.kind {
            EntryKind::Chat {
                id,
                from: Party::Technician,
                delivery,
                ..
            } if *id == target => delivery.as_ref(),
            _ => None,
        })
    }

    /// The transcript as plain text (for copying or saving).
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for entry in &self.entries {
            let time = clock_time(entry.at);
            match &entry.kind {
                EntryKind::Chat { from, text, .. } => {
                    let who = match from {
                        Party::Technician => "Technician",
                        Party::Customer => "Customer",
                        Party::Relay => "Relay",
                    };
                    out.push_str(&format!("[{time}] {who}: {text}\n"));
                }
                EntryKind::System { text, .. } => out.push_str(&format!("[{time}] — {text}\n")),
            }
        }
        out
    }
}

/// `HH:MM:SS` (UTC) of a wall-clock time.
pub fn clock_time(at: UnixMillis) -> String {
    let secs = at.0 / 1000;
    format!(
        "{:02}:{:02}:{:02}",
        (secs / 3600) % 24,
        (secs / 60) % 60,
        secs % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn our_messages_go_sending_sent_delivered() {
        let mut t = Transcript::default();
        let m = t.compose(UnixMillis(1_000), "Hello  ").unwrap();
        assert_eq!(m.id, ChatId(1));
        assert_eq!(m.text, "Hello");
        assert_eq!(t.delivery(m.id), Some(&Delivery::Sending));
        t.set_delivery(m.id, Delivery::Sent);
        assert_eq!(t.delivery(m.id), Some(&Delivery::Sent));
        t.set_delivery(m.id, Delivery::Delivered);
        t.set_delivery(m.id, Delivery::Sent);
        assert_eq!(
            t.delivery(m.id),
            Some(&Delivery::Delivered),
            "never moves back"
        );
        let second = t.compose(UnixMillis(2_000), "again").unwrap();
        assert_eq!(second.id, ChatId(2));
    }

    #[test]
    fn blank_messages_are_refused_and_not_listed() {
        let mut t = Transcript::default();
        assert_eq!(t.compose(UnixMillis(0), "   "), Err(ChatError::Empty));
        assert!(t.entries().is_empty());
        let m = t.compose(UnixMillis(0), "ok").unwrap();
        assert_eq!(m.id, ChatId(1), "a refused message uses no ID");
    }

    #[test]
    fn received_messages_and_events_interleave_in_order() {
        let mut t = Transcript::default();
        t.event(UnixMillis(0), Tone::Good, "Marie joined");
        let incoming = ChatMessage::new(ChatId(1), Party::Customer, UnixMillis(5), "Hi").unwrap();
        t.received(incoming.clone());
        t.received(incoming);
        assert_eq!(t.entries().len(), 2, "a duplicate is ignored");
        let mine = t.compose(UnixMillis(9), "Hi Marie").unwrap();
        assert_eq!(mine.id, ChatId(1), "our IDs are separate from theirs");
        t.set_delivery(ChatId(1), Delivery::Delivered);
        assert!(matches!(
            &t.entries()[1].kind,
            EntryKind::Chat { delivery: None, .. }
        ));
        assert_eq!(t.delivery(ChatId(1)), Some(&Delivery::Delivered));
        let text = t.to_text();
        assert!(text.contains("— Marie joined"), "{text}");
        assert!(text.contains("Customer: Hi"), "{text}");
    }

    #[test]
    fn pending_messages_fail_when_the_connection_drops() {
        let mut t = Transcript::default();
        let a = t.compose(UnixMillis(0), "one").unwrap();
        let b = t.compose(UnixMillis(0), "two").unwrap();
        t.set_delivery(a.id, Delivery::Sent);
        t.fail_undelivered("the connection was lost");
        assert_eq!(t.delivery(a.id), Some(&Delivery::Sent));
        assert!(matches!(t.delivery(b.id), Some(Delivery::Failed(_))));
    }

    #[test]
    fn clock_time_formats_utc() {
        assert_eq!(
            clock_time(UnixMillis(((13 * 60 + 5) * 60 + 9) * 1000)),
            "13:05:09"
        );
    }
}
