//! Opaque forwarding between two paired connections: every stream one side opens is opened
//! on the other and copied both ways, datagrams likewise. Nothing is parsed.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::task::Poll;
use std::time::Duration;

use bytes::Bytes;
use tokio::task::JoinSet;

use crate::metrics::Metrics;

/// Largest chunk moved at once.
const CHUNK: usize = 64 * 1024;

/// Bytes carried each way.
#[derive(Debug, Default)]
pub(crate) struct Counters {
    from_technician: AtomicU64,
    from_customer: AtomicU64,
}

impl Counters {
    /// Bytes carried from the technician to the customer.
    pub(crate) fn technician_bytes(&self) -> u64 {
        self.from_technician.load(Ordering::Relaxed)
    }

    /// Bytes carried from the customer to the technician.
    pub(crate) fn customer_bytes(&self) -> u64 {
        self.from_customer.load(Ordering::Relaxed)
    }
}

/// Which way bytes go.
#[derive(Debug, Clone, Copy)]
enum Way {
    FromTechnician,
    FromCustomer,
}

impl Way {
    fn back(self) -> Self {
        match self {
            Self::FromTechnician => Self::FromCustomer,
            Self::FromCustomer => Self::FromTechnician,
        }
    }
}

/// Counts bytes carried one way, in the session and relay-wide.
#[derive(Debug, Clone)]
struct Tally {
    counters: Arc<Counters>,
    metrics: Arc<Metrics>,
}

impl Tally {
    fn add(&self, way: Way, bytes: u64) {
        let counter = match way {
            Way::FromTechnician => &self.counters.from_technician,
            Way::FromCustomer => &self.counters.from_customer,
        };
        counter.fetch_add(bytes, Ordering::Relaxed);
        self.metrics.add_relayed_bytes(bytes);
    }
}

/// The forwarding tasks of one session; dropping it stops them all.
#[derive(Debug)]
pub(crate) struct Splice {
    tasks: JoinSet<()>,
}

impl Splice {
    /// Starts forwarding between `technician` and `customer`.
    pub(crate) fn start(
        technician: &quinn::Connection,
        customer: &quinn::Connection,
        counters: Arc<Counters>,
        metrics: Arc<Metrics>,
    ) -> Self {
        let tally = Tally { counters, metrics };
        let mut tasks = JoinSet::new();
        for (from, to, way) in [
            (technician, customer, Way::FromTechnician),
            (customer, technician, Way::FromCustomer),
        ] {
            tasks.spawn(forward(from.clone(), to.clone(), way, tally.clone()));
        }
        Self { tasks }
    }

    /// Once one side is gone: lets the forwarders pass on what it sent before leaving (they
    /// end on their own when its buffered data is moved), for at most `within`; then stops
    /// what is left.
    pub(crate) async fn drain(mut self, within: Duration) {
        let _ = tokio::time::timeout(within, async {
            while self.tasks.join_next().await.is_some() {}
        })
        .await;
    }
}

/// Everything `from` opens or sends, passed on to `to`: each stream opened on `to` and
/// copied (both ways for a bidirectional one), each datagram sent on (dropped when too large
/// for `to`'s path). One task per way keeps a session's footprint small.
async fn forward(from: quinn::Connection, to: quinn::Connection, way: Way, tally: Tally) {
    let mut copies = JoinSet::new();
    loop {
        tokio::select! {
            accepted = from.accept_bi() => {
                let Ok((from_send, from_recv)) = accepted else { break };
                let Ok((to_send, to_recv)) = to.open_bi().await else { break };
                copies.spawn(copy(from_recv, to_send, way, tally.clone()));
                copies.spawn(copy(to_recv, from_send, way.back(), tally.clone()));
            }
            accepted = from.accept_uni() => {
                let Ok(from_recv) = accepted else { break };
                let Ok(to_send) = to.open_uni().await else { break };
                copies.spawn(copy(from_recv, to_send, way, tally.clone()));
            }
            read = from.read_datagram() => {
                let Ok(datagram) = read else { break };
                let bytes = datagram.len() as u64;
                match to.send_datagram(datagram) {
                    Ok(()) => tally.add(way, bytes),
                    Err(quinn::SendDatagramError::ConnectionLost(_)) => break,
                    Err(_) => {}
                }
            }
            Some(_) = copies.join_next(), if !copies.is_empty() => {}
            _ = to.closed() => break,
        }
    }
    while copies.join_next().await.is_some() {}
}

/// Copies one stream's bytes, passing on its end, a reset one way and a stop the other.
async fn copy(mut recv: quinn::RecvStream, mut send: quinn::SendStream, way: Way, tally: Tally) {
    let stopped = send.stopped();
    tokio::pin!(stopped);
    loop {
        let mut read = tokio::select! {
            read = recv.read_chunk(CHUNK, true) => Some(read),
            stop = &mut stopped => {
                if let Ok(Some(code)) = stop {
                    let _ = recv.stop(code);
                }
                return;
            }
        };
        while let Some(outcome) = read.take() {
            match outcome {
                Ok(Some(chunk)) => {
                    let (bytes, ended) = gather(&mut recv, chunk.bytes).await;
                    read = ended;
                    let len = bytes.len() as u64;
                    match send.write_chunk(bytes).await {
                        Ok(()) => tally.add(way, len),
                        Err(quinn::WriteError::Stopped(code)) => {
                            let _ = recv.stop(code);
                            return;
                        }
                        Err(_) => return,
                    }
                }
                Ok(None) => {
                    let _ = send.finish();
                    return;
                }
                Err(quinn::ReadError::Reset(code)) => {
                    let _ = send.reset(code);
                    return;
                }
                Err(_) => return,
            }
        }
    }
}

/// What reading a stream gave.
type ReadOutcome = Result<Option<quinn::Chunk>, quinn::ReadError>;

/// `first` joined with the chunks that are already received after it, up to [`CHUNK`]
/// bytes, and how the stream ended if it did while gathering.
///
/// Each chunk read is one received packet's worth (about 1.1 KiB). quinn finds the bytes of
/// each packet it sends by scanning the stream's unacknowledged chunks, so passing a bulk
/// transfer on chunk by chunk costs time in proportion to the data in flight; joined, a
/// stream in flight is a few large chunks. A lone chunk (a small frame) goes on as it came,
/// without a copy.
async fn gather(recv: &mut quinn::RecvStream, first: Bytes) -> (Bytes, Option<ReadOutcome>) {
    let mut more = Vec::new();
    let mut len = first.len();
    let mut ended = None;
    while len < CHUNK {
        match ready_now(recv.read_chunk(CHUNK - len, true)).await {
            None => break,
            Some(Ok(Some(chunk))) => {
                len += chunk.bytes.len();
                more.push(chunk.bytes);
            }
            Some(outcome) => {
                ended = Some(outcome);
                break;
            }
        }
    }
    if more.is_empty() {
        return (first, ended);
    }
    let mut joined = Vec::with_capacity(len);
    joined.extend_from_slice(&first);
    for chunk in &more {
        joined.extend_from_slice(chunk);
    }
    (Bytes::from(joined), ended)
}

/// `future`'s output if it is ready at the first poll; `None` (and the future dropped) if
/// it would wait. Used with quinn's reads, which take nothing from the stream until they
/// complete.
async fn ready_now<F: Future>(future: F) -> Option<F::Output> {
    let mut future = std::pin::pin!(future);
    std::future::poll_fn(|cx| match future.as_mut().poll(cx) {
        Poll::Ready(output) => Poll::Ready(Some(output)),
        Poll::Pending => Poll::Ready(None),
    })
    .await
}
