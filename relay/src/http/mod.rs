//! The HTTP side: the JSON API under `/api`, the join page, the customer portal pages,
//! health and metrics. Every API error is `{"error": "..."}` with a fitting status.
//!
//! One file per concern: [`login`], codes, portals, users, portal requests, sessions, the
//! HTML pages, errors and extractors, and the signed-in-user extractor.

mod auth_extractor;
mod budgets;
mod codes;
mod concat;
mod errors;
mod extract;
mod html;
mod lang;
mod links;
mod login;
mod ops;
mod pages;
mod portals;
mod record_files;
mod records;
mod requests;
mod sessions;
mod users;

use std::fmt;
use std::net::IpAddr;
use std::sync::{Arc, Mutex, PoisonError};

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, patch, post};
use lifeline_protocol::messages::UnixMillis;

use crate::auth::{LoginThrottle, ThrottleConfig, Throttled};
use crate::config::Limits;
use crate::metrics::Metrics;
use crate::server::Clock;
use crate::store::Store;
use budgets::PublicBudgets;

pub use auth_extractor::{AdminUser, CurrentUser};
pub use errors::ApiError;
pub use links::{LinkError, Links};
pub use pages::APP_STORE_URL;

/// Largest request body the API reads.
const MAX_BODY_BYTES: usize = 64 * 1024;

/// What every handler shares. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    shared: Arc<Shared>,
}

struct Shared {
    store: Store,
    metrics: Arc<Metrics>,
    clock: Arc<dyn Clock>,
    links: Links,
    throttle: Mutex<LoginThrottle>,
    budgets: PublicBudgets,
}

impl fmt::Debug for AppState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AppState")
            .field("links", &self.shared.links)
            .finish_non_exhaustive()
    }
}

impl AppState {
    /// State for [`router`].
    pub fn new(
        store: Store,
        metrics: Arc<Metrics>,
        clock: Arc<dyn Clock>,
        links: Links,
        limits: &Limits,
    ) -> Self {
        let throttle = LoginThrottle::new(ThrottleConfig::with_limit(
            limits.login_failures_before_lock,
        ));
        Self {
            shared: Arc::new(Shared {
                store,
                metrics,
                clock,
                links,
                throttle: Mutex::new(throttle),
                budgets: PublicBudgets::new(limits.join_attempts_per_minute),
            }),
        }
    }

    fn store(&self) -> &Store {
        &self.shared.store
    }

    fn metrics(&self) -> &Metrics {
        &self.shared.metrics
    }

    fn links(&self) -> &Links {
        &self.shared.links
    }

    fn budgets(&self) -> &PublicBudgets {
        &self.shared.budgets
    }

    fn now(&self) -> UnixMillis {
        self.shared.clock.now()
    }

    /// Runs `f` on the sign-in throttle. (A panic elsewhere while holding the lock leaves
    /// plain counters behind, still fine to use.)
    fn throttle<R>(&self, f: impl FnOnce(&mut LoginThrottle) -> R) -> R {
        let mut guard = self
            .shared
            .throttle
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        f(&mut guard)
    }

    fn begin_login(&self, name: &str, address: IpAddr) -> Result<(), Throttled> {
        let now = self.now();
        self.throttle(|t| t.begin(name, address, now))
    }
}

/// `/api/records/…` and the portals' recording notice.
fn records_routes() -> Router<AppState> {
    use axum::routing::put;
    Router::new()
        .route("/records", get(records::list))
        .route(
            "/records/retention",
            get(records::retention).put(records::set_retention),
        )
        .route("/records/retention/purge", post(records::purge))
        .route("/records/{id}", get(records::show))
        .route("/records/{id}/recording", get(records::recording))
        .route("/records/{id}/chunks", get(records::chunks))
        .route("/records/{id}/chunks/{seq}", put(records::put_chunk))
        .route("/records/{id}/wrapup", put(records::put_wrapup))
        .route("/records/{id}/files", get(record_files::list))
        .route(
            "/records/{id}/files/{sha}",
            get(record_files::download).put(record_files::declare),
        )
        .route(
            "/records/{id}/files/{sha}/content",
            put(record_files::put_part),
        )
        .route("/portals/{id}/recording-notice", put(records::set_notice))
}

/// All routes, ready to serve with connect info (`SocketAddr`), which sign-in throttling
/// needs.
pub fn router(state: AppState) -> Router {
    let api = Router::new()
        .route("/login", post(login::login))
        .route("/logout", post(login::logout))
        .route("/codes", post(codes::create).get(codes::list))
        .route("/codes/{code}", axum::routing::delete(codes::cancel))
        .route("/portals", post(portals::create).get(portals::list))
        .route(
            "/portals/{id}",
            get(portals::show)
                .put(portals::update)
                .patch(portals::update)
                .delete(portals::delete),
        )
        .route("/users", post(users::create).get(users::list))
        .route("/users/{id}", patch(users::update))
        .route("/requests", get(requests::list))
        .route("/requests/{id}/accept", post(requests::accept))
        .route("/sessions", get(sessions::list))
        .route("/sessions/{id}", get(sessions::show))
        .merge(records_routes());
    Router::new()
        .nest("/api", api)
        .route("/join/{code}", get(pages::join))
        .route("/portal/{slug}", get(pages::portal))
        .route("/portal/{slug}/requests", post(requests::submit))
        .route("/healthz", get(ops::healthz))
        .route("/metrics", get(ops::metrics))
        .fallback(errors::no_route)
        .method_not_allowed_fallback(errors::wrong_method)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(state)
}
