//! The page's side of the converter worker (`src/bin/atlas-worker.rs`): a worker is started
//! for each open, given the files' texts, and ended once it has answered, so its module is
//! fetched only when the reader opens a file, and a slow conversion never blocks the page.
//! What comes back is a dataset in this app's format, which the core reads as it reads the
//! bundled one.

use atlas_core::{Catalog, Warning};

use crate::files::ReadFile;

/// A converted dataset, read and checked.
pub struct Converted {
    pub catalog: Catalog,
    pub warnings: Vec<Warning>,
    pub label: String,
}

/// The worker's script, beside the page (Trunk names it after the binary).
#[cfg(target_arch = "wasm32")]
const WORKER: &str = "atlas-worker_loader.js";

/// Natively (unit tests; a page drawn at build time never converts) the core runs in-process.
#[cfg(not(target_arch = "wasm32"))]
pub async fn convert(files: &[ReadFile]) -> Result<Converted, String> {
    let inputs: Vec<atlas_core::import::InputFile<'_>> = files
        .iter()
        .map(|f| atlas_core::import::InputFile {
            name: &f.name,
            text: &f.text,
        })
        .collect();
    atlas_core::import::open(&inputs)
        .map(|o| Converted {
            catalog: o.catalog,
            warnings: o.warnings,
            label: o.label,
        })
        .map_err(|e| e.to_string())
}

/// Converts `files` in a worker of their own; `Err` is a message for the reader.
#[cfg(target_arch = "wasm32")]
pub async fn convert(files: &[ReadFile]) -> Result<Converted, String> {
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    let url = format!("{}/{WORKER}", crate::nav::base());
    let worker = web_sys::Worker::new(&url)
        .map_err(|_| "The converter could not be started in this browser.".to_string())?;
    let request = js_sys::Array::new();
    for f in files {
        request.push(&JsValue::from_str(&f.name));
        request.push(&JsValue::from_str(&f.text));
    }
    // Handlers live until the answer is in; then the worker is ended.
    let mut handlers = None;
    let answer = js_sys::Promise::new(&mut |resolve, reject| {
        let to_worker = worker.clone();
        let request = request.clone();
        let on_message =
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
                if e.data().as_string().as_deref() == Some("ready") {
                    let _ = to_worker.post_message(&request);
                } else {
                    let _ = resolve.call1(&JsValue::NULL, &e.data());
                }
            });
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
            e.prevent_default();
            let _ = reject.call1(&JsValue::NULL, &JsValue::NULL);
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        handlers = Some((on_message, on_error));
    });
    let reply = wasm_bindgen_futures::JsFuture::from(answer).await;
    worker.terminate();
    drop(handlers);
    let reply = reply.map_err(|_| {
        "The converter could not be loaded. If you are offline, connect once and try again."
            .to_string()
    })?;
    let parts: Vec<String> = js_sys::Array::from(&reply)
        .iter()
        .map(|v| v.as_string().unwrap_or_default())
        .collect();
    read_reply(&parts)
}

/// Reads the worker's answer: `["ok", label, dataset, warnings]` or `["err", message]`.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn read_reply(parts: &[String]) -> Result<Converted, String> {
    match parts {
        [ok, label, dataset, warnings] if ok == "ok" => {
            let (catalog, mut more) = atlas_core::parse(dataset).map_err(|e| e.to_string())?;
            let mut all: Vec<Warning> = serde_json::from_str::<Vec<(String, String)>>(warnings)
                .unwrap_or_default()
                .into_iter()
                .map(|(at, message)| Warning { at, message })
                .collect();
            all.append(&mut more);
            Ok(Converted {
                catalog,
                warnings: all,
                label: label.clone(),
            })
        }
        [err, message] if err == "err" => Err(message.clone()),
        _ => Err("The converter gave an answer this page does not understand.".to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_converted_dataset_is_read_with_its_warnings() {
        let dataset = r#"{"schema":1,"info":{"title":"t","version":"1"},"sources":[{"id":"s","name":"S","kind":"dataset"}],"actors":[{"id":"a","name":"A","sources":["s"]}]}"#;
        let parts = [
            "ok".to_string(),
            "x.json (MISP)".to_string(),
            dataset.to_string(),
            r#"[["values[2]","no name: skipped"]]"#.to_string(),
        ];
        let c = read_reply(&parts).ok().unwrap();
        assert_eq!(c.catalog.actors().len(), 1);
        assert_eq!(c.label, "x.json (MISP)");
        assert_eq!(c.warnings[0].to_string(), "values[2]: no name: skipped");
        assert_eq!(
            read_reply(&["err".into(), "not a dataset".into()])
                .err()
                .as_deref(),
            Some("not a dataset")
        );
        assert!(read_reply(&["?".into()]).is_err());
    }
}
