//! The drop page in a real browser: headless Chromium driven over
//! WebDriver (chromedriver) against `qdfh serve --freigabe` as a user runs
//! it. A coordinator signs in, drops a workbook with an error, sees the
//! error table, drops the corrected workbook and downloads the handout.
//! Screenshots go to `target/screenshots/` for a person to look at.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use qdfh::serve::access::{AccessCodes, Role};
use serde_json::json;

use crate::common::require_tool;
use crate::common::workbooks::*;

/// A child process killed when dropped.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `qdfh serve --freigabe` on a free port and returns it with its address.
fn start_server(project: &Path) -> (Running, String) {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("qdfh"))
        .arg("-C")
        .arg(project)
        .args(["serve", "--freigabe", "--adresse", "127.0.0.1:0", "--kein-browser"])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let mut lines = BufReader::new(stderr).lines();
    let first = lines.next().unwrap().unwrap();
    let url = first.split_whitespace().find(|w| w.starts_with("http://")).expect("the address").to_string();
    // Keep reading so the server never blocks on a full pipe.
    std::thread::spawn(move || lines.for_each(|line| eprintln!("serve: {}", line.unwrap_or_default())));
    wait_until_built(&url);
    (Running(child), url)
}

/// Waits until the build the server starts with is done, so no page
/// reloads itself under the test's hands.
fn wait_until_built(url: &str) {
    use std::io::{Read, Write};
    let address = url.trim_start_matches("http://").trim_end_matches('/').to_string();
    for _ in 0..600 {
        let mut answer = String::new();
        if let Ok(mut stream) = std::net::TcpStream::connect(&address) {
            let request = format!("GET /status HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n");
            let _ = stream.write_all(request.as_bytes()).and_then(|()| stream.read_to_string(&mut answer));
        }
        if answer.contains("\"bauend\":false") {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    panic!("the server's first build did not finish within a minute");
}

/// Starts chromedriver on a free port.
fn start_driver() -> (Running, String) {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let child = Command::new("chromedriver").arg(format!("--port={port}")).stdout(Stdio::null()).spawn().unwrap();
    let address = format!("127.0.0.1:{port}");
    for _ in 0..100 {
        if std::net::TcpStream::connect(&address).is_ok() {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    (Running(child), format!("http://{address}"))
}

async fn browser(driver: &str) -> Client {
    let mut capabilities = serde_json::Map::new();
    capabilities.insert(
        "goog:chromeOptions".into(),
        json!({ "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1100,1500"] }),
    );
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(capabilities)
        .connect(driver)
        .await
        .expect("chromedriver starts a Chromium session")
}

fn screenshots() -> PathBuf {
    let dir = crate::common::repo_root().join("target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

async fn shot(client: &Client, name: &str) {
    let png = client.screenshot().await.unwrap();
    std::fs::write(screenshots().join(format!("{name}.png")), png).unwrap();
}

/// The text of the first element at `locator`, found afresh until it can
/// be read: the page reloads itself while reports are made, which can make
/// an element found a moment ago stale.
async fn text_of(client: &Client, locator: Locator<'_>) -> String {
    for _ in 0..40 {
        if let Ok(element) = client.wait().for_element(locator).await
            && let Ok(text) = element.text().await
        {
            return text;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    panic!("no readable element at {locator:?}");
}

/// Waits until the page no longer reloads itself for a build in progress,
/// so that what the test finds next stays on the page.
async fn settled(client: &Client) {
    for _ in 0..120 {
        if !client.source().await.unwrap().contains("gerade neu erstellt") {
            return;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    panic!("the reports were still being made after a minute");
}

/// Chooses `file` in the drop zone's file button and sends the form.
async fn drop_workbook(client: &Client, file: &Path) {
    let input = client.wait().for_element(Locator::Css("#ablage input[type=file]")).await.unwrap();
    input.send_keys(file.to_str().unwrap()).await.unwrap();
    client.find(Locator::Css("#ablage button[type=submit]")).await.unwrap().click().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_coordinator_drops_a_faulty_then_a_corrected_workbook_and_downloads_the_handout() {
    if !require_tool("chromium") || !require_tool("chromedriver") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let project = small_project(dir.path());
    let mut codes = AccessCodes::default();
    let code = codes.issue(Role::Municipality("auenfeld".into()), "2026-11-27").unwrap().code;
    codes.save(&AccessCodes::path(&project)).unwrap();
    let faulty = dir.path().join("Befragung Auenfeld.xlsx");
    let mut rows = standard_befragung("auenfeld");
    rows[1].rows[2][4] = s("viel");
    write_book(&faulty, &rows);
    let corrected = dir.path().join("Befragung Auenfeld korrigiert.xlsx");
    let mut rows = standard_befragung("auenfeld");
    rows[1].rows.push(survey_row(&catalog(), "5", "Hebamme", "operativ", n(2.0), n(3.0)));
    write_book(&corrected, &rows);

    let (_server, url) = start_server(&project);
    let (_driver, driver) = start_driver();
    let client = browser(&driver).await;
    client.goto(&url).await.unwrap();
    shot(&client, "1-anmelden").await;
    client.find(Locator::Id("code")).await.unwrap().send_keys(&code.to_lowercase()).await.unwrap();
    client.find(Locator::Css("main button[type=submit]")).await.unwrap().click().await.unwrap();
    assert_eq!(text_of(&client, Locator::Css("main h1")).await, "Stadt Auenfeld");
    settled(&client).await;
    shot(&client, "2-kommune").await;

    drop_workbook(&client, &faulty).await;
    let text = text_of(&client, Locator::Css("table.meldungen")).await;
    assert!(text.contains("Befragung Auenfeld.xlsx") && text.contains("E3") && text.contains("„viel“"), "{text}");
    shot(&client, "3-fehler").await;

    drop_workbook(&client, &corrected).await;
    assert!(text_of(&client, Locator::Css("p.meldung.erfolg")).await.contains("ohne Fehler und wurde übernommen"));
    shot(&client, "4-uebernommen").await;

    client.find(Locator::LinkText("Zurück zur Übersicht")).await.unwrap().click().await.unwrap();
    // The page reloads itself while the reports are made; then the link is
    // there and the notice is gone.
    let mut settled = false;
    for _ in 0..120 {
        let source = client.source().await.unwrap();
        if source.contains("/bericht/2026/handout/auenfeld") && !source.contains("gerade neu erstellt") {
            settled = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    assert!(settled, "the page showed the finished handout within a minute");
    let link = text_of(&client, Locator::Css("a[href='/bericht/2026/handout/auenfeld']")).await;
    assert!(link.contains("Handout 2026 herunterladen"));
    shot(&client, "5-handout").await;
    let script = "const done = arguments[arguments.length - 1];
        fetch('/bericht/2026/handout/auenfeld').then(r => r.arrayBuffer()).then(b => {
          const head = String.fromCharCode(...new Uint8Array(b.slice(0, 5)));
          done([head, b.byteLength]);
        });";
    let answer = client.execute_async(script, vec![]).await.unwrap();
    let on_disk = std::fs::read(project.join("output/2026/handouts/handout-auenfeld-2026.pdf")).unwrap();
    assert_eq!(answer, json!(["%PDF-", on_disk.len()]));
    client.close().await.unwrap();
}
