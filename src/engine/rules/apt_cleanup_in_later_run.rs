//! SF008 `apt_cleanup_in_later_run`.
//!
//! ## What it does
//! Checks for a `RUN` that only cleans up package-manager leftovers
//! (`rm -rf /var/lib/apt/lists/*`, `apt-get clean`, `rm -rf /var/cache/apk/*`,
//! `yum clean all`, `rm -rf /root/.cache`, …) after an earlier `RUN` of the same
//! stage (or of the stage it is built `FROM`) installed packages.
//!
//! ## Why is this bad?
//! Image layers only add: deleting in a later layer hides the files but the earlier
//! layer still ships them, so such a `RUN` saves nothing — and adds a layer. The
//! cleanup only shrinks the image in the `RUN` that created the files.
//!
//! ## Example
//! ```dockerfile
//! RUN apt-get update && apt-get install -y --no-install-recommends curl
//! RUN rm -rf /var/lib/apt/lists/* && apt-get clean
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! RUN apt-get update && apt-get install -y --no-install-recommends curl \
//!  && rm -rf /var/lib/apt/lists/*
//! ```
//!
//! ## Fix safety
//! No fix: moving the cleanup means editing the earlier `RUN`, which SF001 (and the
//! other cache rules) already propose.
//!
//! ## hadolint
//! None: hadolint has no rule for cleanups in the wrong layer.

use super::apt_lists_not_removed::removes_lists;
use super::shell;
use super::{Context, Finding};

pub const CODE: &str = "SF008";

/// Package caches (and the pip/npm user caches) that a cleanup may remove.
const CACHES: [&str; 10] = [
    "/var/lib/apt",
    "/var/cache/apt",
    "/var/cache/apk",
    "/var/cache/yum",
    "/var/cache/dnf",
    "/root/.cache",
    "~/.cache",
    "$HOME/.cache",
    "/root/.npm",
    "/tmp",
];

pub fn check(ctx: &Context) -> Vec<Finding> {
    let stage_of = shell::stage_of(ctx);
    // Per stage: did an earlier RUN install packages?
    let mut installed = vec![false; ctx.model.stages.len()];
    let mut out = Vec::new();
    for (i, ins) in ctx.parsed.instructions.iter().enumerate() {
        let Some(stage) = stage_of.get(i).copied().flatten() else {
            continue;
        };
        if ins.keyword == "FROM" {
            let inherited = ctx
                .model
                .stages
                .get(stage)
                .and_then(|s| ctx.model.stage_ref(&s.from, s.index))
                .and_then(|p| installed.get(p.index).copied())
                .unwrap_or(false);
            if let Some(slot) = installed.get_mut(stage) {
                *slot = inherited;
            }
            continue;
        }
        if ins.keyword != "RUN" {
            continue;
        }
        let script = shell::script(ctx, ins);
        let commands: Vec<&shell::Cmd> = script.commands.iter().filter(|c| !is_noop(c)).collect();
        let only_cleanup = !commands.is_empty()
            && commands.iter().all(|c| is_cleanup(c))
            && commands.iter().any(|c| cleans_package_cache(c));
        if only_cleanup && installed.get(stage).copied().unwrap_or(false) {
            out.push(shell::finding(
                CODE,
                ins,
                "this RUN only deletes files an earlier layer already holds, which saves \
                 nothing: do the cleanup in the RUN that installs the packages"
                    .into(),
                None,
                None,
            ));
        }
        if script.commands.iter().any(installs) {
            if let Some(slot) = installed.get_mut(stage) {
                *slot = true;
            }
        }
    }
    out
}

fn is_noop(c: &shell::Cmd) -> bool {
    c.argv.is_empty() || matches!(c.basename(), "set" | "true" | ":" | "fi" | "done" | "echo")
}

/// A command that only deletes: `rm`, `apt-get clean`, `yum clean all`, …
fn is_cleanup(c: &shell::Cmd) -> bool {
    c.is("rm") || cleans_package_cache(c)
}

fn cleans_package_cache(c: &shell::Cmd) -> bool {
    let sub = c.args().first().map(|w| w.text.as_str()).unwrap_or("");
    let manager_clean = match c.basename() {
        "apt-get" | "apt" => matches!(sub, "clean" | "autoclean"),
        "yum" | "dnf" | "microdnf" | "tdnf" => sub == "clean",
        "apk" => sub == "cache" && c.has_arg("clean"),
        "pip" | "pip3" => sub == "cache" && c.has_arg("purge"),
        "npm" => sub == "cache" && c.has_arg("clean"),
        _ => false,
    };
    manager_clean
        || removes_lists(c)
        || (c.is("rm")
            && c.args().iter().any(|w| {
                CACHES
                    .iter()
                    .any(|p| w.text.starts_with(p) && !w.text.starts_with('-'))
            }))
}

/// A command that fills a package cache: an install, update or upgrade.
fn installs(c: &shell::Cmd) -> bool {
    let any = |subs: &[&str]| subs.iter().any(|s| c.has_arg(s));
    match c.basename() {
        "apt-get" | "apt" | "aptitude" => any(&["install", "update", "upgrade", "dist-upgrade"]),
        "apk" => any(&["add", "update", "upgrade"]),
        "yum" | "dnf" | "microdnf" | "tdnf" => any(&["install", "update", "upgrade"]),
        n if n.starts_with("pip") => any(&["install"]),
        "npm" => any(&["install", "ci", "i"]),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rules::shell::run_rule;

    #[test]
    fn fires_on_cleanup_in_a_later_layer() {
        let text = "FROM d\nRUN apt-get update && apt-get install -y x\nRUN apt-get clean && \\\n  rm -rf /var/lib/apt/lists/*\n";
        let f = run_rule(check, text);
        assert_eq!(f.len(), 1);
        assert_eq!((f[0].line, f[0].end_line), (3, 4));
        assert!(f[0].fix.is_none() && f[0].hadolint.is_none());
        let text = "FROM a AS base\nRUN apk add x\nFROM base\nRUN rm -rf /var/cache/apk/*\n";
        assert_eq!(run_rule(check, text).len(), 1);
    }

    #[test]
    fn quiet_when_useful_or_unrelated() {
        for text in [
            "FROM d\nRUN apt-get update && apt-get install -y x && rm -rf /var/lib/apt/lists/*\n",
            "FROM d\nRUN rm -rf /var/lib/apt/lists/*\n",
            "FROM d\nRUN apt-get install -y x\nRUN rm -rf /app/tmp\n",
            "FROM d\nRUN apt-get install -y x\nRUN apt-get purge -y y && rm -rf /var/lib/apt/lists/*\n",
            "FROM d AS a\nRUN apt-get install -y x\nFROM d\nRUN apt-get clean\n",
        ] {
            assert!(run_rule(check, text).is_empty(), "{text}");
        }
    }
}
