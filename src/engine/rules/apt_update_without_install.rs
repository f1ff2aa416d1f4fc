//! SF011 `apt_update_without_install`.
//!
//! ## What it does
//! Checks for a `RUN` that runs `apt-get update` (or `apt update`) but installs
//! nothing (`apt-get install`, `upgrade`, `dist-upgrade`, …) in the same `RUN`.
//!
//! ## Why is this bad?
//! The build cache keys a layer on its instruction's text. A `RUN apt-get update` on
//! its own is cached once and reused on every rebuild, so an `apt-get install` in a
//! later `RUN` — rebuilt when its package list changes — runs against package lists
//! from the day the cache was made: it installs outdated versions or fails on
//! versions the mirror no longer has. The lists (about 20 MB) also stay in the
//! update's layer whatever a later `RUN` deletes.
//!
//! Every stage is checked: the stale lists break builder stages too. A `RUN` whose
//! `/var/lib/apt/lists` is a cache mount is not reported.
//!
//! ## Example
//! ```dockerfile
//! RUN apt-get update
//! RUN apt-get install -y --no-install-recommends curl
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! RUN apt-get update \
//!  && apt-get install -y --no-install-recommends curl \
//!  && rm -rf /var/lib/apt/lists/*
//! ```
//!
//! ## Fix safety
//! No fix. Merging the update into the next `RUN` would be safe only when that `RUN`
//! is the install; the message says when it is.
//!
//! ## Savings
//! None of its own: the lists a kept update leaves in the image are priced by SF001.
//!
//! ## hadolint
//! None: DL3059 (consecutive `RUN`s) is about layer count, not this cache trap.

use super::shell;
use super::{Context, Finding};

pub const CODE: &str = "SF011";

const APT: [&str; 3] = ["apt-get", "apt", "aptitude"];

pub fn check(ctx: &Context) -> Vec<Finding> {
    let stage_of = shell::stage_of(ctx);
    let mut out = Vec::new();
    for (i, ins) in ctx.parsed.instructions.iter().enumerate() {
        if ins.keyword != "RUN" || shell::mounts_dir(ins, "/var/lib/apt/lists") {
            continue;
        }
        let script = shell::script(ctx, ins);
        let updates = script
            .commands
            .iter()
            .any(|c| APT.contains(&c.basename()) && c.has_arg("update"));
        if !updates || script.commands.iter().any(uses_lists) {
            continue;
        }
        // The next RUN of the same stage, if it installs.
        let stage = stage_of.get(i).copied().flatten();
        let next = ctx
            .parsed
            .instructions
            .iter()
            .enumerate()
            .skip(i + 1)
            .take_while(|(j, _)| stage_of.get(*j).copied().flatten() == stage)
            .find(|(_, n)| n.keyword == "RUN")
            .filter(|(_, n)| shell::script(ctx, n).commands.iter().any(uses_lists))
            .map(|(_, n)| n.start_line);
        let hint = match next {
            Some(l) => format!("merge it into the install of the next RUN (line {l})"),
            None => "run `apt-get update && apt-get install …` in one RUN".into(),
        };
        out.push(shell::finding(
            CODE,
            ins,
            format!(
                "`apt-get update` without an install in the same RUN: this layer is cached \
                 with its package lists, so installs in later RUNs use stale lists after a \
                 rebuild, and the lists stay in this layer: {hint}"
            ),
            None,
            None,
        ));
    }
    out
}

/// `apt-get install|upgrade|…`, also behind `sudo`, `xargs` and the like.
fn uses_lists(c: &shell::Cmd) -> bool {
    let words = &c.argv;
    words
        .iter()
        .position(|w| APT.contains(&w.text.rsplit('/').next().unwrap_or("")))
        .and_then(|p| words.get(p + 1..))
        .is_some_and(|rest| {
            rest.iter().any(|w| {
                matches!(
                    w.text.as_str(),
                    "install"
                        | "upgrade"
                        | "dist-upgrade"
                        | "full-upgrade"
                        | "build-dep"
                        | "reinstall"
                        | "source"
                        | "download"
                )
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rules::shell::run_rule;

    #[test]
    fn fires_on_update_alone() {
        let f = run_rule(
            check,
            "FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl\n",
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].line, 2);
        assert!(f[0].message.contains("line 3"), "{}", f[0].message);
        assert!(f[0].fix.is_none() && f[0].hadolint.is_none());
        let f = run_rule(
            check,
            "FROM d AS build\nRUN <<EOF\napt-get update -q\nadd-apt-repository x\nEOF\nRUN echo\n",
        );
        assert_eq!(f.len(), 1);
        assert!(f[0].message.contains("in one RUN"));
        // the next RUN of another stage does not count as the install
        let f = run_rule(
            check,
            "FROM d\nRUN apt-get update\nFROM d\nRUN apt-get install -y x\n",
        );
        assert!(f[0].message.contains("in one RUN"));
    }

    #[test]
    fn quiet_with_an_install() {
        for text in [
            "FROM d\nRUN apt-get update && apt-get install -y x\n",
            "FROM d\nRUN apt update; apt -y full-upgrade\n",
            "FROM d\nRUN apt-get update && xargs apt-get install -y < pkgs.txt\n",
            "FROM d\nRUN apt-get update && sudo apt-get -y install x\n",
            "FROM d\nRUN --mount=type=cache,target=/var/lib/apt/lists apt-get update\n",
            "FROM d\nRUN apt-get install -y x\n",
            "FROM d\nRUN echo apt-get update\n",
        ] {
            assert!(run_rule(check, text).is_empty(), "{text}");
        }
    }
}
