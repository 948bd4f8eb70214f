//! What [`super::Relay::start`] returns: addresses, shared parts, and a clean shutdown.

use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use lifeline_protocol::CertFingerprint;
use tokio::task::JoinHandle;
use url::Url;

use super::Clock;
use crate::http::Links;
use crate::metrics::Metrics;
use crate::quic::QuicServer;
use crate::store::Store;
use crate::tls::TlsMaterial;

/// How long requests in flight get to finish at shutdown.
const GRACE: Duration = Duration::from_secs(5);

type HttpServer = (axum_server::Handle<SocketAddr>, JoinHandle<io::Result<()>>);

/// Everything a [`RelayHandle`] is made of.
pub(super) struct Parts {
    pub(super) http_addr: SocketAddr,
    pub(super) quic_addr: SocketAddr,
    pub(super) public_url: Url,
    pub(super) store: Store,
    pub(super) metrics: Arc<Metrics>,
    pub(super) clock: Arc<dyn Clock>,
    pub(super) tls: TlsMaterial,
    pub(super) links: Links,
    pub(super) http: HttpServer,
    pub(super) quic: QuicServer,
}

/// A running relay. Dropping it stops the HTTP server abruptly; [`RelayHandle::shutdown`]
/// stops everything cleanly.
#[derive(Debug)]
pub struct RelayHandle {
    /// Where the HTTP(S) server listens.
    pub http_addr: SocketAddr,
    /// Where the QUIC endpoint listens.
    pub quic_addr: SocketAddr,
    /// SHA-256 of the relay's certificate, for clients to pin.
    pub fingerprint: CertFingerprint,
    /// The address customers reach the web pages at.
    pub public_url: Url,
    store: Store,
    metrics: Arc<Metrics>,
    clock: Arc<dyn Clock>,
    tls: TlsMaterial,
    links: Links,
    http: Option<HttpServer>,
    quic: Option<QuicServer>,
}

impl RelayHandle {
    pub(super) fn new(parts: Parts) -> Self {
        Self {
            http_addr: parts.http_addr,
            quic_addr: parts.quic_addr,
            fingerprint: parts.tls.fingerprint,
            public_url: parts.public_url,
            store: parts.store,
            metrics: parts.metrics,
            clock: parts.clock,
            tls: parts.tls,
            links: parts.links,
            http: Some(parts.http),
            quic: Some(parts.quic),
        }
    }

    /// The relay's database.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The relay's counters.
    pub fn metrics(&self) -> &Arc<Metrics> {
        &self.metrics
    }

    /// The clock the relay reads.
    pub fn clock(&self) -> &Arc<dyn Clock> {
        &self.clock
    }

    /// The certificate the relay serves.
    pub fn tls(&self) -> &TlsMaterial {
        &self.tls
    }

    /// Join URLs and deep links as the relay writes them.
    pub fn links(&self) -> &Links {
        &self.links
    }

    /// Stops accepting connections, lets requests in flight finish (up to a few seconds) and
    /// closes the database.
    pub async fn shutdown(mut self) {
        // ── QUIC endpoint: closed before the store, so session records are closed first.
        if let Some(quic) = self.quic.take() {
            quic.shutdown().await;
        }
        if let Some((handle, task)) = self.http.take() {
            handle.graceful_shutdown(Some(GRACE));
            match task.await {
                Ok(Ok(())) => {}
                Ok(Err(err)) => tracing::warn!("the HTTP server stopped with an error: {err}"),
                Err(err) => tracing::warn!("the HTTP server task failed: {err}"),
            }
        }
        self.store.close().await;
    }
}

impl Drop for RelayHandle {
    fn drop(&mut self) {
        if let Some((handle, _)) = &self.http {
            handle.shutdown();
        }
    }
}
