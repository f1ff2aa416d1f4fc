//! SF025 `archive_left_in_layer`.
//!
//! ## What it does
//! Checks, in the stages that reach the image, for a `RUN` that downloads an archive to
//! a file (`curl -o`, `curl -O`, `wget`), unpacks it (`tar -x`, `unzip`) and does not
//! delete it in the same `RUN`.
//!
//! ## Why is this bad?
//! The archive stays in the layer next to what it unpacked: the image ships the
//! download twice, once compressed. A `rm` in a later `RUN` saves nothing, since the
//! layer that wrote the file keeps it. For a Go release that is tens of MB.
//!
//! ## Example
//! ```dockerfile
//! RUN wget https://go.dev/dl/go1.22.4.linux-amd64.tar.gz \
//!  && tar -C /usr/local -xzf go1.22.4.linux-amd64.tar.gz
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! RUN wget https://go.dev/dl/go1.22.4.linux-amd64.tar.gz \
//!  && tar -C /usr/local -xzf go1.22.4.linux-amd64.tar.gz \
//!  && rm -f go1.22.4.linux-amd64.tar.gz
//! ```
//! or pipe the download into `tar` (`curl -fsSL URL | tar -xz -C /usr/local`).
//!
//! ## Fix safety
//! Safe when no later instruction names the archive: the fix appends `rm -f ARCHIVE`
//! after everything else in the `RUN`. Offered as unsafe when a later instruction names
//! it, or when the name is relative and the `RUN` changes directory (`cd`, a heredoc
//! script), since the `rm` may then run elsewhere.
//!
//! ## hadolint
//! None.

use super::shell;
use super::{Context, Finding, Fix};
use crate::engine::model;

pub const CODE: &str = "SF025";

const ARCHIVES: [&str; 9] = [
    ".tar.gz", ".tgz", ".tar.xz", ".txz", ".tar.bz2", ".tbz2", ".tar.zst", ".tar", ".zip",
];

fn name(p: &str) -> &str {
    p.rsplit('/').next().unwrap_or(p)
}

/// A word as the shell reads it back: bare when plain, else in double quotes (which keep
/// `$VAR` working).
fn quoted(w: &str) -> String {
    if w.chars()
        .all(|c| c.is_ascii_alphanumeric() || "._/-+:@%=${}".contains(c))
    {
        w.to_string()
    } else {
        format!("\"{}\"", w.replace(['"', '\\'], ""))
    }
}

pub fn check(ctx: &Context) -> Vec<Finding> {
    let ships = shell::ships(ctx);
    let scopes = shell::scopes(ctx);
    let mut out = Vec::new();
    for (i, ins) in ctx.parsed.instructions.iter().enumerate() {
        if !ships.get(i).copied().unwrap_or(false) || !shell::is_run(ins, false) {
            continue;
        }
        let wd = scopes.get(i).map_or("/", |s| s.workdir());
        let script = shell::script(ctx, ins);
        let argvs: Vec<Vec<String>> = script
            .commands
            .iter()
            .map(|c| c.argv.iter().map(|w| w.text.clone()).collect())
            .collect();
        let mut left: Vec<String> = Vec::new();
        for (k, argv) in argvs.iter().enumerate() {
            let Some((_, Some(file))) = model::download(argv) else {
                continue;
            };
            let lower = file.to_ascii_lowercase();
            if !ARCHIVES.iter().any(|e| lower.ends_with(e)) || left.contains(&file) {
                continue;
            }
            let later = &argvs[k + 1..];
            let unpacked = later.iter().any(|a| {
                let unzip = a.first().is_some_and(|p| name(p) == "unzip")
                    && a.iter().skip(1).any(|w| name(w) == name(&file));
                let tar = model::tar_extract(a)
                    .and_then(|t| t.file)
                    .is_some_and(|f| name(&f) == name(&file));
                unzip || tar
            });
            let deleted = later.iter().any(|a| model::rm_covers(a, &file, wd));
            if unpacked && !deleted {
                left.push(file);
            }
        }
        if left.is_empty() {
            continue;
        }
        let named_later = ctx.parsed.instructions[i + 1..]
            .iter()
            .any(|n| left.iter().any(|f| n.args.contains(name(f))));
        // The appended `rm` runs where the RUN ends: after a `cd` (or in a heredoc script,
        // which may `cd`) a relative name may not be there.
        let moves =
            script.line_at.is_some() || script.commands.iter().any(|c| c.is("cd") || c.is("pushd"));
        let relative = left.iter().any(|f| !f.starts_with('/'));
        let words: Vec<String> = left.iter().map(|f| quoted(f)).collect();
        let fix = script
            .append(&format!("rm -f {}", words.join(" ")))
            .map(|edit| Fix {
                title: format!("Delete {} in the same RUN", left.join(", ")),
                edits: vec![edit],
                safe: !(named_later || (moves && relative)),
            })
            .and_then(|f| shell::checked(ctx, f));
        out.push(shell::finding(
            CODE,
            ins,
            format!(
                "the downloaded archive {} stays in the layer after it is unpacked: `rm` it in \
                 the same RUN, or pipe the download into `tar`",
                left.iter()
                    .map(|f| format!("`{}`", name(f)))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            None,
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
        assert_eq!(
            fixed(
                check,
                "FROM debian:bookworm-slim\nRUN wget https://go.dev/dl/go1.22.4.linux-amd64.tar.gz && tar -C /usr/local -xzf go1.22.4.linux-amd64.tar.gz\n"
            ),
            "FROM debian:bookworm-slim\nRUN wget https://go.dev/dl/go1.22.4.linux-amd64.tar.gz && tar -C /usr/local -xzf go1.22.4.linux-amd64.tar.gz && rm -f go1.22.4.linux-amd64.tar.gz\n"
        );
        let f = run_rule(
            check,
            "FROM alpine\nRUN curl -fsSLo /tmp/t.zip https://x/t.zip && unzip /tmp/t.zip -d /opt\nRUN ls /tmp/t.zip\n",
        );
        assert_eq!(f.len(), 1);
        // A later instruction names it: the fix is offered, not applied with the safe ones.
        assert!(!f[0].fix.as_ref().unwrap().safe);
        // A `cd` first: a relative name may be elsewhere when the appended rm runs.
        let f = run_rule(
            check,
            "FROM a\nRUN cd /tmp && wget https://x/a.tgz && tar xzf a.tgz\n",
        );
        assert!(!f[0].fix.as_ref().unwrap().safe);
        // Names with spaces are quoted; old-style tar reads its archive.
        assert_eq!(
            fixed(check, "FROM a\nRUN curl -o \"/tmp/my dl.tgz\" https://x/a.tgz && tar xvfz \"/tmp/my dl.tgz\"\n"),
            "FROM a\nRUN curl -o \"/tmp/my dl.tgz\" https://x/a.tgz && tar xvfz \"/tmp/my dl.tgz\" && rm -f \"/tmp/my dl.tgz\"\n"
        );
        // An rm of another directory's files does not delete a relative download.
        assert_eq!(
            run_rule(check, "FROM a\nWORKDIR /app\nRUN wget https://x/a.tgz && tar xzf a.tgz && rm -rf /tmp/*\n").len(),
            1
        );
    }

    #[test]
    fn quiet_when_deleted_piped_not_unpacked_or_not_shipped() {
        for text in [
            "FROM a\nRUN curl -fsSLO https://x/a.tgz && tar xzf a.tgz && rm a.tgz\n",
            "FROM a\nRUN wget -q https://x/a.tar.gz && tar xzf a.tar.gz -C /o && rm -rf *.tar.gz\n",
            "FROM a\nWORKDIR /tmp\nRUN wget -q https://x/a.tar.gz && tar xzf a.tar.gz && rm -rf /tmp/*\n",
            "FROM a\nRUN curl -fsSL https://x/a.tgz | tar -xz -C /opt\n",
            "FROM a\nRUN wget -qO- https://x/a.tgz | tar -xz\n",
            "FROM a\nRUN curl -fsSLo /usr/local/bin/jq https://x/jq && chmod +x /usr/local/bin/jq\n",
            "FROM a\nRUN wget https://x/a.tgz\n",
            "FROM a AS build\nRUN wget https://x/a.tgz && tar xzf a.tgz\nFROM b\nCOPY --from=build /a /a\n",
        ] {
            assert!(run_rule(check, text).is_empty(), "{text}");
        }
    }
}
