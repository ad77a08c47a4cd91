//! The attribution timeline: who said which group did what, and when. The chart, its list
//! twin and the detail panel all draw from one filtered, laid-out set of events; every
//! control's state lives in the URL (`atlas_core::route::TimelineState`).

use std::sync::Arc;

use leptos::ev;
use leptos::prelude::*;
use leptos_meta::Title;

use atlas_core::route::{day_param, Route, TimelineState};
use atlas_core::timeline::{self, civil_from_days, Group, Range};
use atlas_core::view::when;
use atlas_core::{Catalog, Event};

use crate::api::Loaded;
use crate::components::{
    parties, use_client_width, ExternalLink, Measure, TimelineChart, WithData,
};
use crate::nav::{link, use_go, Deferred, Hot};

/// How long a range must hold before the chart is laid out for it again: a wheel or key
/// gesture is drawn as a transform until it pauses this long.
const SETTLE_MS: u64 = 200;

/// How many events the list under the chart shows before "Show all".
const LIST_PAGE: usize = 200;

/// The part of the chart in the window (top and bottom in the chart's own units, a few lanes
/// to spare), read when the chart is laid out: the chart's frame draws the
/// marks there and the tasks after it the rest. The chart's top is the top of `node`. Read
/// where layout is already done (just after the width was measured, which laid the page out,
/// or a settled gesture), so it forces none.
fn on_screen(node: NodeRef<leptos::html::Div>) -> Option<(f64, f64)> {
    #[cfg(target_arch = "wasm32")]
    {
        let el = node.get_untracked()?;
        let top = el.get_bounding_client_rect().top();
        let height = window().inner_height().ok()?.as_f64()?;
        Some((-top - 64.0, -top + height + 64.0))
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = node;
        None
    }
}

#[component]
/// The heading and introduction are drawn at once, before the dataset arrives, with the same
/// markup as the static page `timeline.html` paints: they never move or flash.
pub fn TimelinePage() -> impl IntoView {
    view! {
        <Title text=atlas_core::route::PageKind::Timeline.page().title/>
        <article class="timeline" data-testid="timeline-page">
            <h1>"Attribution timeline"</h1>
            <p class="timeline__intro">
                "Public attributions by governments and alliances, indictments and sanctions, and ATT&CK campaigns. "
                "A dot is a known day; a bar is a month, a year or an activity period, never shown as more precise than it is."
            </p>
            <WithData render=|loaded| view! { <TimelineView loaded/> }/>
        </article>
    }
}

/// The page's parameters: the timeline's state in the core's route table.
type Params = TimelineState;

#[component]
fn TimelineView(loaded: Arc<Loaded>) -> impl IntoView {
    // Hot state: a wheel tick, a pan or a keystroke in a text filter changes the view at once;
    // the address follows when input pauses (`Deferred`), not once per tick.
    let hot = Hot::new(|r| match r {
        Route::Timeline(s) => Some(s.clone()),
        _ => None,
    });
    let params = hot.state;
    let follow = Deferred::new();
    let to = use_go();
    let go = move |next: Params, replace: bool| to(Route::Timeline(next), replace);
    // Each part of the state its own memo, so a zoom step touches what depends on the range
    // only, and the 2,000 marks never hear of it.
    let filter = Memo::new(move |_| params.with(|p| p.filter.clone()));
    let selected = Memo::new(move |_| params.with(|p| p.selected.clone()));
    let filtered = {
        let loaded = loaded.clone();
        Memo::new(move |_| filter.with(|f| timeline::filter(&loaded.catalog, f)))
    };
    let range = {
        let loaded = loaded.clone();
        Memo::new(move |_| {
            params.with(|p| p.range).unwrap_or_else(|| {
                filtered.with(|f| Range::covering(f.iter().map(|&i| &loaded.catalog.events()[i])))
            })
        })
    };
    // The range the chart is laid out for. A change of range shows at once as a transform of
    // the drawn chart; it is laid out again (lanes, ticks, captions, the list) once the range
    // has held for SETTLE_MS. The first range is laid out at once.
    let drawn = RwSignal::new(range.get_untracked());
    let settling = StoredValue::new(0u32);
    Effect::watch(
        move || range.get(),
        move |_, _, _| {
            settling.update_value(|g| *g += 1);
            let ticket = settling.get_value();
            set_timeout(
                move || {
                    // The page may be gone by now: every read here is a `try_`.
                    if settling.try_get_value() != Some(ticket) {
                        return;
                    }
                    if let Some(r) = range.try_get_untracked() {
                        if drawn.try_get_untracked().is_some_and(|d| d != r) {
                            drawn.set(r);
                        }
                    }
                },
                std::time::Duration::from_millis(SETTLE_MS),
            );
        },
        false,
    );
    let node = NodeRef::<leptos::html::Div>::new();
    // On a page the reader moved to within the app, the chart is laid out in the swap's own
    // task and shows in the frame after it: measured in the next frame, it showed a frame
    // later (the swap often runs past the frame it began in). The first page, which takes
    // over from the static one, measures in the next frame.
    let handed_over =
        cfg!(target_arch = "wasm32") && expect_context::<crate::data::Data>().drawn.get_untracked();
    let width = use_client_width(
        node,
        if handed_over {
            Measure::AtOnce
        } else {
            Measure::NextFrame
        },
    );
    let transform = Memo::new(move |_| match width.get() {
        Some(w) => drawn.get().transform_to(range.get(), w),
        None => (1.0, 0.0),
    });
    let visible = {
        let loaded = loaded.clone();
        Memo::new(move |_| {
            let r = drawn.get();
            filtered.with(|f| {
                f.iter()
                    .copied()
                    .filter(|&i| timeline::in_range(&loaded.catalog.events()[i], r))
                    .collect::<Vec<_>>()
            })
        })
    };
    // `continuous`: part of a gesture or of typing (hot, the address follows); otherwise a
    // deliberate step, with a history entry of its own.
    let update = {
        let go = go.clone();
        move |f: Box<dyn FnOnce(&mut Params)>, continuous: bool| {
            let mut next = params.get_untracked();
            f(&mut next);
            if continuous {
                hot.set_local(next.clone());
                follow.set(Route::Timeline(next));
            } else {
                follow.cancel();
                go(next, false);
            }
        }
    };
    let set_range = {
        let update = update.clone();
        move |r: Range, replace: bool| update(Box::new(move |p| p.range = Some(r)), replace)
    };
    let zoom = {
        let set_range = set_range.clone();
        move |factor: f64, replace: bool| set_range(range.get_untracked().zoomed(factor), replace)
    };
    let pan = {
        let set_range = set_range.clone();
        move |fraction: f64| set_range(range.get_untracked().panned(fraction), true)
    };
    let on_select = {
        let update = update.clone();
        Callback::new(move |id: String| update(Box::new(move |p| p.selected = Some(id)), false))
    };

    let actor_choices = atlas_core::view::event_actor_choices(&loaded.catalog);
    let origins = loaded.catalog.origin_countries();

    let first_layout = StoredValue::new(true);
    let chart = {
        let loaded = loaded.clone();
        move || {
            let w = width.get()?;
            let r = drawn.get();
            let idx = visible.get();
            let events: Vec<&Event> = idx.iter().map(|&i| &loaded.catalog.events()[i]).collect();
            let mut layout =
                crate::api::timed("atlas-timeline-layout", || timeline::layout(&events, r, w));
            // The marks then index the catalog's events, whose labels are written once.
            layout.index_events_by(&idx);
            let labels = loaded.mark_labels();
            // The first layout only: a re-layout after a gesture is drawn whole, where the
            // reader is looking, without reading the page's geometry mid-gesture.
            let on_screen = first_layout
                .try_update_value(std::mem::take)
                .unwrap_or(false)
                .then(|| on_screen(node))
                .flatten();
            Some(crate::api::timed("atlas-timeline-chart", || {
                view! {
                    <TimelineChart
                        layout
                        events=labels
                        selected
                        on_select
                        on_screen
                        label=format!("Timeline of {} events from {} to {}", idx.len(), day_param(r.start), day_param(r.end - 1))
                        transform
                    />
                }
            }))
        }
    };
    let panel = {
        let loaded = loaded.clone();
        move || {
            let id = selected.get()?;
            let e = loaded.catalog.events().iter().find(|e| e.id == id)?.clone();
            Some(event_panel(&loaded.catalog, &e))
        }
    };
    // The list twin of the chart, keyed by event: zooming keeps the rows that stay in view.
    // The first LIST_PAGE events, then a button for the rest: two thousand rows would double
    // what a first draw or a re-layout costs, for a list read from the top.
    let list_all = RwSignal::new(false);
    let shown = Memo::new(move |_| {
        let all = list_all.get();
        visible.with(|v| {
            v.iter()
                .copied()
                .take(if all { usize::MAX } else { LIST_PAGE })
                .collect::<Vec<_>>()
        })
    });
    // On a page the reader moves to within the app, the list is drawn in a task of its own
    // after the chart, which so shows a frame sooner (two hundred rows cost about what the
    // chart does). The first page, which takes over from the static page that has the list,
    // and a page drawn at build time have it at once.
    let list_now = RwSignal::new(!handed_over);
    // A task queued from the next frame's callback runs once that frame, with the chart,
    // is drawn.
    #[cfg(target_arch = "wasm32")]
    if handed_over {
        request_animation_frame(move || {
            set_timeout(
                move || {
                    list_now.try_set(true);
                },
                std::time::Duration::ZERO,
            )
        });
    }
    let list = {
        let loaded = loaded.clone();
        move || {
            let loaded = loaded.clone();
            list_now.get().then(|| view! {
                <For each=move || shown.get() key=|i| *i let:i>
                    {
                    let e = &loaded.catalog.events()[i];
                    let id = e.id.clone();
                    let is_sel = {
                        let id = id.clone();
                        move || selected.with(|s| s.as_deref() == Some(id.as_str()))
                    };
                    let title = e.title.clone();
                    let pick = id.clone();
                    view! {
                        <li class="timeline-list__item" class:timeline-list__item--selected=is_sel data-testid="timeline-list-item" data-event-id=id.clone()>
                            <time datetime=e.date.to_string()>{when(e)}</time>
                            {format!(" · {} · ", Group::of(e.kind).label())}
                            <button type="button" class="link-button" on:click=move |_| on_select.run(pick.clone())>{title}</button>
                        </li>
                    }
                    }
                </For>
            })
        }
    };
    let from_year = move || civil_from_days(range.get().start).0;
    let to_year = move || civil_from_days(range.get().end - 1).0;
    // The wheel zooms around the pointer: the day under it stays under it.
    let on_wheel = {
        let set_range = set_range.clone();
        move |e: ev::WheelEvent| {
            if e.ctrl_key() || e.shift_key() || e.delta_y().abs() < 1.0 {
                return;
            }
            e.prevent_default();
            let at = node
                .get_untracked()
                .map(|el| {
                    let rect = el.get_bounding_client_rect();
                    (f64::from(e.client_x()) - rect.left()) / rect.width().max(1.0)
                })
                .unwrap_or(0.5);
            let factor = if e.delta_y() < 0.0 { 0.8 } else { 1.25 };
            set_range(range.get_untracked().zoomed_at(factor, at), true);
        }
    };
    let on_key = {
        let zoom = zoom.clone();
        let pan = pan.clone();
        move |e: ev::KeyboardEvent| match e.key().as_str() {
            "+" | "=" => zoom(0.5, false),
            "-" | "_" => zoom(2.0, false),
            "ArrowLeft" => {
                e.prevent_default();
                pan(-0.2)
            }
            "ArrowRight" => {
                e.prevent_default();
                pan(0.2)
            }
            _ => {}
        }
    };
    let chips = {
        let update = update.clone();
        let loaded = loaded.clone();
        move || {
            filter.with(|f| f.actors.clone()).into_iter().map(|id| {
                let name = loaded.catalog.actor(&id).map(|a| a.name.clone()).unwrap_or_else(|| id.clone());
                let update = update.clone();
                let remove = id.clone();
                view! {
                    <span class="chip" data-testid="timeline-actor-chip" data-actor-id=id.clone()>
                        {name.clone()}
                        <button type="button" aria-label=format!("Remove {name}") on:click=move |_| {
                            let remove = remove.clone();
                            update(Box::new(move |p| p.filter.actors.retain(|a| a != &remove)), false)
                        }>"×"</button>
                    </span>
                }
            }).collect_view()
        }
    };

    view! {
        <div class="timeline__controls">
            <label>"Search events "
                <input type="search" data-testid="timeline-text" maxlength="200"
                    prop:value=move || filter.with(|f| f.text.clone())
                    on:input={
                        let update = update.clone();
                        move |e| {
                            let v = event_target_value(&e);
                            update(Box::new(move |p| p.filter.text = v), true)
                        }
                    }/>
            </label>
            <label>"Group "
                <select data-testid="timeline-actor-add" prop:value=""
                    on:change={
                        let update = update.clone();
                        move |e| {
                            let v = event_target_value(&e);
                            if !v.is_empty() {
                                update(Box::new(move |p| if !p.filter.actors.contains(&v) { p.filter.actors.push(v) }), false)
                            }
                        }
                    }>
                    <option value="">"Add a group…"</option>
                    {actor_choices.into_iter().map(|(name, id)| view! { <option value=id>{name}</option> }).collect_view()}
                </select>
            </label>
            <label>"Origin "
                <select data-testid="timeline-origin" prop:value=move || filter.with(|f| f.origin.clone())
                    on:change={
                        let update = update.clone();
                        move |e| {
                            let v = event_target_value(&e);
                            update(Box::new(move |p| p.filter.origin = v), false)
                        }
                    }>
                    <option value="">"Any"</option>
                    {origins.into_iter().map(|o| view! { <option value=o.clone()>{o.clone()}</option> }).collect_view()}
                </select>
            </label>
            <label>"Attributed by "
                <input type="search" data-testid="timeline-party" maxlength="200" placeholder="e.g. Belgium"
                    prop:value=move || filter.with(|f| f.party.clone())
                    on:input={
                        let update = update.clone();
                        move |e| {
                            let v = event_target_value(&e);
                            update(Box::new(move |p| p.filter.party = v), true)
                        }
                    }/>
            </label>
        </div>
        <div class="timeline__controls">
            <fieldset class="timeline__kinds">
                <legend>"Show"</legend>
                {Group::ALL.into_iter().map(|g| {
                    let update = update.clone();
                    view! {
                        <label>
                            <input type="checkbox" data-testid="timeline-kind" data-kind=g.param()
                                prop:checked=move || filter.with(|f| f.groups.is_empty() || f.groups.contains(&g))
                                on:change=move |_| update(Box::new(move |p| {
                                    let mut gs = if p.filter.groups.is_empty() { Group::ALL.to_vec() } else { p.filter.groups.clone() };
                                    if let Some(i) = gs.iter().position(|x| *x == g) { gs.remove(i); } else { gs.push(g); }
                                    atlas_core::sort::sort(&mut gs);
                                    p.filter.groups = if gs.len() == Group::ALL.len() { Vec::new() } else { gs };
                                }), false)/>
                            {format!(" {}", g.label())}
                        </label>
                    }
                }).collect_view()}
            </fieldset>
            <div class="timeline__range">
                <label>"From "
                    <input type="number" min="1990" max="2100" data-testid="range-from" prop:value=move || from_year().to_string()
                        on:change={
                            let set_range = set_range.clone();
                            move |e| {
                                if let Ok(y) = event_target_value(&e).parse::<i32>() {
                                    let to = to_year();
                                    set_range(Range::years(y.clamp(1900, 2100), to), false);
                                }
                            }
                        }/>
                </label>
                <label>" to "
                    <input type="number" min="1990" max="2100" data-testid="range-to" prop:value=move || to_year().to_string()
                        on:change={
                            let set_range = set_range.clone();
                            move |e| {
                                if let Ok(y) = event_target_value(&e).parse::<i32>() {
                                    let from = from_year();
                                    set_range(Range::years(from, y.clamp(1900, 2100)), false);
                                }
                            }
                        }/>
                </label>
                <button type="button" class="button button--secondary" data-testid="zoom-in" aria-label="Zoom in" on:click={let zoom = zoom.clone(); move |_| zoom(0.5, false)}>"+"</button>
                <button type="button" class="button button--secondary" data-testid="zoom-out" aria-label="Zoom out" on:click={let zoom = zoom.clone(); move |_| zoom(2.0, false)}>"−"</button>
                <button type="button" class="button button--secondary" aria-label="Earlier" on:click={let pan = pan.clone(); move |_| pan(-0.25)}>"←"</button>
                <button type="button" class="button button--secondary" aria-label="Later" on:click=move |_| pan(0.25)>"→"</button>
                <button type="button" class="button button--secondary" data-testid="zoom-fit" on:click={
                    let update = update.clone();
                    move |_| update(Box::new(|p| p.range = None), false)
                }>"Fit"</button>
            </div>
        </div>
        <div class="timeline__chips">{chips}</div>
        <p class="timeline__count" data-testid="timeline-count">
            {move || format!("{} events in view ({} match the filters)", visible.with(Vec::len), filtered.with(Vec::len))}
        </p>
        // Not a tab stop itself: the chart's one tab stop is a mark (or the chart when it has
        // none); keys the marks do not take (zoom, Shift and an arrow to pan) arrive here.
        <div class="timeline__chart" on:wheel=on_wheel on:keydown=on_key>
            <div node_ref=node>{chart}</div>
        </div>
        {panel}
        <h2>"Events in view"</h2>
        <ol class="timeline-list" data-testid="timeline-list">{list}</ol>
        {move || {
            let total = visible.with(Vec::len);
            (total > shown.with(Vec::len)).then(|| view! {
                <button type="button" class="button button--secondary" data-testid="timeline-list-more" on:click=move |_| list_all.set(true)>
                    {format!("Show all {total} events in view")}
                </button>
            })
        }}
    }
}

/// Everything about one event: when (with precision), who said it, the names exactly as
/// stated and the groups they map to, victims, responses and sources.
pub fn event_panel(catalog: &Catalog, e: &Event) -> AnyView {
    let precision = e.date.precision().as_str();
    view! {
        <section class="event-panel" data-testid="event-panel" data-event-id=e.id.clone() aria-live="polite">
            <h2 class="event-panel__title">{e.title.clone()}</h2>
            <p class="event-panel__meta">
                <time datetime=e.date.to_string()>{when(e)}</time>
                {format!(" (known to the {precision}) · {}", e.kind.label())}
            </p>
            {(!e.attributed_by.is_empty()).then(|| view! { <p><strong>"Attributed by: "</strong>{parties(&e.attributed_by)}</p> })}
            <ul class="event-panel__claims">
                {e.claims.iter().map(|c| {
                    let actors: Vec<(String, String)> = c.actors.iter().filter_map(|id| catalog.actor(id)).map(|a| (a.id.clone(), a.name.clone())).collect();
                    view! {
                        <li data-testid="panel-claim">
                            "Named as " <q>{c.names_as_stated.clone()}</q>
                            {c.victim.clone().map(|v| format!(" — victim or operation: {v}"))}
                            {c.note.clone().map(|n| format!(" ({n})"))}
                            {(!actors.is_empty()).then(|| view! {
                                " → "
                                {actors.into_iter().map(|(id, name)| view! {
                                    <a href=link(&Route::actor(&id)) data-testid="panel-actor">{name}</a> " "
                                }).collect_view()}
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            {e.responses.iter().map(|r| view! {
                <p class="event-panel__response" data-testid="panel-response">
                    <strong>{r.party.clone()}</strong>
                    {format!(" ({}{})", r.kind, r.date.map(|d| format!(", {}", d.human())).unwrap_or_default())}
                    {r.text.clone().map(|t| format!(": {t}"))}
                    {r.source.clone().map(|u| view! { " — source: " <ExternalLink url=u/> })}
                </p>
            }).collect_view()}
            {e.note.clone().map(|n| view! { <p class="event__note">{n}</p> })}
            <p class="event-panel__sources" data-testid="panel-sources">"Sources: "
                {e.sources.iter().map(|u| view! { <ExternalLink url=u.clone()/> " " }).collect_view()}
            </p>
        </section>
    }
    .into_any()
}
