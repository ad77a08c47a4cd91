//! Renders its child with the loaded dataset, a loading state while it downloads, and the
//! error panel when it cannot be used. Every data page goes through here, so no page can
//! forget the loading or the error case.

use std::sync::Arc;

use leptos::prelude::*;

use crate::api::Loaded;
use crate::app::Data;
use crate::components::{ErrorPanel, Loading};

#[component]
pub fn WithData<F, V>(
    /// Builds the page from the loaded dataset.
    render: F,
) -> impl IntoView
where
    F: Fn(Arc<Loaded>) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let Data(data, _) = expect_context::<Data>();
    view! {
        <Suspense fallback=Loading>
            {move || {
                let render = render.clone();
                Suspend::new(async move {
                    match data.await {
                        Ok(loaded) => render(loaded).into_any(),
                        Err(error) => view! { <ErrorPanel error/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}
