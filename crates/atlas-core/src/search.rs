//! Finding actors by any name, misspelled or not, and by the words that describe them.
//!
//! One [`normalize`] serves everything indexed or queried: Unicode compatibility
//! decomposition, diacritics dropped (both by [`crate::fold`]), lower case, and every character that is not a letter or
//! a digit removed — so "APT 27" = "apt-27" = "APT27" and "SeaTurtle" = "Sea Turtle".
//!
//! The index holds three sorted tables (pagefind-style): every name of every actor, every
//! word of those names, and every word of the actor's descriptive fields. A query is matched
//! whole against the names (exact, prefix, typo) and word by word against names and text;
//! each actor keeps its best-scoring way of matching. See [`weights`] for the ranking.

use std::collections::{HashMap, HashSet};

use crate::load::Catalog;
use crate::model::Actor;

/// Ranking weights. Higher wins; ties break by display name, then id, so results never
/// depend on hash order.
pub mod weights {
    /// The query is the actor's display name.
    pub const EXACT_NAME: u32 = 1_000;
    /// The query is one of the actor's other names.
    pub const EXACT_ALIAS: u32 = 950;
    /// The query starts a name; plus up to [`PREFIX_COVERAGE`] for how much of it it covers.
    pub const PREFIX: u32 = 700;
    pub const PREFIX_COVERAGE: u32 = 100;
    /// The query is within a typo of a name; minus [`TYPO_PER_EDIT`] per edit.
    pub const TYPO: u32 = 500;
    pub const TYPO_PER_EDIT: u32 = 100;
    /// Per query word that starts a word of a name ("panda" → "Emissary Panda").
    pub const NAME_WORD: u32 = 120;
    /// Per query word that starts a word of the summary, sectors, countries, sponsor or
    /// motivations.
    pub const TEXT_WORD: u32 = 40;
}

/// Edits allowed for a query of this many characters: none below 4, one up to 7, then two.
pub fn max_edits(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// The one normalisation for every indexed or queried string: the same-name rule,
/// [`crate::text::name_key`].
pub fn normalize(s: &str) -> String {
    crate::text::name_key(s)
}

/// The normalised words of a string ("Sea-Turtle 2" → ["sea", "turtle", "2"]).
pub fn words(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    each_word(s, |w| out.push(w.to_string()));
    out
}

/// Calls `f` with each normalised word of `s`, as [`words`] lists them, without a string
/// per word (the index reads some 30,000 words of descriptive text).
fn each_word(s: &str, mut f: impl FnMut(&str)) {
    // ASCII folds to itself: lower case it in place of the fold's allocations.
    let folded;
    let text = if s.is_ascii() {
        s
    } else {
        folded = crate::fold::fold(s)
            .chars()
            .flat_map(char::to_lowercase)
            .collect::<String>();
        &folded
    };
    let mut lower = String::new();
    for w in text.split(|c: char| !c.is_alphanumeric()) {
        if w.is_empty() {
            continue;
        }
        if w.bytes().any(|b| b.is_ascii_uppercase()) {
            lower.clear();
            lower.extend(w.chars().map(|c| c.to_ascii_lowercase()));
            f(&lower);
        } else {
            f(w);
        }
    }
}

/// A word table: each distinct word once, sorted, with the ids (names or actors) whose
/// text has it, so the ids of every word a prefix starts are one slice.
#[derive(Default)]
struct Postings {
    words: Vec<String>,
    /// `ids[starts[w]..starts[w + 1]]` are word `w`'s ids, ascending.
    starts: Vec<u32>,
    ids: Vec<u32>,
}

/// A [`Postings`] being filled: (word, id) pairs are added in ascending id order.
#[derive(Default)]
struct PostingsBuilder {
    slot: HashMap<String, u32>,
    lists: Vec<Vec<u32>>,
}

impl PostingsBuilder {
    fn add(&mut self, w: &str, id: u32) {
        let at = match self.slot.get(w) {
            Some(&at) => at as usize,
            None => {
                self.slot.insert(w.to_string(), self.lists.len() as u32);
                self.lists.push(Vec::new());
                self.lists.len() - 1
            }
        };
        if self.lists[at].last() != Some(&id) {
            self.lists[at].push(id);
        }
    }

    fn finish(self) -> Postings {
        let mut words: Vec<(String, u32)> = self.slot.into_iter().collect();
        words.sort_unstable();
        let mut out = Postings {
            words: Vec::with_capacity(words.len()),
            starts: Vec::with_capacity(words.len() + 1),
            ids: Vec::new(),
        };
        for (w, at) in words {
            out.starts.push(out.ids.len() as u32);
            out.ids.extend_from_slice(&self.lists[at as usize]);
            out.words.push(w);
        }
        out.starts.push(out.ids.len() as u32);
        out
    }
}

impl Postings {
    /// The ids of every word that starts with `prefix` (an id once per such word).
    fn prefixed(&self, prefix: &str) -> &[u32] {
        let lo = self.words.partition_point(|w| w.as_str() < prefix);
        let hi = lo + self.words[lo..].partition_point(|w| w.starts_with(prefix));
        if lo == hi {
            return &[];
        }
        &self.ids[self.starts[lo] as usize..self.starts[hi] as usize]
    }
}

/// How a hit matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MatchKind {
    Exact,
    Prefix,
    /// Within this many edits.
    Typo(u8),
    /// Every query word starts a word of a name or of the actor's descriptive text.
    Words,
}

/// Which name matched, and who uses it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Matched {
    pub name: String,
    pub vendor: Option<String>,
    pub kind: MatchKind,
    /// The name belongs to more than one actor.
    pub shared: bool,
}

/// One result. Cheap to copy: the matched name is resolved on demand by
/// [`SearchIndex::matched`], since only the results on screen need it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    /// Index into `Catalog::actors()`.
    pub actor: usize,
    pub score: u32,
    /// The name that matched (an index into the name table) and how; `None` when only
    /// descriptive text did, or the query was empty.
    pub name: Option<(u32, MatchKind)>,
}

struct NameKey {
    key: String,
    /// The characters present in `key` (see [`char_mask`]).
    mask: u64,
    /// `key.chars().count()`, kept for the typo scan's length filter.
    chars: usize,
    actor: u32,
    /// Index into the actor's aliases; `None` for the display name.
    alias: Option<u32>,
}

/// The order an empty query lists the groups in, so the first cards are the ones a reader
/// most likely came for rather than "1937CN": the most government actions naming them
/// first, then the most vendors naming them (`crossref::vendor_count`), then by name (`rank`).
fn prominence_order(catalog: &Catalog, rank: &[u32]) -> Vec<u32> {
    let actors = catalog.actors();
    let mut order: Vec<u32> = (0..actors.len() as u32).collect();
    crate::sort::sort_by_cached_key(&mut order, |&i| {
        let a = &actors[i as usize];
        let actions = catalog
            .event_indices_for(&a.id)
            .iter()
            .filter(|&&e| catalog.events()[e].kind.is_government())
            .count();
        (
            std::cmp::Reverse(actions),
            std::cmp::Reverse(crate::crossref::vendor_count(a)),
            rank[i as usize],
        )
    });
    order
}

/// The search index, built once after the dataset loads.
pub struct SearchIndex {
    names: Vec<NameKey>,
    /// The words of the names, with the indices into `names` of the names that have each.
    name_words: Postings,
    /// The words of the actors' descriptive text, with the actors that have each.
    text_words: Postings,
    /// Keys carried by more than one actor.
    shared: HashSet<String>,
    /// Actor indices in the order an empty query lists them ([`prominence_order`]).
    prominent: Vec<u32>,
    /// rank[actor] = its position in order by name (then id): the tie-break, compared in O(1).
    rank: Vec<u32>,
    /// The range of `names` whose keys start with each pair of ASCII letters or digits
    /// ([`pair`]), so a probe searches a few dozen keys instead of all of them.
    pairs: Vec<(u32, u32)>,
}

/// The slot in [`SearchIndex::pairs`] of a key's first two bytes, when both are ASCII
/// letters or digits (as a key's are, lower case).
fn pair(key: &str) -> Option<usize> {
    let b = key.as_bytes();
    let class = |c: u8| match c {
        b'0'..=b'9' => Some((c - b'0') as usize),
        b'a'..=b'z' => Some((c - b'a') as usize + 10),
        _ => None,
    };
    Some(class(*b.first()?)? * 36 + class(*b.get(1)?)?)
}

/// Builds a [`SearchIndex`] a step at a time, so a page can build it in tasks short enough
/// for the browser to answer input in between (the bundled dataset's index is some tens of
/// milliseconds in the browser, one long task if built at once). [`SearchIndex::new`] runs
/// the same steps in one go, so both build the same index.
pub struct IndexBuilder<'c> {
    catalog: &'c Catalog,
    stage: Stage,
    names: Vec<NameKey>,
    text_words: PostingsBuilder,
    name_words: PostingsBuilder,
    tables: Option<(Postings, Postings)>,
    shared: HashSet<String>,
    rank: Vec<u32>,
    prominent: Vec<u32>,
}

/// Where an [`IndexBuilder`] is: the two stages that walk a list hold their position.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stage {
    /// Each actor's name keys and descriptive words, from this actor on.
    Actors(usize),
    /// The name table sorted.
    Sort,
    /// The words of the names, from this name on.
    NameWords(usize),
    /// Both word tables sorted.
    Tables,
    /// The names carried by more than one actor.
    Shared,
    /// The order by name (the tie-break).
    Rank,
    /// The order an empty query lists the actors in.
    Prominence,
    Done,
}

impl<'c> IndexBuilder<'c> {
    /// The budget the app gives each step (a task of its own in the browser): under 2 ms
    /// of work natively for the bundled dataset, `make bench` says (`atlas-data bench`).
    pub const STEP: usize = 300;

    pub fn new(catalog: &'c Catalog) -> IndexBuilder<'c> {
        IndexBuilder {
            catalog,
            stage: Stage::Actors(0),
            names: Vec::new(),
            text_words: PostingsBuilder::default(),
            name_words: PostingsBuilder::default(),
            tables: None,
            shared: HashSet::new(),
            rank: Vec::new(),
            prominent: Vec::new(),
        }
    }

    /// Does the next piece of work: up to `budget` actors or names of a stage that walks a
    /// list, or one whole stage of the others. True once all is done.
    pub fn step(&mut self, budget: usize) -> bool {
        let actors = self.catalog.actors();
        let budget = budget.max(1);
        self.stage = match self.stage {
            Stage::Actors(from) => {
                let to = from.saturating_add(budget).min(actors.len());
                for (i, a) in actors.iter().enumerate().take(to).skip(from) {
                    let i = i as u32;
                    self.names.push(NameKey::new(&a.name, i, None));
                    for (j, alias) in a.aliases.iter().enumerate() {
                        self.names
                            .push(NameKey::new(&alias.name, i, Some(j as u32)));
                    }
                    for text in descriptive_text(a) {
                        each_word(text, |w| self.text_words.add(w, i));
                    }
                }
                if to == actors.len() {
                    Stage::Sort
                } else {
                    Stage::Actors(to)
                }
            }
            Stage::Sort => {
                self.names.retain(|n| !n.key.is_empty());
                crate::sort::sort_by(&mut self.names, |a, b| {
                    a.key
                        .cmp(&b.key)
                        .then(a.actor.cmp(&b.actor))
                        .then(a.alias.cmp(&b.alias))
                });
                Stage::NameWords(0)
            }
            Stage::NameWords(from) => {
                // Names are cheaper than actors: a few per actor, a word or two each.
                let to = from
                    .saturating_add(budget.saturating_mul(4))
                    .min(self.names.len());
                for (n, key) in self.names.iter().enumerate().take(to).skip(from) {
                    let a = &actors[key.actor as usize];
                    let text = match key.alias {
                        None => &a.name,
                        Some(j) => &a.aliases[j as usize].name,
                    };
                    each_word(text, |w| self.name_words.add(w, n as u32));
                }
                if to == self.names.len() {
                    Stage::Tables
                } else {
                    Stage::NameWords(to)
                }
            }
            Stage::Tables => {
                self.tables = Some((
                    std::mem::take(&mut self.name_words).finish(),
                    std::mem::take(&mut self.text_words).finish(),
                ));
                Stage::Shared
            }
            Stage::Shared => {
                // The one shared-name computation (the conflict list's too).
                self.shared = crate::crossref::owners(actors.iter().enumerate())
                    .into_iter()
                    .filter(|(_, a)| a.len() > 1)
                    .map(|(k, _)| k)
                    .collect();
                Stage::Rank
            }
            Stage::Rank => {
                let mut by_name: Vec<u32> = (0..actors.len() as u32).collect();
                crate::sort::sort_by_cached_key(&mut by_name, |&x| {
                    let a = &actors[x as usize];
                    (a.name.to_lowercase(), a.id.clone())
                });
                self.rank = vec![0; actors.len()];
                for (pos, &a) in by_name.iter().enumerate() {
                    self.rank[a as usize] = pos as u32;
                }
                Stage::Prominence
            }
            Stage::Prominence => {
                self.prominent = prominence_order(self.catalog, &self.rank);
                Stage::Done
            }
            Stage::Done => Stage::Done,
        };
        self.stage == Stage::Done
    }

    /// The index, after the steps still to do.
    pub fn finish(mut self) -> SearchIndex {
        while !self.step(usize::MAX) {}
        let (name_words, text_words) = self.tables.unwrap_or_default();
        let names = self.names;
        let mut pairs = vec![(0u32, 0u32); 36 * 36];
        for (n, name) in names.iter().enumerate() {
            if let Some(p) = pair(&name.key) {
                // The names are sorted, so a pair's are one run.
                if pairs[p].1 == 0 {
                    pairs[p].0 = n as u32;
                }
                pairs[p].1 = n as u32 + 1;
            }
        }
        SearchIndex {
            pairs,
            names,
            name_words,
            text_words,
            shared: self.shared,
            prominent: self.prominent,
            rank: self.rank,
        }
    }
}

impl SearchIndex {
    /// The whole index at once (see [`IndexBuilder`] for it in steps).
    pub fn new(catalog: &Catalog) -> SearchIndex {
        IndexBuilder::new(catalog).finish()
    }

    /// The names whose key is exactly `key`: (actor, alias index; `None` for the display
    /// name), in key order. With [`Self::has_prefix`], the sorted table is walked as a trie
    /// by the story reader (`story.rs`), so both share one index.
    pub fn exact<'a>(&'a self, key: &'a str) -> impl Iterator<Item = (u32, Option<u32>)> + 'a {
        let start = self.names.partition_point(|n| n.key.as_str() < key);
        self.names[start..]
            .iter()
            .take_while(move |n| n.key == key)
            .map(|n| (n.actor, n.alias))
    }

    /// Whether some name's key starts with `prefix`.
    pub fn has_prefix(&self, prefix: &str) -> bool {
        self.probe(prefix, 0).0.is_some()
    }

    /// One step of a walk over the name keys as a trie: whether some key starts with `key`
    /// (then the position of the first such key, from which a longer key can be probed),
    /// and whether `key` itself is one. `from` is where the walk stands (a key that extends
    /// another sorts after it), 0 to start.
    pub fn probe(&self, key: &str, from: usize) -> (Option<usize>, bool) {
        let (lo, hi) = match pair(key) {
            Some(p) => (self.pairs[p].0 as usize, self.pairs[p].1 as usize),
            None => (0, self.names.len()),
        };
        let lo = lo.max(from).min(hi);
        let at = lo + self.names[lo..hi].partition_point(|n| n.key.as_str() < key);
        match self.names[..hi].get(at) {
            Some(n) if n.key.starts_with(key) => (Some(at), n.key.len() == key.len()),
            _ => (None, false),
        }
    }

    /// Whether a name (any spelling) belongs to more than one actor.
    pub fn is_shared(&self, name: &str) -> bool {
        self.shared.contains(&normalize(name))
    }

    /// All actors matching `query`, best first. An empty query returns every actor by name.
    pub fn search(&self, catalog: &Catalog, query: &str) -> Vec<Hit> {
        let q = normalize(query);
        if q.is_empty() {
            return self
                .prominent
                .iter()
                .map(|&i| Hit {
                    actor: i as usize,
                    score: 0,
                    name: None,
                })
                .collect();
        }
        // Best (score, matched name) per actor, in a dense table: no hashing per keystroke.
        let mut best: Vec<(u32, Option<(u32, MatchKind)>)> = vec![(0, None); self.rank.len()];
        // On a tie, the name written exactly as typed wins ("LuckyMouse" over "Lucky Mouse").
        let typed = query.trim().to_lowercase();
        let as_typed = |n: u32| self.text_of(catalog, n).to_lowercase() == typed;
        let mut offer = |actor: u32, score: u32, name: Option<(u32, MatchKind)>| {
            let slot = &mut best[actor as usize];
            let better_spelling = score == slot.0
                && matches!((name, slot.1), (Some((n, _)), Some((m, _))) if as_typed(n) && !as_typed(m));
            if score > slot.0 || better_spelling {
                *slot = (score, name);
            }
        };

        // Whole query against whole names: exact and prefix.
        let qlen = q.chars().count();
        let start = self.names.partition_point(|n| n.key.as_str() < q.as_str());
        for (n, key) in self.names[start..].iter().enumerate() {
            if !key.key.starts_with(&q) {
                break;
            }
            let n = (start + n) as u32;
            let (score, kind) = if key.key == q {
                let score = if key.alias.is_none() {
                    weights::EXACT_NAME
                } else {
                    weights::EXACT_ALIAS
                };
                (score, MatchKind::Exact)
            } else {
                let coverage = qlen as u32 * weights::PREFIX_COVERAGE / key.chars.max(1) as u32;
                (weights::PREFIX + coverage, MatchKind::Prefix)
            };
            offer(key.actor, score, Some((n, kind)));
        }

        // Typos: whole names within the allowed edit distance. Two cheap filters run first:
        // the length difference, and the characters present (one edit changes that set by
        // at most two), so the distance itself is computed for few names.
        let allowed = max_edits(qlen);
        if allowed > 0 {
            let qmask = char_mask(&q);
            for (n, key) in self.names.iter().enumerate() {
                if key.chars.abs_diff(qlen) > allowed
                    || (key.mask ^ qmask).count_ones() as usize > 2 * allowed
                {
                    continue;
                }
                let d = strsim::osa_distance(&q, &key.key);
                if d > 0 && d <= allowed {
                    let score = weights::TYPO - weights::TYPO_PER_EDIT * d as u32;
                    offer(key.actor, score, Some((n as u32, MatchKind::Typo(d as u8))));
                }
            }
        }

        // Word by word: every query word must start a word of a name or of the text. Each
        // word's matches are a sorted list of (actor, score, name); lists are intersected.
        let mut total: Option<Vec<(u32, u32, Option<u32>)>> = None;
        for w in words(query) {
            let mut this: Vec<(u32, u32, Option<u32>)> = self
                .name_words
                .prefixed(&w)
                .iter()
                .map(|&n| (self.names[n as usize].actor, weights::NAME_WORD, Some(n)))
                .collect();
            // One-letter words would match nearly every description.
            if w.chars().count() >= 2 {
                this.extend(
                    self.text_words
                        .prefixed(&w)
                        .iter()
                        .map(|&a| (a, weights::TEXT_WORD, None)),
                );
            }
            this.sort_unstable_by_key(|&(a, score, n)| (a, std::cmp::Reverse(score), n));
            this.dedup_by_key(|x| x.0);
            let merged = match total.take() {
                None => this,
                Some(prev) => intersect(prev, this),
            };
            let empty = merged.is_empty();
            total = Some(merged);
            if empty {
                break;
            }
        }
        for (actor, score, n) in total.unwrap_or_default() {
            offer(actor, score, n.map(|n| (n, MatchKind::Words)));
        }

        let mut hits: Vec<Hit> = best
            .into_iter()
            .enumerate()
            .filter(|(_, (score, _))| *score > 0)
            .map(|(actor, (score, name))| Hit { actor, score, name })
            .collect();
        hits.sort_unstable_by_key(|h| (std::cmp::Reverse(h.score), self.rank[h.actor]));
        hits
    }

    fn text_of<'a>(&self, catalog: &'a Catalog, n: u32) -> &'a str {
        let key = &self.names[n as usize];
        let actor = &catalog.actors()[key.actor as usize];
        match key.alias {
            None => &actor.name,
            Some(j) => &actor.aliases[j as usize].name,
        }
    }

    /// Which name a hit matched, who uses it, and whether it is shared.
    pub fn matched(&self, catalog: &Catalog, hit: &Hit) -> Option<Matched> {
        let (n, kind) = hit.name?;
        let key = &self.names[n as usize];
        let actor = &catalog.actors()[key.actor as usize];
        let (name, vendor) = match key.alias {
            None => {
                // Credit the display name to a vendor when one of its aliases is that name.
                let vendor = actor
                    .aliases
                    .iter()
                    .find(|a| a.name == actor.name && a.vendor.is_some())
                    .and_then(|a| a.vendor.clone());
                (actor.name.clone(), vendor)
            }
            Some(j) => {
                let alias = &actor.aliases[j as usize];
                (alias.name.clone(), alias.vendor.clone())
            }
        };
        Some(Matched {
            name,
            vendor,
            kind,
            shared: self.shared.contains(&key.key),
        })
    }

    /// Actors whose names are closest to `text` by edit distance, for "did you mean" lists
    /// when a search or an id finds nothing. At most `n`, closest first.
    pub fn suggest(&self, text: &str, n: usize) -> Vec<usize> {
        let q = normalize(text);
        if q.is_empty() {
            return Vec::new();
        }
        // A third of the length, at least 2 and at most 4 edits: a "did you mean" further
        // off than that is noise, and the cap keeps a long query from being compared in
        // full against every name (24–45 characters of garbage: 0.6 ms → 0.14 ms and
        // 67 µs → 2 µs natively).
        let limit = (q.chars().count() / 3).clamp(2, 4);
        let mut best: HashMap<u32, usize> = HashMap::new();
        let qlen = q.chars().count();
        for key in &self.names {
            if key.chars.abs_diff(qlen) > limit {
                continue;
            }
            let d = strsim::osa_distance(&q, &key.key);
            if d <= limit {
                let e = best.entry(key.actor).or_insert(d);
                *e = (*e).min(d);
            }
        }
        let mut out: Vec<(usize, u32)> = best.into_iter().map(|(a, d)| (d, a)).collect();
        out.sort_unstable_by_key(|&(d, a)| (d, self.rank[a as usize]));
        out.into_iter().take(n).map(|(_, a)| a as usize).collect()
    }
}

impl NameKey {
    fn new(name: &str, actor: u32, alias: Option<u32>) -> NameKey {
        let key = normalize(name);
        NameKey {
            chars: key.chars().count(),
            mask: char_mask(&key),
            key,
            actor,
            alias,
        }
    }
}

/// One bit per letter and digit present (other characters share the remaining bits), for
/// the typo scan's lower bound on edit distance.
fn char_mask(s: &str) -> u64 {
    s.chars().fold(0u64, |m, c| {
        let bit = match c {
            'a'..='z' => c as u32 - 'a' as u32,
            '0'..='9' => 26 + c as u32 - '0' as u32,
            _ => 36 + c as u32 % 28,
        };
        m | 1 << bit
    })
}

/// Actors in both sorted lists, with their scores added.
fn intersect(
    a: Vec<(u32, u32, Option<u32>)>,
    b: Vec<(u32, u32, Option<u32>)>,
) -> Vec<(u32, u32, Option<u32>)> {
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push((a[i].0, a[i].1 + b[j].1, a[i].2.or(b[j].2)));
                i += 1;
                j += 1;
            }
        }
    }
    out
}

/// The fields whose words a query may match besides names.
fn descriptive_text(a: &Actor) -> impl Iterator<Item = &str> {
    a.summary
        .as_deref()
        .into_iter()
        .chain(a.origin.as_ref().map(|o| o.country.as_str()))
        .chain(a.sponsor.as_ref().map(|s| s.name.as_str()))
        .chain(a.sectors.iter().map(String::as_str))
        .chain(a.victims.iter().map(String::as_str))
        .chain(a.motivations.iter().map(String::as_str))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture() -> Catalog {
        let json = r#"{"schema":1,"info":{"title":"t","version":"1"},
          "sources":[{"id":"s","name":"S","kind":"dataset"}],
          "vendors":[{"id":"ms","name":"Microsoft"},{"id":"cs","name":"CrowdStrike"},{"id":"k","name":"Kaspersky"}],
          "actors":[
            {"id":"apt27","name":"APT27","aliases":[{"name":"Lucky Mouse","vendor":"k","source":"s"},{"name":"EMISSARY PANDA","vendor":"cs","source":"s"},{"name":"Grizzly Steppe","source":"s"}],
             "origin":{"country":"China","code":"CN","source":"s"},"summary":"Targets government networks."},
            {"id":"apt28","name":"APT28","aliases":[{"name":"FANCY BEAR","vendor":"cs","source":"s"},{"name":"Grizzly Steppe","source":"s"}],
             "origin":{"country":"Russia","code":"RU","source":"s"},"sectors":["Defense"]},
            {"id":"apt31","name":"APT31","aliases":[{"name":"Violet Typhoon","vendor":"ms","source":"s"},{"name":"JUDGMENT PANDA","vendor":"cs","source":"s"}]},
            {"id":"sea-turtle","name":"Sea Turtle","aliases":[{"name":"Séa Türtle","source":"s"}]},
            {"id":"turla","name":"Turla","aliases":[{"name":"Snake","source":"s"}]},
            {"id":"apt2","name":"APT2"}
          ]}"#;
        crate::parse(json).unwrap().0
    }

    fn ids(c: &Catalog, idx: &SearchIndex, q: &str) -> Vec<String> {
        idx.search(c, q)
            .iter()
            .map(|h| c.actors()[h.actor].id.clone())
            .collect()
    }

    #[test]
    fn normalisation_folds_case_space_punctuation_and_diacritics() {
        for (a, b) in [
            ("APT 27", "apt-27"),
            ("APT27", "apt_27"),
            ("SeaTurtle", "Sea Turtle"),
            ("LuckyMouse", "Lucky Mouse"),
            ("Séa Türtle", "sea turtle"),
            ("ＡＰＴ２７", "apt27"),
        ] {
            assert_eq!(normalize(a), normalize(b), "{a} vs {b}");
        }
        assert_eq!(words("Sea-Turtle 2"), ["sea", "turtle", "2"]);
        assert_eq!(words("Séa TÜRTLE, ÉTÉ"), ["sea", "turtle", "ete"]);
    }

    #[test]
    fn a_prefix_finds_in_the_word_table_what_a_scan_of_every_pair_finds() {
        let texts = [
            "Targets government networks",
            "Governs GOV.uk",
            "gov",
            "",
            "Étés govt",
        ];
        let pairs: Vec<(String, u32)> = texts
            .iter()
            .enumerate()
            .flat_map(|(i, t)| words(t).into_iter().map(move |w| (w, i as u32)))
            .collect();
        let mut table = PostingsBuilder::default();
        for (w, i) in &pairs {
            table.add(w, *i);
        }
        let table = table.finish();
        for prefix in ["", "g", "gov", "gove", "governs", "x", "et", "uk"] {
            let mut got = table.prefixed(prefix).to_vec();
            let mut want: Vec<(String, u32)> = pairs
                .iter()
                .filter(|(w, _)| w.starts_with(prefix))
                .cloned()
                .collect();
            want.sort();
            want.dedup();
            let mut want: Vec<u32> = want.into_iter().map(|(_, i)| i).collect();
            got.sort_unstable();
            want.sort_unstable();
            assert_eq!(got, want, "{prefix:?}");
        }
    }

    #[test]
    fn table_of_queries() {
        let c = fixture();
        let idx = SearchIndex::new(&c);
        let first = |q: &str| ids(&c, &idx, q).first().cloned().unwrap_or_default();
        let cases = [
            ("APT27", "apt27"),
            ("apt 27", "apt27"),
            ("LuckyMouse", "apt27"),
            ("lucky mouse", "apt27"),
            ("violet typ", "apt31"),
            ("fancy baer", "apt28"),
            ("turlla", "turla"),
            ("seaturtle", "sea-turtle"),
            ("judgment", "apt31"),
            ("russia", "apt28"),
            ("defense", "apt28"),
        ];
        for (q, expected) in cases {
            assert_eq!(first(q), expected, "query {q:?}");
        }
    }

    #[test]
    fn a_probe_finds_what_a_scan_of_every_key_finds() {
        let c = fixture();
        let idx = SearchIndex::new(&c);
        let keys: Vec<&str> = idx.names.iter().map(|n| n.key.as_str()).collect();
        let mut probes: Vec<String> = vec!["".into(), "a".into(), "zz".into(), "é".into()];
        for k in &keys {
            for end in (1..=k.len()).filter(|&e| k.is_char_boundary(e)) {
                probes.push(k[..end].to_string());
                probes.push(format!("{}x", &k[..end]));
            }
        }
        for p in &probes {
            let (at, exact) = idx.probe(p, 0);
            let first = keys.iter().position(|k| k.starts_with(p.as_str()));
            assert_eq!(at, first, "{p:?}");
            assert_eq!(exact, keys.contains(&p.as_str()), "{p:?}");
            // Walking on from a shorter key's place finds the same.
            if let (Some(short), Some(_)) = (p.get(..2).map(|s| idx.probe(s, 0).0), first) {
                assert_eq!(
                    idx.probe(p, short.unwrap_or(0)).0,
                    first,
                    "{p:?} from its pair"
                );
            }
        }
    }

    #[test]
    fn exact_beats_prefix_beats_typo_beats_text() {
        let c = fixture();
        let idx = SearchIndex::new(&c);
        // "apt2" is APT2 exactly, a prefix of APT27/28, and nothing else.
        assert_eq!(ids(&c, &idx, "apt2"), ["apt2", "apt27", "apt28"]);
        let hits = idx.search(&c, "apt2");
        assert_eq!(idx.matched(&c, &hits[0]).unwrap().kind, MatchKind::Exact);
        assert_eq!(idx.matched(&c, &hits[1]).unwrap().kind, MatchKind::Prefix);
        // "panda" is a word of two names: both, by display name.
        assert_eq!(ids(&c, &idx, "panda"), ["apt27", "apt31"]);
    }

    #[test]
    fn an_empty_query_lists_the_groups_governments_and_vendors_name_most_first() {
        let json = r#"{"schema":1,"info":{"title":"t","version":"1"},
          "sources":[{"id":"s","name":"S","kind":"dataset"}],
          "vendors":[{"id":"a","name":"A"},{"id":"b","name":"B"}],
          "actors":[
            {"id":"1937cn","name":"1937CN"},
            {"id":"named","name":"Named By Two","aliases":[{"name":"N1","vendor":"a","source":"s"},{"name":"N2","vendor":"b","source":"s"}]},
            {"id":"charged","name":"Zeta","aliases":[{"name":"Z1","vendor":"a","source":"s"}]},
            {"id":"reported","name":"Reported","aliases":[{"name":"R1","vendor":"a","source":"s"}]}
          ],
          "events":[
            {"id":"e1","date":"2020","kind":"indictment","title":"t","claims":[{"names_as_stated":"Zeta","actors":["charged"]}]},
            {"id":"e2","date":"2021","kind":"vendor-report","title":"t","claims":[{"names_as_stated":"R","actors":["reported"]}]}
          ]}"#;
        let c = crate::parse(json).unwrap().0;
        let idx = SearchIndex::new(&c);
        // A government action first, then two vendors, then one (a vendor report is no
        // government action), then none.
        assert_eq!(
            ids(&c, &idx, ""),
            ["charged", "named", "reported", "1937cn"]
        );
    }

    #[test]
    fn hits_say_which_name_matched_and_who_uses_it() {
        let c = fixture();
        let idx = SearchIndex::new(&c);
        let hit = &idx.search(&c, "emissary panda")[0];
        let m = idx.matched(&c, hit).unwrap();
        assert_eq!(
            (m.name.as_str(), m.vendor.as_deref()),
            ("EMISSARY PANDA", Some("cs"))
        );
        assert!(!m.shared);
    }

    #[test]
    fn shared_names_return_every_owner_marked_shared() {
        let c = fixture();
        let idx = SearchIndex::new(&c);
        let hits = idx.search(&c, "Grizzly Steppe");
        let got: Vec<&str> = hits
            .iter()
            .map(|h| c.actors()[h.actor].id.as_str())
            .collect();
        assert_eq!(got, ["apt27", "apt28"]);
        assert!(hits.iter().all(|h| idx.matched(&c, h).unwrap().shared));
        assert!(idx.is_shared("grizzly-steppe"));
    }

    #[test]
    fn empty_and_odd_queries() {
        let c = fixture();
        let idx = SearchIndex::new(&c);
        assert_eq!(idx.search(&c, "").len(), c.actors().len());
        assert_eq!(idx.search(&c, "  -- ").len(), c.actors().len());
        assert!(idx.search(&c, "zzzzzzzz").is_empty());
        assert!(idx.search(&c, &"x".repeat(10_000)).is_empty());
        assert!(idx.search(&c, "\u{200b}\u{202e}<script>").is_empty());
    }

    #[test]
    fn an_index_built_in_steps_is_the_index_built_at_once() {
        let c = fixture();
        let whole = SearchIndex::new(&c);
        let queries = [
            "",
            "a",
            "apt",
            "apt2",
            "panda",
            "grizzly steppe",
            "lucky mose",
            "sea turtle",
            "government",
            "china",
            "snak",
            "zzz",
        ];
        for budget in [1, 2, 5, usize::MAX] {
            let mut builder = IndexBuilder::new(&c);
            let mut steps = 0;
            while !builder.step(budget) {
                steps += 1;
                assert!(steps < 1_000, "the builder never ends at budget {budget}");
            }
            let stepped = builder.finish();
            for q in queries {
                assert_eq!(
                    stepped.search(&c, q),
                    whole.search(&c, q),
                    "{q:?} at {budget}"
                );
                assert_eq!(
                    stepped.suggest(q, 3),
                    whole.suggest(q, 3),
                    "{q:?} at {budget}"
                );
            }
            assert_eq!(
                stepped.is_shared("Grizzly Steppe"),
                whole.is_shared("Grizzly Steppe")
            );
        }
    }

    #[test]
    fn results_are_deterministic() {
        let c = fixture();
        let a = SearchIndex::new(&c).search(&c, "a");
        for _ in 0..5 {
            assert_eq!(SearchIndex::new(&c).search(&c, "a"), a);
        }
    }

    #[test]
    fn suggestions_for_unknown_ids() {
        let c = fixture();
        let idx = SearchIndex::new(&c);
        let s: Vec<&str> = idx
            .suggest("turlaa", 3)
            .iter()
            .map(|&i| c.actors()[i].id.as_str())
            .collect();
        assert_eq!(s.first(), Some(&"turla"));
    }
}
