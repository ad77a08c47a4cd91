//! Two to four groups side by side: what each vendor calls each, shared names highlighted,
//! and the facts that tell them apart.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_meta::Title;

use atlas_core::crossref;
use atlas_core::route::Route;
use atlas_core::search::normalize;

use crate::api::Loaded;
use crate::components::WithData;
use crate::export::actor_downloads;
use crate::nav::{link, use_page_state};

#[component]
pub fn ComparePage() -> impl IntoView {
    let ids = use_page_state(|r| match r {
        Route::Compare(ids) => Some(ids.clone()),
        _ => None,
    });
    view! {
        <Title text=atlas_core::route::PageKind::Compare.page().title/>
        <WithData render=move |loaded| move || compare_view(&loaded, &ids.get())/>
    }
}

fn compare_view(loaded: &Arc<Loaded>, ids: &[String]) -> AnyView {
    let catalog = &loaded.catalog;
    let cmp = crossref::compare(catalog, ids);
    if cmp.actors.len() < 2 {
        return view! {
            <section class="compare" data-testid="compare-page">
                <h1>"Compare groups"</h1>
                <p data-testid="compare-empty">
                    "Choose two to four groups to compare: tick them in the "
                    <a href=link(&Route::names())>"naming matrix"</a>
                    ", or use “Compare” on a group's page."
                </p>
            </section>
        }
        .into_any();
    }
    let actors: Vec<atlas_core::Actor> = cmp
        .actors
        .iter()
        .map(|&i| catalog.actors()[i].clone())
        .collect();
    let fact_row = |label: &'static str, f: &dyn Fn(&atlas_core::Actor) -> String| -> AnyView {
        let cells: Vec<String> = actors.iter().map(f).collect();
        view! {
            <tr>
                <th scope="row">{label}</th>
                {cells.into_iter().map(|c| view! { <td>{if c.is_empty() { "—".to_string() } else { c }}</td> }).collect_view()}
            </tr>
        }
        .into_any()
    };
    let shared = cmp.shared.clone();
    let picked = cmp.actors.clone();
    let downloads = actor_downloads(
        "export-compare",
        "Download this comparison",
        "threat-atlas-comparison".to_string(),
        loaded.clone(),
        move || picked.clone(),
    );
    view! {
        <section class="compare" data-testid="compare-page">
            <h1>{format!("Compare {}", actors.iter().map(|a| a.name.as_str()).collect::<Vec<_>>().join(", "))}</h1>
            {if shared.is_empty() {
                view! { <p class="compare__legend" data-testid="compare-no-shared">"These groups share no names: every name below belongs to one of them only."</p> }.into_any()
            } else {
                view! {
                    <p class="compare__legend">
                        <span class="compare__shared">"Highlighted"</span>
                        {format!(" names ({}) are carried by more than one of these groups.", shared.len())}
                    </p>
                }
                .into_any()
            }}
            {downloads}
            <div class="matrix__scroll" tabindex="0" role="region" aria-label="Comparison, scrollable">
                <table class="matrix__table compare__table" data-testid="compare-table">
                    <thead>
                        <tr>
                            <th scope="col" class="matrix__corner">"Vendor"</th>
                            {actors.iter().map(|a| {
                                let name = a.name.clone();
                                view! {
                                    <th scope="col" data-testid="compare-actor" data-actor-id=a.id.clone()>
                                        <a href=link(&Route::actor(&a.id))>{name}</a>
                                    </th>
                                }
                            }).collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        {cmp.rows.into_iter().map(|(col, names)| view! {
                            <tr data-testid="compare-row" data-vendor=col.id.clone()>
                                <th scope="row">{col.name.clone()}</th>
                                {names.into_iter().map(|list| view! {
                                    <td>
                                        {list.into_iter().map(|n| {
                                            let is_shared = shared.contains(&normalize(&n));
                                            view! {
                                                <span
                                                    class="compare__name"
                                                    class:compare__shared=is_shared
                                                    data-testid="compare-name"
                                                    data-shared=if is_shared { "true" } else { "false" }
                                                >{n}</span>
                                            }
                                        }).collect_view()}
                                    </td>
                                }).collect_view()}
                            </tr>
                        }).collect_view()}
                        {fact_row("Suspected origin", &|a| a.origin.as_ref().map(|o| o.country.clone()).unwrap_or_default())}
                        {fact_row("Suspected sponsor", &|a| a.sponsor.as_ref().map(|s| s.name.clone()).unwrap_or_default())}
                        {fact_row("Target sectors", &|a| a.sectors.join(", "))}
                        {fact_row("Victim countries", &|a| a.victims.join(", "))}
                        {fact_row("Related groups", &|a| catalog.relations(a).iter().map(|r| format!("{} {}", r.label(), catalog.actors()[r.other].name)).collect::<Vec<_>>().join("; "))}
                        {fact_row("Dated events", &|a| {
                            catalog.events_for(&a.id).iter().map(|e| format!("{} — {}", e.date.human(), e.title)).collect::<Vec<_>>().join("; ")
                        })}
                    </tbody>
                </table>
            </div>
        </section>
    }
    .into_any()
}
