//! The page's side of the worker module (`src/bin/atlas-worker.rs`), which holds everything
//! a page does not need to draw: "Open dataset…"'s converters and the downloads' exporters.
//! A worker is started for each job, given its texts, and ended once it has answered, so the
//! module is fetched only when the reader opens a file or downloads one, and a slow job never
//! blocks the page.
//!
//! An open comes back as a dataset in this app's format, which the core reads as it reads
//! the bundled one; a download comes back as the file's text.

use atlas_core::export::job::Job;
use atlas_core::{Catalog, Warning};

use crate::files::ReadFile;

/// A converted dataset, read and checked.
pub struct Converted {
    pub catalog: Catalog,
    pub warnings: Vec<Warning>,
    pub label: String,
    /// The dataset as this app's JSON, which a download hands back to the worker.
    pub source: String,
}

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
    let opened = atlas_core::import::open(&inputs).map_err(|e| e.to_string())?;
    let source = serde_json::to_string(opened.catalog.dataset()).map_err(|e| e.to_string())?;
    Ok(Converted {
        catalog: opened.catalog,
        warnings: opened.warnings,
        label: opened.label,
        source,
    })
}

/// Converts `files` in a worker of their own; `Err` is a message for the reader.
#[cfg(target_arch = "wasm32")]
pub async fn convert(files: &[ReadFile]) -> Result<Converted, String> {
    let mut request = vec!["open"];
    for f in files {
        request.push(&f.name);
        request.push(&f.text);
    }
    let parts = ask(&request).await.map_err(|_| {
        "The converter could not be loaded. If you are offline, connect once and try again."
            .to_string()
    })?;
    read_reply(parts)
}

/// The text of the file `job` describes, made by the worker from `dataset` (the JSON of the
/// dataset on screen); `Err` is a message for the reader.
#[cfg(target_arch = "wasm32")]
pub async fn export(dataset: &str, job: &Job) -> Result<String, String> {
    let encoded = job.encode();
    let mut request = vec!["export", dataset];
    request.extend(encoded.iter().map(String::as_str));
    let parts = ask(&request).await.map_err(|_| {
        "The file could not be made: the exporter could not be loaded. If you are offline, \
         connect once and try again."
            .to_string()
    })?;
    match <[String; 2]>::try_from(parts) {
        Ok([ok, text]) if ok == "ok" => Ok(text),
        Ok([err, message]) if err == "err" => Err(message),
        _ => Err("The exporter gave an answer this page does not understand.".to_string()),
    }
}

/// Natively the core makes the file in-process (nothing natively clicks a download).
#[cfg(not(target_arch = "wasm32"))]
pub async fn export(dataset: &str, job: &Job) -> Result<String, String> {
    let (catalog, _) = atlas_core::parse(dataset).map_err(|e| e.to_string())?;
    Ok(job.run(&catalog, || atlas_core::search::SearchIndex::new(&catalog)))
}

/// The worker's script, beside the page (Trunk names it after the binary).
#[cfg(target_arch = "wasm32")]
const WORKER: &str = "atlas-worker_loader.js";

/// Starts a worker, posts it `request` once it is ready, and gives back its answer, a list
/// of strings. `Err` when the worker could not be started or loaded (offline, before its
/// module was ever fetched).
#[cfg(target_arch = "wasm32")]
async fn ask(request: &[&str]) -> Result<Vec<String>, ()> {
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    let url = format!("{}/{WORKER}", crate::nav::base());
    let worker = web_sys::Worker::new(&url).map_err(|_| ())?;
    let message = js_sys::Array::new();
    for part in request {
        message.push(&JsValue::from_str(part));
    }
    // Handlers live until the answer is in; then the worker is ended.
    let mut handlers = None;
    let answer = js_sys::Promise::new(&mut |resolve, reject| {
        let to_worker = worker.clone();
        let message = message.clone();
        let on_message =
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
                if e.data().as_string().as_deref() == Some("ready") {
                    let _ = to_worker.post_message(&message);
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
    let reply = reply.map_err(|_| ())?;
    Ok(js_sys::Array::from(&reply)
        .iter()
        .map(|v| v.as_string().unwrap_or_default())
        .collect())
}

/// Reads the worker's answer to an open: `["ok", label, dataset, warnings]` or
/// `["err", message]`.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn read_reply(parts: Vec<String>) -> Result<Converted, String> {
    match <[String; 4]>::try_from(parts) {
        Ok([ok, label, dataset, warnings]) if ok == "ok" => {
            let (catalog, mut more) = atlas_core::parse(&dataset).map_err(|e| e.to_string())?;
            let mut all: Vec<Warning> = serde_json::from_str::<Vec<(String, String)>>(&warnings)
                .unwrap_or_default()
                .into_iter()
                .map(|(at, message)| Warning { at, message })
                .collect();
            all.append(&mut more);
            Ok(Converted {
                catalog,
                warnings: all,
                label,
                source: dataset,
            })
        }
        Ok(_) => Err("The converter gave an answer this page does not understand.".to_string()),
        Err(parts) => match <[String; 2]>::try_from(parts) {
            Ok([err, message]) if err == "err" => Err(message),
            _ => Err("The converter gave an answer this page does not understand.".to_string()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_converted_dataset_is_read_with_its_warnings() {
        let dataset = r#"{"schema":1,"info":{"title":"t","version":"1"},"sources":[{"id":"s","name":"S","kind":"dataset"}],"actors":[{"id":"a","name":"A","sources":["s"]}]}"#;
        let parts = vec![
            "ok".to_string(),
            "x.json (MISP)".to_string(),
            dataset.to_string(),
            r#"[["values[2]","no name: skipped"]]"#.to_string(),
        ];
        let c = read_reply(parts).ok().unwrap();
        assert_eq!(c.catalog.actors().len(), 1);
        assert_eq!(c.label, "x.json (MISP)");
        assert_eq!(c.source, dataset);
        assert_eq!(c.warnings[0].to_string(), "values[2]: no name: skipped");
        assert_eq!(
            read_reply(vec!["err".into(), "not a dataset".into()])
                .err()
                .as_deref(),
            Some("not a dataset")
        );
        assert!(read_reply(vec!["?".into()]).is_err());
        assert!(read_reply(vec!["ok".into(), "x".into()]).is_err());
    }
}
