//! The one route table: every page of the app, the state its URL carries, and how that state
//! is read from and written to an address. The router, every link and navigation, the
//! service worker's navigation map, the static pages and the first-route logic all come from
//! here (see ARCHITECTURE.md); no other module writes a query key.
//!
//! Addresses here are relative to the site's base path: `/actor/apt31`, `/timeline?q=x`.
//! The shell adds the base (`/threat-atlas`) in one place.

use crate::crossref::MatrixQuery;
use crate::date::PartialDate;
use crate::timeline::{civil_from_days, day_span, Filter, Group, Range};
use crate::url_state::{self, query_string, SearchState, MAX_QUERY_CHARS};

/// Which page a route shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PageKind {
    Home,
    Actor,
    Names,
    Compare,
    Timeline,
    About,
    Open,
    Read,
    Attributions,
}

/// What the site knows about each page, independent of any one URL's state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Page {
    pub kind: PageKind,
    /// The first path segment ("" for the home page).
    pub segment: &'static str,
    /// Whether the page takes one more segment (`actor/<id>`).
    pub takes_id: bool,
    /// The static file GitHub Pages serves for the page's address before the wasm runs, when
    /// it has one of its own; other addresses get `404.html`.
    pub static_file: Option<&'static str>,
    /// The link in the site header, when the page has one.
    pub nav: Option<&'static str>,
    /// The page's title, before " — Threat Atlas" (empty for the home page; an actor page's
    /// is its group's, `view::actor_title`). The app and the static page both use it.
    pub title: &'static str,
    /// What search engines and link previews show for the page (an actor page's is its
    /// group's, `view::actor_description`).
    pub description: &'static str,
}

/// Every page, in the order of the site header.
pub const PAGES: [Page; 9] = [
    Page {
        kind: PageKind::Home,
        segment: "",
        takes_id: false,
        static_file: Some("index.html"),
        nav: Some("Actors"),
        title: "",
        description: "Threat Atlas: every name security vendors use for each threat actor group, who publicly attributed what to whom and when, with a source for every fact.",
    },
    Page {
        kind: PageKind::Read,
        segment: "read",
        takes_id: false,
        static_file: Some("read.html"),
        nav: Some("Read a story"),
        title: "Read a story",
        description: "Paste a news story and see every threat actor group it names, who coined each name, and who else has said so — read on your device, never sent anywhere.",
    },
    Page {
        kind: PageKind::Names,
        segment: "aliases",
        takes_id: false,
        static_file: Some("aliases.html"),
        nav: Some("Names"),
        title: "Who calls which group what",
        description: "Every name each security vendor and government uses for each threat actor group, with the source of each, and the names several groups share.",
    },
    Page {
        kind: PageKind::Timeline,
        segment: "timeline",
        takes_id: false,
        static_file: Some("timeline.html"),
        nav: Some("Timeline"),
        title: "Attribution timeline",
        description: "Public attributions of cyber operations by governments and alliances, indictments and sanctions, and ATT&CK campaigns, as precise as their sources.",
    },
    Page {
        kind: PageKind::About,
        segment: "about",
        takes_id: false,
        static_file: Some("about.html"),
        nav: Some("About & sources"),
        title: "About and sources",
        description: "Where the Threat Atlas data comes from, under which licences, and how each fact is sourced.",
    },
    Page {
        kind: PageKind::Open,
        segment: "open",
        takes_id: false,
        static_file: Some("open.html"),
        nav: Some("Open dataset…"),
        title: "Open a dataset",
        description: "Open a MISP galaxy, a STIX bundle or a Threat Atlas file and read it with the atlas; the file never leaves your device.",
    },
    Page {
        kind: PageKind::Actor,
        segment: "actor",
        takes_id: true,
        static_file: None,
        nav: None,
        title: "",
        description: "",
    },
    Page {
        kind: PageKind::Compare,
        segment: "compare",
        takes_id: false,
        static_file: Some("compare.html"),
        nav: None,
        title: "Compare groups",
        description: "Threat actor groups side by side: their names by vendor, origin, targets and the attributions that name them.",
    },
    Page {
        kind: PageKind::Attributions,
        segment: "attributions",
        takes_id: false,
        static_file: Some("attributions.html"),
        nav: None,
        title: "Who said it",
        description: "Every government and alliance that has publicly attributed cyber operations: what each attributed to which group, and when, with its sources.",
    },
];

impl PageKind {
    pub fn page(self) -> &'static Page {
        PAGES
            .iter()
            .find(|p| p.kind == self)
            .expect("every kind has a page")
    }
}

/// The names page's state (`aliases?…`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NamesState {
    pub query: MatrixQuery,
    /// 1-based; 1 is left out of the address.
    pub page: usize,
    /// The name looked up in the disambiguation box.
    pub name: String,
}

impl Default for NamesState {
    fn default() -> Self {
        NamesState {
            query: MatrixQuery::default(),
            page: 1,
            name: String::new(),
        }
    }
}

/// The timeline page's state (`timeline?…`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TimelineState {
    pub filter: Filter,
    /// Days shown, half-open; `None` fits every event.
    pub range: Option<Range>,
    /// The selected event's id.
    pub selected: Option<String>,
}

/// One page with its state: what an address means.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    Home(SearchState),
    Actor(String),
    Names(NamesState),
    Compare(Vec<String>),
    Timeline(TimelineState),
    About,
    Open,
    /// The story reader: what is pasted there never enters the address.
    Read,
    /// "Who said it": one government's or alliance's actions (its `said::slug`), or the list
    /// of them all.
    Attributions(Option<String>),
}

/// Most actors a timeline address keeps.
pub const MAX_TIMELINE_ACTORS: usize = 20;
/// Ids a comparison address keeps; the page shows the first `crossref::MAX_COMPARED` known.
pub const MAX_COMPARE_IDS: usize = 8;

impl Route {
    pub fn home() -> Route {
        Route::Home(SearchState::default())
    }

    pub fn actor(id: &str) -> Route {
        Route::Actor(id.to_string())
    }

    pub fn timeline() -> Route {
        Route::Timeline(TimelineState::default())
    }

    pub fn names() -> Route {
        Route::Names(NamesState::default())
    }

    /// The home page searching for `query`.
    pub fn search(query: &str) -> Route {
        Route::Home(SearchState::default().with_query(query))
    }

    /// The names page looking `name` up in its disambiguation box.
    pub fn name_lookup(name: &str) -> Route {
        Route::Names(NamesState {
            name: name.chars().take(MAX_QUERY_CHARS).collect(),
            ..Default::default()
        })
    }

    /// The names matrix filtered to names containing `text`.
    pub fn names_matching(text: &str) -> Route {
        let mut s = NamesState::default();
        s.query.text = text.chars().take(MAX_QUERY_CHARS).collect();
        Route::Names(s)
    }

    /// The page of one government or alliance, by its name as events write it.
    pub fn attributions_by(party: &str) -> Route {
        Route::Attributions(Some(crate::said::slug(party)))
    }

    /// The timeline of one actor, with one of its events selected.
    pub fn timeline_of(actor: &str, selected: Option<&str>) -> Route {
        let mut s = TimelineState::default();
        s.filter.actors.push(actor.to_string());
        s.selected = selected.map(str::to_string);
        Route::Timeline(s)
    }

    /// A page with its default state; an actor page with no id yet is the home page.
    pub fn default_of(kind: PageKind) -> Route {
        match kind {
            PageKind::Home | PageKind::Actor => Route::home(),
            PageKind::Names => Route::names(),
            PageKind::Compare => Route::Compare(Vec::new()),
            PageKind::Timeline => Route::timeline(),
            PageKind::About => Route::About,
            PageKind::Open => Route::Open,
            PageKind::Read => Route::Read,
            PageKind::Attributions => Route::Attributions(None),
        }
    }

    pub fn kind(&self) -> PageKind {
        match self {
            Route::Home(_) => PageKind::Home,
            Route::Actor(_) => PageKind::Actor,
            Route::Names(_) => PageKind::Names,
            Route::Compare(_) => PageKind::Compare,
            Route::Timeline(_) => PageKind::Timeline,
            Route::About => PageKind::About,
            Route::Open => PageKind::Open,
            Route::Read => PageKind::Read,
            Route::Attributions(_) => PageKind::Attributions,
        }
    }

    /// What an address means: `path` relative to the base ("actor/apt31", "/timeline/",
    /// "index.html"), `query` with or without its "?". `None`: not a page of this site.
    pub fn parse(path: &str, query: &str) -> Option<Route> {
        let path = path.trim_matches('/');
        let path = path.strip_suffix("index.html").unwrap_or(path);
        let path = path.trim_end_matches('/');
        let path = path.strip_suffix(".html").unwrap_or(path);
        let (first, rest) = match path.split_once('/') {
            Some((a, b)) => (a, Some(b)),
            None => (path, None),
        };
        let page = PAGES.iter().find(|p| p.segment == first)?;
        let pairs = parse_query(query);
        let get = |k: &str| {
            pairs
                .iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.as_str())
                .unwrap_or_default()
        };
        let all = |k: &str| {
            pairs
                .iter()
                .filter(|(key, v)| key == k && !v.is_empty())
                .map(|(_, v)| v.clone())
                .collect::<Vec<_>>()
        };
        let clamp = |s: &str| s.chars().take(MAX_QUERY_CHARS).collect::<String>();
        let route = match (page.kind, rest) {
            (PageKind::Actor, Some(id)) if !id.is_empty() && !id.contains('/') => {
                Route::Actor(decode(id))
            }
            (_, Some(_)) | (PageKind::Actor, None) => return None,
            (PageKind::Home, None) => Route::Home(SearchState::from_pairs(
                pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())),
            )),
            (PageKind::Names, None) => {
                use url_state::aliases as p;
                Route::Names(NamesState {
                    query: MatrixQuery {
                        text: clamp(get(p::TEXT)),
                        origin: get(p::ORIGIN).to_string(),
                        vendor: get(p::VENDOR).to_string(),
                        columns: get(p::COLUMNS)
                            .split(',')
                            .filter(|c| !c.is_empty())
                            .map(str::to_string)
                            .collect(),
                        sort: get(p::SORT).to_string(),
                        descending: get(p::DIRECTION) == "desc",
                    },
                    page: get(p::PAGE).parse().unwrap_or(1).max(1),
                    name: clamp(get(p::NAME)),
                })
            }
            (PageKind::Compare, None) => {
                let mut ids: Vec<String> = Vec::new();
                for id in get(url_state::compare::IDS).split(',') {
                    let id = id.trim();
                    if !id.is_empty() && !ids.iter().any(|x| x == id) {
                        ids.push(id.to_string());
                    }
                }
                ids.truncate(MAX_COMPARE_IDS);
                Route::Compare(ids)
            }
            (PageKind::Timeline, None) => {
                use url_state::timeline as p;
                let range = match (parse_day(get(p::FROM)), parse_day(get(p::TO))) {
                    (Some(start), Some(end)) if end >= start => Some(Range {
                        start,
                        end: end + 1,
                    }),
                    _ => None,
                };
                let mut actors = all(p::ACTOR);
                actors.truncate(MAX_TIMELINE_ACTORS);
                let mut groups: Vec<Group> = Vec::new();
                for g in all(p::KIND).iter().filter_map(|k| Group::from_param(k)) {
                    if !groups.contains(&g) {
                        groups.push(g);
                    }
                }
                Route::Timeline(TimelineState {
                    filter: Filter {
                        actors,
                        origin: get(p::ORIGIN).to_string(),
                        party: clamp(get(p::PARTY)),
                        groups,
                        text: clamp(get(p::TEXT)),
                    },
                    range,
                    selected: Some(get(p::SELECTED).to_string()).filter(|s| !s.is_empty()),
                })
            }
            (PageKind::About, None) => Route::About,
            (PageKind::Open, None) => Route::Open,
            (PageKind::Read, None) => Route::Read,
            (PageKind::Attributions, None) => Route::Attributions(
                Some(clamp(get(url_state::attributions::BY))).filter(|s| !s.is_empty()),
            ),
        };
        Some(route)
    }

    /// The address of this route relative to the base: path, then the query in a fixed
    /// order, leaving out what is the default ("/", "/actor/apt31", "/timeline?q=x").
    pub fn to_url(&self) -> String {
        let page = self.kind().page();
        let path = match self {
            Route::Actor(id) => format!("/{}/{}", page.segment, url_state::encode(id)),
            _ if page.segment.is_empty() => "/".to_string(),
            _ => format!("/{}", page.segment),
        };
        let query = match self {
            Route::Home(s) => s.to_query_string(),
            Route::Names(s) => {
                use url_state::aliases as p;
                let q = &s.query;
                let mut parts: Vec<(&str, String)> = vec![
                    (p::NAME, s.name.clone()),
                    (p::TEXT, q.text.clone()),
                    (p::ORIGIN, q.origin.clone()),
                    (p::VENDOR, q.vendor.clone()),
                    (p::COLUMNS, q.columns.join(",")),
                    (p::SORT, q.sort.clone()),
                    (
                        p::DIRECTION,
                        if q.descending {
                            "desc".into()
                        } else {
                            String::new()
                        },
                    ),
                ];
                if s.page > 1 {
                    parts.push((p::PAGE, s.page.to_string()));
                }
                query_string(&parts)
            }
            Route::Compare(ids) => query_string(&[(url_state::compare::IDS, ids.join(","))]),
            Route::Timeline(s) => {
                use url_state::timeline as p;
                let f = &s.filter;
                let mut parts: Vec<(&str, String)> = Vec::new();
                if let Some(r) = s.range {
                    parts.push((p::FROM, day_param(r.start)));
                    parts.push((p::TO, day_param(r.end - 1)));
                }
                parts.extend(f.actors.iter().map(|a| (p::ACTOR, a.clone())));
                parts.push((p::ORIGIN, f.origin.clone()));
                parts.push((p::PARTY, f.party.clone()));
                parts.extend(f.groups.iter().map(|g| (p::KIND, g.param().to_string())));
                parts.push((p::TEXT, f.text.clone()));
                if let Some(e) = &s.selected {
                    parts.push((p::SELECTED, e.clone()));
                }
                query_string(&parts)
            }
            Route::Attributions(by) => {
                query_string(&[(url_state::attributions::BY, by.clone().unwrap_or_default())])
            }
            Route::Actor(_) | Route::About | Route::Open | Route::Read => String::new(),
        };
        format!("{path}{query}")
    }
}

/// The static file a navigation to `path` (relative to the base) is answered with, the way
/// GitHub Pages answers it: a page's own file, else `404.html` (which boots the app too).
pub fn static_file_for(path: &str) -> &'static str {
    Route::parse(path, "")
        .and_then(|r| r.kind().page().static_file)
        .unwrap_or("404.html")
}

/// A day number as `YYYY-MM-DD`, as the timeline's address writes it.
pub fn day_param(day: i64) -> String {
    let (y, m, d) = civil_from_days(day);
    format!("{y:04}-{m:02}-{d:02}")
}

fn parse_day(s: &str) -> Option<i64> {
    let d: PartialDate = s.parse().ok()?;
    Some(day_span(&d).0)
}

/// Decoded `(key, value)` pairs of a query string, in order: `+` is a space and `%XX` a
/// byte, as browsers' `URLSearchParams` read them; invalid UTF-8 becomes U+FFFD.
pub fn parse_query(query: &str) -> Vec<(String, String)> {
    query
        .strip_prefix('?')
        .unwrap_or(query)
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect()
}

/// Percent-decoding with `+` as a space.
pub fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = |b: u8| (b as char).to_digit(16);
                match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                    (Some(h), Some(l)) => {
                        out.push((h * 16 + l) as u8);
                        i += 2;
                    }
                    _ => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facets::Facet;

    fn round_trips(r: Route) {
        let url = r.to_url();
        let (path, query) = url.split_once('?').unwrap_or((&url, ""));
        assert_eq!(Route::parse(path, query), Some(r), "{url}");
    }

    #[test]
    fn every_pages_state_round_trips() {
        round_trips(Route::home());
        round_trips(Route::Home(
            SearchState::default()
                .with_query("violet typhoon & co/ä+")
                .toggled(Facet::Origin, "China")
                .toggled(Facet::Origin, "Türkiye"),
        ));
        round_trips(Route::actor("apt31"));
        round_trips(Route::names());
        round_trips(Route::Names(NamesState {
            query: MatrixQuery {
                text: "panda".into(),
                origin: "China".into(),
                vendor: "crowdstrike".into(),
                columns: vec!["microsoft".into(), "mandiant".into()],
                sort: "microsoft".into(),
                descending: true,
            },
            page: 3,
            name: "Grizzly Steppe".into(),
        }));
        round_trips(Route::Compare(vec!["apt29".into(), "volt-typhoon".into()]));
        round_trips(Route::Compare(Vec::new()));
        round_trips(Route::timeline());
        round_trips(Route::Timeline(TimelineState {
            filter: Filter {
                actors: vec!["apt31".into(), "gallium".into()],
                origin: "China".into(),
                party: "Belgium".into(),
                groups: vec![Group::Government, Group::Legal],
                text: "FPS Interior".into(),
            },
            range: Some(Range::years(2021, 2022)),
            selected: Some("ev-2022-07-18-be".into()),
        }));
        round_trips(Route::About);
        round_trips(Route::Open);
        round_trips(Route::Read);
        round_trips(Route::Attributions(None));
        round_trips(Route::Attributions(Some("united-states".into())));
    }

    #[test]
    fn addresses_keep_their_defaults_out() {
        assert_eq!(Route::home().to_url(), "/");
        assert_eq!(Route::timeline().to_url(), "/timeline");
        assert_eq!(
            Route::Names(NamesState {
                page: 1,
                ..Default::default()
            })
            .to_url(),
            "/aliases"
        );
        assert_eq!(Route::actor("apt31").to_url(), "/actor/apt31");
    }

    #[test]
    fn paths_read_as_github_pages_serves_them() {
        for path in ["", "/", "index.html", "/index.html"] {
            assert_eq!(Route::parse(path, ""), Some(Route::home()), "{path:?}");
        }
        for path in ["timeline", "/timeline/", "timeline.html"] {
            assert_eq!(Route::parse(path, ""), Some(Route::timeline()), "{path:?}");
        }
        assert_eq!(
            Route::parse("actor/apt31/", ""),
            Some(Route::actor("apt31"))
        );
        assert_eq!(Route::parse("actor", ""), None);
        assert_eq!(Route::parse("actor/a/b", ""), None);
        assert_eq!(Route::parse("about/x", ""), None);
        assert_eq!(Route::parse("nope", ""), None);
        assert_eq!(static_file_for("timeline"), "timeline.html");
        assert_eq!(static_file_for(""), "index.html");
        assert_eq!(static_file_for("actor/apt31"), "404.html");
        assert_eq!(static_file_for("nope"), "404.html");
    }

    #[test]
    fn odd_queries_are_read_safely() {
        let r = Route::parse(
            "timeline",
            "?from=garbage&to=2020-01-01&kind=legal&kind=legal&kind=nope&actor=&q=%E2%82%AC+x%ZZ%",
        );
        let Some(Route::Timeline(s)) = r else {
            panic!("{r:?}")
        };
        assert_eq!(s.range, None);
        assert_eq!(s.filter.groups, [Group::Legal]);
        assert!(s.filter.actors.is_empty());
        assert_eq!(s.filter.text, "€ x%ZZ%");
        let Some(Route::Names(n)) = Route::parse("aliases", "page=0&q=".to_string().as_str())
        else {
            panic!()
        };
        assert_eq!(n.page, 1);
        let Some(Route::Compare(ids)) = Route::parse("compare", "ids=a,,b,a,c,d,e,f,g,h,i") else {
            panic!()
        };
        assert_eq!(ids, ["a", "b", "c", "d", "e", "f", "g", "h"]);
        let long = "x".repeat(5_000);
        let Some(Route::Home(h)) = Route::parse("", &format!("q={long}")) else {
            panic!()
        };
        assert_eq!(h.query.chars().count(), MAX_QUERY_CHARS);
    }
}
