//! The web pages: sign-in, the client list, a client's dashboard and its
//! report archive with downloads and a feedback form. Server-rendered
//! HTML with no script at all, so the policy forbids every script; forms
//! work with the keyboard and a screen reader, and the pages reflow on a
//! phone.
//!
//! A browser signs in with e-mail and password and gets a session: a
//! token like an API token (`rapport token list` shows it, labelled
//! `web session`) whose secret is in an HttpOnly, SameSite=Strict cookie.
//! Every form that changes something carries the session's anti-forgery
//! token, and a POST from another origin is refused. Failed sign-ins are
//! throttled per address and per e-mail, and every sign-in, failed
//! sign-in, download and feedback is in the audit log.
//!
//! The dashboard is the client's report for a period, built live from the
//! same library calls and drawn by the same template and charts as the
//! report file, under a bar to pick the period and language. Built pages
//! are kept with the client's data generation (loads, targets, feedback)
//! and reused until it changes.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, LazyLock, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::rejection::FormRejection;
use axum::extract::{ConnectInfo, Form, FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};

use axum::routing::{get, post};
use minijinja::context;
use rapport_auth::Principal;
use rapport_locale::Locale;
use rapport_locale::messages;
use serde::Deserialize;

use crate::extract::blocking;
use crate::{ApiError, Shared};

mod people;
mod schedules;
mod upload;

/// The session cookie's name.
const SESSION_COOKIE: &str = "rapport_session";
/// The language cookie's name (a preference, not a secret).
const LANG_COOKIE: &str = "rapport_lang";

/// The pages' policy: style from the page itself (the dashboard is the
/// report's self-contained page) and this server, images and fonts inline,
/// forms only to this server, and no script from anywhere.
const PAGE_POLICY: &str = "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// The languages a page can be read in, by their own names.
const LANGUAGES: [(Locale, &str); 4] = [
    (Locale::En, "English"),
    (Locale::Ro, "Română"),
    (Locale::ZhHans, "中文"),
    (Locale::Fa, "فارسی"),
];

const APP_CSS: &str = include_str!("../../assets/app.css");

/// The page templates, parsed once.
static TEMPLATES: LazyLock<minijinja::Environment<'static>> = LazyLock::new(|| {
    let mut env = minijinja::Environment::new();
    env.set_auto_escape_callback(|_| minijinja::AutoEscape::Html);
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Chainable);
    // Both are ours and tested: a failure here is a bug the tests catch.
    let _ = env.add_template("bar.html", include_str!("../../templates/bar.html"));
    let _ = env.add_template("page.html", include_str!("../../templates/page.html"));
    env
});

/// The pages' routes.
pub(crate) fn routes() -> Router<Shared> {
    Router::new()
        .route("/", get(home))
        .route("/login", get(login_page).post(login))
        .route("/logout", post(logout))
        .route("/assets/app.css", get(stylesheet))
        // No icon: an empty answer, not a 404 in every page's console.
        .route("/favicon.ico", get(|| async { StatusCode::NO_CONTENT }))
        .route("/c/{client}", get(dashboard))
        .route("/c/{client}/reports", get(archive))
        .route("/c/{client}/customers", get(customers))
        .route(
            "/c/{client}/schedules",
            get(schedules::schedules).post(schedules::add),
        )
        .route(
            "/c/{client}/schedules/{schedule}/remove",
            post(schedules::remove),
        )
        .route("/c/{client}/reports/{run}/{file}", get(download))
        .route("/c/{client}/reports/{run}/feedback", post(feedback))
        .route(
            "/clients/{client}/reports/{run}/feedback",
            get(feedback_link),
        )
        .route(
            "/c/{client}/upload",
            get(upload::form)
                .post(upload::check)
                .layer(axum::extract::DefaultBodyLimit::max(
                    crate::routes::uploads::MAX_UPLOAD_BYTES,
                )),
        )
        .route("/c/{client}/upload/{id}", post(upload::load))
        .route("/admin/people", get(people::people).post(people::add))
        .route("/admin/people/remove", post(people::remove))
        .route("/admin/tokens", post(people::create_token))
        .route("/admin/tokens/revoke", post(people::revoke))
        .route("/admin/audit", get(people::audit))
}

/// The value of cookie `name` in a request.
fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// The language a page is in: the `lang` asked for, else the cookie's,
/// else the browser's first, else English.
fn locale_of(uri: &axum::http::Uri, headers: &HeaderMap) -> (Locale, bool) {
    let asked = Query::<HashMap<String, String>>::try_from_uri(uri)
        .ok()
        .and_then(|Query(q)| q.get("lang").and_then(|l| l.parse().ok()));
    if let Some(l) = asked {
        return (l, true);
    }
    let remembered = cookie(headers, LANG_COOKIE).and_then(|l| l.parse().ok());
    let browser = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split([',', ';']).next())
        .and_then(|l| l.trim().parse().ok());
    (remembered.or(browser).unwrap_or_default(), false)
}

/// A signed-in browser: who, its session's secret (for the anti-forgery
/// token), and the language it reads.
pub(crate) struct Visitor {
    principal: Principal,
    secret: String,
    locale: Locale,
    /// Whether the language was asked for in this request (and is
    /// remembered in a cookie).
    lang_asked: bool,
}

impl FromRequestParts<Shared> for Visitor {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &Shared) -> Result<Self, Response> {
        let (locale, lang_asked) = locale_of(&parts.uri, &parts.headers);
        let to_login = || {
            let next = parts
                .uri
                .path_and_query()
                .map_or("/", |p| p.as_str())
                .to_owned();
            let query = serde_urlencoded::to_string([("next", next)]).unwrap_or_default();
            see_other(&format!("/login?{query}"))
        };
        let Some(secret) = cookie(&parts.headers, SESSION_COOKIE).map(str::to_owned) else {
            return Err(to_login());
        };
        let found = state.catalog.principal(&state.ws, &secret).await;
        match found {
            Ok(Some(principal)) => Ok(Visitor {
                principal,
                secret,
                locale,
                lang_asked,
            }),
            Ok(None) => Err(to_login()),
            Err(e) => Err(page_error(e, locale)),
        }
    }
}

/// The bar's words and the page's language, direction and user.
fn base(locale: Locale, visitor: Option<&Visitor>) -> minijinja::Value {
    let languages: Vec<_> = LANGUAGES
        .iter()
        .map(|(l, name)| context! { tag => l.tag(), name => *name })
        .collect();
    context! {
        t => messages::labels(locale),
        lang => locale.tag(),
        dir => locale.direction().attribute(),
        languages => languages,
        email => visitor.map(|v| v.principal.user().email.clone()),
        is_admin => visitor.is_some_and(|v| v.principal.is_admin()),
        csrf => visitor.map(|v| rapport_auth::csrf_token(&v.secret)),
    }
}

/// What the bar of a page about one client shows: the client's name,
/// whether the visitor has other clients to go back to, and the
/// calendar the client's days are written in. Called off the connection
/// threads (it reads the catalog).
struct Heading {
    name: String,
    many: bool,
    calendar: rapport_schema::Calendar,
}

fn heading(
    ws: &rapport_store::Workspace,
    client: &str,
    principal: &rapport_auth::Principal,
) -> Result<Heading, ApiError> {
    Ok(Heading {
        name: ws.client(client)?.name,
        many: principal.clients(ws)?.len() > 1,
        calendar: ws.calendar(client)?,
    })
}

/// A page as a response, with the pages' policy, and the language
/// remembered when it was asked for.
fn page(status: StatusCode, html: String, remember: Option<Locale>) -> Response {
    let mut response = (status, axum::response::Html(html)).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(PAGE_POLICY),
    );
    // With `no-referrer` a browser sends `Origin: null` on a form's POST,
    // and the same-origin check could not tell our forms from another
    // site's; `same-origin` keeps the origin for our own requests only.
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    if let Some(l) = remember {
        self::remember(&mut response, l);
    }
    response
}

/// Remembers the language a reader picked, for the pages that follow.
fn remember(response: &mut Response, locale: Locale) {
    if let Ok(v) = HeaderValue::from_str(&format!(
        "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        locale.tag()
    )) {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
}

/// Renders `page.html` with `ctx` over the base context.
fn render(ctx: minijinja::Value) -> Result<String, ApiError> {
    TEMPLATES
        .get_template("page.html")
        .and_then(|t| t.render(ctx))
        .map_err(ApiError::internal)
}

/// An error as a page, in the reader's language.
fn page_error(e: ApiError, locale: Locale) -> Response {
    let title = if e.status() == StatusCode::NOT_FOUND {
        messages::label(locale, "web-not-found")
    } else {
        messages::label(locale, "web-error")
    };
    let ctx = context! {
        page => "error", title => title, message => e.words(locale),
        ..base(locale, None)
    };
    match render(ctx) {
        Ok(html) => page(e.status(), html, None),
        Err(e) => e.into_response(),
    }
}

async fn stylesheet() -> Response {
    let mut response =
        ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], APP_CSS).into_response();
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=3600"),
    );
    response
}

/// `/`: a viewer goes to their client's dashboard; the agency sees its
/// clients.
async fn home(State(state): State<Shared>, visitor: Visitor) -> Response {
    let locale = visitor.locale;
    let ws = state.ws.clone();
    let principal = visitor.principal.clone();
    let clients = match blocking(move || Ok(principal.clients(&ws)?)).await {
        Ok(c) => c,
        Err(e) => return page_error(e, locale),
    };
    if let [only] = clients.as_slice() {
        return see_other(&format!("/c/{}", only.id));
    }
    let list: Vec<_> = clients
        .iter()
        .map(|c| context! { id => c.id.clone(), name => c.name.clone() })
        .collect();
    let ctx = context! {
        page => "clients", title => messages::label(locale, "web-clients"), clients => list,
        ..base(locale, Some(&visitor))
    };
    match render(ctx) {
        Ok(html) => page(StatusCode::OK, html, visitor.lang_asked.then_some(locale)),
        Err(e) => e.into_response(),
    }
}

#[derive(Debug, Deserialize)]
struct LoginQuery {
    next: Option<String>,
}

/// Where to go after signing in: a path on this server, never another
/// site (`//evil.example` and `/\evil.example` are refused), in visible
/// ASCII only (a path as the browser sent it is percent-encoded).
fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n)
            if n.starts_with('/')
                && !n.starts_with("//")
                && !n.contains('\\')
                && n.bytes().all(|b| b.is_ascii_graphic()) =>
        {
            n.to_owned()
        }
        _ => "/".to_owned(),
    }
}

/// A 303 to `to`; a target that cannot be a header value (never one of
/// ours) goes to the start instead of failing.
fn see_other(to: &str) -> Response {
    match HeaderValue::from_str(to) {
        Ok(_) => Redirect::to(to).into_response(),
        Err(_) => Redirect::to("/").into_response(),
    }
}

/// `/clients/{client}/reports/{run}/feedback`, the address a report's
/// feedback link carries (`public_url` in rapport.toml): the client's
/// archive at that report, after signing in if need be.
async fn feedback_link(
    State(state): State<Shared>,
    visitor: Visitor,
    Path((client, run)): Path<(String, String)>,
) -> Response {
    let locale = visitor.locale;
    match (
        visitor.principal.scope(&state.ws, &client),
        run.parse::<i64>(),
    ) {
        (Ok(scope), Ok(run)) => see_other(&format!("/c/{}/reports#report-{run}", scope.client())),
        (Err(e), _) => page_error(e.into(), locale),
        (_, Err(_)) => page_error(
            ApiError::not_found(format!("no report `{run}` here")),
            locale,
        ),
    }
}

fn login_form(
    locale: Locale,
    next: &str,
    typed: &str,
    message: Option<String>,
    status: StatusCode,
) -> Response {
    let ctx = context! {
        page => "signin", title => messages::label(locale, "web-sign-in"),
        next => next, typed_email => typed, message => message,
        ..base(locale, None)
    };
    match render(ctx) {
        Ok(html) => page(status, html, None),
        Err(e) => e.into_response(),
    }
}

async fn login_page(
    headers: HeaderMap,
    uri: axum::http::Uri,
    q: Result<Query<LoginQuery>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let (locale, asked) = locale_of(&uri, &headers);
    let next = q.ok().and_then(|Query(q)| q.next);
    let mut response = login_form(
        locale,
        &safe_next(next.as_deref()),
        "",
        None,
        StatusCode::OK,
    );
    if asked {
        remember(&mut response, locale);
    }
    response
}

#[derive(Debug, Deserialize)]
struct LoginForm {
    email: String,
    password: String,
    next: Option<String>,
}

/// Failed sign-ins allowed per e-mail, and per address, in a window.
const FAILURES_PER_EMAIL: u32 = 5;
const FAILURES_PER_ADDRESS: u32 = 20;
const FAILURE_WINDOW: Duration = Duration::from_secs(15 * 60);

/// Counts failed sign-ins by key (an e-mail or an address) in a fixed
/// window. A counter of failures is not what a token-bucket crate
/// (governor) measures, and it is a few lines.
#[derive(Debug, Default)]
pub(crate) struct Throttle {
    failures: Mutex<HashMap<String, (u32, Instant)>>,
}

impl Throttle {
    /// Whether `key` has used up its failures in the current window.
    fn blocked(&self, key: &str, limit: u32) -> bool {
        let Ok(map) = self.failures.lock() else {
            return true;
        };
        map.get(key)
            .is_some_and(|(n, since)| *n >= limit && since.elapsed() < FAILURE_WINDOW)
    }

    fn fail(&self, key: &str) {
        if let Ok(mut map) = self.failures.lock() {
            // Forget finished windows, so the map stays small.
            map.retain(|_, (_, since)| since.elapsed() < FAILURE_WINDOW);
            let entry = map.entry(key.to_owned()).or_insert((0, Instant::now()));
            entry.0 += 1;
        }
    }

    fn clear(&self, key: &str) {
        if let Ok(mut map) = self.failures.lock() {
            map.remove(key);
        }
    }
}

/// Whether a POST comes from a page of this server: a browser sends
/// `Origin` with every POST, and another site's differs from our `Host`.
fn same_origin(headers: &HeaderMap) -> bool {
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        // Not a browser's cross-site request (those carry Origin).
        return true;
    };
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    origin
        .split_once("://")
        .is_some_and(|(_, rest)| rest == host)
}

/// The client address a request came from.
fn address(parts_ext: &axum::http::Extensions) -> String {
    parts_ext
        .get::<ConnectInfo<SocketAddr>>()
        .map_or_else(|| "unknown".to_owned(), |ConnectInfo(a)| a.ip().to_string())
}

async fn login(State(state): State<Shared>, request: axum::extract::Request) -> Response {
    let (parts, body) = request.into_parts();
    let locale = locale_of(&parts.uri, &parts.headers).0;
    if !same_origin(&parts.headers) {
        return page_error(
            ApiError::forbidden("a sign-in from another site is refused"),
            locale,
        );
    }
    let ip = address(&parts.extensions);
    let request = axum::extract::Request::from_parts(parts.clone(), body);
    let form: Result<Form<LoginForm>, FormRejection> =
        <Form<LoginForm> as axum::extract::FromRequest<Shared>>::from_request(request, &state)
            .await;
    let Ok(Form(form)) = form else {
        return login_form(
            locale,
            "/",
            "",
            Some(messages::label(locale, "web-bad-login")),
            StatusCode::BAD_REQUEST,
        );
    };
    let next = safe_next(form.next.as_deref());
    let email = form.email.trim().to_lowercase();
    let typed: String = email.chars().take(200).collect();
    let (by_email, by_address) = (format!("email:{typed}"), format!("ip:{ip}"));
    let throttle = &state.throttle;
    if throttle.blocked(&by_email, FAILURES_PER_EMAIL)
        || throttle.blocked(&by_address, FAILURES_PER_ADDRESS)
    {
        let ws = state.ws.clone();
        let (actor, source) = (typed.clone(), ip.clone());
        let _ =
            blocking(move || Ok(ws.audit(&actor, "sign-in-throttled", None, Some(&source))?)).await;
        return login_form(
            locale,
            &next,
            &typed,
            Some(messages::label(locale, "web-too-many")),
            StatusCode::TOO_MANY_REQUESTS,
        );
    }
    let ws = state.ws.clone();
    let (actor, source, password) = (typed.clone(), ip.clone(), form.password);
    let outcome = blocking(move || {
        let principal = rapport_auth::verify_password(&ws, &actor, &password)?;
        match principal {
            Some(p) => {
                let session =
                    rapport_auth::start_session(&ws, &p.user().email, chrono::Utc::now())?;
                ws.audit(&p.user().email, "signed-in", None, Some(&source))?;
                Ok(Some(session.secret))
            }
            None => {
                ws.audit(&actor, "sign-in-failed", None, Some(&source))?;
                Ok(None)
            }
        }
    })
    .await;
    match outcome {
        Ok(Some(secret)) => {
            throttle.clear(&by_email);
            let secure = parts
                .headers
                .get("x-forwarded-proto")
                .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"https"));
            let cookie = format!(
                "{SESSION_COOKIE}={secret}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}{}",
                rapport_auth::SESSION_HOURS * 3600,
                if secure { "; Secure" } else { "" }
            );
            let mut response = see_other(&next);
            if let Ok(v) = HeaderValue::from_str(&cookie) {
                response.headers_mut().append(header::SET_COOKIE, v);
            }
            response
        }
        Ok(None) => {
            throttle.fail(&by_email);
            throttle.fail(&by_address);
            login_form(
                locale,
                &next,
                &typed,
                Some(messages::label(locale, "web-bad-login")),
                StatusCode::UNAUTHORIZED,
            )
        }
        Err(e) => page_error(e, locale),
    }
}

#[derive(Debug, Deserialize)]
struct CsrfForm {
    csrf: String,
}

/// Checks a form's anti-forgery token and origin.
fn guard(visitor: &Visitor, headers: &HeaderMap, csrf: &str) -> Result<(), ApiError> {
    if !same_origin(headers) || !rapport_auth::csrf_matches(&visitor.secret, csrf) {
        return Err(ApiError::forbidden(messages::label(
            visitor.locale,
            "web-forged",
        )));
    }
    Ok(())
}

async fn logout(
    State(state): State<Shared>,
    visitor: Visitor,
    headers: HeaderMap,
    form: Result<Form<CsrfForm>, FormRejection>,
) -> Response {
    let csrf = form.map(|Form(f)| f.csrf).unwrap_or_default();
    if let Err(e) = guard(&visitor, &headers, &csrf) {
        return page_error(e, visitor.locale);
    }
    let ws = state.ws.clone();
    let (secret, email) = (
        visitor.secret.clone(),
        visitor.principal.user().email.clone(),
    );
    if let Err(e) = blocking(move || {
        rapport_auth::end_session(&ws, &secret)?;
        Ok(ws.audit(&email, "signed-out", None, None)?)
    })
    .await
    {
        return page_error(e, visitor.locale);
    }
    let mut response = see_other("/login");
    response.headers_mut().append(
        header::SET_COOKIE,
        HeaderValue::from_static("rapport_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"),
    );
    response
}

#[derive(Debug, Deserialize)]
struct DashboardQuery {
    period: Option<String>,
    /// An earlier period to compare with (the compare picker).
    compare: Option<String>,
    #[allow(dead_code)] // read by the Visitor, allowed here
    lang: Option<String>,
}

/// The periods the picker offers: the last eight whole quarters and
/// twelve whole months, newest first, in the client's calendar.
fn picker_periods(
    calendar: rapport_schema::Calendar,
    today: chrono::NaiveDate,
) -> Vec<rapport_schema::Period> {
    let mut out = Vec::new();
    for (kind, n) in [
        (rapport_schema::period::PeriodKind::Quarter, 8),
        (rapport_schema::period::PeriodKind::Month, 12),
    ] {
        let mut p = calendar.last_whole(kind, today);
        for _ in 0..n {
            let before = p.previous();
            out.push(p);
            p = before;
        }
    }
    out
}

/// Periods as a picker's options, named in the reader's language.
fn options(periods: &[rapport_schema::Period], locale: Locale) -> Vec<minijinja::Value> {
    periods
        .iter()
        .map(|p| context! { label => p.to_string(), name => rapport_app::words::period_name(p, locale) })
        .collect()
}

async fn dashboard(
    State(state): State<Shared>,
    visitor: Visitor,
    Path(client): Path<String>,
    q: Result<Query<DashboardQuery>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let locale = visitor.locale;
    let (period, compare) = q
        .ok()
        .map(|Query(q)| (q.period, q.compare))
        .unwrap_or_default();
    match build_dashboard(&state, &visitor, &client, period, compare).await {
        Ok(html) => page(StatusCode::OK, html, visitor.lang_asked.then_some(locale)),
        Err(e) => page_error(e, locale),
    }
}

async fn build_dashboard(
    state: &Shared,
    visitor: &Visitor,
    client: &str,
    period: Option<String>,
    compare: Option<String>,
) -> Result<String, ApiError> {
    let locale = visitor.locale;
    let scope = visitor.principal.scope(&state.ws, client)?;
    let ws = scope.workspace().clone();
    let c = scope.client().to_owned();
    let (loaded, calendar, generation, name, many) = {
        let principal = visitor.principal.clone();
        blocking(move || {
            let loaded = rapport_report::definition::for_client(&ws, &c)
                .map_err(crate::routes::reports::report_error)?;
            let stamp = loaded
                .file
                .as_ref()
                .and_then(|f| std::fs::metadata(f).ok())
                .and_then(|m| m.modified().ok())
                .map(|t| format!("{t:?}"))
                .unwrap_or_default();
            let generation = format!("{}:{stamp}", ws.data_generation(&c)?);
            let h = heading(&ws, &c, &principal)?;
            Ok((loaded, h.calendar, generation, h.name, h.many))
        })
        .await?
    };
    let ws = scope.workspace();
    let today = rapport_app::today(ws);
    let period = match period.filter(|p| !p.is_empty()) {
        Some(p) => p,
        None => {
            rapport_report::last_whole_period(loaded.definition.period, today, calendar).to_string()
        }
    };
    let periods = picker_periods(calendar, today);
    // The compare picker offers the periods over before this one starts;
    // a choice left from another period that is not earlier falls back
    // to the period just before.
    let earlier: Vec<_> = match calendar.period(&period) {
        Ok(chosen) => periods
            .iter()
            .filter(|p| p.end <= chosen.start)
            .cloned()
            .collect(),
        Err(_) => Vec::new(),
    };
    let compare = compare.filter(|c| earlier.iter().any(|p| p.to_string() == *c));
    let key = format!(
        "{client}\u{1f}{period}\u{1f}{}\u{1f}{}\u{1f}{today}\u{1f}{generation}",
        compare.as_deref().unwrap_or(""),
        locale.tag()
    );
    let report_html = match state.pages.get(&key) {
        Some(html) => html,
        None => {
            let options = rapport_report::ReportOptions {
                client: client.to_owned(),
                period: Some(period.clone()),
                as_of: today,
                compare_with: compare.clone(),
                language: Some(locale.tag().to_owned()),
            };
            let _slot = state.compute().await?;
            let report = rapport_report::build(ws, &options, &loaded)
                .await
                .map_err(crate::routes::reports::report_error)?;
            let template = rapport_report::Templates::builtin().html;
            let html = Arc::new(
                rapport_report::render_html(&report, &loaded, &template)
                    .map_err(crate::routes::reports::report_error)?,
            );
            state.pages.put(key, html.clone());
            html
        }
    };
    let ctx = context! {
        page => "dashboard",
        client => context! { id => client, name => name },
        many_clients => many,
        can_upload => visitor.principal.may_change(client),
        period => period,
        periods => options(&periods, locale),
        compare => compare,
        compares => options(&earlier, locale),
        ..base(locale, Some(visitor))
    };
    let bar = TEMPLATES
        .get_template("bar.html")
        .and_then(|t| t.render(ctx))
        .map_err(ApiError::internal)?;
    let live = format!(
        "<p class=\"live\" role=\"note\">{}</p>",
        messages::label(locale, "web-live-note")
    );
    Ok(wrap(&report_html, &bar, &live))
}

/// The report's page with the bar: the bar's stylesheet at the end of
/// the head, the bar and a note first in the body. A page without those
/// tags (it is always the built-in template's) gets them in front.
fn wrap(report: &str, bar: &str, note: &str) -> String {
    let link = "<link rel=\"stylesheet\" href=\"/assets/app.css\">";
    let mut html = report.to_owned();
    match html.find("</head>") {
        Some(i) => html.insert_str(i, link),
        None => html.insert_str(0, link),
    }
    let after_body = html
        .find("<body")
        .and_then(|i| html[i..].find('>').map(|j| i + j + 1))
        .unwrap_or(0);
    html.insert_str(after_body, &format!("{bar}{note}"));
    html
}

#[derive(Debug, Deserialize)]
struct CustomerQuery {
    /// An id or e-mail typed in the search box.
    find: Option<String>,
}

/// A customer found by id or e-mail and seen whole: the same profile and
/// words as `rapport customer` (rapport_app::customer).
async fn customers(
    State(state): State<Shared>,
    visitor: Visitor,
    Path(client): Path<String>,
    q: Result<Query<CustomerQuery>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let locale = visitor.locale;
    let find = q
        .ok()
        .and_then(|Query(q)| q.find)
        .map(|f| f.trim().to_owned())
        .filter(|f| !f.is_empty());
    match customer_page(&state, &visitor, &client, find).await {
        Ok((status, html)) => page(status, html, visitor.lang_asked.then_some(locale)),
        Err(e) => page_error(e, locale),
    }
}

async fn customer_page(
    state: &Shared,
    visitor: &Visitor,
    client: &str,
    find: Option<String>,
) -> Result<(StatusCode, String), ApiError> {
    let locale = visitor.locale;
    let scope = visitor.principal.scope(&state.ws, client)?;
    let principal = visitor.principal.clone();
    let lookup = scope.clone();
    let Heading {
        name,
        many,
        calendar,
    } = blocking(move || heading(lookup.workspace(), lookup.client(), &principal)).await?;
    let mut status = StatusCode::OK;
    let mut message = None;
    let mut view = None;
    if let Some(who) = &find {
        let _slot = state.compute().await?;
        match rapport_app::customer::profile(
            scope.workspace(),
            scope.client(),
            who,
            rapport_app::customer::DEFAULT_LATEST,
        )
        .await
        {
            Ok(profile) => view = Some(profile.view(calendar, locale)),
            Err(rapport_app::Error::UnknownCustomer { .. }) => {
                status = StatusCode::NOT_FOUND;
                message = Some(messages::text(
                    locale,
                    "customer-not-found",
                    &[
                        ("client", name.clone().into()),
                        ("customer", who.clone().into()),
                    ],
                ));
            }
            Err(e) => return Err(e.into()),
        }
    }
    let html = render(context! {
        page => "customer",
        title => view.as_ref().map_or_else(|| messages::label(locale, "customer-find"), |v| v.title.clone()),
        client => context! { id => client, name => name },
        many_clients => many,
        can_upload => visitor.principal.may_change(client),
        find => find, message => message,
        view => view.as_ref().map(|v| minijinja::Value::from(minijinja::value::Serde(v))),
        ..base(locale, Some(visitor))
    })?;
    Ok((status, html))
}

#[derive(Debug, Deserialize)]
struct ArchiveQuery {
    /// The report feedback was just given on.
    sent: Option<String>,
}

async fn archive(
    State(state): State<Shared>,
    visitor: Visitor,
    Path(client): Path<String>,
    q: Result<Query<ArchiveQuery>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let locale = visitor.locale;
    let sent = q.ok().and_then(|Query(q)| q.sent).is_some();
    let message = sent.then(|| messages::label(locale, "web-feedback-thanks"));
    match archive_page(&state, &visitor, &client, message).await {
        Ok(html) => page(StatusCode::OK, html, visitor.lang_asked.then_some(locale)),
        Err(e) => page_error(e, locale),
    }
}

async fn archive_page(
    state: &Shared,
    visitor: &Visitor,
    client: &str,
    message: Option<String>,
) -> Result<String, ApiError> {
    let locale = visitor.locale;
    let scope = visitor.principal.scope(&state.ws, client)?;
    let principal = visitor.principal.clone();
    let (
        entries,
        Heading {
            name,
            many,
            calendar,
        },
    ) = blocking(move || {
        let ws = scope.workspace();
        let entries = rapport_report::list(ws, scope.client())
            .map_err(crate::routes::reports::report_error)?;
        Ok((entries, heading(ws, scope.client(), &principal)?))
    })
    .await?;
    let runs: Vec<_> = entries
        .iter()
        .map(|e| {
            let words = e.words(locale);
            // The period by its name in the reader's language.
            let period = calendar.period(&e.run.period).map_or_else(
                |_| words[1].clone(),
                |p| rapport_app::words::period_name(&p, locale),
            );
            context! {
                id => e.run.id, period => period, made => words[3].clone(),
                status => words[4].clone(),
                written => e.run.status == rapport_store::RunStatus::Written,
            }
        })
        .collect();
    let columns: Vec<String> = [
        "web-column-report",
        "web-period",
        "web-column-made",
        "web-column-status",
        "web-column-files",
    ]
    .iter()
    .map(|id| messages::label(locale, id))
    .collect();
    render(context! {
        page => "archive",
        title => messages::label(locale, "web-archive"),
        client => context! { id => client, name => name },
        many_clients => many,
        can_upload => visitor.principal.may_change(client),
        runs => runs, columns => columns, message => message,
        ..base(locale, Some(visitor))
    })
}

async fn download(
    State(state): State<Shared>,
    visitor: Visitor,
    Path((client, run, file)): Path<(String, String, String)>,
) -> Response {
    let locale = visitor.locale;
    let scope = match visitor.principal.scope(&state.ws, &client) {
        Ok(s) => s,
        Err(e) => return page_error(e.into(), locale),
    };
    match crate::routes::reports::serve_file(
        &state,
        scope,
        visitor.principal.clone(),
        run,
        file,
        "web",
    )
    .await
    {
        Ok(response) => response,
        Err(e) => page_error(e, locale),
    }
}

#[derive(Debug, Deserialize)]
struct FeedbackForm {
    csrf: String,
    rating: i64,
    comment: Option<String>,
}

async fn feedback(
    State(state): State<Shared>,
    visitor: Visitor,
    headers: HeaderMap,
    Path((client, run)): Path<(String, String)>,
    form: Result<Form<FeedbackForm>, FormRejection>,
) -> Response {
    let locale = visitor.locale;
    let form = match form {
        Ok(Form(f)) => f,
        Err(e) => return page_error(ApiError::input(e.body_text()), locale),
    };
    if let Err(e) = guard(&visitor, &headers, &form.csrf) {
        return page_error(e, locale);
    }
    let scope = match visitor.principal.scope(&state.ws, &client) {
        Ok(s) => s,
        Err(e) => return page_error(e.into(), locale),
    };
    let given = crate::routes::reports::give_feedback(
        scope,
        visitor.principal.clone(),
        &run,
        form.rating,
        form.comment,
        "web",
    )
    .await;
    // After a POST, a redirect: reloading the page does not send twice.
    match given {
        Ok(f) => see_other(&format!("/c/{client}/reports?sent={}", f.report_run_id)),
        Err(e) => page_error(e, locale),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every word a page template shows exists in every language (a
    /// missing one would show as nothing).
    #[test]
    fn every_word_the_pages_use_is_in_every_catalogue() {
        let templates = [
            include_str!("../../templates/bar.html"),
            include_str!("../../templates/page.html"),
        ];
        let mut ids: Vec<&str> = templates
            .iter()
            .flat_map(|t| t.split("t[\"").skip(1))
            .filter_map(|rest| rest.split('"').next())
            .collect();
        ids.extend([
            "web-upload-not-allowed",
            "web-upload-preview",
            "web-upload-preview-entity",
            "web-not-found",
            "web-error",
            "web-bad-login",
            "web-too-many",
            "web-forged",
            "web-feedback-thanks",
            "web-live-note",
            "web-column-report",
            "web-column-made",
            "web-column-status",
            "web-column-files",
        ]);
        assert!(ids.len() > 20);
        for (locale, _) in LANGUAGES {
            for id in &ids {
                assert!(messages::has(locale, id), "{id} missing in {locale:?}");
            }
        }
    }

    #[test]
    fn only_paths_of_this_server_are_followed_after_sign_in() {
        assert_eq!(
            safe_next(Some("/c/lumen?period=2026-10")),
            "/c/lumen?period=2026-10"
        );
        for bad in [
            "//evil.example",
            "https://evil.example",
            "/\\evil.example",
            "/a\r\nSet-Cookie: x=1",
            "/é",
            "evil",
            "",
        ] {
            assert_eq!(safe_next(Some(bad)), "/", "{bad}");
        }
        assert_eq!(safe_next(None), "/");
    }

    #[test]
    fn the_bar_goes_after_the_body_tag_and_its_style_in_the_head() {
        let page = wrap(
            "<html><head><style></style></head><body class=\"x\"><main></main></body></html>",
            "<header>",
            "<p>",
        );
        assert_eq!(
            page,
            "<html><head><style></style><link rel=\"stylesheet\" href=\"/assets/app.css\"></head><body class=\"x\"><header><p><main></main></body></html>"
        );
    }

    #[test]
    fn failures_block_a_key_at_its_limit_only() {
        let t = Throttle::default();
        for _ in 0..3 {
            assert!(!t.blocked("k", 3));
            t.fail("k");
        }
        assert!(t.blocked("k", 3));
        assert!(!t.blocked("other", 3));
        t.clear("k");
        assert!(!t.blocked("k", 3));
    }
}
