//! Fills in the service worker of a finished build: the list of files to precache, each with
//! its SHA-256 as a subresource-integrity string, and a version derived from their bytes. Same build, same version; any changed byte, a new
//! version, so the worker installs a new cache and never serves files of two builds.

use std::path::Path;

use base64::Engine;
use sha2::{Digest, Sha256};

/// The file the worker does not precache: itself. It answers a navigation to the home page
/// with the cached index.html (cached as "./") and any other with the cached 404.html, as
/// GitHub Pages does.
const SKIP: &[&str] = &["sw.js", "sitemap.xml", "robots.txt"];

/// Folders not precached: a page per actor, over a thousand of them, which the worker caches
/// as they are visited instead (and an actor page never visited offline gets the app shell).
const SKIP_DIRS: &[&str] = &["actor"];

/// Files kept only once the page asks for them (each still checked against its hash): the
/// worker module, which the page starts only when the reader opens a file or downloads one.
const LAZY_PREFIX: &str = "atlas-worker";

/// Rewrites `dist/sw.js` in place; returns how many files it precaches.
pub fn write(dist: &Path) -> Result<usize, String> {
    let sw = dist.join("sw.js");
    let template = std::fs::read_to_string(&sw).map_err(|e| format!("{}: {e}", sw.display()))?;
    if !["__VERSION__", "__FILES__", "__LAZY__", "__PAGES__"]
        .iter()
        .all(|p| template.contains(p))
    {
        return Err(format!(
            "{} has no placeholders (already filled?)",
            sw.display()
        ));
    }
    let mut files = Vec::new();
    collect(dist, dist, &mut files)?;
    files.sort();
    // The worker's own code is part of the version too: a build that changes only the worker
    // gets a cache of its own, so its failed install can never delete the one in use.
    let mut hash = Fnv::new();
    hash.write(template.as_bytes());
    let mut list = Vec::new();
    let mut lazy = Vec::new();
    for f in &files {
        let bytes = std::fs::read(dist.join(f)).map_err(|e| format!("{f}: {e}"))?;
        hash.write(f.as_bytes());
        hash.write(&bytes);
        let digest = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(&bytes));
        // The home page is fetched as the folder ("./"), so that is the address to cache it
        // under: the install then revalidates what the visit already has.
        let url = if f == "index.html" {
            "./".to_string()
        } else {
            f.clone()
        };
        let entry = [url, format!("sha256-{digest}")];
        if f.starts_with(LAZY_PREFIX) {
            lazy.push(entry);
        } else {
            list.push(entry);
        }
    }
    let precached = list.len();
    let list = serde_json::to_string(&list).expect("strings serialise");
    let lazy = serde_json::to_string(&lazy).expect("strings serialise");
    let filled = template
        .replace("__VERSION__", &format!("{:016x}", hash.0))
        .replace("__FILES__", &list)
        .replace("__LAZY__", &lazy)
        .replace("__PAGES__", &navigation_map());
    std::fs::write(&sw, filled).map_err(|e| format!("{}: {e}", sw.display()))?;
    Ok(precached)
}

/// The worker's navigation map, from the core's route table: each page with a static file
/// of its own, by its path, to the cached address of that file (the home page is "./").
fn navigation_map() -> String {
    let map: serde_json::Map<String, serde_json::Value> = atlas_core::route::PAGES
        .iter()
        .filter(|p| !p.takes_id)
        .filter_map(|p| {
            let file = p.static_file?;
            let cached = if file == "index.html" { "./" } else { file };
            Some((p.segment.to_string(), cached.into()))
        })
        .collect();
    serde_json::Value::Object(map).to_string()
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<String>) -> Result<(), String> {
    for entry in std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        let rel = path
            .strip_prefix(root)
            .map_err(|e| e.to_string())?
            .to_string_lossy()
            .replace('\\', "/");
        if rel.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            if !SKIP_DIRS.contains(&rel.as_str()) {
                collect(root, &path, out)?;
            }
        } else if !SKIP.contains(&rel.as_str()) {
            out.push(rel);
        }
    }
    Ok(())
}

/// FNV-1a, 64 bit: enough to tell builds apart, and dependency-free.
struct Fnv(u64);

impl Fnv {
    fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_the_list_and_a_content_version() {
        let dir = std::env::temp_dir().join(format!("atlas-sw-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("data")).unwrap();
        let template =
            "const VERSION = \"__VERSION__\";\nconst FILES = __FILES__;\nconst LAZY = __LAZY__;\nconst PAGES = __PAGES__;\n";
        std::fs::write(dir.join("sw.js"), template).unwrap();
        std::fs::write(dir.join("index.html"), "x").unwrap();
        std::fs::write(dir.join("404.html"), "x").unwrap();
        std::fs::write(dir.join("data/atlas.json"), "{}").unwrap();
        // Actor pages and the sitemap are not precached.
        std::fs::create_dir_all(dir.join("actor")).unwrap();
        std::fs::write(dir.join("actor/apt31.html"), "x").unwrap();
        std::fs::write(dir.join("sitemap.xml"), "x").unwrap();
        // The worker module is kept when first asked for, not precached.
        std::fs::write(dir.join("atlas-worker_bg.wasm"), "x").unwrap();
        assert_eq!(write(&dir).unwrap(), 3);
        let first = std::fs::read_to_string(dir.join("sw.js")).unwrap();
        // sha256("{}") and sha256("x"), base64: what `openssl dgst -sha256 -binary | base64` prints.
        assert!(
            first.contains(concat!(
                r#"[["404.html","sha256-LXEWQrcmsEQBYnyp+6wy9chTD7GQPMTbAiWHF5IaSIE="],"#,
                r#"["data/atlas.json","sha256-RBNvo1WzZ4oRRq0W9+hknpT7T8If536DEMBg9hyq/4o="],"#,
                r#"["./","sha256-LXEWQrcmsEQBYnyp+6wy9chTD7GQPMTbAiWHF5IaSIE="]]"#
            )),
            "{first}"
        );
        assert!(
            first.contains(
                r#"const LAZY = [["atlas-worker_bg.wasm","sha256-LXEWQrcmsEQBYnyp+6wy9chTD7GQPMTbAiWHF5IaSIE="]];"#
            ),
            "{first}"
        );
        assert!(
            first.contains(
                r#"const PAGES = {"":"./","about":"about.html","aliases":"aliases.html","attributions":"attributions.html","compare":"compare.html","open":"open.html","read":"read.html","timeline":"timeline.html"};"#
            ),
            "{first}"
        );
        assert!(write(&dir).is_err(), "a filled worker is not filled twice");
        // Change one byte: a new version.
        std::fs::write(dir.join("sw.js"), template).unwrap();
        std::fs::write(dir.join("data/atlas.json"), "{ }").unwrap();
        write(&dir).unwrap();
        let second = std::fs::read_to_string(dir.join("sw.js")).unwrap();
        assert_ne!(first, second);
        // The same files with a changed worker: a new version too, so the new worker's cache
        // is never the one the old worker is serving from.
        let version = |sw: &str| sw.lines().next().unwrap().to_string();
        std::fs::write(dir.join("sw.js"), format!("{template}// fixed\n")).unwrap();
        write(&dir).unwrap();
        let third = std::fs::read_to_string(dir.join("sw.js")).unwrap();
        assert_ne!(version(&second), version(&third));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
