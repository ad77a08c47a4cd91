use super::*;
use crate::search::SearchIndex;

const MISP_ACTORS: &str = include_str!("../../../../tests/fixtures/misp-threat-actor.json");
const MISP_PRODUCERS: &str = include_str!("../../../../tests/fixtures/misp-producer.json");
const STIX: &str = include_str!("../../../../tests/fixtures/stix-bundle.json");
const HOSTILE: &str = include_str!("../../../../tests/fixtures/hostile.json");

fn file<'a>(name: &'a str, text: &'a str) -> InputFile<'a> {
    InputFile { name, text }
}

#[test]
fn formats_are_detected_from_top_level_keys() {
    assert_eq!(detect(MISP_ACTORS), Ok(Format::MispThreatActors));
    assert_eq!(detect(MISP_PRODUCERS), Ok(Format::MispProducers));
    assert_eq!(detect(STIX), Ok(Format::StixBundle));
    assert_eq!(detect(HOSTILE), Ok(Format::Atlas));
    for bad in [
        "[]",
        "42",
        "{}",
        r#"{"type":"bundle"}"#,
        r#"{"objects":[]}"#,
    ] {
        assert!(
            matches!(detect(bad), Err(LoadError::NotADataset(_))),
            "{bad}"
        );
    }
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
