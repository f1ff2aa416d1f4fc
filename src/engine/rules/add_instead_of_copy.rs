//! SF007 `add_instead_of_copy`.
//!
//! ## What it does
//! Checks for `ADD` of local files or folders: sources that are neither URLs nor
//! archives.
//!
//! ## Why is this bad?
//! `ADD` does more than copy: it fetches URLs and unpacks local archives. For plain
//! files it behaves like `COPY`, but the reader (and a reviewer of the image size)
//! cannot tell whether something gets downloaded or unpacked. `COPY` says what
//! happens.
//!
//! ## Example
//! ```dockerfile
//! ADD . /app
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! COPY . /app
//! ```
//!
//! ## Fix safety
//! Safe: the fix replaces the keyword `ADD` by `COPY` (keeping its case), which does
//! the same for local files and folders. When a source contains a variable (which
//! could expand to a URL or an archive) the fix is marked unsafe; when `ADD` has a
//! flag `COPY` does not take (`--checksum`, `--keep-git-dir`, `--unpack`) there is
//! no fix.
//!
//! ## hadolint
//! DL3020: reported unless every source ends with an archive extension (`.tar`,
//! `.gz`, `.bz2`, `.xz`, `.tgz`, …) or starts with `http://`/`https://`. Intentional
//! differences: Git sources (`git@…`, `git://…`, `ssh://…`, `….git`) are not
//! reported, since `COPY` cannot fetch them; `.zst`/`.tzst` count as archives (ADD
//! unpacks zstd too).

use super::shell;
use super::{Context, Edit, Finding, Fix};

pub const CODE: &str = "SF007";

const ARCHIVES: [&str; 17] = [
    ".tar", ".Z", ".bz2", ".gz", ".lz", ".lzma", ".tZ", ".tb2", ".tbz", ".tbz2", ".tgz", ".tlz",
    ".tpz", ".txz", ".xz", ".zst", ".tzst",
];

pub fn check(ctx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for ins in &ctx.parsed.instructions {
        if ins.keyword != "ADD" {
            continue;
        }
        let words = match &ins.json {
            Some(v) => v.clone(),
            // BuildKit splits ADD's shell form at whitespace, without quote processing.
            None => ins.args.split_whitespace().map(str::to_string).collect(),
        };
        let Some((_, sources)) = words.split_last() else {
            continue;
        };
        if sources.is_empty() || sources.iter().all(|s| is_archive(s) || is_remote(s)) {
            continue;
        }
        let blocked = ins.flags.iter().any(|f| {
            matches!(
                f.name.to_ascii_lowercase().as_str(),
                "checksum" | "keep-git-dir" | "unpack"
            )
        });
        let fix = if blocked {
            None
        } else {
            let keyword = ctx
                .text
                .get(ins.start_offset..ins.start_offset.saturating_add(3))
                .filter(|k| k.eq_ignore_ascii_case("ADD"));
            keyword.and_then(|k| {
                let replacement = if k == "add" { "copy" } else { "COPY" };
                shell::checked(
                    ctx,
                    Fix {
                        title: "Use COPY".into(),
                        edits: vec![Edit {
                            start: ins.start_offset,
                            end: ins.start_offset + 3,
                            replacement: replacement.into(),
                        }],
                        safe: !sources.iter().any(|s| s.contains('$')),
                    },
                )
            })
        };
        out.push(shell::finding(
            CODE,
            ins,
            "`ADD` of local files: use `COPY`, which only copies (ADD also fetches URLs \
             and unpacks archives)"
                .into(),
            Some("DL3020"),
            fix,
        ));
    }
    out
}

fn unquoted(s: &str) -> &str {
    s.trim_matches(['"', '\''])
}

fn is_archive(s: &str) -> bool {
    let s = unquoted(s);
    ARCHIVES.iter().any(|ext| s.ends_with(ext))
}

fn is_remote(s: &str) -> bool {
    let s = unquoted(s);
    let git = s.starts_with("git@")
        || s.starts_with("git://")
        || s.starts_with("ssh://")
        || s.ends_with(".git")
        || s.contains(".git#");
    s.starts_with("http://") || s.starts_with("https://") || git
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rules::shell::{fixed, run_rule};

    #[test]
    fn fires_on_local_files() {
        for text in [
            "FROM a\nADD . /app\n",
            "FROM a\nADD --chown=1:1 [\"a.txt\", \"b.tar\", \"/x/\"]\n",
            "FROM a\nADD app.zip /app\n",
        ] {
            let f = run_rule(check, text);
            assert_eq!(f.len(), 1, "{text}");
            assert_eq!(f[0].hadolint, Some("DL3020"));
        }
    }

    #[test]
    fn quiet_on_archives_and_urls() {
        for text in [
            "FROM a\nADD rootfs.tar.gz /\n",
            "FROM a\nADD https://example.com/x.bin /x\n",
            "FROM a\nADD [\"a.tar.xz\", \"http://e/b\", \"/x/\"]\n",
            "FROM a\nADD git@github.com:moby/buildkit.git /src\n",
            "FROM a\nCOPY . /app\n",
        ] {
            assert!(run_rule(check, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn fix_replaces_the_keyword() {
        assert_eq!(
            fixed(check, "FROM a\nADD . /app\n"),
            "FROM a\nCOPY . /app\n"
        );
        assert_eq!(
            fixed(check, "FROM a\nadd --chown=1 a \\\n  /b\n"),
            "FROM a\ncopy --chown=1 a \\\n  /b\n"
        );
        let f = run_rule(check, "FROM a\nADD ${SRC} /x\n");
        assert!(!f[0].fix.as_ref().unwrap().safe);
        let f = run_rule(check, "FROM a\nADD --checksum=sha256:00 a /x\n");
        assert!(f[0].fix.is_none());
    }
}
