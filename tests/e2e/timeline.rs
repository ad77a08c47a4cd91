use std::collections::BTreeSet;

use crate::support::{Browser, Site};

const BELGIUM: &str = "ev-2022-07-18-be-china";

/// Event ids naming `actor` in the bundled dataset, read natively.
fn events_naming(actor: &str) -> BTreeSet<String> {
    let text = std::fs::read_to_string(crate::support::dist_path("data/atlas.json")).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    json["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| {
            e["claims"].as_array().into_iter().flatten().any(|c| {
                c["actors"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .any(|a| a == actor)
            })
        })
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect()
}

/// Waits until the chart is laid out for the range in view (no zoom or pan in progress).
async fn settled(b: &Browser) {
    b.wait_until(
        "const c = document.querySelector('[data-testid=timeline-chart]'); return c && c.dataset.moving === 'false'",
        "the chart laid out for the range in view",
    )
    .await;
}

async fn chart_ids(b: &Browser) -> BTreeSet<String> {
    b.attrs(
        "[data-testid=timeline-chart] [data-testid=timeline-event]",
        "data-event-id",
    )
    .await
    .into_iter()
    .collect()
}

/// Moves from the page shown to the timeline and runs `then` (a function body, with the
/// chart's root as `chart`) in the task that inserts the chart's first marks, returning what
/// it returns. A mutation observer's callback runs in that task, before any later band's
/// task, so this does not depend on when frames fall.
async fn on_first_marks(b: &Browser, then: &str) -> serde_json::Value {
    let js = format!(
        r#"const done = arguments[0];
        const seen = new MutationObserver(() => {{
          const chart = document.querySelector('[data-testid=timeline-chart]');
          if (!chart || !chart.querySelector('[data-testid=timeline-event]')) return;
          seen.disconnect();
          done((() => {{ {then} }})());
        }});
        seen.observe(document.body, {{ childList: true, subtree: true }});
        document.querySelector('a[href$="/timeline"]').click();"#
    );
    b.client.execute_async(&js, vec![]).await.unwrap()
}

async fn list_ids(b: &Browser) -> BTreeSet<String> {
    b.attrs("[data-testid=timeline-list-item]", "data-event-id")
        .await
        .into_iter()
        .collect()
}

#[tokio::test]
async fn the_timeline_shows_the_belgian_statement_on_its_day() {
    let site = Site::start().await;
    let b = Browser::start().await;
    b.goto(&site.url("timeline")).await;
    let mark = b
        .find(&format!(
            "[data-testid=timeline-event][data-event-id={BELGIUM}]"
        ))
        .await;
    assert_eq!(
        mark.attr("data-date").await.unwrap().as_deref(),
        Some("2022-07-18")
    );
    // The list below is the chart's accessible twin.
    assert_eq!(chart_ids(&b).await, list_ids(&b).await);
    b.assert_no_console_errors_except_deep_link(&site.url("timeline"))
        .await;
    b.close().await;
}

#[tokio::test]
async fn filtering_to_apt31_leaves_its_events_only() {
    let site = Site::start().await;
    let b = Browser::start().await;
    b.goto(&site.url("timeline")).await;
    b.find("[data-testid=timeline-event]").await;
    b.click("[data-testid=timeline-actor-add] option[value=apt31]")
        .await;
    b.find("[data-testid=timeline-actor-chip][data-actor-id=apt31]")
        .await;
    let expected = events_naming("apt31");
    assert!(expected.contains(BELGIUM));
    assert!(expected.len() >= 4, "{expected:?}");
    // The range follows the filter: the chart is re-laid once it settles.
    settled(&b).await;
    assert_eq!(chart_ids(&b).await, expected);
    assert_eq!(list_ids(&b).await, expected);
    b.close().await;
}

#[tokio::test]
async fn clicking_an_event_opens_its_panel() {
    let site = Site::start().await;
    let b = Browser::start().await;
    b.goto(&site.url("timeline")).await;
    b.click(&format!(
        "[data-testid=timeline-event][data-event-id={BELGIUM}]"
    ))
    .await;
    let panel = b
        .find(&format!(
            "[data-testid=event-panel][data-event-id={BELGIUM}]"
        ))
        .await;
    let text = panel.text().await.unwrap();
    assert!(
        text.contains("18 July 2022") && text.contains("known to the day"),
        "{text}"
    );
    assert!(text.contains("Embassy of China in Belgium"), "{text}");
    let links = b
        .attrs(
            "[data-testid=event-panel] [data-testid=panel-actor]",
            "href",
        )
        .await;
    for id in ["apt27", "apt30", "apt31", "gallium"] {
        assert!(
            links.iter().any(|h| h.ends_with(&format!("/actor/{id}"))),
            "{id} in {links:?}"
        );
    }
    assert!(!b.find_all("[data-testid=panel-sources] a").await.is_empty());
    assert!(b.current_url().await.contains(&format!("event={BELGIUM}")));
    b.close().await;
}

#[tokio::test]
async fn zooming_changes_the_ticks_and_the_url_restores_the_view() {
    let site = Site::start().await;
    let b = Browser::start().await;
    b.goto(&site.url("timeline?kind=government&kind=legal"))
        .await;
    b.find("[data-testid=timeline-event]").await;
    let ticks = b
        .text("[data-testid=timeline-chart] .timeline-chart__ticks")
        .await;
    b.click("[data-testid=zoom-in]").await;
    b.click("[data-testid=zoom-in]").await;
    settled(&b).await;
    let zoomed = b
        .text("[data-testid=timeline-chart] .timeline-chart__ticks")
        .await;
    assert_ne!(ticks, zoomed);
    // Campaigns are filtered out, and the list still matches the chart.
    assert!(b.find_all("[data-event-id^=attack-]").await.is_empty());
    assert_eq!(chart_ids(&b).await, list_ids(&b).await);
    let first = b.find("[data-testid=timeline-list-item] button").await;
    first.click().await.unwrap();
    b.find("[data-testid=event-panel]").await;
    let url = b.current_url().await;
    assert!(
        url.contains("from=") && url.contains("to=") && url.contains("event="),
        "{url}"
    );
    let chart = chart_ids(&b).await;
    let selected = b
        .find("[data-testid=event-panel]")
        .await
        .attr("data-event-id")
        .await
        .unwrap();
    b.reload().await;
    b.find("[data-testid=event-panel]").await;
    assert_eq!(
        b.find("[data-testid=event-panel]")
            .await
            .attr("data-event-id")
            .await
            .unwrap(),
        selected
    );
    assert_eq!(chart_ids(&b).await, chart);
    assert_eq!(
        b.text("[data-testid=timeline-chart] .timeline-chart__ticks")
            .await,
        zoomed
    );
    b.close().await;
}

#[tokio::test]
async fn actor_pages_draw_their_own_timeline() {
    let site = Site::start().await;
    let b = Browser::start().await;
    b.goto(&site.url("actor/apt31")).await;
    b.find("[data-testid=actor-timeline] [data-testid=timeline-event]")
        .await;
    let ids: BTreeSet<String> = b
        .attrs(
            "[data-testid=actor-timeline] [data-testid=timeline-event]",
            "data-event-id",
        )
        .await
        .into_iter()
        .collect();
    assert_eq!(ids, events_naming("apt31"));
    b.close().await;
}

#[tokio::test]
async fn a_co_signing_government_finds_the_actions_it_joined() {
    let site = Site::start().await;
    let b = Browser::start().await;
    // Denmark co-signed the UK-led NotPetya attribution of 15 February 2018.
    b.goto(&site.url("timeline?party=Denmark")).await;
    b.find("[data-testid=timeline-list-item][data-event-id=ev-2018-02-15-uk-notpetya]")
        .await;
    let ids = list_ids(&b).await;
    assert!(
        !ids.contains("ev-2022-07-18-be-china"),
        "a Belgian statement is not Denmark's: {ids:?}"
    );
    b.close().await;
}

#[tokio::test]
async fn government_actions_show_on_the_groups_they_name() {
    let site = Site::start().await;
    let b = Browser::start().await;
    // WannaCry: the UK named Lazarus Group itself, and North Korea's denial is recorded.
    b.goto(&site.url("actor/lazarus-group")).await;
    let uk = b
        .wait_for_text(
            "[data-testid=actor-event][data-event-id=ev-2017-12-19-uk-wannacry]",
            "Lazarus Group",
        )
        .await;
    assert!(uk.contains("United Kingdom"), "{uk}");
    let denial = b
        .text("[data-testid=actor-event][data-event-id=ev-2017-12-19-uk-wannacry] [data-testid=event-response]")
        .await;
    assert!(
        denial.contains("North Korea") && denial.contains("denial"),
        "{denial}"
    );
    // GRU Unit 29155 is Ember Bear's.
    b.spa_goto("actor/ember-bear").await;
    b.find("[data-testid=actor-event][data-event-id=ev-2024-09-05-us-unit29155]")
        .await;
    b.close().await;
}

/// Issue 16: the chart is one tab stop, not one per mark; arrow keys, Home and End move
/// between marks in date order, and Enter opens the focused one.
#[tokio::test]
async fn the_chart_is_one_tab_stop_with_arrow_keys_between_marks() {
    use fantoccini::key::Key;
    let site = Site::start().await;
    let b = Browser::start().await;
    b.goto(&site.url("timeline?kind=government")).await;
    b.find("[data-testid=timeline-event]").await;
    let stops = b
        .client
        .execute(
            "return document.querySelectorAll('[data-testid=timeline-chart] [tabindex=\"0\"]').length",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(stops, serde_json::json!(1), "one tab stop in the chart");
    let marks = b.find_all("[data-testid=timeline-event]").await.len();
    assert!(marks > 3, "{marks}");
    // Focus the chart's one stop.
    b.client
        .execute(
            "document.querySelector('[data-testid=timeline-chart] [tabindex=\"0\"]').focus()",
            vec![],
        )
        .await
        .unwrap();
    let focused_date = |b: &Browser| {
        let client = b.client.clone();
        async move {
            client
                .execute(
                    "const e = document.activeElement; return e && e.dataset.markIndex !== undefined ? [Number(e.dataset.markIndex), e.dataset.date, e.dataset.eventId] : null",
                    vec![],
                )
                .await
                .unwrap()
        }
    };
    let first = focused_date(&b).await;
    assert_eq!(first[0], serde_json::json!(0), "{first}");
    let key = |k: Key| {
        let client = b.client.clone();
        async move {
            client
                .active_element()
                .await
                .unwrap()
                .send_keys(&k.to_string())
                .await
                .unwrap();
        }
    };
    key(Key::Right).await;
    let second = focused_date(&b).await;
    assert_eq!(second[0], serde_json::json!(1), "{second}");
    assert!(
        second[1].as_str().unwrap() >= first[1].as_str().unwrap(),
        "date order: {first} then {second}"
    );
    key(Key::End).await;
    let last = focused_date(&b).await;
    assert_eq!(last[0], serde_json::json!(marks - 1), "{last}");
    key(Key::Left).await;
    key(Key::Home).await;
    assert_eq!(focused_date(&b).await[0], serde_json::json!(0));
    // Still one stop, now the focused mark; Enter opens it.
    key(Key::Right).await;
    let stops = b
        .client
        .execute(
            "const s = document.querySelectorAll('[data-testid=timeline-chart] [tabindex=\"0\"]'); return s.length === 1 && s[0] === document.activeElement",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(stops, serde_json::json!(true));
    let id = focused_date(&b).await[2].as_str().unwrap().to_string();
    key(Key::Enter).await;
    b.find(&format!(
        "[data-testid=event-panel][data-event-id=\"{id}\"]"
    ))
    .await;
    b.close().await;
}

/// Issue 16: zooming with + from a focused mark redraws the marks (one string of markup
/// the browser parses) and gives the focus back to the same event's mark.
#[tokio::test]
async fn zooming_from_a_focused_mark_keeps_the_focus_on_it() {
    use fantoccini::key::Key;
    let site = Site::start().await;
    let b = Browser::start().await;
    b.goto(&site.url("timeline?kind=government")).await;
    b.find("[data-testid=timeline-event]").await;
    // A mark in the middle of the range, which zooming in about the middle keeps in view.
    let id = b
        .client
        .execute(
            "const marks = [...document.querySelectorAll('[data-testid=timeline-event]')];
             const r = document.querySelector('[data-testid=timeline-chart]').getBoundingClientRect();
             const mid = r.left + r.width / 2;
             const m = marks.sort((a, b) => Math.abs(a.getBoundingClientRect().x - mid) - Math.abs(b.getBoundingClientRect().x - mid))[0];
             m.focus();
             return m.dataset.eventId;",
            vec![],
        )
        .await
        .unwrap();
    let id = id.as_str().unwrap().to_string();
    let before = b.find_all("[data-testid=timeline-event]").await.len();
    b.client
        .active_element()
        .await
        .unwrap()
        .send_keys(&Key::Add.to_string())
        .await
        .unwrap();
    // Re-laid for the narrower range (fewer marks), and the same event's mark has the focus.
    b.wait_until(
        &format!(
            "const c = document.querySelector('[data-testid=timeline-chart]');
             const a = document.activeElement;
             return c.dataset.moving === 'false'
               && document.querySelectorAll('[data-testid=timeline-event]').length < {before}
               && a && a.dataset.eventId === {id:?} && a.getAttribute('tabindex') === '0'"
        ),
        "the zoomed chart re-laid with the focus on the same mark",
    )
    .await;
    b.assert_no_console_errors().await;
    b.close().await;
}

/// Issue 16: each wheel tick zooms the chart at once, without a navigation or a history
/// entry per tick; the address follows once the wheel pauses, and a reload restores it.
#[tokio::test]
async fn the_wheel_zooms_at_once_and_the_address_follows_the_pause() {
    let site = Site::start().await;
    let b = Browser::start().await;
    b.goto(&site.url("timeline?kind=government")).await;
    b.find("[data-testid=timeline-event]").await;
    b.client
        .execute(
            "window.__ticks = document.querySelector('[data-testid=timeline-chart] .timeline-chart__ticks').textContent; \
             window.__history = history.length; \
             const chart = document.querySelector('.timeline__chart'); \
             window.__marks = document.querySelectorAll('[data-testid=timeline-event]')[0]; \
             for (let i = 0; i < 3; i++) chart.dispatchEvent(new WheelEvent('wheel', { deltaY: -100, bubbles: true, cancelable: true }));",
            vec![],
        )
        .await
        .unwrap();
    // In the next frame: the laid-out marks are transformed as a whole, not laid out again
    // (the same mark elements), and the chart says a gesture is in progress.
    let same_frame = b
        .client
        .execute_async(
            "const done = arguments[0]; requestAnimationFrame(() => { \
               const g = document.querySelector('.timeline-chart__moving'); \
               done([g.style.transform, \
                     document.querySelector('[data-testid=timeline-chart]').dataset.moving, \
                     document.querySelectorAll('[data-testid=timeline-event]')[0] === window.__marks]); });",
            vec![],
        )
        .await
        .unwrap();
    let transform = same_frame[0].as_str().unwrap_or_default().to_string();
    assert!(
        transform.contains("scaleX(") && !transform.contains("scaleX(1)"),
        "zoomed by a transform in the next frame: {same_frame}"
    );
    assert_eq!(same_frame[1], serde_json::json!("true"), "{same_frame}");
    assert_eq!(same_frame[2], serde_json::json!(true), "not redrawn yet");
    b.wait_until(
        "return document.querySelector('[data-testid=timeline-chart] .timeline-chart__ticks').textContent !== window.__ticks",
        "the chart zoomed",
    )
    .await;
    b.wait_until(
        "return location.search.includes('from=') && location.search.includes('to=')",
        "the address followed the pause",
    )
    .await;
    let same = b
        .client
        .execute("return history.length === window.__history", vec![])
        .await
        .unwrap();
    assert_eq!(same, serde_json::json!(true), "no history entry per tick");
    let zoomed = b
        .text("[data-testid=timeline-chart] .timeline-chart__ticks")
        .await;
    b.reload().await;
    b.find("[data-testid=timeline-event]").await;
    assert_eq!(
        b.text("[data-testid=timeline-chart] .timeline-chart__ticks")
            .await,
        zoomed
    );
    b.close().await;
}

/// Issue 16: government attributions are labelled with who made them without a click, in
/// type that stays readable on a 360 px phone (the chart is laid out in real pixels, not a
/// 1,000-unit drawing scaled down), and the labels stay inside the chart.
#[tokio::test]
async fn government_marks_say_who_attributed_them_at_360_px() {
    let site = Site::start().await;
    let b = Browser::start_with_size(360, 800).await;
    b.goto(&site.url("timeline?kind=government&from=2022-01-01&to=2022-12-31"))
        .await;
    b.find("[data-testid=timeline-event]").await;
    settled(&b).await;
    let captions = b
        .client
        .execute(
            "const chart = document.querySelector('[data-testid=timeline-chart]').getBoundingClientRect(); \
             return [...document.querySelectorAll('[data-testid=timeline-caption]')].map(t => { \
               const r = t.getBoundingClientRect(); \
               return [t.textContent, t.dataset.eventId, r.height, r.left >= chart.left - 1 && r.right <= chart.right + 1]; });",
            vec![],
        )
        .await
        .unwrap();
    let captions = captions.as_array().unwrap();
    assert!(!captions.is_empty(), "some marks are labelled");
    let belgium = captions
        .iter()
        .find(|c| c[1] == "ev-2022-07-18-be-china")
        .unwrap_or_else(|| panic!("the Belgian statement is labelled: {captions:?}"));
    assert_eq!(belgium[0], "Belgium");
    for c in captions {
        assert!(c[2].as_f64().unwrap() >= 12.0, "readable: {c:?}");
        assert_eq!(c[3], serde_json::json!(true), "inside the chart: {c:?}");
    }
    b.close().await;
}

/// A new layout reuses the chart's elements for other events: the selected mark and the one
/// tab stop, which the chart sets by hand, must follow their event, not stay on the element.
#[tokio::test]
async fn after_a_zoom_one_mark_is_selected_and_one_is_a_tab_stop() {
    let site = Site::start().await;
    let b = Browser::start().await;
    b.goto(&site.url(&format!("timeline?event={BELGIUM}")))
        .await;
    b.find("[data-testid=event-panel]").await;
    settled(&b).await;
    for step in ["zoom-in", "zoom-in", "zoom-out", "zoom-fit"] {
        b.click(&format!("[data-testid={step}]")).await;
        settled(&b).await;
        let state = b
            .client
            .execute(
                "const sel = [...document.querySelectorAll('.timeline-chart__mark--selected')].map(m => m.dataset.eventId); \
                 const stops = document.querySelectorAll('[data-testid=timeline-chart] [tabindex=\"0\"]').length; \
                 const shown = !!document.querySelector('[data-testid=timeline-event][data-event-id=\"' + arguments[0] + '\"]'); \
                 return [sel, stops, shown];",
                vec![serde_json::json!(BELGIUM)],
            )
            .await
            .unwrap();
        let selected: Vec<String> = serde_json::from_value(state[0].clone()).unwrap();
        let expected: Vec<String> = if state[2] == serde_json::json!(true) {
            vec![BELGIUM.to_string()]
        } else {
            vec![]
        };
        assert_eq!(selected, expected, "after {step}: {state}");
        assert_eq!(
            state[1],
            serde_json::json!(1),
            "one tab stop after {step}: {state}"
        );
    }
    b.close().await;
}

/// The list under the chart shows its first 200 events and a button for the rest, so a
/// timeline of 2,000 events is not drawn twice over; "Show all" lists every one.
#[tokio::test]
async fn a_long_list_of_events_shows_its_first_page_and_then_all() {
    let site = Site::start().await;
    site.set(
        "data/atlas.json",
        crate::support::Override::Body(crate::bench::with_many_events(600)),
    );
    let b = Browser::start().await;
    b.goto(&site.url("timeline")).await;
    b.find("[data-testid=timeline-event]").await;
    settled(&b).await;
    let marks = b.find_all("[data-testid=timeline-event]").await.len();
    assert!(marks > 200, "{marks}");
    assert_eq!(
        b.find_all("[data-testid=timeline-list-item]").await.len(),
        200
    );
    let more = b.find("[data-testid=timeline-list-more]").await;
    assert_eq!(
        more.text().await.unwrap(),
        format!("Show all {marks} events in view")
    );
    more.click().await.unwrap();
    b.wait_until(
        &format!("return document.querySelectorAll('[data-testid=timeline-list-item]').length === {marks}"),
        "every event listed",
    )
    .await;
    assert_eq!(chart_ids(&b).await, list_ids(&b).await);
    assert!(b
        .find_all("[data-testid=timeline-list-more]")
        .await
        .is_empty());
    b.close().await;
}

/// "N events in view (M match the filters)": N and M.
async fn counts(b: &Browser) -> (usize, usize) {
    let text = b.text("[data-testid=timeline-count]").await;
    let n: Vec<usize> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|w| w.parse().ok())
        .collect();
    (n[0], n[1])
}

/// Types a year into a range box and leaves it, as a reader does.
async fn set_year(b: &Browser, testid: &str, year: u32) {
    b.client
        .execute(
            "const i = document.querySelector(`[data-testid=${arguments[0]}]`); i.value = arguments[1]; \
             i.dispatchEvent(new Event('input', { bubbles: true })); i.dispatchEvent(new Event('change', { bubbles: true }));",
            vec![serde_json::json!(testid), serde_json::json!(year.to_string())],
        )
        .await
        .unwrap();
}

#[tokio::test]
async fn year_inputs_set_the_range_keys_pan_it_and_fit_shows_everything() {
    let site = Site::start().await;
    let b = Browser::start().await;
    b.goto(&site.url("timeline")).await;
    b.find("[data-testid=timeline-event]").await;
    let (all_in_view, matching) = counts(&b).await;
    assert_eq!(all_in_view, matching, "everything is in view at first");

    set_year(&b, "range-from", 2020).await;
    set_year(&b, "range-to", 2022).await;
    b.wait_until(
        "return location.search.includes('from=2020') && location.search.includes('to=2022')",
        "the range in the address",
    )
    .await;
    b.wait_until(
        &format!("const n = parseInt(document.querySelector('[data-testid=timeline-count]').textContent); return n > 0 && n < {all_in_view}"),
        "fewer events in view",
    )
    .await;
    let ticks = b
        .text("[data-testid=timeline-chart] .timeline-chart__ticks")
        .await;
    assert!(ticks.contains("2021") && !ticks.contains("2015"), "{ticks}");

    // Shift and an arrow (which the marks leave alone) pan the view a fifth of its width.
    b.client
        .execute(
            "document.querySelector('.timeline__chart').dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', shiftKey: true, bubbles: true, cancelable: true }));",
            vec![],
        )
        .await
        .unwrap();
    b.wait_until(
        "return document.querySelector('[data-testid=range-from]').value === '2019'",
        "the view panned a year earlier",
    )
    .await;
    b.wait_until(
        "return location.search.includes('from=2019')",
        "the address followed the pan",
    )
    .await;

    b.click("[data-testid=zoom-fit]").await;
    b.wait_until(
        "return !location.search.includes('from=') && !location.search.includes('to=')",
        "Fit clears the range",
    )
    .await;
    b.wait_until(
        &format!("return document.querySelector('[data-testid=timeline-count]').textContent.startsWith('{all_in_view} events')"),
        "every event in view again",
    )
    .await;
    b.close().await;
}

/// Empties a filter box as a reader does and waits until all `total` events match again.
async fn clear_filter(b: &Browser, testid: &str, total: usize) {
    b.find(&format!("[data-testid={testid}]"))
        .await
        .clear()
        .await
        .unwrap();
    b.client
        .execute(
            "document.querySelector(`[data-testid=${arguments[0]}]`).dispatchEvent(new Event('input', { bubbles: true }));",
            vec![serde_json::json!(testid)],
        )
        .await
        .unwrap();
    b.wait_for_text("[data-testid=timeline-count]", &format!("({total} match"))
        .await;
}

#[tokio::test]
async fn the_text_party_origin_and_kind_filters_narrow_the_events() {
    let site = Site::start().await;
    let b = Browser::start().await;
    b.goto(&site.url("timeline")).await;
    b.find("[data-testid=timeline-event]").await;
    let (_, total) = counts(&b).await;

    b.find("[data-testid=timeline-party]")
        .await
        .send_keys("Belgium")
        .await
        .unwrap();
    b.wait_until(
        "return location.search.includes('party=Belgium')",
        "the party filter in the address",
    )
    .await;
    b.wait_until(
        &format!("return !document.querySelector('[data-testid=timeline-count]').textContent.includes('({total} match')"),
        "the party filter applied",
    )
    .await;
    let (_, by_party) = counts(&b).await;
    assert!(by_party > 0 && by_party < total, "{by_party} of {total}");
    let items = b.find_all("[data-testid=timeline-list-item]").await;
    for item in &items {
        let text = item.text().await.unwrap();
        assert!(text.contains("Belgium"), "{text}");
    }
    clear_filter(&b, "timeline-party", total).await;

    b.find("[data-testid=timeline-text]")
        .await
        .send_keys("GALLIUM")
        .await
        .unwrap();
    b.wait_until(
        &format!("return !document.querySelector('[data-testid=timeline-count]').textContent.includes('({total} match')"),
        "the text filter applied",
    )
    .await;
    let (_, by_text) = counts(&b).await;
    assert!(by_text > 0 && by_text < total, "{by_text} of {total}");
    clear_filter(&b, "timeline-text", total).await;

    b.find("[data-testid=timeline-origin]")
        .await
        .select_by_value("Russia")
        .await
        .unwrap();
    b.wait_until(
        "return location.search.includes('origin=Russia')",
        "the origin filter in the address",
    )
    .await;
    let (_, by_origin) = counts(&b).await;
    assert!(by_origin > 0 && by_origin < total, "{by_origin} of {total}");
    b.find("[data-testid=timeline-origin]")
        .await
        .select_by_value("")
        .await
        .unwrap();
    b.wait_for_text("[data-testid=timeline-count]", &format!("({total} match"))
        .await;

    // Leaving government actions out leaves fewer; ticking the box again brings them back.
    b.click("[data-testid=timeline-kind][data-kind=government]")
        .await;
    b.wait_until(
        "return location.search.includes('kind=')",
        "the kinds in the address",
    )
    .await;
    let (_, without) = counts(&b).await;
    assert!(without < total, "{without} of {total}");
    b.click("[data-testid=timeline-kind][data-kind=government]")
        .await;
    b.wait_for_text("[data-testid=timeline-count]", &format!("({total} match"))
        .await;
    b.close().await;
}

/// Issue 16: a mark's label shows in the chart's one tooltip when the pointer is over the
/// mark and when the keyboard focuses it (the marks carry no `<title>` each), inside the
/// chart, at 360 px too.
#[tokio::test]
async fn a_marks_label_shows_on_hover_and_on_focus() {
    use fantoccini::actions::{InputSource, MouseActions, PointerAction};

    use fantoccini::key::Key;
    let site = Site::start().await;
    let b = Browser::start_with_size(360, 800).await;
    b.goto(&site.url("timeline")).await;
    let mark = b
        .find(&format!(
            "[data-testid=timeline-event][data-event-id={BELGIUM}]"
        ))
        .await;
    settled(&b).await;
    let label = mark.attr("aria-label").await.unwrap().unwrap();
    assert!(label.contains("18 July 2022"), "{label}");
    b.client
        .execute(
            "arguments[0].scrollIntoView({ block: 'center' })",
            vec![serde_json::to_value(&mark).unwrap()],
        )
        .await
        .unwrap();
    // The tip shows the label of the mark given, inside the chart.
    let tip_for = |css: String| {
        let client = b.client.clone();
        async move {
            client
                .execute(
                    "const tip = document.querySelector('[data-testid=timeline-tip]');
                     const mark = document.querySelector(arguments[0]);
                     const c = tip.parentElement.getBoundingClientRect(), t = tip.getBoundingClientRect();
                     return !tip.hidden && tip.textContent === mark.getAttribute('aria-label')
                       && t.left >= c.left - 1 && t.right <= c.right + 1 && t.top >= c.top - 1 && t.bottom <= c.bottom + 1;",
                    vec![serde_json::json!(css)],
                )
                .await
                .unwrap()
                == serde_json::json!(true)
        }
    };
    let hover = MouseActions::new("mouse".into()).then(PointerAction::MoveToElement {
        element: mark.clone(),
        duration: None,
        x: 0.0,
        y: 0.0,
    });
    b.client.perform_actions(hover).await.unwrap();
    b.wait_until(
        "return !document.querySelector('[data-testid=timeline-tip]').hidden",
        "the tooltip on hover",
    )
    .await;
    assert!(tip_for(format!("[data-event-id={BELGIUM}]")).await);
    // Away from the mark, it goes.
    let away = MouseActions::new("mouse".into()).then(PointerAction::MoveTo {
        duration: None,
        x: 5.0,
        y: 5.0,
    });
    b.client.perform_actions(away).await.unwrap();
    b.wait_until(
        "return document.querySelector('[data-testid=timeline-tip]').hidden",
        "the tooltip gone with the pointer",
    )
    .await;
    // The keyboard: the chart's tab stop, then the next mark.
    b.client
        .execute(
            "document.querySelector('[data-testid=timeline-chart] [tabindex=\"0\"]').focus()",
            vec![],
        )
        .await
        .unwrap();
    assert!(tip_for("[data-testid=timeline-chart] [tabindex=\"0\"]".into()).await);
    b.client
        .active_element()
        .await
        .unwrap()
        .send_keys(&Key::Right.to_string())
        .await
        .unwrap();
    b.wait_until(
        "return document.activeElement.dataset.markIndex === '1'",
        "the next mark focused",
    )
    .await;
    assert!(tip_for("[data-testid=timeline-chart] [data-mark-index=\"1\"]".into()).await);
    b.assert_no_console_errors_except_deep_link(&site.url("timeline"))
        .await;
    b.close().await;
}

/// Review of issue 16's tooltip: a focused mark taken down with its page fires `focusout`
/// after the chart's reactive values are gone; hiding the tooltip then must not panic. On an
/// actor page, choosing a mark with the keyboard opens it on the timeline page.
#[tokio::test]
async fn choosing_a_focused_mark_on_an_actor_page_opens_the_timeline_cleanly() {
    use fantoccini::key::Key;
    let site = Site::start().await;
    let b = Browser::start().await;
    b.goto(&site.url("actor/apt31")).await;
    let css = format!(
        "[data-testid=actor-timeline] [data-testid=timeline-event][data-event-id={BELGIUM}]"
    );
    b.find(&css).await;
    b.client
        .execute(
            "document.querySelector(arguments[0]).focus()",
            vec![serde_json::json!(css)],
        )
        .await
        .unwrap();
    b.wait_until(
        "return !document.querySelector('[data-testid=actor-timeline] [data-testid=timeline-tip]').hidden",
        "the focused mark's label shown",
    )
    .await;
    b.client
        .active_element()
        .await
        .unwrap()
        .send_keys(&Key::Enter.to_string())
        .await
        .unwrap();
    b.find(&format!(
        "[data-testid=timeline-page] [data-testid=event-panel][data-event-id=\"{BELGIUM}\"]"
    ))
    .await;
    b.next_frames(2).await;
    b.assert_no_console_errors_except_deep_link(&site.url("actor/apt31"))
        .await;
    b.close().await;
}

/// Issue 16: with 2,000 events the chart's frame draws the marks in the window and the rest
/// follow in tasks after it; once they are all in (`data-complete`), the chart holds every
/// mark once, still one tab stop, and End reaches the last mark, which was drawn late.
#[tokio::test]
async fn a_large_chart_draws_what_is_in_view_first_then_every_mark() {
    use fantoccini::key::Key;
    let (_site, b) = crate::bench::home_with_many_events(2_000).await;
    // Moved to inside the app: what the chart holds when its first marks are inserted.
    let first = on_first_marks(
        &b,
        "return [chart.dataset.complete, chart.querySelectorAll('[data-testid=timeline-event]').length];",
    )
    .await;
    b.wait_until(
        "return document.querySelector('[data-testid=timeline-chart]').dataset.complete === 'true'",
        "every mark of the chart is drawn",
    )
    .await;
    let all = b
        .client
        .execute(
            "const m = [...document.querySelectorAll('[data-testid=timeline-event]')]; \
             return [m.length, new Set(m.map(x => x.dataset.markIndex)).size, \
                     document.querySelectorAll('[data-testid=timeline-chart] [tabindex=\"0\"]').length]",
            vec![],
        )
        .await
        .unwrap();
    let total = all[0].as_u64().unwrap();
    assert!(total > 2_000, "{all}");
    assert_eq!(all[1].as_u64().unwrap(), total, "each mark once: {all}");
    assert_eq!(all[2], serde_json::json!(1), "one tab stop: {all}");
    assert_eq!(
        first[0],
        serde_json::json!("false"),
        "marks below the fold came later: {first}"
    );
    assert!(
        first[1].as_u64().unwrap() < total,
        "the first frame drew only part: {first}"
    );
    b.client
        .execute(
            "document.querySelector('[data-testid=timeline-chart] [tabindex=\"0\"]').focus()",
            vec![],
        )
        .await
        .unwrap();
    b.client
        .active_element()
        .await
        .unwrap()
        .send_keys(&Key::End.to_string())
        .await
        .unwrap();
    let last = b
        .client
        .execute(
            "return Number(document.activeElement.dataset.markIndex)",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        last.as_u64().unwrap(),
        total - 1,
        "End reaches the last mark"
    );
    b.close().await;
}

/// Issue 16, a review's finding: a new layout while the first one's later bands are still
/// coming in. A filter is changed in the very task that inserted the first marks; the
/// chart is then drawn again whole, and the old layout's bands, which reused elements could
/// have received, must not leak into it: every mark once, reading positions 0..n-1, one tab
/// stop, and no mark of the kind filtered out.
#[tokio::test]
async fn a_new_layout_while_the_bands_come_in_holds_its_own_marks_only() {
    let (_site, b) = crate::bench::home_with_many_events(2_000).await;
    let out = on_first_marks(
        &b,
        "const complete = chart.dataset.complete;
         // A kind with marks on screen, ticked off at once.
         const box = [...document.querySelectorAll('[data-testid=timeline-kind]')]
           .find(b => chart.querySelector('.timeline-chart__mark--' + b.dataset.kind));
         box.click();
         return [complete, box.dataset.kind];",
    )
    .await;
    assert_eq!(
        out[0],
        serde_json::json!("false"),
        "bands still to come: {out}"
    );
    let kind = out[1].as_str().unwrap().to_string();
    b.wait_until(
        &format!(
            "const c = document.querySelector('[data-testid=timeline-chart]'); \
             return location.search.includes('kind=') && c && c.dataset.complete === 'true' \
               && !document.querySelector('[data-testid=timeline-kind][data-kind={kind}]').checked"
        ),
        "the chart is drawn again without that kind",
    )
    .await;
    // Later tasks of the old layout, if any were left, would have run by now.
    b.client
        .execute_async(
            "const done = arguments[0]; let n = 0; const c = new MessageChannel(); \
             c.port1.onmessage = () => (++n < 20 ? c.port2.postMessage(0) : done(true)); c.port2.postMessage(0);",
            vec![],
        )
        .await
        .unwrap();
    let marks = b
        .client
        .execute(
            &format!(
                "const m = [...document.querySelectorAll('[data-testid=timeline-event]')]; \
                 const idx = m.map(x => Number(x.dataset.markIndex)).sort((a, b) => a - b); \
                 return [m.length, new Set(idx).size, idx.every((v, i) => v === i), \
                         document.querySelectorAll('[data-testid=timeline-chart] [tabindex=\"0\"]').length, \
                         document.querySelectorAll('.timeline-chart__mark--{kind}').length]"
            ),
            vec![],
        )
        .await
        .unwrap();
    let n = marks[0].as_u64().unwrap();
    assert!(n > 0, "{marks}");
    assert_eq!(marks[1].as_u64().unwrap(), n, "each mark once: {marks}");
    assert_eq!(
        marks[2],
        serde_json::json!(true),
        "positions 0..n-1: {marks}"
    );
    assert_eq!(marks[3], serde_json::json!(1), "one tab stop: {marks}");
    assert_eq!(
        marks[4],
        serde_json::json!(0),
        "no {kind} mark left: {marks}"
    );
    b.close().await;
}
