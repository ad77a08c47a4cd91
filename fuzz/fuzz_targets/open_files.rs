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
        // Whatever opens exports to STIX that meets the specification's required properties.
        let all: Vec<_> = opened.catalog.actors().iter().collect();
        let stix = atlas_core::export::stix_bundle(&opened.catalog, &atlas_core::refs::RefLinks::none(), &all);
        let bundle: serde_json::Value = serde_json::from_str(&stix).expect("STIX export is JSON");
        let problems = atlas_core::export::stix_check::problems(&bundle);
        assert!(problems.is_empty(), "{problems:?}");
    }
});
