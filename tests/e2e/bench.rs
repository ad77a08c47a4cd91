//! Browser measurements for `make bench`. Ignored by `make test`: speed is measured and
//! reported, not asserted.

use crate::support::{Browser, Site};

const RUNS: usize = 7;

fn summary(mut v: Vec<f64>) -> String {
    v.sort_by(|a, b| a.total_cmp(b));
    format!(
        "median {:.2} ms, min {:.2} ms, max {:.2} ms ({} runs)",
        v[v.len() / 2],
        v[0],
        v[v.len() - 1],
        v.len()
    )
}

/// Loads the about page afresh and reads one of the load timings it reports, in ms.
async fn about_timing(b: &Browser, site: &Site, attr: &str) -> f64 {
    b.goto(&site.url("about")).await;
    let ms = b
        .find("[data-testid=parse-time]")
        .await
        .attr(attr)
        .await
        .unwrap()
        .unwrap();
    ms.parse().unwrap()
}

#[tokio::test]
#[ignore = "benchmark: run with `make bench`"]
async fn bench_dataset_parse_and_first_render() {
    let site = Site::start().await;
    let b = Browser::start().await;
    let mut parse = Vec::new();
    let mut list = Vec::new();
    for _ in 0..RUNS {
        parse.push(about_timing(&b, &site, "data-parse-ms").await);
        b.goto(&site.base).await;
        b.find("[data-testid=actor-card]").await;
        // The app marks the moment its first data page is in the document.
        let drawn = b
            .client
            .execute(
                "return performance.getEntriesByName('atlas-drawn')[0].startTime",
                vec![],
            )
            .await
            .unwrap();
        list.push(drawn.as_f64().unwrap());
    }
    println!(
        "BENCH browser: dataset parse (atlas_core::parse, in wasm): {}",
        summary(parse)
    );
    println!(
        "BENCH browser: home page load to first result cards in the document (from navigation start: wasm, fetch, parse, index, render): {}",
        summary(list)
    );
    b.close().await;
}

/// How a benchmark times one input against the frame it lands in. Each input is dispatched
/// at the start of a frame (in its animation frame callback, where Chromium delivers the
/// input it aligns to frames), and timed until the page shows it (`updated`: the target's
/// `data-<attr>` names the input) and until that frame is drawn (`drawn`: a message posted
/// at the input is delivered once the frame's style, layout and paint are done). An input
/// whose update misses its frame is timed until the frame that shows it is drawn. So a
/// figure is the work an input costs, the browser's included, without the wait for the
/// frame it arrived between, which no page can shorten; ≤ 16.7 ms is inside one frame at
/// 60 Hz.
pub(crate) const FRAME_STEP_JS: &str = r#"
const frameStart = () => new Promise(r => requestAnimationFrame(() => r()));
const frameDrawn = () => new Promise(r => { const c = new MessageChannel(); c.port1.onmessage = () => r(performance.now()); c.port2.postMessage(0); });
async function frameStep(target, attr, value, act) {
  await frameStart();
  const t0 = performance.now();
  let updated = null;
  const obs = new MutationObserver(() => { if (target.getAttribute('data-' + attr) === value) { updated = performance.now(); obs.disconnect(); } });
  obs.observe(target, { attributes: true, attributeFilter: ['data-' + attr] });
  act();
  let drawn = await frameDrawn();
  while (updated === null) { await frameStart(); drawn = await frameDrawn(); }
  return [updated - t0, drawn - t0];
}
"#;

/// Types each query one character at a time into the search box, each keystroke at the
/// start of a frame ([`FRAME_STEP_JS`]), and times it until the results show the new query
/// and until that frame is drawn; with the core's part as the page measures it.
pub(crate) fn keystroke_js() -> String {
    format!("{FRAME_STEP_JS}{KEYSTROKE_JS}")
}

const KEYSTROKE_JS: &str = r#"
const [queries, done] = arguments;
const input = document.getElementById('search-input');
const list = document.querySelector('[data-testid=results]');
const times = [];
const compute = [];
const frames = [];
const typed = [];
(async () => {
  // Three rounds of the queries, for a p95 that one slow moment of the machine moves less.
  for (let round = 0; round < 3; round++) for (const full of queries) {
    for (let n = 1; n <= full.length; n++) {
      const q = full.slice(0, n);
      performance.clearMeasures('atlas-search');
      const [updated, drawn] = await frameStep(list, 'query', q, () => {
        input.value = q;
        input.dispatchEvent(new Event('input', { bubbles: true }));
      });
      times.push(updated);
      frames.push(drawn);
      // The core's part, as the page measures it (`atlas-search`).
      const measures = performance.getEntriesByName('atlas-search');
      compute.push(measures.length ? measures[measures.length - 1].duration : NaN);
      typed.push(q);
    }
    input.value = '';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise(r => setTimeout(r, 50));
  }
  done([times, compute, frames, typed]);
})();
"#;

/// What typing leaves for its pause: each query typed at once, then timed from the moment
/// the address is written (the pause's `history.replaceState`) until the frame with the
/// full page of cards is drawn — the one update that typing defers.
const FILL_JS: &str = r#"
const [queries, done] = arguments;
const input = document.getElementById('search-input');
const replace = history.replaceState.bind(history);
let wrote = null;
history.replaceState = (...a) => { wrote = performance.now(); return replace(...a); };
const fills = [];
const cards = [];
const type = async q => {
  wrote = null;
  await frameStart();
  input.value = q;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  while (wrote === null) await frameStart();
  return (await frameDrawn()) - wrote;
};
(async () => {
  for (let round = 0; round < 3; round++) for (const q of queries) {
    fills.push(await type(q));
    cards.push(document.querySelectorAll('[data-testid=actor-card]').length);
    await type('');
  }
  history.replaceState = replace;
  done([fills, cards]);
})();
"#;

#[tokio::test]
#[ignore = "benchmark: run with `make bench`"]
async fn bench_keystroke_latency_and_index_build() {
    keystrokes("full dataset", None).await;
    // `make bench` writes a synthetic dataset 20 times larger and names it here.
    if let Some(path) = std::env::var_os("ATLAS_BENCH_LARGE") {
        let big = std::fs::read(&path).expect("the large dataset");
        keystrokes("20x synthetic dataset", Some(big)).await;
    }
}

async fn keystrokes(label: &str, dataset: Option<Vec<u8>>) {
    let site = Site::start().await;
    if let Some(bytes) = dataset {
        site.set("data/atlas.json", crate::support::Override::Body(bytes));
    }
    let b = Browser::start().await;
    let mut index = Vec::new();
    for _ in 0..RUNS {
        index.push(about_timing(&b, &site, "data-index-ms").await);
    }
    println!(
        "BENCH browser: search + facet index build ({label}): {}",
        summary(index)
    );
    b.goto(&site.base).await;
    b.find("[data-testid=actor-card]").await;
    // The reference links are read once the first page is drawn: not during a keystroke.
    b.wait_until(
        "return performance.getEntriesByName('atlas-refs').length > 0",
        "the reference links read",
    )
    .await;
    let queries = serde_json::json!([
        "LuckyMouse",
        "TG-3390",
        "Judgment Panda",
        "violet typhoon",
        "fancy baer",
        "turlla",
        "Volt Tyhpoon",
        "Grizzly Steppe",
        "sandworm",
        "panda"
    ]);
    let out = b
        .client
        .execute_async(&keystroke_js(), vec![queries])
        .await
        .unwrap();
    for (i, what) in [
        "keystroke at a frame's start to updated results (core + DOM)",
        "keystroke: core search + facet counts alone (in wasm)",
        "keystroke at a frame's start until that frame is drawn (update, style, layout, paint)",
    ]
    .iter()
    .enumerate()
    {
        let mut t = floats(&out[i]);
        t.sort_by(f64::total_cmp);
        let p = |q: f64| t[((t.len() as f64 - 1.0) * q).round() as usize];
        // Issue 16's targets for the whole update: a frame with the bundled data, 25 ms at 20×.
        let target = if i != 1 {
            Some(if label.starts_with("20x") { 25.0 } else { 16.0 })
        } else {
            None
        };
        if i == 2 {
            // Which keystrokes were slowest, to know where to look next.
            let typed = out[3].as_array().unwrap();
            let mut slow: Vec<(f64, &str)> = out[2]
                .as_array()
                .unwrap()
                .iter()
                .zip(typed)
                .filter_map(|(t, q)| Some((t.as_f64()?, q.as_str()?)))
                .collect();
            slow.sort_by(|a, b| b.0.total_cmp(&a.0));
            let slow: Vec<String> = slow
                .iter()
                .take(12)
                .map(|(t, q)| format!("{q:?} {t:.0}"))
                .collect();
            println!(
                "BENCH browser: slowest keystrokes until their frame is drawn ({label}): {}",
                slow.join(", ")
            );
        }
        println!(
            "BENCH browser: {what} ({label}): p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms ({} keystrokes){}",
            p(0.5),
            p(0.95),
            t[t.len() - 1],
            t.len(),
            target.map(|t| verdict("p95", p(0.95), t)).unwrap_or_default()
        );
    }
    let out = b
        .client
        .execute_async(
            &format!("{FRAME_STEP_JS}{FILL_JS}"),
            vec![serde_json::json!([
                "an",
                "panda",
                "LuckyMouse",
                "sandworm",
                "T"
            ])],
        )
        .await
        .unwrap();
    let fills = floats(&out[0]);
    let most = out[1]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|n| n.as_u64())
        .max()
        .unwrap_or(0);
    let n = fills.len();
    let (f50, f95) = percentiles(fills);
    println!(
        "BENCH browser: once typing pauses, address written to the frame with the full page of cards ({label}): median {f50:.1} ms, p95 {f95:.1} ms ({n} pauses, up to {most} cards)"
    );
    b.close().await;
}

#[tokio::test]
#[ignore = "benchmark: run with `make bench`"]
async fn bench_matrix_render_and_filter() {
    let site = Site::start().await;
    let b = Browser::start().await;
    b.goto(&site.base).await;
    b.find("[data-testid=actor-card]").await;
    // Render: client-side navigation from the home page to the matrix of all actors.
    let js = r#"const done = arguments[0];
        const t0 = performance.now();
        document.querySelector('a[href$="/aliases"]').click();
        const wait = () => document.querySelector('[data-testid=matrix-row]') ? done(performance.now() - t0) : requestAnimationFrame(wait);
        wait();"#;
    let render = b
        .client
        .execute_async(js, vec![])
        .await
        .unwrap()
        .as_f64()
        .unwrap();
    // Filter: type names into the matrix filter one character at a time, each keystroke at
    // a frame's start, timed until the table shows the new text and until that frame is
    // drawn ([`FRAME_STEP_JS`]).
    let js = format!(
        "{FRAME_STEP_JS}{}",
        r#"const [queries, done] = arguments;
        const input = document.querySelector('[data-testid=matrix-filter]');
        const table = document.querySelector('[data-testid=matrix]');
        const updated = [];
        const frames = [];
        const typed = [];
        (async () => {
          for (let round = 0; round < 3; round++) for (const full of queries) {
            for (let n = 1; n <= full.length; n++) {
              const q = full.slice(0, n);
              const [u, f] = await frameStep(table, 'filter', q, () => {
                input.value = q;
                input.dispatchEvent(new Event('input', { bubbles: true }));
              });
              updated.push(u);
              frames.push(f);
              typed.push(q);
            }
            input.value = '';
            input.dispatchEvent(new Event('input', { bubbles: true }));
            while (!document.querySelector('[data-testid=matrix-row]')) await new Promise(r => requestAnimationFrame(() => r()));
          }
          done([updated, frames, typed]);
        })();"#
    );
    let queries = serde_json::json!(["panda", "bear", "typhoon", "APT2", "lazarus", "kitten"]);
    let out = b.client.execute_async(&js, vec![queries]).await.unwrap();
    let list = |i: usize| floats(&out[i]);
    // Which keystrokes were slowest, to know where to look next.
    let mut slow: Vec<(f64, &str)> = list(1)
        .into_iter()
        .zip(out[2].as_array().unwrap().iter().filter_map(|q| q.as_str()))
        .collect();
    slow.sort_by(|a, b| b.0.total_cmp(&a.0));
    let slow: Vec<String> = slow
        .iter()
        .take(10)
        .map(|(t, q)| format!("{q:?} {t:.0}"))
        .collect();
    println!(
        "BENCH browser: slowest matrix filter keystrokes until their frame is drawn: {}",
        slow.join(", ")
    );
    let (u50, u95) = percentiles(list(0));
    let (f50, f95) = percentiles(list(1));
    println!(
        "BENCH browser: naming matrix, all actors, first page drawn after navigation: {render:.1} ms; filter keystroke at a frame's start to the table updated: median {u50:.1} ms, p95 {u95:.1} ms; until that frame is drawn: median {f50:.1} ms, p95 {f95:.1} ms ({} keystrokes){}",
        list(1).len(),
        verdict("filter keystroke p95", f95, 16.0)
    );
    b.close().await;
}

/// The bundled dataset with its events repeated until there are at least `n`.
pub(crate) fn with_many_events(n: usize) -> Vec<u8> {
    let text = std::fs::read_to_string(crate::support::dist_path("data/atlas.json")).unwrap();
    let mut json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let base = json["events"].as_array().unwrap().clone();
    let mut events = Vec::new();
    let mut copy = 0;
    while events.len() < n {
        for e in &base {
            let mut e = e.clone();
            e["id"] = serde_json::json!(format!("{}-copy{copy}", e["id"].as_str().unwrap()));
            events.push(e);
        }
        copy += 1;
    }
    json["events"] = serde_json::Value::Array(events);
    serde_json::to_vec(&json).unwrap()
}

/// A site serving [`with_many_events`]`(n)` and a browser on its home page, ready for a
/// move into the app.
pub(crate) async fn home_with_many_events(n: usize) -> (Site, Browser) {
    let site = Site::start().await;
    site.set(
        "data/atlas.json",
        crate::support::Override::Body(with_many_events(n)),
    );
    let b = Browser::start().await;
    b.goto(&site.base).await;
    b.find("[data-testid=actor-card]").await;
    (site, b)
}

#[tokio::test]
#[ignore = "benchmark: run with `make bench`"]
async fn bench_timeline_with_2000_events() {
    let (_site, b) = crate::bench::home_with_many_events(2_000).await;
    // From the home page to the timeline, ten times: from the click, at a frame's start,
    // until the frame that shows the chart is drawn, and the frame that shows the list.
    let js = format!(
        "{FRAME_STEP_JS}{}",
        r#"const done = arguments[0];
        const chart = [], list = [], all = [];
        const complete = () => document.querySelector('[data-testid=timeline-chart][data-complete=true]');
        (async () => {
          for (let i = 0; i < 10; i++) {
            document.querySelector('.site-header__brand').click();
            while (!document.querySelector('[data-testid=actor-card]')) await frameStart();
            for (let k = 0; k < 5; k++) await frameStart();
            const t0 = performance.now();
            document.querySelector('a[href$="/timeline"]').click();
            let c = null, l = null, a = null;
            while (c === null || l === null || a === null) {
              await frameStart();
              if (c === null && document.querySelector('[data-testid=timeline-event]')) c = frameDrawn();
              if (l === null && document.querySelector('[data-testid=timeline-list-item]')) l = frameDrawn();
              if (a === null && complete()) a = frameDrawn();
            }
            chart.push((await c) - t0);
            list.push((await l) - t0);
            all.push((await a) - t0);
          }
          done([chart, list, document.querySelectorAll('[data-testid=timeline-event]').length, all]);
        })();"#
    );
    let out = b.client.execute_async(&js, vec![]).await.unwrap();
    let times = |i: usize| floats(&out[i]);
    // The first try apart: the one a reader's first move to the timeline is like (what is
    // kept per dataset may not be ready yet).
    let chart_tries: Vec<String> = times(0).iter().map(|t| format!("{t:.0}")).collect();
    let (chart50, chart95) = percentiles(times(0));
    let (list50, list95) = percentiles(times(1));
    let (all50, all95) = percentiles(times(3));
    // Zoom steps: a wheel tick or a click on zoom in/out at the start of a frame, timed
    // until that frame, with the chart's new transform, is drawn. Twelve of each,
    // alternating in and out.
    let js = format!(
        "{FRAME_STEP_JS}{}",
        r#"const [kind, done] = arguments;
        const times = [];
        const script = [];
        const frame = () => new Promise(r => requestAnimationFrame(() => r()));
        const transform = () => document.querySelector('.timeline-chart__moving').style.transform;
        // Settled, and the re-laid chart painted: two frames in a row a frame apart.
        const settled = async () => {
          // The re-laid chart whole: its marks below the fold come in tasks after its frame.
          const chart = () => document.querySelector('[data-testid=timeline-chart]').dataset;
          while (chart().moving !== 'false' || chart().complete !== 'true') await frame();
          let last = await new Promise(r => requestAnimationFrame(r));
          for (let n = 0; n < 120; n++) {
            const t = await new Promise(r => requestAnimationFrame(r));
            if (t - last < 20) return;
            last = t;
          }
        };
        (async () => {
          for (let i = 0; i < 12; i++) {
            await settled();
            const before = transform();
            const t0 = performance.now();
            if (kind === 'wheel') {
              const chart = document.querySelector('.timeline__chart');
              const r = chart.getBoundingClientRect();
              chart.dispatchEvent(new WheelEvent('wheel', { deltaY: i % 2 ? 100 : -100, clientX: r.left + r.width * 0.6, clientY: r.top + 40, bubbles: true, cancelable: true }));
            } else {
              document.querySelector(i % 2 ? '[data-testid=zoom-out]' : '[data-testid=zoom-in]').click();
            }
            // Posted at the step: delivered once this frame is drawn ([`FRAME_STEP_JS`]).
            const drawn = frameDrawn();
            while (transform() === before) { await Promise.resolve(); if (performance.now() - t0 > 2000) break; }
            script.push(performance.now() - t0);
            times.push((await drawn) - t0);
          }
          done([times, script]);
        })();"#
    );
    let mut lines = Vec::new();
    for kind in ["wheel", "button"] {
        let out = b
            .client
            .execute_async(&js, vec![serde_json::json!(kind)])
            .await
            .unwrap();
        let list = |i: usize| floats(&out[i]);
        let steps = list(0);
        let (p50, p95) = percentiles(steps.clone());
        let (s50, s95) = percentiles(list(1));
        lines.push(format!(
            "{kind} zoom steps at a frame's start until that frame is drawn: median {p50:.1} ms, p95 {p95:.1} ms ({} tries){} (of which the app's script, until the new transform is set: median {s50:.1} ms, p95 {s95:.1} ms)",
            steps.len(),
            verdict("zoom step p95", p95, 16.0)
        ));
    }
    // The layout once a gesture settles: from the last wheel tick until the re-laid chart is
    // in the document, less the pause the page waits for (SETTLE_MS in pages/timeline.rs).
    let js = r#"const done = arguments[0];
        const frame = () => new Promise(r => requestAnimationFrame(() => r()));
        const times = [];
        (async () => {
          const svg = () => document.querySelector('[data-testid=timeline-chart]');
          for (let i = 0; i < 6; i++) {
            while (svg().dataset.moving !== 'false') await frame();
            const chart = document.querySelector('.timeline__chart');
            chart.dispatchEvent(new WheelEvent('wheel', { deltaY: -100, bubbles: true, cancelable: true }));
            const t0 = performance.now();
            while (svg().dataset.moving !== 'true') await frame();
            while (svg().dataset.moving !== 'false') await frame();
            await frame();
            times.push(performance.now() - t0 - 200);
          }
          done(times);
        })();"#;
    let relayout = b.client.execute_async(js, vec![]).await.unwrap();
    let relayout = floats(&relayout);
    println!(
        "BENCH browser: timeline with {} marks: from the home page, until the frame with the chart (and every mark in the window) is drawn: median {chart50:.1} ms, p95 {chart95:.1} ms{} (each try in order: {} ms); with every mark of the chart, the rest added a band a task after that frame: median {all50:.1} ms, p95 {all95:.1} ms; with the list of events below it: median {list50:.1} ms, p95 {list95:.1} ms (10 tries); {}; re-layout after a gesture settles (beyond the 200 ms pause): {}",
        out[2],
        verdict("chart drawn (median)", chart50, 50.0),
        chart_tries.join(", "),
        lines.join("; "),
        summary(relayout)
    );
    b.close().await;
}

/// The numbers in a JSON array a benchmark script returned (anything else left out).
fn floats(v: &serde_json::Value) -> Vec<f64> {
    v.as_array()
        .map(|a| a.iter().filter_map(|t| t.as_f64()).collect())
        .unwrap_or_default()
}

/// Median and p95 (nearest rank) of `v`.
fn percentiles(mut v: Vec<f64>) -> (f64, f64) {
    v.sort_by(f64::total_cmp);
    let at = |q: f64| {
        v.get(((v.len() as f64 - 1.0) * q).round() as usize)
            .copied()
            .unwrap_or(f64::NAN)
    };
    (at(0.5), at(0.95))
}

/// " — target p95 ≤ 16 ms: not met": issue 16's target beside the figure printed before it.
fn verdict(what: &str, value: f64, target: f64) -> String {
    let met = if value <= target { "met" } else { "not met" };
    format!(" — target {what} ≤ {target} ms: {met}")
}

/// Issue 17: what the browser reports as the largest contentful paint of a page that was
/// drawn at build time, and when the app took over, over a throttled link on a phone-sized
/// window: the static page's paint should be the LCP, the app's same drawing no new one.
#[tokio::test]
#[ignore = "benchmark: run with `make bench`"]
async fn bench_largest_paint_before_and_after_the_app() {
    let site = Site::start().await;
    for path in ["actor/apt31", "", "aliases", "timeline"] {
        let b = Browser::start_with_size(412, 823).await;
        b.throttle(150, 200_000).await;
        b.goto(&site.url(path)).await;
        let v = b
            .client
            .execute_async(
                r#"const done = arguments[0];
                   const out = [];
                   new PerformanceObserver(list => {
                     for (const e of list.getEntries()) out.push(
                       `${Math.round(e.startTime)} ms ${e.size} px² <${e.element ? e.element.tagName.toLowerCase() + (e.element.className ? '.' + e.element.className : '') : 'removed'}> ${e.element && e.element.closest('#app') ? 'app' : 'static'}`);
                   }).observe({ type: 'largest-contentful-paint', buffered: true });
                   const fcp = performance.getEntriesByName('first-contentful-paint')[0];
                   const drawn = performance.getEntriesByName('atlas-drawn')[0];
                   setTimeout(() => done(`FCP ${Math.round(fcp ? fcp.startTime : -1)} ms; app drawn ${Math.round(drawn ? drawn.startTime : -1)} ms; LCP candidates: ${out.join(' | ')}`), 300);"#,
                vec![],
            )
            .await
            .unwrap();
        println!(
            "BENCH largest paint /{path}: {}",
            v.as_str().unwrap_or_default()
        );
        b.close().await;
    }
}

/// The story reader with a 10,000-word article (`atlas-data story`, path in
/// `ATLAS_BENCH_STORY`): the core's reading of it in the browser, measured by the page's own
/// `atlas-story-read` User Timing entries (index built beforehand), and a paste to the next
/// frame with every name marked and the who's-who drawn.
#[tokio::test]
#[ignore = "benchmark: run with `make bench`"]
async fn bench_story_reader_with_a_10000_word_article() {
    let Some(path) = std::env::var_os("ATLAS_BENCH_STORY") else {
        println!("BENCH browser: story reader skipped (ATLAS_BENCH_STORY is not set)");
        return;
    };
    let story = std::fs::read_to_string(path).unwrap();
    let site = Site::start().await;
    let b = Browser::start().await;
    b.goto(&site.url("read")).await;
    b.find("[data-testid=story-input]").await;
    let js = r#"const [text, runs, done] = arguments;
        const input = document.querySelector('[data-testid=story-input]');
        const frames = [];
        let i = 0;
        const one = () => {
          if (i === runs) {
            const reads = performance.getEntriesByName('atlas-story-read').map(e => e.duration);
            performance.clearMeasures('atlas-story-read');
            return done({ frames, reads });
          }
          // Every other run a different text, so each paste is a new story.
          const t = i % 2 ? text : text + ' ';
          const t0 = performance.now();
          input.value = t;
          // The page reads and draws the story while the input event is handled; the
          // frame after it shows the result.
          input.dispatchEvent(new Event('input', { bubbles: true }));
          requestAnimationFrame(() => {
            frames.push(performance.now() - t0);
            i += 1;
            setTimeout(one, 50);
          });
        };
        one();"#;
    let out = b
        .client
        .execute_async(js, vec![serde_json::json!(story), serde_json::json!(12)])
        .await
        .unwrap();
    let list = |k: &str| -> Vec<f64> { floats(&out[k]) };
    let frames = list("frames");
    let reads: Vec<f64> = list("reads");
    let p = |mut v: Vec<f64>, q: f64| {
        v.sort_by(f64::total_cmp);
        v[((v.len() as f64 - 1.0) * q).round() as usize]
    };
    println!(
        "BENCH browser: story reader, 10,000-word article: read in the core p50 {:.2} ms, p95 {:.2} ms{}; paste to next frame with the story marked p50 {:.1} ms, p95 {:.1} ms ({} pastes)",
        p(reads.clone(), 0.5),
        p(reads.clone(), 0.95),
        verdict("read p95", p(reads.clone(), 0.95), 20.0),
        p(frames.clone(), 0.5),
        p(frames.clone(), 0.95),
        frames.len()
    );
    b.close().await;
}
