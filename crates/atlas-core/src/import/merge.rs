//! The merge: upstream clusters and the project's curated files in, one dataset out.
//!
//! Pure: takes parsed inputs, returns the dataset and a review list, touches no files. The
//! rules (see issue 3 and docs/dataset.md):
//! - MISP galaxy actors are the base; their ids are slugs of their names.
//! - An ATT&CK group joins the MISP actor that carries its G-id; failing that, the one actor
//!   whose names match the group's names (compared with `name_key`). Several candidates and
//!   no way to choose: not merged, listed for review, and kept as an actor of its own.
//! - Microsoft's names join the same way, by name.
//! - Every alias keeps the vendor that uses it and the source that records it. A name on
//!   several actors stays on each: that is data for the conflict view, not an error.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::countries;
use crate::text::{clean_name, is_http_url, name_key};
use crate::{
    Actor, Alias, Catalog, Claim, Dataset, DatasetInfo, Event, EventKind, Origin, PartialDate,
    Related, Source, Sponsor, Vendor, SCHEMA_VERSION,
};
use serde::Deserialize;

use super::identity::{self, Identity, Upstream};
use super::upstream::{MicrosoftName, MispCluster, StixBundle, StixObject};
use crate::naming::Scheme;

pub const MISP: &str = "misp-galaxy";
pub const ATTACK: &str = "mitre-attack";
pub const MICROSOFT: &str = "microsoft-naming";

/// Everything the merge reads.
pub struct Inputs {
    pub misp: MispCluster,
    pub producers: MispCluster,
    pub attack_groups: StixBundle,
    pub attack_campaigns: StixBundle,
    pub attack_relationships: StixBundle,
    pub microsoft: Vec<MicrosoftName>,
    pub curated: Curated,
}

/// The project's own, human-edited files under `data/`.
pub struct Curated {
    pub info: DatasetInfo,
    pub sources: Vec<Source>,
    pub vendors: Vec<Vendor>,
    pub aliases: Vec<AliasAddition>,
    pub summaries: BTreeMap<String, CuratedSummary>,
    pub events: Vec<Event>,
    /// Identity decisions (`data/identity.json`).
    pub identity: Identity,
    /// Vendors' naming schemes (`data/naming-schemes.json`).
    pub schemes: Vec<Scheme>,
}

/// A summary written for this project, with what its facts rest on (`data/summaries.json`).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CuratedSummary {
    pub text: String,
    /// Ids of the record's sources, its reference URLs, or its events' source URLs.
    pub sources: Vec<String>,
}

/// A group no upstream file has, from one source.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CuratedActor {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub vendor: Option<String>,
    pub source: String,
    #[serde(default)]
    pub origin: Option<Origin>,
    #[serde(default)]
    pub motivations: Vec<String>,
    /// Other names the same source gives.
    #[serde(default)]
    pub names: Vec<String>,
}

/// A name upstream lacks, with the source that uses it.
#[derive(Clone, Debug, Deserialize)]
pub struct AliasAddition {
    pub actor: String,
    pub name: String,
    #[serde(default)]
    pub vendor: Option<String>,
    pub source: String,
}

pub struct Output {
    pub dataset: Dataset,
    /// Vendor credits the naming-scheme check or a curated credit changed.
    pub credit_fixes: usize,
    /// Lines for the merge review report: ambiguous joins and actors created from ATT&CK or
    /// Microsoft alone.
    pub review: Vec<String>,
}

/// Vendor names as upstream writes them → (id, display name). Only spelling is tidied;
/// Symantec's research is published on Broadcom's blog, so both map to Symantec.
const VENDOR_NAMES: &[(&str, &str, &str)] = &[
    ("Palo Alto", "palo-alto-networks", "Palo Alto Networks"),
    ("Google Cloud Blog", "google", "Google Threat Intelligence"),
    (
        "Cisco Talos Intelligence Group",
        "cisco-talos",
        "Cisco Talos",
    ),
    ("McAfee Labs", "mcafee", "McAfee"),
    ("Broadcom Blog", "symantec", "Symantec (Broadcom)"),
    ("Symantec", "symantec", "Symantec (Broadcom)"),
    ("BlackBerry Blog", "blackberry", "BlackBerry"),
    ("The MITRE Corporation", "mitre", "MITRE"),
];

/// Microsoft's earlier naming schemes: chemical elements (upper case), DEV-#### and
/// Storm-#### are Microsoft's own names, so they are credited to Microsoft.
use crate::naming::ELEMENTS;

/// MISP relation types that link two groups (others, like `uses`, point at tools).
const GROUP_RELATIONS: &[&str] = &[
    "similar",
    "overlaps",
    "linked-to",
    "part-of",
    "related-to",
    "associated-with",
];

/// A URL-safe id from a name: "Lazarus Group" → "lazarus-group".
pub fn slugify(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-')
        .chars()
        .take(80)
        .collect::<String>()
        .trim_end_matches('-')
        .to_string()
}

fn is_microsoft_name(name: &str) -> bool {
    let upper_word = name.chars().all(|c| c.is_ascii_uppercase());
    (upper_word && ELEMENTS.contains(&name))
        || ["DEV-", "Storm-"].iter().any(|p| {
            name.strip_prefix(p)
                .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
        })
}

pub(crate) struct Builder {
    pub(crate) actors: Vec<Actor>,
    ids: BTreeSet<String>,
    /// name_key of every name → indices of the actors carrying it.
    names: HashMap<String, BTreeSet<usize>>,
    vendors: BTreeMap<String, String>,
    pub(crate) review: Vec<String>,
}

impl Builder {
    pub(crate) fn new(curated_vendors: &[Vendor]) -> Builder {
        Builder {
            actors: Vec::new(),
            ids: BTreeSet::new(),
            names: HashMap::new(),
            vendors: curated_vendors
                .iter()
                .map(|v| (v.id.clone(), v.name.clone()))
                .collect(),
            review: Vec::new(),
        }
    }

    pub(crate) fn vendor(&mut self, upstream_name: &str) -> String {
        let (id, name) = VENDOR_NAMES
            .iter()
            .find(|(n, _, _)| *n == upstream_name)
            .map(|(_, id, name)| (id.to_string(), name.to_string()))
            .unwrap_or_else(|| (slugify(upstream_name), upstream_name.to_string()));
        self.vendors.entry(id.clone()).or_insert(name);
        id
    }

    pub(crate) fn new_actor(&mut self, name: &str, suffix: &str, source: &str) -> usize {
        self.new_actor_with_id(name, None, suffix, source)
    }

    /// Like `new_actor`, keeping `wanted` as the id when it is a free, valid slug (a file
    /// that this app exported carries its ids).
    pub(crate) fn new_actor_with_id(
        &mut self,
        name: &str,
        wanted: Option<&str>,
        suffix: &str,
        source: &str,
    ) -> usize {
        let mut id = match wanted {
            Some(w) if crate::text::is_slug(w) && !self.ids.contains(w) => w.to_string(),
            _ => slugify(name),
        };
        if id.is_empty() {
            id = "actor".into();
        }
        if self.ids.contains(&id) {
            id = format!("{id}-{suffix}");
        }
        let mut n = 2;
        let base = id.clone();
        while self.ids.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.ids.insert(id.clone());
        self.actors.push(Actor {
            id,
            name: clean_name(name),
            sources: vec![source.to_string()],
            ..Actor::default()
        });
        self.actors.len() - 1
    }

    /// Adds a name to an actor unless it is already there with the same vendor (compared
    /// ignoring case only, so a different written form such as "LuckyMouse" beside "Lucky
    /// Mouse" is kept). A name without a vendor is only added when the actor has no name
    /// with the same `name_key` at all.
    pub(crate) fn add_alias(
        &mut self,
        actor: usize,
        name: &str,
        vendor: Option<String>,
        source: &str,
    ) {
        let name = clean_name(name);
        let key = name_key(&name);
        if key.is_empty() {
            return;
        }
        let a = &mut self.actors[actor];
        let same = |x: &Alias| name_key(&x.name) == key;
        let exists = match &vendor {
            Some(v) => a
                .aliases
                .iter()
                .any(|x| x.name.eq_ignore_ascii_case(&name) && x.vendor.as_ref() == Some(v)),
            None => a.aliases.iter().any(same),
        };
        if exists {
            return;
        }
        // A vendor now known for a name recorded without one: credit it there.
        if let Some(v) = &vendor {
            if let Some(x) = a.aliases.iter_mut().find(|x| same(x) && x.vendor.is_none()) {
                x.vendor = Some(v.clone());
                x.source = source.to_string();
                return;
            }
        }
        a.aliases.push(Alias {
            name,
            vendor,
            source: source.to_string(),
            kind: crate::NameKind::Group,
            kind_source: None,
        });
        self.names.entry(key).or_default().insert(actor);
    }

    pub(crate) fn add_source(&mut self, actor: usize, source: &str) {
        let sources = &mut self.actors[actor].sources;
        if !sources.iter().any(|s| s == source) {
            sources.push(source.to_string());
        }
    }

    fn index_of(&self, id: &str) -> Option<usize> {
        self.actors.iter().position(|a| a.id == id)
    }

    /// Adds every actor of a MISP galaxy threat-actor cluster as a new actor, crediting the
    /// names that the producer cluster ties to a vendor. Returns MISP uuid → actor index.
    pub(crate) fn add_misp(
        &mut self,
        misp: &MispCluster,
        producers: &MispCluster,
    ) -> HashMap<String, usize> {
        let producer: HashMap<&str, &str> = producers
            .values
            .iter()
            .map(|p| (p.uuid.as_str(), p.value.as_str()))
            .collect();
        let mut by_uuid: HashMap<String, usize> = HashMap::new();
        let mut indices = Vec::with_capacity(misp.values.len());
        for v in &misp.values {
            let i = self.new_actor(&v.value, "misp", MISP);
            indices.push(i);
            if !v.uuid.is_empty() {
                by_uuid.entry(v.uuid.clone()).or_insert(i);
            }
            let mut vendors_of: BTreeMap<String, Vec<String>> = BTreeMap::new();
            let mut names = vec![v.value.clone()];
            names.extend(v.strings("synonyms"));
            for entry in v.strings("name-attribution") {
                if let Some((name, uuid)) = entry.rsplit_once(':') {
                    if let Some(p) = producer.get(uuid) {
                        let id = self.vendor(p);
                        vendors_of.entry(name_key(name)).or_default().push(id);
                        names.push(name.to_string());
                    }
                }
            }
            for (key, value) in &v.meta {
                if let (Some(name), Some(p)) = (key.strip_prefix("origin:"), value.as_str()) {
                    let id = self.vendor(p);
                    vendors_of.entry(name_key(name)).or_default().push(id);
                    names.push(name.to_string());
                }
            }
            for name in names {
                match vendors_of.get(&name_key(&name)) {
                    Some(vendors) => {
                        for vendor in vendors.clone() {
                            self.add_alias(i, &name, Some(vendor), MISP);
                        }
                    }
                    None => self.add_alias(i, &name, None, MISP),
                }
            }
            let a = &mut self.actors[i];
            if let Some(code) = v.meta.get("country").and_then(|c| c.as_str()) {
                if let Some(country) = countries::name_for_code(code) {
                    a.origin = Some(Origin {
                        country: country.into(),
                        code: Some(code.to_ascii_uppercase()),
                        source: MISP.into(),
                        by_name: None,
                    });
                }
            }
            if let Some(s) = v.strings("cfr-suspected-state-sponsor").first() {
                if !s.eq_ignore_ascii_case("unknown") && !s.trim().is_empty() {
                    a.sponsor = Some(Sponsor {
                        name: countries::normalise(s).to_string(),
                        source: MISP.into(),
                    });
                }
            }
            for m in v
                .strings("cfr-type-of-incident")
                .into_iter()
                .chain(v.strings("motive"))
            {
                push_unique(&mut a.motivations, m);
            }
            for s in v
                .strings("cfr-target-category")
                .into_iter()
                .chain(v.strings("targeted-sector"))
            {
                push_unique(&mut a.sectors, s);
            }
            for c in v
                .strings("cfr-suspected-victims")
                .into_iter()
                .chain(v.strings("suspected-victims"))
            {
                push_unique(&mut a.victims, countries::normalise(&c).to_string());
            }
            a.first_seen = v
                .strings("since")
                .first()
                .and_then(|s| s.parse::<PartialDate>().ok());
            if a.first_seen.is_none() {
                a.first_seen = v
                    .description
                    .as_deref()
                    .and_then(super::upstream::active_since);
            }
            a.first_seen_source = a.first_seen.map(|_| MISP.to_string());
            for r in v.strings("refs") {
                if is_http_url(&r) && !a.refs.contains(&r) {
                    a.refs.push(r);
                }
            }
        }
        for (v, &i) in misp.values.iter().zip(&indices) {
            for r in &v.related {
                if let Some(&j) = by_uuid.get(&r.dest_uuid) {
                    let kind = r.kind.as_str();
                    let id = self.actors[j].id.clone();
                    let a = &mut self.actors[i];
                    if GROUP_RELATIONS.contains(&kind)
                        && j != i
                        && !a.related.iter().any(|x| x.id == id)
                    {
                        a.related.push(Related {
                            id,
                            kind: kind.to_string(),
                            source: MISP.into(),
                            asserted_by: None,
                            since: None,
                            note: None,
                        });
                    }
                }
            }
        }
        by_uuid
    }

    /// The vendors met so far, ordered by name for the reader.
    pub(crate) fn sorted_vendors(&self) -> Vec<Vendor> {
        let mut vendors: Vec<Vendor> = self
            .vendors
            .iter()
            .map(|(id, name)| Vendor {
                id: id.clone(),
                name: name.clone(),
            })
            .collect();
        crate::sort::sort_by(&mut vendors, |x, y| {
            x.name
                .to_lowercase()
                .cmp(&y.name.to_lowercase())
                .then(x.id.cmp(&y.id))
        });
        vendors
    }
}

fn push_unique(list: &mut Vec<String>, item: String) {
    let item = clean_name(&item);
    if !item.is_empty() && !list.iter().any(|x| x.eq_ignore_ascii_case(&item)) {
        list.push(item);
    }
}

pub fn merge(inputs: Inputs) -> Result<Output, String> {
    let Inputs {
        misp,
        producers,
        attack_groups,
        attack_campaigns,
        attack_relationships,
        microsoft,
        curated,
    } = inputs;
    let mut b = Builder::new(&curated.vendors);

    // Every upstream record becomes an actor of its own first; `identity::group` then
    // decides which of them are one group.
    // 1. MISP galaxy.
    b.add_misp(&misp, &producers);
    let mut ups: Vec<(Upstream, Option<String>, Vec<String>)> =
        vec![(Upstream::Misp, None, Vec::new()); b.actors.len()];

    // 2. ATT&CK groups.
    let mitre = b.vendor("MITRE");
    let mut stix_record: HashMap<String, usize> = HashMap::new();
    let mut groups: Vec<&StixObject> = attack_groups
        .objects
        .iter()
        .filter(|o| o.kind == "intrusion-set" && o.active() && o.name.is_some())
        .collect();
    crate::sort::sort_by(&mut groups, |a, b| a.attack_id().cmp(&b.attack_id()));
    for g in groups {
        let name = g.name.as_deref().unwrap_or_default();
        let Some((gid, url)) = g.attack_id() else {
            continue;
        };
        let i = b.new_actor(name, "attack", ATTACK);
        ups.push((Upstream::Attack, Some(gid.to_string()), Vec::new()));
        stix_record.insert(g.id.clone(), i);
        b.add_alias(i, gid, Some(mitre.clone()), ATTACK);
        b.add_alias(i, name, Some(mitre.clone()), ATTACK);
        for alias in &g.aliases {
            b.add_alias(i, alias, None, ATTACK);
        }
        if let Some(url) = url.filter(|u| is_http_url(u)) {
            b.actors[i].refs.push(url.to_string());
        }
        if let Some(y) = g
            .description
            .as_deref()
            .and_then(super::upstream::active_since)
        {
            b.actors[i].first_seen = Some(y);
            b.actors[i].first_seen_source = Some(ATTACK.into());
        }
    }

    // 3. Microsoft's naming map.
    let ms = b.vendor("Microsoft");
    for row in &microsoft {
        let name = clean_name(&row.name);
        if name.is_empty() {
            continue;
        }
        let others: Vec<String> = row
            .other_names
            .split(',')
            .map(clean_name)
            .filter(|n| !n.is_empty())
            .collect();
        let i = b.new_actor(&name, "microsoft", MICROSOFT);
        ups.push((Upstream::Microsoft, None, others.clone()));
        b.add_alias(i, &name, Some(ms.clone()), MICROSOFT);
        for other in &others {
            let vendor = is_microsoft_name(other).then(|| ms.clone());
            b.add_alias(i, other, vendor, MICROSOFT);
        }
        let mut parts = row
            .origin
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty());
        let first = parts.next().unwrap_or("");
        let a = &mut b.actors[i];
        let country = countries::normalise(first);
        let is_country = countries::code_for_name(country).is_some() || first == "Korea";
        if is_country {
            a.origin = Some(Origin {
                country: country.to_string(),
                code: countries::code_for_name(country).map(str::to_string),
                source: MICROSOFT.into(),
                by_name: None,
            });
        } else if !first.is_empty() && first != "Group in development" {
            push_unique(&mut a.motivations, motivation(first));
        }
        for p in parts {
            push_unique(&mut a.motivations, motivation(p));
        }
    }

    // 4. Curated records: groups no upstream file has, each from a source.
    for c in &curated.identity.records {
        let i = b.new_actor_with_id(&c.name, Some(&c.id), "curated", &c.source);
        if b.actors[i].id != c.id {
            return Err(format!("data/identity.json: record id “{}” is taken", c.id));
        }
        ups.push((Upstream::Curated, None, Vec::new()));
        b.add_alias(i, &c.name, c.vendor.clone(), &c.source);
        for n in &c.names {
            b.add_alias(i, n, None, &c.source);
        }
        let a = &mut b.actors[i];
        a.origin = c.origin.clone();
        a.motivations = c.motivations.clone();
    }

    // 5. Curated names, applied to the groups after grouping (by a group's id or a former id
    //    of it), so they are never moved to another group or re-credited.
    let curated_names = curated.aliases.clone();

    let sources: HashMap<String, String> = curated
        .sources
        .iter()
        .map(|s| (s.id.clone(), s.name.clone()))
        .collect();
    let vendors_before = b.sorted_vendors();
    let records: Vec<identity::Record> = b
        .actors
        .drain(..)
        .zip(ups)
        .map(|(actor, (up, gid, others))| identity::Record {
            up,
            actor,
            gid,
            others,
        })
        .collect();
    let by_stix: Vec<(String, String)> = stix_record
        .iter()
        .map(|(stix, &i)| (stix.clone(), records[i].actor.id.clone()))
        .collect();
    let grouped = identity::group(records, &curated.identity, &curated.schemes, &|id| {
        sources.get(id).cloned().unwrap_or_else(|| id.to_string())
    })?;
    let resolve = |id: &str| -> String {
        grouped
            .renamed
            .get(id)
            .cloned()
            .unwrap_or_else(|| id.to_string())
    };
    let mut out = Builder::new(&curated.vendors);
    for v in &vendors_before {
        out.vendors.entry(v.id.clone()).or_insert(v.name.clone());
    }
    for a in grouped.actors {
        let i = out.new_actor_with_id(&a.name, Some(&a.id), "x", "x");
        debug_assert_eq!(out.actors[i].id, a.id);
        out.actors[i] = a;
    }
    out.review = grouped.review;
    let kinds = curated.identity.kinds_by_name();
    for add in &curated_names {
        let id = resolve(&add.actor);
        let i = out
            .index_of(&id)
            .ok_or_else(|| format!("data/aliases.json: unknown actor “{}”", add.actor))?;
        let before = out.actors[i].aliases.len();
        out.add_alias(i, &add.name, add.vendor.clone(), &add.source);
        out.add_source(i, &add.source);
        if out.actors[i].aliases.len() > before {
            if let Some(last) = out.actors[i].aliases.last_mut() {
                identity::classify(&curated.schemes, &kinds, last);
            }
        }
    }
    let mut b = out;

    // Origins read from vendors' naming schemes, where no source states one and every
    // vendor's country-coded name for the group agrees.
    for a in &mut b.actors {
        if a.origin.is_some() {
            continue;
        }
        let readings = crate::naming::origin_readings(&curated.schemes, a);
        if let Some(r) = crate::naming::agreed_country(&readings) {
            a.origin = Some(Origin {
                country: r.country.clone(),
                code: countries::code_for_name(&r.country).map(str::to_string),
                source: r.scheme.source.clone(),
                by_name: Some(r.name.clone()),
            });
        }
    }

    // 6. Summaries (keyed by an actor's id, or a former id of it).
    for (id, s) in &curated.summaries {
        let i = b
            .index_of(&resolve(id))
            .ok_or_else(|| format!("data/summaries.json: unknown actor “{id}”"))?;
        if b.actors[i].summary.is_none() || b.actors[i].id == *id {
            b.actors[i].summary = Some(s.text.trim().to_string());
            b.actors[i].summary_sources = s.sources.clone();
        }
    }

    // 7. Events: curated government events (their actors through former ids too), then
    //    ATT&CK campaigns.
    let mut events = curated.events.clone();
    for e in &mut events {
        for c in &mut e.claims {
            for id in &mut c.actors {
                let now = resolve(id);
                if b.index_of(&now).is_none() {
                    return Err(format!(
                        "data/government-events.json: event “{}” names unknown actor “{id}”",
                        e.id
                    ));
                }
                *id = now;
            }
            let mut seen = BTreeSet::new();
            c.actors.retain(|id| seen.insert(id.clone()));
        }
    }
    let by_stix: HashMap<String, usize> = by_stix
        .into_iter()
        .filter_map(|(stix, id)| b.index_of(&resolve(&id)).map(|i| (stix, i)))
        .collect();
    events.extend(campaign_events(
        &b,
        &by_stix,
        &attack_campaigns.objects.iter().collect::<Vec<_>>(),
        &attack_relationships.objects.iter().collect::<Vec<_>>(),
        &|_| Vec::new(),
    ));

    check_summary_sources(&b.actors, &events)?;

    let vendors = b.sorted_vendors();
    let mut actors = b.actors;
    crate::sort::sort_by(&mut actors, |x, y| x.id.cmp(&y.id));
    crate::sort::sort_by(&mut events, |x, y| {
        x.date.cmp(&y.date).then_with(|| x.id.cmp(&y.id))
    });
    let dataset = Dataset {
        schema: SCHEMA_VERSION,
        info: curated.info,
        sources: curated.sources,
        vendors,
        actors,
        events,
        schemes: curated.schemes.clone(),
    };
    // The output must load without a single warning: the tool fixes data, the app never has to.
    let (_, warnings) = Catalog::from_dataset(dataset.clone());
    if !warnings.is_empty() {
        let list: Vec<String> = warnings.iter().take(20).map(|w| format!("  {w}")).collect();
        return Err(format!(
            "the merged dataset does not validate ({} problems):\n{}",
            warnings.len(),
            list.join("\n")
        ));
    }
    let mut review = b.review;
    crate::sort::sort(&mut review);
    review.dedup();
    Ok(Output {
        dataset,
        review,
        credit_fixes: grouped.credit_fixes,
    })
}

/// Every summary rests on sources its record lists: the record's own source ids, its
/// reference URLs, or the source URLs of events that name it.
fn check_summary_sources(actors: &[Actor], events: &[Event]) -> Result<(), String> {
    let mut event_urls: HashMap<&str, BTreeSet<&str>> = HashMap::new();
    for e in events {
        for c in &e.claims {
            for id in &c.actors {
                event_urls
                    .entry(id.as_str())
                    .or_default()
                    .extend(e.sources.iter().map(String::as_str));
            }
        }
    }
    for a in actors.iter().filter(|a| a.summary.is_some()) {
        if a.summary_sources.is_empty() {
            return Err(format!(
                "data/summaries.json: the summary of “{}” lists no sources",
                a.id
            ));
        }
        for s in &a.summary_sources {
            let listed = a.sources.contains(s)
                || a.refs.contains(s)
                || event_urls
                    .get(a.id.as_str())
                    .is_some_and(|urls| urls.contains(s.as_str()));
            if !listed {
                return Err(format!(
                    "data/summaries.json: the summary of “{}” cites “{s}”, which its record does not list",
                    a.id
                ));
            }
        }
    }
    Ok(())
}

fn motivation(label: &str) -> String {
    match label {
        "Financially motivated" => "Financial gain".into(),
        other => other.to_string(),
    }
}

/// STIX campaigns as dated events, with the groups `attributed-to` relationships name.
/// ATT&CK records first and last seen to the month, so for its campaigns (those with an
/// ATT&CK id) that is the precision kept; other bundles keep the day their timestamps state.
/// `attributed_by` names who attributes a campaign of a bundle that is not ATT&CK.
pub(crate) fn campaign_events(
    b: &Builder,
    by_stix: &HashMap<String, usize>,
    campaigns: &[&StixObject],
    relationships: &[&StixObject],
    attributed_by: &dyn Fn(&StixObject) -> Vec<String>,
) -> Vec<Event> {
    let mut attributed: HashMap<&str, Vec<usize>> = HashMap::new();
    for r in relationships {
        if r.kind == "relationship" && r.relationship_type.as_deref() == Some("attributed-to") {
            if let (Some(src), Some(dst)) = (&r.source_ref, &r.target_ref) {
                if let Some(&i) = by_stix.get(dst) {
                    attributed.entry(src.as_str()).or_default().push(i);
                }
            }
        }
    }
    let stamp = |s: &Option<String>, len: usize| -> Option<PartialDate> {
        s.as_deref()
            .and_then(|s| s.get(..len))
            .and_then(|m| m.parse().ok())
    };
    let mut out = Vec::new();
    for c in campaigns {
        if c.kind != "campaign" || !c.active() {
            continue;
        }
        let Some(name) = &c.name else {
            continue;
        };
        let attack = c.attack_id();
        let len = if attack.is_some() { 7 } else { 10 };
        let Some(date) = stamp(&c.first_seen, len) else {
            continue;
        };
        let end = stamp(&c.last_seen, len).filter(|e| *e > date);
        let mut groups = attributed.get(c.id.as_str()).cloned().unwrap_or_default();
        crate::sort::sort(&mut groups);
        groups.dedup();
        let claims = if groups.is_empty() {
            Vec::new()
        } else {
            vec![Claim {
                names_as_stated: groups
                    .iter()
                    .map(|&i| b.actors[i].name.clone())
                    .collect::<Vec<_>>()
                    .join(", "),
                actors: groups.iter().map(|&i| b.actors[i].id.clone()).collect(),
                victim: None,
                note: None,
            }]
        };
        let event = match attack {
            Some((cid, url)) => Event {
                id: format!("attack-{}", cid.to_ascii_lowercase()),
                date,
                end,
                kind: EventKind::Campaign,
                title: format!("{name} (ATT&CK campaign {cid})"),
                attributed_by: vec!["MITRE ATT&CK".into()],
                claims,
                responses: Vec::new(),
                sources: url
                    .filter(|u| is_http_url(u))
                    .map(str::to_string)
                    .into_iter()
                    .collect(),
                note: Some(if groups.is_empty() {
                    "ATT&CK attributes this campaign to no group.".into()
                } else {
                    "Group as attributed by ATT&CK; dates to the month as ATT&CK records them."
                        .into()
                }),
            },
            None => Event {
                id: stix_slug(&c.id),
                date,
                end,
                kind: EventKind::Campaign,
                title: clean_name(name),
                attributed_by: attributed_by(c),
                claims,
                responses: Vec::new(),
                sources: c
                    .external_references
                    .iter()
                    .filter_map(|r| r.url.clone())
                    .filter(|u| is_http_url(u))
                    .collect(),
                note: Some(if groups.is_empty() {
                    "The bundle attributes this campaign to no group.".into()
                } else {
                    "Group as attributed by the bundle's relationships; dates as its timestamps state them."
                        .into()
                }),
            },
        };
        out.push(event);
    }
    out
}

/// A STIX id ("campaign--6a9c…") as a slug ("campaign-6a9c…").
pub(crate) fn stix_slug(id: &str) -> String {
    let slug = slugify(id);
    if slug.is_empty() {
        "stix-object".into()
    } else {
        slug
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_url_safe_and_stable() {
        for (name, slug) in [
            ("APT27", "apt27"),
            ("Lazarus Group", "lazarus-group"),
            ("TEMP.Veles", "temp-veles"),
            ("  Weird--Name!! ", "weird-name"),
            ("Türkiye", "t-rkiye"),
        ] {
            assert_eq!(slugify(name), slug, "{name}");
        }
    }

    #[test]
    fn microsoft_names_are_recognised() {
        for n in ["ZIRCONIUM", "GALLIUM", "DEV-0537", "Storm-0558"] {
            assert!(is_microsoft_name(n), "{n}");
        }
        for n in ["Gallium", "Lucky Mouse", "DEV-", "Storm-abc", "APT27"] {
            assert!(!is_microsoft_name(n), "{n}");
        }
    }
}
