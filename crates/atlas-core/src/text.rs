//! Small string rules shared by loading, the data tool and the UI.

/// True for an absolute `http:` or `https:` URL. Everything else (`javascript:`, `data:`,
/// relative paths, `//host`) is refused, so the UI can render any URL that passed loading as a
/// link without checking again.
pub fn is_http_url(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    match rest {
        Some(rest) => {
            let host = rest.split(['/', '?', '#']).next().unwrap_or("");
            !host.is_empty()
                && url.trim() == url
                && !url.chars().any(|c| c.is_control() || c.is_whitespace())
        }
        None => false,
    }
}

/// True for an id usable in a URL path: 1–80 of `a-z`, `0-9`, `-`, `.`, `_`, starting with a
/// letter or digit.
pub fn is_slug(id: &str) -> bool {
    let b = id.as_bytes();
    !b.is_empty()
        && b.len() <= 80
        && b[0].is_ascii_alphanumeric()
        && b.iter().all(|&c| {
            c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-' || c == b'.' || c == b'_'
        })
}

/// Collapses runs of whitespace and trims; used for names so that "APT  27 " and "APT 27"
/// are one name.
pub fn clean_name(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_absolute_http_urls_pass() {
        let ok = [
            "https://example.org/a?b#c",
            "http://example.org",
            "HTTPS://EXAMPLE.ORG/x",
        ];
        for u in ok {
            assert!(is_http_url(u), "{u}");
        }
        let bad = [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "//evil.example/",
            "/relative",
            "ftp://example.org",
            "https://",
            "https:///path",
            " https://example.org",
            "https://exa mple.org",
            "https://example.org/\n",
            "",
        ];
        for u in bad {
            assert!(!is_http_url(u), "{u:?}");
        }
    }

    #[test]
    fn slugs() {
        for ok in ["apt27", "unc2814", "a", "mustang-panda", "g0013"] {
            assert!(is_slug(ok), "{ok}");
        }
        for bad in ["", "APT27", "-x", "a b", "a/b", "é", "<script>"] {
            assert!(!is_slug(bad), "{bad:?}");
        }
    }

    #[test]
    fn names_collapse_whitespace() {
        assert_eq!(clean_name("  APT \t 27 "), "APT 27");
    }
}

/// The key two names are compared by when deciding whether they are "the same name": case,
/// spaces, `-`, `_` and `.` are ignored ("APT 27" = "apt-27" = "APT27", "Lucky Mouse" =
/// "LuckyMouse"). Used for merging upstream data and for finding names shared by groups.
pub fn fold_key(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, ' ' | '-' | '_' | '.') && !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod fold_tests {
    use super::fold_key;

    #[test]
    fn fold_key_ignores_case_spaces_and_separators() {
        for (a, b) in [
            ("APT 27", "apt-27"),
            ("Lucky Mouse", "LuckyMouse"),
            ("TEMP.Hippo", "temp_hippo"),
        ] {
            assert_eq!(fold_key(a), fold_key(b), "{a} vs {b}");
        }
        assert_ne!(fold_key("APT27"), fold_key("APT28"));
    }
}
