//! Errors: the crate's [`Error`] (starting the server) and [`ApiError`],
//! the JSON error every failed request gets.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// Errors starting or running the server.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The store could not be opened.
    #[error(transparent)]
    Store(#[from] casus_store::Error),
    /// Binding the address or serving failed (the cause is the source).
    #[error("{what}")]
    Io {
        /// What was being done.
        what: String,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
}

/// A request that failed: an HTTP status and a JSON body
/// `{"error": {"status", "code", "parameter", "message"}}`.
#[derive(Clone, Debug, PartialEq)]
pub struct ApiError {
    /// The HTTP status.
    pub status: StatusCode,
    /// A stable machine-readable code (`bad_parameter`, `not_found`, ...).
    pub code: &'static str,
    /// The offending parameter (query, path or header name), if any.
    pub parameter: Option<String>,
    /// What went wrong, for people.
    pub message: String,
}

#[derive(Serialize)]
struct Body<'a> {
    error: Inner<'a>,
}

#[derive(Serialize)]
struct Inner<'a> {
    status: u16,
    code: &'a str,
    parameter: Option<&'a str>,
    message: &'a str,
}

impl ApiError {
    /// 400 naming the bad parameter.
    pub fn param(name: &str, message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            code: "bad_parameter",
            parameter: Some(name.to_string()),
            message: message.into(),
        }
    }

    /// 404: no such route or object.
    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::NOT_FOUND,
            code: "not_found",
            parameter: None,
            message: message.into(),
        }
    }

    /// 405: the route exists but not for this method.
    pub fn method() -> ApiError {
        ApiError {
            status: StatusCode::METHOD_NOT_ALLOWED,
            code: "method_not_allowed",
            parameter: None,
            message: "only GET and HEAD are served: the API is read-only"
                .into(),
        }
    }

    /// 503: the request's time budget ran out (the query was cancelled).
    pub fn timeout(budget: std::time::Duration) -> ApiError {
        ApiError {
            status: StatusCode::SERVICE_UNAVAILABLE,
            code: "timeout",
            parameter: None,
            message: format!(
                "the query did not finish within the {} ms budget and was \
                 cancelled; narrow the filters or the window",
                budget.as_millis()
            ),
        }
    }

    /// 500: a store error that is not the client's fault.
    pub fn internal(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            code: "internal",
            parameter: None,
            message: message.into(),
        }
    }

    /// The JSON body.
    pub fn body(&self) -> String {
        let b = Body {
            error: Inner {
                status: self.status.as_u16(),
                code: self.code,
                parameter: self.parameter.as_deref(),
                message: &self.message,
            },
        };
        serde_json::to_string(&b).unwrap_or_else(|_| "{}".into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut r = (self.status, self.body()).into_response();
        r.headers_mut().insert(
            axum::http::header::CONTENT_TYPE,
            axum::http::HeaderValue::from_static("application/json"),
        );
        r
    }
}
