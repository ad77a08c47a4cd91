//! Country names and ISO 3166-1 alpha-2 codes for the countries the data mentions, and the
//! normal form of the many ways upstream data writes them ("Russian Federation", "Iran
//! (Islamic Republic of)"). Only spelling is normalised here; no fact changes.

/// (code, English short name) for every code the upstream data uses, plus a few neighbours.
pub const COUNTRIES: &[(&str, &str)] = &[
    ("AE", "United Arab Emirates"),
    ("AT", "Austria"),
    ("BR", "Brazil"),
    ("BY", "Belarus"),
    ("CN", "China"),
    ("DZ", "Algeria"),
    ("EG", "Egypt"),
    ("ES", "Spain"),
    ("FR", "France"),
    ("ID", "Indonesia"),
    ("IL", "Israel"),
    ("IN", "India"),
    ("IQ", "Iraq"),
    ("IR", "Iran"),
    ("IT", "Italy"),
    ("KE", "Kenya"),
    ("KP", "North Korea"),
    ("KR", "South Korea"),
    ("KZ", "Kazakhstan"),
    ("LB", "Lebanon"),
    ("LY", "Libya"),
    ("MA", "Morocco"),
    ("MY", "Malaysia"),
    ("NG", "Nigeria"),
    ("PK", "Pakistan"),
    ("PS", "Palestine"),
    ("RO", "Romania"),
    ("RU", "Russia"),
    ("SG", "Singapore"),
    ("SY", "Syria"),
    ("TN", "Tunisia"),
    ("TR", "Türkiye"),
    ("TW", "Taiwan"),
    ("UA", "Ukraine"),
    ("US", "United States"),
    ("VN", "Vietnam"),
];

/// Other spellings of the names above, as upstream data writes them.
const SPELLINGS: &[(&str, &str)] = &[
    ("Iran (Islamic Republic of)", "Iran"),
    ("Russian Federation", "Russia"),
    ("Korea (Democratic People's Republic of)", "North Korea"),
    ("Korea (Republic of)", "South Korea"),
    ("People's Republic of China", "China"),
    ("US", "United States"),
    ("USA", "United States"),
    ("Turkey", "Türkiye"),
    ("Viet Nam", "Vietnam"),
];

pub fn name_for_code(code: &str) -> Option<&'static str> {
    COUNTRIES
        .iter()
        .find(|(c, _)| c.eq_ignore_ascii_case(code))
        .map(|(_, n)| *n)
}

pub fn code_for_name(name: &str) -> Option<&'static str> {
    let name = normalise(name);
    COUNTRIES.iter().find(|(_, n)| *n == name).map(|(c, _)| *c)
}

/// The atlas's spelling of a country name; unknown names pass through unchanged.
pub fn normalise(name: &str) -> &str {
    SPELLINGS
        .iter()
        .find(|(from, _)| *from == name)
        .map(|(_, to)| *to)
        .unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_spellings() {
        assert_eq!(name_for_code("cn"), Some("China"));
        assert_eq!(code_for_name("Russian Federation"), Some("RU"));
        assert_eq!(normalise("Iran (Islamic Republic of)"), "Iran");
        assert_eq!(normalise("Atlantis"), "Atlantis");
        assert_eq!(code_for_name("Korea"), None, "ambiguous names get no code");
    }
}
