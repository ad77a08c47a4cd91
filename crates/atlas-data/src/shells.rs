//! Writes the static page each address gets before the wasm arrives, so every page of the
//! route table and every actor's page answers 200 with its own title and description.
//!
//! `index.html` paints the home page's search box (the block between `<!-- shell -->` and
//! `<!-- /shell -->`); each `<template id="shell-NAME">` in it is what `NAME.html` paints there
//! instead: `timeline.html` and `aliases.html` their heading and introduction. A page of the
//! route table without a template of its own (`about.html`, `open.html`), every actor's page
//! (`actor/<id>.html`, from the dataset in `DIST/data/atlas.json`) and `404.html` (any other
//! address, as GitHub Pages answers it) paint the loading state there. GitHub Pages serves
//! `/timeline` from `timeline.html` and `/actor/apt31` from `actor/apt31.html` (it resolves
//! extensionless addresses to `.html` files), and the service worker does the same from its
//! cache. The templates themselves are taken out of every page.
//!
//! Each page's `<title>` and description come from the core (`route::PAGES`,
//! `view::actor_title`, `view::actor_description`), the same the app sets once it runs; with
//! the site's public origin (`--site-url https://owner.github.io`) each page also gets its
//! canonical address, and `sitemap.xml` and `robots.txt` are written.

use std::path::Path;

const OPEN: &str = "<!-- shell -->";
const CLOSE: &str = "<!-- /shell -->";
const TEMPLATE: &str = "<template id=\"shell-";

/// What a static page says about itself: its address below the base path ("" for the home
/// page, "actor/apt31"), its full title and its description.
#[derive(Clone, Debug, PartialEq)]
pub struct Head {
    pub path: String,
    pub title: String,
    pub description: String,
}

/// What was written: the route table's pages, and how many actor pages.
#[derive(Debug)]
pub struct Written {
    pub pages: Vec<String>,
    pub actors: usize,
    pub sitemap: bool,
}

/// Rewrites `dist/index.html`, writes the route table's pages, one page per actor of
/// `dist/data/atlas.json`, and, given the site's public origin, `sitemap.xml` and
/// `robots.txt`.
pub fn write(dist: &Path, site_url: Option<&str>) -> Result<Written, String> {
    let index = dist.join("index.html");
    let html = std::fs::read_to_string(&index).map_err(|e| format!("{}: {e}", index.display()))?;
    let data = dist.join("data/atlas.json");
    let text = std::fs::read_to_string(&data).map_err(|e| format!("{}: {e}", data.display()))?;
    let (catalog, _) = atlas_core::parse(&text).map_err(|e| format!("{}: {e}", data.display()))?;
    let base = base_href(&html).ok_or("index.html has no <base href>")?;
    let origin = site_url.map(|u| u.trim_end_matches('/').to_string());
    let all = site(&html, &catalog, &base, origin.as_deref())
        .map_err(|e| format!("{}: {e}", index.display()))?;
    let mut written = Written {
        pages: Vec::new(),
        actors: 0,
        sitemap: false,
    };
    let mut heads = Vec::new();
    for (name, text, head) in all {
        let path = dist.join(&name);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        if name.starts_with("actor/") {
            written.actors += 1;
        } else {
            written.pages.push(name);
        }
        heads.extend(head);
    }
    if let Some(origin) = origin {
        let sitemap = sitemap(&origin, &base, &heads);
        std::fs::write(dist.join("sitemap.xml"), sitemap).map_err(|e| e.to_string())?;
        let robots = format!("User-agent: *\nAllow: /\nSitemap: {origin}{base}sitemap.xml\n");
        std::fs::write(dist.join("robots.txt"), robots).map_err(|e| e.to_string())?;
        written.sitemap = true;
    }
    Ok(written)
}

/// The `href` of the page's `<base>` (Trunk writes the public URL there): "/threat-atlas/".
fn base_href(html: &str) -> Option<String> {
    let at = html.find("<base href=\"")? + "<base href=\"".len();
    let end = html[at..].find('"')?;
    Some(html[at..at + end].to_string())
}

/// Every page (file name, text, what its head says; none for 404.html): the route table's
/// pages, then one per actor.
fn site(
    html: &str,
    catalog: &atlas_core::Catalog,
    base: &str,
    origin: Option<&str>,
) -> Result<Vec<(String, String, Option<Head>)>, String> {
    let shells = pages(html)?;
    let loading = shells
        .iter()
        .find(|(n, _)| n == "404.html")
        .map(|(_, t)| t.clone())
        .ok_or("no 404 page")?;
    let mut out = Vec::new();
    for page in atlas_core::route::PAGES.iter() {
        let Some(file) = page.static_file else {
            continue;
        };
        let text = shells
            .iter()
            .find(|(n, _)| n == file)
            .map_or(&loading, |(_, t)| t);
        let head = Head {
            path: page.segment.to_string(),
            title: atlas_core::view::page_title(page.title),
            description: page.description.to_string(),
        };
        out.push((
            file.to_string(),
            with_head(text, &head, base, origin)?,
            Some(head),
        ));
    }
    for a in catalog.actors() {
        let head = Head {
            path: atlas_core::route::Route::actor(&a.id)
                .to_url()
                .trim_start_matches('/')
                .to_string(),
            title: atlas_core::view::page_title(&atlas_core::view::actor_title(a)),
            description: atlas_core::view::actor_description(catalog, a),
        };
        out.push((
            format!("{}.html", head.path),
            with_head(&loading, &head, base, origin)?,
            Some(head),
        ));
    }
    out.push(("404.html".to_string(), loading, None));
    Ok(out)
}

/// `text` with its `<title>` and description replaced by `head`'s, and the tags link
/// previews read (Open Graph, Twitter) and, given the origin, the canonical address.
fn with_head(text: &str, head: &Head, base: &str, origin: Option<&str>) -> Result<String, String> {
    let t0 = text.find("<title>").ok_or("no <title>")?;
    let t1 = text[t0..].find("</title>").ok_or("unclosed <title>")? + t0 + "</title>".len();
    let d0 = text
        .find("<meta name=\"description\"")
        .ok_or("no description")?;
    let d1 = text[d0..].find('>').ok_or("unclosed description")? + d0 + 1;
    if d0 < t1 {
        return Err("the description comes before the title".into());
    }
    let title = escape(&head.title);
    let description = escape(&head.description);
    let mut tags = format!(
        "<meta name=\"description\" content=\"{description}\" />\n    \
         <meta property=\"og:title\" content=\"{title}\" />\n    \
         <meta property=\"og:description\" content=\"{description}\" />\n    \
         <meta property=\"og:type\" content=\"website\" />\n    \
         <meta property=\"og:site_name\" content=\"{}\" />\n    \
         <meta name=\"twitter:card\" content=\"summary\" />",
        atlas_core::view::SITE_NAME
    );
    if let Some(origin) = origin {
        let url = escape(&format!("{origin}{base}{}", head.path));
        tags.push_str(&format!(
            "\n    <link rel=\"canonical\" href=\"{url}\" />\n    <meta property=\"og:url\" content=\"{url}\" />"
        ));
        if head.path.is_empty() {
            tags.push_str(&format!(
                "\n    <script type=\"application/ld+json\">{}</script>",
                website_json_ld(&format!("{origin}{base}"), &head.description)
            ));
        }
    }
    Ok(format!(
        "{}<title>{title}</title>{}{tags}{}",
        &text[..t0],
        &text[t1..d0],
        &text[d1..]
    ))
}

/// schema.org's description of the site for the home page: its name, address and search,
/// whose address comes from the route table (`?q=` on the home page).
fn website_json_ld(home: &str, description: &str) -> String {
    const TERM: &str = "SEARCHTERM";
    let search = atlas_core::route::Route::search(TERM).to_url();
    let target =
        format!("{}{}", home.trim_end_matches('/'), search).replace(TERM, "{search_term_string}");
    let json = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": atlas_core::view::SITE_NAME,
        "url": home,
        "description": description,
        "potentialAction": {
            "@type": "SearchAction",
            "target": target,
            "query-input": "required name=search_term_string"
        }
    });
    // Inside a <script> element: no "</" may end it early.
    json.to_string().replace('<', "\\u003c")
}

/// Every page with a head, as a sitemap.
fn sitemap(origin: &str, base: &str, heads: &[Head]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for h in heads {
        out.push_str(&format!(
            "  <url><loc>{}</loc></url>\n",
            escape(&format!("{origin}{base}{}", h.path))
        ));
    }
    out.push_str("</urlset>\n");
    out
}

/// Text for an HTML attribute or element (and XML).
fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Every page as (file name, text): index.html first.
fn pages(html: &str) -> Result<Vec<(String, String)>, String> {
    let (templates, page) = take_templates(html)?;
    if !templates.iter().any(|(name, _)| name == "404") {
        return Err("no <template id=\"shell-404\">".into());
    }
    // Templates only for pages of the route table with a static file of its own (besides
    // the home page, which is index.html itself); one without a template paints the loading
    // state.
    let wanted: Vec<&str> = atlas_core::route::PAGES
        .iter()
        .filter_map(|p| p.static_file)
        .filter(|f| *f != "index.html")
        .map(|f| f.trim_end_matches(".html"))
        .collect();
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
        let unknown = PAGE.replace("shell-aliases", "shell-aliasses");
        assert!(pages(&unknown).is_err());
    }

    const HEAD: &str = "<html><head><base href=\"/threat-atlas/\" /><title>Threat Atlas</title>\n<meta name=\"description\" content=\"x\" />\n</head><body><main>\n<!-- shell --><h1>Search</h1><!-- /shell -->\n</main>\n<template id=\"shell-timeline\"><h1>Timeline</h1></template>\n<template id=\"shell-404\"><p class=\"loading\">Loading</p></template></body></html>";

    const DATA: &str = r#"{"schema":1,"info":{"title":"t","version":"1"},
        "sources":[{"id":"s","name":"S","kind":"dataset"}],
        "vendors":[{"id":"v","name":"V"}],
        "actors":[{"id":"apt31","name":"APT31","aliases":[{"name":"Zirconium","vendor":"v","source":"s"},{"name":"Judgment \"Panda\" <b>","vendor":"v","source":"s"}],"sources":["s"]},
                  {"id":"b","name":"Beta","sources":["s"]}]}"#;

    #[test]
    fn every_page_and_every_actor_gets_its_own_head() {
        let (catalog, _) = atlas_core::parse(DATA).unwrap();
        let base = base_href(HEAD).unwrap();
        assert_eq!(base, "/threat-atlas/");
        let all = site(HEAD, &catalog, &base, Some("https://owner.github.io")).unwrap();
        let get = |n: &str| {
            &all.iter()
                .find(|(name, _, _)| name == n)
                .unwrap_or_else(|| panic!("{n}"))
                .1
        };
        // Every page of the route table with a static file, one per actor, and 404.html.
        for name in [
            "index.html",
            "aliases.html",
            "timeline.html",
            "compare.html",
            "about.html",
            "open.html",
            "actor/apt31.html",
            "actor/b.html",
            "404.html",
        ] {
            get(name);
        }
        let apt31 = get("actor/apt31.html");
        assert!(apt31.contains("<title>APT31 (Zirconium, Judgment &quot;Panda&quot; &lt;b&gt;) — Threat Atlas</title>"), "{apt31}");
        assert!(apt31.contains(
            "<link rel=\"canonical\" href=\"https://owner.github.io/threat-atlas/actor/apt31\" />"
        ));
        assert!(apt31.contains("og:title") && apt31.contains("twitter:card"));
        assert!(apt31.contains("class=\"loading\"") && !apt31.contains("<template"));
        assert_eq!(apt31.matches("<title>").count(), 1);
        assert_eq!(apt31.matches("name=\"description\"").count(), 1);
        assert!(
            get("timeline.html").contains("<h1>Timeline</h1>")
                && get("timeline.html")
                    .contains("<title>Attribution timeline — Threat Atlas</title>")
        );
        assert!(
            get("about.html").contains("class=\"loading\""),
            "no template: the loading state"
        );
        assert!(
            get("index.html").contains("<title>Threat Atlas</title>")
                && get("index.html").contains("href=\"https://owner.github.io/threat-atlas/\"")
        );
        assert!(
            !get("404.html").contains("canonical"),
            "404.html stands for no address"
        );
        // The home page says what the site is and how to search it, in schema.org's words.
        let ld = get("index.html")
            .split("<script type=\"application/ld+json\">")
            .nth(1)
            .and_then(|s| s.split("</script>").next())
            .expect("JSON-LD on the home page");
        let ld: serde_json::Value = serde_json::from_str(ld).unwrap();
        assert_eq!(ld["@type"], "WebSite");
        assert_eq!(ld["url"], "https://owner.github.io/threat-atlas/");
        assert_eq!(
            ld["potentialAction"]["target"],
            "https://owner.github.io/threat-atlas/?q={search_term_string}"
        );
        assert!(!get("actor/b.html").contains("ld+json"));
        // Without an origin: no canonical address, the rest the same.
        let local = site(HEAD, &catalog, &base, None).unwrap();
        assert!(local.iter().all(|(_, t, _)| !t.contains("canonical")));
        // The sitemap lists every page that has a head.
        let heads: Vec<Head> = all.iter().filter_map(|(_, _, h)| h.clone()).collect();
        let map = sitemap("https://owner.github.io", &base, &heads);
        assert_eq!(map.matches("<loc>").count(), 6 + 2);
        assert!(map.contains("<loc>https://owner.github.io/threat-atlas/actor/b</loc>"));
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
