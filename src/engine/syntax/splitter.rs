//! The line splitter proper: a re-implementation of BuildKit's
//! `parser.Parse` (frontend/dockerfile/parser) over a `&str`.
//!
//! Flow, as in BuildKit:
//! 1. Lines are read with their endings; the first loses a UTF-8 BOM.
//! 2. Each line that starts an instruction is newline-trimmed and
//!    left-trimmed, checked for a parser directive (only while the top of the
//!    file is still directives), and dropped if it is a comment or empty.
//! 3. While the line ends with the escape token (trailing spaces/tabs
//!    ignored, and not itself escaped), following lines are appended as they
//!    are; comment lines are skipped, empty ones are skipped with a warning.
//! 4. The joined line is split into keyword, `--flags` and arguments, and
//!    checked the way BuildKit's per-instruction line parsers check it
//!    (JSON arrays of strings only, `ENV`/`LABEL` need a value, ...).
//! 5. `RUN`/`COPY`/`ADD` (also under `ONBUILD`) in shell form read heredoc
//!    bodies announced on the line from the following raw lines.
//!
//! Deliberate difference: BuildKit reads flag words byte by byte and turns
//! each non-ASCII byte into its own Latin-1 character; here flag words keep
//! their UTF-8 text (the split points are the same).

#[path = "heredoc_lex.rs"]
mod heredoc_lex;
#[path = "json_array.rs"]
mod json_array;

use super::{Directive, Flag, Heredoc, Instruction, ParsedFile, SyntaxError};
use heredoc_lex::heredocs_from_line;
use json_array::{parse_json_array, JsonArray};

/// Exec-form reading for the rest of the engine (see `json_string_array`).
pub(super) fn json_array(s: &str) -> Option<Vec<String>> {
    match parse_json_array(s) {
        JsonArray::Strings(v) => Some(v),
        _ => None,
    }
}
use std::borrow::Cow;

/// bufio.Scanner's default maximum token size (a line, with its newline).
const MAX_LINE_BYTES: usize = 64 * 1024;

const ERR_JSON_STRINGS: &str =
    "when using JSON array syntax, arrays must be comprised of strings only";

/// Instructions BuildKit's parser knows (lower case).
const COMMANDS: [&str; 18] = [
    "add",
    "arg",
    "cmd",
    "copy",
    "entrypoint",
    "env",
    "expose",
    "from",
    "healthcheck",
    "label",
    "maintainer",
    "onbuild",
    "run",
    "shell",
    "stopsignal",
    "user",
    "volume",
    "workdir",
];

/// Splits `text` into instructions the way BuildKit does. Never panics.
pub fn parse(text: &str) -> ParsedFile {
    let all = split_lines(text);
    // BuildKit's scanner stops with an error at a line longer than its buffer.
    let too_long = all.iter().position(|l| {
        if l.text.ends_with('\n') {
            l.text.len() > MAX_LINE_BYTES
        } else {
            l.text.len() >= MAX_LINE_BYTES
        }
    });
    let lines = &all[..too_long.unwrap_or(all.len())];

    let mut p = Parser {
        lines,
        idx: 0,
        escape: '\\',
        dir: DirectiveState::default(),
        directives: Vec::new(),
        instructions: Vec::new(),
        warnings: Vec::new(),
        errors: Vec::new(),
    };
    let outcome = p.run();
    let mut errors = std::mem::take(&mut p.errors);
    match outcome {
        Err(e) => errors.push(e),
        Ok(()) if !errors.is_empty() => {}
        Ok(()) => {
            if p.instructions.is_empty() {
                errors.push(SyntaxError {
                    line: p.idx,
                    message: "file with no instructions".to_string(),
                });
            } else if let Some(k) = too_long {
                errors.push(SyntaxError {
                    line: k + 1,
                    message: format!(
                        "dockerfile line greater than max allowed size of {}",
                        MAX_LINE_BYTES - 1
                    ),
                });
            }
        }
    }
    ParsedFile {
        escape: p.escape,
        directives: p.directives,
        instructions: p.instructions,
        errors,
        warnings: p.warnings,
    }
}

/// One physical line: byte offset of its start and its text with line ending.
struct Line<'a> {
    start: usize,
    text: &'a str,
}

fn split_lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < text.len() {
        let end = match text[start..].find('\n') {
            Some(i) => start + i + 1,
            None => text.len(),
        };
        out.push(Line {
            start,
            text: &text[start..end],
        });
        start = end;
    }
    out
}

/// `bytes.TrimRight(line, "\r\n")`.
fn trim_newline(s: &str) -> &str {
    s.trim_end_matches(['\r', '\n'])
}

/// Go's `unicode.IsSpace` is the Unicode White_Space property, as is Rust's.
fn trim_ws_start(s: &str) -> &str {
    s.trim_start_matches(char::is_whitespace)
}

fn is_comment(s: &str) -> bool {
    trim_ws_start(s).starts_with('#')
}

/// `unicode.IsSpace(rune(b))` for a single byte read as Latin-1, as BuildKit
/// does in its byte-wise scanners.
fn is_latin1_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ' | 0x85 | 0xA0)
}

/// The `[\t\v\f\r ]` class of BuildKit's whitespace regexp.
fn is_token_space(c: char) -> bool {
    matches!(c, '\t' | '\u{0b}' | '\u{0c}' | '\r' | ' ')
}

/// Removes a line-continuation escape: the escape token as the last
/// non-space/tab character, not preceded by another escape token (or alone
/// on the line). Returns the remaining text and whether the line is final.
fn trim_continuation(s: &str, esc: char) -> (&str, bool) {
    let t = s.trim_end_matches([' ', '\t']);
    if let Some(before) = t.strip_suffix(esc) {
        match before.chars().next_back() {
            None => return ("", false),
            Some(c) if c != esc => return (before, false),
            Some(_) => {}
        }
    }
    (s, true)
}

/// Go's `strings.ToLower` (simple case mapping, per character).
fn go_lower(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c == '\u{130}' {
                'i'
            } else {
                c.to_lowercase().next().unwrap_or(c)
            }
        })
        .collect()
}

/// Go's `%q` formatting, for error messages.
fn go_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{07}' => out.push_str("\\a"),
            '\u{08}' => out.push_str("\\b"),
            '\u{0c}' => out.push_str("\\f"),
            '\u{0b}' => out.push_str("\\v"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Parser-directive state (BuildKit's `DirectiveParser`).
#[derive(Default)]
struct DirectiveState {
    done: bool,
    seen: Vec<String>,
}

/// Go's regexp `\s`: `[\t\n\f\r ]`.
fn is_re_space(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\u{0c}' | '\r' | ' ')
}

/// `#` then `^([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$` (after left-trimming).
fn match_directive(token: &str) -> Option<(&str, &str)> {
    let s = trim_ws_start(token.strip_prefix('#')?);
    let b = s.as_bytes();
    if !b.first()?.is_ascii_alphabetic() {
        return None;
    }
    let mut i = 1;
    while i < b.len() && b[i].is_ascii_alphanumeric() {
        i += 1;
    }
    let name = &s[..i];
    let after_name = s[i..].trim_start_matches(is_re_space);
    let r = after_name.strip_prefix('=')?;
    let trimmed = r.trim_start_matches(is_re_space);
    let value = if !trimmed.is_empty() {
        trimmed.trim_end_matches(is_re_space)
    } else {
        // Only whitespace after `=`: the lazy group still takes one character.
        let last = r.chars().next_back()?;
        &r[r.len() - last.len_utf8()..]
    };
    Some((name, value))
}

impl DirectiveState {
    /// `Ok(Some((name, value)))` for a directive on this line.
    fn parse_line(&mut self, token: &str) -> Result<Option<(String, String)>, String> {
        if self.done {
            return Ok(None);
        }
        let Some((name, value)) = match_directive(token) else {
            self.done = true;
            return Ok(None);
        };
        let key = name.to_ascii_lowercase();
        if !matches!(key.as_str(), "syntax" | "escape" | "check") {
            self.done = true;
            return Ok(None);
        }
        if self.seen.contains(&key) {
            return Err(format!("only one {key} parser directive can be used"));
        }
        self.seen.push(key.clone());
        Ok(Some((key, value.to_string())))
    }
}

struct Parser<'a> {
    lines: &'a [Line<'a>],
    /// Lines consumed so far (BuildKit's `currentLine`).
    idx: usize,
    escape: char,
    dir: DirectiveState,
    directives: Vec<Directive>,
    instructions: Vec<Instruction>,
    warnings: Vec<SyntaxError>,
    /// Instructions that could not be read (skipped; the rest is still parsed).
    errors: Vec<SyntaxError>,
}

impl<'a> Parser<'a> {
    fn directive(&mut self, token: &str, line: usize) -> Result<(), SyntaxError> {
        let found = self
            .dir
            .parse_line(token)
            .map_err(|message| SyntaxError { line, message })?;
        if let Some((name, value)) = found {
            if name == "escape" {
                match value.as_str() {
                    "\\" => self.escape = '\\',
                    "`" => self.escape = '`',
                    _ => {
                        return Err(SyntaxError {
                            line,
                            message: format!(
                                "invalid escape token '{value}' does not match ` or \\"
                            ),
                        })
                    }
                }
            }
            self.directives.push(Directive { name, value, line });
        }
        Ok(())
    }

    fn run(&mut self) -> Result<(), SyntaxError> {
        let lines = self.lines;
        while self.idx < lines.len() {
            let first = &lines[self.idx];
            let mut text = first.text;
            let mut base = first.start;
            if self.idx == 0 {
                if let Some(rest) = text.strip_prefix('\u{FEFF}') {
                    text = rest;
                    base += '\u{FEFF}'.len_utf8();
                }
            }
            let text = trim_newline(text);
            let token = trim_ws_start(text);
            base += text.len() - token.len();
            self.directive(token, self.idx + 1)?;
            let processed = if is_comment(token) { "" } else { token };
            self.idx += 1;
            let start_line = self.idx;

            let (seg, mut end_of_line) = trim_continuation(processed, self.escape);
            if end_of_line && seg.is_empty() {
                continue;
            }
            let mut joined = String::from(seg);
            // (position in `joined`, byte offset in the text) per appended segment.
            let mut map: Vec<(usize, usize)> = vec![(0, base)];
            let mut first_empty: Option<usize> = None;
            while !end_of_line && self.idx < lines.len() {
                let l = &lines[self.idx];
                let s = trim_newline(l.text);
                self.directive(s, self.idx + 1)?;
                self.idx += 1;
                if is_comment(s) {
                    continue;
                }
                if trim_ws_start(s).is_empty() {
                    first_empty.get_or_insert(self.idx);
                    continue;
                }
                let (seg, eol) = trim_continuation(s, self.escape);
                end_of_line = eol;
                map.push((joined.len(), l.start));
                joined.push_str(seg);
            }

            if let Some(line) = first_empty {
                self.warnings.push(SyntaxError {
                    line,
                    message: format!("Empty continuation line found in: {joined}"),
                });
            }

            // A bad instruction is reported and skipped, so the rest of the file is still
            // read (BuildKit stops here; the file is rejected either way).
            let node = match new_node_from_line(&joined, self.escape) {
                Ok(n) => n,
                Err(message) => {
                    self.errors.push(SyntaxError {
                        line: start_line,
                        message,
                    });
                    continue;
                }
            };

            let mut heredocs = Vec::new();
            if node.heredocs_allowed && joined.contains("<<") {
                let specs = match heredocs_from_line(&joined) {
                    Ok(specs) => specs,
                    Err(message) => {
                        self.errors.push(SyntaxError {
                            line: start_line,
                            message,
                        });
                        continue;
                    }
                };
                for spec in specs {
                    let mut content = String::new();
                    let mut terminated = false;
                    while self.idx < lines.len() {
                        let raw = lines[self.idx].text;
                        self.idx += 1;
                        let mut candidate = trim_newline(raw);
                        if spec.chomp {
                            candidate = candidate.trim_start_matches('\t');
                        }
                        if candidate == spec.name {
                            terminated = true;
                            break;
                        }
                        content.push_str(raw);
                    }
                    if !terminated {
                        return Err(SyntaxError {
                            line: start_line,
                            message: "unterminated heredoc".to_string(),
                        });
                    }
                    heredocs.push(Heredoc {
                        name: spec.name,
                        content,
                        expand: spec.expand,
                        chomp: spec.chomp,
                    });
                }
            }

            let kw_pos = joined.len() - joined.trim_start().len();
            let start_offset = if joined.trim().is_empty() {
                base
            } else {
                map.iter()
                    .rev()
                    .find(|(jpos, _)| *jpos <= kw_pos)
                    .map(|(jpos, orig)| orig + (kw_pos - jpos))
                    .unwrap_or(base)
            };
            let last = &lines[self.idx - 1];
            let end_offset = (last.start + trim_newline(last.text).len()).max(start_offset);

            self.instructions.push(Instruction {
                keyword: node.keyword,
                start_line,
                end_line: self.idx,
                start_offset,
                end_offset,
                flags: node.flags.iter().map(|w| to_flag(w)).collect(),
                args: node.args,
                json: node.json,
                heredocs,
            });
        }
        Ok(())
    }
}

fn to_flag(word: &str) -> Flag {
    let body = word.strip_prefix("--").unwrap_or(word);
    match body.split_once('=') {
        Some((name, value)) => Flag {
            name: name.to_string(),
            value: Some(value.to_string()),
        },
        None => Flag {
            name: body.to_string(),
            value: None,
        },
    }
}

/// What the splitter keeps of BuildKit's node for one instruction.
struct NodeInfo {
    keyword: String,
    flags: Vec<String>,
    args: String,
    json: Option<Vec<String>>,
    /// BuildKit's `canContainHeredoc`.
    heredocs_allowed: bool,
}

/// The arguments of an analysed line: a byte range of the analysed text, or
/// (when a byte-wise split fell inside a character) a lossily decoded copy.
enum ArgsText {
    Range(usize, usize),
    Owned(String),
}

impl ArgsText {
    fn get<'s>(&'s self, text: &'s str) -> &'s str {
        match self {
            ArgsText::Range(a, b) => text.get(*a..*b).unwrap_or(""),
            ArgsText::Owned(s) => s,
        }
    }
}

/// One level of `newNodeFromLine` (without descending into ONBUILD).
struct Analysis {
    cmd: (usize, usize),
    lower: String,
    flags: Vec<String>,
    args: ArgsText,
    json: Option<Vec<String>>,
}

/// `newNodeFromLine`, with the ONBUILD recursion unrolled into a loop.
fn new_node_from_line(line: &str, esc: char) -> Result<NodeInfo, String> {
    let top = analyze(line, esc)?;
    let cmd = line.get(top.cmd.0..top.cmd.1).unwrap_or("");
    let keyword = if COMMANDS.contains(&top.lower.as_str()) {
        top.lower.to_ascii_uppercase()
    } else {
        cmd.to_uppercase()
    };
    let args = top.args.get(line).to_string();

    // Which node decides about heredocs: the instruction itself, or the
    // first sub-instruction of an ONBUILD.
    let mut decider = (top.lower.clone(), top.json.is_some());
    if top.lower == "onbuild" && !args.is_empty() {
        let mut base: Cow<str> = Cow::Borrowed(args.as_str());
        let (mut s, mut e) = (0usize, args.len());
        let mut first = true;
        loop {
            let text = base.get(s..e).unwrap_or("");
            let sub = analyze(text, esc)?;
            if first {
                decider = (sub.lower.clone(), sub.json.is_some());
                first = false;
            }
            let sub_args_empty = sub.args.get(text).is_empty();
            if sub.lower != "onbuild" || sub_args_empty {
                break;
            }
            match sub.args {
                ArgsText::Range(a, b) => {
                    e = s + b;
                    s += a;
                }
                ArgsText::Owned(o) => {
                    base = Cow::Owned(o);
                    s = 0;
                    e = base.len();
                }
            }
        }
    }
    let heredocs_allowed = matches!(decider.0.as_str(), "add" | "copy" | "run") && !decider.1;

    Ok(NodeInfo {
        keyword,
        flags: top.flags,
        args,
        json: top.json,
        heredocs_allowed,
    })
}

/// `splitCommand` plus the per-instruction line parser's checks.
fn analyze(line: &str, esc: char) -> Result<Analysis, String> {
    let lead = line.len() - line.trim_start().len();
    let trimmed = line.trim();
    let t_end = lead + trimmed.len();
    let (cmd_end, rest_start) = match trimmed.find(is_token_space) {
        Some(i) => {
            let after = &trimmed[i..];
            let skip = after.len() - after.trim_start_matches(is_token_space).len();
            (lead + i, Some(lead + i + skip))
        }
        None => (t_end, None),
    };
    let cmd = (lead, cmd_end);
    let lower = go_lower(line.get(lead..cmd_end).unwrap_or(""));

    let (flags, args) = match rest_start {
        None => (Vec::new(), ArgsText::Range(t_end, t_end)),
        Some(rs) => {
            let rest = line.get(rs..t_end).unwrap_or("");
            let (pos, words) = extract_builder_flags(rest.as_bytes());
            let flags = words
                .iter()
                .map(|w| String::from_utf8_lossy(w).into_owned())
                .collect();
            let args = if rest.is_char_boundary(pos) {
                let a = &rest[pos..];
                let a_lead = a.len() - a.trim_start().len();
                let a_trim = a.trim();
                ArgsText::Range(rs + pos + a_lead, rs + pos + a_lead + a_trim.len())
            } else {
                ArgsText::Owned(
                    String::from_utf8_lossy(&rest.as_bytes()[pos..])
                        .trim()
                        .to_string(),
                )
            };
            (flags, args)
        }
    };

    let json = {
        let a = args.get(line);
        match lower.as_str() {
            "add" | "copy" | "volume" => json_form(a)?,
            "cmd" | "entrypoint" | "run" | "shell" if !a.is_empty() => json_form(a)?,
            "env" => {
                check_name_val(a, "ENV", esc)?;
                None
            }
            "label" => {
                check_name_val(a, "LABEL", esc)?;
                None
            }
            "healthcheck" => health_json(a)?,
            _ => None,
        }
    };

    Ok(Analysis {
        cmd,
        lower,
        flags,
        args,
        json,
    })
}

fn json_form(args: &str) -> Result<Option<Vec<String>>, String> {
    match parse_json_array(args) {
        JsonArray::Strings(v) => Ok(Some(v)),
        JsonArray::NotStrings => Err(ERR_JSON_STRINGS.to_string()),
        JsonArray::NotJson => Ok(None),
    }
}

/// `parseHealthConfig`: a type word (`CMD`, `NONE`) then maybe-JSON.
fn health_json(args: &str) -> Result<Option<Vec<String>>, String> {
    let b = args.as_bytes();
    let mut sep = 0;
    while sep < b.len() && !is_latin1_space(b[sep]) {
        sep += 1;
    }
    let mut next = sep;
    while next < b.len() && is_latin1_space(b[next]) {
        next += 1;
    }
    if sep == 0 {
        return Ok(None);
    }
    let rest: Cow<str> = match args.get(next..) {
        Some(r) => Cow::Borrowed(r),
        None => String::from_utf8_lossy(b.get(next..).unwrap_or(&[])),
    };
    if rest.is_empty() {
        return Ok(None);
    }
    json_form(&rest)
}

/// `parseNameVal`'s checks for ENV and LABEL.
fn check_name_val(rest: &str, key: &str, esc: char) -> Result<(), String> {
    let words = parse_words(rest, esc);
    let Some(first) = words.first() else {
        return Ok(());
    };
    if !first.contains('=') {
        // Old form `KEY name value`: needs a second whitespace-separated part.
        if !rest.contains(is_token_space) {
            return Err(format!("{key} must have two arguments"));
        }
        return Ok(());
    }
    for w in &words {
        if !w.contains('=') {
            return Err(format!(
                "Syntax error - can't find = in {}. Must be of the form: name=value",
                go_quote(w)
            ));
        }
    }
    Ok(())
}

#[derive(Clone, Copy, PartialEq)]
enum Phase {
    Spaces,
    Word,
    Quote,
}

/// BuildKit's `parseWords`: space-separated words, quotes kept.
fn parse_words(rest: &str, esc: char) -> Vec<String> {
    let chars: Vec<char> = rest.chars().collect();
    let n = chars.len();
    let mut words = Vec::new();
    let mut phase = Phase::Spaces;
    let mut quote = '\0';
    let mut blank_ok = false;
    let mut sb = String::new();
    let mut pos = 0;
    while pos <= n {
        let ch = chars.get(pos).copied().unwrap_or('\0');
        if phase == Phase::Spaces {
            if pos == n {
                break;
            }
            if ch.is_whitespace() {
                pos += 1;
                continue;
            }
            phase = Phase::Word;
        }
        if pos == n {
            if blank_ok || !sb.is_empty() {
                words.push(std::mem::take(&mut sb));
            }
            break;
        }
        if phase == Phase::Word {
            if ch.is_whitespace() {
                phase = Phase::Spaces;
                if blank_ok || !sb.is_empty() {
                    words.push(std::mem::take(&mut sb));
                }
                sb.clear();
                blank_ok = false;
                pos += 1;
                continue;
            }
            if ch == '\'' || ch == '"' {
                quote = ch;
                blank_ok = true;
                phase = Phase::Quote;
            }
            let mut c = ch;
            if ch == esc {
                if pos + 1 == n {
                    pos += 1;
                    continue;
                }
                sb.push(ch);
                pos += 1;
                c = chars.get(pos).copied().unwrap_or('\0');
            }
            sb.push(c);
            pos += 1;
            continue;
        }
        // Phase::Quote
        if ch == quote {
            phase = Phase::Word;
        }
        let mut c = ch;
        if ch == esc && quote != '\'' {
            if pos + 1 == n {
                phase = Phase::Word;
                pos += 1;
                continue;
            }
            pos += 1;
            sb.push(ch);
            c = chars.get(pos).copied().unwrap_or('\0');
        }
        sb.push(c);
        pos += 1;
    }
    words
}

/// BuildKit's `extractBuilderFlags`, byte by byte like the original: returns
/// where the arguments start and the `--flag[=value]` words (quotes and `\`
/// escapes processed). A lone `--` word ends the flags.
fn extract_builder_flags(b: &[u8]) -> (usize, Vec<Vec<u8>>) {
    let n = b.len();
    let mut words: Vec<Vec<u8>> = Vec::new();
    let mut phase = Phase::Spaces;
    let mut word: Vec<u8> = Vec::new();
    let mut quote = 0u8;
    let mut blank_ok = false;
    let mut pos = 0;
    while pos <= n {
        let ch = b.get(pos).copied().unwrap_or(0);
        if phase == Phase::Spaces {
            if pos == n {
                break;
            }
            if is_latin1_space(ch) {
                pos += 1;
                continue;
            }
            if ch != b'-' || pos + 1 == n || b.get(pos + 1) != Some(&b'-') {
                return (pos, words);
            }
            phase = Phase::Word;
        }
        if pos == n {
            if word != b"--" && (blank_ok || !word.is_empty()) {
                words.push(std::mem::take(&mut word));
            }
            break;
        }
        if phase == Phase::Word {
            if is_latin1_space(ch) {
                phase = Phase::Spaces;
                if word == b"--" {
                    return (pos, words);
                }
                if blank_ok || !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
                word.clear();
                blank_ok = false;
                pos += 1;
                continue;
            }
            if ch == b'\'' || ch == b'"' {
                quote = ch;
                blank_ok = true;
                phase = Phase::Quote;
                pos += 1;
                continue;
            }
            let mut c = ch;
            if ch == b'\\' {
                if pos + 1 == n {
                    pos += 1;
                    continue;
                }
                pos += 1;
                c = b.get(pos).copied().unwrap_or(0);
            }
            word.push(c);
            pos += 1;
            continue;
        }
        // Phase::Quote
        if ch == quote {
            phase = Phase::Word;
            pos += 1;
            continue;
        }
        let mut c = ch;
        if ch == b'\\' {
            if pos + 1 == n {
                phase = Phase::Word;
                pos += 1;
                continue;
            }
            pos += 1;
            c = b.get(pos).copied().unwrap_or(0);
        }
        word.push(c);
        pos += 1;
    }
    (n, words)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(f: &ParsedFile) -> Vec<(String, usize, usize)> {
        f.instructions
            .iter()
            .map(|i| (i.keyword.clone(), i.start_line, i.end_line))
            .collect()
    }

    fn kw(k: &str, s: usize, e: usize) -> (String, usize, usize) {
        (k.to_string(), s, e)
    }

    #[test]
    fn simple_file_with_offsets() {
        let text = "FROM alpine:3 AS base\n\n  run echo hi\r\nCMD [\"sh\", \"-c\"]";
        let f = parse(text);
        assert!(f.errors.is_empty(), "{:?}", f.errors);
        assert_eq!(
            spans(&f),
            vec![kw("FROM", 1, 1), kw("RUN", 3, 3), kw("CMD", 4, 4)]
        );
        let run = &f.instructions[1];
        assert_eq!(&text[run.start_offset..run.end_offset], "run echo hi");
        assert_eq!(run.args, "echo hi");
        assert_eq!(run.json, None);
        let cmd = &f.instructions[2];
        assert_eq!(cmd.json, Some(vec!["sh".to_string(), "-c".to_string()]));
        assert_eq!(
            &text[cmd.start_offset..cmd.end_offset],
            "CMD [\"sh\", \"-c\"]"
        );
        assert_eq!(f.escape, '\\');
    }

    #[test]
    fn directives_only_at_top() {
        let f = parse("\u{FEFF}# Syntax = docker/dockerfile:1\n#ESCAPE=`\n# check=skip=all\n# unknown=1\n# escape=\\\nFROM x\n");
        assert!(f.errors.is_empty(), "{:?}", f.errors);
        let d: Vec<(&str, &str, usize)> = f
            .directives
            .iter()
            .map(|d| (d.name.as_str(), d.value.as_str(), d.line))
            .collect();
        assert_eq!(
            d,
            vec![
                ("syntax", "docker/dockerfile:1", 1),
                ("escape", "`", 2),
                ("check", "skip=all", 3)
            ]
        );
        assert_eq!(f.escape, '`');
        // A repeated directive is an error.
        let f = parse("# escape=`\n# escape=\\\nFROM x\n");
        assert_eq!(f.errors.len(), 1);
        assert!(f.errors[0].message.contains("only one escape"));
        // After a plain comment, directives are ordinary comments.
        let f = parse("# hello\n# escape=`\nFROM x\nRUN a \\\n b\n");
        assert_eq!(f.escape, '\\');
        assert!(f.directives.is_empty());
        assert_eq!(spans(&f), vec![kw("FROM", 3, 3), kw("RUN", 4, 5)]);
        // Invalid escape value.
        let f = parse("# escape=x\nFROM x\n");
        assert_eq!(f.errors[0].line, 1);
        assert!(f.errors[0].message.contains("invalid escape token"));
    }

    #[test]
    fn backtick_escape() {
        let text = "# escape=`\nFROM windows\nRUN dir `\n  c:\\ `\n  /s\nCOPY a\\ b\\ c:\\\n";
        let f = parse(text);
        assert!(f.errors.is_empty(), "{:?}", f.errors);
        assert_eq!(f.escape, '`');
        assert_eq!(
            spans(&f),
            vec![kw("FROM", 2, 2), kw("RUN", 3, 5), kw("COPY", 6, 6)]
        );
        assert_eq!(f.instructions[1].args, "dir   c:\\   /s");
        assert_eq!(f.instructions[2].args, "a\\ b\\ c:\\");
    }

    #[test]
    fn continuation_with_comments_and_blank_lines() {
        let text = "RUN apt-get update \\\n    # a comment\n\n    && apt-get install -y x \\\n  # trailing comment\n\nFROM y\n";
        let f = parse(text);
        assert!(f.errors.is_empty(), "{:?}", f.errors);
        // Comment and blank lines inside a continuation are skipped without
        // ending it, so `FROM y` (after a comment and a blank line) is joined.
        assert_eq!(spans(&f), vec![kw("RUN", 1, 7)]);
        assert_eq!(
            f.instructions[0].args,
            "apt-get update     && apt-get install -y x FROM y"
        );
        assert_eq!(f.warnings.len(), 1);
        assert_eq!(f.warnings[0].line, 3);

        let f = parse("RUN a \\\n# c\n b\nRUN \\\\\nRUN x\\\\\\\n");
        assert_eq!(
            spans(&f),
            vec![kw("RUN", 1, 3), kw("RUN", 4, 4), kw("RUN", 5, 5)]
        );
        assert_eq!(f.instructions[0].args, "a  b");
    }

    #[test]
    fn heredocs() {
        let text = "FROM x\nRUN <<EOF bash\necho hi\nEOF\nCOPY <<-'A' <<\"B\" /dst/\n\tline a\n\tA\nline b\nB\nRUN [\"<<EOF\"]\nLABEL a=<<EOF\n";
        let f = parse(text);
        assert!(f.errors.is_empty(), "{:?}", f.errors);
        assert_eq!(
            spans(&f),
            vec![
                kw("FROM", 1, 1),
                kw("RUN", 2, 4),
                kw("COPY", 5, 9),
                kw("RUN", 10, 10),
                kw("LABEL", 11, 11)
            ]
        );
        let run = &f.instructions[1];
        assert_eq!(
            run.heredocs,
            vec![Heredoc {
                name: "EOF".into(),
                content: "echo hi\n".into(),
                expand: true,
                chomp: false
            }]
        );
        assert_eq!(
            &text[run.start_offset..run.end_offset],
            "RUN <<EOF bash\necho hi\nEOF"
        );
        let copy = &f.instructions[2];
        assert_eq!(copy.heredocs.len(), 2);
        assert_eq!(copy.heredocs[0].name, "A");
        assert_eq!(copy.heredocs[0].content, "\tline a\n");
        assert!(copy.heredocs[0].chomp && !copy.heredocs[0].expand);
        assert_eq!(copy.heredocs[1].content, "line b\n");
        assert!(f.instructions[3].heredocs.is_empty());
        assert!(f.instructions[4].heredocs.is_empty());

        let f = parse("ONBUILD RUN <<EOF\nx\nEOF\n");
        assert_eq!(spans(&f), vec![kw("ONBUILD", 1, 3)]);
        assert_eq!(f.instructions[0].heredocs.len(), 1);

        let f = parse("FROM x\nRUN <<EOF\nno end\n");
        assert_eq!(f.errors.len(), 1);
        assert_eq!(f.errors[0].message, "unterminated heredoc");
        assert_eq!(f.errors[0].line, 2);
    }

    /// The cases of BuildKit's `TestParseExtractsHeredoc`.
    #[test]
    fn heredoc_cases_from_buildkit() {
        let text = "\nFROM alpine:3.6\n\nENV NAME=me\n\nRUN ls\n\nUSER <<INVALID\nINVALID\n\nRUN <<EMPTY\nEMPTY\n\n\
RUN 3<<EMPTY2\nEMPTY2\n\nRUN \"<<NOHEREDOC\"\n\nRUN <<INDENT\n\tfoo\n\tbar\nINDENT\n\nRUN <<-UNINDENT\n\tbaz\n\tquux\n\
UNINDENT\n\nRUN <<-UNINDENT2\n\tbaz\n\tquux\n\tUNINDENT2\n\nRUN <<-EXPAND\n\texpand $NAME\nEXPAND\n\n\
RUN <<-'NOEXPAND'\n\tdon't expand $NAME\nNOEXPAND\n\nRUN <<COPY\necho hello world\necho foo bar\nCOPY\n\n\
RUN <<COMMENT\n# internal comment\necho hello world\necho foo bar # trailing comment\nCOMMENT\n\n\
RUN --mount=type=cache,target=/foo <<MOUNT\necho hello\nMOUNT\n\nCOPY <<FILE1 <<FILE2 /dest\ncontent 1\nFILE1\n\
content 2\nFILE2\n\nCOPY <<EOF /quotes\n\"foo\"\n'bar'\nEOF\n\nCOPY <<X <<Y /dest\nY\nX\nX\nY\n\n\
RUN <<COMPLEX python3\nprint('hello world')\nCOMPLEX\n\nCOPY <<file.txt /dest\nhello world\nfile.txt\n\n\
RUN <<eo'f'\necho foo\neof\n\nRUN <<eo\\'f\necho foo\neo'f\n\nRUN <<'e'o\\'f\necho foo\neo'f\n\n\
RUN <<'one two'\necho bar\none two\n\nRUN <<$EOF\n$EOF\n\nRUN <<  EOF\nEOF\n\nRUN <<  EOF  > foo\nEOF\n\t";
        let f = parse(text);
        assert!(f.errors.is_empty(), "{:?}", f.errors);
        let h = |name: &str, content: &str, expand: bool, chomp: bool| Heredoc {
            name: name.into(),
            content: content.into(),
            expand,
            chomp,
        };
        let want: Vec<Vec<Heredoc>> = vec![
            vec![],
            vec![],
            vec![],
            vec![],
            vec![h("EMPTY", "", true, false)],
            vec![h("EMPTY2", "", true, false)],
            vec![],
            vec![h("INDENT", "\tfoo\n\tbar\n", true, false)],
            vec![h("UNINDENT", "\tbaz\n\tquux\n", true, true)],
            vec![h("UNINDENT2", "\tbaz\n\tquux\n", true, true)],
            vec![h("EXPAND", "\texpand $NAME\n", true, true)],
            vec![h("NOEXPAND", "\tdon't expand $NAME\n", false, true)],
            vec![h("COPY", "echo hello world\necho foo bar\n", true, false)],
            vec![h(
                "COMMENT",
                "# internal comment\necho hello world\necho foo bar # trailing comment\n",
                true,
                false,
            )],
            vec![h("MOUNT", "echo hello\n", true, false)],
            vec![
                h("FILE1", "content 1\n", true, false),
                h("FILE2", "content 2\n", true, false),
            ],
            vec![h("EOF", "\"foo\"\n'bar'\n", true, false)],
            vec![h("X", "Y\n", true, false), h("Y", "X\n", true, false)],
            vec![h("COMPLEX", "print('hello world')\n", true, false)],
            vec![h("file.txt", "hello world\n", true, false)],
            vec![h("eof", "echo foo\n", false, false)],
            vec![h("eo'f", "echo foo\n", true, false)],
            vec![h("eo'f", "echo foo\n", false, false)],
            vec![h("one two", "echo bar\n", false, false)],
            vec![h("$EOF", "", true, false)],
            vec![h("EOF", "", true, false)],
            vec![h("EOF", "", true, false)],
        ];
        let got: Vec<Vec<Heredoc>> = f
            .instructions
            .iter()
            .skip(1)
            .map(|i| i.heredocs.clone())
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn flags_and_json() {
        let f = parse("COPY --from=build --chown=\"a b\" --link -- --x /y\nFROM --platform=$P img AS s\nRUN --mount=type=cache,target=/c [\"a\"]\n");
        assert!(f.errors.is_empty(), "{:?}", f.errors);
        let c = &f.instructions[0];
        let fl: Vec<(String, Option<String>)> = c
            .flags
            .iter()
            .map(|f| (f.name.clone(), f.value.clone()))
            .collect();
        assert_eq!(
            fl,
            vec![
                ("from".into(), Some("build".into())),
                ("chown".into(), Some("a b".into())),
                ("link".into(), None)
            ]
        );
        assert_eq!(c.args, "--x /y");
        assert_eq!(c.flag("LINK"), Some(""));
        assert_eq!(f.instructions[1].flag("platform"), Some("$P"));
        assert_eq!(f.instructions[1].args, "img AS s");
        assert_eq!(f.instructions[2].json, Some(vec!["a".to_string()]));
        let f = parse("HEALTHCHECK --interval=5s CMD [\"curl\", \"-f\"]\n");
        assert_eq!(
            f.instructions[0].json,
            Some(vec!["curl".to_string(), "-f".to_string()])
        );
    }

    #[test]
    fn rejected_files() {
        assert_eq!(parse("").errors[0].message, "file with no instructions");
        let f = parse("# a\n\n# b\n");
        assert_eq!(
            (f.errors[0].line, f.errors[0].message.as_str()),
            (3, "file with no instructions")
        );
        let f = parse("FROM x\n\nENV PATH\n");
        assert_eq!(
            (f.errors[0].line, f.errors[0].message.as_str()),
            (3, "ENV must have two arguments")
        );
        assert_eq!(f.instructions.len(), 1);
        let f = parse("CMD [\"a\", [\"b\"]]\n");
        assert_eq!(f.errors[0].line, 1);
        assert!(f.errors[0].message.contains("strings only"));
        let f = parse("FROM x\nLABEL a=b c\n");
        assert!(f.errors[0].message.contains("can't find = in \"c\""));
        let f = parse("FROM x\nONBUILD ONBUILD CMD [1]\n");
        assert_eq!(f.errors[0].line, 2);
        // Shell-form fallbacks that BuildKit accepts.
        for ok in [
            "CMD [1e999]",
            "CMD ['a']",
            "CMD [\"a\"] b",
            "ENV a b",
            "ENV",
            "LABEL",
            "RUN",
        ] {
            assert!(parse(ok).errors.is_empty(), "{ok}");
        }
    }

    #[test]
    fn keywords_are_case_insensitive_and_unknown_kept() {
        let f = parse("from x\nFrOm y\nfoo bar\n\\\n");
        assert_eq!(
            spans(&f),
            vec![
                kw("FROM", 1, 1),
                kw("FROM", 2, 2),
                kw("FOO", 3, 3),
                kw("", 4, 4)
            ]
        );
        assert_eq!(
            f.instructions[3].start_offset,
            f.instructions[3].end_offset - 1
        );
    }

    #[test]
    fn too_long_line() {
        let text = format!("FROM x\nRUN {}\n", "a".repeat(70_000));
        let f = parse(&text);
        assert_eq!(f.errors.len(), 1);
        assert!(f.errors[0].message.contains("max allowed size"));
        assert_eq!(f.instructions.len(), 1);
    }

    #[test]
    fn odd_inputs_never_panic() {
        let odd = [
            "\\",
            "`",
            "<<",
            "[\"",
            "[",
            "]",
            "\u{FEFF}",
            "\u{FEFF}\\\n",
            "RUN <<",
            "RUN <<EOF",
            "RUN <<-",
            "RUN <<''",
            "COPY <<EOF",
            "RUN --",
            "RUN --\\",
            "RUN --\"",
            "RUN --a\u{800}ONBUILD",
            "HEALTHCHECK",
            "HEALTHCHECK \u{a0}[1]",
            "ONBUILD",
            "ONBUILD ONBUILD",
            "ONBUILD RUN <<EOF",
            "ENV \"",
            "ENV a\\",
            "LABEL 'x",
            "# escape=",
            "# escape=  ",
            "#escape=`\n`",
            "RUN a\\\r\n\r\n",
            "\r",
            "\n\n\n",
            "CMD [\"\\ud800\"]",
            "RUN ${",
            "RUN <<E\"",
            "x\u{85}y",
            "İNCLUDE",
            "RUN --a=\u{e9} b",
            "COPY --x=\u{800} y",
        ];
        for s in odd {
            let f = parse(s);
            for i in &f.instructions {
                assert!(
                    i.start_offset <= i.end_offset && i.end_offset <= s.len(),
                    "{s:?}"
                );
                assert!(
                    s.is_char_boundary(i.start_offset) && s.is_char_boundary(i.end_offset),
                    "{s:?}"
                );
            }
        }
    }

    #[test]
    fn pathological_inputs_finish() {
        let cases = [
            format!("FROM x\nRUN {}\n", "ONBUILD ".repeat(8_000)),
            format!(
                "FROM x\nONBUILD {}RUN <<EOF\nEOF\n",
                "ONBUILD ".repeat(8_000)
            ),
            format!("FROM x\nCMD {}{}\n", "[".repeat(30_000), "]".repeat(30_000)),
            format!("FROM x\nRUN {}\n", "<<A ".repeat(10_000)),
            format!("FROM x\nRUN a \\\n{}", " b \\\n".repeat(50_000)),
            format!("FROM x\nRUN a \\\n{}", "# c\n\n".repeat(50_000)),
            format!("{}FROM x\n", "# syntax=x\n".repeat(10_000)),
            format!("FROM x\nENV {}\n", "a=\"b c\" ".repeat(5_000)),
            format!("FROM x\nCOPY {}a b\n", "--f=\"x y\" ".repeat(5_000)),
            format!("FROM x\nRUN <<EOF {}\n", "${a:-".repeat(10_000)),
        ];
        for text in &cases {
            let f = parse(text);
            for i in &f.instructions {
                assert!(i.start_offset <= i.end_offset && i.end_offset <= text.len());
            }
        }
        let f = parse(&cases[1]);
        assert_eq!(
            f.instructions[1].heredocs.len(),
            0,
            "only ONBUILD's direct sub-instruction counts"
        );
        let f = parse(&cases[2]);
        assert!(
            f.errors.is_empty() && f.instructions[1].json.is_none(),
            "too deep: shell form"
        );
        let f = parse(&cases[4]);
        assert_eq!(spans(&f), vec![kw("FROM", 1, 1), kw("RUN", 2, 50_002)]);
    }

    #[test]
    fn random_inputs_never_panic() {
        let alphabet: [&str; 24] = [
            "RUN ", "COPY ", "ONBUILD ", "ENV ", "CMD ", "\\", "`", "\n", "\r\n", " ", "\t", "<<",
            "EOF", "-", "\"", "'", "[", "]", "$", "{", "#", "é", "\u{a0}", "\u{800}",
        ];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..3000 {
            let mut s = String::new();
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let len = (state % 40) as usize;
            for _ in 0..len {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                s.push_str(alphabet[(state % alphabet.len() as u64) as usize]);
            }
            let f = parse(&s);
            for i in &f.instructions {
                assert!(
                    i.start_offset <= i.end_offset && i.end_offset <= s.len(),
                    "{s:?}"
                );
                assert!(
                    s.is_char_boundary(i.start_offset) && s.is_char_boundary(i.end_offset),
                    "{s:?}"
                );
                assert!(i.start_line <= i.end_line, "{s:?}");
            }
        }
    }

    #[test]
    fn random_bytes_never_panic() {
        let mut state: u64 = 42;
        for _ in 0..2000 {
            let mut bytes = Vec::new();
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            for _ in 0..(state % 64) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                bytes.push((state >> 24) as u8);
            }
            let s = String::from_utf8_lossy(&bytes);
            let _ = parse(&s);
        }
    }
}
