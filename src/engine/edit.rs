//! Text edits over byte ranges of the user's text, shared by rule fixes and rewrites.

use serde::Serialize;

/// Replace `start..end` (byte offsets) by `replacement`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub start: usize,
    pub end: usize,
    pub replacement: String,
}

/// Applies edits back to front; overlapping, reversed, out-of-range or
/// mid-character edits are skipped, so this never panics.
pub fn apply(text: &str, mut edits: Vec<Edit>) -> String {
    super::sort::sort_by(&mut edits, |a, b| {
        b.start.cmp(&a.start).then(b.end.cmp(&a.end))
    });
    let mut out = text.to_string();
    let mut floor = usize::MAX;
    for e in edits {
        if e.end > floor
            || e.start > e.end
            || e.end > out.len()
            || !out.is_char_boundary(e.start)
            || !out.is_char_boundary(e.end)
        {
            continue;
        }
        out.replace_range(e.start..e.end, &e.replacement);
        floor = e.start;
    }
    out
}
