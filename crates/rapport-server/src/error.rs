//! The API's one error shape: `{"error": {"kind": "…", "message": "…"}}`,
//! with the status its kind implies.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use rapport_app::ErrorKind;
use rapport_locale::Locale;
use rapport_locale::messages::Said;

/// An error as the API returns it.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    kind: &'static str,
    /// In English: what the API's JSON says (stable for scripts).
    message: String,
    /// The same in words a page says in its reader's language, when the
    /// library had them.
    said: Option<Said>,
}

impl ApiError {
    pub(crate) fn new(
        status: StatusCode,
        kind: &'static str,
        message: impl Into<String>,
    ) -> ApiError {
        ApiError {
            status,
            kind,
            message: message.into(),
            said: None,
        }
    }

    /// The error, also said in words any language has.
    pub(crate) fn said(mut self, said: Option<Said>) -> ApiError {
        self.said = said;
        self
    }

    /// The error with `text` taken out of its English message (a server
    /// folder's path before a file's name).
    pub(crate) fn without(mut self, text: &str) -> ApiError {
        self.message = self.message.replace(text, "");
        self
    }

    /// What went wrong in `locale`'s words: the library's, or the English
    /// of an error that has none.
    pub fn words(&self, locale: Locale) -> String {
        self.said
            .as_ref()
            .map_or_else(|| self.message.clone(), |s| s.in_language(locale))
    }

    /// What went wrong, in words for the caller.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The status this error answers with.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    pub(crate) fn input(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, "input", message)
    }

    pub(crate) fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, "not_found", message)
    }

    pub(crate) fn unauthorized() -> ApiError {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "send a valid token as `Authorization: Bearer rpt_…` (`rapport token create EMAIL`)",
        )
    }

    pub(crate) fn forbidden(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::FORBIDDEN, "forbidden", message)
    }

    /// A user sent more requests than the server's per-user rate allows.
    pub(crate) fn rate_limited(per_second: u32) -> ApiError {
        ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limited",
            format!(
                "more than {per_second} requests a second from this user; wait a second and try again"
            ),
        )
    }

    /// Too many heavy requests at once: the caller should retry shortly.
    pub(crate) fn busy() -> ApiError {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "busy",
            "the server is computing other requests; try again in a few seconds",
        )
        .said(Some(Said::new("error-busy")))
    }

    // The server's log is its stderr (a service manager keeps it).
    #[allow(clippy::print_stderr)]
    pub(crate) fn internal(e: impl std::fmt::Display) -> ApiError {
        // The cause may name files and paths: it goes to the server's log,
        // not to the caller.
        eprintln!("internal error: {e}");
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "the server failed; its log says why",
        )
        .said(Some(Said::new("error-internal")))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({
            "error": { "kind": self.kind, "message": self.message }
        });
        let mut response = (self.status, axum::Json(body)).into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"rapport\""),
            );
        }
        if self.status == StatusCode::TOO_MANY_REQUESTS {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
        }
        if self.status == StatusCode::SERVICE_UNAVAILABLE {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
        }
        response
    }
}

impl From<rapport_app::Error> for ApiError {
    fn from(e: rapport_app::Error) -> ApiError {
        let (status, kind) = match e.kind() {
            ErrorKind::Input => (StatusCode::BAD_REQUEST, "input"),
            ErrorKind::NotFound => (StatusCode::NOT_FOUND, "not_found"),
            ErrorKind::DataMissing => (StatusCode::UNPROCESSABLE_ENTITY, "data_missing"),
            ErrorKind::Conflict => (StatusCode::CONFLICT, "conflict"),
            ErrorKind::Internal => return ApiError::internal(e),
        };
        ApiError::new(status, kind, e.to_string()).said(e.said())
    }
}

impl From<rapport_store::Error> for ApiError {
    fn from(e: rapport_store::Error) -> ApiError {
        rapport_app::Error::from(e).into()
    }
}

impl From<rapport_auth::Error> for ApiError {
    fn from(e: rapport_auth::Error) -> ApiError {
        let said = e.said();
        match e {
            rapport_auth::Error::Denied(_) => ApiError::not_found(e.to_string()).said(said),
            rapport_auth::Error::Store(s) => s.into(),
            rapport_auth::Error::WeakPassword(_) | rapport_auth::Error::BadExpiry(_) => {
                ApiError::input(e.to_string()).said(said)
            }
            other => ApiError::internal(other),
        }
    }
}
