//! End-to-end in a real headless Chromium through chromedriver (W3C WebDriver, spoken
//! with a small client over the same hyper helper). Properties checked: search from the
//! query box, click a facet, open a result, jump to a paragraph anchor, follow "cited
//! by", switch language, Arabic renders right to left, the `<script>` document is inert
//! and its text visible, copy citation announces the pinpointed citation, the search page
//! fits a phone screen; signing in with a token shows who is signed in and the group's
//! confidential document, behind an `HttpOnly`, `SameSite=Strict` cookie no script can
//! read, and signing out makes the page anonymous again. Screenshots go to `tests/artifacts/` at the repository root.

use crate::common::*;
use axum::http::{Method, StatusCode};
use base64::Engine as _;
use hrlex_server::ServerLimits;
use serde_json::{json, Value};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

fn artifacts_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/artifacts");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// chromedriver, killed on drop.
struct Driver {
    process: Child,
    address: SocketAddr,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

async fn start_driver() -> Driver {
    for binary in [CHROMIUM, CHROMEDRIVER] {
        assert!(
            Path::new(binary).exists(),
            "{binary} is missing: the browser tests need Chromium and chromedriver; run scripts/install-deps.sh"
        );
    }
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let process = Command::new(CHROMEDRIVER)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromedriver");
    let address: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
    let driver = Driver { process, address };
    let started = Instant::now();
    loop {
        if tokio::net::TcpStream::connect(address).await.is_ok() {
            let status = http(address, Method::GET, "/status", &[], None).await;
            if status.status == StatusCode::OK && status.json()["value"]["ready"] == true {
                return driver;
            }
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "chromedriver did not become ready"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// One WebDriver session.
struct Browser {
    driver: SocketAddr,
    session: String,
    _profile: tempfile::TempDir,
}

impl Browser {
    async fn open(driver: &Driver) -> Browser {
        let profile = tempfile::tempdir().unwrap();
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": CHROMIUM,
                "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                         "--disable-background-networking", "--disable-component-update", "--disable-sync",
                         "--disable-dev-shm-usage", "--window-size=1280,900",
                         format!("--user-data-dir={}", profile.path().display())]
            }
        }}});
        let reply = http(
            driver.address,
            Method::POST,
            "/session",
            &[],
            Some(("application/json", capabilities.to_string().into_bytes())),
        )
        .await;
        assert_eq!(
            reply.status,
            StatusCode::OK,
            "new session: {}",
            reply.text()
        );
        let session = reply.json()["value"]["sessionId"]
            .as_str()
            .unwrap()
            .to_string();
        Browser {
            driver: driver.address,
            session,
            _profile: profile,
        }
    }

    async fn command(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> Result<Value, Value> {
        let body = body.map(|body| ("application/json", body.to_string().into_bytes()));
        let reply = http(
            self.driver,
            method,
            &format!("/session/{}{path}", self.session),
            &[],
            body,
        )
        .await;
        let value = reply.json()["value"].clone();
        if reply.status == StatusCode::OK {
            Ok(value)
        } else {
            Err(value)
        }
    }

    async fn ok(&self, method: Method, path: &str, body: Option<Value>) -> Value {
        self.command(method, path, body)
            .await
            .unwrap_or_else(|error| panic!("{path}: {error}"))
    }

    async fn goto(&self, url: &str) {
        self.ok(Method::POST, "/url", Some(json!({"url": url})))
            .await;
    }

    async fn script(&self, script: &str) -> Value {
        self.ok(
            Method::POST,
            "/execute/sync",
            Some(json!({"script": script, "args": []})),
        )
        .await
    }

    async fn find(&self, css: &str) -> String {
        let value = self
            .ok(
                Method::POST,
                "/element",
                Some(json!({"using": "css selector", "value": css})),
            )
            .await;
        value
            .as_object()
            .unwrap()
            .values()
            .next()
            .unwrap()
            .as_str()
            .unwrap()
            .to_string()
    }

    async fn click(&self, css: &str) {
        let element = self.find(css).await;
        self.ok(
            Method::POST,
            &format!("/element/{element}/click"),
            Some(json!({})),
        )
        .await;
    }

    async fn type_into(&self, css: &str, text: &str) {
        let element = self.find(css).await;
        self.ok(
            Method::POST,
            &format!("/element/{element}/clear"),
            Some(json!({})),
        )
        .await;
        self.ok(
            Method::POST,
            &format!("/element/{element}/value"),
            Some(json!({"text": text})),
        )
        .await;
    }

    async fn url(&self) -> String {
        self.ok(Method::GET, "/url", None)
            .await
            .as_str()
            .unwrap()
            .to_string()
    }

    /// Waits until `script` returns true.
    async fn wait_for(&self, script: &str) {
        let started = Instant::now();
        while self.script(script).await != Value::Bool(true) {
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "timed out waiting for: {script}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    async fn screenshot(&self, name: &str) {
        let encoded = self.ok(Method::GET, "/screenshot", None).await;
        let png = base64::engine::general_purpose::STANDARD
            .decode(encoded.as_str().unwrap())
            .unwrap();
        std::fs::write(artifacts_dir().join(name), png).unwrap();
    }

    async fn window_size(&self, width: u32, height: u32) {
        self.ok(
            Method::POST,
            "/window/rect",
            Some(json!({"width": width, "height": height})),
        )
        .await;
    }

    async fn alert_open(&self) -> bool {
        self.command(Method::GET, "/alert/text", None).await.is_ok()
    }

    async fn close(&self) {
        let _ = self.command(Method::DELETE, "", None).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn browser_search_facets_documents_citations_languages_and_escaping() {
    let driver = start_driver().await;
    let server = RunningServer::start(fixture_state(ServerLimits::default())).await;
    let browser = Browser::open(&driver).await;

    // Search from the query box.
    browser.goto(&server.url("/")).await;
    browser.type_into("#q", "committee").await;
    browser.click(".search-form button[type=submit]").await;
    browser
        .wait_for("return !!document.querySelector('#result-count')")
        .await;
    let count = browser
        .script("return document.querySelector('#result-count').textContent")
        .await;
    assert!(count.as_str().unwrap().contains("found"), "{count}");
    assert!(browser.url().await.contains("q=committee"));
    browser.screenshot("search.png").await;

    // Click a facet: the URL carries the filter and every hit is a CCPR document.
    browser
        .click(r#".facet a[data-filter="mechanism:ccpr"]"#)
        .await;
    browser
        .wait_for("return location.search.includes('filter=mechanism%3Accpr')")
        .await;
    let mechanisms = browser
        .script("return [...document.querySelectorAll('.result-meta')].map(meta => meta.textContent.split(' · ')[0])")
        .await;
    let mechanisms = mechanisms.as_array().unwrap();
    assert!(
        !mechanisms.is_empty() && mechanisms.iter().all(|mechanism| mechanism == "CCPR"),
        "{mechanisms:?}"
    );
    let selected = browser
        .script("return document.querySelector('.facet a.selected').dataset.filter")
        .await;
    assert_eq!(selected, "mechanism:ccpr");
    browser.screenshot("facet.png").await;

    // Open a result, then jump to a paragraph anchor.
    browser.click(".result-title a").await;
    browser
        .wait_for("return !!document.querySelector('.document-title')")
        .await;
    browser
        .click(".paragraph:nth-of-type(3) .paragraph-number")
        .await;
    browser
        .wait_for("return location.hash.startsWith('#para-') || location.hash.startsWith('#p-')")
        .await;
    let target = browser
        .script("const t = document.querySelector(':target'); return t ? t.id === decodeURIComponent(location.hash.slice(1)) : false")
        .await;
    assert_eq!(target, true);

    // A shared pinpoint link lands on the paragraph, scrolled into view.
    browser.goto(&server.url("/?q=police")).await;
    browser
        .click(&format!(
            r#".pin[href="/documents/{}#para-3"]"#,
            encode(SCRIPT_DOCUMENT_ID)
        ))
        .await;
    browser.wait_for("return location.hash === '#para-3'").await;
    let visible = browser
        .script("const r = document.getElementById('para-3').getBoundingClientRect(); return r.top >= 0 && r.top < window.innerHeight")
        .await;
    assert_eq!(visible, true);
    browser.screenshot("anchor.png").await;

    // Follow "cited by" from Marckx v. Belgium to the citing paragraph.
    browser
        .goto(&server.url(&format!("/documents/{}", encode(MARCKX_ID))))
        .await;
    let panel = browser
        .script("return document.querySelector('.cited-by').textContent")
        .await;
    assert!(
        panel.as_str().unwrap().contains("United Nations"),
        "{panel}"
    );
    browser.screenshot("cited-by.png").await;
    browser.click(".cited-by a.citing-document").await;
    browser.wait_for("return location.hash === '#para-2'").await;
    assert!(browser.url().await.contains(&encode(SCRIPT_DOCUMENT_ID)));

    // The `<script>` document is inert: no dialog, no script element, text visible.
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(!browser.alert_open().await, "an alert opened");
    let text = browser
        .script("return document.querySelector('#para-1 .paragraph-text').textContent")
        .await;
    assert!(
        text.as_str().unwrap().contains("<script>alert(1)</script>"),
        "{text}"
    );
    let injected = browser
        .script("return document.querySelectorAll('main script').length")
        .await;
    assert_eq!(injected, 0);
    let title = browser
        .script("return document.querySelector('.document-title').textContent")
        .await;
    assert!(title.as_str().unwrap().contains("<script>"), "{title}");

    // Copy citation with pinpoint.
    browser.click("#para-2 .cite-paragraph").await;
    browser
        .wait_for("return document.getElementById('copy-status').textContent.length > 0")
        .await;
    let status = browser
        .script("return document.getElementById('copy-status').textContent")
        .await;
    assert!(
        status
            .as_str()
            .unwrap()
            .ends_with("CCPR/C/999/D/1/2024, para. 2"),
        "{status}"
    );
    browser.screenshot("script-document.png").await;

    // Switch language: from the English charter to the Arabic one, right to left.
    browser
        .goto(&server.url("/?q=charter&filter=lang:en"))
        .await;
    browser.click(".result-title a").await;
    browser
        .wait_for("return !!document.querySelector('.language-switch a[hreflang=ar]')")
        .await;
    browser.click(".language-switch a[hreflang=ar]").await;
    browser.wait_for("return document.querySelector('.document-text') && document.querySelector('.document-text').lang === 'ar'").await;
    let direction = browser
        .script("return getComputedStyle(document.querySelector('.document-text')).direction")
        .await;
    assert_eq!(direction, "rtl");
    let title_direction = browser
        .script("return getComputedStyle(document.querySelector('.document-title')).direction")
        .await;
    assert_eq!(title_direction, "rtl");
    let current = browser
        .script("return document.querySelector('.language-switch [aria-current]').textContent")
        .await;
    assert_eq!(current, "العربية");
    browser.screenshot("arabic.png").await;

    // Readable on a phone: nothing wider than the screen.
    browser.window_size(390, 844).await;
    browser.goto(&server.url("/?q=committee")).await;
    let overflow = browser
        .script("return document.documentElement.scrollWidth <= window.innerWidth")
        .await;
    assert_eq!(overflow, true);
    browser.screenshot("phone-search.png").await;
    browser
        .goto(&server.url(&format!("/documents/{}", encode(SCRIPT_DOCUMENT_ID))))
        .await;
    let overflow = browser
        .script("return document.documentElement.scrollWidth <= window.innerWidth")
        .await;
    assert_eq!(overflow, true);
    browser.screenshot("phone-document.png").await;

    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn browser_sign_in_shows_the_groups_documents_and_sign_out_hides_them() {
    let folder = tempfile::tempdir().unwrap();
    let tokens = folder.path().join("tokens.json");
    let name = "Подкомитет по предупреждению пыток";
    let secret = add_token(&tokens, name, &[CONFIDENTIAL_GROUP]);
    let driver = start_driver().await;
    let server = RunningServer::start(auth_state(&tokens, &folder.path().join("audit.log"))).await;
    let browser = Browser::open(&driver).await;

    browser.goto(&server.url("/?q=quokkasecret")).await;
    let results = browser
        .script("return document.querySelectorAll('.result-title a').length")
        .await;
    assert_eq!(results, 0);
    browser.click("a.sign-in").await;
    browser
        .wait_for("return !!document.querySelector('#token')")
        .await;
    browser
        .type_into("#token", "hrlex_000000000000_wrong")
        .await;
    browser.click(".sign-in-form button[type=submit]").await;
    browser
        .wait_for("return !!document.querySelector('.sign-in-page .error')")
        .await;
    browser.type_into("#token", &secret).await;
    browser.click(".sign-in-form button[type=submit]").await;
    browser
        .wait_for("return !!document.querySelector('.signed-in-as')")
        .await;
    let who = browser
        .script("return document.querySelector('.signed-in-as').textContent")
        .await;
    assert_eq!(who.as_str().unwrap(), format!("Signed in as {name}"));
    let cookies = browser.ok(Method::GET, "/cookie", None).await;
    let session = cookies
        .as_array()
        .unwrap()
        .iter()
        .find(|cookie| cookie["name"] == "hrlex_session")
        .unwrap_or_else(|| panic!("no session cookie: {cookies}"))
        .clone();
    assert_eq!(session["httpOnly"], true, "{session}");
    assert_eq!(session["sameSite"], "Strict", "{session}");
    assert_ne!(session["value"].as_str().unwrap(), secret);
    let readable = browser.script("return document.cookie").await;
    assert!(
        !readable.as_str().unwrap().contains("hrlex_session"),
        "a script can read the session cookie"
    );

    browser.goto(&server.url("/?q=quokkasecret")).await;
    let titles = browser
        .script("return [...document.querySelectorAll('.result-title a')].map(a => a.textContent)")
        .await;
    assert!(
        titles.to_string().contains("pangolinword"),
        "the group's confidential document is not found: {titles}"
    );
    browser.screenshot("signed-in.png").await;

    browser.click(".sign-out button[type=submit]").await;
    browser
        .wait_for("return !!document.querySelector('a.sign-in')")
        .await;
    let cookies = browser.ok(Method::GET, "/cookie", None).await;
    assert!(
        !cookies.to_string().contains("hrlex_session"),
        "the cookie outlived sign-out: {cookies}"
    );
    browser.goto(&server.url("/?q=quokkasecret")).await;
    let results = browser
        .script("return document.querySelectorAll('.result-title a').length")
        .await;
    assert_eq!(results, 0);
    let signed_in = browser
        .script("return !!document.querySelector('.signed-in-as')")
        .await;
    assert_eq!(signed_in, false);
    browser.close().await;
}
