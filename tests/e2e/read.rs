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

/// Puts `text` into the story box as a paste would, with its input event.
pub(crate) async fn paste(b: &Browser, text: &str) {
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
    b.assert_no_sideways_scroll("the read page at 360 px").await;
    let violations = crate::accessibility::axe(&b).await;
    assert!(violations.is_empty(), "{violations:#?}");
    b.assert_no_console_errors().await;
    b.close().await;
}

/// A saved web page is read as text: what its head, scripts and styles hold is not, nothing
/// in it runs, and the groups its body names are listed; a PDF is refused with a reason.
#[tokio::test]
async fn a_chosen_html_file_is_read_as_text_never_as_a_page() {
    let site = Site::start().await;
    let b = Browser::start_with_size(360, 800).await;
    b.goto(&site.url("read")).await;
    b.find("[data-testid=story-file]").await;
    b.pick_files_into("story-file", &[crate::support::fixture("story.html")])
        .await;
    b.wait_for_text("[data-testid=story-file-status]", "Read “story.html”")
        .await;
    b.find("[data-testid=story-group][data-actor-id=apt31]")
        .await;
    let text = b.text("[data-testid=story-text]").await;
    assert!(
        text.contains("Judgment Panda") && text.contains("& nothing else"),
        "{text}"
    );
    for hidden in ["APT41", "APT40", "APT10", "onerror"] {
        assert!(!text.contains(hidden), "{hidden} was read: {text}");
    }
    let groups = b.attrs("[data-testid=story-group]", "data-actor-id").await;
    assert_eq!(groups, ["apt31", "apt27"], "in order of first mention");
    let pwned = b
        .client
        .execute("return document.body.dataset.pwned || null", vec![])
        .await
        .unwrap();
    assert!(pwned.is_null(), "the page's markup ran");
    // Another kind of file is refused, and what was read stays.
    let dir = std::env::temp_dir().join(format!("atlas-story-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let pdf = dir.join("report.pdf");
    std::fs::write(&pdf, "%PDF-1.7").unwrap();
    b.pick_files_into("story-file", &[pdf]).await;
    b.wait_for_text(
        "[data-testid=story-file-status]",
        "not a text, Markdown or HTML file",
    )
    .await;
    assert!(!b.find_all("[data-testid=story-group]").await.is_empty());
    b.assert_no_console_errors().await;
    b.close().await;
}

/// The who's-who downloads as CSV and JSON, without the story's text, and its groups open
/// side by side.
#[tokio::test]
async fn the_whos_who_downloads_and_its_groups_compare() {
    let site = Site::start().await;
    let b = Browser::start().await;
    b.goto(&site.url("read")).await;
    b.find("[data-testid=story-input]").await;
    paste(&b, BELGIAN_STORY).await;
    b.find("[data-testid=story-group][data-actor-id=gallium]")
        .await;
    let csv = b.download("story-export-csv").await;
    let mut lines = csv.lines();
    assert!(lines
        .next()
        .unwrap()
        .starts_with("\"group_id\",\"group\",\"origin\""));
    assert!(
        csv.contains("\"apt31\",\"APT31\",\"China\",\"Judgment Panda\""),
        "{csv}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&b.download("story-export-json").await).unwrap();
    let ids: Vec<&str> = json["groups"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|g| g["id"].as_str())
        .collect();
    assert!(
        ids.contains(&"apt27") && ids.contains(&"gallium"),
        "{ids:?}"
    );
    assert_eq!(json["unknown_names"][0]["name"], "APT99");
    assert!(
        !json.to_string().contains("ministries"),
        "the story's text is not exported"
    );
    // More than four groups: the first four, in order of mention, go to the comparison.
    let compare = b.find("[data-testid=story-compare]").await;
    assert!(compare
        .text()
        .await
        .unwrap()
        .starts_with("Compare the first 4"));
    compare.click().await.unwrap();
    b.find("[data-testid=compare-table]").await;
    let url = b.current_url().await;
    assert!(
        url.contains("/threat-atlas/compare?ids=apt27%2Capt30%2Capt31%2Cgallium"),
        "{url}"
    );
    b.assert_no_console_errors().await;
    b.close().await;
}

/// A file dropped on the story is read; dropped text is left to the text area.
#[tokio::test]
async fn a_dropped_file_is_read_and_dropped_text_is_left_alone() {
    let site = Site::start().await;
    let b = Browser::start().await;
    b.goto(&site.url("read")).await;
    b.find("[data-testid=story-drop]").await;
    let text_prevented = b
        .client
        .execute(
            "const zone = document.querySelector('[data-testid=story-drop]'); \
             const text = new DataTransfer(); text.setData('text/plain', 'APT31'); \
             const t = new DragEvent('drop', { dataTransfer: text, bubbles: true, cancelable: true }); \
             document.querySelector('[data-testid=story-input]').dispatchEvent(t); \
             const files = new DataTransfer(); \
             files.items.add(new File(['Officials named Judgment Panda.'], 'note.txt', { type: 'text/plain' })); \
             zone.dispatchEvent(new DragEvent('drop', { dataTransfer: files, bubbles: true, cancelable: true })); \
             return t.defaultPrevented;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        text_prevented.as_bool(),
        Some(false),
        "dropped text was blocked"
    );
    b.wait_for_text("[data-testid=story-file-status]", "Read “note.txt”")
        .await;
    b.find("[data-testid=story-group][data-actor-id=apt31]")
        .await;
    b.assert_no_console_errors().await;
    b.close().await;
}
