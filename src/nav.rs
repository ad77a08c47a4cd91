//! Addresses and navigation: the site's base path, the one helper that turns a core
//! [`Route`] into a link, the current route every page reads, and the one way to navigate.
//! The route table itself is the core's (`atlas_core::route`).

use leptos::prelude::*;

use atlas_core::route::Route;

thread_local! {
    pub(crate) static BASE: String = base_path();
}

/// The page the address names, read before the router has started (`None`: not a page).
pub fn first_route() -> Option<Route> {
    let location = window().location();
    route_at(
        &location.pathname().unwrap_or_default(),
        &location.search().unwrap_or_default(),
    )
}

/// The route of a path (with or without the base) and query.
pub(crate) fn route_at(pathname: &str, search: &str) -> Option<Route> {
    let path = BASE.with(|base| {
        pathname
            .strip_prefix(base.as_str())
            .unwrap_or(pathname)
            .to_string()
    });
    Route::parse(&path, search)
}

/// The one helper that turns a route into an in-app address, adding the site's base path:
/// `link(&Route::actor("apt27"))` gives `/threat-atlas/actor/apt27` on GitHub Pages.
/// leptos_router's `<A>` does not prefix the router's base to absolute paths, so every
/// internal link goes through here.
pub fn link(route: &Route) -> String {
    BASE.with(|base| format!("{base}{}", route.to_url()))
}

/// The current route, shared by every page (one memo over the router's location).
pub fn use_route() -> Memo<Option<Route>> {
    expect_context::<CurrentRoute>().0
}

#[derive(Clone, Copy)]
pub(crate) struct CurrentRoute(pub(crate) Memo<Option<Route>>);

/// The only way the app navigates: to a route, replacing the history entry when `replace`
/// (typing) and pushing one otherwise (a deliberate step). Another page, or another actor,
/// starts at the top; a new state of the same page keeps the scroll position. `resolve:
/// false`, because resolving adds the router base again and drops the slash in
/// "/threat-atlas/?q=".
pub fn use_go() -> impl Fn(Route, bool) + Clone + Send + Sync + 'static {
    let navigate = leptos_router::hooks::use_navigate();
    let current = use_route();
    move |to: Route, replace: bool| {
        let same_page = current.with_untracked(|now| match (now, &to) {
            (Some(Route::Actor(a)), Route::Actor(b)) => a == b,
            (Some(now), to) => now.kind() == to.kind(),
            (None, _) => false,
        });
        navigate(
            &link(&to),
            leptos_router::NavigateOptions {
                resolve: false,
                replace,
                scroll: !same_page,
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
