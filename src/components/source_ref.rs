//! Names the source of a fact: its name, linked when it has an address.

use leptos::prelude::*;

use atlas_core::Catalog;

use crate::components::ExternalLink;

/// A plain function rather than a component, because it borrows the catalog instead of
/// taking it by value.
pub fn source_ref(catalog: &Catalog, id: &str) -> AnyView {
    match catalog.source(id) {
        Some(s) => match &s.url {
            Some(url) => view! { <ExternalLink url=url.clone() label=s.name.clone()/> }.into_any(),
            None => view! { <span>{s.name.clone()}</span> }.into_any(),
        },
        None => view! { <span class="source-ref source-ref--unknown">{id.to_string()}</span> }
            .into_any(),
    }
}

/// Names a source that is either a dataset source id or a web address (a summary's sources):
/// the source's name, or the address's host, linked.
pub fn source_or_url_ref(catalog: &Catalog, id_or_url: &str) -> AnyView {
    if catalog.source(id_or_url).is_some() {
        return source_ref(catalog, id_or_url);
    }
    let label = atlas_core::text::host(id_or_url).unwrap_or_else(|| id_or_url.to_string());
    view! { <ExternalLink url=id_or_url.to_string() label=label/> }.into_any()
}
