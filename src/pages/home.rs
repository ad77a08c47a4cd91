//! The home page: every actor in the dataset, with a count.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use crate::app::href;

use crate::components::{LoadWarnings, WithData};

#[component]
pub fn HomePage() -> impl IntoView {
    view! {
        <Title text=""/>
        <WithData render=|loaded| {
            let mut actors: Vec<(String, String, Option<String>, usize)> = loaded
                .catalog
                .actors()
                .iter()
                .map(|a| {
                    (
                        a.id.clone(),
                        a.name.clone(),
                        a.origin.as_ref().map(|o| o.country.clone()),
                        a.aliases.len(),
                    )
                })
                .collect();
            actors.sort_by(|a, b| a.1.to_lowercase().cmp(&b.1.to_lowercase()).then(a.0.cmp(&b.0)));
            let count = actors.len();
            let warnings = loaded.warnings.clone();
            view! {
                <LoadWarnings warnings/>
                <section class="actor-list">
                    <h1 class="actor-list__title">"Threat actors"</h1>
                    <p class="actor-list__count" data-testid="actor-count">
                        {count} {if count == 1 { " threat actor" } else { " threat actors" }}
                    </p>
                    <ul class="actor-list__items" data-testid="actor-list">
                        {actors
                            .into_iter()
                            .map(|(id, name, origin, aliases)| {
                                let href = href(&format!("/actor/{id}"));
                                view! {
                                    <li class="actor-list__item" data-testid="actor-item" data-actor-id=id>
                                        <A href=href attr:class="actor-list__name">{name}</A>
                                        <span class="actor-list__meta">
                                            {origin.map(|o| format!("{o} · "))}
                                            {aliases} {if aliases == 1 { " name" } else { " names" }}
                                        </span>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </section>
            }
        }/>
    }
}
