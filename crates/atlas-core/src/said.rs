//! "Who said it": the governments and alliances that have acted in public — attributions,
//! advisories, indictments, sanctions, takedowns — what each attributed to whom and when, and
//! what the home page shows before any query (the latest actions and the groups most
//! present in them), and each group's naming history as dated statements show it.
//!
//! A party is read from an event's `attributed_by` entries, which are written as
//! "United States — Treasury OFAC": the part before the dash. An entry that is a note about
//! who joined ("Reported as joined by Australia, Canada, …") is not a party of its own; the
//! event still shows it as written.

use crate::model::Event;
use crate::Catalog;

/// Most words a party's name has ("United States", "European Union", "Czech Republic").
const MAX_PARTY_WORDS: usize = 4;

/// The government or alliance an `attributed_by` entry names, when it names one.
pub fn party_of(entry: &str) -> Option<&str> {
    let name = crate::timeline::party_name(entry);
    let words = name.split_whitespace().count();
    let proper = name.chars().next().is_some_and(char::is_uppercase)
        && !name.contains([',', ':', ';', '(', ')', '.'])
        && (1..=MAX_PARTY_WORDS).contains(&words);
    proper.then_some(name)
}

/// The address form of a party's name: "United States" → "united-states".
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// The parties of a government action, each once, in the order written; none for other
/// kinds of event (a vendor report, an ATT&CK campaign).
pub fn parties(e: &Event) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    if !e.kind.is_government() {
        return out;
    }
    for p in e.attributed_by.iter().filter_map(|p| party_of(p)) {
        if !out.contains(&p) {
            out.push(p);
        }
    }
    out
}

/// One government or alliance, as the list of parties shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Party {
    pub slug: String,
    pub name: String,
    /// Government actions it took part in.
    pub actions: usize,
    /// Years of its first and latest action.
    pub first: i32,
    pub last: i32,
}

/// Every party in the catalog, the most active first (then by name).
pub fn all_parties(catalog: &Catalog) -> Vec<Party> {
    let mut out: Vec<Party> = Vec::new();
    for e in catalog.events() {
        let year = e.date.year_value();
        for p in parties(e) {
            let slug = slug(p);
            match out.iter_mut().find(|x| x.slug == slug) {
                Some(x) => {
                    x.actions += 1;
                    x.first = x.first.min(year);
                    x.last = x.last.max(year);
                }
                None => out.push(Party {
                    slug,
                    name: p.to_string(),
                    actions: 1,
                    first: year,
                    last: year,
                }),
            }
        }
    }
    crate::sort::sort_by(&mut out, |a, b| {
        b.actions
            .cmp(&a.actions)
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
    });
    out
}

/// One party's page: what it attributed to whom and when.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartyPage {
    pub slug: String,
    pub name: String,
    /// Its actions, newest first (catalog event indices).
    pub events: Vec<usize>,
    /// Actions per year, every year from its first to its latest (zeros included), so a
    /// chart of them has no gaps.
    pub per_year: Vec<(i32, usize)>,
    /// The groups its actions name: (actor index, how many actions), the most named first.
    pub groups: Vec<(usize, usize)>,
}

/// The page of the party whose slug is `slug`, if the catalog has one.
pub fn party_page(catalog: &Catalog, slug_wanted: &str) -> Option<PartyPage> {
    let mut name: Option<String> = None;
    let mut events: Vec<usize> = Vec::new();
    for (i, e) in catalog.events().iter().enumerate() {
        if let Some(p) = parties(e).into_iter().find(|p| slug(p) == slug_wanted) {
            name.get_or_insert_with(|| p.to_string());
            events.push(i);
        }
    }
    let name = name?;
    newest_first(catalog, &mut events);
    let years: Vec<i32> = events
        .iter()
        .map(|&i| catalog.events()[i].date.year_value())
        .collect();
    let (first, last) = (*years.iter().min()?, *years.iter().max()?);
    let per_year = (first..=last)
        .map(|y| (y, years.iter().filter(|&&x| x == y).count()))
        .collect();
    Some(PartyPage {
        slug: slug_wanted.to_string(),
        name,
        groups: named_groups(catalog, &events),
        events,
        per_year,
    })
}

/// Sorts event indices newest first; an event known to the month or year sorts by its first
/// day, ties by id.
fn newest_first(catalog: &Catalog, events: &mut [usize]) {
    let all = catalog.events();
    crate::sort::sort_by(events, |&a, &b| {
        let (ea, eb) = (&all[a], &all[b]);
        eb.date
            .bounds()
            .0
            .cmp(&ea.date.bounds().0)
            .then_with(|| ea.id.cmp(&eb.id))
    });
}

/// The groups these events name, with how many of them name each, the most named first
/// (then in catalog order). Ids the catalog does not know are left out.
fn named_groups(catalog: &Catalog, events: &[usize]) -> Vec<(usize, usize)> {
    let mut counts: Vec<(usize, usize)> = Vec::new();
    for &i in events {
        let mut seen: Vec<usize> = Vec::new();
        for id in catalog.events()[i].claims.iter().flat_map(|c| &c.actors) {
            let Some(a) = catalog.actor_position(id) else {
                continue;
            };
            if seen.contains(&a) {
                continue;
            }
            seen.push(a);
            match counts.iter_mut().find(|(x, _)| *x == a) {
                Some((_, n)) => *n += 1,
                None => counts.push((a, 1)),
            }
        }
    }
    crate::sort::sort_by(&mut counts, |a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    counts
}

/// The latest `n` government actions, newest first.
pub fn latest_actions(catalog: &Catalog, n: usize) -> Vec<usize> {
    let mut events: Vec<usize> = (0..catalog.events().len())
        .filter(|&i| catalog.events()[i].kind.is_government())
        .collect();
    newest_first(catalog, &mut events);
    events.truncate(n);
    events
}

/// The `n` groups named by the most government actions: (actor index, actions).
pub fn most_present(catalog: &Catalog, n: usize) -> Vec<(usize, usize)> {
    let events: Vec<usize> = (0..catalog.events().len())
        .filter(|&i| catalog.events()[i].kind.is_government())
        .collect();
    let mut groups = named_groups(catalog, &events);
    groups.truncate(n);
    groups
}

/// The first dated public statement that used one of a group's names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FirstUse {
    /// The name as the group's record writes it.
    pub name: String,
    /// The catalog index of the earliest event whose names as stated use it for the group.
    pub event: usize,
}

/// A group's naming history as far as dated statements show it: for each of its names, the
/// earliest event (a government action, a vendor report, an ATT&CK campaign) that names the
/// group by it, oldest first. A name counts as used where its words stand in the names as
/// stated, however spaced ("APT 31" is APT31; "APT3" is not in "APT31").
pub fn naming_history(catalog: &Catalog, actor: &crate::Actor) -> Vec<FirstUse> {
    let events = catalog.events();
    // The group's statements, oldest first, each with the keyed words of its claims about
    // the group: read once, whatever the number of names.
    let mut statements: Vec<usize> = catalog.event_indices_for(&actor.id).to_vec();
    crate::sort::sort_by(&mut statements, |&a, &b| {
        oldest_first(&events[a], &events[b])
    });
    let claims: Vec<(usize, Vec<Vec<String>>)> = statements
        .into_iter()
        .map(|i| {
            let words = events[i]
                .claims
                .iter()
                .filter(|c| c.actors.contains(&actor.id))
                .map(|c| keyed_words(&c.names_as_stated))
                .collect();
            (i, words)
        })
        .collect();
    let mut keys: Vec<String> = Vec::new();
    let mut out: Vec<FirstUse> = Vec::new();
    let names = std::iter::once(&actor.name).chain(actor.aliases.iter().map(|a| &a.name));
    for name in names {
        let key = crate::text::name_key(name);
        if key.is_empty() || keys.contains(&key) {
            continue;
        }
        let first = claims
            .iter()
            .find(|(_, words)| words.iter().any(|w| uses(w, &key)));
        if let Some(&(event, _)) = first {
            out.push(FirstUse {
                name: name.clone(),
                event,
            });
        }
        keys.push(key);
    }
    crate::sort::sort_by(&mut out, |a, b| {
        oldest_first(&events[a.event], &events[b.event])
    });
    out
}

/// Events by the first day their date may stand for, then by id.
fn oldest_first(a: &Event, b: &Event) -> std::cmp::Ordering {
    a.date
        .bounds()
        .0
        .cmp(&b.date.bounds().0)
        .then_with(|| a.id.cmp(&b.id))
}

/// The words of `text`, each keyed like a name.
fn keyed_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(crate::text::name_key)
        .collect()
}

/// Whether consecutive `words` (keyed), joined, make `key`.
fn uses(words: &[String], key: &str) -> bool {
    (0..words.len()).any(|start| {
        let mut joined = String::new();
        for w in &words[start..] {
            joined.push_str(w);
            if joined == key {
                return true;
            }
            if !key.starts_with(&joined) {
                return false;
            }
        }
        false
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A dataset written for these tests: Ruritania acts three times, once with Freedonia
    /// and a note about who joined; a vendor report and a campaign have no parties.
    const DATA: &str = r#"{"schema":1,"info":{"title":"t","version":"1"},
      "sources":[{"id":"s","name":"S","kind":"dataset"}],
      "actors":[{"id":"a","name":"Alpha","sources":["s"]},{"id":"b","name":"Beta","sources":["s"]}],
      "events":[
        {"id":"e1","date":"2019-05-02","kind":"indictment","title":"One","attributed_by":["Ruritania — Ministry of Justice (grand jury)"],"claims":[{"names_as_stated":"Alpha","actors":["a"]}]},
        {"id":"e2","date":"2021-07","kind":"government-attribution","title":"Two","attributed_by":["Ruritania","Freedonia — Foreign Office","Reported as joined by Sylvania, Tomainia"],"claims":[{"names_as_stated":"Alpha","actors":["a"]},{"names_as_stated":"Beta and Alpha","actors":["b","a","zzz"]}]},
        {"id":"e3","date":"2021-07-20","kind":"sanction","title":"Three","attributed_by":["Ruritania — Treasury"],"claims":[{"names_as_stated":"Beta","actors":["b"]}]},
        {"id":"e4","date":"2024","kind":"vendor-report","title":"Four","attributed_by":["Vendor V"],"claims":[{"names_as_stated":"Alpha","actors":["a"]}]},
        {"id":"e5","date":"2022","kind":"campaign","title":"Five","attributed_by":["MITRE ATT&CK"],"claims":[{"names_as_stated":"Alpha","actors":["a"]}]}
      ]}"#;

    fn catalog() -> Catalog {
        crate::parse(DATA).expect("fixture parses").0
    }

    #[test]
    fn a_party_is_the_government_before_the_dash_and_never_a_note() {
        assert_eq!(
            party_of("United States — Treasury OFAC"),
            Some("United States")
        );
        assert_eq!(party_of("NATO"), Some("NATO"));
        assert_eq!(party_of("Czech Republic"), Some("Czech Republic"));
        assert_eq!(
            party_of("Reported as joined by Australia, Canada, Japan"),
            None
        );
        assert_eq!(
            party_of("Said by an adviser to be joined by the United Kingdom and others"),
            None
        );
        assert_eq!(party_of("International partners (joint advisory)"), None);
        assert_eq!(party_of(""), None);
        assert_eq!(slug("United States"), "united-states");
        assert_eq!(slug("  Côte d'Ivoire "), "côte-d-ivoire");
    }

    #[test]
    fn only_government_actions_have_parties() {
        let c = catalog();
        let by_id = |id: &str| c.events().iter().find(|e| e.id == id).unwrap();
        assert_eq!(parties(by_id("e2")), ["Ruritania", "Freedonia"]);
        assert!(parties(by_id("e4")).is_empty());
        assert!(parties(by_id("e5")).is_empty());
    }

    #[test]
    fn parties_are_listed_by_how_often_they_acted() {
        let p = all_parties(&catalog());
        let names: Vec<_> = p.iter().map(|p| (p.name.as_str(), p.actions)).collect();
        assert_eq!(names, [("Ruritania", 3), ("Freedonia", 1)]);
        assert_eq!((p[0].first, p[0].last), (2019, 2021));
    }

    #[test]
    fn a_party_page_lists_its_actions_newest_first_with_every_year_counted() {
        let c = catalog();
        let page = party_page(&c, "ruritania").expect("a page");
        let ids: Vec<_> = page
            .events
            .iter()
            .map(|&i| c.events()[i].id.as_str())
            .collect();
        // e3 (20 July 2021) is after e2, which is known only to the month (from 1 July).
        assert_eq!(ids, ["e3", "e2", "e1"]);
        assert_eq!(page.per_year, [(2019, 1), (2020, 0), (2021, 2)]);
        let groups: Vec<_> = page
            .groups
            .iter()
            .map(|&(a, n)| (c.actors()[a].id.as_str(), n))
            .collect();
        // Alpha is named by two actions, Beta by two; an unknown id is left out.
        assert_eq!(groups, [("a", 2), ("b", 2)]);
        assert!(party_page(&c, "sylvania").is_none());
        assert!(party_page(&c, "").is_none());
    }

    #[test]
    fn a_naming_history_dates_each_name_by_its_first_statement() {
        let json = r#"{"schema":1,"info":{"title":"t","version":"1"},
          "sources":[{"id":"s","name":"S","kind":"dataset"}],
          "actors":[{"id":"a","name":"GRP31","aliases":[{"name":"Crimson Owl","source":"s"},{"name":"GRP3","source":"s"},{"name":"Never Said","source":"s"}]},
                    {"id":"b","name":"Other","sources":["s"]}],
          "events":[
            {"id":"late","date":"2024-02-01","kind":"sanction","title":"t","claims":[{"names_as_stated":"GRP 31, also known as Crimson-Owl","actors":["a"]}]},
            {"id":"early","date":"2019","kind":"vendor-report","title":"t","claims":[{"names_as_stated":"GRP31","actors":["a"]}]},
            {"id":"elsewhere","date":"2010","kind":"advisory","title":"t","claims":[{"names_as_stated":"Crimson Owl","actors":["b"]}]}
          ]}"#;
        let c = crate::parse(json).unwrap().0;
        let h = naming_history(&c, &c.actors()[0]);
        let got: Vec<_> = h
            .iter()
            .map(|f| (f.name.as_str(), c.events()[f.event].id.as_str()))
            .collect();
        // "GRP3" is not in "GRP31"; a statement about another group does not count.
        assert_eq!(got, [("GRP31", "early"), ("Crimson Owl", "late")]);
        assert!(uses(&keyed_words("APT 31 (Zirconium)"), "apt31"));
        assert!(!uses(&keyed_words("APT31"), "apt3"));
        assert!(!uses(&keyed_words(""), "apt3"));
    }

    #[test]
    fn the_home_page_shows_the_latest_actions_and_the_groups_most_named() {
        let c = catalog();
        let latest: Vec<_> = latest_actions(&c, 2)
            .into_iter()
            .map(|i| c.events()[i].id.as_str())
            .collect();
        assert_eq!(latest, ["e3", "e2"]);
        let most: Vec<_> = most_present(&c, 5)
            .into_iter()
            .map(|(a, n)| (c.actors()[a].id.as_str(), n))
            .collect();
        assert_eq!(most, [("a", 2), ("b", 2)]);
    }
}
