//! Says, without hiding anything, which parts of the dataset were dropped while loading.

use leptos::prelude::*;

use atlas_core::Warning;

#[component]
pub fn LoadWarnings(
    /// What loading dropped or repaired.
    warnings: Vec<Warning>,
) -> impl IntoView {
    let n = warnings.len();
    (n > 0).then(|| {
        view! {
            <details class="load-warnings" data-testid="load-warnings">
                <summary>
                    {format!("{n} problem{} in the dataset were skipped; the rest loaded normally.", if n == 1 { "" } else { "s" })}
                </summary>
                <ul>
                    {warnings.into_iter().map(|w| view! { <li>{w.to_string()}</li> }).collect_view()}
                </ul>
            </details>
        }
    })
}
