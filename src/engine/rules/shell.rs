//! What the rules read in a `RUN`: its simple commands, each word with its byte
//! span in the user's text, so a fix can insert a flag right after a word.
//!
//! This is the same rough reading as [`crate::engine::model::commands`] (split at
//! `&&`, `||`, `;`, `|`, `&`, newlines, subshells and command substitutions; leading
//! `VAR=value` assignments set apart), done over the user's text instead of the
//! joined arguments: line continuations and the comment lines BuildKit drops inside
//! them are skipped, heredoc bodies that the shell runs (`RUN <<EOF`, `RUN bash <<EOF`)
//! are read as scripts, and other heredocs (`cat <<EOF > file`) are data.
//! Exec form (`RUN ["apt-get", "install", …]`) is read from its JSON strings
//! (`["sh", "-c", script]` as the script); its words carry no span, so no fix edits it.
//!
//! Nothing here panics: every slice of the user's text goes through `.get()`.

use super::{Context, Edit, Fix};
use crate::engine::syntax::{self, Instruction};

/// One word of a command and where it is in the user's text (`start..end`,
/// quotes included). Words read from exec form have `start == end == 0` and
/// `spanned == false`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub spanned: bool,
}

/// A simple command: leading assignments and its words (program first).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Cmd {
    pub env: Vec<Word>,
    pub argv: Vec<Word>,
}

impl Cmd {
    /// The program as written (`apt-get`, `/usr/bin/pip3`).
    pub fn program(&self) -> &str {
        self.argv.first().map(|w| w.text.as_str()).unwrap_or("")
    }

    /// The program's file name (`/usr/bin/apt-get` → `apt-get`).
    pub fn basename(&self) -> &str {
        let p = self.program();
        p.rsplit('/').next().unwrap_or(p)
    }

    /// True when the program's file name is `name`.
    pub fn is(&self, name: &str) -> bool {
        self.basename() == name
    }

    /// The words after the program.
    pub fn args(&self) -> &[Word] {
        self.argv.get(1..).unwrap_or(&[])
    }

    /// The value a leading `K=value` assignment gives `k` for this command (the last one,
    /// as the shell does).
    pub fn assigned(&self, k: &str) -> Option<&str> {
        self.env
            .iter()
            .rev()
            .find_map(|w| w.text.strip_prefix(k)?.strip_prefix('='))
    }

    /// The first argument equal to `a` (hadolint's `cmdHasArgs` looks at every argument).
    pub fn arg(&self, a: &str) -> Option<&Word> {
        self.args().iter().find(|w| w.text == a)
    }

    pub fn has_arg(&self, a: &str) -> bool {
        self.arg(a).is_some()
    }

    /// True when a flag named `name` is given: `--name`, `--name=value`, or (for a
    /// one-letter name) inside a `-abc` cluster — hadolint's reading of flags.
    pub fn has_flag(&self, name: &str) -> bool {
        self.args().iter().any(|w| {
            let t = w.text.as_str();
            if t == "-" || t == "--" {
                false
            } else if let Some(long) = t.strip_prefix("--") {
                long.split('=').next() == Some(name)
            } else if let Some(short) = t.strip_prefix('-') {
                name.chars().count() == 1 && short.contains(name)
            } else {
                false
            }
        })
    }
}

/// The commands of a `RUN` and where text can be added to run after all of them.
#[derive(Debug, Clone, Default)]
pub struct Script {
    pub commands: Vec<Cmd>,
    /// Where ` && more` can be inserted to run after the command line
    /// (before a trailing comment or `;`), when that is known to be safe.
    pub append_at: Option<usize>,
    /// For `RUN <<EOF` (no command on the first line): the start of the
    /// terminator line, where a new line of script can be inserted.
    pub line_at: Option<usize>,
}

impl Script {
    /// An edit that makes `command` run after everything else in the RUN.
    pub fn append(&self, command: &str) -> Option<Edit> {
        if let Some(at) = self.append_at {
            Some(Edit {
                start: at,
                end: at,
                replacement: format!(" && {command}"),
            })
        } else {
            self.line_at.map(|at| Edit {
                start: at,
                end: at,
                replacement: format!("{command}\n"),
            })
        }
    }
}

/// Is `ins` a RUN (or, with `onbuild`, an `ONBUILD RUN`)?
pub fn is_run(ins: &Instruction, onbuild: bool) -> bool {
    ins.keyword == "RUN" || (onbuild && ins.keyword == "ONBUILD" && onbuild_run(ins))
}

fn onbuild_run(ins: &Instruction) -> bool {
    ins.args
        .split_whitespace()
        .next()
        .is_some_and(|w| w.eq_ignore_ascii_case("RUN"))
}

/// The flags of a RUN, or of the RUN under an ONBUILD (`--mount=…`).
pub fn run_flags(ins: &Instruction) -> Vec<(String, String)> {
    if ins.keyword == "RUN" {
        return ins
            .flags
            .iter()
            .map(|f| {
                (
                    f.name.to_ascii_lowercase(),
                    f.value.clone().unwrap_or_default(),
                )
            })
            .collect();
    }
    ins.args
        .split_whitespace()
        .skip(1)
        .take_while(|w| w.starts_with("--"))
        .map(|w| {
            let w = w.trim_start_matches('-');
            let (n, v) = w.split_once('=').unwrap_or((w, ""));
            (n.to_ascii_lowercase(), v.to_string())
        })
        .collect()
}

/// True when a `--mount=type=cache` (or tmpfs) of the RUN targets `dir` or a path under it.
pub fn mounts_dir(ins: &Instruction, dir: &str) -> bool {
    cache_mount_targets(ins)
        .iter()
        .any(|t| t.trim_end_matches('/').starts_with(dir))
}

/// True when a `--mount=type=cache` (or tmpfs) of the RUN has a target containing `part`.
pub fn mount_target_contains(ins: &Instruction, part: &str) -> bool {
    cache_mount_targets(ins).iter().any(|t| t.contains(part))
}

/// The targets of the RUN's cache and tmpfs mounts.
fn cache_mount_targets(ins: &Instruction) -> Vec<String> {
    let mut out = Vec::new();
    for (name, value) in run_flags(ins) {
        if name != "mount" {
            continue;
        }
        let mut kind = "bind";
        let mut target = "";
        for part in value.split(',') {
            let (k, v) = part.split_once('=').unwrap_or((part, ""));
            match k.trim().to_ascii_lowercase().as_str() {
                "type" => kind = v.trim(),
                "target" | "dst" | "destination" => target = v.trim(),
                _ => {}
            }
        }
        if kind == "cache" || kind == "tmpfs" {
            out.push(target.to_string());
        }
    }
    out
}

/// Reads the commands of a RUN (or ONBUILD RUN) instruction.
pub fn script(ctx: &Context, ins: &Instruction) -> Script {
    let escape = ctx.parsed.escape;
    if ins.keyword == "RUN" {
        if let Some(json) = &ins.json {
            return exec_script(json);
        }
    } else if ins.keyword == "ONBUILD" {
        // `ONBUILD RUN ["a", "b"]`: read the JSON from the arguments.
        let rest = ins.args.trim_start().get(3..).unwrap_or("").trim();
        if rest.starts_with('[') {
            if let Some(v) = crate::engine::syntax::json_string_array(rest) {
                return exec_script(&v);
            }
        }
    }
    let text = ctx.text;
    let start = ins.start_offset.min(text.len());
    let end = ins.end_offset.min(text.len()).max(start);
    let first_end = logical_line_end(text, start, end, escape);
    let lexed = lex(text, start, first_end, Mode::Dockerfile(escape));
    let skip_onbuild = ins.keyword == "ONBUILD";
    let has_heredocs = !ins.heredocs.is_empty();
    let mut commands = Vec::new();
    for (i, mut cmd) in lexed.commands.into_iter().enumerate() {
        if i == 0 {
            // Drop the keyword, the RUN under ONBUILD, and the --flags.
            let mut words = std::mem::take(&mut cmd.argv).into_iter().peekable();
            let mut taken = 0;
            while let Some(w) = words.peek() {
                let keyword = taken == 0 || (skip_onbuild && taken == 1);
                if keyword || w.text.starts_with("--") {
                    words.next();
                    taken += 1;
                } else {
                    break;
                }
            }
            // Assignments after the keyword are the command's env.
            let rest: Vec<Word> = words.collect();
            cmd = build_cmd(rest);
        }
        if has_heredocs {
            cmd.argv.retain(|w| !w.text.starts_with("<<"));
            if cmd.argv.is_empty() && cmd.env.is_empty() {
                continue;
            }
        }
        if !cmd.argv.is_empty() || !cmd.env.is_empty() {
            commands.push(cmd);
        }
    }
    let first_line_has_commands = !commands.is_empty();
    let append_at = if first_line_has_commands && !lexed.comment_crosses_lines {
        append_point(
            text,
            start,
            lexed.comment_start.unwrap_or(first_end),
            escape,
        )
    } else {
        None
    };

    let mut line_at = None;
    if has_heredocs {
        // The bodies follow the first logical line, one after another.
        let mut pos = next_line(text, first_end, end);
        let shell_runs_first =
            !first_line_has_commands || commands.len() == 1 && is_shell_reading_stdin(&commands[0]);
        for (i, h) in ins.heredocs.iter().enumerate() {
            let (body_start, body_end, term_start, after) = heredoc_span(text, pos, end, h);
            pos = after;
            if i != 0 || !shell_runs_first {
                continue;
            }
            let body = text.get(body_start..body_end).unwrap_or("");
            if let Some(first) = body.lines().next() {
                if first.starts_with("#!") && !is_shell_path(first.trim_start_matches("#!")) {
                    continue; // a python (or other) script
                }
            }
            let inner = lex(text, body_start, body_end, Mode::Script);
            commands.extend(inner.commands);
            if !first_line_has_commands {
                let last = body.trim_end().lines().last().unwrap_or("").trim_end();
                let dangling = ["\\", "&&", "||", "|", "&", "then", "do", "else"]
                    .iter()
                    .any(|s| last.ends_with(s));
                if term_start.is_some() && !dangling && !inner.open_heredoc {
                    line_at = term_start;
                }
            }
        }
    }
    Script {
        commands,
        append_at,
        line_at,
    }
}

fn exec_script(json: &[String]) -> Script {
    let unspanned = |t: &str| Word {
        text: t.to_string(),
        start: 0,
        end: 0,
        spanned: false,
    };
    let shell = json.first().map(|p| p.rsplit('/').next().unwrap_or(p));
    let commands =
        if shell.is_some_and(is_shell_name) && json.get(1).map(String::as_str) == Some("-c") {
            let s = json.get(2).cloned().unwrap_or_default();
            let mut cmds = lex(&s, 0, s.len(), Mode::Script).commands;
            for c in &mut cmds {
                for w in c.env.iter_mut().chain(c.argv.iter_mut()) {
                    *w = unspanned(&w.text);
                }
            }
            cmds
        } else {
            vec![Cmd {
                env: Vec::new(),
                argv: json.iter().map(|s| unspanned(s)).collect(),
            }]
        };
    Script {
        commands,
        append_at: None,
        line_at: None,
    }
}

fn is_shell_name(n: &str) -> bool {
    matches!(n, "sh" | "bash" | "ash" | "dash" | "zsh" | "ksh")
}

fn is_shell_path(shebang: &str) -> bool {
    let mut words = shebang.split_whitespace();
    let first = words.next().unwrap_or("");
    let name = first.rsplit('/').next().unwrap_or(first);
    if name == "env" {
        return words.next().is_some_and(is_shell_name);
    }
    is_shell_name(name)
}

/// `bash`, `sh -eux`, … with no script argument: the shell reads the heredoc.
fn is_shell_reading_stdin(cmd: &Cmd) -> bool {
    is_shell_name(cmd.basename())
        && cmd
            .args()
            .iter()
            .all(|w| w.text.starts_with('-') && w.text != "-c")
}

/// Byte offset just past the instruction's first logical line (its continuation
/// lines included), at most `end`.
fn logical_line_end(text: &str, start: usize, end: usize, escape: char) -> usize {
    let mut pos = start;
    let mut first = true;
    loop {
        let line_end = text
            .get(pos..end)
            .and_then(|s| s.find('\n'))
            .map(|i| pos + i)
            .unwrap_or(end);
        let line = text.get(pos..line_end).unwrap_or("");
        let trimmed = line.trim_start();
        let skipped = !first && (trimmed.trim().is_empty() || trimmed.starts_with('#'));
        first = false;
        if line_end >= end {
            return end;
        }
        if skipped || ends_with_escape(line, escape) {
            pos = line_end + 1;
            continue;
        }
        return line_end;
    }
}

/// True when `line` ends with the escape character (trailing spaces, tabs and `\r`
/// ignored) that is not itself escaped.
fn ends_with_escape(line: &str, escape: char) -> bool {
    let t = line.trim_end_matches([' ', '\t', '\r']);
    let n = t.chars().rev().take_while(|&c| c == escape).count();
    n % 2 == 1
}

fn next_line(text: &str, pos: usize, end: usize) -> usize {
    text.get(pos..end)
        .and_then(|s| s.find('\n'))
        .map(|i| pos + i + 1)
        .unwrap_or(end)
}

/// (body start, body end, terminator line start, position after the terminator line).
fn heredoc_span(
    text: &str,
    pos: usize,
    end: usize,
    h: &syntax::Heredoc,
) -> (usize, usize, Option<usize>, usize) {
    let mut line_start = pos;
    while line_start < end {
        let line_end = text
            .get(line_start..end)
            .and_then(|s| s.find('\n'))
            .map(|i| line_start + i)
            .unwrap_or(end);
        let line = text.get(line_start..line_end).unwrap_or("");
        let line = line.strip_suffix('\r').unwrap_or(line);
        let candidate = if h.chomp {
            line.trim_start_matches('\t')
        } else {
            line
        };
        if candidate == h.name {
            return (pos, line_start, Some(line_start), (line_end + 1).min(end));
        }
        line_start = line_end + 1;
    }
    (pos.min(end), end, None, end)
}

/// Where ` && x` goes on the command line ending at `end`: after its last
/// character, before a trailing `;`; none when the line ends dangling
/// (`\`, `&&`, `|`, `&`) or is empty.
fn append_point(text: &str, start: usize, end: usize, escape: char) -> Option<usize> {
    let line = text.get(start..end)?;
    let trimmed = line.trim_end();
    if trimmed.is_empty() || ends_with_escape(trimmed, escape) {
        return None;
    }
    let mut at = start + trimmed.len();
    let mut t = trimmed;
    while let Some(s) = t.strip_suffix(';') {
        if s.ends_with(';') || s.ends_with('\\') {
            return None; // `;;` (case) or an escaped `;`
        }
        t = s.trim_end();
        at = start + t.len();
    }
    if t.ends_with(['&', '|', '(', '{', '!']) || ends_with_escape(t, escape) {
        return None; // `&&`, `||`, a pipe, background, an open group
    }
    let last = t.rsplit([' ', '\t', ';', '&', '|']).next().unwrap_or("");
    if matches!(
        last,
        "then" | "do" | "else" | "elif" | "if" | "while" | "until" | "in"
    ) {
        return None;
    }
    Some(at)
}

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    /// A Dockerfile line: `escape` + newline continues it; comment and blank
    /// lines inside a continuation are dropped; a shell comment runs to its end.
    Dockerfile(char),
    /// A script (heredoc body or `sh -c` string): newlines separate commands,
    /// `\` + newline continues, shell heredocs are skipped.
    Script,
}

struct Lexed {
    commands: Vec<Cmd>,
    /// Where an unquoted `#` comment starts, if any (Dockerfile mode).
    comment_start: Option<usize>,
    /// The comment runs over a continuation onto later lines.
    comment_crosses_lines: bool,
    /// A shell heredoc (`<<X`) opened in a script was not closed.
    open_heredoc: bool,
}

struct Builder {
    commands: Vec<Cmd>,
    words: Vec<Word>,
    cur: Option<Word>,
}

impl Builder {
    fn push_char(&mut self, c: char, at: usize, next: usize) {
        let w = self.cur.get_or_insert_with(|| Word {
            text: String::new(),
            start: at,
            end: next,
            spanned: true,
        });
        w.text.push(c);
        w.end = next;
    }
    fn open(&mut self, at: usize, next: usize) {
        let w = self.cur.get_or_insert_with(|| Word {
            text: String::new(),
            start: at,
            end: next,
            spanned: true,
        });
        w.end = next;
    }
    fn end_word(&mut self) {
        if let Some(w) = self.cur.take() {
            self.words.push(w);
        }
    }
    fn end_cmd(&mut self) {
        self.end_word();
        let words = std::mem::take(&mut self.words);
        let cmd = build_cmd(drop_redirections(words));
        if !cmd.argv.is_empty() || !cmd.env.is_empty() {
            self.commands.push(cmd);
        }
    }
    fn cur_text(&self) -> &str {
        self.cur.as_ref().map(|w| w.text.as_str()).unwrap_or("")
    }
}

/// Removes redirections (`> /dev/null`, `2>&1`, `>>log`, `<file`) from a command's words.
fn drop_redirections(words: Vec<Word>) -> Vec<Word> {
    let mut out = Vec::with_capacity(words.len());
    let mut skip_next = false;
    for w in words {
        if skip_next {
            skip_next = false;
            continue;
        }
        let t = w.text.trim_start_matches(|c: char| c.is_ascii_digit());
        let t = t.strip_prefix('&').unwrap_or(t);
        if t.starts_with('>') || t.starts_with('<') {
            let op_only = t.chars().all(|c| matches!(c, '<' | '>' | '&' | '|'));
            if op_only && !t.starts_with("<<") {
                skip_next = true;
            }
            continue;
        }
        out.push(w);
    }
    out
}

/// Splits leading assignments and shell keywords off a command's words.
fn build_cmd(words: Vec<Word>) -> Cmd {
    let mut cmd = Cmd::default();
    for w in words {
        if cmd.argv.is_empty() {
            if let Some((k, _)) = w.text.split_once('=') {
                let mut chars = k.chars();
                let ident = chars
                    .next()
                    .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                    && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
                if ident {
                    cmd.env.push(w);
                    continue;
                }
            }
            if matches!(
                w.text.as_str(),
                "if" | "then"
                    | "do"
                    | "else"
                    | "elif"
                    | "while"
                    | "until"
                    | "!"
                    | "{"
                    | "}"
                    | "("
                    | "time"
            ) {
                continue;
            }
        }
        cmd.argv.push(w);
    }
    cmd
}

/// Reads `text[start..end]` as shell, keeping word spans.
fn lex(text: &str, start: usize, end: usize, mode: Mode) -> Lexed {
    let mut out = Lexed {
        commands: Vec::new(),
        comment_start: None,
        comment_crosses_lines: false,
        open_heredoc: false,
    };
    let Some(src) = text.get(start..end) else {
        return out;
    };
    let chars: Vec<(usize, char)> = src.char_indices().map(|(i, c)| (i + start, c)).collect();
    let at = |i: usize| chars.get(i).map(|&(o, _)| o).unwrap_or(end);
    let ch = |i: usize| chars.get(i).map(|&(_, c)| c);
    let cont_char = match mode {
        Mode::Dockerfile(e) => e,
        Mode::Script => '\\',
    };
    let mut b = Builder {
        commands: Vec::new(),
        words: Vec::new(),
        cur: None,
    };
    let mut quote: Option<char> = None;
    // Shell heredocs opened on the current script line: skipped at its end.
    let mut pending_heredocs: Vec<(String, bool)> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        // Line continuation: the escape, optional blanks (Dockerfile only), newline.
        if c == cont_char {
            let mut j = i + 1;
            if matches!(mode, Mode::Dockerfile(_)) {
                while matches!(ch(j), Some(' ' | '\t' | '\r')) {
                    j += 1;
                }
            }
            if ch(j) == Some('\n') || (ch(j).is_none() && j > i + 1) {
                i = j + 1;
                if let Mode::Dockerfile(_) = mode {
                    // BuildKit drops comment and blank lines inside a continuation.
                    loop {
                        let mut k = i;
                        while matches!(ch(k), Some(' ' | '\t' | '\r')) {
                            k += 1;
                        }
                        match ch(k) {
                            Some('\n') => i = k + 1,
                            Some('#') => {
                                while ch(k).is_some_and(|c| c != '\n') {
                                    k += 1;
                                }
                                i = k + 1;
                            }
                            _ => break,
                        }
                    }
                }
                continue;
            }
        }
        let next = at(i + 1);
        if let Some(q) = quote {
            if c == q {
                quote = None;
                b.open(chars[i].0, next);
            } else if q == '"' && c == '\\' && ch(i + 1).is_some_and(|n| n != '\n') {
                if let Some(n) = ch(i + 1) {
                    if !matches!(n, '"' | '\\' | '$' | '`') {
                        b.push_char('\\', chars[i].0, next);
                    }
                    b.push_char(n, chars[i + 1].0, at(i + 2));
                }
                i += 2;
                continue;
            } else {
                b.push_char(c, chars[i].0, next);
            }
            i += 1;
            continue;
        }
        match c {
            '\'' | '"' => {
                quote = Some(c);
                b.open(chars[i].0, next);
            }
            '\\' => {
                if let Some(n) = ch(i + 1) {
                    b.push_char(n, chars[i].0, at(i + 2));
                    i += 2;
                    continue;
                }
            }
            '#' if b.cur.is_none() => {
                if let Mode::Dockerfile(_) = mode {
                    out.comment_start.get_or_insert(chars[i].0);
                    let rest = text.get(chars[i].0..end).unwrap_or("");
                    out.comment_crosses_lines = rest.contains('\n');
                    break;
                }
                while ch(i).is_some_and(|c| c != '\n') {
                    i += 1;
                }
                continue;
            }
            ' ' | '\t' | '\r' => b.end_word(),
            '\n' => {
                b.end_cmd();
                if !pending_heredocs.is_empty() {
                    // Skip the bodies of `cat <<EOF` and the like.
                    let mut k = i + 1;
                    for (name, chomp) in std::mem::take(&mut pending_heredocs) {
                        let mut found = false;
                        while k < chars.len() {
                            let line_start = k;
                            while ch(k).is_some_and(|c| c != '\n') {
                                k += 1;
                            }
                            let line = text.get(at(line_start)..at(k)).unwrap_or("");
                            let line = line.strip_suffix('\r').unwrap_or(line);
                            let line = if chomp {
                                line.trim_start_matches('\t')
                            } else {
                                line
                            };
                            k += 1;
                            if line == name {
                                found = true;
                                break;
                            }
                        }
                        if !found {
                            out.open_heredoc = true;
                        }
                    }
                    i = k;
                    continue;
                }
            }
            ';' | '|' => b.end_cmd(),
            '&' => {
                let prev_redirect = b.cur_text().ends_with(['>', '<']);
                let next_redirect = ch(i + 1) == Some('>');
                if ch(i + 1) == Some('&') {
                    b.end_cmd();
                    i += 2;
                    continue;
                } else if prev_redirect || next_redirect {
                    b.push_char(c, chars[i].0, next);
                } else {
                    b.end_cmd();
                }
            }
            '(' => {
                if let Some(w) = b.cur.as_mut() {
                    if w.text.ends_with('$') {
                        w.text.pop();
                        if w.text.is_empty() {
                            b.cur = None;
                        }
                    }
                }
                b.end_cmd();
            }
            ')' | '`' => b.end_cmd(),
            '<' if mode == Mode::Script && ch(i + 1) == Some('<') && ch(i + 2) != Some('<') => {
                // A shell heredoc: remember its delimiter, skip the body at the line end.
                let mut j = i + 2;
                let chomp = ch(j) == Some('-');
                if chomp {
                    j += 1;
                }
                while matches!(ch(j), Some(' ' | '\t')) {
                    j += 1;
                }
                let mut name = String::new();
                while let Some(n) = ch(j) {
                    if n.is_whitespace() || matches!(n, ';' | '&' | '|' | '>' | '<' | ')') {
                        break;
                    }
                    if !matches!(n, '\'' | '"' | '\\') {
                        name.push(n);
                    }
                    j += 1;
                }
                if !name.is_empty() {
                    pending_heredocs.push((name, chomp));
                }
                b.end_word();
                i = j;
                continue;
            }
            _ => b.push_char(c, chars[i].0, next),
        }
        i += 1;
    }
    b.end_cmd();
    if !pending_heredocs.is_empty() {
        out.open_heredoc = true;
    }
    out.commands = b.commands;
    out
}

/// Keeps `fix` only if the fixed text still parses as the same number of
/// instructions with no more errors than before.
/// A fix that inserts ` {flag}` after the word `verb` of every offending command
/// (`apk add` → `apk add --no-cache`). None when a command's verb has no span in the
/// user's text or the result would not parse the same.
pub fn insert_after_verb(
    ctx: &Context,
    offenders: &[&Cmd],
    verb: &str,
    flag: &str,
    safe: bool,
) -> Option<Fix> {
    let edits: Vec<Edit> = offenders
        .iter()
        .filter_map(|c| c.arg(verb))
        .filter(|w| w.spanned)
        .map(|w| Edit {
            start: w.end,
            end: w.end,
            replacement: format!(" {flag}"),
        })
        .collect();
    if edits.len() != offenders.len() {
        return None;
    }
    checked(
        ctx,
        Fix {
            title: format!("Add {flag}"),
            edits,
            safe,
        },
    )
}

pub fn checked(ctx: &Context, fix: Fix) -> Option<Fix> {
    if fix.edits.is_empty() {
        return None;
    }
    let fixed = fix.apply(ctx.text);
    let parsed = syntax::parse(&fixed);
    (parsed.instructions.len() == ctx.parsed.instructions.len()
        && parsed.errors.len() <= ctx.parsed.errors.len())
    .then_some(fix)
}

/// For each instruction, the index of the stage it belongs to (FROMs included).
pub fn stage_of(ctx: &Context) -> Vec<Option<usize>> {
    let mut out = vec![None; ctx.parsed.instructions.len()];
    for s in &ctx.model.stages {
        if let Some(slot) = out.get_mut(s.from_instr) {
            *slot = Some(s.index);
        }
        for &i in &s.body {
            if let Some(slot) = out.get_mut(i) {
                *slot = Some(s.index);
            }
        }
    }
    out
}

/// The stages whose files end up in the final image: the last stage and the
/// stages it is built `FROM`, transitively.
pub fn final_chain(ctx: &Context) -> Vec<bool> {
    let stages = &ctx.model.stages;
    let mut keep = vec![false; stages.len()];
    let mut cur = stages.last();
    while let Some(s) = cur {
        if keep.get(s.index).copied().unwrap_or(true) {
            break;
        }
        keep[s.index] = true;
        cur = ctx.model.stage_ref(&s.from, s.index);
    }
    keep
}

/// A finding on instruction `ins`, its savings left to the estimator.
pub fn finding(
    code: &'static str,
    ins: &Instruction,
    message: String,
    hadolint: Option<&'static str>,
    fix: Option<Fix>,
) -> super::Finding {
    super::Finding {
        code,
        line: ins.start_line,
        end_line: ins.end_line,
        message,
        saves_bytes: 0,
        saves_low: 0,
        saves_high: 0,
        hadolint,
        fix,
        priced_by: None,
        only_if_it_saves: false,
    }
}

/// For each instruction: true when its stage reaches the image ([`final_chain`]).
pub fn ships(ctx: &Context) -> Vec<bool> {
    let chain = final_chain(ctx);
    stage_of(ctx)
        .into_iter()
        .map(|s| s.is_some_and(|s| chain.get(s).copied().unwrap_or(false)))
        .collect()
}

/// The first stage of the final chain: the one built on an image, not on a stage.
pub fn chain_root<'a>(ctx: &Context<'a>) -> Option<&'a crate::engine::model::Stage> {
    let mut cur = ctx.model.stages.last()?;
    for _ in 0..ctx.model.stages.len() {
        match ctx.model.stage_ref(&cur.from, cur.index) {
            Some(p) => cur = p,
            None => break,
        }
    }
    Some(cur)
}

/// `ENV` values, `ARG` values, the `USER` and the `WORKDIR` in force before an instruction.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    pub env: std::collections::BTreeMap<String, String>,
    pub args: std::collections::BTreeMap<String, String>,
    pub user: Option<String>,
    /// `WORKDIR`s joined; empty when none was set (another image's own is not known).
    workdir: String,
}

impl Scope {
    /// A variable's value (ENV wins over ARG, as in BuildKit).
    pub fn var(&self, k: &str) -> Option<&str> {
        self.env
            .get(k)
            .or_else(|| self.args.get(k))
            .map(String::as_str)
    }

    /// The working directory: the `WORKDIR`s joined from `/`.
    pub fn workdir(&self) -> &str {
        if self.workdir.is_empty() {
            "/"
        } else {
            &self.workdir
        }
    }

    /// True unless a `USER` other than root (`root`, `0`, `root:…`, `0:…`) is in force.
    pub fn root(&self) -> bool {
        self.user.as_deref().is_none_or(is_root_user)
    }
}

/// hadolint's reading of a root `USER`.
pub fn is_root_user(u: &str) -> bool {
    let u = u.trim();
    u == "root" || u == "0" || u.starts_with("root:") || u.starts_with("0:")
}

/// The [`Scope`] before each instruction; `FROM <stage>` inherits ENV, USER and WORKDIR.
pub fn scopes(ctx: &Context) -> Vec<Scope> {
    use crate::engine::model::{arg_pairs, env_pairs};
    let stage_of = stage_of(ctx);
    let mut ends: Vec<Scope> = vec![Scope::default(); ctx.model.stages.len()];
    let mut cur = Scope::default();
    let mut cur_stage: Option<usize> = None;
    let mut out = Vec::with_capacity(ctx.parsed.instructions.len());
    for (i, ins) in ctx.parsed.instructions.iter().enumerate() {
        if ins.keyword == "FROM" {
            if let Some(slot) = cur_stage.and_then(|s| ends.get_mut(s)) {
                *slot = cur.clone();
            }
            cur_stage = stage_of.get(i).copied().flatten();
            let parent = cur_stage
                .and_then(|s| ctx.model.stages.get(s))
                .and_then(|s| ctx.model.stage_ref(&s.from, s.index))
                .and_then(|p| ends.get(p.index));
            cur = Scope {
                args: Default::default(),
                ..parent.cloned().unwrap_or_default()
            };
        }
        out.push(cur.clone());
        match ins.keyword.as_str() {
            "ENV" => cur.env.extend(env_pairs(&ins.args)),
            "ARG" => {
                for (k, v) in arg_pairs(&ins.args) {
                    let v = v.or_else(|| ctx.model.global_args.get(&k).cloned());
                    cur.args.insert(k, v.unwrap_or_default());
                }
            }
            "USER" => cur.user = Some(ins.args.trim().to_string()),
            "WORKDIR" => {
                let d = ins.args.trim().trim_matches(['"', '\'']);
                cur.workdir = if d.starts_with('/') {
                    d.to_string()
                } else {
                    format!("{}/{d}", cur.workdir().trim_end_matches('/'))
                };
            }
            _ => {}
        }
    }
    out
}

/// An edit that puts `flags` (`--mount=…`) right after the `RUN` keyword.
pub fn run_flags_edit(ctx: &Context, ins: &Instruction, flags: &str) -> Option<Edit> {
    let at = ins.start_offset.checked_add(3)?;
    let kw = ctx.text.get(ins.start_offset..at)?;
    (ins.keyword == "RUN" && kw.eq_ignore_ascii_case("RUN")).then(|| Edit {
        start: at,
        end: at,
        replacement: format!(" {flags}"),
    })
}

/// The first argument that is not a flag (npm's, yarn's, go's… subcommand).
pub fn verb(c: &Cmd) -> Option<&Word> {
    c.args().iter().find(|w| !w.text.starts_with('-'))
}

/// Shell-style wildcard match (`*`, `?`) of a whole name.
pub fn glob(pattern: &str, name: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let s: Vec<char> = name.chars().collect();
    let (mut pi, mut si, mut star, mut mark) = (0, 0, None, 0);
    while si < s.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == s[si]) {
            pi += 1;
            si += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = si;
            pi += 1;
        } else if let Some(st) = star {
            pi = st + 1;
            mark += 1;
            si = mark;
        } else {
            return false;
        }
    }
    p.get(pi..).is_some_and(|r| r.iter().all(|&c| c == '*'))
}

/// The sources of a `COPY`/`ADD` (shell form split at whitespace, as BuildKit does).
pub fn copy_sources(ins: &Instruction) -> Vec<String> {
    let mut words = match &ins.json {
        Some(v) => v.clone(),
        None => ins.args.split_whitespace().map(str::to_string).collect(),
    };
    words.pop();
    words
}

/// Runs `rule` on `text` (for the rules' tests).
#[cfg(test)]
pub fn run_rule(rule: fn(&Context) -> Vec<super::Finding>, text: &str) -> Vec<super::Finding> {
    let parsed = syntax::parse(text);
    let model = crate::engine::model::Model::build(&parsed);
    let ctx = Context {
        text,
        parsed: &parsed,
        model: &model,
        as_of: None,
        target: None,
    };
    rule(&ctx)
}

/// Applies the fix of the only finding `rule` reports on `text` (for tests).
#[cfg(test)]
pub fn fixed(rule: fn(&Context) -> Vec<super::Finding>, text: &str) -> String {
    let f = run_rule(rule, text);
    assert_eq!(f.len(), 1, "expected one finding on {text:?}: {f:?}");
    f[0].fix.as_ref().expect("a fix").apply(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::model::Model;

    fn cmds(text: &str) -> Vec<Vec<String>> {
        let parsed = syntax::parse(text);
        let model = Model::build(&parsed);
        let ctx = Context {
            text,
            parsed: &parsed,
            model: &model,
            as_of: None,
            target: None,
        };
        let ins = parsed
            .instructions
            .iter()
            .find(|i| is_run(i, true))
            .unwrap();
        script(&ctx, ins)
            .commands
            .iter()
            .map(|c| c.argv.iter().map(|w| w.text.clone()).collect())
            .collect()
    }

    #[test]
    fn reads_commands_with_spans() {
        let text = "FROM x\nRUN --mount=type=cache,target=/a DEBIAN_FRONTEND=noninteractive apt-get \\\n  # a comment\n  install -y 'a b' && echo \"x\\\"y\" 2>&1 >/dev/null; ls | wc -l\n";
        assert_eq!(
            cmds(text),
            vec![
                vec!["apt-get", "install", "-y", "a b"],
                vec!["echo", "x\"y"],
                vec!["ls"],
                vec!["wc", "-l"]
            ]
        );
        let parsed = syntax::parse(text);
        let model = Model::build(&parsed);
        let ctx = Context {
            text,
            parsed: &parsed,
            model: &model,
            as_of: None,
            target: None,
        };
        let s = script(&ctx, &parsed.instructions[1]);
        let w = &s.commands[0].argv[1];
        assert_eq!(&text[w.start..w.end], "install");
        assert_eq!(
            &text[s.commands[0].argv[3].start..s.commands[0].argv[3].end],
            "'a b'"
        );
        assert_eq!(s.append_at, Some(text.trim_end().len()));
    }

    #[test]
    fn heredoc_scripts_and_data() {
        assert_eq!(
            cmds(
                "FROM x\nRUN <<EOF\nset -e\napt-get update\ncat <<X > /f\nnot a command\nX\nEOF\n"
            ),
            vec![vec!["set", "-e"], vec!["apt-get", "update"], vec!["cat"],]
        );
        assert_eq!(
            cmds("FROM x\nRUN cat <<EOF > /etc/apt/x\napt-get update\nEOF\n"),
            vec![vec!["cat"]]
        );
        assert_eq!(
            cmds("FROM x\nRUN <<EOF\n#!/usr/bin/env python3\nimport os\nEOF\n"),
            Vec::<Vec<String>>::new()
        );
        assert_eq!(
            cmds("FROM x\nRUN bash -ex <<EOF\napt-get update\nEOF\n"),
            vec![vec!["bash", "-ex"], vec!["apt-get", "update"]]
        );
        assert_eq!(
            cmds("FROM x\nRUN [\"sh\", \"-c\", \"apt-get update && apt-get install x\"]\n"),
            vec![vec!["apt-get", "update"], vec!["apt-get", "install", "x"]]
        );
        assert_eq!(
            cmds("FROM x\nRUN if true; then apt-get install z; fi && echo $(apk add y)\n"),
            vec![
                vec!["true"],
                vec!["apt-get", "install", "z"],
                vec!["fi"],
                vec!["echo"],
                vec!["apk", "add", "y"]
            ]
        );
    }

    #[test]
    fn append_points() {
        let at = |text: &str| {
            let parsed = syntax::parse(text);
            let model = Model::build(&parsed);
            let ctx = Context {
                text,
                parsed: &parsed,
                model: &model,
                as_of: None,
                target: None,
            };
            let s = script(&ctx, &parsed.instructions[1]);
            s.append("rm -rf /x").map(|e| {
                Fix {
                    title: String::new(),
                    edits: vec![e],
                    safe: true,
                }
                .apply(text)
            })
        };
        assert_eq!(
            at("FROM x\nRUN a;  \n").as_deref(),
            Some("FROM x\nRUN a && rm -rf /x;  \n")
        );
        assert_eq!(
            at("FROM x\nRUN a # note\n").as_deref(),
            Some("FROM x\nRUN a && rm -rf /x # note\n")
        );
        assert_eq!(at("FROM x\nRUN a # note \\\n  b\n"), None);
        assert_eq!(at("FROM x\nRUN a &\n"), None);
        assert_eq!(at("FROM x\nRUN a &&\n"), None);
        assert_eq!(at("FROM x\nRUN if a; then\n"), None);
        assert_eq!(
            at("FROM x\nRUN echo done\n").as_deref(),
            Some("FROM x\nRUN echo done && rm -rf /x\n")
        );
        assert_eq!(
            at("FROM x\nRUN <<EOF\na\nEOF\n").as_deref(),
            Some("FROM x\nRUN <<EOF\na\nrm -rf /x\nEOF\n")
        );
        assert_eq!(at("FROM x\nRUN <<EOF\na \\\nEOF\n"), None);
        assert_eq!(
            at("FROM x\nRUN bash <<EOF\na\nEOF\n").as_deref(),
            Some("FROM x\nRUN bash <<EOF && rm -rf /x\na\nEOF\n")
        );
    }

    #[test]
    fn never_panics_on_odd_text() {
        for text in [
            "FROM x\nRUN \\",
            "FROM x\nRUN 'unterminated",
            "FROM x\nRUN <<EOF\n",
            "FROM x\nRUN a <<",
            "FROM x\nRUN é\\\n",
            "FROM x\nRUN $(",
            "FROM x\nONBUILD RUN [\"a\"",
            "FROM x\nRUN [\"sh\", \"-c\", \"cat <<X\"]",
        ] {
            let parsed = syntax::parse(text);
            let model = Model::build(&parsed);
            let ctx = Context {
                text,
                parsed: &parsed,
                model: &model,
                as_of: None,
                target: None,
            };
            for ins in &parsed.instructions {
                let s = script(&ctx, ins);
                if let Some(e) = s.append("x") {
                    let _ = Fix {
                        title: String::new(),
                        edits: vec![e],
                        safe: true,
                    }
                    .apply(text);
                }
            }
        }
    }
}
