//! Vendors' published naming schemes, as data, and what the form of a name says.
//!
//! Each vendor that names threat actors by a scheme (Microsoft's weather families,
//! CrowdStrike's animals, Secureworks' COLOUR WORD, …) is one [`Scheme`]: its forms, each with
//! what it means, and the source that publishes it (`data/naming-schemes.json`). The merge
//! uses them to check who a name is credited to, and to tell a vendor's tracking name or
//! temporary cluster from other names. Forms are matched on the name as written, so
//! "Volt Typhoon" is Microsoft's and "VOLT TYPHOON" too, but "Typhoon" alone is nobody's.

use serde::{Deserialize, Serialize};

use crate::model::NameKind;

/// One vendor's naming scheme.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scheme {
    /// Vendor id, as in the dataset's `vendors`.
    pub vendor: String,
    /// Source id of the page where the vendor publishes the scheme.
    pub source: String,
    pub forms: Vec<Form>,
}

/// One form of name in a scheme, and what it stands for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Form {
    /// How names of this form are written; see [`Form::matches`].
    #[serde(flatten)]
    pub shape: Shape,
    /// What the form means, in the vendor's terms: "China", "financially motivated", …
    pub meaning: String,
    /// Whether a name of this form is a lasting tracking name or a temporary cluster.
    #[serde(default = "tracking")]
    pub kind: NameKind,
}

fn tracking() -> NameKind {
    NameKind::Tracking
}

/// The written shape of a form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Shape {
    /// Two or more words, the last one of these ("Volt Typhoon", "Fancy Bear").
    Last(Vec<String>),
    /// Two or more words in capitals, the first one of these ("BRONZE UNION").
    FirstUpper(Vec<String>),
    /// A pattern: `#` is one or more digits, `?` an optional space, hyphen or dot, and any
    /// other character stands for itself, ignoring case ("Storm-#", "APT?#", "TA?#"); `*` is
    /// one or more letters or digits ("TEMP.*").
    Pattern(String),
    /// One word in capitals, one of these ("GALLIUM").
    UpperWord(Vec<String>),
    /// One word in capitals that names a chemical element (Microsoft's scheme before 2023).
    Element(bool),
}

impl Form {
    pub fn matches(&self, name: &str) -> bool {
        let words: Vec<&str> = name.split_whitespace().collect();
        match &self.shape {
            Shape::Last(list) => {
                words.len() >= 2
                    && list
                        .iter()
                        .any(|w| words[words.len() - 1].eq_ignore_ascii_case(w))
            }
            Shape::FirstUpper(list) => {
                words.len() >= 2
                    && !name.chars().any(|c| c.is_lowercase())
                    && list.iter().any(|w| words[0] == w)
            }
            Shape::Pattern(p) => pattern_matches(p, name.trim()),
            Shape::UpperWord(list) => words.len() == 1 && list.iter().any(|w| w == words[0]),
            Shape::Element(on) => *on && words.len() == 1 && ELEMENTS.contains(&words[0]),
        }
    }
}

/// Chemical elements in capitals, as Microsoft wrote its names before 2023.
pub const ELEMENTS: &[&str] = &[
    "HYDROGEN",
    "HELIUM",
    "LITHIUM",
    "BERYLLIUM",
    "BORON",
    "CARBON",
    "NITROGEN",
    "OXYGEN",
    "FLUORINE",
    "NEON",
    "SODIUM",
    "MAGNESIUM",
    "ALUMINUM",
    "ALUMINIUM",
    "SILICON",
    "PHOSPHORUS",
    "SULFUR",
    "CHLORINE",
    "ARGON",
    "POTASSIUM",
    "CALCIUM",
    "SCANDIUM",
    "TITANIUM",
    "VANADIUM",
    "CHROMIUM",
    "MANGANESE",
    "IRON",
    "COBALT",
    "NICKEL",
    "COPPER",
    "ZINC",
    "GALLIUM",
    "GERMANIUM",
    "ARSENIC",
    "SELENIUM",
    "BROMINE",
    "KRYPTON",
    "RUBIDIUM",
    "STRONTIUM",
    "YTTRIUM",
    "ZIRCONIUM",
    "NIOBIUM",
    "MOLYBDENUM",
    "TECHNETIUM",
    "RUTHENIUM",
    "RHODIUM",
    "PALLADIUM",
    "SILVER",
    "CADMIUM",
    "INDIUM",
    "TIN",
    "ANTIMONY",
    "TELLURIUM",
    "IODINE",
    "XENON",
    "CESIUM",
    "CAESIUM",
    "BARIUM",
    "LANTHANUM",
    "CERIUM",
    "PRASEODYMIUM",
    "NEODYMIUM",
    "PROMETHIUM",
    "SAMARIUM",
    "EUROPIUM",
    "GADOLINIUM",
    "TERBIUM",
    "DYSPROSIUM",
    "HOLMIUM",
    "ERBIUM",
    "THULIUM",
    "YTTERBIUM",
    "LUTETIUM",
    "HAFNIUM",
    "TANTALUM",
    "TUNGSTEN",
    "RHENIUM",
    "OSMIUM",
    "IRIDIUM",
    "PLATINUM",
    "GOLD",
    "MERCURY",
    "THALLIUM",
    "LEAD",
    "BISMUTH",
    "POLONIUM",
    "ASTATINE",
    "RADON",
    "FRANCIUM",
    "RADIUM",
    "ACTINIUM",
    "THORIUM",
    "PROTACTINIUM",
    "URANIUM",
    "NEPTUNIUM",
    "PLUTONIUM",
    "AMERICIUM",
    "CURIUM",
    "BERKELIUM",
    "CALIFORNIUM",
    "EINSTEINIUM",
    "FERMIUM",
    "MENDELEVIUM",
    "NOBELIUM",
    "LAWRENCIUM",
    "RUTHERFORDIUM",
    "DUBNIUM",
    "SEABORGIUM",
    "BOHRIUM",
    "HASSIUM",
    "MEITNERIUM",
    "DARMSTADTIUM",
    "ROENTGENIUM",
    "COPERNICIUM",
    "NIHONIUM",
    "FLEROVIUM",
    "MOSCOVIUM",
    "LIVERMORIUM",
    "TENNESSINE",
    "OGANESSON",
];

fn pattern_matches(pattern: &str, name: &str) -> bool {
    fn go(p: &[char], s: &[char]) -> bool {
        match p.split_first() {
            None => s.is_empty(),
            Some(('#', rest)) => {
                let digits = s.iter().take_while(|c| c.is_ascii_digit()).count();
                (1..=digits).rev().any(|n| go(rest, &s[n..]))
            }
            Some(('*', rest)) => {
                let run = s.iter().take_while(|c| c.is_alphanumeric()).count();
                (1..=run).rev().any(|n| go(rest, &s[n..]))
            }
            Some(('?', rest)) => {
                (matches!(s.first(), Some(' ' | '-' | '.')) && go(rest, &s[1..])) || go(rest, s)
            }
            Some((c, rest)) => {
                s.first()
                    .is_some_and(|x| x.to_lowercase().eq(c.to_lowercase()))
                    && go(rest, &s[1..])
            }
        }
    }
    let p: Vec<char> = pattern.chars().collect();
    let s: Vec<char> = name.chars().collect();
    // Patterns come from any dataset a reader opens: short ones with few wildcards only, so
    // the backtracking stays small.
    let wild = p.iter().filter(|c| matches!(c, '#' | '?' | '*')).count();
    s.len() <= 64 && p.len() <= 24 && wild <= 4 && go(&p, &s)
}

/// What a name's form says: whose scheme it follows, which form, and what kind of name it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reading<'a> {
    pub scheme: &'a Scheme,
    pub form: &'a Form,
}

/// Every scheme form the name follows, one per vendor (the first form that matches).
pub fn read<'a>(schemes: &'a [Scheme], name: &str) -> Vec<Reading<'a>> {
    schemes
        .iter()
        .filter_map(|scheme| {
            scheme
                .forms
                .iter()
                .find(|f| f.matches(name))
                .map(|form| Reading { scheme, form })
        })
        .collect()
}

/// The kind a name has by its form alone: an operation ("Operation Aurora"), a temporary
/// cluster or a tracking name in some vendor's scheme, or else a group name. Curated kinds
/// (a report title, a government designation, malware) override this in the merge.
pub fn kind_by_form(schemes: &[Scheme], name: &str) -> NameKind {
    let lower = name.trim().to_lowercase();
    if lower.starts_with("operation ") || lower.ends_with(" campaign") {
        return NameKind::Operation;
    }
    match read(schemes, name).first() {
        Some(r) => r.form.kind,
        None => NameKind::Group,
    }
}

/// The credit check: a name credited to `credited`, a vendor with a scheme, that does not
/// follow that scheme but follows exactly one other vendor's, belongs to that other vendor.
/// Returns that vendor's scheme. Names of vendors without a scheme are never re-credited.
pub fn misattributed<'a>(schemes: &'a [Scheme], name: &str, credited: &str) -> Option<&'a Scheme> {
    let own = schemes.iter().find(|s| s.vendor == credited)?;
    if own.forms.iter().any(|f| f.matches(name)) {
        return None;
    }
    let others = read(schemes, name);
    match others.as_slice() {
        [one] if one.scheme.vendor != credited => Some(one.scheme),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schemes() -> Vec<Scheme> {
        serde_json::from_str(
            r##"[
              {"vendor": "microsoft", "source": "ms", "forms": [
                {"last": ["Typhoon", "Blizzard"], "meaning": "China or Russia"},
                {"pattern": "Storm-#", "meaning": "in development", "kind": "cluster"},
                {"upper-word": ["GALLIUM"], "meaning": "element"}]},
              {"vendor": "crowdstrike", "source": "cs", "forms": [
                {"last": ["Panda", "Bear"], "meaning": "China or Russia"}]},
              {"vendor": "secureworks", "source": "sw", "forms": [
                {"first-upper": ["BRONZE", "IRON"], "meaning": "China or Russia"}]},
              {"vendor": "palo-alto-networks", "source": "pa", "forms": [
                {"last": ["Ursa"], "meaning": "Russia"}]},
              {"vendor": "mandiant", "source": "md", "forms": [
                {"pattern": "APT?#", "meaning": "state-backed"},
                {"pattern": "UNC#", "meaning": "uncategorised", "kind": "cluster"}]}
            ]"##,
        )
        .unwrap()
    }

    #[test]
    fn forms_match_as_written() {
        let s = schemes();
        let vendors = |n: &str| -> Vec<String> {
            read(&s, n)
                .iter()
                .map(|r| r.scheme.vendor.clone())
                .collect()
        };
        assert_eq!(vendors("Volt Typhoon"), ["microsoft"]);
        assert_eq!(vendors("Storm-0558"), ["microsoft"]);
        assert!(vendors("Storm-").is_empty());
        assert!(vendors("Typhoon").is_empty());
        assert_eq!(vendors("GALLIUM"), ["microsoft"]);
        assert!(vendors("Gallium").is_empty());
        assert_eq!(vendors("BRONZE UNION"), ["secureworks"]);
        assert!(vendors("Bronze Union").is_empty());
        assert_eq!(vendors("APT 29"), ["mandiant"]);
        assert_eq!(vendors("apt-29"), ["mandiant"]);
        assert!(vendors("APT-C-23").is_empty());
        assert_eq!(vendors("PRIMITIVE BEAR"), ["crowdstrike"]);
    }

    #[test]
    fn kinds_by_form() {
        let s = schemes();
        assert_eq!(kind_by_form(&s, "UNC2452"), NameKind::Cluster);
        assert_eq!(kind_by_form(&s, "Storm-0558"), NameKind::Cluster);
        assert_eq!(kind_by_form(&s, "Cozy Bear"), NameKind::Tracking);
        assert_eq!(kind_by_form(&s, "Operation Soft Cell"), NameKind::Operation);
        assert_eq!(kind_by_form(&s, "The Dukes"), NameKind::Group);
    }

    #[test]
    fn credits_in_another_vendors_form_are_misattributed() {
        let s = schemes();
        let fix = |n: &str, v: &str| misattributed(&s, n, v).map(|x| x.vendor.as_str());
        assert_eq!(
            fix("PRIMITIVE BEAR", "palo-alto-networks"),
            Some("crowdstrike")
        );
        assert_eq!(fix("PRIMITIVE BEAR", "crowdstrike"), None);
        assert_eq!(fix("Cloaked Ursa", "palo-alto-networks"), None);
        // A name in no scheme's form stays with whoever is credited.
        assert_eq!(fix("The Dukes", "palo-alto-networks"), None);
        // Vendors without a scheme are never re-credited.
        assert_eq!(fix("COZY BEAR", "kaspersky"), None);
    }
}

/// One vendor's name for a group read as a suspected origin ("Volt Typhoon": China, per
/// Microsoft's naming).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OriginReading<'a> {
    pub scheme: &'a Scheme,
    pub form: &'a Form,
    /// The vendor's name for the group, as the atlas records it.
    pub name: String,
    /// The country, as `countries` spells it.
    pub country: String,
}

/// What each vendor's names for this group imply about its origin: the group's names that
/// follow a country-coded form of the scheme of the vendor credited with them (or of the
/// only scheme they follow, when no vendor is recorded). One reading per vendor and name.
pub fn origin_readings<'a>(schemes: &'a [Scheme], actor: &crate::Actor) -> Vec<OriginReading<'a>> {
    let mut out: Vec<OriginReading> = Vec::new();
    for alias in &actor.aliases {
        let readings = read(schemes, &alias.name);
        let pick = match alias.vendor.as_deref() {
            Some(v) => readings.into_iter().find(|r| r.scheme.vendor == v),
            None if readings.len() == 1 => readings.into_iter().next(),
            None => None,
        };
        let Some(r) = pick else {
            continue;
        };
        let country = crate::countries::normalise(&r.form.meaning);
        if crate::countries::code_for_name(country).is_none() {
            continue;
        }
        if out
            .iter()
            .any(|o| o.scheme.vendor == r.scheme.vendor && o.name.eq_ignore_ascii_case(&alias.name))
        {
            continue;
        }
        out.push(OriginReading {
            scheme: r.scheme,
            form: r.form,
            name: alias.name.clone(),
            country: country.to_string(),
        });
    }
    out
}

/// The one country every reading agrees on, if they all agree.
pub fn agreed_country<'a>(readings: &'a [OriginReading]) -> Option<&'a OriginReading<'a>> {
    let first = readings.first()?;
    readings
        .iter()
        .all(|r| r.country == first.country)
        .then_some(first)
}

/// What a name's form means, for the name decoder: the part of the name that carries the
/// meaning ("Typhoon", "BRONZE", "Storm-#"), whose scheme it is, and what it stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded<'a> {
    pub scheme: &'a Scheme,
    pub part: String,
    pub meaning: &'a str,
}

/// Decodes a name by the scheme of the vendor credited with it (by the only scheme it
/// follows, when no vendor is recorded); `None` otherwise, so "Iron Tiger", Trend Micro's
/// name, is never read as CrowdStrike's.
pub fn decode<'a>(schemes: &'a [Scheme], name: &str, vendor: Option<&str>) -> Option<Decoded<'a>> {
    let readings = read(schemes, name);
    let r = match vendor {
        Some(v) => readings.into_iter().find(|r| r.scheme.vendor == v)?,
        None if readings.len() == 1 => readings.into_iter().next()?,
        None => return None,
    };
    let words: Vec<&str> = name.split_whitespace().collect();
    let part = match &r.form.shape {
        Shape::Last(_) => words.last().map(|w| w.to_string()).unwrap_or_default(),
        Shape::FirstUpper(_) => words.first().map(|w| w.to_string()).unwrap_or_default(),
        Shape::Pattern(p) => p.replace('#', "…").replace('?', "").replace('*', "…"),
        Shape::UpperWord(_) | Shape::Element(_) => name.trim().to_string(),
    };
    Some(Decoded {
        scheme: r.scheme,
        part,
        meaning: &r.form.meaning,
    })
}

/// A vendor's name in the possessive: "Microsoft's", "Palo Alto Networks'".
pub fn possessive(name: &str) -> String {
    if name.ends_with('s') {
        format!("{name}'")
    } else {
        format!("{name}'s")
    }
}

impl Decoded<'_> {
    /// The decoder's sentence, given the vendor's display name: "Typhoon: Microsoft's family
    /// for actors based in China", "Storm-…: Microsoft's form for a group in development".
    pub fn describe(&self, vendor: &str) -> String {
        let who = possessive(vendor);
        let country = crate::countries::normalise(self.meaning);
        if crate::countries::code_for_name(country).is_some() {
            format!("{}: {who} family for actors based in {country}", self.part)
        } else {
            format!("{}: {who} form for {}", self.part, self.meaning)
        }
    }
}

/// The decoder's sentence for a name in a catalogue (vendor names as the dataset spells
/// them), and the source id of the scheme that says so.
pub fn decoder_line<'a>(
    catalog: &'a crate::Catalog,
    name: &str,
    vendor: Option<&str>,
) -> Option<(String, &'a str)> {
    let d = decode(&catalog.dataset().schemes, name, vendor)?;
    let who = catalog
        .vendor(&d.scheme.vendor)
        .map_or(d.scheme.vendor.as_str(), |v| v.name.as_str());
    Some((d.describe(who), d.scheme.source.as_str()))
}

#[cfg(test)]
mod guide_tests {
    use super::*;

    #[test]
    fn the_guide_shows_each_form_as_a_reader_sees_names() {
        let shape = |json: &str| -> String {
            serde_json::from_str::<Form>(json)
                .unwrap()
                .shape
                .looks_like()
        };
        assert_eq!(shape(r#"{"last":["Typhoon"],"meaning":"m"}"#), "… Typhoon");
        assert_eq!(
            shape(r#"{"first-upper":["BRONZE","IRON","COBALT","TIN"],"meaning":"m"}"#),
            "BRONZE …, IRON …, COBALT …, …"
        );
        assert_eq!(shape(r#"{"pattern":"APT?#","meaning":"m"}"#), "APT …");
        assert_eq!(shape(r#"{"pattern":"Storm-#","meaning":"m"}"#), "Storm-…");
        assert_eq!(shape(r#"{"pattern":"TEMP.*","meaning":"m"}"#), "TEMP.…");
        let json = r#"{"schema":1,"info":{"title":"t","version":"1"},
          "sources":[{"id":"s","name":"S","kind":"dataset"}],
          "vendors":[{"id":"one","name":"One Form"},{"id":"two","name":"Two Forms"}],
          "schemes":[
            {"vendor":"one","source":"s","forms":[{"pattern":"TA?#","meaning":"a threat actor"}]},
            {"vendor":"two","source":"s","forms":[{"last":["Owl"],"meaning":"Ruritania"},{"pattern":"OWL-#","meaning":"a cluster","kind":"cluster"}]}
          ]}"#;
        let c = crate::parse(json).unwrap().0;
        let g = guide(&c);
        assert_eq!(g[0].vendor, "Two Forms");
        assert_eq!(
            g[0].forms,
            [
                ("… Owl".to_string(), "Ruritania".to_string()),
                ("OWL-…".to_string(), "a cluster".to_string())
            ]
        );
        assert_eq!(
            (g[1].vendor.as_str(), g[1].source.as_str()),
            ("One Form", "s")
        );
    }
}

/// One vendor's scheme as the home page's guide shows it: the vendor, the page that
/// publishes the scheme, and each form of name with what it means.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GuideEntry {
    /// The vendor's display name.
    pub vendor: String,
    /// Source id of the scheme's page.
    pub source: String,
    /// (how names of the form look, what they mean), in the scheme's order.
    pub forms: Vec<(String, String)>,
}

/// The guide to reading vendor names: every scheme in the dataset, the vendors with the
/// most forms first (then by name).
pub fn guide(catalog: &crate::Catalog) -> Vec<GuideEntry> {
    let mut out: Vec<GuideEntry> = catalog
        .dataset()
        .schemes
        .iter()
        .map(|s| GuideEntry {
            vendor: catalog
                .vendor(&s.vendor)
                .map_or(s.vendor.clone(), |v| v.name.clone()),
            source: s.source.clone(),
            forms: s
                .forms
                .iter()
                .map(|f| (f.shape.looks_like(), f.meaning.clone()))
                .collect(),
        })
        .collect();
    crate::sort::sort_by(&mut out, |a, b| {
        b.forms
            .len()
            .cmp(&a.forms.len())
            .then_with(|| a.vendor.cmp(&b.vendor))
    });
    out
}

impl Shape {
    /// How names of this shape look, for a reader: "… Typhoon", "BRONZE …, IRON …",
    /// "Storm-…", "a chemical element in capitals (GALLIUM)".
    pub fn looks_like(&self) -> String {
        match self {
            Shape::Last(words) => words
                .iter()
                .map(|w| format!("… {w}"))
                .collect::<Vec<_>>()
                .join(", "),
            Shape::FirstUpper(words) => {
                let shown: Vec<String> = words.iter().take(3).map(|w| format!("{w} …")).collect();
                if words.len() > 3 {
                    format!("{}, …", shown.join(", "))
                } else {
                    shown.join(", ")
                }
            }
            Shape::Pattern(p) => p.replace("?#", " …").replace(['#', '*'], "…"),
            Shape::UpperWord(words) => words.join(", "),
            Shape::Element(_) => "a chemical element in capitals (GALLIUM)".to_string(),
        }
    }
}

#[cfg(test)]
mod origin_tests {
    use super::*;
    use crate::{Actor, Alias, NameKind};

    fn actor(names: &[(&str, Option<&str>)]) -> Actor {
        let mut a = Actor {
            id: "x".into(),
            name: "X".into(),
            ..Actor::default()
        };
        a.aliases = names
            .iter()
            .map(|(n, v)| Alias {
                name: n.to_string(),
                vendor: v.map(str::to_string),
                source: "s".into(),
                kind: NameKind::Group,
                kind_source: None,
            })
            .collect();
        a
    }

    fn schemes() -> Vec<Scheme> {
        serde_json::from_str(
            r#"[{"vendor": "microsoft", "source": "ms", "forms": [
                   {"last": ["Typhoon"], "meaning": "China"}, {"last": ["Tempest"], "meaning": "financially motivated"}]},
                {"vendor": "crowdstrike", "source": "cs", "forms": [
                   {"last": ["Panda"], "meaning": "China"}, {"last": ["Bear"], "meaning": "Russia"}]}]"#,
        )
        .unwrap()
    }

    #[test]
    fn vendors_names_imply_an_origin_and_can_disagree() {
        let s = schemes();
        let a = actor(&[
            ("Volt Typhoon", Some("microsoft")),
            ("VANGUARD PANDA", None),
            ("Other", None),
        ]);
        let r = origin_readings(&s, &a);
        assert_eq!(r.len(), 2);
        assert_eq!(
            agreed_country(&r).map(|r| r.country.as_str()),
            Some("China")
        );
        // A motivation family is not a country.
        assert!(origin_readings(&s, &actor(&[("Lace Tempest", Some("microsoft"))])).is_empty());
        // A name credited to one vendor is read by that vendor's scheme only.
        assert!(origin_readings(&s, &actor(&[("Fancy Bear", Some("microsoft"))])).is_empty());
        let split = origin_readings(&s, &actor(&[("Volt Typhoon", None), ("Cozy Bear", None)]));
        assert_eq!(split.len(), 2);
        assert!(agreed_country(&split).is_none());
    }

    #[test]
    fn the_decoder_names_the_part_that_carries_the_meaning() {
        let s = schemes();
        let d = decode(&s, "Volt Typhoon", Some("microsoft")).unwrap();
        assert!(decode(&s, "Volt Typhoon", Some("trend-micro")).is_none());
        assert!(decode(&s, "Volt Typhoon", None).is_some());
        assert_eq!(
            (d.part.as_str(), d.meaning, d.scheme.vendor.as_str()),
            ("Typhoon", "China", "microsoft")
        );
        assert!(decode(&s, "Lazarus Group", None).is_none());
        // A long pattern of wildcards is refused rather than matched slowly.
        let many = Form {
            shape: Shape::Pattern("?".repeat(5000) + &"*".repeat(40)),
            meaning: String::new(),
            kind: NameKind::Tracking,
        };
        assert!(!many.matches("abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz"));
    }
}
