use fantoccini::Locator;

use crate::support::{Browser, Site};

/// The names in one matrix cell.
async fn cell(b: &Browser, actor: &str, vendor: &str) -> String {
    b.text(&format!(
        "[data-testid=matrix-row][data-actor-id={actor}] [data-testid=matrix-cell][data-vendor={vendor}]"
    ))
    .await
}

#[tokio::test]
async fn the_apt27_row_shows_each_vendors_name_with_a_source() {
    let site = Site::start().await;
    let b = Browser::start().await;
    b.goto(&site.url("aliases?q=apt27")).await;
    b.find("[data-testid=matrix-row][data-actor-id=apt27]")
        .await;
    for (vendor, name) in [
        ("kaspersky", "LuckyMouse"),
        ("crowdstrike", "EMISSARY PANDA"),
        ("secureworks", "BRONZE UNION"),
        ("mitre", "G0027"),
        ("microsoft", "Linen Typhoon"),
    ] {
        let text = cell(&b, "apt27", vendor).await;
        assert!(text.contains(name), "{vendor}: {text}");
    }
    // Each name carries its source, shown on focus or hover.
    let source = b
        .find("[data-testid=matrix-row][data-actor-id=apt27] [data-vendor=kaspersky] .matrix__name")
        .await
        .attr("data-source")
        .await
        .unwrap()
        .unwrap_or_default();
    assert!(!source.is_empty());
    b.assert_no_console_errors_except_deep_link(&site.url("aliases?q=apt27"))
        .await;
    b.close().await;
}

#[tokio::test]
async fn looking_up_grizzly_steppe_lists_both_groups() {
    let site = Site::start().await;
    let b = Browser::start().await;
    b.goto(&site.url("aliases")).await;
    b.find("[data-testid=lookup-input]")
        .await
        .send_keys("Grizzly Steppe")
        .await
        .unwrap();
    b.find("[data-testid=lookup-result]").await;
    let ids = b
        .attrs("[data-testid=lookup-result]", "data-actor-id")
        .await;
    assert_eq!(ids, ["apt28", "apt29"]);
    // The address follows once typing pauses.
    b.wait_until(
        "return location.search.includes('name=Grizzly%20Steppe')",
        "the looked-up name in the address",
    )
    .await;
    // It is a report title, listed apart from the shared names.
    let kind = b.text("[data-testid=lookup-kind]").await;
    assert!(kind.contains("report"), "{kind}");
    let row = b
        .wait_for_text(
            "[data-testid=other-name-row][data-kind=report]",
            "Grizzly Steppe",
        )
        .await;
    assert!(row.contains("APT28") && row.contains("APT29"), "{row}");
    let conflicts = b.attrs("[data-testid=alias-conflict]", "data-key").await;
    assert!(
        !conflicts.iter().any(|k| k == "grizzlysteppe"),
        "{conflicts:?}"
    );
    b.close().await;
}

#[tokio::test]
async fn shared_names_are_listed_with_both_sides() {
    let site = Site::start().await;
    let b = Browser::start().await;
    b.goto(&site.url("aliases")).await;
    b.find("[data-testid=alias-conflict]").await;
    let conflicts = b.find_all("[data-testid=alias-conflict]").await;
    // Only real conflicts between different groups: duplicates of one group are one record.
    assert!(
        (5..=20).contains(&conflicts.len()),
        "{} shared names",
        conflicts.len()
    );
    for c in conflicts.iter().take(5) {
        let sides = c
            .find_all(Locator::Css("[data-testid=conflict-side]"))
            .await
            .unwrap();
        assert!(sides.len() >= 2);
    }
    b.close().await;
}

#[tokio::test]
async fn compare_shows_both_groups_and_their_names() {
    let site = Site::start().await;
    let b = Browser::start().await;
    b.goto(&site.url("compare?ids=apt27,apt31")).await;
    b.find("[data-testid=compare-table]").await;
    assert_eq!(
        b.attrs("[data-testid=compare-actor]", "data-actor-id")
            .await,
        ["apt27", "apt31"]
    );
    let ms = b
        .text("[data-testid=compare-row][data-vendor=microsoft]")
        .await;
    assert!(
        ms.contains("Linen Typhoon") && ms.contains("Violet Typhoon"),
        "{ms}"
    );
    // These two share no names, and the page says so rather than highlighting nothing.
    let shared = b
        .attrs(
            "[data-testid=compare-name][data-shared=true]",
            "data-shared",
        )
        .await;
    if shared.is_empty() {
        b.find("[data-testid=compare-no-shared]").await;
    }
    // A pair that does share a name highlights it (ATT&CK gives "Thrip" to both).
    b.goto(&site.url("compare?ids=lotus-panda,thrip")).await;
    b.find("[data-testid=compare-name][data-shared=true]").await;
    b.close().await;
}

#[tokio::test]
async fn the_csv_export_matches_the_view() {
    let site = Site::start().await;
    let b = Browser::start().await;
    b.goto(&site.url("aliases?q=apt2&cols=kaspersky,crowdstrike"))
        .await;
    b.find("[data-testid=matrix-row]").await;
    let rows = b.find_all("[data-testid=matrix-row]").await.len();
    let csv = b.download("export-csv").await;
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        r#""actor_id","actor_name","origin","Kaspersky","CrowdStrike","sources""#
    );
    assert_eq!(lines.len(), rows + 1, "{csv}");
    b.close().await;
}

#[tokio::test]
async fn matrix_state_lives_in_the_url() {
    let site = Site::start().await;
    let b = Browser::start().await;
    b.goto(&site.url("aliases")).await;
    b.find("[data-testid=matrix-filter]")
        .await
        .send_keys("panda")
        .await
        .unwrap();
    b.click("[data-testid=sort-column][data-vendor=crowdstrike]")
        .await;
    let url = b.current_url().await;
    assert!(
        url.contains("q=panda") && url.contains("sort=crowdstrike"),
        "{url}"
    );
    let rows = b.attrs("[data-testid=matrix-row]", "data-actor-id").await;
    b.reload().await;
    b.find("[data-testid=matrix-row]").await;
    assert_eq!(
        b.attrs("[data-testid=matrix-row]", "data-actor-id").await,
        rows
    );
    b.close().await;
}

/// Issue 16: the matrix filter shows its rows at once and the address follows when typing
/// pauses (not one history write per keystroke); leaving the box writes it at once.
#[tokio::test]
async fn the_matrix_filter_shows_at_once_and_the_address_follows() {
    let site = Site::start().await;
    let b = Browser::start().await;
    b.goto(&site.url("aliases")).await;
    let filter = b.find("[data-testid=matrix-filter]").await;
    filter.send_keys("a").await.unwrap();
    b.find("[data-testid=matrix][data-filter=a]").await;
    // Groups with an "a" in a name fill more than the 15 rows drawn while typing: the
    // page of 50 follows with the address.
    b.wait_until(
        "return new URLSearchParams(location.search).get('q') === 'a' \
         && document.querySelectorAll('[data-testid=matrix-row]').length === 50",
        "the address and a full page once typing pauses",
    )
    .await;
    filter.send_keys("pt").await.unwrap();
    b.find("[data-testid=matrix][data-filter=apt]").await;
    b.click("[data-testid=lookup-input]").await;
    b.wait_until(
        "return new URLSearchParams(location.search).get('q') === 'apt'",
        "the address written when the box is left",
    )
    .await;
    b.reload().await;
    b.find("[data-testid=matrix][data-filter=apt]").await;
    b.assert_no_console_errors().await;
    b.close().await;
}

/// Review of issue 16's hot state: typing into the lookup box counted as typing into the
/// matrix filter, and cut the matrix to the rows drawn while the filter is typed.
#[tokio::test]
async fn typing_a_lookup_leaves_the_matrix_whole() {
    let site = Site::start().await;
    let b = Browser::start().await;
    b.goto(&site.url("aliases")).await;
    b.wait_until(
        "return document.querySelectorAll('[data-testid=matrix-row]').length === 50",
        "the first page of the matrix",
    )
    .await;
    // The fewest rows the matrix shows at any moment from here on.
    b.client
        .execute(
            "window.fewestRows = 50;
             new MutationObserver(() => {
               const n = document.querySelectorAll('[data-testid=matrix-row]').length;
               window.fewestRows = Math.min(window.fewestRows, n);
             }).observe(document.querySelector('[data-testid=matrix]'), { childList: true, subtree: true });",
            vec![],
        )
        .await
        .unwrap();
    b.find("[data-testid=lookup-input]")
        .await
        .send_keys("Grizzly Steppe")
        .await
        .unwrap();
    b.find("[data-testid=lookup-result]").await;
    b.wait_until(
        "return location.search.includes('name=Grizzly%20Steppe')",
        "the looked-up name in the address",
    )
    .await;
    let fewest = b
        .client
        .execute("return window.fewestRows", vec![])
        .await
        .unwrap();
    assert_eq!(fewest.as_u64(), Some(50));
    b.close().await;
}

/// Issue 16's bug: `aliases?page=99` drew an empty table that said "Page N of N".
#[tokio::test]
async fn a_page_beyond_the_end_shows_the_last_page() {
    let site = Site::start().await;
    let b = Browser::start().await;
    b.goto(&site.url("aliases?page=99")).await;
    b.find("[data-testid=matrix-row]").await;
    let label = b.wait_for_text("[data-testid=matrix-page]", "Page").await;
    let numbers: Vec<&str> = label
        .split_whitespace()
        .filter(|w| w.chars().all(|c| c.is_ascii_digit()))
        .collect();
    assert_eq!(numbers.len(), 2, "{label}");
    assert_eq!(numbers[0], numbers[1], "the last page: {label}");
    assert_ne!(
        numbers[0], "1",
        "the bundled matrix has several pages: {label}"
    );
    let next = b
        .find("[data-testid=matrix-next]")
        .await
        .prop("disabled")
        .await
        .unwrap();
    assert_eq!(next.as_deref(), Some("true"));
    b.close().await;
}

/// The vendor columns shown, in order (the "Group" header is not a vendor's).
async fn columns(b: &Browser) -> Vec<String> {
    b.attrs("th [data-testid=sort-column]", "data-vendor")
        .await
        .into_iter()
        .filter(|v| v != "name")
        .collect()
}

/// Sets a select to `value` as a reader's choice does (a change event).
async fn choose(b: &Browser, css: &str, value: &str) {
    b.find(css)
        .await
        .select_by_value(value)
        .await
        .unwrap_or_else(|e| panic!("{css} has no option {value:?}: {e}"));
}

#[tokio::test]
async fn the_matrix_pages_forward_and_back() {
    let site = Site::start().await;
    let b = Browser::start().await;
    b.goto(&site.url("aliases")).await;
    b.find("[data-testid=matrix-row]").await;
    let first = b.attrs("[data-testid=matrix-row]", "data-actor-id").await;
    assert!(b
        .text("[data-testid=matrix-page]")
        .await
        .contains("Page 1 of"));
    b.click("[data-testid=matrix-next]").await;
    b.wait_for_text("[data-testid=matrix-page]", "Page 2 of")
        .await;
    let second = b.attrs("[data-testid=matrix-row]", "data-actor-id").await;
    assert!(
        !second.is_empty() && second.iter().all(|id| !first.contains(id)),
        "{second:?}"
    );
    assert!(b.current_url().await.contains("page=2"));
    b.click(".matrix__pages button:first-of-type").await;
    b.wait_for_text("[data-testid=matrix-page]", "Page 1 of")
        .await;
    assert_eq!(
        b.attrs("[data-testid=matrix-row]", "data-actor-id").await,
        first
    );
    b.close().await;
}

#[tokio::test]
async fn the_column_chooser_shows_hides_and_reorders_vendors() {
    let site = Site::start().await;
    let b = Browser::start().await;
    b.goto(&site.url("aliases?cols=kaspersky,crowdstrike"))
        .await;
    b.find("[data-testid=matrix-row]").await;
    assert_eq!(columns(&b).await, ["kaspersky", "crowdstrike"]);
    b.click("details.columns summary").await;
    b.click("[data-testid=column-option][data-vendor=kaspersky]")
        .await;
    b.wait_until(
        "return location.search.includes('cols=crowdstrike') && !location.search.includes('kaspersky')",
        "Kaspersky's column hidden",
    )
    .await;
    assert_eq!(columns(&b).await, ["crowdstrike"]);
    b.click("[data-testid=column-option][data-vendor=kaspersky]")
        .await;
    b.wait_until(
        "return document.querySelectorAll('th [data-testid=sort-column]').length === 3",
        "Kaspersky back",
    )
    .await;
    assert_eq!(
        columns(&b).await,
        ["crowdstrike", "kaspersky"],
        "a column comes back last"
    );
    b.click("li.columns__item:has([data-vendor=kaspersky]) .columns__up")
        .await;
    b.wait_until("return location.search.includes('cols=kaspersky,crowdstrike') || location.search.includes('cols=kaspersky%2Ccrowdstrike')", "moved left")
        .await;
    assert_eq!(columns(&b).await, ["kaspersky", "crowdstrike"]);
    // Each cell sits under its vendor's header.
    let cells = b
        .attrs(
            "[data-testid=matrix-row]:first-child [data-testid=matrix-cell]",
            "data-vendor",
        )
        .await;
    assert_eq!(cells, ["kaspersky", "crowdstrike"]);
    b.close().await;
}

#[tokio::test]
async fn origin_and_vendor_filters_narrow_the_matrix_and_the_json_export_matches() {
    let site = Site::start().await;
    let b = Browser::start().await;
    b.goto(&site.url("aliases?cols=crowdstrike")).await;
    b.find("[data-testid=matrix-row]").await;
    let all = b.text("[data-testid=matrix-count]").await;
    let groups = |count: &str| -> usize {
        count
            .split_whitespace()
            .next()
            .unwrap()
            .replace(',', "")
            .parse()
            .unwrap()
    };
    let total = groups(&all);

    choose(&b, "[data-testid=matrix-vendor]", "crowdstrike").await;
    b.wait_until(
        "return location.search.includes('vendor=crowdstrike')",
        "the vendor filter in the address",
    )
    .await;
    let by_vendor = groups(&b.text("[data-testid=matrix-count]").await);
    assert!(by_vendor > 0 && by_vendor < total, "{by_vendor} of {total}");
    let json: serde_json::Value = serde_json::from_str(&b.download("export-json").await).unwrap();
    let rows = json["rows"].as_array().unwrap();
    assert_eq!(
        rows.len(),
        by_vendor,
        "the export holds the filtered groups, every page"
    );
    assert_eq!(json["columns"][0]["id"], "crowdstrike");
    assert!(
        rows.iter()
            .all(|r| !r["names"]["crowdstrike"].as_array().unwrap().is_empty()),
        "every group the filter keeps has a CrowdStrike name"
    );

    choose(&b, "[data-testid=matrix-origin]", "China").await;
    b.wait_until(
        "return location.search.includes('origin=China')",
        "the origin filter in the address",
    )
    .await;
    let both = groups(&b.text("[data-testid=matrix-count]").await);
    assert!(both > 0 && both < by_vendor, "{both} of {by_vendor}");
    let json: serde_json::Value = serde_json::from_str(&b.download("export-json").await).unwrap();
    assert!(
        json["rows"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["origin"].as_str().unwrap_or("").contains("China")),
        "{json}"
    );
    b.close().await;
}

#[tokio::test]
async fn ticked_rows_open_a_comparison() {
    let site = Site::start().await;
    let b = Browser::start().await;
    b.goto(&site.url("aliases")).await;
    b.find("[data-testid=matrix-row]").await;
    let ids = b.attrs("[data-testid=matrix-row]", "data-actor-id").await;
    b.click(&format!(
        "[data-testid=matrix-row][data-actor-id='{}'] [data-testid=compare-toggle]",
        ids[0]
    ))
    .await;
    assert!(
        b.find_all("[data-testid=compare-selected]")
            .await
            .is_empty(),
        "one group is no comparison"
    );
    b.click(&format!(
        "[data-testid=matrix-row][data-actor-id='{}'] [data-testid=compare-toggle]",
        ids[1]
    ))
    .await;
    let link = b
        .wait_for_text("[data-testid=compare-selected]", "Compare the 2")
        .await;
    assert!(link.contains("ticked groups"), "{link}");
    b.click("[data-testid=compare-selected]").await;
    b.find("[data-testid=compare-table]").await;
    assert_eq!(
        b.attrs("[data-testid=compare-actor]", "data-actor-id")
            .await,
        ids[..2]
    );
    b.close().await;
}
