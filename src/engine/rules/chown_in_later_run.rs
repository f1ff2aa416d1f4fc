//! SF023 `chown_in_later_run`.
//!
//! ## What it does
//! Checks for `chown -R`, `chmod -R` or `chgrp -R` in a `RUN` that comes after
//! `COPY`/`ADD`/`RUN` steps of the same stage (the estimate prices the files it doubles
//! by path).
//!
//! ## Why is this bad?
//! Changing a file's owner or mode in a later layer copies the whole file into that
//! layer (overlay copy-up): every byte under the path ships twice. The estimate counts
//! the doubled bytes on that `RUN`.
//!
//! ## Example
//! ```dockerfile
//! COPY . /app
//! RUN chown -R node:node /app
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! COPY --chown=node:node . /app
//! ```
//!
//! ## Fix safety
//! No fix: the way out removes the `RUN` and moves the owner onto earlier `COPY`s, and
//! files earlier `RUN` steps created need those steps to run after `USER` — a change of
//! the program's steps, not a text edit Slimfile can make safely.
//!
//! ## hadolint
//! None: hadolint has no rule for ownership changes in a later layer.

use super::shell;
use super::{Context, Edit, Finding, Fix};
use crate::engine::syntax;

pub const CODE: &str = "SF023";

pub fn check(ctx: &Context) -> Vec<Finding> {
    let stage_of = shell::stage_of(ctx);
    let mut out = Vec::new();
    for (i, ins) in ctx.parsed.instructions.iter().enumerate() {
        if ins.keyword != "RUN" {
            continue;
        }
        let Some(stage) = stage_of.get(i).copied().flatten() else {
            continue;
        };
        let script = shell::script(ctx, ins);
        let Some(cmd) = script.commands.iter().find(|c| recursive(c)) else {
            continue;
        };
        // Earlier steps of this stage that put files somewhere.
        let earlier: Vec<&syntax::Instruction> = ctx.parsed.instructions[..i]
            .iter()
            .enumerate()
            .filter(|(j, p)| {
                stage_of.get(*j).copied().flatten() == Some(stage)
                    && matches!(p.keyword.as_str(), "COPY" | "ADD" | "RUN")
            })
            .map(|(_, p)| p)
            .collect();
        if earlier.is_empty() {
            continue;
        }
        let tool = cmd.basename().to_string();
        let mut f = shell::finding(
            CODE,
            ins,
            format!(
                "`{tool} -R` in a later RUN writes every file under its path into a new layer \
                 again: set the owner while copying (`COPY --chown=…`, `--chmod=…`) or run the \
                 steps that create files after `USER`"
            ),
            None,
            None,
        );
        // Priced as the same RUN without the recursion: what the doubled files weigh.
        f.priced_by = not_recursive(script.commands.iter().filter(|c| recursive(c)));
        out.push(f);
    }
    out
}

/// The edit that takes the recursion out of every command of `cmds` (`-R` dropped, `-Rf`
/// → `-f`): the RUN without what it doubles.
fn not_recursive<'a>(cmds: impl Iterator<Item = &'a shell::Cmd>) -> Option<Fix> {
    let mut edits = Vec::new();
    for c in cmds {
        for w in c.args().iter().filter(|w| recursive_flag(&w.text)) {
            if !w.spanned {
                return None;
            }
            let rest: String = w.text.chars().filter(|&ch| ch != 'R').collect();
            let replacement = if w.text == "--recursive" || rest == "-" {
                String::new()
            } else {
                rest
            };
            edits.push(Edit {
                start: w.start,
                end: w.end,
                replacement,
            });
        }
    }
    (!edits.is_empty()).then(|| Fix {
        title: "price only: the same commands without -R".into(),
        edits,
        safe: false,
    })
}

fn recursive_flag(w: &str) -> bool {
    w == "--recursive" || (w.starts_with('-') && !w.starts_with("--") && w.contains('R'))
}

fn recursive(c: &shell::Cmd) -> bool {
    matches!(c.basename(), "chown" | "chmod" | "chgrp")
        && c.args().iter().any(|w| recursive_flag(&w.text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rules::shell::run_rule;

    #[test]
    fn fires_after_copies() {
        let text = "FROM node:22\nWORKDIR /app\nCOPY . .\nRUN chown -R node:node /app\nUSER node\n";
        let f = run_rule(check, text);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].line, 4);
        assert!(f[0].fix.is_none() && f[0].hadolint.is_none());
        // chmod -R fires too.
        let text = "FROM alpine\nCOPY app /app\nRUN chmod -R 755 /app && echo done\n";
        let f = run_rule(check, text);
        assert_eq!(f.len(), 1);
        assert!(f[0].fix.is_none());
    }

    #[test]
    fn priced_as_the_files_it_doubles() {
        // The pricing edit takes the recursion out; it is never offered as a fix.
        let text = "FROM alpine\nCOPY app /app\nRUN chmod -Rf 755 /app\n";
        let f = run_rule(check, text);
        let p = f[0].priced_by.as_ref().expect("priced");
        assert_eq!(
            p.apply(text),
            "FROM alpine\nCOPY app /app\nRUN chmod -f 755 /app\n"
        );
        let text = "FROM alpine\nCOPY app /app\nRUN chown --recursive app /app\n";
        let p = run_rule(check, text)[0].priced_by.clone().unwrap();
        assert_eq!(
            p.apply(text),
            "FROM alpine\nCOPY app /app\nRUN chown  app /app\n"
        );
        // Every recursive command of the RUN.
        let text = "FROM alpine\nCOPY app /app\nRUN chown -R app /app && chmod -R g+w /app/data\n";
        let p = run_rule(check, text)[0].priced_by.clone().unwrap();
        assert_eq!(
            p.apply(text),
            "FROM alpine\nCOPY app /app\nRUN chown  app /app && chmod  g+w /app/data\n"
        );
        // Through the engine: the saving is what the estimate doubled.
        let a = crate::engine::analyze(
            "FROM node:22-slim\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci --omit=dev\nRUN chown -R node:node /app\n",
            &Default::default(),
        );
        let f = a.findings.iter().find(|f| f.code == CODE).unwrap();
        let last = a.before.layers.last().unwrap();
        assert!(
            f.saves_bytes > 0 && f.saves_bytes == last.bytes,
            "{f:?} {}",
            last.basis
        );
    }

    #[test]
    fn quiet_without_earlier_files_or_recursion() {
        assert!(run_rule(check, "FROM alpine\nRUN chown -R app /data\n").is_empty());
        assert!(run_rule(check, "FROM alpine\nCOPY a /a\nRUN chmod +x /a/run.sh\n").is_empty());
        // Another stage's files do not count.
        let text = "FROM alpine AS a\nCOPY x /x\nFROM alpine\nRUN chown -R app /x\n";
        assert!(run_rule(check, text).is_empty());
    }
}
