//! Alpine installs against published `apk add` outputs (`data/apk/closures.tsv`, as the
//! engine reads them: `sizes::apk::closures`): for each, the closure apk reported,
//! Slimfile's estimate of the same `apk add` on the same release (the Alpine table, then the
//! Debian-equivalent approximation for what it lacks), the same with that closure left out,
//! and the bare Debian-equivalent pricing of every package named (the approximation alone,
//! before `facts::APK_PER_DEBIAN` scales it). The ratio's median and p10–p90 over the
//! installs whose named packages all have a Debian equivalent pricing at least 1 MB are
//! `facts::APK_PER_DEBIAN`.
//!
//!     cargo run --release --example apk_closures

mod common;

use common::percentile;
use slimfile::engine::sizes::{apk, apt};
use slimfile::engine::{self, Assumptions};

fn words(ws: &[&str]) -> Vec<String> {
    ws.iter().map(|w| w.to_string()).collect()
}

fn main() {
    let mut ratios = Vec::new();
    let mut errors = Vec::new();
    let mut loo_errors = Vec::new();
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
    for (row, c) in apk::closures().iter().enumerate() {
        let truth = c.bytes as f64;
        let (packages, earlier) = (c.packages.join(" "), c.earlier.join(" "));
        // Slimfile's estimate of the same step on the same release.
        let mut df = format!("FROM alpine:{}\n", c.alpine);
        if !earlier.is_empty() {
            df.push_str(&format!("RUN apk add --no-cache {earlier}\n"));
        }
        df.push_str(&format!("RUN apk add --no-cache {packages}\n"));
        let layer = |df: &str| {
            let an = engine::analyze(df, &Assumptions::default());
            an.before.layers.last().map_or(0, |l| l.bytes) as f64
        };
        let est = layer(&df);
        // The same without this install's own published closure: how the rest predicts it.
        apk::exclude_closure(Some(row));
        let loo = layer(&df);
        apk::exclude_closure(None);
        loo_errors.push(((loo - truth) / truth).abs());
        // Every package priced through its Debian equivalent, onto the earlier ones'.
        let mut present = apt::base_set();
        apk::debian_priced(&words(&c.earlier), &mut present);
        let d = apk::debian_priced(&words(&c.packages), &mut present);
        let ratio = truth / d.bytes.max(1) as f64;
        // Only a clean comparison counts: every named package has a Debian equivalent, and
        // they add something (a closure the Debian side prices at nothing has no ratio).
        if d.unknown.is_empty() && d.bytes >= 1_000_000 {
            ratios.push(ratio);
        }
        errors.push(((est - truth) / truth).abs());
        println!(
            "{packages:<44} {:>6} {:>7.1}MB {:>7.1}MB {:>+6.0}% {:>7.1}MB {:>+6.0}% {:>7.1}MB {ratio:>7.2}{}",
            c.alpine,
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
        "Alpine/Debian-equivalent over {} installs: {}",
        ratios.len(),
        common::spread(&ratios)
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
