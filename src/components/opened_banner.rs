//! The banner shown on every page while a dataset the reader opened replaces the bundled one:
//! what is open, that it stayed on this device, and the way back.

use leptos::prelude::*;

use atlas_core::route::Route;

use crate::data::Data;
use crate::nav::use_go;

#[component]
pub fn OpenedBanner() -> impl IntoView {
    let Data { opened, .. } = expect_context::<Data>();
    let go = use_go();
    // The live region is always there, so a dataset opening or closing is announced.
    let banner = move || {
        let loaded = opened.get()?;
        let label = loaded.opened.clone().unwrap_or_default();
        let n = loaded.catalog.actors().len();
        let go = go.clone();
        let back = move |_| {
            opened.set(None);
            go(Route::home(), false);
        };
        Some(view! {
            <aside class="opened-banner" data-testid="opened-banner" aria-label="Opened dataset">
                <p>
                    "You are viewing "<strong data-testid="opened-label">{label}</strong>
                    {format!(" — {n} threat actor{}. It was read on this device and sent nowhere; reloading the page returns to the bundled atlas.", if n == 1 { "" } else { "s" })}
                </p>
                <button type="button" class="button button--secondary" data-testid="close-opened" on:click=back>
                    "Back to the bundled atlas"
                </button>
            </aside>
        })
    };
    view! { <div class="opened-banner__region" aria-live="polite">{banner}</div> }
}
