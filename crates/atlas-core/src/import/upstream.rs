//! Serde types for the upstream formats, reduced to the fields the merge reads. Descriptions
//! are deliberately not read: upstream prose never enters the dataset.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::Value;

/// A MISP galaxy cluster file (threat-actor.json, producer.json).
#[derive(Debug, Deserialize)]
pub struct MispCluster {
    #[serde(default)]
    pub version: Value,
    /// "threat-actor", "producer", …
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    pub values: Vec<MispValue>,
}

#[derive(Debug, Deserialize)]
pub struct MispValue {
    pub value: String,
    /// Missing in a hand-made cluster; the value then has no relations.
    #[serde(default)]
    pub uuid: String,
    #[serde(default)]
    pub meta: BTreeMap<String, Value>,
    #[serde(default)]
    pub related: Vec<MispRelated>,
}

#[derive(Debug, Deserialize)]
pub struct MispRelated {
    #[serde(rename = "dest-uuid")]
    pub dest_uuid: String,
    #[serde(rename = "type")]
    pub kind: String,
}

impl MispValue {
    /// A meta field as a list of strings, whether upstream wrote a string or a list.
    pub fn strings(&self, key: &str) -> Vec<String> {
        match self.meta.get(key) {
            Some(Value::String(s)) => vec![s.clone()],
            Some(Value::Array(items)) => items
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// A STIX 2.x bundle (ATT&CK files).
#[derive(Debug, Deserialize)]
pub struct StixBundle {
    #[serde(default)]
    pub objects: Vec<StixObject>,
}

#[derive(Debug, Deserialize)]
pub struct StixObject {
    #[serde(rename = "type")]
    pub kind: String,
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub revoked: bool,
    #[serde(default)]
    pub x_mitre_deprecated: bool,
    #[serde(default)]
    pub created_by_ref: Option<String>,
    /// Which version of the object this is; a bundle may carry several.
    #[serde(default)]
    pub modified: Option<String>,
    /// What this app's own STIX export adds, read back so a round trip keeps it.
    #[serde(default)]
    pub x_threat_atlas_first_seen_precision: Option<String>,
    #[serde(default)]
    pub x_threat_atlas_last_seen_precision: Option<String>,
    #[serde(default)]
    pub x_threat_atlas_origin: Option<String>,
    #[serde(default)]
    pub primary_motivation: Option<String>,
    #[serde(default)]
    pub secondary_motivations: Vec<String>,
    #[serde(default)]
    pub first_seen: Option<String>,
    #[serde(default)]
    pub last_seen: Option<String>,
    #[serde(default)]
    pub external_references: Vec<ExternalRef>,
    #[serde(default)]
    pub relationship_type: Option<String>,
    #[serde(default)]
    pub source_ref: Option<String>,
    #[serde(default)]
    pub target_ref: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct ExternalRef {
    pub source_name: String,
    #[serde(default)]
    pub external_id: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
}

impl StixObject {
    pub fn active(&self) -> bool {
        !self.revoked && !self.x_mitre_deprecated
    }

    /// The ATT&CK id (G0027, C0022) and its URL.
    pub fn attack_id(&self) -> Option<(&str, Option<&str>)> {
        self.external_references
            .iter()
            .find(|r| r.source_name == "mitre-attack")
            .and_then(|r| r.external_id.as_deref().map(|id| (id, r.url.as_deref())))
    }
}

/// One row of Microsoft's naming map.
#[derive(Debug, Deserialize)]
pub struct MicrosoftName {
    #[serde(rename = "Threat actor name")]
    pub name: String,
    #[serde(rename = "Origin/Threat", default)]
    pub origin: String,
    #[serde(rename = "Other names", default)]
    pub other_names: String,
}
