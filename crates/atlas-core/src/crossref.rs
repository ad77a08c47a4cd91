//! The alias cross-reference: what each vendor calls each group, the names several groups
//! share, side-by-side comparison, and export of the matrix.
//!
//! Names are compared with [`crate::search::normalize`], the same rule search uses, so a
//! name the search box calls shared is a conflict here too.

use std::collections::{BTreeMap, BTreeSet};

use crate::load::Catalog;
use crate::model::{Actor, Alias};
use crate::search::normalize;

/// The column id for names whose vendor is not recorded.
pub const UNATTRIBUTED: &str = "unattributed";

/// A naming vendor, with how many groups it names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Column {
    pub id: String,
    pub name: String,
    pub actors: usize,
}

/// Every vendor that names at least one group, most prolific first (ties by name), then the
/// column of names with no recorded vendor.
pub fn columns(catalog: &Catalog) -> Vec<Column> {
    let mut named: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
    for (i, a) in catalog.actors().iter().enumerate() {
        for alias in &a.aliases {
            let id = alias
                .vendor
                .clone()
                .unwrap_or_else(|| UNATTRIBUTED.to_string());
            named.entry(id).or_default().insert(i);
        }
    }
    let mut cols: Vec<Column> = named
        .into_iter()
        .map(|(id, actors)| Column {
            name: column_name(catalog, &id),
            id,
            actors: actors.len(),
        })
        .collect();
    crate::sort::sort_by(&mut cols, |a, b| {
        (a.id == UNATTRIBUTED)
            .cmp(&(b.id == UNATTRIBUTED))
            .then(b.actors.cmp(&a.actors))
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
    });
    cols
}

pub fn column_name(catalog: &Catalog, id: &str) -> String {
    if id == UNATTRIBUTED {
        return "Vendor not recorded".into();
    }
    catalog
        .vendor(id)
        .map(|v| v.name.clone())
        .unwrap_or_else(|| id.to_string())
}

/// The names an actor carries for one column.
pub fn names_for<'a>(actor: &'a Actor, column: &str) -> Vec<&'a Alias> {
    actor
        .aliases
        .iter()
        .filter(|a| a.kind.can_conflict())
        .filter(|a| a.vendor.as_deref().unwrap_or(UNATTRIBUTED) == column)
        .collect()
}

/// What a naming-matrix cell holds, as markup: each of `actor`'s names in `column`, with
/// its source (shown on focus and hover) and, where the vendor's scheme reads the name, the
/// naming decoder's line with the scheme's source. Written as one string for the browser
/// to parse: a page of the matrix is a few thousand elements, and building them one call
/// from wasm at a time was most of a filter keystroke. Every text is escaped, and a link
/// only ever points to an http(s) address.
pub fn cell_markup(catalog: &Catalog, actor: &Actor, column: &str) -> String {
    use crate::text::escape_markup as esc;
    let mut out = String::new();
    for x in names_for(actor, column) {
        let source = catalog
            .source(&x.source)
            .map_or(x.source.as_str(), |s| s.name.as_str());
        let source = esc(source);
        out.push_str(&format!(
            r#"<span class="matrix__name decodable" tabindex="0" title="Source: {source}" data-source="{source}">{}<span class="matrix__source">Source: {source}</span>"#,
            esc(&x.name)
        ));
        if let Some((text, scheme_source)) =
            crate::naming::decoder_line(catalog, &x.name, x.vendor.as_deref())
        {
            out.push_str(&format!(
                r#"<span class="decoder" role="tooltip" data-testid="name-decoder">{} — source: {}</span>"#,
                esc(&text),
                source_markup(catalog, scheme_source)
            ));
        }
        out.push_str("</span>");
    }
    out
}

/// A source named by its id, as markup: its name, linked when it has an address (the
/// app's `source_ref` draws the same).
pub fn source_markup(catalog: &Catalog, id: &str) -> String {
    use crate::text::escape_markup as esc;
    match catalog.source(id) {
        Some(s) => match s.url.as_deref() {
            Some(url) if crate::text::is_http_url(url) => format!(
                r#"<a class="external-link" href="{}" rel="noopener noreferrer nofollow">{}</a>"#,
                esc(url),
                esc(&s.name)
            ),
            Some(_) => format!(
                r#"<span class="external-link external-link--unsafe">{}</span>"#,
                esc(&s.name)
            ),
            None => format!("<span>{}</span>", esc(&s.name)),
        },
        None => format!(
            r#"<span class="source-ref source-ref--unknown">{}</span>"#,
            esc(id)
        ),
    }
}

/// How many vendors (and governments) name the group with one of its own names: the
/// matrix's default order, and part of the home page's.
pub fn vendor_count(actor: &Actor) -> usize {
    let mut vendors: Vec<&str> = actor
        .aliases
        .iter()
        .filter(|a| a.kind.can_conflict())
        .filter_map(|a| a.vendor.as_deref())
        .collect();
    vendors.sort_unstable();
    vendors.dedup();
    vendors.len()
}

/// The matrix's sort key for ordering by the group's name (the "Group" column).
pub const SORT_BY_NAME: &str = "name";

/// A name that is not a group's own (an operation, a temporary cluster, a report title, a
/// government designation, malware) and the groups it is tied to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OtherName {
    pub name: String,
    pub kind: crate::NameKind,
    /// Actor positions, in catalogue order.
    pub actors: Vec<usize>,
}

/// An actor's names that are not group or tracking names, each with the other actors that
/// carry the same name (found as [`lookup`] finds them).
pub fn other_names_of<'a>(
    catalog: &'a Catalog,
    actor: &'a Actor,
) -> Vec<(&'a Alias, Vec<&'a Actor>)> {
    actor
        .aliases
        .iter()
        .filter(|x| !x.kind.can_conflict())
        .map(|x| {
            let others = lookup(catalog, &x.name)
                .into_iter()
                .map(|s| &catalog.actors()[s.actor])
                .filter(|b| b.id != actor.id)
                .collect();
            (x, others)
        })
        .collect()
}

/// Every such name once (by its normalised form), by kind then spelling: the names page
/// lists them apart from the matrix and the shared names.
pub fn other_names(catalog: &Catalog) -> Vec<OtherName> {
    let mut by_key: BTreeMap<(crate::NameKind, String), OtherName> = BTreeMap::new();
    for (i, a) in catalog.actors().iter().enumerate() {
        for x in a.aliases.iter().filter(|x| !x.kind.can_conflict()) {
            let e = by_key
                .entry((x.kind, normalize(&x.name)))
                .or_insert_with(|| OtherName {
                    name: x.name.clone(),
                    kind: x.kind,
                    actors: Vec::new(),
                });
            if !e.actors.contains(&i) {
                e.actors.push(i);
            }
        }
    }
    let mut out: Vec<OtherName> = by_key.into_values().collect();
    crate::sort::sort_by(&mut out, |a, b| {
        a.kind
            .cmp(&b.kind)
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
    });
    out
}

/// The kind of a name when no actor carries it as a group or tracking name: "Grizzly Steppe"
/// is a report title wherever it appears.
pub fn kind_of_name(catalog: &Catalog, name: &str) -> Option<crate::NameKind> {
    let key = normalize(name);
    let kinds: BTreeSet<crate::NameKind> = catalog
        .actors()
        .iter()
        .flat_map(|a| &a.aliases)
        .filter(|x| normalize(&x.name) == key)
        .map(|x| x.kind)
        .collect();
    match kinds.iter().collect::<Vec<_>>().as_slice() {
        [k] if !k.can_conflict() => Some(**k),
        _ => None,
    }
}

/// Which rows and columns the matrix shows, in which order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MatrixQuery {
    /// Keep actors with a name containing this text (normalised); empty keeps all.
    pub text: String,
    /// Keep actors with this suspected origin country; empty keeps all.
    pub origin: String,
    /// Keep actors that this vendor names; empty keeps all.
    pub vendor: String,
    /// Column ids in display order; empty means the default columns.
    pub columns: Vec<String>,
    /// Sort by this column's first name, or by the group's name ([`SORT_BY_NAME`]); empty
    /// sorts the groups named by the most vendors first. Ties go by the group's name.
    pub sort: String,
    pub descending: bool,
}

/// How many vendor columns the matrix shows when none are chosen.
pub const DEFAULT_COLUMNS: usize = 10;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Matrix {
    pub columns: Vec<Column>,
    /// Actor indices, in display order.
    pub rows: Vec<usize>,
}

/// The matrix view: filtered rows in order, and the chosen columns.
pub fn matrix(catalog: &Catalog, q: &MatrixQuery) -> Matrix {
    let all = columns(catalog);
    let chosen: Vec<Column> = if q.columns.is_empty() {
        all.iter().take(DEFAULT_COLUMNS).cloned().collect()
    } else {
        q.columns
            .iter()
            .filter_map(|id| all.iter().find(|c| &c.id == id).cloned())
            .collect()
    };
    let text = normalize(&q.text);
    let mut rows: Vec<usize> = catalog
        .actors()
        .iter()
        .enumerate()
        .filter(|(_, a)| {
            (text.is_empty()
                || normalize(&a.name).contains(&text)
                || a.aliases.iter().any(|x| normalize(&x.name).contains(&text)))
                && (q.origin.is_empty() || a.origin.as_ref().is_some_and(|o| o.country == q.origin))
                && (q.vendor.is_empty() || !names_for(a, &q.vendor).is_empty())
        })
        .map(|(i, _)| i)
        .collect();
    let actors = catalog.actors();
    let by_name = |i: usize| (actors[i].name.to_lowercase(), actors[i].id.clone());
    if q.sort.is_empty() {
        // The most named first: the first screen is full rather than empty cells.
        crate::sort::sort_by_cached_key(&mut rows, |&i| {
            (std::cmp::Reverse(vendor_count(&actors[i])), by_name(i))
        });
        if q.descending {
            rows.reverse();
        }
    } else if q.sort == SORT_BY_NAME {
        crate::sort::sort_by_cached_key(&mut rows, |&i| by_name(i));
        if q.descending {
            rows.reverse();
        }
    } else {
        // Actors without a name in the sort column go last in either direction.
        let key = |i: usize| {
            names_for(&actors[i], &q.sort)
                .first()
                .map(|a| a.name.to_lowercase())
        };
        crate::sort::sort_by_cached_key(&mut rows, |&i| by_name(i));
        crate::sort::sort_by(&mut rows, |&x, &y| match (key(x), key(y)) {
            (Some(a), Some(b)) if q.descending => b.cmp(&a),
            (Some(a), Some(b)) => a.cmp(&b),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        });
    }
    Matrix {
        columns: chosen,
        rows,
    }
}

/// One page of the matrix's rows: which page it is (the one asked for, brought within
/// range) and the slice of `Matrix::rows` it shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Page {
    /// 1-based, never beyond `count`.
    pub number: usize,
    /// At least 1, even with no rows.
    pub count: usize,
    pub start: usize,
    pub end: usize,
}

impl Page {
    /// Page `asked` of `rows` rows, `per_page` to a page. A page beyond the last (an old
    /// link, `?page=99`) shows the last page; page 0 shows the first.
    pub fn of(rows: usize, per_page: usize, asked: usize) -> Page {
        let per_page = per_page.max(1);
        let count = rows.div_ceil(per_page).max(1);
        let number = asked.clamp(1, count);
        let start = (number - 1) * per_page;
        Page {
            number,
            count,
            start,
            end: (start + per_page).min(rows),
        }
    }

    pub fn has_previous(&self) -> bool {
        self.number > 1
    }

    pub fn has_next(&self) -> bool {
        self.number < self.count
    }
}

/// One use of a name: (spelling, vendor id or None, source id).
pub type Use = (String, Option<String>, String);

/// One group's side of a shared name: the spellings it carries and who uses them there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Side {
    pub actor: usize,
    pub uses: Vec<Use>,
}

/// A name that more than one group carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    /// The normalised name: the conflict's stable key.
    pub key: String,
    /// The most common spelling, for display.
    pub name: String,
    pub sides: Vec<Side>,
}

/// The names of a group that can be shared with another group, by the same-name rule
/// ([`crate::text::name_key`]): its display name and its group and tracking names (a
/// report title or an operation that covers two groups is no conflict between them).
pub fn shareable_keys(actor: &Actor) -> BTreeSet<String> {
    std::iter::once(actor.name.as_str())
        .chain(
            actor
                .aliases
                .iter()
                .filter(|x| x.kind.can_conflict())
                .map(|x| x.name.as_str()),
        )
        .map(normalize)
        .filter(|k| !k.is_empty())
        .collect()
}

/// The one computation of shared names: for each name key, the groups (of `actors`) that
/// carry it; a key with two or more is shared. Search, the conflict list, compare and the
/// story reader all read it.
pub fn owners<'a>(
    actors: impl IntoIterator<Item = (usize, &'a Actor)>,
) -> BTreeMap<String, BTreeSet<usize>> {
    let mut out: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
    for (i, a) in actors {
        for key in shareable_keys(a) {
            out.entry(key).or_default().insert(i);
        }
    }
    out
}

/// Every actor carrying a name equal to `name` (after normalisation), with the uses.
pub fn lookup(catalog: &Catalog, name: &str) -> Vec<Side> {
    let key = normalize(name);
    if key.is_empty() {
        return Vec::new();
    }
    catalog
        .actors()
        .iter()
        .enumerate()
        .filter_map(|(i, a)| {
            let mut uses: Vec<(String, Option<String>, String)> = a
                .aliases
                .iter()
                .filter(|x| normalize(&x.name) == key)
                .map(|x| (x.name.clone(), x.vendor.clone(), x.source.clone()))
                .collect();
            if uses.is_empty() && normalize(&a.name) == key {
                uses.push((
                    a.name.clone(),
                    None,
                    a.sources.first().cloned().unwrap_or_default(),
                ));
            }
            (!uses.is_empty()).then_some(Side { actor: i, uses })
        })
        .collect()
}

/// Every name carried by more than one actor, sorted by spelling.
pub fn conflicts(catalog: &Catalog) -> Vec<Conflict> {
    let all = catalog.actors();
    let mut by_key: BTreeMap<String, BTreeMap<usize, Vec<Use>>> = BTreeMap::new();
    for (key, holders) in owners(all.iter().enumerate()) {
        if holders.len() < 2 {
            continue;
        }
        let sides = by_key.entry(key.clone()).or_default();
        for i in holders {
            let a = &all[i];
            let mut uses: Vec<Use> = a
                .aliases
                .iter()
                .filter(|x| x.kind.can_conflict() && normalize(&x.name) == key)
                .map(|x| (x.name.clone(), x.vendor.clone(), x.source.clone()))
                .collect();
            if uses.is_empty() {
                // Only its display name carries the key.
                uses.push((
                    a.name.clone(),
                    None,
                    a.sources.first().cloned().unwrap_or_default(),
                ));
            }
            sides.insert(i, uses);
        }
    }
    let mut out: Vec<Conflict> = by_key
        .into_iter()
        .filter(|(_, sides)| sides.len() > 1)
        .map(|(key, sides)| {
            let mut spellings: BTreeMap<&str, usize> = BTreeMap::new();
            for uses in sides.values() {
                for (n, _, _) in uses {
                    *spellings.entry(n.as_str()).or_default() += 1;
                }
            }
            let name = spellings
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                .map(|(n, _)| n.to_string())
                .unwrap_or_default();
            Conflict {
                key,
                name,
                sides: sides
                    .into_iter()
                    .map(|(actor, uses)| Side { actor, uses })
                    .collect(),
            }
        })
        .collect();
    crate::sort::sort_by(&mut out, |a, b| {
        a.name
            .to_lowercase()
            .cmp(&b.name.to_lowercase())
            .then_with(|| a.key.cmp(&b.key))
    });
    out
}

/// The shared names one actor is part of.
pub fn conflicts_of(all: &[Conflict], actor: usize) -> Vec<&Conflict> {
    all.iter()
        .filter(|c| c.sides.iter().any(|s| s.actor == actor))
        .collect()
}

/// Two to four actors side by side: per column, each actor's names; and the names that more
/// than one of them carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comparison {
    pub actors: Vec<usize>,
    /// (column, names per actor in `actors` order); only columns where someone has a name.
    pub rows: Vec<(Column, Vec<Vec<String>>)>,
    /// Normalised names carried by at least two of the compared actors.
    pub shared: BTreeSet<String>,
}

pub const MAX_COMPARED: usize = 4;

/// Compares the actors with these ids (unknown ids are skipped, duplicates dropped, at most
/// [`MAX_COMPARED`]).
pub fn compare(catalog: &Catalog, ids: &[String]) -> Comparison {
    let mut actors: Vec<usize> = Vec::new();
    for id in ids {
        if let Some(i) = catalog.actors().iter().position(|a| &a.id == id) {
            if !actors.contains(&i) && actors.len() < MAX_COMPARED {
                actors.push(i);
            }
        }
    }
    let all = catalog.actors();
    let shared = owners(actors.iter().map(|&i| (i, &all[i])))
        .into_iter()
        .filter(|(_, o)| o.len() > 1)
        .map(|(k, _)| k)
        .collect();
    let rows = columns(catalog)
        .into_iter()
        .filter_map(|col| {
            let names: Vec<Vec<String>> = actors
                .iter()
                .map(|&i| {
                    let mut v: Vec<String> = names_for(&all[i], &col.id)
                        .iter()
                        .map(|a| a.name.clone())
                        .collect();
                    v.dedup();
                    v
                })
                .collect();
            names.iter().any(|n| !n.is_empty()).then_some((col, names))
        })
        .collect();
    Comparison {
        actors,
        rows,
        shared,
    }
}

/// The matrix view as CSV: actor id, name, origin, one column per chosen vendor (names
/// joined with "; "), and the sources those names come from.
pub fn export_csv(catalog: &Catalog, m: &Matrix) -> String {
    let mut out = String::new();
    let mut header = vec!["actor_id".to_string(), "actor_name".into(), "origin".into()];
    header.extend(m.columns.iter().map(|c| c.name.clone()));
    header.push("sources".into());
    push_csv_row(&mut out, &header);
    for row in export_rows(catalog, m) {
        let mut cells = vec![row.id, row.name, row.origin];
        cells.extend(row.names.into_iter().map(|n| n.join("; ")));
        cells.push(row.sources.join("; "));
        push_csv_row(&mut out, &cells);
    }
    out
}

/// The matrix view as JSON: `{ "columns": [...], "rows": [{ "id", "name", "origin",
/// "names": { column id: [names] }, "sources": [...] }] }`.
pub fn export_json(catalog: &Catalog, m: &Matrix) -> String {
    let rows: Vec<serde_json::Value> = export_rows(catalog, m)
        .into_iter()
        .map(|r| {
            let names: serde_json::Map<String, serde_json::Value> = m
                .columns
                .iter()
                .zip(r.names)
                .map(|(c, n)| (c.id.clone(), serde_json::json!(n)))
                .collect();
            serde_json::json!({ "id": r.id, "name": r.name, "origin": r.origin, "names": names, "sources": r.sources })
        })
        .collect();
    let columns: Vec<serde_json::Value> = m
        .columns
        .iter()
        .map(|c| serde_json::json!({ "id": c.id, "name": c.name }))
        .collect();
    serde_json::to_string_pretty(&serde_json::json!({ "columns": columns, "rows": rows }))
        .expect("JSON values serialise")
}

struct ExportRow {
    id: String,
    name: String,
    origin: String,
    names: Vec<Vec<String>>,
    sources: Vec<String>,
}

fn export_rows(catalog: &Catalog, m: &Matrix) -> Vec<ExportRow> {
    m.rows
        .iter()
        .map(|&i| {
            let a = &catalog.actors()[i];
            let mut sources = BTreeSet::new();
            let names = m
                .columns
                .iter()
                .map(|c| {
                    names_for(a, &c.id)
                        .into_iter()
                        .map(|x| {
                            sources.insert(
                                catalog
                                    .source(&x.source)
                                    .map(|s| s.name.clone())
                                    .unwrap_or_else(|| x.source.clone()),
                            );
                            x.name.clone()
                        })
                        .collect()
                })
                .collect();
            ExportRow {
                id: a.id.clone(),
                name: a.name.clone(),
                origin: a
                    .origin
                    .as_ref()
                    .map(|o| o.country.clone())
                    .unwrap_or_default(),
                names,
                sources: sources.into_iter().collect(),
            }
        })
        .collect()
}

/// Quotes every field, doubles quotes inside, and defuses spreadsheet formulas (a cell
/// starting with = + - @ is prefixed with a quote mark), since exported names are
/// third-party text.
pub(crate) fn push_csv_row(out: &mut String, cells: &[String]) {
    let escaped: Vec<String> = cells
        .iter()
        .map(|c| {
            let c = if c.starts_with(['=', '+', '-', '@', '\t', '\r']) {
                format!("'{c}")
            } else {
                c.clone()
            };
            format!("\"{}\"", c.replace('"', "\"\""))
        })
        .collect();
    out.push_str(&escaped.join(","));
    out.push_str("\r\n");
}

#[cfg(test)]
mod page_tests {
    use super::Page;

    #[test]
    fn a_page_beyond_the_end_is_the_last_page_not_an_empty_one() {
        // Issue 16's bug: `aliases?page=99` drew an empty table saying "Page N of N".
        let p = Page::of(250, 100, 99);
        assert_eq!((p.number, p.count, p.start, p.end), (3, 3, 200, 250));
        assert!(p.has_previous() && !p.has_next());
        let first = Page::of(250, 100, 0);
        assert_eq!((first.number, first.start, first.end), (1, 0, 100));
        let empty = Page::of(0, 100, 5);
        assert_eq!(
            (empty.number, empty.count, empty.start, empty.end),
            (1, 1, 0, 0)
        );
        assert!(!empty.has_previous() && !empty.has_next());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture() -> Catalog {
        let json = r#"{"schema":1,"info":{"title":"t","version":"1"},
          "sources":[{"id":"s","name":"Source S","kind":"dataset"},{"id":"d","name":"Doc D","kind":"document"}],
          "vendors":[{"id":"ms","name":"Microsoft"},{"id":"cs","name":"CrowdStrike"},{"id":"k","name":"Kaspersky"}],
          "actors":[
            {"id":"apt27","name":"APT27","origin":{"country":"China","source":"s"},"aliases":[
              {"name":"Linen Typhoon","vendor":"ms","source":"s"},{"name":"EMISSARY PANDA","vendor":"cs","source":"s"},
              {"name":"LuckyMouse","vendor":"k","source":"d"},{"name":"Grizzly Steppe","source":"s"}]},
            {"id":"apt28","name":"APT28","origin":{"country":"Russia","source":"s"},"aliases":[
              {"name":"FANCY BEAR","vendor":"cs","source":"s"},{"name":"grizzly-steppe","source":"s"},{"name":"=cmd()","vendor":"k","source":"s"}]},
            {"id":"apt31","name":"APT31","origin":{"country":"China","source":"s"},"aliases":[
              {"name":"Violet Typhoon","vendor":"ms","source":"s"},{"name":"Linen Typhoon","vendor":"ms","source":"s"}]}
          ]}"#;
        crate::parse(json).unwrap().0
    }

    #[test]
    fn a_cell_is_markup_with_every_name_its_source_and_decoder_escaped() {
        let json = r#"{"schema":1,"info":{"title":"t","version":"1"},
          "sources":[{"id":"s","name":"Notes <&> \"S\"","kind":"dataset","url":"https://example.org/a?b=1&c=2"},
            {"id":"bad","name":"Bad","kind":"dataset","url":"javascript:alert(1)"}],
          "vendors":[{"id":"two","name":"Two Forms"}],
          "schemes":[{"vendor":"two","source":"s","forms":[{"last":["Owl"],"meaning":"Ruritania"}]}],
          "actors":[{"id":"a","name":"A","aliases":[
            {"name":"Crimson Owl","vendor":"two","source":"s"},
            {"name":"<img src=x onerror=alert(1)>","vendor":"two","source":"bad"},
            {"name":"Not here","vendor":"other","source":"s"}]}]}"#;
        let (c, _) = crate::parse(json).unwrap();
        let a = &c.actors()[0];
        let cell = cell_markup(&c, a, "two");
        assert_eq!(
            cell.matches(r#"<span class="matrix__name decodable""#)
                .count(),
            2,
            "{cell}"
        );
        assert!(cell.starts_with(r#"<span class="matrix__name decodable" tabindex="0" title="Source: Notes &lt;&amp;&gt; &quot;S&quot;" data-source="Notes &lt;&amp;&gt; &quot;S&quot;">Crimson Owl<span class="matrix__source">Source: Notes &lt;&amp;&gt; &quot;S&quot;</span><span class="decoder" role="tooltip" data-testid="name-decoder">"#), "{cell}");
        assert!(cell.contains(r#"<a class="external-link" href="https://example.org/a?b=1&amp;c=2" rel="noopener noreferrer nofollow">Notes &lt;&amp;&gt; &quot;S&quot;</a>"#), "{cell}");
        // A name is text, never an element.
        assert!(
            !cell.contains("<img") && cell.contains("&lt;img src=x onerror=alert(1)&gt;"),
            "{cell}"
        );
        assert!(!cell.contains("Not here"));
        // Never a link to anything but http(s) (loading already drops such an address).
        assert_eq!(source_markup(&c, "bad"), "<span>Bad</span>");
        assert_eq!(
            source_markup(&c, "nope"),
            r#"<span class="source-ref source-ref--unknown">nope</span>"#
        );
    }

    #[test]
    fn the_matrix_opens_with_the_groups_most_vendors_name() {
        let json = r#"{"schema":1,"info":{"title":"t","version":"1"},
          "sources":[{"id":"s","name":"S","kind":"dataset"}],
          "vendors":[{"id":"a","name":"A"},{"id":"b","name":"B"}],
          "actors":[
            {"id":"first","name":"Aardvark"},
            {"id":"one","name":"Middle","aliases":[{"name":"M1","vendor":"a","source":"s"},{"name":"M2","vendor":"a","source":"s"},{"name":"Op","vendor":"b","source":"s","kind":"operation"}]},
            {"id":"two","name":"Zebra","aliases":[{"name":"Z1","vendor":"a","source":"s"},{"name":"Z2","vendor":"b","source":"s"}]}
          ]}"#;
        let c = crate::parse(json).unwrap().0;
        let order = |sort: &str, descending: bool| -> Vec<String> {
            let q = MatrixQuery {
                sort: sort.into(),
                descending,
                ..Default::default()
            };
            let m = matrix(&c, &q);
            m.rows.iter().map(|&i| c.actors()[i].id.clone()).collect()
        };
        // Two vendors, then one (an operation's name is not the group's), then none.
        assert_eq!(vendor_count(&c.actors()[1]), 1);
        assert_eq!(order("", false), ["two", "one", "first"]);
        assert_eq!(order("", true), ["first", "one", "two"]);
        assert_eq!(order(SORT_BY_NAME, false), ["first", "one", "two"]);
        assert_eq!(order(SORT_BY_NAME, true), ["two", "one", "first"]);
    }

    #[test]
    fn columns_by_how_many_groups_each_vendor_names() {
        let c = fixture();
        let ids: Vec<String> = columns(&c).into_iter().map(|c| c.id).collect();
        assert_eq!(ids, ["cs", "k", "ms", UNATTRIBUTED]);
    }

    #[test]
    fn matrix_filters_sorts_and_picks_columns() {
        let c = fixture();
        let ids = |m: &Matrix| -> Vec<&str> {
            m.rows.iter().map(|&i| c.actors()[i].id.as_str()).collect()
        };
        let all = matrix(&c, &MatrixQuery::default());
        assert_eq!(ids(&all), ["apt27", "apt28", "apt31"]);
        assert_eq!(all.columns.len(), 4);
        let china = matrix(
            &c,
            &MatrixQuery {
                origin: "China".into(),
                ..Default::default()
            },
        );
        assert_eq!(ids(&china), ["apt27", "apt31"]);
        let text = matrix(
            &c,
            &MatrixQuery {
                text: "lucky mouse".into(),
                ..Default::default()
            },
        );
        assert_eq!(ids(&text), ["apt27"]);
        let by_ms = matrix(
            &c,
            &MatrixQuery {
                sort: "ms".into(),
                descending: true,
                ..Default::default()
            },
        );
        assert_eq!(
            ids(&by_ms),
            ["apt31", "apt27", "apt28"],
            "no Microsoft name goes last"
        );
        let cols = matrix(
            &c,
            &MatrixQuery {
                columns: vec!["k".into(), "ms".into(), "nope".into()],
                ..Default::default()
            },
        );
        assert_eq!(
            cols.columns
                .iter()
                .map(|c| c.id.as_str())
                .collect::<Vec<_>>(),
            ["k", "ms"]
        );
        let vendor = matrix(
            &c,
            &MatrixQuery {
                vendor: "k".into(),
                ..Default::default()
            },
        );
        assert_eq!(ids(&vendor), ["apt27", "apt28"]);
    }

    #[test]
    fn conflicts_list_both_sides_with_their_uses() {
        let c = fixture();
        let all = conflicts(&c);
        let names: Vec<&str> = all.iter().map(|x| x.name.as_str()).collect();
        assert_eq!(names, ["Grizzly Steppe", "Linen Typhoon"]);
        let g = &all[0];
        assert_eq!(g.sides.len(), 2);
        assert_eq!(
            g.sides[1].uses[0].0, "grizzly-steppe",
            "each side keeps its own spelling"
        );
        assert_eq!(conflicts_of(&all, 2).len(), 1);
    }

    #[test]
    fn lookup_finds_every_owner_of_a_name() {
        let c = fixture();
        let sides = lookup(&c, "GRIZZLY STEPPE");
        let ids: Vec<&str> = sides
            .iter()
            .map(|s| c.actors()[s.actor].id.as_str())
            .collect();
        assert_eq!(ids, ["apt27", "apt28"]);
        assert!(lookup(&c, "nothing at all").is_empty());
        assert!(lookup(&c, "  ").is_empty());
    }

    #[test]
    fn comparison_marks_shared_names() {
        let c = fixture();
        let cmp = compare(
            &c,
            &[
                "apt27".into(),
                "apt31".into(),
                "apt31".into(),
                "ghost".into(),
            ],
        );
        assert_eq!(cmp.actors, [0, 2]);
        assert!(cmp.shared.contains("linentyphoon"));
        let ms = cmp.rows.iter().find(|(col, _)| col.id == "ms").unwrap();
        assert_eq!(
            ms.1,
            [
                vec!["Linen Typhoon".to_string()],
                vec!["Violet Typhoon".into(), "Linen Typhoon".into()]
            ]
        );
        assert!(!cmp
            .rows
            .iter()
            .any(|(col, _)| col.id == "k" && col.actors == 0));
    }

    #[test]
    fn csv_export_has_a_header_a_row_per_actor_and_sources() {
        let c = fixture();
        let m = matrix(
            &c,
            &MatrixQuery {
                columns: vec!["cs".into(), "k".into(), UNATTRIBUTED.into()],
                ..Default::default()
            },
        );
        let csv = export_csv(&c, &m);
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines.len(), 4);
        assert_eq!(
            lines[0],
            r#""actor_id","actor_name","origin","CrowdStrike","Kaspersky","Vendor not recorded","sources""#
        );
        assert_eq!(
            lines[1],
            r#""apt27","APT27","China","EMISSARY PANDA","LuckyMouse","Grizzly Steppe","Doc D; Source S""#
        );
        assert!(
            lines[2].contains(r#","'=cmd()","#),
            "formulas are defused: {}",
            lines[2]
        );
        let json: serde_json::Value = serde_json::from_str(&export_json(&c, &m)).unwrap();
        assert_eq!(json["rows"].as_array().unwrap().len(), 3);
        assert_eq!(json["rows"][0]["names"]["k"][0], "LuckyMouse");
    }
}
