//! The application shell: router, layout and the one dataset resource every page reads.

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;

use std::sync::Arc;

use crate::api::{fetch_dataset, fetch_refs, DataResult, Loaded};
use crate::components::OpenedBanner;
use crate::pages::{
    AboutPage, ActorPage, AliasesPage, ComparePage, HomePage, NotFoundPage, OpenPage, TimelinePage,
};

/// The dataset every page reads, shared through context: the bundled one (fetched once per
/// page load, with the number of times the reader asked to try again), and a dataset the
/// reader opened, which every view shows instead until they go back.
#[derive(Clone, Copy)]
pub struct Data {
    pub bundled: LocalResource<DataResult>,
    /// The last attempt to add the bundled dataset's reference links, fetched after the
    /// first paint, to its catalog. Read it through [`Data::links`]. A plain signal, not the
    /// resource: a read inside `<Suspense>` would make the page wait for the links.
    pub refs: RwSignal<Option<LinksStatus>>,
    /// Whether a page has drawn the bundled dataset yet (the links wait for that).
    pub drawn: RwSignal<bool>,
    pub attempts: RwSignal<u32>,
    pub opened: RwSignal<Option<Arc<Loaded>>>,
}

/// How the reference links of one loaded dataset fared.
#[derive(Clone, Debug, PartialEq)]
pub struct LinksStatus {
    /// Which `Loaded` this is about (its address): after "Try again" the old status must not
    /// speak for the new dataset.
    dataset: usize,
    result: Result<(), String>,
}

/// Where a dataset's reference links stand, for a view.
#[derive(Clone, Debug, PartialEq)]
pub enum Links {
    /// The dataset carries them, or they have been added.
    Ready,
    Loading,
    /// Why they are missing.
    Missing(String),
}

impl Data {
    /// Where `loaded`'s reference links stand (tracked: views update when they arrive).
    pub fn links(&self, loaded: &Arc<Loaded>) -> Links {
        let status = self.refs.get();
        if loaded.opened.is_some() || loaded.catalog.has_attached_refs() {
            return Links::Ready;
        }
        match status {
            Some(LinksStatus {
                dataset,
                result: Err(why),
            }) if dataset == Arc::as_ptr(loaded) as usize => Links::Missing(why),
            _ => Links::Loading,
        }
    }
}

pub fn mount() {
    carry_over_typing();
    leptos::mount::mount_to_body(App);
    // index.html paints a loading state before the wasm boots; the app now shows its own.
    if let Some(boot) = document().get_element_by_id("boot") {
        boot.remove();
    }
}

/// The static page's search box works before the app does: what the reader typed there
/// becomes the query, so it is not lost when the app takes over.
fn carry_over_typing() {
    use wasm_bindgen::JsCast;
    let typed = document()
        .query_selector("#boot .search__input")
        .ok()
        .flatten()
        .and_then(|el| el.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|input| input.value())
        .filter(|q| !q.trim().is_empty());
    if let Some(q) = typed {
        // Keep the filters the address already has (a link to `?origin=…`).
        let search = window().location().search().unwrap_or_default();
        let params = web_sys::UrlSearchParams::new_with_str(&search).ok();
        let state = crate::pages::search_state(|key| {
            params.as_ref().map_or_else(Vec::new, |p| {
                p.get_all(key)
                    .iter()
                    .filter_map(|v| v.as_string())
                    .collect()
            })
        })
        .with_query(&q);
        let url = format!("{}{}", href("/"), state.to_query_string());
        if let Ok(history) = window().history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
        }
    }
}

thread_local! {
    static BASE: String = base_path();
}

/// The path the page was opened at, under the base path and without slashes at either end
/// ("" for the home page, "actor/apt31"), read before the router has started.
pub fn first_route() -> String {
    let path = window().location().pathname().unwrap_or_default();
    let path = BASE.with(|base| path.strip_prefix(base.as_str()).map(str::to_string));
    let path = path.unwrap_or_default();
    let path = path.trim_matches('/');
    path.strip_suffix("index.html").unwrap_or(path).to_string()
}

/// An in-app link target under the site's base path: `href("/actor/apt27")` gives
/// `/threat-atlas/actor/apt27` on GitHub Pages. leptos_router's `<A>` does not prefix the
/// router's base to absolute paths, so every internal link goes through here. Calls to
/// `use_navigate()` pass an `href()` too, with `resolve: false` (resolving would add the
/// base a second time).
pub fn href(path: &str) -> String {
    BASE.with(|base| format!("{base}{path}"))
}

/// Navigation for pages whose state lives in the URL: goes to a full `href()` URL without
/// scrolling, replacing the history entry when `replace` (typing) and pushing one otherwise
/// (a deliberate step). `resolve: false`, because resolving adds the router base again and
/// drops the slash in "/threat-atlas/?q=".
pub fn use_go() -> impl Fn(String, bool) + Clone + Send + Sync + 'static {
    let navigate = leptos_router::hooks::use_navigate();
    move |url: String, replace: bool| {
        navigate(
            &url,
            leptos_router::NavigateOptions {
                resolve: false,
                replace,
                scroll: false,
                ..Default::default()
            },
        )
    }
}

/// The path prefix the site is served under ("" at the root, "/threat-atlas" on GitHub
/// Pages), read from the `<base href>` that Trunk writes at build time.
fn base_path() -> String {
    let base = document().base_uri().ok().flatten().unwrap_or_default();
    let after_scheme = base.split_once("://").map(|(_, rest)| rest).unwrap_or("");
    let path = after_scheme
        .find('/')
        .map(|i| &after_scheme[i..])
        .unwrap_or("/");
    path.trim_end_matches('/').to_string()
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let attempts = RwSignal::new(0u32);
    let bundled = LocalResource::new(move || fetch_dataset(attempts.get() > 0));
    let drawn = RwSignal::new(false);
    let links = LocalResource::new(move || async move {
        match bundled.await {
            Ok(loaded) => LinksStatus {
                dataset: Arc::as_ptr(&loaded) as usize,
                result: fetch_refs(loaded, drawn).await,
            },
            Err(_) => LinksStatus {
                dataset: 0,
                result: Err("the dataset did not load".to_string()),
            },
        }
    });
    let refs = RwSignal::new(None);
    Effect::new(move |_| refs.set(links.get()));
    let data = Data {
        bundled,
        drawn,
        refs,
        attempts,
        opened: RwSignal::new(None),
    };
    provide_context(data);
    // The service worker's first install downloads every file of the build. It waits for
    // this signal (sw-register.js), sent once the dataset and its links are in, so on a
    // first visit it does not compete with the page's own downloads and finds them in the
    // HTTP cache instead of fetching them twice.
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) {
            return true;
        }
        let settled = data.refs.with(|r| r.is_some());
        if settled {
            if let Ok(event) = web_sys::Event::new("atlas-ready") {
                let _ = window().dispatch_event(&event);
            }
        }
        settled
    });
    view! {
        <Title formatter=|page: String| {
            if page.is_empty() { "Threat Atlas".to_string() } else { format!("{page} — Threat Atlas") }
        }/>
        <Router base=BASE.with(String::clone)>
            <a class="skip-link" href="#main">"Skip to content"</a>
            <header class="site-header">
                <A href=href("/") attr:class="site-header__brand">"Threat Atlas"</A>
                <nav class="site-header__nav" aria-label="Main">
                    <A href=href("/") exact=true>"Actors"</A>
                    <A href=href("/aliases")>"Names"</A>
                    <A href=href("/timeline")>"Timeline"</A>
                    <A href=href("/about")>"About & sources"</A>
                    <A href=href("/open") attr:data-testid="nav-open">"Open dataset…"</A>
                </nav>
            </header>
            <OpenedBanner/>
            <main id="main" class="site-main" tabindex="-1">
                <Routes fallback=NotFoundPage>
                    <Route path=path!("") view=HomePage/>
                    <Route path=path!("actor/:id") view=ActorPage/>
                    <Route path=path!("aliases") view=AliasesPage/>
                    <Route path=path!("compare") view=ComparePage/>
                    <Route path=path!("timeline") view=TimelinePage/>
                    <Route path=path!("about") view=AboutPage/>
                    <Route path=path!("open") view=OpenPage/>
                </Routes>
            </main>
            <SiteFooter/>
        </Router>
    }
}

#[component]
fn SiteFooter() -> impl IntoView {
    let Data {
        bundled, opened, ..
    } = expect_context::<Data>();
    let version = move || {
        let current = opened.get().or_else(|| bundled.get().and_then(|r| r.ok()));
        current.map(|loaded| {
            let info = &loaded.catalog.dataset().info;
            match info.updated {
                Some(d) => format!("Dataset {} · updated {}", info.version, d.human()),
                None => format!("Dataset {}", info.version),
            }
        })
    };
    view! {
        <footer class="site-footer">
            <p>
                "Threat Atlas is built from openly licensed data: MISP galaxy, MITRE ATT&CK®, "
                "Microsoft's threat actor naming map, and public government statements. "
                <A href=href("/about")>"Sources and licences"</A>
                "."
            </p>
            <p class="site-footer__version" data-testid="dataset-version">{version}</p>
        </footer>
    }
}
