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
enum RustStripSetting {
    None,
    Debuginfo,
    Symbols,
}

fn rust_strip_setting(rustflags: &str, profile: Option<&String>) -> Option<RustStripSetting> {
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

/// `cargo build`/`cargo install`: the binary (by profile, dependencies and strip), target/ and
/// the registry.
pub(super) fn cargo_build_step(cx: &Cx, st: &mut StageState, run: &mut Run) {
    let Cx { a, c, env, sc, .. } = *cx;
    let cmds = &sc.cmds;
    run.modelled += 1;
    let install = c.is("cargo", &["install"]);
    let profile = c.cargo_profile();
    let dev = profile == "debug";
    let target = c.option(&["--target"]).unwrap_or("");
    let rustflags = env.get("RUSTFLAGS").cloned().unwrap_or_default();
    let musl = target.contains("musl") || (target.is_empty() && st.musl);
    let (mut default, kind) = if musl {
        (facts::RUST_BINARY_MUSL, "static musl")
    } else if rustflags.contains("crt-static") {
        (facts::RUST_BINARY_GLIBC_STATIC, "static glibc")
    } else {
        (facts::RUST_BINARY, "glibc, dynamic")
    };
    let mut kind = kind.to_string();
    // Cargo.lock copied on its own (to cache the dependencies' build): a program
    // with dependencies, so the starters' binary; a dev build, the dev profile's.
    // Either plus what static linking adds.
    let deps = st.copied.iter().any(|f| f == "Cargo.lock");
    let program = match (dev, deps) {
        (false, true) => Some(facts::RUST_STARTER_BINARY),
        (true, false) => Some(facts::RUST_BINARY_DEBUG),
        (true, true) => Some(facts::RUST_STARTER_BINARY_DEBUG),
        (false, false) => None,
    };
    if let Some(s) = program {
        let libc = default.bytes.saturating_sub(facts::RUST_BINARY.bytes);
        default = Fact {
            bytes: s.bytes + libc,
            low: s.low + libc,
            high: default.high.max(s.high),
            source: s.source,
        };
    }
    if dev {
        kind.push_str("; dev profile, with debuginfo, unoptimised");
    }
    // The standard library's debuginfo, which release builds kept before Rust 1.77:
    // by the toolchain's age, unless the Dockerfile sets the profile's `strip`
    // (CARGO_PROFILE_RELEASE_STRIP) or RUSTFLAGS strips (`-C strip=…`,
    // `-C link-arg=-s`).
    let strip = if dev {
        None
    } else {
        rust_strip_setting(&rustflags, env.get("CARGO_PROFILE_RELEASE_STRIP"))
    };
    let d = facts::RUST_STD_DEBUGINFO;
    let mut with_debuginfo = false;
    let mut symbols_stripped = false;
    match (strip, st.rust_strip) {
        (Some(RustStripSetting::None), _) | (None, RustStrip::Never) => {
            with_debuginfo = !dev;
        }
        (Some(RustStripSetting::Symbols), _) => symbols_stripped = true,
        (None, RustStrip::IfCargoTomlSays) if !dev => {
            default.high += d;
            kind.push_str(&format!(
                "; Rust 1.59–1.76 kept the standard library's debuginfo, +{}, unless Cargo.toml sets `strip` (in the range)",
                fmt_bytes(d)
            ));
        }
        _ => {}
    }
    if with_debuginfo {
        default.bytes += d;
        default.low += d;
        default.high += d;
        kind.push_str(&format!(
            "; {}: the standard library's debuginfo, +{}",
            if strip.is_some() {
                "strip = \"none\" kept"
            } else {
                "Rust before 1.59 kept"
            },
            fmt_bytes(d)
        ));
    }
    if symbols_stripped {
        let (num, den, _) = RUST_STRIPPED;
        let share = |b: u64| strip_kept(b, 0, num, den);
        default.bytes = share(default.bytes);
        default.low = share(default.low);
        kind.push_str("; its symbols stripped as the build is told");
    }
    let (f, src) = assumed_artifact(a, default);
    let with_debuginfo = with_debuginfo && a.artifact_bytes.is_none();
    let symbols_stripped = symbols_stripped && a.artifact_bytes.is_none();
    run.total = add(run.total, f);
    run.basis.push(format!(
        "Rust binary {} ({kind}; {src})",
        fmt_bytes(f.bytes)
    ));
    let out = if install {
        "/usr/local/cargo/bin/*".to_string()
    } else if target.is_empty() {
        join_path(&st.workdir, &format!("target/{profile}/*"))
    } else {
        join_path(&st.workdir, &format!("target/{target}/{profile}/*"))
    };
    st.add_artifact(Artifact {
        made_by: 0,
        either: false,
        path: out,
        size: f,
        basis: if dev {
            format!("Rust dev-profile binary ({src})")
        } else if with_debuginfo {
            format!("Rust binary with the standard library's debuginfo ({src})")
        } else if symbols_stripped {
            format!("Rust binary ({src}), stripped")
        } else {
            format!("Rust binary ({src})")
        },
    });
    let target_cleaned = sc.removed(&join_path(&st.workdir, "target"))
        || cmds.iter().any(|o| o.is("cargo", &["clean"]));
    if !st.rust_target
        && !sc.cache_mounted("target")
        && !c.is("cargo", &["install"])
        && !target_cleaned
    {
        st.rust_target = true;
        let t = if dev {
            facts::RUST_TARGET_DIR_DEBUG
        } else {
            facts::RUST_TARGET_DIR
        };
        run.total = add(run.total, t);
        run.basis.push(format!(
            "target/ {} by default, range {}–{} ({})",
            fmt_bytes(t.bytes),
            fmt_bytes(t.low),
            fmt_bytes(t.high),
            t.source
        ));
    }
    if !st.rust_registry
        && !sc.cache_mounted("registry")
        && !sc.removed(&join_path(
            st.env
                .get("CARGO_HOME")
                .map_or("/usr/local/cargo", |h| h.as_str()),
            "registry",
        ))
    {
        st.rust_registry = true;
        let (f, what) = match a.dependencies_bytes {
            Some(b) => (fact(b, b, b), "your assumption".to_string()),
            None => {
                let r = facts::RUST_REGISTRY;
                note_default(|x| &mut x.dependencies, r.bytes);
                (
                    r,
                    format!(
                        "by default, range {}–{} ({}; {DEPS_HINT})",
                        fmt_bytes(r.low),
                        fmt_bytes(r.high),
                        r.source
                    ),
                )
            }
        };
        run.total = add(run.total, f);
        run.basis.push(format!(
            "Cargo registry /usr/local/cargo/registry {} {what}",
            fmt_bytes(f.bytes)
        ));
    }
}
