//! The facet checkboxes with their counts.
//!
//! Keyed lists at both levels, so a keystroke that changes a few counts touches only those
//! rows instead of rebuilding the panel.

use std::collections::BTreeSet;

use leptos::prelude::*;

use atlas_core::facets::{Facet, FacetValue};

/// How many values a facet shows before "Show all".
const SHOWN: usize = 8;

type Counts = Vec<(Facet, Vec<FacetValue>)>;

#[component]
pub fn FacetPanel(
    /// Each facet's values with counts, as the core computed them.
    #[prop(into)]
    facets: Signal<Counts>,
    /// Called with a facet and a value to tick or untick it.
    on_toggle: Callback<(Facet, String)>,
) -> impl IntoView {
    let expanded = RwSignal::new(BTreeSet::<Facet>::new());
    view! {
        <div class="facet-panel" data-testid="facets">
            <For
                each=move || facets.with(|all| all.iter().filter(|(_, v)| !v.is_empty()).map(|(f, _)| *f).collect::<Vec<_>>())
                key=|f| *f
                let:facet
            >
                <FacetGroup facet facets expanded on_toggle/>
            </For>
        </div>
    }
}

#[component]
fn FacetGroup(
    facet: Facet,
    facets: Signal<Counts>,
    expanded: RwSignal<BTreeSet<Facet>>,
    on_toggle: Callback<(Facet, String)>,
) -> impl IntoView {
    let values = Memo::new(move |_| {
        facets.with(|all| {
            all.iter()
                .find(|(f, _)| *f == facet)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        })
    });
    let open = move || expanded.with(|e| e.contains(&facet));
    let total = move || values.with(Vec::len);
    let shown = move || {
        let open = open();
        values.with(|v| {
            v.iter()
                .enumerate()
                .filter(|(i, v)| open || *i < SHOWN || v.selected)
                .map(|(_, v)| v.clone())
                .collect::<Vec<_>>()
        })
    };
    let legend_id = format!("facet-{}", facet.param());
    let labelled_by = legend_id.clone();
    view! {
        <fieldset class="facet" data-testid="facet" data-facet=facet.param() aria-labelledby=labelled_by>
            <legend class="facet__title" id=legend_id>{facet.label()}</legend>
            <ul class="facet__values">
                <For
                    each=shown
                    // Keyed by the value alone: ticking a box or a changed count updates the
                    // row in place, so the checkbox keeps keyboard focus.
                    key=|v| v.value.clone()
                    let:v
                >
                    {
                        let value = v.value.clone();
                        let now = Memo::new(move |_| {
                            values.with(|all| {
                                all.iter()
                                    .find(|x| x.value == value)
                                    .map_or((0, false), |x| (x.count, x.selected))
                            })
                        });
                        view! {
                            <li class="facet__value">
                                <label>
                                    <input
                                        type="checkbox"
                                        data-testid="facet-option"
                                        data-facet=facet.param()
                                        data-value=v.value.clone()
                                        prop:checked=move || now.get().1
                                        on:change={
                                            let value = v.value.clone();
                                            move |_| on_toggle.run((facet, value.clone()))
                                        }
                                    />
                                    <span class="facet__label">{v.label.clone()}</span>
                                    <span class="facet__count">{move || now.get().0}</span>
                                </label>
                            </li>
                        }
                    }
                </For>
            </ul>
            {move || (total() > SHOWN).then(|| view! {
                <button
                    type="button"
                    class="facet__more"
                    aria-expanded=move || if open() { "true" } else { "false" }
                    on:click=move |_| expanded.update(|e| if !e.remove(&facet) { e.insert(facet); })
                >
                    {move || if open() { "Show fewer".to_string() } else { format!("Show all {}", total()) }}
                </button>
            })}
        </fieldset>
    }
}
