//! Reading a story: every name of every group that a text uses, where it stands in the text,
//! and who owns it — one group, several (a shared name), or none that the atlas knows ("APT99"
//! in the form of a vendor's name).
//!
//! The text is cut into words (runs of letters and digits) and each word keyed like every
//! name (`text::name_key`: case, diacritics and punctuation dropped). From each word, the
//! search index's sorted table of name keys is walked as a trie: the next word is added while
//! it is joined to the last by at most two spaces, hyphens or underscores, or by one dot
//! ("APT 31", "APT-31", "Lucky Mouse", "TEMP.Veles"), and some key still starts with what has been read;
//! the longest exact key found wins, and reading goes on after it. So a name is found only
//! at word boundaries ("APT3" is not in "APT31"), and of two overlapping names the longer one
//! is taken. "Advanced Persistent Threat" is read as "APT", the long form governments use.
//!
//! A one-word name that is also an ordinary word — a chemical element, the words of
//! Microsoft's scheme before 2023 (GALLIUM, LEAD) — is reported only where the story
//! capitalises it, and then as a name that may not mean the group.

use std::collections::HashMap;

use crate::search::SearchIndex;
use crate::{Catalog, NameKind};

/// Words read as one piece: the long forms of names governments use.
const LONG_FORMS: &[(&[&str], &str)] = &[(&["advanced", "persistent", "threat"], "apt")];

/// The most words one name may span.
const MAX_WORDS: usize = 8;

/// Keys shorter than this are never a match on their own (two letters are too often a word).
const MIN_KEY: usize = 3;

/// One name found in the text.
#[derive(Clone, Debug, PartialEq)]
pub struct Mention {
    /// Byte range of the name in the text: exactly the story's words.
    pub start: usize,
    pub end: usize,
    pub reading: Reading,
}

/// What a found name is.
#[derive(Clone, Debug, PartialEq)]
pub enum Reading {
    /// A name the atlas knows: each owner as (actor index, alias index; `None` for the
    /// actor's display name). More than one owner: a shared name.
    Known {
        owners: Vec<(usize, Option<usize>)>,
        /// Also an ordinary word (an element name): it may not mean the group.
        ordinary_word: bool,
    },
    /// In the form of a vendor's group name ("APT?#", "Storm-#"), but no group has it.
    Unknown {
        /// The vendor whose scheme the form is.
        vendor: String,
    },
}

/// A group the story names, in the order it first appears.
#[derive(Clone, Debug, PartialEq)]
pub struct StoryGroup {
    pub actor: usize,
    /// The names the story used for it, each once, in order of first use.
    pub names: Vec<UsedName>,
    /// Whether a name it carries only with other groups was used (see [`Story::shared`]).
    pub uncertain: bool,
}

/// A name of a group as the story used it.
#[derive(Clone, Debug, PartialEq)]
pub struct UsedName {
    /// The alias it matched (`None`: the display name).
    pub alias: Option<usize>,
    /// As first written in the story.
    pub written: String,
    pub count: usize,
    /// What kind of name it is (a malware or operation name says something about a group
    /// without being its name).
    pub kind: NameKind,
    pub ordinary_word: bool,
}

/// A name several groups carry, with what in the story could decide between them.
#[derive(Clone, Debug, PartialEq)]
pub struct SharedName {
    pub written: String,
    pub candidates: Vec<usize>,
    /// For each candidate, the other names of it the story uses unambiguously.
    pub evidence: Vec<(usize, Vec<String>)>,
}

/// Everything a story names.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Story {
    pub mentions: Vec<Mention>,
    /// Groups named by a name only they carry.
    pub groups: Vec<StoryGroup>,
    pub shared: Vec<SharedName>,
    /// Group-like names the atlas does not know, each once: (as written, vendor).
    pub unknown: Vec<(String, String)>,
}

struct Word {
    start: usize,
    end: usize,
    /// The word's key (`text::name_key`) is `keys[k0..k1]`: one buffer for every word of
    /// the story rather than a string each.
    k0: usize,
    k1: usize,
}

/// The story's words, and the buffer that holds their keys.
struct Words {
    list: Vec<Word>,
    keys: String,
}

impl Words {
    fn key(&self, j: usize) -> &str {
        &self.keys[self.list[j].k0..self.list[j].k1]
    }
}

fn words(text: &str) -> Words {
    let mut out = Words {
        list: Vec::with_capacity(text.len() / 6),
        keys: String::with_capacity(text.len()),
    };
    let push = |out: &mut Words, s: usize, e: usize| {
        let k0 = out.keys.len();
        let word = &text[s..e];
        if word.is_ascii() {
            // `name_key` of an ASCII word: its letters and digits in lower case.
            out.keys.extend(
                word.bytes()
                    .filter(u8::is_ascii_alphanumeric)
                    .map(|b| char::from(b.to_ascii_lowercase())),
            );
        } else {
            out.keys.push_str(&crate::text::name_key(word));
        }
        let k1 = out.keys.len();
        out.list.push(Word {
            start: s,
            end: e,
            k0,
            k1,
        });
    };
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                push(&mut out, s, i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        push(&mut out, s, text.len());
    }
    out
}

/// Whether the text between two words joins them into one name: up to two spaces, hyphens
/// or underscores, or one dot with nothing else ("TEMP.Veles"; "Judgment. Panda" is two
/// sentences).
fn joined(gap: &str) -> bool {
    gap == "."
        || (gap.chars().count() <= 2
            && gap
                .chars()
                .all(|c| matches!(c, ' ' | '-' | '_' | '\u{a0}' | '\u{2010}' | '\u{2011}')))
}

/// The piece of a key that starts at word `j`: with `long`, a long form (and the word after
/// it), else the word's own key.
fn piece<'a>(text: &str, w: &'a Words, j: usize, long: bool) -> (&'a str, usize) {
    for (form, short) in LONG_FORMS.iter().filter(|_| long) {
        let n = form.len();
        if j + n <= w.list.len()
            && form.iter().enumerate().all(|(k, f)| w.key(j + k) == *f)
            && (1..n).all(|k| joined(&text[w.list[j + k - 1].end..w.list[j + k].start]))
        {
            return (short, j + n);
        }
    }
    (w.key(j), j + 1)
}

fn is_ordinary_word(name: &str) -> bool {
    let name = name.trim();
    !name.contains(char::is_whitespace)
        && crate::naming::ELEMENTS
            .iter()
            .any(|e| e.eq_ignore_ascii_case(name))
}

/// Reads `text` for the names of `catalog`'s groups, with `index` (the catalog's search
/// index) as the table of names.
pub fn read(catalog: &Catalog, index: &SearchIndex, text: &str) -> Story {
    let w = words(text);
    // Where a long form starts: only there can reading it short find more.
    let long_at: Vec<bool> = (0..w.list.len())
        .map(|j| LONG_FORMS.iter().any(|(form, _)| w.key(j) == form[0]))
        .collect();
    let mut mentions = Vec::new();
    let mut key = String::new();
    let mut i = 0;
    while i < w.list.len() {
        // The words as written first ("Advanced Persistent Threat 31" may be a name of its
        // own), then with the long forms read short; the longer match wins.
        // A long form can only matter where one starts within a name's reach.
        let has_long = long_at[i..w.list.len().min(i + MAX_WORDS)].contains(&true);
        let best = match (
            longest(index, text, &w, i, false, &mut key),
            has_long
                .then(|| longest(index, text, &w, i, true, &mut key))
                .flatten(),
        ) {
            (Some(a), Some(b)) if b.0 > a.0 => Some(b),
            (Some(a), _) => Some(a),
            (None, b) => b,
        };
        if let Some((next, key)) = best {
            let (start, end) = (w.list[i].start, w.list[next - 1].end);
            let written = &text[start..end];
            // The index lists a key's names by actor, so one actor's are adjacent: keep the
            // first of each.
            let mut owners: Vec<(usize, Option<usize>)> = index
                .exact(&key)
                .map(|(a, alias)| (a as usize, alias.map(|x| x as usize)))
                .collect();
            owners.dedup_by_key(|o| o.0);
            let ordinary = is_ordinary_word(written);
            let capitalised = written.chars().next().is_some_and(char::is_uppercase);
            if !ordinary || capitalised {
                mentions.push(Mention {
                    start,
                    end,
                    reading: Reading::Known {
                        owners,
                        ordinary_word: ordinary,
                    },
                });
            }
            i = next;
            continue;
        }
        if let Some((next, vendor)) = unknown_at(catalog, text, &w.list, i) {
            mentions.push(Mention {
                start: w.list[i].start,
                end: w.list[next - 1].end,
                reading: Reading::Unknown { vendor },
            });
            i = next;
            continue;
        }
        i += 1;
    }
    gather(catalog, text, mentions)
}

/// The longest name starting at word `i`: the word after its last, and its key. `key` is
/// a buffer the walk reuses.
fn longest(
    index: &SearchIndex,
    text: &str,
    w: &Words,
    i: usize,
    long: bool,
    key: &mut String,
) -> Option<(usize, String)> {
    key.clear();
    let mut j = i;
    let mut best = None;
    let mut at = 0;
    while j < w.list.len() && j - i < MAX_WORDS {
        if j > i && !joined(&text[w.list[j - 1].end..w.list[j].start]) {
            break;
        }
        let (part, next) = piece(text, w, j, long);
        key.push_str(part);
        let (Some(found), exact) = index.probe(key, at) else {
            break;
        };
        if exact && key.chars().count() >= MIN_KEY {
            best = Some((next, key.clone()));
        }
        at = found;
        j = next;
    }
    best
}

/// A name in the form of a vendor's numbered group name at word `i` ("APT99", "UNC 9999",
/// "Storm-1234"): one or two words, with a digit.
fn unknown_at(catalog: &Catalog, text: &str, w: &[Word], i: usize) -> Option<(usize, String)> {
    for n in [2, 1] {
        if i + n > w.len() || (n == 2 && !joined(&text[w[i].end..w[i + 1].start])) {
            continue;
        }
        let written = &text[w[i].start..w[i + n - 1].end];
        if !written.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        let reading = crate::naming::read(&catalog.dataset().schemes, written)
            .into_iter()
            .find(|r| matches!(r.form.shape, crate::naming::Shape::Pattern(_)));
        if let Some(r) = reading {
            return Some((i + n, r.scheme.vendor.clone()));
        }
    }
    None
}

fn gather(catalog: &Catalog, text: &str, mentions: Vec<Mention>) -> Story {
    let actors = catalog.actors();
    let mut groups: Vec<StoryGroup> = Vec::new();
    let mut at: HashMap<usize, usize> = HashMap::new();
    let mut shared: Vec<SharedName> = Vec::new();
    let mut unknown: Vec<(String, String)> = Vec::new();
    // Each shared or unknown name is listed once, however it is spelled.
    let mut listed = std::collections::HashSet::new();
    for m in &mentions {
        let written = text[m.start..m.end].to_string();
        match &m.reading {
            Reading::Known {
                owners,
                ordinary_word,
            } if owners.len() == 1 => {
                let (actor, alias) = owners[0];
                let g = *at.entry(actor).or_insert_with(|| {
                    groups.push(StoryGroup {
                        actor,
                        names: Vec::new(),
                        uncertain: false,
                    });
                    groups.len() - 1
                });
                let names = &mut groups[g].names;
                match names.iter_mut().find(|n| n.alias == alias) {
                    Some(n) => n.count += 1,
                    None => names.push(UsedName {
                        alias,
                        written,
                        count: 1,
                        kind: alias
                            .and_then(|j| actors[actor].aliases.get(j))
                            .map_or(NameKind::Group, |a| a.kind),
                        ordinary_word: *ordinary_word,
                    }),
                }
            }
            Reading::Known { owners, .. } => {
                if listed.insert(crate::text::name_key(&written)) {
                    shared.push(SharedName {
                        written,
                        candidates: owners.iter().map(|(a, _)| *a).collect(),
                        evidence: Vec::new(),
                    });
                }
            }
            Reading::Unknown { vendor } => {
                if listed.insert(crate::text::name_key(&written)) {
                    unknown.push((written, vendor.clone()));
                }
            }
        }
    }
    for s in &mut shared {
        for &c in &s.candidates {
            if let Some(&g) = at.get(&c) {
                groups[g].uncertain = true;
                let names = groups[g].names.iter().map(|n| n.written.clone()).collect();
                s.evidence.push((c, names));
            }
        }
    }
    Story {
        mentions,
        groups,
        shared,
        unknown,
    }
}

impl Story {
    /// The text cut at the mentions: each piece with the mention it is, if any, in order.
    pub fn segments<'t>(&self, text: &'t str) -> Vec<(&'t str, Option<usize>)> {
        let mut out = Vec::new();
        let mut at = 0;
        for (i, m) in self.mentions.iter().enumerate() {
            if m.start > at {
                out.push((&text[at..m.start], None));
            }
            out.push((&text[m.start..m.end], Some(i)));
            at = m.end;
        }
        if at < text.len() {
            out.push((&text[at..], None));
        }
        out
    }
}

/// One group of a story's who's-who, as the read page shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct WhoIs {
    pub id: String,
    pub name: String,
    pub origin: Option<String>,
    /// The names the story used, with who coined each.
    pub used: Vec<UsedLine>,
    /// Some of the group's other names (not used in the story).
    pub other_names: Vec<String>,
    /// Its latest government actions, newest first: (date, who, title).
    pub actions: Vec<(String, String, String)>,
    /// A name it shares with other groups was used too.
    pub uncertain: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct UsedLine {
    pub written: String,
    pub count: usize,
    /// The vendor whose naming scheme the name follows (who coined it), when one does.
    pub coined_by: Option<String>,
    /// The vendors and governments the atlas records using this name for the group.
    pub used_by: Vec<String>,
    /// What the name is when it is not the group's own name ("a malware name").
    pub kind: Option<&'static str>,
    /// Also an ordinary word: it may not mean the group.
    pub ordinary_word: bool,
}

/// What a name of this kind is, for a reader, when it is not a group's name.
pub fn kind_label(kind: NameKind) -> Option<&'static str> {
    match kind {
        NameKind::Malware => Some("a malware or tool name"),
        NameKind::Operation => Some("an operation's name"),
        NameKind::Report => Some("a report's title"),
        NameKind::Government => Some("a government's designation"),
        NameKind::Cluster => Some("a temporary cluster"),
        _ => None,
    }
}

/// How many of a group's other names and latest actions the who's-who shows.
const OTHER_NAMES: usize = 6;
const ACTIONS: usize = 3;

/// The who's-who of a story: each group it names, in order of first mention.
pub fn who_is(catalog: &Catalog, story: &Story) -> Vec<WhoIs> {
    story
        .groups
        .iter()
        .map(|g| {
            let a = &catalog.actors()[g.actor];
            let used = g
                .names
                .iter()
                .map(|n| {
                    let vendor_name =
                        |v: &str| catalog.vendor(v).map_or(v, |v| v.name.as_str()).to_string();
                    let name = n
                        .alias
                        .and_then(|j| a.aliases.get(j))
                        .map_or(&a.name, |al| &al.name);
                    let key = crate::text::name_key(name);
                    let mut used_by: Vec<String> = Vec::new();
                    for al in a
                        .aliases
                        .iter()
                        .filter(|al| crate::text::name_key(&al.name) == key)
                    {
                        if let Some(v) = al.vendor.as_deref().map(vendor_name) {
                            if !used_by.contains(&v) {
                                used_by.push(v);
                            }
                        }
                    }
                    UsedLine {
                        written: n.written.clone(),
                        count: n.count,
                        coined_by: crate::naming::read(&catalog.dataset().schemes, name)
                            .first()
                            .map(|r| vendor_name(&r.scheme.vendor)),
                        used_by,
                        kind: kind_label(n.kind),
                        ordinary_word: n.ordinary_word,
                    }
                })
                .collect();
            let used_keys: Vec<String> = g
                .names
                .iter()
                .map(|n| crate::text::name_key(&n.written))
                .collect();
            let mut other_names: Vec<String> = Vec::new();
            for name in std::iter::once(&a.name).chain(a.aliases.iter().map(|al| &al.name)) {
                let key = crate::text::name_key(name);
                if !used_keys.contains(&key)
                    && !other_names.iter().any(|o| crate::text::name_key(o) == key)
                    && other_names.len() < OTHER_NAMES
                {
                    other_names.push(name.clone());
                }
            }
            let actions = catalog
                .events_for(&a.id)
                .into_iter()
                .filter(|e| e.kind.is_government())
                .take(ACTIONS)
                .map(|e| {
                    let who = crate::timeline::caption(e).unwrap_or_default();
                    (e.date.human(), who, e.title.clone())
                })
                .collect();
            WhoIs {
                id: a.id.clone(),
                name: a.name.clone(),
                origin: a.origin.as_ref().map(|o| o.country.clone()),
                used,
                other_names,
                actions,
                uncertain: g.uncertain,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A dataset written for these tests: three groups, a shared name, an element name, a
    /// malware name, and Mandiant's and Microsoft's numbered forms.
    const DATA: &str = r#"{"schema":1,"info":{"title":"t","version":"1"},
      "sources":[{"id":"s","name":"S","kind":"dataset"}],
      "vendors":[{"id":"mandiant","name":"Mandiant"},{"id":"microsoft","name":"Microsoft"},{"id":"crowdstrike","name":"CrowdStrike"}],
      "schemes":[
        {"vendor":"mandiant","source":"s","forms":[{"pattern":"APT?#","meaning":"state-sponsored"},{"pattern":"UNC#","meaning":"uncategorised","kind":"cluster"}]},
        {"vendor":"microsoft","source":"s","forms":[{"pattern":"Storm-#","meaning":"developing","kind":"cluster"}]}
      ],
      "actors":[
        {"id":"apt31","name":"APT31","sources":["s"],"aliases":[
          {"name":"Zirconium","vendor":"microsoft","source":"s"},
          {"name":"Judgment Panda","vendor":"crowdstrike","source":"s"},
          {"name":"Red Keres","source":"s"}]},
        {"id":"apt3","name":"APT3","sources":["s"],"aliases":[{"name":"Gothic Panda","vendor":"crowdstrike","source":"s"}]},
        {"id":"apt27","name":"APT27","sources":["s"],"aliases":[
          {"name":"LuckyMouse","source":"s"},
          {"name":"Emissary Panda","vendor":"crowdstrike","source":"s"},
          {"name":"HyperBro","source":"s","kind":"malware"},
          {"name":"Iron Tiger","source":"s"}]},
        {"id":"gallium","name":"GALLIUM","sources":["s"],"aliases":[{"name":"UNSC 2814","source":"s","kind":"government"}]},
        {"id":"tiger-a","name":"Tiger Group A","sources":["s"],"aliases":[{"name":"Iron Tiger","source":"s"}]}
      ]}"#;

    fn story(text: &str) -> (Catalog, Story) {
        let (catalog, w) = crate::parse(DATA).unwrap();
        assert!(w.is_empty(), "{w:?}");
        let index = SearchIndex::new(&catalog);
        let s = read(&catalog, &index, text);
        (catalog, s)
    }

    fn found(text: &str) -> Vec<(String, String)> {
        let (catalog, s) = story(text);
        s.mentions
            .iter()
            .map(|m| {
                let who = match &m.reading {
                    Reading::Known { owners, .. } => owners
                        .iter()
                        .map(|(a, _)| catalog.actors()[*a].id.clone())
                        .collect::<Vec<_>>()
                        .join("+"),
                    Reading::Unknown { vendor } => format!("unknown ({vendor})"),
                };
                (text[m.start..m.end].to_string(), who)
            })
            .collect()
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn names_are_found_at_word_boundaries_in_any_spelling() {
        assert_eq!(
            found("APT31, apt 31, APT-31 and Apt.31 are one; APT3 is another; APT310 is unknown."),
            pairs(&[
                ("APT31", "apt31"),
                ("apt 31", "apt31"),
                ("APT-31", "apt31"),
                ("Apt.31", "apt31"),
                ("APT3", "apt3"),
                ("APT310", "unknown (mandiant)"),
            ])
        );
        assert_eq!(
            found("Lucky Mouse, also LuckyMouse or lucky-mouse; Judgment  Panda."),
            pairs(&[
                ("Lucky Mouse", "apt27"),
                ("LuckyMouse", "apt27"),
                ("lucky-mouse", "apt27"),
                ("Judgment  Panda", "apt31"),
            ])
        );
        // Words that only begin a name, or a sentence break between its words, are no name.
        assert!(found("Judgment. Panda bears judgment.").is_empty());
        assert!(found("Lucky, Mouse").is_empty());
    }

    #[test]
    fn the_long_form_governments_use_is_read() {
        assert_eq!(
            found("Advanced Persistent Threat 31 and Advanced Persistent Threat 27."),
            pairs(&[
                ("Advanced Persistent Threat 31", "apt31"),
                ("Advanced Persistent Threat 27", "apt27"),
            ])
        );
    }

    #[test]
    fn the_longest_name_wins_where_two_overlap() {
        // "Iron Tiger" (shared) is longer than nothing else here; "Emissary Panda" wins
        // over a possible "Panda" prefix, and the words after a name are read anew.
        assert_eq!(
            found("Emissary Panda Zirconium"),
            pairs(&[("Emissary Panda", "apt27"), ("Zirconium", "apt31")])
        );
    }

    #[test]
    fn shared_names_list_their_candidates_and_what_could_decide() {
        let (catalog, s) = story("Iron Tiger struck again; researchers link it to LuckyMouse.");
        assert_eq!(s.shared.len(), 1);
        let shared = &s.shared[0];
        assert_eq!(shared.written, "Iron Tiger");
        let ids: Vec<&str> = shared
            .candidates
            .iter()
            .map(|&a| catalog.actors()[a].id.as_str())
            .collect();
        assert_eq!(ids, ["apt27", "tiger-a"]);
        // APT27 is also named by LuckyMouse, which only it carries.
        let apt27 = catalog
            .actors()
            .iter()
            .position(|a| a.id == "apt27")
            .unwrap();
        assert_eq!(
            shared.evidence,
            vec![(apt27, vec!["LuckyMouse".to_string()])]
        );
        assert!(s.groups[0].uncertain);
    }

    #[test]
    fn names_that_are_not_a_group_say_what_they_are() {
        let (catalog, s) = story("The HyperBro backdoor; Belgium named UNSC 2814.");
        let kinds: Vec<(&str, NameKind)> = s
            .groups
            .iter()
            .map(|g| (catalog.actors()[g.actor].id.as_str(), g.names[0].kind))
            .collect();
        assert_eq!(
            kinds,
            [
                ("apt27", NameKind::Malware),
                ("gallium", NameKind::Government)
            ]
        );
    }

    #[test]
    fn an_element_name_may_not_mean_the_group() {
        let (_, s) = story("Gallium is a soft metal. gallium melts in the hand.");
        assert_eq!(s.groups.len(), 1, "the lower-case word is not reported");
        let n = &s.groups[0].names[0];
        assert!(n.ordinary_word && n.written == "Gallium" && n.count == 1);
        let (_, s) = story("Microsoft tracks GALLIUM.");
        assert!(s.groups[0].names[0].ordinary_word);
    }

    #[test]
    fn group_like_names_the_atlas_does_not_know_are_listed() {
        let (_, s) =
            story("APT99, UNC9999 and Storm-1234 (and Storm-1234 again), not TA9 or 2024.");
        assert_eq!(
            s.unknown,
            pairs(&[
                ("APT99", "mandiant"),
                ("UNC9999", "mandiant"),
                ("Storm-1234", "microsoft"),
            ])
        );
        assert!(s.groups.is_empty());
    }

    #[test]
    fn the_who_is_who_gathers_each_group_once_with_its_names() {
        let (catalog, s) = story(
            "Zirconium, which CrowdStrike calls Judgment Panda, is APT31. Zirconium again. \
             GALLIUM, or UNSC 2814, is another.",
        );
        let who: Vec<(&str, Vec<(&str, usize)>)> = s
            .groups
            .iter()
            .map(|g| {
                (
                    catalog.actors()[g.actor].id.as_str(),
                    g.names
                        .iter()
                        .map(|n| (n.written.as_str(), n.count))
                        .collect(),
                )
            })
            .collect();
        assert_eq!(
            who,
            [
                (
                    "apt31",
                    vec![("Zirconium", 2), ("Judgment Panda", 1), ("APT31", 1)]
                ),
                ("gallium", vec![("GALLIUM", 1), ("UNSC 2814", 1)]),
            ]
        );
    }

    #[test]
    fn markup_and_odd_text_are_only_text() {
        let text = "<b>APT31</b>\u{202e}&amp;APT27 ⁂ ÀPT-31 \u{0}";
        let f = found(text);
        assert_eq!(
            f,
            pairs(&[("APT31", "apt31"), ("APT27", "apt27"), ("ÀPT-31", "apt31")])
        );
        assert!(found("").is_empty() && found("   -- .. ").is_empty());
    }

    #[test]
    fn a_ten_thousand_word_article_is_read() {
        let filler = "The ministry said the intrusion began months earlier and was found late. ";
        let mut text = String::new();
        while text.split_whitespace().count() < 10_000 {
            text.push_str(filler);
            text.push_str("Officials named APT31 and Judgment Panda. ");
        }
        let started = std::time::Instant::now();
        let (_, s) = story(&text);
        let elapsed = started.elapsed();
        assert_eq!(s.groups.len(), 1);
        assert!(s.groups[0].names[0].count > 500);
        // Not a benchmark (`make bench` measures in the browser): a guard against a
        // quadratic walk, with room for a slow debug build.
        assert!(elapsed.as_secs() < 5, "{elapsed:?}");
    }

    #[test]
    fn the_who_is_who_says_who_coined_each_name_and_the_text_is_cut_at_the_names() {
        let text = "Zirconium, or Judgment Panda, and HyperBro.";
        let (catalog, s) = story(text);
        let who = who_is(&catalog, &s);
        assert_eq!(who[0].id, "apt31");
        let segments_story = s.clone();
        assert_eq!(who[0].used[0].used_by, ["Microsoft"]);
        assert_eq!(who[0].used[1].used_by, ["CrowdStrike"]);
        // APT31 follows Mandiant's scheme in the test data: Mandiant coined it.
        let (catalog, s) = story("APT31");
        assert_eq!(
            who_is(&catalog, &s)[0].used[0].coined_by.as_deref(),
            Some("Mandiant")
        );
        assert!(who[0].other_names.contains(&"APT31".to_string()));
        assert!(!who[0].other_names.contains(&"Zirconium".to_string()));
        assert_eq!(who[1].used[0].kind, Some("a malware or tool name"));
        let pieces: Vec<(&str, bool)> = segments_story
            .segments(text)
            .into_iter()
            .map(|(t, m)| (t, m.is_some()))
            .collect();
        assert_eq!(
            pieces,
            [
                ("Zirconium", true),
                (", or ", false),
                ("Judgment Panda", true),
                (", and ", false),
                ("HyperBro", true),
                (".", false)
            ]
        );
    }
}
