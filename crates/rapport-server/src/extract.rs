//! Who is asking, and the one client a request is about: the extractors
//! every handler takes, so no handler sees a request that has not been
//! authenticated and scoped.

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{FromRequestParts, Path, Query};
use axum::http::header;
use axum::http::request::Parts;
use rapport_auth::{ClientScope, Principal};

use crate::{ApiError, Shared};

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
            .map(|(_, secret)| secret.trim().to_owned())
            .ok_or_else(ApiError::unauthorized)?;
        match state.catalog.principal(&state.ws, &secret).await? {
            Some(principal) => {
                // Counted per user, after authentication: an unknown token
                // costs a lookup, not a place in anyone's allowance.
                state.count_request(&principal.user().email)?;
                Ok(Caller(principal))
            }
            None => Err(ApiError::unauthorized()),
        }
    }
}

/// An agency admin.
pub struct Admin(pub Principal);

impl FromRequestParts<Shared> for Admin {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &Shared) -> Result<Self, ApiError> {
        let Caller(caller) = Caller::from_request_parts(parts, state).await?;
        if !caller.is_admin() {
            return Err(ApiError::forbidden("only an agency admin may do this"));
        }
        Ok(Admin(caller))
    }
}

/// The caller and the one client a route's path names, which they may
/// see. A client they may not see is the same 404 as one that does not
/// exist.
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
                .map_err(|e| ApiError::input(e.body_text()))?;
        let client = params
            .get("client")
            .ok_or_else(|| ApiError::not_found("no client in the path"))?;
        let scope = caller.scope(&state.ws, client)?;
        Ok(Scoped { caller, scope })
    }
}

/// A client the caller may change: its analysts and the admins. A viewer
/// of the client is refused with 403 (they know the client exists).
pub struct Changing {
    pub caller: Principal,
    pub scope: ClientScope,
}

impl FromRequestParts<Shared> for Changing {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &Shared) -> Result<Self, ApiError> {
        let Scoped { caller, scope } = Scoped::from_request_parts(parts, state).await?;
        if !caller.may_change(scope.client()) {
            return Err(ApiError::forbidden(
                "a viewer reads the client's data and gives feedback; this needs an analyst or an admin",
            ));
        }
        Ok(Changing { caller, scope })
    }
}

/// A query string parsed strictly, its rejection in the API's shape.
pub(crate) fn query<T>(q: Result<Query<T>, QueryRejection>) -> Result<T, ApiError> {
    q.map(|Query(t)| t)
        .map_err(|e| ApiError::input(e.body_text()))
}

/// A JSON body parsed strictly, its rejection in the API's shape.
pub(crate) fn body<T>(b: Result<axum::Json<T>, JsonRejection>) -> Result<T, ApiError> {
    b.map(|axum::Json(t)| t).map_err(|e| {
        use axum::http::StatusCode;
        // Every input error is a 400 `input`, as for query strings; only a
        // body too large or not JSON keeps its own status.
        match e.status() {
            StatusCode::PAYLOAD_TOO_LARGE => {
                ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "too_large", e.body_text())
            }
            StatusCode::UNSUPPORTED_MEDIA_TYPE => {
                ApiError::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, "input", e.body_text())
            }
            _ => ApiError::input(e.body_text()),
        }
    })
}

/// Runs blocking catalog or file work off the connection threads.
pub(crate) async fn blocking<T, F>(f: F) -> Result<T, ApiError>
where
    F: FnOnce() -> Result<T, ApiError> + Send + 'static,
    T: Send + 'static,
{
    tokio::task::spawn_blocking(f)
        .await
        .map_err(ApiError::internal)?
}
