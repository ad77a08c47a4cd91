//! Facets: narrowing search results by origin, sponsor, motivation, sector, victim, naming
//! vendor and "has government attributions", with a count for each value.
//!
//! Values inside one facet combine with OR, facets combine with AND. Each value's count is
//! the number of results it would leave given the *other* facets' selections, so a reader
//! can see what ticking a second box in the same facet would add.

use std::collections::{BTreeMap, BTreeSet};

use crate::load::Catalog;
use crate::search::Hit;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Facet {
    Origin,
    Sponsor,
    Motivation,
    Sector,
    Victim,
    Vendor,
    Attributed,
}

impl Facet {
    pub const ALL: [Facet; 7] = [
        Facet::Origin,
        Facet::Sponsor,
        Facet::Motivation,
        Facet::Sector,
        Facet::Victim,
        Facet::Vendor,
        Facet::Attributed,
    ];

    /// The URL query parameter that holds this facet's selection.
    pub fn param(self) -> &'static str {
        match self {
            Facet::Origin => "origin",
            Facet::Sponsor => "sponsor",
            Facet::Motivation => "motivation",
            Facet::Sector => "sector",
            Facet::Victim => "victim",
            Facet::Vendor => "vendor",
            Facet::Attributed => "attributed",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Facet::Origin => "Suspected origin",
            Facet::Sponsor => "Suspected sponsor",
            Facet::Motivation => "Motivation",
            Facet::Sector => "Target sector",
            Facet::Victim => "Victim country",
            Facet::Vendor => "Named by",
            Facet::Attributed => "Government attributions",
        }
    }

    pub fn from_param(p: &str) -> Option<Facet> {
        Facet::ALL.into_iter().find(|f| f.param() == p)
    }
}

/// Selected values per facet.
pub type Selection = BTreeMap<Facet, BTreeSet<String>>;

/// One value of a facet with its count among the current results.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FacetValue {
    pub value: String,
    pub label: String,
    pub count: usize,
    pub selected: bool,
}

/// Every actor's values for every facet, computed once per dataset.
pub struct FacetIndex {
    /// values[actor][facet as usize]
    values: Vec<[Vec<String>; 7]>,
    labels: BTreeMap<(Facet, String), String>,
}

pub const ATTRIBUTED_YES: &str = "yes";

impl FacetIndex {
    pub fn new(catalog: &Catalog) -> FacetIndex {
        let mut labels = BTreeMap::new();
        let mut values = Vec::with_capacity(catalog.actors().len());
        for a in catalog.actors() {
            let mut v: [Vec<String>; 7] = Default::default();
            let mut put = |f: Facet, value: &str, label: &str| {
                let list = &mut v[f as usize];
                if !value.is_empty() && !list.iter().any(|x| x == value) {
                    list.push(value.to_string());
                    labels
                        .entry((f, value.to_string()))
                        .or_insert_with(|| label.to_string());
                }
            };
            if let Some(o) = &a.origin {
                put(Facet::Origin, &o.country, &o.country);
            }
            if let Some(s) = &a.sponsor {
                put(Facet::Sponsor, &s.name, &s.name);
            }
            for m in &a.motivations {
                put(Facet::Motivation, m, m);
            }
            for s in &a.sectors {
                put(Facet::Sector, s, s);
            }
            for c in &a.victims {
                put(Facet::Victim, c, c);
            }
            for alias in &a.aliases {
                if let Some(vendor) = alias.vendor.as_deref().and_then(|id| catalog.vendor(id)) {
                    put(Facet::Vendor, &vendor.id, &vendor.name);
                }
            }
            let attributed = catalog
                .events_for(&a.id)
                .iter()
                .any(|e| e.kind.is_government());
            if attributed {
                put(Facet::Attributed, ATTRIBUTED_YES, "Named by a government");
            }
            values.push(v);
        }
        FacetIndex { values, labels }
    }

    fn matches(&self, actor: usize, selection: &Selection, except: Option<Facet>) -> bool {
        selection.iter().all(|(f, chosen)| {
            Some(*f) == except
                || chosen.is_empty()
                || self.values[actor][*f as usize]
                    .iter()
                    .any(|v| chosen.contains(v))
        })
    }

    /// The hits that every facet selection allows, in their order.
    pub fn filter(&self, hits: &[Hit], selection: &Selection) -> Vec<Hit> {
        hits.iter()
            .filter(|h| self.matches(h.actor, selection, None))
            .cloned()
            .collect()
    }

    /// Each facet's values with counts, most frequent first (ties by label). Selected values
    /// are always listed, even with a count of zero, so they can be unticked.
    pub fn counts(&self, hits: &[Hit], selection: &Selection) -> Vec<(Facet, Vec<FacetValue>)> {
        Facet::ALL
            .into_iter()
            .map(|f| {
                let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
                for h in hits
                    .iter()
                    .filter(|h| self.matches(h.actor, selection, Some(f)))
                {
                    for v in &self.values[h.actor][f as usize] {
                        *counts.entry(v.as_str()).or_default() += 1;
                    }
                }
                let chosen = selection.get(&f);
                let mut list: Vec<FacetValue> = counts
                    .into_iter()
                    .map(|(v, count)| FacetValue {
                        value: v.to_string(),
                        label: self.label(f, v),
                        count,
                        selected: chosen.is_some_and(|c| c.contains(v)),
                    })
                    .collect();
                for v in chosen.into_iter().flatten() {
                    if !list.iter().any(|x| &x.value == v) {
                        list.push(FacetValue {
                            value: v.clone(),
                            label: self.label(f, v),
                            count: 0,
                            selected: true,
                        });
                    }
                }
                crate::sort::sort_by(&mut list, |a, b| {
                    b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label))
                });
                (f, list)
            })
            .collect()
    }

    fn label(&self, f: Facet, value: &str) -> String {
        self.labels
            .get(&(f, value.to_string()))
            .cloned()
            .unwrap_or_else(|| value.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::SearchIndex;

    fn fixture() -> Catalog {
        let json = r#"{"schema":1,"info":{"title":"t","version":"1"},
          "sources":[{"id":"s","name":"S","kind":"dataset"}],
          "vendors":[{"id":"ms","name":"Microsoft"},{"id":"cs","name":"CrowdStrike"}],
          "actors":[
            {"id":"a","name":"A","origin":{"country":"China","source":"s"},"sectors":["Government"],"aliases":[{"name":"A1","vendor":"ms","source":"s"}]},
            {"id":"b","name":"B","origin":{"country":"China","source":"s"},"sectors":["Defense"],"aliases":[{"name":"B1","vendor":"cs","source":"s"}]},
            {"id":"c","name":"C","origin":{"country":"Russia","source":"s"},"sectors":["Government"]}
          ],
          "events":[{"id":"e","date":"2022","kind":"government-attribution","title":"t","claims":[{"names_as_stated":"A","actors":["a"]}]}]}"#;
        crate::parse(json).unwrap().0
    }

    fn sel(pairs: &[(Facet, &str)]) -> Selection {
        let mut s = Selection::new();
        for (f, v) in pairs {
            s.entry(*f).or_default().insert(v.to_string());
        }
        s
    }

    #[test]
    fn facets_combine_or_within_and_across() {
        let c = fixture();
        let all = SearchIndex::new(&c).search(&c, "");
        let fi = FacetIndex::new(&c);
        let ids = |s: &Selection| -> Vec<String> {
            fi.filter(&all, s)
                .iter()
                .map(|h| c.actors()[h.actor].id.clone())
                .collect()
        };
        assert_eq!(ids(&sel(&[(Facet::Origin, "China")])), ["a", "b"]);
        assert_eq!(
            ids(&sel(&[(Facet::Origin, "China"), (Facet::Origin, "Russia")])),
            ["a", "b", "c"]
        );
        assert_eq!(
            ids(&sel(&[
                (Facet::Origin, "China"),
                (Facet::Sector, "Government")
            ])),
            ["a"]
        );
        assert_eq!(ids(&sel(&[(Facet::Vendor, "cs")])), ["b"]);
        assert_eq!(ids(&sel(&[(Facet::Attributed, ATTRIBUTED_YES)])), ["a"]);
    }

    #[test]
    fn counts_ignore_their_own_facet_and_keep_selected_values() {
        let c = fixture();
        let all = SearchIndex::new(&c).search(&c, "");
        let fi = FacetIndex::new(&c);
        let s = sel(&[(Facet::Origin, "China"), (Facet::Sector, "Nowhere")]);
        let counts = fi.counts(&all, &s);
        let origin = &counts.iter().find(|(f, _)| *f == Facet::Origin).unwrap().1;
        // Origin counts respect the sector choice (which matches nothing), not the origin one.
        assert!(origin.iter().all(|v| v.count == 0));
        let sector = &counts.iter().find(|(f, _)| *f == Facet::Sector).unwrap().1;
        let shape: Vec<(&str, usize, bool)> = sector
            .iter()
            .map(|v| (v.value.as_str(), v.count, v.selected))
            .collect();
        assert_eq!(
            shape,
            [("Defense", 1), ("Government", 1)]
                .map(|(v, n)| (v, n, false))
                .into_iter()
                .chain([("Nowhere", 0, true)])
                .collect::<Vec<_>>()
        );
        let vendor = &counts.iter().find(|(f, _)| *f == Facet::Vendor).unwrap().1;
        assert_eq!(
            vendor.iter().map(|v| v.label.as_str()).collect::<Vec<_>>(),
            Vec::<&str>::new()
        );
    }
}
