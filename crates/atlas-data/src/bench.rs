//! Native search benchmarks for `make bench`: index build time and query latency on the
//! bundled dataset and on a synthetic one twenty times larger. Figures are printed, never
//! asserted.

use std::time::Instant;

use atlas_core::search::SearchIndex;
use atlas_core::{Catalog, Dataset};

/// Queries a reader types, each also replayed one keystroke at a time.
const QUERIES: &[&str] = &[
    "LuckyMouse",
    "TG-3390",
    "Judgment Panda",
    "violet typhoon",
    "fancy baer",
    "turlla",
    "Volt Tyhpoon",
    "Grizzly Steppe",
    "apt 27",
    "sandworm",
    "lazarus",
    "panda",
    "china telecom",
    "UNSC 2814",
    "zzzz",
];

fn keystrokes() -> Vec<String> {
    let mut out = Vec::new();
    for q in QUERIES {
        let chars: Vec<char> = q.chars().collect();
        for n in 1..=chars.len() {
            out.push(chars[..n].iter().collect());
        }
    }
    out
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

/// A dataset `factor` times larger: every actor repeated with its names suffixed, so the
/// name table grows as a real larger catalogue would.
pub fn scaled(dataset: &Dataset, factor: usize) -> Dataset {
    let mut d = dataset.clone();
    d.events.clear();
    let base = std::mem::take(&mut d.actors);
    for n in 0..factor {
        for a in &base {
            let mut a = a.clone();
            a.related.clear();
            if n > 0 {
                a.id = format!("{}-s{n}", a.id);
                a.name = format!("{} S{n}", a.name);
                for alias in &mut a.aliases {
                    alias.name = format!("{} S{n}", alias.name);
                }
            }
            d.actors.push(a);
        }
    }
    d
}

/// The other work a first visit does in the browser after parsing, each a separate task
/// there: the facet index, and (actor and names pages) the shared names and the matrix.
pub fn first_load(catalog: &Catalog) {
    let median = |f: &dyn Fn()| {
        let mut t: Vec<f64> = (0..5)
            .map(|_| {
                let start = Instant::now();
                f();
                start.elapsed().as_secs_f64() * 1e3
            })
            .collect();
        t.sort_by(f64::total_cmp);
        t[2]
    };
    let facets = median(&|| {
        std::hint::black_box(atlas_core::facets::FacetIndex::new(catalog));
    });
    let conflicts = median(&|| {
        std::hint::black_box(atlas_core::crossref::conflicts(catalog));
    });
    let matrix = median(&|| {
        std::hint::black_box(atlas_core::crossref::matrix(
            catalog,
            &atlas_core::crossref::MatrixQuery::default(),
        ));
    });
    // The search index as the app builds it, a task per step: the longest step is what
    // the page waits for at once.
    let mut steps = Vec::new();
    let mut builder = atlas_core::search::IndexBuilder::new(catalog);
    loop {
        let start = Instant::now();
        let done = builder.step(atlas_core::search::IndexBuilder::STEP);
        steps.push(start.elapsed().as_secs_f64() * 1e3);
        if done {
            break;
        }
    }
    let start = Instant::now();
    std::hint::black_box(builder.finish());
    let finish = start.elapsed().as_secs_f64() * 1e3;
    let longest = steps.iter().copied().fold(0.0, f64::max);
    println!(
        "BENCH native search index in steps of {} actors: {} steps, longest {longest:.2} ms, then {finish:.2} ms",
        atlas_core::search::IndexBuilder::STEP,
        steps.len(),
    );
    println!(
        "BENCH native first load: facet index {facets:.2} ms, shared names {conflicts:.2} ms, names matrix {matrix:.2} ms"
    );
}

/// A 10,000-word article written for the benchmark: sentences of ordinary words, one in
/// five naming a group by a name from the catalog (every 7th group's, in turn), so the
/// reader walks the name table often and finds names throughout.
pub fn story_text(catalog: &Catalog) -> String {
    let filler = [
        "The ministry said the intrusion began months before it was found,",
        "and investigators traced the servers through several countries before",
        "officials briefed reporters on what had been taken and when.",
        "A spokesperson declined to say how many systems were affected.",
    ];
    let names: Vec<&str> = catalog
        .actors()
        .iter()
        .step_by(7)
        .map(|a| a.name.as_str())
        .collect();
    let mut text = String::new();
    let mut words = 0;
    let mut n = 0;
    while words < 10_000 {
        for line in filler {
            text.push_str(line);
            text.push(' ');
            words += line.split_whitespace().count();
        }
        if let Some(name) = names.get(n % names.len().max(1)) {
            text.push_str(&format!("Analysts attributed it to {name}. "));
            words += 4 + name.split_whitespace().count();
        }
        n += 1;
    }
    text
}

/// The story reader natively: the 10,000-word article read against the search index.
pub fn story(catalog: &Catalog) {
    let index = SearchIndex::new(catalog);
    let text = story_text(catalog);
    let (mut reads, mut whos, mut times) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..std::env::var("STORY_TRIES")
        .ok()
        .and_then(|t| t.parse().ok())
        .unwrap_or(20)
    {
        let t = Instant::now();
        let s = atlas_core::story::read(catalog, &index, &text);
        let read = t.elapsed().as_secs_f64() * 1e3;
        std::hint::black_box(atlas_core::story::who_is(catalog, &s));
        let all = t.elapsed().as_secs_f64() * 1e3;
        reads.push(read);
        whos.push(all - read);
        times.push(all);
    }
    for v in [&mut reads, &mut whos, &mut times] {
        v.sort_by(f64::total_cmp);
    }
    println!(
        "BENCH native story reader: a {}-word article read with its who's-who: median {:.2} ms, p95 {:.2} ms (reading {:.2} ms, who's-who {:.2} ms; medians of 20 tries)",
        text.split_whitespace().count(),
        percentile(&times, 0.5),
        percentile(&times, 0.95),
        percentile(&reads, 0.5),
        percentile(&whos, 0.5),
    );
}

pub fn run(label: &str, catalog: &Catalog) {
    let mut builds = Vec::new();
    let mut index = None;
    for _ in 0..5 {
        let t = Instant::now();
        index = Some(SearchIndex::new(catalog));
        builds.push(t.elapsed().as_secs_f64() * 1e3);
    }
    builds.sort_by(f64::total_cmp);
    let index = index.expect("built");
    let typed = keystrokes();
    let mut times = Vec::new();
    let mut per_query: Vec<(f64, &str)> = Vec::new();
    for round in 0..10 {
        for q in &typed {
            let t = Instant::now();
            let hits = index.search(catalog, q);
            std::hint::black_box(hits);
            let ms = t.elapsed().as_secs_f64() * 1e3;
            times.push(ms);
            if round == 0 {
                per_query.push((ms, q));
            }
        }
    }
    per_query.sort_by(|a, b| b.0.total_cmp(&a.0));
    if std::env::var_os("BENCH_VERBOSE").is_some() {
        for (ms, q) in per_query.iter().take(8) {
            println!("  slowest: {q:?} {ms:.3} ms");
        }
    }
    times.sort_by(f64::total_cmp);
    println!(
        "BENCH native {label}: {} actors; index build median {:.2} ms; query p50 {:.3} ms, p95 {:.3} ms, max {:.3} ms over {} keystroke queries",
        catalog.actors().len(),
        percentile(&builds, 0.5),
        percentile(&times, 0.5),
        percentile(&times, 0.95),
        times[times.len() - 1],
        times.len()
    );
}
