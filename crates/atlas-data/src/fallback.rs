//! Writes `404.html`, the page GitHub Pages (and the service worker) answers for every route
//! but the home page: `index.html` without the blocks marked `<!-- home -->…<!-- /home -->`.
//! Those hold the home page's search box, which the static shell paints before the wasm
//! arrives; on an actor page or the timeline it would be the wrong page, so there the shell
//! shows only the loading state.

use std::path::Path;

const OPEN: &str = "<!-- home -->";
const CLOSE: &str = "<!-- /home -->";

/// Writes `dist/404.html` from `dist/index.html`; returns how many blocks it left out.
pub fn write(dist: &Path) -> Result<usize, String> {
    let index = dist.join("index.html");
    let html = std::fs::read_to_string(&index).map_err(|e| format!("{}: {e}", index.display()))?;
    let (page, blocks) = without_home(&html)?;
    if blocks == 0 {
        return Err(format!("{}: no {OPEN} block", index.display()));
    }
    let out = dist.join("404.html");
    std::fs::write(&out, page).map_err(|e| format!("{}: {e}", out.display()))?;
    Ok(blocks)
}

fn without_home(html: &str) -> Result<(String, usize), String> {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    let mut blocks = 0;
    while let Some(start) = rest.find(OPEN) {
        let after = &rest[start + OPEN.len()..];
        let end = after
            .find(CLOSE)
            .ok_or_else(|| format!("{OPEN} without {CLOSE}"))?;
        out.push_str(rest[..start].trim_end_matches([' ', '\t']));
        rest = &after[end + CLOSE.len()..];
        blocks += 1;
    }
    if rest.contains(CLOSE) {
        return Err(format!("{CLOSE} without {OPEN}"));
    }
    out.push_str(rest);
    Ok((out, blocks))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leaves_out_every_home_block_and_nothing_else() {
        let html = "<main>\n  <!-- home --><section><h1>Search</h1><!-- /home -->\n  <div>Loading</div>\n  <!-- home --></section><!-- /home -->\n</main>";
        let (page, n) = without_home(html).unwrap();
        assert_eq!(n, 2);
        assert_eq!(page, "<main>\n\n  <div>Loading</div>\n\n</main>");
    }

    #[test]
    fn refuses_unbalanced_markers() {
        assert!(without_home("<!-- home --><h1>").is_err());
        assert!(without_home("<h1><!-- /home -->").is_err());
    }

    #[test]
    fn the_shell_has_its_home_blocks() {
        // The real index.html: 404.html must differ from it, and keep the loading state.
        let html = include_str!("../../../index.html");
        let (page, n) = without_home(html).unwrap();
        assert_eq!(n, 2);
        assert!(!page.contains("search__input") && !page.contains("<section"));
        assert!(page.contains("class=\"loading\"") && page.contains("site-header"));
    }
}
