//! SF004 `pip_no_cache_dir`.
//!
//! ## What it does
//! Checks for `pip install` (`pip3`, `python -m pip install`, …) without
//! `--no-cache-dir`, unless `PIP_NO_CACHE_DIR` is set to a true value for it.
//!
//! ## Why is this bad?
//! pip keeps every wheel it downloads or builds in `~/.cache/pip`. In an image
//! nothing reuses that cache, yet it stays in the layer: often as large as the
//! installed packages themselves.
//!
//! ## Example
//! ```dockerfile
//! RUN pip install -r requirements.txt
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! RUN pip install --no-cache-dir -r requirements.txt
//! ```
//! or `ENV PIP_NO_CACHE_DIR=1` before the `RUN`s.
//!
//! ## Fix safety
//! Safe: the fix inserts ` --no-cache-dir` after `install`. The same packages are
//! installed; only the cache is not written.
//!
//! ## hadolint
//! DL3042: same trigger (a program whose name starts with `pip` with an `install`
//! argument, or `python… -m pip install`; `pipx` and `pipenv` excepted) and the same
//! opt-outs: `PIP_NO_CACHE_DIR=<true value>` in the RUN's text, or set by `ENV` in the
//! stage or the stage it is built `FROM`; a `--mount=type=cache` (or tmpfs) whose
//! target contains `.cache/pip` keeps the cache out of the layer and is not
//! reported either. Intentional differences: `ARG
//! PIP_NO_CACHE_DIR=1` counts too (a build argument is in the RUN's environment);
//! the stage a `FROM` inherits from is the stage it names, not any earlier stage with
//! the same image; `/usr/local/bin/pip install` is read; heredoc `RUN`s are read.

use super::shell;
use super::{Context, Finding};
use crate::engine::model::{arg_pairs, env_pairs};

pub const CODE: &str = "SF004";

/// The values hadolint (and pip's own boolean parsing) take as true.
const TRUTHY: [&str; 10] = [
    "1", "true", "True", "TRUE", "on", "On", "ON", "yes", "Yes", "YES",
];

pub fn check(ctx: &Context) -> Vec<Finding> {
    let stage_of = shell::stage_of(ctx);
    // Whether PIP_NO_CACHE_DIR is set, per stage, as the instructions go.
    let mut set_in_stage = vec![false; ctx.model.stages.len()];
    let mut set_before_from = false;
    let mut out = Vec::new();
    for (i, ins) in ctx.parsed.instructions.iter().enumerate() {
        let stage = stage_of.get(i).copied().flatten();
        if ins.keyword == "FROM" {
            if let Some(s) = stage.and_then(|s| ctx.model.stages.get(s)) {
                let inherited = ctx
                    .model
                    .stage_ref(&s.from, s.index)
                    .and_then(|p| set_in_stage.get(p.index).copied())
                    .unwrap_or(false);
                if let Some(slot) = set_in_stage.get_mut(s.index) {
                    *slot = inherited;
                }
            }
            continue;
        }
        let sets = match ins.keyword.as_str() {
            "ENV" => env_pairs(&ins.args)
                .iter()
                .any(|(k, v)| k == "PIP_NO_CACHE_DIR" && TRUTHY.contains(&v.as_str())),
            "ARG" => arg_pairs(&ins.args).iter().any(|(k, v)| {
                k == "PIP_NO_CACHE_DIR" && v.as_deref().is_some_and(|v| TRUTHY.contains(&v))
            }),
            _ => false,
        };
        let slot = match stage {
            Some(s) => set_in_stage.get_mut(s),
            None => Some(&mut set_before_from),
        };
        let Some(slot) = slot else { continue };
        if sets {
            *slot = true;
        }
        if *slot || !shell::is_run(ins, true) || shell::mount_target_contains(ins, ".cache/pip") {
            continue;
        }
        let script = shell::script(ctx, ins);
        if sets_in_text(&script) {
            continue;
        }
        let offenders: Vec<&shell::Cmd> = script
            .commands
            .iter()
            // pip takes unambiguous prefixes of long options: `--no-cache` is `--no-cache-dir`.
            .filter(|c| {
                super::pm::pip_install(c).is_some()
                    && !(5..="no-cache-dir".len()).any(|n| c.has_flag(&"no-cache-dir"[..n]))
            })
            .collect();
        if offenders.is_empty() {
            continue;
        }
        let fix = shell::insert_after_verb(ctx, &offenders, "install", "--no-cache-dir", true);
        out.push(shell::finding(
            CODE,
            ins,
            "`pip install` keeps its download cache (~/.cache/pip) in the layer: add \
             `--no-cache-dir`"
                .into(),
            Some("DL3042"),
            fix,
        ));
    }
    out
}

/// `PIP_NO_CACHE_DIR=1 pip install …` or `export PIP_NO_CACHE_DIR=1` in the RUN.
fn sets_in_text(script: &shell::Script) -> bool {
    script
        .commands
        .iter()
        .flat_map(|c| c.env.iter().chain(c.argv.iter()))
        .filter_map(|w| w.text.strip_prefix("PIP_NO_CACHE_DIR="))
        .any(|v| TRUTHY.iter().any(|t| v.starts_with(t)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rules::shell::{fixed, run_rule};

    #[test]
    fn fires_on_pip_install() {
        for text in [
            "FROM p\nRUN pip install flask\n",
            "FROM p\nRUN pip3 install -r requirements.txt\n",
            "FROM p\nRUN python3 -m pip install -U pip\n",
            "FROM p\nENV PIP_NO_CACHE_DIR=0\nRUN pip install x\n",
        ] {
            let f = run_rule(check, text);
            assert_eq!(f.len(), 1, "{text}");
            assert_eq!(f[0].hadolint, Some("DL3042"));
        }
    }

    #[test]
    fn quiet_when_disabled() {
        for text in [
            "FROM p\nRUN pip install --no-cache-dir flask\n",
            "FROM p\nRUN pip install --no-cache flask\n",
            "FROM p\nENV PIP_NO_CACHE_DIR=1\nRUN pip install x\n",
            "FROM p\nENV PIP_NO_CACHE_DIR true\nRUN pip install x\n",
            "FROM p\nARG PIP_NO_CACHE_DIR=1\nRUN pip install x\n",
            "FROM p\nRUN PIP_NO_CACHE_DIR=1 pip install x\n",
            "FROM p\nRUN export PIP_NO_CACHE_DIR=on && pip install x\n",
            "FROM p AS a\nENV PIP_NO_CACHE_DIR=1\nFROM a\nRUN pip install x\n",
            "FROM p\nRUN pipx install black\n",
            "FROM p\nRUN python -m pipenv install\n",
            "FROM p\nRUN pip download x\n",
            "FROM p\nRUN --mount=type=cache,target=/root/.cache/pip pip install x\n",
        ] {
            assert!(run_rule(check, text).is_empty(), "{text}");
        }
        // ENV in another stage does not count
        let text = "FROM p AS a\nENV PIP_NO_CACHE_DIR=1\nFROM p\nRUN pip install x\n";
        assert_eq!(run_rule(check, text).len(), 1);
    }

    #[test]
    fn fix_inserts_after_install() {
        assert_eq!(
            fixed(check, "FROM p\nRUN python -m pip install -U pip && pip install \\\n  -r req.txt\n"),
            "FROM p\nRUN python -m pip install --no-cache-dir -U pip && pip install --no-cache-dir \\\n  -r req.txt\n"
        );
    }
}
