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

pub mod diff;
mod go;

use super::model::Model;
use super::syntax::{Instruction, ParsedFile};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RewriteKind {
    MultiStage,
    Scratch,
}

impl RewriteKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RewriteKind::MultiStage => "multi-stage",
            RewriteKind::Scratch => "scratch",
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
    let mut out = Vec::new();
    out.extend(go::propose(text, parsed, model));
    out
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
    pub fn apply(mut self, text: &str) -> String {
        self.edits.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)));
        let mut out = text.to_string();
        let mut floor = usize::MAX;
        for (s, e, w) in self.edits {
            if e > floor
                || s > e
                || e > out.len()
                || !out.is_char_boundary(s)
                || !out.is_char_boundary(e)
            {
                continue;
            }
            out.replace_range(s..e, &w);
            floor = s;
        }
        out
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
    serde_json::to_string(&words)
        .ok()
        .map(|s| s.replace("\",\"", "\", \""))
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
}
