//! A STIX 2.1 bundle as a dataset: one actor per intrusion set, one event per dated campaign.
//!
//! Unlike `make data`, which joins ATT&CK groups onto MISP actors by name, an opened bundle is
//! taken as its author wrote it: two intrusion sets that share an alias stay two actors, and
//! the shared name shows up in the conflict view. Nothing is merged silently.
//!
//! A bundle may carry several versions of one object (same `id`); only the latest `modified`
//! counts, so a group revoked in a later version stays out. What this app's own export adds
//! (`x_threat_atlas_*`: date precision, origin, and the atlas id as an external reference) is
//! read back, so an exported bundle opens as the actors it came from.

use std::collections::HashMap;

use super::merge::{campaign_events, Builder};
use super::upstream::{StixBundle, StixObject};
use crate::countries;
use crate::model::{Dataset, DatasetInfo, Origin, Related, Source, SourceKind};
use crate::text::{clean_name, is_http_url};
use crate::{PartialDate, Warning, SCHEMA_VERSION};

/// The source id every fact of an opened bundle cites.
pub const STIX: &str = "stix-bundle";

/// STIX relationship types between intrusion sets that the atlas shows as related groups.
const GROUP_RELATIONS: &[&str] = &[
    "related-to",
    "derived-from",
    "duplicate-of",
    "part-of",
    "overlaps",
    "renamed-to",
    "disputed",
];

/// The latest version of every object, in file order of first appearance.
fn latest(bundle: &StixBundle) -> Vec<&StixObject> {
    let mut at: HashMap<&str, usize> = HashMap::new();
    let mut out: Vec<&StixObject> = Vec::new();
    for o in &bundle.objects {
        match at.get(o.id.as_str()) {
            Some(&i) => {
                if o.modified > out[i].modified {
                    out[i] = o;
                }
            }
            None => {
                at.insert(&o.id, out.len());
                out.push(o);
            }
        }
    }
    out
}

/// A STIX timestamp as a date, to the precision an `x_threat_atlas_*_precision` property
/// states, or else to the day.
fn date(stamp: Option<&str>, precision: Option<&str>) -> Option<PartialDate> {
    let len = match precision {
        Some("year") => 4,
        Some("month") => 7,
        _ => 10,
    };
    stamp
        .and_then(|s| s.get(..len))
        .and_then(|d| d.parse().ok())
}

/// The dataset, and notes for the reader about what the bundle held that was not read.
pub fn bundle_dataset(bundle: &StixBundle, file: &str) -> (Dataset, Vec<Warning>) {
    let objects = latest(bundle);
    let identities: HashMap<&str, &str> = objects
        .iter()
        .filter(|o| o.kind == "identity")
        .filter_map(|o| Some((o.id.as_str(), o.name.as_deref()?)))
        .collect();
    let author = |o: &StixObject| -> Option<String> {
        let name = identities.get(o.created_by_ref.as_deref()?)?;
        let name = clean_name(name);
        (!name.is_empty()).then_some(name)
    };
    let mut sets: Vec<&StixObject> = objects
        .iter()
        .copied()
        .filter(|o| o.kind == "intrusion-set" && o.active())
        .filter(|o| o.name.as_deref().is_some_and(|n| !clean_name(n).is_empty()))
        .collect();
    // The order in the file carries no meaning; ids do.
    crate::sort::sort_by(&mut sets, |a, b| {
        (a.attack_id(), &a.name, &a.id).cmp(&(b.attack_id(), &b.name, &b.id))
    });

    let mut b = Builder::new(&[]);
    let mut by_stix: HashMap<String, usize> = HashMap::new();
    for set in sets {
        let name = set.name.as_deref().unwrap_or_default();
        let own_id = set
            .external_references
            .iter()
            .find(|r| r.source_name == crate::export::SOURCE_NAME)
            .and_then(|r| r.external_id.as_deref());
        let i = b.new_actor_with_id(name, own_id, "stix", STIX);
        by_stix.insert(set.id.clone(), i);
        // The name is the bundle author's; an ATT&CK id is always MITRE's.
        if let Some((gid, _)) = set.attack_id() {
            let mitre = b.vendor("MITRE");
            b.add_alias(i, gid, Some(mitre), STIX);
        }
        let vendor = author(set).map(|a| b.vendor(&a));
        b.add_alias(i, name, vendor, STIX);
        for alias in &set.aliases {
            b.add_alias(i, alias, None, STIX);
        }
        let a = &mut b.actors[i];
        a.first_seen = date(
            set.first_seen.as_deref(),
            set.x_threat_atlas_first_seen_precision.as_deref(),
        );
        a.last_seen = date(
            set.last_seen.as_deref(),
            set.x_threat_atlas_last_seen_precision.as_deref(),
        )
        .filter(|l| a.first_seen.is_none_or(|f| *l >= f));
        if let Some(country) = set.x_threat_atlas_origin.as_deref().map(clean_name) {
            if !country.is_empty() {
                let country = countries::normalise(&country).to_string();
                a.origin = Some(Origin {
                    code: countries::code_for_name(&country).map(str::to_string),
                    country,
                    source: STIX.into(),
                    by_name: None,
                });
            }
        }
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
    for r in &objects {
        let (Some(kind), Some(src), Some(dst)) = (
            r.relationship_type.as_deref(),
            r.source_ref.as_deref(),
            r.target_ref.as_deref(),
        ) else {
            continue;
        };
        if r.kind != "relationship" || !r.active() || !GROUP_RELATIONS.contains(&kind) {
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
                    asserted_by: None,
                    since: None,
                    note: None,
                });
            }
        }
    }
    let relationships: Vec<&StixObject> = objects
        .iter()
        .copied()
        .filter(|o| o.kind == "relationship" && o.active())
        .collect();
    // Who attributes a campaign: the author of the `attributed-to` relationship, failing
    // that the author of the campaign; nobody when the bundle does not say.
    let attributed_by = |c: &StixObject| -> Vec<String> {
        let mut who: Vec<String> = relationships
            .iter()
            .filter(|r| {
                r.relationship_type.as_deref() == Some("attributed-to")
                    && r.source_ref.as_deref() == Some(c.id.as_str())
            })
            .filter_map(|r| author(r))
            .collect();
        if who.is_empty() {
            who.extend(author(c));
        }
        crate::sort::sort(&mut who);
        who.dedup();
        who
    };
    let mut events = campaign_events(&b, &by_stix, &objects, &relationships, &attributed_by);
    crate::sort::sort_by(&mut events, |x, y| {
        x.date.cmp(&y.date).then_with(|| x.id.cmp(&y.id))
    });

    let mut notes = Vec::new();
    let count = |kind: &str| objects.iter().filter(|o| o.kind == kind).count();
    let threat_actors = count("threat-actor");
    if by_stix.is_empty() && threat_actors > 0 {
        notes.push(Warning {
            at: "bundle".into(),
            message: format!(
                "it has no intrusion-set objects; its {threat_actors} threat-actor objects \
                 describe people or organisations behind groups, which the atlas does not show"
            ),
        });
    }
    let undated = objects
        .iter()
        .filter(|o| o.kind == "campaign" && o.active() && o.first_seen.is_none())
        .count();
    if undated > 0 {
        notes.push(Warning {
            at: "bundle".into(),
            message: format!("{undated} campaign(s) without first_seen were left off the timeline"),
        });
    }

    let mut actors = b.actors.clone();
    crate::sort::sort_by(&mut actors, |x, y| x.id.cmp(&y.id));
    let dataset = Dataset {
        schema: SCHEMA_VERSION,
        schemes: Vec::new(),
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
    };
    (dataset, notes)
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
