//! The relay's UDP socket: quinn's own, with smaller send batches while many sessions run.
//!
//! quinn hands the kernel up to 10 datagrams in one segmentation-offload send, and each
//! connection that has sent such a batch keeps a buffer for a full one (about 14 KiB) for
//! the rest of its life. While few sessions run, full batches give each one the most
//! throughput for the relay's CPU; with many, that buffer is a seventh of a session's
//! memory. Past [`CROWDED_SESSIONS`] active sessions, connections send at most
//! [`CROWDED_BATCH`] datagrams at once, and those that start then keep buffers of that size.
//! Measured with `lifeline-bench relay` (200 sessions): heap per session 104 → 95 KiB, for
//! about 9 % more relay CPU per byte in a bulk transfer.

use std::fmt;
use std::io::{self, IoSliceMut};
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use quinn::udp::{RecvMeta, Transmit};
use quinn::{AsyncUdpSocket, UdpPoller};

use crate::metrics::Metrics;

/// Active sessions past which send batches shrink.
const CROWDED_SESSIONS: u64 = 64;

/// Datagrams per send while crowded.
const CROWDED_BATCH: usize = 4;

/// A quinn endpoint serving with `config` on `socket`.
pub(crate) fn endpoint(
    socket: std::net::UdpSocket,
    config: quinn::ServerConfig,
    metrics: Arc<Metrics>,
) -> io::Result<quinn::Endpoint> {
    let runtime =
        quinn::default_runtime().ok_or_else(|| io::Error::other("no async runtime found"))?;
    let inner = runtime.wrap_udp_socket(socket)?;
    let socket = Arc::new(BatchedBySessions { inner, metrics });
    quinn::Endpoint::new_with_abstract_socket(
        quinn::EndpointConfig::default(),
        Some(config),
        socket,
        runtime,
    )
}

/// quinn's socket, with send batches sized by the number of active sessions.
struct BatchedBySessions {
    inner: Arc<dyn AsyncUdpSocket>,
    metrics: Arc<Metrics>,
}

impl fmt::Debug for BatchedBySessions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BatchedBySessions")
            .field("inner", &self.inner)
            .finish_non_exhaustive()
    }
}

impl AsyncUdpSocket for BatchedBySessions {
    fn create_io_poller(self: Arc<Self>) -> Pin<Box<dyn UdpPoller>> {
        self.inner.clone().create_io_poller()
    }

    fn try_send(&self, transmit: &Transmit) -> io::Result<()> {
        self.inner.try_send(transmit)
    }

    fn poll_recv(
        &self,
        cx: &mut Context<'_>,
        bufs: &mut [IoSliceMut<'_>],
        meta: &mut [RecvMeta],
    ) -> Poll<io::Result<usize>> {
        self.inner.poll_recv(cx, bufs, meta)
    }

    fn local_addr(&self) -> io::Result<SocketAddr> {
        self.inner.local_addr()
    }

    fn max_transmit_segments(&self) -> usize {
        let most = self.inner.max_transmit_segments();
        if self.metrics.active_sessions() > CROWDED_SESSIONS {
            most.min(CROWDED_BATCH)
        } else {
            most
        }
    }

    fn max_receive_segments(&self) -> usize {
        self.inner.max_receive_segments()
    }

    fn may_fragment(&self) -> bool {
        self.inner.may_fragment()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn batches_shrink_while_many_sessions_run_and_grow_back() {
        let metrics = Arc::new(Metrics::default());
        let runtime = quinn::default_runtime().unwrap();
        let std_socket = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
        let inner = runtime.wrap_udp_socket(std_socket).unwrap();
        let most = inner.max_transmit_segments();
        let socket = BatchedBySessions {
            inner,
            metrics: metrics.clone(),
        };
        assert_eq!(socket.max_transmit_segments(), most);
        for _ in 0..=CROWDED_SESSIONS {
            metrics.session_paired();
        }
        assert_eq!(socket.max_transmit_segments(), most.min(CROWDED_BATCH));
        assert!(socket.max_transmit_segments() >= 1);
        metrics.session_ended();
        assert_eq!(socket.max_transmit_segments(), most);
    }
}
