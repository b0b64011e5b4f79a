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
pub(crate) async fn key_now(
    state: &AppState,
    scope: &ClientScope,
    what: &str,
) -> Result<String, ApiError> {
    let generation = state
        .catalog
        .generation(scope.workspace(), scope.client())
        .await?;
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
    let key = key_now(state, scope, &what).await?;
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

/// How long a token's principal is reused while the catalog is unchanged:
/// a revoked token fails at once (revoking changes the catalog), an
/// expired one within this.
const PRINCIPAL_SECONDS: u64 = 5;

/// What the server read from the catalog, kept with the catalog's stamp
/// ([`rapport_store::Workspace::catalog_stamp`]): token checks and data
/// generations cost a `stat` while nothing changed, instead of opening
/// SQLite on every request.
#[derive(Debug, Default)]
pub(crate) struct CatalogCache {
    principals: Mutex<HashMap<String, (Stamp, std::time::Instant, rapport_auth::Principal)>>,
    generations: Mutex<HashMap<String, (Stamp, String)>>,
}

type Stamp = Option<(std::time::SystemTime, u64)>;

/// Most entries of each map; past it the map starts again.
const MAX_CATALOG_ENTRIES: usize = 10_000;

impl CatalogCache {
    /// The principal of a bearer or session secret, or `None`.
    pub(crate) async fn principal(
        &self,
        ws: &rapport_store::Workspace,
        secret: &str,
    ) -> Result<Option<rapport_auth::Principal>, ApiError> {
        let stamp = ws.catalog_stamp();
        if stamp.is_some()
            && let Ok(map) = self.principals.lock()
            && let Some((s, at, p)) = map.get(secret)
            && *s == stamp
            && at.elapsed().as_secs() < PRINCIPAL_SECONDS
        {
            return Ok(Some(p.clone()));
        }
        let (ws2, secret2) = (ws.clone(), secret.to_owned());
        let found = blocking(move || {
            rapport_auth::authenticate_token(&ws2, &secret2, chrono::Utc::now())
                .map_err(ApiError::internal)
        })
        .await?;
        if let Some(p) = &found
            && let Ok(mut map) = self.principals.lock()
        {
            if map.len() >= MAX_CATALOG_ENTRIES {
                map.clear();
            }
            // The stamp from before the read: a change during it is seen
            // next time.
            map.insert(
                secret.to_owned(),
                (stamp, std::time::Instant::now(), p.clone()),
            );
        }
        Ok(found)
    }

    /// A client's data generation.
    pub(crate) async fn generation(
        &self,
        ws: &rapport_store::Workspace,
        client: &str,
    ) -> Result<String, ApiError> {
        let stamp = ws.catalog_stamp();
        if stamp.is_some()
            && let Ok(map) = self.generations.lock()
            && let Some((s, g)) = map.get(client)
            && *s == stamp
        {
            return Ok(g.clone());
        }
        let (ws2, client2) = (ws.clone(), client.to_owned());
        let generation = blocking(move || Ok(ws2.data_generation(&client2)?)).await?;
        if let Ok(mut map) = self.generations.lock() {
            if map.len() >= MAX_CATALOG_ENTRIES {
                map.clear();
            }
            map.insert(client.to_owned(), (stamp, generation.clone()));
        }
        Ok(generation)
    }
}

/// Audit entries of frequent events (downloads), written in batches by a
/// task of their own: one catalog transaction for everything that
/// happened in a few milliseconds, instead of a write that every download
/// waits for. Changes are audited at once, where they are made.
#[derive(Debug, Clone)]
pub(crate) struct AuditQueue {
    sender: tokio::sync::mpsc::UnboundedSender<rapport_store::AuditRecord>,
}

/// How long the writer gathers entries before it writes them.
const AUDIT_GATHER: std::time::Duration = std::time::Duration::from_millis(20);

impl AuditQueue {
    /// The queue, and the task that writes it until every sender is gone.
    pub(crate) fn start(ws: rapport_store::Workspace) -> (AuditQueue, tokio::task::JoinHandle<()>) {
        let (sender, mut receiver) = tokio::sync::mpsc::unbounded_channel();
        let writer = tokio::spawn(async move {
            while let Some(first) = receiver.recv().await {
                tokio::time::sleep(AUDIT_GATHER).await;
                let mut batch = vec![first];
                while let Ok(more) = receiver.try_recv() {
                    batch.push(more);
                }
                let ws = ws.clone();
                let written = tokio::task::spawn_blocking(move || ws.audit_batch(&batch)).await;
                if !matches!(written, Ok(Ok(()))) {
                    // The entries are lost; say so where the operator looks.
                    let _ = ApiError::internal("audit entries could not be written to the catalog");
                }
            }
        });
        (AuditQueue { sender }, writer)
    }

    pub(crate) fn record(&self, actor: &str, action: &str, target: String, source: &str) {
        let _ = self.sender.send(rapport_store::AuditRecord {
            at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            actor: actor.to_owned(),
            action: action.to_owned(),
            target: Some(target),
            source: Some(source.to_owned()),
        });
    }
}
