use std::path::PathBuf;
use std::time::Instant;

use atlas_core::export::stix_check;

use crate::security::off_origin_requests;
use crate::support::{fixture, Browser, Site};

/// A fresh server and browser on the "Open dataset…" page, reached by a deep link.
async fn at_open_page() -> (Site, Browser) {
    let site = Site::start().await;
    let b = Browser::start().await;
    b.goto(&site.url("open")).await;
    (site, b)
}

/// Fails on any console error but the deep link's own 404 (GitHub Pages' way), and closes.
async fn finish(b: Browser, site: &Site) {
    b.assert_no_console_errors_except_deep_link(&site.url("open"))
        .await;
    b.close().await;
}

async fn result_count(b: &Browser) -> String {
    b.text("[data-testid=result-count]").await
}

#[tokio::test]
async fn a_misp_cluster_with_producers_opens_in_every_view_and_goes_back() {
    let site = Site::start().await;
    let b = Browser::start().await;
    b.goto(&site.url("")).await;
    b.find("[data-testid=actor-card]").await;
    b.click("[data-testid=nav-open]").await;
    b.find("[data-testid=open-page]").await;
    b.pick_files(&[
        fixture("misp-threat-actor.json"),
        fixture("misp-producer.json"),
    ])
    .await;
    let label = b.text("[data-testid=opened-label]").await;
    assert_eq!(
        label,
        "misp-threat-actor.json (MISP galaxy threat-actor cluster) with misp-producer.json"
    );
    assert!(b.current_url().await.ends_with("/threat-atlas/"));
    assert_eq!(
        b.wait_for_text("[data-testid=result-count]", "threat actors")
            .await,
        "3 threat actors"
    );
    // Search finds the opened file's names.
    b.find("[data-testid=search-input]")
        .await
        .send_keys("Judgment Panda")
        .await
        .unwrap();
    b.wait_for_text("[data-testid=result-count]", "1 of 3")
        .await;
    // The actor page credits the vendor named by the producer cluster.
    b.spa_goto("actor/apt27").await;
    b.wait_for_text(".actor__name", "APT27").await;
    let aliases = b.text("[data-testid=actor-page]").await;
    assert!(aliases.contains("Emissary Panda"), "{aliases}");
    assert!(aliases.contains("CrowdStrike"), "{aliases}");
    assert!(!aliases.contains("javascript:"));
    // The shared name is a conflict, not a merge.
    b.spa_goto("aliases").await;
    b.find("[data-testid=alias-conflict]").await;
    let mut conflicts = Vec::new();
    for c in b.find_all("[data-testid=alias-conflict]").await {
        conflicts.push(c.text().await.unwrap_or_default());
    }
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    assert!(conflicts[0].contains("TG-3390"), "{conflicts:?}");
    assert!(b.find_all("[data-testid=opened-banner]").await.len() == 1);
    // The way back.
    b.click("[data-testid=close-opened]").await;
    b.wait_for_text("[data-testid=result-count]", &bundled_count())
        .await;
    assert!(b.find_all("[data-testid=opened-banner]").await.is_empty());
    assert!(off_origin_requests(&b).await.is_empty());
    b.assert_no_console_errors().await;
    b.close().await;
}

#[tokio::test]
async fn a_stix_bundle_dropped_on_the_page_opens_with_its_campaign() {
    let (site, b) = at_open_page().await;
    b.find("[data-testid=drop-zone]").await;
    let text = std::fs::read_to_string(fixture("stix-bundle.json")).unwrap();
    b.client
        .execute(
            "const dt = new DataTransfer();
             dt.items.add(new File([arguments[0]], 'stix-bundle.json', { type: 'application/json' }));
             const zone = document.querySelector('[data-testid=drop-zone]');
             zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
             zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));",
            vec![serde_json::json!(text)],
        )
        .await
        .unwrap();
    assert_eq!(
        b.text("[data-testid=opened-label]").await,
        "stix-bundle.json (STIX 2.1 bundle)"
    );
    assert_eq!(
        b.wait_for_text("[data-testid=result-count]", "threat actors")
            .await,
        "2 threat actors"
    );
    b.spa_goto("timeline").await;
    b.wait_for_text("[data-testid=timeline-page]", "SolarWinds Compromise")
        .await;
    b.spa_goto("actor/apt29").await;
    let page = b.wait_for_text("[data-testid=actor-page]", "G0016").await;
    assert!(page.contains("SolarWinds Compromise"), "{page}");
    finish(b, &site).await;
}

#[tokio::test]
async fn a_hostile_dataset_opened_by_a_reader_renders_as_text() {
    let (site, b) = at_open_page().await;
    b.pick_files(&[fixture("hostile.json")]).await;
    b.find("[data-testid=opened-banner]").await;
    let warnings = b.text("[data-testid=load-warnings]").await;
    assert!(warnings.contains("problems"), "{warnings}");
    b.spa_goto("actor/evil-group").await;
    let name = b.wait_for_text(".actor__name", "Evil").await;
    assert!(name.contains("<script>"), "shown as text: {name}");
    b.spa_goto("timeline").await;
    b.find("[data-testid=timeline-page]").await;
    // The chart's marks are markup the core writes: a title full of tags is a label there.
    let label = b
        .find("[data-testid=timeline-event][data-event-id=e2]")
        .await
        .attr("aria-label")
        .await
        .unwrap()
        .unwrap_or_default();
    assert!(label.contains("<script>"), "shown as text: {label}");
    assert!(b
        .find_all("[data-testid=timeline-chart] img, [data-testid=timeline-chart] script")
        .await
        .is_empty());
    b.spa_goto("aliases").await;
    b.find("[data-testid=matrix-row]").await;
    // The matrix's cells are markup the core writes too: a name full of tags is text there.
    let cell = b
        .text("[data-testid=matrix-row][data-actor-id=evil-group] [data-testid=matrix-cell][data-vendor=evil]")
        .await;
    assert!(cell.contains("Alias <img"), "shown as text: {cell}");
    b.next_frames(2).await;
    let safe = b
        .client
        .execute(
            "return document.title !== 'pwned' && !document.querySelector('main img, main script, .opened-banner img') \
             && [...document.querySelectorAll('a[href]')].every(a => /^(https?:|blob:|\\/|#)/i.test(a.getAttribute('href')))",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(safe, serde_json::Value::Bool(true));
    assert!(off_origin_requests(&b).await.is_empty());
    finish(b, &site).await;
}

/// Each bad file gets its own message, and the atlas that was open stays usable.
#[tokio::test]
async fn bad_files_are_explained_and_the_atlas_keeps_working() {
    let dir = std::env::temp_dir().join(format!("atlas-bad-files-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let write = |name: &str, bytes: Vec<u8>| -> PathBuf {
        let p = dir.join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    };
    let mut big = Vec::with_capacity(50 * 1024 * 1024);
    big.extend_from_slice(b"{\"schema\":1,\"pad\":\"");
    big.resize(50 * 1024 * 1024 - 2, b'x');
    big.extend_from_slice(b"\"}");
    let deep = format!(
        r#"{{"schema":1,"info":{{"title":"t","version":"1"}},"actors":[{{"id":"a","name":"A","sources":{}1{}}}]}}"#,
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let cases: Vec<(PathBuf, &str)> = vec![
        (write("big.json", big), "50.0 MB"),
        (
            write("corrupt.json", b"{\"schema\":1,".to_vec()),
            "not valid JSON",
        ),
        (
            write("future.json", br#"{"schema":2,"info":{}}"#.to_vec()),
            "schema version 2",
        ),
        (write("empty.json", Vec::new()), "empty"),
        (
            write("other.json", br#"{"hello":"world"}"#.to_vec()),
            "MISP galaxy cluster",
        ),
        (
            write("list.json", b"[1,2,3]".to_vec()),
            "top level must be a JSON object",
        ),
        (
            fixture("misp-producer.json"),
            "open it together with a threat-actor cluster",
        ),
        (
            write(
                "shape.json",
                br#"{"schema":1,"info":{"title":"t"}}"#.to_vec(),
            ),
            "wrong shape",
        ),
    ];
    let (site, b) = at_open_page().await;
    for (path, expected) in &cases {
        b.pick_files(std::slice::from_ref(path)).await;
        let message = b.wait_for_text("[data-testid=open-error]", expected).await;
        assert!(message.contains("unchanged"), "{message}");
        assert!(b.find_all("[data-testid=opened-banner]").await.is_empty());
    }
    // A record nested 100,000 levels deep costs that record only: the rest opens, and the
    // warning names it.
    b.pick_files(&[write("deep.json", deep.into_bytes())]).await;
    b.wait_for_text("[data-testid=load-warnings]", "1 problem")
        .await;
    b.wait_for_text("[data-testid=result-count]", "0 threat actors")
        .await;
    let detail = b
        .client
        .execute(
            "return document.querySelector('[data-testid=load-warnings] li').textContent",
            vec![],
        )
        .await
        .unwrap();
    assert!(
        detail
            .as_str()
            .unwrap_or_default()
            .starts_with("actors[0] \"a\""),
        "{detail}"
    );
    b.spa_goto("open").await;
    b.find("[data-testid=open-page]").await;
    // A valid but empty dataset opens, and says it has nothing.
    let empty = write(
        "nothing.json",
        br#"{"schema":1,"info":{"title":"Nothing","version":"0"}}"#.to_vec(),
    );
    b.pick_files(&[empty]).await;
    b.wait_for_text("[data-testid=result-count]", "0 threat actors")
        .await;
    b.click("[data-testid=close-opened]").await;
    b.wait_for_text("[data-testid=result-count]", &bundled_count())
        .await;
    finish(b, &site).await;
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn a_url_on_this_site_opens_and_other_hosts_are_refused() {
    let (site, b) = at_open_page().await;
    let url = b.find("[data-testid=open-url]").await;
    url.send_keys("https://example.org/atlas.json")
        .await
        .unwrap();
    b.click("[data-testid=open-url-submit]").await;
    let message = b
        .wait_for_text(
            "[data-testid=open-error]",
            "only loads data from its own site",
        )
        .await;
    assert!(message.contains("open it from your device"), "{message}");
    assert!(off_origin_requests(&b).await.is_empty());
    url.clear().await.unwrap();
    url.send_keys("data/atlas.json").await.unwrap();
    b.click("[data-testid=open-url-submit]").await;
    assert_eq!(
        b.text("[data-testid=opened-label]").await,
        "atlas.json (Threat Atlas dataset)"
    );
    b.wait_for_text("[data-testid=result-count]", &bundled_count())
        .await;
    // The copy brings its reference links from the refs.json beside it.
    b.spa_goto("actor/apt31").await;
    b.find("[data-testid=opened-label]").await;
    b.find("[data-testid=references] .reference-list a").await;
    finish(b, &site).await;
}

fn check_stix(text: &str, expected: usize) {
    let bundle: serde_json::Value = serde_json::from_str(text).expect("STIX is JSON");
    let problems = stix_check::problems(&bundle);
    assert!(problems.is_empty(), "{problems:#?}");
    let objects = bundle["objects"].as_array().unwrap();
    let sets = objects
        .iter()
        .filter(|o| o["type"] == "intrusion-set")
        .count();
    assert_eq!(sets, expected);
    // Everything else is a relation between two of the exported groups.
    assert!(objects
        .iter()
        .all(|o| o["type"] == "intrusion-set" || o["type"] == "relationship"));
}

#[tokio::test]
async fn results_an_actor_and_a_comparison_export_as_csv_json_and_stix() {
    let site = Site::start().await;
    let b = Browser::start().await;
    b.goto(&site.url("?q=panda")).await;
    b.find("[data-testid=actor-card]").await;
    let count = result_count(&b).await;
    let n: usize = count.split_whitespace().next().unwrap().parse().unwrap();
    let csv = b.download("export-results-csv").await;
    assert_eq!(csv.lines().count(), n + 1, "{count}");
    assert!(csv.starts_with("\"id\",\"name\",\"origin\""));
    let json = b.download("export-results-json").await;
    let (catalog, warnings) = atlas_core::parse(&json).expect("the JSON export is a dataset");
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(catalog.actors().len(), n);
    check_stix(&b.download("export-results-stix").await, n);

    b.goto(&site.url("actor/apt27")).await;
    let stix = b.download("export-actor-stix").await;
    check_stix(&stix, 1);
    assert!(stix.contains("\"Linen Typhoon\"") && stix.contains("\"G0027\""));
    let csv = b.download("export-actor-csv").await;
    assert!(csv.contains("LuckyMouse (Kaspersky)"), "{csv}");
    let (one, _) = atlas_core::parse(&b.download("export-actor-json").await).unwrap();
    assert_eq!(one.actors()[0].id, "apt27");

    b.goto(&site.url("compare?ids=apt27,apt31")).await;
    check_stix(&b.download("export-compare-stix").await, 2);
    assert_eq!(b.download("export-compare-csv").await.lines().count(), 3);
    b.assert_no_console_errors_except_deep_link(&site.url("compare?ids=apt27,apt31"))
        .await;
    b.close().await;
}

/// The real MISP galaxy cluster, when `../shared/reference` is present: it opens, every
/// value becomes an actor, and the time it takes is printed for the closing note.
#[tokio::test]
async fn the_real_misp_cluster_opens_and_its_load_time_is_reported() {
    let reference =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/reference/misp-galaxy");
    let actors = reference.join("threat-actor.json");
    if !actors.exists() {
        crate::support::skipped(
            "open::the_real_misp_cluster_opens_and_its_load_time_is_reported",
            &format!("{} is absent", actors.display()),
        );
        return;
    }
    let values =
        serde_json::from_str::<serde_json::Value>(&std::fs::read_to_string(&actors).unwrap())
            .unwrap()["values"]
            .as_array()
            .unwrap()
            .len();
    let (site, b) = at_open_page().await;
    b.find("[data-testid=open-file]").await;
    let started = Instant::now();
    b.pick_files(&[actors, reference.join("producer.json")])
        .await;
    b.find("[data-testid=opened-banner]").await;
    let count = b
        .wait_for_text("[data-testid=result-count]", "threat actors")
        .await;
    let elapsed = started.elapsed();
    assert_eq!(count, format!("{values} threat actors"));
    let logged = b
        .client
        .execute(
            "return document.querySelector('[data-testid=opened-label]').textContent",
            vec![],
        )
        .await
        .unwrap();
    eprintln!(
        "open: real MISP cluster ({values} actors, {logged}) shown {} ms after the files were chosen",
        elapsed.as_millis()
    );
    b.spa_goto("actor/apt27").await;
    b.wait_for_text("[data-testid=actor-page]", "Lucky Mouse")
        .await;
    finish(b, &site).await;
}

/// A large file shows its progress (reading, then converting) and opens; the time is printed.
#[tokio::test]
async fn a_large_file_shows_progress_while_it_opens() {
    let (path, actors) = large_file("progress");
    let size_mb = std::fs::metadata(&path).unwrap().len() as f64 / 1_048_576.0;

    let (site, b) = at_open_page().await;
    b.find("[data-testid=open-status]").await;
    // Record every status the page shows, however briefly.
    b.client
        .execute(
            "window.__statuses = [];
             const s = document.querySelector('[data-testid=open-status]');
             new MutationObserver(() => { const t = s.textContent.trim(); if (t) window.__statuses.push(t); })
               .observe(s, { childList: true, subtree: true, characterData: true });
             window.__longest = 0;
             new PerformanceObserver(l => { for (const e of l.getEntries()) window.__longest = Math.max(window.__longest, e.duration); })
               .observe({ type: 'longtask' });",
            vec![],
        )
        .await
        .unwrap();
    let started = Instant::now();
    b.pick_files(std::slice::from_ref(&path)).await;
    b.find("[data-testid=opened-banner]").await;
    let count = b
        .wait_for_text("[data-testid=result-count]", "threat actors")
        .await;
    let elapsed = started.elapsed();
    assert_eq!(count, format!("{} threat actors", actors * 20));
    let statuses = b
        .client
        .execute("return window.__statuses", vec![])
        .await
        .unwrap();
    let statuses: Vec<String> = statuses
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap_or_default().to_string())
        .collect();
    assert!(
        statuses.iter().any(|s| s.starts_with("Reading")),
        "{statuses:?}"
    );
    assert!(
        statuses.iter().any(|s| s.starts_with("Converting")),
        "{statuses:?}"
    );
    let longest = b
        .client
        .execute("return window.__longest", vec![])
        .await
        .unwrap();
    eprintln!(
        "open: {size_mb:.1} MB dataset ({} actors) shown {} ms after it was chosen; the page's longest task meanwhile {:.0} ms",
        actors * 20,
        elapsed.as_millis(),
        longest.as_f64().unwrap_or(f64::NAN)
    );
    finish(b, &site).await;
    let _ = std::fs::remove_file(&path);
}

/// Issue 16's bug: the open page's tasks read `StoredValue`s that are disposed once the reader
/// leaves, which panics. Leaving mid-read must keep the app alive, and the dataset still opens.
#[tokio::test]
async fn leaving_the_open_page_mid_read_keeps_the_app_alive() {
    let (path, _) = large_file("leave");
    let (site, b) = at_open_page().await;
    b.find("[data-testid=open-status]").await;
    // The moment the page says it is reading, go to the timeline (an observer, so the brief
    // reading phase cannot be missed between two polls).
    b.client
        .execute(
            &format!(
                "const s = document.querySelector('[data-testid=open-status]'); \
                 new MutationObserver((_, seen) => {{ \
                   if (!s.textContent.trim().startsWith('Reading')) return; \
                   seen.disconnect(); \
                   window.__leftMidRead = !document.querySelector('[data-testid=opened-banner]'); \
                   history.pushState(null, '', '{}timeline'); \
                   window.dispatchEvent(new PopStateEvent('popstate', {{ state: null }})); \
                 }}).observe(s, {{ childList: true, subtree: true, characterData: true }});",
                crate::support::PREFIX
            ),
            vec![],
        )
        .await
        .unwrap();
    b.pick_files(std::slice::from_ref(&path)).await;
    b.wait_until(
        "return window.__leftMidRead !== undefined",
        "the page reads the file",
    )
    .await;
    b.find("[data-testid=timeline-page]").await;
    // The read finishes in the background and the dataset opens (the reader asked for it),
    // but the reader stays where they went.
    b.find("[data-testid=opened-banner]").await;
    let left = b
        .client
        .execute("return window.__leftMidRead === true", vec![])
        .await
        .unwrap();
    assert_eq!(
        left,
        serde_json::Value::Bool(true),
        "left before the read ended"
    );
    assert!(b.current_url().await.ends_with("/timeline"));
    // And the app still answers.
    b.spa_goto("?q=apt31").await;
    b.wait_for_text("[data-testid=result-count]", "threat actor")
        .await;
    let errors = b.console_errors().await;
    assert!(
        !errors
            .iter()
            .any(|e| e.contains("panicked") || e.contains("RuntimeError")),
        "{errors:?}"
    );
    b.close().await;
    let _ = std::fs::remove_file(&path);
    drop(site);
}

/// The bundled atlas twenty times over (ids made unique, no events): a file big enough that
/// reading it takes a while. Returns its path and the bundled actor count.
fn large_file(tag: &str) -> (PathBuf, usize) {
    let bundled = std::fs::read_to_string(crate::support::dist_path("data/atlas.json")).unwrap();
    let mut d: serde_json::Value = serde_json::from_str(&bundled).unwrap();
    let actors = d["actors"].as_array().unwrap().clone();
    let mut all = Vec::new();
    for k in 0..20 {
        for a in &actors {
            let mut a = a.clone();
            a["id"] = serde_json::json!(format!("{}-{k}", a["id"].as_str().unwrap()));
            a.as_object_mut().unwrap().remove("related");
            all.push(a);
        }
    }
    d["actors"] = serde_json::Value::Array(all);
    d["events"] = serde_json::json!([]);
    let path = std::env::temp_dir().join(format!("atlas-large-{tag}-{}.json", std::process::id()));
    std::fs::write(&path, serde_json::to_vec(&d).unwrap()).unwrap();
    (path, actors.len())
}

/// Every view works on an opened dataset: compare included.
#[tokio::test]
async fn compare_and_exports_work_on_an_opened_dataset() {
    let (site, b) = at_open_page().await;
    b.pick_files(&[fixture("stix-bundle.json")]).await;
    b.find("[data-testid=opened-banner]").await;
    b.spa_goto("compare?ids=apt29,volt-typhoon").await;
    b.find("[data-testid=compare-table]").await;
    assert_eq!(b.find_all("[data-testid=compare-actor]").await.len(), 2);
    let stix = b.download("export-compare-stix").await;
    check_stix(&stix, 2);
    assert!(stix.contains("Vanguard Panda"));
    finish(b, &site).await;
}

/// With the bundled dataset missing, the error panel leads to "Open dataset…", and a file
/// opened there brings every view back.
#[tokio::test]
async fn a_reader_can_open_their_own_file_when_the_bundled_dataset_is_missing() {
    let site = Site::start().await;
    site.set("data/atlas.json", crate::support::Override::Missing);
    let b = Browser::start().await;
    b.goto(&site.url("")).await;
    b.find("[data-testid=error-panel]").await;
    b.click("[data-testid=error-open]").await;
    b.find("[data-testid=open-page]").await;
    b.pick_files(&[fixture("stix-bundle.json")]).await;
    assert_eq!(
        b.wait_for_text("[data-testid=result-count]", "threat actors")
            .await,
        "2 threat actors"
    );
    b.close().await;
}

/// "N threat actors": what the home page says for the bundled atlas.
fn bundled_count() -> String {
    format!(
        "{} threat actors",
        crate::support::bundled_actor_ids().len()
    )
}

/// Issue 17: the converters live in a worker module of their own, which the page fetches only
/// when the reader opens a file; the first visit and every page before that never load it.
#[tokio::test]
async fn the_converter_worker_is_fetched_only_when_a_file_is_opened() {
    let site = Site::start().await;
    let b = Browser::start().await;
    b.goto(&site.url("")).await;
    b.find("[data-testid=actor-card]").await;
    b.click("[data-testid=nav-open]").await;
    b.find("[data-testid=open-page]").await;
    let worker = |log: &[(String, u16)]| log.iter().any(|(p, _)| p.starts_with("atlas-worker"));
    assert!(
        !worker(&site.requests()),
        "the worker was fetched before any file was opened: {:?}",
        site.requests()
    );
    b.pick_files(&[fixture("misp-threat-actor.json")]).await;
    b.find("[data-testid=opened-label]").await;
    let log = site.requests();
    for file in [
        "atlas-worker_loader.js",
        "atlas-worker.js",
        "atlas-worker_bg.wasm",
    ] {
        assert!(
            log.iter().any(|(p, s)| p == file && *s == 200),
            "{file} was not fetched: {log:?}"
        );
    }
    b.assert_no_console_errors().await;
    b.close().await;
}

/// Issue 17: the exporters live in the worker module too. A page fetches it only when the
/// reader downloads a file, and the file is the one the core makes of the dataset on screen.
#[tokio::test]
async fn the_worker_is_fetched_only_when_a_file_is_downloaded() {
    let site = Site::start().await;
    let b = Browser::start().await;
    b.goto(&site.url("actor/apt31")).await;
    b.find("[data-testid=references] .reference-list a").await;
    b.find("[data-testid=export-actor][data-ready=true]").await;
    let worker = |log: &[(String, u16)]| log.iter().any(|(p, _)| p.starts_with("atlas-worker"));
    assert!(
        !worker(&site.requests()),
        "the worker was fetched before any download: {:?}",
        site.requests()
    );
    let csv = b.download("export-actor-csv").await;
    let text = std::fs::read_to_string(crate::support::dist_path("data/atlas.json")).unwrap();
    let (catalog, _) = atlas_core::parse(&text).unwrap();
    let refs = std::fs::read_to_string(crate::support::dist_path("data/refs.json")).unwrap();
    let (links, _) = atlas_core::refs::RefLinks::parse(&refs, &catalog).unwrap();
    let apt31 = catalog.actor("apt31").unwrap();
    assert_eq!(
        csv,
        atlas_core::export::actors_csv(&catalog, &links, &[apt31]),
        "the download is not the core's file"
    );
    let log = site.requests();
    assert!(
        log.iter()
            .any(|(p, s)| p == "atlas-worker_bg.wasm" && *s == 200),
        "the worker module was not fetched for the download: {log:?}"
    );
    b.assert_no_console_errors_except_deep_link(&site.url("actor/apt31"))
        .await;
    b.close().await;
}

/// A download whose worker module cannot be had (offline before it was ever fetched, or a
/// broken deployment) says why beside its link, and the page goes on working.
#[tokio::test]
async fn a_download_without_its_worker_says_why() {
    let site = Site::start().await;
    site.set("atlas-worker_loader.js", crate::support::Override::Missing);
    let b = Browser::start().await;
    b.goto(&site.url("compare?ids=apt31,apt27")).await;
    b.find("[data-testid=export-compare][data-ready=true]")
        .await;
    b.click("[data-testid=export-compare-json]").await;
    let why = b
        .wait_for_text(
            "[data-testid=export-compare-json-status]",
            "could not be loaded",
        )
        .await;
    assert!(why.contains("connect once and try again"), "{why}");
    // The page is still the app's: a link inside it still moves.
    b.click("[data-testid=nav-open]").await;
    b.find("[data-testid=open-page]").await;
    b.close().await;
}
