//! Findings: what wastes space, with the bytes each fix saves.
//!
//! One rule per file (see ARCHITECTURE.md). No rules ship yet: the findings
//! issue adds them; the type below is the contract the UI and CLI render.

use serde::Serialize;

/// One finding on the user's text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// Stable code, `SF…`.
    pub code: &'static str,
    pub line: usize,
    pub end_line: usize,
    pub message: String,
    pub saves_bytes: u64,
    /// The hadolint rule that means the same, if any.
    pub hadolint: Option<&'static str>,
}

/// Runs every rule. Empty until the rules land.
pub fn check(_text: &str, _parsed: &crate::engine::syntax::ParsedFile) -> Vec<Finding> {
    Vec::new()
}
