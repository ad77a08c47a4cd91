//! The panel shown when the dataset cannot be used: what went wrong, and a way to retry.

use leptos::prelude::*;

use crate::api::DataError;
use crate::data::Data;

#[component]
pub fn ErrorPanel(
    /// The error to explain.
    error: DataError,
) -> impl IntoView {
    let Data { attempts, .. } = expect_context::<Data>();
    let heading = match &error {
        DataError::Network(_) => "The atlas could not be downloaded",
        DataError::Missing { .. } => "The dataset is missing",
        DataError::Http { .. } => "The server refused the dataset",
        DataError::Invalid(_) => "The dataset could not be read",
    };
    view! {
        <section class="error-panel" data-testid="error-panel" role="alert">
            <h1 class="error-panel__title">{heading}</h1>
            <p class="error-panel__message" data-testid="error-message">{error.to_string()}</p>
            <button class="button" data-testid="retry" on:click=move |_| attempts.update(|n| *n += 1)>
                "Try again"
            </button>
            <p class="error-panel__alternative">
                "Or "<a href=crate::nav::link(&atlas_core::route::Route::Open) data-testid="error-open">"open a dataset from your device"</a>
                ": a Threat Atlas file, a MISP galaxy cluster or a STIX 2.1 bundle."
            </p>
        </section>
    }
}
