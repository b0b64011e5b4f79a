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
//!   any script or external origin.

use std::future::Future;
use std::sync::Arc;

use axum::Router;
use axum::extract::rejection::QueryRejection;
use axum::extract::{DefaultBodyLimit, FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use rapport_app::ErrorKind;
use rapport_auth::{ClientScope, Principal};
use rapport_store::Workspace;
use serde::Deserialize;

/// Largest request body the API reads (uploads will have their own limit).
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// What every handler shares.
#[derive(Debug)]
struct AppState {
    ws: Workspace,
}

type Shared = Arc<AppState>;

/// Serves the API for `ws` on `listener` until `shutdown` completes, then
/// finishes the requests in flight.
pub async fn serve(
    ws: Workspace,
    listener: tokio::net::TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(ws))
        .with_graceful_shutdown(shutdown)
        .await
}

/// The routes, their limits and headers.
pub fn router(ws: Workspace) -> Router {
    let state: Shared = Arc::new(AppState { ws });
    Router::new()
        .route("/api/health", get(health))
        .route("/api/clients", get(clients))
        .route("/api/clients/{client}/metrics", get(metrics))
        .route("/api/clients/{client}/cohorts", get(cohorts))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(axum::middleware::map_response(security_headers))
        .with_state(state)
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
        headers.insert(name, HeaderValue::from_static(value));
    }
    headers.insert(
        HeaderName::from_static("cross-origin-resource-policy"),
        HeaderValue::from_static("same-origin"),
    );
    response
}

/// An error as the API returns it.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    kind: &'static str,
    message: String,
}

impl ApiError {
    fn new(status: StatusCode, kind: &'static str, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            kind,
            message: message.into(),
        }
    }

    fn unauthorized() -> ApiError {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "send a valid token as `Authorization: Bearer rpt_…` (`rapport token create EMAIL`)",
        )
    }

    // The server's log is its stderr (a service manager keeps it).
    #[allow(clippy::print_stderr)]
    fn internal(e: impl std::fmt::Display) -> ApiError {
        // The cause may name files and paths: it goes to the server's log,
        // not to the caller.
        eprintln!("internal error: {e}");
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "the server failed; its log says why",
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({
            "error": { "kind": self.kind, "message": self.message }
        });
        let mut response = (self.status, axum::Json(body)).into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"rapport\""),
            );
        }
        response
    }
}

impl From<rapport_app::Error> for ApiError {
    fn from(e: rapport_app::Error) -> ApiError {
        let (status, kind) = match e.kind() {
            ErrorKind::Input => (StatusCode::BAD_REQUEST, "input"),
            ErrorKind::NotFound => (StatusCode::NOT_FOUND, "not_found"),
            ErrorKind::DataMissing => (StatusCode::UNPROCESSABLE_ENTITY, "data_missing"),
            ErrorKind::Conflict => (StatusCode::CONFLICT, "conflict"),
            ErrorKind::Internal => return ApiError::internal(e),
        };
        ApiError::new(status, kind, e.to_string())
    }
}

impl From<rapport_auth::Error> for ApiError {
    fn from(e: rapport_auth::Error) -> ApiError {
        match e {
            rapport_auth::Error::Denied(_) => {
                ApiError::new(StatusCode::NOT_FOUND, "not_found", e.to_string())
            }
            rapport_auth::Error::Store(s) => rapport_app::Error::from(s).into(),
            other => ApiError::internal(other),
        }
    }
}

/// The authenticated caller.
pub struct Caller(pub Principal);

impl FromRequestParts<Shared> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &Shared) -> Result<Self, ApiError> {
        // The scheme is case-insensitive (RFC 9110, section 11.1).
        let secret = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split_once(' '))
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
            .map(|(_, secret)| secret.trim())
            .ok_or_else(ApiError::unauthorized)?;
        match rapport_auth::authenticate_token(&state.ws, secret, chrono::Utc::now()) {
            Ok(Some(principal)) => Ok(Caller(principal)),
            Ok(None) => Err(ApiError::unauthorized()),
            Err(e) => Err(ApiError::internal(e)),
        }
    }
}

/// The caller and the one client a route's path names, which they may see.
pub struct Scoped {
    pub caller: Principal,
    pub scope: ClientScope,
}

impl FromRequestParts<Shared> for Scoped {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &Shared) -> Result<Self, ApiError> {
        let Caller(caller) = Caller::from_request_parts(parts, state).await?;
        let Path(params) =
            Path::<std::collections::HashMap<String, String>>::from_request_parts(parts, state)
                .await
                .map_err(|e| ApiError::new(StatusCode::BAD_REQUEST, "input", e.body_text()))?;
        let client = params.get("client").ok_or_else(|| {
            ApiError::new(StatusCode::NOT_FOUND, "not_found", "no client in the path")
        })?;
        let scope = caller.scope(&state.ws, client)?;
        Ok(Scoped { caller, scope })
    }
}

/// A query string parsed strictly, its rejection in the API's shape.
fn query<T>(q: Result<Query<T>, QueryRejection>) -> Result<T, ApiError> {
    q.map(|Query(t)| t)
        .map_err(|e| ApiError::new(StatusCode::BAD_REQUEST, "input", e.body_text()))
}

/// A library result as the CLI's `--format json` writes it (versioned,
/// with its kind), so a script can use either.
fn result(value: &impl rapport_app::results::Versioned) -> Result<Response, ApiError> {
    let body = rapport_app::results::to_json(value)?;
    Ok(([(header::CONTENT_TYPE, "application/json")], body).into_response())
}

async fn health() -> axum::Json<serde_json::Value> {
    axum::Json(serde_json::json!({
        "status": "ok",
        "version": env!("CARGO_PKG_VERSION"),
    }))
}

async fn clients(
    State(state): State<Shared>,
    Caller(caller): Caller,
) -> Result<axum::Json<serde_json::Value>, ApiError> {
    let clients = caller.clients(&state.ws)?;
    Ok(axum::Json(serde_json::json!({
        "clients": clients
            .iter()
            .map(|c| serde_json::json!({ "id": c.id, "name": c.name }))
            .collect::<Vec<_>>(),
    })))
}

/// `GET /api/clients/{client}/metrics`: the query string of `rapport
/// metrics`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MetricsQuery {
    period: String,
    /// `previous`, `year` or `none`: the library's own names, so an
    /// unknown word is refused naming the allowed ones.
    compare: Option<rapport_metrics::Compare>,
    segment: Option<String>,
    by: Option<String>,
    /// Comma-separated metric ids.
    only: Option<String>,
}

async fn metrics(
    Scoped { scope, .. }: Scoped,
    q: Result<Query<MetricsQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let q = query(q)?;
    let ws = scope.workspace();
    let mut options = rapport_app::metrics::MetricsOptions::new(
        scope.client(),
        &q.period,
        rapport_app::today(ws),
    );
    options.compare = q.compare.unwrap_or(options.compare);
    options.segment = q.segment;
    options.by = q.by;
    options.only = q
        .only
        .map(|o| o.split(',').map(|s| s.trim().to_owned()).collect())
        .unwrap_or_default();
    let report = rapport_app::metrics::measure(ws, &options).await?;
    result(&report)
}

/// Most cohorts a request may ask for (ten years of months).
const MAX_COHORTS: usize = 120;

/// `GET /api/clients/{client}/cohorts`: the options of `rapport cohorts`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CohortsQuery {
    /// The library's own names (`month`, `on-or-after`, …), so an
    /// unknown word is refused naming the allowed ones.
    by: Option<rapport_metrics::cohorts::CohortUnit>,
    criteria: Option<rapport_metrics::cohorts::Criteria>,
    reference: Option<rapport_metrics::cohorts::Reference>,
    cohorts: Option<usize>,
}

async fn cohorts(
    Scoped { scope, .. }: Scoped,
    q: Result<Query<CohortsQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let q = query(q)?;
    let ws = scope.workspace();
    // The library's defaults, as the CLI's.
    let mut options = rapport_metrics::cohorts::CohortOptions::new(rapport_app::today(ws));
    options.unit = q.by.unwrap_or(options.unit);
    options.criteria = q.criteria.unwrap_or(options.criteria);
    options.reference = q.reference.unwrap_or(options.reference);
    options.cohorts = q.cohorts.unwrap_or(options.cohorts);
    if !(1..=MAX_COHORTS).contains(&options.cohorts) {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "input",
            format!("cohorts is {}; ask for 1 to {MAX_COHORTS}", options.cohorts),
        ));
    }
    let table = rapport_metrics::cohorts::cohort_table(ws, scope.client(), &options)
        .await
        .map_err(rapport_app::Error::from)?;
    result(&table)
}

async fn not_found() -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, "not_found", "no such route")
}

async fn method_not_allowed() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        "this route does not take that method",
    )
}
