//! Issue 17: every page is drawn at build time by the app's own components, so its content
//! is in the HTML as fetched, readable without JavaScript, and the app takes its place
//! without a flash, a shift or a lost scroll position.

use crate::support::{Browser, Override, Site};

/// What a crawler or a link preview fetches: each page's own content, before any script.
#[tokio::test]
async fn every_page_has_its_content_in_the_html_as_fetched() {
    let site = Site::start().await;
    for (path, expect) in [
        (
            "",
            &["data-testid=\"search-input\"", "data-testid=\"actor-card\""][..],
        ),
        (
            "aliases",
            &[
                "data-testid=\"matrix-row\"",
                "data-testid=\"matrix-vendor\"",
            ],
        ),
        (
            "timeline",
            &["data-testid=\"timeline-list-item\"", "Attribution timeline"],
        ),
        (
            "about",
            &["data-testid=\"source-list\"", "MITRE ATT&amp;CK"],
        ),
        ("open", &["data-testid=\"open-file\""]),
        ("compare", &["data-testid=\"compare-page\""]),
        (
            "attributions",
            &["data-testid=\"party\"", "data-party=\"belgium\""],
        ),
        (
            "",
            &[
                "data-testid=\"latest-action\"",
                "data-testid=\"naming-guide\"",
            ],
        ),
        (
            "actor/apt31",
            &[
                "Judgment Panda",
                "Violet Typhoon",
                "CrowdStrike",
                "data-testid=\"actor-event\"",
                "data-testid=\"references\"",
            ],
        ),
        (
            "actor/gallium",
            &["GALLIUM", "data-testid=\"alias\"", "Belgi"],
        ),
        (
            "actor/apt27",
            &["LuckyMouse", "TG-3390", "data-testid=\"actor-event\""],
        ),
    ] {
        let (status, html) = site.get(path).await;
        assert_eq!(status, 200, "{path}");
        let boot = html
            .split("<div id=\"boot\">")
            .nth(1)
            .unwrap_or_else(|| panic!("{path}: no static page"));
        for e in expect {
            assert!(boot.contains(e), "/{path} as fetched lacks {e}");
        }
        assert!(
            !boot.contains("data-testid=\"loading\""),
            "/{path} as fetched is drawn, not loading"
        );
    }
    // An address that is no page: the app decides what it is, so it is loading there.
    let (status, html) = site.get("actor/no-such-group").await;
    assert_eq!(status, 404);
    assert!(html.contains("data-testid=\"loading\""));
}

/// With JavaScript off, an actor's page still shows its names with their vendors, its
/// events and its references; the links between pages work as plain links.
#[tokio::test]
async fn without_javascript_an_actor_page_shows_its_names_vendors_and_events() {
    let site = Site::start().await;
    let b = Browser::start_without_script().await;
    b.goto_static(&site.url("actor/apt31")).await;
    // The noscript note shows: scripts really are off.
    b.find("p.noscript").await;
    let page = b.text("[data-testid=actor-page]").await;
    for text in [
        "APT31",
        "Judgment Panda",
        "CrowdStrike",
        "Violet Typhoon",
        "Microsoft",
        "China",
    ] {
        assert!(page.contains(text), "{text} missing: {page}");
    }
    assert!(!b.find_all("[data-testid=alias]").await.is_empty());
    assert!(!b.find_all("[data-testid=actor-event]").await.is_empty());
    assert!(!b
        .find_all("[data-testid=references] .reference-list a")
        .await
        .is_empty());
    // A related group's link is a plain link to its own static page.
    b.click("[data-testid=actor-matrix-link]").await;
    b.find("[data-testid=matrix-row]").await;
    assert!(b.current_url().await.contains("/threat-atlas/aliases"));
    b.close().await;
}

/// The app is built hidden beside the static page and takes its place in one step: the
/// first frame without the static page already shows the actor (never a loading state), the
/// reader's scroll position is kept, nothing shifts and nothing is logged.
#[tokio::test]
async fn the_app_takes_over_without_a_flash_or_a_lost_scroll() {
    let site = Site::start().await;
    // Hold the wasm back so the reader has scrolled before the app arrives.
    let wasm = crate::support::app_wasm();
    site.set(&wasm, Override::Slow(std::time::Duration::from_secs(3)));
    let b = Browser::start_with_size(412, 823).await;
    b.goto_static(&site.url("actor/apt31")).await;
    b.find("#boot [data-testid=actor-page]").await;
    let record = r#"
        window.scrollTo(0, 900);
        window.__handover = null;
        new MutationObserver((_, obs) => {
          if (document.getElementById('boot')) return;
          obs.disconnect();
          const app = document.getElementById('app');
          window.__handover = {
            hidden: app.hidden,
            page: !!app.querySelector('[data-testid=actor-page][data-actor-id=apt31]'),
            loading: !!app.querySelector('[data-testid=loading]'),
          };
        }).observe(document.body, { childList: true });
        return window.scrollY;"#;
    let scrolled = b.client.execute(record, vec![]).await.unwrap();
    assert_eq!(scrolled.as_f64(), Some(900.0), "the static page scrolls");
    b.wait_for_app().await;
    let seen = b
        .client
        .execute("return window.__handover", vec![])
        .await
        .unwrap();
    assert_eq!(seen["hidden"], false, "{seen}");
    assert_eq!(seen["page"], true, "the app had drawn the actor: {seen}");
    assert_eq!(seen["loading"], false, "no loading state shows: {seen}");
    let y = b
        .client
        .execute("return window.scrollY", vec![])
        .await
        .unwrap();
    assert_eq!(y.as_f64(), Some(900.0), "the scroll position is kept");
    let cls = b.layout_shift().await;
    assert!(cls < 0.01, "cumulative layout shift {cls}");
    b.assert_no_console_errors().await;
    b.close().await;
}
