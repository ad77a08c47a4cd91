//! One event as a list item: when, what kind, who said it (each government or alliance
//! linked to its page), the names exactly as stated with the groups they map to, responses,
//! the note and the sources. The actor page and the attributions page list events with it.

use leptos::prelude::*;

use atlas_core::route::Route;
use atlas_core::{Catalog, Event};

use crate::components::ExternalLink;
use crate::nav::link;

/// An event as a list item; `testid` names the list it is in.
pub fn event_item(catalog: &Catalog, event: &Event, testid: &'static str) -> impl IntoView {
    view! {
        <li class="event" data-testid=testid data-event-id=event.id.clone()>
            <p class="event__meta">
                <time datetime=event.date.to_string()>{atlas_core::view::when(event)}</time>
                " · " {event.kind.label()}
                {(!event.attributed_by.is_empty()).then(|| view! { " · " {parties(&event.attributed_by)} })}
            </p>
            <h3 class="event__title">{event.title.clone()}</h3>
            <ul class="event__claims">
                {event.claims.iter().map(|c| view! {
                    <li class="event__claim" data-testid="event-claim">
                        "Named as " <q>{c.names_as_stated.clone()}</q>
                        {c.victim.clone().map(|v| format!(" for {v}"))}
                        {actor_links(catalog, &c.actors)}
                        {c.note.clone().map(|n| view! { <span class="event__mapping" data-testid="claim-note">" (" {n} ")"</span> })}
                    </li>
                }).collect_view()}
            </ul>
            {event.responses.iter().map(|r| view! {
                <p class="event__response" data-testid="event-response">
                    <strong>{r.party.clone()}</strong> " (" {r.kind.clone()}
                    {r.date.map(|d| format!(", {}", d.human()))} ")"
                    {r.text.clone().map(|t| format!(": {t}"))}
                    {r.source.clone().map(|u| view! { " — source: " <ExternalLink url=u/> })}
                </p>
            }).collect_view()}
            {event.note.clone().map(|n| view! { <p class="event__note">{n}</p> })}
            <p class="event__sources">"Sources: "
                {event.sources.iter().map(|u| view! { <ExternalLink url=u.clone()/> " " }).collect_view()}
            </p>
        </li>
    }
}

/// Who said it, as written, separated by semicolons: an entry that names a government or
/// alliance links to its page (`said::party_of`); a note about who joined stays text.
pub fn parties(entries: &[String]) -> impl IntoView {
    entries
        .iter()
        .enumerate()
        .map(|(i, entry)| {
            let sep = (i > 0).then_some("; ");
            let item = match atlas_core::said::party_of(entry) {
                Some(p) => view! {
                    <a href=link(&Route::attributions_by(p)) data-testid="event-party">{entry.clone()}</a>
                }
                .into_any(),
                None => entry.clone().into_any(),
            };
            view! { {sep} {item} }
        })
        .collect_view()
}

/// Links to the actors a claim maps to, preceded by an arrow; nothing when it maps to none.
fn actor_links(catalog: &Catalog, ids: &[String]) -> Option<AnyView> {
    let actors: Vec<(String, String)> = ids
        .iter()
        .filter_map(|id| catalog.actor(id))
        .map(|a| (link(&Route::actor(&a.id)), a.name.clone()))
        .collect();
    (!actors.is_empty()).then(|| {
        view! {
            " → "
            {actors.into_iter().map(|(href, name)| view! {
                <a href=href class="event__actor">{name}</a> " "
            }).collect_view()}
        }
        .into_any()
    })
}
