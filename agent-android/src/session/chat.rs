//! The customer's side of the chat: IDs for outgoing messages and which are still unacked.

use std::collections::BTreeSet;

use lifeline_protocol::messages::control::{ChatError, ChatId, ChatMessage};
use lifeline_protocol::messages::{Party, UnixMillis};

/// Outgoing chat messages of one session.
#[derive(Debug, Default)]
pub(crate) struct ChatBook {
    next_id: u64,
    unacked: BTreeSet<ChatId>,
}

impl ChatBook {
    /// A checked message from the customer with the next ID.
    pub(crate) fn outgoing(
        &mut self,
        text: &str,
        sent_at: UnixMillis,
    ) -> Result<ChatMessage, ChatError> {
        let id = ChatId(self.next_id + 1);
        let message = ChatMessage::new(id, Party::Customer, sent_at, text.trim_end())?;
        self.next_id += 1;
        self.unacked.insert(id);
        Ok(message)
    }

    /// The technician acknowledged `id`; `true` if it was ours and not acknowledged before.
    pub(crate) fn acked(&mut self, id: ChatId) -> bool {
        self.unacked.remove(&id)
    }

    /// Messages sent and not acknowledged yet.
    pub(crate) fn unacked(&self) -> usize {
        self.unacked.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_increase_and_acks_count_once() {
        let mut book = ChatBook::default();
        let a = book.outgoing("hello", UnixMillis(1)).unwrap();
        let b = book.outgoing("again\n", UnixMillis(2)).unwrap();
        assert_eq!((a.id, b.id), (ChatId(1), ChatId(2)));
        assert_eq!(b.text, "again");
        assert_eq!(a.from, Party::Customer);
        assert!(book.outgoing("   ", UnixMillis(3)).is_err());
        assert_eq!(book.unacked(), 2);
        assert!(book.acked(ChatId(1)));
        assert!(!book.acked(ChatId(1)));
        assert!(!book.acked(ChatId(9)));
        assert_eq!(book.unacked(), 1);
    }
}
