//! SF009 `apt_get_upgrade`.
//!
//! ## What it does
//! Checks for `apt-get upgrade`, `dist-upgrade` or `full-upgrade` (also with `apt`)
//! in a `RUN` of a stage whose files reach the image (the last stage and the
//! stages it is built `FROM`).
//!
//! ## Why is this bad?
//! Every package the upgrade touches is written again in the new layer, while the
//! old version stays in the base image's layer below: the image carries both. The
//! result also depends on the day of the build. A newer tag of the base image gets
//! the same fixes without the duplicate.
//!
//! ## Example
//! ```dockerfile
//! FROM debian:12
//! RUN apt-get update && apt-get upgrade -y && rm -rf /var/lib/apt/lists/*
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM debian:12.7
//! ```
//! (a current point release of the base), or install only the packages that need a
//! fix: `apt-get install -y --only-upgrade openssl`.
//!
//! ## Fix safety
//! No fix: dropping the upgrade may drop a security fix the base does not have yet.
//!
//! ## hadolint
//! None in hadolint 2.15.1: the old DL3005 ("Do not use apt-get upgrade") was
//! removed from hadolint. Unlike DL3005, builder stages the image only copies from
//! are not reported, since their size does not reach the image.

use super::shell;
use super::{Context, Finding};

pub const CODE: &str = "SF009";

pub fn check(ctx: &Context) -> Vec<Finding> {
    let stage_of = shell::stage_of(ctx);
    let in_image = shell::final_chain(ctx);
    let mut out = Vec::new();
    for (i, ins) in ctx.parsed.instructions.iter().enumerate() {
        if ins.keyword != "RUN" {
            continue;
        }
        if let Some(Some(s)) = stage_of.get(i) {
            if !in_image.get(*s).copied().unwrap_or(true) {
                continue;
            }
        }
        let script = shell::script(ctx, ins);
        let upgrade = script.commands.iter().find_map(|c| {
            if !(c.is("apt-get") || c.is("apt")) {
                return None;
            }
            ["upgrade", "dist-upgrade", "full-upgrade"]
                .into_iter()
                .find(|s| c.has_arg(s))
        });
        if let Some(sub) = upgrade {
            out.push(shell::finding(
                CODE,
                ins,
                format!(
                    "`apt-get {sub}` rewrites upgraded packages into this layer while the old \
                     versions stay in the base: use a newer base tag instead"
                ),
                None,
                None,
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rules::shell::run_rule;

    #[test]
    fn fires_on_upgrades_in_the_image() {
        let text = "FROM d\nRUN apt-get update && apt-get -y dist-upgrade\nRUN apt upgrade -y\n";
        let f = run_rule(check, text);
        assert_eq!(f.iter().map(|f| f.line).collect::<Vec<_>>(), vec![2, 3]);
        assert!(f[0].message.contains("dist-upgrade"));
    }

    #[test]
    fn quiet_otherwise() {
        for text in [
            "FROM d\nRUN apt-get install -y --only-upgrade openssl\n",
            "FROM d AS b\nRUN apt-get upgrade -y\nFROM d\nCOPY --from=b /x /x\n",
            "FROM d\nRUN pip install --upgrade pip\n",
        ] {
            assert!(run_rule(check, text).is_empty(), "{text}");
        }
    }
}
