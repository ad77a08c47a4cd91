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
        (
            "?q=LuckyMouse",
            "[data-testid=actor-card][data-actor-id=apt27]",
        ),
    ] {
        b.goto(&format!("{base}{path}")).await;
        b.find(expect).await;
    }
    b.close().await;
}

#[tokio::test]
async fn a_new_build_is_offered_and_taken_whole() {
    let site = Site::start().await;
    let b = Browser::start().await;
    b.goto(&site.base).await;
    b.find("[data-testid=actor-card]").await;
    wait_for_control(&b).await;
    let old_version = b.text("[data-testid=dataset-version]").await;

    // "Deploy" a changed build: a different dataset, and a worker whose version differs.
    let sw = std::fs::read_to_string(crate::support::dist_path("sw.js")).unwrap();
    let start = sw.find("const VERSION = \"").unwrap() + "const VERSION = \"".len();
    let end = start + sw[start..].find('"').unwrap();
    let new_sw = format!("{}changed-build{}", &sw[..start], &sw[end..]);
    let data = std::fs::read_to_string(crate::support::dist_path("data/atlas.json")).unwrap();
    let mut json: serde_json::Value = serde_json::from_str(&data).unwrap();
    json["info"]["version"] = serde_json::json!("9999.1-test");
    site.set("sw.js", Override::Body(new_sw.into_bytes()));
    site.set(
        "data/atlas.json",
        Override::Body(serde_json::to_vec(&json).unwrap()),
    );

    b.client.refresh().await.unwrap();
    b.find("[data-testid=update-available]").await;
    // Until the reader accepts, the page keeps running the old build's files.
    assert_eq!(b.text("[data-testid=dataset-version]").await, old_version);
    b.click("[data-testid=update-available-button]").await;
    let started = std::time::Instant::now();
    loop {
        let v = b
            .client
            .find(fantoccini::Locator::Css("[data-testid=dataset-version]"))
            .await;
        if let Ok(v) = v {
            if v.text().await.unwrap_or_default().contains("9999.1-test") {
                break;
            }
        }
        assert!(
            started.elapsed().as_secs() < 15,
            "the new version never showed"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
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
        ("timeline", "[data-testid=timeline-page]"),
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
