//! Any bytes as a dataset file, and as a refs file for a small catalog: `parse` and
//! `RefLinks::parse` must return a result or an error, never panic, and whatever they accept
//! must hold the loader's invariants.
#![no_main]

use libfuzzer_sys::fuzz_target;

const SMALL: &str = r#"{"schema":1,"info":{"title":"t","version":"v"},
    "actors":[{"id":"apt1","name":"APT1"},{"id":"apt2","name":"APT2","refs":["https://x.example/"]}]}"#;

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
    let (small, _) = atlas_core::parse(SMALL).expect("the small catalog loads");
    if let Ok((links, _)) = atlas_core::refs::RefLinks::parse(text, &small) {
        for actor in small.actors() {
            assert!(links.of(actor).iter().all(|r| atlas_core::text::is_http_url(r)));
        }
    }
});
