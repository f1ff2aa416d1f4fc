//! SF012 `npm_install_instead_of_ci`.
//!
//! ## What it does
//! Checks for `npm install` (`npm i`) without package names in a stage that copied
//! a lock file (`package-lock.json` or `npm-shrinkwrap.json`, by name or by a
//! pattern such as `package*.json`), itself or in the stage it is built `FROM`.
//!
//! ## Why is this bad?
//! `npm install` resolves the dependency tree again and may update the lock file, so
//! two builds of the same commit can install different versions. `npm ci` installs
//! exactly what the lock file pins, fails when it is out of date with
//! `package.json`, and skips the resolution, which makes it faster. This is about
//! reproducibility and build time: the image is the same size.
//!
//! ## Example
//! ```dockerfile
//! COPY package.json package-lock.json ./
//! RUN npm install
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! COPY package.json package-lock.json ./
//! RUN npm ci
//! ```
//!
//! ## Fix safety
//! Unsafe: the fix replaces `install` by `ci`, which fails when the lock file does
//! not match `package.json` and removes an existing `node_modules` first.
//! No fix for exec form.
//!
//! ## hadolint
//! None.

use super::{pm, shell};
use super::{Context, Edit, Finding, Fix};

pub const CODE: &str = "SF012";

const LOCKS: [&str; 2] = ["package-lock.json", "npm-shrinkwrap.json"];

pub fn check(ctx: &Context) -> Vec<Finding> {
    let stage_of = shell::stage_of(ctx);
    let mut locked = vec![false; ctx.model.stages.len()];
    let mut out = Vec::new();
    for (i, ins) in ctx.parsed.instructions.iter().enumerate() {
        let Some(s) = stage_of.get(i).copied().flatten() else {
            continue;
        };
        match ins.keyword.as_str() {
            "FROM" => {
                let inherited = ctx
                    .model
                    .stages
                    .get(s)
                    .and_then(|st| ctx.model.stage_ref(&st.from, st.index))
                    .and_then(|p| locked.get(p.index).copied())
                    .unwrap_or(false);
                if let Some(slot) = locked.get_mut(s) {
                    *slot = inherited;
                }
            }
            "COPY" | "ADD" => {
                let copies_lock = shell::copy_sources(ins).iter().any(|src| {
                    let name = src.trim_end_matches('/').rsplit('/').next().unwrap_or("");
                    LOCKS.iter().any(|l| shell::glob(name, l))
                });
                if let (true, Some(slot)) = (copies_lock, locked.get_mut(s)) {
                    *slot = true;
                }
            }
            "RUN" if locked.get(s).copied().unwrap_or(false) => {
                let script = shell::script(ctx, ins);
                let verbs: Vec<&shell::Word> = script
                    .commands
                    .iter()
                    .filter_map(pm::npm_installs_manifest)
                    .filter(|v| matches!(v.text.as_str(), "install" | "i"))
                    .collect();
                if verbs.is_empty() {
                    continue;
                }
                let edits: Vec<Edit> = verbs
                    .iter()
                    .filter(|v| v.spanned)
                    .map(|v| Edit {
                        start: v.start,
                        end: v.end,
                        replacement: "ci".into(),
                    })
                    .collect();
                let fix = (edits.len() == verbs.len())
                    .then(|| Fix {
                        title: "Use npm ci".into(),
                        edits,
                        safe: false,
                    })
                    .and_then(|f| shell::checked(ctx, f));
                out.push(shell::finding(
                    CODE,
                    ins,
                    "`npm install` with a lock file copied: `npm ci` installs exactly what \
                     package-lock.json pins, faster and reproducibly (build time; the image \
                     size does not change)"
                        .into(),
                    None,
                    fix,
                ));
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rules::shell::{fixed, run_rule};

    #[test]
    fn fires_after_a_lock_file_is_copied() {
        assert_eq!(
            fixed(
                check,
                "FROM node:22\nCOPY package*.json ./\nRUN npm install --no-audit && npm i\n"
            ),
            "FROM node:22\nCOPY package*.json ./\nRUN npm ci --no-audit && npm ci\n"
        );
        let text = "FROM node:22 AS deps\nCOPY [\"package.json\", \"package-lock.json\", \"./\"]\nFROM deps\nRUN npm install\n";
        let f = run_rule(check, text);
        assert_eq!(f.len(), 1);
        assert!(!f[0].fix.as_ref().unwrap().safe);
        let f = run_rule(
            check,
            "FROM n\nCOPY npm-shrinkwrap.json .\nRUN [\"npm\", \"install\"]\n",
        );
        assert!(f[0].fix.is_none());
    }

    #[test]
    fn quiet_otherwise() {
        for text in [
            "FROM n\nCOPY package.json ./\nRUN npm install\n",
            "FROM n\nCOPY package-lock.json ./\nRUN npm ci\n",
            "FROM n\nCOPY package-lock.json ./\nRUN npm install express\n",
            "FROM n\nCOPY package-lock.json ./\nRUN npm install -g npm@10\n",
            "FROM n\nCOPY package-lock.json ./\nFROM n\nRUN npm install\n",
            "FROM n\nRUN npm install\nCOPY package-lock.json ./\n",
        ] {
            assert!(run_rule(check, text).is_empty(), "{text}");
        }
    }
}
