//! Browser measurements for `make bench`. Ignored by `make test`: speed is measured and
//! reported, not asserted.

use std::time::Instant;

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

#[tokio::test]
#[ignore = "benchmark: run with `make bench`"]
async fn bench_dataset_parse_and_first_render() {
    let site = Site::start().await;
    let b = Browser::start().await;
    let mut parse = Vec::new();
    let mut list = Vec::new();
    for _ in 0..RUNS {
        b.goto(&site.url("about")).await;
        let ms = b
            .find("[data-testid=parse-time]")
            .await
            .attr("data-parse-ms")
            .await
            .unwrap()
            .unwrap();
        parse.push(ms.parse::<f64>().unwrap());
        let started = Instant::now();
        b.goto(&site.base).await;
        b.find("[data-testid=actor-card]").await;
        list.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    println!(
        "BENCH browser: dataset parse (atlas_core::parse, in wasm): {}",
        summary(parse)
    );
    println!(
        "BENCH browser: home page load to first result cards (navigation, fetch, parse, index, render): {}",
        summary(list)
    );
    b.close().await;
}
