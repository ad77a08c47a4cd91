//! Draws a [`TimelineLayout`] as SVG. All positions come from `atlas_core::timeline`; this
//! only turns them into shapes.

use leptos::prelude::*;

use atlas_core::timeline::{Activity, Group, TimelineLayout};
use atlas_core::view::MarkLabel;

const LANE: f64 = 16.0;
const GROUP_GAP: f64 = 26.0;
const AXIS: f64 = 28.0;

#[component]
pub fn TimelineChart(
    /// The layout the core computed.
    layout: TimelineLayout,
    /// The events, in the order the layout indexes them.
    events: Vec<MarkLabel>,
    /// The selected event's id.
    #[prop(into)]
    selected: Signal<Option<String>>,
    /// Called with an event id when a mark is chosen.
    on_select: Callback<String>,
    /// Accessible name of the chart.
    #[prop(into)]
    label: String,
    /// The group's stated activity, drawn as a band above the events (actor pages).
    #[prop(optional_no_strip)]
    activity: Option<Activity>,
) -> impl IntoView {
    let width = layout.width;
    // The activity band, when there is one, takes the first row.
    let activity_top = AXIS + 8.0 + GROUP_GAP - 12.0;
    // Vertical position of each group's first lane.
    let mut tops = Vec::new();
    let mut y = AXIS + 8.0;
    if activity.is_some() {
        y += GROUP_GAP + LANE;
    }
    for (g, lanes) in &layout.lanes {
        if *lanes > 0 {
            tops.push((*g, y));
            y += GROUP_GAP + *lanes as f64 * LANE;
        }
    }
    let height = y.max(AXIS + 40.0);
    let top_of = move |g: Group| {
        tops.iter()
            .find(|(x, _)| *x == g)
            .map(|(_, y)| *y)
            .unwrap_or(0.0)
    };
    let ticks = layout.ticks.clone();
    let group_labels: Vec<(f64, &'static str)> = layout
        .lanes
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(g, _)| (top_of(*g) - 6.0, g.label()))
        .collect();
    // One tab stop for the whole chart: the selected mark, else the first in reading order.
    // Arrow keys, Home and End move between marks (a roving tabindex); Enter or Space opens.
    let order = layout.reading_order();
    let mut position = vec![0; layout.marks.len()];
    for (p, &m) in order.iter().enumerate() {
        position[m] = p;
    }
    let count = order.len();
    let start = layout
        .marks
        .iter()
        .position(|m| {
            let id = events[m.event].id.as_str();
            selected.with_untracked(|s| s.as_deref() == Some(id))
        })
        .map_or(0, |i| position[i]);
    let roving = RwSignal::new(start);
    let on_keys = move |ev: leptos::ev::KeyboardEvent| {
        use wasm_bindgen::JsCast;
        if count == 0 || ev.shift_key() || ev.ctrl_key() || ev.alt_key() || ev.meta_key() {
            return;
        }
        let on_mark = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|t| t.closest("[data-mark-index]").ok().flatten())
            .is_some();
        if !on_mark {
            return;
        }
        let now = roving.get_untracked();
        let next = match ev.key().as_str() {
            "ArrowRight" => (now + 1).min(count - 1),
            "ArrowLeft" => now.saturating_sub(1),
            "Home" => 0,
            "End" => count - 1,
            _ => return,
        };
        ev.prevent_default();
        ev.stop_propagation();
        roving.set(next);
        let mark = ev
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|svg| {
                svg.query_selector(&format!("[data-mark-index=\"{next}\"]"))
                    .ok()
                    .flatten()
            })
            .and_then(|m| m.dyn_into::<web_sys::SvgElement>().ok());
        if let Some(m) = mark {
            let _ = m.focus();
        }
    };
    view! {
        <svg
            class="timeline-chart"
            data-testid="timeline-chart"
            viewBox=format!("0 0 {width} {height}")
            preserveAspectRatio="none"
            role="group"
            aria-label=format!("{label}. Arrow keys move between events, Enter opens one, + and − zoom, Shift and an arrow key pan.")
            tabindex=(count == 0).then_some("0")
            on:keydown=on_keys
        >
            <g class="timeline-chart__ticks">
                {ticks.into_iter().map(|t| view! {
                    <g data-testid="timeline-tick">
                        <line x1=t.x x2=t.x y1=AXIS - 6.0 y2=height class:timeline-chart__major=t.major class="timeline-chart__tick"/>
                        <text x=t.x + 3.0 y=AXIS - 10.0 class="timeline-chart__label">{t.label}</text>
                    </g>
                }).collect_view()}
            </g>
            {activity.map(|a| view! {
                <text x=4.0 y=activity_top - 6.0 class="timeline-chart__group" data-testid="activity-label">{a.label.clone()}</text>
                <rect
                    x=a.x0
                    y=activity_top
                    width=a.x1 - a.x0
                    height=LANE - 6.0
                    rx=3.0
                    class="timeline-chart__activity"
                    class:timeline-chart__activity--open=a.open_end
                    data-testid="activity-span"
                    data-open=if a.open_end { "true" } else { "false" }
                >
                    <title>{a.label.clone()}</title>
                </rect>
            })}
            {group_labels.into_iter().map(|(y, label)| view! {
                <text x=4.0 y=y class="timeline-chart__group">{label}</text>
            }).collect_view()}
            {layout.marks.into_iter().enumerate().map(|(i, m)| {
                let pos = position[i];
                let e = events[m.event].clone();
                let y = top_of(m.group) + m.lane as f64 * LANE + LANE / 2.0;
                let id = e.id.clone();
                let id_key = e.id.clone();
                let is_selected = {
                    let id = e.id.clone();
                    move || selected.with(|s| s.as_deref() == Some(id.as_str()))
                };
                let shape = if m.point {
                    view! { <circle cx=m.x0 cy=y r=5.0 class="timeline-chart__point"/> }.into_any()
                } else {
                    view! { <rect x=m.x0 y=y - 5.0 width=(m.x1 - m.x0).max(2.0) height=10.0 rx=2.0 class="timeline-chart__span"/> }.into_any()
                };
                view! {
                    <g
                        class=format!("timeline-chart__mark timeline-chart__mark--{}", m.group.param())
                        class:timeline-chart__mark--selected=is_selected
                        data-testid="timeline-event"
                        data-event-id=e.id.clone()
                        data-date=e.date.clone()
                        data-mark-index=pos
                        tabindex=move || if roving.get() == pos { "0" } else { "-1" }
                        on:focus=move |_| roving.set(pos)
                        role="button"
                        aria-label=e.label.clone()
                        on:click=move |_| on_select.run(id.clone())
                        on:keydown=move |ev| {
                            if ev.key() == "Enter" || ev.key() == " " {
                                ev.prevent_default();
                                on_select.run(id_key.clone());
                            }
                        }
                    >
                        <title>{e.label.clone()}</title>
                        {shape}
                    </g>
                }
            }).collect_view()}
        </svg>
    }
}
