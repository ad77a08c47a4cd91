//! Checks on the committed dataset and curated files. The first group needs nothing but the
//! repository; the last two need `../shared/reference` and skip, saying so, without it.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use atlas_core::{Catalog, EventKind};
use atlas_data::files::{self, Paths};
use atlas_data::{merge, stats};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn bundled() -> Catalog {
    let text = std::fs::read_to_string(root().join("public/data/atlas.json")).unwrap();
    let (catalog, warnings) = atlas_core::parse(&text).expect("the bundled dataset loads");
    assert!(
        warnings.is_empty(),
        "the bundled dataset must load cleanly: {warnings:#?}"
    );
    catalog
}

fn reference() -> Option<PathBuf> {
    let dir = root().join("../shared/reference");
    if dir.join("misp-galaxy/threat-actor.json").exists() {
        Some(dir)
    } else {
        eprintln!("skipped: {} is not present", dir.display());
        None
    }
}

fn has_alias(c: &Catalog, actor: &str, name: &str, vendor: &str) -> bool {
    c.actor(actor)
        .unwrap_or_else(|| panic!("no actor {actor}"))
        .aliases
        .iter()
        .any(|a| a.name == name && a.vendor.as_deref() == Some(vendor))
}

#[test]
fn bundled_dataset_validates_without_warnings() {
    // parse() checks schema, unique slug ids, known actors in events, dates, http(s) URLs and
    // non-empty names; any problem would be a warning.
    let c = bundled();
    assert_eq!(c.dataset().schema, atlas_core::SCHEMA_VERSION);
}

#[test]
fn the_reference_links_attach_without_warnings() {
    let c = bundled();
    assert!(
        c.actors().iter().all(|a| a.refs.is_empty()),
        "links live in refs.json"
    );
    let text = std::fs::read_to_string(root().join("public/data/refs.json")).unwrap();
    let warnings = c.attach_refs(&text).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    let apt31 = c.actor("apt31").unwrap();
    assert!(c.refs(apt31).len() >= 3);
    let with_links = c.actors().iter().filter(|a| !c.refs(a).is_empty()).count();
    assert!(with_links > 1_000, "{with_links}");
}

#[test]
fn meets_the_size_targets() {
    let s = stats::stats(&bundled());
    assert!(s.actors >= 1_090, "{s:?}");
    assert!(s.aliases_with_vendor >= 1_500, "{s:?}");
    assert!(s.government_attributions >= 40, "{s:?}");
    assert!(s.campaigns == 52, "{s:?}");
    assert!(s.events >= 90, "{s:?}");
    assert!(s.summaries >= 60, "{s:?}");
}

#[test]
fn apt27_carries_each_vendors_name() {
    let c = bundled();
    for (name, vendor) in [
        ("LuckyMouse", "kaspersky"),
        ("EMISSARY PANDA", "crowdstrike"),
        ("BRONZE UNION", "secureworks"),
        ("TG-3390", "secureworks"),
        ("G0027", "mitre"),
        ("Linen Typhoon", "microsoft"),
    ] {
        assert!(has_alias(&c, "apt27", name, vendor), "{name} ({vendor})");
    }
}

#[test]
fn gallium_carries_the_names_belgium_grouped_with_it() {
    let c = bundled();
    let gallium = c.actor("gallium").unwrap();
    for name in ["UNSC 2814", "SOFTCELL"] {
        let alias = gallium.aliases.iter().find(|a| a.name == name).expect(name);
        assert_eq!(alias.source, "be-statement-2022-07-18");
    }
}

#[test]
fn belgian_statement_keeps_its_two_groupings_and_the_denial() {
    let c = bundled();
    let e = c
        .events()
        .iter()
        .find(|e| e.id == "ev-2022-07-18-be-china")
        .unwrap();
    assert_eq!(e.date.to_string(), "2022-07-18");
    assert_eq!(e.claims.len(), 2);
    assert_eq!(e.claims[0].actors, ["apt27", "apt30", "apt31"]);
    assert_eq!(e.claims[1].actors, ["gallium"]);
    assert!(e.claims[1]
        .names_as_stated
        .contains("UNSC 2814/GALLIUM/SOFTCELL"));
    assert!(e
        .responses
        .iter()
        .any(|r| r.kind == "denial" && r.party.contains("China")));
}

#[test]
fn government_events_are_sourced_and_dated_honestly() {
    let c = bundled();
    let mut ids = HashSet::new();
    for e in c.events() {
        assert!(ids.insert(&e.id));
        if e.kind != EventKind::Campaign {
            assert!(!e.sources.is_empty(), "{} has no source", e.id);
        }
    }
    // The fact table gives three dates to the month only; they must stay that way.
    let month_only = c
        .events()
        .iter()
        .filter(|e| {
            e.kind != EventKind::Campaign && e.date.precision() == atlas_core::Precision::Month
        })
        .count();
    assert!(
        month_only >= 1,
        "month-precision dates must not be made precise"
    );
}

#[test]
fn make_data_reproduces_the_committed_files() {
    let Some(reference) = reference() else { return };
    let paths = Paths {
        reference,
        data: root().join("data"),
        dataset: root().join("public/data/atlas.json"),
        review: root().join("data/review.md"),
    };
    let output = merge::merge(files::read_inputs(&paths).unwrap()).unwrap();
    for (path, text) in files::outputs(&paths, &output) {
        let committed = std::fs::read_to_string(&path).unwrap();
        assert!(
            committed == text,
            "{} is out of date: run `make data`",
            path.display()
        );
    }
}

#[test]
fn no_project_text_copies_upstream_descriptions() {
    let Some(reference) = reference() else { return };
    let shingles = upstream_shingles(&reference);
    let c = bundled();
    let mut texts: Vec<(String, String)> = Vec::new();
    for a in c.actors() {
        if let Some(s) = &a.summary {
            texts.push((format!("summary of {}", a.id), s.clone()));
        }
    }
    for e in c.events() {
        let mut t = e.title.clone();
        if let Some(n) = &e.note {
            t.push(' ');
            t.push_str(n);
        }
        texts.push((format!("event {}", e.id), t));
    }
    let copied: Vec<String> = texts
        .iter()
        .filter(|(_, t)| windows(t).any(|w| shingles.contains(&w)))
        .map(|(what, _)| what.clone())
        .collect();
    assert!(
        copied.is_empty(),
        "these share 8-word runs with upstream prose: {copied:#?}"
    );
}

const RUN: usize = 8;

fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

fn windows(text: &str) -> impl Iterator<Item = String> {
    let w = words(text);
    (0..w.len().saturating_sub(RUN - 1))
        .map(move |i| w[i..i + RUN].join(" "))
        .collect::<Vec<_>>()
        .into_iter()
}

fn upstream_shingles(reference: &Path) -> HashSet<String> {
    let mut out = HashSet::new();
    let mut add = |file: &str, list: &str| {
        let text = std::fs::read_to_string(reference.join(file)).unwrap();
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        for item in json[list].as_array().into_iter().flatten() {
            if let Some(d) = item["description"].as_str() {
                out.extend(windows(d));
            }
        }
    };
    add("misp-galaxy/threat-actor.json", "values");
    add("misp-galaxy/microsoft-activity-group.json", "values");
    add("misp-galaxy/mitre-intrusion-set.json", "values");
    add("mitre-attack/enterprise-intrusion-sets.json", "objects");
    add("mitre-attack/enterprise-campaigns.json", "objects");
    out
}
