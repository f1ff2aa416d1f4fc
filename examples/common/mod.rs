//! Helpers the benchmark examples share.

/// The `p`th percentile of a sorted slice (nearest rank); NaN when it is empty.
pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = (p / 100.0 * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

/// `p10 …, p25 …, median …, p75 …, p90 …` of a sorted slice of ratios.
#[allow(dead_code)] // not every example prints a spread
pub fn spread(sorted: &[f64]) -> String {
    format!(
        "p10 {:.2}, p25 {:.2}, median {:.2}, p75 {:.2}, p90 {:.2}",
        percentile(sorted, 10.0),
        percentile(sorted, 25.0),
        percentile(sorted, 50.0),
        percentile(sorted, 75.0),
        percentile(sorted, 90.0)
    )
}
