use fantoccini::Locator;

use crate::support::{Browser, Site};

/// (name, vendor id, source text) for every alias on the open actor page.
async fn aliases(b: &Browser) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for alias in b.find_all("[data-testid=alias]").await {
        let vendor = alias.attr("data-vendor").await.unwrap().unwrap_or_default();
        let name = alias
            .find(Locator::Css(".alias__name"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let source = alias
            .find(Locator::Css(".alias__source"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        out.push((name, vendor, source));
    }
    out
}

#[tokio::test]
async fn apt27_lists_each_vendors_name() {
    let site = Site::start().await;
    let b = Browser::start().await;
    b.goto(&site.url("actor/apt27")).await;
    b.find("[data-testid=actor-page][data-actor-id=apt27]")
        .await;
    let found = aliases(&b).await;
    for (name, vendor) in [
        ("LuckyMouse", "kaspersky"),
        ("EMISSARY PANDA", "crowdstrike"),
        ("BRONZE UNION", "secureworks"),
        ("TG-3390", "secureworks"),
        ("G0027", "mitre"),
        ("Linen Typhoon", "microsoft"),
    ] {
        assert!(
            found.iter().any(|(n, v, _)| n == name && v == vendor),
            "{name} ({vendor}) missing from {found:?}"
        );
    }
    // Every alias names its source.
    assert!(found.iter().all(|(_, _, s)| s.contains("source:")));
    assert!(!b
        .text("[data-testid=actor-summary]")
        .await
        .contains("No summary yet"));
    b.close().await;
}

#[tokio::test]
async fn gallium_shows_the_names_from_the_belgian_statement() {
    let site = Site::start().await;
    let b = Browser::start().await;
    b.goto(&site.url("actor/gallium")).await;
    b.find("[data-testid=actor-page][data-actor-id=gallium]")
        .await;
    let found = aliases(&b).await;
    for name in ["UNSC 2814", "SOFTCELL"] {
        let (_, _, source) = found
            .iter()
            .find(|(n, _, _)| n == name)
            .unwrap_or_else(|| panic!("{name} missing from {found:?}"));
        assert!(
            source.contains("Belgian Federal Government statement"),
            "{source}"
        );
    }
    b.close().await;
}

#[tokio::test]
async fn the_belgian_event_names_all_four_groups() {
    let site = Site::start().await;
    let b = Browser::start().await;
    b.goto(&site.url("actor/apt30")).await;
    let event = b
        .find("[data-testid=actor-event][data-event-id=ev-2022-07-18-be-china]")
        .await;
    let mut linked = Vec::new();
    for a in event.find_all(Locator::Css(".event__actor")).await.unwrap() {
        linked.push(a.text().await.unwrap());
    }
    assert_eq!(linked, ["APT27", "APT30", "APT31", "GALLIUM"]);
    let claims = b
        .find_all("[data-event-id=ev-2022-07-18-be-china] [data-testid=event-claim]")
        .await;
    assert_eq!(claims.len(), 2, "the two groupings stay apart");
    let text = event.text().await.unwrap();
    assert!(
        text.contains("FPS Interior") && text.contains("Belgian Defence"),
        "{text}"
    );
    assert!(text.contains("Embassy of China in Belgium"), "{text}");
    b.close().await;
}
