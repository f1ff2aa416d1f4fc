//! Exec-form detection: does an argument string parse as a JSON array, the
//! way BuildKit's `parseJSON` decides it (Go's `encoding/json` into `[]any`)?
//!
//! Go semantics reproduced here:
//! - the whole input must be one valid JSON value (trailing JSON whitespace only);
//! - nesting deeper than 10 000 levels is a syntax error;
//! - a number that overflows `float64` anywhere is a decode error, so the text
//!   is *not* treated as JSON (shell form), not as a bad array;
//! - lone or mismatched `\u` surrogates decode to U+FFFD;
//! - a valid array with any non-string element is the fatal
//!   "arrays must be comprised of strings only" case.
//!
//! No recursion: nested values are validated with an explicit stack.

/// Outcome of trying to read the arguments as a JSON string array.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum JsonArray {
    /// Not a JSON array (shell form).
    NotJson,
    /// A valid JSON array with a non-string element: BuildKit rejects the file.
    NotStrings,
    /// A JSON array of strings (exec form).
    Strings(Vec<String>),
}

/// Go's encoding/json nesting limit.
const MAX_DEPTH: usize = 10_000;

pub(super) fn parse_json_array(rest: &str) -> JsonArray {
    let rest = rest.trim_start_matches(char::is_whitespace);
    if !rest.starts_with('[') {
        return JsonArray::NotJson;
    }
    let mut p = Reader {
        b: rest.as_bytes(),
        i: 0,
    };
    match p.top_array() {
        Ok(Some(v)) => JsonArray::Strings(v),
        Ok(None) => JsonArray::NotStrings,
        Err(()) => JsonArray::NotJson,
    }
}

struct Reader<'a> {
    b: &'a [u8],
    i: usize,
}

type R<T> = Result<T, ()>;

impl<'a> Reader<'a> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn bump(&mut self) -> Option<u8> {
        let c = self.peek()?;
        self.i += 1;
        Some(c)
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.i += 1;
        }
    }

    fn expect(&mut self, c: u8) -> R<()> {
        if self.bump() == Some(c) {
            Ok(())
        } else {
            Err(())
        }
    }

    /// The top-level array. `Ok(None)` when valid but not all strings.
    fn top_array(&mut self) -> R<Option<Vec<String>>> {
        self.expect(b'[')?;
        let mut strings = Vec::new();
        let mut all_strings = true;
        self.ws();
        if self.peek() == Some(b']') {
            self.i += 1;
        } else {
            loop {
                self.ws();
                if self.peek() == Some(b'"') {
                    let s = self.string(true)?;
                    strings.push(s);
                } else {
                    all_strings = false;
                    self.skip_value(1)?;
                }
                self.ws();
                match self.bump() {
                    Some(b',') => continue,
                    Some(b']') => break,
                    _ => return Err(()),
                }
            }
        }
        self.ws();
        if self.i != self.b.len() {
            return Err(());
        }
        Ok(if all_strings { Some(strings) } else { None })
    }

    /// Validates any JSON value starting at the cursor (after whitespace),
    /// iteratively. `base_depth` is the nesting depth of the enclosing container.
    fn skip_value(&mut self, base_depth: usize) -> R<()> {
        // Open containers: b'[' or b'{'.
        let mut stack: Vec<u8> = Vec::new();
        'value: loop {
            self.ws();
            match self.peek() {
                Some(b'"') => {
                    self.string(false)?;
                }
                Some(b'-' | b'0'..=b'9') => self.number()?,
                Some(b't') => self.literal(b"true")?,
                Some(b'f') => self.literal(b"false")?,
                Some(b'n') => self.literal(b"null")?,
                Some(c @ (b'[' | b'{')) => {
                    self.i += 1;
                    stack.push(c);
                    if base_depth + stack.len() > MAX_DEPTH {
                        return Err(());
                    }
                    self.ws();
                    let close = if c == b'[' { b']' } else { b'}' };
                    if self.peek() == Some(close) {
                        self.i += 1;
                        stack.pop();
                    } else {
                        if c == b'{' {
                            self.object_key()?;
                        }
                        continue 'value;
                    }
                }
                _ => return Err(()),
            }
            // After a complete value: close containers or move to the next element.
            loop {
                let Some(&top) = stack.last() else {
                    return Ok(());
                };
                self.ws();
                match (top, self.bump()) {
                    (_, Some(b',')) => {
                        if top == b'{' {
                            self.ws();
                            self.object_key()?;
                        }
                        continue 'value;
                    }
                    (b'[', Some(b']')) | (b'{', Some(b'}')) => {
                        stack.pop();
                    }
                    _ => return Err(()),
                }
            }
        }
    }

    /// `"key" :` inside an object.
    fn object_key(&mut self) -> R<()> {
        if self.peek() != Some(b'"') {
            return Err(());
        }
        self.string(false)?;
        self.ws();
        self.expect(b':')
    }

    fn literal(&mut self, word: &[u8]) -> R<()> {
        if self.b.get(self.i..self.i + word.len()) == Some(word) {
            self.i += word.len();
            Ok(())
        } else {
            Err(())
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.i;
        while let Some(b'0'..=b'9') = self.peek() {
            self.i += 1;
        }
        self.i - start
    }

    /// A JSON number; a value that overflows float64 is an error (Go's
    /// `UnmarshalTypeError`), which also makes the text "not JSON".
    fn number(&mut self) -> R<()> {
        let start = self.i;
        if self.peek() == Some(b'-') {
            self.i += 1;
        }
        match self.peek() {
            Some(b'0') => self.i += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(()),
        }
        if self.peek() == Some(b'.') {
            self.i += 1;
            if self.digits() == 0 {
                return Err(());
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.i += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.i += 1;
            }
            if self.digits() == 0 {
                return Err(());
            }
        }
        let text = std::str::from_utf8(&self.b[start..self.i]).map_err(|_| ())?;
        if within_f64(text) {
            Ok(())
        } else {
            Err(())
        }
    }

    fn hex4(&self, at: usize) -> Option<u32> {
        let h = self.b.get(at..at + 4)?;
        let mut v = 0u32;
        for &c in h {
            v = v * 16 + (c as char).to_digit(16)?;
        }
        Some(v)
    }

    /// A JSON string at the cursor. When `decode`, returns its value.
    fn string(&mut self, decode: bool) -> R<String> {
        self.expect(b'"')?;
        let mut out: Vec<u8> = Vec::new();
        loop {
            let c = self.bump().ok_or(())?;
            match c {
                b'"' => break,
                0x00..=0x1f => return Err(()),
                b'\\' => {
                    let e = self.bump().ok_or(())?;
                    let ch = match e {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            let r1 = self.hex4(self.i).ok_or(())?;
                            self.i += 4;
                            if (0xD800..0xE000).contains(&r1) {
                                // A surrogate: combine with a following low
                                // surrogate escape, else U+FFFD (as Go does).
                                let pair = if (0xD800..0xDC00).contains(&r1)
                                    && self.b.get(self.i) == Some(&b'\\')
                                    && self.b.get(self.i + 1) == Some(&b'u')
                                {
                                    self.hex4(self.i + 2)
                                        .filter(|r2| (0xDC00..0xE000).contains(r2))
                                } else {
                                    None
                                };
                                match pair {
                                    Some(r2) => {
                                        self.i += 6;
                                        let cp = 0x10000 + ((r1 - 0xD800) << 10) + (r2 - 0xDC00);
                                        char::from_u32(cp).unwrap_or('\u{FFFD}')
                                    }
                                    None => '\u{FFFD}',
                                }
                            } else {
                                char::from_u32(r1).unwrap_or('\u{FFFD}')
                            }
                        }
                        _ => return Err(()),
                    };
                    if decode {
                        let mut buf = [0u8; 4];
                        out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                    }
                }
                _ => {
                    if decode {
                        out.push(c);
                    }
                }
            }
        }
        // The input is a &str and we only split at ASCII bytes, so this is valid UTF-8.
        Ok(String::from_utf8(out)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
    }
}

/// The smallest magnitude that rounds to infinity as a float64: MaxFloat64 plus half an ulp,
/// 2^1024 − 2^970 (a tie there rounds to even, which is infinity), as its 309 digits.
const F64_OVERFLOW: &str = "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792";

/// Whether a number with JSON's grammar is finite as a float64, decided on its digits
/// (the float parser's tables would add kilobytes to the WebAssembly): below
/// [`F64_OVERFLOW`]. Underflow rounds to zero, which is finite.
fn within_f64(text: &str) -> bool {
    let t = text.trim_start_matches('-');
    let (mantissa, exp) = t.split_once(['e', 'E']).unwrap_or((t, "0"));
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits: String = [int, frac].concat();
    let sig = digits.trim_start_matches('0');
    let leading = digits.len() - sig.len();
    let sig = sig.trim_end_matches('0');
    if sig.is_empty() {
        return true;
    }
    // The exponent, saturated: past a million digits either way the answer is settled.
    let (negative, e) = match exp.strip_prefix('-') {
        Some(e) => (true, e),
        None => (false, exp.trim_start_matches('+')),
    };
    let e = e.bytes().fold(0i64, |n, d| {
        (n * 10 + i64::from(d.wrapping_sub(b'0'))).min(1_000_000)
    });
    // The value is 0.<sig> × 10^point.
    let point = int.len() as i64 - leading as i64 + if negative { -e } else { e };
    match point.cmp(&(F64_OVERFLOW.len() as i64)) {
        std::cmp::Ordering::Less => true,
        std::cmp::Ordering::Greater => false,
        // Decimal fractions compare as strings (a prefix is the smaller).
        std::cmp::Ordering::Equal => sig < F64_OVERFLOW,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_finite_as_the_float_parser_says() {
        let mut cases: Vec<String> = [
            "0", "-0", "0.0", "1", "-1", "1e308", "1e309", "-1e309", "1e-400", "0e999999",
            "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308",
            "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497791",
            "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792",
            "0.000179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792e312",
            "1e99999999999999999999", "1e-99999999999999999999", "10.5E+307", "0.18e310",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // A spread of mantissas and exponents around the boundary.
        for m in [
            "1",
            "1.7",
            "17.9769",
            "0.00179769313486232",
            "9.99",
            "1797693134862315",
        ] {
            for e in 290..330 {
                cases.push(format!("{m}e{e}"));
                cases.push(format!("-{m}E+{e}"));
            }
        }
        for c in &cases {
            let want = c.parse::<f64>().map(f64::is_finite).unwrap_or(false);
            assert_eq!(within_f64(c), want, "{c}");
        }
    }

    fn strings(v: &[&str]) -> JsonArray {
        JsonArray::Strings(v.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn json_forms() {
        assert_eq!(parse_json_array(r#"["a", "b c"]"#), strings(&["a", "b c"]));
        assert_eq!(parse_json_array("  [ ]  "), strings(&[]));
        assert_eq!(parse_json_array(r#"["a\u00e9\n\/"]"#), strings(&["aé\n/"]));
        assert_eq!(
            parse_json_array(r#"["\ud83d\ude00", "\ud800x"]"#),
            strings(&["😀", "\u{FFFD}x"])
        );
        assert_eq!(parse_json_array(r#"["a", 1]"#), JsonArray::NotStrings);
        assert_eq!(
            parse_json_array(r#"[["a"], {"k": [1, null]}]"#),
            JsonArray::NotStrings
        );
        assert_eq!(parse_json_array(r#"["a", 1e999]"#), JsonArray::NotJson);
        assert_eq!(parse_json_array(r#"['a']"#), JsonArray::NotJson);
        assert_eq!(parse_json_array(r#"["a",]"#), JsonArray::NotJson);
        assert_eq!(parse_json_array(r#"["a"] x"#), JsonArray::NotJson);
        assert_eq!(parse_json_array(r#"["a"#), JsonArray::NotJson);
        assert_eq!(parse_json_array("[\"a\tb\"]"), JsonArray::NotJson);
        assert_eq!(parse_json_array(r#"[01]"#), JsonArray::NotJson);
        assert_eq!(parse_json_array("echo [a]"), JsonArray::NotJson);
        assert_eq!(parse_json_array(r#"[{"a" 1}]"#), JsonArray::NotJson);
        assert_eq!(parse_json_array("[\"\\u12\"]"), JsonArray::NotJson);
    }

    #[test]
    fn deep_nesting_is_not_json_and_does_not_overflow_the_stack() {
        let deep = format!("[{}{}]", "[".repeat(20_000), "]".repeat(20_000));
        assert_eq!(parse_json_array(&deep), JsonArray::NotJson);
        let ok = format!("[{}{}]", "[".repeat(9_999), "]".repeat(9_999));
        assert_eq!(parse_json_array(&ok), JsonArray::NotStrings);
        let over = format!("[{}{}]", "[".repeat(10_000), "]".repeat(10_000));
        assert_eq!(parse_json_array(&over), JsonArray::NotJson);
    }
}
