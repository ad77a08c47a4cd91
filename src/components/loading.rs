//! The loading state, drawn with the same markup as the placeholder in `index.html` so the
//! hand-over from the static page to the app does not move anything.

use leptos::prelude::*;

#[component]
pub fn Loading() -> impl IntoView {
    view! {
        <div class="loading" data-testid="loading" role="status" aria-live="polite">
            <span class="loading__spinner" aria-hidden="true"></span>
            "Loading the atlas…"
        </div>
    }
}
