//! `qdfh serve`: the drop page for coordinators and the LaKo.
//!
//! An axum server on tokio. Alone (`qdfh serve`) it binds to 127.0.0.1,
//! accepts only requests addressed to the local host (so no other web site
//! can reach it through DNS tricks) and treats the one user as the LaKo.
//! Shared (`--freigabe`) everyone signs in with an access code (see
//! [`access`]). Uploads are checked by the same reader as `qdfh check` and
//! placed by [`intake`]; each placed workbook starts an incremental build
//! through the same library pipeline as `qdfh build`, one build at a time.

pub mod access;
mod handlers;
pub mod intake;
mod overview;
mod pages;
mod session;
mod views;

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use tokio::sync::Notify;

pub use self::overview::{Overview, Report};

use self::access::AccessCodes;
use self::pages::Pages;
use self::session::{RateLimit, Sessions};
use crate::catalog::Catalog;
use crate::cli::BuildArgs;
use crate::project::Project;

/// How the server is run.
#[derive(Debug, Clone)]
pub struct Options {
    /// Sign-in by access code (`--freigabe`); otherwise local use only.
    pub shared: bool,
    /// The largest upload in bytes.
    pub upload_limit: usize,
    /// Build when starting (off in tests that build themselves).
    pub build_at_start: bool,
    /// Behind a reverse proxy: the visitor's address is the last entry of
    /// `X-Forwarded-For`, not the connection's (which is the proxy's).
    pub behind_proxy: bool,
}

/// Everything the handlers share.
pub struct Server {
    project: Project,
    catalog: Catalog,
    pages: Pages,
    options: Options,
    sessions: Sessions,
    rate_limit: RateLimit,
    overview: RwLock<Arc<Overview>>,
    inputs_lock: Mutex<()>,
    /// Wakes the build loop.
    wanted: Notify,
    /// A build was asked for and has not started yet.
    pending: AtomicBool,
    /// A build is running.
    building: AtomicBool,
    /// The port it listens on, for the local host check (0 in tests).
    port: std::sync::atomic::AtomicU16,
}

impl Server {
    /// Opens the project and reads its inputs once.
    pub fn new(project: Project, options: Options) -> Result<Arc<Server>, String> {
        let catalog = project.catalog().map_err(|e| e.to_string())?;
        let pages = Pages::load(&project.templates_dir())?;
        let server = Server {
            catalog,
            pages,
            options,
            sessions: Sessions::default(),
            rate_limit: RateLimit::default(),
            overview: RwLock::new(Arc::new(Overview::default())),
            inputs_lock: Mutex::new(()),
            wanted: Notify::new(),
            pending: AtomicBool::new(false),
            building: AtomicBool::new(false),
            port: std::sync::atomic::AtomicU16::new(0),
            project,
        };
        server.read_inputs();
        Ok(Arc::new(server))
    }

    /// The current overview.
    pub fn overview(&self) -> Arc<Overview> {
        self.overview.read().expect("overview lock").clone()
    }

    /// Whether a build is running or waiting to run.
    pub fn is_building(&self) -> bool {
        self.pending.load(Ordering::SeqCst) || self.building.load(Ordering::SeqCst)
    }

    /// The access codes file, read afresh so a renewed code counts at once.
    fn codes(&self) -> AccessCodes {
        AccessCodes::load(&AccessCodes::path(&self.project.root)).unwrap_or_else(|e| {
            eprintln!("{e}");
            AccessCodes::default()
        })
    }

    /// Asks for a build; builds asked for while one runs become one more.
    pub fn request_build(&self) {
        self.pending.store(true, Ordering::SeqCst);
        self.wanted.notify_one();
    }

    /// Reads the inputs without building, for the overview.
    fn read_inputs(&self) {
        let (inputs, diagnostics) = {
            let _reading = self.inputs_lock.lock().expect("inputs lock");
            crate::ingest::read_inputs(&self.project.inputs_dir(), &self.catalog)
        };
        let reports = self.overview().reports.clone();
        let overview = Overview::new(&self.project.inputs_dir(), inputs, diagnostics, reports);
        *self.overview.write().expect("overview lock") = Arc::new(overview);
    }

    /// One incremental build of every year, holding the inputs lock while
    /// the inputs are read; then a fresh overview.
    fn build_now(&self) {
        let args =
            BuildArgs { year: None, pdf: None, force: false, check: false, only: Vec::new(), shard: None, daten: None };
        let reading = self.inputs_lock.lock().expect("inputs lock");
        let built = crate::cmd::build::build(&self.project, &args, move |_| drop(reading));
        match built {
            Ok(built) => {
                eprintln!("{}", built.summary.closing_line(&built.diagnostics, built.took));
                let overview =
                    Overview::new(&self.project.inputs_dir(), built.inputs, built.diagnostics, built.reports);
                *self.overview.write().expect("overview lock") = Arc::new(overview);
            }
            Err(e) => {
                eprintln!("Fehler beim Erstellen der Berichte: {e}");
                self.read_inputs();
            }
        }
    }
}

/// Builds whenever asked, one build at a time, until the runtime ends.
async fn build_loop(server: Arc<Server>) {
    loop {
        server.wanted.notified().await;
        server.building.store(true, Ordering::SeqCst);
        server.pending.store(false, Ordering::SeqCst);
        let worker = server.clone();
        let _ = tokio::task::spawn_blocking(move || worker.build_now()).await;
        server.building.store(false, Ordering::SeqCst);
    }
}

/// The routes, with the upload limit, security headers and (alone) the
/// local host check.
pub fn router(server: Arc<Server>) -> Router {
    let limit = server.options.upload_limit;
    Router::new()
        .route("/", get(handlers::home))
        .route("/anmelden", post(handlers::sign_in))
        .route("/abmelden", post(handlers::sign_out))
        .route("/kommune/{id}", get(handlers::municipality))
        .route("/hochladen", post(handlers::upload).layer(DefaultBodyLimit::max(limit + 64 * 1024)))
        .route("/bericht/{year}/{kind}/{key}", get(handlers::report))
        .route("/formular/{kind}", get(handlers::form))
        .route("/status", get(handlers::status))
        .route("/stil.css", get(|s: State<Arc<Server>>| async move { asset(&s, 0) }))
        .route("/ablage.js", get(|s: State<Arc<Server>>| async move { asset(&s, 1) }))
        .fallback(handlers::not_found)
        .layer(middleware::from_fn_with_state(server.clone(), guard))
        .with_state(server)
}

fn asset(server: &Server, index: usize) -> Response {
    let (_, content_type) = pages::ASSETS[index];
    ([(header::CONTENT_TYPE, content_type)], server.pages.asset(index).to_vec()).into_response()
}

/// Refuses requests not addressed to this machine when run alone, and
/// adds the security headers to every response.
async fn guard(State(server): State<Arc<Server>>, request: Request, next: Next) -> Response {
    if !server.options.shared && !is_local_host(request.headers(), server.port.load(Ordering::SeqCst)) {
        return (StatusCode::FORBIDDEN, "Nur über http://127.0.0.1 erreichbar.").into_response();
    }
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let set = [
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
        ),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "same-origin"),
        (header::CACHE_CONTROL, "no-store"),
    ];
    for (name, value) in set {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}

/// Whether the Host header names this machine (any port when `port` is 0).
fn is_local_host(headers: &axum::http::HeaderMap, port: u16) -> bool {
    let Some(host) = headers.get(header::HOST).and_then(|h| h.to_str().ok()) else { return false };
    let (name, given_port) = match host.rsplit_once(':') {
        Some((name, p)) if !name.ends_with(']') || host.starts_with('[') => (name, p.parse::<u16>().ok()),
        _ => (host, None),
    };
    let local = matches!(name, "127.0.0.1" | "localhost" | "[::1]");
    local && (port == 0 || given_port == Some(port))
}

/// Runs the server on `address` until Ctrl-C; opens the browser when run
/// alone and `open_browser` is set.
pub fn run(server: Arc<Server>, address: SocketAddr, open_browser: bool) -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("Server kann nicht starten: {e}"))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(address)
            .await
            .map_err(|e| format!("{address} kann nicht geöffnet werden: {e}"))?;
        let bound = listener.local_addr().map_err(|e| e.to_string())?;
        server.port.store(bound.port(), Ordering::SeqCst);
        let url = format!("http://{bound}/");
        eprintln!("qdfh ist erreichbar unter {url} – Strg+C beendet.");
        if server.options.build_at_start {
            server.request_build();
        }
        tokio::spawn(build_loop(server.clone()));
        if open_browser && !server.options.shared && webbrowser::open(&url).is_err() {
            eprintln!("Bitte öffnen Sie {url} im Browser.");
        }
        let app = router(server).into_make_service_with_connect_info::<SocketAddr>();
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .map_err(|e| format!("Serverfehler: {e}"))
    })?;
    eprintln!("Beendet.");
    Ok(())
}

/// Starts the build loop on the current tokio runtime (for tests that drive
/// [`router`] directly).
pub fn spawn_build_loop(server: &Arc<Server>) {
    tokio::spawn(build_loop(server.clone()));
}
