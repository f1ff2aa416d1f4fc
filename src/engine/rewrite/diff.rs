//! Line diff between the user's Dockerfile and a rewrite (the `similar` crate).

use serde::Serialize;
use similar::{ChangeTag, TextDiff};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Change {
    Same,
    Added,
    Removed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiffLine {
    pub change: Change,
    /// The line without its line break.
    pub text: String,
}

/// The lines of `before` and `after`, marked as kept, added or removed.
pub fn line_diff(before: &str, after: &str) -> Vec<DiffLine> {
    TextDiff::from_lines(before, after)
        .iter_all_changes()
        .map(|c| DiffLine {
            change: match c.tag() {
                ChangeTag::Equal => Change::Same,
                ChangeTag::Insert => Change::Added,
                ChangeTag::Delete => Change::Removed,
            },
            text: c.value().trim_end_matches(['\n', '\r']).to_string(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_added_and_removed_lines() {
        let d = line_diff("FROM a\nRUN x\n", "FROM a AS b\nRUN x\nFROM c\n");
        let tags: Vec<Change> = d.iter().map(|l| l.change).collect();
        assert_eq!(
            tags,
            [Change::Removed, Change::Added, Change::Same, Change::Added]
        );
        assert_eq!(d[1].text, "FROM a AS b");
    }
}
