//! `dnf`/`yum` installs against published transaction summaries (`data/rpm/transactions.tsv`):
//! the installed size dnf reported, and the Debian closure Slimfile prices the same packages
//! with (`sizes::rpm::install`). The ratio's median and p10–p90 are `facts::RPM_PER_DEBIAN`.
//!
//!     cargo run --release --example rpm_transactions

use slimfile::engine::sizes::{apt, rpm};

mod common;

/// dnf's sizes: `48 M`, `392 k`, `1.1 G` (1024 multiples).
fn size(text: &str) -> Option<f64> {
    let (n, unit) = text.split_once(' ')?;
    let n: f64 = n.parse().ok()?;
    let m = match unit {
        "k" => 1024.0,
        "M" => 1_048_576.0,
        "G" => 1_073_741_824.0,
        _ => return None,
    };
    Some(n * m)
}

/// The packages an `install` command names.
fn packages(cmd: &str) -> Vec<String> {
    cmd.split_whitespace()
        .skip_while(|w| *w != "install")
        .skip(1)
        .filter(|w| !w.starts_with('-'))
        .map(str::to_string)
        .collect()
}

fn main() {
    let text =
        std::fs::read_to_string("data/rpm/transactions.tsv").expect("data/rpm/transactions.tsv");
    let mut ratios = Vec::new();
    println!(
        "{:<18} {:<40} {:>10} {:>10} {:>7}",
        "image", "command", "dnf said", "debian", "ratio"
    );
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("image\t"))
    {
        let c: Vec<&str> = line.split('\t').collect();
        let [image, command, earlier, installed, ..] = c[..] else {
            continue;
        };
        let Some(truth) = size(installed) else {
            continue;
        };
        let mut present = apt::base_set();
        let before: Vec<String> = earlier.split_whitespace().map(str::to_string).collect();
        rpm::install(&before, &mut present);
        let d = rpm::install(&packages(command), &mut present);
        let ratio = truth / d.bytes.max(1) as f64;
        // A package without a Debian equivalent is not priced: the ratio says nothing.
        if d.unknown.is_empty() {
            ratios.push(ratio);
        }
        println!(
            "{image:<18} {command:<40} {:>8.1}MB {:>8.1}MB {ratio:>7.2}{}",
            truth / 1e6,
            d.bytes as f64 / 1e6,
            if d.unknown.is_empty() {
                String::new()
            } else {
                format!(
                    "  (no Debian equivalent: {}; left out)",
                    d.unknown.join(" ")
                )
            }
        );
    }
    ratios.sort_by(f64::total_cmp);
    println!(
        "installed/Debian closure over {} transactions: {}",
        ratios.len(),
        common::spread(&ratios)
    );
}
