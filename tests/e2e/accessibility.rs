use crate::support::{fixture, Browser, Site};

/// Runs axe-core (pinned in package.json) on the open page; returns its violations as
/// "rule: target (impact)" lines.
pub(crate) async fn axe(b: &Browser) -> Vec<String> {
    let source = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/node_modules/axe-core/axe.min.js"
    ))
    .expect("axe-core is installed by `make setup` (npm ci)");
    b.client
        .execute(&source, vec![])
        .await
        .expect("inject axe-core");
    let result = b
        .client
        .execute_async(
            r#"const done = arguments[0];
               axe.run(document, { resultTypes: ['violations'] }).then(r => done(
                 r.violations.map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ') + ' (' + v.impact + ')')
               ), e => done(['axe failed: ' + e]));"#,
            vec![],
        )
        .await
        .expect("run axe-core");
    result
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap_or_default().to_string())
        .collect()
}

#[tokio::test]
async fn no_axe_violations_on_any_route() {
    let site = Site::start().await;
    for (width, height) in [(1280, 900), (360, 800)] {
        let b = Browser::start_with_size(width, height).await;
        for (path, ready) in [
            ("", "[data-testid=actor-card]"),
            ("?q=panda&origin=China", "[data-testid=actor-card]"),
            ("?q=zzzzqqqq", "[data-testid=no-results]"),
            ("actor/apt27", "[data-testid=actor-page]"),
            ("actor/not-a-group", "[data-testid=unknown-actor]"),
            ("aliases?name=Grizzly%20Steppe", "[data-testid=matrix-row]"),
            ("compare?ids=apt28,apt29", "[data-testid=compare-table]"),
            (
                "timeline?event=ev-2022-07-18-be-china",
                "[data-testid=event-panel]",
            ),
            ("about", "[data-testid=about-page]"),
            ("open", "[data-testid=open-page]"),
            ("read", "[data-testid=story-input]"),
            ("attributions", "[data-testid=party-list]"),
            ("attributions?by=belgium", "[data-testid=party-year-chart]"),
            ("no/such/page", "[data-testid=not-found]"),
        ] {
            b.goto(&site.url(path)).await;
            b.find(ready).await;
            let violations = axe(&b).await;
            assert!(
                violations.is_empty(),
                "{path} at {width}px: {violations:#?}"
            );
        }
        b.close().await;
    }
}

/// The states "Open dataset…" adds: an error on the open page, and the banner over the views.
#[tokio::test]
async fn no_axe_violations_with_an_opened_dataset() {
    let site = Site::start().await;
    let b = Browser::start_with_size(360, 800).await;
    b.goto(&site.url("open")).await;
    b.pick_files(&[fixture("misp-producer.json")]).await;
    b.find("[data-testid=open-error]").await;
    let violations = axe(&b).await;
    assert!(
        violations.is_empty(),
        "open page with an error: {violations:#?}"
    );
    b.pick_files(&[fixture("stix-bundle.json")]).await;
    b.find("[data-testid=opened-banner]").await;
    b.find("[data-testid=actor-card]").await;
    let violations = axe(&b).await;
    assert!(violations.is_empty(), "banner over search: {violations:#?}");
    b.close().await;
}
