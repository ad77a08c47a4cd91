//! Unicode compatibility decomposition with the diacritics dropped, for the blocks that
//! threat-actor names and their descriptions use: Latin, Greek, Cyrillic, punctuation,
//! super- and subscripts, letterlike symbols, enclosed numbers, kana, Hangul, ligatures and
//! full-width and half-width forms.
//!
//! This is NFKD minus combining marks, as tables of a few kilobytes instead of the whole of
//! Unicode's normalisation data (about 126 KB of wasm). The tests hold it to
//! `unicode-normalization` (a dev-dependency only) for every character of those blocks and
//! for every combining mark anywhere. Outside those blocks a character is kept as it is: the
//! remaining compatibility forms (CJK compatibility ideographs, Arabic presentation forms,
//! mathematical alphanumerics…) are not folded.

/// The blocks the table covers, first and last code point.
pub const COVERED: &[(u32, u32)] = &[
    (0x00A0, 0x024F),
    (0x0370, 0x04FF),
    (0x1E00, 0x1FFF),
    (0x2000, 0x218F),
    (0x2460, 0x24FF),
    (0x3040, 0x30FF),
    (0xFB00, 0xFB4F),
    (0xFF00, 0xFFEF),
];

/// Every combining mark (general category M), as inclusive ranges.
static MARKS: &[(u32, u32)] = &include!("fold_marks.in");

/// Code points whose folded form differs from themselves, sorted, with that form.
static TABLE: &[(u32, &str)] = &include!("fold_table.in");

/// Combining marks are dropped wherever they appear (precomposed input never has them,
/// decomposed input does).
fn is_mark(c: u32) -> bool {
    MARKS
        .binary_search_by(|&(a, b)| {
            if b < c {
                std::cmp::Ordering::Less
            } else if a > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// Hangul syllables decompose by arithmetic (Unicode §3.12), not by table.
fn push_hangul(s: u32, out: &mut String) {
    let (l, v, t) = (0x1100 + s / 588, 0x1161 + (s % 588) / 28, 0x11A7 + s % 28);
    out.extend(char::from_u32(l));
    out.extend(char::from_u32(v));
    if t != 0x11A7 {
        out.extend(char::from_u32(t));
    }
}

/// Appends the folded form of `c` to `out`.
pub fn push_folded(c: char, out: &mut String) {
    let u = c as u32;
    if u < 0xA0 {
        out.push(c);
    } else if is_mark(u) {
    } else if (0xAC00..=0xD7A3).contains(&u) {
        push_hangul(u - 0xAC00, out);
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
        let mut ranges: Vec<(u32, u32)> = Vec::new();
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if is_combining_mark(c) {
                let u = c as u32;
                match ranges.last_mut() {
                    Some(r) if r.1 + 1 == u => r.1 = u,
                    _ => ranges.push((u, u)),
                }
            }
        }
        let mut src = String::from("[\n");
        for (a, b) in ranges {
            src.push_str(&format!("    (0x{a:04X}, 0x{b:04X}),\n"));
        }
        src.push_str("]\n");
        std::fs::write(
            concat!(env!("CARGO_MANIFEST_DIR"), "/src/fold_marks.in"),
            src,
        )
        .unwrap();
    }

    #[test]
    fn marks_and_hangul_match_nfkd_everywhere() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if is_combining_mark(c) {
                assert_eq!(fold(&c.to_string()), "", "U+{:04X}", c as u32);
            }
        }
        for c in (0xAC00..=0xD7A3).filter_map(char::from_u32) {
            assert_eq!(fold(&c.to_string()), nfkd_unmarked(c), "U+{:04X}", c as u32);
        }
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
        assert_eq!(fold("ｶﾞガ"), "カカ");
        assert_eq!(fold("שָׁלוֹם"), "שלום");
    }
}
