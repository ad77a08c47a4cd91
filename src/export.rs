//! Files generated in the browser: a link whose address is set, at the moment it is
//! clicked, to a Blob holding the text the view computed. Nothing is uploaded anywhere.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// A download link. `make` builds the file's text when the reader clicks.
pub fn download_link(
    testid: &'static str,
    label: &'static str,
    filename: &'static str,
    mime: &'static str,
    make: impl Fn() -> String + 'static,
) -> impl IntoView {
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
