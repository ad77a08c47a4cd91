//! Figures about a dataset, for `make data-stats`.

use atlas_core::{Catalog, EventKind};
use serde::Serialize;

#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct Stats {
    pub actors: usize,
    pub aliases: usize,
    pub aliases_with_vendor: usize,
    pub vendors: usize,
    pub events: usize,
    pub government_attributions: usize,
    pub campaigns: usize,
    pub alias_conflicts: usize,
    pub summaries: usize,
    pub sources: usize,
    /// Ids of records folded into another group, which still open it.
    pub former_ids: usize,
    /// Relations between groups, as stated (each once).
    pub relations: usize,
    /// Names that are not group or tracking names (operations, reports, designations…).
    pub other_names: usize,
    /// Actors with a suspected origin, and how many of those are read from vendors' naming.
    pub origins: usize,
    pub origins_by_naming: usize,
    /// Actors carrying a country-coded vendor name, and how many of them have an origin.
    pub with_country_coded_name: usize,
    pub with_country_coded_name_and_origin: usize,
    /// Actors whose vendors' country-coded names point at different countries.
    pub naming_disagreements: usize,
    pub first_seen: usize,
}

/// What only the merge knows: measured against `../shared/reference` when it is there.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct MergeStats {
    /// "172/172": ATT&CK groups that map to exactly one actor (see `attack_consistency`).
    pub attack_consistency: String,
    pub vendor_credit_fixes: usize,
    /// Lines of `data/review.md`.
    pub review_items: usize,
}

pub fn stats(catalog: &Catalog) -> Stats {
    let actors = catalog.actors();
    let aliases = actors.iter().map(|a| a.aliases.len()).sum();
    let aliases_with_vendor = actors
        .iter()
        .flat_map(|a| &a.aliases)
        .filter(|a| a.vendor.is_some())
        .count();
    let schemes = &catalog.dataset().schemes;
    let coded: Vec<(&atlas_core::Actor, Vec<atlas_core::naming::OriginReading>)> = actors
        .iter()
        .map(|a| (a, atlas_core::naming::origin_readings(schemes, a)))
        .filter(|(_, r)| !r.is_empty())
        .collect();
    Stats {
        actors: actors.len(),
        aliases,
        aliases_with_vendor,
        vendors: catalog.dataset().vendors.len(),
        events: catalog.events().len(),
        government_attributions: catalog
            .events()
            .iter()
            .filter(|e| e.kind.is_government())
            .count(),
        campaigns: catalog
            .events()
            .iter()
            .filter(|e| e.kind == EventKind::Campaign)
            .count(),
        alias_conflicts: atlas_core::crossref::conflicts(catalog).len(),
        summaries: actors.iter().filter(|a| a.summary.is_some()).count(),
        sources: catalog.dataset().sources.len(),
        former_ids: actors.iter().map(|a| a.former.len()).sum(),
        relations: actors.iter().map(|a| a.related.len()).sum(),
        other_names: actors
            .iter()
            .flat_map(|a| &a.aliases)
            .filter(|x| !x.kind.can_conflict())
            .count(),
        origins: actors.iter().filter(|a| a.origin.is_some()).count(),
        origins_by_naming: actors
            .iter()
            .filter(|a| a.origin.as_ref().is_some_and(|o| o.by_name.is_some()))
            .count(),
        with_country_coded_name: coded.len(),
        with_country_coded_name_and_origin: coded
            .iter()
            .filter(|(a, _)| a.origin.is_some())
            .count(),
        naming_disagreements: coded
            .iter()
            .filter(|(_, r)| atlas_core::naming::agreed_country(r).is_none())
            .count(),
        first_seen: actors.iter().filter(|a| a.first_seen.is_some()).count(),
    }
}

/// Government actions, and how many cite a source on a government's or alliance's own site
/// (`data/government-domains.json`).
pub fn government_sources(catalog: &Catalog, domains: &[String]) -> (usize, usize) {
    let actions: Vec<_> = catalog
        .events()
        .iter()
        .filter(|e| e.kind.is_government())
        .collect();
    let own = actions
        .iter()
        .filter(|e| {
            e.sources
                .iter()
                .any(|u| atlas_core::text::on_domains(u, domains))
        })
        .count();
    (own, actions.len())
}
