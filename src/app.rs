//! The application shell: router, layout and the one dataset resource every page reads.

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::components::{Route as RouterRoute, Router, Routes, A};
use leptos_router::path;

use atlas_core::route::{PageKind, Route, PAGES};

use crate::nav::{link, route_at, use_route, CurrentRoute, BASE};

use crate::api::{fetch_dataset, fetch_refs};
use crate::components::OpenedBanner;
use crate::data::{Data, LinksStatus};
use crate::pages::{
    AboutPage, ActorPage, AliasesPage, ComparePage, HomePage, NotFoundPage, OpenPage, TimelinePage,
};

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
        let state = match Route::parse("", &search) {
            Some(Route::Home(state)) => state,
            _ => Default::default(),
        }
        .with_query(&q);
        let url = link(&Route::Home(state));
        if let Ok(history) = window().history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
        }
    }
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
                dataset: loaded.id,
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
        <Title formatter=|page: String| atlas_core::view::page_title(&page)/>
        <Router base=BASE.with(String::clone)>
            <Shell/>
        </Router>
    }
}

/// Everything inside the router: the current route is worked out once here, from the
/// router's location, and shared with every page and the banner.
#[component]
fn Shell() -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    let route = Memo::new(move |_| {
        let path = location.pathname.get();
        let search = location.search.get();
        route_at(&path, &search)
    });
    provide_context(CurrentRoute(route));
    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
        <header class="site-header">
            <A href=link(&Route::home()) attr:class="site-header__brand">"Threat Atlas"</A>
            <nav class="site-header__nav" aria-label="Main">
                {PAGES.iter().filter(|p| p.kind != PageKind::Open).filter_map(|p| p.nav.map(|label| (p.kind, label))).map(|(kind, label)| {
                    view! { <A href=link(&Route::default_of(kind)) exact=kind == PageKind::Home>{label}</A> }
                }).collect_view()}
                // Other tools read this hook.
                <A href=link(&Route::Open) attr:data-testid="nav-open">{PageKind::Open.page().nav}</A>
            </nav>
        </header>
        <OpenedBanner/>
        <main id="main" class="site-main" tabindex="-1">
            // One catch-all route: which page an address shows is the core's route table's
            // call. The router is kept for its navigation (it commits an address to the
            // browser's history once a route has rendered).
            <Routes fallback=NotFoundPage>
                <RouterRoute path=path!("*any") view=CurrentPage/>
            </Routes>
        </main>
        <SiteFooter/>
    }
}

/// The page the route table finds for the address; the router only tracks the location.
/// A page is drawn again only when the kind of page changes: a new query, or another
/// actor, is a new state of the same page, read from [`use_route`].
#[component]
fn CurrentPage() -> impl IntoView {
    let route = use_route();
    let kind = Memo::new(move |_| route.with(|r| r.as_ref().map(Route::kind)));
    move || match kind.get() {
        Some(PageKind::Home) => view! { <HomePage/> }.into_any(),
        Some(PageKind::Actor) => view! { <ActorPage/> }.into_any(),
        Some(PageKind::Names) => view! { <AliasesPage/> }.into_any(),
        Some(PageKind::Compare) => view! { <ComparePage/> }.into_any(),
        Some(PageKind::Timeline) => view! { <TimelinePage/> }.into_any(),
        Some(PageKind::About) => view! { <AboutPage/> }.into_any(),
        Some(PageKind::Open) => view! { <OpenPage/> }.into_any(),
        None => view! { <NotFoundPage/> }.into_any(),
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
                <A href=link(&Route::About)>"Sources and licences"</A>
                "."
            </p>
            <p class="site-footer__version" data-testid="dataset-version">{version}</p>
        </footer>
    }
}
