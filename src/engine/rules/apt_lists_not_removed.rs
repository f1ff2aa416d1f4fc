//! SF001 `apt_lists_not_removed`.
//!
//! ## What it does
//! Checks for a `RUN` that runs `apt-get update` (or `apt update`) without
//! removing `/var/lib/apt/lists` in the same `RUN`.
//!
//! ## Why is this bad?
//! `apt-get update` downloads the package lists into `/var/lib/apt/lists`: tens of
//! megabytes that nothing in the running container needs. A layer keeps every file
//! it writes, so the lists must be removed by the same `RUN` that fetched them; a
//! later `rm` only hides them (see SF008).
//!
//! Only stages whose files reach the image are checked: the last stage and the
//! stages it is built `FROM`, transitively. Lists left in a builder stage that the
//! final stage only copies from cost nothing.
//!
//! ## Example
//! ```dockerfile
//! FROM debian:12
//! RUN apt-get update && apt-get install -y --no-install-recommends curl
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM debian:12
//! RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
//! ```
//! A `RUN --mount=type=cache,target=/var/lib/apt/lists` (or cache mounts on both
//! `/var/lib/apt` and `/var/cache/apt`) keeps the lists out of the layer too and is
//! not reported.
//!
//! ## Fix safety
//! Safe: the fix appends ` && rm -rf /var/lib/apt/lists/*` to the command line
//! (before a trailing comment or `;`), or, for `RUN <<EOF`, adds that line before
//! the terminator. Nothing installed reads the lists; a later `apt-get install`
//! needs its own `apt-get update`, which it needs anyway in a fresh build.
//! No fix is offered for exec form or when the command line ends dangling.
//!
//! ## hadolint
//! DL3009, which fires on `apt-get update` in the last stage or in a stage whose
//! name a later `FROM` uses. Intentional differences:
//! - cleanup must name `/var/lib/apt/lists` (an `rm` of a path under it, of
//!   `/var/lib/apt` itself, or a `find … -delete` there). hadolint accepts any `rm`
//!   that has a `-rf` argument, so `rm -rf /tmp/build` silences it. `apt-get
//!   dist-clean` (apt 2.9+, Debian trixie) removes the lists and counts as cleanup;
//!   hadolint does not know it.
//! - a stage used as the base of a stage that is itself not in the image is not
//!   checked (hadolint checks it).
//! - `apt update` counts like `apt-get update`; heredoc `RUN`s are read (hadolint
//!   2.15.1 cannot parse them).

use super::shell;
use super::{Context, Finding, Fix};

pub const CODE: &str = "SF001";
const LISTS: &str = "/var/lib/apt/lists";

pub fn check(ctx: &Context) -> Vec<Finding> {
    let stage_of = shell::stage_of(ctx);
    let in_image = shell::final_chain(ctx);
    let mut out = Vec::new();
    for (i, ins) in ctx.parsed.instructions.iter().enumerate() {
        if !shell::is_run(ins, true) {
            continue;
        }
        if let Some(Some(s)) = stage_of.get(i) {
            if !in_image.get(*s).copied().unwrap_or(true) {
                continue;
            }
        }
        if shell::mounts_dir(ins, LISTS)
            || (shell::mounts_dir(ins, "/var/lib/apt") && shell::mounts_dir(ins, "/var/cache/apt"))
        {
            continue;
        }
        let script = shell::script(ctx, ins);
        let updates = script
            .commands
            .iter()
            .any(|c| (c.is("apt-get") || c.is("apt")) && c.has_arg("update"));
        if !updates || script.commands.iter().any(removes_lists) {
            continue;
        }
        let fix = script
            .append("rm -rf /var/lib/apt/lists/*")
            .and_then(|edit| {
                shell::checked(
                    ctx,
                    Fix {
                        title: "Remove /var/lib/apt/lists in the same RUN".into(),
                        edits: vec![edit],
                        safe: true,
                    },
                )
            });
        out.push(shell::finding(
            CODE,
            ins,
            "`apt-get update` leaves the package lists in this layer: add \
             `rm -rf /var/lib/apt/lists/*` to the same RUN"
                .into(),
            Some("DL3009"),
            fix,
        ));
    }
    out
}

/// `rm -rf /var/lib/apt/lists/*`, `rm -r /var/lib/apt`, `find /var/lib/apt/lists -delete`,
/// `apt-get dist-clean`.
pub(crate) fn removes_lists(c: &shell::Cmd) -> bool {
    let names_lists = |p: &str| {
        let p = p.trim_end_matches(['*', '/']);
        p.starts_with(LISTS) || p == "/var/lib/apt"
    };
    if (c.is("apt-get") || c.is("apt")) && c.args().first().is_some_and(|w| w.text == "dist-clean")
    {
        true // apt 2.9+: removes the lists and the package cache
    } else if c.is("rm") {
        c.args()
            .iter()
            .any(|w| !w.text.starts_with('-') && names_lists(&w.text))
    } else if c.is("find") {
        c.args().first().is_some_and(|w| names_lists(&w.text))
            && (c.has_arg("-delete") || c.has_arg("-exec"))
    } else {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rules::shell::{fixed, run_rule};

    #[test]
    fn fires_on_update_without_cleanup() {
        let f = run_rule(
            check,
            "FROM debian:12\nRUN apt-get update && \\\n    apt-get install -y curl\n",
        );
        assert_eq!(f.len(), 1);
        assert_eq!((f[0].line, f[0].end_line), (2, 3));
        assert_eq!(f[0].hadolint, Some("DL3009"));
        assert!(f[0].fix.as_ref().unwrap().safe);
    }

    #[test]
    fn quiet_when_cleaned_or_cached() {
        for text in [
            "FROM d\nRUN apt-get update && apt-get install -y x && rm -rf /var/lib/apt/lists/*\n",
            "FROM d\nRUN apt-get update && apt-get install -y x \\\n && rm -fr /var/lib/apt/lists\n",
            "FROM d\nRUN --mount=type=cache,target=/var/lib/apt/lists apt-get update\n",
            "FROM d\nRUN --mount=type=cache,target=/var/lib/apt --mount=type=cache,target=/var/cache/apt apt-get update\n",
            "FROM d\nRUN apt-get install -y x\n",
            "FROM d\nRUN apt-get update; apt-get install -y x; apt-get dist-clean\n",
            "FROM d\nRUN echo apt-get update\n",
            // a builder stage the image only copies from
            "FROM d AS build\nRUN apt-get update\nFROM d\nCOPY --from=build /x /x\n",
        ] {
            assert!(run_rule(check, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn checks_base_stages_and_heredocs() {
        let text = "FROM d AS base\nRUN apt-get update\nFROM base\nRUN <<EOF\napt-get update\napt-get install -y x\nEOF\n";
        let f = run_rule(check, text);
        assert_eq!(f.iter().map(|f| f.line).collect::<Vec<_>>(), vec![2, 4]);
        // a cleanup elsewhere does not count
        assert_eq!(
            run_rule(check, "FROM d\nRUN apt-get update && rm -rf /tmp/x\n").len(),
            1
        );
    }

    #[test]
    fn fix_appends_keeping_formatting() {
        assert_eq!(
            fixed(check, "FROM d\nRUN apt-get update \\\n  && apt-get install -y x  # tools\n"),
            "FROM d\nRUN apt-get update \\\n  && apt-get install -y x && rm -rf /var/lib/apt/lists/*  # tools\n"
        );
        assert_eq!(
            fixed(check, "FROM d\nRUN <<EOF\nset -e\napt-get update\nEOF\n"),
            "FROM d\nRUN <<EOF\nset -e\napt-get update\nrm -rf /var/lib/apt/lists/*\nEOF\n"
        );
        assert_eq!(
            fixed(check, "FROM d\r\nRUN apt-get update;\r\n"),
            "FROM d\r\nRUN apt-get update && rm -rf /var/lib/apt/lists/*;\r\n"
        );
        let f = run_rule(check, "FROM d\nRUN [\"apt-get\", \"update\"]\n");
        assert_eq!(f.len(), 1);
        assert!(f[0].fix.is_none());
        assert_eq!(
            fixed(check, "FROM d\nRUN apt-get update && cat <<EOF > /etc/x\nbody\nEOF\n"),
            "FROM d\nRUN apt-get update && cat <<EOF > /etc/x && rm -rf /var/lib/apt/lists/*\nbody\nEOF\n"
        );
        let once = fixed(
            check,
            "FROM d\nRUN apt-get update && apt-get install -y x\n",
        );
        assert!(run_rule(check, &once).is_empty());
    }
}
