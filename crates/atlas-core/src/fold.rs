//! Unicode compatibility decomposition with the diacritics dropped, for the blocks that
//! threat-actor names and their descriptions use: Latin, Greek, Cyrillic, ligatures,
//! punctuation, super- and subscripts, letterlike symbols, enclosed numbers and full-width forms.
//!
//! This is NFKD minus combining marks, as a table of a few kilobytes instead of the whole of
//! Unicode's normalisation data (about 126 KB of wasm). `tests::table_matches_nfkd` holds it
//! to `unicode-normalization` (a dev-dependency only) for every character of those blocks;
//! outside them a character is kept as it is, and combining marks are dropped.

/// The blocks the table covers, first and last code point.
pub const COVERED: &[(u32, u32)] = &[
    (0x00A0, 0x024F),
    (0x0370, 0x04FF),
    (0x1E00, 0x1FFF),
    (0x2000, 0x218F),
    (0x2460, 0x24FF),
    (0xFB00, 0xFB4F),
    (0xFF00, 0xFFEF),
];

/// Code points whose folded form differs from themselves, sorted, with that form.
static TABLE: &[(u32, &str)] = &include!("fold_table.in");

/// Combining marks that are dropped wherever they appear (precomposed input never has them,
/// decomposed input does).
fn is_mark(c: u32) -> bool {
    matches!(c, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20F0 | 0xFE20..=0xFE2F)
}

/// Appends the folded form of `c` to `out`.
pub fn push_folded(c: char, out: &mut String) {
    let u = c as u32;
    if u < 0xA0 {
        out.push(c);
    } else if is_mark(u) {
    } else if let Ok(i) = TABLE.binary_search_by_key(&u, |&(k, _)| k) {
        out.push_str(TABLE[i].1);
    } else {
        out.push(c);
    }
}

/// A whole string folded.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        push_folded(c, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::char::is_combining_mark;
    use unicode_normalization::UnicodeNormalization;

    fn nfkd_unmarked(c: char) -> String {
        std::iter::once(c)
            .nfkd()
            .filter(|c| !is_combining_mark(*c))
            .collect()
    }

    fn covered() -> impl Iterator<Item = char> {
        COVERED
            .iter()
            .flat_map(|&(a, b)| a..=b)
            .filter_map(char::from_u32)
    }

    /// Regenerates `fold_table.in` from unicode-normalization:
    /// `cargo test -p atlas-core fold::tests::regenerate -- --ignored`.
    #[test]
    #[ignore]
    fn regenerate() {
        let mut src = String::from("[\n");
        for c in covered() {
            let f = nfkd_unmarked(c);
            if f != c.to_string() {
                src.push_str(&format!("    (0x{:04X}, {:?}),\n", c as u32, f));
            }
        }
        src.push_str("]\n");
        std::fs::write(
            concat!(env!("CARGO_MANIFEST_DIR"), "/src/fold_table.in"),
            src,
        )
        .unwrap();
    }

    #[test]
    fn table_matches_nfkd() {
        for c in covered() {
            assert_eq!(fold(&c.to_string()), nfkd_unmarked(c), "U+{:04X}", c as u32);
        }
        assert!(TABLE.windows(2).all(|w| w[0].0 < w[1].0));
    }

    /// Every character of the bundled dataset folds exactly as full NFKD would fold it.
    #[test]
    fn the_bundled_dataset_folds_as_with_full_nfkd() {
        let text = include_str!("../../../public/data/atlas.json");
        let mut seen = std::collections::BTreeSet::new();
        for c in text.chars().filter(|c| !c.is_ascii()) {
            if seen.insert(c) {
                assert_eq!(fold(&c.to_string()), nfkd_unmarked(c), "U+{:04X}", c as u32);
            }
        }
        assert!(seen.len() >= 10, "{seen:?}");
    }

    #[test]
    fn marks_go_and_other_scripts_stay() {
        assert_eq!(fold("e\u{0301}"), "e");
        assert_eq!(fold("Türkiye Çalışma"), "Turkiye Calısma");
        assert_eq!(fold("ＡＰＴ２７"), "APT27");
        assert_eq!(fold("Ⓐ①ﬁ²"), "A1fi2");
        assert_eq!(fold("中国 ايران"), "中国 ايران");
    }
}
