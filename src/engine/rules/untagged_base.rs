//! SF005 `untagged_base`.
//!
//! ## What it does
//! Checks for a `FROM` image without a tag or digest (`FROM ubuntu`).
//!
//! ## Why is this bad?
//! An untagged image means `:latest`, which moves: the same Dockerfile builds on
//! a different base next month, with a different size, different packages and
//! possibly a different distribution release. Sizes estimated today (and any
//! saving proposed) only hold for a pinned base.
//!
//! `scratch`, a stage name (`FROM build`) and references that start with a variable
//! (`FROM ${BASE}`, whose value may carry a tag) are not reported.
//!
//! ## Example
//! ```dockerfile
//! FROM python
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM python:3.12-slim
//! ```
//!
//! ## Fix safety
//! No fix: which version to pin is the author's choice.
//!
//! ## hadolint
//! DL3006, with its handling of variables (a reference starting with `$` is not
//! reported, `foo/${X}` is) and digests (never reported). Intentional differences:
//! stage names match case-insensitively, as BuildKit matches them (`FROM Build`
//! after `AS build` is a stage, not an image); the tag is what follows the last `:`
//! after the last `/`, so `FROM localhost:5000/app` is untagged (hadolint reads
//! `5000/app` as its tag).

use super::shell;
use super::{Context, Finding};

pub const CODE: &str = "SF005";

/// An image reference split like a registry does: `name[:tag][@digest]`.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct ImageRef<'a> {
    pub name: &'a str,
    pub tag: Option<&'a str>,
    pub digest: Option<&'a str>,
}

pub(crate) fn image_ref(raw: &str) -> ImageRef<'_> {
    let (rest, digest) = match raw.split_once('@') {
        Some((r, d)) => (r, Some(d)),
        None => (raw, None),
    };
    let slash = rest.rfind('/').map(|i| i + 1).unwrap_or(0);
    let tail = rest.get(slash..).unwrap_or("");
    // A `:` inside `${VAR:-default}` is not a tag separator.
    let mut depth = 0usize;
    let mut colon = None;
    for (i, c) in tail.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            ':' if depth == 0 => colon = Some(i),
            _ => {}
        }
    }
    match colon {
        Some(i) => ImageRef {
            name: rest.get(..slash + i).unwrap_or(rest),
            tag: tail.get(i + 1..),
            digest,
        },
        None => ImageRef {
            name: rest,
            tag: None,
            digest,
        },
    }
}

pub fn check(ctx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for stage in &ctx.model.stages {
        let raw = stage.from_raw.as_str();
        if raw.is_empty() || raw == "scratch" || raw.starts_with('$') {
            continue;
        }
        let r = image_ref(raw);
        if r.tag.is_some() || r.digest.is_some() {
            continue;
        }
        let lower = raw.to_ascii_lowercase();
        let is_stage = ctx.model.stages[..stage.index]
            .iter()
            .any(|s| s.name.as_deref() == Some(lower.as_str()));
        if is_stage {
            continue;
        }
        let Some(ins) = ctx.parsed.instructions.get(stage.from_instr) else {
            continue;
        };
        out.push(shell::finding(
            CODE,
            ins,
            format!(
                "`{raw}` has no tag, so it means `{raw}:latest`, which changes over time: \
                 pin a version for reproducible builds and sizes"
            ),
            Some("DL3006"),
            None,
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rules::shell::run_rule;

    #[test]
    fn splits_references() {
        let r = image_ref("localhost:5000/app");
        assert_eq!((r.name, r.tag), ("localhost:5000/app", None));
        let r = image_ref("localhost:5000/app:1.2@sha256:ab");
        assert_eq!(
            (r.name, r.tag, r.digest),
            ("localhost:5000/app", Some("1.2"), Some("sha256:ab"))
        );
        let r = image_ref("foo/${X:-a}");
        assert_eq!(r.tag, None);
        let r = image_ref("foo:${TAG:-1}");
        assert_eq!(r.tag, Some("${TAG:-1}"));
        assert_eq!(image_ref("").tag, None);
        assert_eq!(image_ref("é:").tag, Some(""));
    }

    #[test]
    fn fires_on_untagged_images() {
        let f = run_rule(
            check,
            "FROM ubuntu\nFROM foo/${X}\nFROM localhost:5000/app\n",
        );
        assert_eq!(f.iter().map(|f| f.line).collect::<Vec<_>>(), vec![1, 2, 3]);
        assert_eq!(f[0].hadolint, Some("DL3006"));
        assert!(f[0].fix.is_none());
    }

    #[test]
    fn quiet_on_tags_digests_stages_variables() {
        let text = "ARG BASE=alpine\nFROM ${BASE}\nFROM $BASE AS Build\nFROM alpine:3 AS x\n\
                    FROM build\nFROM X\nFROM scratch\nFROM alpine@sha256:00\nFROM --platform=$P golang:1.22\n";
        assert!(run_rule(check, text).is_empty());
    }
}
