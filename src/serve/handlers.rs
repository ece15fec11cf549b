//! The request handlers: sign-in, the two kinds of page, upload, downloads.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;

use axum::extract::{ConnectInfo, FromRequest, Multipart, Path as UrlPath, Query, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value, json};

use super::Server;
use super::access::Role;
use super::intake::{Intake, Outcome};
use super::pages::Frame;
use super::session::{Session, same_token, set_cookie};
use crate::forms::{FormData, FormInfo, form_workbook};
use crate::ingest::schema::FormKind;

/// The query of the pages: `?jahr=2026&cluster=A&kommune=auenfeld`.
#[derive(Debug, Default, Deserialize)]
pub(super) struct PageQuery {
    jahr: Option<String>,
    cluster: Option<String>,
    kommune: Option<String>,
}

impl PageQuery {
    /// The cluster asked for.
    pub(super) fn cluster(&self) -> Option<&str> {
        self.cluster.as_deref()
    }
}

/// A request's session, and the cookie to set when it was just started.
struct Visit {
    token: String,
    session: Session,
    set_cookie: Option<String>,
}

impl Server {
    /// The request's session; a new one (signed in as the LaKo when run
    /// alone) when it has none.
    fn visit(&self, headers: &HeaderMap) -> Visit {
        if let Some((token, session)) = self.sessions.get(headers) {
            return Visit { token, session, set_cookie: None };
        }
        let role = (!self.options.shared).then_some(Role::Lako);
        let (token, session) = self.sessions.start(role);
        Visit { set_cookie: Some(set_cookie(&token, behind_https(headers))), token, session }
    }

    fn frame(&self, visit: &Visit, title: &str) -> Frame {
        let who = match &visit.session.role {
            None => String::new(),
            Some(Role::Lako) => "Landeskoordinierungsstelle".into(),
            Some(Role::Municipality(id)) => self.overview().municipality_name(id),
        };
        Frame {
            title: title.into(),
            signed_in: visit.session.role.is_some(),
            shared: self.options.shared,
            who,
            csrf: visit.session.csrf.clone(),
            refresh: None,
        }
    }

    /// A German page with `status`.
    fn page(&self, visit: &Visit, status: StatusCode, title: &str, name: &str, data: Value) -> Response {
        let mut frame = self.frame(visit, title);
        // Only the pages that show reports wait for a build; a sign-in or
        // result page must never reload under the user's hands.
        if matches!(name, "kommune" | "lako") && self.is_building() {
            frame.refresh = Some(5);
        }
        let html = self.pages.render(name, &frame, data);
        let mut response = (status, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response();
        if let Some(cookie) = &visit.set_cookie {
            response.headers_mut().insert(header::SET_COOKIE, cookie.parse().expect("cookie is ASCII"));
        }
        response
    }

    /// The sign-in page, e.g. for a request that needs a sign-in.
    fn sign_in_page(&self, visit: &Visit, status: StatusCode) -> Response {
        self.page(visit, status, "Anmelden", "anmelden", json!({}))
    }

    /// A page that only says why not.
    fn refusal(&self, visit: &Visit, status: StatusCode, message: &str) -> Response {
        let heading = match status {
            StatusCode::NOT_FOUND => "Nicht gefunden",
            StatusCode::FORBIDDEN => "Kein Zugriff",
            _ => "Nicht möglich",
        };
        self.page(visit, status, heading, "hinweis", json!({ "heading": heading, "message": message }))
    }

    /// The report year a query asks for, or the newest one.
    fn year(&self, query: &PageQuery) -> i32 {
        let asked =
            query.jahr.as_deref().and_then(|y| y.trim().parse::<i32>().ok()).filter(|y| (2000..=2100).contains(y));
        asked.or(self.overview().newest_year()).unwrap_or_else(|| chrono::Datelike::year(&chrono::Local::now()))
    }
}

/// Whether the request came through an HTTPS proxy (then cookies are `Secure`).
fn behind_https(headers: &HeaderMap) -> bool {
    headers.get("x-forwarded-proto").is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"https"))
}

/// `/`: sign-in, the LaKo's overview or the municipality's page.
pub(super) async fn home(State(server): State<Arc<Server>>, headers: HeaderMap, query: Query<PageQuery>) -> Response {
    let visit = server.visit(&headers);
    match visit.session.role.clone() {
        None => server.sign_in_page(&visit, StatusCode::OK),
        Some(Role::Lako) => {
            let data = super::views::overview(&server, &query, server.year(&query));
            server.page(&visit, StatusCode::OK, "Übersicht", "lako", data)
        }
        Some(Role::Municipality(id)) => municipality_page(&server, &visit, &id, &query),
    }
}

/// `/kommune/<id>`: one municipality's page.
pub(super) async fn municipality(
    State(server): State<Arc<Server>>,
    UrlPath(id): UrlPath<String>,
    headers: HeaderMap,
    query: Query<PageQuery>,
) -> Response {
    let visit = server.visit(&headers);
    match &visit.session.role {
        None => server.sign_in_page(&visit, StatusCode::UNAUTHORIZED),
        Some(role) if !role.covers(&id) => {
            server.refusal(&visit, StatusCode::FORBIDDEN, "Diese Seite gehört zu einer anderen Kommune.")
        }
        Some(_) => municipality_page(&server, &visit, &id, &query),
    }
}

fn municipality_page(server: &Server, visit: &Visit, id: &str, query: &PageQuery) -> Response {
    let overview = server.overview();
    let Some(municipality) = overview.municipalities.iter().find(|m| m.id == id) else {
        return server.refusal(visit, StatusCode::NOT_FOUND, "Diese Kommune steht nicht in den Stammdaten.");
    };
    let year = server.year(query);
    let files = overview.files_of(year, id);
    let handout = overview
        .report(year, "handout", id)
        .map(|r| server.project.output_dir().join(&r.output))
        .and_then(|path| std::fs::metadata(&path).and_then(|m| m.modified()).ok());
    let has = |kind: &str| files.iter().any(|f| f.kind == kind && !f.rejected);
    let missing = if files.iter().any(|f| f.errors > 0) {
        "eine Arbeitsmappe hat Fehler (siehe unten)"
    } else if !has("Befragung") {
        "die Befragung fehlt noch"
    } else if !has("Werkstatt") {
        "die Werkstatt fehlt noch"
    } else {
        ""
    };
    let data = json!({
        "id": id,
        "name": municipality.name,
        "cluster": municipality.cluster,
        "year": year,
        "years": overview.years.iter().filter(|y| **y != year).collect::<Vec<_>>(),
        "building": server.is_building(),
        "handout": handout.map(|_| format!("/bericht/{year}/handout/{}", url_part(id))),
        "handout_changed": super::overview::german_time(handout),
        "poster": overview
            .report(year, "poster", id)
            .filter(|r| server.project.output_dir().join(&r.output).is_file())
            .map(|_| format!("/bericht/{year}/poster/{}", url_part(id))),
        "missing": missing,
        "files": files,
        "findings": overview.findings_of(year, id),
        "limit": limit_text(server.options.upload_limit),
        "standards": server.catalog.standards.is_some(),
    });
    server.page(visit, StatusCode::OK, &municipality.name, "kommune", data)
}

/// An id as one segment of an address.
pub(super) fn url_part(id: &str) -> String {
    id.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// "20 MB".
pub(super) fn limit_text(bytes: usize) -> String {
    format!("{} MB", crate::format::de_num(bytes as f64 / 1_000_000.0, 0))
}

/// The visitor's address: the connection's, or behind a proxy the last
/// entry of `X-Forwarded-For` (the one the proxy added).
fn visitor_address(request: &Request, behind_proxy: bool) -> IpAddr {
    let forwarded = || {
        let header = request.headers().get_all("x-forwarded-for").iter().next_back()?.to_str().ok()?;
        header.rsplit(',').next()?.trim().parse::<IpAddr>().ok()
    };
    let connection = || request.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
    let found = if behind_proxy { forwarded().or_else(connection) } else { connection() };
    found.unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED))
}

/// The sign-in form.
#[derive(Deserialize)]
struct SignIn {
    csrf: String,
    code: String,
}

/// A form that only carries its token.
#[derive(Deserialize)]
pub(super) struct TokenOnly {
    csrf: String,
}

/// `POST /anmelden`.
pub(super) async fn sign_in(State(server): State<Arc<Server>>, request: Request) -> Response {
    let address = visitor_address(&request, server.options.behind_proxy);
    let headers = request.headers().clone();
    let visit = server.visit(&headers);
    let Ok(axum::Form(form)) = axum::Form::<SignIn>::from_request(request, &()).await else {
        return server.refusal(&visit, StatusCode::BAD_REQUEST, "Das Formular war unvollständig.");
    };
    if !same_token(&form.csrf, &visit.session.csrf) {
        return server.refusal(&visit, StatusCode::FORBIDDEN, "Die Seite war veraltet. Bitte laden Sie sie neu.");
    }
    if !server.options.shared {
        return redirect_home(None);
    }
    if !server.rate_limit.allows(address) {
        server.log(&format!("Anmeldung gesperrt | {address} | zu viele Fehlversuche"));
        let message = "Zu viele falsche Versuche. Bitte warten Sie einige Minuten.";
        return server.page(
            &visit,
            StatusCode::TOO_MANY_REQUESTS,
            "Anmelden",
            "anmelden",
            json!({ "message": message }),
        );
    }
    let codes = server.codes();
    let role = tokio::task::spawn_blocking(move || codes.verify(&form.code)).await.ok().flatten();
    let Some(role) = role else {
        server.rate_limit.failed(address);
        server.log(&format!("Anmeldung abgelehnt | {address} | falscher Zugangscode"));
        let message = "Dieser Zugangscode ist nicht gültig.";
        return server.page(&visit, StatusCode::UNAUTHORIZED, "Anmelden", "anmelden", json!({ "message": message }));
    };
    server.sessions.end(&visit.token);
    server.log(&format!("{} | angemeldet von {address}", role.log_name()));
    let (token, _) = server.sessions.start(Some(role));
    redirect_home(Some(set_cookie(&token, behind_https(&headers))))
}

/// `POST /abmelden`.
pub(super) async fn sign_out(State(server): State<Arc<Server>>, headers: HeaderMap, request: Request) -> Response {
    let visit = server.visit(&headers);
    if let Ok(axum::Form(form)) = axum::Form::<TokenOnly>::from_request(request, &()).await
        && same_token(&form.csrf, &visit.session.csrf)
    {
        server.sessions.end(&visit.token);
    }
    redirect_home(None)
}

fn redirect_home(cookie: Option<String>) -> Response {
    let mut response = (StatusCode::SEE_OTHER, [(header::LOCATION, "/")]).into_response();
    if let Some(cookie) = cookie {
        response.headers_mut().insert(header::SET_COOKIE, cookie.parse().expect("cookie is ASCII"));
    }
    response
}

/// `POST /hochladen`: check the workbook, then place it or show its errors.
pub(super) async fn upload(State(server): State<Arc<Server>>, headers: HeaderMap, multipart: Multipart) -> Response {
    let visit = server.visit(&headers);
    let Some(role) = visit.session.role.clone() else {
        return server.sign_in_page(&visit, StatusCode::UNAUTHORIZED);
    };
    let too_large = format!("Die Datei ist zu groß (höchstens {}).", limit_text(server.options.upload_limit));
    let (csrf, file) = match read_upload(multipart).await {
        Ok(fields) => fields,
        Err(status) => {
            let message = if status == StatusCode::PAYLOAD_TOO_LARGE {
                too_large
            } else {
                "Die Datei ist nicht vollständig angekommen. Bitte senden Sie sie erneut.".to_string()
            };
            server.log(&format!("{} | verweigert: {message}", role.log_name()));
            return server.refusal(&visit, status, &message);
        }
    };
    if !same_token(&csrf, &visit.session.csrf) {
        return server.refusal(&visit, StatusCode::FORBIDDEN, "Die Seite war veraltet. Bitte laden Sie sie neu.");
    }
    let Some((name, bytes)) = file.filter(|(_, bytes)| !bytes.is_empty()) else {
        return server.refusal(&visit, StatusCode::BAD_REQUEST, "Bitte wählen Sie eine Datei aus.");
    };
    if bytes.len() > server.options.upload_limit {
        server.log(&format!("{} | {name} | verweigert: {too_large}", role.log_name()));
        return server.refusal(&visit, StatusCode::PAYLOAD_TOO_LARGE, &too_large);
    }
    let worker = server.clone();
    let (sender, shown) = (role.clone(), name.clone());
    let outcome = tokio::task::spawn_blocking(move || worker.accept(&sender, &shown, &bytes)).await;
    let Ok(outcome) = outcome else {
        return server.refusal(&visit, StatusCode::INTERNAL_SERVER_ERROR, "Die Prüfung ist abgebrochen.");
    };
    if matches!(outcome, Outcome::Placed { .. }) {
        server.request_build();
    }
    let status = match &outcome {
        Outcome::Placed { .. } | Outcome::Faulty { .. } => StatusCode::OK,
        Outcome::Refused { reason } if reason.contains("keine Tabelle") => StatusCode::UNSUPPORTED_MEDIA_TYPE,
        Outcome::Refused { .. } => StatusCode::FORBIDDEN,
    };
    let back = match &role {
        Role::Lako => "/".to_string(),
        Role::Municipality(id) => format!("/kommune/{}", url_part(id)),
    };
    let mut data = super::views::result(&outcome, &name);
    data["back"] = json!(back);
    data["limit"] = json!(limit_text(server.options.upload_limit));
    server.page(&visit, status, "Prüfung", "ergebnis", data)
}

/// The form token and the file (name and bytes) of an upload.
async fn read_upload(mut multipart: Multipart) -> Result<(String, Option<(String, Vec<u8>)>), StatusCode> {
    let (mut csrf, mut file) = (String::new(), None);
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => return Ok((csrf, file)),
            Err(e) => return Err(e.status()),
        };
        match field.name() {
            Some("csrf") => csrf = field.text().await.map_err(|e| e.status())?,
            Some("datei") if file.is_none() => {
                let name = field.file_name().unwrap_or("Datei").to_string();
                let bytes = field.bytes().await.map_err(|e| e.status())?;
                file = Some((name, bytes.to_vec()));
            }
            _ => {}
        }
    }
}

impl Server {
    /// Checks and places an upload.
    fn accept(&self, role: &Role, name: &str, bytes: &[u8]) -> Outcome {
        let overview = self.overview();
        let inputs = self.project.inputs_dir();
        let intake = Intake {
            root: &self.project.root,
            inputs: &inputs,
            catalog: &self.catalog,
            overview: &overview,
            inputs_lock: &self.inputs_lock,
        };
        intake.accept(role, name, bytes)
    }

    /// Appends a line to the intake log.
    fn log(&self, line: &str) {
        super::intake::log(&self.project.root, line);
    }
}

/// `GET /bericht/<year>/<kind>/<key>`: a report, if this sign-in may see it.
pub(super) async fn report(
    State(server): State<Arc<Server>>,
    UrlPath((year, kind, key)): UrlPath<(String, String, String)>,
    headers: HeaderMap,
) -> Response {
    let visit = server.visit(&headers);
    let allowed = match &visit.session.role {
        None => false,
        Some(Role::Lako) => true,
        Some(Role::Municipality(id)) => matches!(kind.as_str(), "handout" | "poster") && *id == key,
    };
    if !allowed {
        return server.refusal(&visit, StatusCode::FORBIDDEN, "Dieser Bericht gehört nicht zu Ihrem Zugang.");
    }
    let overview = server.overview();
    let path = year
        .parse::<i32>()
        .ok()
        .and_then(|year| overview.report(year, &kind, &key))
        .map(|report| server.project.output_dir().join(&report.output));
    let Some(bytes) = path.as_ref().and_then(|p| std::fs::read(p).ok()) else {
        return server.refusal(&visit, StatusCode::NOT_FOUND, "Dieser Bericht ist (noch) nicht erstellt.");
    };
    let path = path.expect("read above");
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    download(&name, bytes)
}

/// A file to save, named `name` (made of safe characters by qdfh).
fn download(name: &str, bytes: Vec<u8>) -> Response {
    let content_type = if name.ends_with(".pdf") {
        "application/pdf"
    } else {
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    };
    let safe: String = name.chars().filter(|c| c.is_ascii_graphic() && *c != '"' && *c != '\\').collect();
    let disposition = format!("attachment; filename=\"{safe}\"");
    ([(header::CONTENT_TYPE, content_type.to_string()), (header::CONTENT_DISPOSITION, disposition)], bytes)
        .into_response()
}

/// `GET /formular/<kind>`: a blank form, filled in with municipality and year.
pub(super) async fn form(
    State(server): State<Arc<Server>>,
    UrlPath(kind): UrlPath<String>,
    headers: HeaderMap,
    query: Query<PageQuery>,
) -> Response {
    let visit = server.visit(&headers);
    let Some(role) = visit.session.role.clone() else {
        return server.sign_in_page(&visit, StatusCode::UNAUTHORIZED);
    };
    let offered = |kind: &FormKind| *kind != FormKind::Standards || server.catalog.standards.is_some();
    let Some(kind) = FormKind::parse(&kind).filter(offered) else {
        return server.refusal(&visit, StatusCode::NOT_FOUND, "Dieses Formular gibt es nicht.");
    };
    let municipality = match (&role, query.kommune.as_deref().filter(|k| !k.is_empty())) {
        (Role::Municipality(id), _)
            if matches!(
                kind,
                FormKind::Befragung | FormKind::Werkstatt | FormKind::Fragebogen | FormKind::Standards
            ) =>
        {
            Some(id.clone())
        }
        (Role::Municipality(_), _) => {
            let message = "Dieses Formular füllt die Landeskoordinierungsstelle aus.";
            return server.refusal(&visit, StatusCode::FORBIDDEN, message);
        }
        (Role::Lako, Some(id)) if server.overview().municipalities.iter().any(|m| m.id == id) => Some(id.to_string()),
        (Role::Lako, Some(_)) => {
            return server.refusal(&visit, StatusCode::NOT_FOUND, "Diese Kommune steht nicht in den Stammdaten.");
        }
        (Role::Lako, None) => None,
    };
    let year = (kind != FormKind::Stammdaten).then(|| server.year(&query));
    let info = FormInfo { kind, municipality: municipality.clone(), cluster: None, year, date: None, note: None };
    let name =
        [Some(kind.label().to_lowercase()), municipality.map(|m| crate::files::safe(&m)), year.map(|y| y.to_string())]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join("-")
            + ".xlsx";
    match form_workbook(&name, &server.catalog, &FormData::new(info)) {
        Ok(bytes) => download(&name, bytes),
        Err(e) => server.refusal(&visit, StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
    }
}

/// `GET /status`: whether a build is running, for the page's script.
pub(super) async fn status(State(server): State<Arc<Server>>) -> Response {
    let body = json!({ "bauend": server.is_building() }).to_string();
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// Any other address.
pub(super) async fn not_found(State(server): State<Arc<Server>>, headers: HeaderMap) -> Response {
    let visit = server.visit(&headers);
    server.refusal(&visit, StatusCode::NOT_FOUND, "Diese Seite gibt es nicht.")
}
