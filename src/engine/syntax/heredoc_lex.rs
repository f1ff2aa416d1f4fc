//! Heredoc detection, following BuildKit's `heredocsFromLine` /
//! `ParseHeredoc`, which run the Dockerfile shell lexer (`shell.Lex`, escape
//! `\`, unset variables kept verbatim) over the joined instruction line and
//! look for words of the form `[n]<<[-]WORD` (as of BuildKit 0.22, spaces
//! may follow `<<`: the lexer keeps them in the `<<` word).
//!
//! The lexer reproduces the behaviour that decides word boundaries and
//! errors: quotes (kept or dropped), escapes, `$name` / `${...}` forms and
//! their syntax errors, and even BuildKit's shared word buffer (a nested
//! `${x:-...}` resets the word being built). Nesting is bounded so that
//! hostile input cannot exhaust the stack.

/// A heredoc announced on an instruction line (body not read yet).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct HeredocSpec {
    pub name: String,
    pub expand: bool,
    pub chomp: bool,
}

/// The lexer's escape token for heredoc words (always `\` in BuildKit).
const ESC: char = '\\';

/// Maximum nesting of `${...}` / quotes handled before giving up (BuildKit
/// has no limit, Go stacks grow; no real Dockerfile comes near this).
const MAX_NESTING: usize = 200;

/// Heredocs announced on `line`, in order. An error here is fatal for the
/// file (BuildKit reports it at the instruction).
pub(super) fn heredocs_from_line(line: &str) -> Result<Vec<HeredocSpec>, String> {
    // Errors while splitting the whole line are ignored: no words, no heredocs.
    let words = process_words(line, true, true).unwrap_or_default();
    let mut docs = Vec::new();
    for word in &words {
        if let Some(doc) = parse_heredoc(word)? {
            docs.push(doc);
        }
    }
    Ok(docs)
}

/// `^(\d*)<<(-?)\s*([^<]*)$` and then BuildKit's `heredocFromMatch`.
fn parse_heredoc(word: &str) -> Result<Option<HeredocSpec>, String> {
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    let Some(after) = word.get(digits..).and_then(|w| w.strip_prefix("<<")) else {
        return Ok(None);
    };
    let (chomp, rest) = match after.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, after),
    };
    // `\s*` between the marker and the word.
    let rest = rest.trim_start_matches(['\t', '\n', '\u{0c}', '\r', ' ']);
    if rest.contains('<') || rest.is_empty() {
        return Ok(None);
    }
    let words = process_words(rest, false, false)?;
    if words.len() != 1 {
        return Ok(None);
    }
    let raw = process_words(rest, true, false)?;
    if raw.len() != words.len() {
        return Err(format!(
            "internal lexing of heredoc produced inconsistent results: {rest}"
        ));
    }
    let quotes = |s: &str| s.chars().filter(|&c| c == '\'' || c == '"').count();
    let name = words.into_iter().next().unwrap_or_default();
    let expand = quotes(&name) == raw.first().map_or(0, |r| quotes(r));
    Ok(Some(HeredocSpec {
        name,
        expand,
        chomp,
    }))
}

/// `shell.Lex.ProcessWords` with `SkipUnsetEnv` and an empty environment.
fn process_words(input: &str, raw_quotes: bool, raw_escapes: bool) -> Result<Vec<String>, String> {
    let mut chars: Vec<char> = input.chars().collect();
    // text/scanner skips a leading byte-order mark.
    if chars.first() == Some(&'\u{FEFF}') {
        chars.remove(0);
    }
    let mut lx = Lexer {
        chars,
        pos: 0,
        raw_quotes,
        raw_escapes,
        buf: String::new(),
        depth: 0,
    };
    lx.stop_on(None, raw_escapes)
        .map(|(_, words)| words)
        .map_err(|e| format!("failed to process {}: {e}", super::go_quote(input)))
}

struct Lexer {
    chars: Vec<char>,
    pos: usize,
    raw_quotes: bool,
    raw_escapes: bool,
    /// The word being built. Shared by nested calls, as in BuildKit.
    buf: String,
    depth: usize,
}

/// Word accumulation state local to one `processStopOn` call.
struct Words {
    words: Vec<String>,
    in_word: bool,
}

fn go_rune_str(ch: Option<char>) -> char {
    ch.unwrap_or('\u{FFFD}')
}

fn is_letter(c: char) -> bool {
    // Go's unicode.IsLetter (category L); exact for ASCII, approximate beyond.
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        c.is_alphabetic() && !c.is_numeric()
    }
}

fn is_digit(c: char) -> bool {
    // Go's unicode.IsDigit (category Nd); exact for ASCII, approximate beyond.
    if c.is_ascii() {
        c.is_ascii_digit()
    } else {
        c.is_numeric()
    }
}

impl Lexer {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn next(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += 1;
        Some(c)
    }

    fn add_raw_char(&mut self, w: &mut Words, ch: char) {
        self.buf.push(ch);
        w.in_word = true;
    }

    fn add_char(&mut self, w: &mut Words, ch: char) {
        if ch.is_whitespace() {
            if w.in_word && !self.buf.is_empty() {
                w.words.push(std::mem::take(&mut self.buf));
                w.in_word = false;
            }
        } else {
            self.add_raw_char(w, ch);
        }
    }

    fn add_string(&mut self, w: &mut Words, s: &str) {
        for ch in s.chars() {
            self.add_char(w, ch);
        }
    }

    fn add_raw_string(&mut self, w: &mut Words, s: &str) {
        self.buf.push_str(s);
        w.in_word = true;
    }

    fn get_words(&mut self, mut w: Words) -> Vec<String> {
        if !self.buf.is_empty() {
            w.words.push(std::mem::take(&mut self.buf));
        }
        w.words
    }

    /// `processStopOn`: reads until `stop` (or the end when `None`).
    fn stop_on(
        &mut self,
        stop: Option<char>,
        raw_escapes: bool,
    ) -> Result<(String, Vec<String>), String> {
        if self.depth >= MAX_NESTING {
            return Err("expression nested too deeply".to_string());
        }
        self.depth += 1;
        let saved = self.raw_escapes;
        self.raw_escapes = raw_escapes;
        let r = self.stop_on_inner(stop);
        self.raw_escapes = saved;
        self.depth -= 1;
        r
    }

    fn stop_on_inner(&mut self, stop: Option<char>) -> Result<(String, Vec<String>), String> {
        let mut result = String::new();
        self.buf.clear();
        let mut w = Words {
            words: Vec::new(),
            in_word: false,
        };
        while let Some(ch) = self.peek() {
            if stop == Some(ch) {
                self.next();
                return Ok((result, self.get_words(w)));
            }
            match ch {
                '$' => {
                    let tmp = self.dollar()?;
                    result.push_str(&tmp);
                    self.add_string(&mut w, &tmp);
                }
                '<' => {
                    let tmp = self.possible_heredoc();
                    result.push_str(&tmp);
                    self.add_raw_string(&mut w, &tmp);
                }
                '\'' => {
                    let tmp = self.single_quote()?;
                    result.push_str(&tmp);
                    self.add_raw_string(&mut w, &tmp);
                }
                '"' => {
                    let tmp = self.double_quote()?;
                    result.push_str(&tmp);
                    self.add_raw_string(&mut w, &tmp);
                }
                _ => {
                    self.next();
                    let mut ch = ch;
                    if ch == ESC {
                        if self.raw_escapes {
                            self.add_raw_char(&mut w, ch);
                            result.push(ch);
                        }
                        match self.next() {
                            Some(c) => ch = c,
                            None => break,
                        }
                        self.add_raw_char(&mut w, ch);
                    } else {
                        self.add_char(&mut w, ch);
                    }
                    result.push(ch);
                }
            }
        }
        if let Some(s) = stop {
            return Err(format!(
                "unexpected end of statement while looking for matching {s}"
            ));
        }
        Ok((result, self.get_words(w)))
    }

    /// `<` or `<<`; spaces, tabs and CRs right after `<<` stay in the word
    /// (BuildKit >= 0.22 accepts `<< EOF`).
    fn possible_heredoc(&mut self) -> String {
        self.next();
        if self.peek() != Some('<') {
            return "<".to_string();
        }
        self.next();
        let mut s = String::from("<<");
        while let Some(c) = self.peek().filter(|c| matches!(c, ' ' | '\t' | '\r')) {
            self.next();
            s.push(c);
        }
        s
    }

    fn single_quote(&mut self) -> Result<String, String> {
        let mut r = String::new();
        self.next();
        if self.raw_quotes {
            r.push('\'');
        }
        loop {
            match self.next() {
                None => {
                    return Err(
                        "unexpected end of statement while looking for matching single-quote"
                            .into(),
                    )
                }
                Some('\'') => {
                    if self.raw_quotes {
                        r.push('\'');
                    }
                    return Ok(r);
                }
                Some(c) => r.push(c),
            }
        }
    }

    fn double_quote(&mut self) -> Result<String, String> {
        let mut r = String::new();
        self.next();
        if self.raw_quotes {
            r.push('"');
        }
        loop {
            match self.peek() {
                None => {
                    return Err(
                        "unexpected end of statement while looking for matching double-quote"
                            .into(),
                    )
                }
                Some('"') => {
                    self.next();
                    if self.raw_quotes {
                        r.push('"');
                    }
                    return Ok(r);
                }
                Some('$') => {
                    let v = self.dollar()?;
                    r.push_str(&v);
                }
                Some(_) => {
                    let mut ch = self.next().unwrap_or(ESC);
                    if ch == ESC {
                        if self.raw_escapes {
                            r.push(ch);
                        }
                        match self.peek() {
                            None => continue,
                            Some('"' | '$' | ESC) => ch = self.next().unwrap_or(ESC),
                            Some(_) => {}
                        }
                    }
                    r.push(ch);
                }
            }
        }
    }

    /// `$name`, `${name}`, `${name<op>word}`; unset variables are kept verbatim.
    fn dollar(&mut self) -> Result<String, String> {
        self.next();
        if self.peek() != Some('{') {
            let name = self.name();
            if name.is_empty() {
                return Ok("$".into());
            }
            return Ok(format!("${name}"));
        }
        self.next();
        match self.peek() {
            None => return Err("syntax error: missing '}'".into()),
            Some('{' | '}' | ':') => return Err("syntax error: bad substitution".into()),
            Some(_) => {}
        }
        let name = self.name();
        let ch = self.next();
        let mut chs = String::new();
        chs.push(go_rune_str(ch));
        match ch {
            Some('}') => Ok(format!("${{{name}}}")),
            Some(':' | '+' | '-' | '?' | '#' | '%') => {
                let mut ch = ch;
                let mut null_is_unset = false;
                if ch == Some(':') {
                    null_is_unset = true;
                    ch = self.next();
                    chs.push(go_rune_str(ch));
                }
                let raw = matches!(ch, Some('#' | '%'));
                if null_is_unset && raw {
                    return Err(format!("unsupported modifier ({chs}) in substitution"));
                }
                let word = match self.stop_on(Some('}'), raw) {
                    Ok((w, _)) => w,
                    Err(e) => {
                        if self.peek().is_none() {
                            return Err("syntax error: missing '}'".into());
                        }
                        return Err(e);
                    }
                };
                Ok(format!("${{{name}{chs}{word}}}"))
            }
            Some('/') => {
                if self.peek() == Some('/') {
                    self.next();
                }
                let pattern = match self.stop_on(Some('/'), true) {
                    Ok((w, _)) => w,
                    Err(e) => {
                        if self.peek().is_none() {
                            return Err("syntax error: missing '/' in ${}".into());
                        }
                        return Err(e);
                    }
                };
                let replacement = match self.stop_on(Some('}'), true) {
                    Ok((w, _)) => w,
                    Err(e) => {
                        if self.peek().is_none() {
                            return Err("syntax error: missing '}'".into());
                        }
                        return Err(e);
                    }
                };
                Ok(format!("${{{name}/{pattern}/{replacement}}}"))
            }
            _ => Err(format!("unsupported modifier ({chs}) in substitution")),
        }
    }

    fn name(&mut self) -> String {
        let mut name = String::new();
        while let Some(ch) = self.peek() {
            if name.is_empty() && is_digit(ch) {
                while let Some(c) = self.peek().filter(|&c| is_digit(c)) {
                    self.next();
                    name.push(c);
                }
                return name;
            }
            if name.is_empty() && matches!(ch, '@' | '*' | '#' | '?' | '-' | '$' | '!' | '0') {
                self.next();
                return ch.to_string();
            }
            if !is_letter(ch) && !is_digit(ch) && ch != '_' {
                break;
            }
            self.next();
            name.push(ch);
        }
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(line: &str) -> Vec<(String, bool, bool)> {
        heredocs_from_line(line)
            .unwrap()
            .into_iter()
            .map(|h| (h.name, h.expand, h.chomp))
            .collect()
    }

    #[test]
    fn heredoc_words() {
        assert_eq!(names("RUN <<EOF"), vec![("EOF".into(), true, false)]);
        assert_eq!(names("RUN <<-EOT bash"), vec![("EOT".into(), true, true)]);
        assert_eq!(
            names("COPY <<'A' <<\"B\" /dst"),
            vec![("A".into(), false, false), ("B".into(), false, false)]
        );
        assert_eq!(names("RUN 3<<X cat"), vec![("X".into(), true, false)]);
        assert_eq!(
            names("RUN cat <<EOF > \"/out file\""),
            vec![("EOF".into(), true, false)]
        );
        // Not heredocs.
        assert!(names("RUN echo '<<EOF'").is_empty());
        assert!(names("RUN echo \\<<EOF").is_empty());
        assert!(names("RUN a <<").is_empty());
        assert!(names("RUN a <<<EOF").is_empty());
        assert!(names("RUN a <<''").is_empty());
        // An unbalanced quote anywhere on the line disables heredocs.
        assert!(names("RUN <<EOF echo 'x").is_empty());
        assert!(names("RUN <<EOF ${").is_empty());
        // Whitespace after `<<` (BuildKit >= 0.22).
        assert_eq!(names("RUN <<  EOF"), vec![("EOF".into(), true, false)]);
        assert_eq!(
            names("RUN cat <<\t'EOF' > /f"),
            vec![("EOF".into(), false, false)]
        );
        assert_eq!(names("RUN << -EOF"), vec![("-EOF".into(), true, false)]);
        assert!(names("RUN <<- EOF").is_empty());
        assert!(names("RUN a < b").is_empty());
    }

    #[test]
    fn variables_are_kept() {
        assert_eq!(names("RUN <<$X"), vec![("$X".into(), true, false)]);
        assert_eq!(names("RUN <<${X}"), vec![("${X}".into(), true, false)]);
        assert_eq!(
            process_words("a ${x:-b c}d", false, false).unwrap(),
            vec!["a", "${x:-b", "c}d"]
        );
        assert!(process_words("${x:#}", false, false).is_err());
        assert!(process_words("${}", false, false).is_err());
        assert!(process_words("${x/a", false, false).is_err());
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let s = format!("RUN <<EOF {}", "${a:-".repeat(50_000));
        assert!(names(&s).is_empty());
        let s = format!("RUN <<EOF {}", "\"$".repeat(50_000));
        let _ = names(&s);
        let s = format!("RUN <<EOF {}", "\"${a:-".repeat(50_000));
        assert!(names(&s).is_empty());
        let s = format!("RUN <<EOF {}", "${a/".repeat(50_000));
        assert!(names(&s).is_empty());
    }
}
