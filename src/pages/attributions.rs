//! "Who said it": every government and alliance that has acted in public, and a page for
//! each (`attributions?by=…`) — its actions per year, the groups it named, and each action
//! with its parties, names as stated and sources. The core reads the parties
//! (`atlas_core::said`); this page lays them out.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_meta::Title;

use atlas_core::route::{PageKind, Route};
use atlas_core::said::{self, PartyPage};

use crate::api::Loaded;
use crate::components::{event_item, WithData};
use crate::nav::{link, use_page_state};

#[component]
pub fn AttributionsPage() -> impl IntoView {
    let by = use_page_state(|r| match r {
        Route::Attributions(by) => Some(by.clone()),
        _ => None,
    });
    view! {
        <article class="said" data-testid="attributions-page">
            <WithData render=move |loaded| move || match by.get() {
                None => all_parties(&loaded).into_any(),
                Some(slug) => party_view(&loaded, &slug).into_any(),
            }/>
        </article>
    }
}

fn all_parties(loaded: &Arc<Loaded>) -> impl IntoView {
    let parties = said::all_parties(&loaded.catalog);
    view! {
        <Title text=PageKind::Attributions.page().title/>
        <h1>"Who said it"</h1>
        <p class="said__intro">
            "The governments and alliances that have publicly attributed cyber operations, advised on a group, "
            "indicted or sanctioned its members or taken down its infrastructure, the most active first. "
            "Each page lists what it attributed to whom, and when."
        </p>
        <ul class="said__parties" data-testid="party-list">
            {parties.into_iter().map(|p| {
                let years = if p.first == p.last { p.first.to_string() } else { format!("{}–{}", p.first, p.last) };
                let actions = if p.actions == 1 { "1 action".to_string() } else { format!("{} actions", p.actions) };
                view! {
                    <li data-testid="party" data-party=p.slug.clone()>
                        <a href=link(&Route::Attributions(Some(p.slug.clone())))>{p.name}</a>
                        {format!(" — {actions}, {years}")}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

fn party_view(loaded: &Arc<Loaded>, slug: &str) -> AnyView {
    let catalog = &loaded.catalog;
    let Some(page) = said::party_page(catalog, slug) else {
        return view! {
            <Title text=PageKind::Attributions.page().title/>
            <h1>"Who said it"</h1>
            <p data-testid="unknown-party">
                "No government or alliance in this atlas goes by “" {slug.to_string()} "”. "
                <a href=link(&Route::Attributions(None))>"See every government and alliance"</a> "."
            </p>
        }
        .into_any();
    };
    let total = page.events.len();
    let groups = page
        .groups
        .iter()
        .map(|&(a, n)| {
            let actor = &catalog.actors()[a];
            let times = if n == 1 {
                String::new()
            } else {
                format!(" ×{n}")
            };
            view! {
                <li data-testid="party-group" data-actor-id=actor.id.clone()>
                    <a href=link(&Route::actor(&actor.id))>{actor.name.clone()}</a>{times}
                </li>
            }
        })
        .collect_view();
    let events = page
        .events
        .iter()
        .map(|&i| event_item(catalog, &catalog.events()[i], "party-event"))
        .collect_view();
    let intro = format!(
        "{} public action{} in this atlas, {}.",
        total,
        if total == 1 { "" } else { "s" },
        span(&page)
    );
    view! {
        <Title text=format!("{} — {}", page.name, PageKind::Attributions.page().title)/>
        <p class="said__up"><a href=link(&Route::Attributions(None))>"Who said it"</a></p>
        <h1 data-testid="party-page" data-party=page.slug.clone()>{format!("What {} attributed, to whom, and when", page.name)}</h1>
        <p class="said__intro">{intro}</p>
        {year_chart(&page)}
        <section class="said__section" aria-labelledby="said-groups">
            <h2 id="said-groups">"Groups it named"</h2>
            {if page.groups.is_empty() {
                view! { <p>"None of its actions names a group in this atlas."</p> }.into_any()
            } else {
                view! { <ul class="said__groups">{groups}</ul> }.into_any()
            }}
        </section>
        <section class="said__section" aria-labelledby="said-events">
            <h2 id="said-events">"Its actions, newest first"</h2>
            <ol class="event-list">{events}</ol>
        </section>
    }
    .into_any()
}

fn span(page: &PartyPage) -> String {
    match (page.per_year.first(), page.per_year.last()) {
        (Some((a, _)), Some((b, _))) if a != b => format!("from {a} to {b}"),
        (Some((a, _)), _) => format!("in {a}"),
        _ => String::new(),
    }
}

/// Chart geometry, in the SVG's own units (it scales to its box).
const BAR: f64 = 28.0;
const GAP: f64 = 6.0;
const CHART_H: f64 = 96.0;
const LABEL_H: f64 = 18.0;

/// Actions per year as bars, every year from the first to the latest; the counts are
/// written above the bars and read out as one label.
fn year_chart(page: &PartyPage) -> impl IntoView {
    let max = page
        .per_year
        .iter()
        .map(|&(_, n)| n)
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let width = page.per_year.len() as f64 * (BAR + GAP) + GAP;
    let height = CHART_H + 2.0 * LABEL_H;
    let label = format!(
        "Actions per year: {}",
        page.per_year
            .iter()
            .map(|(y, n)| format!("{y}: {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let bars = page
        .per_year
        .iter()
        .enumerate()
        .map(|(i, &(year, n))| {
            let x = GAP + i as f64 * (BAR + GAP);
            let h = if n == 0 { 0.0 } else { (n as f64 / max * CHART_H).max(2.0) };
            let y = LABEL_H + CHART_H - h;
            let short = format!("’{:02}", year.rem_euclid(100));
            view! {
                <g data-testid="party-year" data-year=year data-count=n>
                    <rect class="said__bar" x=x y=y width=BAR height=h/>
                    {(n > 0).then(|| view! {
                        <text class="said__count" x=x + BAR / 2.0 y=y - 4.0 text-anchor="middle">{n}</text>
                    })}
                    <text class="said__year" x=x + BAR / 2.0 y=height - 4.0 text-anchor="middle">{short}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <figure class="said__chart">
            <svg
                data-testid="party-year-chart"
                viewBox=format!("0 0 {width} {height}")
                width=width
                height=height
                role="img"
                aria-label=label
            >
                {bars}
            </svg>
            <figcaption>"Actions per year (’14 is 2014)."</figcaption>
        </figure>
    }
}
