//! The alias cross-reference: name lookup, the vendor naming matrix, and the names several
//! groups share. Every control's state lives in the URL (`atlas_core::route::NamesState`).

use std::sync::Arc;

use leptos::prelude::*;
use leptos_meta::Title;

use atlas_core::crossref::{self, Matrix, Side, SORT_BY_NAME};
use atlas_core::export::job::Job;
use atlas_core::route::{NamesState, Route};
use atlas_core::url_state::SearchState;
use atlas_core::Catalog;

use crate::api::Loaded;
use crate::app::{draw_step, LAST_STEP};
use crate::components::{source_ref, WithData};
use crate::export::download_link;
use crate::nav::{link, use_go, Deferred, Hot};

/// Matrix rows per page: enough to scan, few enough that a filter redraws in a frame.
const ROWS_PER_PAGE: usize = 50;

#[component]
/// The heading and introduction are drawn at once, before the dataset arrives, with the same
/// markup as the static page `aliases.html` paints: they never move or flash.
pub fn AliasesPage() -> impl IntoView {
    view! {
        <Title text=atlas_core::route::PageKind::Names.page().title/>
        <article class="aliases" data-testid="aliases-page">
            <h1>"Who calls which group what"</h1>
            <p class="aliases__intro">
                "Every vendor's names for every group, each with its source. A name that more than one "
                "group carries is listed under shared names and never merged."
            </p>
            <WithData render=|loaded| view! { <AliasesView loaded/> }/>
        </article>
    }
}

/// The page's parameters: the names page's state in the core's route table.
type Params = NamesState;

/// Changes the page's state: typed text (`true`) shows at once and the address follows when
/// typing pauses; any other step (`false`) pushes a history entry.
type Go = Arc<dyn Fn(Params, bool) + Send + Sync>;

/// Matrix rows drawn while the filter is being typed, more than a screen holds; the rest of
/// the page follows with the address.
const TYPING_ROWS: usize = 15;

#[component]
fn AliasesView(loaded: Arc<Loaded>) -> impl IntoView {
    let hot = Hot::new(|r| match r {
        Route::Names(s) => Some(s.clone()),
        _ => None,
    });
    let params = hot.state;
    // Only the matrix filter's typing trims the matrix; the lookup box's leaves it whole.
    let typing = hot.typing_in(|s| &s.query);
    let follow = Deferred::new();
    let to = use_go();
    let go: Go = {
        let follow = follow.clone();
        Arc::new(move |next: Params, typed: bool| {
            if typed {
                hot.set_local(next.clone());
                follow.set(Route::Names(next));
            } else {
                // A deliberate step carries any typed text itself.
                follow.cancel();
                to(Route::Names(next), false);
            }
        })
    };
    let all_columns = crossref::columns(&loaded.catalog);
    // A name typed into the lookup box leaves the matrix's query, and so the matrix, as is.
    let query = Memo::new(move |_| params.with(|p| p.query.clone()));
    let matrix = {
        let loaded = loaded.clone();
        Memo::new(move |_| query.with(|q| crossref::matrix(&loaded.catalog, q)))
    };
    let origins = loaded.catalog.origin_countries();
    let compared = RwSignal::new(Vec::<String>::new());
    // The shared names (a few hundred elements) sit far below the lookup and the first page
    // of the matrix: they are drawn in a task of their own, after those (a page drawn at
    // build time leaves them to the app).
    let shared_later = RwSignal::new(false);
    #[cfg(target_arch = "wasm32")]
    set_timeout(move || shared_later.set(true), std::time::Duration::ZERO);

    view! {
        <NameLookup loaded=loaded.clone() params go=go.clone() follow=follow.clone()/>
        <MatrixSection
            loaded=loaded.clone()
            params
            typing
            matrix
            all_columns
            origins
            compared
            go
            follow
        />
        {move || shared_later.get().then(|| view! {
            <ConflictList loaded=loaded.clone()/>
            <OtherNames loaded=loaded.clone()/>
        })}
    }
}

#[component]
fn NameLookup(
    loaded: Arc<Loaded>,
    params: Memo<Params>,
    go: Go,
    follow: Deferred,
) -> impl IntoView {
    // The looked-up name alone: typing into the matrix filter leaves the lookup as it is.
    let name = Memo::new(move |_| params.with(|p| p.name.clone()));
    let sides = {
        let loaded = loaded.clone();
        Memo::new(move |_| name.with(|n| crossref::lookup(&loaded.catalog, n)))
    };
    let view_sides = move || {
        let name = name.get();
        if name.trim().is_empty() {
            return None;
        }
        let sides = sides.get();
        let kind = crossref::kind_of_name(&loaded.catalog, &name);
        let kind_note = kind.map(|k| view! {
            <p class="lookup__kind" data-testid="lookup-kind">
                {format!("“{name}” is {}, not a group's own name: it is tied to the groups below, and never counted as a shared name.", k.with_article())}
            </p>
        });
        Some(if sides.is_empty() {
            view! {
                <p data-testid="lookup-empty">
                    "No group carries exactly this name. "
                    <a href=link(&Route::Home(SearchState::default().with_query(&name)))>"Search for it"</a>
                    " to find close spellings."
                </p>
            }
            .into_any()
        } else {
            view! {
                {kind_note}
                <p class="lookup__summary">
                    {if sides.len() > 1 {
                        format!("“{name}” is used for {} different groups:", sides.len())
                    } else {
                        format!("“{name}” is used for one group:")
                    }}
                </p>
                <ul class="lookup__results">
                    {sides.into_iter().map(|s| side_view(&loaded.catalog, &s, "lookup-result")).collect_view()}
                </ul>
            }
            .into_any()
        })
    };
    view! {
        <section class="aliases__section lookup" aria-labelledby="lookup-heading">
            <h2 id="lookup-heading">"Look up a name"</h2>
            <label for="lookup-input" class="lookup__label">
                "Which groups carry a name, and who uses it for which? (e.g. Grizzly Steppe)"
            </label>
            <input
                id="lookup-input"
                class="search__input"
                data-testid="lookup-input"
                type="search"
                autocomplete="off"
                spellcheck="false"
                maxlength="200"
                prop:value=move || name.get()
                on:input=move |e| {
                    let mut next = params.get_untracked();
                    next.name = event_target_value(&e);
                    go(next, true);
                }
                on:blur=move |_| follow.flush()
            />
            {view_sides}
        </section>
    }
}

/// One group's side of a name: the group, and each spelling with its vendor and source.
fn side_view(catalog: &Catalog, side: &Side, testid: &'static str) -> AnyView {
    let a = &catalog.actors()[side.actor];
    // Component children are lazy closures: give them owned values.
    let name = a.name.clone();
    view! {
        <li class="side" data-testid=testid data-actor-id=a.id.clone()>
            <a href=link(&Route::actor(&a.id))>{name}</a>
            {a.origin.as_ref().map(|o| format!(" ({})", o.country))}
            <ul class="side__uses">
                {side
                    .uses
                    .iter()
                    .map(|(name, vendor, source)| {
                        let vendor = vendor
                            .as_deref()
                            .and_then(|v| catalog.vendor(v))
                            .map(|v| v.name.clone())
                            .unwrap_or_else(|| "vendor not recorded".into());
                        view! {
                            <li>
                                <strong>{name.clone()}</strong>
                                {format!(" — {vendor}; source: ")}
                                {source_ref(catalog, source)}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </li>
    }
    .into_any()
}

#[component]
fn MatrixSection(
    loaded: Arc<Loaded>,
    params: Memo<Params>,
    /// Whether the filter is being typed: fewer rows are drawn until it pauses.
    typing: Memo<bool>,
    matrix: Memo<Matrix>,
    all_columns: Vec<crossref::Column>,
    origins: Vec<String>,
    compared: RwSignal<Vec<String>>,
    go: Go,
    follow: Deferred,
) -> impl IntoView {
    let set = {
        let go = go.clone();
        move |f: Box<dyn FnOnce(&mut Params)>, replace: bool| {
            let mut next = params.get_untracked();
            f(&mut next);
            next.page = 1;
            go(next, replace);
        }
    };
    // The columns alone: a filter keystroke changes the rows, and the header and the column
    // chooser (some two hundred elements) are not rebuilt for it.
    let columns = Memo::new(move |_| matrix.with(|m| m.columns.clone()));
    let shown_ids =
        move || columns.with(|cols| cols.iter().map(|c| c.id.clone()).collect::<Vec<_>>());
    // The page shown: the one the address asks for, brought within range.
    let page = move || {
        let asked = params.with(|p| p.page);
        matrix.with(|m| atlas_core::crossref::Page::of(m.rows.len(), ROWS_PER_PAGE, asked))
    };
    // Rows of the page shown, keyed by the group and the columns drawn: a filter keystroke
    // that keeps a row keeps its DOM, and a new column choice redraws every row.
    let step = draw_step();
    let page_rows = move || {
        let page = page();
        matrix.with(|m| {
            let columns: String = m
                .columns
                .iter()
                .map(|c| c.id.as_str())
                .collect::<Vec<_>>()
                .join(",");
            let end = if typing.get() {
                page.end.min(page.start + TYPING_ROWS)
            } else {
                page.end
            };
            // During the app's first draw beside the static page, a part of the rows per
            // step, so no one task draws the whole table.
            let step = usize::from(step.get());
            let end = if step < usize::from(LAST_STEP) {
                end.min(page.start + (step + 1) * ROWS_PER_PAGE / (usize::from(LAST_STEP) + 1))
            } else {
                end
            };
            m.rows[page.start..end]
                .iter()
                .map(|&i| (i, columns.clone()))
                .collect::<Vec<_>>()
        })
    };
    let rows_view = {
        let loaded = loaded.clone();
        move || {
            let loaded = loaded.clone();
            view! {
                <For each=page_rows key=|row| row.clone() let:row>
                    {matrix.with_untracked(|m| row_view(&loaded.catalog, row.0, m, compared))}
                </For>
            }
        }
    };
    // Every row the query keeps, not only this page's: the worker computes the same matrix.
    let matrix_job = move |json: bool| Job::Matrix {
        json,
        query: params.with_untracked(|p| p.query.clone()),
    };
    let column_chooser = {
        let set = set.clone();
        let all = all_columns.clone();
        move || {
            let shown = shown_ids();
            all.iter()
                .map(|c| {
                    let id = c.id.clone();
                    let on = shown.contains(&id);
                    let pos = shown.iter().position(|x| x == &id);
                    let set_toggle = set.clone();
                    let set_up = set.clone();
                    let shown_toggle = shown.clone();
                    let shown_up = shown.clone();
                    let id_toggle = id.clone();
                    let id_up = id.clone();
                    view! {
                        <li class="columns__item">
                            <label>
                                <input
                                    type="checkbox"
                                    data-testid="column-option"
                                    data-vendor=id.clone()
                                    prop:checked=on
                                    on:change=move |_| {
                                        let mut cols = shown_toggle.clone();
                                        if let Some(i) = cols.iter().position(|x| x == &id_toggle) {
                                            cols.remove(i);
                                        } else {
                                            cols.push(id_toggle.clone());
                                        }
                                        set_toggle(Box::new(move |p| p.query.columns = cols), false);
                                    }
                                />
                                {format!(" {} ({})", c.name, c.actors)}
                            </label>
                            {pos.filter(|&i| i > 0).map(|i| view! {
                                <button
                                    type="button"
                                    class="columns__up"
                                    aria-label=format!("Move {} left", c.name)
                                    on:click=move |_| {
                                        let mut cols = shown_up.clone();
                                        cols.swap(i, i - 1);
                                        let _ = &id_up;
                                        set_up(Box::new(move |p| p.query.columns = cols), false);
                                    }
                                >"←"</button>
                            })}
                        </li>
                    }
                })
                .collect_view()
        }
    };
    let sorting = Memo::new(move |_| params.with(|p| (p.query.sort.clone(), p.query.descending)));
    let header = {
        let set = set.clone();
        move || {
            let (sort, desc) = sorting.get();
            let cols = columns.get();
            let mut cells = Vec::new();
            for (id, name) in std::iter::once((SORT_BY_NAME.to_string(), "Group".to_string()))
                .chain(cols.into_iter().map(|c| (c.id, c.name)))
            {
                let active = id == sort;
                let set = set.clone();
                let aria = if active {
                    if desc {
                        "descending"
                    } else {
                        "ascending"
                    }
                } else {
                    "none"
                };
                let arrow = if active {
                    if desc {
                        " ▼"
                    } else {
                        " ▲"
                    }
                } else {
                    ""
                };
                let col = id.clone();
                cells.push(view! {
                    <th scope="col" aria-sort=aria class:matrix__corner=id == SORT_BY_NAME>
                        <button
                            type="button"
                            class="matrix__sort"
                            data-testid="sort-column"
                            data-vendor=id.clone()
                            on:click=move |_| {
                                let col = col.clone();
                                set(Box::new(move |p| {
                                    p.query.descending = p.query.sort == col && !p.query.descending;
                                    p.query.sort = col;
                                }), false)
                            }
                        >
                            {format!("{name}{arrow}")}
                        </button>
                    </th>
                });
            }
            cells.collect_view()
        }
    };
    let vendor_options = all_columns.clone();
    view! {
        <section class="aliases__section matrix" aria-labelledby="matrix-heading">
            <h2 id="matrix-heading">"Naming matrix"</h2>
            <div class="matrix__controls">
                <label>
                    "Filter names "
                    <input
                        type="search"
                        class="matrix__filter"
                        data-testid="matrix-filter"
                        maxlength="200"
                        prop:value=move || params.with(|p| p.query.text.clone())
                        on:input={
                            let set = set.clone();
                            move |e| {
                                let v = event_target_value(&e);
                                set(Box::new(move |p| p.query.text = v), true)
                            }
                        }
                        on:blur=move |_| follow.flush()
                    />
                </label>
                <label>
                    "Origin "
                    <select
                        data-testid="matrix-origin"
                        prop:value=move || params.with(|p| p.query.origin.clone())
                        on:change={
                            let set = set.clone();
                            move |e| {
                                let v = event_target_value(&e);
                                set(Box::new(move |p| p.query.origin = v), false)
                            }
                        }
                    >
                        <option value="">"Any"</option>
                        {origins.into_iter().map(|o| view! { <option value=o.clone()>{o.clone()}</option> }).collect_view()}
                    </select>
                </label>
                <label>
                    "Named by "
                    <select
                        data-testid="matrix-vendor"
                        prop:value=move || params.with(|p| p.query.vendor.clone())
                        on:change={
                            let set = set.clone();
                            move |e| {
                                let v = event_target_value(&e);
                                set(Box::new(move |p| p.query.vendor = v), false)
                            }
                        }
                    >
                        <option value="">"Any vendor"</option>
                        {vendor_options.into_iter().map(|c| view! { <option value=c.id.clone()>{c.name.clone()}</option> }).collect_view()}
                    </select>
                </label>
            </div>
            <details class="columns">
                <summary>"Choose and order columns"</summary>
                <ul class="columns__list">{column_chooser}</ul>
            </details>
            <p class="matrix__summary">
                <span data-testid="matrix-count">
                    {move || matrix.with(|m| format!("{} groups × {} vendors", m.rows.len(), m.columns.len()))}
                </span>
                {move || sorting.with(|(sort, desc)| sort.is_empty() && !desc).then(|| view! {
                    <span data-testid="matrix-order">" · the groups most vendors name first"</span>
                })}
                " · Export this view: "
                {download_link("export-csv", "CSV", "threat-atlas-names.csv", "text/csv", loaded.clone(), move || matrix_job(false))}
                " "
                {download_link("export-json", "JSON", "threat-atlas-names.json", "application/json", loaded.clone(), move || matrix_job(true))}
                " · "
                {move || {
                    let ids = compared.get();
                    if ids.len() >= 2 {
                        view! {
                            <a href=link(&Route::Compare(ids.clone())) data-testid="compare-selected">
                                {format!("Compare the {} ticked groups", ids.len())}
                            </a>
                        }
                        .into_any()
                    } else {
                        view! { <span>"Tick 2–4 groups to compare them"</span> }.into_any()
                    }
                }}
            </p>
            <div class="matrix__scroll" tabindex="0" role="region" aria-label="Naming matrix, scrollable">
                <table class="matrix__table" data-testid="matrix" data-filter=move || params.with(|p| p.query.text.clone())>
                    <thead><tr>{header}</tr></thead>
                    <tbody>{rows_view}</tbody>
                </table>
            </div>
            <nav class="matrix__pages" aria-label="Matrix pages">
                <button
                    type="button"
                    class="button button--secondary"
                    disabled=move || !page().has_previous()
                    on:click={
                        let go = go.clone();
                        move |_| {
                            let mut next = params.get_untracked();
                            next.page = page().number - 1;
                            go(next, false);
                        }
                    }
                >"Previous"</button>
                <span data-testid="matrix-page">{move || { let p = page(); format!(" Page {} of {} ", p.number, p.count) }}</span>
                <button
                    type="button"
                    class="button button--secondary"
                    data-testid="matrix-next"
                    disabled=move || !page().has_next()
                    on:click=move |_| {
                        let mut next = params.get_untracked();
                        next.page = page().number + 1;
                        go(next, false);
                    }
                >"Next"</button>
            </nav>
        </section>
    }
}

fn row_view(catalog: &Catalog, i: usize, m: &Matrix, compared: RwSignal<Vec<String>>) -> AnyView {
    let a = &catalog.actors()[i];
    let id = a.id.clone();
    let id_check = id.clone();
    let id_toggle = id.clone();
    let name = a.name.clone();
    view! {
        <tr data-testid="matrix-row" data-actor-id=id.clone()>
            <th scope="row" class="matrix__group">
                <input
                    type="checkbox"
                    class="matrix__compare"
                    aria-label=format!("Compare {}", a.name)
                    data-testid="compare-toggle"
                    prop:checked=move || compared.with(|c| c.contains(&id_check))
                    on:change=move |_| compared.update(|c| {
                        if let Some(p) = c.iter().position(|x| x == &id_toggle) {
                            c.remove(p);
                        } else if c.len() < crossref::MAX_COMPARED {
                            c.push(id_toggle.clone());
                        }
                    })
                />
                " "
                <a href=link(&Route::actor(&id))>{name}</a>
            </th>
            // Each cell's names, sources and decoders are markup the core writes (escaped):
            // one parse for the browser instead of a dozen calls from wasm per name.
            {m.columns
                .iter()
                .map(|c| {
                    view! {
                        <td data-testid="matrix-cell" data-vendor=c.id.clone() inner_html=crossref::cell_markup(catalog, a, &c.id)></td>
                    }
                })
                .collect_view()}
        </tr>
    }
    .into_any()
}

/// Names tied to groups that are not their names: listed apart from the matrix.
#[component]
fn OtherNames(loaded: Arc<Loaded>) -> impl IntoView {
    let names = crossref::other_names(&loaded.catalog);
    let catalog = &loaded.catalog;
    view! {
        <section class="aliases__section other-names" aria-labelledby="other-names-heading" id="other-names" data-testid="other-names">
            <h2 id="other-names-heading">"Operations, clusters, reports and designations"</h2>
            <p>{format!("{} names are tied to groups without being a group's own name: operations and campaigns, vendors' temporary clusters, report titles and government designations. They are not in the matrix and never count as shared names.", names.len())}</p>
            <ul class="other-names__list">
                {names.into_iter().map(|n| {
                    let kind = n.kind;
                    let groups: Vec<(String, String)> = n.actors.iter().map(|&i| {
                        let a = &catalog.actors()[i];
                        (a.id.clone(), a.name.clone())
                    }).collect();
                    view! {
                        <li data-testid="other-name-row" data-kind=format!("{kind:?}").to_lowercase()>
                            <strong>{n.name.clone()}</strong> " — " {kind.label()} ", tied to "
                            {groups.into_iter().map(|(id, name)| view! {
                                <a href=link(&Route::actor(&id))>{name}</a> " "
                            }).collect_view()}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn ConflictList(loaded: Arc<Loaded>) -> impl IntoView {
    let conflicts = loaded.conflicts();
    let catalog = &loaded.catalog;
    view! {
        <section class="aliases__section conflicts" aria-labelledby="conflicts-heading" id="shared-names">
            <h2 id="conflicts-heading">"Shared names"</h2>
            <p data-testid="conflict-count">
                {format!("{} names are carried by more than one group. Each side is shown with who uses the name for it and the source.", conflicts.len())}
            </p>
            <ul class="conflicts__list">
                {conflicts
                    .iter()
                    .map(|c| view! {
                        <li class="conflict" data-testid="alias-conflict" data-key=c.key.clone() id=format!("shared-{}", c.key)>
                            <h3 class="conflict__name">{c.name.clone()}</h3>
                            <ul class="conflict__sides">
                                {c.sides.iter().map(|s| side_view(catalog, s, "conflict-side")).collect_view()}
                            </ul>
                        </li>
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}
