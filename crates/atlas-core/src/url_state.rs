//! The search page's state as it lives in the URL: `?q=…` plus one repeated parameter per
//! facet (`?q=panda&origin=China&origin=Russia&sector=Defense`). This module is the single
//! source of truth for those parameter names; the UI only reads and writes through it.

use std::collections::BTreeSet;

use crate::facets::{Facet, Selection};

/// The query text parameter.
pub const QUERY: &str = "q";

/// Parameters of the alias cross-reference page (`aliases`).
pub mod aliases {
    /// Text filter on names.
    pub const TEXT: &str = "q";
    /// Suspected origin country.
    pub const ORIGIN: &str = "origin";
    /// Only groups this vendor names.
    pub const VENDOR: &str = "vendor";
    /// Chosen columns, comma-separated vendor ids, in order.
    pub const COLUMNS: &str = "cols";
    /// Column to sort by (a vendor id; absent: by group name).
    pub const SORT: &str = "sort";
    /// "desc" for descending order.
    pub const DIRECTION: &str = "dir";
    /// 1-based page of the matrix.
    pub const PAGE: &str = "page";
    /// The name looked up in the disambiguation box.
    pub const NAME: &str = "name";
}

/// Parameters of the timeline page (`timeline`).
pub mod timeline {
    /// First and last day shown, as YYYY-MM-DD.
    pub const FROM: &str = "from";
    pub const TO: &str = "to";
    /// Actor ids (repeated).
    pub const ACTOR: &str = "actor";
    /// Suspected origin of a named actor.
    pub const ORIGIN: &str = "origin";
    /// Text in the attributing parties.
    pub const PARTY: &str = "party";
    /// Rows shown (repeated): government, legal, vendor, campaign.
    pub const KIND: &str = "kind";
    /// Text in the events.
    pub const TEXT: &str = "q";
    /// The selected event's id.
    pub const SELECTED: &str = "event";
}

/// Parameters of the comparison page (`compare`).
pub mod compare {
    /// Comma-separated actor ids.
    pub const IDS: &str = "ids";
}

/// Parameters of the attributions page (`attributions`).
pub mod attributions {
    /// The government or alliance shown (`said::slug`); absent lists them all.
    pub const BY: &str = "by";
}

/// Longest query kept from a URL or an input: enough for any name, short enough that a
/// pasted page of text cannot slow every keystroke.
pub const MAX_QUERY_CHARS: usize = 200;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchState {
    pub query: String,
    pub selection: Selection,
}

impl SearchState {
    /// Reads decoded (key, value) pairs, ignoring unknown keys and empty values.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> SearchState {
        let mut state = SearchState::default();
        for (k, v) in pairs {
            if k == QUERY {
                state.query = clamp(v);
            } else if let Some(f) = Facet::from_param(k) {
                if !v.is_empty() {
                    state.selection.entry(f).or_default().insert(v.to_string());
                }
            }
        }
        state
    }

    pub fn with_query(&self, query: &str) -> SearchState {
        SearchState {
            query: clamp(query),
            selection: self.selection.clone(),
        }
    }

    /// The state with one facet value switched on or off.
    pub fn toggled(&self, facet: Facet, value: &str) -> SearchState {
        let mut next = self.clone();
        let set = next.selection.entry(facet).or_default();
        if !set.remove(value) {
            set.insert(value.to_string());
        }
        if set.is_empty() {
            next.selection.remove(&facet);
        }
        next
    }

    /// The same query with every facet cleared.
    pub fn without_filters(&self) -> SearchState {
        SearchState {
            query: self.query.clone(),
            selection: Default::default(),
        }
    }

    pub fn has_filters(&self) -> bool {
        self.selection.values().any(|s| !s.is_empty())
    }

    /// The query string, `?`-prefixed, or empty for the default state. Parameters come in a
    /// fixed order so equal states give equal URLs.
    pub fn to_query_string(&self) -> String {
        let mut parts = vec![(QUERY, self.query.clone())];
        for f in Facet::ALL {
            for v in self.selection.get(&f).unwrap_or(&BTreeSet::new()) {
                parts.push((f.param(), v.clone()));
            }
        }
        query_string(&parts)
    }
}

/// `?k=v&…` from parameters in order, leaving out empty values; empty when none remain.
pub fn query_string(parts: &[(&str, String)]) -> String {
    let kept: Vec<String> = parts
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", encode(v)))
        .collect();
    if kept.is_empty() {
        String::new()
    } else {
        format!("?{}", kept.join("&"))
    }
}

fn clamp(q: &str) -> String {
    q.chars().take(MAX_QUERY_CHARS).collect()
}

/// Percent-encodes everything but RFC 3986 unreserved characters.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_in_a_fixed_order() {
        let s = SearchState::from_pairs([
            ("sector", "Government, Administration"),
            ("q", "violet typ"),
            ("origin", "Russia"),
            ("origin", "China"),
            ("utm_source", "x"),
            ("vendor", ""),
        ]);
        assert_eq!(s.query, "violet typ");
        assert_eq!(
            s.to_query_string(),
            "?q=violet%20typ&origin=China&origin=Russia&sector=Government%2C%20Administration"
        );
        assert_eq!(SearchState::default().to_query_string(), "");
    }

    #[test]
    fn toggling_adds_and_removes() {
        let s = SearchState::default().toggled(Facet::Origin, "China");
        assert!(s.has_filters());
        assert!(!s.toggled(Facet::Origin, "China").has_filters());
    }

    #[test]
    fn long_queries_are_clamped() {
        let s = SearchState::default().with_query(&"x".repeat(10_000));
        assert_eq!(s.query.chars().count(), MAX_QUERY_CHARS);
    }

    #[test]
    fn encoding_covers_unicode_and_reserved() {
        assert_eq!(encode("Türkiye & co/ä"), "T%C3%BCrkiye%20%26%20co%2F%C3%A4");
    }
}
