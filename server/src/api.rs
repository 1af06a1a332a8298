//! The HTTP API under `/api/v1/`. JSON in and out; every error is `{code, message}` with a 4xx
//! saying what was wrong, or a 5xx that logs the cause and says nothing internal.

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;

use aiguillage_domain::sync::{
    Bundle, EnrolRequest, EnrolResponse, ErrorBody, MAX_BATCH_BYTES, MAX_BATCH_OPERATIONS,
    PullResponse, PushRequest, PushResponse, StatusResponse, check_public_key,
};

use crate::credentials;
use crate::metrics::{self, METRICS};
use crate::now;
use crate::storage::console::ConsoleStorage;
use crate::storage::{Device, Storage, StoreError};

/// Bodies larger than this are refused before parsing (a full batch plus JSON overhead).
pub const MAX_BODY_BYTES: usize = MAX_BATCH_BYTES + 64 * 1024;
/// A bundle may hold many batches.
pub const MAX_BUNDLE_BYTES: usize = 64 * 1024 * 1024;

/// An error answered to a client.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    body: ErrorBody,
    extra: Option<serde_json::Value>,
}

impl ApiError {
    fn new(status: StatusCode, code: &str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            body: ErrorBody {
                code: code.into(),
                message: message.into(),
            },
            extra: None,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut value = serde_json::to_value(&self.body).unwrap_or_default();
        if let (Some(serde_json::Value::Object(extra)), serde_json::Value::Object(map)) =
            (self.extra, &mut value)
        {
            map.extend(extra);
        }
        (self.status, Json(value)).into_response()
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        let message = e.to_string();
        match e {
            StoreError::BadCode => ApiError::new(StatusCode::FORBIDDEN, "bad_code", message),
            StoreError::Unauthorized => ApiError::new(
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                "this device is not (or no longer) allowed to sync; its records stay on it and can leave by file bundle",
            ),
            StoreError::NotFound(_) => ApiError::new(StatusCode::NOT_FOUND, "not_found", message),
            StoreError::Conflict { .. } => ApiError::new(StatusCode::CONFLICT, "conflict", message),
            StoreError::Gap { expected, .. } => {
                let mut error = ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "gap", message);
                error.extra = Some(serde_json::json!({ "expected": expected }));
                error
            }
            StoreError::Invalid(_) => {
                ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid", message)
            }
            StoreError::Forbidden(_) => ApiError::new(StatusCode::FORBIDDEN, "forbidden", message),
            StoreError::Internal(cause) => {
                tracing::error!(%cause, "storage failed");
                ApiError::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal",
                    "the server failed; try again later",
                )
            }
        }
    }
}

fn bad_json(rejection: JsonRejection) -> ApiError {
    let status = rejection.status();
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        return ApiError::new(
            status,
            "too_large",
            format!("the request body is larger than {MAX_BODY_BYTES} bytes"),
        );
    }
    let code = if status == StatusCode::UNSUPPORTED_MEDIA_TYPE {
        "unsupported_media_type"
    } else {
        "bad_json"
    };
    ApiError::new(status, code, rejection.body_text())
}

/// The device behind the request's bearer token.
async fn device<S: Storage>(storage: &S, headers: &HeaderMap) -> Result<Device, ApiError> {
    let token = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| t.len() == 64 && t.chars().all(|c| c.is_ascii_hexdigit()))
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                "a device token is required (Authorization: Bearer …)",
            )
        })?;
    Ok(storage
        .authenticate(credentials::hash(token), now())
        .await?)
}

/// The API's routes over `storage`, and the web console under `/console/`.
pub fn router<S: ConsoleStorage>(storage: S) -> Router {
    let api = Router::new()
        .route("/health", get(health))
        .route("/enrol", post(enrol::<S>))
        .route("/sync/status", get(status::<S>))
        .route("/sync/push", post(push::<S>))
        .route("/sync/pull", get(pull::<S>))
        .route(
            "/bundles",
            post(import_bundle::<S>).layer(DefaultBodyLimit::max(MAX_BUNDLE_BYTES)),
        )
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES));
    Router::new()
        .nest("/api/v1", api)
        .route("/metrics", get(metrics::endpoint))
        .nest("/console", crate::console::router())
        .route(
            "/console/",
            get(|| async { axum::response::Redirect::to("/console/centres") }),
        )
        .fallback(|| async {
            ApiError::new(StatusCode::NOT_FOUND, "not_found", "no such endpoint")
        })
        .layer(axum::middleware::from_fn(metrics::track))
        .with_state(storage)
}

async fn health() -> Json<serde_json::Value> {
    Json(serde_json::json!({ "status": "ok" }))
}

async fn enrol<S: Storage>(
    State(storage): State<S>,
    body: Result<Json<EnrolRequest>, JsonRejection>,
) -> Result<Json<EnrolResponse>, ApiError> {
    let Json(request) = body.map_err(bad_json)?;
    let name = request.device_name.trim().to_owned();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid",
            "device_name must have between 1 and 100 characters",
        ));
    }
    if let Some(key) = &request.public_key {
        check_public_key(key)
            .map_err(|m| ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid", m))?;
    }
    let token = credentials::new_token();
    let code = credentials::normalise_code(&request.code);
    let (device, centre) = storage
        .enrol(
            credentials::hash(&code),
            name,
            credentials::hash(&token),
            request.public_key,
            now(),
        )
        .await?;
    Ok(Json(EnrolResponse {
        device_id: device.id,
        centre_id: centre.id,
        centre_name: centre.name,
        token,
    }))
}

async fn status<S: Storage>(
    State(storage): State<S>,
    headers: HeaderMap,
) -> Result<Json<StatusResponse>, ApiError> {
    let device = device(&storage, &headers).await?;
    let id = device.id.clone();
    let (acked_through, latest_change) = storage.status(device).await?;
    Ok(Json(StatusResponse {
        device_id: id,
        acked_through,
        latest_change,
    }))
}

/// Checks a batch before it reaches storage: size and each operation's form and hash.
fn check_batch(operations: &[aiguillage_domain::sync::WireOperation]) -> Result<(), ApiError> {
    if operations.len() > MAX_BATCH_OPERATIONS {
        return Err(ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_many_operations",
            format!(
                "a batch holds at most {MAX_BATCH_OPERATIONS} operations, this one {}",
                operations.len()
            ),
        ));
    }
    for op in operations {
        op.check()
            .map_err(|m| ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid", m))?;
    }
    if operations.windows(2).any(|w| w[1].seq != w[0].seq + 1) {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid",
            "operations of a batch must have consecutive seq",
        ));
    }
    Ok(())
}

/// Refuses with 422, naming the operation's seq and why, a batch holding an operation whose body
/// is not what its entity and kind hold; nothing of it is stored.
async fn check_bodies<S: Storage>(
    storage: &S,
    operations: &[aiguillage_domain::sync::WireOperation],
) -> Result<(), ApiError> {
    crate::questionnaires::check_bodies(storage, operations)
        .await?
        .map_err(|m| ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid", m))
}

async fn store_batch<S: Storage>(
    storage: &S,
    device: Device,
    operations: Vec<aiguillage_domain::sync::WireOperation>,
) -> Result<Json<PushResponse>, ApiError> {
    let outcome = storage.push(device, operations, now()).await?;
    METRICS.stored(outcome.stored);
    // The proof that a server killed after committing but before answering loses nothing needs a
    // server that dies exactly there; only test builds have this switch.
    #[cfg(feature = "fault-injection")]
    if std::env::var_os("AIGUILLAGE_FAULT_EXIT_AFTER_COMMIT").is_some() {
        std::process::exit(137);
    }
    if !outcome.erased.is_empty() {
        let mut error = ApiError::new(
            StatusCode::GONE,
            "erased",
            "some records of this batch were erased and were not stored",
        );
        error.extra = Some(
            serde_json::json!({ "acked_through": outcome.acked_through, "erased": outcome.erased }),
        );
        return Err(error);
    }
    Ok(Json(PushResponse {
        acked_through: outcome.acked_through,
    }))
}

async fn push<S: Storage>(
    State(storage): State<S>,
    headers: HeaderMap,
    body: Result<Json<PushRequest>, JsonRejection>,
) -> Result<Json<PushResponse>, ApiError> {
    let device = device(&storage, &headers).await?;
    let Json(request) = body.map_err(bad_json)?;
    let stored = async {
        check_batch(&request.operations)?;
        check_bodies(&storage, &request.operations).await?;
        store_batch(&storage, device, request.operations).await
    }
    .await;
    counted(stored)
}

/// Counts a batch's refusal by its reason (a stored batch is counted where it is stored).
fn counted<T>(result: Result<T, ApiError>) -> Result<T, ApiError> {
    if let Err(e) = &result
        && e.status.is_client_error()
    {
        METRICS.refused(&e.body.code);
    }
    result
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PullQuery {
    #[serde(default)]
    after: i64,
    limit: Option<i64>,
}

async fn pull<S: Storage>(
    State(storage): State<S>,
    headers: HeaderMap,
    query: Result<Query<PullQuery>, QueryRejection>,
) -> Result<Json<PullResponse>, ApiError> {
    let device = device(&storage, &headers).await?;
    let Query(query) =
        query.map_err(|e| ApiError::new(StatusCode::BAD_REQUEST, "bad_query", e.body_text()))?;
    if query.after < 0 {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "bad_query",
            "after must not be negative",
        ));
    }
    let limit = query.limit.unwrap_or(500).clamp(1, 500);
    let (changes, more) = storage.pull(device, query.after, limit).await?;
    let cursor = changes.last().map_or(query.after, |c| c.change_seq);
    Ok(Json(PullResponse {
        changes,
        cursor,
        more,
    }))
}

async fn import_bundle<S: Storage>(
    State(storage): State<S>,
    headers: HeaderMap,
    body: Result<Json<Bundle>, JsonRejection>,
) -> Result<Json<PushResponse>, ApiError> {
    let forwarder = device(&storage, &headers).await?;
    let Json(bundle) = body.map_err(bad_json)?;
    let origin = storage
        .list_devices()
        .await?
        .into_iter()
        .find(|d| d.id == bundle.device_id)
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid",
                "the bundle's device is unknown",
            )
        })?;
    if origin.centre_id != forwarder.centre_id {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "forbidden",
            "a device can only forward bundles of its own centre",
        ));
    }
    let key = storage.bundle_key(origin.id.clone()).await?;
    bundle
        .verify(&key)
        .map_err(|m| ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "bad_bundle", m))?;
    // Every operation checked before any batch of the bundle is stored.
    counted(check_bodies(&storage, &bundle.operations).await)?;
    let mut last = PushResponse { acked_through: 0 };
    for batch in bundle.operations.chunks(MAX_BATCH_OPERATIONS) {
        last = counted(store_batch(&storage, origin.clone(), batch.to_vec()).await)?.0;
    }
    Ok(Json(last))
}
