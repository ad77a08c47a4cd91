//! Any bytes as a dataset file: `parse` must return a catalog or an error, never panic, and
//! whatever it accepts must hold the loader's invariants.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok((catalog, _warnings)) = atlas_core::parse(text) {
        for actor in catalog.actors() {
            assert!(atlas_core::text::is_slug(&actor.id));
            assert!(catalog.actor(&actor.id).is_some());
            assert!(actor.refs.iter().all(|r| atlas_core::text::is_http_url(r)));
        }
        for event in catalog.events() {
            for claim in &event.claims {
                assert!(claim.actors.iter().all(|id| catalog.actor(id).is_some()));
            }
            assert!(event.sources.iter().all(|r| atlas_core::text::is_http_url(r)));
        }
    }
});
