//! One search result: who the group is, why it matched, and what else it is called.

use leptos::prelude::*;

use atlas_core::route::Route;
use leptos_router::components::A;

use atlas_core::search::{Hit, MatchKind, SearchIndex};
use atlas_core::Catalog;

use crate::nav::link;

/// Everything a card shows, computed from the catalog before rendering.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct CardData {
    pub id: String,
    pub name: String,
    pub matched: Option<(String, Option<String>, &'static str)>,
    pub shared: bool,
    pub other_names: Vec<String>,
    pub origin: Option<String>,
    pub sectors: Vec<String>,
    pub first_seen: Option<String>,
    pub events: usize,
    pub sources: usize,
    /// Link to compare this group with its related groups, when it has any.
    pub compare: Option<String>,
    /// Umbrella and parts: ("Has part" / "Part of", id, name).
    pub family: Vec<(String, String, String)>,
    /// When the match is not a group's name: what kind of name it is.
    pub matched_kind: Option<&'static str>,
    /// What the matched name's form means, with its source (the name decoder).
    pub decoded: Option<String>,
}

impl CardData {
    pub fn new(catalog: &Catalog, index: &SearchIndex, hit: &Hit) -> CardData {
        let a = &catalog.actors()[hit.actor];
        let found = index.matched(catalog, hit);
        let matched = found.as_ref().map(|m| {
            let vendor = m
                .vendor
                .as_deref()
                .and_then(|v| catalog.vendor(v))
                .map(|v| v.name.clone());
            let how = match m.kind {
                MatchKind::Exact => "exact name",
                MatchKind::Prefix => "name starts with your search",
                MatchKind::Typo(_) => "close spelling",
                MatchKind::Words => "words in a name",
            };
            (m.name.clone(), vendor, how)
        });
        let skip = |n: &str| {
            n.eq_ignore_ascii_case(&a.name)
                || matched
                    .as_ref()
                    .is_some_and(|(m, _, _)| m.eq_ignore_ascii_case(n))
        };
        // Well-known names first: those a vendor is recorded as using.
        let mut other_names: Vec<String> = Vec::new();
        for alias in a
            .aliases
            .iter()
            .filter(|x| x.vendor.is_some())
            .chain(a.aliases.iter().filter(|x| x.vendor.is_none()))
        {
            if other_names.len() == 4 {
                break;
            }
            if !skip(&alias.name)
                && !other_names
                    .iter()
                    .any(|n| n.eq_ignore_ascii_case(&alias.name))
            {
                other_names.push(alias.name.clone());
            }
        }
        let mut sources: Vec<&str> = a
            .aliases
            .iter()
            .map(|x| x.source.as_str())
            .chain(a.sources.iter().map(String::as_str))
            .collect();
        atlas_core::sort::sort(&mut sources);
        sources.dedup();
        CardData {
            id: a.id.clone(),
            name: a.name.clone(),
            shared: found.as_ref().is_some_and(|m| m.shared),
            matched,
            other_names,
            origin: a.origin.as_ref().map(|o| o.country.clone()),
            sectors: a.sectors.iter().take(3).cloned().collect(),
            first_seen: a.first_seen.map(|d| d.human()),
            events: catalog.events_for(&a.id).len(),
            sources: sources.len(),
            compare: crate::pages::compare_href(catalog, a),
            family: catalog
                .relations(a)
                .into_iter()
                .filter(|r| r.kind == atlas_core::RelationKind::PartOf)
                .map(|r| {
                    let o = &catalog.actors()[r.other];
                    (r.label(), o.id.clone(), o.name.clone())
                })
                .collect(),
            matched_kind: found
                .as_ref()
                .and_then(|m| {
                    a.aliases
                        .iter()
                        .find(|x| x.name == m.name && !x.kind.can_conflict())
                })
                .map(|x| x.kind.with_article()),
            decoded: found.as_ref().and_then(|m| {
                let (text, source) =
                    atlas_core::naming::decoder_line(catalog, &m.name, m.vendor.as_deref())?;
                let source = catalog.source(source).map_or(source, |s| s.name.as_str());
                Some(format!("{text} — source: {source}"))
            }),
        }
    }
}

#[component]
pub fn ActorCard(
    /// What to show.
    card: CardData,
    /// Whether the keyboard has this card selected.
    #[prop(into)]
    active: Signal<bool>,
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
            class:actor-card--active=move || active.get()
            data-testid="actor-card"
            data-actor-id=card.id.clone()
            id=format!("result-{}", card.id)
            aria-current=move || active.get().then_some("true")
            data-active=move || if active.get() { "true" } else { "false" }
        >
            <h2 class="actor-card__name"><A href=actor_link>{card.name.clone()}</A></h2>
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
                    link(&Route::Names(atlas_core::route::NamesState { name: n.to_string(), ..Default::default() }))
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
                        <span>{label} " " <A href=link(&Route::actor(&id))>{name}</A> ". "</span>
                    }).collect_view()}
                </p>
            })}
            {card.compare.clone().map(|c| view! {
                <p class="actor-card__compare"><a href=c data-testid="card-compare">"Compare with related groups"</a></p>
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
