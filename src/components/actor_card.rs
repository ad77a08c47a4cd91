//! One search result: who the group is, why it matched, and what else it is called.

use leptos::prelude::*;

use atlas_core::route::Route;

use atlas_core::view::Card;

use crate::nav::link;

#[component]
pub fn ActorCard(
    /// What to show.
    card: Card,
) -> impl IntoView {
    let actor_link = link(&Route::actor(&card.id));
    let facts: Vec<String> = [
        card.origin
            .clone()
            .map(|o| format!("Suspected origin: {o}")),
        (!card.sectors.is_empty()).then(|| format!("Targets: {}", card.sectors.join(", "))),
        card.first_seen.clone().map(|d| format!("First seen {d}")),
    ]
    .into_iter()
    .flatten()
    .collect();
    view! {
        <li
            class="actor-card"
            data-testid="actor-card"
            data-actor-id=card.id.clone()
            id=format!("result-{}", card.id)
            // The keyboard's selection: set by the results list on the card concerned.
            data-active="false"
        >
            <h2 class="actor-card__name"><a href=actor_link>{card.name.clone()}</a></h2>
            {card.matched.clone().map(|(name, vendor, how)| view! {
                <p class="actor-card__match" data-testid="card-match">
                    "Matched " <strong class="decodable" tabindex=card.decoded.as_ref().map(|_| "0")>
                        {name}
                        {card.decoded.clone().map(|d| view! { <span class="decoder" role="tooltip" data-testid="name-decoder">{d}</span> })}
                    </strong>
                    {vendor.map(|v| format!(" — used by {v}"))}
                    <span class="actor-card__how">{format!(" ({how})")}</span>
                    {card.matched_kind.map(|k| view! { <span class="actor-card__kind" data-testid="card-match-kind">{format!(" — {k}, not the group's own name")}</span> })}
                </p>
            })}
            {card.shared.then(|| {
                let lookup = card.matched.as_ref().map(|(n, _, _)| {
                    link(&Route::name_lookup(n))
                });
                view! {
                    <p class="actor-card__shared" data-testid="shared-name">
                        "⚠ This name is also used for other groups: check which one your source means. "
                        {lookup.map(|l| view! { <a href=l>"Who uses it for which?"</a> })}
                    </p>
                }
            })}
            {(!card.family.is_empty()).then(|| view! {
                <p class="actor-card__family" data-testid="card-family">
                    {card.family.clone().into_iter().map(|(label, id, name)| view! {
                        <span>{label} " " <a href=link(&Route::actor(&id))>{name}</a> ". "</span>
                    }).collect_view()}
                </p>
            })}
            {card.compare.clone().map(|c| view! {
                <p class="actor-card__compare"><a href=link(&c) data-testid="card-compare">"Compare with related groups"</a></p>
            })}
            {(!card.other_names.is_empty()).then(|| view! {
                <p class="actor-card__aliases">"Also: " {card.other_names.join(" · ")}</p>
            })}
            {(!facts.is_empty()).then(|| view! { <p class="actor-card__facts">{facts.join(" · ")}</p> })}
            <p class="actor-card__counts">
                {format!("{} event{} · {} source{}", card.events, if card.events == 1 { "" } else { "s" }, card.sources, if card.sources == 1 { "" } else { "s" })}
            </p>
        </li>
    }
}
