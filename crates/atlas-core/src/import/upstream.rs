//! Serde types for the upstream formats, reduced to the fields the merge reads. Upstream prose
//! never enters the dataset: descriptions are read only by [`active_since`], which takes the
//! year out of a phrase such as "active since at least 2012" and keeps nothing else.

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
    /// Read only by [`active_since`]; never stored.
    #[serde(default)]
    pub description: Option<String>,
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
    /// Read only by [`active_since`]; never stored.
    #[serde(default)]
    pub description: Option<String>,
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

/// The date a description states as the start of a group's activity ("active since at least
/// 2012", "operating since 2008", "since at least May 2014", "emerged in 2019", "tracked by
/// Proofpoint since late 2020", "has targeted entities in Asia since 2018"), or `None`.
///
/// Only phrases about the group's own activity count. A bare "since" counts only in a clause
/// about targeting, tracking or attacks, and the newer phrases do not count in a clause about a tool
/// ("the malware was first observed in 2017") or about activity stopping ("slowed down since
/// 2018"). The phrase must be followed by a year from 1980 to 2039 (and a month, when the text
/// names one); the date is all that is kept, with the precision the text gives. Of several
/// phrases, the one earliest in the text wins.
pub fn active_since(description: &str) -> Option<crate::PartialDate> {
    /// Phrases that state the start of activity wherever they stand.
    const PHRASES: &[&str] = &[
        "active since at least ",
        "operating since at least ",
        "operational since at least ",
        "in operation since at least ",
        "active since ",
        "operating since ",
        "operational since ",
        "in operation since ",
        "active from at least ",
        "since at least ",
        "as early as ",
        "dating back to at least ",
        "dating back to ",
        "emerged in ",
    ];
    /// Phrases that count only outside a clause about a tool or a stop (see below).
    const CAREFUL: &[&str] = &[
        "since its emergence in ",
        "activity was first observed in ",
        "group that was first observed in ",
        "first observed activity in ",
        "first identified in ",
        "started operating in ",
        "started operating during ",
    ];
    /// A bare "since" counts when its clause has one of these words…
    const SINCE_CLAUSE: &[&str] = &[
        "target",
        "tracked",
        "tracking",
        "compromised",
        "attacks",
        "activities",
        "campaigns",
        "operations",
        "operation",
    ];
    /// …and no careful phrase counts when its clause has one of these.
    const NOT_THE_GROUP: &[&str] = &[
        "malware", "tool", "backdoor", "loader", "implant", "variant", "slowed", "ceased",
        "stopped", "not seen", "inactive",
    ];
    const LEAD_INS: &[&str] = &[
        "as early as ",
        "at least ",
        "late ",
        "early ",
        "mid-",
        "mid ",
        "around ",
        "spring ",
        "the beginning of ",
        "the first quarter of ",
        "the middle of ",
        "the latter part of ",
    ];
    const MONTHS: &[&str] = &[
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    // One space between words, so a doubled space or a line break does not hide a phrase.
    let lower = description
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let clause_before = |at: usize| {
        let start = lower[..at].rfind(['.', ';', ',']).map_or(0, |i| i + 1);
        &lower[start..at]
    };
    let has_word = |clause: &str, word: &str| {
        clause.match_indices(word).any(|(i, _)| {
            !clause[..i]
                .chars()
                .next_back()
                .is_some_and(char::is_alphabetic)
        })
    };
    let date_after = |start: usize| {
        let mut rest = &lower[start..];
        for skip in LEAD_INS {
            rest = rest.strip_prefix(skip).unwrap_or(rest);
        }
        // A month before the year keeps month precision ("since at least May 2014",
        // "since May of 2020").
        let mut month = None;
        for (i, m) in MONTHS.iter().enumerate() {
            if let Some(r) = rest.strip_prefix(m) {
                if let Some(r) = r.strip_prefix(" of ").or_else(|| r.strip_prefix(' ')) {
                    month = Some(i + 1);
                    rest = r;
                    break;
                }
            }
        }
        let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
        let year = (digits.len() == 4)
            .then(|| digits.parse::<i32>().ok())
            .flatten()
            .filter(|y| (1980..2040).contains(y))?;
        let text = match month {
            Some(m) => format!("{year}-{m:02}"),
            None => year.to_string(),
        };
        text.parse::<crate::PartialDate>().ok()
    };
    let mut best: Option<(usize, crate::PartialDate)> = None;
    #[derive(Clone, Copy, PartialEq)]
    enum Rule {
        Always,
        Careful,
        Bare,
    }
    let phrases = PHRASES
        .iter()
        .map(|p| (*p, Rule::Always))
        .chain(CAREFUL.iter().map(|p| (*p, Rule::Careful)))
        .chain(std::iter::once(("since ", Rule::Bare)));
    for (p, rule) in phrases {
        for (at, _) in lower.match_indices(p) {
            // A whole phrase only: "inactive since" and "cooperating since" do not count.
            if lower[..at]
                .chars()
                .next_back()
                .is_some_and(char::is_alphabetic)
            {
                continue;
            }
            let clause = clause_before(at);
            if rule != Rule::Always && NOT_THE_GROUP.iter().any(|w| has_word(clause, w)) {
                continue;
            }
            if rule == Rule::Bare && !SINCE_CLAUSE.iter().any(|w| has_word(clause, w)) {
                continue;
            }
            if let Some(d) = date_after(at + p.len()) {
                if best.as_ref().is_none_or(|(pos, _)| at < *pos) {
                    best = Some((at, d));
                }
            }
        }
    }
    best.map(|(_, d)| d)
}

#[cfg(test)]
mod tests {
    use super::active_since;

    #[test]
    fn active_since_reads_the_year_of_the_stated_phrases_only() {
        let year = |s: &str| active_since(s).map(|d| d.to_string());
        assert_eq!(
            year("Our fixture: spies seen active since at least 2012."),
            Some("2012".into())
        );
        assert_eq!(
            year("Operating since 2008, it targets ministries."),
            Some("2008".into())
        );
        assert_eq!(
            year("It has used this tool since at least 2016 and was active since 2010."),
            Some("2016".into())
        );
        assert_eq!(year("In 2014 it attacked banks."), None);
        assert_eq!(year("active since 1848"), None);
        assert_eq!(year("active since 20123"), None);
        assert_eq!(
            year("It has operated since at least May 2014."),
            Some("2014-05".into())
        );
        assert_eq!(
            year("activity dating back to late 2009"),
            Some("2009".into())
        );
        assert_eq!(year("the malware was first observed in 2017"), None);
        assert_eq!(year("The group has been inactive since 2019."), None);
        assert_eq!(year("cooperating since 2015"), None);
        // Written for this test: tracking, targeting and emergence phrases.
        assert_eq!(
            year("A crew that Proofpoint has  tracked since late 2020."),
            Some("2020".into())
        );
        assert_eq!(
            year("It has targeted ports in the region since May of 2019."),
            Some("2019-05".into())
        );
        assert_eq!(
            year("Group activity was first observed in November 2013."),
            Some("2013-11".into())
        );
        assert_eq!(year("It moved to Asia since 2018."), None);
        assert_eq!(year("The targeting has slowed down since 2018."), None);
        assert_eq!(year("A loader first identified in 2020."), None);
    }
}
