//! SF021 `relative_workdir`.
//!
//! ## What it does
//! Checks for a `WORKDIR` whose path is relative (`WORKDIR app`, `WORKDIR ./src`).
//!
//! ## Why is this bad?
//! A relative `WORKDIR` resolves against the working directory already in force,
//! which often comes from the base image: `WORKDIR app` is `/go/app` on `golang`,
//! `/var/www/html/app` on `php` and `/app` on `debian`. The same line means a
//! different folder when the base changes — for instance when the stage is moved
//! onto a slim runtime, where `COPY --from=… /go/app` then finds nothing, or a
//! relative `CMD ["./server"]` no longer finds its binary.
//!
//! ## Example
//! ```dockerfile
//! FROM golang:1.22
//! WORKDIR src
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM golang:1.22
//! WORKDIR /go/src
//! ```
//!
//! ## Fix safety
//! Safe when the directory in force is known: an earlier absolute `WORKDIR` in the
//! stage, `scratch`, or a base image whose working directory Slimfile knows
//! ([`crate::engine::sizes::base_workdir`]); the fix writes the same folder as an
//! absolute path. Otherwise there is no fix.
//!
//! ## hadolint
//! DL3000: a path is absolute when, after dropping double quotes, it starts with
//! `/`, with a variable (`$`), or with a Windows drive (`C:`). Intentional
//! difference: single quotes are dropped too (hadolint 2.15.1 stops with an
//! internal error on `WORKDIR 'a'`).

use super::shell;
use super::{Context, Edit, Finding, Fix};
use crate::engine::model;
use crate::engine::sizes;

pub const CODE: &str = "SF021";

pub fn check(ctx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for stage in &ctx.model.stages {
        // The working directory in force at the start of the stage, when known.
        let mut wd: Option<String> = match ctx.model.stage_ref(&stage.from, stage.index) {
            Some(_) => None,
            None => sizes::parse_image_ref(&stage.from)
                .as_ref()
                .and_then(sizes::base_workdir)
                .map(str::to_string),
        };
        for &i in &stage.body {
            let Some(ins) = ctx.parsed.instructions.get(i) else {
                continue;
            };
            if ins.keyword != "WORKDIR" {
                continue;
            }
            let path = unquoted(ins.args.trim());
            if is_absolute(path) {
                wd = (!path.contains('$')).then(|| model::normalise_path(path));
                continue;
            }
            let resolved = wd
                .as_deref()
                .filter(|_| !path.contains('$') && !path.starts_with('~'))
                .map(|w| model::join_path(w, path));
            let fix = resolved.as_ref().and_then(|abs| {
                let span = arg_span(ctx.text, ins)?;
                shell::checked(
                    ctx,
                    Fix {
                        title: format!("Use WORKDIR {abs}"),
                        edits: vec![Edit {
                            start: span.0,
                            end: span.1,
                            replacement: abs.clone(),
                        }],
                        safe: true,
                    },
                )
            });
            let message = match &resolved {
                Some(abs) => format!(
                    "relative `WORKDIR {path}` means `{abs}` here, and another folder on \
                     another base image: write `WORKDIR {abs}`"
                ),
                None => format!(
                    "relative `WORKDIR {path}` resolves against the base image's working \
                     directory: write the absolute path"
                ),
            };
            out.push(shell::finding(CODE, ins, message, Some("DL3000"), fix));
            wd = resolved;
        }
    }
    out
}

fn unquoted(s: &str) -> &str {
    let t = s.trim_matches('"');
    if t.len() >= 2 && t.starts_with('\'') && t.ends_with('\'') {
        &t[1..t.len() - 1]
    } else {
        t
    }
}

fn is_absolute(p: &str) -> bool {
    let b = p.as_bytes();
    p.starts_with('/')
        || p.starts_with('$')
        || (b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':')
}

/// Byte span of the WORKDIR argument in the text, when it is written on one line
/// exactly as parsed.
fn arg_span(text: &str, ins: &crate::engine::syntax::Instruction) -> Option<(usize, usize)> {
    let src = text.get(ins.start_offset..ins.end_offset)?;
    let args = ins.args.trim();
    if args.is_empty() || src.contains('\n') {
        return None;
    }
    let at = src.rfind(args)?;
    Some((ins.start_offset + at, ins.start_offset + at + args.len()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rules::shell::{fixed, run_rule};

    #[test]
    fn fires_on_relative_paths_like_hadolint() {
        for w in ["pty", "\"pty\"", "~/x", "./a", "'a'"] {
            let text = format!("FROM scratch\nWORKDIR {w}\n");
            let f = run_rule(check, &text);
            assert_eq!(f.len(), 1, "{text}");
            assert_eq!(f[0].hadolint, Some("DL3000"));
        }
        for w in ["/app", "\"/a\"", "$X/y", "${X}", "C:\\\\x", "c:/x"] {
            let text = format!("FROM scratch\nWORKDIR {w}\n");
            assert!(run_rule(check, &text).is_empty(), "{text}");
        }
    }

    #[test]
    fn fix_uses_the_directory_in_force() {
        assert_eq!(
            fixed(check, "FROM golang:1.22\nWORKDIR pty\n"),
            "FROM golang:1.22\nWORKDIR /go/pty\n"
        );
        assert_eq!(
            fixed(check, "FROM scratch\nWORKDIR ./app/\n"),
            "FROM scratch\nWORKDIR /app\n"
        );
        assert_eq!(
            fixed(check, "FROM debian\nWORKDIR /srv\nWORKDIR \"web\"\n"),
            "FROM debian\nWORKDIR /srv\nWORKDIR /srv/web\n"
        );
        // Chained relative WORKDIRs resolve one after the other.
        let text = "FROM php:8-cli\nWORKDIR a\nWORKDIR b\n";
        let f = run_rule(check, text);
        assert_eq!(f.len(), 2);
        assert_eq!(
            f[1].fix.as_ref().unwrap().apply(text),
            "FROM php:8-cli\nWORKDIR a\nWORKDIR /var/www/html/a/b\n"
        );
    }

    #[test]
    fn no_fix_when_the_directory_is_unknown() {
        for text in [
            "FROM myorg/builder:1\nWORKDIR app\n",
            "FROM debian AS a\nFROM a\nWORKDIR app\n",
            "FROM debian\nWORKDIR $HOME\nWORKDIR app\n",
            "FROM debian\nWORKDIR \\\n  app\n",
        ] {
            let f = run_rule(check, text);
            assert_eq!(f.len(), 1, "{text}");
            assert!(f[0].fix.is_none(), "{text}");
        }
    }
}
