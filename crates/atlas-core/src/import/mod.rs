//! Other people's data in: the formats analysts use, turned into this app's [`Dataset`].
//!
//! Two callers share this module. The data tool (`make data`) runs [`merge::merge`] over the
//! upstream MISP, ATT&CK and Microsoft files; the browser's "Open dataset…" runs [`open`] over
//! whatever files a reader picks. Both go through the same [`upstream`] types, the same MISP
//! conversion and the same campaign conversion, and both end in [`Catalog::from_dataset`], so
//! an opened file obeys every invariant the bundled dataset does.
//!
//! Upstream prose never enters the atlas, from an opened file either: descriptions are read
//! only by [`upstream::active_since`], which keeps the date of "active since at least 2012".

pub mod identity;
pub mod merge;
pub mod stix;
pub mod upstream;

use serde::de::IgnoredAny;
use serde::Deserialize;

use crate::load::{check_size, json_error, parse};
use crate::model::{Dataset, DatasetInfo, Source, SourceKind};
use crate::{Catalog, LoadError, Warning, SCHEMA_VERSION};
use merge::{Builder, MISP};
use upstream::{MispCluster, StixBundle};

/// MISP galaxy cluster types whose values are groups.
pub const ACTOR_CLUSTERS: &[&str] = &[
    "threat-actor",
    "mitre-intrusion-set",
    "microsoft-activity-group",
];

/// The kinds of file "Open dataset…" understands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// This app's own schema (`docs/dataset.md`).
    Atlas,
    /// A MISP galaxy threat-actor cluster.
    MispThreatActors,
    /// A MISP galaxy producer cluster: vendor names for a threat-actor cluster.
    MispProducers,
    /// A STIX 2.1 bundle (intrusion-set, campaign and relationship objects are read).
    StixBundle,
}

impl Format {
    pub fn label(self) -> &'static str {
        match self {
            Format::Atlas => "Threat Atlas dataset",
            Format::MispThreatActors => "MISP galaxy threat-actor cluster",
            Format::MispProducers => "MISP galaxy producer cluster",
            Format::StixBundle => "STIX 2.1 bundle",
        }
    }
}

/// One file the reader picked: its name (shown, never trusted) and its text.
pub struct InputFile<'a> {
    pub name: &'a str,
    pub text: &'a str,
}

/// An opened dataset: validated, with what loading dropped and what it was made from.
#[derive(Debug)]
pub struct Opened {
    pub catalog: Catalog,
    pub warnings: Vec<Warning>,
    /// The format of the main file.
    pub format: Format,
    /// A line for the banner, e.g. "threat-actor.json (MISP galaxy threat-actor cluster) with
    /// producer.json".
    pub label: String,
}

/// Says which format a file is in, reading only its top-level keys.
pub fn detect(text: &str) -> Result<Format, LoadError> {
    #[derive(Deserialize)]
    struct Probe {
        schema: Option<IgnoredAny>,
        #[serde(rename = "type")]
        kind: Option<serde_json::Value>,
        values: Option<IgnoredAny>,
        objects: Option<IgnoredAny>,
    }
    check_size(text)?;
    crate::load::require_object(text)?;
    let probe: Probe = serde_json::from_str(text).map_err(|e| {
        if e.is_data() {
            LoadError::NotADataset("the top level must be a JSON object".into())
        } else {
            json_error(&e)
        }
    })?;
    let kind = probe.kind.as_ref().and_then(|k| k.as_str());
    if probe.schema.is_some() {
        Ok(Format::Atlas)
    } else if kind == Some("bundle") && probe.objects.is_some() {
        Ok(Format::StixBundle)
    } else if probe.values.is_some() && kind == Some("producer") {
        Ok(Format::MispProducers)
    } else if probe.values.is_some() {
        match kind {
            None => Ok(Format::MispThreatActors),
            Some(k) if ACTOR_CLUSTERS.contains(&k) => Ok(Format::MispThreatActors),
            Some(k) => Err(LoadError::Format(format!(
                "This MISP galaxy cluster is of type “{}”. Threat Atlas reads clusters of \
                 groups: {}.",
                short(k),
                ACTOR_CLUSTERS.join(", ")
            ))),
        }
    } else {
        Err(LoadError::Format(
            "This file is in no format Threat Atlas reads. A Threat Atlas dataset has a \
             \"schema\" field, a MISP galaxy cluster a \"values\" list, and a STIX 2.1 bundle \
             \"type\": \"bundle\" with \"objects\"."
                .into(),
        ))
    }
}

/// Opens one dataset from the files a reader picked: one main file (this app's schema, a
/// MISP threat-actor cluster or a STIX bundle), plus, for a MISP cluster, an optional
/// producer cluster that names the vendors.
pub fn open(files: &[InputFile<'_>]) -> Result<Opened, LoadError> {
    let mut main = None;
    let mut producers = None;
    let several = files.len() > 1;
    for file in files {
        let format = detect(file.text).map_err(|e| in_file(file.name, several, e))?;
        let slot = if format == Format::MispProducers {
            &mut producers
        } else {
            &mut main
        };
        if slot.is_some() {
            return Err(LoadError::Format(format!(
                "Two files of the same kind were chosen (“{}” is another {}). Open one dataset \
                 at a time; only a MISP producer cluster can go with a threat-actor cluster.",
                short(file.name),
                format.label()
            )));
        }
        *slot = Some((file, format));
    }
    let Some((file, format)) = main else {
        return Err(match producers {
            Some(_) => LoadError::Format(
                "A MISP producer cluster only names vendors: open it together with a \
                 threat-actor cluster."
                    .into(),
            ),
            None => LoadError::Empty,
        });
    };
    let name = short(file.name);
    let mut label = format!("{name} ({})", format.label());
    if format != Format::MispThreatActors && producers.is_some() {
        return Err(LoadError::Format(
            "A MISP producer cluster can only go with a MISP threat-actor cluster.".into(),
        ));
    }
    let (catalog, warnings) = match format {
        Format::Atlas => parse(file.text).map_err(|e| in_file(file.name, several, e))?,
        Format::MispThreatActors => {
            let cluster: MispCluster =
                from_json(file.text).map_err(|e| in_file(file.name, several, e))?;
            let producer_cluster = match producers {
                Some((p, _)) => {
                    label.push_str(&format!(" with {}", short(p.name)));
                    from_json(p.text).map_err(|e| in_file(p.name, several, e))?
                }
                None => MispCluster {
                    version: serde_json::Value::Null,
                    kind: None,
                    name: None,
                    values: Vec::new(),
                },
            };
            Catalog::from_dataset(misp_dataset(&cluster, &producer_cluster, &name))
        }
        Format::StixBundle => {
            let bundle: StixBundle =
                from_json(file.text).map_err(|e| in_file(file.name, several, e))?;
            let (dataset, notes) = stix::bundle_dataset(&bundle, &name);
            let (catalog, mut warnings) = Catalog::from_dataset(dataset);
            warnings.extend(notes);
            (catalog, warnings)
        }
        Format::MispProducers => unreachable!("producer clusters are never the main file"),
    };
    Ok(Opened {
        catalog,
        warnings,
        format,
        label,
    })
}

/// With several files, every error says which file it is about.
fn in_file(name: &str, several: bool, e: LoadError) -> LoadError {
    if !several || matches!(e, LoadError::InFile { .. }) {
        return e;
    }
    LoadError::InFile {
        file: short(name),
        error: Box::new(e),
    }
}

/// A file name fit for a banner: no path, no control characters, at most 80 characters.
pub fn short(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    // Control and direction-changing characters could make a name read as something else.
    let visible: String = base
        .chars()
        .filter(|c| {
            !c.is_control()
                && !matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
        })
        .collect();
    let clean: String = crate::text::clean_name(&visible).chars().take(80).collect();
    if clean.is_empty() {
        "unnamed file".into()
    } else {
        clean
    }
}

fn from_json<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, LoadError> {
    serde_json::from_str(text).map_err(|e| {
        if e.is_data() {
            LoadError::Shape {
                line: e.line(),
                column: e.column(),
                message: e.to_string(),
            }
        } else {
            json_error(&e)
        }
    })
}

/// A dataset made of one MISP galaxy cluster, converted exactly as `make data` converts the
/// upstream one.
pub fn misp_dataset(cluster: &MispCluster, producers: &MispCluster, file: &str) -> Dataset {
    let mut b = Builder::new(&[]);
    b.add_misp(cluster, producers);
    let mut actors = b.actors.clone();
    crate::sort::sort_by(&mut actors, |x, y| x.id.cmp(&y.id));
    let version = match &cluster.version {
        serde_json::Value::Null => None,
        v => Some(v.to_string().trim_matches('"').to_string()),
    };
    Dataset {
        schema: SCHEMA_VERSION,
        schemes: Vec::new(),
        info: DatasetInfo {
            title: file.to_string(),
            version: version.clone().unwrap_or_else(|| "opened file".into()),
            updated: None,
        },
        sources: vec![Source {
            id: MISP.into(),
            name: format!("{file} (MISP galaxy cluster, opened on this device)"),
            kind: SourceKind::Dataset,
            url: None,
            licence: None,
            version,
            credit: None,
        }],
        vendors: b.sorted_vendors(),
        actors,
        events: Vec::new(),
    }
}

#[cfg(test)]
mod tests;
