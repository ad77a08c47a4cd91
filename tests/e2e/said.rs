//! Issue 18: "who said it" — a page per government or alliance, linked from every event's
//! parties — the home page before any query, each group's naming history, and the names
//! matrix's first order. Expectations are read from the bundled dataset, not written twice.

use crate::support::{Browser, Site};

/// The bundled dataset, as the tests read it independently of the app.
fn dataset() -> serde_json::Value {
    let text = std::fs::read_to_string(crate::support::dist_path("data/atlas.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn government(kind: &str) -> bool {
    matches!(
        kind,
        "government-attribution" | "advisory" | "indictment" | "sanction" | "takedown"
    )
}

/// Ids of the government actions one party took part in (its name before " — ").
fn actions_of(data: &serde_json::Value, party: &str) -> Vec<String> {
    data["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| government(e["kind"].as_str().unwrap_or_default()))
        .filter(|e| {
            e["attributed_by"].as_array().is_some_and(|by| {
                by.iter().any(|p| {
                    p.as_str()
                        .is_some_and(|p| p.split(" — ").next() == Some(party))
                })
            })
        })
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn a_party_page_lists_what_it_attributed_to_whom_and_when() {
    let site = Site::start().await;
    let b = Browser::start_with_size(360, 800).await;
    // Reached from the Belgian event's parties on an actor page.
    b.goto(&site.url("actor/gallium")).await;
    b.find("[data-testid=actor-event] [data-testid=event-party]")
        .await;
    b.click(
        "[data-testid=actor-event][data-event-id=ev-2022-07-18-be-china] [data-testid=event-party]",
    )
    .await;
    b.find("[data-testid=party-page][data-party=belgium]").await;
    assert!(b
        .current_url()
        .await
        .ends_with("/threat-atlas/attributions?by=belgium"));
    let events = b.attrs("[data-testid=party-event]", "data-event-id").await;
    assert_eq!(events, actions_of(&dataset(), "Belgium"));
    let groups = b.attrs("[data-testid=party-group]", "data-actor-id").await;
    for id in ["apt27", "apt30", "apt31", "gallium"] {
        assert!(groups.iter().any(|g| g == id), "{id} missing: {groups:?}");
    }
    let bars = b.attrs("[data-testid=party-year]", "data-year").await;
    assert_eq!(bars, ["2022"]);

    // The United States: one bar per year from its first action to its latest, and the
    // counts add up to its actions.
    let data = dataset();
    let us = actions_of(&data, "United States");
    b.goto(&site.url("attributions?by=united-states")).await;
    b.find("[data-testid=party-page][data-party=united-states]")
        .await;
    assert_eq!(
        b.attrs("[data-testid=party-event]", "data-event-id")
            .await
            .len(),
        us.len()
    );
    let counts: usize = b
        .attrs("[data-testid=party-year]", "data-count")
        .await
        .iter()
        .map(|c| c.parse::<usize>().unwrap())
        .sum();
    assert_eq!(counts, us.len());
    let years: Vec<i32> = b
        .attrs("[data-testid=party-year]", "data-year")
        .await
        .iter()
        .map(|y| y.parse().unwrap())
        .collect();
    assert!(years.windows(2).all(|w| w[1] == w[0] + 1), "{years:?}");
    // Its chart of a dozen years fits a phone.
    b.assert_no_sideways_scroll("the United States' page at 360 px")
        .await;

    // The list of every party, and a party the atlas does not know.
    b.goto(&site.url("attributions")).await;
    let parties = b.attrs("[data-testid=party]", "data-party").await;
    assert_eq!(parties.first().map(String::as_str), Some("united-states"));
    assert!(parties.iter().any(|p| p == "belgium"));
    assert!(
        !parties
            .iter()
            .any(|p| p.starts_with("reported") || p.starts_with("said")),
        "a note about who joined is no party: {parties:?}"
    );
    b.goto(&site.url("attributions?by=%3Cscript%3Ealert(1)%3C%2Fscript%3E"))
        .await;
    let unknown = b.text("[data-testid=unknown-party]").await;
    assert!(unknown.contains("<script>alert(1)</script>"), "{unknown}");
    b.assert_no_sideways_scroll("an unknown party's page at 360 px")
        .await;
    b.assert_no_console_errors().await;
    b.close().await;
}

#[tokio::test]
async fn the_home_page_starts_with_the_latest_actions_and_a_naming_guide() {
    let site = Site::start().await;
    let b = Browser::start_with_size(360, 800).await;
    b.goto(&site.base).await;
    b.find("[data-testid=home-start] [data-testid=latest-action]")
        .await;
    // The newest government action comes first.
    let data = dataset();
    let mut gov: Vec<(String, String)> = data["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| government(e["kind"].as_str().unwrap_or_default()))
        .map(|e| {
            (
                e["date"].as_str().unwrap().to_string(),
                e["id"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    gov.sort();
    let latest = b
        .attrs("[data-testid=latest-action]", "data-event-id")
        .await;
    assert_eq!(latest.len(), 5);
    assert_eq!(latest[0], gov.last().unwrap().1);
    assert!(!b.find_all("[data-testid=most-named]").await.is_empty());
    b.click("[data-testid=naming-guide] summary").await;
    let guide = b.text("[data-testid=naming-guide]").await;
    for text in ["Microsoft", "… Typhoon", "China", "CrowdStrike", "… Panda"] {
        assert!(guide.contains(text), "{text} missing: {guide}");
    }
    // The search box comes first, and the first cards are well-known groups, not "1937CN".
    let first_card = b.attrs("[data-testid=actor-card]", "data-actor-id").await;
    assert_ne!(first_card[0], "1937cn");
    let order = b
        .client
        .execute(
            "const s = document.querySelector('[data-testid=search-input]'); \
             const h = document.querySelector('[data-testid=home-start]'); \
             return !!(s.compareDocumentPosition(h) & Node.DOCUMENT_POSITION_FOLLOWING);",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(order.as_bool(), Some(true));
    // A query hides it.
    let input = b.find("[data-testid=search-input]").await;
    input.send_keys("APT31").await.unwrap();
    b.wait_until(
        "return document.querySelector('[data-testid=home-start]').hidden",
        "the start panel hidden while searching",
    )
    .await;
    b.assert_no_console_errors().await;
    b.close().await;
}

#[tokio::test]
async fn an_actor_page_dates_its_names_and_the_matrix_opens_with_the_most_named() {
    let site = Site::start().await;
    let b = Browser::start().await;
    b.goto(&site.url("actor/apt31")).await;
    let items = b.find_all("[data-testid=naming-history-item]").await;
    assert!(!items.is_empty());
    let first = items[0].text().await.unwrap();
    assert!(first.starts_with("APT31 — "), "{first}");
    let history = b.text("[data-testid=naming-history]").await;
    assert!(
        history.contains("JUDGMENT PANDA") && history.contains("ZIRCONIUM"),
        "{history}"
    );

    b.goto(&site.url("aliases")).await;
    b.find("[data-testid=matrix-order]").await;
    let rows = b.attrs("[data-testid=matrix-row]", "data-actor-id").await;
    // The first row is a group named by the most vendors, counted here from the data: the
    // vendors of its own names (not of operations, malware or clusters).
    let data = dataset();
    let vendors = |a: &serde_json::Value| {
        let mut v: Vec<&str> = a["aliases"]
            .as_array()
            .map(|x| x.as_slice())
            .unwrap_or_default()
            .iter()
            .filter(|al| matches!(al["kind"].as_str(), None | Some("group" | "tracking")))
            .filter_map(|al| al["vendor"].as_str())
            .collect();
        v.sort_unstable();
        v.dedup();
        v.len()
    };
    let actors = data["actors"].as_array().unwrap();
    let most = actors.iter().map(vendors).max().unwrap();
    let first = actors.iter().find(|a| a["id"] == rows[0].as_str()).unwrap();
    assert_eq!(vendors(first), most, "{} first", rows[0]);
    // "Group" sorts by name, and the note about the order goes.
    b.click("[data-testid=sort-column][data-vendor=name]").await;
    b.wait_until(
        "return location.search.includes('sort=name')",
        "sorted by name",
    )
    .await;
    assert!(b.find_all("[data-testid=matrix-order]").await.is_empty());
    b.assert_no_console_errors().await;
    b.close().await;
}
