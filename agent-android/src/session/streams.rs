//! The peer streams as tasks: readers forward messages into the session loop, writers take
//! them from it, so the loop itself never waits on the network.

use lifeline_protocol::messages::control::ControlMessage;
use lifeline_protocol::messages::video::VideoMessage;
use lifeline_protocol::quic::{AcceptError, IncomingStream, MessageReceiver, MessageSender, Peer};
use serde::Serialize;
use serde::de::DeserializeOwned;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use super::core::OutgoingFile;
use super::events::CustomerEvent;

/// Bytes written to a file stream at a time.
const FILE_CHUNK: usize = 64 * 1024;

/// Accepts the streams the technician opens, until the connection is gone (that error is
/// the last thing sent). A task of its own: accepting reads the stream's first bytes, which
/// must not be cut short by the session loop turning to something else.
pub(super) fn spawn_acceptor(
    peer: Peer,
    to: mpsc::Sender<Result<IncomingStream, AcceptError>>,
) -> JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            let accepted = peer.accept_stream().await;
            let lost = accepted
                .as_ref()
                .is_err_and(AcceptError::is_connection_lost);
            if to.send(accepted).await.is_err() || lost {
                return;
            }
        }
    })
}

/// Reads `T`s from a stream into `to` until the stream ends, fails, or the loop is gone.
pub(super) fn spawn_reader<T>(mut rx: MessageReceiver<T>, to: mpsc::Sender<T>) -> JoinHandle<()>
where
    T: DeserializeOwned + Send + 'static,
{
    tokio::spawn(async move {
        loop {
            match rx.recv().await {
                Ok(Some(message)) => {
                    if to.send(message).await.is_err() {
                        return;
                    }
                }
                Ok(None) => return,
                Err(err) if err.is_recoverable() => {
                    tracing::warn!("skipping a malformed {:?} message: {err}", rx.kind());
                }
                Err(err) => {
                    tracing::debug!("{:?} stream ended: {err}", rx.kind());
                    return;
                }
            }
        }
    })
}

/// Writes what arrives on the returned channel to `tx`; finishes the stream when the channel
/// closes.
pub(super) fn spawn_writer<T>(
    mut tx: MessageSender<T>,
    capacity: usize,
) -> (mpsc::Sender<T>, JoinHandle<()>)
where
    T: Serialize + Send + Sync + 'static,
{
    let (to, mut from) = mpsc::channel::<T>(capacity);
    let task = tokio::spawn(async move {
        while let Some(message) = from.recv().await {
            if let Err(err) = tx.send(&message).await {
                tracing::debug!("{:?} stream failed: {err}", tx.kind());
                return;
            }
        }
        // Dropped after what was sent: the peer reads to the end.
        let _ = tx.finish();
    });
    (to, task)
}

/// Writes control messages on the technician's control stream.
pub(super) fn spawn_control_writer(
    tx: MessageSender<ControlMessage>,
) -> (mpsc::Sender<ControlMessage>, JoinHandle<()>) {
    spawn_writer(tx, 64)
}

/// Opens a video stream with the first message and writes every message on it.
pub(super) fn spawn_video_writer(peer: Peer, capacity: usize) -> mpsc::Sender<VideoMessage> {
    let (to, mut from) = mpsc::channel::<VideoMessage>(capacity);
    tokio::spawn(async move {
        let Some(first) = from.recv().await else {
            return;
        };
        let mut tx = match peer.open_video().await {
            Ok(tx) => tx,
            Err(err) => {
                tracing::warn!("could not open the video stream: {err}");
                return;
            }
        };
        let mut next = Some(first);
        while let Some(message) = next {
            if let Err(err) = tx.send(&message).await {
                tracing::debug!("video stream failed: {err}");
                return;
            }
            next = from.recv().await;
        }
        let _ = tx.finish();
    });
    to
}

/// Sends queued files one after the other, each on its own file stream, telling the
/// customer how it goes.
pub(super) fn spawn_file_sender(
    peer: Peer,
    events: mpsc::Sender<CustomerEvent>,
) -> (mpsc::Sender<OutgoingFile>, JoinHandle<()>) {
    let (to, mut from) = mpsc::channel::<OutgoingFile>(16);
    let task = tokio::spawn(async move {
        while let Some(file) = from.recv().await {
            let name = file.header.name.clone();
            let size = file.header.size;
            let _ = events.try_send(CustomerEvent::FileSending {
                name: name.clone(),
                size,
            });
            let event = match send_file(&peer, file).await {
                Ok(()) => CustomerEvent::FileSent { name, size },
                Err(reason) => {
                    tracing::warn!("sending {name} failed: {reason}");
                    CustomerEvent::FileFailed { name, reason }
                }
            };
            let _ = events.try_send(event);
        }
    });
    (to, task)
}

async fn send_file(peer: &Peer, file: OutgoingFile) -> Result<(), String> {
    let mut tx = peer
        .open_file(file.header)
        .await
        .map_err(|e| e.to_string())?;
    for chunk in file.bytes.chunks(FILE_CHUNK) {
        tx.write(chunk).await.map_err(|e| e.to_string())?;
    }
    tx.finish().map_err(|e| e.to_string())
}
