use std::collections::HashMap;

use crate::support::{Browser, Override, Site};

/// Waits until a service worker controls the page.
async fn wait_for_control(b: &Browser) {
    let controlled = b
        .client
        .execute_async(
            r#"const done = arguments[0];
               navigator.serviceWorker.ready.then(() => {
                 if (navigator.serviceWorker.controller) done(true);
                 else navigator.serviceWorker.addEventListener('controllerchange', () => done(true));
               });"#,
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(controlled, serde_json::Value::Bool(true));
}

/// The built worker, as a new deployment would fill it in: another version, and for each
/// changed file the integrity of its new bytes (`listed` says which bytes the worker
/// expects; normally the same as those served).
fn deployed_worker(version: &str, listed: &[(&str, &[u8])]) -> String {
    let sw = std::fs::read_to_string(crate::support::dist_path("sw.js")).unwrap();
    relisted(sw, version, listed)
}

/// `sw` with another version, and each listed file's integrity that of the given bytes.
fn relisted(mut sw: String, version: &str, listed: &[(&str, &[u8])]) -> String {
    let start = sw.find("const VERSION = \"").unwrap() + "const VERSION = \"".len();
    let end = start + sw[start..].find('"').unwrap();
    sw.replace_range(start..end, version);
    for (path, bytes) in listed {
        let key = format!("[\"{path}\",\"sha256-");
        let start = sw
            .find(&key)
            .unwrap_or_else(|| panic!("{path} not precached"))
            + key.len();
        let end = start + sw[start..].find('"').unwrap();
        sw.replace_range(start..end, &crate::support::sha256_base64(bytes));
    }
    sw
}

/// The bundled dataset with another version string: a "changed build".
fn changed_dataset(version: &str) -> Vec<u8> {
    let data = std::fs::read_to_string(crate::support::dist_path("data/atlas.json")).unwrap();
    let mut json: serde_json::Value = serde_json::from_str(&data).unwrap();
    json["info"]["version"] = serde_json::json!(version);
    serde_json::to_vec(&json).unwrap()
}

/// On a first visit every file crosses the network once: the worker installs after the app
/// has its dataset and takes the files from the HTTP cache (a 304 each), instead of
/// downloading the whole build a second time. A repeat visit downloads nothing.
#[tokio::test]
async fn a_first_visit_downloads_each_file_once_and_a_repeat_visit_none() {
    let site = Site::start_caching().await;
    let b = Browser::start().await;
    b.goto(&site.base).await;
    b.find("[data-testid=actor-card]").await;
    wait_for_control(&b).await;
    let log = site.requests();
    let mut full: HashMap<&str, usize> = HashMap::new();
    for (path, status) in &log {
        if *status == 200 {
            *full.entry(path.as_str()).or_default() += 1;
        }
    }
    let twice: Vec<_> = full.iter().filter(|(_, &n)| n > 1).collect();
    assert!(
        twice.is_empty(),
        "downloaded more than once: {twice:?}\n{log:?}"
    );
    for needed in ["data/atlas.json", "manifest.webmanifest", "icon-512.png"] {
        assert!(
            log.iter()
                .any(|(p, s)| p == needed && (*s == 200 || *s == 304)),
            "{needed} was never fetched: {log:?}"
        );
    }
    assert!(
        full.keys().any(|p| p.ends_with(".wasm")),
        "the wasm was never downloaded: {log:?}"
    );

    // An actor's page, drawn at build time, is not precached: the worker keeps it when it is
    // first visited.
    b.goto(&site.url("actor/apt31")).await;
    b.find("#app [data-testid=references] .reference-list a")
        .await;

    // A repeat visit comes from the worker's cache: the server sees at most the browser's
    // check for a new worker.
    let before = site.requests().len();
    b.reload().await;
    b.find("#app [data-testid=actor-page]").await;
    b.goto(&site.url("")).await;
    b.find("#app [data-testid=actor-card]").await;
    b.goto(&site.url("actor/apt31")).await;
    b.find("#app [data-testid=references] .reference-list a")
        .await;
    let again: Vec<_> = site.requests()[before..]
        .iter()
        .filter(|(p, _)| p != "sw.js")
        .cloned()
        .collect();
    assert!(again.is_empty(), "a repeat visit fetched {again:?}");
    b.close().await;
}

/// A page controlled by the installed worker, with the dataset version it shows.
async fn installed(site: &Site) -> (Browser, String) {
    let b = Browser::start().await;
    b.goto(&site.base).await;
    b.find("[data-testid=actor-card]").await;
    wait_for_control(&b).await;
    let version = b.text("[data-testid=dataset-version]").await;
    (b, version)
}

/// A worker that lists other bytes than the server now sends (a deployment that moved on
/// while it was being fetched) fails to install, so it can never serve a mix of two builds;
/// the page goes on with the version it has.
#[tokio::test]
async fn a_worker_whose_files_do_not_match_never_installs() {
    let site = Site::start().await;
    let (b, old_version) = installed(&site).await;

    // The new worker expects one dataset; the server sends another.
    let expected = changed_dataset("9999.1-listed");
    site.set(
        "sw.js",
        Override::Body(
            deployed_worker("mismatched", &[("data/atlas.json", &expected)]).into_bytes(),
        ),
    );
    site.set(
        "data/atlas.json",
        Override::Body(changed_dataset("9999.2-served")),
    );
    let state = b
        .client
        .execute_async(
            r#"const done = arguments[0];
               navigator.serviceWorker.getRegistration().then((r) => r.update()).then((r) => {
                 const w = r.installing;
                 if (!w) return done(r.waiting ? "waiting" : "no new worker");
                 const seen = () => { if (w.state === "redundant" || w.state === "installed") done(w.state); };
                 w.addEventListener("statechange", seen);
                 seen();
               });"#,
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(state, serde_json::json!("redundant"));
    b.reload().await;
    b.find("[data-testid=actor-card]").await;
    assert_eq!(b.text("[data-testid=dataset-version]").await, old_version);
    assert!(
        b.client
            .find(fantoccini::Locator::Css("[data-testid=update-available]"))
            .await
            .is_err(),
        "a worker that failed to install was offered"
    );
    b.close().await;
}

#[tokio::test]
async fn every_route_works_with_the_server_gone() {
    let site = Site::start().await;
    let b = Browser::start().await;
    b.goto(&site.base).await;
    b.find("[data-testid=actor-card]").await;
    wait_for_control(&b).await;
    let base = site.base.clone();
    drop(site);
    for (path, expect) in [
        ("", "[data-testid=actor-card]"),
        (
            "actor/apt31",
            "[data-testid=actor-page][data-actor-id=apt31]",
        ),
        ("timeline", "[data-testid=timeline-event]"),
        ("aliases", "[data-testid=matrix-row]"),
        ("read", "[data-testid=story-input]"),
        (
            "attributions?by=belgium",
            "[data-testid=party-page][data-party=belgium]",
        ),
        (
            "?q=LuckyMouse",
            "[data-testid=actor-card][data-actor-id=apt27]",
        ),
        // An id folded into another group still opens it, with the note.
        ("actor/unc2452", "[data-testid=merged-note]"),
    ] {
        b.goto(&format!("{base}{path}")).await;
        b.find(expect).await;
    }
    // The story reader resolves a pasted story with nothing but the device.
    b.goto(&format!("{base}read")).await;
    b.find("[data-testid=story-input]").await;
    crate::read::paste(&b, "Officials named APT 31, also called Zirconium.").await;
    b.find("[data-testid=story-group][data-actor-id=apt31]")
        .await;
    b.close().await;
}

#[tokio::test]
async fn a_new_build_is_offered_and_taken_whole() {
    let site = Site::start().await;
    let (b, old_version) = installed(&site).await;

    // "Deploy" a changed build: a different dataset, and the worker built with it.
    let data = changed_dataset("9999.1-test");
    let sw = deployed_worker("changed-build", &[("data/atlas.json", &data)]);
    site.set("sw.js", Override::Body(sw.into_bytes()));
    site.set("data/atlas.json", Override::Body(data));

    b.reload().await;
    b.find("[data-testid=update-available]").await;
    // Until the reader accepts, the page keeps running the old build's files.
    assert_eq!(b.text("[data-testid=dataset-version]").await, old_version);
    b.click("[data-testid=update-available-button]").await;
    b.wait_for_text("[data-testid=dataset-version]", "9999.1-test")
        .await;
    b.close().await;
}

/// The static shell in index.html is painted first; when the app takes over, nothing on
/// screen moves. Checked on a phone-sized window over a slow link (150 ms, 200 KB/s), where
/// the shell is on screen for seconds.
#[tokio::test]
async fn no_layout_shift_when_the_app_takes_over() {
    let site = Site::start().await;
    let b = Browser::start_with_size(412, 823).await;
    b.throttle(150, 200_000).await;
    for (path, ready) in [
        ("", "[data-testid=actor-card]"),
        ("timeline", "[data-testid=timeline-event]"),
        ("aliases", "[data-testid=matrix-row]"),
        ("actor/apt31", "[data-testid=actor-page]"),
    ] {
        b.goto(&site.url(path)).await;
        b.client
            .wait()
            .at_most(std::time::Duration::from_secs(60))
            .for_element(fantoccini::Locator::Css(ready))
            .await
            .unwrap_or_else(|e| panic!("{path}: {e}"));
        let cls = b.layout_shift().await;
        assert!(cls < 0.01, "/{path}: cumulative layout shift {cls}");
    }
    b.close().await;
}

/// Every page is there before the wasm: an actor's page as fetched shows the actor (drawn at
/// build time by the app's components), the timeline its heading, and the home page's search
/// box takes typing, which the app carries into its own search when it takes over.
#[tokio::test]
async fn the_static_search_box_takes_typing_before_the_app_arrives() {
    use fantoccini::Locator;
    let site = Site::start().await;
    // The wasm is held back 4 s as well, so the app cannot take over before the checks.
    let wasm = crate::support::app_wasm();
    site.set(&wasm, Override::Slow(std::time::Duration::from_secs(4)));

    let b = Browser::start().await;
    b.throttle(150, 200_000).await;
    b.goto_static(&site.url("actor/apt31")).await;
    let page = b
        .client
        .find(Locator::Css("#boot [data-testid=actor-page]"))
        .await
        .expect("a deep link's static page is the actor's page")
        .text()
        .await
        .unwrap();
    for name in ["APT31", "Judgment Panda", "Violet Typhoon", "CrowdStrike"] {
        assert!(page.contains(name), "{name} missing from the static page");
    }
    assert!(
        b.client
            .find(Locator::Css("#boot .search__input"))
            .await
            .is_err(),
        "a deep link's static page has no home search box"
    );
    b.goto_static(&site.url("timeline")).await;
    assert_eq!(
        b.client
            .find(Locator::Css("#boot h1"))
            .await
            .expect("the timeline's static page has its heading")
            .text()
            .await
            .unwrap(),
        "Attribution timeline"
    );
    b.close().await;

    let b = Browser::start().await;
    b.throttle(150, 200_000).await;
    b.goto_static(&site.base).await;
    let early = b
        .client
        .find(Locator::Css("#boot .search__input"))
        .await
        .expect("the static page has the search box");
    early.send_keys("LuckyMouse").await.unwrap();
    b.client
        .wait()
        .at_most(std::time::Duration::from_secs(60))
        .for_element(Locator::Css(
            // Shown: the app draws its page hidden, in steps, before it takes over.
            "#app:not([hidden]) [data-testid=actor-card][data-actor-id=apt27]",
        ))
        .await
        .expect("the app searched for what was typed early");
    let input = b.find("#app [data-testid=search-input]").await;
    assert_eq!(
        input.prop("value").await.unwrap().as_deref(),
        Some("LuckyMouse")
    );
    // Typing goes on in the app's box, where the reader's caret now is.
    b.client
        .wait()
        .at_most(std::time::Duration::from_secs(5))
        .for_element(Locator::Css("#app [data-testid=search-input]:focus"))
        .await
        .expect("the app's search box has the focus");
    assert!(b.current_url().await.contains("q=LuckyMouse"));
    assert!(b.client.find(Locator::Css("#boot")).await.is_err());
    b.assert_no_console_errors().await;
    b.close().await;
}

/// The cache names of this origin, as the page sees them.
async fn cache_names(b: &Browser) -> Vec<String> {
    let names = b
        .client
        .execute_async(
            "const done = arguments[0]; caches.keys().then(done);",
            vec![],
        )
        .await
        .unwrap();
    serde_json::from_value(names).unwrap()
}

/// The staging deployment's worker: the same build with another version, each file listed
/// with the hash of the bytes the staging sub-path serves.
fn staging_worker() -> String {
    let built = std::fs::read_to_string(crate::support::dist_path("sw.js")).unwrap();
    let sw = String::from_utf8(crate::support::staged(built.as_bytes())).unwrap();
    let dist = crate::support::dist_path("");
    let mut moved = Vec::new();
    for entry in walkdir(&dist) {
        let rel = entry
            .strip_prefix(&dist)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let bytes = std::fs::read(&entry).unwrap();
        let served = crate::support::staged(&bytes);
        let key = if rel == "index.html" {
            "./".to_string()
        } else {
            rel
        };
        if served != bytes && sw.contains(&format!("[\"{key}\",\"sha256-")) {
            moved.push((key, served));
        }
    }
    assert!(
        moved.iter().any(|(k, _)| k == "./"),
        "the pages name the sub-path, so they move with it"
    );
    let listed: Vec<(&str, &[u8])> = moved
        .iter()
        .map(|(k, b)| (k.as_str(), b.as_slice()))
        .collect();
    relisted(sw, "staging-build", &listed)
}

fn walkdir(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walkdir(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// Two deployments on one origin (a site and its staging copy, each its own build) keep
/// each other's offline copies: each worker's caches are named after its scope, and a new
/// build deletes only its own scope's old caches.
#[tokio::test]
async fn two_deployments_on_one_origin_keep_each_others_offline_caches() {
    let site = Site::start().await;
    site.set(
        &format!("{}sw.js", crate::support::STAGING),
        Override::Body(staging_worker().into_bytes()),
    );
    let (b, _) = installed(&site).await;
    let staging = site
        .base
        .replace(crate::support::PREFIX, crate::support::STAGING);
    b.goto(&staging).await;
    b.find("[data-testid=actor-card]").await;
    wait_for_control(&b).await;
    let scope = b
        .client
        .execute_async(
            "const done = arguments[0]; navigator.serviceWorker.ready.then((r) => done(r.scope));",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        scope,
        serde_json::json!(staging),
        "the staging worker is its own"
    );
    let names = cache_names(&b).await;
    for base in [&site.base, &staging] {
        assert!(
            names.iter().any(|n| n.contains(base.as_str())),
            "no cache for {base}: {names:?}"
        );
    }

    // Offline, both still open, each from its own cache.
    drop(site);
    for base in [&staging, &base_of(&staging)] {
        b.goto(&format!("{base}actor/apt31")).await;
        b.find("[data-testid=actor-page][data-actor-id=apt31]")
            .await;
        b.goto(base).await;
        b.find("[data-testid=actor-card]").await;
    }
    b.close().await;
}

/// The main site's address beside the staging one.
fn base_of(staging: &str) -> String {
    staging.replace(crate::support::STAGING, crate::support::PREFIX)
}

/// An update accepted in one of two open tabs reloads both onto the new build: the old
/// build's cache is gone once the new worker takes over, so no tab may go on running it.
#[tokio::test]
async fn an_update_accepted_in_one_tab_reloads_every_tab() {
    let site = Site::start().await;
    let (b, old_version) = installed(&site).await;
    let first = b.client.window().await.unwrap();
    let second = b.client.new_window(true).await.unwrap().handle;
    b.client.switch_to_window(second.clone()).await.unwrap();
    b.goto(&site.url("timeline")).await;
    b.find("[data-testid=timeline-event]").await;
    assert_eq!(b.text("[data-testid=dataset-version]").await, old_version);
    // A mark that only a reload of this tab removes.
    b.client
        .execute("window.notReloaded = true;", vec![])
        .await
        .unwrap();

    let data = changed_dataset("9999.3-two-tabs");
    let sw = deployed_worker("two-tabs-build", &[("data/atlas.json", &data)]);
    site.set("sw.js", Override::Body(sw.into_bytes()));
    site.set("data/atlas.json", Override::Body(data));

    // The first tab finds the update and the reader accepts it there.
    b.client.switch_to_window(first).await.unwrap();
    b.reload().await;
    b.find("[data-testid=update-available]").await;
    b.click("[data-testid=update-available-button]").await;
    b.wait_for_text("[data-testid=dataset-version]", "9999.3-two-tabs")
        .await;
    // The other tab, never touched, reloaded onto the new build too.
    b.client.switch_to_window(second).await.unwrap();
    b.wait_until(
        "return window.notReloaded === undefined",
        "the other tab reloaded",
    )
    .await;
    b.wait_for_app().await;
    b.wait_for_text("[data-testid=dataset-version]", "9999.3-two-tabs")
        .await;
    b.find("[data-testid=timeline-event]").await;
    b.close().await;
}

/// "Try again" asks past every cache; a broken answer from the server then must not replace
/// the build's good copy: the worker checks a file of its build against its hash before it
/// keeps it, and answers with the saved copy when the check fails.
#[tokio::test]
async fn try_again_after_a_corrupt_response_does_not_poison_the_cache() {
    let site = Site::start().await;
    let (b, version) = installed(&site).await;
    site.set(
        "data/atlas.json",
        Override::Body(b"{\"schema\":1,\"actors\":[{\"id\"".to_vec()),
    );
    // The request "Try again" makes (`cache: "reload"`), sent from the page.
    let answered = b
        .client
        .execute_async(
            r#"const done = arguments[0];
               fetch("data/atlas.json", { cache: "reload" })
                 .then((r) => r.text()).then((t) => done(t.length > 1000 && JSON.parse(t).info.version))
                 .catch((e) => done("failed: " + e));"#,
            vec![],
        )
        .await
        .unwrap();
    assert!(
        version.contains(answered.as_str().unwrap_or("?")),
        "the saved copy answered: {answered}"
    );
    // Offline, the cached copy is still the build's own.
    drop(site);
    b.reload().await;
    b.find("[data-testid=actor-card]").await;
    assert_eq!(b.text("[data-testid=dataset-version]").await, version);
    b.close().await;
}

/// A worker that cannot install (the server's files are not those it lists) is reported on
/// the page, which goes on working online; it leaves no cache, and the next visit tries
/// again and installs.
#[tokio::test]
async fn a_worker_that_fails_to_install_is_reported_on_the_page() {
    let site = Site::start().await;
    let expected = changed_dataset("9999.4-listed");
    site.set(
        "sw.js",
        Override::Body(deployed_worker("broken", &[("data/atlas.json", &expected)]).into_bytes()),
    );
    let b = Browser::start().await;
    b.goto(&site.base).await;
    b.find("[data-testid=actor-card]").await;
    let said = b
        .wait_for_text(
            "[data-testid=offline-unavailable]",
            "Offline use is not available",
        )
        .await;
    assert!(said.contains("next visit"), "{said}");
    assert!(
        cache_names(&b).await.is_empty(),
        "a failed install left a cache behind"
    );
    // The page still works.
    b.spa_goto("actor/apt31").await;
    b.find("[data-testid=actor-page][data-actor-id=apt31]")
        .await;

    // Next visit, with the server's files as listed again: the worker installs.
    site.reset("sw.js");
    b.goto(&site.base).await;
    b.find("[data-testid=actor-card]").await;
    wait_for_control(&b).await;
    assert!(
        b.client
            .find(fantoccini::Locator::Css(
                "[data-testid=offline-unavailable]"
            ))
            .await
            .is_err(),
        "the report stayed after a good install"
    );
    b.close().await;
}

/// A reader who loses the connection is told the page shows the copy saved on the device,
/// and the note goes when the connection comes back.
#[tokio::test]
async fn losing_the_connection_shows_the_offline_banner_and_it_goes_when_back() {
    let site = Site::start().await;
    let (b, _) = installed(&site).await;
    assert!(b
        .find_all("[data-testid=offline-indicator]")
        .await
        .is_empty());
    b.set_offline(true).await;
    let said = b
        .wait_for_text("[data-testid=offline-indicator]", "You are offline")
        .await;
    assert!(said.contains("saved on this device"), "{said}");
    // The app goes on working from the cache.
    b.spa_goto("actor/apt31").await;
    b.find("[data-testid=actor-page][data-actor-id=apt31]")
        .await;
    b.set_offline(false).await;
    b.wait_until(
        "return !document.querySelector('[data-testid=offline-indicator]')",
        "the banner went",
    )
    .await;
    b.close().await;
}
