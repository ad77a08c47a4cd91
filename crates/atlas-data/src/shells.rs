//! Writes the static pages a route gets before the wasm arrives. `index.html` paints the home
//! page's search box (the block between `<!-- shell -->` and `<!-- /shell -->`); each
//! `<template id="shell-NAME">` in it is what `NAME.html` paints there instead:
//! `timeline.html` and `aliases.html` their heading and introduction, `404.html` (any other
//! route, as GitHub Pages answers it) only the loading state. GitHub Pages serves `/timeline`
//! from `timeline.html` (it resolves extensionless addresses to `.html` files; were it not
//! so, `/timeline` would get `404.html` and work all the same, without its static heading),
//! and the service worker does the same from its cache. The templates themselves are taken
//! out of every page.

use std::path::Path;

const OPEN: &str = "<!-- shell -->";
const CLOSE: &str = "<!-- /shell -->";
const TEMPLATE: &str = "<template id=\"shell-";

/// Rewrites `dist/index.html` and writes one page per template; returns the pages written.
pub fn write(dist: &Path) -> Result<Vec<String>, String> {
    let index = dist.join("index.html");
    let html = std::fs::read_to_string(&index).map_err(|e| format!("{}: {e}", index.display()))?;
    let pages = pages(&html).map_err(|e| format!("{}: {e}", index.display()))?;
    let mut written = Vec::new();
    for (name, text) in pages {
        let path = dist.join(&name);
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        written.push(name);
    }
    Ok(written)
}

/// Every page as (file name, text): index.html first.
fn pages(html: &str) -> Result<Vec<(String, String)>, String> {
    let (templates, page) = take_templates(html)?;
    if !templates.iter().any(|(name, _)| name == "404") {
        return Err("no <template id=\"shell-404\">".into());
    }
    // One template per page of the route table with a static file of its own (besides the
    // home page, which is index.html itself), and none for a page the table does not know.
    let wanted: Vec<&str> = atlas_core::route::PAGES
        .iter()
        .filter_map(|p| p.static_file)
        .filter(|f| *f != "index.html")
        .map(|f| f.trim_end_matches(".html"))
        .collect();
    for name in &wanted {
        if !templates.iter().any(|(t, _)| t == name) {
            return Err(format!(
                "no <template id=\"shell-{name}\"> for the route table's {name}.html"
            ));
        }
    }
    if let Some((t, _)) = templates
        .iter()
        .find(|(t, _)| t != "404" && !wanted.contains(&t.as_str()))
    {
        return Err(format!(
            "<template id=\"shell-{t}\"> is not a page of the route table"
        ));
    }
    let start = page.find(OPEN).ok_or(format!("no {OPEN}"))?;
    let end = page[start..]
        .find(CLOSE)
        .map(|i| start + i + CLOSE.len())
        .ok_or(format!("{OPEN} without {CLOSE}"))?;
    if page[end..].contains(OPEN) {
        return Err(format!("more than one {OPEN}"));
    }
    let mut out = vec![("index.html".to_string(), page.clone())];
    for (name, body) in templates {
        let text = format!("{}{}{}", &page[..start], body.trim(), &page[end..]);
        out.push((format!("{name}.html"), text));
    }
    Ok(out)
}

/// The templates as (name, content), and the page without them.
fn take_templates(html: &str) -> Result<(Vec<(String, String)>, String), String> {
    let mut templates = Vec::new();
    let mut page = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(TEMPLATE) {
        let after = &rest[at + TEMPLATE.len()..];
        let quote = after.find('"').ok_or("unterminated template id")?;
        let name = &after[..quote];
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            return Err(format!("template name {name:?} is not a file name"));
        }
        let body_start = after.find('>').ok_or("unterminated <template>")? + 1;
        let body_len = after[body_start..]
            .find("</template>")
            .ok_or(format!("<template id=\"shell-{name}\"> is not closed"))?;
        templates.push((
            name.to_string(),
            after[body_start..body_start + body_len].to_string(),
        ));
        page.push_str(rest[..at].trim_end_matches([' ', '\t']));
        rest = after[body_start + body_len + "</template>".len()..]
            .trim_start_matches([' ', '\t'])
            .trim_start_matches('\n');
    }
    page.push_str(rest);
    Ok((templates, page))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<main>\n<!-- shell --><h1>Search</h1><!-- /shell -->\n</main>\n<template id=\"shell-timeline\"><h1>Timeline</h1></template>\n<template id=\"shell-aliases\"><h1>Names</h1></template>\n<template id=\"shell-404\"><p>Loading</p></template>\n<p>end</p>";

    #[test]
    fn one_page_per_template_and_no_template_left() {
        let pages = pages(PAGE).unwrap();
        let names: Vec<&str> = pages.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            ["index.html", "timeline.html", "aliases.html", "404.html"]
        );
        assert_eq!(
            pages[0].1,
            "<main>\n<!-- shell --><h1>Search</h1><!-- /shell -->\n</main>\n<p>end</p>"
        );
        assert_eq!(pages[1].1, "<main>\n<h1>Timeline</h1>\n</main>\n<p>end</p>");
        assert_eq!(pages[3].1, "<main>\n<p>Loading</p>\n</main>\n<p>end</p>");
    }

    #[test]
    fn templates_follow_the_route_table() {
        let without_aliases = PAGE.replace(
            "<template id=\"shell-aliases\"><h1>Names</h1></template>\n",
            "",
        );
        assert!(pages(&without_aliases)
            .unwrap_err()
            .contains("shell-aliases"));
        let unknown = PAGE.replace("shell-aliases", "shell-aliasses");
        assert!(pages(&unknown).is_err());
    }

    #[test]
    fn refuses_what_it_cannot_follow() {
        assert!(
            pages("<!-- shell -->x<!-- /shell -->").is_err(),
            "no 404 template"
        );
        assert!(
            pages("<template id=\"shell-404\">x</template>").is_err(),
            "no shell"
        );
        assert!(pages("<!-- shell -->x<template id=\"shell-404\">y</template>").is_err());
        assert!(
            pages("<!-- shell -->x<!-- /shell --><template id=\"shell-../x\">y</template>")
                .is_err()
        );
    }

    #[test]
    fn the_real_shell_has_its_pages() {
        let html = include_str!("../../../index.html");
        let pages = pages(html).unwrap();
        let get = |n: &str| &pages.iter().find(|(name, _)| name == n).unwrap().1;
        assert!(get("index.html").contains("search__input"));
        assert!(!get("index.html").contains("<template"));
        for (page, heading) in [
            ("timeline.html", "Attribution timeline"),
            ("aliases.html", "Who calls which group what"),
        ] {
            assert!(get(page).contains(heading) && !get(page).contains("search__input"));
        }
        assert!(get("404.html").contains("class=\"loading\"") && !get("404.html").contains("<h1"));
        assert!(pages.iter().all(|(_, p)| p.contains("site-header")));
    }
}
