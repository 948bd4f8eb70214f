//! The tasks that own our sending halves: the control stream (chat, requests, acks, pings)
//! and the input stream (opened on the first input, never queued behind anything else).

use lifeline_protocol::SessionCode;
use lifeline_protocol::messages::control::ControlMessage;
use lifeline_protocol::messages::input::InputEvent;
use lifeline_protocol::quic::{MessageSender, Peer};
use tokio::sync::mpsc;

use super::sink::EventSink;
use crate::state::{Problem, SessionEvent};

/// Control messages waiting to be written.
pub const CONTROL_QUEUE: usize = 256;

/// Input events waiting to be written (moves are dropped beyond this).
pub const INPUT_QUEUE: usize = 512;

/// Writes control messages in order until the channel closes or `SessionEnd` went out;
/// tells the UI when chat messages left.
pub async fn control_writer(
    mut stream: MessageSender<ControlMessage>,
    mut queue: mpsc::Receiver<ControlMessage>,
    sink: EventSink,
    code: SessionCode,
) {
    while let Some(message) = queue.recv().await {
        let chat = match &message {
            ControlMessage::Chat(m) => Some(m.id),
            _ => None,
        };
        let end = matches!(message, ControlMessage::SessionEnd { .. });
        match stream.send(&message).await {
            Ok(()) => {
                if let Some(id) = chat {
                    sink.session(code, SessionEvent::ChatSent(id)).await;
                }
            }
            Err(err) => {
                tracing::warn!(%code, "control message not sent: {err}");
                if let Some(id) = chat {
                    let problem = Problem::ConnectionLost(Some(err.to_string()));
                    sink.session(code, SessionEvent::ChatFailed(id, problem))
                        .await;
                }
                // Fail what is still queued the same way, then stop: the stream is gone.
                queue.close();
                while let Some(ControlMessage::Chat(m)) = queue.recv().await {
                    sink.session(
                        code,
                        SessionEvent::ChatFailed(m.id, Problem::ConnectionLost(None)),
                    )
                    .await;
                }
                return;
            }
        }
        if end {
            let _ = stream.finish();
            return;
        }
    }
    let _ = stream.finish();
}

/// Opens the input stream on the first event and writes events as they come.
pub async fn input_writer(peer: Peer, mut queue: mpsc::Receiver<InputEvent>, code: SessionCode) {
    let Some(first) = queue.recv().await else {
        return;
    };
    let mut stream = match peer.open_input().await {
        Ok(stream) => stream,
        Err(err) => {
            tracing::warn!(%code, "could not open the input stream: {err}");
            return;
        }
    };
    let mut next = Some(first);
    while let Some(event) = next {
        if let Err(err) = stream.send(&event).await {
            tracing::warn!(%code, "input not sent: {err}");
            return;
        }
        next = queue.recv().await;
    }
    let _ = stream.finish();
}
