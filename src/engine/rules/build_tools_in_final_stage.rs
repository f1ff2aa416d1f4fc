//! SF015 `build_tools_in_final_stage`.
//!
//! ## What it does
//! Checks the stages that reach the image (the last stage and the stages it is
//! built `FROM`) for build tools:
//! - a `RUN` that installs compilers, SDKs or headers with apt, apk, dnf/yum:
//!   `gcc`, `g++`, `clang`, `build-essential`, `build-base`, `make`, `cmake`,
//!   `autoconf`, `libtool`, `pkg-config`, `musl-dev`, `linux-headers`, any `*-dev`
//!   or `*-devel` package, … — unless the same `RUN` removes them again
//!   (`apt-get purge`, `apk del` of them or of their `--virtual` group, or the
//!   `apt-mark auto` + `apt-get purge --auto-remove` pattern);
//! - a final image built on a toolchain or SDK image: `golang`, `rust`, `gcc`,
//!   `buildpack-deps`, `maven`, `gradle`, a JDK (`eclipse-temurin`, `openjdk` not
//!   `-jre`), `mcr.microsoft.com/dotnet/sdk`. The full `node` and `python` images
//!   (which carry compilers too) are reported by SF016.
//!
//! ## Why is this bad?
//! Compilers, headers and SDKs are needed to build, not to run: they are often the
//! larger part of the image and widen its attack surface. A multi-stage build
//! compiles in a builder stage and copies only the result onto a runtime image.
//!
//! ## Example
//! ```dockerfile
//! FROM python:3.12-slim
//! RUN apt-get update && apt-get install -y gcc libpq-dev && rm -rf /var/lib/apt/lists/*
//! RUN pip install --no-cache-dir psycopg2
//! ```
//!
//! ## Use instead
//! Build the wheels in a builder stage that has the compilers, and install them in
//! a final stage that does not (the Suggestions panel proposes the rewrite).
//!
//! ## Savings
//! Packages: the size model re-estimates the Dockerfile without the build-tool
//! packages of that `RUN` (apt only; apk and dnf packages are not estimated, so no
//! saving is shown). Toolchain images: the difference, from the base-image table,
//! between the toolchain and the matching runtime image (`golang:1.22-bookworm` →
//! `debian:bookworm-slim`, `maven:3-eclipse-temurin-21` → `eclipse-temurin:21-jre`,
//! `dotnet/sdk:8.0` → `dotnet/aspnet:8.0`, ranging to `dotnet/runtime:8.0`), when the
//! table has both.
//!
//! ## Fix safety
//! No fix: the rewrite to a multi-stage build is a suggestion, not an edit.
//!
//! ## hadolint
//! None.

use super::shell;
use super::{Context, Edit, Finding, Fix};
use crate::engine::estimate::{fmt_bytes, Assumptions};
use crate::engine::sizes::{self, base::MatchKind, BaseMatch};

pub const CODE: &str = "SF015";

const TOOLS: [&str; 24] = [
    "gcc",
    "g++",
    "gcc-c++",
    "cc",
    "clang",
    "build-essential",
    "build-base",
    "alpine-sdk",
    "make",
    "cmake",
    "ninja-build",
    "autoconf",
    "automake",
    "libtool",
    "pkg-config",
    "pkgconf",
    "pkgconfig",
    "musl-dev",
    "golang",
    "golang-go",
    "rustc",
    "cargo",
    "default-jdk",
    "maven",
];

const DEBIAN: [&str; 4] = ["trixie", "bookworm", "bullseye", "buster"];

fn is_build_tool(n: &str) -> bool {
    let versioned = ["gcc-", "g++-", "clang-"].iter().any(|p| {
        n.strip_prefix(p)
            .is_some_and(|v| !v.is_empty() && v.chars().all(|c| c.is_ascii_digit() || c == '.'))
    });
    TOOLS.contains(&n)
        || versioned
        || n.ends_with("-dev")
        || n.ends_with("-devel")
        || n.starts_with("linux-headers")
}

/// `gcc=4:12.2.0-3`, `gcc:amd64`, `gcc/bookworm-backports`, `gcc~12` → `gcc`.
fn package_name(w: &str) -> String {
    w.split(['=', ':', '/', '~', '<', '>'])
        .next()
        .unwrap_or(w)
        .to_ascii_lowercase()
}

/// The build-tool package words a RUN installs and does not remove again.
fn build_packages(script: &shell::Script) -> Vec<&shell::Word> {
    let mut installed: Vec<(&shell::Word, Option<&str>)> = Vec::new();
    let mut removed: Vec<String> = Vec::new();
    let mut auto_marked = false;
    for c in &script.commands {
        let (install, remove): (&[&str], &[&str]) = match c.basename() {
            "apt-get" | "apt" | "aptitude" => (&["install"], &["purge", "remove", "autoremove"]),
            "apk" => (&["add"], &["del"]),
            "yum" | "dnf" | "microdnf" | "tdnf" => (&["install"], &["remove", "erase"]),
            "apt-mark" => {
                auto_marked |= c.has_arg("auto");
                continue;
            }
            _ => continue,
        };
        let Some(verb) = shell::verb(c) else { continue };
        let is_install = install.contains(&verb.text.as_str());
        if !is_install && !remove.contains(&verb.text.as_str()) {
            continue;
        }
        if !is_install && auto_marked {
            removed.push("*".into());
        }
        let mut group = None;
        let mut it = c
            .args()
            .iter()
            .skip_while(|w| !std::ptr::eq(*w, verb))
            .skip(1);
        while let Some(w) = it.next() {
            let t = w.text.as_str();
            if matches!(t, "--virtual" | "-t") && c.is("apk") {
                group = it.next().map(|g| g.text.as_str());
            } else if matches!(t, "-o" | "-t" | "--target-release" | "-X" | "--repository") {
                it.next();
            } else if t.starts_with('-') || t.contains('$') {
            } else if is_install {
                installed.push((w, group));
            } else {
                removed.push(package_name(t));
            }
        }
    }
    let gone = |n: &str| removed.iter().any(|r| r == "*" || r == n);
    installed
        .into_iter()
        .filter(|(w, g)| {
            let n = package_name(&w.text);
            is_build_tool(&n) && !gone(&n) && !g.is_some_and(gone)
        })
        .map(|(w, _)| w)
        .collect()
}

/// The table row for an image, exact or by partial version (or nearest, for Alpine,
/// whose releases differ by a few megabytes).
fn priced(image: &str, as_of: Option<&str>) -> Option<BaseMatch> {
    sizes::parse_image_ref(image)
        .as_ref()
        .and_then(|r| sizes::lookup_base_at(r, as_of))
        .filter(|m| {
            matches!(m.kind, MatchKind::Exact | MatchKind::Partial) || image.starts_with("alpine:")
        })
}

/// For a toolchain or SDK image, the runtime images that could replace it (best
/// first; empty when the table cannot say); `None` when it is not a toolchain.
pub(crate) fn runtime_for(name: &str, tag: &str, m: Option<&BaseMatch>) -> Option<Vec<String>> {
    let resolved = m
        .and_then(|m| m.row.as_ref())
        .map(|r| r.resolved)
        .unwrap_or("");
    let hay = format!("{tag} {resolved}").to_ascii_lowercase();
    let alpine = hay.contains("alpine");
    let os = if alpine {
        // The Alpine release the tag names (`alpine3.20`), else the row's.
        let named = tag.split("alpine").nth(1).map(|v| {
            let v: Vec<&str> = v.split('.').take(2).collect();
            v.iter()
                .map(|p| {
                    p.chars()
                        .take_while(char::is_ascii_digit)
                        .collect::<String>()
                })
                .collect::<Vec<_>>()
                .join(".")
        });
        let v = named.filter(|v| v.contains('.') && !v.ends_with('.'));
        let v = v.or_else(|| m.and_then(BaseMatch::alpine_version));
        vec![format!("alpine:{}", v.as_deref().unwrap_or("3"))]
    } else {
        DEBIAN
            .iter()
            .find(|c| hay.contains(*c))
            .map(|c| vec![format!("debian:{c}-slim")])
            .unwrap_or_default()
    };
    let jre = |v: &str| {
        format!(
            "eclipse-temurin:{v}-jre{}",
            if alpine { "-alpine" } else { "" }
        )
    };
    Some(match name {
        "golang" | "rust" | "gcc" => os,
        // `-curl` and `-scm` have no compilers.
        "buildpack-deps" if !tag.contains("curl") && !tag.contains("scm") => os,
        "maven" | "gradle" => java_version(&hay)
            .map(|v| vec![jre(&v)])
            .unwrap_or_default(),
        "eclipse-temurin" | "openjdk" if !tag.contains("jre") => {
            let v: String = tag.chars().take_while(|c| c.is_ascii_digit()).collect();
            if tag.contains("jdk") {
                vec![format!("{name}:{}", tag.replacen("jdk", "jre", 1))]
            } else if v.is_empty() {
                Vec::new()
            } else {
                vec![format!(
                    "{name}:{v}-jre{}",
                    tag.get(v.len()..).unwrap_or("")
                )]
            }
        }
        "mcr.microsoft.com/dotnet/sdk" => ["aspnet", "runtime"]
            .iter()
            .map(|r| format!("mcr.microsoft.com/dotnet/{r}:{tag}"))
            .collect(),
        _ => return None,
    })
}

/// `3-eclipse-temurin-21`, `jdk21`, `jdk-26.0.2` → the Java feature version.
fn java_version(s: &str) -> Option<String> {
    ["temurin-", "jdk-", "jdk"].iter().find_map(|p| {
        s.match_indices(p).find_map(|(i, _)| {
            let v: String = s
                .get(i + p.len()..)?
                .chars()
                .take_while(|c| c.is_ascii_digit())
                .collect();
            (!v.is_empty()).then_some(v)
        })
    })
}

fn toolchain_finding(ctx: &Context) -> Option<Finding> {
    let root = shell::chain_root(ctx)?;
    let r = sizes::parse_image_ref(&root.from)?;
    let full = priced(&root.from, ctx.as_of);
    let runtimes = runtime_for(&r.name, &r.tag, full.as_ref())?;
    let ins = ctx.parsed.instructions.get(root.from_instr)?;
    let rts: Vec<(String, BaseMatch)> = runtimes
        .into_iter()
        .filter_map(|i| Some((i.clone(), priced(&i, ctx.as_of)?)))
        .collect();
    let image = r.display();
    let mut f = shell::finding(CODE, ins, String::new(), None, None);
    match (&full, rts.first()) {
        (Some(full), Some((rt, first))) if full.bytes > first.bytes => {
            f.saves_bytes = full.bytes - first.bytes;
            let rt_high = rts.iter().map(|(_, m)| m.high).max().unwrap_or(first.high);
            let rt_low = rts.iter().map(|(_, m)| m.low).min().unwrap_or(first.low);
            f.saves_low = full.low.saturating_sub(rt_high).min(f.saves_bytes);
            f.saves_high = full.high.saturating_sub(rt_low).max(f.saves_bytes);
            f.message = format!(
                "the image ships the toolchain/SDK image `{image}` ({}): build in a builder \
                 stage and copy the result onto `{rt}` ({}), see the Suggestions",
                fmt_bytes(full.bytes),
                fmt_bytes(first.bytes)
            );
        }
        _ => {
            f.message = format!(
                "the image ships the toolchain/SDK image `{image}`: build in a builder stage \
                 and copy the result onto a runtime image, see the Suggestions"
            );
        }
    }
    Some(f)
}

pub fn check(ctx: &Context) -> Vec<Finding> {
    let ships = shell::ships(ctx);
    let mut out: Vec<Finding> = toolchain_finding(ctx).into_iter().collect();
    let a = Assumptions {
        as_of: ctx.as_of.map(str::to_string),
        target: ctx.target.map(str::to_string),
        ..Default::default()
    };
    let mut before = None;
    for (i, ins) in ctx.parsed.instructions.iter().enumerate() {
        if ins.keyword != "RUN" || !ships.get(i).copied().unwrap_or(false) {
            continue;
        }
        let script = shell::script(ctx, ins);
        let words = build_packages(&script);
        if words.is_empty() {
            continue;
        }
        let mut names: Vec<String> = words.iter().map(|w| package_name(&w.text)).collect();
        names.dedup();
        let mut f = shell::finding(
            CODE,
            ins,
            format!(
                "build tools in the image that ships ({}): compile in a builder stage and \
                 copy only the result into the final stage, see the Suggestions",
                names
                    .iter()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            None,
            None,
        );
        // Price: the same Dockerfile without these packages, re-estimated.
        let without = Fix {
            title: String::new(),
            edits: words
                .iter()
                .filter(|w| w.spanned)
                .map(|w| Edit {
                    start: w.start,
                    end: w.end,
                    replacement: String::new(),
                })
                .collect(),
            safe: false,
        };
        if !without.edits.is_empty() {
            let b: &crate::engine::Estimate =
                before.get_or_insert_with(|| crate::engine::estimate_text(ctx.text, &a));
            let after = crate::engine::estimate_text(&without.apply(ctx.text), &a);
            f.saves_bytes = b.bytes.saturating_sub(after.bytes);
            f.saves_low = b.low.saturating_sub(after.low).min(f.saves_bytes);
            f.saves_high = b.high.saturating_sub(after.high).max(f.saves_bytes);
        }
        if f.saves_bytes == 0 {
            f.message.push_str(
                " (no saving estimated: the base already has them, or the package manager \
                 is not modelled)",
            );
        }
        out.push(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rules::shell::run_rule;

    #[test]
    fn fires_on_build_packages_and_prices_them() {
        let text = "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev=15.* curl && rm -rf /var/lib/apt/lists/*\n";
        let f = run_rule(check, text);
        assert_eq!(f.len(), 1);
        assert!(
            f[0].message.contains("`gcc`, `libpq-dev`"),
            "{}",
            f[0].message
        );
        assert!(f[0].saves_bytes > 10_000_000, "{:?}", f[0]);
        assert!(f[0].saves_low <= f[0].saves_bytes && f[0].saves_bytes <= f[0].saves_high);
        for text in [
            "FROM alpine:3.20\nRUN apk add --no-cache build-base\n",
            "FROM fedora\nRUN dnf install -y gcc-c++ python3-devel\n",
            "FROM d AS base\nRUN <<EOF\napt-get install -y make\nEOF\nFROM base\n",
        ] {
            assert_eq!(run_rule(check, text).len(), 1, "{text}");
        }
    }

    #[test]
    fn quiet_when_removed_or_in_a_builder() {
        for text in [
            "FROM d\nRUN apt-get install -y gcc && pip install x && apt-get purge -y gcc\n",
            "FROM a\nRUN apk add --virtual .build-deps gcc musl-dev && pip install x && apk del .build-deps\n",
            "FROM d\nRUN savedAptMark=\"$(apt-mark showmanual)\"; apt-get install -y gcc; apt-mark auto '.*'; apt-get purge -y --auto-remove\n",
            "FROM d\nRUN apt-get install -y curl libgcc-s1 gcc-12-base\n",
            "FROM d AS build\nRUN apt-get install -y gcc\nFROM d\nCOPY --from=build /a /a\n",
        ] {
            assert!(run_rule(check, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn toolchain_bases_are_priced_against_their_runtime() {
        let f = run_rule(
            check,
            "FROM golang:1.22-bookworm\nCOPY . .\nRUN go build -o /app\n",
        );
        assert_eq!(f.len(), 1);
        assert!(
            f[0].message.contains("debian:bookworm-slim"),
            "{}",
            f[0].message
        );
        assert_eq!(f[0].saves_bytes, 822_860_000 - 74_830_000);
        let f = run_rule(
            check,
            "FROM mcr.microsoft.com/dotnet/sdk:8.0-bookworm-slim\n",
        );
        assert!(f[0].message.contains("dotnet/aspnet"), "{}", f[0].message);
        assert!(f[0].saves_high > f[0].saves_bytes);
        let f = run_rule(check, "FROM maven:3-eclipse-temurin-21\n");
        assert!(
            f[0].message.contains("eclipse-temurin:21-jre"),
            "{}",
            f[0].message
        );
        assert!(run_rule(check, "FROM eclipse-temurin:21-jre\n").is_empty());
        assert!(run_rule(check, "FROM golang:1.22 AS b\nFROM alpine:3.20\n").is_empty());
        // unknown to the table: reported, not priced
        let f = run_rule(check, "FROM rust:1.50-buster\n");
        assert_eq!(f.len(), 1);
        assert_eq!(java_version("gradle:9.6.1-jdk21").as_deref(), Some("21"));
        let f = run_rule(check, "FROM golang:1.26-alpine3.23\n");
        assert!(f[0].message.contains("`alpine:3.23`"), "{}", f[0].message);
        assert!(f[0].saves_bytes > 200_000_000);
        assert!(run_rule(check, "FROM buildpack-deps:bookworm-scm\n").is_empty());
    }
}
