//! The one module that does I/O: fetching the dataset and handing it to the core.
//!
//! The URL is relative, so the same build works at `/` and under any sub-path such as
//! GitHub Pages' `/REPO/`: the browser resolves it against the page's `<base href>`.

use std::sync::Arc;

use atlas_core::crossref::Conflict;
use atlas_core::facets::FacetIndex;
use atlas_core::search::SearchIndex;
use atlas_core::{Catalog, LoadError, Warning};

/// Where the bundled dataset lives, relative to the page's base URL.
pub const DATASET_URL: &str = "data/atlas.json";

/// The bundled dataset's reference links, kept apart so the first paint does not wait for
/// them (see `atlas_core::refs`).
pub const REFS_URL: &str = "data/refs.json";

/// A dataset ready for the views: the catalog, its indexes (built once, on first use), and
/// what loading had to drop.
pub struct Loaded {
    /// Which load this is: unique per page visit, so news about one load (its reference
    /// links) is never taken for another's after "Try again" (an address could be reused).
    pub id: u64,
    pub catalog: Catalog,
    pub warnings: Vec<Warning>,
    /// Milliseconds spent in `atlas_core::parse`, measured in the browser; NaN for a page
    /// drawn at build time, where nothing was measured.
    pub parse_ms: f64,
    /// For a dataset the reader opened: what it is, for the banner. `None` for the bundled one.
    pub opened: Option<String>,
    /// The reference links that came with an opened dataset (the `refs.json` beside a copy
    /// of the atlas opened by its address). The bundled dataset's are in `Data::refs`.
    pub own_links: Option<Arc<atlas_core::refs::RefLinks>>,
    /// The dataset's JSON as it was read (for an opened one, as the converter wrote it): a
    /// download hands it to the worker module, which holds the exporters and reads it again.
    /// Empty for a page drawn at build time, which makes no downloads.
    pub source: String,
    /// The search and facet indexes. Only the search page needs them, so an actor page, the
    /// timeline or the names page opened from a link never pays for them.
    indexes: std::sync::OnceLock<Indexes>,
    /// Names carried by several groups, computed on first use (the actor and names pages
    /// need them; the search page does not).
    conflicts: std::sync::OnceLock<Vec<Conflict>>,
    /// What the timeline's marks say, for every event in the catalog's order, written once:
    /// a layout's marks index them (`TimelineLayout::index_events_by`).
    mark_labels: std::sync::OnceLock<Arc<[atlas_core::view::MarkLabel]>>,
}

struct Indexes {
    search: SearchIndex,
    facets: FacetIndex,
    /// Milliseconds spent building both.
    ms: f64,
}

impl std::fmt::Debug for Loaded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Loaded")
            .field("actors", &self.catalog.actors().len())
            .field("warnings", &self.warnings.len())
            .finish_non_exhaustive()
    }
}

/// Why the dataset could not be shown.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum DataError {
    #[error("The dataset could not be downloaded: {0}. Check your connection and try again.")]
    Network(String),
    #[error("The dataset could not be found at “{url}” (HTTP {status}).")]
    Missing { url: String, status: u16 },
    #[error("The server answered HTTP {status} for “{url}”.")]
    Http { url: String, status: u16 },
    #[error("{0}")]
    Invalid(#[from] LoadError),
}

pub type DataResult = Result<Arc<Loaded>, DataError>;

/// Dataset records read per task while the dataset loads, so no task reads a whole list
/// (the bundled dataset has 1,078 actors).
const PARSE_STEP: usize = 150;

/// Fetches and loads the dataset. `fresh` asks past every cache, the service worker's
/// included: that is what "Try again" means after a broken or missing file.
pub async fn fetch_dataset(fresh: bool) -> DataResult {
    let mut request = gloo_net::http::Request::get(DATASET_URL);
    if fresh {
        request = request.cache(web_sys::RequestCache::Reload);
    }
    let response = request
        .send()
        .await
        .map_err(|e| DataError::Network(e.to_string()))?;
    let status = response.status();
    if status == 404 {
        return Err(DataError::Missing {
            url: DATASET_URL.into(),
            status,
        });
    }
    if !response.ok() {
        return Err(DataError::Http {
            url: DATASET_URL.into(),
            status,
        });
    }
    // A GitHub Pages 404 page is HTML served with status 404, handled above; anything else
    // that is not JSON is reported by the parser with its position.
    let text = response
        .text()
        .await
        .map_err(|e| DataError::Network(e.to_string()))?;
    // Parsing, indexing and the first render each run in a task of their own, with the
    // browser free to paint and answer input in between: one long task would block the page
    // for their sum (Lighthouse's total blocking time).
    yield_to_browser().await;
    // The records are read PARSE_STEP at a time, a task each; `parse_ms` counts the work,
    // not the waits between.
    let started = now_ms();
    let mut parser = timed("atlas-parse-outline", || {
        atlas_core::load::Parser::new(&text)
    })?;
    let mut parse_ms = now_ms() - started;
    loop {
        yield_to_browser().await;
        let started = now_ms();
        let done = timed("atlas-parse-step", || parser.step(PARSE_STEP));
        parse_ms += now_ms() - started;
        if done {
            break;
        }
    }
    yield_to_browser().await;
    let started = now_ms();
    let (catalog, warnings) = timed("atlas-parse-finish", || parser.finish());
    parse_ms += now_ms() - started;
    let mut loaded = Loaded::new(catalog, warnings, parse_ms, None);
    loaded.source = text;
    // What the first page needs besides, each in a task of its own: the search page its
    // indexes, the actor and names pages the shared names.
    use atlas_core::route::PageKind;
    match crate::nav::first_route().map(|r| r.kind()) {
        Some(PageKind::Home | PageKind::Read) => loaded.build_indexes().await,
        Some(PageKind::Actor | PageKind::Names) => {
            yield_to_browser().await;
            timed("atlas-conflicts", || loaded.conflicts());
        }
        _ => {}
    }
    yield_to_browser().await;
    Ok(Arc::new(loaded))
}

/// Fetches the bundled dataset's reference links and reads them against its catalog, once
/// the page has rendered: nothing on screen waits for them. `Err` says why they are missing.
///
/// The links must be of the dataset's own version: a refs.json of another build (a stale
/// copy in the browser's cache, or a deploy between the two downloads) is asked for once
/// more past the HTTP cache, and refused if it is still another version's.
pub async fn fetch_refs(
    loaded: Arc<Loaded>,
    drawn: leptos::prelude::RwSignal<bool>,
) -> Result<Arc<atlas_core::refs::RefLinks>, String> {
    use atlas_core::LoadError;
    after_first_render(drawn).await;
    let mut fresh = false;
    loop {
        let text = fetch_refs_text(fresh).await?;
        // `atlas-refs` (a User Timing measure): when the links were read, and how long it took.
        match timed("atlas-refs", || {
            atlas_core::refs::RefLinks::parse(&text, &loaded.catalog)
        }) {
            Ok((links, warnings)) => {
                for w in &warnings {
                    leptos::logging::warn!("reference links: {w}");
                }
                return Ok(Arc::new(links));
            }
            Err(LoadError::OtherVersion { .. }) if !fresh => fresh = true,
            Err(LoadError::OtherVersion { found, expected }) => {
                return Err(format!(
                    "the site sent the links of dataset version {found:?} with version \
                     {expected:?}; reload the page to get both of one version"
                ))
            }
            Err(e) => return Err(e.to_string()),
        }
    }
}

async fn fetch_refs_text(fresh: bool) -> Result<String, String> {
    let mut request = gloo_net::http::Request::get(REFS_URL);
    if fresh {
        request = request.cache(web_sys::RequestCache::Reload);
    }
    let response = request
        .send()
        .await
        .map_err(|e| format!("they could not be downloaded ({e})"))?;
    if !response.ok() {
        return Err(format!(
            "the server answered HTTP {} for “{REFS_URL}”",
            response.status()
        ));
    }
    response
        .text()
        .await
        .map_err(|e| format!("they could not be downloaded ({e})"))
}

/// Resolves once a page has drawn the data (`drawn`, set by `WithData`) and the browser has
/// painted it, or two seconds after the data arrived on a page that never draws it (About,
/// Open). Starting a download earlier would compete with what the first paint needs.
async fn after_first_render(drawn: leptos::prelude::RwSignal<bool>) {
    use leptos::prelude::GetUntracked;
    for _ in 0..40 {
        if drawn.get_untracked() {
            break;
        }
        sleep_ms(50).await;
    }
    // A frame callback runs before that frame is painted; the one after it, after. Then a
    // little slack, so the compositor has presented the frame too. A tab in the background
    // gets no frames: there the timeout goes first.
    for _ in 0..2 {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            if let Some(w) = web_sys::window() {
                let _ = w.request_animation_frame(&resolve);
                let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 200);
            }
        });
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }
    sleep_ms(250).await;
}

/// Resolves after `ms` milliseconds, in a new task.
pub async fn sleep_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Resolves in a new task, ending the current one, so the browser can paint and answer
/// input in between. A message to itself, not a zero-delay timeout: the browser delays a
/// timeout set from a timeout's task by 4 ms once five are nested, and the first load
/// yields some forty times in a row.
pub async fn yield_to_browser() {
    #[cfg(target_arch = "wasm32")]
    if let Ok(channel) = web_sys::MessageChannel::new() {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            channel.port1().set_onmessage(Some(&resolve));
            if channel
                .port2()
                .post_message(&wasm_bindgen::JsValue::NULL)
                .is_err()
            {
                let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
            }
        });
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        channel.port1().set_onmessage(None);
        return;
    }
    sleep_ms(0).await;
}

/// Resolves in a task queued from the next frame's animation callback: once that frame, with
/// whatever was drawn before it, is painted. A task queued now might run first and hold the
/// frame back. Only in the browser: nothing natively draws frames.
#[cfg(target_arch = "wasm32")]
pub async fn after_next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            if w.request_animation_frame(&resolve).is_err() {
                let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
            }
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    yield_to_browser().await;
}

impl Loaded {
    /// Wraps a catalog the core has validated.
    pub fn new(
        catalog: Catalog,
        warnings: Vec<Warning>,
        parse_ms: f64,
        opened: Option<String>,
    ) -> Loaded {
        for w in &warnings {
            leptos::logging::warn!("dataset: {w}");
        }
        static LOADS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        Loaded {
            id: LOADS.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            catalog,
            warnings,
            parse_ms,
            opened,
            own_links: None,
            source: String::new(),
            indexes: std::sync::OnceLock::new(),
            conflicts: std::sync::OnceLock::new(),
            mark_labels: std::sync::OnceLock::new(),
        }
    }

    fn indexes(&self) -> &Indexes {
        self.indexes.get_or_init(|| {
            let started = now_ms();
            let search = SearchIndex::new(&self.catalog);
            let facets = FacetIndex::new(&self.catalog);
            Indexes {
                search,
                facets,
                ms: now_ms() - started,
            }
        })
    }

    /// Builds the search and facet indexes a step per task (`atlas-index-step`, then
    /// `atlas-index-finish` and `atlas-facets`), where [`Self::search`] would build them in
    /// one long task. A page that needs them meanwhile builds them itself, and this stops.
    pub async fn build_indexes(&self) {
        let mut ms = 0.0;
        let mut builder = atlas_core::search::IndexBuilder::new(&self.catalog);
        loop {
            yield_to_browser().await;
            if self.indexes.get().is_some() {
                return;
            }
            let started = now_ms();
            let done = timed("atlas-index-step", || {
                builder.step(atlas_core::search::IndexBuilder::STEP)
            });
            ms += now_ms() - started;
            if done {
                break;
            }
        }
        let started = now_ms();
        let search = timed("atlas-index-finish", || builder.finish());
        ms += now_ms() - started;
        yield_to_browser().await;
        let started = now_ms();
        let facets = timed("atlas-facets", || FacetIndex::new(&self.catalog));
        ms += now_ms() - started;
        let _ = self.indexes.set(Indexes { search, facets, ms });
    }

    pub fn search(&self) -> &SearchIndex {
        &self.indexes().search
    }

    pub fn facets(&self) -> &FacetIndex {
        &self.indexes().facets
    }

    /// Milliseconds the browser spent building the search and facet indexes.
    pub fn index_ms(&self) -> f64 {
        self.indexes().ms
    }

    /// The labels of every event's mark (`atlas-timeline-labels`), once per dataset: 2,000
    /// of them took 6–11 ms of the frame that draws the timeline.
    pub fn mark_labels(&self) -> Arc<[atlas_core::view::MarkLabel]> {
        self.mark_labels
            .get_or_init(|| {
                timed("atlas-timeline-labels", || {
                    let all: Vec<usize> = (0..self.catalog.events().len()).collect();
                    atlas_core::view::mark_labels(&self.catalog, &all).into()
                })
            })
            .clone()
    }

    /// Every name carried by more than one group, once per dataset.
    pub fn conflicts(&self) -> &[Conflict] {
        self.conflicts
            .get_or_init(|| atlas_core::crossref::conflicts(&self.catalog))
    }
}

/// Runs `f`, recording its time as a User Timing measure named `name` (DevTools' Performance
/// panel and `make bench` read it); natively it only runs `f`.
pub fn timed<T>(name: &str, f: impl FnOnce() -> T) -> T {
    #[cfg(target_arch = "wasm32")]
    {
        let perf = web_sys::window().and_then(|w| w.performance());
        let start = format!("{name}-start");
        if let Some(p) = &perf {
            let _ = p.mark(&start);
        }
        let out = f();
        if let Some(p) = perf {
            let _ = p.measure_with_start_mark(name, &start);
            p.clear_marks_with_mark_name(&start);
        }
        out
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = name;
        f()
    }
}

/// Starts a User Timing measure `name`, ended by [`end_measure`]; nothing natively.
pub fn start_measure(name: &str) {
    #[cfg(target_arch = "wasm32")]
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(&format!("{name}-start"));
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = name;
}

/// Ends the User Timing measure [`start_measure`] started.
pub fn end_measure(name: &str) {
    #[cfg(target_arch = "wasm32")]
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let start = format!("{name}-start");
        let _ = p.measure_with_start_mark(name, &start);
        p.clear_marks_with_mark_name(&start);
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = name;
}

/// Milliseconds from `performance.now()`, or 0 where there is no window (natively).
#[cfg(not(target_arch = "wasm32"))]
pub fn now_ms() -> f64 {
    0.0
}

/// Milliseconds from `performance.now()`.
#[cfg(target_arch = "wasm32")]
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}
