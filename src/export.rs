//! Downloads: a link that, when clicked, has the worker module make the file (the page
//! carries no exporter: `src/worker.rs`) and hands the text to the browser as a Blob to save.
//! Nothing is uploaded anywhere.

use std::cell::RefCell;
use std::sync::Arc;

use atlas_core::export::job::{Format, Job};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::api::Loaded;
use crate::data::Links;

thread_local! {
    /// The last file's Blob address, let go when the next file is made (not at once: the
    /// browser may still be reading it to save it).
    static LAST_FILE: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// A download link. `job` says, when the reader clicks, what the file holds; the worker makes
/// it from `loaded`'s dataset. While it works the link is busy; if it fails, why is said
/// beside it (`{testid}-status`).
pub fn download_link(
    testid: impl Into<String>,
    label: &'static str,
    filename: impl Into<String>,
    mime: &'static str,
    loaded: Arc<Loaded>,
    job: impl Fn() -> Job + 'static,
) -> impl IntoView {
    let testid = testid.into();
    let status_id = format!("{testid}-status");
    let filename = filename.into();
    let busy = RwSignal::new(false);
    let failed = RwSignal::new(None::<String>);
    view! {
        <a
            class="download-link"
            data-testid=testid
            href="#"
            download=filename.clone()
            aria-busy=move || busy.get().then_some("true")
            on:click=move |e| {
                e.prevent_default();
                if busy.get_untracked() {
                    return;
                }
                let job = job();
                let (loaded, filename) = (loaded.clone(), filename.clone());
                busy.set(true);
                failed.set(None);
                spawn_local(async move {
                    let made = crate::worker::export(&loaded.source, &job).await;
                    // `try_`: the page may have gone while the worker worked.
                    busy.try_set(false);
                    match made.and_then(|text| save(&text, mime, &filename)) {
                        Ok(()) => {}
                        Err(why) => {
                            failed.try_set(Some(why));
                        }
                    }
                });
            }
        >
            {label}
        </a>
        <span class="download-status" role="status" data-testid=status_id>
            {move || failed.get().map(|why| format!(" ({why})"))}
        </span>
    }
}

/// Hands `text` to the browser to save as `filename`, through a link of its own.
fn save(text: &str, mime: &str, filename: &str) -> Result<(), String> {
    let failed = || "The browser would not save the file.".to_string();
    let url = blob_url(text, mime).ok_or_else(failed)?;
    let anchor = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("a").ok())
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        .ok_or_else(failed)?;
    anchor.set_href(&url);
    anchor.set_download(filename);
    anchor.click();
    if let Some(old) = LAST_FILE.with(|last| last.replace(Some(url))) {
        let _ = web_sys::Url::revoke_object_url(&old);
    }
    Ok(())
}

/// "Download these results: CSV · JSON · STIX 2.1" for a set of actors (`what` is the part
/// before the colon). `actors` gives their indices in the
/// catalog when a link is clicked, so the file always matches what is on screen.
///
/// The files carry each actor's reference links, which the bundled atlas fetches after the
/// first paint: until they are in, the line keeps its place on the page but is hidden, so no
/// file is made without them unawares. If they cannot be had, the line says so.
pub fn actor_downloads(
    testid: &'static str,
    what: &'static str,
    stem: String,
    loaded: Arc<Loaded>,
    actors: impl Fn() -> Vec<usize> + Clone + 'static,
) -> impl IntoView {
    let data = expect_context::<crate::data::Data>();
    let job = {
        let loaded = loaded.clone();
        move |format: Format| {
            let links = data.links(&loaded).or_none();
            let actors = actors()
                .into_iter()
                .filter_map(|i| loaded.catalog.actors().get(i))
                .map(|a| (a.id.clone(), links.of(a).to_vec()))
                .collect();
            Job::Actors { format, actors }
        }
    };
    let link = |format: Format, label: &'static str, ext: &str, mime: &'static str| {
        let job = job.clone();
        download_link(
            format!("{testid}-{}", format.as_str()),
            label,
            format!("{stem}{ext}"),
            mime,
            loaded.clone(),
            move || job(format),
        )
    };
    let links = {
        let loaded = loaded.clone();
        Memo::new(move |_| data.links(&loaded))
    };
    let ready = move || links.get() != Links::Loading;
    view! {
        <p
            class="downloads"
            data-testid=testid
            // Hidden (keeping its place) until the links are in: by CSS, since the policy
            // allows no style attribute in a page drawn at build time.
            data-ready=move || ready().to_string()
        >
            {what}": "
            {link(Format::Csv, "CSV", ".csv", "text/csv")}
            " · "
            {link(Format::Json, "JSON", ".json", "application/json")}
            " · "
            {link(Format::Stix, "STIX 2.1", ".stix.json", "application/stix+json")}
            {move || matches!(links.get(), Links::Missing(_)).then_some(" (without reference links)")}
        </p>
    }
}

fn blob_url(text: &str, mime: &str) -> Option<String> {
    let parts = js_sys_array(text);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(&format!("{mime};charset=utf-8"));
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}

fn js_sys_array(text: &str) -> wasm_bindgen::JsValue {
    let array = js_sys::Array::new();
    array.push(&wasm_bindgen::JsValue::from_str(text));
    array.into()
}
