//! The worker module: what a page does not need to draw, in a Web Worker of its own, so a
//! large file never blocks the page and the page's own wasm does not carry it. "Open
//! dataset…" runs the core's converters (MISP, STIX 2.1, this app's format) here, and every
//! download its exporters (CSV, JSON, STIX 2.1). Trunk builds it as a module of its own
//! (`data-type="worker"` in `index.html`); the page starts it only when the reader opens or
//! downloads a file (`src/worker.rs`).
//!
//! Protocol, in plain JS values (no JSON around the texts, which may be megabytes): the
//! worker posts `"ready"` once it runs; the page posts a list of strings, either
//! `["open", name, text, name, text, …]`, answered `["ok", label, dataset JSON, warnings
//! JSON]`, or `["export", dataset JSON, …job]` (`atlas_core::export::job::Job::encode`),
//! answered `["ok", file text]`; either may be answered `["err", message]`.

#[cfg(target_arch = "wasm32")]
mod worker {
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    use atlas_core::export::job::Job;
    use atlas_core::import::{self, InputFile};

    pub fn start() {
        let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let replies = scope.clone();
        let on_message =
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
                let _ = replies.post_message(&answer(e.data()));
            });
        scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        let _ = scope.post_message(&JsValue::from_str("ready"));
    }

    fn answer(data: JsValue) -> JsValue {
        let items: Vec<String> = js_sys::Array::from(&data)
            .iter()
            .map(|v| v.as_string().unwrap_or_default())
            .collect();
        let reply = match items.split_first() {
            Some((kind, files)) if kind == "open" => open(files),
            Some((kind, rest)) if kind == "export" => export(rest),
            _ => vec![
                "err".into(),
                "The worker was asked something it does not do.".into(),
            ],
        };
        let out = js_sys::Array::new();
        for part in reply {
            out.push(&JsValue::from_str(&part));
        }
        out.into()
    }

    /// `[dataset, …job]` to `["ok", file]` or `["err", message]`.
    fn export(request: &[String]) -> Vec<String> {
        let Some((dataset, job)) = request.split_first() else {
            return vec!["err".into(), "No dataset came with the download.".into()];
        };
        let Some(job) = Job::decode(job) else {
            return vec![
                "err".into(),
                "The download asked for is not one this atlas makes.".into(),
            ];
        };
        match atlas_core::parse(dataset) {
            Ok((catalog, _)) => {
                let file = job.run(&catalog, || atlas_core::search::SearchIndex::new(&catalog));
                vec!["ok".into(), file]
            }
            Err(e) => vec![
                "err".into(),
                format!("The dataset could not be read again: {e}"),
            ],
        }
    }

    /// `[name, text, …]` to `["ok", label, dataset, warnings]` or `["err", message]`.
    fn open(items: &[String]) -> Vec<String> {
        let inputs: Vec<InputFile<'_>> = items
            .chunks_exact(2)
            .map(|pair| InputFile {
                name: &pair[0],
                text: &pair[1],
            })
            .collect();
        match import::open(&inputs) {
            Ok(opened) => {
                let warnings: Vec<(&str, &str)> = opened
                    .warnings
                    .iter()
                    .map(|w| (w.at.as_str(), w.message.as_str()))
                    .collect();
                match serde_json::to_string(opened.catalog.dataset()) {
                    Ok(dataset) => vec![
                        "ok".into(),
                        opened.label,
                        dataset,
                        serde_json::to_string(&warnings).unwrap_or_default(),
                    ],
                    Err(e) => vec![
                        "err".into(),
                        format!("The converted dataset could not be written: {e}"),
                    ],
                }
            }
            Err(e) => vec!["err".into(), e.to_string()],
        }
    }
}

fn main() {
    #[cfg(target_arch = "wasm32")]
    worker::start();
}
