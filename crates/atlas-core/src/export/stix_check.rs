//! The STIX 2.1 specification's required properties, as a checker for what
//! [`super::stix_bundle`] writes (used by the unit and browser tests; the app never calls it).
//!
//! Covered, from STIX 2.1 (OASIS, 2021): the bundle (§8: `type`, `id`), the common properties
//! every SDO must have (§3.2: `type`, `spec_version` "2.1", `id` as `type--UUID`, `created`,
//! `modified` ≥ `created`), `relationship` (§5.1: `relationship_type`, and `source_ref` and
//! `target_ref` naming objects of the bundle), `intrusion-set` (§4.10: `name`; `aliases` a non-empty list of
//! strings; `last_seen` ≥ `first_seen`), external references (§2.5: `source_name`, and one of
//! `description`, `url`, `external_id`), timestamps (§2.14: RFC 3339, UTC, "Z"), and custom
//! property names (§11.1: 3–250 characters of a–z, 0–9 and _).

use serde_json::Value;

/// Properties the specification defines for the objects written here; any other name is a
/// custom property and must follow §11.1.
const COMMON: &[&str] = &[
    "type",
    "id",
    "spec_version",
    "created",
    "modified",
    "created_by_ref",
    "revoked",
    "labels",
    "confidence",
    "lang",
    "external_references",
    "object_marking_refs",
    "granular_markings",
    "extensions",
    "name",
    "description",
    "aliases",
    "first_seen",
    "last_seen",
    "goals",
    "resource_level",
    "primary_motivation",
    "secondary_motivations",
    "relationship_type",
    "source_ref",
    "target_ref",
    "start_time",
];

/// Every violation found, as readable lines; empty when the bundle conforms.
pub fn problems(bundle: &Value) -> Vec<String> {
    let mut p = Vec::new();
    if bundle["type"] != "bundle" {
        p.push("bundle: type must be \"bundle\"".into());
    }
    if !is_id(bundle["id"].as_str().unwrap_or(""), "bundle") {
        p.push(format!("bundle: id {} is not bundle--UUID", bundle["id"]));
    }
    let Some(objects) = bundle["objects"].as_array() else {
        p.push("bundle: objects must be a list".into());
        return p;
    };
    for (i, o) in objects.iter().enumerate() {
        let at = format!("objects[{i}]");
        let kind = o["type"].as_str().unwrap_or("");
        if kind.is_empty() {
            p.push(format!("{at}: no type"));
            continue;
        }
        if o["spec_version"] != "2.1" {
            p.push(format!("{at}: spec_version must be \"2.1\""));
        }
        if !is_id(o["id"].as_str().unwrap_or(""), kind) {
            p.push(format!("{at}: id {} is not {kind}--UUID", o["id"]));
        }
        let created = o["created"].as_str().unwrap_or("");
        let modified = o["modified"].as_str().unwrap_or("");
        for (name, value) in [("created", created), ("modified", modified)] {
            if !is_timestamp(value) {
                p.push(format!(
                    "{at}: {name} {value:?} is not an RFC 3339 UTC timestamp"
                ));
            }
        }
        if let (Some(c), Some(m)) = (instant(created), instant(modified)) {
            if m < c {
                p.push(format!("{at}: modified is before created"));
            }
        }
        if let Some(map) = o.as_object() {
            for key in map.keys().filter(|k| !COMMON.contains(&k.as_str())) {
                let ok = key.len() >= 3
                    && key.len() <= 250
                    && key
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
                if !ok {
                    p.push(format!("{at}: property name {key:?} is not allowed"));
                }
            }
        }
        if kind == "intrusion-set" {
            if o["name"].as_str().is_none_or(|n| n.trim().is_empty()) {
                p.push(format!("{at}: intrusion-set needs a name"));
            }
            if let Some(a) = o.get("aliases") {
                let ok = a
                    .as_array()
                    .is_some_and(|l| !l.is_empty() && l.iter().all(Value::is_string));
                if !ok {
                    p.push(format!("{at}: aliases must be a non-empty list of strings"));
                }
            }
            for name in ["first_seen", "last_seen"] {
                if let Some(v) = o.get(name) {
                    if !is_timestamp(v.as_str().unwrap_or("")) {
                        p.push(format!("{at}: {name} is not a timestamp"));
                    }
                }
            }
            let seen = |k: &str| o[k].as_str().and_then(instant);
            if let (Some(f), Some(l)) = (seen("first_seen"), seen("last_seen")) {
                if l < f {
                    p.push(format!("{at}: last_seen is before first_seen"));
                }
            }
        }
        if kind == "relationship" {
            // §5.1: a relationship names its type (lowercase words and hyphens) and both ends,
            // which must be objects of the bundle.
            let rt = o["relationship_type"].as_str().unwrap_or("");
            if rt.is_empty()
                || !rt
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            {
                p.push(format!("{at}: relationship_type {rt:?} is not allowed"));
            }
            for end in ["source_ref", "target_ref"] {
                let id = o[end].as_str().unwrap_or("");
                if !objects.iter().any(|x| x["id"] == id) {
                    p.push(format!("{at}: {end} {id:?} is not an object of the bundle"));
                }
            }
        }
        if let Some(refs) = o.get("external_references") {
            let Some(refs) = refs.as_array().filter(|l| !l.is_empty()) else {
                p.push(format!(
                    "{at}: external_references must be a non-empty list"
                ));
                continue;
            };
            for (j, r) in refs.iter().enumerate() {
                if r["source_name"].as_str().is_none_or(str::is_empty) {
                    p.push(format!("{at}.external_references[{j}]: no source_name"));
                }
                if ["description", "url", "external_id"]
                    .iter()
                    .all(|k| r.get(*k).is_none())
                {
                    p.push(format!(
                        "{at}.external_references[{j}]: needs a description, url or external_id"
                    ));
                }
            }
        }
    }
    p
}

/// `type--xxxxxxxx-xxxx-Mxxx-Nxxx-xxxxxxxxxxxx`, lower-case hex, an RFC 4122 variant.
fn is_id(id: &str, kind: &str) -> bool {
    let Some(uuid) = id.strip_prefix(kind).and_then(|r| r.strip_prefix("--")) else {
        return false;
    };
    let groups: Vec<&str> = uuid.split('-').collect();
    let lens = [8, 4, 4, 4, 12];
    groups.len() == 5
        && groups.iter().zip(lens).all(|(g, n)| {
            g.len() == n
                && g.bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        })
        && matches!(groups[2].as_bytes()[0], b'1'..=b'8')
        && matches!(groups[3].as_bytes()[0], b'8' | b'9' | b'a' | b'b')
}

/// `YYYY-MM-DDTHH:MM:SS[.s+]Z` with every field in range.
fn is_timestamp(s: &str) -> bool {
    instant(s).is_some()
}

/// A timestamp as a comparable (year, month, day, hour, minute, second, nanosecond).
fn instant(s: &str) -> Option<(u32, u32, u32, u32, u32, u32, u32)> {
    if !is_timestamp_shape(s) {
        return None;
    }
    let n = |r: std::ops::Range<usize>| s[r].parse::<u32>().ok();
    let (y, mo, d, h, mi, se) = (
        n(0..4)?,
        n(5..7)?,
        n(8..10)?,
        n(11..13)?,
        n(14..16)?,
        n(17..19)?,
    );
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match mo {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    if d == 0 || d > days || h > 23 || mi > 59 || se > 60 {
        return None;
    }
    let frac = &s[19..s.len() - 1];
    let nanos = if frac.is_empty() {
        0
    } else {
        let digits: String = frac[1..]
            .chars()
            .chain(std::iter::repeat('0'))
            .take(9)
            .collect();
        digits.parse().ok()?
    };
    Some((y, mo, d, h, mi, se, nanos))
}

fn is_timestamp_shape(s: &str) -> bool {
    let b = s.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|x| x.iter().all(u8::is_ascii_digit));
    let fixed = b.len() >= 20
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && b[10] == b'T'
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16)
        && b[16] == b':'
        && digits(17..19);
    if !fixed || !s.ends_with('Z') {
        return false;
    }
    let rest = &s[19..s.len() - 1];
    rest.is_empty()
        || (rest.len() > 1
            && rest.starts_with('.')
            && rest[1..].bytes().all(|x| x.is_ascii_digit()))
}
