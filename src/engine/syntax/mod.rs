//! BuildKit-compatible line splitter.
//!
//! Turns Dockerfile text into logical instructions exactly as BuildKit's
//! `parser.Parse` does: parser directives (`syntax`, `escape`, `check`), BOM,
//! `\` or backtick escape, continuations with comment and blank lines inside,
//! heredocs (`<<EOF`, `<<-EOF`, quoted delimiters, several per instruction),
//! and `--flag` parsing. Every instruction keeps its 1-based line span and
//! byte offsets into the user's text so findings and fixes map back to it.
//!
//! Architecture invariant: this module never panics, whatever the input.

mod splitter;

pub use splitter::parse;

use serde::Serialize;

/// A parsed Dockerfile: what BuildKit's parser produces, plus spans.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct ParsedFile {
    /// The escape character in force (`\` unless an `escape` directive says otherwise).
    pub escape: char,
    /// Parser directives found at the top of the file (`# syntax=…`, `# escape=…`).
    pub directives: Vec<Directive>,
    pub instructions: Vec<Instruction>,
    /// Problems that BuildKit would reject the file for (or that we could not read).
    /// When non-empty, `instructions` still holds everything that could be read.
    pub errors: Vec<SyntaxError>,
    /// Non-fatal remarks (e.g. empty continuation lines, which BuildKit warns about).
    pub warnings: Vec<SyntaxError>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Directive {
    pub name: String,
    pub value: String,
    pub line: usize,
}

/// One logical instruction.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Instruction {
    /// Upper-cased keyword as written (`RUN`, `FROM`, …); unknown keywords are kept too.
    pub keyword: String,
    /// 1-based first line of the instruction (the keyword's line).
    pub start_line: usize,
    /// 1-based last line, including continuation lines and heredoc bodies.
    pub end_line: usize,
    /// Byte offset of the first character of the keyword in the original text.
    pub start_offset: usize,
    /// Byte offset just past the last character of the instruction (before its final newline).
    pub end_offset: usize,
    /// Leading `--name[=value]` flags, in order.
    pub flags: Vec<Flag>,
    /// The argument text after keyword and flags, continuations joined the way
    /// BuildKit joins them (escape+newline removed), trimmed.
    pub args: String,
    /// When the arguments are a JSON array (exec form), its strings.
    pub json: Option<Vec<String>>,
    /// Heredoc bodies attached to this instruction, in order.
    pub heredocs: Vec<Heredoc>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Flag {
    pub name: String,
    pub value: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Heredoc {
    /// The delimiter word (`EOF`).
    pub name: String,
    /// The body, without the terminating delimiter line.
    pub content: String,
    /// True when the delimiter was unquoted (variables expand in the body).
    pub expand: bool,
    /// True for `<<-` (leading tabs stripped).
    pub chomp: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SyntaxError {
    /// 1-based line the problem is on (0 when it concerns the whole file).
    pub line: usize,
    pub message: String,
}

impl Instruction {
    /// The value of flag `--name`, if present.
    pub fn flag(&self, name: &str) -> Option<&str> {
        self.flags
            .iter()
            .find(|f| f.name.eq_ignore_ascii_case(name))
            .map(|f| f.value.as_deref().unwrap_or(""))
    }
}

/// Converts a byte offset in `text` to a 0-based (line, UTF-16 column) pair,
/// the unit browser editors use. Offsets past the end clamp to the end.
pub fn utf16_position(text: &str, offset: usize) -> (usize, usize) {
    let mut off = offset.min(text.len());
    while off > 0 && !text.is_char_boundary(off) {
        off -= 1;
    }
    let before = &text[..off];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let col = before[line_start..].encode_utf16().count();
    (line, col)
}

/// Reads `["a", "b"]` as BuildKit reads exec form; `None` when it is not a JSON string array.
pub fn json_string_array(s: &str) -> Option<Vec<String>> {
    splitter::json_array(s)
}

/// Writes words as an exec-form JSON array, `["a", "b"]` (escapes as JSON requires).
pub fn to_json_array(words: &[String]) -> String {
    let mut out = String::from("[");
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push('"');
        for c in w.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                '\u{8}' => out.push_str("\\b"),
                '\u{c}' => out.push_str("\\f"),
                c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
                c => out.push(c),
            }
        }
        out.push('"');
    }
    out.push(']');
    out
}

#[cfg(test)]
mod json_tests {
    use super::*;

    #[test]
    fn json_arrays_round_trip() {
        let w = vec![
            "a b".to_string(),
            "q\"uote\\".into(),
            "tab\there\n".into(),
            "é".into(),
        ];
        let s = to_json_array(&w);
        assert_eq!(s, r#"["a b", "q\"uote\\", "tab\there\n", "é"]"#);
        assert_eq!(json_string_array(&s), Some(w));
        assert_eq!(json_string_array("[1, 2]"), None);
        assert_eq!(json_string_array("echo hi"), None);
        assert_eq!(to_json_array(&[]), "[]");
    }
}
