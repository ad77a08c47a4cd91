//! Renders its child with the loaded dataset, a loading state while it downloads, and the
//! error panel when it cannot be used. Every data page goes through here, so no page can
//! forget the loading or the error case.

use std::sync::Arc;

use leptos::prelude::*;

use crate::api::Loaded;
use crate::components::{ErrorPanel, Loading};
use crate::data::{Bundled, Data};

#[component]
pub fn WithData<F, V>(
    /// Builds the page from the loaded dataset.
    render: F,
) -> impl IntoView
where
    F: Fn(Arc<Loaded>) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let Data {
        bundled,
        opened,
        drawn,
        ..
    } = expect_context::<Data>();
    // Only whether a dataset is open decides the branch; the opened dataset itself is read
    // untracked inside, so the page is rebuilt once when it changes and not on every read.
    let is_open = Memo::new(move |_| opened.with(|o| o.as_ref().map(|l| Arc::as_ptr(l) as usize)));
    move || match is_open.get() {
        Some(_) => match opened.get_untracked() {
            Some(loaded) => render.clone()(loaded).into_any(),
            None => ().into_any(),
        },
        None => {
            let bundled = match bundled {
                // Drawn at build time: the dataset is already here.
                Bundled::Given(loaded) => return render.clone()(loaded.get_value()).into_any(),
                Bundled::Fetched(resource) => resource,
            };
            let render = render.clone();
            view! {
                <Suspense fallback=Loading>
                    {move || {
                        let render = render.clone();
                        Suspend::new(async move {
                            match bundled.await {
                                Ok(loaded) => {
                                    // Runs once the page is in the document; on a first
                                    // visit, once its later steps are drawn too. The mark
                                    // is what `make bench` reads as "page drawn".
                                    Effect::new(move |_| {
                                        crate::app::after_first_draw(move || {
                                            if !drawn.get_untracked() {
                                                if let Some(p) = window().performance() {
                                                    let _ = p.mark("atlas-drawn");
                                                }
                                                drawn.set(true);
                                            }
                                        })
                                    });
                                    render(loaded).into_any()
                                }
                                Err(error) => {
                                    Effect::new(move |_| crate::app::hand_over());
                                    view! { <ErrorPanel error/> }.into_any()
                                }
                            }
                        })
                    }}
                </Suspense>
            }
            .into_any()
        }
    }
}
