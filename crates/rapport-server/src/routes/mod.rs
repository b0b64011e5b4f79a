//! Every route of the API, in one table: the router is built from it and
//! so is `/api/openapi.json`.

use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use serde_json::{Value, json};

use crate::openapi::{Access, Endpoint, Field, Output, Verb, opt, req};
use crate::{ApiError, Caller, Shared};

pub(crate) mod admin;
mod analysis;
mod data;
pub(crate) mod reports;
pub(crate) mod uploads;

const PERIOD: &str =
    "A period: 2026-10, 2026-Q3, 2026, 2026-W41, or a range 2026-10-01..2026-10-15.";

const METRICS: &[Field] = &[
    req("period", PERIOD, "2026-Q3"),
    opt("compare", "previous (default), year or none.", "year"),
    opt(
        "compare_with",
        "An earlier period to compare with instead of the one compare names.",
        "",
    ),
    opt(
        "segment",
        "A segment filter, as `rapport metrics --segment`.",
        "",
    ),
    opt(
        "by",
        "Break every metric down by this attribute (channel, country, …).",
        "",
    ),
    opt("only", "Comma-separated metric ids.", "revenue,orders"),
];

const COHORTS: &[Field] = &[
    opt("by", "day, week, month (default) or quarter.", "month"),
    opt("criteria", "on (default) or on-or-after.", ""),
    opt("reference", "previous or first (default).", ""),
    opt("cohorts", "How many cohorts, 1 to 120 (default 12).", "6"),
];

const FUNNEL: &[Field] = &[
    req(
        "period",
        "The period in which units enter step 1.",
        "2026-Q3",
    ),
    req(
        "steps",
        "Comma-separated steps: event types, or EVENT[COLUMN=VALUE].",
        "session_start,add_to_cart,purchase",
    ),
    opt(
        "window",
        "Conversion window from step 1: 14d (default), 36h, 30m, 2w.",
        "",
    ),
    opt("order", "ordered (default), strict or any.", ""),
    opt("per", "person (default) or session.", ""),
    opt(
        "exclude",
        "Comma-separated event types that remove a unit.",
        "",
    ),
    opt("cart_window", "Cart abandonment window (default 1d).", ""),
];

const COMPARE: &[Field] = &[
    req("metric", "A metric id.", "revenue"),
    req(
        "by",
        "The attribute to compare across: channel, country, device, …",
        "channel",
    ),
    req("period", PERIOD, "2026-Q3"),
];

const PREDICT: &[Field] = &[
    opt(
        "model",
        "bg-nbd (default), mbg-nbd, pareto-nbd or bg-bb (MODELS.md).",
        "bg-nbd",
    ),
    opt(
        "horizon",
        "How far ahead: 12m (default), 52w, 90d, 1y.",
        "6m",
    ),
    opt(
        "discount",
        "Yearly discount rate for CLV, 0 to 1 (default 0.10).",
        "",
    ),
    opt(
        "margin",
        "Gross margin applied to spend, 0 to 1 (default 1).",
        "",
    ),
];

const FORECAST: &[Field] = &[
    req(
        "metric",
        "revenue, orders, buyers, or a metric id.",
        "revenue",
    ),
    opt("by", "week, month (default) or quarter.", ""),
    opt("horizon", "Periods ahead, 1 to 24 (default 3).", "3"),
];

const CUSTOMER: &[Field] = &[opt(
    "latest",
    "How many of each kind of activity to list, newest first: 1 to 200 (default 10).",
    "3",
)];

const LOADS: &[Field] = &[opt(
    "entity",
    "Only loads of this entity (orders, customers, …).",
    "",
)];

const QUARANTINE: &[Field] = &[
    opt("entity", "Only this entity's quarantined rows.", ""),
    opt(
        "lang",
        "The language of the reasons: en (default), ro, zh-Hans or fa.",
        "ro",
    ),
];

const NEW_SCHEDULE: &[Field] = &[
    req("every", "month or quarter: the report's period.", "month"),
    opt(
        "day",
        "Day of the month it falls due, 1-31 (default 1).",
        "2",
    )
    .of("integer"),
    opt(
        "at",
        "Local time it falls due, HH:MM (default 08:00).",
        "09:30",
    ),
    opt(
        "timezone",
        "IANA zone of day and at (default the workspace's).",
        "",
    ),
    req(
        "deliver",
        "smtp://HOST:PORT, smtp://HOST:587?tls=required or smtps://[USER@]HOST:465; a folder (admins only).",
        "smtp://127.0.0.1:2525",
    ),
    opt("from", "The sender's address.", "reports@agency.example"),
    opt(
        "to",
        "The recipients' addresses (a list).",
        "[\"owner@lumen.example\"]",
    )
    .of("array"),
    opt(
        "approval",
        "Whether someone approves each report before it goes out.",
        "true",
    )
    .of("boolean"),
    opt(
        "wait_hours",
        "How long a report waits for a stale source (default 24).",
        "",
    )
    .of("integer"),
    opt(
        "lang",
        "en, ro, zh-Hans or fa; default the definition's.",
        "",
    ),
];

const MAKE_REPORT: &[Field] = &[
    opt(
        "period",
        "A month or quarter; default the last whole one of the definition's type.",
        "",
    ),
    opt(
        "lang",
        "en, ro, zh-Hans or fa; default the definition's.",
        "",
    ),
];

const FEEDBACK: &[Field] = &[
    req("rating", "1 to 5.", "4").of("integer"),
    opt(
        "comment",
        "What the client would like (at most 4000 characters).",
        "Please show revenue by channel",
    ),
];

const UPLOAD: &[Field] = &[
    req(
        "file",
        "The export: one or more CSV, JSON or Parquet files.",
        "",
    )
    .of("file"),
    opt(
        "entity",
        "The entity the files fill; without it, the preset named or proposed decides.",
        "",
    ),
    opt(
        "preset",
        "A shipped mapping by name (`rapport presets list`).",
        "",
    ),
    opt(
        "accept",
        "true to load with the preset Rapport proposes for the file.",
        "true",
    ),
    opt(
        "dry_run",
        "true to say what would load, and by which preset, without loading.",
        "",
    ),
    opt(
        "replace",
        "true to let changed records replace their earlier rows (a re-export).",
        "",
    ),
];

/// The parts an upload reads: its file and [`uploads::UPLOAD_FIELDS`].
fn upload_parts() -> &'static [&'static str] {
    static PARTS: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
        std::iter::once("file")
            .chain(uploads::UPLOAD_FIELDS)
            .collect()
    });
    &PARTS
}

const NEW_USER: &[Field] = &[
    req(
        "email",
        "The user's e-mail address.",
        "analyst@agency.example",
    ),
    req("role", "admin, analyst or viewer.", "analyst"),
    opt(
        "clients",
        "The clients of an analyst (one or more) or a viewer (exactly one).",
        "[\"lumen\"]",
    )
    .of("array"),
    req(
        "password",
        "At least 12 characters.",
        "a long enough password",
    ),
];

const TOKENS: &[Field] = &[opt("email", "Only this user's tokens.", "")];

const NEW_TOKEN: &[Field] = &[
    req("email", "Whose token.", "analyst@agency.example"),
    opt(
        "expires",
        "A number of days (90d) or a date after today.",
        "90d",
    ),
    opt("label", "What the token is for.", "reporting script"),
];

const AUDIT: &[Field] = &[opt(
    "limit",
    "Newest entries to return, 1 to 1000 (default 100).",
    "20",
)];

/// The API: every route, who may call it, what it reads and answers.
pub(crate) fn endpoints() -> Vec<Endpoint> {
    use Access::{Admin, ClientChange, ClientFeedback, ClientRead, Public, User};
    use Verb::{Delete, Get, Post};
    vec![
        Endpoint::new(Get, "/api/health", Public, health)
            .summary("Whether the server is up, and its version."),
        Endpoint::new(Get, "/api/openapi.json", Public, openapi).summary("This document."),
        Endpoint::new(Get, "/api/clients", User, clients)
            .summary("The clients the caller may see."),
        Endpoint::new(
            Get,
            "/api/clients/{client}/metrics",
            ClientRead,
            analysis::metrics,
        )
        .summary("A client's metrics for a period, with their comparison (METRICS.md).")
        .query::<analysis::MetricsQuery>(METRICS)
        .output(Output::Json("metrics")),
        Endpoint::new(
            Get,
            "/api/clients/{client}/cohorts",
            ClientRead,
            analysis::cohorts,
        )
        .summary("A client's retention cohorts.")
        .query::<analysis::CohortsQuery>(COHORTS)
        .output(Output::Json("cohorts")),
        Endpoint::new(
            Get,
            "/api/clients/{client}/funnel",
            ClientRead,
            analysis::funnel,
        )
        .summary("A funnel over a client's events.")
        .query::<analysis::FunnelQuery>(FUNNEL)
        .output(Output::Json("funnel")),
        Endpoint::new(
            Get,
            "/api/clients/{client}/compare",
            ClientRead,
            analysis::compare,
        )
        .summary("A metric compared across the values of an attribute, with significance.")
        .query::<analysis::CompareQuery>(COMPARE)
        .output(Output::Json("compare")),
        Endpoint::new(
            Get,
            "/api/clients/{client}/predictions",
            ClientRead,
            analysis::predictions,
        )
        .summary("The purchase model's predictions: expected transactions, CLV, customers alive.")
        .query::<analysis::PredictQuery>(PREDICT)
        .output(Output::Json("purchase_prediction")),
        Endpoint::new(
            Get,
            "/api/clients/{client}/forecast",
            ClientRead,
            analysis::forecast,
        )
        .summary("A metric's forecast with 80 % and 95 % intervals.")
        .query::<analysis::ForecastQuery>(FORECAST)
        .output(Output::Json("forecast")),
        Endpoint::new(
            Get,
            "/api/clients/{client}/customers/{customer}",
            ClientRead,
            data::customer,
        )
        .summary("One customer seen whole: attributes, orders, tickets, survey answers, web sessions, segments and saved predictions; found by id, or by an e-mail used as id.")
        .query::<data::CustomerQuery>(CUSTOMER)
        .output(Output::Json("customer")),
        Endpoint::new(Get, "/api/clients/{client}/loads", ClientRead, data::loads)
            .summary("A client's loads: when, from where, and what was kept.")
            .query::<data::LoadsQuery>(LOADS),
        Endpoint::new(
            Get,
            "/api/clients/{client}/quarantine",
            ClientRead,
            data::quarantine,
        )
        .summary("Rows kept out of a client's data, by source, column and rule.")
        .query::<data::QuarantineQuery>(QUARANTINE),
        Endpoint::new(Post, "/api/clients/{client}/uploads", ClientChange, uploads::upload)
            .summary("Loads an uploaded export as `rapport ingest` does: the same presets, validation, quarantine and summary.")
            .multipart(upload_parts, UPLOAD, uploads::MAX_UPLOAD_BYTES)
            .output(Output::Json("load_summary"))
            .creates(),
        Endpoint::new(
            Get,
            "/api/clients/{client}/reports",
            ClientRead,
            reports::list,
        )
        .summary("A client's report archive, newest first."),
        Endpoint::new(
            Post,
            "/api/clients/{client}/reports",
            ClientChange,
            reports::make,
        )
        .summary("Makes a client's report now (as `rapport report CLIENT`).")
        .body::<reports::MakeReport>(MAKE_REPORT)
        .creates(),
        Endpoint::new(
            Get,
            "/api/clients/{client}/reports/{run}/{file}",
            ClientRead,
            reports::file,
        )
        .summary("A report's HTML, PDF or JSON.")
        .output(Output::ReportFile),
        Endpoint::new(
            Get,
            "/api/clients/{client}/feedback",
            ClientRead,
            reports::feedback,
        )
        .summary("A client's feedback on its reports, and which report answered it."),
        Endpoint::new(
            Post,
            "/api/clients/{client}/reports/{run}/feedback",
            ClientFeedback,
            reports::add_feedback,
        )
        .summary("Rates a report and says what the client would like; the next report answers it.")
        .body::<reports::NewFeedback>(FEEDBACK)
        .creates(),
        Endpoint::new(
            Get,
            "/api/clients/{client}/schedules",
            ClientChange,
            reports::schedules,
        )
        .summary("A client's report schedules."),
        Endpoint::new(
            Post,
            "/api/clients/{client}/schedules",
            ClientChange,
            reports::new_schedule,
        )
        .summary("Add a report schedule, as `rapport schedule add` (a folder target: admins only).")
        .body::<reports::NewSchedule>(NEW_SCHEDULE),
        Endpoint::new(
            Delete,
            "/api/clients/{client}/schedules/{schedule}",
            ClientChange,
            reports::remove_schedule,
        )
        .summary("Takes a schedule out of force; its runs stay in the archive."),
        Endpoint::new(Get, "/api/users", Admin, admin::users).summary("The agency's users."),
        Endpoint::new(Post, "/api/users", Admin, admin::add_user)
            .summary("Adds a user (as `rapport user add`).")
            .body::<admin::NewUser>(NEW_USER)
            .creates(),
        Endpoint::new(Delete, "/api/users/{email}", Admin, admin::remove_user)
            .summary("Removes a user and revokes their tokens."),
        Endpoint::new(Get, "/api/tokens", Admin, admin::tokens)
            .summary("API tokens (never their secrets).")
            .query::<admin::TokensQuery>(TOKENS),
        Endpoint::new(Post, "/api/tokens", Admin, admin::create_token)
            .summary("Makes a token; its secret is in this answer only.")
            .body::<admin::NewToken>(NEW_TOKEN)
            .creates(),
        Endpoint::new(Delete, "/api/tokens/{token}", Admin, admin::revoke_token)
            .summary("Revokes a token."),
        Endpoint::new(Get, "/api/audit", Admin, admin::audit)
            .summary("The audit log: changes, downloads and sign-ins, newest first.")
            .query::<admin::AuditQuery>(AUDIT),
    ]
}

async fn health() -> Json<Value> {
    Json(json!({
        "status": "ok",
        "version": env!("CARGO_PKG_VERSION"),
    }))
}

async fn openapi(State(state): State<Shared>) -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "application/json")],
        state.openapi.clone(),
    )
}

async fn clients(
    State(state): State<Shared>,
    Caller(caller): Caller,
) -> Result<Json<Value>, ApiError> {
    let ws = state.ws.clone();
    crate::extract::blocking(move || {
        let clients = caller.clients(&ws)?;
        Ok(Json(json!({
            "clients": clients
                .iter()
                .map(|c| json!({ "id": c.id, "name": c.name }))
                .collect::<Vec<_>>(),
        })))
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each route documents exactly the fields its handler reads.
    #[test]
    fn the_document_names_every_field_a_handler_reads() {
        for e in endpoints() {
            for (what, input) in [("query", e.query), ("body", e.body)] {
                let Some(input) = input else { continue };
                let read: Vec<&str> = (input.names)().to_vec();
                let documented: Vec<&str> = input.docs.iter().map(|f| f.name).collect();
                assert!(
                    !read.is_empty(),
                    "{} {}: no fields read",
                    e.verb.name(),
                    e.path
                );
                assert_eq!(
                    read,
                    documented,
                    "{} {}: the {what} fields read and documented differ",
                    e.verb.name(),
                    e.path
                );
            }
        }
    }

    #[test]
    fn every_path_parameter_is_described_and_routes_are_unique() {
        let mut seen = std::collections::BTreeSet::new();
        for e in endpoints() {
            assert!(seen.insert((e.path, e.verb.name())), "{} twice", e.path);
            assert!(!e.summary.is_empty(), "{}: no summary", e.path);
            let doc = crate::openapi::document(&[e]);
            let text = doc.to_string();
            assert!(
                !text.contains("\"description\":\"\",\"in\":\"path\""),
                "{text}"
            );
        }
    }
}
