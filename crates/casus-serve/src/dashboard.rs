//! The dashboard: one HTML page, one stylesheet, one script and an icon,
//! written for casus and embedded with `include_str!` (nothing loaded
//! from elsewhere; it works offline). The script reads the API and draws
//! the timeline and matrix as SVG; the page's query string holds the
//! whole view, so a URL can be shared.
//!
//! Static files are looked up by exact name in [`ASSETS`]: no file
//! system access, so no path traversal.

use axum::extract::rejection::PathRejection;
use axum::extract::Path;
use axum::http::header::{HeaderValue, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use crate::error::ApiError;
use crate::state::AppState;

/// The embedded files: (name under `/static/`, content type, bytes).
pub const ASSETS: &[(&str, &str, &str)] = &[
    (
        "app.js",
        "text/javascript; charset=utf-8",
        include_str!("../assets/app.js"),
    ),
    ("app.css", "text/css; charset=utf-8", include_str!("../assets/app.css")),
    ("favicon.svg", "image/svg+xml", include_str!("../assets/favicon.svg")),
];

/// The page itself.
pub const INDEX: &str = include_str!("../assets/index.html");

/// Routes: `/`, `/static/{name}` and `/favicon.ico`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(index))
        .route("/static/{name}", get(asset))
        .route("/favicon.ico", get(favicon))
}

fn with_type(body: &'static str, content_type: &'static str) -> Response {
    let mut r = body.into_response();
    r.headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    r
}

async fn index() -> Response {
    with_type(INDEX, "text/html; charset=utf-8")
}

async fn favicon() -> Response {
    match ASSETS.iter().find(|(n, _, _)| *n == "favicon.svg") {
        Some((_, t, body)) => with_type(body, t),
        None => ApiError::not_found("no icon").into_response(),
    }
}

async fn asset(name: Result<Path<String>, PathRejection>) -> Response {
    let Ok(Path(name)) = name else {
        return ApiError::not_found("no such file").into_response();
    };
    match ASSETS.iter().find(|(n, _, _)| *n == name) {
        Some((_, t, body)) => with_type(body, t),
        None => ApiError::not_found(format!(
            "no static file {:?}",
            crate::params::clip(&name)
        ))
        .into_response(),
    }
}

/// Bytes a first visit loads: the page and every asset it references.
pub fn first_load_bytes() -> usize {
    INDEX.len() + ASSETS.iter().map(|(_, _, b)| b.len()).sum::<usize>()
}
