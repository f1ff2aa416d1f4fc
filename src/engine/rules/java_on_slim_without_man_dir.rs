//! SF022 `java_on_slim_without_man_dir`.
//!
//! ## What it does
//! Checks for an `apt-get install` of a Java package (`openjdk-17-jre-headless`,
//! `default-jdk`, `ca-certificates-java`…) on a Debian `-slim` image (debian, python,
//! node, ruby… `*-slim` up to bookworm) when nothing made `/usr/share/man/man1` first.
//!
//! ## Why is this bad?
//! The build fails. The slim images delete `/usr/share/man`, and the Java packages'
//! install script registers `java` with `update-alternatives`, which links the man
//! page into `/usr/share/man/man1`: dpkg stops with "error creating symbolic link
//! '/usr/share/man/man1/java.1.gz.dpkg-tmp': No such file or directory" and apt
//! exits 100. Seen building `bench/oracle-rewrites/java-debian` on bookworm-slim.
//!
//! ## Example
//! ```dockerfile
//! FROM debian:bookworm-slim
//! RUN apt-get update && apt-get install -y openjdk-17-jre-headless
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM debian:bookworm-slim
//! RUN apt-get update && mkdir -p /usr/share/man/man1 && apt-get install -y openjdk-17-jre-headless
//! ```
//!
//! ## Fix safety
//! Safe: the fix adds `mkdir -p /usr/share/man/man1 && ` before the install command,
//! which only creates an empty directory.
//!
//! ## Size
//! None: the image is the same size; the build works.
//!
//! ## hadolint
//! No counterpart.

use super::shell;
use super::{Context, Edit, Finding, Fix};
use crate::engine::sizes;

pub const CODE: &str = "SF022";

/// The newest Debian release whose slim images are known to hit this (trixie not checked).
const LAST_RELEASE: u32 = 12;

pub fn check(ctx: &Context) -> Vec<Finding> {
    let stage_of = shell::stage_of(ctx);
    let mut made: Vec<bool> = vec![false; ctx.model.stages.len()];
    let mut out = Vec::new();
    for (i, ins) in ctx.parsed.instructions.iter().enumerate() {
        let Some(stage) = stage_of
            .get(i)
            .copied()
            .flatten()
            .and_then(|s| ctx.model.stages.get(s))
        else {
            continue;
        };
        if !shell::is_run(ins, false) {
            continue;
        }
        let script = shell::script(ctx, ins);
        for c in &script.commands {
            if makes_man_dir(c) {
                made[stage.index] = true;
            }
            if made[stage.index] || !installs_java(c) {
                continue;
            }
            let Some(image) = slim_debian(ctx, stage.index) else {
                break;
            };
            let first = c.env.first().or(c.argv.first());
            let fix = first.filter(|w| w.spanned).and_then(|w| {
                shell::checked(
                    ctx,
                    Fix {
                        title: "Create /usr/share/man/man1 before the install".into(),
                        edits: vec![Edit {
                            start: w.start,
                            end: w.start,
                            replacement: "mkdir -p /usr/share/man/man1 && ".into(),
                        }],
                        safe: true,
                    },
                )
            });
            out.push(shell::finding(
                CODE,
                ins,
                format!(
                    "installing Java on {image} fails: the slim image has no \
                     /usr/share/man/man1, where the package's update-alternatives links \
                     java's man page; run `mkdir -p /usr/share/man/man1` first"
                ),
                None,
                fix,
            ));
            // One finding per stage: the fix makes the directory for what follows.
            made[stage.index] = true;
        }
    }
    out
}

fn installs_java(c: &shell::Cmd) -> bool {
    (c.is("apt-get") || c.is("apt"))
        && c.has_arg("install")
        && c.args().iter().any(|w| {
            let p = w.text.split('=').next().unwrap_or("");
            p.starts_with("openjdk-")
                || p.starts_with("default-jre")
                || p.starts_with("default-jdk")
                || p == "ca-certificates-java"
        })
}

fn makes_man_dir(c: &shell::Cmd) -> bool {
    c.is("mkdir")
        && c.args().iter().any(|w| {
            w.text
                .trim_matches(['"', '\''])
                .starts_with("/usr/share/man/man1")
        })
}

/// The stage's base when it is a Debian slim image of a release known to lack the
/// directory (its tag or the base-image table names the release).
fn slim_debian(ctx: &Context, stage: usize) -> Option<String> {
    let mut s = ctx.model.stages.get(stage)?;
    // A stage built on an earlier stage has that stage's base.
    while let Some(parent) = ctx.model.stage_ref(&s.from, s.index) {
        s = parent;
    }
    let r = sizes::parse_image_ref(&s.from)?;
    if !r.tag.contains("slim") {
        return None;
    }
    let resolved = sizes::lookup_base_at(&r, ctx.as_of)
        .and_then(|m| m.row.map(|row| row.resolved.to_string()))
        .unwrap_or_default();
    let text = format!("{} {}", r.tag, resolved);
    let named = sizes::DEBIAN_RELEASES
        .iter()
        .any(|(c, n)| (9..=LAST_RELEASE).contains(n) && text.contains(c));
    let numbered = r.name == "debian"
        && sizes::debian_release_of_number(&r.tag)
            .is_some_and(|(_, n)| (9..=LAST_RELEASE).contains(&n));
    (named || numbered).then(|| r.display())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rules::shell::{fixed, run_rule};

    #[test]
    fn fires_on_slim_debian_images_up_to_bookworm() {
        for text in [
            "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y openjdk-17-jre-headless\n",
            "FROM debian:12-slim\nRUN apt-get install -y default-jdk-headless\n",
            "FROM python:3.11-slim-bookworm AS b\nFROM b\nRUN apt-get install -y ca-certificates-java\n",
        ] {
            assert_eq!(run_rule(check, text).len(), 1, "{text}");
        }
    }

    #[test]
    fn quiet_when_the_directory_is_made_or_the_image_is_not_slim() {
        for text in [
            "FROM debian:bookworm-slim\nRUN mkdir -p /usr/share/man/man1 && apt-get install -y openjdk-17-jre-headless\n",
            "FROM debian:bookworm-slim\nRUN mkdir -p /usr/share/man/man1\nRUN apt-get install -y openjdk-17-jre-headless\n",
            "FROM debian:bookworm\nRUN apt-get install -y openjdk-17-jre-headless\n",
            "FROM debian:bookworm-slim\nRUN apt-get install -y curl\n",
            "FROM eclipse-temurin:17\nRUN apt-get install -y openjdk-17-jre-headless\n",
        ] {
            assert!(run_rule(check, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn fix_makes_the_directory_right_before_the_install() {
        assert_eq!(
            fixed(
                check,
                "FROM debian:bookworm-slim\nRUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y openjdk-17-jdk-headless\n"
            ),
            "FROM debian:bookworm-slim\nRUN apt-get update && mkdir -p /usr/share/man/man1 && DEBIAN_FRONTEND=noninteractive apt-get install -y openjdk-17-jdk-headless\n"
        );
    }
}
