use fantoccini::key::Key;

use crate::support::{Browser, Site};

/// Actor ids of the cards on the page, in order.
async fn card_ids(b: &Browser) -> Vec<String> {
    b.attrs("[data-testid=actor-card]", "data-actor-id").await
}

/// Waits until the results show `query` (they carry it in `data-query`).
async fn wait_for_query(b: &Browser, query: &str) {
    let css = format!("[data-testid=results][data-query=\"{query}\"]");
    b.find(&css).await;
}

#[tokio::test]
async fn a_shared_link_opens_cold_with_the_match_first() {
    let site = Site::start().await;
    let b = Browser::start().await;
    b.goto(&site.url("?q=LuckyMouse")).await;
    wait_for_query(&b, "LuckyMouse").await;
    assert_eq!(
        card_ids(&b).await.first().map(String::as_str),
        Some("apt27")
    );
    let matched = b
        .text("[data-testid=actor-card][data-actor-id=apt27] [data-testid=card-match]")
        .await;
    assert!(
        matched.contains("LuckyMouse") && matched.contains("Kaspersky"),
        "{matched}"
    );
    b.assert_no_console_errors().await;
    b.close().await;
}

#[tokio::test]
async fn typing_updates_results_on_every_keystroke() {
    let site = Site::start().await;
    let b = Browser::start().await;
    b.goto(&site.base).await;
    let input = b.find("[data-testid=search-input]").await;
    // Focused once the app has taken over the static page (in the frame after it): keys go
    // straight to the box. Asking at once raced the hand-over under load.
    b.wait_until(
        "return document.activeElement && document.activeElement.id === 'search-input'",
        "the search box has the focus once the app is in",
    )
    .await;
    input.send_keys("violet").await.unwrap();
    wait_for_query(&b, "violet").await;
    input.send_keys(" typ").await.unwrap();
    wait_for_query(&b, "violet typ").await;
    assert_eq!(
        card_ids(&b).await.first().map(String::as_str),
        Some("apt31")
    );
    // The address follows once typing pauses.
    b.wait_until(
        "return location.search === '?q=violet%20typ'",
        "the address follows the typing",
    )
    .await;
    assert_eq!(b.current_url().await, site.url("?q=violet%20typ"));
    // Typing replaced the history entry: one step back leaves the page entirely.
    let length = b
        .client
        .execute("return history.length", vec![])
        .await
        .unwrap();
    assert!(
        length.as_u64().unwrap() <= 2,
        "typing pushed history entries: {length}"
    );
    b.close().await;
}

#[tokio::test]
async fn typos_and_shared_names() {
    let site = Site::start().await;
    let b = Browser::start().await;
    b.goto(&site.url("?q=fancy%20baer")).await;
    wait_for_query(&b, "fancy baer").await;
    assert_eq!(
        card_ids(&b).await.first().map(String::as_str),
        Some("apt28")
    );
    b.goto(&site.url("?q=Grizzly%20Steppe")).await;
    wait_for_query(&b, "Grizzly Steppe").await;
    let ids = card_ids(&b).await;
    assert_eq!(&ids[..2], ["apt28", "apt29"]);
    // A report title that covers both groups is not a name they share.
    assert!(b.find_all("[data-testid=shared-name]").await.is_empty());
    let kind = b
        .text("[data-testid=actor-card][data-actor-id=apt28] [data-testid=card-match-kind]")
        .await;
    assert!(kind.contains("report"), "{kind}");
    b.close().await;
}

#[tokio::test]
async fn midnight_blizzard_is_one_group_with_no_shared_name_warning() {
    let site = Site::start().await;
    let b = Browser::start().await;
    b.goto(&site.url("?q=Midnight%20Blizzard")).await;
    wait_for_query(&b, "Midnight Blizzard").await;
    let ids = card_ids(&b).await;
    assert_eq!(ids.first().map(String::as_str), Some("apt29"));
    assert!(!ids.iter().any(|i| i == "unc2452"), "{ids:?}");
    assert!(b
        .find_all("[data-testid=actor-card][data-actor-id=apt29] [data-testid=shared-name]")
        .await
        .is_empty());
    b.goto(&site.url("?q=LockBit")).await;
    wait_for_query(&b, "LockBit").await;
    assert_eq!(
        card_ids(&b).await.first().map(String::as_str),
        Some("lockbit")
    );
    // An umbrella's card names its parts.
    b.goto(&site.url("?q=Lazarus%20Group")).await;
    wait_for_query(&b, "Lazarus Group").await;
    let family = b
        .text("[data-testid=actor-card][data-actor-id=lazarus-group] [data-testid=card-family]")
        .await;
    assert!(
        family.contains("APT38") && family.contains("Andariel"),
        "{family}"
    );
    b.assert_no_console_errors().await;
    b.close().await;
}

#[tokio::test]
async fn a_facet_narrows_results_and_survives_a_reload() {
    let site = Site::start().await;
    let b = Browser::start().await;
    b.goto(&site.url("?q=panda")).await;
    wait_for_query(&b, "panda").await;
    let before = b.text("[data-testid=result-count]").await;
    b.click("[data-testid=facet-option][data-facet=origin][data-value=China]")
        .await;
    b.find("[data-testid=clear-filters]").await;
    let after = b.text("[data-testid=result-count]").await;
    assert_ne!(before, after);
    assert!(b.current_url().await.contains("origin=China"));
    let ids = card_ids(&b).await;
    b.reload().await;
    wait_for_query(&b, "panda").await;
    let checked = b
        .find("[data-testid=facet-option][data-facet=origin][data-value=China]")
        .await
        .prop("checked")
        .await
        .unwrap();
    assert_eq!(checked.as_deref(), Some("true"));
    assert_eq!(b.text("[data-testid=result-count]").await, after);
    assert_eq!(card_ids(&b).await, ids);
    b.close().await;
}

/// Issue 16's bug: facet rows were keyed by (value, count, selected), so ticking a box
/// recreated its row and keyboard focus was lost.
#[tokio::test]
async fn a_ticked_facet_keeps_keyboard_focus() {
    let site = Site::start().await;
    let b = Browser::start().await;
    b.goto(&site.url("?q=panda")).await;
    wait_for_query(&b, "panda").await;
    let china = "[data-testid=facet-option][data-facet=origin][data-value=China]";
    b.click(china).await;
    b.find("[data-testid=clear-filters]").await;
    let focused = |checked: bool| {
        format!(
            "const e = document.activeElement; return !!e && e.matches('{china}') && e.checked === {checked} && e.isConnected"
        )
    };
    b.wait_until(&focused(true), "the ticked box keeps focus")
        .await;
    // Space unticks it from the keyboard, and focus still stays.
    b.client
        .active_element()
        .await
        .unwrap()
        .send_keys(" ")
        .await
        .unwrap();
    b.wait_until(
        &format!(
            "{} && !document.querySelector('[data-testid=clear-filters]')",
            focused(false).trim_end_matches(';')
        ),
        "unticked by keyboard, focus kept",
    )
    .await;
    b.close().await;
}

/// Issue 16: typing updates the results at once and the address only when typing pauses
/// (no history write per keystroke); leaving before the pause still gives the query its
/// history entry, and Back and Forward restore each state.
#[tokio::test]
async fn the_address_follows_typing_after_a_pause_and_back_restores_it() {
    let site = Site::start().await;
    let b = Browser::start().await;
    b.goto(&site.base).await;
    let input = b.find("[data-testid=search-input]").await;
    input.send_keys("turla").await.unwrap();
    wait_for_query(&b, "turla").await;
    b.wait_until(
        "return location.search === '?q=turla'",
        "the address follows after a pause",
    )
    .await;
    // Type on and press Enter at once, before any pause: the first result opens…
    input.send_keys(&Key::End.to_string()).await.unwrap();
    for _ in 0.."turla".len() {
        input.send_keys(&Key::Backspace.to_string()).await.unwrap();
    }
    input.send_keys("kimsuky").await.unwrap();
    input.send_keys(&Key::Enter.to_string()).await.unwrap();
    b.find("[data-testid=actor-page][data-actor-id=kimsuky]")
        .await;
    // …and Back returns to the query typed last, then to the one before.
    b.client.back().await.unwrap();
    wait_for_query(&b, "kimsuky").await;
    b.wait_until(
        "return location.search === '?q=kimsuky' && document.querySelector('[data-testid=search-input]').value === 'kimsuky'",
        "back to the typed query",
    )
    .await;
    b.client.forward().await.unwrap();
    b.find("[data-testid=actor-page][data-actor-id=kimsuky]")
        .await;
    b.client.back().await.unwrap();
    wait_for_query(&b, "kimsuky").await;
    b.close().await;
}

/// Issue 16: while the reader types, only the first cards are drawn (building cards below
/// the screen was most of a keystroke's cost); once typing pauses the page of 24 and "Show
/// more" follow with the address.
#[tokio::test]
async fn the_page_of_cards_fills_once_typing_pauses() {
    let site = Site::start().await;
    let b = Browser::start().await;
    b.goto(&site.base).await;
    b.find("[data-testid=search-input]")
        .await
        .send_keys("an")
        .await
        .unwrap();
    wait_for_query(&b, "an").await;
    b.wait_until(
        "return location.search === '?q=an' \
         && document.querySelectorAll('[data-testid=actor-card]').length === 24 \
         && !!document.querySelector('[data-testid=show-more]')",
        "a full page of cards and Show more once typing pauses",
    )
    .await;
    b.click("[data-testid=show-more]").await;
    b.wait_until(
        "return document.querySelectorAll('[data-testid=actor-card]').length === 48",
        "the next page of cards",
    )
    .await;
    b.assert_no_console_errors().await;
    b.close().await;
}

/// Review of issue 16's hot state: typed text was kept with the address it was typed over,
/// so coming back to an equal address (here the header's link home) brought the old text
/// back and the page stayed cut to the cards drawn while typing.
#[tokio::test]
async fn old_typing_does_not_come_back_with_an_equal_address() {
    let site = Site::start().await;
    let b = Browser::start().await;
    b.goto(&site.base).await;
    b.find("[data-testid=search-input]")
        .await
        .send_keys("an")
        .await
        .unwrap();
    wait_for_query(&b, "an").await;
    b.wait_until("return location.search === '?q=an'", "the address follows")
        .await;
    b.click(".site-header__brand").await;
    wait_for_query(&b, "").await;
    b.wait_until(
        "return location.search === '' \
         && document.getElementById('search-input').value === ''",
        "home with an empty search box",
    )
    .await;
    // Not typing: the whole first page of cards, not the few drawn while typing.
    b.wait_until(
        "return document.querySelectorAll('[data-testid=actor-card]').length === 24",
        "a full page of cards",
    )
    .await;
    b.assert_no_console_errors().await;
    b.close().await;
}

/// Review of issue 16's hot state: text typed just before Back was written, once typing
/// paused or the box was left, over the history entry Back had gone to.
#[tokio::test]
async fn typing_then_back_at_once_leaves_the_earlier_entry_as_it_was() {
    let site = Site::start().await;
    let b = Browser::start().await;
    b.goto(&site.url("?q=turla")).await;
    wait_for_query(&b, "turla").await;
    b.click("[data-testid=facet-option][data-facet=origin]")
        .await;
    b.find("[data-testid=clear-filters]").await;
    b.wait_until(
        "return location.search.startsWith('?q=turla&')",
        "the filter's own entry",
    )
    .await;
    // Type and go Back in one step, well inside the pause.
    b.client
        .execute(
            "const input = document.getElementById('search-input');
             input.focus();
             input.value = 'turlax';
             input.dispatchEvent(new Event('input', { bubbles: true }));
             history.back();",
            vec![],
        )
        .await
        .unwrap();
    b.wait_until(
        "return location.search === '?q=turla' \
         && !document.querySelector('[data-testid=clear-filters]') \
         && document.getElementById('search-input').value === 'turla'",
        "back on the entry before the filter, as it was",
    )
    .await;
    // Leaving the box writes what is pending at once: nothing, since it was typed in the
    // entry the reader has left.
    b.client
        .execute("document.getElementById('search-input').blur();", vec![])
        .await
        .unwrap();
    b.wait_until(
        "return document.activeElement !== document.getElementById('search-input')",
        "the box left",
    )
    .await;
    assert_eq!(
        b.client
            .execute("return location.search", vec![])
            .await
            .unwrap()
            .as_str(),
        Some("?q=turla")
    );
    b.client.forward().await.unwrap();
    b.find("[data-testid=clear-filters]").await;
    b.wait_until(
        "return location.search.startsWith('?q=turla&')",
        "the filter's entry, as it was",
    )
    .await;
    // Typed on again at once on the entry Back went to: that text is this entry's, and
    // reaches its address when the box is left.
    b.client
        .execute(
            "const input = document.getElementById('search-input');
             const type = q => { input.value = q; input.dispatchEvent(new Event('input', { bubbles: true })); };
             input.focus();
             type('turlaz');
             addEventListener('popstate', () => setTimeout(() => type('turlay'), 0), { once: true });
             history.back();",
            vec![],
        )
        .await
        .unwrap();
    b.wait_until(
        "return location.search === '?q=turla' \
         && document.getElementById('search-input').value === 'turlay'",
        "typing on after Back",
    )
    .await;
    b.client
        .execute("document.getElementById('search-input').blur();", vec![])
        .await
        .unwrap();
    b.wait_until(
        "return location.search === '?q=turlay'",
        "the text typed after Back in its own entry's address",
    )
    .await;
    b.assert_no_console_errors().await;
    b.close().await;
}

#[tokio::test]
async fn back_and_forward_restore_the_query() {
    let site = Site::start().await;
    let b = Browser::start().await;
    b.goto(&site.url("?q=turla")).await;
    wait_for_query(&b, "turla").await;
    b.click("[data-testid=facet-option][data-facet=origin]")
        .await;
    b.find("[data-testid=clear-filters]").await;
    b.click("[data-testid=actor-card] a").await;
    b.find("[data-testid=actor-page]").await;
    b.client.back().await.unwrap();
    wait_for_query(&b, "turla").await;
    b.find("[data-testid=clear-filters]").await;
    b.client.back().await.unwrap();
    wait_for_query(&b, "turla").await;
    // Waits for the facet to go (never a fixed pause that a slow app would pass).
    b.wait_until(
        "return !document.querySelector('[data-testid=clear-filters]')",
        "facet undone by back",
    )
    .await;
    let value = b
        .find("[data-testid=search-input]")
        .await
        .prop("value")
        .await
        .unwrap();
    assert_eq!(value.as_deref(), Some("turla"));
    b.client.forward().await.unwrap();
    b.find("[data-testid=clear-filters]").await;
    b.close().await;
}

#[tokio::test]
async fn keyboard_moves_through_results_and_opens_one() {
    let site = Site::start().await;
    let b = Browser::start().await;
    b.goto(&site.url("?q=apt2")).await;
    wait_for_query(&b, "apt2").await;
    let ids = card_ids(&b).await;
    // "/" focuses the box from elsewhere on the page.
    b.client
        .execute("document.activeElement.blur()", vec![])
        .await
        .unwrap();
    b.find("body").await.send_keys("/").await.unwrap();
    let input = b.find("[data-testid=search-input]").await;
    let focused = b
        .client
        .execute("return document.activeElement.id", vec![])
        .await
        .unwrap();
    assert_eq!(focused, "search-input");
    input
        .send_keys(&format!("{}{}", Key::Down, Key::Down))
        .await
        .unwrap();
    b.find("[data-testid=actor-card][data-active=true]").await;
    input.send_keys(&Key::Enter.to_string()).await.unwrap();
    let page = b.find("[data-testid=actor-page]").await;
    assert_eq!(
        page.attr("data-actor-id").await.unwrap().as_deref(),
        Some(ids[1].as_str())
    );
    b.close().await;
}

#[tokio::test]
async fn no_results_suggests_near_names() {
    let site = Site::start().await;
    let b = Browser::start().await;
    b.goto(&site.url("?q=Lazaarus%20Grp")).await;
    b.find("[data-testid=no-results]").await;
    let suggestions = b.text("[data-testid=no-results]").await;
    assert!(suggestions.contains("Lazarus"), "{suggestions}");
    b.close().await;
}

#[tokio::test]
async fn odd_queries_keep_the_page_working() {
    let site = Site::start().await;
    let b = Browser::start().await;
    let long = "x".repeat(10_000);
    b.goto(&site.url(&format!("?q={long}"))).await;
    b.find("[data-testid=no-results]").await;
    b.goto(&site.url("?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E%E2%80%AE%E2%80%8B"))
        .await;
    b.find("[data-testid=no-results]").await;
    assert!(b.find_all(".search script").await.is_empty());
    b.assert_no_console_errors().await;
    b.close().await;
}

#[tokio::test]
async fn phone_width_has_no_horizontal_scroll() {
    let site = Site::start().await;
    let b = Browser::start_with_size(360, 800).await;
    for path in ["?q=panda", "actor/apt27", "about"] {
        b.goto(&site.url(path)).await;
        b.find("main [data-testid]").await;
        // Measured after the next frame is laid out, not after a pause.
        b.client
            .execute_async(
                "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(done));",
                vec![],
            )
            .await
            .unwrap();
        let overflow = b
            .client
            .execute("return document.documentElement.scrollWidth - document.documentElement.clientWidth", vec![])
            .await
            .unwrap();
        assert_eq!(overflow.as_i64(), Some(0), "horizontal scroll on {path}");
    }
    b.close().await;
}

#[tokio::test]
async fn unknown_actor_id_suggests_near_matches() {
    let site = Site::start().await;
    let b = Browser::start().await;
    b.goto(&site.url("actor/apt-31")).await;
    b.find("[data-testid=unknown-actor]").await;
    let near = b
        .attrs(
            "[data-testid=unknown-actor] a[data-testid=suggestion]",
            "href",
        )
        .await;
    assert!(near.iter().any(|h| h.ends_with("/actor/apt31")), "{near:?}");
    b.close().await;
}

/// A facet with many values shows the first few and "Show all N"; opened, it lists all N,
/// and "Show fewer" folds it again.
#[tokio::test]
async fn a_long_facet_shows_all_its_values_and_folds_again() {
    let site = Site::start().await;
    let b = Browser::start().await;
    b.goto(&site.base).await;
    b.find("[data-testid=actor-card]").await;
    let facet = b
        .client
        .execute(
            "const f = [...document.querySelectorAll('[data-testid=facet]')].find(f => f.querySelector('.facet__more')); return f && f.dataset.facet",
            vec![],
        )
        .await
        .unwrap();
    let facet = facet
        .as_str()
        .expect("a facet long enough to fold")
        .to_string();
    let options = format!("[data-testid=facet][data-facet={facet}] [data-testid=facet-option]");
    let more = format!("[data-testid=facet][data-facet={facet}] .facet__more");
    let folded = b.find_all(&options).await.len();
    let label = b.text(&more).await;
    let total: usize = label
        .trim_start_matches("Show all ")
        .trim()
        .parse()
        .unwrap_or_else(|_| panic!("{label}"));
    assert!(folded < total, "{folded} of {total}");
    b.click(&more).await;
    b.wait_until(
        &format!("return document.querySelectorAll('{options}').length === {total}"),
        "every value listed",
    )
    .await;
    assert_eq!(
        b.find(&more)
            .await
            .attr("aria-expanded")
            .await
            .unwrap()
            .as_deref(),
        Some("true")
    );
    assert_eq!(b.text(&more).await, "Show fewer");
    b.click(&more).await;
    b.wait_until(
        &format!("return document.querySelectorAll('{options}').length === {folded}"),
        "folded again",
    )
    .await;
    b.close().await;
}
