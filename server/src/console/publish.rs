//! Publishing from the console: a questionnaire version to every device (the network's
//! coordinator only), and a centre's directory of structures and services (data·inclusion v1
//! files) to that centre's devices. Files are sent as plain form uploads and checked whole
//! before anything is published.

use askama::Template;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::Response;

use super::pages::visible_centres;
use super::{Failure, FieldError, Frame, Signed, form_page};
use crate::admin;
use crate::storage::console::ConsoleStorage;
use crate::storage::{Centre, StoreError};

/// The most a form's files may weigh together.
pub const MAX_UPLOAD_BYTES: usize = 100 * 1024 * 1024;

/// What a publication did, shown above the forms.
pub struct Outcome {
    pub message: String,
    /// The directory's rows refused, as (kind, id, why).
    pub rejected: Vec<(String, String, String)>,
}

#[derive(Template)]
#[template(path = "console/publish.html")]
struct PublishPage<'a> {
    f: &'a Frame,
    centres: Vec<Centre>,
    centre: String,
    error: FieldError,
    outcome: Option<Outcome>,
}

async fn render<S: ConsoleStorage>(
    storage: &S,
    signed: &Signed,
    centre: String,
    error: FieldError,
    outcome: Option<Outcome>,
) -> Result<Response, Failure> {
    let centres = visible_centres(storage, signed).await?;
    let f = signed.page("nav-publish", "publish-title");
    let page = PublishPage {
        f: &f,
        centres,
        centre,
        error,
        outcome,
    };
    Ok(form_page(&page, &page.error))
}

pub async fn page<S: ConsoleStorage>(
    State(storage): State<S>,
    signed: Signed,
) -> Result<Response, Failure> {
    render(
        &storage,
        &signed,
        String::new(),
        FieldError::default(),
        None,
    )
    .await
}

/// A form's fields: text values and files, by name.
#[derive(Default)]
struct Fields {
    values: Vec<(String, String)>,
    files: Vec<(String, Vec<u8>)>,
}

impl Fields {
    fn value(&self, name: &str) -> &str {
        self.values
            .iter()
            .find(|(n, _)| n == name)
            .map_or("", |(_, v)| v.as_str())
    }

    /// A file's text: `None` when none was chosen, `Err` when it is not text.
    fn file(&self, name: &str) -> Option<Result<&str, ()>> {
        self.files
            .iter()
            .find(|(n, bytes)| n == name && !bytes.is_empty())
            .map(|(_, bytes)| std::str::from_utf8(bytes).map_err(|_| ()))
    }
}

async fn read(mut multipart: Multipart, frame: &Frame) -> Result<Fields, Failure> {
    let mut fields = Fields::default();
    let refused = |_| Failure::new(frame, StatusCode::BAD_REQUEST, "refused-form");
    while let Some(field) = multipart.next_field().await.map_err(refused)? {
        let name = field.name().unwrap_or_default().to_owned();
        if field.file_name().is_some() {
            let bytes = field.bytes().await.map_err(refused)?;
            fields.files.push((name, bytes.to_vec()));
        } else {
            let text = field.text().await.map_err(refused)?;
            fields.values.push((name, text));
        }
    }
    Ok(fields)
}

pub async fn questionnaire<S: ConsoleStorage>(
    State(storage): State<S>,
    signed: Signed,
    multipart: Multipart,
) -> Result<Response, Failure> {
    let fields = read(multipart, &signed.frame).await?;
    signed.check(fields.value("csrf"))?;
    signed.network_only()?;
    let t = signed.frame.t;
    let refuse = |id: &str| FieldError::on("questionnaire", t.get(id));
    let text = match fields.file("questionnaire") {
        None => {
            return render(
                &storage,
                &signed,
                String::new(),
                refuse("publish-file-missing"),
                None,
            )
            .await;
        }
        Some(Err(())) => {
            return render(
                &storage,
                &signed,
                String::new(),
                refuse("publish-not-text"),
                None,
            )
            .await;
        }
        Some(Ok(text)) => text,
    };
    match admin::publish_questionnaire(&storage, text, &signed.actor()).await {
        Ok((version, _)) => {
            let outcome = Outcome {
                message: t.with("publish-questionnaire-done", &[("version", &version)]),
                rejected: Vec::new(),
            };
            render(
                &storage,
                &signed,
                String::new(),
                FieldError::default(),
                Some(outcome),
            )
            .await
        }
        Err(StoreError::Invalid(why)) => {
            let message = t.with("publish-questionnaire-invalid", &[("why", &why)]);
            render(
                &storage,
                &signed,
                String::new(),
                FieldError::on("questionnaire", message),
                None,
            )
            .await
        }
        Err(e) => Err(Failure::store(&signed.frame, e)),
    }
}

pub async fn directory<S: ConsoleStorage>(
    State(storage): State<S>,
    signed: Signed,
    multipart: Multipart,
) -> Result<Response, Failure> {
    let fields = read(multipart, &signed.frame).await?;
    signed.check(fields.value("csrf"))?;
    let t = signed.frame.t;
    let centre = fields.value("centre").to_owned();
    if centre.is_empty() {
        let error = FieldError::on("centre", t.get("publish-centre-missing"));
        return render(&storage, &signed, centre, error, None).await;
    }
    if !signed.account.role.covers(&centre) {
        return Err(Failure::other_centre(&signed.frame));
    }
    let mut texts = Vec::new();
    for name in ["structures", "services"] {
        match fields.file(name) {
            Some(Ok(text)) => texts.push(text),
            missing_or_not_text => {
                let id = if missing_or_not_text.is_none() {
                    "publish-file-missing"
                } else {
                    "publish-not-text"
                };
                return render(
                    &storage,
                    &signed,
                    centre,
                    FieldError::on(name, t.get(id)),
                    None,
                )
                .await;
            }
        }
    }
    match admin::publish_directory(&storage, &centre, texts[0], texts[1], &signed.actor()).await {
        Ok(import) => {
            let outcome = Outcome {
                message: t.with(
                    "publish-directory-done",
                    &[
                        ("published", &import.published.to_string()),
                        ("rejected", &import.rejected.len().to_string()),
                    ],
                ),
                rejected: import
                    .rejected
                    .into_iter()
                    .take(200)
                    .map(|r| (r.kind.to_owned(), r.id, r.problem.to_string()))
                    .collect(),
            };
            render(
                &storage,
                &signed,
                centre,
                FieldError::default(),
                Some(outcome),
            )
            .await
        }
        Err(StoreError::Invalid(why)) => {
            let field = if why.contains("services") {
                "services"
            } else {
                "structures"
            };
            let message = t.with("publish-directory-invalid", &[("why", &why)]);
            render(
                &storage,
                &signed,
                centre,
                FieldError::on(field, message),
                None,
            )
            .await
        }
        Err(e) => Err(Failure::store(&signed.frame, e)),
    }
}
