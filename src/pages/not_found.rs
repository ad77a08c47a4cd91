//! The page for any path the router does not know.

use leptos::prelude::*;

use atlas_core::route::Route;
use leptos_meta::Title;

use crate::nav::link;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <Title text="Page not found"/>
        <section class="not-found" data-testid="not-found">
            <h1>"Page not found"</h1>
            <p>"There is no page at this address. It may have moved, or the link may be mistyped."</p>
            <p><a href=link(&Route::home())>"Browse all threat actors"</a></p>
        </section>
    }
}
