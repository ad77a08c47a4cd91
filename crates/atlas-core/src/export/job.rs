//! A download as a job for the worker module: what the page asks for, written as a list of
//! plain strings (posted to the worker as they are, with no JSON around them), and the file
//! the worker makes of it from its own copy of the dataset.
//!
//! The page holds no exporter: it names the file's contents — actors by id with the
//! reference links it has for them, a names matrix by its query, a story's who's-who by the
//! story's text — and the worker, which parsed the same dataset text, computes the same
//! view and writes it out. [`Job::run`] is all the worker does, so native tests prove the
//! files.

use std::collections::HashMap;

use crate::crossref::{self, MatrixQuery};
use crate::refs::RefLinks;
use crate::route::{NamesState, Route};
use crate::search::SearchIndex;
use crate::Catalog;

/// What a set of actors is downloaded as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Csv,
    Json,
    Stix,
}

impl Format {
    /// Its name in a job and in the links' test ids.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Stix => "stix",
        }
    }

    fn parse(s: &str) -> Option<Format> {
        [Format::Csv, Format::Json, Format::Stix]
            .into_iter()
            .find(|f| f.as_str() == s)
    }
}

/// One download.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Job {
    /// Actors by id, in this order, each with the reference links the page has for it (the
    /// bundled dataset's links come in a file of their own, which the worker never reads).
    Actors {
        format: Format,
        actors: Vec<(String, Vec<String>)>,
    },
    /// The names matrix this query shows, every row of it (CSV, or JSON when `json`).
    Matrix { json: bool, query: MatrixQuery },
    /// The who's-who of this story (its text is not in the file).
    Story { json: bool, text: String },
}

/// Marks in the written form.
const ACTORS: &str = "actors";
const MATRIX: &str = "matrix";
const STORY: &str = "story";
const ID: &str = "id";
const LINK: &str = "link";

fn csv_or_json(json: bool) -> String {
    if json { "json" } else { "csv" }.to_string()
}

impl Job {
    /// The job as plain strings: its kind, its format, then its contents. Every value is an
    /// item of its own, so no text in it (an id, a link, a story) needs escaping.
    pub fn encode(&self) -> Vec<String> {
        match self {
            Job::Actors { format, actors } => {
                let mut out = vec![ACTORS.to_string(), format.as_str().to_string()];
                for (id, links) in actors {
                    out.push(ID.to_string());
                    out.push(id.clone());
                    for link in links {
                        out.push(LINK.to_string());
                        out.push(link.clone());
                    }
                }
                out
            }
            Job::Matrix { json, query } => {
                let url = Route::Names(NamesState {
                    query: query.clone(),
                    ..NamesState::default()
                })
                .to_url();
                let query = url.split_once('?').map_or("", |(_, q)| q).to_string();
                vec![MATRIX.to_string(), csv_or_json(*json), query]
            }
            Job::Story { json, text } => vec![STORY.to_string(), csv_or_json(*json), text.clone()],
        }
    }

    /// Reads [`Job::encode`]'s strings; `None` for anything else.
    pub fn decode(parts: &[String]) -> Option<Job> {
        let (kind, rest) = parts.split_first()?;
        let (format, rest) = rest.split_first()?;
        let json = match format.as_str() {
            "csv" => false,
            "json" => true,
            _ if kind == ACTORS => false,
            _ => return None,
        };
        match (kind.as_str(), rest) {
            (ACTORS, rest) => {
                let format = Format::parse(format)?;
                let mut actors: Vec<(String, Vec<String>)> = Vec::new();
                for pair in rest.chunks(2) {
                    match pair {
                        [mark, id] if mark == ID => actors.push((id.clone(), Vec::new())),
                        [mark, link] if mark == LINK => actors.last_mut()?.1.push(link.clone()),
                        _ => return None,
                    }
                }
                Some(Job::Actors { format, actors })
            }
            (MATRIX, [query]) => {
                match Route::parse(crate::route::PageKind::Names.page().segment, query)? {
                    Route::Names(state) => Some(Job::Matrix {
                        json,
                        query: state.query,
                    }),
                    _ => None,
                }
            }
            (STORY, [text]) => Some(Job::Story {
                json,
                text: text.clone(),
            }),
            _ => None,
        }
    }

    /// The file's text, from `catalog` (the dataset the page shows, parsed again). An actor
    /// id the catalog lacks is left out. `index` builds the search index when a story needs
    /// it.
    pub fn run(&self, catalog: &Catalog, index: impl FnOnce() -> SearchIndex) -> String {
        match self {
            Job::Actors { format, actors } => {
                let links = RefLinks::from_map(actors.iter().cloned().collect::<HashMap<_, _>>());
                let list: Vec<&crate::model::Actor> = actors
                    .iter()
                    .filter_map(|(id, _)| catalog.actor(id))
                    .collect();
                match format {
                    Format::Csv => super::actors_csv(catalog, &links, &list),
                    Format::Json => super::actors_json(catalog, &links, &list),
                    Format::Stix => super::stix_bundle(catalog, &links, &list),
                }
            }
            Job::Matrix { json, query } => {
                let m = crossref::matrix(catalog, query);
                if *json {
                    crossref::export_json(catalog, &m)
                } else {
                    crossref::export_csv(catalog, &m)
                }
            }
            Job::Story { json, text } => {
                let index = index();
                let story = crate::story::read(catalog, &index, text);
                let who = crate::story::who_is(catalog, &story);
                if *json {
                    super::story::who_is_json(catalog, &story, &who)
                } else {
                    super::story::who_is_csv(&who)
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> Catalog {
        let text = r#"{"schema":1,"info":{"title":"t","version":"1","updated":"2026-01-02"},
            "sources":[{"id":"s","name":"S","kind":"dataset"}],
            "vendors":[{"id":"v","name":"Vendor"}],
            "actors":[
              {"id":"apt31","name":"APT31","aliases":[{"name":"Zirconium","vendor":"v","source":"s"}],"sources":["s"]},
              {"id":"apt27","name":"APT27","aliases":[{"name":"Lucky Mouse","vendor":"v","source":"s"}],"sources":["s"]}
            ]}"#;
        crate::parse(text).unwrap().0
    }

    fn round_trip(job: Job) {
        assert_eq!(Job::decode(&job.encode()), Some(job));
    }

    #[test]
    fn every_job_reads_back_as_written() {
        round_trip(Job::Actors {
            format: Format::Stix,
            actors: vec![
                ("apt31".into(), vec!["https://a.example/x?y=1,2".into()]),
                ("id with\nodd, characters".into(), Vec::new()),
                (
                    "apt27".into(),
                    vec!["https://b.example/".into(), "http://c.example/".into()],
                ),
            ],
        });
        round_trip(Job::Actors {
            format: Format::Csv,
            actors: Vec::new(),
        });
        round_trip(Job::Matrix {
            json: true,
            query: MatrixQuery {
                text: "panda & co=1".into(),
                origin: "China".into(),
                vendor: "crowdstrike".into(),
                columns: vec!["microsoft".into(), "mandiant".into()],
                sort: "microsoft".into(),
                descending: true,
            },
        });
        round_trip(Job::Matrix {
            json: false,
            query: MatrixQuery::default(),
        });
        round_trip(Job::Story {
            json: false,
            text: "APT31, <b>Zirconium</b>\n\nand \"Lucky Mouse\"".into(),
        });
    }

    #[test]
    fn anything_else_is_refused() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        for bad in [
            s(&[]),
            s(&["actors"]),
            s(&["actors", "xml"]),
            s(&["actors", "csv", "link", "https://x.example/"]),
            s(&["actors", "csv", "id"]),
            s(&["actors", "csv", "name", "apt31"]),
            s(&["matrix", "csv"]),
            s(&["matrix", "stix", ""]),
            s(&["story", "json"]),
            s(&["story", "csv", "a", "b"]),
            s(&["delete", "csv", "x"]),
        ] {
            assert_eq!(Job::decode(&bad), None, "{bad:?}");
        }
    }

    #[test]
    fn a_job_makes_the_file_the_page_would() {
        let c = catalog();
        let links = vec!["https://a.example/report".to_string()];
        let job = Job::Actors {
            format: Format::Csv,
            actors: vec![
                ("apt27".into(), Vec::new()),
                ("gone".into(), Vec::new()),
                ("apt31".into(), links.clone()),
            ],
        };
        let mut by_actor = HashMap::new();
        by_actor.insert("apt31".to_string(), links);
        let expected = super::super::actors_csv(
            &c,
            &RefLinks::from_map(by_actor),
            &[c.actor("apt27").unwrap(), c.actor("apt31").unwrap()],
        );
        let never = || -> SearchIndex { unreachable!("no story here") };
        assert_eq!(job.run(&c, never), expected);
        assert!(expected.contains("https://a.example/report"));

        let query = MatrixQuery {
            text: "mouse".into(),
            ..MatrixQuery::default()
        };
        let m = crossref::matrix(&c, &query);
        assert_eq!(m.rows.len(), 1);
        let job = Job::Matrix { json: true, query };
        assert_eq!(job.run(&c, never), crossref::export_json(&c, &m));

        let text = "Zirconium, also called APT 31, and APT99.";
        let index = SearchIndex::new(&c);
        let story = crate::story::read(&c, &index, text);
        let who = crate::story::who_is(&c, &story);
        let job = Job::Story {
            json: false,
            text: text.into(),
        };
        let file = job.run(&c, || SearchIndex::new(&c));
        assert_eq!(file, super::super::story::who_is_csv(&who));
        assert!(file.contains("Zirconium"));
    }
}
