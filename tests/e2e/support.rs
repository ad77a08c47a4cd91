//! Test harness: a GitHub-Pages-like static server and a headless Chromium session.

use std::collections::HashMap;
use std::net::TcpListener as StdListener;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder, Locator};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// The sub-path the site is built for and served under, as on GitHub Pages.
pub const PREFIX: &str = "/threat-atlas/";

/// A second deployment of the same build on the same origin, as a staging copy would be: the
/// server answers under it with the build's files, their `/threat-atlas/` addresses moved to
/// this sub-path ([`staged`]).
pub const STAGING: &str = "/threat-atlas-staging/";

/// The SHA-256 of `bytes` in base64, as integrity and CSP hashes write it.
pub fn sha256_base64(bytes: &[u8]) -> String {
    use base64::Engine;
    use sha2::Digest;
    base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(bytes))
}

/// A file of the build as the staging deployment serves it: addresses moved, and the page's
/// content security policy allowing its inline scripts as they now read.
pub fn staged(bytes: &[u8]) -> Vec<u8> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return bytes.to_vec();
    };
    if !text.contains(PREFIX) {
        return bytes.to_vec();
    }
    let mut out = text.replace(PREFIX, STAGING);
    let hash = |script: &str| sha256_base64(script.as_bytes());
    let mut rest = text;
    while let Some(at) = rest.find("<script") {
        let tag_end = at + rest[at..].find('>').unwrap_or(0) + 1;
        let close = tag_end + rest[tag_end..].find("</script>").unwrap_or(0);
        let script = &rest[tag_end..close];
        if !rest[at..tag_end].contains(" src=") && script.contains(PREFIX) {
            out = out.replace(&hash(script), &hash(&script.replace(PREFIX, STAGING)));
        }
        rest = &rest[close..];
    }
    out.into_bytes()
}

/// What the server returns for one path instead of the file on disk.
#[derive(Clone)]
pub enum Override {
    /// Serve these bytes with status 200.
    Body(Vec<u8>),
    /// Answer 404 with the site's 404.html, as if the file did not exist.
    Missing,
    /// Serve the file on disk, but only after this long.
    Slow(Duration),
}

/// A static server over the built site. Unknown paths get `404.html` with status 404, which
/// is what GitHub Pages does and what makes deep links work there.
pub struct Site {
    pub base: String,
    overrides: Arc<Mutex<HashMap<String, Override>>>,
    /// Every request: the path under the prefix and the status answered.
    log: Arc<Mutex<Vec<(String, u16)>>>,
    task: tokio::task::JoinHandle<()>,
}

impl Site {
    /// A server that forbids caching (`no-store`), so every test sees the files on disk now.
    pub async fn start() -> Site {
        Site::serve(false).await
    }

    /// A server that caches like GitHub Pages: `max-age=600`, an `ETag` per body, and
    /// `304 Not Modified` for a request that names the current one.
    pub async fn start_caching() -> Site {
        Site::serve(true).await
    }

    async fn serve(caching: bool) -> Site {
        let dist = dist_dir();
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind static server");
        let port = listener.local_addr().unwrap().port();
        let overrides: Arc<Mutex<HashMap<String, Override>>> = Arc::default();
        let shared = overrides.clone();
        let log: Arc<Mutex<Vec<(String, u16)>>> = Arc::default();
        let shared_log = log.clone();
        let task = tokio::spawn(async move {
            loop {
                let Ok((mut stream, _)) = listener.accept().await else {
                    continue;
                };
                let dist = dist.clone();
                let overrides = shared.clone();
                let log = shared_log.clone();
                tokio::spawn(async move {
                    let mut buf = Vec::new();
                    let mut chunk = [0u8; 4096];
                    while !buf.windows(4).any(|w| w == b"\r\n\r\n") && buf.len() < 65536 {
                        match stream.read(&mut chunk).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => buf.extend_from_slice(&chunk[..n]),
                        }
                    }
                    let head = String::from_utf8_lossy(&buf);
                    let path = head.split_whitespace().nth(1).unwrap_or("/").to_string();
                    let delay = match overrides.lock().unwrap().get(
                        path.split(['?', '#'])
                            .next()
                            .unwrap_or("")
                            .strip_prefix(PREFIX)
                            .unwrap_or(""),
                    ) {
                        Some(Override::Slow(d)) => Some(*d),
                        _ => None,
                    };
                    if let Some(d) = delay {
                        tokio::time::sleep(d).await;
                    }
                    let (mut status, mime, mut body) = respond(&dist, &overrides, &path);
                    let cache = if caching {
                        let etag = format!("\"{:016x}\"", fnv(&body));
                        let asked = head.lines().any(|l| {
                            l.to_ascii_lowercase().starts_with("if-none-match:")
                                && l.contains(&etag)
                        });
                        if asked && status.starts_with("200") {
                            status = "304 Not Modified";
                            body.clear();
                        }
                        format!("Cache-Control: max-age=600\r\nETag: {etag}")
                    } else {
                        "Cache-Control: no-store".to_string()
                    };
                    let rel = path.split(['?', '#']).next().unwrap_or("");
                    let rel = rel.strip_prefix(PREFIX).unwrap_or(rel).to_string();
                    let code = status[..3].parse().unwrap_or(0);
                    log.lock().unwrap().push((rel, code));
                    let header = format!(
                        "HTTP/1.1 {status}\r\nContent-Type: {mime}\r\nContent-Length: {}\r\n\
                         {cache}\r\nConnection: close\r\n\r\n",
                        body.len()
                    );
                    let _ = stream.write_all(header.as_bytes()).await;
                    let _ = stream.write_all(&body).await;
                    let _ = stream.shutdown().await;
                });
            }
        });
        Site {
            base: format!("http://127.0.0.1:{port}{PREFIX}"),
            overrides,
            log,
            task,
        }
    }

    /// The requests so far: path under the prefix, status.
    pub fn requests(&self) -> Vec<(String, u16)> {
        self.log.lock().unwrap().clone()
    }

    /// Replaces what the server returns for a path under the prefix (e.g. `data/atlas.json`),
    /// or for one absolute path (e.g. `/threat-atlas-staging/sw.js`).
    pub fn set(&self, path: &str, what: Override) {
        self.overrides
            .lock()
            .unwrap()
            .insert(path.to_string(), what);
    }

    /// Serves the file on disk again for this path.
    pub fn reset(&self, path: &str) {
        self.overrides.lock().unwrap().remove(path);
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// The status and body of a plain HTTP/1.1 GET of `path`, as a crawler or a link
    /// preview sees it: no browser, no script, no service worker.
    pub async fn get(&self, path: &str) -> (u16, String) {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let url = url::Url::parse(&self.url(path)).unwrap();
        let mut stream =
            tokio::net::TcpStream::connect((url.host_str().unwrap(), url.port().unwrap()))
                .await
                .unwrap();
        let target = match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_string(),
        };
        let request = format!(
            "GET {target} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            url.host_str().unwrap()
        );
        stream.write_all(request.as_bytes()).await.unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).await.unwrap();
        let text = String::from_utf8_lossy(&raw).to_string();
        let status = text
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let body = text
            .split_once("\r\n\r\n")
            .map(|(_, b)| b.to_string())
            .unwrap_or_default();
        (status, body)
    }
}

impl Drop for Site {
    fn drop(&mut self) {
        self.task.abort();
    }
}

fn respond(
    dist: &Path,
    overrides: &Mutex<HashMap<String, Override>>,
    raw_path: &str,
) -> (&'static str, &'static str, Vec<u8>) {
    let not_found = || {
        let body = std::fs::read(dist.join("404.html")).unwrap_or_else(|_| b"404".to_vec());
        ("404 Not Found", "text/html; charset=utf-8", body)
    };
    let path = raw_path.split(['?', '#']).next().unwrap_or("");
    if let Some(Override::Body(bytes)) = overrides.lock().unwrap().get(path) {
        return ("200 OK", mime_for(path), bytes.clone());
    }
    if let Some(rel) = path.strip_prefix(STAGING) {
        let (status, mime, body) = respond(dist, &Mutex::default(), &format!("{PREFIX}{rel}"));
        return (status, mime, staged(&body));
    }
    let Some(rel) = path
        .strip_prefix(PREFIX)
        .or_else(|| (path == "/threat-atlas").then_some(""))
    else {
        return not_found();
    };
    match overrides.lock().unwrap().get(rel) {
        Some(Override::Body(bytes)) => return ("200 OK", mime_for(rel), bytes.clone()),
        Some(Override::Missing) => return not_found(),
        Some(Override::Slow(_)) | None => {}
    }
    let rel = if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.to_string()
    };
    let rel_path = Path::new(&rel);
    if rel_path
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
    {
        return not_found();
    }
    match std::fs::read(dist.join(rel_path)) {
        Ok(body) => ("200 OK", mime_for(&rel), body),
        // GitHub Pages serves `/timeline` from `timeline.html` when there is one.
        Err(_) => match std::fs::read(dist.join(format!("{rel}.html"))) {
            Ok(body) if !rel.ends_with(".html") => ("200 OK", mime_for(".html"), body),
            _ => not_found(),
        },
    }
}

/// FNV-1a, 64 bit: an ETag that changes with the body.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

fn mime_for(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript",
        "wasm" => "application/wasm",
        "css" => "text/css",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "webmanifest" => "application/manifest+json",
        _ => "application/octet-stream",
    }
}

/// Says that `test` did not run, and why: on stderr, and as a line of the file
/// `ATLAS_SKIPPED` names, which `scripts/test.sh` counts and lists in its summary.
pub fn skipped(test: &str, reason: &str) {
    use std::io::Write;
    eprintln!("skipped: {test}: {reason}");
    if let Some(path) = std::env::var_os("ATLAS_SKIPPED") {
        if let Ok(mut f) = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
        {
            let _ = writeln!(f, "e2e::{test}: {reason}");
        }
    }
}

/// A test fixture (`tests/fixtures/…`).
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A file inside the built site.
/// The file name of the page's wasm in the build (not the worker module's).
pub fn app_wasm() -> String {
    std::fs::read_dir(dist_path(""))
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .find(|n| n.starts_with("threat-atlas-") && n.ends_with("_bg.wasm"))
        .expect("the app's wasm in the build")
}

pub fn dist_path(rel: &str) -> PathBuf {
    dist_dir().join(rel)
}

/// The actor ids of the dataset the build bundles, read natively from the built site.
pub fn bundled_actor_ids() -> Vec<String> {
    let text =
        std::fs::read_to_string(dist_dir().join("data/atlas.json")).expect("dataset in the build");
    let json: serde_json::Value = serde_json::from_str(&text).expect("dataset is JSON");
    json["actors"]
        .as_array()
        .expect("actors")
        .iter()
        .map(|a| a["id"].as_str().unwrap_or_default().to_string())
        .collect()
}

fn dist_dir() -> PathBuf {
    let dir = std::env::var_os("ATLAS_E2E_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target/e2e-dist"));
    assert!(
        dir.join("index.html").exists() && dir.join("404.html").exists(),
        "no site build at {}: run `make test` (it builds the site for /threat-atlas/ first)",
        dir.display()
    );
    dir
}

/// A headless Chromium driven through its own chromedriver process.
///
/// Dropping it ends chromedriver's whole process group, browser included, so a test that
/// panics before `close()` (or a run cut short) leaves no Chromium behind to slow the rest:
/// `kill_on_drop` alone ends chromedriver and orphans its browser.
pub struct Browser {
    pub client: Client,
    _driver: tokio::process::Child,
    profile: PathBuf,
}

impl Drop for Browser {
    fn drop(&mut self) {
        if let Some(pid) = self._driver.id() {
            let _ = std::process::Command::new("/bin/sh")
                .arg("-c")
                .arg(format!("kill -9 -{pid} 2>/dev/null"))
                .status();
        }
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

impl Browser {
    pub async fn start() -> Browser {
        Self::start_with_size(1280, 900).await
    }

    pub async fn start_with_size(width: u32, height: u32) -> Browser {
        Self::launch(width, height, true).await
    }

    /// A browser with JavaScript turned off (and so no wasm and no service worker).
    pub async fn start_without_script() -> Browser {
        Self::launch(1280, 900, false).await
    }

    async fn launch(width: u32, height: u32, script: bool) -> Browser {
        let port = StdListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let driver = tokio::process::Command::new("/usr/bin/chromedriver")
            .arg(format!("--port={port}"))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .kill_on_drop(true)
            // A process group of its own, which the browser it starts joins: see `Drop`.
            .process_group(0)
            .spawn()
            .expect("start /usr/bin/chromedriver (make setup installs it)");
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "chromedriver did not start"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let profile = std::env::temp_dir().join(format!(
            "atlas-e2e-{}-{}",
            std::process::id(),
            started.elapsed().as_nanos() ^ u128::from(port)
        ));
        let caps = serde_json::json!({
            "browserName": "chrome",
            "goog:loggingPrefs": { "browser": "ALL" },
            "goog:chromeOptions": {
                "binary": "/usr/bin/chromium",
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync",
                    format!("--window-size={width},{height}"),
                    format!("--user-data-dir={}", profile.display()),
                ],
                // 2: blocked, for every site.
                "prefs": { "profile.managed_default_content_settings.javascript": if script { 1 } else { 2 } }
            }
        });
        let caps = match caps {
            serde_json::Value::Object(map) => map,
            _ => unreachable!(),
        };
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let client = ClientBuilder::new(connector)
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("connect to chromedriver");
        Browser {
            client,
            _driver: driver,
            profile,
        }
    }

    /// Opens `url` and waits until the app has taken the static page's place (every page
    /// of the site is drawn at build time first, so its elements exist before the app runs).
    pub async fn goto(&self, url: &str) {
        self.goto_static(url).await;
        self.wait_for_app().await;
    }

    /// Opens `url` without waiting for the app: the page as drawn at build time.
    pub async fn goto_static(&self, url: &str) {
        self.client.goto(url).await.expect("navigate");
    }

    /// Reloads the page and waits for the app, as [`Self::goto`] does.
    pub async fn reload(&self) {
        self.client.refresh().await.expect("reload");
        self.wait_for_app().await;
    }

    /// Waits, up to 60 s, until the static page (`#boot`) is gone and the app (`#app`) shown.
    pub async fn wait_for_app(&self) {
        let started = Instant::now();
        loop {
            let done = self
                .client
                .execute(
                    "const a = document.getElementById('app'); return !document.getElementById('boot') && !!a && !a.hidden",
                    vec![],
                )
                .await
                .ok()
                .and_then(|v| v.as_bool())
                .unwrap_or(false);
            if done {
                return;
            }
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "the app never took over from the static page"
            );
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    /// Waits up to 15 s for an element.
    pub async fn find(&self, css: &str) -> Element {
        self.client
            .wait()
            .at_most(Duration::from_secs(15))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element {css}: {e}"))
    }

    /// Waits for an element, as `find` does, and clicks it.
    pub async fn click(&self, css: &str) {
        self.find(css)
            .await
            .click()
            .await
            .unwrap_or_else(|e| panic!("click {css}: {e}"));
    }

    pub async fn find_all(&self, css: &str) -> Vec<Element> {
        self.client
            .find_all(Locator::Css(css))
            .await
            .expect("find_all")
    }

    pub async fn text(&self, css: &str) -> String {
        self.find(css).await.text().await.expect("text")
    }

    /// The value of `attr` on every element matching `css`.
    pub async fn attrs(&self, css: &str, attr: &str) -> Vec<String> {
        let mut out = Vec::new();
        for e in self.find_all(css).await {
            out.push(e.attr(attr).await.expect("attr").unwrap_or_default());
        }
        out
    }

    pub async fn current_url(&self) -> String {
        self.client.current_url().await.expect("url").to_string()
    }

    /// Browser console entries at level SEVERE since the last call.
    pub async fn console_errors(&self) -> Vec<String> {
        let logs = self
            .client
            .issue_cmd(BrowserLog)
            .await
            .expect("read browser log");
        logs.as_array()
            .map(|entries| {
                entries
                    .iter()
                    .filter(|e| e["level"] == "SEVERE")
                    .map(|e| e["message"].as_str().unwrap_or_default().to_string())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Fails the test on any console error.
    pub async fn assert_no_console_errors(&self) {
        let errors = self.console_errors().await;
        assert!(errors.is_empty(), "console errors: {errors:#?}");
    }

    /// Like [`Self::assert_no_console_errors`], but allows the one error a deep link causes on
    /// GitHub Pages: the document at `page_url` itself arrives with status 404 (as 404.html,
    /// which boots the app). Any other 404 still fails.
    pub async fn assert_no_console_errors_except_deep_link(&self, page_url: &str) {
        let errors: Vec<String> = self
            .console_errors()
            .await
            .into_iter()
            .filter(|e| !(e.starts_with(&format!("{page_url} ")) && e.contains("status of 404")))
            .collect();
        assert!(errors.is_empty(), "console errors: {errors:#?}");
    }

    /// Fails if the page is wider than the window (it would scroll sideways on a phone).
    pub async fn assert_no_sideways_scroll(&self, what: &str) {
        let fits = self
            .client
            .execute(
                "return document.documentElement.scrollWidth <= window.innerWidth",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(fits.as_bool(), Some(true), "{what} scrolls sideways");
    }

    /// Gives files to the "Open dataset…" file picker, as a reader choosing them would.
    pub async fn pick_files(&self, paths: &[PathBuf]) {
        self.pick_files_into("open-file", paths).await
    }

    /// Gives files to the file input with this `data-testid`.
    pub async fn pick_files_into(&self, testid: &str, paths: &[PathBuf]) {
        let list: Vec<String> = paths
            .iter()
            .map(|p| {
                std::fs::canonicalize(p)
                    .unwrap_or_else(|e| panic!("{}: {e}", p.display()))
                    .display()
                    .to_string()
            })
            .collect();
        self.find(&format!("[data-testid={testid}]"))
            .await
            .send_keys(&list.join("\n"))
            .await
            .expect("choose files");
    }

    /// Client-side navigation to a path under the site (as a link would do), which keeps an
    /// opened dataset; `goto` reloads the page and returns to the bundled one.
    pub async fn spa_goto(&self, path: &str) {
        let url = format!("{PREFIX}{path}");
        self.client
            .execute(
                "history.pushState(null, '', arguments[0]); \
                 window.dispatchEvent(new PopStateEvent('popstate', { state: null }));",
                vec![serde_json::json!(url)],
            )
            .await
            .expect("client-side navigation");
    }

    /// The text of the file a download link would save: the Blob the page hands to
    /// `URL.createObjectURL` when the link is clicked, read without fetching its address (the
    /// page's policy lets nothing fetch a `blob:` address, and the product needs none).
    pub async fn download(&self, testid: &str) -> String {
        self.find(&format!("[data-testid={testid}]")).await;
        let text = self
            .client
            .execute_async(
                r#"const [testid, done] = arguments;
                   // A line of downloads waits (data-ready=false) until the links are in.
                   const go = () => {
                     const a = document.querySelector(`[data-testid=${testid}]`);
                     if (a.closest('[data-ready=false]')) return setTimeout(go, 50);
                     const make = URL.createObjectURL;
                     URL.createObjectURL = blob => {
                       URL.createObjectURL = make;
                       blob.text().then(done);
                       return make.call(URL, blob);
                     };
                     a.addEventListener('click', e => e.preventDefault(), { once: true });
                     a.click();
                   };
                   go();"#,
                vec![serde_json::json!(testid)],
            )
            .await
            .expect("download");
        text.as_str().unwrap_or_default().to_string()
    }

    /// Waits until the script (the body of a function returning a boolean) returns true, up
    /// to 15 s; `what` says what was awaited when it never does.
    pub async fn wait_until(&self, script: &str, what: &str) {
        let started = Instant::now();
        loop {
            let ok = self
                .client
                .execute(script, vec![])
                .await
                .ok()
                .and_then(|v| v.as_bool())
                .unwrap_or(false);
            if ok {
                return;
            }
            assert!(
                started.elapsed() < Duration::from_secs(15),
                "never happened: {what}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits until the page has drawn `n` more frames: what a render, an effect or an
    /// injected handler was going to do by then is done, so an absence can be asserted.
    pub async fn next_frames(&self, n: u32) {
        self.client
            .execute_async(
                "const done = arguments[1]; let left = arguments[0]; \
                 const step = () => (left-- > 0 ? requestAnimationFrame(step) : done(true)); step();",
                vec![serde_json::json!(n)],
            )
            .await
            .expect("frames drawn");
    }

    /// Waits until `css` has `text` in it, up to 15 s, and returns its text.
    pub async fn wait_for_text(&self, css: &str, text: &str) -> String {
        let started = Instant::now();
        loop {
            let now = match self.client.find(Locator::Css(css)).await {
                Ok(e) => e.text().await.unwrap_or_default(),
                Err(_) => String::new(),
            };
            if now.contains(text) {
                return now;
            }
            assert!(
                started.elapsed() < Duration::from_secs(15),
                "{css} never contained {text:?}; it reads {now:?}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    pub async fn close(self) {
        let _ = self.client.clone().close().await;
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// chromedriver's log endpoint (not part of W3C WebDriver, so fantoccini has no call for it).
#[derive(Debug)]
struct BrowserLog;

impl WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/se/log", session.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (
            http::Method::POST,
            Some(r#"{"type":"browser"}"#.to_string()),
        )
    }
}

/// chromedriver's network emulation (not W3C WebDriver): latency and throughput in bytes/s.
#[derive(Debug)]
struct NetworkConditions {
    offline: bool,
    latency_ms: u32,
    bytes_per_second: u32,
}

impl WebDriverCompatibleCommand for NetworkConditions {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!(
            "session/{}/chromium/network_conditions",
            session.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        let body = serde_json::json!({
            "network_conditions": {
                "offline": self.offline,
                "latency": self.latency_ms,
                "download_throughput": self.bytes_per_second,
                "upload_throughput": self.bytes_per_second,
            }
        });
        (http::Method::POST, Some(body.to_string()))
    }
}

impl Browser {
    /// Slows the network down, so the page is seen the way a reader on a slow phone link
    /// sees it: the static shell first, the app later.
    pub async fn throttle(&self, latency_ms: u32, bytes_per_second: u32) {
        self.client
            .issue_cmd(NetworkConditions {
                offline: false,
                latency_ms,
                bytes_per_second,
            })
            .await
            .expect("set network conditions");
    }

    /// Takes the browser off the network (`true`) or puts it back, as a reader's lost
    /// connection does: `navigator.onLine` and the `offline`/`online` events follow.
    pub async fn set_offline(&self, offline: bool) {
        self.client
            .issue_cmd(NetworkConditions {
                offline,
                latency_ms: 0,
                bytes_per_second: 100_000_000,
            })
            .await
            .expect("set network conditions");
    }

    /// The page's cumulative layout shift so far (shifts without recent input).
    pub async fn layout_shift(&self) -> f64 {
        let v = self
            .client
            .execute_async(
                r#"const done = arguments[0];
                   let total = 0;
                   new PerformanceObserver(list => {
                     for (const e of list.getEntries()) if (!e.hadRecentInput) total += e.value;
                   }).observe({ type: 'layout-shift', buffered: true });
                   setTimeout(() => done(total), 200);"#,
                vec![],
            )
            .await
            .expect("read layout shifts");
        v.as_f64().unwrap_or(f64::NAN)
    }
}

/// A Chrome DevTools Protocol command through chromedriver (`goog/cdp/execute`).
#[derive(Debug)]
struct Cdp {
    cmd: String,
    params: serde_json::Value,
}

impl WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!(
            "session/{}/goog/cdp/execute",
            session.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        let body = serde_json::json!({ "cmd": self.cmd, "params": self.params });
        (http::Method::POST, Some(body.to_string()))
    }
}

impl Browser {
    /// Sends a DevTools Protocol command and returns its result.
    pub async fn cdp(&self, cmd: &str, params: serde_json::Value) -> serde_json::Value {
        self.client
            .issue_cmd(Cdp {
                cmd: cmd.to_string(),
                params,
            })
            .await
            .unwrap_or_else(|e| panic!("{cmd}: {e}"))
    }
}
