//! The session's streams on the technician's side: opening the control stream (with the
//! first quality hint), accepting the phone's video and file streams, and the loops that
//! wait for them.

use lifeline_protocol::SessionCode;
use lifeline_protocol::consent::Capability;
use lifeline_protocol::messages::control::{ControlMessage, QualityHint};
use lifeline_protocol::quic::{IncomingStream, MessageReceiver, Peer, RecvError};
use tokio::sync::mpsc;

use super::Live;
use crate::net::files::{receive_file, session_folder};
use crate::net::video::{Decoder, receive_video};
use crate::net::writers::control_writer;
use crate::state::{Problem, SessionEvent};

impl Live {
    pub(super) async fn open_control(&mut self) -> Result<(), Problem> {
        let Some(queue) = self.control_queue.take() else {
            return Ok(());
        };
        let (tx, rx) = self
            .peer
            .open_control()
            .await
            .map_err(|e| Problem::ConnectionLost(Some(e.to_string())))?;
        self.control_in = Some(rx);
        self.writer = Some(tokio::spawn(control_writer(
            tx,
            queue,
            self.sink.clone(),
            self.code(),
        )));
        self.send(ControlMessage::QualityHint(QualityHint {
            max_fps: self.setup.max_fps,
            max_kbps: None,
        }));
        if self.setup.auto_request {
            self.request(Capability::RemoteControl).await;
        }
        Ok(())
    }

    pub(super) async fn accept(&mut self, stream: IncomingStream) {
        match stream {
            IncomingStream::Video(stream) => {
                let decoder = match &self.decoder {
                    Some(decoder) => decoder.clone(),
                    None => match Decoder::spawn(
                        self.code(),
                        self.setup.screen.clone(),
                        self.sink.clone(),
                        self.control_out.clone(),
                    ) {
                        Ok(decoder) => {
                            self.decoder = Some(decoder.clone());
                            decoder
                        }
                        Err(err) => {
                            self.emit(SessionEvent::VideoStopped(Some(Problem::Decoder(
                                err.to_string(),
                            ))))
                            .await;
                            return;
                        }
                    },
                };
                tokio::spawn(receive_video(
                    stream,
                    decoder,
                    self.sink.clone(),
                    self.code(),
                    self.recorder.clone(),
                ));
            }
            IncomingStream::File(file) => {
                let dir = session_folder(&self.setup.downloads, self.code());
                tokio::spawn(receive_file(
                    file,
                    dir,
                    self.sink.clone(),
                    self.code(),
                    self.recorder.clone(),
                ));
            }
            IncomingStream::Control(..) | IncomingStream::Input(_) => {
                tracing::warn!(code = %self.code(), "the phone opened an unexpected {:?} stream", stream.kind());
            }
        }
    }
}

/// Accepts the phone's streams until the connection is gone (reported as `Err`).
pub(super) async fn accept_streams(
    peer: Peer,
    streams: mpsc::Sender<Result<IncomingStream, String>>,
    code: SessionCode,
) {
    loop {
        match peer.accept_stream().await {
            Ok(stream) => {
                if streams.send(Ok(stream)).await.is_err() {
                    return;
                }
            }
            Err(err) if err.is_connection_lost() => {
                let _ = streams.send(Err(err.to_string())).await;
                return;
            }
            Err(err) => tracing::warn!(%code, "a stream was refused: {err}"),
        }
    }
}

/// The next control message, or never when the stream is not open.
pub(super) async fn next_control(
    stream: &mut Option<MessageReceiver<ControlMessage>>,
) -> Result<Option<ControlMessage>, RecvError> {
    match stream {
        Some(stream) => stream.recv().await,
        None => std::future::pending().await,
    }
}
