//! The facet checkboxes with their counts.

use std::collections::BTreeSet;

use leptos::prelude::*;

use atlas_core::facets::{Facet, FacetValue};

/// How many values a facet shows before "Show all".
const SHOWN: usize = 8;

#[component]
pub fn FacetPanel(
    /// Each facet's values with counts, as the core computed them.
    #[prop(into)]
    facets: Signal<Vec<(Facet, Vec<FacetValue>)>>,
    /// Called with a facet and a value to tick or untick it.
    on_toggle: Callback<(Facet, String)>,
) -> impl IntoView {
    // Kept here, not per group, so it survives the groups being redrawn on every keystroke.
    let expanded = RwSignal::new(BTreeSet::<Facet>::new());
    view! {
        <div class="facet-panel" data-testid="facets">
            {move || {
                expanded.track();
                facets
                    .get()
                    .into_iter()
                    .filter(|(_, values)| !values.is_empty())
                    .map(|(facet, values)| facet_group(facet, values, expanded, on_toggle))
                    .collect_view()
            }}
        </div>
    }
}

fn facet_group(
    facet: Facet,
    values: Vec<FacetValue>,
    expanded: RwSignal<BTreeSet<Facet>>,
    on_toggle: Callback<(Facet, String)>,
) -> impl IntoView {
    let total = values.len();
    let open = expanded.with_untracked(|e| e.contains(&facet));
    let legend_id = format!("facet-{}", facet.param());
    let labelled_by = legend_id.clone();
    let shown: Vec<FacetValue> = values
        .into_iter()
        .enumerate()
        .filter(|(i, v)| open || *i < SHOWN || v.selected)
        .map(|(_, v)| v)
        .collect();
    view! {
        <fieldset class="facet" data-testid="facet" data-facet=facet.param() aria-labelledby=labelled_by>
            <legend class="facet__title" id=legend_id>{facet.label()}</legend>
            <ul class="facet__values">
                {shown
                    .into_iter()
                    .map(|v| {
                        let value = v.value.clone();
                        view! {
                            <li class="facet__value">
                                <label>
                                    <input
                                        type="checkbox"
                                        data-testid="facet-option"
                                        data-facet=facet.param()
                                        data-value=v.value.clone()
                                        prop:checked=v.selected
                                        on:change=move |_| on_toggle.run((facet, value.clone()))
                                    />
                                    <span class="facet__label">{v.label.clone()}</span>
                                    <span class="facet__count">{v.count}</span>
                                </label>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            {(total > SHOWN).then(|| view! {
                <button
                    type="button"
                    class="facet__more"
                    aria-expanded=if open { "true" } else { "false" }
                    on:click=move |_| expanded.update(|e| if !e.remove(&facet) { e.insert(facet); })
                >
                    {if open { "Show fewer".to_string() } else { format!("Show all {total}") }}
                </button>
            })}
        </fieldset>
    }
}
