//! Cargo: how a release binary is stripped, and target paths.

use super::*;

/// What a Rust toolchain's release profile does with the debuginfo the standard library
/// ships with (Cargo's changelog: `strip` in profiles stable in 1.59, 2022-02-24;
/// `strip = "debuginfo"` the release default from 1.77, 2024-03-21).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) enum RustStrip {
    /// Rust 1.77 and later: release builds drop it.
    #[default]
    ByDefault,
    /// Rust 1.59–1.76: kept, unless Cargo.toml sets `strip`, which the Dockerfile doesn't
    /// show.
    IfCargoTomlSays,
    /// Before Rust 1.59: kept; Cargo had no `strip` setting.
    Never,
}

/// What a Dockerfile tells a Rust release build to strip: Cargo's profile setting
/// (CARGO_PROFILE_RELEASE_STRIP: `none`/`false`, `debuginfo`, `symbols`/`true`) or rustc's
/// flag in RUSTFLAGS (`-C strip=…`, or the linker's `-s`), which wins.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum RustStripSetting {
    None,
    Debuginfo,
    Symbols,
}

pub(super) fn rust_strip_setting(
    rustflags: &str,
    profile: Option<&String>,
) -> Option<RustStripSetting> {
    let read = |v: &str| match v.trim_matches(|c| c == '"' || c == '\'') {
        "none" | "false" | "n" | "no" | "off" => Some(RustStripSetting::None),
        "debuginfo" => Some(RustStripSetting::Debuginfo),
        "symbols" | "true" | "y" | "yes" | "on" => Some(RustStripSetting::Symbols),
        _ => None,
    };
    let words: Vec<&str> = rustflags.split_whitespace().collect();
    let mut flag = None;
    for (k, w) in words.iter().enumerate() {
        let opt = match *w {
            "-C" | "--codegen" => words.get(k + 1).copied().unwrap_or(""),
            w => w
                .strip_prefix("-C")
                .or_else(|| w.strip_prefix("--codegen="))
                .unwrap_or(""),
        };
        if let Some(v) = opt.strip_prefix("strip=") {
            flag = read(v).or(flag);
        } else if opt == "link-arg=-s" || opt == "link-args=-s" {
            flag = Some(RustStripSetting::Symbols);
        }
    }
    flag.or_else(|| profile.and_then(|v| read(v)))
}

/// The Rust release a base names (`rust:1.70-slim`, `clux/muslrust:1.57.0`), else the
/// one current at the end of the period the estimate is made as of (as base images are
/// looked up); without either, today's.
pub(super) fn rust_strip_of(image: &str, as_of: Option<&str>) -> RustStrip {
    let by_version = |minor: u32| match minor {
        0..=58 => RustStrip::Never,
        59..=76 => RustStrip::IfCargoTomlSays,
        _ => RustStrip::ByDefault,
    };
    if let Some(r) = sizes::parse_image_ref(image).filter(|r| {
        r.name
            .rsplit('/')
            .next()
            .is_some_and(|n| n.contains("rust"))
    }) {
        let minor = r
            .tag
            .strip_prefix("1.")
            .and_then(|r| r.split(|c: char| !c.is_ascii_digit()).next())
            .and_then(|m| m.parse().ok());
        if let Some(m) = minor {
            return by_version(m);
        }
    }
    let Some(d) = as_of else {
        return RustStrip::ByDefault;
    };
    let d = sizes::base::end_of_period(d);
    if d.as_str() < "2022-02-24" {
        RustStrip::Never
    } else if d.as_str() < "2024-03-21" {
        RustStrip::IfCargoTomlSays
    } else {
        RustStrip::ByDefault
    }
}

/// `/app/target/x86_64-unknown-linux-musl/release/x` → `/app/target/release/x`.
pub(super) fn strip_cargo_triple(path: &str) -> Option<String> {
    let parts: Vec<&str> = path.split('/').collect();
    let i = parts.iter().position(|p| *p == "target")?;
    let (triple, profile) = (parts.get(i + 1)?, parts.get(i + 2)?);
    if triple.matches('-').count() >= 2 && matches!(*profile, "release" | "debug") {
        let mut out = parts.clone();
        out.remove(i + 1);
        Some(out.join("/"))
    } else {
        None
    }
}
