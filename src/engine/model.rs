//! The typed model over the splitter's instructions: stages, their base
//! images, and the variables in force (global `ARG`s for `FROM`, stage `ARG`/`ENV`).

use super::syntax::{Instruction, ParsedFile};
use std::collections::BTreeMap;

/// One build stage: a `FROM` and the instructions up to the next `FROM`.
#[derive(Debug, Clone, PartialEq)]
pub struct Stage {
    pub index: usize,
    /// `AS name`, lower-cased as BuildKit compares it.
    pub name: Option<String>,
    /// The `FROM` image as written.
    pub from_raw: String,
    /// The `FROM` image with global `ARG` defaults substituted.
    pub from: String,
    /// Index of the FROM instruction in [`ParsedFile::instructions`].
    pub from_instr: usize,
    /// Indices of the instructions after FROM that belong to this stage.
    pub body: Vec<usize>,
}

/// What the file builds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Model {
    pub global_args: BTreeMap<String, String>,
    pub stages: Vec<Stage>,
    /// The `--target` stage the stages end at, when one was chosen.
    pub target: Option<String>,
}

impl Model {
    pub fn build(parsed: &ParsedFile) -> Model {
        let mut model = Model::default();
        for (i, ins) in parsed.instructions.iter().enumerate() {
            if ins.keyword == "FROM" {
                let words = shell_words(&ins.args);
                let from_raw = words.first().cloned().unwrap_or_default();
                let name = match (words.get(1), words.get(2)) {
                    (Some(a), Some(n)) if a.eq_ignore_ascii_case("as") => {
                        Some(n.to_ascii_lowercase())
                    }
                    _ => None,
                };
                let from = expand(&from_raw, &model.global_args);
                model.stages.push(Stage {
                    index: model.stages.len(),
                    name,
                    from_raw,
                    from,
                    from_instr: i,
                    body: Vec::new(),
                });
            } else if let Some(stage) = model.stages.last_mut() {
                stage.body.push(i);
            } else if ins.keyword == "ARG" {
                for (k, v) in arg_pairs(&ins.args) {
                    model.global_args.insert(k, v.unwrap_or_default());
                }
            }
        }
        model
    }

    /// The stage a `FROM`/`--from` reference names, by name or index, before `before`.
    pub fn stage_ref(&self, reference: &str, before: usize) -> Option<&Stage> {
        let r = reference.to_ascii_lowercase();
        self.stages[..before.min(self.stages.len())]
            .iter()
            .find(|s| s.name.as_deref() == Some(r.as_str()))
            .or_else(|| {
                r.parse::<usize>()
                    .ok()
                    .filter(|&n| n < before)
                    .and_then(|n| self.stages.get(n))
            })
    }

    pub fn final_stage(&self) -> Option<&Stage> {
        self.stages.last()
    }

    /// Ends the build at the stage `docker build --target name` builds: the stages after
    /// it are not built (none can feed it: BuildKit resolves names to earlier stages
    /// only). Returns the text that builds it, `text` up to where the rest of the file
    /// begins (all of it when the target is the last stage), or BuildKit's error when no
    /// stage has that name.
    pub fn select_target<'t>(
        &mut self,
        parsed: &ParsedFile,
        text: &'t str,
        target: &str,
    ) -> Result<&'t str, String> {
        let wanted = target.trim().to_ascii_lowercase();
        let Some(i) = self
            .stages
            .iter()
            .position(|s| s.name.as_deref() == Some(wanted.as_str()))
        else {
            return Err(format!(
                "target stage \"{}\" could not be found (docker build --target): the last stage is estimated",
                target.trim()
            ));
        };
        let stage = &self.stages[i];
        let last = stage.body.last().copied().unwrap_or(stage.from_instr);
        let mut cut = parsed
            .instructions
            .get(last)
            .map_or(text.len(), |ins| ins.end_offset)
            .min(text.len());
        let rest = text.get(cut..).unwrap_or("");
        if i + 1 == self.stages.len() {
            cut = text.len();
        } else if rest.starts_with("\r\n") {
            cut += 2;
        } else if rest.starts_with('\n') {
            cut += 1;
        }
        self.stages.truncate(i + 1);
        self.target = Some(wanted);
        Ok(text.get(..cut).unwrap_or(text))
    }
}

/// `/a/./b/../c/` → `/a/c`.
pub fn normalise_path(p: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for seg in p.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    format!("/{}", parts.join("/"))
}

/// Is `p` the directory `dir` or inside it?
pub fn is_under(p: &str, dir: &str) -> bool {
    let (p, dir) = (normalise_path(p), normalise_path(dir));
    dir == "/" || p == dir || p.starts_with(&format!("{dir}/"))
}

/// `p` resolved against the working directory `workdir`, normalised.
pub fn join_path(workdir: &str, p: &str) -> String {
    if p.starts_with('/') {
        normalise_path(p)
    } else {
        normalise_path(&format!("{}/{}", workdir.trim_end_matches('/'), p))
    }
}

/// `ARG a=1 b` → [("a", Some("1")), ("b", None)].
pub fn arg_pairs(args: &str) -> Vec<(String, Option<String>)> {
    shell_words(args)
        .into_iter()
        .map(|w| match w.split_once('=') {
            Some((k, v)) => (k.to_string(), Some(v.to_string())),
            None => (w, None),
        })
        .collect()
}

/// `ENV a=1 b=2` or legacy `ENV a 1` → pairs.
pub fn env_pairs(args: &str) -> Vec<(String, String)> {
    let words = shell_words(args);
    if let Some(first) = words.first() {
        if !first.contains('=') {
            let value = args
                .trim_start()
                .get(first.len()..)
                .unwrap_or("")
                .trim()
                .to_string();
            return vec![(first.clone(), value)];
        }
    }
    words
        .into_iter()
        .filter_map(|w| {
            w.split_once('=')
                .map(|(k, v)| (k.to_string(), v.to_string()))
        })
        .collect()
}

/// Substitutes `$VAR` and `${VAR}` where `vars` has VAR (the build's ARG and ENV values),
/// leaving every other `$…` to the shell: what a RUN script reads from the Dockerfile, for
/// package lists kept in an ARG (`apk add $PACKAGES`).
pub fn expand_known(s: &str, vars: &BTreeMap<String, String>) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('$') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let (name, len) = if let Some(inner) = after.strip_prefix('{') {
            match inner.find('}') {
                Some(close) => (&inner[..close], close + 2),
                None => ("", 0),
            }
        } else {
            let n = after
                .char_indices()
                .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '_'))
                .map_or(after.len(), |(j, _)| j);
            (&after[..n], n)
        };
        match vars.get(name) {
            Some(v) if !name.is_empty() && len > 0 => {
                out.push_str(v);
                rest = &after[len..];
            }
            _ => {
                out.push('$');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Substitutes `$VAR`, `${VAR}`, `${VAR:-default}` and `${VAR-default}`
/// (`${VAR:+x}` too) from `vars`; unknown variables become empty, as in BuildKit.
pub fn expand(s: &str, vars: &BTreeMap<String, String>) -> String {
    let mut out = String::with_capacity(s.len());
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' && chars.get(i + 1) == Some(&'$') {
            out.push('$');
            i += 2;
            continue;
        }
        if c != '$' {
            out.push(c);
            i += 1;
            continue;
        }
        if chars.get(i + 1) == Some(&'{') {
            let Some(close) = chars[i + 2..].iter().position(|&c| c == '}') else {
                out.extend(&chars[i..]);
                break;
            };
            let inner: String = chars[i + 2..i + 2 + close].iter().collect();
            let (name, op, word) = split_modifier(&inner);
            let val = vars.get(name).cloned();
            let set = val.as_deref().is_some_and(|v| !v.is_empty());
            let resolved = match op {
                ":-" => val
                    .filter(|v| !v.is_empty())
                    .unwrap_or_else(|| expand(word, vars)),
                "-" => val.unwrap_or_else(|| expand(word, vars)),
                ":+" | "+" => {
                    if set {
                        expand(word, vars)
                    } else {
                        String::new()
                    }
                }
                _ => val.unwrap_or_default(),
            };
            out.push_str(&resolved);
            i += 3 + close;
        } else {
            let name: String = chars[i + 1..]
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric() || **c == '_')
                .collect();
            if name.is_empty() {
                out.push('$');
                i += 1;
            } else {
                out.push_str(vars.get(&name).map(String::as_str).unwrap_or(""));
                i += 1 + name.chars().count();
            }
        }
    }
    out
}

fn split_modifier(inner: &str) -> (&str, &str, &str) {
    for op in [":-", ":+", "-", "+"] {
        if let Some(i) = inner.find(op) {
            return (&inner[..i], op, &inner[i + op.len()..]);
        }
    }
    (inner, "", "")
}

/// Splits shell-form text into words, honouring single and double quotes and backslashes.
pub fn shell_words(s: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut has = false;
    let mut quote: Option<char> = None;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some('"'), '\\') => {
                if let Some(n) = chars.next() {
                    cur.push(n);
                }
            }
            (Some(_), c) => cur.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                has = true;
            }
            (None, '\\') => {
                if let Some(n) = chars.next() {
                    cur.push(n);
                    has = true;
                }
            }
            (None, c) if c.is_whitespace() => {
                if has || !cur.is_empty() {
                    words.push(std::mem::take(&mut cur));
                    has = false;
                }
            }
            (None, c) => cur.push(c),
        }
    }
    if has || !cur.is_empty() {
        words.push(cur);
    }
    words
}

/// The command text of a RUN (shell form, exec form, or its heredoc bodies).
pub fn run_script(ins: &Instruction) -> String {
    let mut s = match &ins.json {
        Some(v) => v.join(" "),
        None => ins.args.clone(),
    };
    if ins.heredocs.is_empty() {
        return s;
    }
    // `RUN <<EOF` (the markers alone) runs its body as the script, as does a shell fed
    // it (`RUN bash -e <<EOF`); any other command takes the body as data
    // (`cat <<EOF > /etc/app.conf`, `python3 <<EOF`): its lines are no commands.
    let words = shell_words(&s);
    let marker = |w: &String| w.starts_with("<<");
    let shell = words.first().is_some_and(|p| {
        matches!(
            p.rsplit('/').next().unwrap_or(p),
            "sh" | "bash" | "ash" | "dash" | "zsh"
        )
    }) && words
        .iter()
        .enumerate()
        .skip(1)
        // Options and their values (`bash -o pipefail -e <<EOF`): no script file is named.
        .all(|(i, w)| marker(w) || w.starts_with('-') || words[i - 1] == "-o");
    if words.iter().all(marker) || shell {
        s = String::new();
        for h in &ins.heredocs {
            s.push('\n');
            s.push_str(&h.content);
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expands_variables_like_buildkit() {
        let mut v = BTreeMap::new();
        v.insert("GO".to_string(), "1.19".to_string());
        v.insert("EMPTY".to_string(), String::new());
        assert_eq!(expand("golang:${GO}-alpine", &v), "golang:1.19-alpine");
        assert_eq!(expand("golang:$GO", &v), "golang:1.19");
        assert_eq!(expand("x:${NOPE:-3}", &v), "x:3");
        assert_eq!(expand("x:${EMPTY:-3}", &v), "x:3");
        assert_eq!(expand("x:${EMPTY-3}", &v), "x:");
        assert_eq!(expand("x:${GO:+set}", &v), "x:set");
        assert_eq!(expand("a${unterminated", &v), "a${unterminated");
        assert_eq!(expand("$", &v), "$");
    }

    #[test]
    fn splits_words_with_quotes() {
        assert_eq!(
            shell_words(r#"a "b c" 'd e' f\ g"#),
            vec!["a", "b c", "d e", "f g"]
        );
        assert_eq!(shell_words(r#""""#), vec![""]);
        assert_eq!(shell_words("\"unterminated"), vec!["unterminated"]);
    }

    #[test]
    fn env_forms() {
        assert_eq!(
            env_pairs("A=1 B=\"x y\""),
            vec![("A".into(), "1".into()), ("B".into(), "x y".into())]
        );
        assert_eq!(
            env_pairs("A hello world"),
            vec![("A".into(), "hello world".into())]
        );
    }
}

/// One simple command of a shell script: leading `VAR=value` assignments and its words.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Command {
    pub env: Vec<(String, String)>,
    pub argv: Vec<String>,
}

impl Command {
    pub fn program(&self) -> &str {
        self.argv.first().map(String::as_str).unwrap_or("")
    }
    /// True when the words after the program start with `sub` (e.g. `["mod", "download"]`).
    pub fn is(&self, program: &str, sub: &[&str]) -> bool {
        self.program().rsplit('/').next() == Some(program)
            && sub
                .iter()
                .enumerate()
                .all(|(i, s)| self.argv.get(i + 1).map(String::as_str) == Some(*s))
    }
    /// The folder under target/ a Cargo build writes to: `release` for `--release`, `-r`,
    /// `--profile release` or `bench` and for `cargo install` (unless `--debug` or another
    /// `--profile`), `debug` for the dev profile (`cargo build`'s default, `--profile dev`
    /// or `test`), a custom profile's own name otherwise.
    pub fn cargo_profile(&self) -> String {
        // After an optional `+toolchain` (`cargo +nightly install`).
        let install = self
            .argv
            .iter()
            .skip(1)
            .find(|w| !w.starts_with('+'))
            .is_some_and(|w| w == "install");
        if self.argv.iter().any(|w| w == "--release" || w == "-r") {
            return "release".into();
        }
        if install && self.argv.iter().any(|w| w == "--debug") {
            return "debug".into();
        }
        match self.option(&["--profile"]) {
            Some("dev") | Some("test") => "debug".into(),
            Some("release") | Some("bench") => "release".into(),
            Some(p) => p.to_string(),
            None if install => "release".into(),
            None => "debug".into(),
        }
    }
    /// The words up to the first redirection (`> /dev/null`, `2>&1`, `&>log`, `<in`):
    /// what the program is given, its own words.
    pub fn words(&self) -> &[String] {
        let end = self
            .argv
            .iter()
            .position(|w| {
                w.starts_with(['>', '<'])
                    || w.starts_with("&>")
                    || (w.len() > 1
                        && w.starts_with(|c: char| c.is_ascii_digit())
                        && w.trim_start_matches(|c: char| c.is_ascii_digit())
                            .starts_with(['>', '<']))
            })
            .unwrap_or(self.argv.len());
        &self.argv[..end]
    }
    /// The value of `-o x`, `-o=x` or `--output x`.
    pub fn option(&self, names: &[&str]) -> Option<&str> {
        let mut it = self.argv.iter();
        while let Some(w) = it.next() {
            for n in names {
                if w == n {
                    return it.next().map(String::as_str);
                }
                if let Some(v) = w.strip_prefix(n).and_then(|r| r.strip_prefix('=')) {
                    return Some(v);
                }
            }
        }
        None
    }
}

/// An `apk` command read once for everyone who needs it (the estimator, the rewrites).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Apk {
    /// `add`, `del`, `update`, `cache`… (the first word that is not a flag).
    pub verb: String,
    /// The words after the verb that are not flags, as written (`curl=8.5.0-r0`).
    pub packages: Vec<String>,
    /// `--virtual NAME`, `-t NAME` or `--virtual=NAME`.
    pub virtual_name: Option<String>,
    pub no_cache: bool,
}

impl Command {
    /// This command read as `apk`, when it is one.
    pub fn apk(&self) -> Option<Apk> {
        if self.program().rsplit('/').next() != Some("apk") {
            return None;
        }
        let mut out = Apk::default();
        let mut words = self.argv.iter().skip(1);
        while let Some(w) = words.next() {
            match w.as_str() {
                "--virtual" | "-t" => out.virtual_name = words.next().cloned(),
                "--no-cache" => out.no_cache = true,
                // Flags that take a value.
                "--repository" | "-X" | "--root" | "-p" | "--arch" | "--keys-dir" => {
                    words.next();
                }
                f if f.starts_with('-') => {
                    if let Some(v) = f.strip_prefix("--virtual=") {
                        out.virtual_name = Some(v.to_string());
                    }
                }
                _ if out.verb.is_empty() => out.verb = w.clone(),
                _ => out.packages.push(w.clone()),
            }
        }
        Some(out)
    }
}

/// `NAME=value` as the shell reads a variable assignment: (name, value).
fn assignment(w: &str) -> Option<(&str, &str)> {
    let (k, v) = w.split_once('=')?;
    (!k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')).then_some((k, v))
}

/// How many words a runner (`sudo`, `env`, `time`) takes before the command it runs: its
/// options (`takes` says which take the next word as their value, unless given as
/// `--opt=value`), up to `--`, then the `NAME=value` assignments it passes on.
fn runner_words(argv: &[String], takes: impl Fn(&str) -> bool) -> (usize, Vec<(String, String)>) {
    let mut i = 1;
    while let Some(w) = argv.get(i) {
        if w == "--" {
            i += 1;
            break;
        }
        if !w.starts_with('-') || w.len() < 2 {
            break;
        }
        i += if !w.contains('=') && takes(w) { 2 } else { 1 };
    }
    let mut vars = Vec::new();
    while let Some((k, v)) = argv.get(i).and_then(|w| assignment(w)) {
        vars.push((k.to_string(), v.to_string()));
        i += 1;
    }
    (i, vars)
}

/// A command run through another (`sudo -E apt-get …`, `env X=1 make`, `exec gosu app node
/// x`, `nohup cmd`, `time -p make`): the command that does the work, with the variables
/// `sudo` and `env` set. A runner with nothing after it before a redirection (`sudo -v`,
/// `env`, `env > /tmp/env`, `exec >log 2>&1`) stays as it is.
fn unwrap_runner(cmd: &mut Command) {
    loop {
        let words = cmd.words().len();
        let Some(p) = cmd.argv.first() else { return };
        let (i, vars) = match p.rsplit('/').next().unwrap_or(p) {
            "sudo" => runner_words(&cmd.argv, |w| {
                matches!(
                    w,
                    "--user"
                        | "--group"
                        | "--chdir"
                        | "--role"
                        | "--type"
                        | "--close-from"
                        | "--prompt"
                        | "--host"
                        | "--other-user"
                        | "--chroot"
                ) || (!w.starts_with("--")
                    && w.ends_with(['u', 'g', 'C', 'D', 'h', 'p', 'r', 'R', 't', 'T', 'U']))
            }),
            "env" => runner_words(&cmd.argv, |w| {
                matches!(
                    w,
                    "-u" | "--unset" | "-C" | "--chdir" | "-S" | "--split-string"
                )
            }),
            "time" => runner_words(&cmd.argv, |w| {
                matches!(w, "-f" | "--format" | "-o" | "--output")
            }),
            "exec" | "nohup" => (1, Vec::new()),
            _ => return,
        };
        if i >= words {
            return;
        }
        cmd.env.extend(vars);
        cmd.argv.drain(..i);
    }
}

/// npm packages that serve a folder of static files (`serve -s build`, `http-server dist`):
/// what a front end built to static files runs when it has no web server.
pub fn is_static_file_server(program: &str) -> bool {
    matches!(program, "serve" | "http-server" | "live-server")
}

/// Splits a shell script into simple commands at `&&`, `||`, `;`, `|` and newlines
/// (a rough reading, enough to recognise package managers and compilers).
pub fn commands(script: &str) -> Vec<Command> {
    let mut out = Vec::new();
    let normalised = script.replace("\\\n", " ");
    // A `case` pattern comes next: after `case … in` and after each `;;`. In it, `|`
    // separates alternatives (`amd64|x86_64)`), not commands, and the pattern is no program.
    let mut pattern_next = false;
    // Subshells opened and not yet closed (`(cd src; make)`).
    let mut subshell = 0usize;
    for line in normalised.lines() {
        let line = line.trim();
        if line.starts_with('#') {
            continue;
        }
        let mut part = String::new();
        let mut quote: Option<char> = None;
        let chars: Vec<char> = line.chars().collect();
        let mut i = 0;
        let flush = |part: &mut String,
                     out: &mut Vec<Command>,
                     pattern_next: &mut bool,
                     subshell: &mut usize| {
            let mut words = shell_words(part);
            part.clear();
            // `case "$arch" in amd64) wget …`: past the header, the first arm's command.
            if words.first().is_some_and(|w| w == "case") && words.get(2).is_some_and(|w| w == "in")
            {
                words.drain(..3);
                *pattern_next = true;
            }
            let mut cmd = Command::default();
            for w in words {
                if cmd.argv.is_empty() && *pattern_next {
                    // A pattern, or `esac` after the last arm.
                    *pattern_next = false;
                    if w.ends_with(')') {
                        continue;
                    }
                }
                if cmd.argv.is_empty() {
                    if let Some((k, v)) = assignment(&w) {
                        cmd.env.push((k.to_string(), v.to_string()));
                        continue;
                    }
                    // Shell keywords before a command (`then apt-get …`, `if ! grep …`):
                    // the command is what runs.
                    if matches!(
                        w.as_str(),
                        "then"
                            | "do"
                            | "else"
                            | "("
                            | "{"
                            | "if"
                            | "elif"
                            | "while"
                            | "until"
                            | "!"
                    ) {
                        continue;
                    }
                    // A subshell's opening parenthesis (`(cd /tmp && make)`).
                    if let Some(rest) = w.strip_prefix('(').filter(|r| !r.is_empty()) {
                        *subshell += 1;
                        if !rest.contains('(') {
                            cmd.argv.push(rest.to_string());
                            continue;
                        }
                    }
                }
                cmd.argv.push(w);
            }
            // …and its closing one, on the last word of its last command.
            if *subshell > 0 {
                if let Some(last) = cmd.argv.last_mut() {
                    if last.len() > 1 && last.ends_with(')') && !last.contains('(') {
                        last.pop();
                        *subshell -= 1;
                    }
                }
            }
            unwrap_runner(&mut cmd);
            if !cmd.argv.is_empty() || !cmd.env.is_empty() {
                out.push(cmd);
            }
        };
        while i < chars.len() {
            let c = chars[i];
            match quote {
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None if c == '\'' || c == '"' => quote = Some(c),
                None if c == '|'
                    && chars.get(i + 1) != Some(&'|')
                    && !part.contains(')')
                    && (pattern_next || {
                        let w = shell_words(&part);
                        w.first().is_some_and(|w| w == "case")
                            && w.get(2).is_some_and(|w| w == "in")
                    }) =>
                {
                    // An alternative of a case pattern.
                }
                None if c == ';' || c == '|' || (c == '&' && chars.get(i + 1) == Some(&'&')) => {
                    flush(&mut part, &mut out, &mut pattern_next, &mut subshell);
                    if chars.get(i + 1) == Some(&c) {
                        if c == ';' {
                            pattern_next = true;
                        }
                        i += 1;
                    }
                    i += 1;
                    continue;
                }
                None => {}
            }
            part.push(c);
            i += 1;
        }
        flush(&mut part, &mut out, &mut pattern_next, &mut subshell);
    }
    out
}

#[cfg(test)]
mod command_tests {
    use super::*;

    /// The programs `commands` finds in a script.
    fn progs(s: &str) -> Vec<String> {
        commands(s)
            .iter()
            .map(|c| c.program().to_string())
            .collect()
    }

    #[test]
    fn a_heredoc_is_the_script_only_when_a_shell_runs_it() {
        let script = |t: &str| {
            let p = crate::engine::syntax::parse(t);
            let ins = p.instructions.iter().find(|i| i.keyword == "RUN").unwrap();
            commands(&run_script(ins))
                .iter()
                .map(|c| c.program().to_string())
                .collect::<Vec<_>>()
        };
        let body = "apk update\napk add git\nEOF\n";
        assert_eq!(
            script(&format!("FROM a\nRUN <<EOF\n{body}")),
            ["apk", "apk"]
        );
        assert_eq!(
            script(&format!("FROM a\nRUN bash -e <<EOF\n{body}")),
            ["apk", "apk"]
        );
        assert_eq!(
            script(&format!("FROM a\nRUN bash -o pipefail -e <<EOF\n{body}")),
            ["apk", "apk"]
        );
        // Data for the command, not commands.
        assert_eq!(
            script("FROM a\nRUN cat <<EOF > /etc/app.conf\nserver { listen 80; }\nEOF\n"),
            ["cat"]
        );
    }

    #[test]
    fn case_alternatives_and_subshells() {
        assert_eq!(
            progs("case \"$a\" in amd64|x86_64) wget -q u ;; arm64|aarch64) curl -O v ;; esac; curl x | tar x"),
            ["wget", "curl", "esac", "curl", "tar"]
        );
        // Arms on lines of their own (a heredoc script).
        assert_eq!(
            progs("case \"$a\" in\n  amd64|x86_64)\n    wget -q u\n    ;;\n  *) exit 1 ;;\nesac\necho a | tee f"),
            ["wget", "exit", "esac", "echo", "tee"]
        );
        // A `)` outside a case is no pattern: a subshell's commands are its commands.
        assert_eq!(progs("(cd src; make)"), ["cd", "make"]);
        assert_eq!(progs("(cd /tmp && wget -q u)")[1], "wget");
        assert_eq!(
            commands("(cd /tmp && wget -q u)")[1].argv,
            ["wget", "-q", "u"]
        );
    }

    #[test]
    fn shell_keywords_and_case_arms_leave_their_commands() {
        assert_eq!(
            progs("if ! grep -q x f; then apt-get install -y y; fi"),
            ["grep", "apt-get", "fi"]
        );
        assert_eq!(
            progs("case \"$a\" in amd64) wget -q u ;; *) exit 1 ;; esac"),
            ["wget", "exit", "esac"]
        );
        let c = &commands("case $a in x86_64) SUM=1 ;; esac")[0];
        assert!(c.argv.is_empty() && c.env == [("SUM".to_string(), "1".to_string())]);
    }

    #[test]
    fn runners_leave_the_command_they_run() {
        let c = &commands("sudo -E -u root apt-get install -y curl")[0];
        assert_eq!(c.argv, ["apt-get", "install", "-y", "curl"]);
        let c = &commands("env -u X CGO_ENABLED=0 GOOS=linux go build -o app")[0];
        assert_eq!(c.argv, ["go", "build", "-o", "app"]);
        assert_eq!(c.env.len(), 2);
        assert_eq!(progs("exec nohup sudo -- make install"), ["make"]);
        // Nothing after the runner: it stays.
        assert_eq!(progs("sudo -v; env; env X=1"), ["sudo", "env", "env"]);
        assert!(commands("env X=1")[0].env.is_empty());
        assert_eq!(progs("sudo -u"), ["sudo"]);
        assert_eq!(progs("env > /tmp/env.txt; exec >log 2>&1"), ["env", "exec"]);
        // Options with values, long and clustered, and variables after them.
        assert_eq!(progs("sudo --user app -Eu app FOO=1 make"), ["make"]);
        assert_eq!(commands("sudo FOO=1 make")[0].env.len(), 1);
        assert_eq!(
            progs("env -C /src --chdir=/x make; time -p -o t make"),
            ["make", "make"]
        );
    }

    #[test]
    fn cargo_builds_name_their_profile_folder() {
        let p = |s: &str| commands(s)[0].cargo_profile();
        assert_eq!(p("cargo build"), "debug");
        assert_eq!(p("cargo build --release"), "release");
        assert_eq!(p("cargo build -r --locked"), "release");
        assert_eq!(p("cargo build --profile=bench"), "release");
        assert_eq!(p("cargo build --profile test"), "debug");
        assert_eq!(p("cargo build --profile dist"), "dist");
        assert_eq!(p("cargo install --path ."), "release");
        assert_eq!(p("cargo install --debug --path ."), "debug");
        assert_eq!(p("cargo install --profile dist --path ."), "dist");
        assert_eq!(p("cargo +nightly install --path ."), "release");
    }

    #[test]
    fn reads_apk_commands() {
        let c =
            &commands("apk -X https://mirror/x --no-cache add --virtual=.b gcc curl=8.5.0-r0")[0];
        let a = c.apk().unwrap();
        assert_eq!(a.verb, "add");
        assert_eq!(a.packages, vec!["gcc", "curl=8.5.0-r0"]);
        assert_eq!(a.virtual_name.as_deref(), Some(".b"));
        assert!(a.no_cache);
        let a = commands("/sbin/apk del -t .x .b")[0].apk().unwrap();
        assert_eq!((a.verb.as_str(), a.packages.len()), ("del", 1));
        assert!(commands("apt-get install apk")[0].apk().is_none());
        assert_eq!(commands("apk")[0].apk().unwrap(), Apk::default());
    }

    #[test]
    fn splits_simple_commands() {
        let c =
            commands("CGO_ENABLED=0 GOOS=linux go build -o /main main.go && echo ok; ls | wc -l");
        assert_eq!(c.len(), 4);
        assert_eq!(
            c[0].env,
            vec![
                ("CGO_ENABLED".into(), "0".into()),
                ("GOOS".into(), "linux".into())
            ]
        );
        assert!(c[0].is("go", &["build"]));
        assert_eq!(c[0].option(&["-o"]), Some("/main"));
        assert_eq!(c[3].program(), "wc");
        let c = commands("set -eux; \\\n apt-get update && echo 'a && b'");
        assert_eq!(c.len(), 3);
        assert_eq!(c[2].argv, vec!["echo", "a && b"]);
    }
}

/// curl's options that take a value (the next word, or the rest of a `-xVALUE` group).
const CURL_VALUED_SHORT: &str = "AbcCdDeEFHKmoPQrTuUwXxYyz";
const CURL_VALUED_LONG: [&str; 35] = [
    "--output",
    "--proxy",
    "--referer",
    "--header",
    "--user",
    "--user-agent",
    "--write-out",
    "--request",
    "--data",
    "--data-raw",
    "--data-binary",
    "--data-urlencode",
    "--form",
    "--cookie",
    "--cookie-jar",
    "--max-time",
    "--range",
    "--upload-file",
    "--config",
    "--retry",
    "--retry-delay",
    "--retry-max-time",
    "--connect-timeout",
    "--cacert",
    "--cert",
    "--key",
    "--resolve",
    "--proto",
    "--proto-redir",
    "--limit-rate",
    "--max-filesize",
    "--continue-at",
    "--dump-header",
    "--output-dir",
    "--url",
];
/// wget's (`-O` and `-P` are read for themselves).
const WGET_VALUED_SHORT: &str = "aABDeiIloOPQtTUwX";
const WGET_VALUED_LONG: [&str; 14] = [
    "--output-document",
    "--directory-prefix",
    "--output-file",
    "--append-output",
    "--header",
    "--user-agent",
    "--tries",
    "--timeout",
    "--wait",
    "--execute",
    "--user",
    "--password",
    "--post-data",
    "--input-file",
];

/// What `curl`/`wget` (argv, program first) downloads: the URL, and the file it writes —
/// None for stdout (a pipe). curl writes to stdout unless `-o FILE`/`--output FILE`, or the
/// URL's file name with `-O`/`--remote-name` (in `--output-dir DIR` if given); wget writes the
/// URL's file name (in `-P DIR`/`--directory-prefix=DIR` if given) unless `-O FILE` (`-O -`,
/// `-qO-`: stdout). Option values (`-H 'X: y'`, `-x http://proxy`) are not taken for the
/// URL. None when it is neither program or names no URL.
pub fn download(argv: &[String]) -> Option<(String, Option<String>)> {
    let prog = argv.first()?.rsplit('/').next().unwrap_or("");
    let (short, long): (&str, &[&str]) = match prog {
        "curl" => (CURL_VALUED_SHORT, &CURL_VALUED_LONG),
        "wget" => (WGET_VALUED_SHORT, &WGET_VALUED_LONG),
        _ => return None,
    };
    let (mut url, mut out, mut dir, mut remote_name) = (None, None, None, prog == "wget");
    let mut it = argv.iter().skip(1);
    while let Some(w) = it.next() {
        let mut set = |opt: &str, v: Option<String>| match (prog, opt) {
            ("curl", "o" | "--output") | ("wget", "O" | "--output-document") => out = v,
            ("curl", "--output-dir") | ("wget", "P" | "--directory-prefix") => dir = v,
            ("curl", "--url") => url = url.take().or(v),
            _ => {}
        };
        if let Some(long_opt) = w.strip_prefix("--") {
            let (name, value) = match long_opt.split_once('=') {
                Some((n, v)) => (format!("--{n}"), Some(v.to_string())),
                None => (w.clone(), None),
            };
            if name == "--remote-name" {
                remote_name = true;
            } else if long.contains(&name.as_str()) {
                let v = value.or_else(|| it.next().cloned());
                set(&name, v);
            }
        } else if w.len() > 1 && w.starts_with('-') {
            // A group of short flags; the first that takes a value takes the rest or the
            // next word.
            for (i, ch) in w.char_indices().skip(1) {
                if prog == "curl" && ch == 'O' {
                    remote_name = true;
                } else if short.contains(ch) {
                    let rest = &w[i + ch.len_utf8()..];
                    let v = if rest.is_empty() {
                        it.next().cloned()
                    } else {
                        Some(rest.to_string())
                    };
                    set(&ch.to_string(), v);
                    break;
                }
            }
        } else if url.is_none()
            && ["http://", "https://", "ftp://"]
                .iter()
                .any(|p| w.starts_with(p))
        {
            url = Some(w.clone());
        }
    }
    let url = url?;
    let remote = url
        .split(['?', '#'])
        .next()
        .unwrap_or(&url)
        .rsplit('/')
        .next()
        .unwrap_or("")
        .to_string();
    let file = match out {
        Some(o) => Some(o),
        None if remote_name => Some(match dir {
            Some(d) => format!("{}/{remote}", d.trim_end_matches('/')),
            None => remote,
        }),
        None => None,
    };
    Some((url, file.filter(|f| f != "-")))
}

/// A `tar` that extracts: the archive it reads (None: stdin), the directory it extracts
/// into (`-C`), and whether it strips the archive's top directory (`--strip-components`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TarExtract {
    pub file: Option<String>,
    pub dir: Option<String>,
    pub strip: bool,
}

/// `tar -xzf F -C D`, `tar xJ`, `tar --extract --file=F` (argv, program first).
pub fn tar_extract(argv: &[String]) -> Option<TarExtract> {
    if argv.first()?.rsplit('/').next() != Some("tar") {
        return None;
    }
    let args: Vec<&str> = argv.iter().skip(1).map(String::as_str).collect();
    let (mut extract, mut file, mut dir, mut strip) = (false, None, None, false);
    let mut i = 0;
    while i < args.len() {
        let w = args[i];
        let next = |i: &mut usize| {
            *i += 1;
            args.get(*i).map(|s| s.to_string())
        };
        if w == "--extract" || w == "--get" {
            extract = true;
        } else if let Some(v) = w.strip_prefix("--file=") {
            file = Some(v.to_string());
        } else if w == "--file" {
            file = next(&mut i);
        } else if let Some(v) = w.strip_prefix("--directory=") {
            dir = Some(v.to_string());
        } else if w == "--directory" || w == "-C" {
            dir = next(&mut i);
        } else if w.starts_with("--strip") {
            let v = match w.split_once('=') {
                Some((_, v)) => Some(v.to_string()),
                None => next(&mut i),
            };
            strip = v.is_some_and(|v| v != "0");
        } else if let Some(d) = w.strip_prefix("-C").filter(|d| !d.is_empty()) {
            dir = Some(d.to_string());
        } else if !w.starts_with("--") && (w.starts_with('-') || i == 0) {
            let dashed = w.starts_with('-');
            let flags = w.trim_start_matches('-');
            if flags.chars().all(|ch| ch.is_ascii_alphabetic()) {
                extract |= flags.contains('x');
                if let Some(p) = flags.find('f') {
                    // Old style (`tar xvfz a.tgz`): `f` takes the next word; dashed, the rest
                    // of the group or the next word.
                    file = if p + 1 == flags.len() || !dashed {
                        next(&mut i)
                    } else {
                        Some(flags[p + 1..].to_string())
                    };
                }
            }
        }
        i += 1;
    }
    extract.then(|| TarExtract {
        file: file.filter(|f| f != "-"),
        dir,
        strip,
    })
}

#[cfg(test)]
mod download_tests {
    use super::*;

    fn argv(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn downloads_say_where_they_write() {
        let d = |s: &str| download(&argv(s)).map(|(_, f)| f);
        assert_eq!(d("curl -fsSL https://x/a.tgz"), Some(None));
        assert_eq!(
            d("curl -fsSLo /tmp/a.tgz https://x/a.tgz"),
            Some(Some("/tmp/a.tgz".into()))
        );
        assert_eq!(
            d("curl -fsSLO https://x/a.tgz?x=1"),
            Some(Some("a.tgz".into()))
        );
        assert_eq!(d("curl --output=b https://x/a.tgz"), Some(Some("b".into())));
        assert_eq!(d("wget -q https://x/a.tgz"), Some(Some("a.tgz".into())));
        assert_eq!(d("wget -qO- https://x/a.tgz"), Some(None));
        assert_eq!(d("wget -O - https://x/a.tgz"), Some(None));
        assert_eq!(
            d("wget -P /opt/ https://x/a.tgz"),
            Some(Some("/opt/a.tgz".into()))
        );
        assert_eq!(d("curl -fsSL"), None);
        assert_eq!(d("git clone https://x/y"), None);
        assert_eq!(d("wget -O"), None);
        // Option values are not the URL, nor flags inside them.
        let u = |s: &str| download(&argv(s)).map(|(u, _)| u);
        assert_eq!(
            u("curl -x http://proxy:3128 -fsSL https://x/a.tgz"),
            Some("https://x/a.tgz".into())
        );
        assert_eq!(
            u("curl -H X-Y:http://z https://x/a.tgz"),
            Some("https://x/a.tgz".into())
        );
        assert_eq!(d("curl -XPOST https://x/a.tgz"), Some(None));
        assert_eq!(d("curl -uadmin:foo https://x/a.tgz"), Some(None));
        assert_eq!(
            d("curl -O --output-dir /tmp https://x/a.tgz"),
            Some(Some("/tmp/a.tgz".into()))
        );
        assert_eq!(
            d("wget -qP /opt https://x/a.tgz"),
            Some(Some("/opt/a.tgz".into()))
        );
        assert_eq!(
            d("wget --directory-prefix=/opt https://x/a.tgz"),
            Some(Some("/opt/a.tgz".into()))
        );
        assert_eq!(
            d("wget -o log.txt https://x/a.tgz"),
            Some(Some("a.tgz".into()))
        );
    }

    #[test]
    fn tar_extractions_read_their_flags() {
        let t = |s: &str| tar_extract(&argv(s));
        let x = t("tar -C /usr/local -xzf go.tgz").unwrap();
        assert_eq!(
            (x.file.as_deref(), x.dir.as_deref(), x.strip),
            (Some("go.tgz"), Some("/usr/local"), false)
        );
        let x = t("tar -xJ -C /usr/local --strip-components=1").unwrap();
        assert_eq!((x.file, x.strip), (None, true));
        let x = t("tar xzvf a.tar.gz").unwrap();
        assert_eq!(x.file.as_deref(), Some("a.tar.gz"));
        let x = t("tar --extract --file=a.tar --directory=/o --strip 2").unwrap();
        assert_eq!(
            (x.file.as_deref(), x.dir.as_deref(), x.strip),
            (Some("a.tar"), Some("/o"), true)
        );
        assert!(t("tar -czf out.tgz dir").is_none());
        assert!(t("tar").is_none());
        assert_eq!(t("tar -xf -").unwrap().file, None);
    }
}

/// Whether `rm` (argv, program first) deletes `file`, both resolved against `workdir`: the
/// same path (`*` globs allowed in the name: `rm *.tar.gz`), or a directory above it (`rm -rf
/// /tmp` or `rm -rf /tmp/*` for /tmp/go.tgz). A `cd` in the RUN is not followed.
pub fn rm_covers(rm: &[String], file: &str, workdir: &str) -> bool {
    if rm.first().and_then(|p| p.rsplit('/').next()) != Some("rm") {
        return false;
    }
    let abs = |p: &str| -> String {
        if p.starts_with('/') {
            p.to_string()
        } else {
            let p = p.trim_start_matches("./");
            format!("{}/{p}", workdir.trim_end_matches('/'))
        }
    };
    let file = abs(file);
    let (fdir, fname) = file.rsplit_once('/').unwrap_or(("", &file));
    rm.iter().skip(1).filter(|w| !w.starts_with('-')).any(|w| {
        let w = abs(w.trim_matches(['"', '\'']));
        let w = w.trim_end_matches('/');
        let (wdir, wname) = w.rsplit_once('/').unwrap_or(("", w));
        (wdir == fdir && star_glob(wname, fname))
            || (!w.contains('*') && file.starts_with(&format!("{w}/")))
            || (wname == "*" && file.starts_with(&format!("{wdir}/")))
    })
}

/// `*`-only glob matching of a whole name.
fn star_glob(pattern: &str, name: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern == name;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !name.starts_with(first) || !name[first.len()..].ends_with(last) {
        return false;
    }
    let mut rest = &name[first.len()..name.len() - last.len()];
    for mid in &parts[1..parts.len() - 1] {
        match rest.find(mid) {
            Some(i) => rest = &rest[i + mid.len()..],
            None => return false,
        }
    }
    true
}

#[cfg(test)]
mod rm_tests {
    use super::*;

    #[test]
    fn rm_covers_paths_names_globs_and_directories() {
        let rm = |s: &str| s.split_whitespace().map(str::to_string).collect::<Vec<_>>();
        let c = |r: &str, f: &str| rm_covers(&rm(r), f, "/app");
        assert!(c("rm go.tgz", "go.tgz"));
        assert!(c("rm -f /tmp/go.tgz", "/tmp/go.tgz"));
        assert!(c("rm /app/go.tgz", "go.tgz"));
        assert!(c("rm ./go.tgz", "go.tgz"));
        assert!(c("rm *.tar.gz", "node-v1-linux-x64.tar.gz"));
        assert!(c("rm -rf /tmp/*", "/tmp/go.tgz"));
        assert!(c("rm -rf /tmp", "/tmp/a/go.tgz"));
        assert!(!c("rm -rf /var/lib/apt/lists/*", "go.tgz"));
        assert!(!c("rm -rf /var/lib/apt/lists/*", "/tmp/go.tgz"));
        assert!(!c("rm -rf /tmp/*", "go.tgz"));
        assert!(!c("rm go.tgz", "/tmp/go.tgz"));
        assert!(!c("rm /opt/go.tgz", "/tmp/go.tgz"));
        assert!(!c("rm *.zip", "go.tgz"));
        assert!(!c("echo go.tgz", "go.tgz"));
        // Overlapping ends do not make a match.
        assert!(!c("rm a*a", "a"));
    }
}
