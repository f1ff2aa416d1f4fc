//! Line diff between the user's Dockerfile and a rewrite (the `similar` crate).

use serde::Serialize;
use similar::algorithms::{myers, Capture, Replace};
use similar::DiffTag;

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
///
/// Myers' algorithm is called directly: `TextDiff` dispatches at run time between all of
/// `similar`'s algorithms, which put about 190 KB of their code into the WebAssembly.
pub fn line_diff(before: &str, after: &str) -> Vec<DiffLine> {
    let old: Vec<&str> = before.split_inclusive('\n').collect();
    let new: Vec<&str> = after.split_inclusive('\n').collect();
    // Replace joins a deletion and an insertion next to each other, so a changed line reads
    // as removed, then added (as `TextDiff` gives it).
    let mut hook = Replace::new(Capture::new());
    // Capture's error type is Infallible.
    let _ = myers::diff(&mut hook, &old, 0..old.len(), &new, 0..new.len());
    let line = |change: Change, text: &str| DiffLine {
        change,
        text: text.trim_end_matches(['\n', '\r']).to_string(),
    };
    let mut out = Vec::with_capacity(old.len().max(new.len()));
    for op in hook.into_inner().into_ops() {
        let (tag, o, n) = op.as_tag_tuple();
        match tag {
            DiffTag::Equal => out.extend(old[o].iter().map(|t| line(Change::Same, t))),
            DiffTag::Delete => out.extend(old[o].iter().map(|t| line(Change::Removed, t))),
            DiffTag::Insert => out.extend(new[n].iter().map(|t| line(Change::Added, t))),
            DiffTag::Replace => {
                out.extend(old[o].iter().map(|t| line(Change::Removed, t)));
                out.extend(new[n].iter().map(|t| line(Change::Added, t)));
            }
        }
    }
    out
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
        // Empty sides, CRLF line ends and a last line without a line break.
        assert!(line_diff("", "").is_empty());
        let all_new = line_diff("", "FROM a\r\nRUN x");
        assert_eq!(all_new.len(), 2);
        assert!(all_new.iter().all(|l| l.change == Change::Added));
        assert_eq!(all_new[0].text, "FROM a");
        let same = line_diff("FROM a\nRUN x\n", "FROM a\nRUN x\n");
        assert!(same.iter().all(|l| l.change == Change::Same));
    }
}
