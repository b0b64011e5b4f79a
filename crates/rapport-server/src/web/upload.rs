//! Uploading an export from the browser, in two steps: the file is
//! staged and checked (which entity it fills, by which preset, which
//! columns it does not read), and loads only when the user says so. The
//! staging, plan and load are the API's, so both load exactly as
//! `rapport ingest` does.

use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use minijinja::context;
use rapport_locale::{Locale, messages};

use super::{Visitor, base, guard, page, page_error, render};
use crate::extract::blocking;
use crate::routes::uploads;
use crate::{ApiError, Shared};

/// A source as a reader names it.
fn entity_name(entity: &str, locale: Locale) -> String {
    messages::label_or(locale, &format!("entity-{entity}"), entity)
}

/// The scope of a client the visitor may change, or the page's error.
fn changing(
    state: &Shared,
    visitor: &Visitor,
    client: &str,
) -> Result<rapport_auth::ClientScope, ApiError> {
    let scope = visitor.principal.scope(&state.ws, client)?;
    if !visitor.principal.may_change(client) {
        return Err(ApiError::forbidden(messages::label(
            visitor.locale,
            "web-upload-not-allowed",
        )));
    }
    Ok(scope)
}

/// The upload page: the form, or a staged upload's preview, or a load's
/// summary.
fn upload_page(
    visitor: &Visitor,
    client: &rapport_store::Client,
    step: minijinja::Value,
) -> Result<String, ApiError> {
    let locale = visitor.locale;
    let entities: Vec<_> = rapport_schema::Entity::ALL
        .iter()
        .map(|e| context! { id => e.name(), name => entity_name(e.name(), locale) })
        .collect();
    render(context! {
        page => "upload",
        title => messages::label(locale, "web-upload-title"),
        client => context! { id => client.id.clone(), name => client.name.clone() },
        can_upload => true,
        entities => entities,
        step => step,
        ..base(locale, Some(visitor))
    })
}

pub(crate) async fn form(
    State(state): State<Shared>,
    visitor: Visitor,
    Path(client): Path<String>,
) -> Response {
    let locale = visitor.locale;
    let shown = async {
        let scope = changing(&state, &visitor, &client)?;
        let c = scope.workspace().client(scope.client())?;
        upload_page(&visitor, &c, context! { kind => "form" })
    }
    .await;
    match shown {
        Ok(html) => page(StatusCode::OK, html, visitor.lang_asked.then_some(locale)),
        Err(e) => page_error(e, locale),
    }
}

/// Stages the file and shows what would load.
pub(crate) async fn check(
    State(state): State<Shared>,
    visitor: Visitor,
    headers: HeaderMap,
    Path(client): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let locale = visitor.locale;
    let shown = async {
        let scope = changing(&state, &visitor, &client)?;
        let multipart = multipart.map_err(|e| ApiError::input(e.body_text()))?;
        let staged =
            uploads::stage(scope.workspace(), scope.client(), multipart, &["csrf"]).await?;
        let csrf = staged.fields.get("csrf").cloned().unwrap_or_default();
        if let Err(e) = guard(&visitor, &headers, &csrf) {
            uploads::discard(&staged);
            return Err(e);
        }
        let _slot = state.compute().await?;
        let planned = {
            let scope = scope.clone();
            blocking(move || {
                let options = uploads::options(scope.client(), &staged, true);
                match rapport_app::ingest::plan(&options) {
                    Ok(plan) => Ok(Ok((plan, staged))),
                    Err(e) => {
                        uploads::discard(&staged);
                        let near = match &e {
                            rapport_app::Error::NoPreset(m) => near_presets(m, locale),
                            _ => Vec::new(),
                        };
                        Ok(Err((uploads::upload_error(&staged, e), near)))
                    }
                }
            })
            .await?
        };
        let (plan, c) = match planned {
            Ok(p) => p,
            // The file could not be read as what it was said to hold, or
            // no preset knows it: the form again, with why.
            Err((e, near)) => {
                if e.status() != StatusCode::BAD_REQUEST {
                    return Err(e);
                }
                let c = scope.workspace().client(scope.client())?;
                return upload_page(
                    &visitor,
                    &c,
                    context! { kind => "form", error => e.words(locale), near => near },
                )
                .map(|html| (StatusCode::BAD_REQUEST, html));
            }
        };
        let staged = c;
        let files: Vec<String> = staged
            .files
            .iter()
            .filter_map(|f| f.file_name().map(|n| n.to_string_lossy().into_owned()))
            .collect();
        let files_text = rapport_app::words::list_cut(&files, 10, locale);
        let entity = entity_name(plan.entity.name(), locale);
        let sentence = match &plan.proposal {
            Some(p) => messages::text(
                locale,
                "web-upload-preview",
                &[
                    ("files", files_text.as_str().into()),
                    ("entity", entity.as_str().into()),
                    ("preset", p.preset.as_str().into()),
                    ("description", p.description.as_str().into()),
                    (
                        "share",
                        rapport_app::words::share(p.known_share, locale)
                            .as_str()
                            .into(),
                    ),
                ],
            ),
            None => messages::text(
                locale,
                "web-upload-preview-entity",
                &[
                    ("files", files_text.as_str().into()),
                    ("entity", entity.as_str().into()),
                ],
            ),
        };
        let unknown = plan
            .proposal
            .as_ref()
            .filter(|p| !p.unknown.is_empty())
            .map(|p| p.unknown.join(", "));
        let c = scope.workspace().client(scope.client())?;
        upload_page(
            &visitor,
            &c,
            context! { kind => "preview", id => staged.id, sentence => sentence, unknown => unknown },
        )
        .map(|html| (StatusCode::OK, html))
    }
    .await;
    match shown {
        Ok((status, html)) => page(status, html, None),
        Err(e) => page_error(e, locale),
    }
}

/// The presets that came closest to a file no preset reads, each with
/// the columns it lacks, in the reader's words.
fn near_presets(m: &rapport_app::ingest::NoPresetMatch, locale: Locale) -> Vec<String> {
    m.closest
        .iter()
        .map(|n| {
            messages::text(
                locale,
                "web-upload-near",
                &[
                    ("preset", n.preset.as_str().into()),
                    ("entity", entity_name(&n.entity, locale).into()),
                    (
                        "missing",
                        rapport_app::words::list_cut(&n.missing, 8, locale).into(),
                    ),
                ],
            )
        })
        .collect()
}

#[derive(Debug, serde::Deserialize)]
pub(crate) struct LoadForm {
    csrf: String,
}

/// Loads a staged upload and shows its summary.
pub(crate) async fn load(
    State(state): State<Shared>,
    visitor: Visitor,
    headers: HeaderMap,
    Path((client, id)): Path<(String, String)>,
    form: Result<axum::extract::Form<LoadForm>, axum::extract::rejection::FormRejection>,
) -> Response {
    let locale = visitor.locale;
    let shown = async {
        let csrf = form
            .map(|axum::extract::Form(f)| f.csrf)
            .unwrap_or_default();
        guard(&visitor, &headers, &csrf)?;
        let scope = changing(&state, &visitor, &client)?;
        let _slot = state.compute().await?;
        let principal = visitor.principal.clone();
        let (summary, c) = {
            let scope = scope.clone();
            blocking(move || {
                let staged = uploads::find_staged(scope.workspace(), scope.client(), &id)?;
                let mut options_staged = staged;
                // The preview accepted the proposal; so does the load.
                options_staged
                    .fields
                    .insert("accept".to_owned(), "true".to_owned());
                let summary = uploads::load(&scope, &options_staged, &principal, "web")?;
                Ok((summary, scope.workspace().client(scope.client())?))
            })
            .await?
        };
        // An export that fills several entities (Shopify's orders, their
        // items and customers) is accounted for entity by entity.
        let parts: Vec<_> = summary
            .entities()
            .map(|part| {
                let problems: Vec<String> = part
                    .problems
                    .iter()
                    .map(|p| {
                        let (head, example) = rapport_app::ingest::problem_words(p, locale);
                        format!("{head}: {example}")
                    })
                    .collect();
                context! {
                    sentence => rapport_app::ingest::load_sentence(part, locale),
                    problems => problems,
                }
            })
            .collect();
        upload_page(&visitor, &c, context! { kind => "done", parts => parts })
    }
    .await;
    match shown {
        Ok(html) => page(StatusCode::OK, html, None),
        Err(e) => page_error(e, locale),
    }
}
