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
