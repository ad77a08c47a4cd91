//! Turning dataset text into a validated [`Catalog`].
//!
//! Loading follows one rule: a file that is not a Threat Atlas dataset at all is an error with
//! a message a reader can act on; a dataset with bad *parts* still loads, the bad parts are
//! dropped, and each drop is reported as a [`Warning`]. So one broken record never costs the
//! reader the other thousand.

use std::collections::{HashMap, HashSet};
use std::fmt;

use serde::Deserialize;
use serde_json::value::RawValue;

use crate::model::{Actor, Alias, Dataset, Event, Former, Source, Vendor};
use crate::text::{clean_name, is_http_url, is_slug};

/// The schema version this build reads and writes.
pub const SCHEMA_VERSION: u32 = 1;

/// Larger files are refused before parsing: the bundled dataset is a small fraction of this.
pub const MAX_BYTES: usize = 32 * 1024 * 1024;

/// Why a file could not be loaded at all.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    #[error("The dataset file is empty.")]
    Empty,
    #[error("The dataset is too large ({size} bytes; the limit is {limit} bytes).")]
    TooLarge { size: usize, limit: usize },
    #[error("The dataset is not valid JSON (line {line}, column {column}: {message}).")]
    NotJson {
        line: usize,
        column: usize,
        message: String,
    },
    #[error(
        "The file nests its data more than {0} levels deep. No dataset needs that, so it was \
         not read."
    )]
    TooDeep(usize),
    #[error("This file is not a Threat Atlas dataset: {0}.")]
    NotADataset(String),
    /// "Open dataset…": a file in no format the atlas reads, or files that do not go together.
    #[error("{0}")]
    Format(String),
    /// One of several files opened together failed; names it.
    #[error("“{file}”: {error}")]
    InFile { file: String, error: Box<LoadError> },
    #[error(
        "The dataset uses schema version {found}, but this version of Threat Atlas reads \
         version {supported}."
    )]
    UnsupportedSchema { found: String, supported: u32 },
    /// A file that belongs with a dataset (the reference links) was written for another
    /// version of it: two builds' files, which are never combined.
    #[error(
        "These reference links were written for dataset version {found:?}, not {expected:?}, \
         so they were not combined with it."
    )]
    OtherVersion { found: String, expected: String },
    #[error("The dataset has the wrong shape (line {line}, column {column}: {message}).")]
    Shape {
        line: usize,
        column: usize,
        message: String,
    },
}

/// A part of the dataset that was dropped or repaired while loading.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    /// Where: e.g. `actors[3] "apt27"`.
    pub at: String,
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.at, self.message)
    }
}

/// A loaded, validated dataset with the look-ups the views need.
///
/// Invariants after [`parse`]: ids are unique slugs; every actor id named by an event or a
/// `related` link exists; every URL is absolute http(s); no name is empty.
#[derive(Clone, Debug)]
pub struct Catalog {
    dataset: Dataset,
    actor_index: HashMap<String, usize>,
    /// Former id → (actor position, position in its `former`).
    former_index: HashMap<String, (usize, usize)>,
    /// Actor id → the (actor position, position in its `related`) of every link to it, so a
    /// relation is read from both sides without a scan (cards do it on every keystroke).
    linked_from: HashMap<String, Vec<(usize, usize)>>,
    source_index: HashMap<String, usize>,
    vendor_index: HashMap<String, usize>,
    /// Event indices per actor id, newest first.
    events_by_actor: HashMap<String, Vec<usize>>,
}

/// Parses and validates dataset text.
pub fn parse(json: &str) -> Result<(Catalog, Vec<Warning>), LoadError> {
    let mut parser = Parser::new(json)?;
    while !parser.step(usize::MAX) {}
    Ok(parser.finish())
}

/// [`parse`] in steps, so a caller on a browser's main thread can let it paint and answer
/// input between them: [`Parser::new`] reads the dataset's outline, each [`Parser::step`]
/// reads some records, [`Parser::finish`] builds the catalog. The result is [`parse`]'s.
pub struct Parser<'a> {
    info: crate::model::DatasetInfo,
    schemes: Option<&'a RawValue>,
    sources: List<'a, Source>,
    vendors: List<'a, Vendor>,
    actors: List<'a, Actor>,
    events: List<'a, Event>,
    warnings: Vec<Warning>,
}

/// One list of records: the raw ones, how many are read, and those that parsed.
struct List<'a, T> {
    name: &'static str,
    raw: Vec<&'a RawValue>,
    at: usize,
    out: Vec<T>,
}

impl<'a, T: serde::de::DeserializeOwned> List<'a, T> {
    fn new(name: &'static str, raw: Vec<&'a RawValue>) -> Self {
        List {
            name,
            out: Vec::with_capacity(raw.len()),
            raw,
            at: 0,
        }
    }

    fn done(&self) -> bool {
        self.at == self.raw.len()
    }

    /// Reads up to `budget` more records; the budget left.
    fn read(&mut self, w: &mut Vec<Warning>, budget: usize) -> usize {
        records(&self.raw, &mut self.at, &mut self.out, self.name, w, budget)
    }
}

impl<'a> Parser<'a> {
    /// Checks the text's size and schema and reads its outline, each record kept as raw text.
    pub fn new(json: &'a str) -> Result<Parser<'a>, LoadError> {
        check_size(json)?;
        check_schema(json)?;
        let raw: RawDataset = serde_json::from_str(json).map_err(|e| match json_error(&e) {
            LoadError::TooDeep(n) => LoadError::TooDeep(n),
            _ => LoadError::Shape {
                line: e.line(),
                column: e.column(),
                message: e.to_string(),
            },
        })?;
        Ok(Parser {
            info: raw.info,
            schemes: raw.schemes,
            sources: List::new("sources", raw.sources),
            vendors: List::new("vendors", raw.vendors),
            actors: List::new("actors", raw.actors),
            events: List::new("events", raw.events),
            warnings: Vec::new(),
        })
    }

    /// Reads up to `budget` more records; true once every record is read.
    pub fn step(&mut self, budget: usize) -> bool {
        let w = &mut self.warnings;
        let left = self.sources.read(w, budget);
        let left = self.vendors.read(w, left);
        let left = self.actors.read(w, left);
        self.events.read(w, left);
        // Every list to its end: a dataset may have no events (or no vendors) at all.
        self.sources.done() && self.vendors.done() && self.actors.done() && self.events.done()
    }

    /// The catalog of every record read, and the warnings; records not yet read by
    /// [`Parser::step`] are left out.
    pub fn finish(self) -> (Catalog, Vec<Warning>) {
        let mut w = self.warnings;
        let dataset = Dataset {
            schema: SCHEMA_VERSION,
            info: self.info,
            sources: self.sources.out,
            vendors: self.vendors.out,
            actors: self.actors.out,
            events: self.events.out,
            // A scheme of the wrong shape costs the schemes, never the dataset.
            schemes: self
                .schemes
                .and_then(|r| match serde_json::from_str(r.get()) {
                    Ok(s) => Some(s),
                    Err(e) => {
                        warn(&mut w, "schemes", dropped_because(&e));
                        None
                    }
                })
                .unwrap_or_default(),
        };
        let (catalog, more) = Catalog::from_dataset(dataset);
        w.extend(more);
        (catalog, w)
    }
}

/// The dataset's outline, with each record kept as raw text so that one record of the wrong
/// shape (a number for a name, an impossible date) is dropped on its own.
#[derive(Deserialize)]
struct RawDataset<'a> {
    info: crate::model::DatasetInfo,
    #[serde(default, borrow)]
    sources: Vec<&'a RawValue>,
    #[serde(default, borrow)]
    vendors: Vec<&'a RawValue>,
    #[serde(default, borrow)]
    actors: Vec<&'a RawValue>,
    #[serde(default, borrow)]
    events: Vec<&'a RawValue>,
    #[serde(default, borrow)]
    schemes: Option<&'a RawValue>,
}

/// Reads up to `budget` records of `raw` from `*at` into `out`; the budget left.
fn records<T: serde::de::DeserializeOwned>(
    raw: &[&RawValue],
    at: &mut usize,
    out: &mut Vec<T>,
    list: &str,
    w: &mut Vec<Warning>,
    budget: usize,
) -> usize {
    let end = raw.len().min(at.saturating_add(budget));
    let read = end.saturating_sub(*at);
    for (i, item) in raw.iter().enumerate().take(end).skip(*at) {
        match serde_json::from_str(item.get()) {
            Ok(record) => out.push(record),
            Err(e) => {
                #[derive(Deserialize)]
                struct Id {
                    id: String,
                }
                let at = match serde_json::from_str::<Id>(item.get()) {
                    Ok(Id { id }) => format!(
                        "{list}[{i}] \"{}\"",
                        id.chars().take(40).collect::<String>()
                    ),
                    Err(_) => format!("{list}[{i}]"),
                };
                warn(w, &at, dropped_because(&e));
            }
        }
    }
    *at = (*at).max(end);
    budget - read
}

/// The warning for a record of the wrong shape, without serde's position (the record is
/// named instead).
pub(crate) fn dropped_because(e: &serde_json::Error) -> String {
    match json_error(e) {
        LoadError::TooDeep(n) => format!("nested more than {n} levels deep; dropped"),
        _ => {
            let text = e.to_string();
            let text = text.split(" at line ").next().unwrap_or(&text);
            format!("{text}; dropped")
        }
    }
}

/// Refuses empty text, and text over [`MAX_BYTES`] before any parsing.
pub(crate) fn check_size(text: &str) -> Result<(), LoadError> {
    if text.trim().is_empty() {
        return Err(LoadError::Empty);
    }
    if text.len() > MAX_BYTES {
        return Err(LoadError::TooLarge {
            size: text.len(),
            limit: MAX_BYTES,
        });
    }
    Ok(())
}

/// Refuses text whose top level is not a JSON object, before a typed parse would read an
/// array as a struct.
pub(crate) fn require_object(text: &str) -> Result<(), LoadError> {
    if text.trim_start().starts_with('{') {
        return Ok(());
    }
    match serde_json::from_str::<serde::de::IgnoredAny>(text) {
        Ok(_) => Err(LoadError::NotADataset(
            "the top level must be a JSON object".into(),
        )),
        Err(e) => Err(json_error(&e)),
    }
}

/// The reader's message for a syntax error. serde_json stops at 128 levels of nesting, which
/// is a refusal, not a syntax error, so it gets its own message.
pub(crate) fn json_error(e: &serde_json::Error) -> LoadError {
    let message = e.to_string();
    if message.starts_with("recursion limit exceeded") {
        return LoadError::TooDeep(128);
    }
    LoadError::NotJson {
        line: e.line(),
        column: e.column(),
        message,
    }
}

/// Reads only the `schema` field, so a wrong version is reported as such rather than as
/// whatever shape error the newer layout would cause.
fn check_schema(json: &str) -> Result<(), LoadError> {
    require_object(json)?;
    #[derive(Deserialize)]
    struct Probe {
        schema: Option<serde_json::Value>,
    }
    let probe: Probe = serde_json::from_str(json).map_err(|e| {
        if e.is_data() {
            LoadError::NotADataset("the top level must be a JSON object".into())
        } else {
            json_error(&e)
        }
    })?;
    match probe.schema {
        None => Err(LoadError::NotADataset("it has no \"schema\" field".into())),
        Some(serde_json::Value::Number(n)) if n.as_u64() == Some(u64::from(SCHEMA_VERSION)) => {
            Ok(())
        }
        Some(other) => {
            let found = shorten(&other.to_string());
            Err(LoadError::UnsupportedSchema {
                found,
                supported: SCHEMA_VERSION,
            })
        }
    }
}

impl Catalog {
    /// Validates a dataset already in memory (the data tool uses this too), dropping what
    /// breaks the invariants and saying so.
    pub fn from_dataset(mut dataset: Dataset) -> (Catalog, Vec<Warning>) {
        let mut w = Vec::new();
        clean_sources(&mut dataset.sources, &mut w);
        clean_vendors(&mut dataset.vendors, &mut w);
        let source_ids: HashSet<String> = dataset.sources.iter().map(|s| s.id.clone()).collect();
        let vendor_ids: HashSet<String> = dataset.vendors.iter().map(|v| v.id.clone()).collect();
        clean_actors(&mut dataset.actors, &source_ids, &vendor_ids, &mut w);
        let actor_ids: HashSet<String> = dataset.actors.iter().map(|a| a.id.clone()).collect();
        for actor in &mut dataset.actors {
            let at = format!("actor \"{}\"", actor.id);
            actor.related.retain(|r| {
                let ok = actor_ids.contains(&r.id) && r.id != actor.id;
                if !ok {
                    warn(
                        &mut w,
                        &at,
                        format!("related actor \"{}\" is unknown; link dropped", r.id),
                    );
                }
                ok
            });
        }
        // Former ids: slugs, each once, never the id of a current actor, with a name, a note
        // and a known source.
        let mut former_seen: HashSet<String> = HashSet::new();
        for actor in &mut dataset.actors {
            let at = format!("actor \"{}\"", actor.id);
            actor.former.retain_mut(|f| {
                f.name = clean_name(&f.name);
                f.note = f.note.trim().to_string();
                let problem = if !is_slug(&f.id) {
                    Some("is not a lowercase slug")
                } else if actor_ids.contains(&f.id) {
                    Some("is the id of a current actor")
                } else if f.name.is_empty() || f.note.is_empty() {
                    Some("has no name or no note")
                } else if !source_ids.contains(&f.source) {
                    Some("cites an unknown source")
                } else if !former_seen.insert(f.id.clone()) {
                    Some("is already a former id of another actor")
                } else {
                    None
                };
                if let Some(p) = problem {
                    warn(
                        &mut w,
                        &at,
                        format!("former id \"{}\" {p}; dropped", shorten(&f.id)),
                    );
                }
                problem.is_none()
            });
        }
        clean_events(&mut dataset.events, &actor_ids, &mut w);
        (Catalog::index(dataset), w)
    }

    fn index(dataset: Dataset) -> Catalog {
        let actor_index = index_by(&dataset.actors, |a| &a.id);
        let source_index = index_by(&dataset.sources, |s| &s.id);
        let vendor_index = index_by(&dataset.vendors, |v| &v.id);
        let mut order: Vec<usize> = (0..dataset.events.len()).collect();
        // Newest first; ties broken by id so the order never depends on the file's order.
        crate::sort::sort_by(&mut order, |&a, &b| {
            let (ea, eb) = (&dataset.events[a], &dataset.events[b]);
            eb.date.cmp(&ea.date).then_with(|| ea.id.cmp(&eb.id))
        });
        let mut events_by_actor: HashMap<String, Vec<usize>> = HashMap::new();
        for i in order {
            let mut seen = HashSet::new();
            for claim in &dataset.events[i].claims {
                for id in &claim.actors {
                    if seen.insert(id.as_str()) {
                        events_by_actor.entry(id.clone()).or_default().push(i);
                    }
                }
            }
        }
        let mut former_index = HashMap::new();
        let mut linked_from: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
        for (i, a) in dataset.actors.iter().enumerate() {
            for (j, f) in a.former.iter().enumerate() {
                former_index.insert(f.id.clone(), (i, j));
            }
            for (j, r) in a.related.iter().enumerate() {
                linked_from.entry(r.id.clone()).or_default().push((i, j));
            }
        }
        Catalog {
            former_index,
            linked_from,
            dataset,
            actor_index,
            source_index,
            vendor_index,
            events_by_actor,
        }
    }

    pub fn dataset(&self) -> &Dataset {
        &self.dataset
    }

    pub fn actors(&self) -> &[Actor] {
        &self.dataset.actors
    }

    pub fn events(&self) -> &[Event] {
        &self.dataset.events
    }

    pub fn actor(&self, id: &str) -> Option<&Actor> {
        self.actor_index.get(id).map(|&i| &self.dataset.actors[i])
    }

    /// An actor by its id, or by an id it had before a merge folded that record into it:
    /// then also the [`Former`] entry that says why.
    pub fn resolve(&self, id: &str) -> Option<(&Actor, Option<&Former>)> {
        if let Some(a) = self.actor(id) {
            return Some((a, None));
        }
        let &(i, j) = self.former_index.get(id)?;
        let a = &self.dataset.actors[i];
        Some((a, a.former.get(j)))
    }

    /// Every relation of an actor, both the ones it states and the ones other actors state
    /// about it (seen from its side: "has part", "renamed from"), in a stable order.
    pub fn relations<'a>(&'a self, actor: &'a Actor) -> Vec<Relation<'a>> {
        let Some(me) = self.actor_position(&actor.id) else {
            return Vec::new();
        };
        let mut out: Vec<Relation> = actor
            .related
            .iter()
            .filter_map(|r| {
                Some(Relation {
                    other: self.actor_position(&r.id)?,
                    kind: RelationKind::of(&r.kind),
                    inverse: false,
                    link: r,
                })
            })
            .collect();
        for &(i, j) in self.linked_from.get(&actor.id).into_iter().flatten() {
            let r = &self.dataset.actors[i].related[j];
            if i != me && !out.iter().any(|x| x.other == i && x.link.kind == r.kind) {
                out.push(Relation {
                    other: i,
                    kind: RelationKind::of(&r.kind),
                    inverse: true,
                    link: r,
                });
            }
        }
        crate::sort::sort_by(&mut out, |a, b| {
            (a.kind.rank(a.inverse), &self.dataset.actors[a.other].name)
                .cmp(&(b.kind.rank(b.inverse), &self.dataset.actors[b.other].name))
        });
        out
    }

    /// The position of an actor in [`Catalog::actors`], which search hits and the
    /// cross-reference use.
    pub fn actor_position(&self, id: &str) -> Option<usize> {
        self.actor_index.get(id).copied()
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.source_index.get(id).map(|&i| &self.dataset.sources[i])
    }

    pub fn vendor(&self, id: &str) -> Option<&Vendor> {
        self.vendor_index.get(id).map(|&i| &self.dataset.vendors[i])
    }

    /// Every suspected origin country some actor has, sorted, each once.
    pub fn origin_countries(&self) -> Vec<String> {
        // Each country once before anything is copied or compared: a few dozen, from a
        // thousand actors.
        let unique: std::collections::BTreeSet<&str> = self
            .dataset
            .actors
            .iter()
            .filter_map(|a| a.origin.as_ref().map(|o| o.country.as_str()))
            .collect();
        unique.into_iter().map(str::to_string).collect()
    }

    /// Events whose claims name this actor, newest first.
    /// Indices into [`Catalog::events`] of the events that name the actor, in date order.
    pub fn event_indices_for(&self, actor_id: &str) -> &[usize] {
        self.events_by_actor
            .get(actor_id)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    pub fn events_for(&self, actor_id: &str) -> Vec<&Event> {
        self.events_by_actor
            .get(actor_id)
            .map(|v| v.iter().map(|&i| &self.dataset.events[i]).collect())
            .unwrap_or_default()
    }

    /// The actor's group and tracking names grouped by the vendor that uses them: vendors by name, names in
    /// dataset order, and names with no known vendor last.
    pub fn aliases_by_vendor<'a>(
        &'a self,
        actor: &'a Actor,
    ) -> Vec<(Option<&'a Vendor>, Vec<&'a Alias>)> {
        let mut groups: Vec<(Option<&Vendor>, Vec<&Alias>)> = Vec::new();
        for alias in actor.aliases.iter().filter(|a| a.kind.can_conflict()) {
            let vendor = alias.vendor.as_deref().and_then(|v| self.vendor(v));
            match groups.iter_mut().find(|(v, _)| *v == vendor) {
                Some((_, names)) => names.push(alias),
                None => groups.push((vendor, vec![alias])),
            }
        }
        crate::sort::sort_by(&mut groups, |(a, _), (b, _)| match (a, b) {
            (Some(a), Some(b)) => a.name.to_lowercase().cmp(&b.name.to_lowercase()),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        });
        groups
    }
}

/// What a relation between two groups says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RelationKind {
    /// One group is a part of the other (an umbrella such as Lazarus Group).
    PartOf,
    /// The groups overlap: a source lists names, tools or activity for both.
    Overlaps,
    /// One name replaced the other.
    RenamedTo,
    /// Sources disagree whether the groups are one.
    Disputed,
    /// A kind upstream uses ("similar", "linked-to", …), shown as it is.
    Other,
}

impl RelationKind {
    pub fn of(kind: &str) -> RelationKind {
        match kind {
            "part-of" => RelationKind::PartOf,
            "overlaps" => RelationKind::Overlaps,
            "renamed-to" => RelationKind::RenamedTo,
            "disputed" => RelationKind::Disputed,
            _ => RelationKind::Other,
        }
    }

    fn rank(self, inverse: bool) -> u8 {
        match (self, inverse) {
            (RelationKind::PartOf, false) => 0,
            (RelationKind::PartOf, true) => 1,
            (RelationKind::RenamedTo, _) => 2,
            (RelationKind::Disputed, _) => 3,
            (RelationKind::Overlaps, _) => 4,
            (RelationKind::Other, _) => 5,
        }
    }
}

/// One relation as seen from one actor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Relation<'a> {
    /// The other actor's position.
    pub other: usize,
    pub kind: RelationKind,
    /// Whether the other actor states it (so "part of" reads "has part" from here).
    pub inverse: bool,
    pub link: &'a crate::model::Related,
}

impl Relation<'_> {
    /// The relation in words, from this actor's side: "Part of", "Has part", "Overlaps with".
    pub fn label(&self) -> String {
        match (self.kind, self.inverse) {
            (RelationKind::PartOf, false) => "Part of".into(),
            (RelationKind::PartOf, true) => "Has part".into(),
            (RelationKind::RenamedTo, false) => "Renamed to".into(),
            (RelationKind::RenamedTo, true) => "Renamed from".into(),
            (RelationKind::Disputed, _) => "Disputed identity with".into(),
            (RelationKind::Overlaps, _) => "Overlaps with".into(),
            (RelationKind::Other, _) => match self.link.kind.as_str() {
                "similar" => "Similar to".into(),
                "linked-to" => "Linked to".into(),
                "related-to" => "Related to".into(),
                "associated-with" => "Associated with".into(),
                "derived-from" => "Derived from".into(),
                "duplicate-of" => "Duplicate of".into(),
                other => {
                    let k = other.replace('-', " ");
                    let mut c = k.chars();
                    match c.next() {
                        Some(f) => f.to_uppercase().collect::<String>() + c.as_str() + " —",
                        None => k,
                    }
                }
            },
        }
    }
}

fn index_by<T>(items: &[T], key: impl Fn(&T) -> &String) -> HashMap<String, usize> {
    items
        .iter()
        .enumerate()
        .map(|(i, x)| (key(x).clone(), i))
        .collect()
}

pub(crate) fn warn(w: &mut Vec<Warning>, at: &str, message: String) {
    w.push(Warning {
        at: at.to_string(),
        message,
    });
}

/// Keeps the first item for each id, drops items whose id is not a slug or whose name is
/// empty, and trims names.
fn dedupe<T>(
    items: &mut Vec<T>,
    what: &str,
    w: &mut Vec<Warning>,
    mut id_and_name: impl FnMut(&mut T) -> (&str, &mut String),
) {
    let mut seen = HashSet::new();
    let mut i = 0;
    items.retain_mut(|item| {
        i += 1;
        let (id, name) = id_and_name(item);
        let at = format!("{what}[{}] \"{}\"", i - 1, shorten(id));
        *name = clean_name(name);
        if !is_slug(id) {
            warn(
                w,
                &at,
                "id must be a lowercase slug (a-z, 0-9, -, ., _); record dropped".into(),
            );
            false
        } else if name.is_empty() {
            warn(w, &at, "name is empty; record dropped".into());
            false
        } else if !seen.insert(id.to_string()) {
            warn(w, &at, "duplicate id; only the first record is kept".into());
            false
        } else {
            true
        }
    });
}

fn shorten(s: &str) -> String {
    crate::text::truncate_chars(s, 41)
}

pub(crate) fn clean_urls(urls: &mut Vec<String>, at: &str, w: &mut Vec<Warning>) {
    urls.retain(|u| {
        let ok = is_http_url(u);
        if !ok {
            warn(
                w,
                at,
                format!("URL \"{}\" is not http(s); dropped", shorten(u)),
            );
        }
        ok
    });
}

fn clean_sources(sources: &mut Vec<Source>, w: &mut Vec<Warning>) {
    dedupe(sources, "sources", w, |s| (s.id.as_str(), &mut s.name));
    for s in sources.iter_mut() {
        if let Some(u) = &s.url {
            if !is_http_url(u) {
                warn(
                    w,
                    &format!("source \"{}\"", s.id),
                    format!("URL \"{}\" is not http(s); dropped", shorten(u)),
                );
                s.url = None;
            }
        }
    }
}

fn clean_vendors(vendors: &mut Vec<Vendor>, w: &mut Vec<Warning>) {
    dedupe(vendors, "vendors", w, |v| (v.id.as_str(), &mut v.name));
}

fn clean_actors(
    actors: &mut Vec<Actor>,
    sources: &HashSet<String>,
    vendors: &HashSet<String>,
    w: &mut Vec<Warning>,
) {
    dedupe(actors, "actors", w, |a| (a.id.as_str(), &mut a.name));
    for a in actors.iter_mut() {
        let at = format!("actor \"{}\"", a.id);
        a.aliases
            .retain_mut(|alias| clean_alias(alias, &at, sources, vendors, w));
        let mut seen = HashSet::new();
        a.aliases
            .retain(|alias| seen.insert((alias.name.clone(), alias.vendor.clone())));
        clean_urls(&mut a.refs, &at, w);
        for list in [&mut a.motivations, &mut a.sectors, &mut a.victims] {
            for item in list.iter_mut() {
                *item = clean_name(item);
            }
            list.retain(|s| !s.is_empty());
        }
        if let (Some(first), Some(last)) = (a.first_seen, a.last_seen) {
            if last < first {
                warn(
                    w,
                    &at,
                    format!("last seen {last} is before first seen {first}; last seen dropped"),
                );
                a.last_seen = None;
            }
        }
        if a.first_seen_source
            .as_ref()
            .is_some_and(|s| !sources.contains(s))
        {
            warn(w, &at, "first-seen source is unknown; dropped".into());
            a.first_seen_source = None;
        }
        a.summary = a
            .summary
            .take()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty());
        if a.summary.is_none() {
            a.summary_sources.clear();
        }
        a.summary_sources.retain(|s| {
            let ok = sources.contains(s) || is_http_url(s);
            if !ok {
                warn(
                    w,
                    &at,
                    format!(
                        "summary source \"{}\" is neither a source nor a web address; dropped",
                        shorten(s)
                    ),
                );
            }
            ok
        });
        a.sources.retain(|s| {
            let ok = sources.contains(s);
            if !ok {
                warn(
                    w,
                    &at,
                    format!("source \"{}\" is unknown; dropped", shorten(s)),
                );
            }
            ok
        });
    }
}

fn clean_alias(
    alias: &mut Alias,
    at: &str,
    sources: &HashSet<String>,
    vendors: &HashSet<String>,
    w: &mut Vec<Warning>,
) -> bool {
    if let Some(ks) = &alias.kind_source {
        if !sources.contains(ks) {
            warn(
                w,
                at,
                format!(
                    "alias \"{}\": kind source \"{}\" is unknown; dropped",
                    shorten(&alias.name),
                    shorten(ks)
                ),
            );
            alias.kind_source = None;
        }
    }
    alias.name = clean_name(&alias.name);
    if alias.name.is_empty() {
        warn(w, at, "an alias has an empty name; dropped".into());
        return false;
    }
    if let Some(v) = &alias.vendor {
        if !vendors.contains(v) {
            warn(
                w,
                at,
                format!(
                    "alias \"{}\" names unknown vendor \"{}\"; vendor dropped",
                    shorten(&alias.name),
                    shorten(v)
                ),
            );
            alias.vendor = None;
        }
    }
    if !sources.contains(&alias.source) {
        warn(
            w,
            at,
            format!(
                "alias \"{}\" cites unknown source \"{}\"",
                shorten(&alias.name),
                shorten(&alias.source)
            ),
        );
    }
    true
}

fn clean_events(events: &mut Vec<Event>, actors: &HashSet<String>, w: &mut Vec<Warning>) {
    let mut seen = HashSet::new();
    events.retain_mut(|e| {
        let at = format!("event \"{}\"", shorten(&e.id));
        e.title = clean_name(&e.title);
        if !is_slug(&e.id) {
            warn(w, &at, "id must be a lowercase slug; event dropped".into());
            return false;
        }
        if !seen.insert(e.id.clone()) {
            warn(w, &at, "duplicate id; only the first event is kept".into());
            return false;
        }
        if e.title.is_empty() {
            warn(w, &at, "title is empty; event dropped".into());
            return false;
        }
        if let Some(end) = e.end {
            if end < e.date {
                warn(
                    w,
                    &at,
                    format!("end {end} is before date {}; end dropped", e.date),
                );
                e.end = None;
            }
        }
        for claim in &mut e.claims {
            claim.actors.retain(|id| {
                let ok = actors.contains(id);
                if !ok {
                    warn(
                        w,
                        &at,
                        format!("names unknown actor \"{}\"; reference dropped", shorten(id)),
                    );
                }
                ok
            });
        }
        clean_urls(&mut e.sources, &at, w);
        for r in &mut e.responses {
            if r.source.as_deref().is_some_and(|u| !is_http_url(u)) {
                warn(
                    w,
                    &at,
                    format!(
                        "response source \"{}\" is not http(s); dropped",
                        shorten(r.source.as_deref().unwrap_or(""))
                    ),
                );
                r.source = None;
            }
        }
        true
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn minimal(actors: &str, events: &str) -> String {
        format!(
            r#"{{"schema":1,"info":{{"title":"t","version":"1"}},
               "sources":[{{"id":"s","name":"S","kind":"dataset"}}],
               "vendors":[{{"id":"v","name":"Vendor"}}],
               "actors":[{actors}],"events":[{events}]}}"#
        )
    }

    #[test]
    fn fatal_errors_are_named() {
        type IsExpected = fn(&LoadError) -> bool;
        let cases: [(&str, IsExpected); 7] = [
            ("", |e| matches!(e, LoadError::Empty)),
            ("   \n", |e| matches!(e, LoadError::Empty)),
            ("{\"schema\":1,", |e| matches!(e, LoadError::NotJson { .. })),
            ("[1,2]", |e| matches!(e, LoadError::NotADataset(_))),
            ("{\"actors\":[]}", |e| {
                matches!(e, LoadError::NotADataset(_))
            }),
            ("{\"schema\":2}", |e| {
                matches!(e, LoadError::UnsupportedSchema { .. })
            }),
            (
                "{\"schema\":1,\"info\":{\"title\":\"t\",\"version\":\"1\"},\"actors\":{}}",
                |e| matches!(e, LoadError::Shape { .. }),
            ),
        ];
        for (input, is_expected) in cases {
            let err = parse(input).expect_err(input);
            assert!(is_expected(&err), "{input:?} gave {err:?}");
            assert!(!err.to_string().is_empty());
        }
    }

    #[test]
    fn unsupported_schema_message_says_both_versions() {
        let err = parse(r#"{"schema":"two"}"#).unwrap_err();
        assert_eq!(
            err.to_string(),
            "The dataset uses schema version \"two\", but this version of Threat Atlas reads version 1."
        );
    }

    #[test]
    fn a_parse_in_steps_gives_the_whole_parse() {
        let json = r#"{"schema":1,"info":{"title":"t","version":"1"},
          "sources":[{"id":"s","name":"S","kind":"dataset"},{"id":7}],
          "vendors":[{"id":"k","name":"Kaspersky"}],
          "actors":[{"id":"a1","name":"A1","aliases":[{"name":"B","vendor":"k","source":"s"}]},
                    {"id":"a2","name":2},{"id":"a3","name":"A3"},{"id":"a4","name":"A4"}],
          "events":[{"id":"e1","date":"2022-07-18","title":"T","kind":"attribution","actors":["a1"],"source":"s"}]}"#;
        let (whole, warnings) = parse(json).unwrap();
        assert!(warnings.len() >= 2, "{warnings:?}");
        for budget in [0, 1, 2, 3, 5] {
            let mut parser = Parser::new(json).unwrap();
            let mut steps = 0;
            while !parser.step(budget.max(1)) {
                steps += 1;
                assert!(steps < 20);
            }
            let (stepped, w) = parser.finish();
            assert_eq!(stepped.dataset(), whole.dataset(), "budget {budget}");
            assert_eq!(w, warnings, "budget {budget}");
        }
    }

    /// Regression: a dataset without events was "read" after the first step, its later
    /// actors dropped (a 21,560-actor dataset with no events loaded 83 actors).
    #[test]
    fn a_parse_in_steps_reads_every_record_of_a_dataset_without_events() {
        let actors: Vec<String> = (0..7)
            .map(|i| format!(r#"{{"id":"a{i}","name":"A{i}"}}"#))
            .collect();
        let json = format!(
            r#"{{"schema":1,"info":{{"title":"t","version":"1"}},
              "sources":[{{"id":"s","name":"S","kind":"dataset"}}],"actors":[{}]}}"#,
            actors.join(",")
        );
        for budget in [1, 2, 3] {
            let mut parser = Parser::new(&json).unwrap();
            let mut steps = 0;
            while !parser.step(budget) {
                steps += 1;
                assert!(steps < 20);
            }
            assert_eq!(parser.finish().0.actors().len(), 7, "budget {budget}");
        }
    }

    #[test]
    fn too_large_is_refused_before_parsing() {
        let big = " ".repeat(MAX_BYTES) + "{}";
        assert!(matches!(parse(&big), Err(LoadError::TooLarge { .. })));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = format!(
            "{{\"schema\":1,\"x\":{}{}}}",
            "[".repeat(10_000),
            "]".repeat(10_000)
        );
        assert!(parse(&deep).is_err());
    }

    #[test]
    fn bad_parts_are_dropped_with_warnings() {
        let json = minimal(
            r#"{"id":"a","name":"A","aliases":[{"name":" ","source":"s"},{"name":"A2","vendor":"nope","source":"s"}],
                "refs":["javascript:alert(1)","https://ok.example/"],"related":[{"id":"ghost","kind":"similar","source":"s"}]},
               {"id":"a","name":"Duplicate"},
               {"id":"Bad Id","name":"X"},
               {"id":"b","name":"  "},
               {"id":"c","name":"C","extra_field_from_the_future":true}"#,
            r#"{"id":"e1","date":"2022-07-18","kind":"government-attribution","title":"T",
                "claims":[{"names_as_stated":"A and Ghost","actors":["a","ghost"]}],"sources":["data:x","https://src.example/"]},
               {"id":"e1","date":"2022","kind":"campaign","title":"dup"},
               {"id":"e2","date":"2022","end":"2021","kind":"something-new","title":"Backwards"}"#,
        );
        let (cat, warnings) = parse(&json).unwrap();
        let ids: Vec<&str> = cat.actors().iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["a", "c"]);
        let a = cat.actor("a").unwrap();
        assert_eq!(a.aliases.len(), 1);
        assert_eq!(a.aliases[0].vendor, None);
        assert_eq!(a.refs, ["https://ok.example/"]);
        assert!(a.related.is_empty());
        assert_eq!(cat.events().len(), 2);
        assert_eq!(cat.events()[0].claims[0].actors, ["a"]);
        assert_eq!(cat.events()[0].sources, ["https://src.example/"]);
        assert_eq!(cat.events()[1].end, None);
        assert_eq!(cat.events()[1].kind, crate::EventKind::Other);
        let text: Vec<String> = warnings.iter().map(|w| w.to_string()).collect();
        for needle in [
            "empty name",
            "unknown vendor",
            "javascript:",
            "related actor \"ghost\"",
            "duplicate id",
            "lowercase slug",
            "name is empty",
            "unknown actor \"ghost\"",
            "data:x",
            "before date",
        ] {
            assert!(
                text.iter().any(|t| t.contains(needle)),
                "no warning with {needle:?} in {text:#?}"
            );
        }
    }

    #[test]
    fn a_record_of_the_wrong_shape_is_dropped_alone() {
        let json = minimal(
            r#"{"id":"a","name":"A"},{"id":"b","name":42},{"name":["no id"]},7"#,
            r#"{"id":"e","date":"2022-02-30","kind":"campaign","title":"x"},
               {"id":"ok","date":"2022-02-28","kind":"campaign","title":"y"}"#,
        );
        let (cat, warnings) = parse(&json).unwrap();
        assert_eq!(cat.actors().len(), 1);
        assert_eq!(cat.events().len(), 1);
        let text: Vec<String> = warnings.iter().map(ToString::to_string).collect();
        assert_eq!(text.len(), 4, "{text:?}");
        assert!(
            text[0].starts_with("actors[1] \"b\": invalid type"),
            "{text:?}"
        );
        assert!(text[1].starts_with("actors[2]: "), "{text:?}");
        assert!(
            text[3].contains("events[0] \"e\": “2022-02-30” is not a real calendar date"),
            "{text:?}"
        );
    }

    #[test]
    fn empty_dataset_loads() {
        let (cat, warnings) = parse(&minimal("", "")).unwrap();
        assert!(cat.actors().is_empty() && warnings.is_empty());
    }

    #[test]
    fn events_for_actor_are_newest_first_and_once_each() {
        let json = minimal(
            r#"{"id":"a","name":"A"}"#,
            r#"{"id":"old","date":"2019","kind":"campaign","title":"o","claims":[{"names_as_stated":"A","actors":["a"]}]},
               {"id":"new","date":"2022-07-18","kind":"campaign","title":"n",
                "claims":[{"names_as_stated":"A","actors":["a"]},{"names_as_stated":"A again","actors":["a"]}]}"#,
        );
        let (cat, _) = parse(&json).unwrap();
        let ids: Vec<&str> = cat.events_for("a").iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["new", "old"]);
        assert!(cat.events_for("nobody").is_empty());
    }

    #[test]
    fn aliases_group_by_vendor_with_unknown_last() {
        let json = minimal(
            r#"{"id":"a","name":"A","aliases":[{"name":"X","source":"s"},{"name":"Y","vendor":"v","source":"s"},{"name":"Z","vendor":"v","source":"s"}]}"#,
            "",
        );
        let (cat, _) = parse(&json).unwrap();
        let groups = cat.aliases_by_vendor(cat.actor("a").unwrap());
        let shape: Vec<(Option<&str>, Vec<&str>)> = groups
            .iter()
            .map(|(v, names)| {
                (
                    v.map(|v| v.name.as_str()),
                    names.iter().map(|a| a.name.as_str()).collect(),
                )
            })
            .collect();
        assert_eq!(shape, [(Some("Vendor"), vec!["Y", "Z"]), (None, vec!["X"])]);
    }
}
