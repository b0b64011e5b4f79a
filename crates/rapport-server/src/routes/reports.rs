//! A client's report archive, its files, the client's feedback on them,
//! and the schedules that make them.

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use rapport_locale::Locale;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::extract::{blocking, body};
use rapport_auth::{ClientScope, Principal};

use crate::{ApiError, AppState, Changing, Scoped, Shared};

/// Where an API change is recorded as coming from in the audit log.
pub(crate) const SOURCE: &str = "api";

pub(crate) async fn list(Scoped { scope, .. }: Scoped) -> Result<Json<Value>, ApiError> {
    blocking(move || {
        let runs = rapport_report::list(scope.workspace(), scope.client()).map_err(report_error)?;
        Ok(Json(
            serde_json::to_value(runs).map_err(ApiError::internal)?,
        ))
    })
    .await
}

/// A report error in the API's shape: a bad option is the caller's, a
/// definition or template that does not work is the agency's to fix (422
/// with the key or line), anything else the server's.
pub(crate) fn report_error(e: rapport_report::Error) -> ApiError {
    match e {
        rapport_report::Error::App(e) => e.into(),
        rapport_report::Error::Input { .. } => ApiError::input(e.to_string()),
        rapport_report::Error::Definition { .. }
        | rapport_report::Error::DefinitionSyntax { .. }
        | rapport_report::Error::Template { .. } => ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "definition",
            e.to_string(),
        ),
        other => ApiError::internal(other),
    }
}

/// `POST …/reports`: what `rapport report CLIENT` takes.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct MakeReport {
    period: Option<String>,
    lang: Option<Locale>,
}

pub(crate) async fn make(
    State(state): State<Shared>,
    Changing { caller, scope }: Changing,
    b: Result<Json<MakeReport>, JsonRejection>,
) -> Result<Response, ApiError> {
    let b = body(b)?;
    let ws = scope.workspace();
    let options = rapport_report::ReportOptions {
        client: scope.client().to_owned(),
        period: b.period,
        as_of: rapport_app::today(ws),
        compare_with: None,
        language: b.lang.map(|l| l.tag().to_owned()),
    };
    let _slot = state.compute().await?;
    let made = rapport_report::make(ws, &options, None, None)
        .await
        .map_err(report_error)?;
    let run = made.report.run.unwrap_or_default();
    ws.audit(
        &caller.user().email,
        "report-made",
        Some(&format!("{}/{run}", scope.client())),
        Some(SOURCE),
    )?;
    let files = |name: &str| format!("/api/clients/{}/reports/{run}/{name}", scope.client());
    Ok((
        StatusCode::CREATED,
        Json(json!({
            "run": run,
            "client": scope.client(),
            "period": made.report.period.label,
            "summary": made.report.summary,
            "files": {
                "html": files("report.html"),
                "pdf": files("report.pdf"),
                "json": files("report.json"),
            },
        })),
    )
        .into_response())
}

/// The files a report has, and how each is served. The report's HTML is
/// self-contained (inline style, SVG and fonts), so its policy allows
/// inline style and `data:` images and fonts, and still no script.
fn report_file(name: &str) -> Option<(&'static str, &'static str)> {
    const HTML_POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; frame-ancestors 'none'";
    match name {
        "report.html" => Some(("text/html; charset=utf-8", HTML_POLICY)),
        "report.pdf" => Some((
            "application/pdf",
            "default-src 'none'; frame-ancestors 'none'",
        )),
        "report.json" => Some((
            "application/json",
            "default-src 'none'; frame-ancestors 'none'",
        )),
        _ => None,
    }
}

/// A number in a path, or 404 (an id that cannot exist is not found).
fn id(text: &str) -> Result<i64, ApiError> {
    text.parse()
        .map_err(|_| ApiError::not_found(format!("no `{text}` here: ids are numbers")))
}

pub(crate) async fn file(
    State(state): State<Shared>,
    Scoped { caller, scope }: Scoped,
    Path((_client, run, name)): Path<(String, String, String)>,
) -> Result<Response, ApiError> {
    serve_file(&state, scope, caller, run, name, SOURCE).await
}

/// One of a report's files, for the API and the web pages alike; the
/// download is audited with who made it and from where (`source`).
pub(crate) async fn serve_file(
    state: &AppState,
    scope: ClientScope,
    caller: Principal,
    run: String,
    name: String,
    source: &'static str,
) -> Result<Response, ApiError> {
    let Some((content_type, policy)) = report_file(&name) else {
        return Err(ApiError::not_found(
            "a report has report.html, report.pdf and report.json",
        ));
    };
    let run = id(&run)?;
    let client = scope.client().to_owned();
    let target = format!("{client}/{run}/{name}");
    let bytes = blocking(move || {
        let ws = scope.workspace();
        let missing = || ApiError::not_found(format!("no report {run} here"));
        let entry = ws
            .report_runs(scope.client())?
            .into_iter()
            .find(|r| r.id == run && r.status == rapport_store::RunStatus::Written)
            .ok_or_else(missing)?;
        let dir = entry.dir.as_deref().ok_or_else(missing)?;
        // Only files inside the client's own report folder are served: a
        // run written elsewhere (`--out`) is the CLI user's, not the web's.
        let archive = ws
            .reports_dir(scope.client())
            .canonicalize()
            .map_err(|_| missing())?;
        let path = ws
            .root()
            .join(dir)
            .join(&name)
            .canonicalize()
            .map_err(|_| missing())?;
        if !path.starts_with(&archive) {
            return Err(ApiError::not_found(format!(
                "report {run} was written outside the client's archive; ask the agency for it"
            )));
        }
        std::fs::read(&path).map_err(|_| missing())
    })
    .await?;
    state
        .audit
        .record(&caller.user().email, "report-downloaded", target, source);
    let mut response = ([(header::CONTENT_TYPE, content_type)], bytes).into_response();
    response.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(policy),
    );
    Ok(response)
}

pub(crate) async fn feedback(Scoped { scope, .. }: Scoped) -> Result<Json<Value>, ApiError> {
    blocking(move || {
        let all = scope.workspace().feedback(scope.client())?;
        Ok(Json(serde_json::to_value(all).map_err(ApiError::internal)?))
    })
    .await
}

/// Longest feedback comment kept.
const MAX_COMMENT_CHARS: usize = 4000;

/// `POST …/reports/{run}/feedback`: a rating and a comment.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct NewFeedback {
    rating: i64,
    comment: Option<String>,
}

pub(crate) async fn add_feedback(
    Scoped { caller, scope }: Scoped,
    Path((_client, run)): Path<(String, String)>,
    b: Result<Json<NewFeedback>, JsonRejection>,
) -> Result<Response, ApiError> {
    let b = body(b)?;
    let given = give_feedback(scope, caller, &run, b.rating, b.comment, SOURCE).await?;
    Ok((StatusCode::CREATED, Json(given)).into_response())
}

/// Records a client's feedback on a report, for the API and the web
/// pages alike, and audits it.
pub(crate) async fn give_feedback(
    scope: ClientScope,
    caller: Principal,
    run: &str,
    rating: i64,
    comment: Option<String>,
    source: &'static str,
) -> Result<rapport_store::Feedback, ApiError> {
    let run = id(run)?;
    if comment
        .as_ref()
        .is_some_and(|c| c.chars().count() > MAX_COMMENT_CHARS)
    {
        return Err(ApiError::input(format!(
            "comment: at most {MAX_COMMENT_CHARS} characters"
        )));
    }
    blocking(move || {
        let ws = scope.workspace();
        let f = ws.add_feedback(scope.client(), run, rating, comment.as_deref())?;
        ws.audit(
            &caller.user().email,
            "feedback-given",
            Some(&format!("{}/{run}", scope.client())),
            Some(source),
        )?;
        Ok(f)
    })
    .await
}

pub(crate) async fn schedules(Changing { scope, .. }: Changing) -> Result<Json<Value>, ApiError> {
    blocking(move || {
        let all = scope.workspace().schedules(Some(scope.client()))?;
        Ok(Json(serde_json::to_value(all).map_err(ApiError::internal)?))
    })
    .await
}

pub(crate) async fn remove_schedule(
    Changing { caller, scope }: Changing,
    Path((_client, schedule)): Path<(String, String)>,
) -> Result<Json<Value>, ApiError> {
    let removed = remove_schedule_of(scope, caller, &schedule, SOURCE).await?;
    Ok(Json(
        serde_json::to_value(removed).map_err(ApiError::internal)?,
    ))
}

/// Takes one of the scope's client's schedules out of force, for the API
/// and the page; another client's schedule is as absent as one never made.
pub(crate) async fn remove_schedule_of(
    scope: ClientScope,
    caller: Principal,
    schedule: &str,
    source: &'static str,
) -> Result<rapport_store::Schedule, ApiError> {
    let schedule = id(schedule)?;
    blocking(move || {
        let ws = scope.workspace();
        let found = ws
            .schedules(Some(scope.client()))?
            .into_iter()
            .any(|s| s.id == schedule && s.removed_at.is_none());
        if !found {
            return Err(ApiError::not_found(format!("no schedule {schedule} here")));
        }
        let removed = ws.remove_schedule(schedule)?;
        ws.audit(
            &caller.user().email,
            "schedule-removed",
            Some(&format!("{}/{schedule}", scope.client())),
            Some(source),
        )?;
        Ok(removed)
    })
    .await
}

/// `POST …/schedules`: what `rapport schedule add CLIENT` takes.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct NewSchedule {
    pub(crate) every: rapport_store::Every,
    pub(crate) day: Option<u32>,
    pub(crate) at: Option<String>,
    pub(crate) timezone: Option<String>,
    pub(crate) deliver: String,
    pub(crate) from: Option<String>,
    #[serde(default)]
    pub(crate) to: Vec<String>,
    #[serde(default)]
    pub(crate) approval: bool,
    pub(crate) wait_hours: Option<u32>,
    pub(crate) lang: Option<Locale>,
}

/// A schedule error in the API's shape.
fn schedule_error(e: rapport_schedule::Error) -> ApiError {
    use rapport_app::ErrorKind;
    let said = e.said();
    let message = match &e {
        // The field as the API and the form name it, not the CLI's flag.
        rapport_schedule::Error::Input { field, said } => format!("{field}: {said}"),
        other => other.to_string(),
    };
    match e.kind() {
        ErrorKind::Input => ApiError::input(message).said(said),
        ErrorKind::NotFound => ApiError::not_found(message).said(said),
        ErrorKind::Conflict => ApiError::new(StatusCode::CONFLICT, "conflict", message).said(said),
        _ => ApiError::internal(e),
    }
}

/// Adds a schedule for the scope's client, for the API and the page: the
/// library's checks, and one of the server's own. A folder target writes
/// files on the server's machine, so only an admin may name one; an
/// analyst delivers by e-mail.
pub(crate) async fn add_schedule(
    scope: ClientScope,
    caller: Principal,
    new: NewSchedule,
    source: &'static str,
) -> Result<rapport_store::Schedule, ApiError> {
    let by_mail = new.deliver.starts_with("smtp://") || new.deliver.starts_with("smtps://");
    if !by_mail && !caller.is_admin() {
        return Err(ApiError::forbidden(
            "deliver: a folder on the server is for agency admins; deliver by e-mail (smtp://HOST:PORT or smtps://HOST:465 with `to`)",
        ));
    }
    blocking(move || {
        let ws = scope.workspace();
        let spec = rapport_store::ScheduleSpec {
            client_id: scope.client().to_owned(),
            every: new.every,
            day: new.day.unwrap_or(1),
            at: new.at.unwrap_or_else(|| "08:00".to_owned()),
            timezone: new
                .timezone
                .unwrap_or_else(|| ws.settings().timezone.clone()),
            deliver: new.deliver,
            mail_from: new.from,
            mail_to: new.to,
            html: rapport_store::HtmlMode::Attached,
            wait_hours: new.wait_hours.unwrap_or(24),
            approval: new.approval,
            language: new.lang.map(|l| l.tag().to_owned()),
        };
        let added = rapport_schedule::add(ws, &spec).map_err(schedule_error)?;
        ws.audit(
            &caller.user().email,
            "schedule-added",
            Some(&format!("{}/{}", scope.client(), added.id)),
            Some(source),
        )?;
        Ok(added)
    })
    .await
}

pub(crate) async fn new_schedule(
    Changing { caller, scope }: Changing,
    b: Result<Json<NewSchedule>, JsonRejection>,
) -> Result<Response, ApiError> {
    let b = body(b)?;
    let added = add_schedule(scope, caller, b, SOURCE).await?;
    Ok((StatusCode::CREATED, Json(added)).into_response())
}
