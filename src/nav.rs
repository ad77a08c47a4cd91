//! Addresses and navigation: the site's base path, the one helper that turns a core
//! [`Route`] into a link, the current route every page reads, and the one way to navigate.
//! The route table itself is the core's (`atlas_core::route`).

use leptos::prelude::*;

use atlas_core::route::Route;

thread_local! {
    /// The base path; natively, the pre-renderer sets it per build ([`set_base`]).
    static BASE: std::cell::RefCell<String> = std::cell::RefCell::new(base_path());
}

/// The site's base path ("" at the root, "/threat-atlas" on GitHub Pages).
pub(crate) fn base() -> String {
    BASE.with(|b| b.borrow().clone())
}

/// Natively there is no `<base href>` to read: the pre-renderer says where the site lives.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn set_base(base: &str) {
    BASE.with(|b| *b.borrow_mut() = base.trim_end_matches('/').to_string());
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
    let base = base();
    let path = pathname.strip_prefix(base.as_str()).unwrap_or(pathname);
    Route::parse(path, search)
}

/// The one helper that turns a route into an in-app address, adding the site's base path:
/// `link(&Route::actor("apt27"))` gives `/threat-atlas/actor/apt27` on GitHub Pages.
/// leptos_router's `<A>` does not prefix the router's base to absolute paths, so every
/// internal link goes through here.
pub fn link(route: &Route) -> String {
    format!("{}{}", base(), route.to_url())
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
///
/// Natively (a page drawn to HTML at build time) there is no router and nothing navigates.
pub fn use_go() -> impl Fn(Route, bool) + Clone + Send + Sync + 'static {
    #[cfg(target_arch = "wasm32")]
    let navigate = leptos_router::hooks::use_navigate();
    #[cfg(not(target_arch = "wasm32"))]
    let navigate = |_: &str, _: leptos_router::NavigateOptions| {};
    let current = use_route();
    move |to: Route, replace: bool| {
        let same_page = current.with_untracked(|now| !another_page(now.as_ref(), &to));
        if !same_page {
            release_focus();
        }
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

/// Whether `to` is another page than `now`: another kind of page, or another actor's.
fn another_page(now: Option<&Route>, to: &Route) -> bool {
    match (now, to) {
        (Some(Route::Actor(a)), Route::Actor(b)) => a != b,
        (Some(now), to) => now.kind() != to.kind(),
        (None, _) => true,
    }
}

/// Lets go of a focus held in the page about to go away (Enter in the search box opens an
/// actor, a link in the page was clicked). Removing a focused element makes the browser
/// settle the focus, and with it the style of the page just built, in the middle of the
/// swap: it cost 5–8 ms of the move from the home page to the timeline. The focus ends on
/// the document either way.
fn release_focus() {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        let outgoing = document()
            .active_element()
            .filter(|el| el.closest("main").ok().flatten().is_some())
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(el) = outgoing {
            let _ = el.blur();
        }
    }
}

/// For a click on an in-app link to another page: the focus let go of before the router
/// swaps the pages ([`release_focus`]). Installed once, in the capture phase, so it runs
/// before the router's own listener; it changes nothing else of the click.
pub(crate) fn release_focus_on_leaving(current: Memo<Option<Route>>) {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        static INSTALLED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
        if INSTALLED.swap(true, std::sync::atomic::Ordering::Relaxed) {
            return;
        }
        let on_click = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::MouseEvent)>::new(
            move |ev: web_sys::MouseEvent| {
                if ev.button() != 0
                    || ev.ctrl_key()
                    || ev.meta_key()
                    || ev.shift_key()
                    || ev.alt_key()
                {
                    return;
                }
                let Some(a) = ev
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .and_then(|el| el.closest("a[href]").ok().flatten())
                    .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
                else {
                    return;
                };
                let own = a.origin() == window().location().origin().unwrap_or_default();
                if !own || !a.target().is_empty() || a.has_attribute("download") {
                    return;
                }
                let Some(to) = route_at(&a.pathname(), &a.search()) else {
                    return;
                };
                if current.with_untracked(|now| another_page(now.as_ref(), &to)) {
                    release_focus();
                }
            },
        );
        let _ = window().add_event_listener_with_callback_and_bool(
            "click",
            on_click.as_ref().unchecked_ref(),
            true,
        );
        // The app's whole life: the listener is never removed.
        on_click.forget();
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = current;
}

/// The path prefix the site is served under ("" at the root, "/threat-atlas" on GitHub
/// Pages), read from the `<base href>` that Trunk writes at build time.
#[cfg(not(target_arch = "wasm32"))]
fn base_path() -> String {
    String::new()
}

#[cfg(target_arch = "wasm32")]
fn base_path() -> String {
    let base = document().base_uri().ok().flatten().unwrap_or_default();
    let after_scheme = base.split_once("://").map(|(_, rest)| rest).unwrap_or("");
    let path = after_scheme
        .find('/')
        .map(|i| &after_scheme[i..])
        .unwrap_or("/");
    path.trim_end_matches('/').to_string()
}

/// How long input must pause before the address follows it.
pub const PAUSE_MS: u64 = 250;

/// Hot state the address follows: a page updates its own signals at once on every keystroke
/// or gesture and hands the route here; the address is replaced (not pushed) once input
/// pauses for [`PAUSE_MS`], on [`Deferred::flush`] (blur, a deliberate step), and, when the
/// reader leaves the page first, just before the next page's entry is pushed — so Back
/// returns to what they had typed. Shared atomics, not reactive values: the timer may fire
/// after the page is gone, and then does nothing.
///
/// What is pending belongs to the history entry it was typed in: if Back or Forward moved
/// the browser to another entry before the write, it is dropped, never written over the
/// entry the reader went to.
#[derive(Clone)]
pub struct Deferred {
    generation: std::sync::Arc<std::sync::atomic::AtomicU32>,
    /// The address of the entry typed in (as the browser spells it), and its new route.
    pending: std::sync::Arc<std::sync::Mutex<Option<(String, Route)>>>,
    go: std::sync::Arc<dyn Fn(Route, bool) + Send + Sync>,
}

impl Deferred {
    /// For the page being built (its cleanup writes what is still pending).
    pub fn new() -> Deferred {
        let d = Deferred {
            generation: Default::default(),
            pending: Default::default(),
            go: std::sync::Arc::new(use_go()),
        };
        on_cleanup({
            let d = d.clone();
            move || {
                d.bump();
                if let Some(route) = d.take_for_this_entry() {
                    // The router is already on its way to the next page: write this page's
                    // last state into its own history entry directly.
                    if let Ok(history) = window().history() {
                        let _ = history.replace_state_with_url(
                            &wasm_bindgen::JsValue::NULL,
                            "",
                            Some(&link(&route)),
                        );
                    }
                }
            }
        });
        d
    }

    fn bump(&self) -> u32 {
        self.generation
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed)
            + 1
    }

    fn take(&self) -> Option<(String, Route)> {
        self.pending.lock().ok().and_then(|mut p| p.take())
    }

    /// What is pending, if the browser is still on the entry it was typed in.
    fn take_for_this_entry(&self) -> Option<Route> {
        self.take()
            .and_then(|(entry, route)| (entry == address()).then_some(route))
    }

    /// The address should become `route` once input pauses.
    pub fn set(&self, route: Route) {
        // The entry this keystroke was typed in: after Back, text typed on the entry the
        // browser is on now is that entry's, whatever was pending for the one before.
        if let Ok(mut p) = self.pending.lock() {
            *p = Some((address(), route));
        }
        let ticket = self.bump();
        let d = self.clone();
        set_timeout(
            move || {
                if d.generation.load(std::sync::atomic::Ordering::Relaxed) == ticket {
                    d.flush();
                }
            },
            std::time::Duration::from_millis(PAUSE_MS),
        );
    }

    /// Writes what is pending now.
    pub fn flush(&self) {
        self.bump();
        if let Some(route) = self.take_for_this_entry() {
            (self.go)(route, true);
        }
    }

    /// Drops what is pending: a deliberate navigation is about to carry the state itself.
    pub fn cancel(&self) {
        self.bump();
        self.take();
    }
}

/// Which history entry the browser is on: its address (path and query, as the browser
/// spells them) and how many times Back or Forward has moved it (two entries can have
/// the same address).
fn address() -> String {
    thread_local! {
        static MOVES: std::rc::Rc<std::cell::Cell<u64>> = {
            let moves = std::rc::Rc::new(std::cell::Cell::new(0));
            let counter = moves.clone();
            let on_pop = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
                counter.set(counter.get() + 1)
            });
            let _ = window().add_event_listener_with_callback(
                "popstate",
                wasm_bindgen::JsCast::unchecked_ref(on_pop.as_ref()),
            );
            // Listens for the page's lifetime.
            on_pop.forget();
            moves
        };
    }
    let location = window().location();
    format!(
        "{}{}#{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default(),
        MOVES.with(|m| m.get())
    )
}

/// One page's state in the current route, kept while the page is being left (the route is
/// then another page's): `pick` takes the page's state out of a route.
pub fn use_page_state<T>(pick: fn(&Route) -> Option<T>) -> Memo<T>
where
    T: Clone + Default + PartialEq + Send + Sync + 'static,
{
    let route = use_route();
    Memo::new(move |prev: Option<&T>| {
        route.with(|r| {
            r.as_ref()
                .and_then(pick)
                .unwrap_or_else(|| prev.cloned().unwrap_or_default())
        })
    })
}

/// A page's state that the reader can change ahead of the address (typing, a gesture):
/// `state` is the local change while the address has not moved on since it was made, and
/// the address's state otherwise (it followed, or Back or Forward was pressed).
///
/// "Moved on" is counted, not compared: a local change remembers how many times the
/// address had changed when it was made, so Back onto an address equal to the one it was
/// made over does not bring old typing back.
pub struct Hot<T: Send + Sync + 'static> {
    pub addressed: Memo<T>,
    /// How many times `addressed` has changed.
    moves: Memo<u64>,
    local: RwSignal<Option<(u64, T)>>,
    pub state: Memo<T>,
}

// Handles to reactive values, copied whatever `T` is (a derive would ask `T: Copy`).
impl<T: Send + Sync + 'static> Clone for Hot<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Hot<T> {}

impl<T> Hot<T>
where
    T: Clone + Default + PartialEq + Send + Sync + 'static,
{
    pub fn new(pick: fn(&Route) -> Option<T>) -> Hot<T> {
        let addressed = use_page_state(pick);
        // A memo re-runs only when its source changed: each run is one move.
        let moves = Memo::new(move |prev: Option<&u64>| {
            addressed.track();
            prev.map_or(0, |n| n + 1)
        });
        let local = RwSignal::new(None::<(u64, T)>);
        let state = Memo::new(move |_| {
            let now = moves.get();
            local.with(|l| match l {
                Some((made_at, t)) if *made_at == now => t.clone(),
                _ => addressed.get(),
            })
        });
        Hot {
            addressed,
            moves,
            local,
            state,
        }
    }

    /// Shows `next` at once, ahead of the address.
    pub fn set_local(&self, next: T) {
        self.local.set(Some((self.moves.get_untracked(), next)));
    }

    /// Whether the state shown is ahead of the address: the reader is typing.
    pub fn typing(&self) -> Memo<bool> {
        self.typing_in(|s| s)
    }

    /// Whether one part of the state (`part`) is ahead of the address: on a page with two
    /// text boxes, typing into one is not typing into the other.
    pub fn typing_in<U: PartialEq + ?Sized + 'static>(&self, part: fn(&T) -> &U) -> Memo<bool> {
        let (state, addressed) = (self.state, self.addressed);
        Memo::new(move |_| state.with(|s| addressed.with(|a| part(s) != part(a))))
    }
}
