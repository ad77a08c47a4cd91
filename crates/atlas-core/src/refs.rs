//! Reference links, which the bundled atlas keeps in a file of their own.
//!
//! Reading links are about half of the bundled dataset's compressed bytes, and no page needs
//! them for its first paint: only an actor page's "References" list and the downloads do. So
//! `make data` moves them to `refs.json` beside `atlas.json` ([`split`]), the browser fetches
//! that file after the first render and reads it into [`RefLinks`], a value of its own that
//! the app keeps beside the catalog (never inside it: a dataset loaded again never inherits
//! links read for another). A dataset that carries `refs` inline (an opened file, one of the
//! app's own exports) needs none of this: [`RefLinks::none`].

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::load::{
    check_size, clean_urls, dropped_because, json_error, require_object, warn, LoadError, Warning,
};
use crate::model::{Actor, Dataset};
use crate::Catalog;

/// The refs file's schema version.
pub const REFS_SCHEMA: u32 = 1;

/// `refs.json`: each actor's reference links, by actor id, for one version of the dataset.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RefsFile {
    pub schema: u32,
    /// The dataset version (`info.version`) the links were split from.
    pub version: String,
    pub refs: BTreeMap<String, Vec<String>>,
}

/// Moves every actor's links out of `dataset` into a refs file (what `make data` writes).
pub fn split(dataset: &mut Dataset) -> RefsFile {
    let refs = dataset
        .actors
        .iter_mut()
        .filter(|a| !a.refs.is_empty())
        .map(|a| (a.id.clone(), std::mem::take(&mut a.refs)))
        .collect();
    RefsFile {
        schema: REFS_SCHEMA,
        version: dataset.info.version.clone(),
        refs,
    }
}

/// The links a refs file adds to one dataset, by actor id.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RefLinks {
    by_actor: HashMap<String, Vec<String>>,
}

impl RefLinks {
    /// No links beyond those the records carry.
    pub fn none() -> RefLinks {
        RefLinks::default()
    }

    /// Links given by actor id, as the page hands them to the worker module for a download.
    pub fn from_map(by_actor: HashMap<String, Vec<String>>) -> RefLinks {
        RefLinks { by_actor }
    }

    /// Reads a refs file against `catalog` (see [`parse`]).
    pub fn parse(text: &str, catalog: &Catalog) -> Result<(RefLinks, Vec<Warning>), LoadError> {
        parse(text, catalog)
    }

    /// An actor's reference links: those its record carries, or else those of this file.
    pub fn of<'a>(&'a self, actor: &'a Actor) -> &'a [String] {
        if !actor.refs.is_empty() {
            return &actor.refs;
        }
        self.by_actor.get(&actor.id).map_or(&[], Vec::as_slice)
    }

    /// How many actors this file gives links to.
    pub fn len(&self) -> usize {
        self.by_actor.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_actor.is_empty()
    }
}

/// Reads a refs file against a catalog. Like the dataset loader, it refuses a file that is
/// not a refs file, or one written for another version of the dataset, and drops bad parts
/// with a warning: an entry of the wrong shape, an unknown actor id, a link that is not
/// http(s).
pub fn parse(text: &str, catalog: &Catalog) -> Result<(RefLinks, Vec<Warning>), LoadError> {
    check_size(text)?;
    require_object(text)?;
    #[derive(Deserialize)]
    struct Raw<'a> {
        schema: serde_json::Value,
        #[serde(default)]
        version: Option<String>,
        #[serde(borrow)]
        refs: HashMap<String, &'a RawValue>,
    }
    let raw: Raw = serde_json::from_str(text).map_err(|e| match json_error(&e) {
        LoadError::NotJson { .. } if e.is_data() => {
            LoadError::NotADataset(format!("not a refs file ({e})"))
        }
        other => other,
    })?;
    if raw.schema.as_u64() != Some(u64::from(REFS_SCHEMA)) {
        return Err(LoadError::UnsupportedSchema {
            found: raw.schema.to_string().chars().take(40).collect(),
            supported: REFS_SCHEMA,
        });
    }
    // Links are matched by actor id, and ids change between versions of the dataset (a
    // record folded into another, a split): a file of another version is refused whole.
    let expected = &catalog.dataset().info.version;
    if raw.version.as_ref() != Some(expected) {
        return Err(LoadError::OtherVersion {
            found: raw.version.unwrap_or_default().chars().take(40).collect(),
            expected: expected.clone(),
        });
    }
    let mut w = Vec::new();
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    // Sorted, so the warnings come in a stable order.
    let mut entries: Vec<(String, &RawValue)> = raw.refs.into_iter().collect();
    crate::sort::sort_by(&mut entries, |a, b| a.0.cmp(&b.0));
    for (id, value) in entries {
        let at = format!("refs \"{}\"", id.chars().take(40).collect::<String>());
        if catalog.actor_position(&id).is_none() {
            warn(&mut w, &at, "no actor has this id; dropped".into());
            continue;
        }
        let mut urls: Vec<String> = match serde_json::from_str(value.get()) {
            Ok(urls) => urls,
            Err(e) => {
                warn(&mut w, &at, dropped_because(&e));
                continue;
            }
        };
        clean_urls(&mut urls, &at, &mut w);
        let mine = out.entry(id).or_default();
        for url in urls {
            if !mine.contains(&url) {
                mine.push(url);
            }
        }
    }
    out.retain(|_, urls| !urls.is_empty());
    Ok((RefLinks { by_actor: out }, w))
}

#[cfg(test)]
mod tests {
    use super::*;

    const DATASET: &str = r#"{"schema":1,"info":{"title":"t","version":"v1"},
        "sources":[{"id":"s","name":"S","kind":"dataset"}],
        "actors":[
          {"id":"apt1","name":"APT1","refs":["https://a.example/1","https://a.example/2"]},
          {"id":"apt2","name":"APT2"},
          {"id":"apt3","name":"APT3","refs":["https://c.example/own"]}]}"#;

    #[test]
    fn split_then_attach_gives_back_every_link() {
        let (catalog, _) = crate::parse(DATASET).unwrap();
        let mut dataset = catalog.dataset().clone();
        let file = split(&mut dataset);
        assert!(dataset.actors.iter().all(|a| a.refs.is_empty()));
        assert_eq!(file.version, "v1");
        assert_eq!(file.refs.len(), 2, "actors without links are not listed");

        let text = serde_json::to_string(&dataset).unwrap();
        let (bare, _) = crate::parse(&text).unwrap();
        let apt1 = bare.actor("apt1").unwrap();
        assert!(RefLinks::none().of(apt1).is_empty());
        let (links, warnings) =
            RefLinks::parse(&serde_json::to_string(&file).unwrap(), &bare).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(links.len(), 2);
        for a in catalog.actors() {
            assert_eq!(links.of(bare.actor(&a.id).unwrap()), a.refs.as_slice());
        }
    }

    #[test]
    fn downloads_carry_attached_links() {
        let (catalog, _) = crate::parse(DATASET).unwrap();
        let mut dataset = catalog.dataset().clone();
        let file = split(&mut dataset);
        let (bare, _) = crate::parse(&serde_json::to_string(&dataset).unwrap()).unwrap();
        let (links, _) = RefLinks::parse(&serde_json::to_string(&file).unwrap(), &bare).unwrap();
        let apt1 = [bare.actor("apt1").unwrap()];
        assert!(crate::export::actors_csv(&bare, &links, &apt1).contains("https://a.example/2"));
        let json = crate::export::actors_json(&bare, &links, &apt1);
        let (reopened, _) = crate::parse(&json).unwrap();
        assert_eq!(reopened.actor("apt1").unwrap().refs.len(), 2);
        assert!(crate::export::stix_bundle(&bare, &links, &apt1).contains("https://a.example/1"));
        // Without the file, the downloads hold what the records carry.
        assert!(!crate::export::actors_csv(&bare, &RefLinks::none(), &apt1)
            .contains("https://a.example/2"));
    }

    #[test]
    fn inline_links_win_over_attached_ones() {
        let (catalog, _) = crate::parse(DATASET).unwrap();
        let (links, _) = RefLinks::parse(r#"{"schema":1,"version":"v1","refs":{"apt3":["https://c.example/file"],"apt2":["https://b.example/"]}}"#, &catalog)
            .unwrap();
        assert_eq!(
            links.of(catalog.actor("apt3").unwrap()),
            ["https://c.example/own"]
        );
        assert_eq!(
            links.of(catalog.actor("apt2").unwrap()),
            ["https://b.example/"]
        );
    }

    #[test]
    fn bad_parts_are_dropped_with_a_warning() {
        let (catalog, _) = crate::parse(DATASET).unwrap();
        let text = r#"{"schema":1,"version":"v1","refs":{
            "apt2":["javascript:alert(1)","https://b.example/","https://b.example/"],
            "ghost":["https://g.example/"],
            "apt1":[1,2]}}"#;
        let (links, warnings) = RefLinks::parse(text, &catalog).unwrap();
        let said: Vec<String> = warnings.iter().map(|w| w.to_string()).collect();
        assert_eq!(said.len(), 3, "{said:#?}");
        assert!(said[0].starts_with("refs \"apt1\": invalid type"));
        assert!(said[1].contains("javascript:alert(1)") && said[1].contains("not http(s)"));
        assert!(said[2].starts_with("refs \"ghost\": no actor"));
        assert_eq!(
            links.of(catalog.actor("apt2").unwrap()),
            ["https://b.example/"]
        );
        assert!(
            links.of(catalog.actor("apt1").unwrap()).len() == 2,
            "inline links stay"
        );
    }

    #[test]
    fn links_of_another_version_are_never_combined() {
        let (catalog, _) = crate::parse(DATASET).unwrap();
        for text in [
            r#"{"schema":1,"version":"v0","refs":{"apt2":["https://b.example/"]}}"#,
            r#"{"schema":1,"refs":{"apt2":["https://b.example/"]}}"#,
        ] {
            let e = RefLinks::parse(text, &catalog).unwrap_err();
            assert!(matches!(e, LoadError::OtherVersion { .. }), "{text}: {e:?}");
            assert!(e.to_string().contains("not \"v1\""), "{e}");
        }
    }

    #[test]
    fn what_is_not_a_refs_file_is_refused() {
        let (catalog, _) = crate::parse(DATASET).unwrap();
        for (text, expect) in [
            ("", "empty"),
            ("[1]", "top level must be a JSON object"),
            ("{\"schema\":1", "not valid JSON"),
            (r#"{"schema":2,"refs":{}}"#, "schema version 2"),
            (r#"{"schema":1}"#, "not a refs file"),
            (r#"{"schema":1,"refs":[]}"#, "not a refs file"),
        ] {
            let e = RefLinks::parse(text, &catalog).unwrap_err().to_string();
            assert!(e.contains(expect), "{text}: {e}");
        }
        let deep = format!(
            "{{\"schema\":1,\"version\":\"v1\",\"refs\":{{\"apt1\":{}{}}}}}",
            "[".repeat(200),
            "]".repeat(200)
        );
        // A deep entry is one bad entry: dropped on its own.
        let (_, warnings) = RefLinks::parse(&deep, &catalog).unwrap();
        assert!(
            warnings.iter().any(|w| w.at == "refs \"apt1\""),
            "{warnings:?}"
        );
    }
}
