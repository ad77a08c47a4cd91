//! Identity: which upstream records are one group, and what each group is called.
//!
//! The rules are `docs/merge.md`; in short:
//! - Every upstream record (a MISP actor, an ATT&CK group, a Microsoft name, a curated
//!   record) starts as a group of its own. Two records become one group only when a source
//!   says so: ATT&CK lists the record's own name (or MISP lists the ATT&CK id) for an ATT&CK
//!   group; Microsoft lists a record's own name among a Microsoft name's other names; or a
//!   curated decision in `data/identity.json` joins them, with its reason and source.
//! - ATT&CK keeps its groups apart, and Microsoft its names: a join that would put two of
//!   either into one group is refused and listed for review, unless a curated decision says
//!   otherwise. A curated `apart` decision refuses any join between two records.
//! - A name that ATT&CK gives to one group only, a Microsoft name, or the name of a record
//!   belongs to the group that holds it. Another group carrying it as an alias loses it, and
//!   gets an `overlaps` relation to that group instead, saying who listed the name there.
//! - The surviving record's id and name are kept (the MISP record that carries the ATT&CK
//!   name or id, else the ATT&CK group, else the Microsoft name); the other records' ids
//!   become `former` ids of the group, so old links still open it.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Deserialize;

use crate::model::{Actor, Alias, Former, NameKind, Related};
use crate::naming::{self, Scheme};
use crate::search::normalize;
use crate::PartialDate;

/// Where an upstream record comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Upstream {
    Misp,
    Attack,
    Microsoft,
    Curated,
}

impl Upstream {
    fn prefix(self) -> &'static str {
        match self {
            Upstream::Misp => "misp",
            Upstream::Attack => "attack",
            Upstream::Microsoft => "microsoft",
            Upstream::Curated => "curated",
        }
    }
}

/// One upstream record, already turned into an actor of its own.
pub struct Record {
    pub up: Upstream,
    pub actor: Actor,
    /// The ATT&CK id, for ATT&CK groups.
    pub gid: Option<String>,
    /// Microsoft's "other names", for Microsoft names.
    pub others: Vec<String>,
}

/// The project's identity decisions (`data/identity.json`).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Identity {
    #[serde(default, rename = "_comment")]
    pub comment: Option<serde_json::Value>,
    /// Records that are one group although no upstream join says so.
    #[serde(default)]
    pub same: Vec<Same>,
    /// Records that must stay apart although an upstream join says otherwise.
    #[serde(default)]
    pub apart: Vec<Apart>,
    /// Relations between groups (by final id), with who asserts them.
    #[serde(default)]
    pub relations: Vec<RelationDecision>,
    /// Display names readers know better than the surviving record's.
    #[serde(default)]
    pub display: Vec<Display>,
    /// Names credited to the wrong vendor upstream.
    #[serde(default)]
    pub credits: Vec<Credit>,
    /// Names that are not group names: report titles, government designations, malware.
    #[serde(default)]
    pub kinds: Vec<KindDecision>,
    /// Why a former id was folded in, when a source says so in so many words.
    #[serde(default)]
    pub former: Vec<FormerNote>,
    /// Groups no upstream file has, each from a source.
    #[serde(default)]
    pub records: Vec<crate::import::merge::CuratedActor>,
}

/// `"misp:UNC2452"`, `"attack:G0016"`, `"microsoft:Midnight Blizzard"`, `"curated:lockbit"`.
pub type RecordRef = String;

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Same {
    pub records: Vec<RecordRef>,
    pub reason: String,
    pub source: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Apart {
    pub records: [RecordRef; 2],
    pub reason: String,
    pub source: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelationDecision {
    pub from: String,
    pub kind: String,
    pub to: String,
    pub asserted_by: String,
    #[serde(default)]
    pub since: Option<PartialDate>,
    pub source: String,
    pub note: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Display {
    /// The id the group would have by the rules.
    pub actor: String,
    /// The id it gets instead (one of its records' ids), if any.
    #[serde(default)]
    pub id: Option<String>,
    pub name: String,
    pub reason: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Credit {
    pub name: String,
    pub vendor: String,
    pub source: String,
    pub reason: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KindDecision {
    pub name: String,
    pub kind: NameKind,
    pub source: String,
    pub note: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormerNote {
    pub id: String,
    pub note: String,
    #[serde(default)]
    pub since: Option<PartialDate>,
    pub source: String,
}

/// What the identity step hands back: one actor per group, the review lines, and counts.
pub struct Grouped {
    pub actors: Vec<Actor>,
    pub review: Vec<String>,
    /// Vendor credits changed by the naming-scheme check or a curated credit.
    pub credit_fixes: usize,
    /// Record id → final id, for every record folded into another group.
    pub renamed: BTreeMap<String, String>,
}

/// Who asserts a join, for notes and former ids.
struct Join {
    source: String,
    note: String,
}

struct Clusters {
    parent: Vec<usize>,
    /// Per root: its records.
    members: Vec<Vec<usize>>,
}

impl Clusters {
    fn new(n: usize) -> Clusters {
        Clusters {
            parent: (0..n).collect(),
            members: (0..n).map(|i| vec![i]).collect(),
        }
    }

    fn root(&self, mut i: usize) -> usize {
        while self.parent[i] != i {
            i = self.parent[i];
        }
        i
    }

    fn union(&mut self, a: usize, b: usize) -> usize {
        let (ra, rb) = (self.root(a), self.root(b));
        if ra == rb {
            return ra;
        }
        let (keep, gone) = if ra < rb { (ra, rb) } else { (rb, ra) };
        self.parent[gone] = keep;
        let moved = std::mem::take(&mut self.members[gone]);
        self.members[keep].extend(moved);
        keep
    }
}

fn key(s: &str) -> String {
    normalize(s)
}

/// The curated name kinds (`identity.json` `kinds`), by normalised name.
pub type Kinds<'a> = HashMap<String, &'a KindDecision>;

impl Identity {
    pub fn kinds_by_name(&self) -> Kinds<'_> {
        self.kinds.iter().map(|k| (key(&k.name), k)).collect()
    }
}

/// Sets a name's kind, and the source of a curated kind.
pub fn classify(schemes: &[Scheme], kinds: &Kinds, alias: &mut Alias) {
    alias.kind = name_kind(schemes, kinds, &alias.name);
    alias.kind_source = kinds.get(&key(&alias.name)).map(|k| k.source.clone());
}

/// The kind of a name: a curated decision, else its form.
pub fn name_kind(schemes: &[Scheme], kinds: &Kinds, name: &str) -> NameKind {
    if let Some(k) = kinds.get(&key(name)) {
        return k.kind;
    }
    if is_attack_id(name) {
        return NameKind::Tracking;
    }
    naming::kind_by_form(schemes, name)
}

fn is_attack_id(name: &str) -> bool {
    let b = name.as_bytes();
    b.len() == 5 && b[0] == b'G' && b[1..].iter().all(u8::is_ascii_digit)
}

/// Groups the records. `source_name` gives a source id's name for notes.
pub fn group(
    records: Vec<Record>,
    identity: &Identity,
    schemes: &[Scheme],
    source_name: &dyn Fn(&str) -> String,
) -> Result<Grouped, String> {
    let n = records.len();
    let mut review: Vec<String> = Vec::new();
    let label = |r: &Record| format!("{} “{}”", source_label(r.up), r.actor.name);
    // Record lookup by reference.
    let mut by_ref: HashMap<String, usize> = HashMap::new();
    for (i, r) in records.iter().enumerate() {
        let name = match (&r.gid, r.up) {
            (Some(g), Upstream::Attack) => g.clone(),
            _ => r.actor.name.clone(),
        };
        by_ref
            .entry(format!("{}:{}", r.up.prefix(), key(&name)))
            .or_insert(i);
        if r.up == Upstream::Curated {
            by_ref.insert(format!("curated:{}", key(&r.actor.id)), i);
        }
    }
    let find = |rf: &str| -> Result<usize, String> {
        let (p, name) = rf
            .split_once(':')
            .ok_or_else(|| format!("data/identity.json: “{rf}” is not “source:name”"))?;
        by_ref
            .get(&format!("{p}:{}", key(name)))
            .copied()
            .ok_or_else(|| format!("data/identity.json: no upstream record “{rf}”"))
    };
    let mut apart: BTreeSet<(usize, usize)> = BTreeSet::new();
    for a in &identity.apart {
        let (x, y) = (find(&a.records[0])?, find(&a.records[1])?);
        apart.insert((x.min(y), x.max(y)));
    }

    // Names ATT&CK gives to exactly one group.
    let mut attack_count: HashMap<String, usize> = HashMap::new();
    for r in records.iter().filter(|r| r.up == Upstream::Attack) {
        let keys: BTreeSet<String> = r.actor.aliases.iter().map(|a| key(&a.name)).collect();
        for k in keys {
            *attack_count.entry(k).or_default() += 1;
        }
    }
    let mut attack_owner: HashMap<String, usize> = HashMap::new();
    for (i, r) in records.iter().enumerate() {
        if r.up == Upstream::Attack {
            for a in &r.actor.aliases {
                let k = key(&a.name);
                if attack_count.get(&k) == Some(&1) {
                    attack_owner.insert(k, i);
                }
            }
        }
    }

    let mut cl = Clusters::new(n);
    let mut joins: HashMap<usize, Join> = HashMap::new();
    // May two clusters become one? Not two ATT&CK groups, not two Microsoft names, not a
    // curated `apart` pair.
    let allowed = |cl: &Clusters, a: usize, b: usize| -> Result<(), String> {
        let (ma, mb) = (&cl.members[cl.root(a)], &cl.members[cl.root(b)]);
        for up in [Upstream::Attack, Upstream::Microsoft] {
            let x = ma.iter().find(|&&i| records[i].up == up);
            let y = mb.iter().find(|&&i| records[i].up == up);
            // (A renamed Microsoft name already shares its group: both rows are one side.)
            if let (Some(&x), Some(&y)) = (x, y) {
                return Err(format!(
                    "{} keeps {} and {} apart",
                    source_label(up),
                    label(&records[x]),
                    label(&records[y])
                ));
            }
        }
        for &x in ma {
            for &y in mb {
                if apart.contains(&(x.min(y), x.max(y))) {
                    return Err(format!(
                        "data/identity.json keeps {} and {} apart",
                        label(&records[x]),
                        label(&records[y])
                    ));
                }
            }
        }
        Ok(())
    };

    // 0. Curated joins.
    for s in &identity.same {
        let ids: Vec<usize> = s
            .records
            .iter()
            .map(|r| find(r))
            .collect::<Result<_, _>>()?;
        for w in ids.windows(2) {
            cl.union(w[0], w[1]);
            joins.entry(w[1]).or_insert(Join {
                source: s.source.clone(),
                note: s.reason.clone(),
            });
        }
    }

    // 1. MISP records join the ATT&CK group that lists their name, else the one ATT&CK id
    //    they carry.
    for (i, r) in records.iter().enumerate() {
        if r.up != Upstream::Misp {
            continue;
        }
        let by_name = attack_owner.get(&key(&r.actor.name)).copied();
        let gids: BTreeSet<usize> = r
            .actor
            .aliases
            .iter()
            .filter(|a| is_attack_id(&a.name))
            .filter_map(|a| attack_owner.get(&key(&a.name)).copied())
            .collect();
        let (target, join) = match (by_name, gids.len()) {
            (Some(t), _) => (
                t,
                Join {
                    source: crate::import::merge::ATTACK.into(),
                    note: format!(
                        "MITRE ATT&CK lists “{}” among the names of {} ({}).",
                        r.actor.name,
                        records[t].actor.name,
                        records[t].gid.as_deref().unwrap_or("")
                    ),
                },
            ),
            (None, 1) => {
                let t = *gids.iter().next().expect("one");
                (
                    t,
                    Join {
                        source: crate::import::merge::MISP.into(),
                        note: format!(
                            "The MISP galaxy's record “{}” carries ATT&CK's id {} for {}.",
                            r.actor.name,
                            records[t].gid.as_deref().unwrap_or(""),
                            records[t].actor.name
                        ),
                    },
                )
            }
            (None, 0) => {
                // The record lists an ATT&CK group's own name among its synonyms.
                let named: BTreeSet<usize> = r
                    .actor
                    .aliases
                    .iter()
                    .filter_map(|a| attack_owner.get(&key(&a.name)).copied())
                    .filter(|&g| key(&records[g].actor.name) != key(&r.actor.name))
                    .filter(|&g| {
                        r.actor
                            .aliases
                            .iter()
                            .any(|a| key(&a.name) == key(&records[g].actor.name))
                    })
                    .collect();
                match named.len() {
                    1 => {
                        let t = *named.iter().next().expect("one");
                        (
                            t,
                            Join {
                                source: crate::import::merge::MISP.into(),
                                note: format!(
                                    "The MISP galaxy's record “{}” gives “{}” as another name for it.",
                                    r.actor.name, records[t].actor.name
                                ),
                            },
                        )
                    }
                    0 => continue,
                    _ => {
                        review.push(format!(
                            "- **kept apart** MISP “{}” lists the names of {}; joined to none",
                            r.actor.name,
                            named
                                .iter()
                                .map(|&g| label(&records[g]))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ));
                        continue;
                    }
                }
            }
            (None, _) => {
                review.push(format!(
                    "- **kept apart** MISP “{}” carries the ATT&CK ids of {}; joined to none",
                    r.actor.name,
                    gids.iter()
                        .map(|&g| label(&records[g]))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
                continue;
            }
        };
        match allowed(&cl, i, target) {
            Ok(()) => {
                cl.union(i, target);
                joins.entry(i).or_insert(join);
            }
            Err(why) => review.push(format!(
                "- **kept apart** MISP “{}” → ATT&CK {}: {why}",
                r.actor.name, records[target].actor.name
            )),
        }
    }

    // 1b. A Microsoft name whose other names list another Microsoft name of the temporary
    //     form (Storm-####, DEV-####) is that group renamed: Microsoft says they are one.
    for (i, r) in records.iter().enumerate() {
        if r.up != Upstream::Microsoft {
            continue;
        }
        for (j, x) in records.iter().enumerate() {
            if j == i || x.up != Upstream::Microsoft {
                continue;
            }
            let temporary = name_kind(schemes, &Kinds::new(), &x.actor.name) == NameKind::Cluster;
            if temporary && r.others.iter().any(|o| key(o) == key(&x.actor.name)) {
                cl.union(i, j);
                joins.entry(j).or_insert(Join {
                    source: crate::import::merge::MICROSOFT.into(),
                    note: format!(
                        "Microsoft lists its temporary name “{}” among the other names of {}: the group was renamed.",
                        x.actor.name, r.actor.name
                    ),
                });
            }
        }
    }

    // 2. Microsoft names: the ATT&CK group that lists the name, else the one ATT&CK group
    //    its other names point at, else the one group whose records carry the name.
    struct Claim {
        row: usize,
        target: usize,
        strength: (u8, usize),
        join: Join,
    }
    let mut claims: Vec<Claim> = Vec::new();
    for (i, r) in records.iter().enumerate() {
        if r.up != Upstream::Microsoft {
            continue;
        }
        let own = key(&r.actor.name);
        if let Some(&t) = attack_owner.get(&own) {
            claims.push(Claim {
                row: i,
                target: t,
                strength: (3, usize::MAX),
                join: Join {
                    source: crate::import::merge::ATTACK.into(),
                    note: format!(
                        "MITRE ATT&CK lists “{}” among the names of {}.",
                        r.actor.name, records[t].actor.name
                    ),
                },
            });
            continue;
        }
        let mut hits: BTreeMap<usize, usize> = BTreeMap::new();
        for o in &r.others {
            if let Some(&t) = attack_owner.get(&key(o)) {
                *hits.entry(cl.root(t)).or_default() += 1;
            }
        }
        if hits.len() > 1 {
            review.push(format!(
                "- **kept apart** Microsoft “{}”: its other names point at {}; joined to none",
                r.actor.name,
                hits.keys()
                    .map(|&g| {
                        let attack = cl.members[g]
                            .iter()
                            .copied()
                            .find(|&m| records[m].up == Upstream::Attack)
                            .unwrap_or(g);
                        label(&records[attack])
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
            continue;
        }
        if let Some((&t, &count)) = hits.iter().next() {
            claims.push(Claim {
                row: i,
                target: t,
                strength: (2, count),
                join: Join {
                    source: crate::import::merge::MICROSOFT.into(),
                    note: format!(
                        "Microsoft lists names of {} among the other names of “{}”.",
                        records[t].actor.name, r.actor.name
                    ),
                },
            });
            continue;
        }
        let carriers: BTreeSet<usize> = records
            .iter()
            .enumerate()
            .filter(|(j, x)| {
                *j != i
                    && x.up == Upstream::Misp
                    && (key(&x.actor.name) == own
                        || r.others.iter().any(|o| key(o) == key(&x.actor.name)))
            })
            .map(|(j, _)| cl.root(j))
            .collect();
        // A record named exactly as the Microsoft name settles it.
        let named: BTreeSet<usize> = records
            .iter()
            .enumerate()
            .filter(|(j, x)| *j != i && x.up == Upstream::Misp && key(&x.actor.name) == own)
            .map(|(j, _)| cl.root(j))
            .collect();
        let carriers = if named.len() == 1 { named } else { carriers };
        match carriers.len() {
            0 => {}
            1 => {
                let t = *carriers.iter().next().expect("one");
                claims.push(Claim {
                    row: i,
                    target: t,
                    strength: (1, 1),
                    join: Join {
                        source: crate::import::merge::MICROSOFT.into(),
                        note: format!(
                            "Microsoft lists “{}” as “{}” or among its other names.",
                            records[t].actor.name, r.actor.name
                        ),
                    },
                });
            }
            _ => review.push(format!(
                "- **kept apart** Microsoft “{}”: it names the records {}; joined to none",
                r.actor.name,
                carriers
                    .iter()
                    .map(|&g| label(&records[g]))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
    }
    // Strongest claims first, so that of two Microsoft names pointing at one group the one
    // with the firmer source joins it.
    claims.sort_by(|a, b| b.strength.cmp(&a.strength).then(a.row.cmp(&b.row)));
    for c in claims {
        match allowed(&cl, c.row, c.target) {
            Ok(()) => {
                cl.union(c.row, c.target);
                joins.entry(c.row).or_insert(c.join);
            }
            Err(why) => review.push(format!(
                "- **kept apart** Microsoft “{}” → `{}`: {why}",
                records[c.row].actor.name, records[c.target].actor.id
            )),
        }
    }

    // 3. A MISP record still on its own whose name Microsoft lists as a Microsoft name's
    //    other name joins that name's group.
    for (i, r) in records.iter().enumerate() {
        if r.up != Upstream::Misp || cl.members[cl.root(i)].len() > 1 {
            continue;
        }
        let own = key(&r.actor.name);
        let rows: Vec<usize> = records
            .iter()
            .enumerate()
            .filter(|(_, x)| {
                x.up == Upstream::Microsoft
                    && (key(&x.actor.name) == own || x.others.iter().any(|o| key(o) == own))
            })
            .map(|(j, _)| j)
            .collect();
        // A Microsoft name spelled exactly as the record settles it.
        let exact: Vec<usize> = rows
            .iter()
            .copied()
            .filter(|&j| key(&records[j].actor.name) == own)
            .collect();
        let rows = if exact.len() == 1 { exact } else { rows };
        if let [row] = rows.as_slice() {
            let join = Join {
                source: crate::import::merge::MICROSOFT.into(),
                note: format!(
                    "Microsoft lists “{}” for {}.",
                    r.actor.name, records[*row].actor.name
                ),
            };
            match allowed(&cl, i, *row) {
                Ok(()) => {
                    cl.union(i, *row);
                    joins.entry(i).or_insert(join);
                }
                Err(why) => review.push(format!(
                    "- **kept apart** MISP “{}” → Microsoft “{}”: {why}",
                    r.actor.name, records[*row].actor.name
                )),
            }
        }
    }

    // Who owns which name.
    let mut owner: HashMap<String, usize> = HashMap::new();
    for (k, &i) in &attack_owner {
        owner.insert(k.clone(), cl.root(i));
    }
    let attack_shared: BTreeSet<&String> = attack_count
        .iter()
        .filter(|(_, &c)| c > 1)
        .map(|(k, _)| k)
        .collect();
    for up in [Upstream::Microsoft, Upstream::Curated, Upstream::Misp] {
        let mut seen: HashMap<String, BTreeSet<usize>> = HashMap::new();
        for (i, r) in records.iter().enumerate().filter(|(_, r)| r.up == up) {
            seen.entry(key(&r.actor.name))
                .or_default()
                .insert(cl.root(i));
        }
        for (k, roots) in seen {
            if roots.len() == 1 && !attack_shared.contains(&k) {
                owner.entry(k).or_insert(*roots.iter().next().expect("one"));
            }
        }
    }

    let kinds = identity.kinds_by_name();

    // Fuse each group.
    let roots: Vec<usize> = (0..n).filter(|&i| cl.root(i) == i).collect();
    let mut final_id: HashMap<usize, String> = HashMap::new();
    let record_ids: BTreeSet<String> = records.iter().map(|r| r.actor.id.clone()).collect();
    let display: HashMap<&str, &Display> = identity
        .display
        .iter()
        .flat_map(|d| {
            [(d.actor.as_str(), d)]
                .into_iter()
                .chain(d.id.as_deref().map(|i| (i, d)))
        })
        .collect();
    let mut taken: BTreeSet<String> = BTreeSet::new();
    let mut primaries: HashMap<usize, usize> = HashMap::new();
    for &root in &roots {
        let members = &cl.members[root];
        let primary = primary_of(&records, members);
        primaries.insert(root, primary);
        let p = &records[primary];
        let not_a_title = |n: &str| {
            matches!(
                name_kind(schemes, &kinds, n),
                NameKind::Operation | NameKind::Malware | NameKind::Report | NameKind::Cluster
            )
        };
        // Never an operation, malware or report title for a group, and a temporary cluster
        // only when the group has no lasting name.
        let bad_kind = not_a_title(&p.actor.name)
            && members
                .iter()
                .any(|&m| !not_a_title(&records[m].actor.name));
        let mut id = p.actor.id.clone();
        if bad_kind {
            if let Some(better) = members
                .iter()
                .map(|&m| &records[m])
                .filter(|r| r.up != Upstream::Misp)
                .chain(members.iter().map(|&m| &records[m]))
                .find(|r| !not_a_title(&r.actor.name))
            {
                let slug = crate::import::merge::slugify(&better.actor.name);
                if !slug.is_empty()
                    && !taken.contains(&slug)
                    && (!record_ids.contains(&slug)
                        || members.iter().any(|&m| records[m].actor.id == slug))
                {
                    id = slug;
                }
            }
        }
        if let Some(d) = display.get(id.as_str()) {
            if let Some(new) = &d.id {
                if !members.iter().any(|&m| &records[m].actor.id == new) {
                    return Err(format!(
                        "data/identity.json: display id “{new}” is not a record of `{id}`"
                    ));
                }
                id = new.clone();
            }
        }
        taken.insert(id.clone());
        final_id.insert(root, id);
    }

    let mut actors: Vec<Actor> = Vec::new();
    let mut renamed: BTreeMap<String, String> = BTreeMap::new();
    let mut moved: BTreeMap<(usize, usize), BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    let former_notes: HashMap<&str, &FormerNote> =
        identity.former.iter().map(|f| (f.id.as_str(), f)).collect();
    for &root in &roots {
        let members = &cl.members[root];
        let primary = primaries[&root];
        let id = final_id[&root].clone();
        let mut order: Vec<usize> = vec![primary];
        for up in [
            Upstream::Attack,
            Upstream::Microsoft,
            Upstream::Misp,
            Upstream::Curated,
        ] {
            let mut more: Vec<usize> = members
                .iter()
                .copied()
                .filter(|&m| m != primary && records[m].up == up)
                .collect();
            more.sort_unstable();
            order.extend(more);
        }
        let p = &records[primary];
        let name = match display.get(id.as_str()) {
            Some(d) => d.name.clone(),
            None if id != p.actor.id => order
                .iter()
                .map(|&m| &records[m])
                .find(|r| crate::import::merge::slugify(&r.actor.name) == id)
                .map(|r| r.actor.name.clone())
                .unwrap_or_else(|| p.actor.name.clone()),
            None => p.actor.name.clone(),
        };
        let mut a = Actor {
            id: id.clone(),
            name,
            ..Actor::default()
        };
        for &m in &order {
            let r = &records[m];
            for x in &r.actor.aliases {
                let k = key(&x.name);
                if let Some(&o) = owner.get(&k) {
                    if o != root {
                        moved
                            .entry((root, o))
                            .or_default()
                            .entry(x.source.clone())
                            .or_default()
                            .insert(x.name.clone());
                        continue;
                    }
                }
                add_alias(&mut a, x);
            }
            if a.sponsor.is_none() {
                a.sponsor = r.actor.sponsor.clone();
            }
            for list in [
                (&mut a.motivations, &r.actor.motivations),
                (&mut a.sectors, &r.actor.sectors),
                (&mut a.victims, &r.actor.victims),
                (&mut a.refs, &r.actor.refs),
                (&mut a.sources, &r.actor.sources),
            ] {
                for item in list.1 {
                    if !list.0.iter().any(|x| x.eq_ignore_ascii_case(item)) {
                        list.0.push(item.clone());
                    }
                }
            }
            if let Some(f) = r.actor.first_seen {
                if a.first_seen.is_none_or(|x| f < x) {
                    a.first_seen = Some(f);
                    a.first_seen_source = r.actor.first_seen_source.clone();
                }
            }
            a.last_seen = max_opt(a.last_seen, r.actor.last_seen);
            if a.summary.is_none() {
                a.summary = r.actor.summary.clone();
            }
            // A record whose id differs only by the merge's collision suffix never had a
            // public id of its own.
            let slug = crate::import::merge::slugify(&r.actor.name);
            // (or collided with another record of the same group).
            let collided = r.actor.id != slug
                && members
                    .iter()
                    .any(|&x| x != m && records[x].actor.id == slug);
            let natural = slug == id || collided;
            if r.actor.id != id && natural {
                renamed.insert(r.actor.id.clone(), id.clone());
            }
            if r.actor.id != id && !natural {
                renamed.insert(r.actor.id.clone(), id.clone());
                let (note, since, source) = match former_notes.get(r.actor.id.as_str()) {
                    Some(f) => (f.note.clone(), f.since, f.source.clone()),
                    None => match joins.get(&m).or_else(|| {
                        // The primary itself joined someone: say why from the other side.
                        members.iter().find_map(|x| joins.get(x))
                    }) {
                        Some(j) => (j.note.clone(), None, j.source.clone()),
                        None => (
                            "Folded into this group by the merge.".into(),
                            None,
                            r.actor
                                .sources
                                .first()
                                .cloned()
                                .unwrap_or_else(|| crate::import::merge::MISP.to_string()),
                        ),
                    },
                };
                a.former.push(Former {
                    id: r.actor.id.clone(),
                    name: r.actor.name.clone(),
                    note,
                    since,
                    source,
                });
            }
        }
        // The origin a MISP record gives, else the first any record gives.
        a.origin = order
            .iter()
            .filter_map(|&m| records[m].actor.origin.as_ref())
            .find(|o| o.source == crate::import::merge::MISP)
            .or_else(|| order.iter().find_map(|&m| records[m].actor.origin.as_ref()))
            .cloned();
        actors.push(a);
    }
    let index: HashMap<String, usize> = actors
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.clone(), i))
        .collect();
    let root_index: HashMap<usize, usize> =
        roots.iter().enumerate().map(|(i, &r)| (r, i)).collect();

    // Relations: upstream ones (MISP's), remapped to final ids.
    for &root in &roots {
        let ai = root_index[&root];
        for &m in &cl.members[root] {
            for rel in &records[m].actor.related {
                let Some(target) = renamed
                    .get(&rel.id)
                    .cloned()
                    .or_else(|| index.contains_key(&rel.id).then(|| rel.id.clone()))
                else {
                    continue;
                };
                if target != actors[ai].id && !actors[ai].related.iter().any(|x| x.id == target) {
                    actors[ai].related.push(Related {
                        id: target,
                        ..rel.clone()
                    });
                }
            }
        }
    }
    // Curated relations replace whatever upstream said about the same pair.
    let mut curated_pairs: BTreeSet<(String, String)> = BTreeSet::new();
    for d in &identity.relations {
        let from = renamed.get(&d.from).unwrap_or(&d.from).clone();
        let to = renamed.get(&d.to).unwrap_or(&d.to).clone();
        let (Some(&fi), true) = (index.get(&from), index.contains_key(&to)) else {
            return Err(format!(
                "data/identity.json: relation {} → {}: unknown actor",
                d.from, d.to
            ));
        };
        let stated_before = curated_pairs.contains(&(to.clone(), from.clone()))
            && !curated_pairs.contains(&(from.clone(), to.clone()));
        curated_pairs.insert((from.clone(), to.clone()));
        curated_pairs.insert((to.clone(), from.clone()));
        let a = &mut actors[fi];
        a.related.retain(|x| x.id != to);
        a.related.push(Related {
            id: to.clone(),
            kind: d.kind.clone(),
            source: d.source.clone(),
            asserted_by: Some(d.asserted_by.clone()),
            since: d.since,
            note: Some(d.note.clone()),
        });
        // Upstream's link back is replaced; a curated one stated earlier stays.
        if let (Some(&ti), false) = (index.get(&to), stated_before) {
            actors[ti].related.retain(|x| x.id != from);
        }
    }
    // Names moved to the group that owns them become `overlaps` relations.
    for ((from, to), by_source) in &moved {
        let (fi, ti) = (root_index[from], root_index[to]);
        let (fid, tid) = (actors[fi].id.clone(), actors[ti].id.clone());
        if curated_pairs.contains(&(fid.clone(), tid.clone())) {
            continue;
        }
        for (source, names) in by_source {
            let list = names
                .iter()
                .map(|n| format!("“{n}”"))
                .collect::<Vec<_>>()
                .join(", ");
            review.push(format!(
                "- **name kept on its owner** {list}: {} lists it for `{fid}`, but it is a name of `{tid}`; `{fid}` now overlaps `{tid}`",
                source_name(source)
            ));
            let tname = actors[ti].name.clone();
            let fname = actors[fi].name.clone();
            let a = &mut actors[fi];
            if a.related
                .iter()
                .any(|x| x.id == tid && x.kind == "overlaps")
            {
                continue;
            }
            a.related.retain(|x| x.id != tid);
            a.related.push(Related {
                id: tid.clone(),
                kind: "overlaps".into(),
                source: source.clone(),
                asserted_by: None,
                since: None,
                note: Some(format!(
                    "{} also lists {list}, a name of {tname}, for {fname}.",
                    source_name(source)
                )),
            });
        }
    }

    // Name kinds, then the credit check.
    let credits: HashMap<String, &Credit> =
        identity.credits.iter().map(|c| (key(&c.name), c)).collect();
    let mut credit_fixes = 0;
    for a in &mut actors {
        let mut fixed: Vec<Alias> = Vec::new();
        for mut x in std::mem::take(&mut a.aliases) {
            classify(schemes, &kinds, &mut x);
            if let Some(c) = credits.get(&key(&x.name)) {
                if x.vendor.as_deref() != Some(c.vendor.as_str()) {
                    if x.vendor.is_some() {
                        credit_fixes += 1;
                        review.push(format!(
                            "- **credit fixed** “{}” on `{}`: {} (data/identity.json)",
                            x.name, a.id, c.reason
                        ));
                    }
                    x.vendor = Some(c.vendor.clone());
                    x.source = c.source.clone();
                }
            } else if let Some(v) = x.vendor.clone() {
                if let Some(s) = naming::misattributed(schemes, &x.name, &v) {
                    credit_fixes += 1;
                    review.push(format!(
                        "- **credit fixed** “{}” on `{}`: credited to `{v}`, but it is in `{}`'s naming scheme",
                        x.name, a.id, s.vendor
                    ));
                    x.vendor = Some(s.vendor.clone());
                    x.source = s.source.clone();
                }
            }
            let dup = fixed
                .iter()
                .any(|y| y.name.eq_ignore_ascii_case(&x.name) && y.vendor == x.vendor);
            if !dup {
                fixed.push(x);
            }
        }
        a.aliases = fixed;
    }
    Ok(Grouped {
        actors,
        review,
        credit_fixes,
        renamed,
    })
}

fn source_label(up: Upstream) -> &'static str {
    match up {
        Upstream::Misp => "MISP",
        Upstream::Attack => "ATT&CK",
        Upstream::Microsoft => "Microsoft",
        Upstream::Curated => "data/identity.json",
    }
}

/// The record whose id and name the group keeps: a MISP record named as the ATT&CK group,
/// else one carrying its ATT&CK id, else the ATT&CK group; without ATT&CK, a MISP record
/// named as the Microsoft name, else one Microsoft lists, else the Microsoft name; else the
/// first record.
fn primary_of(records: &[Record], members: &[usize]) -> usize {
    let mut sorted = members.to_vec();
    sorted.sort_unstable();
    let misp = |pred: &dyn Fn(&Record) -> bool| {
        sorted
            .iter()
            .copied()
            .find(|&m| records[m].up == Upstream::Misp && pred(&records[m]))
    };
    if let Some(&c) = sorted.iter().find(|&&m| records[m].up == Upstream::Curated) {
        return c;
    }
    if let Some(&g) = sorted.iter().find(|&&m| records[m].up == Upstream::Attack) {
        let g = &records[g];
        let gid = g.gid.clone().unwrap_or_default();
        return misp(&|r| key(&r.actor.name) == key(&g.actor.name))
            .or_else(|| misp(&|r| r.actor.aliases.iter().any(|a| a.name == gid)))
            .unwrap_or_else(|| {
                sorted
                    .iter()
                    .copied()
                    .find(|&m| records[m].up == Upstream::Attack)
                    .expect("an ATT&CK record")
            });
    }
    if let Some(&s) = sorted
        .iter()
        .find(|&&m| records[m].up == Upstream::Microsoft)
    {
        let row = &records[s];
        return misp(&|r| key(&r.actor.name) == key(&row.actor.name))
            .or_else(|| misp(&|r| row.others.iter().any(|o| key(o) == key(&r.actor.name))))
            .unwrap_or(s);
    }
    sorted[0]
}

/// Adds a name unless the actor has it already from the same vendor; a vendor learnt for a
/// name held without one is credited there.
fn add_alias(a: &mut Actor, x: &Alias) {
    let k = key(&x.name);
    if a.aliases
        .iter()
        .any(|y| y.name.eq_ignore_ascii_case(&x.name) && y.vendor == x.vendor)
    {
        return;
    }
    match &x.vendor {
        None => {
            if a.aliases.iter().any(|y| key(&y.name) == k) {
                return;
            }
        }
        Some(_) => {
            if let Some(y) = a
                .aliases
                .iter_mut()
                .find(|y| key(&y.name) == k && y.vendor.is_none())
            {
                y.vendor = x.vendor.clone();
                y.source = x.source.clone();
                return;
            }
        }
    }
    a.aliases.push(x.clone());
}

fn max_opt(a: Option<PartialDate>, b: Option<PartialDate>) -> Option<PartialDate> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.max(y)),
        (x, y) => x.or(y),
    }
}

/// ATT&CK consistency, the merge's measure: for each active ATT&CK group, exactly one actor
/// carries its id, that actor carries every name ATT&CK gives to this group alone, and no
/// other actor carries any of those names. Returns (consistent groups, active groups, one
/// line per exception).
pub fn attack_consistency(
    catalog: &crate::Catalog,
    bundle: &super::upstream::StixBundle,
) -> (usize, usize, Vec<String>) {
    let groups: Vec<(&str, &str, BTreeSet<String>)> = bundle
        .objects
        .iter()
        .filter(|o| o.kind == "intrusion-set" && o.active())
        .filter_map(|o| {
            let (gid, _) = o.attack_id()?;
            let name = o.name.as_deref()?;
            let mut names: BTreeSet<String> = o.aliases.iter().map(|a| key(a)).collect();
            names.insert(key(name));
            names.insert(key(gid));
            Some((gid, name, names))
        })
        .collect();
    let mut count: HashMap<&str, usize> = HashMap::new();
    for (_, _, names) in &groups {
        for n in names {
            *count.entry(n.as_str()).or_default() += 1;
        }
    }
    let mut carriers: HashMap<String, BTreeSet<usize>> = HashMap::new();
    for (i, a) in catalog.actors().iter().enumerate() {
        carriers.entry(key(&a.name)).or_default().insert(i);
        for x in &a.aliases {
            carriers.entry(key(&x.name)).or_default().insert(i);
        }
    }
    let mut ok = 0;
    let mut failures = Vec::new();
    for (gid, name, names) in &groups {
        let holders = carriers.get(&key(gid)).cloned().unwrap_or_default();
        let [holder] = holders.iter().copied().collect::<Vec<_>>()[..] else {
            failures.push(format!(
                "{gid} “{name}”: its id is carried by {} actors",
                holders.len()
            ));
            continue;
        };
        let bad: Vec<&String> = names
            .iter()
            .filter(|n| count[n.as_str()] == 1)
            .filter(|n| {
                carriers
                    .get(n.as_str())
                    .is_none_or(|c| c.len() != 1 || !c.contains(&holder))
            })
            .collect();
        if bad.is_empty() {
            ok += 1;
        } else {
            failures.push(format!(
                "{gid} “{name}” (`{}`): names missing or also elsewhere: {}",
                catalog.actors()[holder].id,
                bad.iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }
    (ok, groups.len(), failures)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::merge::{ATTACK, MICROSOFT, MISP};
    use crate::{Catalog, Dataset, DatasetInfo, Source, SourceKind};

    fn record(up: Upstream, id: &str, name: &str, names: &[&str]) -> Record {
        let source = match up {
            Upstream::Misp => MISP,
            Upstream::Attack => ATTACK,
            Upstream::Microsoft => MICROSOFT,
            Upstream::Curated => "s",
        };
        let aliases: Vec<Alias> = std::iter::once(name)
            .chain(names.iter().copied())
            .map(|n| Alias {
                name: n.into(),
                vendor: None,
                source: source.into(),
                kind: NameKind::Group,
                kind_source: None,
            })
            .collect();
        let gid = names
            .iter()
            .find(|n| is_attack_id(n))
            .map(|s| s.to_string());
        Record {
            up,
            actor: Actor {
                id: id.into(),
                name: name.into(),
                aliases,
                sources: vec![source.into()],
                ..Actor::default()
            },
            gid: if up == Upstream::Attack { gid } else { None },
            others: if up == Upstream::Microsoft {
                names.iter().map(|s| s.to_string()).collect()
            } else {
                vec![]
            },
        }
    }

    fn run(records: Vec<Record>, identity: &Identity) -> Grouped {
        group(records, identity, &[], &|s| s.to_string()).expect("groups")
    }

    fn catalog(g: &Grouped) -> Catalog {
        let sources = [MISP, ATTACK, MICROSOFT, "s"]
            .iter()
            .map(|id| Source {
                id: id.to_string(),
                name: id.to_string(),
                kind: SourceKind::Dataset,
                url: None,
                licence: None,
                version: None,
                credit: None,
            })
            .collect();
        let (c, w) = Catalog::from_dataset(Dataset {
            schema: 1,
            info: DatasetInfo {
                title: "t".into(),
                version: "1".into(),
                updated: None,
            },
            sources,
            vendors: vec![],
            actors: g.actors.clone(),
            events: vec![],
            schemes: vec![],
        });
        assert!(w.is_empty(), "{w:?}");
        c
    }

    fn ids(g: &Grouped) -> Vec<&str> {
        let mut v: Vec<&str> = g.actors.iter().map(|a| a.id.as_str()).collect();
        v.sort_unstable();
        v
    }

    #[test]
    fn a_record_attack_names_for_a_group_is_that_group_and_its_id_still_opens_it() {
        let g = run(
            vec![
                record(Upstream::Misp, "unc9", "UNC9", &["Blue Bird"]),
                record(Upstream::Misp, "bird", "Bird", &[]),
                record(Upstream::Attack, "bird-attack", "Bird", &["G9000", "UNC9"]),
            ],
            &Identity::default(),
        );
        assert_eq!(ids(&g), ["bird"]);
        let c = catalog(&g);
        let (a, former) = c.resolve("unc9").expect("the old id opens");
        assert_eq!(a.id, "bird");
        assert!(former.unwrap().note.contains("UNC9"));
        // The collision id of the ATT&CK record never was public: no former entry.
        assert!(c.resolve("bird-attack").is_none());
    }

    #[test]
    fn attack_keeps_its_groups_apart_and_the_name_moves_to_its_owner() {
        let g = run(
            vec![
                record(
                    Upstream::Misp,
                    "alpha",
                    "Alpha",
                    &["G0001", "G0002", "Beta"],
                ),
                record(Upstream::Attack, "alpha-attack", "Alpha", &["G0001"]),
                record(Upstream::Attack, "beta", "Beta", &["G0002"]),
            ],
            &Identity::default(),
        );
        assert_eq!(ids(&g), ["alpha", "beta"]);
        let alpha = g.actors.iter().find(|a| a.id == "alpha").unwrap();
        assert!(!alpha
            .aliases
            .iter()
            .any(|x| x.name == "Beta" || x.name == "G0002"));
        assert_eq!(alpha.related[0].id, "beta");
        assert_eq!(alpha.related[0].kind, "overlaps");
        assert!(
            g.review.iter().any(|l| l.contains("“Beta”")),
            "{:?}",
            g.review
        );
    }

    #[test]
    fn of_two_microsoft_names_for_one_group_the_firmer_joins_and_the_other_is_listed() {
        let g = run(
            vec![
                record(
                    Upstream::Attack,
                    "apt1",
                    "APT1",
                    &["G0006", "Comment Crew", "Red Typhoon"],
                ),
                record(Upstream::Microsoft, "red-typhoon", "Red Typhoon", &["APT1"]),
                record(
                    Upstream::Microsoft,
                    "blue-typhoon",
                    "Blue Typhoon",
                    &["APT1", "Comment Crew"],
                ),
            ],
            &Identity::default(),
        );
        assert_eq!(ids(&g), ["apt1", "blue-typhoon"]);
        assert!(g
            .review
            .iter()
            .any(|l| l.contains("Blue Typhoon") && l.contains("apart")));
    }

    #[test]
    fn curated_relations_read_from_both_sides() {
        let mut identity = Identity::default();
        for (from, kind, to) in [
            ("part", "part-of", "umbrella"),
            ("old", "renamed-to", "new"),
            ("x", "disputed", "y"),
        ] {
            identity.relations.push(RelationDecision {
                from: from.into(),
                kind: kind.into(),
                to: to.into(),
                asserted_by: "A government".into(),
                since: "2019-09".parse().ok(),
                source: "s".into(),
                note: "Said so.".into(),
            });
        }
        let records = ["part", "umbrella", "old", "new", "x", "y"]
            .iter()
            .map(|id| record(Upstream::Misp, id, &id.to_uppercase(), &[]))
            .collect();
        let g = run(records, &identity);
        let c = catalog(&g);
        let label = |of: &str, other: &str| -> String {
            let a = c.actor(of).unwrap();
            c.relations(a)
                .into_iter()
                .find(|r| c.actors()[r.other].id == other)
                .map(|r| r.label())
                .unwrap_or_default()
        };
        assert_eq!(label("part", "umbrella"), "Part of");
        assert_eq!(label("umbrella", "part"), "Has part");
        assert_eq!(label("old", "new"), "Renamed to");
        assert_eq!(label("new", "old"), "Renamed from");
        assert_eq!(label("y", "x"), "Disputed identity with");
    }

    #[test]
    fn name_kinds_and_display_names() {
        let mut identity = Identity::default();
        identity.kinds.push(KindDecision {
            name: "Steppe Report".into(),
            kind: NameKind::Report,
            source: "s".into(),
            note: "A report title.".into(),
        });
        let g = run(
            vec![
                record(
                    Upstream::Misp,
                    "operation-tribe",
                    "Operation Tribe",
                    &["Tribe", "Steppe Report"],
                ),
                record(Upstream::Misp, "other", "Other", &["Steppe Report"]),
                record(Upstream::Attack, "tribe", "Tribe", &["G0134"]),
            ],
            &identity,
        );
        // Never an operation's name for a group: the ATT&CK name, and the old id still opens.
        let c = catalog(&g);
        let (a, former) = c.resolve("operation-tribe").unwrap();
        assert_eq!((a.id.as_str(), a.name.as_str()), ("tribe", "Tribe"));
        assert!(former.is_some());
        let kind = |n: &str| a.aliases.iter().find(|x| x.name == n).map(|x| x.kind);
        assert_eq!(kind("Operation Tribe"), Some(NameKind::Operation));
        assert_eq!(kind("Steppe Report"), Some(NameKind::Report));
        // A report title on two groups is not a shared name.
        assert!(crate::crossref::conflicts(&c).is_empty());
    }

    #[test]
    fn curated_credits_win() {
        let mut identity = Identity::default();
        identity.credits.push(Credit {
            name: "Hidden Cat".into(),
            vendor: "symantec".into(),
            source: "s".into(),
            reason: "Symantec named it.".into(),
        });
        let mut r = record(Upstream::Misp, "cat", "Cat", &["Hidden Cat"]);
        r.actor.aliases[1].vendor = Some("crowdstrike".into());
        let g = run(vec![r], &identity);
        let x = &g.actors[0].aliases[1];
        assert_eq!(x.vendor.as_deref(), Some("symantec"));
        assert_eq!(g.credit_fixes, 1);
    }
}
