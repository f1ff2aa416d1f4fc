//! `strip` and `upx` on a binary an earlier command built.

use super::*;

/// Stripped to unstripped, measured (data/MEASURED.md): a Go net/http server (`strip` or
/// `-ldflags "-s -w"`) and a Rust release hello world, with the measurement named.
pub(super) const GO_STRIPPED: (u64, u64, &str) = (
    4_505_600,
    6_516_845,
    "measured: a Go net/http server, 4,505,600 of 6,516,845 B",
);
pub(super) const RUST_STRIPPED: (u64, u64, &str) = (
    343_408,
    445_904,
    "measured: a Rust release hello world, 343,408 of 445,904 B",
);

/// A Rust dev-profile binary: the median starter's (axum), 3,008,424 of 26,997,584 B.
const RUST_DEBUG_STRIPPED: (u64, u64, &str) = (
    3_008_424,
    26_997_584,
    "measured: a Rust starter's dev-profile binary, 3,008,424 of 26,997,584 B",
);

/// What stripping keeps of `b` bytes: `minus` taken off outright, then `num`/`den` of the
/// rest. u128: the ratio's terms are millions, and a user's size may reach the 1 PB cap,
/// whose product with them overflows u64.
pub(super) fn strip_kept(b: u64, minus: u64, num: u64, den: u64) -> u64 {
    (b.saturating_sub(minus) as u128 * num as u128 / den.max(1) as u128) as u64
}

/// What `strip` keeps of a binary the estimate built, by its artifact's basis: the bytes it
/// removes outright (the standard library's debuginfo an older Cargo left), then the
/// measured share of the rest.
pub(super) fn strip_ratio(basis: &str) -> Option<(u64, u64, u64, &'static str)> {
    let ((num, den, what), minus) = if basis.starts_with("Go binary") {
        (GO_STRIPPED, 0)
    } else if basis.starts_with("Rust binary with the standard library's debuginfo") {
        (RUST_STRIPPED, facts::RUST_STD_DEBUGINFO)
    } else if basis.starts_with("Rust binary") {
        (RUST_STRIPPED, 0)
    } else if basis.starts_with("Rust dev-profile binary") {
        (RUST_DEBUG_STRIPPED, 0)
    } else {
        return None;
    };
    Some((minus, num, den, what))
}
