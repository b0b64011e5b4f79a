//! The server (issue #22): a REST API over the same library calls as the
//! CLI, for the agency's people and its clients' viewers.
//!
//! Every request is hostile until proven otherwise:
//! - it authenticates with `Authorization: Bearer rpt_…` (a token from
//!   `rapport token create`), or gets 401;
//! - a route about a client takes the client from its path through
//!   [`Scoped`], which asks the caller's [`rapport_auth::Principal`] for a
//!   [`rapport_auth::ClientScope`]: a handler receives that scope, never a
//!   bare client id, so it cannot read another client's data by mistake,
//!   and a client the caller may not see is the same 404 as one that does
//!   not exist;
//! - query strings are parsed strictly (an unknown field is a 400 naming
//!   it), bodies are limited in size, and every error is JSON of one shape:
//!   `{"error": {"kind": "…", "message": "…"}}`;
//! - responses carry headers that forbid framing, sniffing, caching and
//!   any script or external origin;
//! - work that computes (plans, models, reports) waits for one of a few
//!   compute slots, and answers 503 `busy` rather than queue without end.
//!
//! The routes are one table ([`routes::endpoints`]) that builds both the
//! router and `/api/openapi.json`.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::response::Response;
use rapport_store::Workspace;

mod cache;
mod error;
mod extract;
mod openapi;
mod routes;
mod scheduler;
mod web;

pub use error::ApiError;
pub use extract::{Admin, Caller, Changing, Scoped};

/// Largest request body the API reads (uploads will have their own limit).
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// How long a computing request waits for a slot before it is told the
/// server is busy.
const COMPUTE_WAIT: Duration = Duration::from_secs(20);

/// What every handler shares.
#[derive(Debug)]
pub(crate) struct AppState {
    ws: Workspace,
    /// Slots for requests that run plans, fit models or render reports:
    /// as many as the machine has cores, so a burst of heavy requests
    /// cannot starve the light ones (token checks, lists, files).
    compute: Arc<tokio::sync::Semaphore>,
    /// `/api/openapi.json`, written once from the route table.
    openapi: String,
    /// Failed sign-ins, by e-mail and by address.
    throttle: web::Throttle,
    /// Dashboards built, reused until the client's data changes.
    pages: cache::ResultCache,
    /// API requests per user, when the server limits them.
    requests: Option<(RequestLimiter, u32)>,
    /// API results computed, reused until the client's data changes.
    results: cache::ResultCache,
    /// Token checks and data generations, reused while the catalog is
    /// unchanged.
    catalog: cache::CatalogCache,
    /// Downloads to audit, written in batches.
    audit: cache::AuditQueue,
}

pub(crate) type Shared = Arc<AppState>;

impl AppState {
    /// Counts one API request of `user`; past the rate, a 429.
    pub(crate) fn count_request(&self, user: &str) -> Result<(), ApiError> {
        match &self.requests {
            Some((limiter, per_second)) if limiter.check_key(&user.to_owned()).is_err() => {
                Err(ApiError::rate_limited(*per_second))
            }
            _ => Ok(()),
        }
    }

    /// A compute slot, held until the returned permit drops.
    pub(crate) async fn compute(&self) -> Result<tokio::sync::OwnedSemaphorePermit, ApiError> {
        tokio::time::timeout(COMPUTE_WAIT, self.compute.clone().acquire_owned())
            .await
            .map_err(|_| ApiError::busy())?
            .map_err(ApiError::internal)
    }
}

/// How a server runs besides its routes.
#[derive(Debug, Clone, Copy)]
pub struct ServeOptions {
    /// How often the scheduler makes and delivers the reports due; `None`
    /// leaves that to `rapport schedule run` (cron, a systemd timer).
    pub schedule_every: Option<Duration>,
    /// API requests a second each user may send (with as many at once);
    /// `None` for no limit (a load test measuring the server itself).
    pub requests_per_second: Option<std::num::NonZeroU32>,
}

/// The per-user API request rate [`ServeOptions`] keeps by default:
/// far above what a person or a dashboard asks, low enough that one
/// token cannot keep the server to itself.
pub const REQUESTS_PER_SECOND: u32 = 100;

/// API requests counted per user, by e-mail (governor's keyed GCRA
/// limiter).
type RequestLimiter = governor::RateLimiter<
    String,
    governor::state::keyed::DashMapStateStore<String>,
    governor::clock::DefaultClock,
>;

impl Default for ServeOptions {
    fn default() -> ServeOptions {
        ServeOptions {
            schedule_every: Some(Duration::from_secs(60)),
            requests_per_second: std::num::NonZeroU32::new(REQUESTS_PER_SECOND),
        }
    }
}

/// Serves the pages and the API for `ws` on `listener`, with the report
/// scheduler, until `shutdown` completes; then finishes the requests in
/// flight and the scheduler's pass in progress.
pub async fn serve(
    ws: Workspace,
    listener: tokio::net::TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
    options: ServeOptions,
) -> std::io::Result<()> {
    let (stop, stopped) = tokio::sync::watch::channel(false);
    tokio::spawn(async move {
        shutdown.await;
        let _ = stop.send(true);
    });
    let scheduler = options
        .schedule_every
        .map(|every| tokio::spawn(scheduler::run(ws.clone(), every, stopped.clone())));
    let sweeper = tokio::spawn(routes::uploads::sweep_every_hour(
        ws.clone(),
        stopped.clone(),
    ));
    let mut until = stopped;
    let (router, audit_writer) = app(ws, &options);
    // The peer's address is what sign-ins are throttled and audited by.
    let served = axum::serve(
        listener,
        router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(async move {
        let _ = until.wait_for(|stopped| *stopped).await;
    })
    .await;
    if let Some(s) = scheduler {
        let _ = s.await;
    }
    let _ = sweeper.await;
    // The router is gone: the last audit entries are written before the
    // server says it stopped.
    let _ = audit_writer.await;
    served
}

/// The routes, their limits and headers (within a Tokio runtime: the
/// audit writer is a task).
pub fn router(ws: Workspace) -> Router {
    app(ws, &ServeOptions::default()).0
}

/// The router, and the task that writes its batched audit entries, which
/// ends once the router is dropped and its last entries are written.
fn app(ws: Workspace, options: &ServeOptions) -> (Router, tokio::task::JoinHandle<()>) {
    let (audit, audit_writer) = cache::AuditQueue::start(ws.clone());
    let endpoints = routes::endpoints();
    let openapi = openapi::document(&endpoints).to_string();
    let slots = std::thread::available_parallelism().map_or(2, std::num::NonZero::get);
    let state: Shared = Arc::new(AppState {
        ws,
        compute: Arc::new(tokio::sync::Semaphore::new(slots)),
        openapi,
        throttle: web::Throttle::default(),
        pages: cache::ResultCache::new(64),
        results: cache::ResultCache::new(1024),
        catalog: cache::CatalogCache::default(),
        audit,
        requests: options.requests_per_second.map(|n| {
            (
                governor::RateLimiter::dashmap(governor::Quota::per_second(n)),
                n.get(),
            )
        }),
    });
    let mut router = web::routes();
    for e in endpoints {
        router = router.route(e.path, e.route);
    }
    let router = router
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(axum::middleware::map_response(security_headers))
        .with_state(state);
    (router, audit_writer)
}

/// The OpenAPI document the server serves at `/api/openapi.json`.
pub fn openapi_document() -> serde_json::Value {
    openapi::document(&routes::endpoints())
}

/// Headers on every response: no framing, no MIME sniffing, no referrer,
/// no caching of client data, and a policy that allows no script, style or
/// origin at all (the API serves JSON only).
async fn security_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    for (name, value) in [
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; frame-ancestors 'none'",
        ),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::CACHE_CONTROL, "no-store"),
    ] {
        // A page or a report's file sets its own policy.
        headers
            .entry(name)
            .or_insert(HeaderValue::from_static(value));
    }
    headers.insert(
        HeaderName::from_static("cross-origin-resource-policy"),
        HeaderValue::from_static("same-origin"),
    );
    response
}

async fn not_found() -> ApiError {
    ApiError::not_found("no such route")
}

async fn method_not_allowed() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        "this route does not take that method",
    )
}
