//! A story's who's-who out, as CSV (one row per name the story used) and as JSON (every
//! group with its names, the shared names with their candidates, the unknown names). The
//! story's own text is never in either file.

use serde_json::{json, Value};

use crate::crossref::push_csv_row;
use crate::story::{Story, WhoIs};
use crate::Catalog;

/// One row per name a group was called by in the story: the group, its origin, the name as
/// written, how often, who coined it and who uses it, what kind of name it is.
pub fn who_is_csv(who: &[WhoIs]) -> String {
    let mut out = String::new();
    let header = [
        "group_id",
        "group",
        "origin",
        "name_in_story",
        "times",
        "coined_by",
        "used_by",
        "kind",
        "may_not_mean_the_group",
        "also_shares_a_name",
    ]
    .map(String::from);
    push_csv_row(&mut out, &header);
    for w in who {
        for u in &w.used {
            let row = [
                w.id.clone(),
                w.name.clone(),
                w.origin.clone().unwrap_or_default(),
                u.written.clone(),
                u.count.to_string(),
                u.coined_by.clone().unwrap_or_default(),
                u.used_by.join("; "),
                u.kind.unwrap_or("group name").to_string(),
                yes_no(u.ordinary_word),
                yes_no(w.uncertain),
            ];
            push_csv_row(&mut out, &row);
        }
    }
    out
}

fn yes_no(b: bool) -> String {
    if b { "yes" } else { "no" }.to_string()
}

/// The whole reading as JSON: groups, shared names and unknown names.
pub fn who_is_json(catalog: &Catalog, story: &Story, who: &[WhoIs]) -> String {
    let groups: Vec<Value> = who
        .iter()
        .map(|w| {
            json!({
                "id": w.id,
                "name": w.name,
                "origin": w.origin,
                "names_used": w.used.iter().map(|u| json!({
                    "name": u.written,
                    "times": u.count,
                    "coined_by": u.coined_by,
                    "used_by": u.used_by,
                    "kind": u.kind.unwrap_or("group name"),
                    "may_not_mean_the_group": u.ordinary_word,
                })).collect::<Vec<_>>(),
                "other_names": w.other_names,
                "latest_government_actions": w.actions.iter().map(|(date, by, title)| json!({
                    "date": date, "by": by, "title": title,
                })).collect::<Vec<_>>(),
                "also_shares_a_name": w.uncertain,
            })
        })
        .collect();
    let id = |a: usize| catalog.actors()[a].id.clone();
    let shared: Vec<Value> = story
        .shared
        .iter()
        .map(|s| {
            json!({
                "name": s.written,
                "candidates": s.candidates.iter().map(|&a| id(a)).collect::<Vec<_>>(),
                "evidence": s.evidence.iter().map(|(a, names)| json!({
                    "group": id(*a), "names_in_story": names,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let unknown: Vec<Value> = story
        .unknown
        .iter()
        .map(|(name, vendor)| json!({ "name": name, "form_of": vendor }))
        .collect();
    let doc = json!({
        "dataset": catalog.dataset().info.version,
        "groups": groups,
        "shared_names": shared,
        "unknown_names": unknown,
    });
    serde_json::to_string_pretty(&doc).expect("JSON values always serialise")
}

#[cfg(test)]
mod tests {
    use super::*;

    const DATA: &str = r#"{"schema":1,"info":{"title":"t","version":"7"},
      "sources":[{"id":"s","name":"S","kind":"dataset"}],
      "vendors":[{"id":"v","name":"Vendor, Inc."}],
      "schemes":[{"vendor":"v","source":"s","forms":[{"pattern":"GRP#","meaning":"a group"}]}],
      "actors":[
        {"id":"a","name":"GRP1","aliases":[{"name":"Crimson Owl","vendor":"v","source":"s"},{"name":"Twin","source":"s"}],"origin":{"country":"Ruritania","source":"s"},"sources":["s"]},
        {"id":"b","name":"GRP2","aliases":[{"name":"Twin","source":"s"}],"sources":["s"]}]}"#;

    fn read(text: &str) -> (Catalog, Story, Vec<WhoIs>) {
        let (c, _) = crate::parse(DATA).unwrap();
        let index = crate::search::SearchIndex::new(&c);
        let story = crate::story::read(&c, &index, text);
        let who = crate::story::who_is(&c, &story);
        (c, story, who)
    }

    #[test]
    fn the_csv_has_a_row_per_name_used_and_quotes_what_needs_it() {
        let (_, _, who) = read("GRP1, also Crimson Owl, struck twice: GRP1. Twin was there.");
        let csv = who_is_csv(&who);
        let lines: Vec<&str> = csv.lines().collect();
        // Every field is quoted (`crossref::push_csv_row`); a comma stays inside its field.
        assert!(lines[0].starts_with(r#""group_id","group","origin","name_in_story","times""#));
        assert_eq!(lines.len(), 3, "{csv}");
        assert_eq!(
            lines[1],
            r#""a","GRP1","Ruritania","GRP1","2","Vendor, Inc.","","group name","no","yes""#
        );
        assert!(
            lines[2].starts_with(r#""a","GRP1","Ruritania","Crimson Owl","1","","Vendor, Inc.""#),
            "{}",
            lines[2]
        );
    }

    #[test]
    fn the_json_has_groups_shared_and_unknown_names_but_not_the_story() {
        let (c, story, who) = read("A secret memo: GRP1 and Twin, and GRP9.");
        let doc: Value = serde_json::from_str(&who_is_json(&c, &story, &who)).unwrap();
        assert_eq!(doc["dataset"], "7");
        assert_eq!(doc["groups"][0]["id"], "a");
        assert_eq!(doc["groups"][0]["names_used"][0]["name"], "GRP1");
        assert_eq!(doc["shared_names"][0]["name"], "Twin");
        assert_eq!(doc["shared_names"][0]["candidates"], json!(["a", "b"]));
        assert_eq!(doc["unknown_names"][0]["name"], "GRP9");
        assert!(!doc.to_string().contains("secret memo"));
    }
}
