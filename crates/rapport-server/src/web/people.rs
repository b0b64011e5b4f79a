//! The agency admins' pages: the people who may sign in, their API tokens
//! and web sessions, and the audit log. The same library calls, checks
//! and audit entries as `rapport user`, `rapport token`, `rapport audit`
//! and the admin API, and the same words ([`rapport_app::access`]).
//!
//! A token's secret is shown once, in the answer to the form that made
//! it, which no cache may keep; after that only its digest exists.

use axum::body::Bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use minijinja::context;
use rapport_app::access;
use rapport_locale::{Locale, messages};
use rapport_store::Role;
use serde::Deserialize;

use super::{Visitor, base, guard, page, page_error, render, see_other};
use crate::extract::blocking;
use crate::routes::admin;
use crate::{ApiError, Shared};

/// Where a page's change is recorded as coming from in the audit log.
const SOURCE: &str = "web";

/// The roles in the order the form offers them.
const ROLES: [Role; 3] = [Role::Viewer, Role::Analyst, Role::Admin];

/// The most tokens the people page lists, newest first (the list says
/// so when it stops there).
const TOKENS_SHOWN: usize = 300;

/// Entries the audit page shows unless asked for more.
const AUDIT_PAGE: usize = 100;

/// The visitor, if an admin; otherwise the page's refusal.
fn admin_only(visitor: &Visitor) -> Result<(), ApiError> {
    if visitor.principal.is_admin() {
        Ok(())
    } else {
        Err(ApiError::forbidden(messages::label(
            visitor.locale,
            "web-not-admin",
        )))
    }
}

/// `?added=`, `?removed=`, `?revoked=` after a change, and `?tokens=all`.
#[derive(Debug, Default, Deserialize)]
pub(super) struct PeopleQuery {
    added: Option<String>,
    removed: Option<String>,
    revoked: Option<i64>,
    tokens: Option<String>,
}

/// What a people page shows besides the lists: a note on the change just
/// made, an error with the form's typed values, or a new token's secret.
#[derive(Debug, Default)]
struct Shown {
    message: Option<String>,
    error: Option<String>,
    typed: Option<minijinja::Value>,
    secret: Option<(String, String)>,
    all_tokens: bool,
}

pub(super) async fn people(
    State(state): State<Shared>,
    visitor: Visitor,
    q: Result<Query<PeopleQuery>, QueryRejection>,
) -> Response {
    let locale = visitor.locale;
    let q = q.map(|Query(q)| q).unwrap_or_default();
    let all_tokens = q.tokens.as_deref() == Some("all");
    let shown = async {
        admin_only(&visitor)?;
        let ws = state.ws.clone();
        // Said only of what the catalog bears out, so a crafted link
        // cannot make the page claim a change that did not happen.
        let message = blocking(move || {
            let users = ws.users()?;
            let has = |e: &str| users.iter().any(|u| u.email.eq_ignore_ascii_case(e));
            Ok(if let Some(e) = q.added.filter(|e| has(e)) {
                Some(messages::text(
                    locale,
                    "web-user-added",
                    &[("email", e.into())],
                ))
            } else if let Some(e) = q.removed.filter(|e| e.contains('@') && !has(e)) {
                Some(messages::text(
                    locale,
                    "web-user-removed",
                    &[("email", e.into())],
                ))
            } else if let Some(id) = q.revoked {
                let revoked = ws
                    .tokens(None)?
                    .iter()
                    .any(|t| t.id == id && t.revoked_at.is_some());
                revoked.then(|| {
                    messages::text(
                        locale,
                        "web-token-revoked",
                        &[("id", id.to_string().into())],
                    )
                })
            } else {
                None
            })
        })
        .await?;
        people_page(
            &state,
            &visitor,
            Shown {
                message,
                all_tokens,
                ..Shown::default()
            },
        )
        .await
    }
    .await;
    match shown {
        Ok(html) => page(StatusCode::OK, html, visitor.lang_asked.then_some(locale)),
        Err(e) => page_error(e, locale),
    }
}

/// The people page: people, the form to add one, tokens and sessions,
/// the form to make a token.
async fn people_page(state: &Shared, visitor: &Visitor, shown: Shown) -> Result<String, ApiError> {
    let locale = visitor.locale;
    let ws = state.ws.clone();
    let me = visitor.principal.user().email.clone();
    let all = shown.all_tokens;
    let (users, tokens, clients) = blocking(move || {
        let users: Vec<_> = ws
            .users()?
            .iter()
            .map(|u| {
                let [email, role, clients, added] = access::user_row(u, locale);
                context! {
                    email => email, role => role, clients => clients, added => added,
                    me => u.email.eq_ignore_ascii_case(&me),
                }
            })
            .collect();
        let now = chrono::Utc::now();
        let at = now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let tokens: Vec<_> = ws
            .tokens(None)?
            .iter()
            // Newest first (the catalog's order): the one just made on top.
            .filter(|t| all || t.state(&at) == rapport_store::TokenState::Active)
            // Every sign-in is a session token: the page stays bounded.
            .take(TOKENS_SHOWN)
            .map(|t| {
                let active = t.state(&at) == rapport_store::TokenState::Active;
                let cells = access::token_row(t, now, locale);
                context! { id => t.id, cells => cells, active => active }
            })
            .collect();
        let clients: Vec<_> = ws
            .clients()?
            .into_iter()
            .map(|c| context! { id => c.id, name => c.name })
            .collect();
        Ok((users, tokens, clients))
    })
    .await?;
    let tokens_len = tokens.len();
    let roles: Vec<_> = ROLES
        .iter()
        .map(|r| context! { id => r.to_string(), name => access::role_words(*r, locale) })
        .collect();
    let token_columns: Vec<_> = access::TOKEN_COLUMNS
        .iter()
        .map(|c| messages::label(locale, &format!("web-column-{c}")))
        .collect();
    let secret = shown.secret.map(|(email, secret)| {
        context! {
            sentence => messages::text(locale, "web-token-secret", &[("email", email.into())]),
            value => secret,
        }
    });
    render(context! {
        page => "people",
        title => messages::label(locale, "web-people-title"),
        agency => true,
        users => users,
        roles => roles,
        clients => clients,
        tokens => tokens,
        token_columns => token_columns,
        tokens_cut => (tokens_len == TOKENS_SHOWN).then(|| messages::text(
            locale,
            "web-tokens-newest",
            &[("count", TOKENS_SHOWN.into())],
        )),
        all_tokens => all,
        message => shown.message,
        error => shown.error,
        typed => shown.typed,
        secret => secret,
        ..base(locale, Some(visitor))
    })
}

/// A form's fields as sent, in order; a field may repeat (the clients'
/// checkboxes), which a struct-shaped form cannot hold.
fn fields(body: &[u8]) -> Result<Vec<(String, String)>, ApiError> {
    serde_urlencoded::from_bytes(body).map_err(|e| ApiError::input(format!("the form: {e}")))
}

/// The one value of `name`, or empty.
fn field<'a>(fields: &'a [(String, String)], name: &str) -> &'a str {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map_or("", |(_, v)| v.as_str())
}

/// A form an admin sent from one of these pages, checked: its
/// anti-forgery token and origin, and that an admin sent it. Holds the
/// visitor, the fields, and the admin's e-mail for the audit log.
pub(super) struct AdminForm {
    visitor: Visitor,
    fields: Vec<(String, String)>,
    admin: String,
}

/// A refusal shown as a page in the reader's language.
pub(super) struct Refused(ApiError, Locale);

impl IntoResponse for Refused {
    fn into_response(self) -> Response {
        page_error(self.0, self.1)
    }
}

impl FromRequest<Shared> for AdminForm {
    type Rejection = Response;

    async fn from_request(request: Request, state: &Shared) -> Result<Self, Response> {
        let (mut parts, body) = request.into_parts();
        let visitor = Visitor::from_request_parts(&mut parts, state).await?;
        let request = Request::from_parts(parts, body);
        let headers = request.headers().clone();
        let refused = |e| Refused(e, visitor.locale).into_response();
        let body = Bytes::from_request(request, state)
            .await
            .map_err(|e| refused(ApiError::input(e.body_text())))?;
        let fields = fields(&body).map_err(refused)?;
        guard(&visitor, &headers, field(&fields, "csrf")).map_err(refused)?;
        admin_only(&visitor).map_err(refused)?;
        let admin = visitor.principal.user().email.clone();
        Ok(AdminForm {
            visitor,
            fields,
            admin,
        })
    }
}

/// Back to the people page, saying what changed (`added`, `removed`,
/// `revoked`).
fn back(change: &str, what: &str) -> Response {
    see_other(&format!(
        "/admin/people?{}",
        serde_urlencoded::to_string([(change, what)]).unwrap_or_default()
    ))
}

/// The people page again with `e` beside the form, keeping what was
/// typed (never the password).
async fn again(
    state: &Shared,
    visitor: &Visitor,
    e: ApiError,
    typed: minijinja::Value,
) -> Response {
    let status = e.status();
    let shown = Shown {
        error: Some(e.words(visitor.locale)),
        typed: Some(typed),
        ..Shown::default()
    };
    match people_page(state, visitor, shown).await {
        Ok(html) => page(status, html, None),
        Err(e) => page_error(e, visitor.locale),
    }
}

pub(super) async fn add(State(state): State<Shared>, form: AdminForm) -> Result<Response, Refused> {
    let AdminForm {
        visitor,
        fields,
        admin,
    } = form;
    let email = field(&fields, "email").trim().to_owned();
    let role = field(&fields, "role").to_owned();
    let clients: Vec<String> = fields
        .iter()
        .filter(|(k, _)| k == "client")
        .map(|(_, v)| v.clone())
        .collect();
    let typed = context! { form => "user", email => email.clone(), role => role.clone(), clients => clients.clone() };
    let password = field(&fields, "password").to_owned();
    let ws = state.ws.clone();
    let added = blocking(move || {
        let role: Role = role.parse().map_err(|_| {
            ApiError::input(format!("role: `{role}` is not admin, analyst or viewer"))
        })?;
        admin::add_user_as(&ws, &admin, &email, role, &clients, &password, SOURCE)
    })
    .await;
    match added {
        Ok(user) => Ok(back("added", &user.email)),
        Err(e) => Ok(again(&state, &visitor, e, typed).await),
    }
}

pub(super) async fn remove(
    State(state): State<Shared>,
    form: AdminForm,
) -> Result<Response, Refused> {
    let AdminForm {
        visitor,
        fields,
        admin,
    } = form;
    let email = field(&fields, "email").to_owned();
    let ws = state.ws.clone();
    let gone = email.clone();
    blocking(move || admin::remove_user_as(&ws, &admin, &gone, SOURCE))
        .await
        .map(|()| back("removed", &email))
        .map_err(|e| Refused(e, visitor.locale))
}

pub(super) async fn create_token(
    State(state): State<Shared>,
    form: AdminForm,
) -> Result<Response, Refused> {
    let AdminForm {
        visitor,
        fields,
        admin,
    } = form;
    let email = field(&fields, "email").to_owned();
    let label = field(&fields, "label").trim().to_owned();
    let expires = field(&fields, "expires").trim().to_owned();
    let typed = context! { form => "token", email => email.clone(), label => label.clone(), expires => expires.clone() };
    let ws = state.ws.clone();
    let made = blocking(move || {
        admin::create_token_as(
            &ws,
            &admin,
            &email,
            Some(label.as_str()).filter(|l| !l.is_empty()),
            Some(expires.as_str()).filter(|e| !e.is_empty()),
            SOURCE,
        )
    })
    .await;
    let made = match made {
        Ok(m) => m,
        Err(e) => return Ok(again(&state, &visitor, e, typed).await),
    };
    // Shown in this answer only: a redirect would have to carry the
    // secret in a URL.
    let shown = Shown {
        secret: Some((made.token.email.clone(), made.secret)),
        ..Shown::default()
    };
    let html = people_page(&state, &visitor, shown)
        .await
        .map_err(|e| Refused(e, visitor.locale))?;
    let mut response = page(StatusCode::CREATED, html, None);
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

pub(super) async fn revoke(
    State(state): State<Shared>,
    form: AdminForm,
) -> Result<Response, Refused> {
    let AdminForm {
        visitor,
        fields,
        admin,
    } = form;
    let Ok(id) = field(&fields, "id").parse::<i64>() else {
        return Err(Refused(
            ApiError::input("id: a token's number"),
            visitor.locale,
        ));
    };
    let ws = state.ws.clone();
    blocking(move || admin::revoke_token_as(&ws, &admin, id, SOURCE))
        .await
        .map(|_| back("revoked", &id.to_string()))
        .map_err(|e| Refused(e, visitor.locale))
}

#[derive(Debug, Default, Deserialize)]
pub(super) struct AuditQuery {
    limit: Option<usize>,
}

pub(super) async fn audit(
    State(state): State<Shared>,
    visitor: Visitor,
    q: Result<Query<AuditQuery>, QueryRejection>,
) -> Response {
    let locale = visitor.locale;
    let limit = q
        .ok()
        .and_then(|Query(q)| q.limit)
        .unwrap_or(AUDIT_PAGE)
        .clamp(1, admin::MAX_AUDIT);
    let shown = async {
        admin_only(&visitor)?;
        let ws = state.ws.clone();
        let rows = blocking(move || {
            Ok(ws
                .audit_log(limit)?
                .iter()
                .map(|e| access::audit_row(e, locale))
                .collect::<Vec<_>>())
        })
        .await?;
        let more = (rows.len() == limit && limit < admin::MAX_AUDIT)
            .then(|| (limit * 5).min(admin::MAX_AUDIT));
        let newest = messages::text(
            locale,
            "web-audit-newest",
            &[(
                "count",
                rapport_locale::numbers::count(rows.len() as u64, locale).into(),
            )],
        );
        let columns: Vec<_> = access::AUDIT_COLUMNS
            .iter()
            .map(|c| messages::label(locale, &format!("web-column-{c}")))
            .collect();
        render(context! {
            page => "audit",
            title => messages::label(locale, "web-audit"),
            agency => true,
            columns => columns,
            entries => rows,
            newest => newest,
            more => more,
            ..base(locale, Some(&visitor))
        })
    }
    .await;
    match shown {
        Ok(html) => page(StatusCode::OK, html, visitor.lang_asked.then_some(locale)),
        Err(e) => page_error(e, locale),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_keeps_every_checked_client() {
        let f = fields(b"csrf=x&email=a%40b.example&client=lumen&client=cloud+nest").expect("form");
        assert_eq!(field(&f, "email"), "a@b.example");
        let clients: Vec<_> = f
            .iter()
            .filter(|(k, _)| k == "client")
            .map(|(_, v)| v.as_str())
            .collect();
        assert_eq!(clients, ["lumen", "cloud nest"]);
        assert_eq!(field(&f, "missing"), "");
    }
}
