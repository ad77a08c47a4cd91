//! The app's downloads start after the static page has painted.
//!
//! Trunk writes three things into the head that start the app at once: a `modulepreload` of
//! the JS glue, a `preload` of the wasm, and an inline module script that imports the glue
//! and instantiates the wasm. A browser starts those downloads while it is still parsing the
//! page, so on a slow link 570 KB of wasm compete with the stylesheet for the first paint,
//! and Lighthouse counts every download that ended before that paint in its LCP (measured:
//! an actor page's LCP was 1.1 s in one run and 5.3 s in another, depending on whether the
//! wasm happened to finish first). The page itself needs none of them to be read.
//!
//! `after_paint` moves both preloads into the boot script, which first waits for the frame
//! after the page's first paint: then it adds the same `<link>`s (integrity kept), plus a
//! preload of the dataset, so the three still download side by side, and imports the glue.
//! The rewritten script is still the page's one inline script, which `atlas-data csp`
//! hashes afterwards.

/// Written into the rewritten script: a page already rewritten is left as it is.
const MARK: &str = "// atlas: started after the first paint";

/// The page's head with the app started after the first paint (see the module).
pub fn after_paint(html: &str) -> Result<String, String> {
    if html.contains(MARK) {
        return Ok(html.to_string());
    }
    let (s0, s1) = trunk_script(html)?;
    let script = &html[s0..s1];
    let js = between(script, "from '", "'").ok_or("the boot script imports no glue")?;
    let wasm = between(script, "module_or_path: '", "'").ok_or("the boot script loads no wasm")?;
    let mut links = Vec::new();
    let mut out = String::with_capacity(html.len());
    let mut at = 0;
    for (href, rel) in [(js, "modulepreload"), (wasm, "preload")] {
        let (l0, l1) = link_to(html, href, rel)?;
        links.push((l0, l1, link_js(&html[l0..l1])?));
    }
    links.push((s0, s1, String::new()));
    links.sort_by_key(|l| l.0);
    let preloads: Vec<String> = links
        .iter()
        .filter(|l| !l.2.is_empty())
        .map(|l| l.2.clone())
        .collect();
    for (l0, l1, _) in &links {
        out.push_str(&html[at..*l0]);
        if *l0 == s0 {
            out.push_str(&boot_script(js, wasm, &preloads));
        }
        at = *l1;
    }
    out.push_str(&html[at..]);
    Ok(out)
}

/// The byte range of Trunk's boot script: the inline module script that calls `init`.
fn trunk_script(html: &str) -> Result<(usize, usize), String> {
    let mut from = 0;
    while let Some(i) = html[from..].find("<script type=\"module\">") {
        let start = from + i;
        let end = html[start..]
            .find("</script>")
            .map(|e| start + e + "</script>".len())
            .ok_or("an unclosed <script>")?;
        if html[start..end].contains("import init, * as bindings from '") {
            return Ok((start, end));
        }
        from = end;
    }
    Err("no boot script from Trunk (an inline module script calling init)".into())
}

/// The text between `open` and the next `close` after it.
fn between<'a>(s: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let start = s.find(open)? + open.len();
    let end = s[start..].find(close)?;
    Some(&s[start..start + end])
}

/// The byte range of the `<link rel="{rel}" href="{href}" …>` Trunk wrote.
fn link_to(html: &str, href: &str, rel: &str) -> Result<(usize, usize), String> {
    let want = format!("<link rel=\"{rel}\" href=\"{href}\"");
    let start = html
        .find(&want)
        .ok_or_else(|| format!("no <link rel=\"{rel}\"> for {href}"))?;
    let end = html[start..].find('>').ok_or("an unclosed <link>")? + start + 1;
    Ok((start, end))
}

/// A `<link>` as the JavaScript array of its attributes that the boot script adds back.
fn link_js(tag: &str) -> Result<String, String> {
    let mut attrs = Vec::new();
    for name in ["rel", "href", "as", "type", "integrity", "crossorigin"] {
        if let Some(v) = between(tag, &format!(" {name}=\""), "\"") {
            attrs.push(format!(
                "[{}, {}]",
                serde_json::to_string(name).map_err(|e| e.to_string())?,
                serde_json::to_string(v).map_err(|e| e.to_string())?
            ));
        }
    }
    Ok(format!("[{}]", attrs.join(", ")))
}

/// The boot script: wait for the first contentful paint (its Paint Timing entry, which the
/// browser sends once that frame is presented; a frame callback alone does not promise a
/// paint, and under load the downloads then started before it, in one Lighthouse run of
/// two), start the downloads, start the app (what Trunk's script did, with the glue
/// imported dynamically). A browser without paint entries waits for a frame instead, and
/// none waits more than 3 s.
fn boot_script(js: &str, wasm: &str, preloads: &[String]) -> String {
    let q = |s: &str| serde_json::to_string(s).expect("a string");
    format!(
        r#"<script type="module">
{MARK}
await new Promise(r => {{
  const go = () => setTimeout(r, 0);
  try {{
    new PerformanceObserver((list, seen) => {{
      if (list.getEntriesByName("first-contentful-paint").length) {{ seen.disconnect(); go(); }}
    }}).observe({{type: "paint", buffered: true}});
  }} catch (e) {{ requestAnimationFrame(go); }}
  setTimeout(r, 3000);
}});
for (const attrs of [{preloads}, [["rel", "preload"], ["href", "data/atlas.json"], ["as", "fetch"], ["crossorigin", "anonymous"]]]) {{
  const link = document.createElement('link');
  for (const [k, v] of attrs) link.setAttribute(k, v);
  document.head.append(link);
}}
const bindings = await import({js});
const wasm = await bindings.default({{ module_or_path: {wasm} }});
window.wasmBindings = bindings;
dispatchEvent(new CustomEvent("TrunkApplicationStarted", {{detail: {{wasm}}}}));
</script>"#,
        preloads = preloads.join(", "),
        js = q(js),
        wasm = q(wasm),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What Trunk 0.21 writes, cut down.
    const TRUNK: &str = r#"<head>
<script type="module">
import init, * as bindings from '/b/app-1.js';
const wasm = await init({ module_or_path: '/b/app-1_bg.wasm' });
window.wasmBindings = bindings;
dispatchEvent(new CustomEvent("TrunkApplicationStarted", {detail: {wasm}}));
</script>
<link rel="stylesheet" href="/b/main.css"/>
<link rel="modulepreload" href="/b/app-1.js" crossorigin="anonymous" integrity="sha384-js">
<link rel="preload" href="/b/app-1_bg.wasm" crossorigin="anonymous" integrity="sha384-wasm" as="fetch" type="application/wasm"></head>"#;

    #[test]
    fn the_downloads_move_into_a_script_that_waits_for_the_first_paint() {
        let out = after_paint(TRUNK).unwrap();
        assert!(!out.contains("<link rel=\"modulepreload\""), "{out}");
        assert!(!out.contains("<link rel=\"preload\""), "{out}");
        assert!(!out.contains("import init"), "{out}");
        assert!(out.contains("<link rel=\"stylesheet\" href=\"/b/main.css\"/>"));
        let wait = out.find("first-contentful-paint").unwrap();
        let import = out.find("await import(\"/b/app-1.js\")").unwrap();
        assert!(wait < import);
        for attr in [
            r#"["integrity", "sha384-js"]"#,
            r#"["integrity", "sha384-wasm"]"#,
            r#"["type", "application/wasm"]"#,
            r#"["href", "data/atlas.json"]"#,
            r#"module_or_path: "/b/app-1_bg.wasm""#,
        ] {
            assert!(out.contains(attr), "{attr} in {out}");
        }
        assert_eq!(out.matches("<script").count(), 1);
        // Done twice, the same.
        assert_eq!(after_paint(&out).unwrap(), out);
    }

    #[test]
    fn a_page_it_cannot_follow_is_refused() {
        assert!(after_paint("<head></head>").is_err());
        let no_preload = TRUNK.replace("rel=\"modulepreload\"", "rel=\"x\"");
        assert!(after_paint(&no_preload).is_err());
    }
}
