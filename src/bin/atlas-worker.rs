//! The converter worker: "Open dataset…" runs the core's converters (MISP, STIX 2.1, this
//! app's format) here, in a Web Worker, so a large file never blocks the page and the page's
//! own wasm does not carry them. Trunk builds it as a module of its own
//! (`data-type="worker"` in `index.html`); the page starts it only when the reader opens a
//! file (`src/converter.rs`).
//!
//! Protocol, in plain JS values (no JSON around the file texts, which may be megabytes):
//! the worker posts `"ready"` once it runs; the page posts `[name, text, name, text, …]`;
//! the worker answers `["ok", label, dataset JSON, warnings JSON]` or `["err", message]`.

#[cfg(target_arch = "wasm32")]
mod worker {
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

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
        let out = js_sys::Array::new();
        let items: Vec<String> = js_sys::Array::from(&data)
            .iter()
            .map(|v| v.as_string().unwrap_or_default())
            .collect();
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
                    Ok(dataset) => {
                        out.push(&"ok".into());
                        out.push(&opened.label.into());
                        out.push(&dataset.into());
                        out.push(&serde_json::to_string(&warnings).unwrap_or_default().into());
                    }
                    Err(e) => {
                        out.push(&"err".into());
                        out.push(
                            &format!("The converted dataset could not be written: {e}").into(),
                        );
                    }
                }
            }
            Err(e) => {
                out.push(&"err".into());
                out.push(&e.to_string().into());
            }
        }
        out.into()
    }
}

fn main() {
    #[cfg(target_arch = "wasm32")]
    worker::start();
}
