//! Rewrites: smaller Dockerfiles that build the same program.
//!
//! Each ecosystem lives in its own file and returns [`Proposal`]s: the new
//! Dockerfile text, why this runtime base, and what the user must check.
//! The size of a proposal is not computed here: [`crate::engine::analyze`]
//! runs the estimator over the proposed text, so before and after are
//! measured by the same model.
//!
//! Rewrites splice the user's text (instruction spans) rather than regenerate
//! it, so untouched lines keep their comments and formatting.
//!
//! - `go.rs` runs first on a single stage (its output is pinned by
//!   `tests/golden/seed-go.*`); a file that is multi-stage already reaches its
//!   `multi_stage` through `detect.rs`.
//! - `detect.rs` reads the file's shape (one stage that builds and runs, or a
//!   final stage copying from a build stage) and scores the ecosystem from base
//!   images and commands, then hands over to `rust.rs`, `node.rs`, `python.rs`,
//!   `java.rs`, `dotnet.rs`, `c.rs`, `ruby.rs` or `php.rs`; when unsure,
//!   `generic.rs` copies the program into a slim image and says it guessed.
//! - `common.rs` holds what they share: runtime-only instructions carried to the
//!   runtime stage (Go uses it too), stage walks, distributions and tags, OS
//!   packages and users, and the two writers (append a runtime stage to the
//!   user's single stage; edit the final stage of a multi-stage file).

mod c;
mod common;
mod detect;
pub mod diff;
mod dotnet;
mod generic;
mod go;
mod java;
mod node;
mod php;
mod python;
mod ruby;
mod rust;

use super::model::Model;
use super::syntax::{Instruction, ParsedFile};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RewriteKind {
    /// Build in the toolchain image, run in the ecosystem's runtime image.
    MultiStage,
    /// An empty base with a static binary.
    Scratch,
    /// A distroless runtime (no shell, no package manager).
    Distroless,
    /// A statically linked program on a base with nothing else.
    Static,
    /// The same stages on the slim variant of the runtime image.
    Slim,
    /// The runtime on Alpine (musl libc).
    Alpine,
    /// Ubuntu chiseled images (.NET): no shell, no package manager.
    Chiseled,
    /// A self-contained, trimmed program on a base without the runtime.
    SelfContained,
    /// Static files served by nginx.
    Nginx,
    /// The final stage copies only the build output, not the builder's whole directory.
    ArtifactsOnly,
    /// A Java runtime made with jlink from the builder's JDK, on a small base.
    Jlink,
}

impl RewriteKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RewriteKind::MultiStage => "multi-stage",
            RewriteKind::Scratch => "scratch",
            RewriteKind::Distroless => "distroless",
            RewriteKind::Static => "static",
            RewriteKind::Slim => "slim",
            RewriteKind::Alpine => "alpine",
            RewriteKind::Chiseled => "chiseled",
            RewriteKind::SelfContained => "self-contained",
            RewriteKind::Nginx => "nginx",
            RewriteKind::ArtifactsOnly => "artifacts-only",
            RewriteKind::Jlink => "jlink",
        }
    }
}

/// A proposed Dockerfile, before sizing.
#[derive(Debug, Clone, PartialEq)]
pub struct Proposal {
    pub kind: RewriteKind,
    pub title: String,
    /// One line: why this runtime base.
    pub why: String,
    pub dockerfile: String,
    pub caveats: Vec<String>,
}

/// All proposals for a parsed file.
pub fn propose(text: &str, parsed: &ParsedFile, model: &Model) -> Vec<Proposal> {
    propose_at(text, parsed, model, None)
}

/// [`propose`] for a build date (`Assumptions::as_of`): runtimes are matched to the
/// builder's base image as it was built then.
pub fn propose_at(
    text: &str,
    parsed: &ParsedFile,
    model: &Model,
    as_of: Option<&str>,
) -> Vec<Proposal> {
    let mut out = proposals(text, parsed, model, as_of);
    for p in &mut out {
        p.dockerfile = tidy(&p.dockerfile);
    }
    out
}

/// The rules whose hadolint counterparts are errors (DL3020 `ADD` of local files,
/// DL3000 relative `WORKDIR`). A proposal is held to "no hadolint error", so the
/// lines it keeps from the user's file get these rules' safe fixes; the diff shows
/// them like any other change.
const TIDY: [&str; 2] = [
    crate::engine::rules::add_instead_of_copy::CODE,
    crate::engine::rules::relative_workdir::CODE,
];

fn tidy(dockerfile: &str) -> String {
    crate::engine::rules::apply_safe_fixes(dockerfile, |code| TIDY.contains(&code))
}

fn proposals(text: &str, parsed: &ParsedFile, model: &Model, as_of: Option<&str>) -> Vec<Proposal> {
    let out = go::propose(text, parsed, model, as_of);
    if !out.is_empty() {
        return out;
    }
    let ctx = common::Ctx {
        text,
        parsed,
        model,
        as_of,
    };
    let mut out = detect::propose(&ctx);
    // Kinds are unique per file (the UI and the golden files key on them).
    let mut seen = Vec::new();
    out.retain(|p| {
        let new = !seen.contains(&p.kind);
        seen.push(p.kind);
        new
    });
    out
}

/// The kinds of rewrite `analyze` proposes for `text` with the default assumptions, in order:
/// what the ecosystems' tests compare.
#[cfg(test)]
pub(crate) fn proposed_kinds(text: &str) -> Vec<&'static str> {
    crate::engine::analyze(text, &crate::engine::Assumptions::default())
        .rewrites
        .iter()
        .map(|r| r.kind)
        .collect()
}

/// The user's text of one instruction, exactly as written.
pub(crate) fn source_of<'a>(text: &'a str, ins: &Instruction) -> &'a str {
    text.get(ins.start_offset..ins.end_offset).unwrap_or("")
}

/// Text edits over byte ranges of the user's text, applied back to front.
#[derive(Debug, Clone, Default)]
pub(crate) struct Edits {
    edits: Vec<(usize, usize, String)>,
}

impl Edits {
    pub fn replace(&mut self, start: usize, end: usize, with: impl Into<String>) {
        self.edits.push((start, end, with.into()));
    }
    pub fn insert(&mut self, at: usize, with: impl Into<String>) {
        self.replace(at, at, with);
    }
    /// Removes an instruction with its line break.
    pub fn delete_instruction(&mut self, text: &str, ins: &Instruction) {
        let mut end = ins.end_offset;
        if text.get(end..end + 1) == Some("\n") {
            end += 1;
        } else if text.get(end..end + 2) == Some("\r\n") {
            end += 2;
        }
        // Remove from the line start, so indentation goes too.
        let start = text
            .get(..ins.start_offset)
            .and_then(|s| s.rfind('\n'))
            .map(|i| i + 1)
            .unwrap_or(0);
        let start = if text
            .get(start..ins.start_offset)
            .is_some_and(|s| s.trim().is_empty())
        {
            start
        } else {
            ins.start_offset
        };
        self.replace(start, end, "");
    }
    /// Applies the edits; overlapping edits are skipped, never panics.
    pub fn apply(self, text: &str) -> String {
        let edits = self
            .edits
            .into_iter()
            .map(|(start, end, replacement)| crate::engine::edit::Edit {
                start,
                end,
                replacement,
            })
            .collect();
        crate::engine::edit::apply(text, edits)
    }
}

/// Converts a shell-form command to exec form when it needs no shell.
/// Returns `None` when the command uses shell features (variables, pipes, redirection…).
pub(crate) fn exec_form(cmd: &str) -> Option<String> {
    if cmd.trim().starts_with('[') {
        return Some(cmd.trim().to_string());
    }
    if cmd.chars().any(|c| "$|&;<>()`*?~{}".contains(c)) {
        return None;
    }
    let words = super::model::shell_words(cmd);
    if words.is_empty() {
        return None;
    }
    Some(crate::engine::syntax::to_json_array(&words))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exec_form_only_without_shell_features() {
        assert_eq!(
            exec_form("/main --port 80").as_deref(),
            Some(r#"["/main", "--port", "80"]"#)
        );
        assert_eq!(
            exec_form("./app \"a b\"").as_deref(),
            Some(r#"["./app", "a b"]"#)
        );
        assert_eq!(exec_form("/main --port $PORT"), None);
        assert_eq!(exec_form("a && b"), None);
        assert_eq!(exec_form("   "), None);
    }

    #[test]
    fn edits_apply_back_to_front_and_skip_bad_ranges() {
        let mut e = Edits::default();
        e.insert(0, "A");
        e.replace(2, 3, "Z");
        e.replace(10, 20, "out of range");
        assert_eq!(e.apply("abc"), "AabZ");
    }

    fn kinds_and_text(text: &str) -> Vec<(RewriteKind, String)> {
        let parsed = super::super::syntax::parse(text);
        let model = Model::build(&parsed);
        propose(text, &parsed, &model)
            .into_iter()
            .map(|p| (p.kind, p.dockerfile))
            .collect()
    }

    #[test]
    fn rust_without_a_binary_name_installs_into_a_known_directory() {
        let out = kinds_and_text(
            "FROM rust:1.80\nWORKDIR /app\nCOPY . .\nRUN cargo build --release --locked\nCMD [\"cargo\", \"run\", \"--release\"]\n",
        );
        let (_, ms) = out
            .iter()
            .find(|(k, _)| *k == RewriteKind::MultiStage)
            .unwrap();
        assert!(
            ms.contains("RUN cargo install --path . --root /out --locked\n"),
            "{ms}"
        );
        assert!(
            ms.contains("COPY --from=builder /out/bin/ /usr/local/bin/"),
            "{ms}"
        );
        assert!(!ms.contains("cargo run"), "{ms}");
    }

    #[test]
    fn rust_dependency_cache_only_when_sources_are_copied_apart() {
        let apart = kinds_and_text(
            "FROM rust:1.80\nWORKDIR /app\nCOPY Cargo.toml Cargo.lock ./\nCOPY src ./src\nRUN cargo build --release\nCMD [\"./target/release/app\"]\n",
        );
        assert!(apart[0].1.contains("echo 'fn main() {}' > src/main.rs"));
        assert!(apart[0]
            .1
            .contains("RUN touch src/main.rs && cargo build --release"));
        let together = kinds_and_text(
            "FROM rust:1.80\nWORKDIR /app\nCOPY . .\nRUN cargo build --release\nCMD [\"./target/release/app\"]\n",
        );
        assert!(!together[0].1.contains("fn main"));
    }

    #[test]
    fn shell_form_commands_become_exec_form_on_distroless() {
        let out = kinds_and_text(
            "FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD node server.js --port 80\n",
        );
        let (_, d) = out
            .iter()
            .find(|(k, _)| *k == RewriteKind::Distroless)
            .unwrap();
        assert!(
            d.contains("CMD [\"server.js\", \"--port\", \"80\"]\n"),
            "{d}"
        );
    }

    #[test]
    fn python_venv_is_inserted_before_the_first_dependency_install() {
        let out = kinds_and_text(
            "FROM python:3.12\nRUN pip install --upgrade pip\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCMD [\"python\", \"app.py\"]\n",
        );
        let (_, ms) = &out[0];
        let venv = ms.find("RUN python3 -m venv /opt/venv").unwrap();
        assert!(ms.find("RUN pip install --upgrade pip").unwrap() < venv);
        assert!(venv < ms.find("RUN pip install -r requirements.txt").unwrap());
        assert!(ms.contains("FROM python:3.12-slim\n"), "{ms}");
    }

    #[test]
    fn jlink_runtime_from_a_distribution_jdk_drops_the_jdk_and_respects_the_user() {
        let out = kinds_and_text(
            "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y openjdk-17-jdk-headless\nWORKDIR /src\nCOPY . .\nUSER 1000\nRUN javac -d classes Main.java && jar cf app.jar -C classes .\nCMD [\"java\", \"-jar\", \"/src/app.jar\"]\n",
        );
        let (_, j) = out.iter().find(|(k, _)| *k == RewriteKind::Jlink).unwrap();
        // Java 17 read from the package name; a non-root builder links into /tmp.
        assert!(j.contains("--compress=2 --output /tmp/jre\n"), "{j}");
        assert!(j.contains("COPY --from=builder /tmp/jre /opt/jre\n"), "{j}");
        // The distribution's JDK links against its release: same release, no JDK package again.
        assert!(j.contains("\nFROM debian:bookworm-slim\n"), "{j}");
        assert!(!j[j.find("\nFROM").unwrap()..].contains("openjdk"), "{j}");
        // Java 8 has no jlink.
        let out = kinds_and_text(
            "FROM maven:3-openjdk-8\nCOPY . .\nRUN mvn package\nCMD [\"java\", \"-jar\", \"target/app.jar\"]\n",
        );
        assert!(out.iter().all(|(k, _)| *k != RewriteKind::Jlink));
    }

    #[test]
    fn a_windows_escape_directive_gets_no_new_rewrite() {
        assert!(
            kinds_and_text("# escape=`\nFROM node:20\nRUN npm ci\nCMD [\"node\", \"a.js\"]\n")
                .is_empty()
        );
    }
}
