//! `atlas-data build|check|stats` — see `make data`, `make data-check`, `make data-stats`.

use std::path::PathBuf;

use atlas_core::Catalog;
use std::process::ExitCode;

use atlas_data::files::{self, Paths};
use atlas_data::{bench, merge, stats};

const USAGE: &str = "usage:
  atlas-data build [--reference DIR] [--data DIR] [--out FILE] [--review FILE]
      merge upstream data and data/*.json into the bundled dataset (links in refs.json beside it)
  atlas-data check [same options]
      exit 1 if `build` would change the committed files
  atlas-data stats [FILE]
      print one JSON line of figures about a dataset (default public/data/atlas.json)
  atlas-data bench [FILE]
      time the search index and queries on a dataset and on one 20 times larger
  atlas-data csp DIST
      write the Content-Security-Policy (with the hash of Trunk's boot script) into the pages
  atlas-data shells DIST [--site-url URL]
      write the static page of every route and every actor (actor/<id>.html), each with its
      title and description; with the site's public origin, canonical addresses, sitemap.xml
      and robots.txt
  atlas-data service-worker DIST
      fill DIST/sw.js with this build's file list and a version hashed from their bytes
  atlas-data scale FILE FACTOR OUT
      write a synthetic dataset FACTOR times larger than FILE (for browser benchmarks)
  atlas-data story FILE OUT
      write the 10,000-word article the story reader's benchmarks read, naming FILE's groups";

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("atlas-data: {e}");
            ExitCode::FAILURE
        }
    }
}

fn parse_paths(args: &[String]) -> Result<Paths, String> {
    let mut paths = Paths::default();
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let value = it
            .next()
            .ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))?;
        let slot = match flag.as_str() {
            "--reference" => &mut paths.reference,
            "--data" => &mut paths.data,
            "--out" => &mut paths.dataset,
            "--review" => &mut paths.review,
            _ => return Err(format!("unknown option {flag}\n{USAGE}")),
        };
        *slot = PathBuf::from(value);
    }
    Ok(paths)
}

/// Loads a dataset file (default: the bundled one), printing any loading warnings.
fn load(path: Option<&String>) -> Result<(Catalog, String), String> {
    let path = path
        .map(PathBuf::from)
        .unwrap_or_else(|| Paths::default().dataset);
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let (catalog, warnings) = atlas_core::parse(&text).map_err(|e| e.to_string())?;
    for w in &warnings {
        eprintln!("warning: {w}");
    }
    Ok((catalog, text))
}

fn run(args: Vec<String>) -> Result<(), String> {
    let (command, rest) = args.split_first().ok_or(USAGE)?;
    match command.as_str() {
        "build" | "check" => {
            let paths = parse_paths(rest)?;
            let output = merge::merge(files::read_inputs(&paths)?)?;
            let mut stale = Vec::new();
            for (path, text) in files::outputs(&paths, &output) {
                let current = std::fs::read_to_string(&path).unwrap_or_default();
                if current == text {
                    continue;
                }
                if command == "check" {
                    stale.push(path.display().to_string());
                } else {
                    std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
                    eprintln!("wrote {}", path.display());
                }
            }
            if !stale.is_empty() {
                return Err(format!(
                    "out of date (run `make data`): {}",
                    stale.join(", ")
                ));
            }
            Ok(())
        }
        "stats" => {
            let (catalog, _) = load(rest.first())?;
            let mut line = serde_json::to_value(stats::stats(&catalog)).expect("stats serialise");
            let paths = Paths::default();
            let domains = files::government_domains(&paths.data)?;
            let (own, total) = stats::government_sources(&catalog, &domains);
            if let Some(l) = line.as_object_mut() {
                l.insert(
                    "government_actions_own_site".into(),
                    serde_json::json!(format!(
                        "{own}/{total} ({:.0} %)",
                        100.0 * own as f64 / total.max(1) as f64
                    )),
                );
            }
            // The merge's figures need the upstream files; without them, say so.
            let merge = match files::read_inputs(&paths) {
                Ok(inputs) => {
                    let groups = files::attack_groups(&paths)?;
                    let output = merge::merge(inputs)?;
                    let (ok, total, _) =
                        atlas_core::import::identity::attack_consistency(&catalog, &groups);
                    serde_json::to_value(stats::MergeStats {
                        attack_consistency: format!("{ok}/{total}"),
                        vendor_credit_fixes: output.credit_fixes,
                        review_items: output.review.len(),
                    })
                    .expect("stats serialise")
                }
                Err(_) => serde_json::json!({ "attack_consistency": "skipped (no upstream data)" }),
            };
            if let (Some(l), Some(m)) = (line.as_object_mut(), merge.as_object()) {
                l.extend(m.clone());
            }
            println!("{line}");
            Ok(())
        }
        "bench" => {
            let (catalog, text) = load(rest.first())?;
            let t = std::time::Instant::now();
            std::hint::black_box(atlas_core::parse(&text).map_err(|e| e.to_string())?);
            println!(
                "BENCH native parse: {:.2} ms for {} bytes",
                t.elapsed().as_secs_f64() * 1e3,
                text.len()
            );
            bench::first_load(&catalog);
            bench::story(&catalog);
            bench::run("full dataset", &catalog);
            let (big, _) = Catalog::from_dataset(bench::scaled(catalog.dataset(), 20));
            bench::run("20x synthetic", &big);
            Ok(())
        }
        "csp" => {
            let dist = rest.first().ok_or(USAGE)?;
            let n = atlas_data::csp::write(std::path::Path::new(dist))?;
            eprintln!("content security policy: {n} inline script allowed by hash");
            Ok(())
        }
        #[cfg(not(target_arch = "wasm32"))]
        "shells" => {
            let (dist, site_url) = match rest {
                [dist] => (dist, None),
                [dist, flag, url] if flag == "--site-url" => {
                    (dist, (!url.is_empty()).then_some(url.as_str()))
                }
                _ => return Err(USAGE.to_string()),
            };
            let w = atlas_data::shells::write(std::path::Path::new(dist), site_url)?;
            eprintln!(
                "static pages: {}, and {} actor pages{}",
                w.pages.join(", "),
                w.actors,
                if w.sitemap {
                    "; sitemap.xml and robots.txt"
                } else {
                    " (no --site-url: no canonical addresses, no sitemap)"
                }
            );
            Ok(())
        }
        "service-worker" => {
            let dist = rest.first().ok_or(USAGE)?;
            let n = atlas_data::service_worker::write(std::path::Path::new(dist))?;
            eprintln!("service worker: {n} files precached");
            Ok(())
        }
        "scale" => {
            let [file, factor, out] = rest else {
                return Err(USAGE.to_string());
            };
            let (catalog, _) = load(Some(file))?;
            let factor: usize = factor.parse().map_err(|_| format!("bad factor {factor}"))?;
            let big = bench::scaled(catalog.dataset(), factor);
            std::fs::write(out, files::dataset_text(&big)).map_err(|e| format!("{out}: {e}"))?;
            Ok(())
        }
        "story" => {
            let [file, out] = rest else {
                return Err(USAGE.to_string());
            };
            let (catalog, _) = load(Some(file))?;
            std::fs::write(out, bench::story_text(&catalog)).map_err(|e| format!("{out}: {e}"))?;
            Ok(())
        }
        _ => Err(USAGE.to_string()),
    }
}
