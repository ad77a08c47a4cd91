//! Writes the static page each address gets, so every page of the route table and every
//! actor's page answers 200 with its own title and description, and shows its first view
//! before any script runs.
//!
//! The first view is drawn natively by the app's own components (`threat_atlas::prerender`)
//! from the dataset in `DIST/data/` and put into `index.html` between `<!-- shell -->` and
//! `<!-- /shell -->` (inside `#boot`): `index.html` (the home page), `timeline.html`,
//! `aliases.html`, `compare.html`, `about.html`, `open.html`, one `actor/<id>.html` per actor
//! and `404.html` (any other address, as GitHub Pages answers it: the loading state, since the
//! app decides what such an address is). GitHub Pages serves `/timeline` from
//! `timeline.html` and `/actor/apt31` from `actor/apt31.html` (it resolves extensionless
//! addresses to `.html` files), and the service worker does the same from its cache.
//!
//! Each page's `<title>` and description come from the core (`route::PAGES`,
//! `view::actor_title`, `view::actor_description`), the same the app sets once it runs; with
//! the site's public origin (`--site-url https://owner.github.io`) each page also gets its
//! canonical address, and `sitemap.xml` and `robots.txt` are written.

use std::path::Path;

use atlas_core::route::{Route, PAGES};
use threat_atlas::prerender::Site;

const OPEN: &str = "<!-- shell -->";
const CLOSE: &str = "<!-- /shell -->";

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
    let read = |name: &str| {
        let path = dist.join(name);
        std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))
    };
    // The app's downloads wait for the page's first paint (`boot.rs`).
    let html = crate::boot::after_paint(&read("index.html")?)
        .map_err(|e| format!("{}: {e}", dist.join("index.html").display()))?;
    let (catalog, _) = atlas_core::parse(&read("data/atlas.json")?)
        .map_err(|e| format!("data/atlas.json: {e}"))?;
    // A dataset that keeps its links inline has no refs.json.
    let links = match dist.join("data/refs.json").exists() {
        true => {
            atlas_core::refs::parse(&read("data/refs.json")?, &catalog)
                .map_err(|e| format!("data/refs.json: {e}"))?
                .0
        }
        false => atlas_core::refs::RefLinks::none(),
    };
    let base = base_href(&html).ok_or("index.html has no <base href>")?;
    let origin = site_url.map(|u| u.trim_end_matches('/').to_string());
    let drawn = Site::new(catalog, links, &base);
    let all = site(&html, &drawn, &base, origin.as_deref())
        .map_err(|e| format!("{}: {e}", dist.join("index.html").display()))?;
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
    drawn: &Site,
    base: &str,
    origin: Option<&str>,
) -> Result<Vec<(String, String, Option<Head>)>, String> {
    let (before, after) = split_shell(html)?;
    let page = |body: &str| format!("{before}{body}{after}");
    // The content security policy allows no inline style: a drawn page must not need one.
    let check = |name: &str, text: String| match text.contains(" style=\"") {
        true => Err(format!(
            "{name}: a style attribute, which the content security policy blocks"
        )),
        false => Ok(text),
    };
    let mut out = Vec::new();
    for p in PAGES.iter() {
        let Some(file) = p.static_file else {
            continue;
        };
        let head = Head {
            path: p.segment.to_string(),
            title: atlas_core::view::page_title(p.title),
            description: p.description.to_string(),
        };
        let text = check(file, page(&drawn.body(&Route::default_of(p.kind))))?;
        out.push((
            file.to_string(),
            with_head(&text, &head, base, origin)?,
            Some(head),
        ));
    }
    let catalog = drawn.catalog();
    for a in catalog.actors() {
        let route = Route::actor(&a.id);
        let head = Head {
            path: route.to_url().trim_start_matches('/').to_string(),
            title: atlas_core::view::page_title(&atlas_core::view::actor_title(a)),
            description: atlas_core::view::actor_description(catalog, a),
        };
        out.push((
            format!("{}.html", head.path),
            with_head(
                &check(&head.path, page(&drawn.body(&route)))?,
                &head,
                base,
                origin,
            )?,
            Some(head),
        ));
    }
    out.push(("404.html".to_string(), page(&drawn.loading()), None));
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
    atlas_core::text::escape_markup(s)
}

/// The page around the shell: what comes before `<!-- shell -->` and after `<!-- /shell -->`
/// (the markers are kept, so a page can be filled again).
fn split_shell(html: &str) -> Result<(&str, &str), String> {
    let start = html.find(OPEN).ok_or(format!("no {OPEN}"))? + OPEN.len();
    let end = html[start..]
        .find(CLOSE)
        .map(|i| start + i)
        .ok_or(format!("{OPEN} without {CLOSE}"))?;
    if html[end..].contains(OPEN) {
        return Err(format!("more than one {OPEN}"));
    }
    Ok((&html[..start], &html[end..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "<html><head><base href=\"/threat-atlas/\" /><title>Threat Atlas</title>\n<meta name=\"description\" content=\"x\" />\n</head><body><div id=\"boot\"><!-- shell --><!-- /shell --></div><div id=\"app\" hidden></div></body></html>";

    const DATA: &str = r#"{"schema":1,"info":{"title":"t","version":"1"},
        "sources":[{"id":"s","name":"S","kind":"dataset"}],
        "vendors":[{"id":"v","name":"V"}],
        "actors":[{"id":"apt31","name":"APT31","aliases":[{"name":"Zirconium","vendor":"v","source":"s"},{"name":"Judgment \"Panda\" <b>","vendor":"v","source":"s"}],"sources":["s"]},
                  {"id":"b","name":"Beta","sources":["s"]}]}"#;

    fn drawn() -> Site {
        let (catalog, _) = atlas_core::parse(DATA).unwrap();
        Site::new(
            catalog,
            atlas_core::refs::RefLinks::none(),
            "/threat-atlas/",
        )
    }

    #[test]
    fn every_page_and_every_actor_gets_its_own_head_and_body() {
        let base = base_href(HEAD).unwrap();
        assert_eq!(base, "/threat-atlas/");
        let drawn = drawn();
        let all = site(HEAD, &drawn, &base, Some("https://owner.github.io")).unwrap();
        let get = |n: &str| {
            &all.iter()
                .find(|(name, _, _)| name == n)
                .unwrap_or_else(|| panic!("{n}"))
                .1
        };
        // Every page of the route table with a static file, one per actor, and 404.html.
        let names: Vec<&str> = all.iter().map(|(n, _, _)| n.as_str()).collect();
        let mut expected: Vec<&str> = PAGES.iter().filter_map(|p| p.static_file).collect();
        expected.extend(["actor/apt31.html", "actor/b.html", "404.html"]);
        assert_eq!(names, expected);
        for name in [
            "index.html",
            "aliases.html",
            "timeline.html",
            "compare.html",
            "about.html",
            "open.html",
            "read.html",
            "actor/apt31.html",
            "actor/b.html",
            "404.html",
        ] {
            assert!(
                get(name).contains("class=\"site-header\""),
                "{name} has the header"
            );
        }
        let apt31 = get("actor/apt31.html");
        assert!(apt31.contains("<title>APT31 (Zirconium, Judgment &quot;Panda&quot; &lt;b&gt;) — Threat Atlas</title>"), "{apt31}");
        assert!(apt31.contains(
            "<link rel=\"canonical\" href=\"https://owner.github.io/threat-atlas/actor/apt31\" />"
        ));
        assert!(apt31.contains("og:title") && apt31.contains("twitter:card"));
        assert_eq!(apt31.matches("<title>").count(), 1);
        assert_eq!(apt31.matches("name=\"description\"").count(), 1);
        // The body is the actor's page as the app draws it, a name with markup kept as text.
        assert!(apt31.contains("Judgment &quot;Panda&quot; &lt;b&gt;") && !apt31.contains("<b>"));
        assert!(
            apt31.contains("data-testid=\"actor-page\"") && apt31.contains("data-testid=\"alias\"")
        );
        assert!(
            !apt31.contains("class=\"loading\""),
            "an actor page is drawn, not loading"
        );
        assert!(
            get("timeline.html").contains("Attribution timeline")
                && get("timeline.html")
                    .contains("<title>Attribution timeline — Threat Atlas</title>")
        );
        assert!(get("index.html").contains("search__input"));
        assert!(
            get("index.html").contains("<title>Threat Atlas</title>")
                && get("index.html").contains("href=\"https://owner.github.io/threat-atlas/\"")
        );
        assert!(
            !get("404.html").contains("canonical"),
            "404.html stands for no address"
        );
        assert!(get("404.html").contains("class=\"loading\""));
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
        let local = site(HEAD, &drawn, &base, None).unwrap();
        assert!(local.iter().all(|(_, t, _)| !t.contains("canonical")));
        // The sitemap lists every page that has a head.
        let heads: Vec<Head> = all.iter().filter_map(|(_, _, h)| h.clone()).collect();
        let map = sitemap("https://owner.github.io", &base, &heads);
        assert_eq!(
            map.matches("<loc>").count(),
            PAGES.iter().filter(|p| p.static_file.is_some()).count() + 2
        );
        assert!(map.contains("<loc>https://owner.github.io/threat-atlas/actor/b</loc>"));
    }

    #[test]
    fn refuses_what_it_cannot_follow() {
        assert!(split_shell("<body></body>").is_err(), "no shell");
        assert!(split_shell("<!-- shell -->x").is_err(), "not closed");
        assert!(
            split_shell("<!-- shell --><!-- /shell --><!-- shell --><!-- /shell -->").is_err(),
            "two shells"
        );
    }

    #[test]
    fn the_real_page_has_one_shell_inside_boot_and_the_app_root() {
        let html = include_str!("../../../index.html");
        let (before, after) = split_shell(html).unwrap();
        assert!(before
            .trim_end()
            .ends_with("<div id=\"boot\"><!-- shell -->"));
        assert!(after.contains("<div id=\"app\" hidden></div>"));
        assert!(!html.contains("<template"), "no hand-kept copy of a page");
    }
}
