//! casus-serve: the HTTP API and web dashboard over a casus store
//! (`casus serve`).
//!
//! * [`api`]: a read-only JSON API under `/api/v1` over
//!   `casus_store::query` (events, clusters, timelines, actors, articles,
//!   search, codes, stats), described by an OpenAPI 3 document at
//!   `/api/v1/openapi.json`.
//! * [`dashboard`]: the dashboard at `/`, plain HTML, CSS and JavaScript
//!   drawing SVG, embedded in the binary (no CDN, works offline).
//!
//! Safe by default: it binds to loopback (and then only answers requests
//! whose `Host` is a loopback name, against DNS rebinding), opens the
//! store read-only, validates every parameter (400 with a JSON error that
//! names it), bounds result sizes, and cancels any request that runs past
//! its time budget (2 s) by interrupting SQLite. Each query reads the
//! store's latest committed state, so `casus ingest` into the same store
//! while it serves is picked up without a restart.
//!
//! # Example
//!
//! ```no_run
//! let config = casus_serve::Config::new("casus.db".into());
//! let server = casus_serve::Server::start(config)?;
//! println!("serving on http://{}/", server.addr());
//! server.wait()?;
//! # Ok::<(), casus_serve::Error>(())
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod api;
pub mod dashboard;
mod db;
mod error;
mod params;
mod responses;
mod state;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::http::{Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;

pub use crate::error::{ApiError, Error};
use crate::state::{AppState, Cache};

/// `Result` with the crate's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

/// How the server runs.
#[derive(Clone, Debug)]
pub struct Config {
    /// The store to serve (opened read-only).
    pub db: PathBuf,
    /// Where to listen (default `127.0.0.1:8080`; port 0 picks one).
    pub addr: SocketAddr,
    /// Time budget of one request.
    pub budget: Duration,
    /// Read-only SQLite connections (concurrent queries).
    pub connections: usize,
    /// How often the coverage cache checks the store for new batches.
    pub refresh: Duration,
}

impl Config {
    /// Defaults: loopback port 8080, a 2 s budget, two connections per
    /// core (at least four).
    pub fn new(db: PathBuf) -> Config {
        let cores =
            std::thread::available_parallelism().map_or(2, |n| n.get());
        Config {
            db,
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            budget: Duration::from_secs(2),
            connections: (cores * 2).max(4),
            refresh: Duration::from_secs(1),
        }
    }
}

/// The whole application: API, dashboard, fallback and the guard
/// middleware (host check, time budget, security headers).
fn app(state: AppState, loopback: bool) -> Router {
    let guard = Guard { loopback, budget: state.db.budget() };
    api::router()
        .merge(dashboard::router())
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .with_state(state)
        .layer(middleware::from_fn_with_state(guard, guarded))
}

async fn not_found(method: Method, uri: axum::http::Uri) -> ApiError {
    ApiError::not_found(format!(
        "no route {method} {}; the API is under /api/v1 (see /api/v1/openapi.json)",
        params::clip(uri.path())
    ))
}

async fn method_not_allowed() -> ApiError {
    ApiError::method()
}

#[derive(Clone, Copy)]
struct Guard {
    loopback: bool,
    budget: Duration,
}

/// Whether a `Host` header names this machine (`localhost`,
/// `127.0.0.1`, `[::1]`, with any port).
fn loopback_host(h: &HeaderValue) -> bool {
    let Ok(h) = h.to_str() else { return false };
    let host = match h.rsplit_once(':') {
        Some((host, port))
            if !host.is_empty()
                && port.bytes().all(|b| b.is_ascii_digit()) =>
        {
            host
        }
        _ => h,
    };
    let host = host.to_ascii_lowercase();
    host == "localhost"
        || host == "[::1]"
        || host.parse::<std::net::Ipv4Addr>().is_ok_and(|ip| ip.is_loopback())
}

async fn guarded(
    State(g): State<Guard>,
    req: Request,
    next: Next,
) -> Response {
    if g.loopback {
        if let Some(h) = req.headers().get(header::HOST) {
            if !loopback_host(h) {
                let mut e = ApiError::param(
                    "Host",
                    "this server listens on loopback and only answers requests for \
                     localhost, 127.0.0.1 or [::1]",
                );
                e.code = "bad_host";
                return e.into_response();
            }
        }
    }
    let is_api = req.uri().path().starts_with("/api/");
    // The database work is cancelled at the budget; this outer bound
    // catches anything else and answers in time.
    let outer = g.budget + Duration::from_millis(250);
    let mut resp = match tokio::time::timeout(outer, next.run(req)).await {
        Ok(r) => r,
        Err(_) => ApiError::timeout(g.budget).into_response(),
    };
    security_headers(resp.headers_mut(), is_api);
    if resp.status() == StatusCode::METHOD_NOT_ALLOWED {
        resp.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
    }
    resp
}

/// Headers that keep browsers from sniffing, framing, leaking referrers
/// or loading anything from elsewhere.
fn security_headers(h: &mut HeaderMap, api: bool) {
    let set = |h: &mut HeaderMap, k: &'static str, v: &'static str| {
        h.insert(k, HeaderValue::from_static(v));
    };
    set(h, "x-content-type-options", "nosniff");
    set(h, "referrer-policy", "no-referrer");
    set(h, "x-frame-options", "DENY");
    set(h, "cross-origin-resource-policy", "same-origin");
    set(
        h,
        "content-security-policy",
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
         connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    );
    set(h, "cache-control", if api { "no-store" } else { "no-cache" });
}

/// A running server (on its own runtime thread); dropping it stops it.
pub struct Server {
    addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<Result<()>>>,
}

impl Server {
    /// Opens the store, binds `config.addr` and serves in the background.
    pub fn start(config: Config) -> Result<Server> {
        Server::start_until(config, None)
    }

    /// [`Server::start`], also stopping on Ctrl-C / SIGTERM when `signals`.
    fn start_until(config: Config, signals: Option<()>) -> Result<Server> {
        let db = db::Db::open(&config.db, config.connections, config.budget)?;
        let db = Arc::new(db);
        let cache = Arc::new(Cache::default());
        state::start_refresher(&db, &cache, config.refresh);
        let listener =
            std::net::TcpListener::bind(config.addr).map_err(|source| {
                Error::Io {
                    what: format!("listening on {}", config.addr),
                    source,
                }
            })?;
        let io = |what: &str| {
            let what = what.to_string();
            move |source| Error::Io { what, source }
        };
        listener.set_nonblocking(true).map_err(io("listener"))?;
        let addr = listener.local_addr().map_err(io("listener address"))?;
        let loopback = addr.ip().is_loopback();
        let responses = Arc::new(responses::Responses::new(64 << 20));
        let router = app(AppState { db, cache, responses }, loopback);
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .thread_name("casus-serve")
            .max_blocking_threads(config.connections + 4)
            .build()
            .map_err(io("starting the runtime"))?;
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("casus-serve-main".into())
            .spawn(move || {
                runtime.block_on(async move {
                    let listener = tokio::net::TcpListener::from_std(listener)
                        .map_err(io("listener"))?;
                    let stop = async move {
                        tokio::select! {
                            _ = rx => {}
                            _ = shutdown_signal(signals.is_some()) => {}
                        }
                    };
                    axum::serve(listener, router)
                        .with_graceful_shutdown(stop)
                        .await
                        .map_err(io("serving"))
                })
            })
            .map_err(io("starting the server thread"))?;
        Ok(Server { addr, stop: Some(tx), thread: Some(thread) })
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Blocks until the server stops (Ctrl-C, or an error).
    pub fn wait(mut self) -> Result<()> {
        match self.thread.take().map(|t| t.join()) {
            Some(Ok(r)) => r,
            Some(Err(_)) => Err(Error::Io {
                what: "serving".into(),
                source: std::io::Error::other("server thread panicked"),
            }),
            None => Ok(()),
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

async fn shutdown_signal(enabled: bool) {
    if !enabled {
        return std::future::pending().await;
    }
    let _ = tokio::signal::ctrl_c().await;
}

/// Serves `config` until Ctrl-C, printing where to point a browser.
pub fn run(config: Config) -> Result<()> {
    let server = Server::start_until(config.clone(), Some(()))?;
    let addr = server.addr();
    eprintln!(
        "casus serve: {} (read-only) on http://{addr}/ ; API http://{addr}/api/v1/openapi.json ; Ctrl-C stops",
        config.db.display()
    );
    if !addr.ip().is_loopback() {
        eprintln!(
            "casus serve: warning: {addr} is reachable from other machines; the API is \
             read-only but exposes every stored article"
        );
    }
    server.wait()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_hosts() {
        let cases = [
            ("localhost", true),
            ("localhost:8080", true),
            ("LOCALHOST:1", true),
            ("127.0.0.1:8080", true),
            ("127.1.2.3", true),
            ("[::1]:8080", true),
            ("[::1]", true),
            ("evil.example", false),
            ("evil.example:8080", false),
            ("localhost.evil.example", false),
            ("127.0.0.1.evil.example", false),
            ("10.0.0.1:80", false),
            ("", false),
        ];
        for (h, want) in cases {
            let v = HeaderValue::from_str(h).unwrap();
            assert_eq!(loopback_host(&v), want, "{h}");
        }
    }
}
