//! The console's typeface, Noto Sans (SIL Open Font License, `assets/fonts/OFL.txt`): served to
//! the browser, and registered with the chart library so that a chart's labels are measured in
//! the font they are drawn in.

use std::sync::LazyLock;

use axum::extract::Path;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

const REGULAR: &[u8] = include_bytes!("../../../assets/fonts/NotoSans-Regular.ttf");
const BOLD: &[u8] = include_bytes!("../../../assets/fonts/NotoSans-Bold.ttf");

/// The family's name, once it is registered for measuring.
static FAMILY: LazyLock<&'static str> = LazyLock::new(|| {
    if let Err(e) = charts_rs::add_fonts(&[REGULAR]) {
        tracing::error!(error = %e, "console: the charts' font could not be registered");
    }
    "Noto Sans"
});

/// The family the charts measure and draw their text in.
pub fn family() -> &'static str {
    &FAMILY
}

pub async fn serve(Path(file): Path<String>) -> Response {
    let bytes = match file.as_str() {
        "noto-sans.ttf" => REGULAR,
        "noto-sans-bold.ttf" => BOLD,
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    (
        [
            (header::CONTENT_TYPE, "font/ttf"),
            (header::CACHE_CONTROL, "max-age=86400"),
        ],
        bytes,
    )
        .into_response()
}
