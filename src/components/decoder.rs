//! The name decoder: what a vendor name's form means, shown when the name is hovered or
//! has keyboard focus.

use leptos::prelude::*;

use atlas_core::Catalog;

use crate::components::source_ref;

/// The name decoder: what a vendor name's form means, shown when the name is hovered or
/// focused.
pub fn decoder(catalog: &Catalog, name: &str, vendor: Option<&str>) -> Option<AnyView> {
    let (text, source) = atlas_core::naming::decoder_line(catalog, name, vendor)?;
    let source = source_ref(catalog, source);
    Some(
        view! {
            <span class="decoder" role="tooltip" data-testid="name-decoder">{text} " — source: " {source}</span>
        }
        .into_any(),
    )
}
