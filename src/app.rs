//! The application shell: router, layout and the one dataset resource every page reads.

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::components::{Route as RouterRoute, Router, Routes};
use leptos_router::path;

use atlas_core::route::{PageKind, Route, PAGES};

use crate::nav::{base, link, route_at, use_route, CurrentRoute};

use crate::api::{fetch_dataset, fetch_refs};
use crate::components::OpenedBanner;
use crate::data::{Bundled, Data, LinksStatus};
use crate::pages::{
    AboutPage, ActorPage, AliasesPage, AttributionsPage, ComparePage, HomePage, NotFoundPage,
    OpenPage, ReadPage, TimelinePage,
};

/// Starts the app in the browser. The page as fetched already shows its first view (drawn at
/// build time by [`crate::prerender`], inside `#boot`); the app is built beside it, hidden in
/// `#app`, and takes its place in one step once it has drawn the same view ([`hand_over`]).
///
/// The app is built in a task of its own, after the one that instantiates the wasm: the two
/// in one task blocked the page for their sum (40–60 ms of a Lighthouse run's observed time).
#[cfg(target_arch = "wasm32")]
pub fn mount() {
    wasm_bindgen_futures::spawn_local(async {
        crate::api::yield_to_browser().await;
        mount_now();
    });
}

#[cfg(target_arch = "wasm32")]
fn mount_now() {
    use wasm_bindgen::JsCast;
    let root = document()
        .get_element_by_id("app")
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    match root {
        Some(root) => leptos::mount::mount_to(root, App).forget(),
        // A page without the two containers (an old copy): the app alone.
        None => leptos::mount::mount_to_body(App),
    }
}

/// What the reader typed into the static page's search box before the app took over.
#[derive(Clone, Debug, PartialEq)]
pub struct Typed {
    pub text: String,
    pub focused: bool,
}

/// Set once, when the app has taken the static page's place: what was typed there.
#[derive(Clone, Copy)]
pub struct HandedOver(pub RwSignal<Option<Typed>>);

/// How far the app's first page has been drawn, while it is drawn hidden beside the static
/// page: its lower sections ([`in_step`]) are drawn one step per task, so no task blocks the
/// page for the sum of them (Lighthouse's total blocking time counts every task over
/// 50 ms). It reads [`LAST_STEP`] from the hand-over on, so pages the reader moves to later
/// are drawn whole, at once.
#[derive(Clone, Copy)]
pub(crate) struct FirstDraw {
    step: RwSignal<u8>,
    started: StoredValue<bool>,
}

/// The steps of a first draw after the first: the step-0 sections are drawn with the page.
pub(crate) const LAST_STEP: u8 = 8;

/// `view`, drawn with the page — or, during the app's first draw beside the static page, in
/// step `step`'s task (1 to [`LAST_STEP`]). The hand-over waits for the last step, so the
/// reader never sees a section missing. Pages drawn at build time have no first draw and
/// draw everything.
pub(crate) fn in_step<V>(step: u8, view: impl Fn() -> V + Send + Sync + 'static) -> impl IntoView
where
    V: IntoView + 'static,
{
    let step = step.min(LAST_STEP);
    let first = use_context::<FirstDraw>();
    let ready = Memo::new(move |_| first.is_none_or(|f| f.step.get() >= step));
    move || ready.get().then(&view)
}

/// The step of the app's first draw being drawn ([`LAST_STEP`] once it is done, and for
/// pages drawn at build time), for a page that draws a long list a part per step.
pub(crate) fn draw_step() -> Signal<u8> {
    match use_context::<FirstDraw>() {
        Some(first) => first.step.into(),
        None => Signal::stored(LAST_STEP),
    }
}

/// Called when a page has drawn its data (or its error): draws the remaining steps of the
/// first draw in tasks of their own, then hands over, then calls `done`. After the first
/// draw it hands over (which does nothing by then) and calls `done` at once.
pub(crate) fn after_first_draw(done: impl FnOnce() + 'static) {
    let Some(first) = use_context::<FirstDraw>() else {
        hand_over();
        done();
        return;
    };
    if first.started.get_value() || first.step.get_untracked() >= LAST_STEP {
        hand_over();
        done();
        return;
    }
    first.started.set_value(true);
    // The task runs outside the reactive owner (which may be gone by its end): the
    // contexts are read now.
    let handed = use_context::<HandedOver>();
    leptos::task::spawn_local(async move {
        for step in 1..=LAST_STEP {
            crate::api::yield_to_browser().await;
            // Effects run in this task's microtasks: the step's sections are drawn here.
            // `atlas-draw-step-N` (a User Timing measure, which Lighthouse lists) spans the
            // task and the wait for the next.
            let name = format!("atlas-draw-step-{step}");
            crate::api::start_measure(&name);
            first.step.set(step);
            crate::api::yield_to_browser().await;
            crate::api::end_measure(&name);
        }
        crate::api::timed("atlas-hand-over", || swap_pages(handed, Some(first)));
        done();
    });
}

/// Replaces the static page with the app, which has drawn the same view, in one step (no
/// frame shows neither), keeping the scroll position and what was typed into the static
/// search box. Called once the page has drawn its data (or its error), or at once by pages
/// without data; later calls do nothing.
pub(crate) fn hand_over() {
    swap_pages(use_context::<HandedOver>(), use_context::<FirstDraw>());
}

fn swap_pages(handed: Option<HandedOver>, first: Option<FirstDraw>) {
    // Natively (pages drawn at build time) there is no static page to swap.
    #[cfg(not(target_arch = "wasm32"))]
    let _ = handed;
    if let Some(first) = first {
        if first.step.get_untracked() < LAST_STEP {
            first.step.set(LAST_STEP);
        }
    }
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        let Some(handed) = handed else {
            return;
        };
        let Some(boot) = document().get_element_by_id("boot") else {
            return;
        };
        let typed = boot
            .query_selector(".search__input")
            .ok()
            .flatten()
            .and_then(|el| el.dyn_into::<web_sys::HtmlInputElement>().ok())
            .map(|input| Typed {
                focused: document().active_element().is_some_and(|a| a == **input),
                text: input.value(),
            });
        let scroll = window().scroll_y().unwrap_or(0.0);
        boot.remove();
        if let Some(app) = document().get_element_by_id("app") {
            let _ = app.remove_attribute("hidden");
        }
        if scroll > 0.0 && window().scroll_y().unwrap_or(0.0) != scroll {
            window().scroll_to_with_x_and_y(window().scroll_x().unwrap_or(0.0), scroll);
        }
        handed.0.set(Some(typed.unwrap_or(Typed {
            text: String::new(),
            focused: false,
        })));
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let attempts = RwSignal::new(0u32);
    let bundled = LocalResource::new(move || fetch_dataset(attempts.get() > 0));
    let drawn = RwSignal::new(false);
    // The links of each loaded dataset are fetched once. (A resource that awaited the
    // dataset's resource ran twice, once more when the dataset arrived: two downloads and
    // two reads of the links.)
    let refs = RwSignal::new(None);
    let asked = StoredValue::new(0u64);
    Effect::new(move |_| match bundled.get() {
        Some(Ok(loaded)) if asked.get_value() != loaded.id => {
            asked.set_value(loaded.id);
            leptos::task::spawn_local(async move {
                let result = fetch_refs(loaded.clone(), drawn).await;
                refs.try_set(Some(LinksStatus {
                    dataset: loaded.id,
                    result,
                }));
                // Then, whatever page this is, the search index, a step per task: a reader
                // who goes on to search or to read a story then finds it built, where the
                // first use would build it in one long task.
                loaded.build_indexes().await;
                // And the timeline's labels, in a task of their own: the frame that first
                // draws the timeline then only lays it out.
                crate::api::yield_to_browser().await;
                loaded.mark_labels();
            });
        }
        Some(Err(_)) => refs.set(Some(LinksStatus {
            dataset: 0,
            result: Err("the dataset did not load".to_string()),
        })),
        _ => {}
    });
    let data = Data {
        bundled: Bundled::Fetched(bundled),
        drawn,
        refs,
        attempts,
        opened: RwSignal::new(None),
    };
    provide_context(data);
    provide_context(HandedOver(RwSignal::new(None)));
    provide_context(FirstDraw {
        step: RwSignal::new(0),
        started: StoredValue::new(false),
    });
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
        <Router base=base()>
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
    crate::nav::release_focus_on_leaving(route);
    view! {
        <Layout>
            // One catch-all route: which page an address shows is the core's route table's
            // call. The router is kept for its navigation (it commits an address to the
            // browser's history once a route has rendered).
            <Routes fallback=NotFoundPage>
                <RouterRoute path=path!("*any") view=CurrentPage/>
            </Routes>
        </Layout>
    }
}

/// The page around every page: header, banner, main, footer. The app and the pages drawn at
/// build time both use it. Links are plain `<a>`s (the router follows them); the header marks
/// the current page itself, from the route.
#[component]
pub(crate) fn Layout(children: Children) -> impl IntoView {
    let route = use_route();
    let current = move |kind: PageKind| {
        move || {
            route
                .with(|r| r.as_ref().is_some_and(|r| r.kind() == kind))
                .then_some("page")
        }
    };
    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
        <header class="site-header">
            <a href=link(&Route::home()) class="site-header__brand">"Threat Atlas"</a>
            <nav class="site-header__nav" aria-label="Main">
                {PAGES.iter().filter(|p| p.kind != PageKind::Open).filter_map(|p| p.nav.map(|label| (p.kind, label))).map(|(kind, label)| {
                    view! { <a href=link(&Route::default_of(kind)) aria-current=current(kind)>{label}</a> }
                }).collect_view()}
                // Other tools read this hook.
                <a href=link(&Route::Open) data-testid="nav-open" aria-current=current(PageKind::Open)>{PageKind::Open.page().nav}</a>
            </nav>
        </header>
        <OpenedBanner/>
        <main id="main" class="site-main" tabindex="-1">
            {children()}
        </main>
        <SiteFooter/>
    }
}

/// The page the route table finds for the address; the router only tracks the location.
/// A page is drawn again only when the kind of page changes: a new query, or another
/// actor, is a new state of the same page, read from [`use_route`].
#[component]
pub(crate) fn CurrentPage() -> impl IntoView {
    let route = use_route();
    let kind = Memo::new(move |_| route.with(|r| r.as_ref().map(Route::kind)));
    // Pages without data are drawn at once: the app takes over from the static page now.
    Effect::new(move |_| {
        if matches!(kind.get(), Some(PageKind::Open) | None) {
            hand_over();
        }
    });
    move || match kind.get() {
        Some(PageKind::Home) => view! { <HomePage/> }.into_any(),
        Some(PageKind::Actor) => view! { <ActorPage/> }.into_any(),
        Some(PageKind::Names) => view! { <AliasesPage/> }.into_any(),
        Some(PageKind::Compare) => view! { <ComparePage/> }.into_any(),
        Some(PageKind::Timeline) => view! { <TimelinePage/> }.into_any(),
        Some(PageKind::About) => view! { <AboutPage/> }.into_any(),
        Some(PageKind::Open) => view! { <OpenPage/> }.into_any(),
        Some(PageKind::Read) => view! { <ReadPage/> }.into_any(),
        Some(PageKind::Attributions) => view! { <AttributionsPage/> }.into_any(),
        None => view! { <NotFoundPage/> }.into_any(),
    }
}

#[component]
fn SiteFooter() -> impl IntoView {
    let Data {
        bundled, opened, ..
    } = expect_context::<Data>();
    let version = move || {
        let current = opened.get().or_else(|| bundled.ready());
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
                <a href=link(&Route::About)>"Sources and licences"</a>
                "."
            </p>
            <p class="site-footer__version" data-testid="dataset-version">{version}</p>
        </footer>
    }
}
