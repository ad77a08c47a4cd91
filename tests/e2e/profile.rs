//! CPU profiles of the hot interactions, for finding where a frame goes. Not part of
//! `make bench`: run by hand against a build with function names (`scripts/profile-dist.sh`
//! says how). `profile_switch` switches the search box between `FROM` and `TO` (environment
//! variables) and prints DevTools' main-thread metrics per switch, the functions with the
//! most self time, and the call tree under the page's tasks (`DEPTH` levels below the first
//! function whose name contains `ROOT`, by default the task queue's `Pin<P>`).

use std::collections::HashMap;

use crate::support::{Browser, Site};

/// Prints the functions with the most self time in a DevTools CPU profile.
fn report(what: &str, profile: &serde_json::Value) {
    let nodes = profile["nodes"].as_array().unwrap();
    let mut name_of = HashMap::new();
    for n in nodes {
        let f = &n["callFrame"];
        let url = f["url"].as_str().unwrap_or("");
        let file = url.rsplit('/').next().unwrap_or("");
        name_of.insert(
            n["id"].as_i64().unwrap(),
            format!("{} [{}]", f["functionName"].as_str().unwrap_or(""), file),
        );
    }
    let mut self_us: HashMap<String, f64> = HashMap::new();
    let samples = profile["samples"].as_array().unwrap();
    let deltas = profile["timeDeltas"].as_array().unwrap();
    let mut total = 0.0;
    for (s, d) in samples.iter().zip(deltas) {
        let d = d.as_f64().unwrap();
        total += d;
        *self_us
            .entry(name_of[&s.as_i64().unwrap()].clone())
            .or_default() += d;
    }
    let mut rows: Vec<_> = self_us.into_iter().collect();
    rows.sort_by(|a, b| b.1.total_cmp(&a.1));
    println!("PROFILE {what}: {:.1} ms sampled", total / 1000.0);
    for (name, us) in rows.iter().take(
        std::env::var("ROWS")
            .ok()
            .and_then(|r| r.parse().ok())
            .unwrap_or(45),
    ) {
        println!(
            "PROFILE {:>8.1} ms {:>5.1}%  {name}",
            us / 1000.0,
            us / total * 100.0
        );
    }
    // Inclusive time: every function on a sample's stack, counted once per sample.
    let mut parent = HashMap::new();
    for n in nodes {
        for c in n["children"].as_array().into_iter().flatten() {
            parent.insert(c.as_i64().unwrap(), n["id"].as_i64().unwrap());
        }
    }
    let mut incl: HashMap<String, f64> = HashMap::new();
    for (s, d) in samples.iter().zip(deltas) {
        let d = d.as_f64().unwrap();
        let mut seen = std::collections::HashSet::new();
        let mut at = Some(s.as_i64().unwrap());
        while let Some(id) = at {
            let name = &name_of[&id];
            if seen.insert(name.clone()) {
                *incl.entry(name.clone()).or_default() += d;
            }
            at = parent.get(&id).copied();
        }
    }
    // Who calls a function (CALLERS=remove): the app's and the renderer's frames on the
    // stacks of the samples spent in it, merged.
    if let Ok(callee) = std::env::var("CALLERS") {
        let mut trails: HashMap<Vec<String>, f64> = HashMap::new();
        for (s, d) in samples.iter().zip(deltas) {
            let leaf = s.as_i64().unwrap();
            if short(&name_of[&leaf]) != callee {
                continue;
            }
            let mut trail = Vec::new();
            let mut at = parent.get(&leaf).copied();
            while let Some(id) = at {
                let n = short(&name_of[&id]);
                if n.contains("threat_atlas") || n.contains("atlas_core") || n.contains("tachys") {
                    trail.push(n);
                }
                at = parent.get(&id).copied();
            }
            trail.truncate(
                std::env::var("TRAIL")
                    .ok()
                    .and_then(|t| t.parse().ok())
                    .unwrap_or(8),
            );
            *trails.entry(trail).or_default() += d.as_f64().unwrap();
        }
        let mut trails: Vec<_> = trails.into_iter().collect();
        trails.sort_by(|a, b| b.1.total_cmp(&a.1));
        for (trail, us) in trails.iter().take(12) {
            println!(
                "CALLERS {callee} {:>7.1} ms <- {}",
                us / 1000.0,
                trail.join(" <- ")
            );
        }
    }
    // The call tree under the task queue, merged by path, a few levels deep.
    let depth: usize = std::env::var("DEPTH")
        .ok()
        .and_then(|d| d.parse().ok())
        .unwrap_or(6);
    let root_name = std::env::var("ROOT").unwrap_or_else(|_| "Pin<P>".into());
    let mut paths: HashMap<Vec<String>, f64> = HashMap::new();
    for (s, d) in samples.iter().zip(deltas) {
        let d = d.as_f64().unwrap();
        let mut stack = Vec::new();
        let mut at = Some(s.as_i64().unwrap());
        while let Some(id) = at {
            stack.push(short(&name_of[&id]));
            at = parent.get(&id).copied();
        }
        stack.reverse();
        let Some(root) = stack.iter().position(|n| n.contains(&root_name)) else {
            continue;
        };
        let below: Vec<String> = stack[root + 1..]
            .iter()
            .filter(|n| !n.contains("{{closure}}") || n.contains("threat_atlas"))
            .filter(|n| !n.starts_with("core::ops::function") && !n.starts_with("<alloc::boxed"))
            .cloned()
            .collect();
        for k in 1..=below.len().min(depth) {
            *paths.entry(below[..k].to_vec()).or_default() += d;
        }
    }
    let mut tree: Vec<_> = paths.into_iter().filter(|(_, t)| *t > 4000.0).collect();
    tree.sort_by(|a, b| a.0.cmp(&b.0));
    for (path, us) in &tree {
        println!(
            "TREE {:>7.1} ms {}{}",
            us / 1000.0,
            "  ".repeat(path.len()),
            path.last().unwrap()
        );
    }
    let mut rows: Vec<_> = incl
        .into_iter()
        .filter(|(n, _)| {
            n.contains("atlas")
                || n.contains("leptos")
                || n.contains("tachys")
                || n.contains("reactive_graph")
        })
        .collect();
    rows.sort_by(|a, b| b.1.total_cmp(&a.1));
    for (name, us) in rows.iter().take(400) {
        println!(
            "INCL {:>8.1} ms  {}",
            us / 1000.0,
            &name[..name.len().min(220)]
        );
    }
}

/// Prints the profile's busy spans over 12 ms (runs of samples that are not idle, with gaps
/// under 1 ms joined), each with the app's functions that took most of it.
fn busy_spans(profile: &serde_json::Value) {
    let nodes = profile["nodes"].as_array().unwrap();
    let mut name_of = HashMap::new();
    let mut parent = HashMap::new();
    for n in nodes {
        name_of.insert(
            n["id"].as_i64().unwrap(),
            short(n["callFrame"]["functionName"].as_str().unwrap_or("")),
        );
        for c in n["children"].as_array().into_iter().flatten() {
            parent.insert(c.as_i64().unwrap(), n["id"].as_i64().unwrap());
        }
    }
    let start = profile["startTime"].as_f64().unwrap();
    let mut t = start;
    let mut spans: Vec<(f64, f64, HashMap<String, f64>)> = Vec::new();
    let samples = profile["samples"].as_array().unwrap();
    let deltas = profile["timeDeltas"].as_array().unwrap();
    for (s, d) in samples.iter().zip(deltas) {
        let d = d.as_f64().unwrap();
        t += d;
        let id = s.as_i64().unwrap();
        if name_of[&id] == "(idle)" {
            continue;
        }
        let joined = spans.last().is_some_and(|(_, end, _)| t - end < 1000.0);
        if !joined {
            spans.push((t, t, HashMap::new()));
        }
        let span = spans.last_mut().unwrap();
        span.1 = t;
        // The outermost frames of the app's own crates on this sample's stack.
        let mut at = Some(id);
        let mut app = Vec::new();
        while let Some(i) = at {
            let n = &name_of[&i];
            if n.contains("threat_atlas") || n.contains("atlas_core") {
                app.push(n.clone());
            }
            at = parent.get(&i).copied();
        }
        let top: Vec<String> = app.into_iter().rev().take(3).collect();
        *span.2.entry(top.join(" > ")).or_default() += d / 1000.0;
    }
    for (s, e, what) in spans.into_iter().filter(|(s, e, _)| e - s > 12_000.0) {
        let mut what: Vec<_> = what.into_iter().collect();
        what.sort_by(|a, b| b.1.total_cmp(&a.1));
        println!(
            "SPAN at {:>7.1} ms, {:>6.1} ms long",
            (s - start) / 1000.0,
            (e - s) / 1000.0
        );
        for (w, ms) in what.iter().take(6) {
            println!("SPAN     {ms:>6.1} ms  {}", &w[..w.len().min(260)]);
        }
    }
}

/// Prints what the browser's main thread spent, per switch, from DevTools' metrics.
fn metrics(before: &serde_json::Value, after: &serde_json::Value, n: f64) {
    let get = |m: &serde_json::Value, name: &str| {
        m["metrics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["name"] == name)
            .and_then(|x| x["value"].as_f64())
            .unwrap_or(0.0)
    };
    for name in [
        "TaskDuration",
        "ScriptDuration",
        "RecalcStyleDuration",
        "LayoutDuration",
        "RecalcStyleCount",
        "LayoutCount",
        "Nodes",
    ] {
        let d = get(after, name) - get(before, name);
        let per = if name.ends_with("Duration") {
            d * 1000.0 / n
        } else {
            d / n
        };
        println!(
            "METRIC {name}: {per:.2} per switch (now {})",
            get(after, name)
        );
    }
}

/// A function's name without its hash and file.
fn short(name: &str) -> String {
    let n = name.split(" [").next().unwrap_or(name);
    let n = match n.rfind("::h") {
        Some(i) if n[i + 3..].chars().all(|c| c.is_ascii_hexdigit()) => &n[..i],
        _ => n,
    };
    n.chars().take(150).collect()
}

/// Runs `js` with `args` under the CPU profiler and DevTools' metrics, prints both (metrics
/// divided by `per`, the number of repetitions the script makes) and returns its result.
async fn profiled(
    b: &Browser,
    what: &str,
    per: f64,
    js: &str,
    args: Vec<serde_json::Value>,
) -> serde_json::Value {
    let none = || serde_json::json!({});
    b.cdp("Profiler.enable", none()).await;
    b.cdp(
        "Profiler.setSamplingInterval",
        serde_json::json!({"interval": 50}),
    )
    .await;
    b.cdp("Performance.enable", none()).await;
    let before = b.cdp("Performance.getMetrics", none()).await;
    b.cdp("Profiler.start", none()).await;
    let result = b.client.execute_async(js, args).await.unwrap();
    let after = b.cdp("Performance.getMetrics", none()).await;
    let out = b.cdp("Profiler.stop", none()).await;
    metrics(&before, &after, per);
    report(what, &out["profile"]);
    result
}

/// Switches a text box between two texts, many times, each switch waiting for the page to
/// show it (`data-<attr>` of the element `target`) and a frame: a profile of one kind of
/// keystroke.
const SWITCH_JS: &str = r#"
const [a, b, box, target, attr, done] = arguments;
// The same text twice would never change the page: nothing to wait for.
if (a === b) { done('FROM and TO must differ'); return; }
const input = document.querySelector(box);
const list = document.querySelector(target);
const times = [];
(async () => {
  for (let k = 0; k < 40; k++) {
    const q = k % 2 ? a : b;
    const t0 = performance.now();
    await new Promise(res => {
      const obs = new MutationObserver(() => { if (list.getAttribute('data-' + attr) === q) { obs.disconnect(); res(); } });
      obs.observe(list, { attributes: true, attributeFilter: ['data-' + attr] });
      input.value = q;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await new Promise(r => { const c = new MessageChannel(); c.port1.onmessage = () => r(); c.port2.postMessage(0); });
    const t1 = performance.now();
    void document.body.offsetHeight;
    const t2 = performance.now();
    if (q === b) times.push([Math.round(t1 - t0), Math.round(t2 - t1)]);
    await new Promise(r => requestAnimationFrame(() => r()));
    await new Promise(r => requestAnimationFrame(() => r()));
  }
  done(times);
})();
"#;

/// One page's text box switched between FROM and TO (env; TO defaults to `to`), profiled:
/// the page at `path`, ready once `ready` is in it; `what` names the box, the element that
/// shows the text (`target`) and its `data-` attribute.
async fn switch(path: &str, ready: &str, to: &str, what: [&str; 3]) {
    let a = std::env::var("FROM").unwrap_or_default();
    let to = std::env::var("TO").unwrap_or_else(|_| to.into());
    let site = Site::start().await;
    let b = Browser::start().await;
    b.goto(&site.url(path)).await;
    b.find(ready).await;
    let [input, target, attr] = what;
    let t = profiled(
        &b,
        &format!("switch /{path}"),
        40.0,
        SWITCH_JS,
        vec![
            a.clone().into(),
            to.clone().into(),
            input.into(),
            target.into(),
            attr.into(),
        ],
    )
    .await;
    println!("PROFILE times {a:?} -> {to:?}: {t}");
    b.close().await;
}

/// The search box switched between two texts (env FROM, TO; "" and "L").
#[tokio::test]
#[ignore = "profile: run by hand"]
async fn profile_switch() {
    switch(
        "",
        "[data-testid=actor-card]",
        "L",
        ["#search-input", "[data-testid=results]", "query"],
    )
    .await;
}

/// The names matrix's filter switched between two texts (env FROM, TO; "" and "pa").
#[tokio::test]
#[ignore = "profile: run by hand"]
async fn profile_matrix_switch() {
    switch(
        "aliases",
        "[data-testid=matrix-row]",
        "pa",
        [
            "[data-testid=matrix-filter]",
            "[data-testid=matrix]",
            "filter",
        ],
    )
    .await;
}

#[tokio::test]
#[ignore = "profile: run by hand"]
async fn profile_keystrokes() {
    let site = Site::start().await;
    let b = Browser::start().await;
    b.goto(&site.base).await;
    b.find("[data-testid=actor-card]").await;
    let queries = serde_json::json!([
        "LuckyMouse",
        "TG-3390",
        "Judgment Panda",
        "sandworm",
        "panda"
    ]);
    // The benchmark's own typing, three rounds of these queries.
    profiled(
        &b,
        "keystrokes",
        1.0,
        &crate::bench::keystroke_js(),
        vec![queries],
    )
    .await;
    b.close().await;
}

#[tokio::test]
#[ignore = "profile: run by hand"]
async fn profile_timeline_with_2000_events() {
    let (_site, b) = crate::bench::home_with_many_events(2_000).await;
    let js = r#"const done = arguments[0];
        const t0 = performance.now();
        document.querySelector('a[href$="/timeline"]').click();
        const wait = () => document.querySelector('[data-testid=timeline-event]') ? done(performance.now() - t0) : requestAnimationFrame(wait);
        wait();"#;
    let t = profiled(&b, "timeline", 1.0, js, vec![]).await;
    println!("PROFILE timeline drawn after {t} ms");
    b.close().await;
}

/// An actor page's first visit (env PAGE, by default
/// `actor/apt31`): everything the app does from navigation to the links being in, profiled,
/// with the main thread's long tasks (over 12 ms, a quarter of Lighthouse's 50 ms, which it
/// scales by its 4× slower phone) listed by start and length.
#[tokio::test]
#[ignore = "profile: run by hand"]
async fn profile_boot() {
    let page = std::env::var("PAGE").unwrap_or_else(|_| "actor/apt31".into());
    let site = Site::start().await;
    let b = Browser::start().await;
    // A file of the same origin that is not a page (nothing of the app loads or is cached),
    // so the renderer the profiler attaches to stays for the page.
    b.goto_static(&site.url("icon.svg")).await;
    let js = r#"const [url, done] = arguments; setTimeout(() => { location.href = url; }, 0); done(true);"#;
    let none = || serde_json::json!({});
    b.cdp("Profiler.enable", none()).await;
    b.cdp(
        "Profiler.setSamplingInterval",
        serde_json::json!({"interval": 100}),
    )
    .await;
    b.cdp("Profiler.start", none()).await;
    b.client
        .execute_async(js, vec![site.url(&page).into()])
        .await
        .unwrap();
    b.find("main").await;
    println!("PROFILE at {}", b.client.current_url().await.unwrap());
    b.wait_for_app().await;
    // The links (refs.json) and anything after them.
    b.client
        .execute_async(
            "const done = arguments[0]; setTimeout(() => done(true), 1500);",
            vec![],
        )
        .await
        .unwrap();
    let out = b.cdp("Profiler.stop", none()).await;
    report(&format!("boot /{page}"), &out["profile"]);
    busy_spans(&out["profile"]);
    b.close().await;
}

/// The frames of a move from the home page to the timeline with 2,000 events, as the browser's
/// Long Animation Frames API reports them: for each frame over 20 ms, when its rendering
/// (style, layout, paint) began, and each script's share and the layout it forced. Tells the
/// work the CPU profile attributes to "(program)" apart. The DOM calls that took over half a
/// millisecond are listed with the stack that made them: a forced layout shows there (the
/// removal of the focused search box with the home page was one).
#[tokio::test]
#[ignore = "profile: run by hand"]
async fn profile_timeline_frames() {
    let (_site, b) = crate::bench::home_with_many_events(2_000).await;
    let js = r#"const done = arguments[0];
        const frames = [];
        const obs = new PerformanceObserver(l => frames.push(...l.getEntries()));
        obs.observe({ type: 'long-animation-frame' });
        // Each call of the DOM that can force a style or layout, timed: those over half a
        // millisecond, with the stack that made them, say where a forced layout comes from.
        const slow = [];
        const wrap = (proto, name) => {
          const d = Object.getOwnPropertyDescriptor(proto, name);
          if (!d) return;
          const timed = f => function (...args) {
            const s = performance.now();
            const r = f.apply(this, args);
            const t = performance.now() - s;
            if (t > 0.5) slow.push([name, t, new Error().stack.split('\n').slice(2, 7).join(' | ')]);
            return r;
          };
          if (d.get) Object.defineProperty(proto, name, { ...d, get: timed(d.get) });
          else if (typeof d.value === 'function') Object.defineProperty(proto, name, { ...d, value: timed(d.value) });
        };
        for (const n of ['getBoundingClientRect', 'clientWidth', 'clientHeight', 'offsetWidth', 'offsetHeight', 'scrollTop', 'scrollIntoView', 'remove', 'removeChild', 'insertBefore', 'appendChild', 'replaceChildren', 'focus', 'blur']) {
          wrap(Element.prototype, n); wrap(HTMLElement.prototype, n); wrap(Node.prototype, n); wrap(SVGElement.prototype, n);
        }
        for (const n of ['scrollTo', 'scroll', 'getComputedStyle', 'scrollY', 'scrollX', 'innerHeight', 'innerWidth']) wrap(Window.prototype, n), wrap(window, n);
        window.__slow = slow;
        const t0 = performance.now();
        document.querySelector('a[href$="/timeline"]').click();
        let n = 0;
        const wait = () => {
          if (document.querySelector('[data-testid=timeline-list-item]') && ++n > 10) {
            obs.disconnect();
            const tags = {};
            for (const el of document.querySelectorAll('main *')) tags[el.tagName] = (tags[el.tagName] || 0) + 1;
            console.log(JSON.stringify(tags));
            window.__tags = tags;
            done(frames.map(f => ({
              start: f.startTime - t0, duration: f.duration,
              render: f.renderStart ? f.renderStart - f.startTime : null,
              style: f.styleAndLayoutStart ? f.styleAndLayoutStart - f.startTime : null,
              scripts: f.scripts.map(s => [s.invoker, s.invokerType, s.startTime - f.startTime, s.duration, s.forcedStyleAndLayoutDuration]),
            })));
          } else requestAnimationFrame(wait);
        };
        requestAnimationFrame(wait);"#;
    if std::env::var("BLUR").is_ok() {
        b.client
            .execute("window.__BLUR = true", vec![])
            .await
            .unwrap();
    }
    let out = b.client.execute_async(js, vec![]).await.unwrap();
    let active = b
        .client
        .execute("return window.__active", vec![])
        .await
        .unwrap();
    println!("FRAME focus at the click: {active}");
    let tags = b
        .client
        .execute("return window.__tags", vec![])
        .await
        .unwrap();
    println!("FRAME elements in main: {tags}");
    let measures = b
        .client
        .execute(
            "return performance.getEntriesByType('measure').filter(m => m.name.startsWith('atlas-timeline')).map(m => [m.name, m.duration])",
            vec![],
        )
        .await
        .unwrap();
    println!("FRAME measures: {measures}");
    let slow = b
        .client
        .execute("return window.__slow", vec![])
        .await
        .unwrap();
    for call in slow.as_array().into_iter().flatten() {
        println!("FRAME slow call {call}");
    }
    for f in out.as_array().unwrap() {
        println!(
            "FRAME at {:>6.1} ms: {:>6.1} ms long, rendering from {:>6.1}, style and layout from {:>6.1}",
            f["start"].as_f64().unwrap_or(0.0),
            f["duration"].as_f64().unwrap_or(0.0),
            f["render"].as_f64().unwrap_or(-1.0),
            f["style"].as_f64().unwrap_or(-1.0)
        );
        for s in f["scripts"].as_array().unwrap() {
            println!("FRAME   script {s}");
        }
    }
    b.close().await;
}
