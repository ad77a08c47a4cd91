//! Writes the Content-Security-Policy into a finished build's pages. Trunk boots the wasm
//! from one inline module script, whose text changes with every build, so the policy allows
//! exactly that script by its SHA-256 and nothing else inline.

use std::path::Path;

use base64::Engine;
use sha2::{Digest, Sha256};

/// The policy, with `{hashes}` standing for the allowed inline scripts. Downloads are links
/// to `blob:` addresses the page made, which are never fetched: connect-src is the site alone.
const POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {hashes}; \
style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'";

/// Inserts the policy after `<meta charset…>` in every page of the build (`index.html`,
/// `404.html`, the other static pages and `actor/*.html`). Returns the number of inline
/// scripts it allowed.
pub fn write(dist: &Path) -> Result<usize, String> {
    let mut allowed = 0;
    let html_in = |dir: &Path| -> Result<Vec<std::path::PathBuf>, String> {
        Ok(std::fs::read_dir(dir)
            .map_err(|e| format!("{}: {e}", dir.display()))?
            .filter_map(|e| Some(e.ok()?.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "html"))
            .collect())
    };
    let mut pages = html_in(dist)?;
    let actors = dist.join("actor");
    if actors.is_dir() {
        pages.extend(html_in(&actors)?);
    }
    pages.sort();
    for path in pages {
        let html =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        if html.contains("Content-Security-Policy") {
            return Err(format!("{} already has a policy", path.display()));
        }
        let hashes: Vec<String> = inline_scripts(&html)
            .iter()
            .map(|s| {
                let digest = Sha256::digest(s.as_bytes());
                format!(
                    "'sha256-{}'",
                    base64::engine::general_purpose::STANDARD.encode(digest)
                )
            })
            .collect();
        allowed = hashes.len();
        let meta = format!(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\" />",
            POLICY.replace("{hashes}", &hashes.join(" "))
        );
        let at = html
            .find("<meta charset")
            .and_then(|i| html[i..].find('>').map(|j| i + j + 1))
            .ok_or_else(|| format!("{}: no <meta charset>", path.display()))?;
        let out = format!("{}\n    {meta}{}", &html[..at], &html[at..]);
        std::fs::write(&path, out).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(allowed)
}

/// The text of every `<script>` without a `src` attribute that a browser would run.
fn inline_scripts(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after = &rest[start..];
        let Some(open_end) = after.find('>') else {
            break;
        };
        let tag = &after[..open_end];
        let body_start = open_end + 1;
        let Some(close) = after[body_start..].find("</script>") else {
            break;
        };
        // A data block (JSON-LD) is never run, so it needs no permission.
        if !tag.contains(" src=") && !tag.contains("application/ld+json") {
            out.push(&after[body_start..body_start + close]);
        }
        rest = &after[body_start + close..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_json_ld_block_is_data_not_a_script() {
        let html = "<script type=\"application/ld+json\">{}</script><script type=\"module\">boot()</script>";
        assert_eq!(inline_scripts(html), ["boot()"]);
    }

    #[test]
    fn hashes_inline_scripts_only() {
        let html = "<meta charset=\"utf-8\" /><script src=\"a.js\" defer></script><script type=\"module\">boot()</script>";
        assert_eq!(inline_scripts(html), ["boot()"]);
        let dir = std::env::temp_dir().join(format!("atlas-csp-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("index.html"), html).unwrap();
        assert_eq!(write(&dir).unwrap(), 1);
        let out = std::fs::read_to_string(dir.join("index.html")).unwrap();
        // sha256("boot()") in base64, computed outside this code (`printf 'boot()' | openssl
        // dgst -sha256 -binary | base64`, and Python's hashlib agrees).
        assert!(
            out.contains("'sha256-MeZS89WlF0u+o0hCvHTBt4q1WHU+U+sJKgbdRUc36mY='"),
            "{out}"
        );
        assert!(out.find("Content-Security-Policy").unwrap() < out.find("<script").unwrap());
        assert!(write(&dir).is_err(), "never two policies");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
