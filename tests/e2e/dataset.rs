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
    // Belgium's designation is listed apart from the group's names, credited to Belgium.
    let designation = b
        .text("[data-testid=other-name][data-kind=government]")
        .await;
    assert!(
        designation.contains("UNSC 2814")
            && designation.contains("Belgian Federal Government")
            && designation.contains("government designation"),
        "{designation}"
    );
    let (_, _, source) = found
        .iter()
        .find(|(n, _, _)| n == "SOFTCELL")
        .unwrap_or_else(|| panic!("SOFTCELL missing from {found:?}"));
    assert!(
        source.contains("Belgian Federal Government statement"),
        "{source}"
    );
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

#[tokio::test]
async fn a_folded_records_id_opens_its_group_with_the_reason() {
    let site = Site::start().await;
    let b = Browser::start().await;
    b.goto(&site.url("actor/unc2452")).await;
    b.find("[data-testid=actor-page][data-actor-id=apt29]")
        .await;
    let note = b.text("[data-testid=merged-note]").await;
    assert!(
        note.contains("UNC2452")
            && note.contains("APT29")
            && note.contains("dataset of")
            && note.contains("Source"),
        "{note}"
    );
    // Grizzly Steppe is listed apart, as the US report title that also covers APT28.
    let other = b.text("[data-testid=other-name][data-kind=report]").await;
    assert!(
        other.contains("Grizzly Steppe") && other.contains("APT28"),
        "{other}"
    );
    assert!(b
        .find_all("[data-testid=actor-shared-names]")
        .await
        .is_empty());
    b.assert_no_console_errors_except_deep_link(&site.url("actor/unc2452"))
        .await;
    b.close().await;
}

#[tokio::test]
async fn lazarus_lists_its_parts_and_each_part_points_back() {
    let site = Site::start().await;
    let b = Browser::start().await;
    b.goto(&site.url("actor/lazarus-group")).await;
    b.find("[data-testid=actor-page][data-actor-id=lazarus-group]")
        .await;
    let parts = b
        .attrs(
            "[data-testid=related-group][data-kind=part-of]",
            "data-actor-id",
        )
        .await;
    assert_eq!(parts, ["apt38", "andariel"]);
    let text = b
        .text("[data-testid=related-group][data-actor-id=apt38]")
        .await;
    assert!(
        text.starts_with("Has part") && text.contains("Treasury"),
        "{text}"
    );
    b.spa_goto("actor/andariel").await;
    b.find("[data-testid=actor-page][data-actor-id=andariel]")
        .await;
    let up = b
        .text("[data-testid=related-group][data-actor-id=lazarus-group]")
        .await;
    assert!(up.starts_with("Part of"), "{up}");
    b.close().await;
}

#[tokio::test]
async fn volt_typhoons_names_say_where_it_is_from_and_when_it_began() {
    let site = Site::start().await;
    let b = Browser::start().await;
    b.goto(&site.url("actor/volt-typhoon")).await;
    b.find("[data-testid=actor-page][data-actor-id=volt-typhoon]")
        .await;
    let naming = b.text("[data-testid=origin-by-naming]").await;
    assert!(
        naming.contains("China")
            && naming.contains("Microsoft's")
            && naming.contains("CrowdStrike's"),
        "{naming}"
    );
    assert_eq!(
        b.attrs("[data-testid=origin-by-naming]", "data-agrees")
            .await,
        ["true"]
    );
    // The decoder appears when the name has keyboard focus.
    b.client
        .execute(
            "for (const n of document.querySelectorAll('.alias__name')) { if (n.firstChild && n.firstChild.textContent === 'Volt Typhoon') { n.focus(); break; } }",
            vec![],
        )
        .await
        .unwrap();
    let decoded = b
        .wait_for_text(".alias__name:focus [data-testid=name-decoder]", "Typhoon")
        .await;
    assert!(
        decoded.contains("Microsoft") && decoded.contains("China"),
        "{decoded}"
    );
    let active = b.text("[data-testid=actor-active]").await;
    assert!(
        active.contains("2021") && active.contains("ATT&CK"),
        "{active}"
    );
    // Its summary, in our words, with the sources it rests on.
    let summary = b.text("[data-testid=actor-summary]").await;
    assert!(
        summary.contains("Volt Typhoon") && summary.contains("infrastructure"),
        "{summary}"
    );
    let sources = b.text("[data-testid=summary-sources]").await;
    assert!(
        sources.contains("ATT&CK") && sources.contains("cisa.gov"),
        "{sources}"
    );
    // The stated activity is a band on its own timeline, open-ended.
    assert_eq!(
        b.attrs(
            "[data-testid=actor-timeline] [data-testid=activity-span]",
            "data-open"
        )
        .await,
        ["true"]
    );
    let band = b
        .text("[data-testid=actor-timeline] [data-testid=activity-label]")
        .await;
    assert!(band.contains("Active since 2021"), "{band}");
    b.close().await;
}

#[tokio::test]
async fn a_group_whose_vendors_names_disagree_says_so() {
    let site = Site::start().await;
    let b = Browser::start().await;
    b.goto(&site.url("open")).await;
    b.pick_files(&[crate::support::fixture("naming-disagreement.json")])
        .await;
    b.find("[data-testid=opened-banner]").await;
    b.spa_goto("actor/fixture-group").await;
    let naming = b
        .wait_for_text("[data-testid=origin-by-naming]", "Russia")
        .await;
    assert!(
        naming.contains("China, per Microsoft's naming (Fixture Typhoon)")
            && naming.contains("Russia, per CrowdStrike's naming (FIXTURE BEAR)"),
        "{naming}"
    );
    b.find("[data-testid=origin-disagreement]").await;
    assert_eq!(
        b.attrs("[data-testid=origin-by-naming]", "data-agrees")
            .await,
        ["false"]
    );
    // A group with no events still shows its stated activity on its timeline.
    b.find("[data-testid=actor-timeline] [data-testid=activity-span]")
        .await;
    b.close().await;
}

#[tokio::test]
async fn the_origin_facet_counts_origins_read_from_names() {
    let site = Site::start().await;
    let b = Browser::start().await;
    // DIZZY PANDA's only origin is the one its CrowdStrike name implies.
    b.goto(&site.url("?q=DIZZY%20PANDA&origin=China")).await;
    b.find("[data-testid=actor-card][data-actor-id=dizzy-panda]")
        .await;
    b.close().await;
}
