//! The agency's people and their tokens, and the audit log: admins only.
//! Every change is audited with the admin who made it.

use axum::Json;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use rapport_locale::messages::Said;
use rapport_store::{Role, Token, User, Workspace};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::extract::{blocking, body, query};
use crate::routes::reports::SOURCE;
use crate::{Admin, ApiError, Shared};

/// A value as JSON, or the server's fault.
fn to_json(value: impl serde::Serialize) -> Result<Json<Value>, ApiError> {
    serde_json::to_value(value)
        .map(Json)
        .map_err(ApiError::internal)
}

pub(crate) async fn users(
    State(state): State<Shared>,
    Admin(_): Admin,
) -> Result<Json<Value>, ApiError> {
    let ws = state.ws.clone();
    blocking(move || to_json(ws.users()?)).await
}

/// `POST /api/users`: what `rapport user add` takes, the password in the
/// body (the connection is the operator's to protect, see the README).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct NewUser {
    email: String,
    role: Role,
    #[serde(default)]
    clients: Vec<String>,
    password: String,
}

pub(crate) async fn add_user(
    State(state): State<Shared>,
    Admin(admin): Admin,
    b: Result<Json<NewUser>, JsonRejection>,
) -> Result<Response, ApiError> {
    let b = body(b)?;
    let ws = state.ws.clone();
    let user = blocking(move || {
        add_user_as(
            &ws,
            &admin.user().email,
            &b.email,
            b.role,
            &b.clients,
            &b.password,
            SOURCE,
        )
    })
    .await?;
    Ok((StatusCode::CREATED, to_json(user)?).into_response())
}

/// Adds a user as `admin` did from `source` (`api`, `web`), audited: what
/// the API and the People page share with `rapport user add`.
pub(crate) fn add_user_as(
    ws: &Workspace,
    admin: &str,
    email: &str,
    role: Role,
    clients: &[String],
    password: &str,
    source: &str,
) -> Result<User, ApiError> {
    // Checked before the (slow) hashing: a bad client costs nothing.
    for client in clients {
        ws.client(client)?;
    }
    let hash = rapport_auth::hash_password(password)?;
    let user = ws.add_user(email, role, clients, &hash)?;
    ws.audit(admin, "user-added", Some(&user.email), Some(source))?;
    Ok(user)
}

pub(crate) async fn remove_user(
    State(state): State<Shared>,
    Admin(admin): Admin,
    Path(email): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let ws = state.ws.clone();
    blocking(move || {
        remove_user_as(&ws, &admin.user().email, &email, SOURCE)?;
        Ok(Json(json!({ "removed": email })))
    })
    .await
}

/// Removes a user (their tokens and sessions stop working), audited; an
/// admin cannot remove themselves, so the agency is never left without
/// one by mistake.
pub(crate) fn remove_user_as(
    ws: &Workspace,
    admin: &str,
    email: &str,
    source: &str,
) -> Result<(), ApiError> {
    if email.trim().eq_ignore_ascii_case(admin) {
        let said = Said::new("error-self-removal");
        return Err(
            ApiError::new(StatusCode::CONFLICT, "conflict", said.to_string()).said(Some(said)),
        );
    }
    ws.remove_user(email)?;
    ws.audit(admin, "user-removed", Some(email), Some(source))?;
    Ok(())
}

/// `GET /api/tokens`: one user's, or everyone's.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TokensQuery {
    email: Option<String>,
}

pub(crate) async fn tokens(
    State(state): State<Shared>,
    Admin(_): Admin,
    q: Result<Query<TokensQuery>, QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    let q = query(q)?;
    let ws = state.ws.clone();
    blocking(move || to_json(ws.tokens(q.email.as_deref())?)).await
}

/// `POST /api/tokens`: what `rapport token create` takes.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct NewToken {
    email: String,
    expires: Option<String>,
    label: Option<String>,
}

pub(crate) async fn create_token(
    State(state): State<Shared>,
    Admin(admin): Admin,
    b: Result<Json<NewToken>, JsonRejection>,
) -> Result<Response, ApiError> {
    let b = body(b)?;
    let ws = state.ws.clone();
    let made = blocking(move || {
        create_token_as(
            &ws,
            &admin.user().email,
            &b.email,
            b.label.as_deref(),
            b.expires.as_deref(),
            SOURCE,
        )
    })
    .await?;
    // The secret is in this answer and nowhere else, as the CLI prints it
    // once.
    Ok((
        StatusCode::CREATED,
        Json(json!({ "token": made.token, "secret": made.secret })),
    )
        .into_response())
}

pub(crate) async fn revoke_token(
    State(state): State<Shared>,
    Admin(admin): Admin,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let id: i64 = id
        .parse()
        .map_err(|_| ApiError::not_found(format!("no token `{id}` here: ids are numbers")))?;
    let ws = state.ws.clone();
    blocking(move || to_json(revoke_token_as(&ws, &admin.user().email, id, SOURCE)?)).await
}

/// Makes an API token for `email`, audited; `expires` as `rapport token
/// create --expires` takes it (`90d`, `2027-03-01`).
pub(crate) fn create_token_as(
    ws: &Workspace,
    admin: &str,
    email: &str,
    label: Option<&str>,
    expires: Option<&str>,
    source: &str,
) -> Result<rapport_auth::NewToken, ApiError> {
    let now = chrono::Utc::now();
    let expires = expires
        .map(|e| rapport_auth::parse_expiry(e, now))
        .transpose()?;
    let made = rapport_auth::create_token(ws, email, label, expires)?;
    ws.audit(
        admin,
        "token-created",
        Some(&made.token.email),
        Some(source),
    )?;
    Ok(made)
}

/// Revokes token `id`, audited.
pub(crate) fn revoke_token_as(
    ws: &Workspace,
    admin: &str,
    id: i64,
    source: &str,
) -> Result<Token, ApiError> {
    let token = ws.revoke_token(id)?;
    ws.audit(
        admin,
        "token-revoked",
        Some(&format!("{} #{id}", token.email)),
        Some(source),
    )?;
    Ok(token)
}

/// Most audit entries one request reads.
pub(crate) const MAX_AUDIT: usize = 1000;

/// `GET /api/audit`: the newest entries first.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AuditQuery {
    limit: Option<usize>,
}

pub(crate) async fn audit(
    State(state): State<Shared>,
    Admin(_): Admin,
    q: Result<Query<AuditQuery>, QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    let q = query(q)?;
    let limit = q.limit.unwrap_or(100).clamp(1, MAX_AUDIT);
    let ws = state.ws.clone();
    blocking(move || to_json(ws.audit_log(limit)?)).await
}
