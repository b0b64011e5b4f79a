//! Results kept between requests (issue #22, "Fast"): a client's numbers
//! are computed once per data generation (its newest load, target change
//! and feedback) and day, and reused until one of those changes, so
//! repeated views do not rerun plans.

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};

use axum::http::header;
use axum::response::{IntoResponse, Response};
use rapport_auth::ClientScope;

use crate::extract::blocking;
use crate::{ApiError, AppState};

/// Computed results by key, at most `capacity` of them; past it the cache
/// starts again (simple, and a day's working set of an agency fits).
#[derive(Debug)]
pub(crate) struct ResultCache {
    entries: Mutex<HashMap<String, Arc<String>>>,
    capacity: usize,
}

impl ResultCache {
    pub(crate) fn new(capacity: usize) -> ResultCache {
        ResultCache {
            entries: Mutex::default(),
            capacity,
        }
    }

    pub(crate) fn get(&self, key: &str) -> Option<Arc<String>> {
        self.entries.lock().ok()?.get(key).cloned()
    }

    pub(crate) fn put(&self, key: String, value: Arc<String>) {
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= self.capacity {
                entries.clear();
            }
            entries.insert(key, value);
        }
    }
}

/// The key of `what` for the scope's client as its data stands now: the
/// client, what was asked, the day (results depend on "today") and the
/// data generation.
pub(crate) async fn key_now(scope: &ClientScope, what: &str) -> Result<String, ApiError> {
    let (ws, client) = (scope.workspace().clone(), scope.client().to_owned());
    let generation = blocking(move || Ok(ws.data_generation(&client)?)).await?;
    let today = rapport_app::today(scope.workspace());
    Ok(format!(
        "{}\u{1f}{what}\u{1f}{today}\u{1f}{generation}",
        scope.client()
    ))
}

/// The JSON result `what` of the scope's client: kept, or computed in a
/// compute slot by `compute` and kept.
pub(crate) async fn json_result<F, Fut>(
    state: &AppState,
    scope: &ClientScope,
    what: String,
    compute: F,
) -> Result<Response, ApiError>
where
    F: FnOnce() -> Fut,
    Fut: Future<Output = Result<String, ApiError>>,
{
    let key = key_now(scope, &what).await?;
    let body = match state.results.get(&key) {
        Some(body) => body,
        None => {
            let _slot = state.compute().await?;
            // Another request may have made it while this one waited.
            match state.results.get(&key) {
                Some(body) => body,
                None => {
                    let body = Arc::new(compute().await?);
                    state.results.put(key, body.clone());
                    body
                }
            }
        }
    };
    Ok((
        [(header::CONTENT_TYPE, "application/json")],
        body.as_str().to_owned(),
    )
        .into_response())
}
