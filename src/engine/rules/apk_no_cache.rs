//! SF003 `apk_no_cache`.
//!
//! ## What it does
//! Checks for `apk add` without `--no-cache`.
//!
//! ## Why is this bad?
//! Without `--no-cache`, `apk add` needs an index fetched by `apk update` (or
//! `--update`), which stays in `/var/cache/apk` in the layer — a few megabytes on
//! an image that is often only a few megabytes itself. `--no-cache` fetches the
//! index to a temporary place and keeps nothing.
//!
//! ## Example
//! ```dockerfile
//! FROM alpine:3.20
//! RUN apk update && apk add curl
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM alpine:3.20
//! RUN apk add --no-cache curl
//! ```
//!
//! ## Fix safety
//! Safe: the fix inserts ` --no-cache` after `add`. The same packages are
//! installed; only the index is not kept. (A remaining `apk update` still writes its
//! cache; remove it by hand.)
//!
//! ## hadolint
//! DL3019: same trigger (an `apk` command with an `add` argument and no
//! `--no-cache` flag). Intentional differences: `/sbin/apk add` is read too,
//! heredoc `RUN`s are read, and a `RUN` with a cache mount on `/var/cache/apk` (as
//! `docker init`'s Go template writes) is not reported.

use super::shell;
use super::{Context, Finding};

pub const CODE: &str = "SF003";

pub fn check(ctx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for ins in &ctx.parsed.instructions {
        // A cache mount on /var/cache/apk keeps the index out of the layer.
        if !shell::is_run(ins, true) || shell::mounts_dir(ins, "/var/cache/apk") {
            continue;
        }
        let script = shell::script(ctx, ins);
        let offenders: Vec<&shell::Cmd> = script
            .commands
            .iter()
            .filter(|c| c.is("apk") && c.has_arg("add") && !c.has_flag("no-cache"))
            .collect();
        if offenders.is_empty() {
            continue;
        }
        let fix = shell::insert_after_verb(ctx, &offenders, "add", "--no-cache", true);
        out.push(shell::finding(
            CODE,
            ins,
            "`apk add` without `--no-cache` keeps the package index in the layer: add \
             `--no-cache`"
                .into(),
            Some("DL3019"),
            fix,
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rules::shell::{fixed, run_rule};

    #[test]
    fn fires_and_fixes() {
        let f = run_rule(
            check,
            "FROM alpine:3\nRUN apk update && apk add --virtual .b gcc\n",
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].hadolint, Some("DL3019"));
        assert_eq!(
            fixed(check, "FROM alpine:3\nRUN apk add \\\n    curl\n"),
            "FROM alpine:3\nRUN apk add --no-cache \\\n    curl\n"
        );
        assert_eq!(
            fixed(check, "FROM a\nRUN set -eux; apk add -U a; apk add b\n"),
            "FROM a\nRUN set -eux; apk add --no-cache -U a; apk add --no-cache b\n"
        );
    }

    #[test]
    fn quiet_with_no_cache() {
        for text in [
            "FROM a\nRUN apk add --no-cache curl\n",
            "FROM a\nRUN apk --no-cache add curl\n",
            "FROM a\nRUN apk del curl\n",
            "FROM a\nRUN echo apk add\n",
            "FROM a\nRUN --mount=type=cache,target=/var/cache/apk apk --update add curl\n",
        ] {
            assert!(run_rule(check, text).is_empty(), "{text}");
        }
    }
}
