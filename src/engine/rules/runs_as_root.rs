//! SF019 `runs_as_root`.
//!
//! ## What it does
//! Checks which user the image runs as: the last `USER` of the final stage and the
//! stages it is built `FROM`. Reported when that `USER` is root (`root`, `0`,
//! `root:…`, `0:…`), or when there is no `USER` at all. Bases known to run as
//! another user are not reported without a `USER`: distroless `:nonroot` tags,
//! Chainguard images, .NET `chiseled` images, `*-unprivileged` images, and Windows
//! images (whose users are not Linux users).
//!
//! ## Why is this bad?
//! A process running as root in a container is root on the container's files and,
//! after any escape, much closer to root on the host. Most services need no
//! privileges once their files are in place.
//!
//! ## Example
//! ```dockerfile
//! FROM gcr.io/distroless/static-debian12
//! COPY app /app
//! ENTRYPOINT ["/app"]
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM gcr.io/distroless/static-debian12
//! COPY app /app
//! USER 65534:65534
//! ENTRYPOINT ["/app"]
//! ```
//!
//! ## Fix safety
//! No fix: a `USER` line is a new instruction (fixes only edit instructions), and
//! which user the program can run as is the author's call. For `scratch` and
//! distroless images, which have no user to create, `USER 65534:65534` (nobody)
//! before the `CMD`/`ENTRYPOINT` usually works.
//!
//! ## hadolint
//! DL3002, recorded only for an explicit root `USER` (hadolint says nothing when
//! there is no `USER`). Intentional difference: hadolint reports the last root
//! `USER` of every stage; only the user the image runs as is reported here, so a
//! builder stage that stays root is not.

use super::shell;
use super::{Context, Finding};
use crate::engine::sizes;

pub const CODE: &str = "SF019";

pub fn check(ctx: &Context) -> Vec<Finding> {
    let ships = shell::ships(ctx);
    let last_user = ctx
        .parsed
        .instructions
        .iter()
        .enumerate()
        .rev()
        .find(|(i, ins)| ins.keyword == "USER" && ships.get(*i).copied().unwrap_or(false))
        .map(|(_, ins)| ins);
    if let Some(ins) = last_user {
        if !shell::is_root_user(&ins.args) {
            return Vec::new();
        }
        let msg = format!(
            "the image runs as root (`USER {}`): switch to an unprivileged user for the \
             last steps",
            ins.args.trim()
        );
        return vec![shell::finding(CODE, ins, msg, Some("DL3002"), None)];
    }
    let (Some(root), Some(last)) = (shell::chain_root(ctx), ctx.model.stages.last()) else {
        return Vec::new();
    };
    let r = sizes::parse_image_ref(&root.from);
    let (name, tag) = r
        .as_ref()
        .map(|r| (r.name.as_str(), r.tag.as_str()))
        .unwrap_or_default();
    let hay = format!("{name}:{tag}");
    let unprivileged = [
        "nonroot",
        "chainguard",
        "chiseled",
        "unprivileged",
        "windows",
        "nanoserver",
        "servercore",
    ];
    if unprivileged.iter().any(|w| hay.contains(w)) {
        return Vec::new();
    }
    let Some(from) = ctx.parsed.instructions.get(last.from_instr) else {
        return Vec::new();
    };
    let hint = if name == "scratch" || name.starts_with("gcr.io/distroless/") {
        " (`USER 65534:65534` needs no user in the image)"
    } else {
        ""
    };
    vec![shell::finding(
        CODE,
        from,
        format!(
            "the image runs as root (no `USER`): add a `USER` with an unprivileged user \
             before `CMD`/`ENTRYPOINT`{hint}"
        ),
        None,
        None,
    )]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rules::shell::run_rule;

    #[test]
    fn fires_on_root() {
        let f = run_rule(check, "FROM debian\nUSER app\nRUN x\nUSER root\n");
        assert_eq!((f[0].line, f[0].hadolint), (4, Some("DL3002")));
        let f = run_rule(check, "FROM d AS base\nUSER 0:0\nFROM base\nRUN x\n");
        assert_eq!((f[0].line, f[0].hadolint), (2, Some("DL3002")));
        let f = run_rule(check, "FROM debian:12\nRUN x\n");
        assert_eq!((f[0].line, f[0].hadolint), (1, None));
        assert!(f[0].fix.is_none());
    }

    #[test]
    fn hints_a_numeric_user_for_scratch_and_distroless() {
        let f = run_rule(
            check,
            "FROM golang AS b\nFROM scratch\nCOPY --from=b /app /app\nENTRYPOINT [\"/app\"]\n",
        );
        assert_eq!(f[0].line, 2);
        assert!(f[0].message.contains("65534"), "{}", f[0].message);
        assert!(f[0].fix.is_none());
    }

    #[test]
    fn quiet_for_other_users() {
        for text in [
            "FROM debian\nUSER root\nRUN x\nUSER app\n",
            "FROM debian\nUSER 1000:1000\n",
            "FROM d AS base\nUSER app\nFROM base\n",
            "FROM gcr.io/distroless/static-debian12:nonroot\n",
            "FROM cgr.dev/chainguard/static\n",
            "FROM mcr.microsoft.com/dotnet/runtime:8.0-jammy-chiseled\n",
            "FROM mcr.microsoft.com/windows/servercore:ltsc2022\n",
            "FROM debian AS b\nUSER root\nFROM scratch\nUSER 1\n",
        ] {
            assert!(run_rule(check, text).is_empty(), "{text}");
        }
    }
}
