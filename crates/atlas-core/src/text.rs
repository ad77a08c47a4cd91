//! Small string rules shared by loading, the data tool and the UI.

/// True for an absolute `http:` or `https:` URL. Everything else (`javascript:`, `data:`,
/// relative paths, `//host`) is refused, so the UI can render any URL that passed loading as a
/// link without checking again.
pub fn is_http_url(url: &str) -> bool {
    // No copy of the URL: the refs file alone has some 10,000 of them.
    let bytes = url.as_bytes();
    let starts =
        |p: &str| bytes.len() >= p.len() && bytes[..p.len()].eq_ignore_ascii_case(p.as_bytes());
    let rest = if starts("https://") {
        &url[8..]
    } else if starts("http://") {
        &url[7..]
    } else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let clean = if url.is_ascii() {
        !bytes.iter().any(|&b| b <= b' ' || b == 0x7f)
    } else {
        !url.chars().any(|c| c.is_control() || c.is_whitespace())
    };
    !host.is_empty() && clean
}

/// Text made safe for an HTML or SVG attribute value in double quotes, or for element text
/// (and XML): `&`, `<`, `>` and `"` become entities.
pub fn escape_markup(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
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
    // Most names are clean already: ASCII, single spaces between words.
    let b = name.as_bytes();
    let clean = name.is_ascii()
        && b.first() != Some(&b' ')
        && b.last() != Some(&b' ')
        && !b.windows(2).any(|w| w == b"  ")
        && !b
            .iter()
            .any(|&c| c.is_ascii_whitespace() && c != b' ' || c == 0x0b);
    if clean {
        return name.to_string();
    }
    name.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// At most `max` characters of `s`, ending in "…" when cut.
pub fn truncate_chars(s: &str, max: usize) -> String {
    if s.chars().count() > max {
        s.chars().take(max.saturating_sub(1)).collect::<String>() + "…"
    } else {
        s.to_string()
    }
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
    fn the_fast_checks_agree_with_the_plain_rules() {
        let plain_url = |url: &str| {
            let lower = url.to_ascii_lowercase();
            let rest = lower
                .strip_prefix("https://")
                .or_else(|| lower.strip_prefix("http://"));
            rest.is_some_and(|r| !r.split(['/', '?', '#']).next().unwrap_or("").is_empty())
                && !url.chars().any(|c| c.is_control() || c.is_whitespace())
        };
        let plain_name = |n: &str| n.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut inputs: Vec<String> = (0u8..128)
            .map(char::from)
            .chain(['\u{85}', '\u{a0}', '\u{2003}', 'é'])
            .flat_map(|c| {
                [
                    format!("https://a.example/{c}x"),
                    format!("HTTP://{c}"),
                    format!("{c}https://a.example"),
                    format!("APT{c}27"),
                    format!("{c}Lucky  Mouse{c}"),
                ]
            })
            .collect();
        inputs.extend(["", " ", "a  b", "https:", "Https://X"].map(String::from));
        for s in &inputs {
            assert_eq!(is_http_url(s), plain_url(s), "{s:?}");
            assert_eq!(clean_name(s), plain_name(s), "{s:?}");
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

/// The one rule for "the same name", used by the merge, search, the names matrix, compare
/// and the shared-name list alike: diacritics are folded and case, spaces and punctuation
/// ignored ("APT 27" = "apt-27" = "APT27", "Lucky Mouse" = "LuckyMouse", "Türk" = "Turk").
pub fn name_key(name: &str) -> String {
    // ASCII folds to itself: the same key without the fold's allocation (most words of a
    // story, most keystrokes).
    if name.is_ascii() {
        return name
            .bytes()
            .filter(u8::is_ascii_alphanumeric)
            .map(|b| char::from(b.to_ascii_lowercase()))
            .collect();
    }
    folded_key(name)
}

fn folded_key(name: &str) -> String {
    crate::fold::fold(name)
        .chars()
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphanumeric())
        .collect()
}

#[cfg(test)]
mod fold_tests {
    use super::name_key as fold_key;

    #[test]
    fn fold_key_ignores_case_spaces_and_separators() {
        for (a, b) in [
            ("APT 27", "apt-27"),
            ("Lucky Mouse", "LuckyMouse"),
            ("TEMP.Hippo", "temp_hippo"),
            ("Türk Hack Team", "Turk-Hack-Team"),
        ] {
            assert_eq!(fold_key(a), fold_key(b), "{a} vs {b}");
        }
        assert_ne!(fold_key("APT27"), fold_key("APT28"));
    }

    #[test]
    fn the_ascii_shortcut_gives_the_folded_key() {
        let every: String = (0u8..128).map(char::from).collect();
        for s in [every.as_str(), "APT 27", "TEMP.Hippo", "Lucky_Mouse-9", ""] {
            assert_eq!(super::name_key(s), super::folded_key(s), "{s:?}");
        }
    }
}

/// The host of an http(s) URL, lower case, without port or a leading "www.".
pub fn host(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host
        .rsplit('@')
        .next()?
        .split(':')
        .next()?
        .to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty()).then_some(host)
}

/// Whether a URL's host is one of these domains or a subdomain of one ("cisa.gov" covers
/// "www.cisa.gov" and "us-cert.cisa.gov", never "cisa.gov.example.com").
pub fn on_domains(url: &str, domains: &[String]) -> bool {
    host(url).is_some_and(|h| {
        domains
            .iter()
            .any(|d| h == *d || h.ends_with(&format!(".{d}")))
    })
}

#[cfg(test)]
mod host_tests {
    use super::*;

    #[test]
    fn hosts_and_domains() {
        assert_eq!(
            host("https://www.CISA.gov/news?x=1").as_deref(),
            Some("cisa.gov")
        );
        assert_eq!(host("http://a.b:8080/x").as_deref(), Some("a.b"));
        assert_eq!(host("ftp://x"), None);
        let d = vec!["cisa.gov".to_string(), "gov.uk".to_string()];
        assert!(on_domains("https://us-cert.cisa.gov/ncas", &d));
        assert!(on_domains("https://www.gov.uk/government/news/x", &d));
        assert!(!on_domains("https://cisa.gov.example.com/", &d));
        assert!(!on_domains("https://notcisa.gov/", &d));
    }
}
