use super::*;

fn catalog() -> Catalog {
    let json = r#"{"schema":1,"info":{"title":"t","version":"1","updated":"2026-11"},
      "sources":[{"id":"s","name":"Source S","kind":"dataset"},{"id":"gov","name":"A statement","kind":"document"}],
      "vendors":[{"id":"mitre","name":"MITRE"},{"id":"ms","name":"Microsoft"}],
      "actors":[
        {"id":"apt27","name":"APT27","aliases":[{"name":"APT27","source":"s"},{"name":"G0027","vendor":"mitre","source":"s"},
           {"name":"Linen Typhoon","vendor":"ms","source":"s"},{"name":"=HYPERLINK(\"x\")","source":"s"}],
         "origin":{"country":"China","code":"CN","source":"s"},"first_seen":"2010","last_seen":"2023-05",
         "refs":["https://attack.mitre.org/groups/G0027/"],"sources":["s"],
         "related":[{"id":"apt31","kind":"similar","source":"s"}]},
        {"id":"apt31","name":"APT31","sources":["s"],
         "related":[{"id":"lone","kind":"part-of","source":"gov","asserted_by":"A government","since":"2019-09","note":"Said so."}]},
        {"id":"lone","name":"Lone","sources":["s"]}],
      "events":[
        {"id":"both","date":"2022-07-18","kind":"government-attribution","title":"Both",
         "claims":[{"names_as_stated":"APT27, APT31","actors":["apt27","apt31"]}],"sources":["https://example.org/"]},
        {"id":"with-lone","date":"2021","kind":"campaign","title":"With lone",
         "claims":[{"names_as_stated":"APT27, Lone","actors":["apt27","lone"]}]}]}"#;
    crate::parse(json).unwrap().0
}

fn pick<'a>(c: &'a Catalog, ids: &[&str]) -> Vec<&'a Actor> {
    ids.iter().map(|id| c.actor(id).unwrap()).collect()
}

#[test]
fn csv_has_one_row_per_actor_with_vendors_and_dates_as_known() {
    let c = catalog();
    let csv = actors_csv(
        &c,
        &crate::refs::RefLinks::none(),
        &pick(&c, &["apt27", "apt31"]),
    );
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 3);
    assert!(lines[0].starts_with("\"id\",\"name\",\"origin\""));
    assert!(lines[1].contains("Linen Typhoon (Microsoft)"));
    assert!(lines[1].contains("\"2010\",\"2023-05\""));
}

#[test]
fn json_is_a_dataset_that_opens_again_without_warnings() {
    let c = catalog();
    let text = actors_json(
        &c,
        &crate::refs::RefLinks::none(),
        &pick(&c, &["apt27", "apt31"]),
    );
    let (back, warnings) = crate::parse(&text).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(back.actors().len(), 2);
    let events: Vec<&str> = back.events().iter().map(|e| e.id.as_str()).collect();
    assert_eq!(
        events,
        ["both"],
        "only events whose groups are all exported"
    );
    assert_eq!(back.dataset().sources.len(), 1, "only cited sources");
    // One actor alone: the related link to an actor left out goes too.
    let one = actors_json(&c, &crate::refs::RefLinks::none(), &pick(&c, &["apt27"]));
    let (back, warnings) = crate::parse(&one).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    assert!(back.actor("apt27").unwrap().related.is_empty());
}

#[test]
fn stix_bundle_meets_the_required_properties() {
    let c = catalog();
    let text = stix_bundle(
        &c,
        &crate::refs::RefLinks::none(),
        &pick(&c, &["apt27", "apt31", "lone"]),
    );
    let bundle: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(stix_check::problems(&bundle), Vec::<String>::new());
    let set = &bundle["objects"][0];
    assert_eq!(set["type"], "intrusion-set");
    assert_eq!(set["name"], "APT27");
    assert_eq!(set["first_seen"], "2010-01-01T00:00:00.000Z");
    assert_eq!(set["x_threat_atlas_first_seen_precision"], "year");
    assert_eq!(set["last_seen"], "2023-05-31T23:59:59.999Z");
    let aliases = set["aliases"].as_array().unwrap();
    assert!(aliases.iter().any(|a| a == "Linen Typhoon"));
    assert!(
        !aliases.iter().any(|a| a == "APT27"),
        "the name is not repeated"
    );
    let refs = set["external_references"].as_array().unwrap();
    assert!(refs
        .iter()
        .any(|r| r["source_name"] == "mitre-attack" && r["external_id"] == "G0027"));
    assert!(refs.iter().any(|r| r["source_name"] == "attack.mitre.org"));
    // No aliases, no dates: those properties are left out rather than empty.
    let lone = &bundle["objects"][2];
    assert!(lone.get("aliases").is_none() && lone.get("first_seen").is_none());
    // Relations between exported groups are relationship objects, with who says so.
    let rels: Vec<&Value> = bundle["objects"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["type"] == "relationship")
        .collect();
    assert_eq!(rels.len(), 2);
    let part = rels
        .iter()
        .find(|r| r["relationship_type"] == "part-of")
        .unwrap();
    assert_eq!(part["source_ref"], bundle["objects"][1]["id"]);
    assert_eq!(part["target_ref"], lone["id"]);
    assert_eq!(part["x_threat_atlas_asserted_by"], "A government");
    assert_eq!(part["start_time"], "2019-09-01T00:00:00.000Z");
    assert!(rels.iter().any(|r| r["relationship_type"] == "related-to"));
    // A relation to a group left out of the export is left out too.
    let one: Value = serde_json::from_str(&stix_bundle(
        &c,
        &crate::refs::RefLinks::none(),
        &pick(&c, &["apt31"]),
    ))
    .unwrap();
    assert!(!one["objects"]
        .as_array()
        .unwrap()
        .iter()
        .any(|o| o["type"] == "relationship"));
    let mut broken = bundle.clone();
    broken["objects"][3]["target_ref"] =
        json!("intrusion-set--00000000-0000-5000-8000-000000000000");
    assert!(stix_check::problems(&broken)
        .iter()
        .any(|p| p.contains("target_ref")));
}

#[test]
fn stix_ids_are_stable_uuid5_and_the_checker_catches_mistakes() {
    let c = catalog();
    let a = stix_bundle(&c, &crate::refs::RefLinks::none(), &pick(&c, &["apt27"]));
    let b = stix_bundle(&c, &crate::refs::RefLinks::none(), &pick(&c, &["apt27"]));
    assert_eq!(a, b);
    // RFC 9562's own example (appendix A.4): "www.example.com" in the DNS namespace.
    let dns = [
        0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30,
        0xc8,
    ];
    assert_eq!(
        super::uuid5_in(&dns, "www.example.com"),
        "2ed6657d-e927-568b-95e1-2665a8aea6a2"
    );
    // In this project's namespace, as Python's `uuid.uuid5` computes it independently.
    assert_eq!(uuid5("actor:apt27"), "d83f3a27-ae5c-5603-a21b-b5425d42fb63");
    let mut bundle: Value = serde_json::from_str(&a).unwrap();
    bundle["objects"][0]["spec_version"] = json!("2.0");
    bundle["objects"][0]["created"] = json!("yesterday");
    bundle["objects"][0]["aliases"] = json!([]);
    bundle["objects"][0]["external_references"][0] = json!({ "source_name": "x" });
    bundle["objects"][0]["Bad-Name"] = json!(1);
    bundle["id"] = json!("bundle--not-a-uuid");
    assert_eq!(stix_check::problems(&bundle).len(), 6);
}

#[test]
fn an_opened_stix_bundle_exports_back_to_stix() {
    let text = include_str!("../../../../tests/fixtures/stix-bundle.json");
    let opened = crate::import::open(&[crate::import::InputFile {
        name: "b.json",
        text,
    }])
    .unwrap();
    let c = &opened.catalog;
    let all: Vec<&Actor> = c.actors().iter().collect();
    let out: Value =
        serde_json::from_str(&stix_bundle(c, &crate::refs::RefLinks::none(), &all)).unwrap();
    assert!(stix_check::problems(&out).is_empty());
    assert_eq!(out["objects"].as_array().unwrap().len(), 2);
}
