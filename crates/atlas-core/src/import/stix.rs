//! A STIX 2.1 bundle as a dataset: one actor per intrusion set, one event per dated campaign.
//!
//! Unlike `make data`, which joins ATT&CK groups onto MISP actors by name, an opened bundle is
//! taken as its author wrote it: two intrusion sets that share an alias stay two actors, and
//! the shared name shows up in the conflict view. Nothing is merged silently.

use std::collections::HashMap;

use super::merge::{campaign_events, Builder};
use super::upstream::{StixBundle, StixObject};
use crate::model::{Dataset, DatasetInfo, Related, Source, SourceKind};
use crate::text::{clean_name, is_http_url};
use crate::{PartialDate, SCHEMA_VERSION};

/// The source id every fact of an opened bundle cites.
pub const STIX: &str = "stix-bundle";

/// STIX relationship types between intrusion sets that the atlas shows as related groups.
const GROUP_RELATIONS: &[&str] = &["related-to", "derived-from", "duplicate-of"];

pub fn bundle_dataset(bundle: &StixBundle, file: &str) -> Dataset {
    let identities: HashMap<&str, &str> = bundle
        .objects
        .iter()
        .filter(|o| o.kind == "identity")
        .filter_map(|o| Some((o.id.as_str(), o.name.as_deref()?)))
        .collect();
    let author = |o: &StixObject| -> Option<String> {
        let name = identities.get(o.created_by_ref.as_deref()?)?;
        let name = clean_name(name);
        (!name.is_empty()).then_some(name)
    };
    let mut sets: Vec<&StixObject> = bundle
        .objects
        .iter()
        .filter(|o| o.kind == "intrusion-set" && o.active())
        .filter(|o| o.name.as_deref().is_some_and(|n| !clean_name(n).is_empty()))
        .collect();
    // The order in the file carries no meaning; ids do.
    sets.sort_by(|a, b| (a.attack_id(), &a.name, &a.id).cmp(&(b.attack_id(), &b.name, &b.id)));

    let mut b = Builder::new(&[]);
    let mut by_stix: HashMap<String, usize> = HashMap::new();
    for set in sets {
        let name = set.name.as_deref().unwrap_or_default();
        let i = b.new_actor(name, "stix", STIX);
        by_stix.entry(set.id.clone()).or_insert(i);
        // ATT&CK's own names are MITRE's; otherwise the name is the bundle author's.
        let vendor = match set.attack_id() {
            Some((gid, _)) => {
                let mitre = b.vendor("MITRE");
                b.add_alias(i, gid, Some(mitre.clone()), STIX);
                Some(mitre)
            }
            None => author(set).map(|a| b.vendor(&a)),
        };
        b.add_alias(i, name, vendor, STIX);
        for alias in &set.aliases {
            b.add_alias(i, alias, None, STIX);
        }
        let day = |s: &Option<String>| -> Option<PartialDate> {
            s.as_deref()
                .and_then(|s| s.get(..10))
                .and_then(|d| d.parse().ok())
        };
        let a = &mut b.actors[i];
        a.first_seen = day(&set.first_seen);
        a.last_seen = day(&set.last_seen).filter(|l| a.first_seen.is_none_or(|f| *l >= f));
        for m in set
            .primary_motivation
            .iter()
            .chain(&set.secondary_motivations)
        {
            let m = clean_name(&m.replace('-', " "));
            if !m.is_empty() && !a.motivations.iter().any(|x| x.eq_ignore_ascii_case(&m)) {
                a.motivations.push(capitalise(&m));
            }
        }
        for r in &set.external_references {
            if let Some(url) = r.url.as_deref().filter(|u| is_http_url(u)) {
                if !a.refs.iter().any(|x| x == url) {
                    a.refs.push(url.to_string());
                }
            }
        }
    }
    for r in &bundle.objects {
        let (Some(kind), Some(src), Some(dst)) = (
            r.relationship_type.as_deref(),
            r.source_ref.as_deref(),
            r.target_ref.as_deref(),
        ) else {
            continue;
        };
        if r.kind != "relationship" || !GROUP_RELATIONS.contains(&kind) {
            continue;
        }
        if let (Some(&i), Some(&j)) = (by_stix.get(src), by_stix.get(dst)) {
            let id = b.actors[j].id.clone();
            let a = &mut b.actors[i];
            if i != j && !a.related.iter().any(|x| x.id == id) {
                a.related.push(Related {
                    id,
                    kind: kind.to_string(),
                    source: STIX.into(),
                });
            }
        }
    }
    let authors: Vec<String> = {
        let mut v: Vec<String> = bundle
            .objects
            .iter()
            .filter(|o| o.kind == "campaign")
            .filter_map(&author)
            .collect();
        v.sort();
        v.dedup();
        v
    };
    let mut events = campaign_events(&b, &by_stix, &bundle.objects, &bundle.objects, &authors);
    // Two campaigns with one STIX id would collide; the loader would drop the second anyway.
    events.sort_by(|x, y| x.date.cmp(&y.date).then_with(|| x.id.cmp(&y.id)));
    let mut actors = b.actors.clone();
    actors.sort_by(|x, y| x.id.cmp(&y.id));
    Dataset {
        schema: SCHEMA_VERSION,
        info: DatasetInfo {
            title: file.to_string(),
            version: "opened file".into(),
            updated: None,
        },
        sources: vec![Source {
            id: STIX.into(),
            name: format!("{file} (STIX 2.1 bundle, opened on this device)"),
            kind: SourceKind::Dataset,
            url: None,
            licence: None,
            version: None,
            credit: None,
        }],
        vendors: b.sorted_vendors(),
        actors,
        events,
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
