//! SF016 `fat_base_image`.
//!
//! ## What it does
//! Checks the image the final stage is built on (through `FROM <stage>` to the
//! first stage of that chain): when it resolves in the base-image table to a full
//! variant and the table also has a `-slim` (else `-alpine`) variant of the same
//! image and version, it reports the difference. `python:3.12` → `python:3.12-slim`,
//! `node:22` → `node:22-slim`, `debian:bookworm` → `debian:bookworm-slim`,
//! `php:8-cli` → `php:8-cli-alpine`. Toolchain images (`golang`, `rust`, SDKs) are
//! left to SF015.
//!
//! ## Why is this bad?
//! The full Debian-based language images carry compilers, headers, version control
//! and documentation (`python:3.12` is about 1.1 GB, `python:3.12-slim` 120 MB). An
//! application that only runs needs none of it.
//!
//! ## Example
//! ```dockerfile
//! FROM python:3.12
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM python:3.12-slim
//! ```
//!
//! ## Savings
//! The difference between the two table rows (point), from the low end of one to the
//! high end of the other (range). Packages installed later that the full image
//! already had are not counted.
//!
//! ## Fix safety
//! Unsafe: the fix replaces the tag in the `FROM` line (`3.12` → `3.12-slim`,
//! `3.12-bookworm` → `3.12-slim-bookworm`, `22-bookworm` → `22-bookworm-slim`,
//! `latest` or no tag → `slim`), and the slim image lacks compilers and tools a
//! later step may use; Alpine also changes the C library. No fix when the
//! reference uses a variable or is pinned by digest (the digest would win).
//!
//! ## hadolint
//! None.

use super::build_tools_in_final_stage::runtime_for;
use super::shell;
use super::untagged_base::image_ref;
use super::{Context, Edit, Finding, Fix};
use crate::engine::estimate::fmt_bytes;
use crate::engine::sizes::{self, base::MatchKind, BaseMatch};

pub const CODE: &str = "SF016";

const DEBIAN: [&str; 4] = ["trixie", "bookworm", "bullseye", "buster"];
const SMALL: [&str; 7] = [
    "slim",
    "alpine",
    "distroless",
    "chiseled",
    "nanoserver",
    "minimal",
    "busybox",
];

/// The table row for `name:tag`, exact or by partial version (Debian's numbered
/// releases read as their code names).
fn priced(name: &str, tag: &str, as_of: Option<&str>) -> Option<BaseMatch> {
    let mut r = sizes::parse_image_ref(&format!("{name}:{tag}"))?;
    if name == "debian" {
        for (c, n) in sizes::DEBIAN_RELEASES.iter().filter(|(_, n)| *n >= 11) {
            if let Some(rest) = tag
                .strip_prefix(&n.to_string())
                .filter(|r| r.is_empty() || r.starts_with('-'))
            {
                r.tag = format!("{c}{rest}");
            }
        }
    }
    sizes::lookup_base_at(&r, as_of)
        .filter(|m| matches!(m.kind, MatchKind::Exact | MatchKind::Partial))
}

fn row_text(m: &BaseMatch) -> String {
    m.row
        .as_ref()
        .map(|r| format!("{} {}", r.tag, r.resolved))
        .unwrap_or_default()
}

/// The slim tag, then the alpine tag, for `tag` of image `short`.
fn candidates(short: &str, tag: &str) -> [(String, &'static str); 2] {
    let words: Vec<&str> = tag.split('-').collect();
    let codename = words.iter().position(|w| DEBIAN.contains(w));
    let with = |variant: &str, replace: bool| -> String {
        match codename {
            _ if tag == "latest" => variant.to_string(),
            Some(p) => {
                let mut w: Vec<&str> = words.clone();
                if replace {
                    w[p] = variant;
                } else {
                    w.insert(p, variant);
                }
                w.join("-")
            }
            None => format!("{tag}-{variant}"),
        }
    };
    let slim = if codename.is_some() && matches!(short, "node" | "debian") {
        format!("{tag}-slim")
    } else {
        with("slim", false)
    };
    [(slim, "slim"), (with("alpine", true), "alpine")]
}

pub fn check(ctx: &Context) -> Vec<Finding> {
    let Some(root) = shell::chain_root(ctx) else {
        return Vec::new();
    };
    let Some(r) = sizes::parse_image_ref(&root.from) else {
        return Vec::new();
    };
    let short = r.name.as_str();
    if runtime_for(short, &r.tag, None).is_some() || r.name == "scratch" {
        return Vec::new();
    }
    let lower = r.tag.to_ascii_lowercase();
    let Some(full) = priced(short, &r.tag, ctx.as_of) else {
        return Vec::new();
    };
    if SMALL
        .iter()
        .any(|s| lower.contains(s) || row_text(&full).contains(s))
    {
        return Vec::new();
    }
    let Some((tag, m)) = candidates(short, &r.tag)
        .into_iter()
        .find_map(|(tag, variant)| {
            let m = priced(short, &tag, ctx.as_of)?;
            (row_text(&m).contains(variant) && m.bytes < full.bytes).then_some((tag, m))
        })
    else {
        return Vec::new();
    };
    let Some(ins) = ctx.parsed.instructions.get(root.from_instr) else {
        return Vec::new();
    };
    let fix = tag_edit(ctx, ins, &root.from_raw, &tag).and_then(|e| {
        shell::checked(
            ctx,
            Fix {
                title: format!("Use {short}:{tag}"),
                edits: vec![e],
                safe: false,
            },
        )
    });
    let mut f = shell::finding(
        CODE,
        ins,
        format!(
            "`{}` is the full image ({}): `{short}:{tag}`, the same version {}, is {}",
            r.display(),
            fmt_bytes(full.bytes),
            if tag.contains("slim") {
                "without build tools and documentation"
            } else {
                "on Alpine (musl libc)"
            },
            fmt_bytes(m.bytes)
        ),
        None,
        fix,
    );
    f.saves_bytes = full.bytes - m.bytes;
    f.saves_low = full.low.saturating_sub(m.high).min(f.saves_bytes);
    f.saves_high = full.high.saturating_sub(m.low).max(f.saves_bytes);
    vec![f]
}

/// Replaces (or adds) the tag of the image word in a FROM line.
fn tag_edit(
    ctx: &Context,
    ins: &crate::engine::syntax::Instruction,
    raw: &str,
    tag: &str,
) -> Option<Edit> {
    if raw.contains('$') || raw.contains('@') {
        return None;
    }
    let line = ctx.text.get(ins.start_offset..ins.end_offset)?;
    let mut pos = 4; // past FROM
    let word = loop {
        let rest = line.get(pos..)?;
        let start = pos + rest.len() - rest.trim_start().len();
        let len = line
            .get(start..)?
            .find(char::is_whitespace)
            .unwrap_or(line.len() - start);
        let w = line.get(start..start + len)?;
        if !w.starts_with("--") {
            break start;
        }
        pos = start + len;
    };
    let at = ins.start_offset + word;
    if ctx.text.get(at..at + raw.len())? != raw {
        return None;
    }
    let r = image_ref(raw);
    Some(match r.tag {
        Some(t) => Edit {
            start: at + r.name.len() + 1,
            end: at + r.name.len() + 1 + t.len(),
            replacement: tag.into(),
        },
        None => Edit {
            start: at + raw.len(),
            end: at + raw.len(),
            replacement: format!(":{tag}"),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rules::shell::{fixed, run_rule};

    #[test]
    fn fires_on_full_images_with_a_slim_variant() {
        let f = run_rule(check, "FROM python:3.12\nCMD [\"python\"]\n");
        assert_eq!(f.len(), 1);
        let size = |t: &str| {
            crate::engine::sizes::lookup_base(&crate::engine::sizes::parse_image_ref(t).unwrap())
                .unwrap()
                .bytes
        };
        assert_eq!(
            f[0].saves_bytes,
            size("python:3.12") - size("python:3.12-slim")
        );
        assert!(f[0].saves_low <= f[0].saves_bytes && f[0].saves_high >= f[0].saves_bytes);
        assert!(!f[0].fix.as_ref().unwrap().safe);
        for (from, to) in [
            ("python:3.12", "python:3.12-slim"),
            (
                "--platform=$BUILDPLATFORM python:3.13-trixie AS app",
                "--platform=$BUILDPLATFORM python:3.13-slim-trixie AS app",
            ),
            ("node:22", "node:22-slim"),
            (
                "docker.io/library/node:20-bookworm",
                "docker.io/library/node:20-bookworm-slim",
            ),
            ("debian:bookworm", "debian:bookworm-slim"),
            ("debian:12", "debian:12-slim"),
            ("python", "python:slim"),
            ("python:latest", "python:slim"),
            ("php:8-cli-trixie", "php:8-cli-alpine"),
        ] {
            assert_eq!(
                fixed(check, &format!("FROM {from}\nRUN x\n")),
                format!("FROM {to}\nRUN x\n"),
                "{from}"
            );
        }
        // the base of the final chain, through a stage
        let f = run_rule(check, "FROM node:22 AS base\nFROM base\n");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].line, 1);
        // no fix with a variable or a digest
        let f = run_rule(check, "ARG V=3.12\nFROM python:${V}\n");
        assert!(f[0].fix.is_none());
        let f = run_rule(check, "FROM python:3.12@sha256:0123\n");
        assert!(f[0].fix.is_none());
    }

    #[test]
    fn quiet_for_small_or_unknown_images() {
        for text in [
            "FROM python:3.12-slim\n",
            "FROM node:22-alpine\n",
            "FROM debian:bookworm-slim\n",
            "FROM golang:1.22\n",
            "FROM alpine:3.20\n",
            "FROM ubuntu:24.04\n",
            "FROM scratch\n",
            "FROM example.com/x:1\n",
            "FROM python:3.12 AS build\nFROM python:3.12-slim\n",
        ] {
            assert!(run_rule(check, text).is_empty(), "{text}");
        }
    }
}
