//! Draws a [`TimelineLayout`] as SVG, one SVG unit to one CSS pixel. All positions come from
//! `atlas_core::timeline`; this only turns them into shapes.
//!
//! Zooming and panning do not redraw: the page passes the transform from the laid-out range
//! to the one in view (`Range::transform_to`), and the marks, one SVG layer of their own, are
//! moved and stretched by it as a whole: a CSS transform the compositor applies in the same
//! frame, however many marks there are. The ticks, in the layer below, are moved one by one
//! (text would stretch); the captions, in the layer above, are hidden while a gesture is in
//! progress. The page lays the chart out again once the gesture settles.
//!
//! With 2,000 marks the per-mark work is what counts, so a mark carries no listeners and no
//! reactive attributes: clicks, keys and focus are handled once on the chart, and the
//! selected mark and the roving tab stop are moved by hand.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use atlas_core::timeline::{Activity, Group, TimelineLayout};
use atlas_core::view::MarkLabel;

use super::css_escape;

const LANE: f64 = 16.0;
const GROUP_GAP: f64 = 26.0;
const AXIS: f64 = 28.0;
/// Marks added in each task after the chart's first frame, when they are below the fold.
const MARKS_PER_TASK: usize = 400;

#[component]
pub fn TimelineChart(
    /// The layout the core computed, for the chart's width in pixels.
    layout: TimelineLayout,
    /// The labels of the events the layout's marks index (shared: the timeline page's are
    /// written once per dataset).
    events: Arc<[MarkLabel]>,
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
    /// `(scale, shift)` from the laid-out range to the range in view, while a zoom or pan
    /// has not settled; `(1, 0)` otherwise.
    #[prop(optional, into)]
    transform: Option<Signal<(f64, f64)>>,
    /// The part of the chart on screen (top and bottom, in its own units), when the page
    /// knows it: the marks there are drawn with the chart, the others in the tasks after
    /// its frame (`MARKS_PER_TASK` a task). Without it, every mark is drawn at once.
    #[prop(optional_no_strip)]
    on_screen: Option<(f64, f64)>,
) -> impl IntoView {
    let width = layout.width;
    let transform = transform.unwrap_or_else(|| Signal::stored((1.0, 0.0)));
    let moving = Memo::new(move |_| transform.get() != (1.0, 0.0));
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
    let ids: Arc<Vec<String>> = Arc::new(
        order
            .iter()
            .map(|&m| events[layout.marks[m].event].id.clone())
            .collect(),
    );
    let selected_now = selected.get_untracked();
    let start = selected_now
        .as_deref()
        .and_then(|s| ids.iter().position(|id| id == s))
        .unwrap_or(0);
    let roving = StoredValue::new(start);
    let svg_ref = NodeRef::<leptos::svg::Svg>::new();
    let mark_at = move |pos: usize| -> Option<web_sys::Element> {
        svg_ref
            .try_get_untracked()
            .flatten()?
            .query_selector(&format!("[data-mark-index=\"{pos}\"]"))
            .ok()
            .flatten()
    };
    // The roving tab stop moves by hand: one attribute on two marks, not one effect a mark.
    let rove = move |next: usize, focus: bool| {
        let now = roving.get_value();
        if now != next {
            if let Some(m) = mark_at(now) {
                let _ = m.set_attribute("tabindex", "-1");
            }
            roving.set_value(next);
        }
        if let Some(m) = mark_at(next) {
            let _ = m.set_attribute("tabindex", "0");
            if focus {
                if let Ok(m) = m.dyn_into::<web_sys::SvgElement>() {
                    let _ = m.focus();
                }
            }
        }
    };
    // One tooltip for the chart, the label of the mark under the pointer or with the focus
    // (a `<title>` in every mark would double what the browser parses, and show on hover
    // only). Moved by hand, like the tab stop.
    let chart_ref = NodeRef::<leptos::html::Div>::new();
    let tip_ref = NodeRef::<leptos::html::Div>::new();
    // Both may run as the chart is taken down (a focused mark removed fires focusout),
    // after its reactive values are gone: every read here is a `try_`.
    let show_tip = move |ev: &web_sys::Event| {
        // Not over marks in motion: they are re-laid, and the label would stay behind.
        if moving.try_get_untracked() != Some(false) {
            return;
        }
        let (Some(chart), Some(tip)) = (
            chart_ref.try_get_untracked().flatten(),
            tip_ref.try_get_untracked().flatten(),
        ) else {
            return;
        };
        let Some(mark) = mark_element(ev) else {
            return;
        };
        tip.set_text_content(mark.get_attribute("aria-label").as_deref());
        tip.set_hidden(false);
        let c = chart.get_bounding_client_rect();
        let m = mark.get_bounding_client_rect();
        let (left, top) = atlas_core::timeline::tip_place(
            atlas_core::timeline::Rect {
                left: m.left() - c.left(),
                top: m.top() - c.top(),
                right: m.right() - c.left(),
                bottom: m.bottom() - c.top(),
            },
            (
                f64::from(tip.offset_width()),
                f64::from(tip.offset_height()),
            ),
            (c.width(), c.height()),
        );
        let style = web_sys::HtmlElement::style(&tip);
        let _ = style.set_property("left", &format!("{left:.0}px"));
        let _ = style.set_property("top", &format!("{top:.0}px"));
    };
    let hide_tip = move || {
        if let Some(tip) = tip_ref.try_get_untracked().flatten() {
            tip.set_hidden(true);
        }
    };
    // A gesture moves the marks away from the tooltip.
    Effect::new(move |_| {
        if moving.get() {
            hide_tip();
        }
    });
    // A new layout replaces the marks: the one with the keyboard focus is found again by its
    // event and focused (zooming with + and − from a mark keeps the reader's place).
    #[cfg(target_arch = "wasm32")]
    let refocus: Option<String> = document()
        .active_element()
        .filter(|el| {
            el.closest(".timeline-chart__moving")
                .ok()
                .flatten()
                .is_some()
        })
        .and_then(|el| el.get_attribute("data-event-id"));
    #[cfg(not(target_arch = "wasm32"))]
    let refocus: Option<String> = None;
    // For the bands drawn after the first frame, which may hold that mark.
    #[cfg(target_arch = "wasm32")]
    let refocus_later = refocus.clone();
    // The selected mark's class, likewise. On its first run this also clears what was set by
    // hand on marks the markup kept (the same layout again leaves the markup as it was).
    Effect::new(move |prev: Option<Option<String>>| {
        let now = selected.get();
        if let Some(svg) = svg_ref.get() {
            let mark = |id: &str| {
                svg.query_selector(&format!("[data-event-id=\"{}\"]", css_escape(id)))
                    .ok()
                    .flatten()
            };
            if prev.is_none() {
                // A new layout may reuse the drawn chart, tooltip included: the mark it
                // labelled is gone.
                hide_tip();
                each(&svg, ".timeline-chart__mark--selected", |el| {
                    let _ = el.class_list().remove_1("timeline-chart__mark--selected");
                });
                each(&svg, "[data-mark-index][tabindex=\"0\"]", |el| {
                    let _ = el.set_attribute("tabindex", "-1");
                });
                if let Some(m) = mark_at(start) {
                    let _ = m.set_attribute("tabindex", "0");
                }
                let focused = refocus
                    .as_deref()
                    .and_then(mark)
                    .and_then(|m| m.get_attribute("data-mark-index")?.parse::<usize>().ok());
                if let Some(pos) = focused {
                    rove(pos, true);
                }
            }
            if let Some(Some(old)) = &prev {
                if let Some(m) = mark(old) {
                    let _ = m.class_list().remove_1("timeline-chart__mark--selected");
                }
            }
            if let Some(m) = now.as_deref().and_then(mark) {
                let _ = m.class_list().add_1("timeline-chart__mark--selected");
            }
        }
        now
    });
    let mark_of = |ev: &web_sys::Event| -> Option<usize> {
        mark_element(ev)?
            .get_attribute("data-mark-index")?
            .parse()
            .ok()
    };
    let on_keys = {
        let ids = ids.clone();
        move |ev: leptos::ev::KeyboardEvent| {
            if count == 0 || ev.shift_key() || ev.ctrl_key() || ev.alt_key() || ev.meta_key() {
                return;
            }
            let Some(now) = mark_of(&ev) else {
                return;
            };
            let next = match ev.key().as_str() {
                "ArrowRight" => (now + 1).min(count - 1),
                "ArrowLeft" => now.saturating_sub(1),
                "Home" => 0,
                "End" => count - 1,
                "Enter" | " " => {
                    ev.prevent_default();
                    on_select.run(ids[now].clone());
                    return;
                }
                _ => return,
            };
            ev.prevent_default();
            ev.stop_propagation();
            rove(next, true);
        }
    };
    let on_click = {
        let ids = ids.clone();
        move |ev: leptos::ev::MouseEvent| {
            if let Some(pos) = mark_of(&ev) {
                on_select.run(ids[pos].clone());
            }
        }
    };
    let on_focus = move |ev: leptos::ev::FocusEvent| {
        if let Some(pos) = mark_of(&ev) {
            rove(pos, false);
            show_tip(&ev);
        }
    };
    let on_over = move |ev: leptos::ev::PointerEvent| {
        if mark_of(&ev).is_some() {
            show_tip(&ev);
        }
    };
    // A mark's vertical centre: its group's first lane, then its own lane.
    let centre = {
        let top_of = top_of.clone();
        move |m: &atlas_core::timeline::Mark| top_of(m.group) + m.lane as f64 * LANE + LANE / 2.0
    };
    let captions = atlas_core::view::captions_markup(&layout, &events, centre.clone());
    let ticks = layout.ticks.clone();
    let bands = atlas_core::view::Bands {
        view: on_screen.unwrap_or((f64::NEG_INFINITY, f64::INFINITY)),
        per_band: MARKS_PER_TASK,
    };
    let mut bands = atlas_core::view::mark_bands(&layout, centre.clone(), bands).into_iter();
    let first = bands.next().unwrap_or_default();
    let later: Vec<Vec<usize>> = bands.collect();
    let write = {
        let centre = centre.clone();
        move |layout: &TimelineLayout, events: &[MarkLabel], which: &[usize]| {
            atlas_core::view::marks_markup_of(
                layout,
                events,
                &position,
                &centre,
                selected_now.as_deref(),
                start,
                which,
            )
        }
    };
    let marks = write(&layout, &events, &first);
    let complete = RwSignal::new(later.is_empty());
    // The marks below the fold, a band a task after the chart's frame, each band's markup
    // written in its task and added to the layer as it is (no copy into the reactive
    // system); the browser answers input between the tasks. A new layout takes this chart
    // down: the loop finds its layer gone and stops.
    let later_ref = NodeRef::<leptos::svg::G>::new();
    #[cfg(target_arch = "wasm32")]
    leptos::task::spawn_local(async move {
        // First run once the chart is built, before its frame is painted. A new layout may
        // reuse the drawn chart's elements, this layer included, with the bands the last
        // layout added by hand, which the reactive system does not know of: cleared here.
        if let Some(g) = later_ref.try_get_untracked().flatten() {
            if g.first_element_child().is_some() {
                g.set_inner_html("");
            }
        }
        if later.is_empty() {
            return;
        }
        {
            // Not before the chart's frame is painted: a chart built in a task (not in a
            // frame's callback) would otherwise have its frame held back by the bands.
            crate::api::after_next_frame().await;
            for (n, which) in later.into_iter().enumerate() {
                if n > 0 {
                    crate::api::yield_to_browser().await;
                }
                let Some(g) = later_ref.try_get_untracked().flatten() else {
                    return;
                };
                let band = write(&layout, &events, &which);
                let _ = g.insert_adjacent_html("beforeend", &band);
            }
            // What was set by hand while the bands came in, on marks not drawn yet: the
            // selected mark's class and the roving tab stop.
            if let Some(svg) = svg_ref.try_get_untracked().flatten() {
                let chosen = selected.try_get_untracked().flatten();
                each(&svg, ".timeline-chart__mark--selected", |el| {
                    if el.get_attribute("data-event-id") != chosen {
                        let _ = el.class_list().remove_1("timeline-chart__mark--selected");
                    }
                });
                if let Some(id) = chosen {
                    let query = format!("[data-event-id=\"{}\"]", css_escape(&id));
                    if let Ok(Some(m)) = svg.query_selector(&query) {
                        let _ = m.class_list().add_1("timeline-chart__mark--selected");
                    }
                }
                if let Some(now) = roving.try_get_value() {
                    let stop = now.to_string();
                    each(&svg, "[data-mark-index][tabindex=\"0\"]", |el| {
                        if el.get_attribute("data-mark-index").as_deref() != Some(&stop) {
                            let _ = el.set_attribute("tabindex", "-1");
                        }
                    });
                    if let Some(m) = mark_at(now) {
                        let _ = m.set_attribute("tabindex", "0");
                        // A key moved the stop to a mark not drawn yet: the focus, still on
                        // the mark it left, follows it now.
                        let on_other_mark = document().active_element().is_some_and(|a| {
                            svg.contains(Some(&a)) && a.has_attribute("data-mark-index") && a != m
                        });
                        if on_other_mark {
                            if let Ok(m) = m.dyn_into::<web_sys::SvgElement>() {
                                let _ = m.focus();
                            }
                        }
                    }
                }
            }
            // The mark that had the focus before this layout, if only a later band
            // brought it back: found by its event, as the first run of the effect above
            // does for the marks drawn at once.
            // Lost means nowhere: a reader who has since moved to another control keeps it.
            let lost = document()
                .active_element()
                .is_none_or(|el| el.tag_name() == "BODY");
            if let (true, Some(id)) = (lost, refocus_later.as_deref()) {
                let query = format!("[data-event-id=\"{}\"]", css_escape(id));
                let pos = svg_ref
                    .try_get_untracked()
                    .flatten()
                    .and_then(|svg| svg.query_selector(&query).ok().flatten())
                    .and_then(|m| m.get_attribute("data-mark-index")?.parse::<usize>().ok());
                if let Some(pos) = pos {
                    rove(pos, true);
                }
            }
            complete.try_set(true);
        }
    });
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (later, later_ref, write, layout, events);
    let at = move |x: f64| {
        let (k, b) = transform.get();
        x * k + b
    };
    let size = (format!("0 0 {width} {height}"), width, height);
    view! {
        <div
            class="timeline-chart"
            data-testid="timeline-chart"
            data-moving=move || if moving.get() { "true" } else { "false" }
            data-complete=move || if complete.get() { "true" } else { "false" }
            role="group"
            aria-label=format!("{label}. Arrow keys move between events, Enter opens one, + and − zoom, Shift and an arrow key pan.")
            tabindex=(count == 0).then_some("0")
            node_ref=chart_ref
            on:keydown=on_keys
            on:click=on_click
            on:focusin=on_focus
            on:focusout=move |_| hide_tip()
            on:pointerover=on_over
            on:pointerout=move |ev| {
                if mark_of(&ev).is_some() {
                    hide_tip();
                }
            }
        >
            // Under the marks: the axis (a dozen ticks, each moved by hand with a gesture) and
            // the rows' names.
            <svg class="timeline-chart__axis" aria-hidden="true" width=size.1 height=size.2 viewBox=size.0.clone()>
                <g class="timeline-chart__ticks">
                    {ticks.into_iter().map(|t| {
                        let x = t.x;
                        view! {
                            <line
                                x1=move || at(x) x2=move || at(x) y1=AXIS - 6.0 y2=height
                                class="timeline-chart__tick" class:timeline-chart__major=t.major
                            />
                            <text x=move || at(x) + 3.0 y=AXIS - 10.0 class="timeline-chart__label" data-testid="timeline-tick">
                                {t.label.clone()}
                            </text>
                        }
                    }).collect_view()}
                </g>
                {group_labels.into_iter().map(|(y, label)| view! {
                    <text x=4.0 y=y class="timeline-chart__group">{label}</text>
                }).collect_view()}
                {activity.as_ref().map(|a| view! {
                    <text x=4.0 y=activity_top - 6.0 class="timeline-chart__group" data-testid="activity-label">{a.label.clone()}</text>
                })}
            </svg>
            // The marks: one layer that a gesture moves and stretches as a whole (a CSS
            // transform the compositor applies), re-laid once the gesture settles.
            <svg
                node_ref=svg_ref
                class="timeline-chart__moving"
                width=size.1
                height=size.2
                viewBox=size.0.clone()
                style:transform=move || {
                    let (k, b) = transform.get();
                    if (k, b) == (1.0, 0.0) { "none".to_string() } else { format!("translateX({b}px) scaleX({k})") }
                }
            >
                {activity.map(|a| view! {
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
                // One element a mark (its shape, with its name for assistive technology),
                // written by the core as one string: a new layout of 2,000 marks is one parse for the
                // browser, not twenty thousand calls from wasm.
                <g class="timeline-chart__marks" inner_html=marks></g>
                <g class="timeline-chart__marks" node_ref=later_ref></g>
            </svg>
            // Over the marks: who made each government attribution. Hundreds of them with a
            // large dataset, so they are not moved one by one with a gesture (text in the
            // stretched layer would stretch): the layer is hidden until the chart is re-laid.
            <svg
                class="timeline-chart__captions"
                class:timeline-chart__captions--hidden=moving
                aria-hidden="true"
                width=size.1
                height=size.2
                viewBox=size.0
            >
                <g inner_html=captions></g>
            </svg>
            <div node_ref=tip_ref class="timeline-chart__tip" data-testid="timeline-tip" aria-hidden="true" hidden></div>
        </div>
    }
}

/// The mark an event happened on (or inside), if any.
fn mark_element(ev: &web_sys::Event) -> Option<web_sys::Element> {
    ev.target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest("[data-mark-index]")
        .ok()
        .flatten()
}

/// Runs `f` on every element under `root` that `selector` matches.
fn each(root: &web_sys::Element, selector: &str, f: impl Fn(&web_sys::Element)) {
    let Ok(list) = root.query_selector_all(selector) else {
        return;
    };
    for i in 0..list.length() {
        if let Some(el) = list
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        {
            f(&el);
        }
    }
}
