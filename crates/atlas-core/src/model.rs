//! The dataset, schema version 1, as plain serde types.
//!
//! `docs/dataset.md` is the reader's description of the same schema; keep the two in step.
//! Unknown fields are ignored (so a newer dataset with extra fields still loads), optional
//! lists default to empty, and every fact that came from somewhere names its source.

use serde::{Deserialize, Serialize};

use crate::date::PartialDate;

/// A whole dataset file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Dataset {
    /// Schema version; this build reads [`crate::SCHEMA_VERSION`].
    pub schema: u32,
    pub info: DatasetInfo,
    #[serde(default)]
    pub sources: Vec<Source>,
    #[serde(default)]
    pub vendors: Vec<Vendor>,
    #[serde(default)]
    pub actors: Vec<Actor>,
    #[serde(default)]
    pub events: Vec<Event>,
}

/// What the dataset is, for the footer and the about page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DatasetInfo {
    pub title: String,
    /// Free-form version label, e.g. "2026.11.28".
    pub version: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<PartialDate>,
}

/// Where a fact comes from: an upstream dataset or a single public document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// Stable id that aliases and facts refer to.
    pub id: String,
    pub name: String,
    pub kind: SourceKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub licence: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// The credit line the licence asks for, shown verbatim on the about page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    /// A dataset such as the MISP galaxy or MITRE ATT&CK.
    Dataset,
    /// One public document: a government statement, a report, a press article.
    Document,
    /// A kind this build does not know yet.
    #[serde(other)]
    Other,
}

/// An organisation that names threat actors (Microsoft, CrowdStrike, MITRE, …).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Vendor {
    pub id: String,
    pub name: String,
}

/// A threat actor: one group as the atlas understands it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    /// Stable lowercase slug, used in URLs (`actor/<id>`).
    pub id: String,
    /// Display name.
    pub name: String,
    /// Every name this group is known by, including the display name where a vendor uses it.
    #[serde(default)]
    pub aliases: Vec<Alias>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Origin>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sponsor: Option<Sponsor>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub motivations: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sectors: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub victims: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_seen: Option<PartialDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_seen: Option<PartialDate>,
    /// A short summary written for this project (never copied from upstream).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Related>,
    /// Reference URLs (http or https only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub refs: Vec<String>,
    /// Ids of the sources this record was built from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
}

/// One name for an actor, with who uses it and who says so.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alias {
    pub name: String,
    /// Vendor id of the organisation that uses this name, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vendor: Option<String>,
    /// Source id of the dataset or document that records this name.
    pub source: String,
}

/// Suspected country of origin.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    /// Country name in English, e.g. "China".
    pub country: String,
    /// ISO 3166-1 alpha-2 code, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    pub source: String,
}

/// Suspected state sponsor or parent organisation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sponsor {
    pub name: String,
    pub source: String,
}

/// A link to another actor and what kind of link it is ("similar", "overlaps", …).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Related {
    pub id: String,
    pub kind: String,
    pub source: String,
}

/// A dated public event: an attribution, an indictment, a sanction, a report, a campaign.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub id: String,
    pub date: PartialDate,
    /// Last day of an activity span (campaigns: last seen).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<PartialDate>,
    pub kind: EventKind,
    /// One line in the project's own words.
    pub title: String,
    /// Who made the attribution (governments, agencies, vendors).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attributed_by: Vec<String>,
    /// What was attributed to whom; a statement with two groupings has two claims.
    #[serde(default)]
    pub claims: Vec<Claim>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub responses: Vec<Response>,
    /// Source URLs (http or https only).
    #[serde(default)]
    pub sources: Vec<String>,
    /// How sure the date and mapping are, in the project's own words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EventKind {
    /// A government or alliance publicly names a group or state.
    GovernmentAttribution,
    Indictment,
    Sanction,
    VendorReport,
    /// An ATT&CK campaign: first seen → last seen.
    Campaign,
    #[serde(other)]
    Other,
}

impl EventKind {
    pub fn label(self) -> &'static str {
        match self {
            EventKind::GovernmentAttribution => "Government attribution",
            EventKind::Indictment => "Indictment",
            EventKind::Sanction => "Sanction",
            EventKind::VendorReport => "Vendor report",
            EventKind::Campaign => "Campaign",
            EventKind::Other => "Other",
        }
    }
}

/// One attribution inside an event: the names exactly as stated, the actors they map to,
/// and the victim or operation they were tied to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claim {
    pub names_as_stated: String,
    #[serde(default)]
    pub actors: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub victim: Option<String>,
}

/// A reaction to an event, such as a denial by the accused state.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Response {
    pub party: String,
    /// "denial", "acknowledgement", …
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}
