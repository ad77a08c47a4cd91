use super::*;
use crate::search::SearchIndex;

const MISP_ACTORS: &str = include_str!("../../../../tests/fixtures/misp-threat-actor.json");
const MISP_PRODUCERS: &str = include_str!("../../../../tests/fixtures/misp-producer.json");
const STIX: &str = include_str!("../../../../tests/fixtures/stix-bundle.json");
const HOSTILE: &str = include_str!("../../../../tests/fixtures/hostile.json");
const DISAGREEMENT: &str = include_str!("../../../../tests/fixtures/naming-disagreement.json");

fn file<'a>(name: &'a str, text: &'a str) -> InputFile<'a> {
    InputFile { name, text }
}

#[test]
fn formats_are_detected_from_top_level_keys() {
    assert_eq!(detect(MISP_ACTORS), Ok(Format::MispThreatActors));
    assert_eq!(detect(MISP_PRODUCERS), Ok(Format::MispProducers));
    assert_eq!(detect(STIX), Ok(Format::StixBundle));
    assert_eq!(detect(HOSTILE), Ok(Format::Atlas));
    for bad in ["[]", "42"] {
        assert!(
            matches!(detect(bad), Err(LoadError::NotADataset(_))),
            "{bad}"
        );
    }
    for bad in ["{}", r#"{"type":"bundle"}"#, r#"{"objects":[]}"#] {
        let e = detect(bad).unwrap_err();
        assert!(
            e.to_string().starts_with("This file is in no format"),
            "{e}"
        );
    }
    // A MISP cluster of tools is not a cluster of groups; clusters of groups are.
    let e = detect(r#"{"type":"tool","values":[]}"#).unwrap_err();
    assert!(e.to_string().contains("of type “tool”"), "{e}");
    assert_eq!(
        detect(r#"{"type":"mitre-intrusion-set","values":[]}"#),
        Ok(Format::MispThreatActors)
    );
    assert!(matches!(detect("{"), Err(LoadError::NotJson { .. })));
    assert_eq!(detect("  "), Err(LoadError::Empty));
}

#[test]
fn a_misp_cluster_opens_with_vendor_names_from_the_producers() {
    let opened = open(&[
        file("threat-actor.json", MISP_ACTORS),
        file("producer.json", MISP_PRODUCERS),
    ])
    .unwrap();
    assert_eq!(opened.format, Format::MispThreatActors);
    assert!(opened.warnings.is_empty(), "{:?}", opened.warnings);
    assert_eq!(
        opened.label,
        "threat-actor.json (MISP galaxy threat-actor cluster) with producer.json"
    );
    let c = &opened.catalog;
    assert_eq!(c.actors().len(), 3);
    let apt27 = c.actor("apt27").unwrap();
    assert_eq!(apt27.origin.as_ref().unwrap().country, "China");
    assert_eq!(apt27.first_seen.unwrap().to_string(), "2010");
    let panda = apt27
        .aliases
        .iter()
        .find(|a| a.name == "Emissary Panda")
        .unwrap();
    assert_eq!(panda.vendor.as_deref(), Some("crowdstrike"));
    // Non-http links never make it in.
    assert_eq!(apt27.refs, vec!["https://attack.mitre.org/groups/G0027/"]);
    assert_eq!(apt27.related[0].id, "apt31");
    // The shared name stays on both actors.
    let search = SearchIndex::new(c);
    let hits = search.search(c, "TG-3390");
    let found: Vec<&str> = hits
        .iter()
        .map(|h| c.actors()[h.actor].id.as_str())
        .collect();
    assert!(
        found.contains(&"apt27") && found.contains(&"shared-name-group"),
        "{found:?}"
    );
}

#[test]
fn a_misp_cluster_opens_without_producers_and_files_come_in_any_order() {
    let alone = open(&[file("ta.json", MISP_ACTORS)]).unwrap();
    let panda = &alone.catalog.actor("apt27").unwrap().aliases;
    assert!(panda
        .iter()
        .any(|a| a.name == "Emissary Panda" && a.vendor.is_none()));
    let swapped = open(&[file("p.json", MISP_PRODUCERS), file("ta.json", MISP_ACTORS)]).unwrap();
    assert_eq!(swapped.catalog.actors().len(), 3);
}

#[test]
fn a_producer_cluster_alone_or_two_main_files_are_refused_with_a_reason() {
    let e = open(&[file("producer.json", MISP_PRODUCERS)]).unwrap_err();
    assert!(e.to_string().contains("threat-actor cluster"), "{e}");
    let e = open(&[file("a.json", MISP_ACTORS), file("b.json", STIX)]).unwrap_err();
    assert!(e.to_string().contains("one dataset at a time"), "{e}");
    let e = open(&[file("s.json", STIX), file("p.json", MISP_PRODUCERS)]).unwrap_err();
    assert!(e.to_string().contains("producer"), "{e}");
    assert_eq!(open(&[]).unwrap_err(), LoadError::Empty);
    // With two files, a broken one is named.
    let e = open(&[
        file("ta.json", MISP_ACTORS),
        file("/x/p.json", "{\"type\":\"producer\",\"values\":[{}]}"),
    ])
    .unwrap_err();
    assert!(
        e.to_string()
            .starts_with("“p.json”: The dataset has the wrong shape"),
        "{e}"
    );
}

#[test]
fn a_stix_bundle_opens_as_intrusion_sets_and_campaigns() {
    let opened = open(&[file("bundle.json", STIX)]).unwrap();
    assert_eq!(opened.format, Format::StixBundle);
    assert!(opened.warnings.is_empty(), "{:?}", opened.warnings);
    let c = &opened.catalog;
    let ids: Vec<&str> = c.actors().iter().map(|a| a.id.as_str()).collect();
    assert_eq!(
        ids,
        ["apt29", "volt-typhoon"],
        "the revoked set is left out"
    );
    let volt = c.actor("volt-typhoon").unwrap();
    assert_eq!(volt.first_seen.unwrap().to_string(), "2021-01-01");
    assert_eq!(volt.motivations, ["Organizational gain"]);
    assert_eq!(volt.refs.len(), 1, "the data: URL is dropped");
    let own = volt
        .aliases
        .iter()
        .find(|a| a.name == "Volt Typhoon")
        .unwrap();
    assert_eq!(own.vendor.as_deref(), Some("example-cert"));
    let apt29 = c.actor("apt29").unwrap();
    assert!(apt29
        .aliases
        .iter()
        .any(|a| a.name == "G0016" && a.vendor.as_deref() == Some("mitre")));
    let events = c.events_for("apt29");
    assert_eq!(events.len(), 1);
    let e = events[0];
    assert_eq!(e.title, "SolarWinds Compromise");
    assert_eq!(e.date.to_string(), "2019-08-01");
    assert_eq!(e.end.unwrap().to_string(), "2021-01-01");
    assert_eq!(e.attributed_by, ["Example CERT"]);
}

#[test]
fn an_app_dataset_opens_through_the_same_loader() {
    let opened = open(&[file("mine.json", HOSTILE)]).unwrap();
    assert_eq!(opened.format, Format::Atlas);
    // Duplicate id, impossible date, unknown actor, bad links: dropped and reported.
    assert!(opened.warnings.len() >= 4, "{:?}", opened.warnings);
    let evil = opened.catalog.actor("evil-group").unwrap();
    assert_eq!(evil.refs, ["https://example.org/ok"]);
}

#[test]
fn hostile_and_broken_input_is_refused_with_a_message() {
    let deep = "[".repeat(5000) + &"]".repeat(5000);
    for text in [deep.as_str(), &format!(r#"{{"values":{deep}}}"#)] {
        let e = open(&[file("deep.json", text)]).unwrap_err();
        assert!(
            matches!(
                e,
                LoadError::TooDeep(_) | LoadError::NotADataset(_) | LoadError::Shape { .. }
            ),
            "{e:?}"
        );
    }
    let deep_meta = format!(
        r#"{{"values":[{{"value":"x","meta":{{"k":{}1{}}}}}]}}"#,
        "[".repeat(500),
        "]".repeat(500)
    );
    assert!(matches!(
        open(&[file("d.json", &deep_meta)]),
        Err(LoadError::TooDeep(_))
    ));
    let wrong = r#"{"values":[{"value":42}]}"#;
    assert!(matches!(
        open(&[file("w.json", wrong)]),
        Err(LoadError::Shape { .. })
    ));
    let big = " ".repeat(crate::load::MAX_BYTES) + "{}";
    assert!(matches!(
        open(&[file("big.json", &big)]),
        Err(LoadError::TooLarge { .. })
    ));
}

#[test]
fn only_the_latest_version_of_a_stix_object_counts_and_each_campaign_has_its_own_author() {
    let bundle = r#"{"type":"bundle","id":"bundle--1","objects":[
      {"type":"identity","id":"identity--a","name":"CERT A"},
      {"type":"identity","id":"identity--b","name":"CERT B"},
      {"type":"intrusion-set","id":"intrusion-set--1","name":"Group One","modified":"2024-01-01T00:00:00Z"},
      {"type":"intrusion-set","id":"intrusion-set--1","name":"Group One","modified":"2024-06-01T00:00:00Z","aliases":["Later Name"]},
      {"type":"intrusion-set","id":"intrusion-set--2","name":"Gone","modified":"2024-01-01T00:00:00Z"},
      {"type":"intrusion-set","id":"intrusion-set--2","name":"Gone","modified":"2024-02-01T00:00:00Z","revoked":true},
      {"type":"campaign","id":"campaign--a","name":"Op A","created_by_ref":"identity--a","first_seen":"2023-01-02T00:00:00Z"},
      {"type":"campaign","id":"campaign--b","name":"Op B","first_seen":"2023-03-04T00:00:00Z"},
      {"type":"campaign","id":"campaign--c","name":"Op C"},
      {"type":"relationship","id":"relationship--1","relationship_type":"attributed-to","created_by_ref":"identity--b",
       "source_ref":"campaign--b","target_ref":"intrusion-set--1"}]}"#;
    let opened = open(&[file("b.json", bundle)]).unwrap();
    let c = &opened.catalog;
    let ids: Vec<&str> = c.actors().iter().map(|a| a.id.as_str()).collect();
    assert_eq!(
        ids,
        ["group-one"],
        "one actor per id; a later revocation wins"
    );
    assert!(c.actors()[0].aliases.iter().any(|a| a.name == "Later Name"));
    let by: Vec<(&str, &Vec<String>)> = c
        .events()
        .iter()
        .map(|e| (e.title.as_str(), &e.attributed_by))
        .collect();
    assert_eq!(by.len(), 2, "the undated campaign is left off");
    assert_eq!(by[0], ("Op A", &vec!["CERT A".to_string()]));
    assert_eq!(by[1], ("Op B", &vec!["CERT B".to_string()]));
    assert!(opened
        .warnings
        .iter()
        .any(|w| w.message.contains("without first_seen")));
}

#[test]
fn a_bundle_of_threat_actor_objects_says_why_it_shows_nothing() {
    let bundle = r#"{"type":"bundle","objects":[{"type":"threat-actor","id":"threat-actor--1","name":"X"}]}"#;
    let opened = open(&[file("b.json", bundle)]).unwrap();
    assert!(opened.catalog.actors().is_empty());
    assert!(opened.warnings[0]
        .message
        .contains("no intrusion-set objects"));
}

#[test]
fn this_apps_stix_export_opens_as_the_actors_it_came_from() {
    let text = r#"{"schema":1,"info":{"title":"t","version":"1","updated":"2026-11-28"},
      "sources":[{"id":"s","name":"S","kind":"dataset"}],
      "vendors":[{"id":"mitre","name":"MITRE"},{"id":"ms","name":"Microsoft"}],
      "actors":[{"id":"apt27","name":"APT27","first_seen":"2010","last_seen":"2023-05",
        "origin":{"country":"China","code":"CN","source":"s"},
        "aliases":[{"name":"G0027","vendor":"mitre","source":"s"},{"name":"Threat Group-3390","vendor":"mitre","source":"s"},
                   {"name":"Linen Typhoon","vendor":"ms","source":"s"}],"refs":["https://example.org/apt27"]},
        {"id":"odd-id-kept","name":"Some Group"}]}"#;
    let (c, _) = crate::parse(text).unwrap();
    let all: Vec<&crate::Actor> = c.actors().iter().collect();
    let stix = crate::export::stix_bundle(&c, &crate::refs::RefLinks::none(), &all);
    let back = open(&[file("export.stix.json", &stix)]).unwrap();
    assert!(back.warnings.is_empty(), "{:?}", back.warnings);
    let ids: Vec<&str> = back
        .catalog
        .actors()
        .iter()
        .map(|a| a.id.as_str())
        .collect();
    assert_eq!(ids, ["apt27", "odd-id-kept"]);
    let a = back.catalog.actor("apt27").unwrap();
    assert_eq!(a.first_seen.unwrap().to_string(), "2010", "precision kept");
    assert_eq!(a.last_seen.unwrap().to_string(), "2023-05");
    assert_eq!(a.origin.as_ref().unwrap().code.as_deref(), Some("CN"));
    assert!(a.refs.contains(&"https://example.org/apt27".to_string()));
    let g = a.aliases.iter().find(|x| x.name == "G0027").unwrap();
    assert_eq!(g.vendor.as_deref(), Some("mitre"));
    let own = a.aliases.iter().find(|x| x.name == "APT27").unwrap();
    assert_eq!(
        own.vendor, None,
        "the name is not MITRE's just because a G-id is there"
    );
}

#[test]
fn empty_clusters_and_bundles_open_as_empty_datasets() {
    for text in [r#"{"values":[]}"#, r#"{"type":"bundle","objects":[]}"#] {
        let opened = open(&[file("empty.json", text)]).unwrap();
        assert!(opened.catalog.actors().is_empty());
    }
}

#[test]
fn file_names_are_tidied_for_the_banner() {
    assert_eq!(
        short("C:\\Users\\me\\threat-actor.json"),
        "threat-actor.json"
    );
    assert_eq!(short("/tmp/a\u{202e}b.json"), "ab.json");
    assert_eq!(short(""), "unnamed file");
    assert_eq!(short(&"x".repeat(500)).chars().count(), 80);
}

#[test]
fn the_disagreement_fixture_opens_cleanly_with_two_readings() {
    let (c, warnings) = crate::parse(DISAGREEMENT).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    let a = c.actor("fixture-group").unwrap();
    let readings = crate::naming::origin_readings(&c.dataset().schemes, a);
    let mut countries: Vec<&str> = readings.iter().map(|r| r.country.as_str()).collect();
    countries.sort_unstable();
    assert_eq!(countries, ["China", "Russia"]);
    assert!(crate::naming::agreed_country(&readings).is_none());
    assert_eq!(a.summary_sources, ["fixture-notes"]);
}
