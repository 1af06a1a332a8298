//! Signing in and out, and what every signed-in request carries: the session cookie (HttpOnly,
//! Secure, SameSite=Strict; only its hash is stored, so sessions hold across server processes),
//! the session's CSRF token that every form sends back, and the language of the pages.

use askama::Template;
use axum::extract::{Form, FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use serde::Deserialize;

use super::{Failure, Frame, Lang, Tr, html};
use crate::accounts::{self, Refusal};
use crate::credentials;
use crate::now;
use crate::storage::console::{Account, ConsoleStorage};

/// The session cookie.
const SESSION: &str = "aiguillage_console";
/// The sign-in form's token, for the time between showing the form and sending it.
const SIGN_IN: &str = "aiguillage_sign_in";
/// The chosen language.
const LANG: &str = "aiguillage_lang";
/// How long a session lasts (a working day); then one signs in again.
const SESSION_HOURS: i64 = 10;

/// The language a request's query asks for with `?lang=`, if any the console has.
pub fn asked_lang(query: Option<&str>) -> Option<Lang> {
    query?
        .split('&')
        .find_map(|pair| pair.strip_prefix("lang="))
        .and_then(Lang::from_code)
}

/// The language of a request: `?lang=`, else the cookie, else the browser's first choice of
/// French or English, else French.
pub fn lang(headers: &HeaderMap, query: Option<&str>) -> Lang {
    asked_lang(query)
        .or_else(|| {
            CookieJar::from_headers(headers)
                .get(LANG)
                .and_then(|c| Lang::from_code(c.value()))
        })
        .or_else(|| {
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.split(',').find_map(|tag| Lang::from_code(tag.trim())))
        })
        .unwrap_or_default()
}

/// A cookie the console sets: never readable by scripts, sent only over HTTPS (or to the
/// loopback) and only from the console's own pages.
fn cookie(name: &'static str, value: String, path: &'static str) -> Cookie<'static> {
    Cookie::build((name, value))
        .path(path)
        .http_only(true)
        .secure(true)
        .same_site(SameSite::Strict)
        .build()
}

/// The cookie that keeps the language chosen with `?lang=`.
pub fn lang_cookie(lang: Lang) -> Cookie<'static> {
    cookie(LANG, lang.code().into(), "/console")
}

/// A signed-in request: the account, its session's CSRF token, and the page frame.
#[derive(Debug, Clone)]
pub struct Signed {
    pub account: Account,
    pub frame: Frame,
    token_hash: String,
}

impl Signed {
    /// `Ok` when a form's token is the session's; a change without it is refused.
    pub fn check(&self, token: &str) -> Result<(), Failure> {
        if constant_time_eq(token.as_bytes(), self.frame.csrf.as_bytes()) {
            Ok(())
        } else {
            Err(Failure::new(
                &self.frame,
                StatusCode::FORBIDDEN,
                "refused-csrf",
            ))
        }
    }

    /// `Ok` for the network's coordinator; what only they may do is refused to others.
    pub fn network_only(&self) -> Result<(), Failure> {
        if self.frame.network() {
            Ok(())
        } else {
            Err(Failure::new(
                &self.frame,
                StatusCode::FORBIDDEN,
                "refused-network-only",
            ))
        }
    }

    /// The page frame with this page's navigation entry and title.
    pub fn page(&self, nav: &'static str, title: &'static str) -> Frame {
        Frame {
            nav,
            title,
            ..self.frame.clone()
        }
    }

    /// The actor of this account's changes in the audit trail.
    pub fn actor(&self) -> String {
        format!("console:{}", self.account.name)
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Why a request is not signed in: it is sent to the sign-in page.
pub struct SignInFirst;

impl IntoResponse for SignInFirst {
    fn into_response(self) -> Response {
        Redirect::to("/console/sign-in").into_response()
    }
}

impl<S: ConsoleStorage> FromRequestParts<S> for Signed {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, storage: &S) -> Result<Self, Response> {
        let lang = lang(&parts.headers, parts.uri.query());
        let Some(token) = CookieJar::from_headers(&parts.headers)
            .get(SESSION)
            .map(|c| c.value().to_owned())
        else {
            return Err(SignInFirst.into_response());
        };
        let token_hash = credentials::hash(&token);
        let frame = Frame {
            t: Tr { lang },
            ..Frame::default()
        };
        match storage.session(token_hash.clone(), now()).await {
            Ok(Some((account, csrf))) => Ok(Signed {
                frame: Frame {
                    account: Some(account.clone()),
                    csrf,
                    ..frame
                },
                account,
                token_hash,
            }),
            Ok(None) => Err(SignInFirst.into_response()),
            Err(e) => Err(Failure::store(&frame, e).into_response()),
        }
    }
}

#[derive(Template)]
#[template(path = "console/sign_in.html")]
struct SignInPage<'a> {
    f: &'a Frame,
    name: &'a str,
    error: Option<String>,
}

fn sign_in_form(lang: Lang, name: &str, error: Option<String>, status: StatusCode) -> Response {
    let token = credentials::new_token();
    let frame = Frame {
        t: Tr { lang },
        csrf: token.clone(),
        title: "sign-in-title",
        ..Frame::default()
    };
    let jar = CookieJar::new().add(cookie(SIGN_IN, token, "/console/sign-in"));
    let page = SignInPage {
        f: &frame,
        name,
        error,
    };
    (status, jar, html(&page)).into_response()
}

pub async fn sign_in_page(headers: HeaderMap, uri: axum::http::Uri) -> Response {
    sign_in_form(lang(&headers, uri.query()), "", None, StatusCode::OK)
}

#[derive(Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    passphrase: String,
    #[serde(default)]
    csrf: String,
}

pub async fn sign_in<S: ConsoleStorage>(
    State(storage): State<S>,
    headers: HeaderMap,
    jar: CookieJar,
    form: Result<Form<SignInForm>, axum::extract::rejection::FormRejection>,
) -> Response {
    let lang = lang(&headers, None);
    let t = Tr { lang };
    let frame = Frame {
        t,
        ..Frame::default()
    };
    let Ok(Form(form)) = form else {
        return Failure::new(&frame, StatusCode::BAD_REQUEST, "refused-form").into_response();
    };
    let expected = jar.get(SIGN_IN).map(|c| c.value().to_owned());
    if !expected.is_some_and(|e| constant_time_eq(e.as_bytes(), form.csrf.as_bytes())) {
        return sign_in_form(
            lang,
            &form.name,
            Some(t.get("sign-in-expired")),
            StatusCode::FORBIDDEN,
        );
    }
    if form.name.trim().is_empty() || form.passphrase.is_empty() {
        return sign_in_form(
            lang,
            &form.name,
            Some(t.get("sign-in-missing")),
            StatusCode::UNPROCESSABLE_ENTITY,
        );
    }
    let at = chrono::Utc::now();
    let outcome = match accounts::sign_in(&storage, &form.name, &form.passphrase, at).await {
        Ok(outcome) => outcome,
        Err(e) => return Failure::store(&frame, e).into_response(),
    };
    let account = match outcome {
        Ok(account) => account,
        Err(refusal) => {
            let message = match refusal {
                Refusal::Wrong => t.get("sign-in-wrong"),
                Refusal::Wait(seconds) => t.n("sign-in-wait", ((seconds + 59) / 60).max(1)),
            };
            return sign_in_form(lang, &form.name, Some(message), StatusCode::UNAUTHORIZED);
        }
    };
    let token = credentials::new_token();
    let expires = aiguillage_domain::time::stamp(at + chrono::Duration::hours(SESSION_HOURS));
    let opened = storage
        .open_session(
            credentials::hash(&token),
            account.name.clone(),
            credentials::new_token(),
            expires,
            now(),
        )
        .await;
    if let Err(e) = opened {
        return Failure::store(&frame, e).into_response();
    }
    let jar = jar
        .remove(Cookie::build(SIGN_IN).path("/console/sign-in"))
        .add(cookie(SESSION, token, "/console"));
    (jar, Redirect::to("/console/centres")).into_response()
}

#[derive(Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

pub async fn sign_out<S: ConsoleStorage>(
    State(storage): State<S>,
    signed: Signed,
    jar: CookieJar,
    Form(form): Form<CsrfForm>,
) -> Result<Response, Failure> {
    signed.check(&form.csrf)?;
    storage
        .close_session(signed.token_hash.clone())
        .await
        .and(
            storage
                .audit(signed.actor(), "sign_out".into(), None, now())
                .await,
        )
        .map_err(|e| Failure::store(&signed.frame, e))?;
    let jar = jar.remove(Cookie::build(SESSION).path("/console"));
    Ok((jar, Redirect::to("/console/sign-in")).into_response())
}
