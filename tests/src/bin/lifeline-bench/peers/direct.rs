//! Two peers connected directly, without the relay: the technician side listens with a
//! QUIC server of its own, answers the customer's relay handshake itself (welcome, "peer
//! joined") and from then on speaks the peer streams over the same connection, with the
//! same framing the protocol crate uses.

use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::{Context, Result, bail};
use lifeline_protocol::consent::PortalPolicy;
use lifeline_protocol::framing::{FrameDecoder, HANDSHAKE_MAX, encode, encode_into, max_frame_len};
use lifeline_protocol::messages::StreamKind;
use lifeline_protocol::messages::handshake::{
    ClientHello, RelayNotice, Role, ServerHello, Welcome,
};
use lifeline_protocol::quic::socket;
use lifeline_protocol::{ALPN, CertFingerprint};
use lifeline_relay::TlsSource;
use serde::Serialize;
use serde::de::DeserializeOwned;
use tokio::sync::mpsc;

use super::TechEnds;

/// A QUIC server standing where the relay would.
#[derive(Debug)]
pub(crate) struct DirectServer {
    endpoint: quinn::Endpoint,
    /// Where customers connect.
    pub(crate) addr: SocketAddr,
    /// Its certificate, for customers to pin.
    pub(crate) fingerprint: CertFingerprint,
    _dir: tempfile::TempDir,
}

impl DirectServer {
    /// Listens on a loopback port with a fresh self-signed certificate.
    pub(crate) fn start() -> Result<Self> {
        let dir = tempfile::tempdir()?;
        let tls = lifeline_relay::tls::load_or_create(dir.path(), &TlsSource::SelfSigned)?;
        let crypto = tls.server_config(&[ALPN])?;
        let quic = quinn::crypto::rustls::QuicServerConfig::try_from(crypto)
            .map_err(|e| anyhow::anyhow!("TLS setup unusable for QUIC: {e}"))?;
        let config = quinn::ServerConfig::with_crypto(Arc::new(quic));
        // The same socket buffers as the relay's, so both paths absorb bursts alike.
        let (socket, _) = socket::bind_udp(
            SocketAddr::from(([127, 0, 0, 1], 0)),
            socket::SERVER_SOCKET_BUFFER,
        )?;
        let endpoint = socket::endpoint(socket, Some(config))?;
        let addr = endpoint.local_addr()?;
        Ok(Self {
            endpoint,
            addr,
            fingerprint: tls.fingerprint,
            _dir: dir,
        })
    }

    /// Accepts the next customer: reads its hello, welcomes it and says the technician is
    /// there. The handshake stream stays open for the connection's life.
    pub(crate) async fn accept(&self) -> Result<quinn::Connection> {
        let incoming = self.endpoint.accept().await.context("the server closed")?;
        let conn = incoming.await?;
        let (mut send, mut recv) = conn.accept_bi().await?;
        let mut decoder = FrameDecoder::<ClientHello>::new(HANDSHAKE_MAX);
        let mut buf = vec![0u8; 4096];
        let hello = loop {
            if let Some(hello) = decoder.poll()? {
                break hello;
            }
            match recv.read(&mut buf).await? {
                Some(n) => decoder.push(&buf[..n]),
                None => bail!("the customer left before saying hello"),
            }
        };
        let Role::Customer { .. } = hello.role else {
            bail!("only customers connect directly");
        };
        let welcome = ServerHello::Welcome(Welcome {
            session_id: 1,
            policy: PortalPolicy::default(),
            recorded: false,
            identifier: None,
        });
        send.write_all(&encode(&welcome, HANDSHAKE_MAX)?).await?;
        let joined = RelayNotice::PeerJoined {
            name: "bench".into(),
            device: None,
        };
        send.write_all(&encode(&joined, HANDSHAKE_MAX)?).await?;
        let hold = conn.clone();
        tokio::spawn(async move {
            // The handshake stream lives as long as the connection.
            let _streams = (send, recv);
            hold.closed().await;
        });
        Ok(conn)
    }
}

/// Writes `T` messages from `rx` as frames on `send` (after the kind's tag byte if `tag`).
async fn write_frames<T: Serialize>(
    mut send: quinn::SendStream,
    kind: StreamKind,
    tag: bool,
    mut rx: mpsc::Receiver<T>,
) {
    if tag && send.write_all(&[kind.tag()]).await.is_err() {
        return;
    }
    let mut buf = Vec::new();
    while let Some(message) = rx.recv().await {
        buf.clear();
        if encode_into(&message, max_frame_len(kind), &mut buf).is_err()
            || send.write_all(&buf).await.is_err()
        {
            return;
        }
    }
    let _ = send.finish();
}

/// Reads frames of `T` from `recv` into `tx`.
pub(crate) async fn read_frames<T: DeserializeOwned>(
    mut recv: quinn::RecvStream,
    kind: StreamKind,
    tx: mpsc::Sender<T>,
) {
    let mut decoder = FrameDecoder::<T>::for_kind(kind);
    let mut buf = vec![0u8; 64 * 1024];
    while let Ok(Some(n)) = recv.read(&mut buf).await {
        decoder.push(&buf[..n]);
        while let Ok(Some(message)) = decoder.poll() {
            if tx.send(message).await.is_err() {
                return;
            }
        }
    }
}

/// Reads the tag byte of an incoming stream.
async fn read_tag(recv: &mut quinn::RecvStream) -> Result<StreamKind> {
    let mut tag = [0u8; 1];
    recv.read_exact(&mut tag).await?;
    Ok(StreamKind::try_from(tag[0])?)
}

/// The technician's ends of a direct connection: control and input opened, incoming video
/// streams read.
pub(crate) async fn tech_ends(conn: quinn::Connection) -> Result<TechEnds> {
    let (ends, wires) = TechEnds::channels();
    let (send, recv) = conn.open_bi().await?;
    tokio::spawn(write_frames(
        send,
        StreamKind::Control,
        true,
        wires.control_out,
    ));
    tokio::spawn(read_frames(recv, StreamKind::Control, wires.control_in));
    let input = conn.open_uni().await?;
    tokio::spawn(write_frames(
        input,
        StreamKind::Input,
        true,
        wires.input_out,
    ));
    let video = wires.video_in;
    tokio::spawn(async move {
        while let Ok(mut recv) = conn.accept_uni().await {
            match read_tag(&mut recv).await {
                Ok(StreamKind::Video) => {
                    tokio::spawn(read_frames(recv, StreamKind::Video, video.clone()));
                }
                Ok(StreamKind::File) => {
                    // Files are not part of these benchmarks.
                    let _ = recv.stop(quinn::VarInt::from_u32(0));
                }
                _ => return,
            }
        }
    });
    Ok(ends)
}
