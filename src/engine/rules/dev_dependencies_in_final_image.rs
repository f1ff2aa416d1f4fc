//! SF013 `dev_dependencies_in_final_image`.
//!
//! ## What it does
//! Checks, in the stages that reach the image (the last stage and the stages it is
//! built `FROM`), for installs that include development dependencies:
//! - `npm ci` / `npm install` (no package names) without `--omit=dev` or
//!   `--production`, unless `NODE_ENV=production` (or `NPM_CONFIG_PRODUCTION=true`,
//!   `NPM_CONFIG_OMIT=dev`) is set by `ENV`/`ARG` or on the command, or the same
//!   `RUN` prunes them (`npm prune --omit=dev`);
//! - `yarn` / `yarn install` without `--production`, unless `NODE_ENV=production`;
//! - `pip install -r` of a development requirements file (`requirements-dev.txt`,
//!   `dev-requirements.txt`, `requirements/test.txt`, …) or of `.[dev]`-like extras;
//! - `poetry install` without `--without`, `--only` or `--no-dev`;
//! - `uv sync` without `--no-dev` (or `UV_NO_DEV`, `--only-group`, `--no-group`,
//!   `--no-default-groups`), and `uv pip install` of development requirements;
//! - `bundle install` without `BUNDLE_WITHOUT` (`ENV`, or `bundle config … without`
//!   in a `RUN`) or `--without`;
//! - `composer install` without `--no-dev` (or `COMPOSER_NO_DEV=1`).
//!
//! ## Why is this bad?
//! Test runners, linters, bundlers and type checkers ship with the application and
//! often outweigh its runtime dependencies. They are only needed to build and test.
//! Slimfile cannot see `package.json`, `composer.json` or the Gemfile: npm, yarn,
//! Composer and Bundler installs are priced from the size model's defaults with and
//! without development packages (for a plain Node server or a Ruby app that is not Rails
//! the defaults are the same, so no saving shows); pip and Poetry show no saving.
//!
//! ## Example
//! ```dockerfile
//! FROM node:22-slim
//! COPY package*.json ./
//! RUN npm ci
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM node:22-slim
//! COPY package*.json ./
//! RUN npm ci --omit=dev
//! ```
//! When a build step needs the development dependencies, build in a builder stage and
//! install only the production ones in the final stage.
//!
//! ## Fix safety
//! Unsafe: the fix adds ` --omit=dev` after `npm ci`/`npm install` (npm 7 and later)
//! and ` --no-dev` after `composer install` or `uv sync`, and a later build step
//! (`npm run build`, a test run) may need a development dependency. Only npm, Composer
//! and uv get a fix: yarn's `--production` is Yarn 1's alone, and Bundler wants
//! `BUNDLE_WITHOUT` set before the install (`ENV BUNDLE_WITHOUT=development:test`).
//!
//! ## hadolint
//! None.

use super::{pm, shell};
use super::{Context, Edit, Finding, Fix};

pub const CODE: &str = "SF013";

pub fn check(ctx: &Context) -> Vec<Finding> {
    let ships = shell::ships(ctx);
    let scopes = shell::scopes(ctx);
    let mut bundle_without = false;
    let mut out = Vec::new();
    for (i, ins) in ctx.parsed.instructions.iter().enumerate() {
        if ins.keyword != "RUN" || !ships.get(i).copied().unwrap_or(false) {
            continue;
        }
        let scope = scopes.get(i).cloned().unwrap_or_default();
        let script = shell::script(ctx, ins);
        // Variables set for the command: ENV/ARG, `export X=…`, `X=… cmd`.
        let set = |c: &shell::Cmd, k: &str, vals: &[&str]| {
            let exported = || {
                script
                    .commands
                    .iter()
                    .filter(|o| o.is("export"))
                    .flat_map(|o| o.args())
                    .rev()
                    .find_map(|w| w.text.strip_prefix(k)?.strip_prefix('='))
            };
            c.assigned(k)
                .or_else(exported)
                .or_else(|| scope.var(k))
                .is_some_and(|v| vals.iter().any(|x| v.eq_ignore_ascii_case(x)))
        };
        let prod = |c: &shell::Cmd| set(c, "NODE_ENV", &["production"]);
        let pruned = script.commands.iter().any(|c| {
            c.is("npm")
                && shell::verb(c).is_some_and(|v| v.text == "prune")
                && (c.has_flag("production") || c.args().iter().any(|w| w.text.contains("dev")))
        });
        let has = |c: &shell::Cmd, flags: &[&str]| {
            c.args().iter().any(|w| {
                flags
                    .iter()
                    .any(|f| w.text == *f || w.text.starts_with(&format!("{f}=")))
            })
        };
        // Where the production flag goes, one per install found; a fix needs them all.
        let mut flags: Vec<(&shell::Word, &str)> = Vec::new();
        // Edits that only price a finding (never offered): yarn's `--production` is Yarn 1's,
        // Bundler's `--without` is deprecated in favour of BUNDLE_WITHOUT.
        let mut pricing: Vec<(&shell::Word, &str)> = Vec::new();
        let mut what = Vec::new();
        for c in &script.commands {
            if c.is("bundle")
                && c.has_arg("config")
                && (c.has_arg("without") || c.has_arg("BUNDLE_WITHOUT"))
            {
                bundle_without = true;
            }
            if let Some(v) = pm::npm_installs_manifest(c) {
                let omitted = has(c, &["--production", "--only"])
                    || c.args()
                        .windows(2)
                        .any(|w| w[0].text == "--omit" && w[1].text == "dev")
                    || c.args().iter().any(|w| w.text == "--omit=dev");
                if !(omitted
                    || pruned
                    || prod(c)
                    || set(c, "NPM_CONFIG_PRODUCTION", &["true"])
                    || set(c, "npm_config_production", &["true"])
                    || set(c, "NPM_CONFIG_OMIT", &["dev"])
                    || set(c, "npm_config_omit", &["dev"]))
                {
                    flags.push((v, " --omit=dev"));
                    what.push(format!("`npm {}`", v.text));
                }
            } else if matches!(pm::yarn_install(c), Some(None | Some("install"))) {
                if !has(c, &["--production", "--prod"]) && !prod(c) {
                    what.push("`yarn install`".into());
                    pricing.extend(
                        shell::verb(c)
                            .or(c.argv.first())
                            .map(|w| (w, " --production")),
                    );
                }
            } else if let Some(uv) = pm::uv_install(c) {
                let sub = pm::uv_subcommand(uv);
                match sub.first().map(|w| w.text.as_str()) {
                    // `uv sync` installs the `dev` group unless told not to.
                    Some("sync")
                        if !has(
                            c,
                            &[
                                "--no-dev",
                                "--only-group",
                                "--no-default-groups",
                                "--no-group",
                            ],
                        ) && !set(c, "UV_NO_DEV", &["1", "true"]) =>
                    {
                        flags.extend(sub.first().map(|w| (*w, " --no-dev")));
                        what.push("`uv sync`".into());
                    }
                    Some("pip") if dev_requirements(uv) => {
                        what.push("`uv pip install` of development requirements".into());
                    }
                    _ => {}
                }
            } else if let Some(words) = pm::pip_install(c) {
                if dev_requirements(words) {
                    what.push("`pip install` of development requirements".into());
                }
            } else if c.is("poetry") && shell::verb(c).is_some_and(|v| v.text == "install") {
                if !has(c, &["--without", "--only", "--no-dev", "--only-root"]) {
                    what.push("`poetry install`".into());
                }
            } else if c.is("bundle") && shell::verb(c).is_none_or(|v| v.text == "install") {
                let without = scope.var("BUNDLE_WITHOUT").is_some_and(|v| !v.is_empty())
                    || c.env.iter().any(|w| w.text.starts_with("BUNDLE_WITHOUT="));
                if !(bundle_without || without || has(c, &["--without"])) {
                    what.push("`bundle install`".into());
                    let at = shell::verb(c).or(c.argv.first());
                    pricing.extend(at.map(|w| (w, " --without development test")));
                }
            } else if let Some(v) = shell::verb(c).filter(|v| {
                c.is("composer")
                    && v.text == "install"
                    && !has(c, &["--no-dev"])
                    && !set(c, "COMPOSER_NO_DEV", &["1", "true"])
            }) {
                flags.push((v, " --no-dev"));
                what.push("`composer install`".into());
            }
        }
        if what.is_empty() {
            continue;
        }
        let mut titles: Vec<&str> = flags.iter().map(|(_, f)| f.trim()).collect();
        titles.dedup();
        let edits = |at: &[(&shell::Word, &str)]| -> Vec<Edit> {
            at.iter()
                .map(|(v, flag)| Edit {
                    start: v.end,
                    end: v.end,
                    replacement: (*flag).into(),
                })
                .collect()
        };
        let fix = (flags.len() == what.len() && flags.iter().all(|(v, _)| v.spanned))
            .then(|| Fix {
                title: format!("Add {}", titles.join(" and ")),
                edits: edits(&flags),
                safe: false,
            })
            .and_then(|f| shell::checked(ctx, f));
        // Without a fix, what can be priced is: the size model's defaults with and without
        // the development packages.
        let all: Vec<_> = flags.iter().chain(&pricing).copied().collect();
        let partly = all.len() < what.len();
        let priced_by = (fix.is_none() && !all.is_empty() && all.iter().all(|(v, _)| v.spanned))
            .then(|| Fix {
                title: "price only: production dependencies".into(),
                edits: edits(&all),
                safe: false,
            })
            .and_then(|f| shell::checked(ctx, f));
        what.dedup();
        let mut f = shell::finding(
            CODE,
            ins,
            format!(
                "{} installs development dependencies into the image that ships{}: install \
                 only production dependencies here{}",
                what.join(", "),
                if fix.is_none() && priced_by.is_none() {
                    " (their size is not estimated)"
                } else if partly {
                    " (their size is estimated only in part)"
                } else {
                    ""
                },
                if titles.is_empty() {
                    String::new()
                } else {
                    format!(
                        " ({}), and build with the others in a builder stage",
                        titles
                            .iter()
                            .map(|t| format!("`{t}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                }
            ),
            None,
            fix,
        );
        f.priced_by = priced_by;
        out.push(f);
    }
    out
}

/// A pip or uv install of a development requirements file or of `.[dev]`-like extras.
fn dev_requirements(words: &[shell::Word]) -> bool {
    pm::requirement_files(words).into_iter().any(dev_named)
        || words.iter().any(|w| {
            w.text
                .split_once('[')
                .is_some_and(|(_, extras)| extras.split([',', ']']).any(dev_named))
        })
}

/// `requirements-dev.txt`, `dev-requirements.txt`, `requirements/test.txt`, `dev`.
fn dev_named(s: &str) -> bool {
    s.to_ascii_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| {
            matches!(
                w,
                "dev" | "devel" | "develop" | "development" | "test" | "tests" | "testing" | "lint"
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rules::shell::{fixed, run_rule};

    #[test]
    fn fires_on_dev_installs_that_ship() {
        for text in [
            "FROM n\nRUN npm ci\n",
            "FROM n\nRUN npm install --no-audit\n",
            "FROM n\nENV NODE_ENV=development\nRUN npm ci\n",
            "FROM n\nRUN yarn --frozen-lockfile\n",
            "FROM p\nRUN pip install --no-cache-dir -r requirements-dev.txt\n",
            "FROM p\nRUN pip install -r requirements/test.txt\n",
            "FROM p\nRUN pip install -e '.[dev,docs]'\n",
            "FROM p\nRUN poetry install --no-root\n",
            "FROM r\nRUN bundle install\n",
            "FROM php\nRUN composer install --prefer-dist\n",
            "FROM n AS base\nRUN <<EOF\nnpm ci\nEOF\nFROM base\n",
        ] {
            assert_eq!(run_rule(check, text).len(), 1, "{text}");
        }
    }

    #[test]
    fn quiet_for_production_installs_and_builders() {
        for text in [
            "FROM n\nRUN npm ci --omit=dev\n",
            "FROM n\nRUN npm ci --omit dev\n",
            "FROM n\nRUN npm install --production\n",
            "FROM n\nENV NODE_ENV=production\nRUN npm ci && yarn install\n",
            "FROM n\nARG NODE_ENV=production\nRUN npm ci\n",
            "FROM n\nRUN NODE_ENV=production npm ci\n",
            "FROM n\nRUN export NODE_ENV=production && npm ci\n",
            "FROM n\nENV NPM_CONFIG_OMIT=dev\nRUN npm ci\n",
            "FROM n\nRUN npm ci && npm run build && npm prune --omit=dev\n",
            "FROM n\nRUN npm install express\n",
            "FROM n\nRUN yarn install --production=true\n",
            "FROM p\nRUN pip install -r requirements.txt\n",
            "FROM p\nRUN poetry install --only main\n",
            "FROM r\nENV BUNDLE_WITHOUT=development:test\nRUN bundle install\n",
            "FROM r\nRUN bundle config set --local without 'development test'\nRUN bundle install\n",
            "FROM php\nRUN composer install --no-dev\n",
            "FROM n AS build\nRUN npm ci\nFROM n\nCOPY --from=build /app /app\n",
        ] {
            assert!(run_rule(check, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn yarn_and_bundler_are_priced_without_a_fix() {
        let f = run_rule(check, "FROM r\nRUN bundle install --jobs 4\n");
        assert!(f[0].fix.is_none());
        let p = f[0].priced_by.as_ref().expect("priced");
        assert_eq!(p.edits[0].replacement, " --without development test");
        let f = run_rule(check, "FROM n\nRUN yarn --frozen-lockfile\n");
        assert_eq!(
            f[0].priced_by.as_ref().unwrap().edits[0].replacement,
            " --production"
        );
        assert!(!f[0].message.contains("not estimated"), "{}", f[0].message);
        // With npm in the same RUN, nothing is offered; all of it is priced.
        let f = run_rule(check, "FROM n\nRUN npm ci && yarn install\n");
        assert!(f[0].fix.is_none());
        assert_eq!(f[0].priced_by.as_ref().unwrap().edits.len(), 2);
    }

    #[test]
    fn uv_sync_installs_the_dev_group() {
        assert_eq!(
            fixed(check, "FROM p\nRUN uv sync --frozen\n"),
            "FROM p\nRUN uv sync --no-dev --frozen\n"
        );
        assert_eq!(
            run_rule(
                check,
                "FROM p\nRUN uv pip install -r requirements-dev.txt\n"
            )
            .len(),
            1
        );
        for text in [
            "FROM p\nRUN uv sync --frozen --no-dev\n",
            "FROM p\nENV UV_NO_DEV=1\nRUN uv sync\n",
            "FROM p\nRUN uv pip install -r requirements.txt\n",
            "FROM p AS b\nRUN uv sync\nFROM p\nCOPY --from=b /app/.venv /app/.venv\n",
        ] {
            assert!(run_rule(check, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn fix_adds_omit_dev() {
        assert_eq!(
            fixed(check, "FROM n\nRUN npm ci && npm install --no-audit\n"),
            "FROM n\nRUN npm ci --omit=dev && npm install --omit=dev --no-audit\n"
        );
        assert_eq!(
            fixed(check, "FROM php\nRUN composer install --prefer-dist\n"),
            "FROM php\nRUN composer install --no-dev --prefer-dist\n"
        );
        let f = run_rule(
            check,
            "FROM n\nRUN npm ci && pip install -r dev-requirements.txt\n",
        );
        assert!(f[0].message.contains("only in part"), "{}", f[0].message);
        let f = run_rule(check, "FROM p\nRUN pip install -r dev-requirements.txt\n");
        assert!(f[0].message.contains("not estimated"), "{}", f[0].message);
        assert!(f[0].fix.is_none());
        assert!(
            !run_rule(check, "FROM n\nRUN npm ci\n")[0]
                .fix
                .as_ref()
                .unwrap()
                .safe
        );
    }
}
