//! Reading what the reader opens: files from their device (with progress) and same-origin URLs.
//! Conversion and validation are the core's (`atlas_core::import`); this only gets the text.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use atlas_core::load::MAX_BYTES;

/// A file as read: its name and text.
pub struct ReadFile {
    pub name: String,
    pub text: String,
    /// For a dataset downloaded from this site: the `refs.json` beside it, if there is one
    /// (the bundled atlas keeps its reference links there; see `atlas_core::refs`).
    pub links: Option<String>,
}

/// Refuses a file before reading it when it is over the core's size limit, so a 50 MB file
/// costs nothing.
pub fn check_size(name: &str, bytes: f64) -> Result<(), String> {
    if bytes > MAX_BYTES as f64 {
        return Err(format!(
            "“{}” is {:.1} MB; Threat Atlas opens files up to {} MB.",
            atlas_core::import::short(name),
            bytes / 1_048_576.0,
            MAX_BYTES / 1_048_576
        ));
    }
    Ok(())
}

/// Reads local files as text, calling `progress` with the fraction of all their bytes read.
pub async fn read_files(
    files: Vec<web_sys::File>,
    progress: impl Fn(f64) + 'static,
) -> Result<Vec<ReadFile>, String> {
    let total: f64 = files.iter().map(|f| f.size()).sum::<f64>().max(1.0);
    for f in &files {
        check_size(&f.name(), f.size())?;
    }
    let progress = Rc::new(progress);
    let done_before = Rc::new(Cell::new(0.0));
    let mut out = Vec::with_capacity(files.len());
    for file in files {
        let name = file.name();
        let reader = web_sys::FileReader::new().map_err(|_| "This browser cannot read files.")?;
        let on_progress = {
            let progress = progress.clone();
            let before = done_before.clone();
            Closure::<dyn FnMut(web_sys::ProgressEvent)>::new(move |e: web_sys::ProgressEvent| {
                if e.length_computable() {
                    progress((before.get() + e.loaded()) / total);
                }
            })
        };
        reader.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
        let promise = js_sys::Promise::new(&mut |resolve, reject| {
            reader.set_onload(Some(&resolve));
            reader.set_onerror(Some(&reject));
        });
        reader
            .read_as_text(&file)
            .map_err(|_| format!("“{}” could not be read.", atlas_core::import::short(&name)))?;
        let result = JsFuture::from(promise).await;
        reader.set_onprogress(None);
        drop(on_progress);
        result.map_err(|_| {
            format!(
                "“{}” could not be read from your device.",
                atlas_core::import::short(&name)
            )
        })?;
        let text = reader
            .result()
            .ok()
            .and_then(|v| v.as_string())
            .ok_or_else(|| format!("“{}” is not text.", atlas_core::import::short(&name)))?;
        done_before.set(done_before.get() + file.size());
        progress(done_before.get() / total);
        out.push(ReadFile {
            name,
            text,
            links: None,
        });
    }
    Ok(out)
}

/// Downloads a dataset from this site. Other origins are refused here, before the browser's
/// Content-Security-Policy would refuse them: the atlas never calls another host.
pub async fn fetch_same_origin(input: &str) -> Result<ReadFile, String> {
    let input = input.trim();
    if input.is_empty() {
        return Err("Type the address of a dataset on this site.".into());
    }
    let document = leptos::prelude::document();
    let base = document.base_uri().ok().flatten().unwrap_or_default();
    let url = web_sys::Url::new_with_base(input, &base)
        .map_err(|_| format!("“{}” is not a web address.", clip(input)))?;
    let here = leptos::prelude::window()
        .location()
        .origin()
        .unwrap_or_default();
    if url.origin() != here {
        return Err(format!(
            "Threat Atlas only loads data from its own site ({here}), so that reading it never \
             contacts another server. Download the file and open it from your device instead."
        ));
    }
    let href = url.href();
    let response = gloo_net::http::Request::get(&href)
        .send()
        .await
        .map_err(|e| format!("The dataset could not be downloaded: {e}."))?;
    // A redirect to another host would be refused by the Content-Security-Policy anyway;
    // say so plainly instead of failing with a network error.
    let landed = web_sys::Url::new(&response.url())
        .map(|u| u.origin())
        .unwrap_or_default();
    if !response.url().is_empty() && landed != here {
        return Err(format!(
            "“{}” redirects to another site ({landed}); Threat Atlas only loads data from its own site.",
            clip(&href)
        ));
    }
    if !response.ok() {
        return Err(format!(
            "The server answered HTTP {} for “{}”.",
            response.status(),
            clip(&href)
        ));
    }
    if let Some(len) = response
        .headers()
        .get("content-length")
        .and_then(|l| l.parse::<f64>().ok())
    {
        check_size(&href, len)?;
    }
    let text = response
        .text()
        .await
        .map_err(|e| format!("The dataset could not be downloaded: {e}."))?;
    check_size(&href, text.len() as f64)?;
    let name = url.pathname().rsplit('/').next().unwrap_or("").to_string();
    let links = if name == "refs.json" {
        None
    } else {
        links_beside(&href, &here).await
    };
    Ok(ReadFile { name, text, links })
}

/// The text of `refs.json` in the same folder as `href`, when this site has one there.
async fn links_beside(href: &str, here: &str) -> Option<String> {
    let url = web_sys::Url::new_with_base("refs.json", href).ok()?;
    if url.origin() != here {
        return None;
    }
    let response = gloo_net::http::Request::get(&url.href())
        .send()
        .await
        .ok()?;
    if !response.ok() {
        return None;
    }
    let text = response.text().await.ok()?;
    check_size(&url.href(), text.len() as f64).ok()?;
    Some(text)
}

fn clip(s: &str) -> String {
    let mut c: String = s.chars().take(80).collect();
    if c.len() < s.len() {
        c.push('…');
    }
    c
}

/// Lets the browser paint (a progress line, a status) before a long synchronous step.
pub async fn next_frame() {
    crate::api::sleep_ms(16).await;
}
