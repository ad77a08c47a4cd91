//! Any bytes as what a reader opens: one file, or two separated by a NUL byte (a MISP
//! cluster and its producers). Every format goes through detection and conversion.
#![no_main]

use atlas_core::import::{open, InputFile};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let files: Vec<InputFile<'_>> = text
        .splitn(2, '\0')
        .enumerate()
        .map(|(i, text)| InputFile {
            name: if i == 0 { "main.json" } else { "producer.json" },
            text,
        })
        .collect();
    if let Ok(opened) = open(&files) {
        for actor in opened.catalog.actors() {
            assert!(atlas_core::text::is_slug(&actor.id));
            assert!(actor.refs.iter().all(|r| atlas_core::text::is_http_url(r)));
        }
        let _ = atlas_core::export::stix_bundle(
            &opened.catalog,
            &opened.catalog.actors().iter().collect::<Vec<_>>(),
            "2026-01-01T00:00:00.000Z",
        );
    }
});
