//! SF024 `next_cache_in_image`.
//!
//! ## What it does
//! Checks for a `COPY --from` that takes a Next.js app's whole `.next` folder into a
//! stage that ships, from a stage whose build leaves Next.js's build cache
//! (`.next/cache`) in it.
//!
//! ## Why is this bad?
//! `next build` keeps its build cache in `.next/cache` (17.5 MB for a minimal App Router
//! app, measured; far more for real ones). The server never reads it: copying `.next`
//! whole puts it in the image for nothing.
//!
//! ## Example
//! ```dockerfile
//! FROM node:20-alpine AS builder
//! WORKDIR /app
//! COPY . .
//! RUN npm ci && npm run build
//! FROM node:20-alpine
//! COPY --from=builder /app/.next ./.next
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! RUN npm ci && npm run build && rm -rf /app/.next/cache
//! ```
//! or, with `output: "standalone"`, copy `.next/standalone` and `.next/static` only.
//!
//! ## Fix safety
//! Safe: the fix appends `&& rm -rf <dir>/.next/cache` to the RUN that builds, in the
//! stage the COPY takes from (only a shell-form RUN without heredocs). Next.js rebuilds
//! without its cache; only a later build in the same stage would be slower.
//!
//! ## hadolint
//! No equivalent.

use super::shell;
use super::{Context, Edit, Finding, Fix};
use crate::engine::model::normalise_path;

pub const CODE: &str = "SF024";

/// A RUN that builds a Next.js app: `next build`, or a package script's build.
fn builds_next(script: &str) -> bool {
    let s = script.to_ascii_lowercase();
    s.contains("next build")
        || s.contains("run build")
        || s.contains("yarn build")
        || s.contains("pnpm build")
        || s.contains("bun build")
}

pub fn check(ctx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    let ships = shell::ships(ctx);
    let stage_of = shell::stage_of(ctx);
    for (i, ins) in ctx.parsed.instructions.iter().enumerate() {
        if ins.keyword != "COPY" || !ships.get(i).copied().unwrap_or(false) {
            continue;
        }
        let Some(from) = ins.flag("from") else {
            continue;
        };
        let words: Vec<String> = match &ins.json {
            Some(v) => v.clone(),
            None => ins.args.split_whitespace().map(str::to_string).collect(),
        };
        let Some((_, sources)) = words.split_last() else {
            continue;
        };
        let Some(dir) = sources.iter().find_map(|s| {
            let p = normalise_path(&format!("/{}", s.trim_start_matches('/')));
            p.strip_suffix("/.next").map(str::to_string)
        }) else {
            continue;
        };
        let here = stage_of.get(i).copied().flatten().unwrap_or(0);
        let Some(src) = ctx.model.stage_ref(from, here) else {
            continue;
        };
        // The last build RUN of that stage, which must not delete the cache already.
        let Some(build) = src
            .body
            .iter()
            .filter_map(|&j| ctx.parsed.instructions.get(j))
            .rfind(|r| r.keyword == "RUN" && builds_next(&r.args))
        else {
            continue;
        };
        if build.args.contains(".next/cache") {
            continue;
        }
        let cache = if dir == "/" {
            "/.next/cache".to_string()
        } else {
            format!("{dir}/.next/cache")
        };
        let fix = (build.json.is_none() && build.heredocs.is_empty())
            .then(|| Fix {
                title: format!("Delete {cache} after the build"),
                edits: vec![Edit {
                    start: build.end_offset,
                    end: build.end_offset,
                    replacement: format!(" && rm -rf {cache}"),
                }],
                safe: true,
            })
            .and_then(|f| shell::checked(ctx, f));
        out.push(shell::finding(
            CODE,
            ins,
            format!(
                "copies `.next` whole, with Next.js's build cache ({cache}), which the server never reads: delete it after the build (line {}), or copy .next/standalone and .next/static",
                build.start_line
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

    const APP: &str = "FROM node:20-alpine AS builder\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\nFROM node:20-alpine\nWORKDIR /app\nCOPY --from=builder /app/.next ./.next\nCMD [\"npx\", \"next\", \"start\"]\n";

    #[test]
    fn fires_on_a_whole_dot_next_and_fixes_the_build() {
        let f = run_rule(check, APP);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].line, 7);
        let after = fixed(check, APP);
        assert!(
            after.contains("npm run build && rm -rf /app/.next/cache\n"),
            "{after}"
        );
        assert!(run_rule(check, &after).is_empty());
    }

    #[test]
    fn the_fix_saves_the_measured_cache() {
        let an = crate::engine::analyze(APP, &Default::default());
        let f = an.findings.iter().find(|f| f.code == CODE).unwrap();
        assert_eq!(
            f.saves_bytes,
            crate::engine::sizes::facts::NEXT_CACHE.bytes,
            "{}",
            f.message
        );
    }

    #[test]
    fn quiet_for_standalone_parts_and_builds_that_delete_it() {
        for text in [
            "FROM node:20-alpine AS builder\nWORKDIR /app\nCOPY . .\nRUN npm run build\nFROM node:20-alpine\nCOPY --from=builder /app/.next/standalone ./\nCOPY --from=builder /app/.next/static ./.next/static\n",
            "FROM node:20-alpine AS builder\nWORKDIR /app\nCOPY . .\nRUN npm run build && rm -rf .next/cache\nFROM node:20-alpine\nCOPY --from=builder /app/.next ./.next\n",
            "FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nRUN npm run build\n",
        ] {
            assert!(run_rule(check, text).is_empty(), "{text}");
        }
    }
}
