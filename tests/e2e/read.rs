//! Issue 18: "Read a story". The stories here are written for these tests.

use crate::support::{Browser, Site};

/// A story written for this test about Belgium's statement of 18 July 2022.
const BELGIAN_STORY: &str = "Belgium says Chinese hackers targeted two ministries.\n\n\
On 18 July 2022 the Belgian government said intrusions at the FPS Interior were the work of \
APT27, APT 30 and Advanced Persistent Threat 31, a group that Microsoft calls Zirconium and \
CrowdStrike Judgment Panda. Defence, it said, was hit by UNSC 2814, which others know as \
GALLIUM or Softcell. A researcher added that a cluster called APT99 was unrelated, and that \
DarkSeoul tools resemble those of the Lazarus Group. <img src=x onerror=alert(1)> was in a \
leaked file.";

async fn paste(b: &Browser, text: &str) {
    b.client
        .execute(
            "const el = document.querySelector('[data-testid=story-input]'); el.value = arguments[0]; el.dispatchEvent(new Event('input', { bubbles: true }));",
            vec![serde_json::json!(text)],
        )
        .await
        .unwrap();
}

#[tokio::test]
async fn a_pasted_story_lists_each_group_with_the_names_it_used() {
    let site = Site::start().await;
    let b = Browser::start_with_size(360, 800).await;
    b.goto(&site.url("read")).await;
    b.find("[data-testid=story-input]").await;
    paste(&b, BELGIAN_STORY).await;
    b.find("[data-testid=story-group][data-actor-id=gallium]")
        .await;
    let groups = b.attrs("[data-testid=story-group]", "data-actor-id").await;
    for id in ["apt27", "apt30", "apt31", "gallium", "lazarus-group"] {
        assert!(groups.iter().any(|g| g == id), "{id} missing: {groups:?}");
    }
    let apt31 = b
        .text("[data-testid=story-group][data-actor-id=apt31]")
        .await;
    for name in [
        "Advanced Persistent Threat 31",
        "Zirconium",
        "Judgment Panda",
        "Microsoft",
        "CrowdStrike",
    ] {
        assert!(apt31.contains(name), "{name} missing: {apt31}");
    }
    let gallium = b
        .text("[data-testid=story-group][data-actor-id=gallium]")
        .await;
    assert!(gallium.contains("UNSC 2814") && gallium.contains("a government's designation"));
    // Each marked name is exactly the story's words.
    let marked: Vec<String> = {
        let mut v = Vec::new();
        for e in b.find_all("[data-testid=story-name]").await {
            v.push(e.text().await.unwrap());
        }
        v
    };
    for words in [
        "APT 30",
        "Advanced Persistent Threat 31",
        "UNSC 2814",
        "APT99",
    ] {
        assert!(
            marked.iter().any(|m| m == words),
            "{words} not marked: {marked:?}"
        );
    }
    // A shared name shows every candidate, and what else in the story names one of them.
    let shared = b.text("[data-testid=story-shared]").await;
    assert!(shared.contains("DarkSeoul"), "{shared}");
    let candidates = b.attrs("[data-testid=story-candidate]", "href").await;
    assert!(candidates.iter().any(|h| h.ends_with("/actor/andariel")));
    assert!(candidates
        .iter()
        .any(|h| h.ends_with("/actor/lazarus-group")));
    assert!(shared.contains("Lazarus Group"), "{shared}");
    // A group-like name the atlas does not know.
    let unknown = b.text("[data-testid=story-unknown]").await;
    assert!(unknown.contains("APT99"), "{unknown}");
    // Markup in the story stays text.
    let story = b.text("[data-testid=story-text]").await;
    assert!(story.contains("<img src=x onerror=alert(1)>"));
    assert!(b.find_all("[data-testid=story-text] img").await.is_empty());
    // The story never enters the address.
    assert!(b.current_url().await.ends_with("/threat-atlas/read"));
    // Nothing is wider than the phone's screen.
    let wide = b
        .client
        .execute(
            "return document.documentElement.scrollWidth <= window.innerWidth",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        wide.as_bool(),
        Some(true),
        "the page scrolls sideways at 360 px"
    );
    let violations = crate::accessibility::axe(&b).await;
    assert!(violations.is_empty(), "{violations:#?}");
    b.assert_no_console_errors().await;
    b.close().await;
}
