//! One actor: every fact the dataset holds about it, each with its source.

use leptos::prelude::*;

use atlas_core::route::Route;
use leptos_meta::Title;

use atlas_core::{Actor, Catalog};

use std::sync::Arc;

use crate::api::Loaded;
use crate::app::in_step;
use crate::components::{
    decoder, event_item, source_or_url_ref, source_ref, use_client_width, ExternalLink,
    TimelineChart, WithData,
};
use crate::data::{Data, Links};
use crate::export::actor_downloads;
use crate::nav::{link, use_go, use_page_state};

#[component]
pub fn ActorPage() -> impl IntoView {
    let id = use_page_state(|r| match r {
        Route::Actor(id) => Some(id.clone()),
        _ => None,
    });
    view! {
        <WithData render=move |loaded| {
            move || {
                let asked = id.get();
                // An id that a merge folded into another group opens that group, saying why.
                let resolved = loaded.catalog.resolve(&asked).map(|(a, f)| {
                    (a.id.clone(), f.cloned())
                });
                let (id, former) = match resolved {
                    Some((id, f)) => (id, f),
                    None => (asked, None),
                };
                match loaded.catalog.actor_position(&id) {
                    Some(i) => {
                        let downloads = actor_downloads(
                            "export-actor",
                            "Download this group",
                            format!("threat-atlas-{id}"),
                            loaded.clone(),
                            move || vec![i],
                        )
                        .into_any();
                        actor_view(&loaded, i, downloads, former)
                    }
                    None => {
                        let near: Vec<(String, String)> = loaded
                            .search()
                            .suggest(&id, 5)
                            .into_iter()
                            .map(|i| {
                                let a = &loaded.catalog.actors()[i];
                                (a.id.clone(), a.name.clone())
                            })
                            .collect();
                        unknown_actor(&id, near)
                    }
                }
            }
        }/>
    }
}

fn unknown_actor(id: &str, near: Vec<(String, String)>) -> AnyView {
    let search = link(&Route::search(id));
    view! {
        <Title text="Unknown actor"/>
        <section class="not-found" data-testid="unknown-actor">
            <h1>"No actor with this id"</h1>
            <p>"The atlas has no threat actor with the id “" {id.to_string()} "”."</p>
            {(!near.is_empty()).then(|| view! {
                <p>"Perhaps you meant: "
                    {near.into_iter().map(|(id, name)| view! {
                        <a href=link(&Route::actor(&id)) data-testid="suggestion">{name}</a> " "
                    }).collect_view()}
                </p>
            })}
            <p><a href=search>"Search for it by name"</a> " or " <a href=link(&Route::home())>"browse all threat actors"</a> "."</p>
        </section>
    }
    .into_any()
}

/// The reading list. The bundled atlas fetches its links after the first paint (see
/// `atlas_core::refs`), so this section fills in when they arrive.
#[component]
fn References(loaded: Arc<Loaded>, actor: usize) -> impl IntoView {
    let data = expect_context::<Data>();
    move || {
        let status = data.links(&loaded);
        let actor = &loaded.catalog.actors()[actor];
        let all = status.or_none();
        let links = all.of(actor);
        let note = match status {
            _ if !links.is_empty() => None,
            Links::Missing(why) => Some(format!("The reference links could not be loaded: {why}.")),
            Links::Loading => Some("Loading reference links…".to_string()),
            Links::Ready(_) => return None,
        };
        Some(view! {
            <section class="actor__section" aria-labelledby="refs-heading" data-testid="references">
                <h2 id="refs-heading">"References"</h2>
                {note.map(|n| view! { <p class="actor__hint">{n}</p> })}
                <ul class="reference-list">
                    {links.iter().map(|u| view! { <li><ExternalLink url=u.clone()/></li> }).collect_view()}
                </ul>
            </section>
        })
    }
}

fn actor_view(
    loaded: &Arc<Loaded>,
    index: usize,
    downloads: AnyView,
    former: Option<atlas_core::Former>,
) -> AnyView {
    let catalog = &loaded.catalog;
    let actor = &catalog.actors()[index];
    let shared: Vec<(String, String, Vec<String>)> =
        atlas_core::crossref::conflicts_of(loaded.conflicts(), index)
            .into_iter()
            .map(|c| {
                let others = c
                    .sides
                    .iter()
                    .filter(|s| s.actor != index)
                    .map(|s| catalog.actors()[s.actor].name.clone())
                    .collect();
                (c.name.clone(), link(&Route::name_lookup(&c.name)), others)
            })
            .collect();
    let compare = atlas_core::view::compare_route(catalog, actor).map(|r| link(&r));
    let matrix = link(&Route::names_matching(&actor.name));
    view! {
        <Title text=atlas_core::view::actor_title(actor)/>
        <article class="actor" data-testid="actor-page" data-actor-id=actor.id.clone()>
            <h1 class="actor__name">{actor.name.clone()}</h1>
            {former.map(|f| {
                // Since when: the source's date when it gives one; else only that this
                // edition of the dataset keeps the records as one.
                let since = match (f.since, catalog.dataset().info.updated) {
                    (Some(d), _) => format!(" since {}", d.human()),
                    (None, Some(d)) => format!(" (as of this atlas's dataset of {})", d.human()),
                    (None, None) => String::new(),
                };
                view! {
                    <p class="actor__merged" data-testid="merged-note" role="note">
                        "“" {f.name.clone()} "” is now part of " {actor.name.clone()} {since} ". "
                        {f.note.clone()} " Source: " {source_ref(catalog, &f.source)}
                    </p>
                }
            })}
            <p class="actor__summary" data-testid="actor-summary">
                {actor.summary.clone().unwrap_or_else(|| no_summary(actor).to_string())}
            </p>
            {(actor.summary.is_some() && !actor.summary_sources.is_empty()).then(|| view! {
                <p class="actor__summary-sources" data-testid="summary-sources">
                    {if actor.summary_sources.len() == 1 { "Source: " } else { "Sources: " }}
                    {actor.summary_sources.iter().enumerate().map(|(i, s)| view! {
                        {(i > 0).then_some(", ")}
                        {source_or_url_ref(catalog, s)}
                    }).collect_view()}
                </p>
            })}
            {in_step(1, {
                let loaded = loaded.clone();
                move || facts_view(&loaded.catalog, &loaded.catalog.actors()[index])
            })}
            <p class="actor__links">
                <a href=matrix data-testid="actor-matrix-link">"See these names in the naming matrix"</a>
                {compare.map(|c| view! { " · " <a href=c data-testid="actor-compare-link">"Compare with related groups"</a> })}
            </p>
            {downloads}
            {(!shared.is_empty()).then(|| view! {
                <section class="actor__section actor__shared" aria-labelledby="shared-heading" data-testid="actor-shared-names">
                    <h2 id="shared-heading">"Names shared with other groups"</h2>
                    <p class="actor__hint">"A story that uses one of these names may mean another group: check the source."</p>
                    <ul>
                        {shared.into_iter().map(|(name, link, others)| view! {
                            <li>
                                <a href=link data-testid="shared-name-link">{name}</a>
                                {format!(" — also {}", others.join(", "))}
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            })}
            {in_step(2, {
                let loaded = loaded.clone();
                move || names_view(&loaded.catalog, index)
            })}
            {in_step(3, {
                let loaded = loaded.clone();
                move || {
                    let actor = &loaded.catalog.actors()[index];
                    view! {
                        {other_names_view(&loaded.catalog, actor)}
                        {naming_history_view(&loaded.catalog, actor)}
                        {actor_timeline(&loaded, index)}
                    }
                }
            })}
            {in_step(4, {
                let loaded = loaded.clone();
                move || events_view(&loaded.catalog, index)
            })}
            <References loaded=loaded.clone() actor=index/>
        </article>
    }
    .into_any()
}

fn events_view(catalog: &Catalog, index: usize) -> AnyView {
    let events = catalog.events_for(&catalog.actors()[index].id);
    view! {
            <section class="actor__section" aria-labelledby="events-heading">
                <h2 id="events-heading">"Public attributions and dated activity"</h2>
                {if events.is_empty() {
                    view! { <p>"No dated events name this group yet."</p> }.into_any()
                } else {
                    view! {
                        <ol class="event-list">
                            {events.into_iter().map(|e| event_item(catalog, e, "actor-event")).collect_view()}
                        </ol>
                    }
                    .into_any()
                }}
            </section>
    }
    .into_any()
}

/// The names table: every name of the group, by the vendor that uses it, with its source.
fn names_view(catalog: &Catalog, index: usize) -> AnyView {
    let actor = &catalog.actors()[index];
    let groups = catalog.aliases_by_vendor(actor);
    view! {
            <section class="actor__section" aria-labelledby="aliases-heading">
                <h2 id="aliases-heading">"Names and who uses them"</h2>
                <p class="actor__hint">{{
                    let (n, k) = (actor.aliases.iter().filter(|a| a.kind.can_conflict()).count(), count_sources(actor));
                    format!("{n} name{} from {k} source{}.", if n == 1 { "" } else { "s" }, if k == 1 { "" } else { "s" })
                }}</p>
                <dl class="alias-groups">
                    {groups
                        .into_iter()
                        .map(|(vendor, aliases)| {
                            let vendor_id = vendor.map(|v| v.id.clone()).unwrap_or_default();
                            let vendor_name = vendor.map(|v| v.name.clone()).unwrap_or_else(|| "Vendor not recorded".into());
                            view! {
                                <dt class="alias-groups__vendor">{vendor_name}</dt>
                                <dd class="alias-groups__names">
                                    <ul>
                                        {aliases
                                            .into_iter()
                                            .map(|alias| view! {
                                                <li class="alias" data-testid="alias" data-vendor=vendor_id.clone()>
                                                    <span class="alias__name" tabindex="0">{alias.name.clone()}{decoder(catalog, &alias.name, alias.vendor.as_deref())}</span>
                                                    <span class="alias__source">" — source: " {source_ref(catalog, &alias.source)}</span>
                                                </li>
                                            })
                                            .collect_view()}
                                    </ul>
                                </dd>
                            }
                        })
                        .collect_view()}
                </dl>
            </section>
    }
    .into_any()
}

/// Names that are not the group's own: operations, clusters, report titles, designations.
fn other_names_view(catalog: &Catalog, actor: &Actor) -> Option<AnyView> {
    let names = atlas_core::crossref::other_names_of(catalog, actor);
    (!names.is_empty()).then(|| {
        view! {
            <section class="actor__section" aria-labelledby="other-names-heading" data-testid="actor-other-names">
                <h2 id="other-names-heading">"Other names tied to this group"</h2>
                <p class="actor__hint">"Names of operations, temporary clusters, reports and government designations: they are tied to this group without being its name, so they are never counted as shared."</p>
                <ul>
                    {names.into_iter().map(|(x, others)| {
                        let kind = x.kind;
                        let others: Vec<(String, String)> = others.into_iter().map(|o| (o.id.clone(), o.name.clone())).collect();
                        let source = source_ref(catalog, &x.source);
                        let kind_source = x.kind_source.as_deref().map(|s| source_ref(catalog, s));
                        let used_by = x.vendor.as_deref().and_then(|v| catalog.vendor(v)).map(|v| format!(", used by {}", v.name));
                        view! {
                            <li class="alias" data-testid="other-name" data-kind=format!("{kind:?}").to_lowercase()>
                                <span class="alias__name">{x.name.clone()}</span>
                                " — " {kind.label()}
                                {kind_source.map(|s| view! { " (per " {s} ")" })}
                                {used_by}
                                {(!others.is_empty()).then(|| view! {
                                    ", also tied to "
                                    {others.into_iter().map(|(id, name)| view! {
                                        <a href=link(&Route::actor(&id))>{name}</a> " "
                                    }).collect_view()}
                                })}
                                <span class="alias__source">" — source: " {source}</span>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        }
        .into_any()
    })
}

fn count_sources(actor: &Actor) -> usize {
    let mut ids: Vec<&str> = actor
        .aliases
        .iter()
        .filter(|a| a.kind.can_conflict())
        .map(|a| a.source.as_str())
        .collect();
    atlas_core::sort::sort(&mut ids);
    ids.dedup();
    ids.len()
}

/// What the page says instead of a summary: a group known only from Microsoft's naming map
/// has nothing beyond its names and origin to summarise, and the reader should know why.
fn no_summary(actor: &Actor) -> &'static str {
    if actor.sources == ["microsoft-naming"] {
        "No summary: Microsoft's naming map is the only source for this group, and it gives only the names and origin below."
    } else {
        "No summary yet."
    }
}

fn facts_view(catalog: &Catalog, actor: &Actor) -> AnyView {
    let list = |items: &[String]| (!items.is_empty()).then(|| items.join(", "));
    let seen = match (actor.first_seen, actor.last_seen) {
        (Some(f), Some(l)) => Some(format!("{} – {}", f.human(), l.human())),
        (Some(f), None) => Some(format!("since {}", f.human())),
        (None, Some(l)) => Some(format!("until {}", l.human())),
        (None, None) => None,
    };
    let related = catalog.relations(actor);
    let naming = naming_view(catalog, actor);
    view! {
        <dl class="facts" data-testid="actor-facts">
            {actor.origin.as_ref().map(|o| view! {
                <dt>"Suspected origin"</dt>
                <dd>
                    {o.country.clone()}
                    {o.by_name.clone().map(|n| format!(", read from the name “{n}”"))}
                    <span class="facts__source">" — source: " {source_ref(catalog, &o.source)}</span>
                </dd>
            })}
            {naming}
            {actor.sponsor.as_ref().map(|s| view! {
                <dt>"Suspected sponsor"</dt>
                <dd>{s.name.clone()} <span class="facts__source">" — source: " {source_ref(catalog, &s.source)}</span></dd>
            })}
            {list(&actor.motivations).map(|m| view! { <dt>"Motivation"</dt><dd>{m}</dd> })}
            {list(&actor.sectors).map(|m| view! { <dt>"Target sectors"</dt><dd>{m}</dd> })}
            {list(&actor.victims).map(|m| view! { <dt>"Victim countries"</dt><dd>{m}</dd> })}
            {seen.map(|s| view! {
                <dt>"Active"</dt>
                <dd data-testid="actor-active">
                    {s}
                    {actor.first_seen_source.as_deref().map(|src| view! { <span class="facts__source">" — source: " {source_ref(catalog, src)}</span> })}
                </dd>
            })}
            {(!related.is_empty()).then(|| view! {
                <dt>"Related groups"</dt>
                <dd>
                    <ul class="facts__related">
                        {related.into_iter().map(|r| {
                            let other = &catalog.actors()[r.other];
                            let (oid, oname) = (other.id.clone(), other.name.clone());
                            let who = r.link.asserted_by.clone();
                            let since = r.link.since.map(|d| d.human());
                            let source = source_ref(catalog, &r.link.source);
                            let (kind, label, note) = (r.link.kind.clone(), r.label(), r.link.note.clone());
                            view! {
                                <li data-testid="related-group" data-kind=kind data-actor-id=oid.clone()>
                                    {label} " "
                                    <a href=link(&Route::actor(&oid))>{oname}</a>
                                    {who.map(|w| format!(" — per {w}"))}
                                    {since.map(|d| format!(", since {d}"))}
                                    {note.map(|n| view! { <span class="facts__note">". " {n}</span> })}
                                    <span class="facts__source">" — source: " {source}</span>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </dd>
            })}
        </dl>
    }
    .into_any()
}

/// What vendors' names imply about the group's origin, credited to each vendor: agreement
/// with the recorded origin, or the disagreement between vendors.
fn naming_view(catalog: &Catalog, actor: &Actor) -> Option<AnyView> {
    let schemes = &catalog.dataset().schemes;
    let readings = atlas_core::naming::origin_readings(schemes, actor);
    if readings.is_empty() {
        return None;
    }
    let vendor = |id: &str| {
        catalog
            .vendor(id)
            .map(|v| v.name.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let mut by_country: Vec<(String, Vec<(String, String)>)> = Vec::new();
    for r in &readings {
        let entry = (vendor(&r.scheme.vendor), r.name.clone());
        match by_country.iter_mut().find(|(c, _)| *c == r.country) {
            Some((_, v)) => v.push(entry),
            None => by_country.push((r.country.clone(), vec![entry])),
        }
    }
    let disagree = by_country.len() > 1;
    let recorded = actor.origin.as_ref().map(|o| o.country.clone());
    let lines: Vec<String> = by_country
        .iter()
        .map(|(country, uses)| {
            let mut vendors: Vec<&str> = Vec::new();
            for (v, _) in uses {
                if !vendors.contains(&v.as_str()) {
                    vendors.push(v);
                }
            }
            let names: Vec<&str> = uses.iter().map(|(_, n)| n.as_str()).collect();
            format!(
                "{country}, per {} naming ({})",
                join_possessive(&vendors),
                names.join(", ")
            )
        })
        .collect();
    let agrees = !disagree && recorded.as_deref() == by_country.first().map(|(c, _)| c.as_str());
    Some(
        view! {
            <dt>"Origin in vendors' names"</dt>
            <dd data-testid="origin-by-naming" data-agrees=if agrees { "true" } else { "false" }>
                {lines.join("; ")}
                {disagree.then(|| view! {
                    <strong class="facts__disagree" data-testid="origin-disagreement">" — vendors' names disagree"</strong>
                })}
                {(!disagree && recorded.is_some() && !agrees).then_some(" — differs from the recorded origin")}
            </dd>
        }
        .into_any(),
    )
}

/// "Microsoft's", "Microsoft's and CrowdStrike's", "A's, B's and Palo Alto Networks'".
fn join_possessive(vendors: &[&str]) -> String {
    let p: Vec<String> = vendors
        .iter()
        .map(|v| atlas_core::naming::possessive(v))
        .collect();
    match p.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// When each of the group's names first stood in a dated public statement in this atlas,
/// oldest first, each linked to the statement (with its sources) on the timeline.
fn naming_history_view(catalog: &Catalog, actor: &Actor) -> Option<AnyView> {
    let history = atlas_core::said::naming_history(catalog, actor);
    if history.is_empty() {
        return None;
    }
    let items = history
        .into_iter()
        .map(|f| {
            let e = &catalog.events()[f.event];
            let at = link(&Route::timeline_of(&actor.id, Some(&e.id)));
            view! {
                <li data-testid="naming-history-item" data-event-id=e.id.clone()>
                    <strong>{f.name}</strong> " — "
                    <time datetime=e.date.to_string()>{e.date.human()}</time>
                    {format!(", {}: ", e.kind.label().to_lowercase())}
                    <a href=at>{e.title.clone()}</a>
                </li>
            }
        })
        .collect_view();
    Some(
        view! {
            <section class="actor__section" aria-labelledby="history-heading" data-testid="naming-history">
                <h2 id="history-heading">"Names in dated statements"</h2>
                <p class="actor__hint">"The earliest statement in this atlas that calls the group by each name. A name may have been in use before; the atlas records only what a dated source says."</p>
                <ul class="naming-history">{items}</ul>
            </section>
        }
        .into_any(),
    )
}

/// The actor's events and its stated activity on the same timeline layout as the timeline
/// page, laid out for the width the section has; choosing a mark opens it there.
fn actor_timeline(loaded: &Arc<Loaded>, index: usize) -> Option<AnyView> {
    let actor = &loaded.catalog.actors()[index];
    // Whether there is anything to draw does not depend on the width: no layout for that.
    if !atlas_core::timeline::has_actor_timeline(&loaded.catalog, actor) {
        return None;
    }
    let has_events = !loaded.catalog.event_indices_for(&actor.id).is_empty();
    let go = use_go();
    let id = actor.id.clone();
    let title = format!("Timeline of {}", actor.name);
    let on_select = Callback::new(move |event: String| {
        go(Route::timeline_of(&id, Some(&event)), false);
    });
    let node = NodeRef::<leptos::html::Div>::new();
    let width = use_client_width(node, crate::components::Measure::NextFrame);
    let chart = {
        let loaded = loaded.clone();
        move || {
            let w = width.get()?;
            let catalog = &loaded.catalog;
            let atlas_core::timeline::ActorTimeline {
                events,
                layout,
                activity,
            } = atlas_core::timeline::actor_timeline(catalog, &catalog.actors()[index], w)?;
            let labels: std::sync::Arc<[_]> =
                atlas_core::view::mark_labels(catalog, &events).into();
            let none: Option<String> = None;
            Some(view! {
                <TimelineChart layout events=labels selected=none on_select label=title.clone() activity/>
            })
        }
    };
    Some(
        view! {
            <section class="actor__section" aria-labelledby="timeline-heading" data-testid="actor-timeline">
                <h2 id="timeline-heading">"Timeline"</h2>
                <div node_ref=node>{chart}</div>
                {has_events.then(|| view! {
                    <p class="actor__hint">
                        <a href=link(&Route::timeline_of(&actor.id, None))>"Open on the full timeline"</a>
                    </p>
                })}
            </section>
        }
        .into_any(),
    )
}
