//! SF006 `latest_base`.
//!
//! ## What it does
//! Checks for a `FROM` image tagged `:latest` without a digest.
//!
//! ## Why is this bad?
//! `latest` is whatever the publisher pushed last: the base (and so the size of
//! every image built on it) changes without the Dockerfile changing. Estimates and
//! proposed savings only hold for a pinned base.
//!
//! ## Example
//! ```dockerfile
//! FROM node:latest
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM node:22-slim
//! ```
//!
//! ## Fix safety
//! No fix: which version to pin is the author's choice.
//!
//! ## hadolint
//! DL3007: the tag is exactly `latest` and there is no digest (`foo:latest@sha256:…`
//! is pinned by its digest and not reported). Variables are taken as written, so
//! `FROM ${IMAGE}:latest` is reported and `FROM foo:${TAG}` is not. Intentional
//! difference: the tag is what follows the last `:` after the last `/` (hadolint
//! cuts at the first `:`, which only matters for registries with a port).

use super::shell;
use super::untagged_base::image_ref;
use super::{Context, Finding};

pub const CODE: &str = "SF006";

pub fn check(ctx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for stage in &ctx.model.stages {
        let raw = stage.from_raw.as_str();
        let r = image_ref(raw);
        if r.tag != Some("latest") || r.digest.is_some() {
            continue;
        }
        let Some(ins) = ctx.parsed.instructions.get(stage.from_instr) else {
            continue;
        };
        out.push(shell::finding(
            CODE,
            ins,
            format!(
                "`{raw}` follows whatever was pushed last, so the base (and its size) \
                 changes over time: pin a version tag"
            ),
            Some("DL3007"),
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
    fn fires_on_latest() {
        let f = run_rule(
            check,
            "FROM node:latest AS a\nFROM ${REG}/x:latest\nFROM docker.io/library/y:latest\n",
        );
        assert_eq!(f.iter().map(|f| f.line).collect::<Vec<_>>(), vec![1, 2, 3]);
        assert_eq!(f[0].hadolint, Some("DL3007"));
    }

    #[test]
    fn quiet_otherwise() {
        let text = "FROM node\nFROM node:22\nFROM x:latest@sha256:00\nFROM x:${TAG}\nFROM x:LATEST\nFROM scratch\n";
        assert!(run_rule(check, text).is_empty());
    }
}
