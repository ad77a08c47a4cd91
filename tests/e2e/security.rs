use crate::support::{Browser, Site};

/// URLs of every resource the page loaded that is not on its own origin.
pub async fn off_origin_requests(b: &Browser) -> Vec<String> {
    let list = b
        .client
        .execute(
            "return performance.getEntriesByType('resource').map(e => e.name).filter(n => !n.startsWith(location.origin) && !n.startsWith('blob:') && !n.startsWith('data:'))",
            vec![],
        )
        .await
        .unwrap();
    list.as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap_or_default().to_string())
        .collect()
}

#[tokio::test]
async fn strict_policy_no_violations_and_no_other_origin() {
    let site = Site::start().await;
    let b = Browser::start().await;
    for (path, ready) in [
        ("", "[data-testid=actor-card]"),
        ("actor/apt27", "[data-testid=actor-timeline]"),
        (
            "aliases?name=Grizzly%20Steppe",
            "[data-testid=lookup-result]",
        ),
        ("compare?ids=apt28,apt29", "[data-testid=compare-table]"),
        (
            "timeline?event=ev-2022-07-18-be-china",
            "[data-testid=event-panel]",
        ),
        ("about", "[data-testid=about-page]"),
    ] {
        b.goto(&site.url(path)).await;
        b.find(ready).await;
        let policy = b
            .client
            .execute(
                "const m = document.querySelector('meta[http-equiv=Content-Security-Policy]'); return m ? m.content : ''",
                vec![],
            )
            .await
            .unwrap();
        let policy = policy.as_str().unwrap_or_default();
        for directive in [
            "default-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "'wasm-unsafe-eval'",
        ] {
            assert!(
                policy.contains(directive),
                "{path}: policy lacks {directive}: {policy}"
            );
        }
        assert!(!policy.contains("unsafe-inline"), "{path}: {policy}");
        let off = off_origin_requests(&b).await;
        assert!(off.is_empty(), "{path} requested other origins: {off:?}");
        // A CSP violation is reported on the console, which must stay clean.
        b.assert_no_console_errors_except_deep_link(&site.url(path))
            .await;
    }
    b.close().await;
}
