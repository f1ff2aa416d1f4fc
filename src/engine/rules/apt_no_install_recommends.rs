//! SF002 `apt_no_install_recommends`.
//!
//! ## What it does
//! Checks for `apt-get install` (or `apt install`) without `--no-install-recommends`
//! or `-o APT::Install-Recommends=false`.
//!
//! ## Why is this bad?
//! By default apt also installs every package the requested ones *recommend*:
//! documentation, optional helpers, whole toolchains. On Debian and Ubuntu images
//! that often doubles what a `RUN` adds, for packages the program does not need.
//!
//! ## Example
//! ```dockerfile
//! RUN apt-get update && apt-get install -y python3 && rm -rf /var/lib/apt/lists/*
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! RUN apt-get update && apt-get install -y --no-install-recommends python3 && rm -rf /var/lib/apt/lists/*
//! ```
//!
//! ## Fix safety
//! Unsafe: the fix inserts ` --no-install-recommends` after `install`, and a
//! recommended package may be one the image relies on (`ca-certificates` for
//! `curl` is the classic). Review what still works before applying it.
//!
//! ## hadolint
//! DL3015: same trigger (any `apt-get` command with an `install` argument) and the
//! same two opt-outs. Intentional differences: `apt install` and
//! `/usr/bin/apt-get install` are read too, `-o APT::Install-Recommends=0|no|off`
//! (and `-oAPT::…`) count as the opt-out, and heredoc `RUN`s are read.

use super::shell;
use super::{Context, Finding};

pub const CODE: &str = "SF002";

pub fn check(ctx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for ins in &ctx.parsed.instructions {
        if !shell::is_run(ins, true) {
            continue;
        }
        let script = shell::script(ctx, ins);
        let offenders: Vec<&shell::Cmd> = script
            .commands
            .iter()
            .filter(|c| is_install(c) && !disables_recommends(c))
            .collect();
        if offenders.is_empty() {
            continue;
        }
        let fix =
            shell::insert_after_verb(ctx, &offenders, "install", "--no-install-recommends", false);
        out.push(shell::finding(
            CODE,
            ins,
            "`apt-get install` also installs recommended packages: add \
             `--no-install-recommends`"
                .into(),
            Some("DL3015"),
            fix,
        ));
    }
    out
}

fn is_install(c: &shell::Cmd) -> bool {
    (c.is("apt-get") || c.is("apt")) && c.has_arg("install")
}

fn disables_recommends(c: &shell::Cmd) -> bool {
    c.has_flag("no-install-recommends")
        || c.args().iter().any(|w| {
            let t = w.text.strip_prefix("-o").unwrap_or(&w.text);
            t.split_once('=').is_some_and(|(k, v)| {
                k.eq_ignore_ascii_case("APT::Install-Recommends")
                    && matches!(
                        v.trim_matches(['"', '\'']).to_ascii_lowercase().as_str(),
                        "false" | "0" | "no" | "off"
                    )
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rules::shell::{fixed, run_rule};

    #[test]
    fn fires_without_the_flag() {
        let f = run_rule(
            check,
            "FROM d\nRUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get -y install curl\n",
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].hadolint, Some("DL3015"));
        assert!(!f[0].fix.as_ref().unwrap().safe);
        assert_eq!(
            run_rule(check, "FROM d\nRUN [\"apt-get\", \"install\", \"x\"]\n").len(),
            1
        );
    }

    #[test]
    fn quiet_with_opt_out() {
        for text in [
            "FROM d\nRUN apt-get install -y --no-install-recommends x\n",
            "FROM d\nRUN apt-get install -y x --no-install-recommends\n",
            "FROM d\nRUN apt-get -o APT::Install-Recommends=false install x\n",
            "FROM d\nRUN apt-get -oAPT::Install-Recommends=0 install x\n",
            "FROM d\nRUN apt-get update\n",
            "FROM d\nRUN pip install x\n",
        ] {
            assert!(run_rule(check, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn fix_inserts_after_each_install() {
        assert_eq!(
            fixed(
                check,
                "FROM d\nRUN apt-get update \\\n && apt-get install -y a \\\n && apt-get install -y --no-install-recommends b && apt install c\n"
            ),
            "FROM d\nRUN apt-get update \\\n && apt-get install --no-install-recommends -y a \\\n && apt-get install -y --no-install-recommends b && apt install --no-install-recommends c\n"
        );
        assert_eq!(
            fixed(check, "FROM d\nRUN <<EOF\napt-get install -y x\nEOF\n"),
            "FROM d\nRUN <<EOF\napt-get install --no-install-recommends -y x\nEOF\n"
        );
    }
}
