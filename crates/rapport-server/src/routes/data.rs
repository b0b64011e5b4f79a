//! What was loaded for a client, and what was kept out and why.

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use rapport_locale::Locale;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::extract::{blocking, query};
use crate::{ApiError, Scoped, Shared};

/// `GET …/loads`: `rapport loads`'s options.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LoadsQuery {
    entity: Option<String>,
}

/// An entity name, or the error listing the known ones.
fn entity(name: Option<&str>) -> Result<Option<rapport_schema::Entity>, ApiError> {
    name.map(|n| {
        n.parse::<rapport_schema::Entity>()
            .map_err(|e| ApiError::input(format!("entity: {e}")))
    })
    .transpose()
}

pub(crate) async fn loads(
    Scoped { scope, .. }: Scoped,
    q: Result<Query<LoadsQuery>, QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    let q = query(q)?;
    let entity = entity(q.entity.as_deref())?;
    blocking(move || {
        let loads = scope.workspace().loads(scope.client(), entity)?;
        // The JSON of `rapport loads --format json`.
        Ok(Json(
            serde_json::to_value(loads).map_err(ApiError::internal)?,
        ))
    })
    .await
}

/// `GET …/quarantine`: which language the reasons are worded in, and
/// which source.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct QuarantineQuery {
    entity: Option<String>,
    lang: Option<Locale>,
}

pub(crate) async fn quarantine(
    Scoped { scope, .. }: Scoped,
    q: Result<Query<QuarantineQuery>, QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    let q = query(q)?;
    let entity = entity(q.entity.as_deref())?;
    let locale = q.lang.unwrap_or_default();
    blocking(move || {
        let ws = scope.workspace();
        let loads = ws.loads(scope.client(), entity)?;
        let rows: u64 = loads.iter().map(|l| l.quarantined).sum();
        let reasons = rapport_report::quality::quarantine_reasons(ws, &loads, locale);
        Ok(Json(json!({
            "client": scope.client(),
            "rows_quarantined": rows,
            "reasons": reasons,
        })))
    })
    .await
}

/// `GET …/customers/{customer}`: `rapport customer`'s options.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CustomerQuery {
    latest: Option<usize>,
}

/// One customer's profile, the JSON of `rapport customer --format json`.
/// It reads saved predictions as well as data, which change without a
/// load, so it is not kept in the result cache; it takes a compute slot
/// like any query of the engine.
pub(crate) async fn customer(
    State(state): State<Shared>,
    Scoped { scope, .. }: Scoped,
    Path((_client, customer)): Path<(String, String)>,
    q: Result<Query<CustomerQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let q = query(q)?;
    let _slot = state.compute().await?;
    let profile = rapport_app::customer::profile(
        scope.workspace(),
        scope.client(),
        &customer,
        q.latest.unwrap_or(rapport_app::customer::DEFAULT_LATEST),
    )
    .await?;
    let body = rapport_app::results::to_json(&profile)?;
    Ok(([(header::CONTENT_TYPE, "application/json")], body).into_response())
}
