//! The schedules page: a client's report schedules in words, added and
//! removed by the agency's analysts and admins with the same library
//! calls and checks as the API and `rapport schedule`.

use axum::extract::rejection::FormRejection;
use axum::extract::{Form, Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use minijinja::context;
use rapport_locale::{Locale, messages};
use serde::Deserialize;

use super::{Visitor, base, guard, heading, page, page_error, render, see_other};
use crate::extract::blocking;
use crate::{ApiError, Shared};

/// Where a page's change is recorded as coming from in the audit log.
const SOURCE: &str = "web";

#[derive(Debug, Deserialize)]
pub(super) struct Done {
    added: Option<String>,
    removed: Option<String>,
}

pub(super) async fn schedules(
    State(state): State<Shared>,
    visitor: Visitor,
    Path(client): Path<String>,
    q: Result<Query<Done>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let locale = visitor.locale;
    let message = q.ok().and_then(|Query(d)| {
        if d.added.is_some() {
            Some(messages::label(locale, "web-schedule-added"))
        } else {
            d.removed
                .map(|_| messages::label(locale, "web-schedule-removed"))
        }
    });
    match schedules_page(&state, &visitor, &client, message, None).await {
        Ok(html) => page(StatusCode::OK, html, visitor.lang_asked.then_some(locale)),
        Err(e) => page_error(e, locale),
    }
}

/// A form sent back: what went wrong, in the reader's words, and the
/// values typed, to fill the form again.
struct SentBack {
    error: String,
    typed: minijinja::Value,
}

async fn schedules_page(
    state: &Shared,
    visitor: &Visitor,
    client: &str,
    message: Option<String>,
    refused: Option<SentBack>,
) -> Result<String, ApiError> {
    let locale = visitor.locale;
    // A viewer reads and gives feedback; schedules are the agency's.
    let scope = visitor.principal.scope(&state.ws, client)?;
    if !visitor.principal.may_change(client) {
        return Err(ApiError::forbidden(messages::label(
            locale,
            "web-upload-not-allowed",
        )));
    }
    let principal = visitor.principal.clone();
    let (rows, h) = blocking(move || {
        let ws = scope.workspace();
        let now = chrono::Utc::now();
        let rows: Vec<_> = ws
            .schedules(Some(scope.client()))?
            .iter()
            .filter(|s| s.removed_at.is_none())
            .map(|s| {
                let [id, _client, when, next, to] =
                    rapport_schedule::listing::row(ws, s, now, locale);
                context! { id => id, when => when, next => next, to => to }
            })
            .collect();
        Ok((rows, heading(ws, scope.client(), &principal)?))
    })
    .await?;
    render(context! {
        page => "schedules",
        title => messages::label(locale, "web-schedules-title"),
        client => context! { id => client, name => h.name },
        many_clients => h.many,
        can_upload => true,
        schedules => rows,
        message => message,
        error => refused.as_ref().map(|r| r.error.clone()),
        typed => refused.map(|r| r.typed),
        ..base(locale, Some(visitor))
    })
}

/// What every form of this page checks before it changes anything: its
/// fields, its anti-forgery token, and that the visitor may change the
/// client (an analyst of it, or an admin).
fn checked<T>(
    state: &Shared,
    visitor: &Visitor,
    headers: &HeaderMap,
    client: &str,
    form: Result<Form<T>, FormRejection>,
    csrf: impl Fn(&T) -> &str,
) -> Result<(T, rapport_auth::ClientScope), ApiError> {
    let Form(form) = form.map_err(|e| ApiError::input(e.body_text()))?;
    guard(visitor, headers, csrf(&form))?;
    let scope = visitor.principal.scope(&state.ws, client)?;
    if !visitor.principal.may_change(client) {
        return Err(ApiError::forbidden(messages::label(
            visitor.locale,
            "web-upload-not-allowed",
        )));
    }
    Ok((form, scope))
}

#[derive(Debug, Deserialize)]
pub(super) struct AddForm {
    csrf: String,
    every: rapport_store::Every,
    day: Option<u32>,
    at: Option<String>,
    deliver: String,
    #[serde(default)]
    to: String,
    from: Option<String>,
    approval: Option<String>,
    lang: Option<String>,
}

pub(super) async fn add(
    State(state): State<Shared>,
    visitor: Visitor,
    headers: HeaderMap,
    Path(client): Path<String>,
    form: Result<Form<AddForm>, FormRejection>,
) -> Response {
    let locale = visitor.locale;
    let mut typed = None;
    let added = async {
        let (form, scope) = checked(&state, &visitor, &headers, &client, form, |f: &AddForm| {
            &f.csrf
        })?;
        typed = Some(context! {
            every => matches!(form.every, rapport_store::Every::Quarter).then_some("quarter"), day => form.day, at => form.at.clone(),
            deliver => form.deliver.clone(), to => form.to.clone(), from => form.from.clone(),
            approval => form.approval.is_some(), lang => form.lang.clone(),
        });
        let lang = match form.lang.as_deref().filter(|l| !l.is_empty()) {
            Some(l) => Some(
                l.parse::<Locale>()
                    .map_err(|e| ApiError::input(format!("lang: {e}")))?,
            ),
            None => None,
        };
        let new = crate::routes::reports::NewSchedule {
            every: form.every,
            day: form.day,
            at: form.at.filter(|a| !a.is_empty()),
            timezone: None,
            deliver: form.deliver.trim().to_owned(),
            from: form.from.filter(|f| !f.trim().is_empty()),
            to: form
                .to
                .split(',')
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
                .collect(),
            approval: form.approval.is_some(),
            wait_hours: None,
            lang,
        };
        crate::routes::reports::add_schedule(scope, visitor.principal.clone(), new, SOURCE).await
    }
    .await;
    match (added, typed) {
        (Ok(s), _) => see_other(&format!("/c/{client}/schedules?added={}", s.id)),
        // A form that was read and refused comes back filled, with why.
        (Err(e), Some(typed)) if e.status() == StatusCode::BAD_REQUEST => {
            let refused = SentBack {
                error: e.words(locale),
                typed,
            };
            match schedules_page(&state, &visitor, &client, None, Some(refused)).await {
                Ok(html) => page(StatusCode::BAD_REQUEST, html, None),
                Err(e) => page_error(e, locale),
            }
        }
        (Err(e), _) => page_error(e, locale),
    }
}

#[derive(Debug, Deserialize)]
pub(super) struct RemoveForm {
    csrf: String,
}

pub(super) async fn remove(
    State(state): State<Shared>,
    visitor: Visitor,
    headers: HeaderMap,
    Path((client, schedule)): Path<(String, String)>,
    form: Result<Form<RemoveForm>, FormRejection>,
) -> Response {
    let locale = visitor.locale;
    let removed = async {
        let (_, scope) = checked(
            &state,
            &visitor,
            &headers,
            &client,
            form,
            |f: &RemoveForm| &f.csrf,
        )?;
        crate::routes::reports::remove_schedule_of(
            scope,
            visitor.principal.clone(),
            &schedule,
            SOURCE,
        )
        .await
    }
    .await;
    match removed {
        Ok(s) => see_other(&format!("/c/{client}/schedules?removed={}", s.id)),
        Err(e) => page_error(e, locale),
    }
}
