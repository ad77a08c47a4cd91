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
    /// Vendors' naming schemes, for reading what a name's form says (see `naming`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub schemes: Vec<crate::naming::Scheme>,
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
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
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
    /// Source id of the record that states the first-seen date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_seen_source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_seen: Option<PartialDate>,
    /// A short summary written for this project (never copied from upstream).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// What the summary's facts rest on: ids of this record's sources, its reference URLs,
    /// or source URLs of its events.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub summary_sources: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Related>,
    /// Ids this group had as a record of its own before the merge folded that record in
    /// (`actor/<former id>` still opens this group, saying why).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub former: Vec<Former>,
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
    /// What kind of name this is; absent means a group's name.
    #[serde(default, skip_serializing_if = "NameKind::is_group")]
    pub kind: NameKind,
    /// Source id of the document that says what kind of name it is, when that is not
    /// simply its form (a report title, a government designation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind_source: Option<String>,
}

/// What a name names. Only group and tracking names can be "shared" between groups; the
/// others say something about a group without being its name.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum NameKind {
    /// A name for the group itself.
    #[default]
    Group,
    /// A vendor's tracking name in its published naming scheme (APT29, COZY BEAR, TA421).
    Tracking,
    /// A vendor's temporary cluster (UNC2452, DEV-0586, Storm-0558).
    Cluster,
    /// An operation or campaign.
    Operation,
    /// Malware or a tool.
    Malware,
    /// The title of a report or programme (Grizzly Steppe).
    Report,
    /// A government's designation (GRU Unit 26165, UNSC 2814).
    Government,
    /// A kind this build does not know yet: treated as a group name.
    #[serde(other)]
    Other,
}

impl NameKind {
    pub fn is_group(&self) -> bool {
        matches!(self, NameKind::Group)
    }

    /// Whether two groups carrying this name is a conflict worth showing.
    pub fn can_conflict(self) -> bool {
        matches!(self, NameKind::Group | NameKind::Tracking | NameKind::Other)
    }

    /// The label with its article, for running text: "an operation or campaign".
    pub fn with_article(self) -> &'static str {
        match self {
            NameKind::Group | NameKind::Other => "a group name",
            NameKind::Tracking => "a tracking name",
            NameKind::Cluster => "a temporary cluster",
            NameKind::Operation => "an operation or campaign",
            NameKind::Malware => "the name of malware or a tool",
            NameKind::Report => "a report or programme title",
            NameKind::Government => "a government designation",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            NameKind::Group | NameKind::Other => "group name",
            NameKind::Tracking => "tracking name",
            NameKind::Cluster => "temporary cluster",
            NameKind::Operation => "operation or campaign",
            NameKind::Malware => "malware or tool",
            NameKind::Report => "report or programme title",
            NameKind::Government => "government designation",
        }
    }
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
    /// When the origin is read from a vendor's naming scheme: the vendor's name for the
    /// group that implies it ("Volt Typhoon"); `source` is then the scheme's page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by_name: Option<String>,
}

/// Suspected state sponsor or parent organisation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sponsor {
    pub name: String,
    pub source: String,
}

/// A link to another actor and what kind of link it is: `part-of`, `overlaps`,
/// `renamed-to`, `disputed`, or a kind upstream uses ("similar", "linked-to", …).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Related {
    pub id: String,
    pub kind: String,
    /// Source id of the dataset or document that asserts the link.
    pub source: String,
    /// Who asserts it, when that is not simply the source's publisher.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub asserted_by: Option<String>,
    /// Since when it holds, with the precision the source gives.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<PartialDate>,
    /// One line in the project's own words (e.g. which name both records carry).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A record folded into this group: its old id and name, why, since when, and who says so.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Former {
    pub id: String,
    pub name: String,
    /// Why the records are one group, in the project's own words.
    pub note: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<PartialDate>,
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
    /// A security advisory by government agencies (often jointly) that names a group.
    Advisory,
    Indictment,
    Sanction,
    /// Law enforcement takes down a group's infrastructure (servers, botnet, leak site).
    Takedown,
    VendorReport,
    /// An ATT&CK campaign: first seen → last seen.
    Campaign,
    #[serde(other)]
    Other,
}

impl EventKind {
    /// Whether a government or alliance acts: an attribution, an advisory, an indictment, a
    /// sanction or a takedown.
    pub fn is_government(self) -> bool {
        matches!(
            self,
            EventKind::GovernmentAttribution
                | EventKind::Advisory
                | EventKind::Indictment
                | EventKind::Sanction
                | EventKind::Takedown
        )
    }

    pub fn label(self) -> &'static str {
        match self {
            EventKind::GovernmentAttribution => "Government attribution",
            EventKind::Advisory => "Government advisory",
            EventKind::Indictment => "Indictment",
            EventKind::Sanction => "Sanction",
            EventKind::Takedown => "Takedown",
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
    /// Why the names map to these actors, when that is an inference rather than the
    /// government's own words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A reaction to an event, such as a denial by the accused state.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Response {
    pub party: String,
    /// "denial", "acknowledgement", …
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<PartialDate>,
    /// Where the response is reported (http or https).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}
