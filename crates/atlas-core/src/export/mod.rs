//! A set of actors out, as CSV, as JSON (this app's own schema, so an export can be opened
//! again) and as a STIX 2.1 bundle. The views pick the actors — the search results, one
//! actor, a comparison — and the browser turns the text into a download.
//!
//! Pure and deterministic: STIX ids are UUIDv5 derived from the actor ids, and `created` /
//! `modified` are the dataset's own date (`info.updated`), so exporting the same dataset
//! twice gives the same objects — STIX forbids one id with two `created` values.

use std::collections::BTreeSet;

use serde_json::{json, Map, Value};

use crate::crossref::push_csv_row;
use crate::model::{Actor, Dataset};
use crate::refs::RefLinks;
use crate::{Catalog, PartialDate};

/// The namespace for this project's UUIDv5 ids (a random v4 UUID, fixed once).
const NAMESPACE: [u8; 16] = [
    0x3b, 0x1e, 0x6f, 0x52, 0x9c, 0x4a, 0x4d, 0x2e, 0x8f, 0x0b, 0x6a, 0x71, 0xd4, 0x35, 0xc2, 0x9e,
];

/// Where the atlas's own pages are cited from in a STIX bundle.
pub const SOURCE_NAME: &str = "threat-atlas";

/// One row per actor: id, name, origin, sponsor, first and last seen (as precise as known),
/// every name as "name (vendor)", motivations, sectors, sources and reference links.
pub fn actors_csv(catalog: &Catalog, links: &RefLinks, actors: &[&Actor]) -> String {
    let mut out = String::new();
    let header = [
        "id",
        "name",
        "origin",
        "sponsor",
        "first_seen",
        "last_seen",
        "names",
        "motivations",
        "sectors",
        "sources",
        "references",
    ]
    .map(String::from);
    push_csv_row(&mut out, &header);
    for a in actors {
        let names: Vec<String> = a
            .aliases
            .iter()
            .map(
                |x| match x.vendor.as_deref().and_then(|v| catalog.vendor(v)) {
                    Some(v) => format!("{} ({})", x.name, v.name),
                    None => x.name.clone(),
                },
            )
            .collect();
        let row = [
            a.id.clone(),
            a.name.clone(),
            a.origin
                .as_ref()
                .map(|o| o.country.clone())
                .unwrap_or_default(),
            a.sponsor
                .as_ref()
                .map(|s| s.name.clone())
                .unwrap_or_default(),
            a.first_seen.map(|d| d.to_string()).unwrap_or_default(),
            a.last_seen.map(|d| d.to_string()).unwrap_or_default(),
            names.join("; "),
            a.motivations.join("; "),
            a.sectors.join("; "),
            source_names(catalog, a).join("; "),
            links.of(a).join(" "),
        ];
        push_csv_row(&mut out, &row);
    }
    out
}

fn source_names(catalog: &Catalog, a: &Actor) -> Vec<String> {
    let ids: BTreeSet<&str> = a
        .sources
        .iter()
        .map(String::as_str)
        .chain(a.aliases.iter().map(|x| x.source.as_str()))
        .collect();
    ids.into_iter()
        .map(|id| {
            catalog
                .source(id)
                .map_or_else(|| id.to_string(), |s| s.name.clone())
        })
        .collect()
}

/// A Threat Atlas dataset (schema 1) holding these actors, the sources and vendors they cite,
/// and the events whose every named group is among them — so "Open dataset…" can read it
/// back without a warning.
pub fn actors_json(catalog: &Catalog, links: &RefLinks, actors: &[&Actor]) -> String {
    let d = catalog.dataset();
    let ids: BTreeSet<&str> = actors.iter().map(|a| a.id.as_str()).collect();
    let mut cited_sources = BTreeSet::new();
    let mut cited_vendors = BTreeSet::new();
    let mut kept: Vec<Actor> = Vec::with_capacity(actors.len());
    for a in actors {
        // Links the bundled atlas keeps apart go back inline: the file stands alone.
        let refs = links.of(a).to_vec();
        let mut a = (*a).clone();
        a.refs = refs;
        a.related.retain(|r| ids.contains(r.id.as_str()));
        cited_sources.extend(a.sources.iter().cloned());
        for x in &a.aliases {
            cited_sources.insert(x.source.clone());
            cited_vendors.extend(x.vendor.iter().cloned());
        }
        cited_sources.extend(a.origin.iter().map(|o| o.source.clone()));
        cited_sources.extend(a.sponsor.iter().map(|s| s.source.clone()));
        cited_sources.extend(a.related.iter().map(|r| r.source.clone()));
        kept.push(a);
    }
    let events = d
        .events
        .iter()
        .filter(|e| {
            let named: Vec<&String> = e.claims.iter().flat_map(|c| &c.actors).collect();
            !named.is_empty() && named.iter().all(|id| ids.contains(id.as_str()))
        })
        .cloned()
        .collect();
    let out = Dataset {
        schema: crate::SCHEMA_VERSION,
        info: d.info.clone(),
        sources: d
            .sources
            .iter()
            .filter(|s| cited_sources.contains(&s.id))
            .cloned()
            .collect(),
        vendors: d
            .vendors
            .iter()
            .filter(|v| cited_vendors.contains(&v.id))
            .cloned()
            .collect(),
        actors: kept,
        events,
        schemes: d.schemes.clone(),
    };
    serde_json::to_string_pretty(&out).expect("a dataset always serialises")
}

/// A STIX 2.1 bundle with one `intrusion-set` per actor: name, aliases, first and last seen
/// where known (with the precision the atlas knows them to, in a custom property, since STIX
/// timestamps are always to the second), and external references — the atlas's own id, the
/// ATT&CK id where one is known, and every reference link. Objects are dated by the
/// dataset's `updated` date, or 1970-01-01 when it has none.
pub fn stix_bundle(catalog: &Catalog, links: &RefLinks, actors: &[&Actor]) -> String {
    let info = &catalog.dataset().info;
    let stamp = info
        .updated
        .map(|d| timestamp(d, false))
        .unwrap_or_else(|| "1970-01-01T00:00:00.000Z".to_string());
    let now = stamp.as_str();
    let mut objects = Vec::with_capacity(actors.len());
    let mut ids = Vec::with_capacity(actors.len());
    for a in actors {
        let id = format!("intrusion-set--{}", uuid5(&format!("actor:{}", a.id)));
        ids.push(id.clone());
        let mut o = Map::new();
        o.insert("type".into(), json!("intrusion-set"));
        o.insert("spec_version".into(), json!("2.1"));
        o.insert("id".into(), json!(id));
        o.insert("created".into(), json!(now));
        o.insert("modified".into(), json!(now));
        o.insert("name".into(), json!(a.name));
        let mut aliases: Vec<&str> = Vec::new();
        for x in &a.aliases {
            if x.name != a.name && !aliases.contains(&x.name.as_str()) {
                aliases.push(&x.name);
            }
        }
        if !aliases.is_empty() {
            o.insert("aliases".into(), json!(aliases));
        }
        if let Some(d) = a.first_seen {
            o.insert("first_seen".into(), json!(timestamp(d, false)));
            o.insert(
                "x_threat_atlas_first_seen_precision".into(),
                json!(d.precision().as_str()),
            );
        }
        if let Some(d) = a.last_seen {
            o.insert("last_seen".into(), json!(timestamp(d, true)));
            o.insert(
                "x_threat_atlas_last_seen_precision".into(),
                json!(d.precision().as_str()),
            );
        }
        if let Some(origin) = &a.origin {
            o.insert("x_threat_atlas_origin".into(), json!(origin.country));
        }
        let mut refs = vec![json!({ "source_name": SOURCE_NAME, "external_id": a.id })];
        for x in &a.aliases {
            if x.vendor.as_deref() == Some("mitre") && is_attack_group_id(&x.name) {
                // The group's ATT&CK page, unless the references already carry it.
                let page = format!("/groups/{}", x.name);
                let mut r = json!({ "source_name": "mitre-attack", "external_id": x.name });
                if !links
                    .of(a)
                    .iter()
                    .any(|u| u.trim_end_matches('/').ends_with(&page))
                {
                    r["url"] = json!(format!("https://attack.mitre.org{page}/"));
                }
                refs.push(r);
            }
        }
        for url in links.of(a) {
            refs.push(json!({ "source_name": host(url), "url": url }));
        }
        o.insert("external_references".into(), Value::Array(refs));
        objects.push(Value::Object(o));
    }
    // Relations between the exported groups, as relationship objects: the atlas's kinds
    // (`part-of`, `overlaps`, `renamed-to`, `disputed`) as they are, upstream's as
    // `related-to`; who asserts each, since when, and its source kept.
    let position: std::collections::HashMap<&str, usize> = actors
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();
    for (i, a) in actors.iter().enumerate() {
        for r in &a.related {
            let Some(&j) = position.get(r.id.as_str()) else {
                continue;
            };
            let kind = match r.kind.as_str() {
                k @ ("part-of" | "overlaps" | "renamed-to" | "disputed") => k,
                _ => "related-to",
            };
            let mut o = Map::new();
            o.insert("type".into(), json!("relationship"));
            o.insert("spec_version".into(), json!("2.1"));
            o.insert(
                "id".into(),
                json!(format!(
                    "relationship--{}",
                    uuid5(&format!("relation:{}:{}:{}", a.id, r.kind, r.id))
                )),
            );
            o.insert("created".into(), json!(now));
            o.insert("modified".into(), json!(now));
            o.insert("relationship_type".into(), json!(kind));
            o.insert("source_ref".into(), json!(ids[i]));
            o.insert("target_ref".into(), json!(ids[j]));
            if let Some(note) = &r.note {
                o.insert("description".into(), json!(note));
            }
            if let Some(d) = r.since {
                o.insert("start_time".into(), json!(timestamp(d, false)));
                o.insert(
                    "x_threat_atlas_start_time_precision".into(),
                    json!(d.precision().as_str()),
                );
            }
            if let Some(who) = &r.asserted_by {
                o.insert("x_threat_atlas_asserted_by".into(), json!(who));
            }
            if let Some(url) = catalog.source(&r.source).and_then(|s| s.url.clone()) {
                o.insert(
                    "external_references".into(),
                    json!([{ "source_name": host(&url), "url": url }]),
                );
            }
            objects.push(Value::Object(o));
        }
    }
    let sources: Vec<String> = catalog
        .dataset()
        .sources
        .iter()
        .map(|s| s.id.clone())
        .collect();
    let bundle_id = format!(
        "bundle--{}",
        uuid5(&format!(
            "bundle:{now}:{}:{}",
            sources.join(","),
            ids.join(",")
        ))
    );
    serde_json::to_string_pretty(&json!({
        "type": "bundle",
        "id": bundle_id,
        "objects": objects,
    }))
    .expect("JSON values serialise")
}

pub(crate) fn is_attack_group_id(s: &str) -> bool {
    s.len() == 5 && s.starts_with('G') && s[1..].bytes().all(|b| b.is_ascii_digit())
}

fn host(url: &str) -> String {
    url.split_once("://")
        .map(|(_, rest)| rest.split(['/', '?', '#']).next().unwrap_or(rest))
        .filter(|h| !h.is_empty())
        .unwrap_or("reference")
        .to_ascii_lowercase()
}

/// The first (or last) second of the period a partial date stands for.
fn timestamp(d: PartialDate, end: bool) -> String {
    let ((y, m, day), (y2, m2, day2)) = d.bounds();
    if end {
        format!("{y2:04}-{m2:02}-{day2:02}T23:59:59.999Z")
    } else {
        format!("{y:04}-{m:02}-{day:02}T00:00:00.000Z")
    }
}

/// An RFC 9562 version 5 UUID (SHA-1, name-based) in this project's namespace.
pub fn uuid5(name: &str) -> String {
    uuid5_in(&NAMESPACE, name)
}

/// An RFC 9562 version 5 UUID of `name` in the namespace whose 16 bytes are `namespace`.
pub fn uuid5_in(namespace: &[u8; 16], name: &str) -> String {
    let mut h = sha1_smol::Sha1::new();
    h.update(namespace);
    h.update(name.as_bytes());
    let mut b = [0u8; 16];
    b.copy_from_slice(&h.digest().bytes()[..16]);
    b[6] = (b[6] & 0x0f) | 0x50;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

pub mod job;
pub mod stix_check;
pub mod story;

#[cfg(test)]
mod tests;
