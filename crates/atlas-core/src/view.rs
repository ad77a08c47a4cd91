//! View models: what a page or a component shows, as plain data computed from the catalog
//! before anything is drawn. Components only render these.

use crate::route::Route;
use crate::search::{Hit, MatchKind, SearchIndex};
use crate::timeline::{Group, Mark, TimelineLayout};
use crate::{Actor, Catalog, Event};

/// Everything a card shows, computed from the catalog before rendering.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Card {
    pub id: String,
    pub name: String,
    pub matched: Option<(String, Option<String>, &'static str)>,
    pub shared: bool,
    pub other_names: Vec<String>,
    pub origin: Option<String>,
    pub sectors: Vec<String>,
    pub first_seen: Option<String>,
    pub events: usize,
    pub sources: usize,
    /// The comparison of this group with its related groups, when it has any.
    pub compare: Option<Route>,
    /// Umbrella and parts: ("Has part" / "Part of", id, name).
    pub family: Vec<(String, String, String)>,
    /// When the match is not a group's name: what kind of name it is.
    pub matched_kind: Option<&'static str>,
    /// What the matched name's form means, with its source (the name decoder).
    pub decoded: Option<String>,
}

impl Card {
    pub fn new(catalog: &Catalog, index: &SearchIndex, hit: &Hit) -> Card {
        let a = &catalog.actors()[hit.actor];
        let found = index.matched(catalog, hit);
        let matched = found.as_ref().map(|m| {
            let vendor = m
                .vendor
                .as_deref()
                .and_then(|v| catalog.vendor(v))
                .map(|v| v.name.clone());
            let how = match m.kind {
                MatchKind::Exact => "exact name",
                MatchKind::Prefix => "name starts with your search",
                MatchKind::Typo(_) => "close spelling",
                MatchKind::Words => "words in a name",
            };
            (m.name.clone(), vendor, how)
        });
        let skip = |n: &str| {
            n.eq_ignore_ascii_case(&a.name)
                || matched
                    .as_ref()
                    .is_some_and(|(m, _, _)| m.eq_ignore_ascii_case(n))
        };
        let other_names = well_known_names(a, 4, skip);
        let mut sources: Vec<&str> = a
            .aliases
            .iter()
            .map(|x| x.source.as_str())
            .chain(a.sources.iter().map(String::as_str))
            .collect();
        crate::sort::sort(&mut sources);
        sources.dedup();
        Card {
            id: a.id.clone(),
            name: a.name.clone(),
            shared: found.as_ref().is_some_and(|m| m.shared),
            matched,
            other_names,
            origin: a.origin.as_ref().map(|o| o.country.clone()),
            sectors: a.sectors.iter().take(3).cloned().collect(),
            first_seen: a.first_seen.map(|d| d.human()),
            events: catalog.events_for(&a.id).len(),
            sources: sources.len(),
            compare: compare_route(catalog, a),
            family: catalog
                .relations(a)
                .into_iter()
                .filter(|r| r.kind == crate::RelationKind::PartOf)
                .map(|r| {
                    let o = &catalog.actors()[r.other];
                    (r.label(), o.id.clone(), o.name.clone())
                })
                .collect(),
            matched_kind: found
                .as_ref()
                .and_then(|m| {
                    a.aliases
                        .iter()
                        .find(|x| x.name == m.name && !x.kind.can_conflict())
                })
                .map(|x| x.kind.with_article()),
            decoded: found.as_ref().and_then(|m| {
                let (text, source) =
                    crate::naming::decoder_line(catalog, &m.name, m.vendor.as_deref())?;
                let source = catalog.source(source).map_or(source, |s| s.name.as_str());
                Some(format!("{text} — source: {source}"))
            }),
        }
    }
}

/// `compare?ids=…` for this actor and up to three related groups, when it has any.
pub fn compare_route(catalog: &Catalog, actor: &Actor) -> Option<Route> {
    let mut ids = vec![actor.id.clone()];
    ids.extend(
        actor
            .related
            .iter()
            .filter(|r| catalog.actor(&r.id).is_some())
            .take(crate::crossref::MAX_COMPARED - 1)
            .map(|r| r.id.clone()),
    );
    (ids.len() > 1).then_some(Route::Compare(ids))
}

/// What the timeline chart says about one event's mark.
#[derive(Clone, Debug, PartialEq)]
pub struct MarkLabel {
    pub id: String,
    pub date: String,
    /// "18 July 2022 — Belgium …": the mark's accessible name and tooltip.
    pub label: String,
    pub group: Group,
}

/// Up to `n` of a group's other names, well-known ones first (those a vendor is recorded as
/// using), without repeats and without those `skip` refuses: the names a card lists and a
/// page's title carries.
pub fn well_known_names(a: &Actor, n: usize, skip: impl Fn(&str) -> bool) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for alias in a
        .aliases
        .iter()
        .filter(|x| x.vendor.is_some())
        .chain(a.aliases.iter().filter(|x| x.vendor.is_none()))
    {
        if names.len() == n {
            break;
        }
        if !skip(&alias.name) && !names.iter().any(|x| x.eq_ignore_ascii_case(&alias.name)) {
            names.push(alias.name.clone());
        }
    }
    names
}

/// The site's name, after every page's own title.
pub const SITE_NAME: &str = "Threat Atlas";

/// A page's full title: "Attribution timeline — Threat Atlas"; the home page's is the site's.
pub fn page_title(title: &str) -> String {
    if title.is_empty() {
        SITE_NAME.to_string()
    } else {
        format!("{title} — {SITE_NAME}")
    }
}

/// An actor page's title, before the site's name: the group and three of its best-known
/// other names, "APT31 (Zirconium, Judgment Panda, Violet Typhoon)", so a search result or a
/// link preview says which group this is under the name the reader knows.
pub fn actor_title(a: &Actor) -> String {
    // Only names of the group itself: not an operation, a tool or a report title, and not
    // an ATT&CK id ("G0128"), which says nothing to a reader.
    let not_the_group = |n: &str| {
        a.aliases.iter().any(|x| {
            x.name == n
                && !matches!(
                    x.kind,
                    crate::model::NameKind::Group
                        | crate::model::NameKind::Tracking
                        | crate::model::NameKind::Other
                )
        })
    };
    let others = well_known_names(a, 3, |n| {
        n.eq_ignore_ascii_case(&a.name) || not_the_group(n)
    });
    if others.is_empty() {
        a.name.clone()
    } else {
        format!("{} ({})", a.name, others.join(", "))
    }
}

/// An actor page's description for search engines and link previews, at most about 300
/// characters: the start of its summary (written for the project) when it has one, else
/// what the record says — suspected origin, other names, how many events and sources.
pub fn actor_description(catalog: &Catalog, a: &Actor) -> String {
    const MAX: usize = 300;
    if let Some(summary) = &a.summary {
        let mut out = String::new();
        for sentence in summary.split_inclusive(". ") {
            if !out.is_empty() && out.chars().count() + sentence.chars().count() > MAX {
                break;
            }
            out.push_str(sentence);
        }
        return crate::text::truncate_chars(out.trim(), MAX);
    }
    let mut parts = vec![format!("{}: a threat actor group", a.name)];
    if let Some(o) = &a.origin {
        parts[0].push_str(&format!(" of suspected {} origin", o.country));
    }
    let names = well_known_names(a, 6, |n| n.eq_ignore_ascii_case(&a.name));
    if !names.is_empty() {
        parts.push(format!("also called {}", names.join(", ")));
    }
    let events = catalog.events_for(&a.id).len();
    if events > 0 {
        parts.push(format!(
            "{events} public attribution{} and report{} on record",
            if events == 1 { "" } else { "s" },
            if events == 1 { "" } else { "s" }
        ));
    }
    crate::text::truncate_chars(&(parts.join("; ") + "."), MAX)
}

/// Labels of the marks of `indices` (into the catalog's events), in that order.
pub fn mark_labels(catalog: &Catalog, indices: &[usize]) -> Vec<MarkLabel> {
    indices
        .iter()
        .map(|&i| {
            let e = &catalog.events()[i];
            MarkLabel {
                id: e.id.clone(),
                date: e.date.to_string(),
                label: format!("{} — {}", when(e), e.title),
                group: Group::of(e.kind),
            }
        })
        .collect()
}

/// The marks of a timeline chart as SVG markup, one element a mark in the layout's order:
/// a circle for a point in time, a bar for a span, each with its event's id and date, its
/// place in reading order (`data-mark-index`, from `position`), its label as accessible name
/// (the chart shows it in one tooltip of its own on hover and focus: a `<title>` a mark
/// would double the elements to parse), and one tab stop (the mark at reading position
/// `tab_stop`). `y` gives a mark's vertical centre. Two thousand marks are one string the
/// browser parses at once, instead of twenty thousand calls from wasm to build them element
/// by element.
pub fn marks_markup(
    layout: &TimelineLayout,
    events: &[MarkLabel],
    position: &[usize],
    y: impl Fn(&Mark) -> f64,
    selected: Option<&str>,
    tab_stop: usize,
) -> String {
    let whole = Bands {
        view: (f64::NEG_INFINITY, f64::INFINITY),
        per_band: usize::MAX,
    };
    marks_markup_in_bands(layout, events, position, y, selected, tab_stop, whole).concat()
}

/// How [`marks_markup_in_bands`] splits the marks.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bands {
    /// The part of the chart on screen, top and bottom in the chart's own units.
    pub view: (f64, f64),
    /// How many of the other marks go in each later band.
    pub per_band: usize,
}

/// The same marks as [`marks_markup`], in bands the page can hand the browser one task at a
/// time: first the marks whose centre lies in `bands.view`, then the others from the top
/// down, `bands.per_band` a band. The first band is there even when no mark is in view (then
/// it is empty). With 2,000 marks most of a tall chart is below the fold: the frame that
/// shows the chart need not parse and lay out what no one can see yet.
pub fn marks_markup_in_bands(
    layout: &TimelineLayout,
    events: &[MarkLabel],
    position: &[usize],
    y: impl Fn(&Mark) -> f64,
    selected: Option<&str>,
    tab_stop: usize,
    bands: Bands,
) -> Vec<String> {
    mark_bands(layout, &y, bands)
        .iter()
        .map(|band| marks_markup_of(layout, events, position, &y, selected, tab_stop, band))
        .collect()
}

/// The marks of each band [`marks_markup_in_bands`] writes, as indices into `layout.marks`,
/// so that a page can write each band's markup only when it adds it.
pub fn mark_bands(
    layout: &TimelineLayout,
    y: impl Fn(&Mark) -> f64,
    bands: Bands,
) -> Vec<Vec<usize>> {
    let Bands { view, per_band } = bands;
    let centres: Vec<f64> = layout.marks.iter().map(&y).collect();
    let in_view = |i: usize| centres[i] >= view.0 && centres[i] <= view.1;
    let (first, mut rest): (Vec<usize>, Vec<usize>) =
        (0..layout.marks.len()).partition(|&i| in_view(i));
    // Top down, and in layout order within a lane's height (a stable sort).
    crate::sort::sort_by_key(&mut rest, |&i| (centres[i].max(0.0) * 10.0) as u64);
    let mut out = vec![first];
    out.extend(rest.chunks(per_band.max(1)).map(<[usize]>::to_vec));
    out
}

/// The markup of the marks `which` (indices into `layout.marks`), as [`marks_markup`]
/// writes them.
pub fn marks_markup_of(
    layout: &TimelineLayout,
    events: &[MarkLabel],
    position: &[usize],
    y: impl Fn(&Mark) -> f64,
    selected: Option<&str>,
    tab_stop: usize,
    which: &[usize],
) -> String {
    // About 360 bytes a mark with the bundled titles; a little more spares a copy.
    let mut out = String::with_capacity(which.len() * 400);
    for &i in which {
        let m = &layout.marks[i];
        write_mark(
            &mut out,
            m,
            &events[m.event],
            position[i],
            y(m),
            selected,
            tab_stop,
        );
    }
    out
}

/// One mark's element (see [`marks_markup`]).
fn write_mark(
    out: &mut String,
    m: &Mark,
    e: &MarkLabel,
    pos: usize,
    cy: f64,
    selected: Option<&str>,
    tab_stop: usize,
) {
    use std::fmt::Write;
    let esc = crate::text::escape_markup;
    let chosen = if selected == Some(e.id.as_str()) {
        " timeline-chart__mark--selected"
    } else {
        ""
    };
    let tabindex = if pos == tab_stop { "0" } else { "-1" };
    let tag = if m.point { "circle" } else { "rect" };
    let _ = write!(out, "<{tag} ");
    if m.point {
        let _ = write!(out, r#"cx="{}" cy="{}" r="5""#, Px(m.x0), Px(cy));
    } else {
        let _ = write!(
            out,
            r#"x="{}" y="{}" width="{}" height="10" rx="2""#,
            Px(m.x0),
            Px(cy - 5.0),
            Px((m.x1 - m.x0).max(2.0))
        );
    }
    let _ = write!(
        out,
        r#" class="timeline-chart__mark timeline-chart__mark--{group}{chosen}" data-testid="timeline-event" data-event-id="{id}" data-date="{date}" data-mark-index="{pos}" tabindex="{tabindex}" role="button" aria-label="{label}"></{tag}>"#,
        group = m.group.param(),
        id = esc(&e.id),
        date = esc(&e.date),
        label = esc(&e.label),
    );
}

/// A length in SVG units (CSS pixels) as markup writes it: to a tenth of a pixel, which no
/// screen shows finer, and without a trailing ".0" ("12", "12.5").
struct Px(f64);

impl std::fmt::Display for Px {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // In whole tenths, written as integers: formatting a float to its shortest digits
        // took 5 ms of a 2,000-mark chart in the browser.
        let tenths = (self.0 * 10.0).round() as i64;
        // Never "-0".
        let sign = if tenths < 0 { "-" } else { "" };
        let t = tenths.unsigned_abs();
        match t % 10 {
            0 => write!(f, "{sign}{}", t / 10),
            d => write!(f, "{sign}{}.{d}", t / 10),
        }
    }
}

/// The captions beside the marks that have one (who made each government attribution), as
/// SVG text elements with their event's id; `y` gives a mark's vertical centre, as for
/// [`marks_markup`]. The text baseline sits 4 px below it.
pub fn captions_markup(
    layout: &TimelineLayout,
    events: &[MarkLabel],
    y: impl Fn(&Mark) -> f64,
) -> String {
    use std::fmt::Write;
    let esc = crate::text::escape_markup;
    let mut out = String::new();
    for m in &layout.marks {
        let Some(c) = &m.caption else {
            continue;
        };
        let _ = write!(
            out,
            r#"<text x="{}" y="{}" class="timeline-chart__caption" text-anchor="{}" data-testid="timeline-caption" data-event-id="{}">{}</text>"#,
            Px(c.x),
            Px(y(m) + 4.0),
            if c.end_anchored { "end" } else { "start" },
            esc(&events[m.event].id),
            esc(&c.text),
        );
    }
    out
}

/// The groups the events name, for a chooser: `(name, id)`, each group once, by name
/// (ignoring case) and then id. Each id is looked up once, however many events name it.
pub fn event_actor_choices(catalog: &Catalog) -> Vec<(String, String)> {
    let mut seen = std::collections::HashSet::new();
    let mut out: Vec<(String, String)> = catalog
        .events()
        .iter()
        .flat_map(|e| e.claims.iter().flat_map(|c| c.actors.iter()))
        .filter(|id| seen.insert(id.as_str()))
        .filter_map(|id| catalog.actor(id).map(|a| (a.name.clone(), a.id.clone())))
        .collect();
    crate::sort::sort_by_cached_key(&mut out, |(name, id)| (name.to_lowercase(), id.clone()));
    // A former id and the current one are the same group.
    out.dedup();
    out
}

/// An event's date as a reader reads it: "18 July 2022", "March 2024 – May 2025".
pub fn when(e: &Event) -> String {
    match e.end {
        Some(end) => format!("{} – {}", e.date.human(), end.human()),
        None => e.date.human(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIXTURE: &str = r#"{"schema":1,"info":{"title":"t","version":"1"},
      "sources":[{"id":"s","name":"Our notes","kind":"dataset"}],
      "vendors":[{"id":"v","name":"Vendor V"}],
      "actors":[
        {"id":"a","name":"Alpha Group","aliases":[{"name":"Alpha Group","vendor":"v","source":"s"},{"name":"Crimson Owl","vendor":"v","source":"s"},{"name":"Op Lantern","source":"s","kind":"operation"}],
         "origin":{"country":"Ruritania","source":"s"},"first_seen":"2019","sources":["s"],
         "related":[{"id":"b","kind":"overlaps","source":"s"}]},
        {"id":"b","name":"Beta Team","sources":["s"]}],
      "events":[
        {"id":"e1","date":"2024-03","kind":"government-attribution","title":"Ruritania names Alpha","attributed_by":["Ruritania"],"claims":[{"names_as_stated":"Alpha","actors":["a"]}]}
      ]}"#;

    fn mark(event: usize, point: bool, x0: f64, x1: f64) -> Mark {
        Mark {
            event,
            group: Group::Government,
            lane: 0,
            x0,
            x1,
            point,
            caption: None,
        }
    }

    #[test]
    fn lengths_are_written_to_a_tenth_of_a_pixel() {
        let w = |x: f64| Px(x).to_string();
        assert_eq!(w(12.0), "12");
        assert_eq!(w(12.5), "12.5");
        assert_eq!(w(123.456_789_012_345), "123.5");
        assert_eq!(w(0.04), "0");
        assert_eq!(w(-0.04), "0");
        assert_eq!(w(-3.25), "-3.3");
        assert_eq!(w(99.96), "100");
        assert_eq!(w(-0.5), "-0.5");
    }

    #[test]
    fn event_actor_choices_lists_each_named_group_once_by_name() {
        let json = FIXTURE.replace(
            r#""claims":[{"names_as_stated":"Alpha","actors":["a"]}]}"#,
            r#""claims":[{"names_as_stated":"Alpha","actors":["b","a"]},{"names_as_stated":"Alpha again","actors":["a","nobody"]}]},
            {"id":"e2","date":"2024-04","kind":"government-attribution","title":"Again","attributed_by":["Ruritania"],"claims":[{"names_as_stated":"Beta","actors":["b"]}]}"#,
        );
        let (catalog, _) = crate::parse(&json).unwrap();
        assert_eq!(
            event_actor_choices(&catalog),
            [
                ("Alpha Group".to_string(), "a".to_string()),
                ("Beta Team".to_string(), "b".to_string())
            ]
        );
    }

    #[test]
    fn marks_markup_draws_each_mark_escaped_with_one_tab_stop() {
        let layout = TimelineLayout {
            marks: vec![mark(1, true, 10.0, 10.0), mark(0, false, 20.0, 20.5)],
            lanes: vec![(Group::Government, 1)],
            ticks: Vec::new(),
            width: 100.0,
        };
        let events = vec![
            MarkLabel {
                id: "e-span".into(),
                date: "2024-03".into(),
                label: "March 2024 — A \"quoted\" <b>title</b> & more".into(),
                group: Group::Government,
            },
            MarkLabel {
                id: "e\"point".into(),
                date: "2022-07-18".into(),
                label: "18 July 2022 — Belgium".into(),
                group: Group::Government,
            },
        ];
        let svg = marks_markup(&layout, &events, &[1, 0], |_| 40.0, Some("e-span"), 0);
        assert_eq!(svg.matches("<circle ").count(), 1);
        assert_eq!(svg.matches("<rect ").count(), 1);
        // The point is second in reading order and not the tab stop; the bar is both first
        // and selected, and at least 2 px wide.
        assert!(svg.contains(r#"<circle cx="10" cy="40" r="5" class="timeline-chart__mark timeline-chart__mark--government" data-testid="timeline-event" data-event-id="e&quot;point" data-date="2022-07-18" data-mark-index="1" tabindex="-1""#), "{svg}");
        assert!(svg.contains(r#"<rect x="20" y="35" width="2" height="10" rx="2" class="timeline-chart__mark timeline-chart__mark--government timeline-chart__mark--selected""#), "{svg}");
        assert!(svg.contains(r#"data-mark-index="0" tabindex="0""#), "{svg}");
        // Text stays text: nothing in a label or id can open an element or close an attribute.
        assert!(svg.contains(r#"aria-label="March 2024 — A &quot;quoted&quot; &lt;b&gt;title&lt;/b&gt; &amp; more""#), "{svg}");
        assert!(!svg.contains("<b>") && !svg.contains("<title>"));
        assert_eq!(svg.matches("tabindex=\"0\"").count(), 1);
    }

    #[test]
    fn marks_in_bands_start_with_what_is_on_screen_and_hold_every_mark_once() {
        // Ten marks on ten lanes, 16 px apart; the screen shows lanes 3 to 5.
        let marks: Vec<Mark> = (0..10)
            .map(|i| Mark {
                lane: 9 - i,
                ..mark(i, true, 10.0 * i as f64, 10.0 * i as f64)
            })
            .collect();
        let layout = TimelineLayout {
            marks,
            lanes: vec![(Group::Government, 10)],
            ticks: Vec::new(),
            width: 200.0,
        };
        let events: Vec<MarkLabel> = (0..10)
            .map(|i| MarkLabel {
                id: format!("e{i}"),
                date: "2020".into(),
                label: format!("Event {i}"),
                group: Group::Government,
            })
            .collect();
        let position: Vec<usize> = (0..10).collect();
        let y = |m: &Mark| m.lane as f64 * 16.0 + 8.0;
        let bands = Bands {
            view: (48.0, 90.0),
            per_band: 3,
        };
        let out = marks_markup_in_bands(&layout, &events, &position, y, None, 0, bands);
        let ids = |band: &str| -> Vec<String> {
            band.split("data-event-id=\"")
                .skip(1)
                .map(|s| s[..s.find('"').unwrap()].to_string())
                .collect()
        };
        // Lanes 3, 4 and 5 (centres 56, 72, 88) are marks 6, 5 and 4, in layout order.
        assert_eq!(ids(&out[0]), ["e4", "e5", "e6"]);
        // The other seven from the top down (lane 0 is mark 9), three a band.
        assert_eq!(ids(&out[1]), ["e9", "e8", "e7"]);
        assert_eq!(ids(&out[2]), ["e3", "e2", "e1"]);
        assert_eq!(ids(&out[3]), ["e0"]);
        assert_eq!(out.len(), 4);
        // The bands together are the whole chart's markup, each mark once, one tab stop.
        let whole = marks_markup(&layout, &events, &position, y, None, 0);
        assert_eq!(out.concat().len(), whole.len());
        assert_eq!(out.concat().matches("tabindex=\"0\"").count(), 1);
        // Nothing on screen: the first band is empty, the rest still all there.
        let below = Bands {
            view: (1000.0, 1200.0),
            per_band: 100,
        };
        let out = marks_markup_in_bands(&layout, &events, &position, y, None, 0, below);
        assert_eq!(out[0], "");
        assert_eq!(ids(&out[1]).len(), 10);
    }

    #[test]
    fn captions_markup_writes_only_the_marks_with_a_caption_escaped() {
        let mut with = mark(0, true, 10.0, 10.0);
        with.caption = Some(crate::timeline::Caption {
            text: "Belgium & <NATO>".into(),
            x: 18.0,
            end_anchored: true,
        });
        let layout = TimelineLayout {
            marks: vec![with, mark(0, true, 30.0, 30.0)],
            lanes: vec![(Group::Government, 1)],
            ticks: Vec::new(),
            width: 100.0,
        };
        let events = vec![MarkLabel {
            id: "e1".into(),
            date: "2022-07-18".into(),
            label: "x".into(),
            group: Group::Government,
        }];
        assert_eq!(
            captions_markup(&layout, &events, |_| 40.0),
            r#"<text x="18" y="44" class="timeline-chart__caption" text-anchor="end" data-testid="timeline-caption" data-event-id="e1">Belgium &amp; &lt;NATO&gt;</text>"#
        );
    }

    #[test]
    fn page_titles_name_the_group_and_its_best_known_names() {
        let (c, _) = crate::parse(FIXTURE).unwrap();
        let a = c.actor("a").unwrap();
        assert_eq!(
            actor_title(a),
            "Alpha Group (Crimson Owl)",
            "no operation in a title"
        );
        assert_eq!(
            page_title(&actor_title(c.actor("b").unwrap())),
            "Beta Team — Threat Atlas"
        );
        assert_eq!(page_title(""), "Threat Atlas");
        let d = actor_description(&c, a);
        assert!(d.starts_with("Alpha Group: a threat actor group of suspected Ruritania origin; also called Crimson Owl"), "{d}");
        assert!(actor_description(&c, c.actor("b").unwrap()).ends_with('.'));
    }

    #[test]
    fn a_card_says_why_it_matched_and_what_else_the_group_is_called() {
        let (c, w) = crate::parse(FIXTURE).unwrap();
        assert!(w.is_empty(), "{w:?}");
        let index = SearchIndex::new(&c);
        let hits = index.search(&c, "crimson owl");
        let card = Card::new(&c, &index, &hits[0]);
        assert_eq!(card.id, "a");
        assert_eq!(
            card.matched,
            Some((
                "Crimson Owl".to_string(),
                Some("Vendor V".to_string()),
                "exact name"
            ))
        );
        assert_eq!(card.origin.as_deref(), Some("Ruritania"));
        assert_eq!(card.first_seen.as_deref(), Some("2019"));
        assert_eq!(card.events, 1);
        assert_eq!(card.sources, 1);
        assert!(!card
            .other_names
            .iter()
            .any(|n| n == "Crimson Owl" || n == "Alpha Group"));
        assert_eq!(
            card.compare,
            Some(Route::Compare(vec!["a".into(), "b".into()]))
        );
        let op = index.search(&c, "op lantern");
        let card = Card::new(&c, &index, &op[0]);
        assert_eq!(card.matched_kind, Some("an operation or campaign"));
        assert_eq!(compare_route(&c, &c.actors()[1]), None);
    }

    #[test]
    fn marks_are_labelled_with_their_date_as_read() {
        let (c, _) = crate::parse(FIXTURE).unwrap();
        let labels = mark_labels(&c, &[0]);
        assert_eq!(labels[0].label, "March 2024 — Ruritania names Alpha");
        assert_eq!(labels[0].group, Group::Government);
    }
}
