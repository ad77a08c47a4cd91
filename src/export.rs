//! Files generated in the browser: a link whose address is set, at the moment it is
//! clicked, to a Blob holding the text the view computed. Nothing is uploaded anywhere.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::data::Links;

/// A download link. `make` builds the file's text when the reader clicks.
pub fn download_link(
    testid: impl Into<String>,
    label: &'static str,
    filename: impl Into<String>,
    mime: &'static str,
    make: impl Fn() -> String + 'static,
) -> impl IntoView {
    let testid = testid.into();
    let filename = filename.into();
    view! {
        <a
            class="download-link"
            data-testid=testid
            href="#"
            download=filename
            on:click=move |e| {
                let Some(anchor) = e.current_target().and_then(|t| t.dyn_into::<web_sys::HtmlAnchorElement>().ok()) else {
                    return;
                };
                match blob_url(&make(), mime) {
                    Some(url) => {
                        let old = anchor.href();
                        if old.starts_with("blob:") {
                            let _ = web_sys::Url::revoke_object_url(&old);
                        }
                        anchor.set_href(&url);
                    }
                    None => e.prevent_default(),
                }
            }
        >
            {label}
        </a>
    }
}

/// What a set of actors can be downloaded as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Csv,
    Json,
    Stix,
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
    loaded: std::sync::Arc<crate::api::Loaded>,
    actors: impl Fn() -> Vec<usize> + Clone + 'static,
) -> impl IntoView {
    let loaded_for_links = loaded.clone();
    let data = expect_context::<crate::data::Data>();
    let make = move |format: Format| {
        let catalog = &loaded.catalog;
        let links = data.links(&loaded).or_none();
        let list: Vec<&atlas_core::Actor> = actors()
            .into_iter()
            .filter_map(|i| catalog.actors().get(i))
            .collect();
        match format {
            Format::Csv => atlas_core::export::actors_csv(catalog, &links, &list),
            Format::Json => atlas_core::export::actors_json(catalog, &links, &list),
            Format::Stix => atlas_core::export::stix_bundle(catalog, &links, &list),
        }
    };
    let link = |format: Format, label: &'static str, ext: &str, mime: &'static str| {
        let make = make.clone();
        let suffix = match format {
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Stix => "stix",
        };
        download_link(
            format!("{testid}-{suffix}"),
            label,
            format!("{stem}{ext}"),
            mime,
            move || make(format),
        )
    };
    let links = Memo::new(move |_| data.links(&loaded_for_links));
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
