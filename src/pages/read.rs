//! "Read a story": the reader pastes an article and sees every group it names — the text
//! with each name marked, and a who's-who: the names used for each group and who coined
//! them, its origin, other names and latest government actions; names several groups carry,
//! with their candidates; and group-like names the atlas does not know. The core reads the
//! text (`atlas_core::story`); nothing typed here leaves the device or enters the address.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::Title;

use atlas_core::export::job::Job;
use atlas_core::route::{PageKind, Route};
use atlas_core::story::{self, Reading, Story};

use crate::api::Loaded;
use crate::components::WithData;
use crate::export::download_link;
use crate::nav::link;

/// The longest story read, in characters (a long article is some 60,000).
const MAX_STORY: usize = 200_000;

#[component]
pub fn ReadPage() -> impl IntoView {
    let text = RwSignal::new(String::new());
    // What became of the last file chosen or dropped: its name and a note, or why not.
    let file_status = RwSignal::new(None::<Result<String, String>>);
    let dragging = RwSignal::new(false);
    let open = move |list: Option<web_sys::FileList>| {
        let Some(file) = list.and_then(|l| l.get(0)) else {
            return;
        };
        spawn_local(async move {
            let name = file.name();
            let read = crate::files::read_files(vec![file], |_| {}).await;
            let story = read.and_then(|mut files| {
                let f = files.pop().ok_or_else(|| "Nothing was read.".to_string())?;
                atlas_core::plain::story_file(&f.name, &f.text, MAX_STORY)
            });
            match story {
                Ok(s) => {
                    let note = if s.truncated {
                        format!(
                            "Read “{}”: its first {MAX_STORY} characters.",
                            atlas_core::import::short(&name)
                        )
                    } else {
                        format!("Read “{}”.", atlas_core::import::short(&name))
                    };
                    text.try_set(s.text);
                    file_status.try_set(Some(Ok(note)));
                }
                Err(e) => {
                    file_status.try_set(Some(Err(e)));
                }
            }
        });
    };
    let on_change = move |e: leptos::ev::Event| {
        let input = e
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(t).ok());
        if let Some(input) = input {
            open(input.files());
            input.set_value("");
        }
    };
    // A dropped file is read here; dropped text still goes into the text area as usual.
    let on_drop = move |e: leptos::ev::DragEvent| {
        dragging.set(false);
        let files = e
            .data_transfer()
            .and_then(|d| d.files())
            .filter(|f| f.length() > 0);
        if files.is_some() {
            e.prevent_default();
            open(files);
        }
    };
    let accept = atlas_core::plain::STORY_EXTENSIONS.join(",");
    view! {
        <Title text=PageKind::Read.page().title/>
        <article class="read" data-testid="read-page">
            <h1>"Read a story"</h1>
            <p class="read__intro">
                "Paste a news story or a report: every threat actor group it names is marked, with who coined "
                "each name and who else has said so. It is read on this device; nothing is sent or kept."
            </p>
            <div
                class=move || if dragging.get() { "read__drop read__drop--over" } else { "read__drop" }
                data-testid="story-drop"
                on:dragover=move |e: leptos::ev::DragEvent| { e.prevent_default(); dragging.set(true); }
                on:dragleave=move |_| dragging.set(false)
                on:drop=on_drop
            >
            <label class="read__label" for="story-input">"The story"</label>
            <textarea
                id="story-input"
                class="read__input"
                data-testid="story-input"
                rows="8"
                maxlength=MAX_STORY
                spellcheck="false"
                placeholder="Paste the article's text here"
                prop:value=move || text.get()
                on:input=move |e| text.set(event_target_value(&e))
            ></textarea>
            <p class="read__file">
                <label for="story-file" class="button button--secondary">"Choose a file…"</label>
                <input
                    id="story-file"
                    class="visually-hidden-file"
                    data-testid="story-file"
                    type="file"
                    accept=accept
                    on:change=on_change
                />
                " or drop one here: text, Markdown or a saved web page (.txt, .md, .html), read as text."
            </p>
            </div>
            <p class="read__status" data-testid="story-file-status" role="status">
                {move || file_status.get().map(|r| match r {
                    Ok(note) => view! { <span>{note}</span> }.into_any(),
                    Err(e) => view! { <span class="read__error">{e}</span> }.into_any(),
                })}
            </p>
            <WithData render=move |loaded| view! { <StoryView loaded text/> }/>
        </article>
    }
}

#[component]
fn StoryView(loaded: Arc<Loaded>, text: RwSignal<String>) -> impl IntoView {
    let read = {
        let loaded = loaded.clone();
        Memo::new(move |_| {
            text.with(|t| {
                // The index is built before the measure starts (`loaded.search()` is lazy).
                let index = loaded.search();
                crate::api::timed("atlas-story-read", || {
                    let story = story::read(&loaded.catalog, index, t);
                    let who = story::who_is(&loaded.catalog, &story);
                    (story, who)
                })
            })
        })
    };
    let marked = {
        let loaded = loaded.clone();
        move || {
            read.with(|(story, _)| {
                text.with(|t| {
                    story
                        .segments(t)
                        .into_iter()
                        .map(|(piece, m)| match m {
                            None => piece.to_string().into_any(),
                            Some(i) => mark(&loaded, story, i, piece).into_any(),
                        })
                        .collect_view()
                })
            })
        }
    };
    let groups = move || {
        read.with(|(_, who)| {
                who.iter()
                    .map(|w| {
                        let origin = w.origin.clone().map(|o| format!(" · origin: {o}"));
                        let uncertain = w.uncertain.then(|| view! {
                            <p class="story-group__note">"The story also uses a name this group shares with others (below)."</p>
                        });
                        let others = (!w.other_names.is_empty())
                            .then(|| format!("Also called: {}.", w.other_names.join(", ")));
                        let actions = w.actions.iter().map(|(date, by, title)| {
                            let by = if by.is_empty() { String::new() } else { format!("{by}: ") };
                            view! { <li>{format!("{date} — {by}{title}")}</li> }
                        }).collect_view();
                        let has_actions = !w.actions.is_empty();
                        view! {
                            <li class="story-group" data-testid="story-group" data-actor-id=w.id.clone()>
                                <h3 class="story-group__name"><a href=link(&Route::actor(&w.id))>{w.name.clone()}</a>{origin}</h3>
                                <ul class="story-group__used">
                                    {w.used.iter().map(|u| {
                                        let used = (!u.used_by.is_empty()).then(|| u.used_by.join(", "));
                                        let who = match (&u.coined_by, used) {
                                            (Some(c), Some(used)) => format!(" — coined by {c}; used by {used}"),
                                            (Some(c), None) => format!(" — coined by {c}"),
                                            (None, Some(used)) => format!(" — used by {used}"),
                                            (None, None) => " — no vendor recorded".to_string(),
                                        };
                                        let times = (u.count > 1).then(|| format!(" (×{})", u.count));
                                        let kind = u.kind.map(|k| format!("; {k}"));
                                        let maybe = u.ordinary_word.then_some("; also an ordinary word, it may not mean the group");
                                        view! {
                                            <li data-testid="story-used-name"><strong>{u.written.clone()}</strong>{times}{who}{kind}{maybe}</li>
                                        }
                                    }).collect_view()}
                                </ul>
                                {uncertain}
                                {others.map(|o| view! { <p class="story-group__others">{o}</p> })}
                                {has_actions.then(|| view! {
                                    <p class="story-group__label">"Latest government actions:"</p>
                                    <ul class="story-group__actions">{actions}</ul>
                                })}
                            </li>
                        }
                    })
                    .collect_view()
            })
    };
    let shared = {
        let loaded = loaded.clone();
        move || {
            read.with(|(story, _)| {
                story
                    .shared
                    .iter()
                    .map(|s| {
                        let names = |a: usize| loaded.catalog.actors()[a].name.clone();
                        view! {
                            <li data-testid="story-shared">
                                <strong>{s.written.clone()}</strong>
                                " is a name of several groups: "
                                {s.candidates.iter().map(|&a| {
                                    let id = loaded.catalog.actors()[a].id.clone();
                                    view! { <a href=link(&Route::actor(&id)) data-testid="story-candidate">{names(a)}</a> " " }
                                }).collect_view()}
                                {s.evidence.iter().map(|(a, found)| {
                                    format!("The story also names {} as {}. ", names(*a), found.join(", "))
                                }).collect::<String>()}
                            </li>
                        }
                    })
                    .collect_view()
            })
        }
    };
    let unknown = move || {
        read.with(|(story, _)| {
            story
                .unknown
                .iter()
                .map(|(written, vendor)| {
                    view! {
                        <li data-testid="story-unknown">
                            <strong>{written.clone()}</strong>
                            {format!(" has the form of {}'s group names, but no group in the atlas has it.", vendor)}
                        </li>
                    }
                })
                .collect_view()
        })
    };
    let counts = move || {
        read.with(|(story, _)| {
            (
                story.groups.len(),
                story.shared.len(),
                story.unknown.len(),
                story.mentions.is_empty(),
            )
        })
    };
    // The worker reads the story again from its text: the who's-who comes out the same.
    let story_job = move |json: bool| Job::Story {
        json,
        text: text.get_untracked(),
    };
    let compare = move || {
        read.with(|(_, who)| {
            let ids: Vec<String> = who
                .iter()
                .take(atlas_core::crossref::MAX_COMPARED)
                .map(|w| w.id.clone())
                .collect();
            (ids.len() >= 2).then(|| {
                let label = if who.len() > ids.len() {
                    format!("Compare the first {} groups", ids.len())
                } else {
                    format!("Compare these {} groups", ids.len())
                };
                view! { " · " <a href=link(&Route::Compare(ids)) data-testid="story-compare">{label}</a> }
            })
        })
    };
    view! {
        <section class="story" aria-label="What the story names">
            <p class="story__count" data-testid="story-count" aria-live="polite">
                {move || {
                    let (g, s, u, none) = counts();
                    if none {
                        "No group names found yet.".to_string()
                    } else {
                        format!("{g} group{} named; {s} shared name{}; {u} unknown group-like name{}.",
                            if g == 1 { "" } else { "s" }, if s == 1 { "" } else { "s" }, if u == 1 { "" } else { "s" })
                    }
                }}
            </p>
            <div class="story__text" data-testid="story-text">{marked}</div>
            <h2>"Who's who"</h2>
            <p class="story__downloads" hidden=move || read.with(|(_, who)| who.is_empty())>
                "Download the who's who: "
                {download_link("story-export-csv", "CSV", "threat-atlas-story.csv", "text/csv", loaded.clone(), move || story_job(false))}
                " "
                {download_link("story-export-json", "JSON", "threat-atlas-story.json", "application/json", loaded.clone(), move || story_job(true))}
                {compare}
            </p>
            <ul class="story__groups">{groups}</ul>
            <h2>"Names several groups carry"</h2>
            <ul class="story__shared">{shared}</ul>
            <h2>"Unknown group-like names"</h2>
            <ul class="story__unknown">{unknown}</ul>
        </section>
    }
}

/// One name in the marked copy of the story: exactly the story's words.
fn mark(loaded: &Loaded, story: &Story, i: usize, piece: &str) -> impl IntoView {
    let m = &story.mentions[i];
    let (class, title) = match &m.reading {
        Reading::Known {
            owners,
            ordinary_word,
        } if owners.len() == 1 => {
            let a = &loaded.catalog.actors()[owners[0].0];
            let note = if *ordinary_word {
                " (may not mean the group)"
            } else {
                ""
            };
            ("story-name", format!("{}{note}", a.name))
        }
        Reading::Known { owners, .. } => (
            "story-name story-name--shared",
            format!(
                "Shared by {}",
                owners
                    .iter()
                    .map(|(a, _)| loaded.catalog.actors()[*a].name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ),
        Reading::Unknown { .. } => (
            "story-name story-name--unknown",
            "Not in the atlas".to_string(),
        ),
    };
    view! { <mark class=class data-testid="story-name" title=title>{piece.to_string()}</mark> }
}
