use std::time::Duration;

use crate::support::{Browser, Override, Site};

const DATASET: &str = "data/atlas.json";

#[tokio::test]
async fn home_lists_every_actor_with_a_count() {
    let site = Site::start().await;
    let b = Browser::start().await;
    b.goto(&site.base).await;
    b.find("[data-testid=results]").await;
    let total = crate::support::bundled_actor_ids().len();
    assert_eq!(
        b.text("[data-testid=result-count]").await,
        format!("{total} threat actors")
    );
    // The list is paged: 24 cards, then "Show more" until every actor is on the page.
    assert_eq!(b.find_all("[data-testid=actor-card]").await.len(), 24);
    while let Ok(more) = b
        .client
        .find(fantoccini::Locator::Css("[data-testid=show-more]"))
        .await
    {
        more.click().await.unwrap();
    }
    let ids = b.attrs("[data-testid=actor-card]", "data-actor-id").await;
    assert_eq!(ids.len(), total);
    for id in ["apt27", "apt30", "apt31", "gallium"] {
        assert!(ids.iter().any(|x| x == id), "{id} missing from the list");
    }
    assert!(
        b.find_all("#boot").await.is_empty(),
        "the static loading placeholder is removed"
    );
    assert!(b
        .text("[data-testid=dataset-version]")
        .await
        .starts_with("Dataset "));
    b.assert_no_console_errors().await;
    b.close().await;
}

#[tokio::test]
async fn deep_link_to_an_actor_shows_its_aliases() {
    let site = Site::start().await;
    let b = Browser::start().await;
    // Served from actor/apt31.html with status 200, as GitHub Pages answers /actor/apt31.
    b.goto(&site.url("actor/apt31")).await;
    b.find("[data-testid=actor-page][data-actor-id=apt31]")
        .await;
    let mut names = Vec::new();
    for alias in b.find_all("[data-testid=alias]").await {
        let vendor = alias.attr("data-vendor").await.unwrap().unwrap_or_default();
        let name = alias
            .find(fantoccini::Locator::Css(".alias__name"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        names.push((name, vendor));
    }
    for expected in [
        ("ZIRCONIUM", "microsoft"),
        ("JUDGMENT PANDA", "crowdstrike"),
        ("Violet Typhoon", "microsoft"),
        ("Red keres", ""),
    ] {
        assert!(
            names
                .iter()
                .any(|(n, v)| n == expected.0 && v == expected.1),
            "{expected:?} missing from {names:?}"
        );
    }
    // The Belgian statement appears on the page, with China's denial.
    let event = b
        .text("[data-testid=actor-event][data-event-id=ev-2022-07-18-be-china]")
        .await;
    assert!(event.contains("18 July 2022"), "{event}");
    assert!(event.contains("denial"), "{event}");
    // The app's title is the static page's, which names the group's best-known names.
    let title = b.client.title().await.unwrap();
    let (_, page) = site.get("actor/apt31").await;
    assert!(page.contains(&format!("<title>{title}</title>")), "{title}");
    assert!(
        title.starts_with("APT31 (") && title.ends_with(") — Threat Atlas"),
        "{title}"
    );
    b.assert_no_console_errors().await;
    b.close().await;
}

/// The bundled atlas keeps reference links in refs.json, fetched after the first paint: an
/// actor page fills its "References" in from it, and downloads carry them.
#[tokio::test]
async fn reference_links_arrive_after_the_page() {
    let site = Site::start().await;
    let b = Browser::start().await;
    b.goto(&site.url("actor/apt31")).await;
    b.find("[data-testid=references] .reference-list a").await;
    let links = b
        .attrs("[data-testid=references] .reference-list a", "href")
        .await;
    let refs: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(crate::support::dist_path("data/refs.json")).unwrap(),
    )
    .unwrap();
    let expected: Vec<&str> = refs["refs"]["apt31"]
        .as_array()
        .expect("apt31 has links")
        .iter()
        .map(|u| u.as_str().unwrap())
        .collect();
    assert_eq!(links, expected);
    let csv = b.download("export-actor-csv").await;
    assert!(csv.contains(expected[0]), "{csv}");
    let (one, _) = atlas_core::parse(&b.download("export-actor-json").await).unwrap();
    assert_eq!(one.actor("apt31").unwrap().refs, expected);
    b.assert_no_console_errors_except_deep_link(&site.url("actor/apt31"))
        .await;
    b.close().await;
}

/// The page never waits for the links: with refs.json slow to come, the actor page is
/// drawn, says the links are loading, and fills them in when they arrive.
#[tokio::test]
async fn an_actor_page_does_not_wait_for_its_links() {
    let site = Site::start().await;
    site.set("data/refs.json", Override::Slow(Duration::from_secs(6)));
    let b = Browser::start().await;
    b.goto(&site.url("actor/apt31")).await;
    let started = std::time::Instant::now();
    b.find("[data-testid=actor-page][data-actor-id=apt31]")
        .await;
    let said = b.text("[data-testid=references]").await;
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "the page waited for the links"
    );
    assert!(said.contains("Loading reference links"), "{said}");
    assert_eq!(
        b.find("[data-testid=export-actor]")
            .await
            .attr("data-ready")
            .await
            .unwrap()
            .as_deref(),
        Some("false"),
        "downloads wait for the links"
    );
    b.client
        .wait()
        .at_most(Duration::from_secs(15))
        .for_element(fantoccini::Locator::Css(
            "[data-testid=references] .reference-list a",
        ))
        .await
        .expect("the links arrive");
    assert!(b.download("export-actor-csv").await.contains("https://"));
    b.close().await;
}

/// Without refs.json the atlas still works: the actor page says the links are missing and
/// why, and the downloads are offered without them.
#[tokio::test]
async fn missing_reference_links_are_explained() {
    let site = Site::start().await;
    site.set("data/refs.json", Override::Missing);
    let b = Browser::start().await;
    b.goto(&site.url("actor/apt31")).await;
    let said = b
        .wait_for_text("[data-testid=references]", "could not be loaded")
        .await;
    assert!(said.contains("HTTP 404"), "{said}");
    assert!(b.find_all("[data-testid=references] a").await.is_empty());
    let line = b
        .wait_for_text("[data-testid=export-actor]", "without reference links")
        .await;
    assert!(line.contains("CSV"), "{line}");
    assert!(b.download("export-actor-csv").await.contains("APT31"));
    b.click("header a[href='/threat-atlas/']").await;
    b.find("[data-testid=actor-card]").await;
    b.close().await;
}

/// The links of another version of the dataset (a stale refs.json, or a deploy between the
/// two downloads) are never matched to this one's records: the page asks once more past the
/// browser's cache, then says why the links are missing.
#[tokio::test]
async fn reference_links_of_another_version_are_not_combined() {
    let site = Site::start().await;
    let text = std::fs::read_to_string(crate::support::dist_path("data/refs.json")).unwrap();
    let mut refs: serde_json::Value = serde_json::from_str(&text).unwrap();
    refs["version"] = serde_json::json!("9999.5-other-build");
    site.set(
        "data/refs.json",
        Override::Body(serde_json::to_vec(&refs).unwrap()),
    );
    let b = Browser::start().await;
    b.goto(&site.url("actor/apt31")).await;
    let said = b
        .wait_for_text("[data-testid=references]", "could not be loaded")
        .await;
    assert!(
        said.contains("9999.5-other-build") && said.contains("reload the page"),
        "{said}"
    );
    assert!(b.find_all("[data-testid=references] a").await.is_empty());
    // The page's own requests (the service worker's install fetches the file too).
    let asked = b
        .client
        .execute(
            "return performance.getEntriesByType('resource').filter(e => e.name.endsWith('data/refs.json')).length",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        asked,
        serde_json::json!(2),
        "once, then once more past the cache"
    );
    b.close().await;
}

#[tokio::test]
async fn links_stay_under_the_sub_path() {
    let site = Site::start().await;
    let b = Browser::start().await;
    b.goto(&site.url("?q=gallium")).await;
    // Links are plain <a>s that the router follows: the document is never loaded again (each
    // page also exists as a static file, which a reload would show just as well).
    b.client
        .execute("window.__sameDocument = true", vec![])
        .await
        .unwrap();
    b.click("[data-testid=actor-card][data-actor-id=gallium] a")
        .await;
    b.find("[data-testid=actor-page][data-actor-id=gallium]")
        .await;
    assert_eq!(b.current_url().await, site.url("actor/gallium"));
    b.click("[data-testid=nav-open]").await;
    b.find("[data-testid=open-page]").await;
    assert_eq!(
        b.client
            .execute("return window.__sameDocument === true", vec![])
            .await
            .unwrap()
            .as_bool(),
        Some(true),
        "a link reloaded the page instead of the router following it"
    );
    b.client.back().await.unwrap();
    b.find("[data-testid=actor-page][data-actor-id=gallium]")
        .await;
    // GALLIUM carries the two names Belgium's statement grouped with it (its designation
    // UNSC 2814 among the other names).
    let aliases = b.text("[data-testid=actor-page]").await;
    assert!(
        aliases.contains("UNSC 2814") && aliases.contains("SOFTCELL"),
        "{aliases}"
    );
    b.client.back().await.unwrap();
    b.find("[data-testid=results][data-query=gallium]").await;
    assert_eq!(b.current_url().await, site.url("?q=gallium"));
    b.assert_no_console_errors().await;
    b.close().await;
}

#[tokio::test]
async fn corrupt_dataset_shows_the_error_panel_and_retry_recovers() {
    let site = Site::start().await;
    site.set(
        DATASET,
        Override::Body(b"{\"schema\": 1, \"actors\": [".to_vec()),
    );
    let b = Browser::start().await;
    b.goto(&site.base).await;
    let message = b.text("[data-testid=error-message]").await;
    assert!(message.contains("not valid JSON"), "{message}");
    assert!(b.find_all("[data-testid=results]").await.is_empty());
    // The header and footer still work while the data is broken.
    b.find(".site-header__nav").await;
    site.reset(DATASET);
    b.click("[data-testid=retry]").await;
    b.find("[data-testid=results]").await;
    assert!(b.find_all("[data-testid=error-panel]").await.is_empty());
    b.close().await;
}

#[tokio::test]
async fn missing_dataset_shows_the_error_panel() {
    let site = Site::start().await;
    site.set(DATASET, Override::Missing);
    let b = Browser::start().await;
    b.goto(&site.base).await;
    let panel = b.text("[data-testid=error-panel]").await;
    assert!(panel.contains("The dataset is missing"), "{panel}");
    assert!(panel.contains("HTTP 404"), "{panel}");
    b.find("[data-testid=retry]").await;
    b.close().await;
}

#[tokio::test]
async fn unknown_schema_version_is_explained() {
    let site = Site::start().await;
    site.set(
        DATASET,
        Override::Body(br#"{"schema": 99, "info": {}}"#.to_vec()),
    );
    let b = Browser::start().await;
    b.goto(&site.url("actor/apt27")).await;
    let message = b.text("[data-testid=error-message]").await;
    assert!(message.contains("schema version 99"), "{message}");
    b.close().await;
}

#[tokio::test]
async fn hostile_strings_render_as_text() {
    let site = Site::start().await;
    let hostile = r#"{"schema":1,"info":{"title":"t","version":"<img src=x onerror=alert(1)>"},
        "sources":[{"id":"s","name":"<script>window.pwned=1</script>","kind":"dataset","url":"javascript:window.pwned=2"}],
        "actors":[{"id":"x","name":"<b>bold</b><script>window.pwned=3</script>",
            "aliases":[{"name":"<img src=x onerror=\"window.pwned=4\">","source":"s"}],
            "refs":["javascript:window.pwned=5","https://example.org/ok"]}]}"#;
    site.set(DATASET, Override::Body(hostile.as_bytes().to_vec()));
    let b = Browser::start().await;
    b.goto(&site.url("actor/x")).await;
    let name = b.text(".actor__name").await;
    assert_eq!(name, "<b>bold</b><script>window.pwned=3</script>");
    assert!(b.text(".alias__name").await.contains("onerror"));
    assert!(b
        .find_all(".actor img, .actor script, .actor b")
        .await
        .is_empty());
    let hrefs = b.attrs("a", "href").await;
    assert!(
        hrefs
            .iter()
            .all(|h| !h.to_lowercase().starts_with("javascript:")),
        "{hrefs:?}"
    );
    // Whatever the page was going to run has run once two more frames have been drawn.
    b.next_frames(2).await;
    let pwned = b
        .client
        .execute("return window.pwned === undefined", vec![])
        .await
        .unwrap();
    assert_eq!(pwned, serde_json::Value::Bool(true), "injected script ran");
    // Loading dropped the javascript: URLs and said so on the home page.
    b.click("header a[href='/threat-atlas/']").await;
    let warnings = b.text("[data-testid=load-warnings]").await;
    assert!(warnings.contains("problem"), "{warnings}");
    b.close().await;
}

#[tokio::test]
async fn unknown_paths_and_ids_get_helpful_pages() {
    let site = Site::start().await;
    let b = Browser::start().await;
    b.goto(&site.url("no/such/page")).await;
    assert!(b
        .text("[data-testid=not-found]")
        .await
        .contains("Page not found"));
    b.goto(&site.url("actor/not-a-group")).await;
    assert!(b
        .text("[data-testid=unknown-actor]")
        .await
        .contains("not-a-group"));
    b.close().await;
}

#[tokio::test]
async fn about_page_credits_every_source() {
    let site = Site::start().await;
    let b = Browser::start().await;
    b.goto(&site.url("about")).await;
    let sources = b.text("[data-testid=source-list]").await;
    assert!(sources.contains("The MITRE Corporation. This work is reproduced and distributed with the permission of The MITRE Corporation."));
    assert!(sources.contains("CC BY 4.0") && sources.contains("Microsoft"));
    assert!(sources.contains("MISP"));
    let ms: f64 = b
        .find("[data-testid=parse-time]")
        .await
        .attr("data-parse-ms")
        .await
        .unwrap()
        .unwrap()
        .parse()
        .unwrap();
    assert!(ms >= 0.0);
    b.assert_no_console_errors_except_deep_link(&site.url("about"))
        .await;
    b.close().await;
}

/// Issue 17: every page of the route table and every actor's page answers 200 with its own
/// title, description, link-preview tags and canonical address in the HTML as fetched, before
/// any script runs; an address that is no page still answers 404.
#[tokio::test]
async fn every_page_answers_200_with_its_own_head() {
    let site = Site::start().await;
    let origin = "https://example.github.io/threat-atlas/";
    for (path, title) in [
        ("", "Threat Atlas"),
        ("aliases", "Who calls which group what — Threat Atlas"),
        ("timeline", "Attribution timeline — Threat Atlas"),
        ("about", "About and sources — Threat Atlas"),
        ("open", "Open a dataset — Threat Atlas"),
        ("compare", "Compare groups — Threat Atlas"),
        ("read", "Read a story — Threat Atlas"),
        ("attributions", "Who said it — Threat Atlas"),
        ("actor/apt31", "APT31 ("),
        ("actor/gallium", "GALLIUM"),
        ("actor/apt27", "APT27 ("),
    ] {
        let (status, html) = site.get(path).await;
        assert_eq!(status, 200, "{path}");
        assert!(
            html.contains(&format!("<title>{title}")),
            "{path}: {}",
            &html[..html.len().min(1500)]
        );
        assert_eq!(html.matches("<title>").count(), 1, "{path}");
        assert!(
            html.contains(&format!(
                "<link rel=\"canonical\" href=\"{origin}{path}\" />"
            )),
            "{path}"
        );
        for tag in [
            "name=\"description\"",
            "property=\"og:title\"",
            "property=\"og:description\"",
            "name=\"twitter:card\"",
            "Content-Security-Policy",
        ] {
            assert!(html.contains(tag), "{path}: no {tag}");
        }
    }
    let (_, apt31) = site.get("actor/apt31").await;
    let description = apt31
        .split("<meta name=\"description\" content=\"")
        .nth(1)
        .and_then(|d| d.split('"').next())
        .unwrap();
    assert!(description.len() > 40, "{description}");
    assert_eq!(site.get("nope").await.0, 404);
    assert_eq!(site.get("actor/no-such-group").await.0, 404);
}

/// Issue 17, data-driven: the sitemap lists every page of the route table and every actor,
/// with absolute addresses, and every address in it answers 200; robots.txt names it.
#[tokio::test]
async fn the_sitemap_lists_every_actor_and_each_address_answers_200() {
    let site = Site::start().await;
    let origin = "https://example.github.io/threat-atlas/";
    let (status, map) = site.get("sitemap.xml").await;
    assert_eq!(status, 200);
    let locs: Vec<&str> = map
        .split("<loc>")
        .skip(1)
        .filter_map(|l| l.split("</loc>").next())
        .collect();
    let actors = crate::support::bundled_actor_ids();
    assert_eq!(
        locs.len(),
        actors.len() + 8,
        "every actor and the eight pages"
    );
    for id in &actors {
        let loc = format!("{origin}actor/{id}");
        assert!(locs.contains(&loc.as_str()), "{loc}");
    }
    for loc in &locs {
        let path = loc.strip_prefix(origin).unwrap_or_else(|| panic!("{loc}"));
        assert_eq!(site.get(path).await.0, 200, "{loc}");
    }
    let (status, robots) = site.get("robots.txt").await;
    assert_eq!(status, 200);
    assert!(
        robots.contains(&format!("Sitemap: {origin}sitemap.xml")),
        "{robots}"
    );
}
