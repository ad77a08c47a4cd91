//! The home page: search every actor by any name, narrow by facets, open a card.
//!
//! All state lives in the URL (`atlas_core::url_state`): typing replaces the history entry,
//! ticking a facet pushes one, so back and forward walk through deliberate steps and a
//! copied link reproduces the view.

use std::sync::Arc;

use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use leptos_meta::Title;

use atlas_core::facets::Facet;
use atlas_core::route::Route;
use atlas_core::url_state::SearchState;

use crate::api::Loaded;
use crate::app::HandedOver;
use crate::components::{parties, source_ref, ActorCard, FacetPanel, LoadWarnings, WithData};
use crate::export::actor_downloads;
use crate::nav::{link, use_go, Deferred, Hot};

/// Cards drawn at first; "Show more" adds this many again.
const PAGE: usize = 24;

/// Cards drawn while the reader types, more than a screen holds: the rest of the page
/// follows with the address, once typing pauses. Building and laying out the cards no one
/// can see yet is most of what a keystroke would otherwise cost.
const TYPING_PAGE: usize = 8;

/// The search box is drawn at once, before the dataset arrives, and is the same markup as
/// the static page in `index.html`: the heading a reader sees first never moves or flashes,
/// and typing can start while the atlas loads. The results wait for the data.
#[component]
pub fn HomePage() -> impl IntoView {
    // What the reader types shows at once, ahead of the address.
    let hot = Hot::new(|r| match r {
        Route::Home(s) => Some(s.clone()),
        _ => None,
    });
    let state = hot.state;
    let follow = Deferred::new();
    // Arrow keys and Enter act on the results; the results install the handler.
    let keys = RwSignal::new(None::<Callback<ev::KeyboardEvent>>);
    let type_query = {
        let follow = follow.clone();
        Callback::new(move |q: String| {
            let next = state.get_untracked().with_query(&q);
            hot.set_local(next.clone());
            follow.set(Route::Home(next));
        })
    };
    let results_follow = follow.clone();
    let typing = hot.typing();
    view! {
        <Title text=atlas_core::route::PageKind::Home.page().title/>
        <section class="search" aria-label="Search threat actors">
            <SearchBox state keys type_query follow/>
            <WithData render=move |loaded| view! { <SearchResults loaded state typing keys follow=results_follow.clone()/> }/>
        </section>
    }
}

/// Facets start open beside the results on wide screens and folded above them on phones.
/// A page drawn at build time has no screen: it folds them, so on a phone nothing moves when
/// the app takes over, and on a wide screen only the side column fills in.
#[cfg(not(target_arch = "wasm32"))]
fn wide_screen() -> bool {
    false
}

#[cfg(target_arch = "wasm32")]
fn wide_screen() -> bool {
    window()
        .inner_width()
        .ok()
        .and_then(|w| w.as_f64())
        .is_none_or(|w| w >= 768.0)
}

#[component]
fn SearchBox(
    state: Memo<SearchState>,
    keys: RwSignal<Option<Callback<ev::KeyboardEvent>>>,
    /// Called with the text on every keystroke; the results follow at once, the address
    /// when typing pauses.
    type_query: Callback<String>,
    follow: Deferred,
) -> impl IntoView {
    let on_input = move |e: ev::Event| type_query.run(event_target_value(&e));
    let input: NodeRef<html::Input> = NodeRef::new();
    // Focus once the box is shown: when the app takes the static page's place, and then
    // with what the reader had typed into the static page's box (once).
    let handed = use_context::<HandedOver>().map(|h| h.0);
    let carry = follow.clone();
    Effect::new(move |_| {
        let shown = handed.is_none_or(|h| h.with(|t| t.is_some()));
        if input.get().is_none() || !shown {
            return;
        }
        let typed = handed.and_then(|h| {
            let text = h.with_untracked(|t| t.as_ref().map(|t| t.text.clone()))?;
            h.update_untracked(|t| {
                if let Some(t) = t {
                    t.text.clear();
                }
            });
            Some(text).filter(|q| !q.trim().is_empty())
        });
        if let Some(q) = typed {
            type_query.run(q);
            carry.flush();
        }
        request_animation_frame(move || {
            if let Some(el) = input.get_untracked() {
                let _ = el.focus();
            }
        });
    });
    // "/" focuses the search box from anywhere but another text field.
    #[cfg(target_arch = "wasm32")]
    let slash = window_event_listener(ev::keydown, move |e| {
        let typing = e
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
        if e.key() == "/" && !typing && !e.ctrl_key() && !e.meta_key() && !e.alt_key() {
            e.prevent_default();
            if let Some(el) = input.get() {
                let _ = el.focus();
            }
        }
    });
    #[cfg(target_arch = "wasm32")]
    on_cleanup(move || slash.remove());
    view! {
        <div class="search__box" role="search">
            <h1 class="search__title">
                <label for="search-input">"Search any name a vendor or government has used"</label>
            </h1>
            <input
                id="search-input"
                class="search__input"
                data-testid="search-input"
                type="search"
                node_ref=input
                placeholder="e.g. LuckyMouse, TG-3390, Judgment Panda, Volt Typhoon"
                autocomplete="off"
                spellcheck="false"
                maxlength=atlas_core::url_state::MAX_QUERY_CHARS
                aria-controls=move || keys.with(|k| k.is_some()).then_some("results")
                aria-describedby="search-hint"
                prop:value=move || state.with(|s| s.query.clone())
                on:input=on_input
                on:blur=move |_| follow.flush()
                on:keydown=move |e| {
                    if let Some(k) = keys.get_untracked() {
                        k.run(e);
                    }
                }
            />
            <p class="search__hint" id="search-hint">"Press / to search, ↑ ↓ to move, Enter to open."</p>
        </div>
    }
}

#[component]
fn SearchResults(
    loaded: Arc<Loaded>,
    state: Memo<SearchState>,
    /// Whether the reader is typing (the text is ahead of the address).
    typing: Memo<bool>,
    keys: RwSignal<Option<Callback<ev::KeyboardEvent>>>,
    follow: Deferred,
) -> impl IntoView {
    let to = use_go();
    // A deliberate step (a facet, "Clear filters") carries the typed text itself.
    let go = {
        let follow = follow.clone();
        move |next: SearchState, replace: bool| {
            follow.cancel();
            to(Route::Home(next), replace)
        }
    };

    // The core's work per query (search, facet counts, filter) is a User Timing measure,
    // `atlas-search`, as DevTools and `make bench` read it.
    let results = {
        let loaded = loaded.clone();
        Memo::new(move |_| {
            let s = state.get();
            let (search, facets) = (loaded.search(), loaded.facets());
            crate::api::timed("atlas-search", || {
                let hits = search.search(&loaded.catalog, &s.query);
                let counts = facets.counts(&hits, &s.selection);
                let filtered = facets.filter(&hits, &s.selection);
                (s, filtered, counts)
            })
        })
    };
    // The counts the facet panel and each of its groups read: copied once per query (a
    // derived signal would copy them for every reader), and unchanged counts stop here.
    let facet_counts = Memo::new(move |_| results.with(|(_, _, c)| c.clone()));
    // How many cards are shown, and which one the keyboard has, belong to one query and
    // filter: the next starts at the top with the first page. Each is stored with the state
    // it was set for and read through a memo, rather than reset by an Effect, which would
    // run after the new results had rendered and render them a second time.
    let more = RwSignal::new((SearchState::default(), PAGE));
    let limit =
        Memo::new(move |_| more.with(|(s, n)| if state.with(|now| now == s) { *n } else { PAGE }));
    // The cards in the document: fewer while typing.
    let drawn = Memo::new(move |_| {
        if typing.get() {
            limit.get().min(TYPING_PAGE)
        } else {
            limit.get()
        }
    });
    let picked = RwSignal::new((SearchState::default(), None::<usize>));
    // Never a card that is not drawn (the keys move within the drawn cards only).
    let active = Memo::new(move |_| {
        picked
            .with(|(s, a)| if state.with(|now| now == s) { *a } else { None })
            .filter(|&i| i < drawn.get())
    });
    let set_active = move |a: Option<usize>| picked.set((state.get_untracked(), a));

    // The selected card, by actor id, so a card keeps its state when the list shifts.
    let active_id = {
        let loaded = loaded.clone();
        Memo::new(move |_| {
            let i = active.get()?;
            results.with(|(_, hits, _)| {
                hits.get(i)
                    .map(|h| loaded.catalog.actors()[h.actor].id.clone())
            })
        })
    };
    // The selected card is marked by hand, on the two cards concerned, rather than by
    // three reactive attributes on every card.
    let list: NodeRef<html::Ul> = NodeRef::new();
    Effect::new(move |prev: Option<Option<String>>| {
        let now = active_id.get();
        if let Some(ul) = list.get() {
            if let Some(old) = prev.flatten().filter(|old| now.as_ref() != Some(old)) {
                mark_active(&ul, &old, false);
            }
            if let Some(id) = &now {
                mark_active(&ul, id, true);
            }
        }
        now
    });
    let go_to_actor = use_go();
    let total = move || results.with(|(_, hits, _)| hits.len());
    let on_key = {
        let loaded = loaded.clone();
        move |e: ev::KeyboardEvent| {
            let n = total().min(drawn.get_untracked());
            match e.key().as_str() {
                "ArrowDown" if n > 0 => {
                    e.prevent_default();
                    let a = active.get_untracked();
                    set_active(Some(a.map_or(0, |i| (i + 1).min(n - 1))));
                }
                "ArrowUp" if n > 0 => {
                    e.prevent_default();
                    let a = active.get_untracked();
                    set_active(a.and_then(|i| i.checked_sub(1)));
                }
                "Enter" => {
                    let pick = active.get_untracked().unwrap_or(0);
                    let id = results.with_untracked(|(_, hits, _)| {
                        hits.get(pick)
                            .map(|h| loaded.catalog.actors()[h.actor].id.clone())
                    });
                    if let Some(id) = id {
                        e.prevent_default();
                        // The query gets its own history entry first, so Back returns to it.
                        follow.flush();
                        go_to_actor(Route::Actor(id), false);
                    }
                }
                "Escape" => set_active(None),
                _ => {}
            }
        }
    };
    keys.set(Some(Callback::new(on_key)));
    on_cleanup(move || {
        keys.try_set(None);
    });
    let on_toggle = {
        let go = go.clone();
        Callback::new(move |(facet, value): (Facet, String)| {
            go(state.get_untracked().toggled(facet, &value), false)
        })
    };
    let clear = {
        let go = go.clone();
        move |_| go(state.get_untracked().without_filters(), false)
    };

    let cards = {
        let loaded = loaded.clone();
        move || {
            results.with(|(_, hits, _)| {
                hits.iter()
                    .take(drawn.get())
                    .enumerate()
                    .map(|(i, h)| {
                        (
                            i,
                            atlas_core::view::Card::new(&loaded.catalog, loaded.search(), h),
                        )
                    })
                    .collect::<Vec<_>>()
            })
        }
    };
    let suggestions = {
        let loaded = loaded.clone();
        move || {
            results.with(|(s, hits, _)| {
                if !hits.is_empty() || s.query.trim().is_empty() {
                    return Vec::new();
                }
                loaded
                    .search()
                    .suggest(&s.query, 5)
                    .into_iter()
                    .map(|i| {
                        let a = &loaded.catalog.actors()[i];
                        (a.id.clone(), a.name.clone())
                    })
                    .collect::<Vec<_>>()
            })
        }
    };
    let warnings = loaded.warnings.clone();
    let actor_total = loaded.catalog.actors().len();
    let downloads = actor_downloads(
        "export-results",
        "Download these results",
        "threat-atlas-results".to_string(),
        loaded.clone(),
        move || results.with_untracked(|(_, hits, _)| hits.iter().map(|h| h.actor).collect()),
    );

    let start = start_here(&loaded);
    let empty = move || state.with(|s| s.query.trim().is_empty() && !s.has_filters());
    view! {
        <LoadWarnings warnings/>
        <div class="start" data-testid="home-start" hidden=move || !empty()>{start}</div>
        <div class="search__layout">
            <details class="search__facets" open=wide_screen()>
                <summary>"Filter"</summary>
                <FacetPanel facets=facet_counts on_toggle/>
            </details>
            <div class="search__results">
                <p class="search__count" data-testid="result-count" aria-live="polite">
                    {move || {
                        let n = total();
                        let filtered = state.with(|s| !s.query.trim().is_empty() || s.has_filters());
                        if filtered {
                            format!("{n} of {actor_total} threat actors match")
                        } else {
                            format!("{n} threat actors")
                        }
                    }}
                    {move || state.with(|s| s.has_filters()).then(|| view! {
                        " " <button type="button" class="link-button" data-testid="clear-filters" on:click=clear.clone()>"Clear filters"</button>
                    })}
                </p>
                <div class="search__downloads" hidden=move || total() == 0>{downloads}</div>
                <ul
                    node_ref=list
                    id="results"
                    class="results"
                    aria-label="Matching threat actors"
                    data-testid="results"
                    data-query=move || state.with(|s| s.query.clone())
                >
                    // Keyed by the group and what the query made of it (the rest of a card is the
                    // group's own, fixed for the dataset): a card is redrawn only when its match changes.
                    <For each=cards key=|(_, c)| (c.id.clone(), c.matched.clone(), c.shared) let:item>
                        <ActorCard card=item.1.clone()/>
                    </For>
                </ul>
                {move || {
                    if total() != 0 {
                        return None;
                    }
                    let s = suggestions();
                    Some(view! {
                        <div class="no-results" data-testid="no-results">
                            <p>"No group matches this search and these filters."</p>
                            {(!s.is_empty()).then(|| view! {
                                <p>"Did you mean: "
                                    {s.into_iter().map(|(id, name)| view! {
                                        <a href=link(&Route::actor(&id)) data-testid="suggestion">{name}</a> " "
                                    }).collect_view()}
                                </p>
                            })}
                        </div>
                    })
                }}
                {move || (total() > limit.get() && !typing.get()).then(|| view! {
                    <button type="button" class="button button--secondary" data-testid="show-more" on:click=move |_| more.set((state.get_untracked(), limit.get_untracked() + PAGE))>
                        {format!("Show more ({} not shown)", total() - limit.get())}
                    </button>
                })}
            </div>
        </div>
    }
}

/// Marks the card of actor `id` in the results as the keyboard's selection, or unmarks it.
fn mark_active(list: &web_sys::HtmlUListElement, id: &str, on: bool) {
    let selector = format!("[data-actor-id=\"{}\"]", crate::components::css_escape(id));
    let Ok(Some(card)) = list.query_selector(&selector) else {
        return;
    };
    let _ = card
        .class_list()
        .toggle_with_force("actor-card--active", on);
    let _ = card.set_attribute("data-active", if on { "true" } else { "false" });
    let _ = if on {
        card.set_attribute("aria-current", "true")
    } else {
        card.remove_attribute("aria-current")
    };
}

/// How many of the latest government actions and most named groups the home page shows.
const LATEST: usize = 5;
const MOST_NAMED: usize = 10;

/// What the home page shows before any query: the latest government actions, the groups
/// governments name most, and how to read a vendor's name. The core picks them
/// (`atlas_core::said`, `atlas_core::naming::guide`); they are the dataset's, fixed while it
/// is open, so they are drawn once and only hidden while a query is typed.
fn start_here(loaded: &Loaded) -> impl IntoView {
    let catalog = &loaded.catalog;
    let latest = atlas_core::said::latest_actions(catalog, LATEST)
        .into_iter()
        .map(|i| {
            let e = &catalog.events()[i];
            let mut groups: Vec<(String, String)> = Vec::new();
            for id in e.claims.iter().flat_map(|c| &c.actors) {
                if let Some(a) = catalog.actor(id) {
                    if !groups.iter().any(|(g, _)| *g == a.id) {
                        groups.push((a.id.clone(), a.name.clone()));
                    }
                }
            }
            let selected = Route::Timeline(atlas_core::route::TimelineState {
                selected: Some(e.id.clone()),
                ..Default::default()
            });
            view! {
                <li class="start__action" data-testid="latest-action" data-event-id=e.id.clone()>
                    <p class="start__meta">
                        <time datetime=e.date.to_string()>{atlas_core::view::when(e)}</time>
                        " · " {e.kind.label()} " · " {parties(&e.attributed_by)}
                    </p>
                    <a class="start__title" href=link(&selected)>{e.title.clone()}</a>
                    {(!groups.is_empty()).then(|| view! {
                        <p class="start__groups">"Names "
                            {groups.into_iter().enumerate().map(|(k, (id, name))| view! {
                                {(k > 0).then_some(", ")}
                                <a href=link(&Route::actor(&id))>{name}</a>
                            }).collect_view()}
                        </p>
                    })}
                </li>
            }
        })
        .collect_view();
    let most = atlas_core::said::most_present(catalog, MOST_NAMED)
        .into_iter()
        .map(|(a, n)| {
            let a = &catalog.actors()[a];
            view! {
                <li data-testid="most-named" data-actor-id=a.id.clone()>
                    <a href=link(&Route::actor(&a.id))>{a.name.clone()}</a>
                    <span class="start__count">{format!(" {n} action{}", if n == 1 { "" } else { "s" })}</span>
                </li>
            }
        })
        .collect_view();
    let guide = atlas_core::naming::guide(catalog)
        .into_iter()
        .map(|g| {
            let source = source_ref(catalog, &g.source);
            view! {
                <div class="guide__vendor" data-testid="naming-guide-vendor">
                    <dt>{g.vendor} <span class="guide__source">" (" {source} ")"</span></dt>
                    <dd>
                        <ul class="guide__forms">
                            {g.forms.into_iter().map(|(form, meaning)| view! {
                                <li><strong>{form}</strong> ": " {meaning}</li>
                            }).collect_view()}
                        </ul>
                    </dd>
                </div>
            }
        })
        .collect_view();
    view! {
        <section class="start__panel" aria-labelledby="latest-heading">
            <h2 id="latest-heading">"Latest government actions"</h2>
            <ol class="start__actions">{latest}</ol>
            <p class="start__more">
                <a href=link(&Route::timeline())>"Every action on the timeline"</a>
                " · "
                <a href=link(&Route::Attributions(None)) data-testid="who-said-it">"Who said it: every government and alliance"</a>
            </p>
        </section>
        <section class="start__panel" aria-labelledby="most-heading">
            <h2 id="most-heading">"Groups governments name most"</h2>
            <ol class="start__most">{most}</ol>
        </section>
        <details class="start__panel start__guide" data-testid="naming-guide">
            <summary>"How to read a vendor's name"</summary>
            <p>"Many vendors name groups by a scheme: the form of a name says who coined it and, often, which country the group is tied to."</p>
            <dl class="guide">{guide}</dl>
        </details>
    }
}
