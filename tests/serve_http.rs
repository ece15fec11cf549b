//! `qdfh serve` at the HTTP level: the router driven in-process, on the
//! small standard project (auenfeld and birkental have surveys, cedernau
//! has none).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use qdfh::project::Project;
use qdfh::serve::access::{AccessCodes, Role};
use qdfh::serve::{Options, Server, router, spawn_build_loop};
use tower::ServiceExt;

use crate::common::outputs::reports;
use crate::common::workbooks::*;

/// A browser: the router and the session cookie it was given.
struct Browser {
    router: Router,
    cookie: Option<String>,
    address: std::net::SocketAddr,
}

/// A response's status, headers and body.
struct Page {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: Vec<u8>,
}

impl Page {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The form token on the page.
    fn csrf(&self) -> String {
        let text = self.text();
        let start = text.find("name=\"csrf\" value=\"").expect("a form with a token") + 19;
        text[start..start + 64].to_string()
    }
}

impl Browser {
    fn new(server: &Arc<Server>) -> Browser {
        Browser::from(server, "192.0.2.1:50000")
    }

    fn from(server: &Arc<Server>, address: &str) -> Browser {
        Browser { router: router(server.clone()), cookie: None, address: address.parse().unwrap() }
    }

    async fn send(&mut self, request: axum::http::request::Builder, body: Body) -> Page {
        let mut request = request.header(header::HOST, "127.0.0.1:8080");
        if let Some(cookie) = &self.cookie {
            request = request.header(header::COOKIE, cookie);
        }
        let mut request = request.body(body).unwrap();
        request.extensions_mut().insert(axum::extract::ConnectInfo(self.address));
        let response = self.router.clone().oneshot(request).await.unwrap();
        if let Some(set) = response.headers().get(header::SET_COOKIE) {
            self.cookie = Some(set.to_str().unwrap().split(';').next().unwrap().to_string());
        }
        let (parts, body) = response.into_parts();
        Page { status: parts.status, headers: parts.headers, body: body.collect().await.unwrap().to_bytes().to_vec() }
    }

    async fn get(&mut self, path: &str) -> Page {
        self.send(Request::get(path), Body::empty()).await
    }

    async fn post_form(&mut self, path: &str, fields: &[(&str, &str)]) -> Page {
        let body: Vec<String> = fields.iter().map(|(k, v)| format!("{k}={}", v.replace(' ', "+"))).collect();
        let request = Request::post(path).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        self.send(request, Body::from(body.join("&"))).await
    }

    async fn upload(&mut self, csrf: &str, name: &str, bytes: &[u8]) -> Page {
        let boundary = "qdfhgrenze7MA4YWxkTrZu0gW";
        let mut body = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n--{boundary}\r\n\
             Content-Disposition: form-data; name=\"datei\"; filename=\"{name}\"\r\n\
             Content-Type: application/octet-stream\r\n\r\n"
        )
        .into_bytes();
        body.extend_from_slice(bytes);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        let request = Request::post("/hochladen")
            .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"));
        self.send(request, Body::from(body)).await
    }

    /// Signs in with `code` and returns the page after the redirect.
    async fn sign_in(&mut self, code: &str) -> Page {
        let csrf = self.get("/").await.csrf();
        let answer = self.post_form("/anmelden", &[("csrf", &csrf), ("code", code)]).await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.text());
        self.get("/").await
    }
}

/// The small project with codes for auenfeld and the LaKo; returns the
/// project folder and the two codes.
fn shared_project(dir: &Path) -> (PathBuf, String, String) {
    let project = small_project(dir);
    let mut codes = AccessCodes::default();
    let auenfeld = codes.issue(Role::Municipality("auenfeld".into()), "2026-11-27").unwrap().code;
    let lako = codes.issue(Role::Lako, "2026-11-27").unwrap().code;
    codes.save(&AccessCodes::path(&project)).unwrap();
    (project, auenfeld, lako)
}

fn server(project: &Path, shared: bool, upload_limit: usize) -> Arc<Server> {
    let options = Options { shared, upload_limit, build_at_start: false, behind_proxy: false };
    Server::new(Project::open(project).unwrap(), options).unwrap()
}

/// Every file below `inputs/` with its bytes.
fn inputs_state(project: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = walk(&project.join("inputs"))
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect();
    files.sort();
    files
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() { found.extend(walk(&path)) } else { found.push(path) }
    }
    found
}

/// Waits until the server's builds are done.
async fn built(server: &Arc<Server>) {
    for _ in 0..600 {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        if !server.is_building() {
            return;
        }
    }
    panic!("the build did not finish within a minute");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_code_signs_in_its_municipality_and_a_wrong_code_is_refused_and_limited() {
    let dir = tempfile::tempdir().unwrap();
    let (project, auenfeld, _) = shared_project(dir.path());
    let server = server(&project, true, 20_000_000);
    let mut browser = Browser::new(&server);
    let start = browser.get("/").await;
    assert!(start.text().contains("Zugangscode"), "{}", start.text());
    let cookie = start.headers.get(header::SET_COOKIE).unwrap().to_str().unwrap().to_string();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), "{cookie}");
    assert!(start.headers.get(header::CONTENT_SECURITY_POLICY).is_some());

    let csrf = start.csrf();
    let wrong = browser.post_form("/anmelden", &[("csrf", &csrf), ("code", "AAAA-BBBB-CCCC-DDDD")]).await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert!(wrong.text().contains("Dieser Zugangscode ist nicht gültig."));
    let forged = browser.post_form("/anmelden", &[("csrf", "0000"), ("code", &auenfeld)]).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN, "a sign-in without the page's token is refused");

    let page = browser.sign_in(&auenfeld).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text().contains("<h1>Stadt Auenfeld</h1>"), "{}", page.text());
    assert_eq!(browser.get("/kommune/birkental").await.status, StatusCode::FORBIDDEN);
    assert_eq!(browser.get("/bericht/2026/handout/birkental").await.status, StatusCode::FORBIDDEN);
    assert_eq!(browser.get("/bericht/2026/land/-").await.status, StatusCode::FORBIDDEN);

    let mut attacker = Browser::from(&server, "198.51.100.7:40000");
    for _ in 0..5 {
        let csrf = attacker.get("/").await.csrf();
        let answer = attacker.post_form("/anmelden", &[("csrf", &csrf), ("code", "AAAA-BBBB-CCCC-DDDD")]).await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    }
    let csrf = attacker.get("/").await.csrf();
    let limited = attacker.post_form("/anmelden", &[("csrf", &csrf), ("code", &auenfeld)]).await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS, "even the right code waits after five failures");
    let log = std::fs::read_to_string(project.join("eingang/protokoll.txt")).unwrap();
    assert!(log.contains("Anmeldung abgelehnt") && log.contains("Anmeldung gesperrt"), "{log}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn uploads_that_are_not_this_municipalitys_spreadsheets_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (project, auenfeld, _) = shared_project(dir.path());
    let server = server(&project, true, 200_000);
    let before = inputs_state(&project);
    let mut browser = Browser::new(&server);
    let csrf = browser.sign_in(&auenfeld).await.csrf();

    let other = std::fs::read(project.join("inputs/2026/befragung-birkental.xlsx")).unwrap();
    let refused = browser.upload(&csrf, "befragung.xlsx", &other).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(refused.text().contains("gehört laut Info-Blatt zur Kommune „birkental“"), "{}", refused.text());

    let cluster = std::fs::read(project.join("inputs/2026/werkstatt-cluster-a.xlsx")).unwrap();
    let refused = browser.upload(&csrf, "werkstatt.xlsx", &cluster).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(refused.text().contains("nimmt nur die Landeskoordinierungsstelle entgegen"), "{}", refused.text());

    let not_a_sheet = browser.upload(&csrf, "befragung.xlsx", b"%PDF-1.7 not a workbook").await;
    assert_eq!(not_a_sheet.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert!(not_a_sheet.text().contains("keine Tabelle"));

    let large = browser.upload(&csrf, "gross.xlsx", &vec![b'P'; 300_000]).await;
    assert_eq!(large.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(large.text().contains("zu groß (höchstens 0 MB)") || large.text().contains("zu groß"), "{}", large.text());

    let without_token = browser.upload("0".repeat(64).as_str(), "befragung.xlsx", &other).await;
    assert_eq!(without_token.status, StatusCode::FORBIDDEN);

    let mut stranger = Browser::new(&server);
    let csrf = stranger.get("/").await.csrf();
    assert_eq!(stranger.upload(&csrf, "befragung.xlsx", &other).await.status, StatusCode::UNAUTHORIZED);

    assert!(inputs_state(&project) == before, "inputs/ is untouched");
    let log = std::fs::read_to_string(project.join("eingang/protokoll.txt")).unwrap();
    assert_eq!(log.matches("auenfeld | ").count(), 1 + 4, "sign-in and four refusals are logged: {log}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_broken_workbook_shows_its_errors_and_a_good_one_becomes_the_handout() {
    let dir = tempfile::tempdir().unwrap();
    let (project, auenfeld, _) = shared_project(dir.path());
    let server = server(&project, true, 20_000_000);
    spawn_build_loop(&server);
    server.request_build();
    built(&server).await;
    let before = inputs_state(&project);
    let mut browser = Browser::new(&server);
    let csrf = browser.sign_in(&auenfeld).await.csrf();

    let broken = dir.path().join("kaputt.xlsx");
    let mut rows = standard_befragung("auenfeld");
    rows[1].rows[2][4] = s("viel");
    write_book(&broken, &rows);
    let page = browser.upload(&csrf, "Befragung Auenfeld.xlsx", &std::fs::read(&broken).unwrap()).await;
    assert_eq!(page.status, StatusCode::OK);
    let text = page.text();
    assert!(text.contains("hat 1 Fehler und wurde <strong>nicht</strong> übernommen"), "{text}");
    assert!(
        text.contains(
            "<td data-label=\"Datei\">Befragung Auenfeld.xlsx</td><td data-label=\"Blatt\">Befragung</td>\
             <td data-label=\"Zelle\">E3</td><td data-label=\"Meldung\"><strong>Fehler:</strong> „viel“"
        ),
        "{text}"
    );
    assert!(inputs_state(&project) == before, "a workbook with errors is kept aside");
    assert_eq!(walk(&project.join("eingang/abgelehnt")).len(), 1);

    let handout = project.join("output/2026/handouts/handout-auenfeld-2026.pdf");
    let old_handout = std::fs::read(&handout).unwrap();
    let old_reports = reports(&project);
    let good = dir.path().join("gut.xlsx");
    let mut rows = standard_befragung("auenfeld");
    rows[1].rows.push(survey_row(&catalog(), "5", "Hebamme", "operativ", n(2.0), n(3.0)));
    write_book(&good, &rows);
    let page = browser.upload(&csrf, "gut.xlsx", &std::fs::read(&good).unwrap()).await;
    assert!(page.text().contains("ist ohne Fehler und wurde übernommen; sie ersetzt die bisherige Mappe"));
    assert!(!page.text().contains("http-equiv=\"refresh\""), "a result page never reloads under the user's hands");
    assert!(server.is_building() || std::fs::read(&handout).unwrap() != old_handout);
    built(&server).await;
    let pdf = browser.get("/bericht/2026/handout/auenfeld").await;
    assert_eq!(pdf.status, StatusCode::OK);
    assert_eq!(pdf.headers.get(header::CONTENT_TYPE).unwrap(), "application/pdf");
    assert!(pdf.body.starts_with(b"%PDF"));
    assert!(pdf.body == std::fs::read(&handout).unwrap(), "the download is the handout");
    assert!(pdf.body != old_handout, "the handout was made from the new answers");
    let poster = browser.get("/bericht/2026/poster/auenfeld").await;
    assert_eq!(poster.status, StatusCode::OK);
    assert!(poster.body == std::fs::read(project.join("output/2026/poster/poster-auenfeld-2026.pdf")).unwrap());
    assert_eq!(browser.get("/bericht/2026/poster/birkental").await.status, StatusCode::FORBIDDEN);
    let changed = crate::common::outputs::rewritten(&old_reports, &reports(&project));
    assert!(changed.contains("2026/handouts/handout-auenfeld-2026.pdf"), "{changed:?}");
    assert!(!changed.contains("2026/cluster/cluster-B-2026.pdf"), "another cluster's comparison stays: {changed:?}");
    let placed = std::fs::read(project.join("inputs/2026/befragung-auenfeld.xlsx")).unwrap();
    assert!(placed == std::fs::read(&good).unwrap(), "the new survey is in place");
    assert_eq!(walk(&project.join("eingang/historie")).len(), 1, "the previous survey is kept");
    let page = browser.get("/").await.text();
    assert!(page.contains("/bericht/2026/handout/auenfeld"), "{page}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn alone_it_answers_only_requests_for_this_machine_and_fills_in_forms() {
    let dir = tempfile::tempdir().unwrap();
    let project = small_project(dir.path());
    let server = server(&project, false, 20_000_000);
    let app = router(server.clone());
    let foreign = Request::get("/").header(header::HOST, "qdfh.example.org").body(Body::empty()).unwrap();
    assert_eq!(app.clone().oneshot(foreign).await.unwrap().status(), StatusCode::FORBIDDEN);

    let mut browser = Browser::new(&server);
    let page = browser.get("/").await;
    assert!(page.text().contains("<h1>Übersicht 2026</h1>"), "alone, the user is the LaKo: {}", page.text());
    assert!(page.text().contains("Stadt Auenfeld"));
    let form = browser.get("/formular/befragung?kommune=auenfeld&jahr=2026").await;
    assert_eq!(form.status, StatusCode::OK);
    let disposition = form.headers.get(header::CONTENT_DISPOSITION).unwrap().to_str().unwrap();
    assert_eq!(disposition, "attachment; filename=\"befragung-auenfeld-2026.xlsx\"");
    let path = dir.path().join("formular.xlsx");
    std::fs::write(&path, &form.body).unwrap();
    let catalog = qdfh::project::default_catalog();
    let (_, diagnostics) = qdfh::ingest::read_workbook(&path, &catalog, None);
    let info_errors: Vec<_> = diagnostics.items.iter().filter(|d| d.sheet.as_deref() == Some("Info")).collect();
    assert!(info_errors.is_empty(), "Info is filled in: {info_errors:?}");
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&path).unwrap();
    let info = calamine::Reader::worksheet_range(&mut book, "Info").unwrap();
    let cells: Vec<String> = info.cells().map(|(_, _, v)| v.to_string()).collect();
    assert!(cells.contains(&"auenfeld".to_string()) && cells.contains(&"2026".to_string()), "{cells:?}");
    assert_eq!(browser.get("/formular/unsinn").await.status, StatusCode::NOT_FOUND);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_uploads_during_a_build_leave_one_survey_and_sound_reports() {
    let dir = tempfile::tempdir().unwrap();
    let (project, auenfeld, _) = shared_project(dir.path());
    let server = server(&project, true, 20_000_000);
    spawn_build_loop(&server);
    server.request_build();
    let mut browser = Browser::new(&server);
    let csrf = browser.sign_in(&auenfeld).await.csrf();
    let mut versions = Vec::new();
    for extra in 0..6 {
        let mut rows = standard_befragung("auenfeld");
        for person in 0..extra {
            let id = format!("{}", 10 + person);
            rows[1].rows.push(survey_row(&catalog(), &id, "Hebamme", "operativ", n(2.0), n(3.0)));
        }
        let path = dir.path().join(format!("version-{extra}.xlsx"));
        write_book(&path, &rows);
        versions.push(std::fs::read(&path).unwrap());
    }
    let uploads = versions.clone().into_iter().enumerate().map(|(i, bytes)| {
        let mut browser =
            Browser { router: browser.router.clone(), cookie: browser.cookie.clone(), address: browser.address };
        let csrf = csrf.clone();
        async move { browser.upload(&csrf, &format!("version-{i}.xlsx"), &bytes).await }
    });
    let pages = futures_join_all(uploads).await;
    assert!(pages.iter().all(|p| p.text().contains("wurde übernommen")), "every upload was taken");
    built(&server).await;
    let surveys: Vec<PathBuf> = walk(&project.join("inputs/2026"))
        .into_iter()
        .filter(|p| p.to_string_lossy().contains("befragung-auenfeld"))
        .collect();
    assert_eq!(surveys.len(), 1, "{surveys:?}");
    let placed = std::fs::read(&surveys[0]).unwrap();
    assert!(versions.contains(&placed), "the survey in place is one of the uploads, whole");
    assert_eq!(walk(&project.join("eingang/historie")).len(), 6, "the original and five uploads are kept");
    assert!(!walk(&project.join("eingang")).iter().any(|p| p.to_string_lossy().contains(".upload-")));
    for (name, _) in reports(&project) {
        if name.ends_with(".pdf") {
            let bytes = std::fs::read(project.join("output").join(&name)).unwrap();
            assert!(bytes.starts_with(b"%PDF") && bytes.ends_with(b"%%EOF"), "{name} is whole");
        }
    }
    let a_build = qdfh_check(&project);
    assert!(a_build.contains("0 Fehler"), "{a_build}");
}

/// Runs futures side by side and returns their results in order.
async fn futures_join_all<F>(futures: impl Iterator<Item = F>) -> Vec<F::Output>
where
    F: std::future::Future + Send + 'static,
    F::Output: Send + 'static,
{
    let handles: Vec<_> = futures.map(tokio::spawn).collect();
    let mut results = Vec::new();
    for handle in handles {
        results.push(handle.await.unwrap());
    }
    results
}

/// How many people Auenfeld's 2026 survey holds, read as the build reads
/// the inputs (which must have no errors).
fn respondents_of_auenfeld(project: &Path) -> usize {
    let (inputs, diags) = qdfh::ingest::read_inputs(&project.join("inputs"), &catalog());
    assert_eq!(diags.error_count(), 0, "{}", diags.to_text(false));
    let survey = inputs.years[&2026].surveys.iter().find(|s| s.municipality == "auenfeld").unwrap();
    survey.respondents.len()
}

/// `qdfh check` over the project's inputs.
fn qdfh_check(project: &Path) -> String {
    let out = assert_cmd::Command::cargo_bin("qdfh").unwrap().current_dir(project).arg("check").output().unwrap();
    String::from_utf8(out.stdout).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn questionnaires_dropped_one_by_one_become_the_survey() {
    let dir = tempfile::tempdir().unwrap();
    let (project, auenfeld, _) = shared_project(dir.path());
    std::fs::remove_file(project.join("inputs/2026/befragung-auenfeld.xlsx")).unwrap();
    let server = server(&project, true, 20_000_000);
    spawn_build_loop(&server);
    let mut browser = Browser::new(&server);
    let csrf = browser.sign_in(&auenfeld).await.csrf();
    let catalog = catalog();
    let people = crate::questionnaire_folder::people(&catalog);
    let written = crate::questionnaire_folder::write_questionnaires(&catalog, &people, &dir.path().join("post"));
    for (i, path) in written.iter().enumerate() {
        let page = browser.upload(&csrf, &format!("Fragebogen {i}.xlsx"), &std::fs::read(path).unwrap()).await;
        assert!(page.text().contains("wurde übernommen"), "{}", page.text());
    }
    let folder = project.join("inputs/2026/fragebogen-auenfeld");
    assert_eq!(walk(&folder).len(), people.len(), "each questionnaire is kept beside the others");
    // The page lists the folder with the number of questionnaires in it.
    built(&server).await;
    let page = browser.get("/kommune/auenfeld").await.text();
    let listed = format!("fragebogen-auenfeld/ ({} Fragebögen)", people.len());
    assert!(page.contains(&listed), "{page}");
    // One of another municipality is refused.
    let mut form = crate::questionnaire_folder::questionnaire(&catalog, &people[0], false);
    form.info.municipality = Some("birkental".into());
    let other = qdfh::forms::form_workbook("x.xlsx", &catalog, &form).unwrap();
    let refused = browser.upload(&csrf, "Fragebogen.xlsx", &other).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(walk(&folder).len(), people.len());
    assert_eq!(respondents_of_auenfeld(&project), people.len());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_online_survey_export_named_after_its_profile_replaces_the_survey() {
    let dir = tempfile::tempdir().unwrap();
    let (project, auenfeld, _) = shared_project(dir.path());
    let server = server(&project, true, 20_000_000);
    let mut browser = Browser::new(&server);
    let csrf = browser.sign_in(&auenfeld).await.csrf();
    let catalog = catalog();
    let people = crate::common::exports::people(&catalog);
    let csv = crate::import_limesurvey::limesurvey_csv(&catalog, &people);
    // Without a name that says what it is, text is no spreadsheet.
    let refused = browser.upload(&csrf, "antworten.csv", &csv).await;
    assert_eq!(refused.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert!(refused.text().contains("limesurvey-&lt;kommune&gt;-&lt;jahr&gt;.csv"), "{}", refused.text());
    // Another municipality's export is refused by the name's municipality.
    let refused = browser.upload(&csrf, "limesurvey-birkental-2026.csv", &csv).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    // Its own: placed under the profile's name, the survey workbook kept in the history.
    let page = browser.upload(&csrf, "LimeSurvey-Auenfeld-2026.csv", &csv).await;
    let text = page.text();
    assert!(text.contains("wurde übernommen"), "{text}");
    assert!(text.contains("unvollständige Antwort"), "the incomplete response is named: {text}");
    let placed = project.join("inputs/2026/limesurvey-auenfeld-2026.csv");
    assert!(std::fs::read(&placed).unwrap() == csv);
    assert!(!project.join("inputs/2026/befragung-auenfeld.xlsx").exists());
    assert_eq!(walk(&project.join("eingang/historie")).len(), 1);
    assert!(!walk(&project.join("eingang")).iter().any(|p| p.to_string_lossy().contains(".upload-")));
    assert_eq!(respondents_of_auenfeld(&project), people.len());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_municipalitys_standards_workbook_replaces_its_earlier_one() {
    let dir = tempfile::tempdir().unwrap();
    let (project, auenfeld, _) = shared_project(dir.path());
    let server = server(&project, true, 20_000_000);
    let mut browser = Browser::new(&server);
    let csrf = browser.sign_in(&auenfeld).await.csrf();
    let catalog = catalog();
    let bytes = |municipality: &str, offset: usize| {
        let (form, _) = crate::standards::standards_form(&catalog, municipality, offset);
        qdfh::forms::form_workbook("s.xlsx", &catalog, &form).unwrap()
    };
    let refused = browser.upload(&csrf, "Standards.xlsx", &bytes("birkental", 0)).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "another municipality's");
    for (offset, name) in [(0, "Standards.xlsx"), (1, "Standards neu.xlsx")] {
        let page = browser.upload(&csrf, name, &bytes("auenfeld", offset)).await;
        assert!(page.text().contains("wurde übernommen"), "{}", page.text());
    }
    let placed = project.join("inputs/2026/standards-auenfeld.xlsx");
    assert_eq!(std::fs::read(&placed).unwrap(), bytes("auenfeld", 1), "the second replaces the first");
    assert_eq!(walk(&project.join("eingang/historie")).len(), 1, "the first is kept in the history");
    let (inputs, diags) = qdfh::ingest::read_inputs(&project.join("inputs"), &catalog);
    assert_eq!(diags.error_count(), 0, "{}", diags.to_text(false));
    let (_, expected) = crate::standards::standards_form(&catalog, "auenfeld", 1);
    assert_eq!(inputs.years[&2026].standards.len(), 1);
    assert_eq!(inputs.years[&2026].standards[0].ratings, expected);
}
