//! Any text as a query string: URL state, search, facets and suggestions over the bundled
//! dataset must never panic.
#![no_main]

use std::sync::OnceLock;

use atlas_core::facets::FacetIndex;
use atlas_core::search::SearchIndex;
use atlas_core::url_state::SearchState;
use atlas_core::Catalog;
use libfuzzer_sys::fuzz_target;

static DATA: OnceLock<(Catalog, SearchIndex, FacetIndex)> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let (catalog, search, facets) = DATA.get_or_init(|| {
        let text = include_str!("../../public/data/atlas.json");
        let (catalog, _) = atlas_core::parse(text).expect("the bundled dataset loads");
        let search = SearchIndex::new(&catalog);
        let facets = FacetIndex::new(&catalog);
        (catalog, search, facets)
    });
    let text = String::from_utf8_lossy(data);
    let pairs: Vec<(&str, &str)> = text
        .split('&')
        .map(|p| p.split_once('=').unwrap_or((p, "")))
        .collect();
    let state = SearchState::from_pairs(pairs);
    let hits = search.search(catalog, &state.query);
    let kept = facets.filter(&hits, &state.selection);
    let _ = facets.counts(&hits, &state.selection);
    for hit in kept.iter().take(3) {
        let _ = search.matched(catalog, hit);
    }
    // As the page does: suggestions only when nothing matched.
    if kept.is_empty() {
        let _ = search.suggest(&state.query, 5);
    }
    let _ = state.to_query_string();
});
