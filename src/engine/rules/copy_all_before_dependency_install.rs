//! SF017 `copy_all_before_dependency_install`.
//!
//! ## What it does
//! Checks for `COPY . .` (any `COPY`/`ADD` of the whole build context, `.` or `./`)
//! followed, in the same stage, by an install of the project's dependencies from
//! its manifest: `npm ci`/`npm install`, `yarn install`, `pnpm install`,
//! `pip install -r`, `uv pip install -r`, `uv sync`, `pipenv install`, `poetry install`,
//! `go mod download`, `bundle install`, `composer install`, `mvn dependency:…`,
//! `cargo fetch`.
//!
//! ## Why is this bad?
//! The build cache reuses a layer only while everything before it is unchanged. With
//! the whole source tree copied first, any edit to any file invalidates the install,
//! and every build downloads and installs all dependencies again. Copying the
//! manifests first, installing, then copying the rest keeps the install cached until
//! the dependencies change. This is about build time: the image is the same size.
//!
//! ## Example
//! ```dockerfile
//! COPY . .
//! RUN npm ci
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! COPY package.json package-lock.json ./
//! RUN npm ci
//! COPY . .
//! ```
//!
//! ## Fix safety
//! No fix: which files the install needs (workspaces, local packages, patches) is
//! only known to the project.
//!
//! ## hadolint
//! None.

use super::{pm, shell};
use super::{Context, Finding};

pub const CODE: &str = "SF017";

pub fn check(ctx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for stage in &ctx.model.stages {
        let mut copy_all = None;
        for &i in &stage.body {
            let Some(ins) = ctx.parsed.instructions.get(i) else {
                continue;
            };
            match ins.keyword.as_str() {
                "COPY" | "ADD" if ins.flag("from").is_none() && copy_all.is_none() => {
                    let all = shell::copy_sources(ins)
                        .iter()
                        .any(|s| matches!(s.trim_matches(['"', '\'']), "." | "./" | "./."));
                    if all {
                        copy_all = Some(ins);
                    }
                }
                "RUN" => {
                    let Some(copy) = copy_all else { continue };
                    let script = shell::script(ctx, ins);
                    let Some((what, manifests)) =
                        script.commands.iter().find_map(pm::dependency_install)
                    else {
                        continue;
                    };
                    out.push(shell::finding(
                        CODE,
                        copy,
                        format!(
                            "the whole build context is copied before `{what}` (line {}): any \
                             source change reinstalls every dependency. Copy {manifests} \
                             first, install, then copy the rest (build time; the image size \
                             does not change)",
                            ins.start_line
                        ),
                        None,
                        None,
                    ));
                    copy_all = None;
                }
                _ => {}
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rules::shell::run_rule;

    #[test]
    fn fires_on_copy_all_before_install() {
        for (text, what) in [
            ("FROM n\nWORKDIR /app\nCOPY . .\nRUN npm ci\n", "npm ci"),
            (
                "FROM p\nADD ./ /src\nRUN pip install -r /src/requirements.txt\n",
                "pip install -r",
            ),
            (
                "FROM g\nCOPY . .\nRUN <<EOF\ngo mod download\ngo build\nEOF\n",
                "go mod download",
            ),
            (
                "FROM r\nCOPY --chown=app . /app\nRUN bundle install\n",
                "bundle install",
            ),
            (
                "FROM m\nCOPY [\".\", \"/w\"]\nRUN mvn dependency:go-offline\n",
                "mvn dependency",
            ),
        ] {
            let f = run_rule(check, text);
            assert_eq!(f.len(), 1, "{text}");
            assert!(f[0].message.contains(what), "{}", f[0].message);
            assert_eq!(f[0].saves_bytes, 0);
        }
        let f = run_rule(check, "FROM n\nCOPY . .\nRUN yarn\n");
        assert_eq!(f[0].line, 2);
    }

    #[test]
    fn quiet_when_manifests_come_first() {
        for text in [
            "FROM n\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n",
            "FROM n\nCOPY . .\nRUN npm install express\n",
            "FROM p\nCOPY . .\nRUN pip install .\n",
            "FROM g AS b\nCOPY . .\nFROM g\nRUN go mod download\n",
            "FROM g\nCOPY --from=b . .\nRUN go mod download\n",
            "FROM g\nCOPY src/ .\nRUN go mod download\n",
        ] {
            assert!(run_rule(check, text).is_empty(), "{text}");
        }
    }
}
