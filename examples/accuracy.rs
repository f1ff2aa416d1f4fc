//! Accuracy benchmark: the estimate of every published Dockerfile in
//! `tests/fixtures/cases.jsonl` against its measured size, and for every "before"
//! case the best suggestion against the published "after" sizes of the same app.
//!
//!     cargo run --release --example accuracy

use slimfile::engine::{self, Assumptions};

mod common;
use common::percentile;

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "tests/fixtures/cases.jsonl".into());
    let text = std::fs::read_to_string(&path).expect("cases file");
    let cases: Vec<serde_json::Value> = text
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    let a = Assumptions::default();
    let mut errors = Vec::new();
    // Cases whose published size lies within the estimate's low–high range.
    let mut inside = 0;
    // c8d: the containerd image store's DISK USAGE (unpacked + compressed), for cases
    // measured on a fresh Docker Engine 29+ or Desktop 4.34+; the statistics use the
    // classic figure, which is what the cases say they measured, except for cases whose
    // `size_store` says they recorded the containerd store's DISK USAGE (marked `c8d`).
    println!(
        "{:<44} {:>10} {:>10} {:>8}  {:>5}  {:>8}  {:>5}  basis",
        "case", "published", "estimate", "error", "n/e", "c8d err", "range"
    );
    for c in &cases {
        let id = c["id"].as_str().unwrap_or("?");
        let mb = c["reported_size_mb"].as_f64().unwrap_or(0.0);
        // Base images as they were when the article measured them.
        let mut a = a.clone();
        a.as_of = case_date(c["date"].as_str().unwrap_or(""));
        // A multi-target file measured at one `docker build --target`.
        a.target = c["target"].as_str().map(str::to_string);
        let an = engine::analyze(c["dockerfile"].as_str().unwrap_or(""), &a);
        let c8d_case = c["size_store"] == "containerd";
        let est = if c8d_case {
            an.before.containerd_disk_usage().0 as f64 / 1e6
        } else {
            an.before.bytes as f64 / 1e6
        };
        let err = (est - mb) / mb;
        errors.push(err.abs());
        let (low, high) = if c8d_case {
            let (_, lo, hi) = an.before.containerd_disk_usage();
            (lo, hi)
        } else {
            (an.before.low, an.before.high)
        };
        // `docker images` prints three significant digits ("5.6MB", "1.14GB"), so the
        // published figure stands for anything that rounds to it: half a unit of the
        // third digit either side. Other kinds of figure are taken as exact.
        let half_digit = if c["size_kind"]
            .as_str()
            .is_some_and(|k| k.starts_with("docker images"))
            && mb > 0.0
        {
            0.5 * 10f64.powf(mb.log10().floor() - 2.0) * 1e6
        } else {
            0.0
        };
        let published_low = ((mb * 1e6) - half_digit).max(0.0).round() as u64;
        let published_high = ((mb * 1e6) + half_digit).round() as u64;
        inside += usize::from(published_high >= low && published_low <= high);
        // Where the published size falls: in the range, or below/above it.
        let place = if published_high < low {
            "below"
        } else if published_low > high {
            "above"
        } else {
            "in"
        };
        let base = an
            .before
            .layers
            .first()
            .map(|l| l.basis.chars().take(60).collect::<String>())
            .unwrap_or_default();
        let c8d = an.before.containerd_disk_usage().0 as f64 / 1e6;
        let id = if c8d_case {
            format!("{id} (c8d)")
        } else {
            id.to_string()
        };
        println!(
            "{id:<44} {mb:>8.2}MB {est:>8.2}MB {:>+7.1}%  {:>5}  {:>+7.1}%  {place:>5}  {base}",
            err * 100.0,
            an.before.unestimated,
            (c8d - mb) / mb * 100.0
        );
    }
    errors.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    println!(
        "\nestimate vs published, {} cases: median |error| {:.1}%, p90 {:.1}%  (targets: median <= 10%, p90 <= 25%)",
        errors.len(),
        percentile(&errors, 50.0) * 100.0,
        percentile(&errors, 90.0) * 100.0
    );
    println!(
        "published size (± its display precision) inside the estimate's low–high range: {inside} of {}",
        errors.len()
    );
    oracle(&a);

    println!(
        "\nbest suggestion for each 'before' case vs the published 'after' sizes of the same app"
    );
    for c in cases.iter().filter(|c| c["variant"] == "before") {
        let id = c["id"].as_str().unwrap_or("?");
        let pair = &c["pair_id"];
        let afters: Vec<String> = cases
            .iter()
            // A case without a pair_id has no published "after" of the same app.
            .filter(|o| !pair.is_null() && &o["pair_id"] == pair && o["variant"] == "after")
            .map(|o| {
                format!(
                    "{} {:.2} MB",
                    o["id"].as_str().unwrap_or("?"),
                    o["reported_size_mb"].as_f64().unwrap_or(0.0)
                )
            })
            .collect();
        let afters = if afters.is_empty() {
            "none".to_string()
        } else {
            afters.join(", ")
        };
        let an = engine::analyze(c["dockerfile"].as_str().unwrap_or(""), &a);
        let best = an.rewrites.iter().min_by_key(|r| r.bytes);
        match best {
            Some(r) => println!(
                "{id:<44} best: {} {:.2} MB   published afters: {}",
                r.kind,
                r.bytes as f64 / 1e6,
                afters
            ),
            None => println!("{id:<44} no suggestion   published afters: {}", afters),
        }
    }
}

/// Real builds (bench/oracle/results.tsv, made with shared/tools/image-oracle) against
/// the estimate, layer by layer.
fn oracle(a: &Assumptions) {
    let Ok(results) = std::fs::read_to_string("bench/oracle/results.tsv") else {
        println!("\n(no bench/oracle/results.tsv: run bench/oracle/run.sh)");
        return;
    };
    println!("\nreal builds (buildah, bookworm-slim) vs estimate, per layer");
    let mut errs = Vec::new();
    let mut context_layers = 0;
    for line in results.lines().skip(1) {
        let c: Vec<&str> = line.split('\t').collect();
        if c.len() < 3 {
            continue;
        }
        let Ok(real) = c[2].parse::<f64>() else {
            continue;
        };
        let Ok(df) = std::fs::read_to_string(format!("bench/oracle/{}/Dockerfile", c[0])) else {
            continue;
        };
        let e = engine::estimate_text(&df, a);
        // The builder makes layers only for steps that change files.
        let layer = c[1].parse::<usize>().ok().and_then(|i| {
            e.layers
                .iter()
                .filter(|l| l.kind != slimfile::engine::estimate::LayerKind::Metadata)
                .nth(i)
        });
        let est = match (c[1], layer) {
            ("total", _) => e.bytes as f64,
            (_, Some(l)) => l.bytes as f64,
            _ => continue,
        };
        // A file of the build context: its size is the user's to state (Assumptions),
        // not the model's; counted apart.
        let context = layer.is_some_and(|l| {
            l.kind == slimfile::engine::estimate::LayerKind::Files
                && df
                    .lines()
                    .nth(l.line.saturating_sub(1))
                    .is_some_and(|t| t.starts_with("COPY") && !t.contains("--from"))
        });
        if real < 1.0 {
            println!(
                "{:<34} {:>5} real {:>12.0} est {:>12.0}",
                c[0], c[1], real, est
            );
            continue;
        }
        let err = (est - real) / real;
        if c[1] != "0" && c[1] != "total" {
            if context {
                context_layers += 1;
            } else {
                errs.push(err.abs());
            }
        }
        println!(
            "{:<34} {:>5} real {:>12.0} est {:>12.0} {:>+7.1}%{}",
            c[0],
            c[1],
            real,
            est,
            err * 100.0,
            if context {
                "  (build-context file: default size)"
            } else {
                ""
            }
        );
    }
    errs.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    let within = errs.iter().filter(|e| **e <= 0.05).count();
    println!(
        "added layers: {} of {} within 5 %, median |error| {:.1}% ({} more copy a build-context file, whose size is an assumption)",
        within,
        errs.len(),
        percentile(&errs, 50.0) * 100.0,
        context_layers
    );
}

/// `2020-02/2020-03 (repo commit …)` → `2020-02`; `2025 (…)` → `2025`; `~2018-2019` →
/// `2018`; `c. 2022 (…)` → `2022`: the first year (with its month) the text names;
/// `unknown` → None.
fn case_date(d: &str) -> Option<String> {
    let start = d
        .char_indices()
        .find(|&(i, c)| {
            c.is_ascii_digit()
                && d[i..].chars().take(4).filter(char::is_ascii_digit).count() == 4
                && d[..i]
                    .chars()
                    .last()
                    .is_none_or(|p| !p.is_ascii_alphanumeric())
        })
        .map_or(d.len(), |(i, _)| i);
    let lead: String = d[start..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '-')
        .collect();
    let lead = lead.trim_end_matches('-');
    // A span of years (`2018-2019`) is dated by its first.
    let lead = match lead.split_once('-') {
        Some((y, rest)) if rest.len() == 4 => y,
        _ => lead,
    };
    engine::sizes::is_build_date(lead).then(|| lead.to_string())
}
