//! Search over the bundled dataset: the queries a reader of a news story would type.

use atlas_core::search::SearchIndex;
use atlas_core::Catalog;

fn bundled() -> Catalog {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/data/atlas.json");
    atlas_core::parse(&std::fs::read_to_string(path).unwrap())
        .unwrap()
        .0
}

#[test]
fn first_hit_for_typical_queries() {
    let c = bundled();
    let idx = SearchIndex::new(&c);
    let cases = [
        ("LuckyMouse", "apt27"),
        ("Lucky Mouse", "apt27"),
        ("TG-3390", "apt27"),
        ("tg3390", "apt27"),
        ("Judgment Panda", "apt31"),
        ("violet typ", "apt31"),
        ("fancy baer", "apt28"),
        ("turlla", "turla"),
        ("Volt Tyhpoon", "volt-typhoon"),
        ("SeaTurtle", "sea-turtle"),
        ("APT 27", "apt27"),
        ("UNSC 2814", "gallium"),
    ];
    for (q, expected) in cases {
        let hits = idx.search(&c, q);
        let first = hits.first().map(|h| c.actors()[h.actor].id.as_str());
        assert_eq!(first, Some(expected), "query {q:?}");
    }
}

#[test]
fn grizzly_steppe_finds_apt28_and_apt29_as_a_report_title_not_a_shared_name() {
    let c = bundled();
    let idx = SearchIndex::new(&c);
    let hits = idx.search(&c, "Grizzly Steppe");
    let top: Vec<&str> = hits
        .iter()
        .take(2)
        .map(|h| c.actors()[h.actor].id.as_str())
        .collect();
    assert_eq!(top, ["apt28", "apt29"]);
    assert!(hits[..2]
        .iter()
        .all(|h| idx.matched(&c, h).is_some_and(|m| !m.shared)));
}

#[test]
fn matched_name_carries_its_vendor() {
    let c = bundled();
    let idx = SearchIndex::new(&c);
    let hit = &idx.search(&c, "LuckyMouse")[0];
    let m = idx.matched(&c, hit).unwrap();
    assert_eq!(
        (m.name.as_str(), m.vendor.as_deref()),
        ("LuckyMouse", Some("kaspersky"))
    );
}

#[test]
fn cross_reference_on_the_bundled_data() {
    use atlas_core::crossref;
    let c = bundled();
    let conflicts = crossref::conflicts(&c);
    // The names two different groups really carry (ATT&CK's own shared aliases among
    // them); duplicates of one group no longer show up here.
    assert!(
        (5..=20).contains(&conflicts.len()),
        "{} shared names",
        conflicts.len()
    );
    assert!(conflicts.iter().any(|x| x.key == "thrip"));
    let grizzly = crossref::lookup(&c, "Grizzly Steppe");
    let ids: Vec<&str> = grizzly
        .iter()
        .map(|s| c.actors()[s.actor].id.as_str())
        .collect();
    assert_eq!(ids, ["apt28", "apt29"]);
    let apt27 = c.actors().iter().position(|a| a.id == "apt27").unwrap();
    let names = |col: &str| -> Vec<String> {
        crossref::names_for(&c.actors()[apt27], col)
            .iter()
            .map(|a| a.name.clone())
            .collect()
    };
    assert!(names("kaspersky").contains(&"LuckyMouse".to_string()));
    assert!(names("crowdstrike").contains(&"EMISSARY PANDA".to_string()));
    assert!(names("secureworks").contains(&"BRONZE UNION".to_string()));
    assert!(names("mitre").contains(&"G0027".to_string()));
    assert!(names("microsoft").contains(&"Linen Typhoon".to_string()));
}
