//! The web console under `/console/`: server-rendered pages (askama templates, plain forms, no
//! script) for the network's coordinator (every centre) and centres' coordinators (their own
//! centre, enforced here on every request). French first, English second (Fluent catalogue).
//!
//! - `session`: signing in and out, the session cookie, CSRF tokens, the language.
//! - `pages`: centres, devices; `enrolment`: enrolment codes; `pending`: the quarantine and
//!   pending erasures; `audit`: the audit trail.
//! - `reports`: figures across centres and per centre, with their `charts` and tables, and their
//!   `exports` as CSV and JSON.
//! - `publish`: a questionnaire version for every device, a centre's directory.

mod audit;
mod catalogue;
mod charts;
mod enrolment;
mod exports;
mod fonts;
mod pages;
mod pending;
mod publish;
mod reports;
mod session;

use askama::Template;
use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};

pub use catalogue::{Lang, Tr};
pub use session::Signed;

use crate::storage::StoreError;
use crate::storage::console::{Account, ConsoleStorage, Role};

/// The console's routes, to nest under `/console`.
pub fn router<S: ConsoleStorage>() -> Router<S> {
    Router::new()
        .route("/", get(|| async { Redirect::to("/console/centres") }))
        .route(
            "/sign-in",
            get(session::sign_in_page).post(session::sign_in::<S>),
        )
        .route("/sign-out", post(session::sign_out::<S>))
        .route(
            "/centres",
            get(pages::centres::<S>).post(pages::create_centre::<S>),
        )
        .route("/devices", get(pages::devices::<S>))
        .route("/devices/revoke", post(pages::revoke::<S>))
        .route(
            "/enrolment",
            get(enrolment::enrolment_page::<S>).post(enrolment::enrolment_codes::<S>),
        )
        .route("/quarantine", get(pending::quarantine::<S>))
        .route("/erasures", get(pending::erasures::<S>))
        .route("/audit", get(audit::audit::<S>))
        .route("/reports", get(reports::page::<S>))
        .route("/reports/export.csv", get(exports::csv::<S>))
        .route("/reports/export.json", get(exports::json::<S>))
        .route("/publish", get(publish::page::<S>))
        .route("/publish/questionnaire", post(publish::questionnaire::<S>))
        .route("/publish/directory", post(publish::directory::<S>))
        .route("/console.css", get(stylesheet))
        .route("/fonts/{file}", get(fonts::serve))
        .layer(axum::extract::DefaultBodyLimit::max(
            publish::MAX_UPLOAD_BYTES,
        ))
        .layer(axum::middleware::from_fn(guard))
}

async fn stylesheet() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        include_str!("../../static/console.css"),
    )
}

/// Every console response: refuses a change sent from another site (a second guard beside the
/// CSRF tokens), and adds the headers that keep pages out of frames, caches and scripts.
async fn guard(request: Request, next: Next) -> Response {
    if request.method() == Method::POST && cross_site(&request) {
        return (
            StatusCode::FORBIDDEN,
            "This change was sent from another site; it was refused.",
        )
            .into_response();
    }
    let chosen = session::asked_lang(request.uri().query());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if let Some(lang) = chosen
        && let Ok(value) = HeaderValue::from_str(&session::lang_cookie(lang).to_string())
    {
        headers.append(header::SET_COOKIE, value);
    }
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'self'; font-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        ),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    headers
        .entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-store"));
    response
}

/// Whether the browser says the request comes from another site, or names an origin that is
/// not this host.
fn cross_site(request: &Request) -> bool {
    let headers = request.headers();
    if headers
        .get("sec-fetch-site")
        .is_some_and(|v| v.as_bytes() == b"cross-site")
    {
        return true;
    }
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    match (
        headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()),
        host,
    ) {
        (Some(origin), Some(host)) => origin
            .split_once("://")
            .is_none_or(|(_, rest)| rest != host),
        _ => false,
    }
}

/// What every page shows around its content.
#[derive(Debug, Clone, Default)]
pub struct Frame {
    pub t: Tr,
    /// The signed-in account; none on the sign-in page.
    pub account: Option<Account>,
    /// The session's CSRF token, put in every form.
    pub csrf: String,
    /// The navigation entry of this page.
    pub nav: &'static str,
    /// The page's title id in the catalogue.
    pub title: &'static str,
}

impl Frame {
    /// Whether the account is the network's coordinator.
    pub fn network(&self) -> bool {
        self.account
            .as_ref()
            .is_some_and(|a| a.role == Role::Network)
    }

    /// The line under the console's name: the network's, or a centre's.
    pub fn tagline(&self) -> String {
        match self.account.as_ref().map(|a| &a.role) {
            Some(Role::Centre(_)) => self.t.get("console-tagline-centre"),
            _ => self.t.get("console-tagline"),
        }
    }

    /// The role shown beside the account's name.
    pub fn role_label(&self) -> String {
        match self.account.as_ref().map(|a| &a.role) {
            Some(Role::Network) => self.t.get("role-network"),
            Some(Role::Centre(_)) => self.t.get("role-centre"),
            None => String::new(),
        }
    }

    /// The navigation, as (path, text id, current).
    pub fn menu(&self) -> Vec<(&'static str, String, bool)> {
        let mut items = vec![
            ("/console/centres", "nav-centres"),
            ("/console/devices", "nav-devices"),
            ("/console/enrolment", "nav-enrolment"),
            ("/console/reports", "nav-reports"),
            ("/console/publish", "nav-publish"),
            ("/console/quarantine", "nav-quarantine"),
            ("/console/erasures", "nav-erasures"),
        ];
        if self.network() {
            items.push(("/console/audit", "nav-audit"));
        }
        items
            .into_iter()
            .map(|(path, id)| (path, self.t.get(id), id == self.nav))
            .collect()
    }
}

/// A page that cannot be shown: the reason in one sentence, with the status.
#[derive(Debug)]
pub struct Failure {
    frame: Box<Frame>,
    status: StatusCode,
    message: String,
}

#[derive(Template)]
#[template(path = "console/error.html")]
struct ErrorPage<'a> {
    f: &'a Frame,
    message: &'a str,
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        let mut frame = *self.frame;
        frame.title = match self.status {
            StatusCode::FORBIDDEN => "error-forbidden-title",
            StatusCode::NOT_FOUND => "error-not-found-title",
            StatusCode::UNPROCESSABLE_ENTITY | StatusCode::BAD_REQUEST => "error-refused-title",
            _ => "error-title",
        };
        frame.nav = "";
        let page = ErrorPage {
            f: &frame,
            message: &self.message,
        };
        (self.status, html(&page)).into_response()
    }
}

impl Failure {
    /// A refusal with the catalogue's text `id`.
    pub fn new(frame: &Frame, status: StatusCode, id: &str) -> Self {
        Failure {
            message: frame.t.get(id),
            frame: Box::new(frame.clone()),
            status,
        }
    }

    /// The page of another centre than the account's.
    pub fn other_centre(frame: &Frame) -> Self {
        Failure::new(frame, StatusCode::FORBIDDEN, "refused-other-centre")
    }

    /// What storage refused, or a failure logged and told without detail.
    pub fn store(frame: &Frame, e: StoreError) -> Self {
        match e {
            StoreError::NotFound(_) => {
                Failure::new(frame, StatusCode::NOT_FOUND, "refused-not-found")
            }
            StoreError::Internal(cause) => {
                tracing::error!(%cause, "console: storage failed");
                Failure::new(frame, StatusCode::INTERNAL_SERVER_ERROR, "refused-internal")
            }
            other => Failure {
                message: other.to_string(),
                frame: Box::new(frame.clone()),
                status: StatusCode::UNPROCESSABLE_ENTITY,
            },
        }
    }
}

/// A page with a form: 422 when one of its fields was refused (said next to it), else 200.
pub fn form_page(page: &impl Template, error: &FieldError) -> Response {
    let status = if error.any() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    (status, html(page)).into_response()
}

/// A rendered template, or a logged 500.
pub fn html(page: &impl Template) -> Response {
    match page.render() {
        Ok(body) => Html(body).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "console: a template failed");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "The page could not be drawn.",
            )
                .into_response()
        }
    }
}

/// A form's refusal, shown next to its field (empty when the form was accepted).
#[derive(Debug, Clone, Default)]
pub struct FieldError {
    /// The refused field's `name`.
    field: &'static str,
    message: String,
}

impl FieldError {
    /// A refusal of `field`.
    pub fn on(field: &'static str, message: String) -> Self {
        FieldError { field, message }
    }

    /// The refusal of `field`, if it is the one refused (for the templates).
    pub fn of(&self, field: &str) -> Option<&str> {
        (self.any() && self.field == field).then_some(self.message.as_str())
    }

    /// The refusal's sentence.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The ARIA attributes of field `id`'s input: described by its hint (when it has one) and
    /// its refusal, and marked invalid when refused. `id` is the template's own literal.
    pub fn aria(&self, id: &str, hint: bool) -> String {
        let refused = self.of(id).is_some();
        let described: Vec<String> = [(hint, "hint"), (refused, "error")]
            .into_iter()
            .filter(|(on, _)| *on)
            .map(|(_, what)| format!("{id}-{what}"))
            .collect();
        let mut attributes = String::new();
        if !described.is_empty() {
            attributes = format!(" aria-describedby=\"{}\"", described.join(" "));
        }
        if refused {
            attributes.push_str(" aria-invalid=\"true\"");
        }
        attributes
    }

    /// Whether a field was refused.
    pub fn any(&self) -> bool {
        !self.message.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::FieldError;

    #[test]
    fn a_fields_input_names_its_hint_and_its_refusal() {
        let none = FieldError::default();
        assert_eq!(
            none.aria("count", true),
            r#" aria-describedby="count-hint""#
        );
        assert_eq!(none.aria("centre", false), "", "nothing to name");
        let refused = FieldError::on("count", "Indiquez un nombre.".into());
        assert_eq!(
            refused.aria("count", true),
            r#" aria-describedby="count-hint count-error" aria-invalid="true""#
        );
        assert_eq!(
            refused.aria("hours", true),
            r#" aria-describedby="hours-hint""#,
            "another field's refusal is not this one's"
        );
    }
}
