//! Alpine installs against published `apk add` outputs (`data/apk/closures.tsv`): for each,
//! the closure apk reported, Slimfile's estimate of the same `apk add` on the same release
//! (the Alpine table, then the Debian-equivalent approximation for what it lacks), and the
//! bare Debian-equivalent pricing of every package named (the approximation alone, before
//! `facts::APK_PER_DEBIAN` scales it). The ratio's median and p10–p90 over these installs
//! are `facts::APK_PER_DEBIAN`.
//!
//!     cargo run --release --example apk_closures

use slimfile::engine::sizes::{self, apk, apt};
use slimfile::engine::{self, Assumptions};

const MIB: f64 = 1_048_576.0;

fn mib(text: &str) -> Option<f64> {
    text.strip_suffix(" MiB")?
        .parse::<f64>()
        .ok()
        .map(|m| m * MIB)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let rank = (p / 100.0 * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

fn words(s: &str) -> Vec<String> {
    s.split_whitespace().map(str::to_string).collect()
}

fn main() {
    let text = std::fs::read_to_string("data/apk/closures.tsv").expect("data/apk/closures.tsv");
    let mut ratios = Vec::new();
    let mut errors = Vec::new();
    println!(
        "{:<44} {:>6} {:>9} {:>9} {:>7} {:>9} {:>7} {:>9} {:>7}",
        "apk add",
        "alpine",
        "apk said",
        "estimate",
        "error",
        "left out",
        "error",
        "debian",
        "ratio"
    );
    let rows = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("packages\t"));
    let mut loo_errors = Vec::new();
    for (row, line) in rows.enumerate() {
        let c: Vec<&str> = line.split('\t').collect();
        let [packages, release, earlier, before, after, ..] = c[..] else {
            continue;
        };
        let base = || {
            let r = sizes::parse_image_ref(&format!("alpine:{release}"))?;
            sizes::lookup_base(&r).map(|m| m.bytes as f64)
        };
        let before = if before == "bare" {
            base()
        } else {
            mib(before)
        };
        let (Some(before), Some(after)) = (before, mib(after)) else {
            continue;
        };
        let truth = after - before;
        // Slimfile's estimate of the same step on the same release.
        let mut df = format!("FROM alpine:{release}\n");
        if !earlier.is_empty() {
            df.push_str(&format!("RUN apk add --no-cache {earlier}\n"));
        }
        df.push_str(&format!("RUN apk add --no-cache {packages}\n"));
        let an = engine::analyze(&df, &Assumptions::default());
        let est = an.before.layers.last().map_or(0, |l| l.bytes) as f64;
        // The same without this install's own published closure: how the rest predicts it.
        apk::exclude_closure(Some(row));
        let loo = engine::analyze(&df, &Assumptions::default());
        apk::exclude_closure(None);
        let loo = loo.before.layers.last().map_or(0, |l| l.bytes) as f64;
        loo_errors.push(((loo - truth) / truth).abs());
        // Every package priced through its Debian equivalent, onto the earlier ones'.
        let mut present = apt::base_set();
        apk::debian_priced(&words(earlier), &mut present);
        let d = apk::debian_priced(&words(packages), &mut present);
        let ratio = truth / d.bytes.max(1) as f64;
        ratios.push(ratio);
        errors.push(((est - truth) / truth).abs());
        println!(
            "{packages:<44} {release:>6} {:>7.1}MB {:>7.1}MB {:>+6.0}% {:>7.1}MB {:>+6.0}% {:>7.1}MB {ratio:>7.2}{}",
            truth / 1e6,
            est / 1e6,
            (est - truth) / truth * 100.0,
            loo / 1e6,
            (loo - truth) / truth * 100.0,
            d.bytes as f64 / 1e6,
            if d.unknown.is_empty() {
                String::new()
            } else {
                format!("  (no Debian equivalent: {})", d.unknown.join(" "))
            }
        );
    }
    ratios.sort_by(f64::total_cmp);
    errors.sort_by(f64::total_cmp);
    loo_errors.sort_by(f64::total_cmp);
    println!(
        "Alpine/Debian-equivalent over {} installs: p10 {:.2}, p25 {:.2}, median {:.2}, p75 {:.2}, p90 {:.2}",
        ratios.len(),
        percentile(&ratios, 10.0),
        percentile(&ratios, 25.0),
        percentile(&ratios, 50.0),
        percentile(&ratios, 75.0),
        percentile(&ratios, 90.0)
    );
    println!(
        "Slimfile's estimate vs apk's figure: median |error| {:.0}%, p90 {:.0}%",
        percentile(&errors, 50.0) * 100.0,
        percentile(&errors, 90.0) * 100.0
    );
    println!(
        "leaving each install's own closure out: median |error| {:.0}%, p90 {:.0}%",
        percentile(&loo_errors, 50.0) * 100.0,
        percentile(&loo_errors, 90.0) * 100.0
    );
}
