//! "Open dataset…": read a file from the reader's device (picker or drag and drop) or a URL on
//! this site, convert it with the core's importers, and show it in every view instead of the
//! bundled atlas until the reader goes back.

use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::Arc;

use leptos::ev;
use leptos::prelude::*;

use atlas_core::route::Route;
use leptos::task::spawn_local;
use leptos_meta::Title;
use wasm_bindgen::JsCast;

use crate::api::{now_ms, Loaded};
use crate::data::Data;
use crate::files::{fetch_same_origin, next_frame, read_files, ReadFile};
use crate::nav::use_go;

#[derive(Clone, PartialEq)]
enum Status {
    Idle,
    Reading(f64),
    Downloading,
    Converting,
    Failed(String),
}

impl Status {
    fn is_busy(&self) -> bool {
        matches!(
            self,
            Status::Reading(_) | Status::Downloading | Status::Converting
        )
    }
}

#[component]
pub fn OpenPage() -> impl IntoView {
    let Data { opened, .. } = expect_context::<Data>();
    let status = RwSignal::new(Status::Idle);
    let dragging = RwSignal::new(false);
    let url = RwSignal::new(String::new());
    let go = use_go();
    // Only the latest open may finish, and only while the reader is still on this page does
    // finishing take them to the results (the dataset is opened either way: they asked).
    // Plain shared atomics, not reactive values: the reading and converting tasks outlive the
    // page when the reader leaves mid-read, and a disposed reactive value would panic there.
    let generation = Arc::new(AtomicU32::new(0));
    let on_page = Arc::new(AtomicBool::new(true));
    on_cleanup({
        let on_page = on_page.clone();
        move || on_page.store(false, Ordering::Relaxed)
    });
    let busy_now = move || status.with_untracked(Status::is_busy);

    // Every route ends here: text in, a dataset (or a reason) out.
    let finish = {
        let go = go.clone();
        let (generation, on_page) = (generation.clone(), on_page.clone());
        move |files: Vec<ReadFile>, started: f64, ticket: u32| {
            let go = go.clone();
            let (generation, on_page) = (generation.clone(), on_page.clone());
            spawn_local(async move {
                if generation.load(Ordering::Relaxed) != ticket {
                    return;
                }
                // `try_set`: the page and its status may be gone by now.
                status.try_set(Status::Converting);
                next_frame().await;
                let parse_started = now_ms();
                let converted = crate::worker::convert(&files).await;
                if generation.load(Ordering::Relaxed) != ticket {
                    return;
                }
                match converted {
                    Ok(o) => {
                        let parse_ms = now_ms() - parse_started;
                        let mut loaded =
                            Loaded::new(o.catalog, o.warnings, parse_ms, Some(o.label));
                        loaded.source = o.source;
                        // A copy of the bundled atlas, opened by its address, gets its reference
                        // links from the refs.json beside it, as the bundled one does.
                        let inline = loaded.catalog.actors().iter().any(|a| !a.refs.is_empty());
                        if let [ReadFile {
                            links: Some(links), ..
                        }] = files.as_slice()
                        {
                            if !inline {
                                match atlas_core::refs::RefLinks::parse(links, &loaded.catalog) {
                                    Ok((links, warnings)) => {
                                        warnings.iter().for_each(|w| {
                                            leptos::logging::warn!("reference links: {w}")
                                        });
                                        loaded.own_links = Some(Arc::new(links));
                                    }
                                    Err(e) => leptos::logging::warn!("reference links: {e}"),
                                }
                            }
                        }
                        leptos::logging::log!(
                            "opened dataset: {} actors in {:.0} ms (convert {:.0} ms, index {:.0} ms)",
                            loaded.catalog.actors().len(),
                            now_ms() - started,
                            loaded.parse_ms,
                            loaded.index_ms()
                        );
                        opened.set(Some(Arc::new(loaded)));
                        status.try_set(Status::Idle);
                        if on_page.load(Ordering::Relaxed) {
                            go(Route::home(), false);
                        }
                    }
                    Err(e) => {
                        status.try_set(Status::Failed(e));
                    }
                }
            });
        }
    };

    let open_files = {
        let finish = finish.clone();
        let generation = generation.clone();
        move |list: Option<web_sys::FileList>| {
            let Some(list) = list else { return };
            let files: Vec<web_sys::File> =
                (0..list.length()).filter_map(|i| list.get(i)).collect();
            if files.is_empty() || busy_now() {
                return;
            }
            let finish = finish.clone();
            let started = now_ms();
            let ticket = generation.fetch_add(1, Ordering::Relaxed) + 1;
            status.set(Status::Reading(0.0));
            let generation = generation.clone();
            spawn_local(async move {
                let progress = move |f| {
                    if generation.load(Ordering::Relaxed) == ticket {
                        status.try_set(Status::Reading(f));
                    }
                };
                match read_files(files, progress).await {
                    Ok(read) => finish(read, started, ticket),
                    Err(e) => {
                        status.try_set(Status::Failed(e));
                    }
                }
            });
        }
    };

    let on_change = {
        let open_files = open_files.clone();
        move |e: ev::Event| {
            let input = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
            if let Some(input) = input {
                open_files(input.files());
                // The same file can be chosen again after a fix.
                input.set_value("");
            }
        }
    };
    let on_drop = {
        let open_files = open_files.clone();
        move |e: ev::DragEvent| {
            e.prevent_default();
            dragging.set(false);
            open_files(e.data_transfer().and_then(|d| d.files()));
        }
    };
    let on_submit = {
        let finish = finish.clone();
        move |e: ev::SubmitEvent| {
            e.prevent_default();
            if busy_now() {
                return;
            }
            let finish = finish.clone();
            let target = url.get_untracked();
            let started = now_ms();
            let ticket = generation.fetch_add(1, Ordering::Relaxed) + 1;
            status.set(Status::Downloading);
            spawn_local(async move {
                match fetch_same_origin(&target).await {
                    Ok(file) => finish(vec![file], started, ticket),
                    Err(e) => {
                        status.try_set(Status::Failed(e));
                    }
                }
            });
        }
    };
    let busy = move || status.with(Status::is_busy);

    view! {
        <Title text=atlas_core::route::PageKind::Open.page().title/>
        <section class="open-page" data-testid="open-page">
            <h1>"Open a dataset"</h1>
            <p>
                "Look at your own data with every view of the atlas: search, names, comparison and timeline. "
                "Files are read and converted in this browser; nothing is uploaded, and reloading the page returns to the bundled atlas."
            </p>
            <ul class="open-page__formats">
                <li><strong>"Threat Atlas dataset"</strong>" — this site's own format (see the JSON export on any page)."</li>
                <li><strong>"MISP galaxy threat-actor cluster"</strong>" — choose its "<code>"producer.json"</code>" cluster at the same time to credit each name to its vendor."</li>
                <li><strong>"STIX 2.1 bundle"</strong>" — intrusion sets become groups, campaigns become timeline events (linked by "<code>"attributed-to"</code>" relationships)."</li>
            </ul>
            <div
                class=move || if dragging.get() { "drop-zone drop-zone--over" } else { "drop-zone" }
                data-testid="drop-zone"
                on:dragover=move |e: ev::DragEvent| { e.prevent_default(); dragging.set(!busy_now()); }
                on:dragleave=move |_| dragging.set(false)
                on:drop=on_drop
            >
                <label for="open-file" class="button">"Choose files…"</label>
                <input
                    id="open-file"
                    class="visually-hidden-file"
                    data-testid="open-file"
                    type="file"
                    multiple=true
                    accept=".json,application/json"
                    on:change=on_change
                    prop:disabled=busy
                />
                <p>"or drop them here (up to "{atlas_core::load::MAX_BYTES / 1_048_576}" MB)."</p>
            </div>
            <form class="open-page__url" on:submit=on_submit>
                <label for="open-url">"Or the address of a dataset on this site"</label>
                <div class="open-page__url-row">
                    <input
                        id="open-url"
                        data-testid="open-url"
                        type="text"
                        inputmode="url"
                        autocomplete="off"
                        spellcheck="false"
                        placeholder="data/atlas.json"
                        prop:value=move || url.get()
                        on:input=move |e| url.set(event_target_value(&e))
                    />
                    <button type="submit" class="button" data-testid="open-url-submit" prop:disabled=busy>"Open"</button>
                </div>
            </form>
            // The live region announces each phase once; the bar moves outside it, so screen
            // readers are not told every percent.
            <div class="open-page__status" data-testid="open-status">
                <p role="status" aria-live="polite">
                    {move || match status.get() {
                        Status::Reading(_) => "Reading…",
                        Status::Downloading => "Downloading…",
                        Status::Converting => "Converting and indexing…",
                        Status::Idle | Status::Failed(_) => "",
                    }}
                </p>
                {move || match status.get() {
                    Status::Reading(f) => Some(view! {
                        <progress max="1" value=f aria-label="Reading the file" data-testid="open-progress">
                            {format!("{:.0}%", f * 100.0)}
                        </progress>
                    }),
                    _ => None,
                }}
            </div>
            {move || match status.get() {
                Status::Failed(message) => Some(view! {
                    <div class="error-panel" role="alert" data-testid="open-error">
                        <h2 class="error-panel__title">"This file could not be opened"</h2>
                        <p class="error-panel__message">{message}</p>
                        <p>"The atlas you were viewing is unchanged."</p>
                    </div>
                }),
                _ => None,
            }}
            {move || opened.with(|o| o.is_some()).then(|| view! {
                <p>
                    <button type="button" class="link-button" data-testid="open-back" on:click=move |_| opened.set(None)>
                        "Back to the bundled atlas"
                    </button>
                </p>
            })}
        </section>
    }
}
