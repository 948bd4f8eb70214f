//! [`Relay::start`]: opens the store, loads the certificate, starts the QUIC endpoint and
//! the HTTP(S) server, and hands back a [`RelayHandle`] to reach and stop them.

mod clock;
mod handle;
mod retention;

use std::io;
use std::net::SocketAddr;
use std::sync::Arc;

use axum_server::tls_rustls::RustlsConfig;
use thiserror::Error;
use url::Url;

use crate::config::RelayConfig;
use crate::http::{self, AppState, LinkError, Links};
use crate::metrics::Metrics;
use crate::quic::{QuicServer, QuicSetup, QuicStartError};
use crate::store::{Store, StoreError};
use crate::tls::{self, TlsError};

pub use clock::{Clock, ManualClock, SystemClock};
pub use handle::RelayHandle;

/// ALPN protocols the HTTPS listener offers.
const HTTP_ALPN: [&[u8]; 2] = [b"h2", b"http/1.1"];

/// Why the relay could not start.
#[derive(Debug, Error)]
pub enum StartError {
    /// The database could not be opened.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The certificate could not be loaded or created.
    #[error(transparent)]
    Tls(#[from] TlsError),
    /// The HTTP address could not be bound.
    #[error("could not listen for HTTP on {addr}: {cause}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// The cause.
        cause: io::Error,
    },
    /// The public URL cannot be used in links.
    #[error("the public URL {url} cannot be used: {reason}")]
    PublicUrl {
        /// The URL.
        url: String,
        /// Why.
        reason: LinkError,
    },
    /// The HTTP server could not be set up.
    #[error("could not start the HTTP server: {0}")]
    Http(io::Error),
    /// The QUIC endpoint could not start.
    #[error(transparent)]
    Quic(#[from] QuicStartError),
}

/// The relay server.
#[derive(Debug)]
pub struct Relay;

impl Relay {
    /// Starts a relay with the system clock.
    pub async fn start(config: RelayConfig) -> Result<RelayHandle, StartError> {
        Self::start_with_clock(config, Arc::new(SystemClock)).await
    }

    /// Starts a relay whose HTTP side reads time from `clock` (tests move a
    /// [`ManualClock`] to expire codes and throttles without waiting).
    pub async fn start_with_clock(
        config: RelayConfig,
        clock: Arc<dyn Clock>,
    ) -> Result<RelayHandle, StartError> {
        let store = Store::open(&config.data_dir).await?;
        let tls = tls::load_or_create(&config.data_dir, &config.tls)?;
        let metrics = Arc::new(Metrics::default());
        tokio::spawn(retention::run(store.clone(), clock.clone()));

        // ── QUIC endpoint ────────────────────────────────────────────────────────────────
        let quic = QuicServer::start(QuicSetup {
            listen: config.quic_addr,
            limits: config.limits.clone(),
            tls: tls.clone(),
            store: store.clone(),
            metrics: metrics.clone(),
            clock: clock.clone(),
        })?;
        let quic_addr = quic.local_addr();
        // ─────────────────────────────────────────────────────────────────────────────────

        let listener = tokio::net::TcpListener::bind(config.http_addr)
            .await
            .map_err(|cause| StartError::Bind {
                addr: config.http_addr,
                cause,
            })?;
        let http_addr = listener.local_addr().map_err(StartError::Http)?;
        let public_url = match &config.public_url {
            Some(url) => url.clone(),
            None => default_public_url(http_addr, !config.insecure_http)?,
        };
        let links =
            Links::new(&public_url, quic_addr.port(), tls.fingerprint).map_err(|reason| {
                StartError::PublicUrl {
                    url: public_url.to_string(),
                    reason,
                }
            })?;
        let state = AppState::new(
            store.clone(),
            metrics.clone(),
            clock.clone(),
            links.clone(),
            &config.limits,
        );
        let app = http::router(state).into_make_service_with_connect_info::<SocketAddr>();
        let server_handle = axum_server::Handle::new();
        let listener = listener.into_std().map_err(StartError::Http)?;
        let task = if config.insecure_http {
            let server = axum_server::from_tcp(listener)
                .map_err(StartError::Http)?
                .handle(server_handle.clone());
            tokio::spawn(async move { server.serve(app).await })
        } else {
            let rustls = RustlsConfig::from_config(Arc::new(tls.server_config(&HTTP_ALPN)?));
            let server = axum_server::from_tcp_rustls(listener, rustls)
                .map_err(StartError::Http)?
                .handle(server_handle.clone());
            tokio::spawn(async move { server.serve(app).await })
        };
        tracing::debug!(%http_addr, %quic_addr, %public_url, "relay started");
        Ok(RelayHandle::new(handle::Parts {
            http_addr,
            quic_addr,
            public_url,
            store,
            metrics,
            clock,
            tls,
            links,
            http: (server_handle, task),
            quic,
        }))
    }
}

/// `https://HOST:PORT/` for the bound address; an unspecified address (`0.0.0.0`) is named by
/// the machine's host name.
fn default_public_url(http_addr: SocketAddr, https: bool) -> Result<Url, StartError> {
    let scheme = if https { "https" } else { "http" };
    let host = match http_addr.ip() {
        ip if ip.is_unspecified() => tls::host_name().unwrap_or_else(|| "localhost".to_owned()),
        std::net::IpAddr::V6(ip) => format!("[{ip}]"),
        ip => ip.to_string(),
    };
    let text = format!("{scheme}://{host}:{}/", http_addr.port());
    Url::parse(&text).map_err(|e| StartError::PublicUrl {
        url: text,
        reason: LinkError::Invalid(e.to_string()),
    })
}
