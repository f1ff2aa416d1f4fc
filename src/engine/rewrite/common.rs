//! Pieces every ecosystem's rewrite shares: which instructions describe how the
//! image runs (and so move to the runtime stage), how a stage reads (commands,
//! working directory, user, packages at each step), image tags, users, and the
//! two ways a proposal is written:
//!
//! - [`single`]: the user's one stage becomes the builder (spliced, so untouched
//!   lines keep their comments) and a runtime stage is appended;
//! - [`edit_final`]: a multi-stage file keeps its text; only the lines that
//!   change are replaced.

use super::{exec_form, source_of, Edits, Proposal, RewriteKind};
use crate::engine::model::{self, Command, Model, Stage};
use crate::engine::sizes::{self, BaseMatch, ImageRef};
use crate::engine::syntax::{Instruction, ParsedFile};
use std::collections::BTreeMap;

/// Instructions that describe how the image runs, not how it is built:
/// they move from the builder to the runtime stage.
pub(crate) const RUNTIME_ONLY: &[&str] = &[
    "EXPOSE",
    "CMD",
    "ENTRYPOINT",
    "HEALTHCHECK",
    "STOPSIGNAL",
    "VOLUME",
    "LABEL",
];

/// The runtime-stage instructions of a stage body, in order.
pub(crate) struct Carried<'a> {
    /// Runtime-only instructions and `ENV`s that are not build settings.
    pub carried: Vec<&'a Instruction>,
    pub last_user: Option<&'a Instruction>,
    pub final_workdir: Option<&'a Instruction>,
}

/// Reads what a stage body hands to its runtime stage.
pub(crate) fn carry<'a>(
    parsed: &'a ParsedFile,
    body: &[usize],
    is_build_env: &dyn Fn(&str) -> bool,
) -> Carried<'a> {
    let mut c = Carried {
        carried: Vec::new(),
        last_user: None,
        final_workdir: None,
    };
    for &i in body {
        let Some(ins) = parsed.instructions.get(i) else {
            continue;
        };
        match ins.keyword.as_str() {
            k if RUNTIME_ONLY.contains(&k) => c.carried.push(ins),
            "ENV"
                if model::env_pairs(&ins.args)
                    .iter()
                    .any(|(k, _)| !is_build_env(k)) =>
            {
                c.carried.push(ins)
            }
            "USER" => c.last_user = Some(ins),
            "WORKDIR" => c.final_workdir = Some(ins),
            _ => {}
        }
    }
    c
}

/// Writes carried instructions into a runtime stage. On a base without a shell
/// (`no_shell` names it), shell-form `CMD`/`ENTRYPOINT` are rewritten in exec
/// form; the lines of commands that need a shell anyway are returned.
pub(crate) fn emit_carried(
    text: &str,
    carried: &[&Instruction],
    no_shell: Option<&str>,
    rt: &mut String,
    caveats: &mut Vec<String>,
) -> Vec<usize> {
    let mut needs_shell = Vec::new();
    for ins in carried {
        let src = source_of(text, ins);
        if let Some(base) = no_shell {
            if matches!(ins.keyword.as_str(), "CMD" | "ENTRYPOINT") && ins.json.is_none() {
                match exec_form(&ins.args) {
                    Some(json) => {
                        rt.push_str(&format!("{} {}\n", ins.keyword, json));
                        caveats.push(format!(
                            "line {}: shell-form {} rewritten in exec form ({base} has no /bin/sh)",
                            ins.start_line, ins.keyword
                        ));
                        continue;
                    }
                    None => needs_shell.push(ins.start_line),
                }
            }
            if ins.keyword == "HEALTHCHECK" && ins.args.contains("CMD") && !ins.args.contains('[') {
                needs_shell.push(ins.start_line);
            }
        }
        rt.push_str(src);
        rt.push('\n');
    }
    needs_shell
}

/// Joins a path onto a working directory (`./` prefixes dropped).
pub(crate) fn join(workdir: &str, p: &str) -> String {
    if p.starts_with('/') {
        p.to_string()
    } else if workdir.ends_with('/') {
        format!("{workdir}{}", p.trim_start_matches("./"))
    } else {
        format!("{workdir}/{}", p.trim_start_matches("./"))
    }
}

pub(crate) use crate::engine::model::normalise_path as normalise;

pub(crate) use crate::engine::model::is_under;

// ---------------------------------------------------------------------------
// Reading a stage

/// One instruction of a stage, with what is in force when it runs.
pub(crate) struct Step<'a> {
    pub ins: &'a Instruction,
    /// Working directory in force (after this instruction when it is a WORKDIR).
    pub workdir: String,
    /// `USER` in force, if any was set.
    pub user: Option<String>,
    /// Simple commands of a RUN (empty for other instructions).
    pub cmds: Vec<Command>,
    /// ENV and ARG values in force before this instruction.
    pub env: BTreeMap<String, String>,
}

/// A stage read together with the stages it derives from (`FROM builder AS x`).
pub(crate) struct Walk<'a> {
    /// Root first, ending with the stage itself.
    pub chain: Vec<&'a Stage>,
    /// The image the root stage starts from.
    pub image: Option<ImageRef>,
    pub base: Option<BaseMatch>,
    pub steps: Vec<Step<'a>>,
    pub workdir: String,
    pub env: BTreeMap<String, String>,
}

/// What a rewrite reads: the user's text, its instructions and stages.
pub(crate) struct Ctx<'a> {
    pub text: &'a str,
    pub parsed: &'a ParsedFile,
    pub model: &'a Model,
    /// The build date the user set: base images (and the Alpine or Debian release a
    /// runtime is matched to) as they were built then.
    pub as_of: Option<&'a str>,
}

impl<'a> Ctx<'a> {
    pub fn src(&self, ins: &Instruction) -> &'a str {
        source_of(self.text, ins)
    }

    pub fn stage_from(&self, stage: &Stage) -> Option<&'a Instruction> {
        self.parsed.instructions.get(stage.from_instr)
    }

    /// `stage` and the stages it derives from, root first.
    pub fn chain(&self, stage: &'a Stage) -> Vec<&'a Stage> {
        let mut chain = vec![stage];
        let mut cur = stage;
        while let Some(parent) = self.model.stage_ref(&cur.from, cur.index) {
            if chain.iter().any(|s| s.index == parent.index) || chain.len() > 64 {
                break;
            }
            chain.push(parent);
            cur = parent;
        }
        chain.reverse();
        chain
    }

    pub fn walk(&self, stage: &'a Stage) -> Walk<'a> {
        let chain = self.chain(stage);
        let root = chain[0];
        let image = sizes::parse_image_ref(&root.from);
        let base = image
            .as_ref()
            .and_then(|r| sizes::lookup_base_at(r, self.as_of));
        let mut env: BTreeMap<String, String> = image
            .as_ref()
            .map(sizes::base_env)
            .unwrap_or_default()
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let mut workdir = image
            .as_ref()
            .and_then(sizes::base_workdir)
            .unwrap_or("/")
            .to_string();
        let mut user = None;
        let mut steps = Vec::new();
        for st in &chain {
            for &i in &st.body {
                let Some(ins) = self.parsed.instructions.get(i) else {
                    continue;
                };
                let before = env.clone();
                let mut cmds = Vec::new();
                match ins.keyword.as_str() {
                    "WORKDIR" => {
                        workdir = normalise(&join(&workdir, &model::expand(ins.args.trim(), &env)))
                    }
                    "ENV" => {
                        for (k, v) in model::env_pairs(&ins.args) {
                            let v = model::expand(&v, &env);
                            env.insert(k, v);
                        }
                    }
                    "ARG" => {
                        for (k, v) in model::arg_pairs(&ins.args) {
                            let v = v
                                .map(|v| model::expand(&v, &env))
                                .or_else(|| self.model.global_args.get(&k).cloned())
                                .unwrap_or_default();
                            env.insert(k, v);
                        }
                    }
                    "USER" => user = Some(ins.args.trim().to_string()),
                    "RUN" => cmds = model::commands(&model::run_script(ins)),
                    _ => {}
                }
                steps.push(Step {
                    ins,
                    workdir: workdir.clone(),
                    user: user.clone(),
                    cmds,
                    env: before,
                });
            }
        }
        Walk {
            chain,
            image,
            base,
            steps,
            workdir,
            env,
        }
    }
}

impl<'a> Walk<'a> {
    pub fn stage(&self) -> &'a Stage {
        self.chain[self.chain.len() - 1]
    }

    /// The image name (`node`, `mcr.microsoft.com/dotnet/sdk`) or "".
    pub fn image_name(&self) -> &str {
        self.image.as_ref().map(|r| r.name.as_str()).unwrap_or("")
    }

    pub fn tag(&self) -> &str {
        self.image.as_ref().map(|r| r.tag.as_str()).unwrap_or("")
    }

    /// The resolved description of the base row (`node:lts (24.19.0, bookworm)`), or ""
    /// (also when the row is only the nearest known tag: its release may differ).
    pub fn resolved(&self) -> &str {
        self.base
            .as_ref()
            .filter(|b| b.kind != sizes::base::MatchKind::Nearest)
            .and_then(|b| b.row.as_ref())
            .map(|r| r.resolved)
            .unwrap_or("")
    }

    /// Every simple command of every RUN, with its step.
    pub fn commands(&self) -> impl Iterator<Item = (&Step<'a>, &Command)> {
        self.steps
            .iter()
            .flat_map(|s| s.cmds.iter().map(move |c| (s, c)))
    }

    pub fn find(&self, f: impl Fn(&Command) -> bool) -> Option<(&Step<'a>, &Command)> {
        self.commands().find(|(_, c)| f(c))
    }

    pub fn find_last(&self, f: impl Fn(&Command) -> bool) -> Option<(&Step<'a>, &Command)> {
        self.commands().filter(|(_, c)| f(c)).last()
    }

    pub fn has(&self, f: impl Fn(&Command) -> bool) -> bool {
        self.find(f).is_some()
    }

    /// The last `USER` of the chain.
    pub fn last_user(&self) -> Option<&'a Instruction> {
        self.steps
            .iter()
            .rev()
            .find(|s| s.ins.keyword == "USER")
            .map(|s| s.ins)
    }

    /// The last `ENTRYPOINT` and `CMD` of the chain.
    pub fn entry(&self) -> (Option<&'a Instruction>, Option<&'a Instruction>) {
        let last = |k: &str| {
            self.steps
                .iter()
                .rev()
                .find(|s| s.ins.keyword == k)
                .map(|s| s.ins)
        };
        (last("ENTRYPOINT"), last("CMD"))
    }

    /// The words the container runs: ENTRYPOINT + CMD (exec or shell form).
    pub fn run_words(&self) -> Vec<String> {
        let (ep, cmd) = self.entry();
        let words = |i: &Instruction| match &i.json {
            Some(v) => v.clone(),
            None => model::shell_words(&i.args),
        };
        let mut w = ep.map(words).unwrap_or_default();
        // An ENTRYPOINT in shell form ignores CMD.
        if ep.is_none_or(|e| e.json.is_some()) {
            w.extend(cmd.map(words).unwrap_or_default());
        }
        w
    }

    /// The last `HEALTHCHECK`'s command as written (empty when there is none or it is `NONE`).
    pub fn healthcheck_text(&self) -> String {
        self.steps
            .iter()
            .rev()
            .find(|s| s.ins.keyword == "HEALTHCHECK")
            .map(|s| s.ins.args.trim())
            .filter(|a| !a.eq_ignore_ascii_case("NONE"))
            .unwrap_or("")
            .to_string()
    }

    /// Everything the running container executes: ENTRYPOINT + CMD, and the health
    /// check (`curl -f …` there needs curl in the runtime too).
    pub fn runtime_text(&self) -> String {
        let mut t = self.run_words().join(" ");
        let h = self.healthcheck_text();
        if !h.is_empty() {
            t.push(' ');
            t.push_str(&h);
        }
        t
    }

    /// Context `COPY`/`ADD` instructions (not `--from`): (step, absolute destination).
    pub fn context_copies(&self) -> Vec<(&Step<'a>, String)> {
        let mut out = Vec::new();
        for s in &self.steps {
            if !matches!(s.ins.keyword.as_str(), "COPY" | "ADD") || s.ins.flag("from").is_some() {
                continue;
            }
            let words = match &s.ins.json {
                Some(v) => v.clone(),
                None => model::shell_words(&s.ins.args),
            };
            if words.len() < 2 && s.ins.heredocs.is_empty() {
                continue;
            }
            let dest = words.last().cloned().unwrap_or_default();
            let dest = model::expand(&dest, &s.env);
            out.push((s, normalise(&join(&s.workdir, &dest))));
        }
        out
    }

    /// Whether any stage of the chain starts `FROM --platform=$BUILDPLATFORM`.
    pub fn on_build_platform(&self, ctx: &Ctx) -> bool {
        self.chain.iter().any(|s| {
            ctx.stage_from(s)
                .and_then(|f| f.flag("platform"))
                .is_some_and(|p| p.contains("BUILDPLATFORM"))
        })
    }

    pub fn distro(&self) -> Distro {
        distro_of(self)
    }

    /// The working directory in force at `ins`.
    pub fn workdir_at(&self, ins: &Instruction) -> String {
        self.steps
            .iter()
            .find(|s| std::ptr::eq(s.ins, ins))
            .map(|s| s.workdir.clone())
            .unwrap_or_else(|| "/".into())
    }
}

// ---------------------------------------------------------------------------
// Distributions and image tags

/// The OS family of an image, as far as the table and the commands tell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Distro {
    /// Alpine, with its `major.minor` release when known.
    Alpine(Option<String>),
    /// Debian, with its code name when known.
    Debian(Option<&'static str>),
    /// Ubuntu, with its code name when known.
    Ubuntu(Option<&'static str>),
    Unknown,
}

const DEBIAN: &[(&str, u32)] = sizes::DEBIAN_RELEASES;

impl Distro {
    pub fn is_alpine(&self) -> bool {
        matches!(self, Distro::Alpine(_))
    }

    /// Debian's release number for a code name.
    pub fn debian_number(&self) -> Option<u32> {
        match self {
            Distro::Debian(Some(c)) => DEBIAN.iter().find(|(n, _)| n == c).map(|(_, v)| *v),
            _ => None,
        }
    }

    /// `debian:<codename>-slim` (or `alpine:<v>`): the smallest image of this OS
    /// with a shell and a package manager.
    pub fn slim_image(&self) -> String {
        match self {
            Distro::Alpine(Some(v)) => format!("alpine:{v}"),
            Distro::Alpine(None) => "alpine:3".into(),
            Distro::Debian(Some(c)) => format!("debian:{c}-slim"),
            Distro::Ubuntu(Some(c)) => format!("ubuntu:{c}"),
            Distro::Ubuntu(None) => "ubuntu:latest".into(),
            _ => format!("debian:{DEFAULT_DEBIAN}-slim"),
        }
    }

    /// The distroless suffix whose glibc is at least this Debian's (`debian12`).
    pub fn distroless_suffix(&self) -> &'static str {
        match self.debian_number() {
            Some(n) if n >= 13 => "debian13",
            Some(_) => "debian12",
            None => match self {
                // Ubuntu up to 22.10 has a glibc no newer than Debian 12's 2.36.
                Distro::Ubuntu(Some(c))
                    if sizes::base::ubuntu_releases()
                        .any(|(r, _, d)| r == c && *d <= "2022-10-20") =>
                {
                    "debian12"
                }
                // Unknown release: the newest, since a program linked against an
                // older glibc runs on a newer one (Ubuntu 24.04+ is newer than Debian 12).
                _ => "debian13",
            },
        }
    }
}

/// Debian stable at the table's snapshot (2026).
pub(crate) const DEFAULT_DEBIAN: &str = "trixie";

fn codename_in(s: &str) -> Option<Distro> {
    for (c, _) in DEBIAN {
        if s.contains(c) {
            return Some(Distro::Debian(Some(c)));
        }
    }
    sizes::base::ubuntu_codename_in(s).map(|c| Distro::Ubuntu(Some(c)))
}

/// `ubuntu:22.04`, `debian:12-slim`, `debian:12.5`: the release a version number names.
fn release_number(name: &str, tag: &str) -> Option<Distro> {
    let v: String = tag
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    if name == "ubuntu" {
        let r = sizes::base::ubuntu_releases()
            .find(|(_, x, _)| v == *x || v.starts_with(&format!("{x}.")))?;
        return Some(Distro::Ubuntu(Some(r.0)));
    }
    sizes::debian_release_of_number(&v).map(|(c, _)| Distro::Debian(Some(c)))
}

fn alpine_in(s: &str) -> Option<Distro> {
    let i = s.find("alpine")?;
    let v: String = s[i + 6..]
        .trim_start_matches([' ', '-', ':'])
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let mut parts = v.split('.').filter(|p| !p.is_empty());
    Some(Distro::Alpine(match (parts.next(), parts.next()) {
        (Some(a), Some(b)) => Some(format!("{a}.{b}")),
        _ => None,
    }))
}

fn distro_of(w: &Walk) -> Distro {
    let name = w.image_name();
    let alpine_v = w
        .base
        .as_ref()
        .filter(|b| b.kind != sizes::base::MatchKind::Nearest)
        .and_then(|b| b.alpine_version());
    let from = w.image.as_ref().map(|r| r.display()).unwrap_or_default();
    if name == "alpine" {
        let v = alpine_v.clone();
        return Distro::Alpine(
            v.or_else(|| match alpine_in(&format!("alpine{}", w.tag())) {
                Some(Distro::Alpine(v)) => v,
                _ => None,
            }),
        );
    }
    if from.contains("alpine") {
        let v = alpine_v;
        return Distro::Alpine(v.or(match alpine_in(w.tag()) {
            Some(Distro::Alpine(v)) => v,
            _ => None,
        }));
    }
    if let Some(d) = codename_in(w.tag()) {
        return d;
    }
    if name == "debian" || name == "ubuntu" {
        if let Some(d) = codename_in(w.resolved()).or_else(|| release_number(name, w.tag())) {
            return d;
        }
    }
    let resolved = w.resolved();
    if resolved.contains("alpine") {
        return alpine_in(resolved).unwrap_or(Distro::Alpine(None));
    }
    if let Some(d) = codename_in(resolved) {
        return d;
    }
    if resolved.contains("ubuntu") {
        return Distro::Ubuntu(None);
    }
    // The package manager the stage uses tells the family.
    if w.has(|c| c.program() == "apk") {
        return Distro::Alpine(None);
    }
    if name == "ubuntu" {
        return Distro::Ubuntu(None);
    }
    if name == "debian" || w.has(|c| matches!(c.program(), "apt-get" | "apt")) {
        return Distro::Debian(None);
    }
    Distro::Unknown
}

/// A tag split into its version and variant words.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Tag {
    /// `3.12`, `22.14.0`, `lts`; empty for `latest`/`alpine`.
    pub version: String,
    pub codename: Option<String>,
    /// `Some("")` for `-alpine`, `Some("3.20")` for `-alpine3.20`.
    pub alpine: Option<String>,
    pub slim: bool,
    /// Other words, in order (`fpm`, `jdk`, `chiseled`…).
    pub words: Vec<String>,
}

impl Tag {
    pub fn parse(tag: &str) -> Tag {
        let mut t = Tag::default();
        for (i, part) in tag.split('-').enumerate() {
            let p = part.to_ascii_lowercase();
            let versionish = !p.is_empty()
                && (p.chars().all(|c| c.is_ascii_digit() || c == '.')
                    || p == "lts"
                    || p == "current");
            if i == 0 && versionish {
                t.version = p;
            } else if p == "latest" {
            } else if let Some(v) = p.strip_prefix("alpine") {
                t.alpine = Some(v.to_string());
            } else if p == "slim" {
                t.slim = true;
            } else if DEBIAN.iter().any(|(c, _)| *c == p)
                || sizes::base::ubuntu_codename(&p).is_some()
            {
                t.codename = Some(p);
            } else if !p.is_empty() {
                t.words.push(p);
            }
        }
        t
    }

    /// The major version (`22` of `22.14.0`).
    pub fn major(&self) -> Option<u32> {
        self.version.split('.').next()?.parse().ok()
    }
}

/// Joins tag parts with `-`, skipping empty ones; `latest` when nothing is left.
pub(crate) fn tag_of(parts: &[&str]) -> String {
    let t: Vec<&str> = parts.iter().copied().filter(|p| !p.is_empty()).collect();
    if t.is_empty() {
        "latest".into()
    } else {
        t.join("-")
    }
}

/// A version read from a resolved row (`node:lts (24.19.0, bookworm)` → `24.19.0`).
pub(crate) fn version_in(s: &str) -> Option<String> {
    let s = s.split_once(':').map(|(_, t)| t).unwrap_or(s);
    let start = s.find(|c: char| c.is_ascii_digit())?;
    let v: String = s[start..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let v = v.trim_end_matches('.').to_string();
    (!v.is_empty()).then_some(v)
}

/// Replaces the image word of a `FROM` (flags and `AS name` stay as written).
pub(crate) fn replace_from_image(e: &mut Edits, text: &str, from: &Instruction, image: &str) {
    let src = source_of(text, from);
    // Skip the keyword and flags: the image is the first word not starting with `--`.
    let mut pos = 0;
    let mut first = true;
    for (i, w) in word_spans(src) {
        if first {
            first = false; // FROM
            continue;
        }
        if w.starts_with("--") {
            continue;
        }
        pos = i;
        let end = i + w.len();
        e.replace(from.start_offset + pos, from.start_offset + end, image);
        return;
    }
    let _ = pos;
}

/// Whitespace-separated words with their byte offsets.
pub(crate) fn word_spans(s: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        if c.is_whitespace() || c == '\\' && s[i + 1..].starts_with(['\n', '\r']) {
            if let Some(st) = start.take() {
                out.push((st, &s[st..i]));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(st) = start {
        out.push((st, &s[st..]));
    }
    out
}

/// The directories holding the application in the builder, to copy into the
/// runtime: the working directory (when something was put there) and context
/// copies outside it, each with the `--chown` the user gave. None when the
/// application lives at `/` (copying it would copy the whole builder).
pub(crate) fn app_dirs(w: &Walk, ran_in_workdir: bool) -> Option<Vec<(String, Option<String>)>> {
    let wd = w.workdir.clone();
    let mut out: Vec<(String, Option<String>)> = Vec::new();
    let add = |p: String, chown: Option<String>, out: &mut Vec<(String, Option<String>)>| {
        if let Some(x) = out.iter_mut().find(|(q, _)| is_under(&p, q)) {
            if x.1.is_none() {
                x.1 = chown;
            }
            return;
        }
        out.retain(|(q, _)| !is_under(q, &p));
        out.push((p, chown));
    };
    // A RUN that names the working directory (`git clone … /src`, `cd /src`) put files there.
    let named_by_run = wd != "/"
        && w.steps.iter().any(|s| {
            s.ins.keyword == "RUN"
                && model::run_script(s.ins)
                    .split(|c: char| {
                        c.is_whitespace() || c == ';' || c == '&' || c == '(' || c == ')'
                    })
                    .any(|word| {
                        normalise(word.trim_matches(['"', '\''])) == wd
                            && word.starts_with(['/', '"', '\''])
                    })
        });
    if wd != "/" && (ran_in_workdir || named_by_run) {
        add(wd.clone(), None, &mut out);
    }
    for (s, dest) in w.context_copies() {
        let chown = s.ins.flag("chown").map(str::to_string);
        let words = match &s.ins.json {
            Some(v) => v.clone(),
            None => model::shell_words(&s.ins.args),
        };
        let sources = &words[..words.len().saturating_sub(1)];
        let manifest_only = sources.iter().all(|x| is_manifest(x));
        if manifest_only && !(wd != "/" && is_under(&dest, &wd)) {
            continue;
        }
        if wd != "/" && is_under(&dest, &wd) {
            add(wd.clone(), chown, &mut out);
        } else if dest == "/" {
            // Named files into the root (`COPY app.py .` with no WORKDIR) are copied
            // one by one; a directory's contents spread over / cannot be.
            let files: Vec<&String> = sources.iter().filter(|x| !is_manifest(x)).collect();
            if s.ins.heredocs.is_empty()
                && !files.is_empty()
                && files.iter().all(|x| is_named_file(x))
            {
                for f in files {
                    let n = f.rsplit('/').next().unwrap_or(f);
                    add(format!("/{n}"), chown.clone(), &mut out);
                }
            } else {
                return None;
            }
        } else {
            add(dest, chown, &mut out);
        }
    }
    Some(out)
}

fn is_manifest(path: &str) -> bool {
    let n = path.rsplit('/').next().unwrap_or(path);
    MANIFESTS.contains(&n) || n.starts_with("requirements")
}

/// A source that names one file (`app.py`, `conf/nginx.conf`), not a directory or pattern.
fn is_named_file(path: &str) -> bool {
    let n = path.rsplit('/').next().unwrap_or(path);
    !path.contains(['*', '?', '[', '$'])
        && n.rsplit_once('.').is_some_and(|(stem, ext)| {
            !stem.is_empty() && !ext.is_empty() && ext.chars().all(|c| c.is_ascii_alphanumeric())
        })
}

/// Dependency manifests: copied to install from, not needed next to the app elsewhere.
const MANIFESTS: &[&str] = &[
    "package.json",
    "package-lock.json",
    "yarn.lock",
    "pnpm-lock.yaml",
    "Gemfile",
    "Gemfile.lock",
    "composer.json",
    "composer.lock",
    "pyproject.toml",
    "poetry.lock",
    "uv.lock",
    "Pipfile",
    "Pipfile.lock",
    "Cargo.toml",
    "Cargo.lock",
    "go.mod",
    "go.sum",
    "pom.xml",
];

/// `COPY --from=<builder> <dir> <dir>` lines for [`app_dirs`].
pub(crate) fn copy_dirs(builder: &str, dirs: &[(String, Option<String>)]) -> Vec<String> {
    dirs.iter()
        .map(|(d, chown)| match chown {
            Some(c) => format!("COPY --from={builder} --chown={c} {d} {d}"),
            None => format!("COPY --from={builder} {d} {d}"),
        })
        .collect()
}

/// A `HEALTHCHECK` in exec form with its flags, the command's words mapped by `f`.
pub(crate) fn healthcheck_exec(
    ins: &Instruction,
    f: impl Fn(Vec<String>) -> Vec<String>,
) -> Option<String> {
    let args = ins.args.trim();
    let rest = args.strip_prefix("CMD")?.trim();
    let words = if rest.starts_with('[') {
        crate::engine::syntax::json_string_array(rest)?
    } else {
        if rest.chars().any(|c| "$|&;<>()`*?~{}".contains(c)) {
            return None;
        }
        model::shell_words(rest)
    };
    let flags: String = ins
        .flags
        .iter()
        .map(|fl| match &fl.value {
            Some(v) => format!("--{}={} ", fl.name, v),
            None => format!("--{} ", fl.name),
        })
        .collect();
    let json = crate::engine::syntax::to_json_array(&f(words));
    Some(format!("HEALTHCHECK {flags}CMD {json}"))
}

/// Words as an exec-form JSON array, spaced like the rest of the rewrites.
pub(crate) fn json_words(words: &[String]) -> String {
    crate::engine::syntax::to_json_array(words)
}

// ---------------------------------------------------------------------------
// Packages and users

/// OS packages a stage installs with apt or apk (minus `apk del`eted virtual groups).
pub(crate) fn os_packages(w: &Walk) -> Vec<String> {
    let mut groups: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut out: Vec<String> = Vec::new();
    for (_, c) in w.commands() {
        if let Some(apk) = c.apk() {
            match apk.verb.as_str() {
                "add" => {
                    let pk = apk
                        .packages
                        .iter()
                        .filter(|a| !a.contains('$'))
                        .map(|a| crate::engine::sizes::apk::normalise(a).to_string());
                    match apk.virtual_name {
                        Some(v) => groups.entry(v).or_default().extend(pk),
                        None => out.extend(pk),
                    }
                }
                "del" => {
                    for a in &apk.packages {
                        groups.remove(a);
                        out.retain(|p| p != a);
                    }
                }
                _ => {}
            }
            continue;
        }
        let prog = c.program().rsplit('/').next().unwrap_or("");
        let args: Vec<&str> = c.argv.iter().skip(1).map(String::as_str).collect();
        match prog {
            "apt-get" | "apt" if args.contains(&"install") => {
                for a in args.iter().skip_while(|a| **a != "install").skip(1) {
                    if !a.starts_with('-') && !a.contains('$') {
                        out.push(a.split('=').next().unwrap_or(a).to_string());
                    }
                }
            }
            "apt-get" | "apt" if args.contains(&"purge") || args.contains(&"remove") => {
                for a in &args {
                    out.retain(|p| p != a);
                }
            }
            _ => {}
        }
    }
    out.extend(groups.into_values().flatten());
    let mut seen = std::collections::BTreeSet::new();
    out.retain(|p| seen.insert(p.clone()));
    out
}

/// Packages every ecosystem builds with and no program needs at run time.
const BUILD_TOOLS: &[&str] = &[
    "build-essential",
    "build-base",
    "gcc",
    "g++",
    "cpp",
    "make",
    "cmake",
    "ninja",
    "ninja-build",
    "autoconf",
    "automake",
    "libtool",
    "pkg-config",
    "pkgconf",
    "pkgconfig",
    "musl-dev",
    "libc6-dev",
    "libc-dev",
    "linux-headers",
    "binutils",
    "clang",
    "llvm",
    "git",
    "mercurial",
    "subversion",
    "openssh-client",
    "unzip",
    "zip",
    "xz-utils",
    "gnupg",
    "dirmngr",
    "patch",
    "file",
    "protobuf-compiler",
    "protoc",
    "python3-dev",
    "python-dev",
    "musl-tools",
];

/// Header packages and the library packages programs built against them need
/// (Debian, then Alpine names).
const DEV_RUNTIME: &[(&str, &str)] = &[
    ("libssl-dev", "libssl3"),
    ("libpq-dev", "libpq5"),
    ("libffi-dev", "libffi8"),
    ("libxml2-dev", "libxml2"),
    ("libxslt1-dev", "libxslt1.1"),
    ("libsqlite3-dev", "libsqlite3-0"),
    ("libmariadb-dev", "libmariadb3"),
    ("default-libmysqlclient-dev", "libmariadb3"),
    ("libyaml-dev", "libyaml-0-2"),
    ("libvips-dev", "libvips42"),
    ("zlib1g-dev", "zlib1g"),
    ("libcurl4-openssl-dev", "libcurl4"),
    ("openssl-dev", "libssl3"),
    ("postgresql-dev", "libpq"),
    ("libpq-dev@alpine", "libpq"),
    ("libffi-dev@alpine", "libffi"),
    ("libxml2-dev@alpine", "libxml2"),
    ("sqlite-dev", "sqlite-libs"),
    ("mariadb-dev", "mariadb-connector-c"),
    ("yaml-dev", "yaml"),
    ("zlib-dev", "zlib"),
];

/// The library package a `-dev` package's programs need at run time.
pub(crate) fn runtime_of_dev(dev: &str, alpine: bool) -> Option<&'static str> {
    if alpine {
        let key = format!("{dev}@alpine");
        if let Some((_, r)) = DEV_RUNTIME.iter().find(|(d, _)| *d == key) {
            return Some(r);
        }
    }
    DEV_RUNTIME.iter().find(|(d, _)| *d == dev).map(|(_, r)| *r)
}

/// What the runtime keeps of the builder's OS packages.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct RuntimePackages {
    /// Packages a program may need at run time (not build tools, not headers).
    pub keep: Vec<String>,
    /// Library packages for the `-dev` packages Slimfile knows.
    pub libs: Vec<String>,
    /// `-dev` packages whose library package Slimfile does not know.
    pub dev: Vec<String>,
    /// curl/wget left out because no run-time command in the Dockerfile uses them.
    pub fetchers: Vec<String>,
}

impl RuntimePackages {
    /// What the runtime installs: the kept packages and the known libraries.
    pub fn install(&self) -> Vec<String> {
        let mut v = self.keep.clone();
        for l in &self.libs {
            if !v.contains(l) {
                v.push(l.clone());
            }
        }
        v
    }

    /// Caveats about what was left out.
    pub fn caveats(&self, what_links: &str) -> Vec<String> {
        let mut c = Vec::new();
        if !self.libs.is_empty() {
            c.push(format!(
                "{} installed in the runtime for the builder's -dev packages: {what_links} load them",
                self.libs.join(", ")
            ));
        }
        if !self.dev.is_empty() {
            c.push(format!(
                "the builder installs {}: {what_links} need the matching library packages (the name without -dev, often with a version) installed in the runtime stage",
                self.dev.join(", ")
            ));
        }
        if !self.fetchers.is_empty() {
            c.push(format!(
                "{} not installed in the runtime: no command in the Dockerfile uses it at run time; add it back if a health check outside the Dockerfile (compose, Kubernetes) does",
                self.fetchers.join(" and ")
            ));
        }
        c
    }
}

/// The packages a runtime still needs: build tools, `-dev` headers and
/// `ecosystem_tools` dropped (curl and wget only when a run-time command uses them).
pub(crate) fn runtime_packages(
    all: &[String],
    ecosystem_tools: &[&str],
    runtime_words: &str,
    alpine: bool,
) -> RuntimePackages {
    let mut r = RuntimePackages::default();
    for p in all {
        let name = p.as_str();
        if BUILD_TOOLS.contains(&name) || ecosystem_tools.contains(&name) {
            continue;
        }
        if name.ends_with("-dev") || name.ends_with("-devel") || name.ends_with("-headers") {
            match runtime_of_dev(name, alpine) {
                Some(l) if !r.libs.iter().any(|x| x == l) => r.libs.push(l.to_string()),
                Some(_) => {}
                None => r.dev.push(p.clone()),
            }
        } else if matches!(name, "curl" | "wget") && !runtime_words.contains(name) {
            r.fetchers.push(p.clone());
        } else {
            r.keep.push(p.clone());
        }
    }
    r
}

/// The instruction that installs `packages` on `distro` (None when it has no package manager).
pub(crate) fn install_line(distro: &Distro, packages: &[String]) -> Option<String> {
    if packages.is_empty() {
        return None;
    }
    let list = packages.join(" ");
    match distro {
        Distro::Alpine(_) => Some(format!("RUN apk add --no-cache {list}")),
        Distro::Debian(_) | Distro::Ubuntu(_) => Some(format!(
            "RUN apt-get update \\\n    && apt-get install -y --no-install-recommends {list} \\\n    && rm -rf /var/lib/apt/lists/*"
        )),
        Distro::Unknown => None,
    }
}

/// Users every image of a family already has.
const SYSTEM_USERS: &[&str] = &[
    "root", "nobody", "daemon", "bin", "sys", "www-data", "mail", "games", "man", "operator",
    "guest",
];

/// The user name of a `USER` value (`app:app` → `app`), None when numeric.
pub(crate) fn user_name(u: &str) -> Option<&str> {
    let name = u.split(':').next().unwrap_or(u).trim();
    if name.is_empty() || name.chars().all(|c| c.is_ascii_digit()) || name.starts_with('$') {
        None
    } else {
        Some(name)
    }
}

/// How the builder created user `name` (`useradd`/`adduser`/`addgroup` commands), rendered.
pub(crate) fn user_creation(w: &Walk, name: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (_, c) in w.commands() {
        let prog = c.program().rsplit('/').next().unwrap_or("");
        if matches!(prog, "useradd" | "adduser" | "addgroup" | "groupadd")
            && c.argv.iter().skip(1).any(|a| a == name)
        {
            out.push(render_words(&c.argv));
        }
    }
    out
}

/// Words back to shell text, quoting where needed.
pub(crate) fn render_words(words: &[String]) -> String {
    words
        .iter()
        .map(|w| {
            if !w.is_empty()
                && w.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-_./:=,+@%".contains(c))
            {
                w.clone()
            } else {
                format!("'{}'", w.replace('\'', r"'\''"))
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The user lines of a runtime stage with a shell: keep the user's `USER`, and
/// create it first when the builder created it. `image_users` are users the
/// runtime image already has (`node`, `nginx`, `app`…).
pub(crate) fn user_lines(
    ctx: &Ctx,
    w: &Walk,
    user: Option<&Instruction>,
    same_family: bool,
    distro: &Distro,
    image_users: &[&str],
    caveats: &mut Vec<String>,
) -> (Vec<String>, Option<String>) {
    let Some(u) = user else {
        return (vec![], None);
    };
    let line = ctx.src(u).to_string();
    let Some(name) = user_name(u.args.trim()) else {
        return (vec![], Some(line));
    };
    if SYSTEM_USERS.contains(&name) || image_users.contains(&name) {
        return (vec![], Some(line));
    }
    let made = user_creation(w, name);
    if made.is_empty() {
        caveats.push(format!(
            "line {}: USER {name} must exist in the runtime image; Slimfile did not see where it is created",
            u.start_line
        ));
        return (vec![], Some(line));
    }
    let run = if same_family {
        made.join(" \\\n    && ")
    } else if distro.is_alpine() {
        format!("addgroup -S {name} && adduser -S -G {name} {name}")
    } else {
        format!("useradd --create-home --user-group {name}")
    };
    caveats.push(format!(
        "user {name} is created again in the runtime stage (its uid may differ from the builder's); directories the builder created or chowned for it must be recreated"
    ));
    (vec![format!("RUN {run}")], Some(line))
}

/// The user of a runtime without a shell (distroless, scratch).
pub(crate) struct ShelllessUser {
    /// Tag suffix for distroless (`:nonroot`), or "".
    pub tag: &'static str,
    /// The `USER` line to write, if any.
    pub line: Option<String>,
    pub caveat: Option<String>,
}

/// Distroless images have `root` and `nonroot` (65532) users and a `:nonroot`
/// tag; scratch has no `/etc/passwd`, so only numeric users work there.
pub(crate) fn shellless_user(ctx: &Ctx, user: Option<&Instruction>, base: &str) -> ShelllessUser {
    let scratch = base == "scratch";
    let Some(u) = user else {
        return ShelllessUser {
            tag: "",
            line: None,
            caveat: Some(if scratch {
                "runs as root like the original; add `USER 65534:65534` to run as nobody (scratch has no /etc/passwd, so only numeric users work)".into()
            } else {
                "runs as root like the original; the `:nonroot` tag runs as uid 65532".into()
            }),
        };
    };
    let keep = ShelllessUser {
        tag: "",
        line: Some(ctx.src(u).to_string()),
        caveat: None,
    };
    match user_name(u.args.trim()) {
        None | Some("root") => keep,
        Some("nonroot") if !scratch => keep,
        Some(name) if scratch => ShelllessUser {
            tag: "",
            line: Some("USER 65534:65534".into()),
            caveat: Some(format!(
                "line {}: USER {name} replaced by the numeric 65534:65534 (nobody): scratch has no /etc/passwd to look names up",
                u.start_line
            )),
        },
        Some(name) => ShelllessUser {
            tag: ":nonroot",
            line: None,
            caveat: Some(format!(
                "line {}: USER {name} replaced by the `:nonroot` tag's user (uid 65532): distroless has no user {name}",
                u.start_line
            )),
        },
    }
}

// ---------------------------------------------------------------------------
// Writing proposals

/// What to do with one carried instruction.
pub(crate) enum Carry {
    Keep,
    Drop,
    Replace(String),
}

/// A runtime stage appended to the user's single stage.
pub(crate) struct Runtime<'a> {
    pub kind: RewriteKind,
    pub title: String,
    pub why: String,
    pub image: String,
    /// The image has no shell: names it for caveats (`distroless`, `scratch`).
    pub no_shell: Option<&'static str>,
    /// Its OS family (packages, users).
    pub distro: Distro,
    /// Edits to the builder (the user's text), besides naming it and moving
    /// runtime-only instructions out.
    pub builder: Edits,
    /// Lines right after `FROM`.
    pub head: Vec<String>,
    /// Extra `ENV` lines, after the carried ones.
    pub env: Vec<String>,
    /// OS packages to install (rendered for `distro`).
    pub packages: Vec<String>,
    /// `COPY --from=…` lines (and whatever must follow them).
    pub copies: Vec<String>,
    /// Lines after the copies, before `USER`.
    pub tail: Vec<String>,
    /// The `USER` line, when the ecosystem decides it (`None`: the user's, via [`user_lines`]).
    pub user: Option<Option<String>>,
    /// Users the runtime image already has.
    pub image_users: &'static [&'static str],
    /// Whether the runtime image is the builder's OS family (user commands can be reused).
    pub same_family: bool,
    /// How each carried instruction is written (e.g. `CMD ["npm", "start"]` onto distroless).
    pub map: Box<dyn Fn(&Instruction) -> Carry + 'a>,
    /// Lines after the carried ones (e.g. an `ENTRYPOINT` the original lacked).
    pub end: Vec<String>,
    /// Keep build-only ENV out of the runtime.
    pub is_build_env: &'a dyn Fn(&str) -> bool,
    /// Write the user's final `WORKDIR` into the runtime stage.
    pub keep_workdir: bool,
    pub caveats: Vec<String>,
}

impl<'a> Runtime<'a> {
    pub fn new(kind: RewriteKind, image: impl Into<String>, distro: Distro) -> Runtime<'a> {
        Runtime {
            kind,
            title: String::new(),
            why: String::new(),
            image: image.into(),
            no_shell: None,
            distro,
            builder: Edits::default(),
            head: vec![],
            env: vec![],
            packages: vec![],
            copies: vec![],
            tail: vec![],
            user: None,
            image_users: &[],
            same_family: true,
            map: Box::new(|_| Carry::Keep),
            end: vec![],
            is_build_env: &|_| false,
            keep_workdir: true,
            caveats: vec![],
        }
    }
}

/// The start of the comment lines directly above an instruction (no blank line between).
pub(crate) fn comment_start(text: &str, ins: &Instruction) -> usize {
    let mut start = text
        .get(..ins.start_offset)
        .and_then(|s| s.rfind('\n'))
        .map(|i| i + 1)
        .unwrap_or(0);
    if text
        .get(start..ins.start_offset)
        .is_none_or(|s| !s.trim().is_empty())
    {
        return ins.start_offset;
    }
    loop {
        if start == 0 {
            break;
        }
        let prev_end = start - 1; // the '\n' ending the previous line
        let prev_start = text[..prev_end].rfind('\n').map(|i| i + 1).unwrap_or(0);
        let line = text[prev_start..prev_end].trim();
        if line.starts_with('#') && !is_directive(text, prev_start, line) {
            start = prev_start;
        } else {
            break;
        }
    }
    start
}

/// Parser directives (`# syntax=…`) only count at the very top of the file.
fn is_directive(text: &str, line_start: usize, line: &str) -> bool {
    let before = &text[..line_start];
    let only_directives_above = before.lines().all(|l| {
        let l = l.trim();
        l.starts_with('#') && l.contains('=')
    });
    only_directives_above && {
        let body = line.trim_start_matches('#').trim();
        body.split_once('=').is_some_and(|(k, _)| {
            matches!(
                k.trim().to_ascii_lowercase().as_str(),
                "syntax" | "escape" | "check"
            )
        })
    }
}

/// An instruction with the comments directly above it.
pub(crate) fn with_comments<'t>(text: &'t str, ins: &Instruction) -> &'t str {
    text.get(comment_start(text, ins)..ins.end_offset)
        .unwrap_or("")
}

/// Removes an instruction with the comments directly above it, and one blank line
/// when it stood between blank lines.
pub(crate) fn delete_block(e: &mut Edits, text: &str, ins: &Instruction) {
    let start = comment_start(text, ins);
    let line_start = text[..start].rfind('\n').map(|i| i + 1).unwrap_or(0);
    let start = if text[line_start..start].trim().is_empty() {
        line_start
    } else {
        start
    };
    let mut end = ins.end_offset;
    if text.get(end..end + 1) == Some("\n") {
        end += 1;
    } else if text.get(end..end + 2) == Some("\r\n") {
        end += 2;
    }
    let blank_before = start >= 2 && text.get(start - 2..start) == Some("\n\n") || start == 0;
    let next_line_end = text[end..].find('\n').map(|i| end + i + 1);
    if let Some(nl) = next_line_end {
        if blank_before && text[end..nl].trim().is_empty() {
            end = nl;
        }
    }
    e.replace(start, end, "");
}

/// The builder: the user's text with the stage named, the edits applied and the
/// runtime-only instructions moved out. Ends with one newline.
fn builder_text(ctx: &Ctx, stage: &Stage, mut e: Edits, moved: &[&Instruction]) -> String {
    if stage.name.is_none() {
        if let Some(f) = ctx.stage_from(stage) {
            e.insert(f.end_offset, " AS builder");
        }
    }
    for ins in moved {
        delete_block(&mut e, ctx.text, ins);
    }
    let mut b = e.apply(ctx.text);
    while b.ends_with('\n') || b.ends_with(' ') || b.ends_with('\r') || b.ends_with('\t') {
        b.pop();
    }
    b.push('\n');
    b
}

/// The builder stage's name as `COPY --from` should write it.
pub(crate) fn builder_name(stage: &Stage) -> String {
    stage.name.clone().unwrap_or_else(|| "builder".to_string())
}

/// `ARG`s a runtime line refers to, so the runtime stage declares them again
/// (an `ARG` is scoped to its stage).
fn args_used<'a>(w: &Walk<'a>, lines: &str) -> Vec<&'a Instruction> {
    let mut out: Vec<&Instruction> = Vec::new();
    for s in &w.steps {
        if s.ins.keyword != "ARG" {
            continue;
        }
        let used = model::arg_pairs(&s.ins.args)
            .iter()
            .any(|(k, _)| lines.contains(&format!("${k}")) || lines.contains(&format!("${{{k}")));
        if used {
            out.push(s.ins);
        }
    }
    out
}

/// Writes a single-stage rewrite: the user's stage as builder, then `rt`.
/// None when the runtime cannot run a command the image needs (no shell).
pub(crate) fn single(ctx: &Ctx, w: &Walk, rt: Runtime) -> Option<Proposal> {
    let stage = w.stage();
    let body: Vec<usize> = w.chain.iter().flat_map(|s| s.body.clone()).collect();
    let carried = carry(ctx.parsed, &body, rt.is_build_env);
    let mut caveats = rt.caveats;
    let mut moved: Vec<&Instruction> = carried
        .carried
        .iter()
        .copied()
        .filter(|i| i.keyword != "ENV")
        .collect();
    // Settings after the last build step (WORKDIR, ENV, ARG, USER) change nothing
    // in the builder: they belong to the runtime stage, which writes them again.
    let last_build = w
        .steps
        .iter()
        .rposition(|s| matches!(s.ins.keyword.as_str(), "RUN" | "COPY" | "ADD"));
    for (i, s) in w.steps.iter().enumerate() {
        if last_build.is_some_and(|l| i <= l)
            || !stage
                .body
                .iter()
                .any(|&b| std::ptr::eq(&ctx.parsed.instructions[b], s.ins))
        {
            continue;
        }
        if matches!(s.ins.keyword.as_str(), "WORKDIR" | "ENV" | "ARG" | "USER")
            && !moved.iter().any(|m| std::ptr::eq(*m, s.ins))
        {
            moved.push(s.ins);
        }
    }
    let builder = builder_text(ctx, stage, rt.builder, &moved);

    // Carried instructions, mapped.
    let mut top: Vec<String> = Vec::new(); // ENV, LABEL
    let mut bottom: Vec<&Instruction> = Vec::new();
    let mut replaced: Vec<(usize, String)> = Vec::new();
    for ins in &carried.carried {
        match (rt.map)(ins) {
            Carry::Drop => {}
            Carry::Replace(s) => {
                let shell_form = match ins.keyword.as_str() {
                    "CMD" | "ENTRYPOINT" => ins.json.is_none(),
                    "HEALTHCHECK" => !ins.args.contains('['),
                    _ => false,
                };
                if let (Some(base), true) = (rt.no_shell, shell_form) {
                    caveats.push(format!(
                        "line {}: shell-form {} rewritten in exec form ({base} has no /bin/sh)",
                        ins.start_line, ins.keyword
                    ));
                }
                let comments = ctx
                    .text
                    .get(comment_start(ctx.text, ins)..ins.start_offset)
                    .unwrap_or("");
                replaced.push((ins.start_line, format!("{comments}{s}")))
            }
            Carry::Keep if matches!(ins.keyword.as_str(), "ENV" | "LABEL") => {
                top.push(if ins.keyword == "LABEL" {
                    with_comments(ctx.text, ins).to_string()
                } else {
                    ctx.src(ins).to_string()
                })
            }
            Carry::Keep => bottom.push(ins),
        }
    }

    let mut out = String::new();
    let push = |out: &mut String, l: &str| {
        if !l.is_empty() {
            out.push_str(l);
            out.push('\n');
        }
    };
    push(&mut out, &format!("FROM {}", rt.image));
    for l in &rt.head {
        push(&mut out, l);
    }
    // ARGs the carried lines use.
    let mut used_text: String = top.join("\n");
    for i in &bottom {
        used_text.push_str(ctx.src(i));
    }
    for (_, s) in &replaced {
        used_text.push_str(s);
    }
    for a in args_used(w, &used_text) {
        push(&mut out, ctx.src(a));
    }
    let global: Vec<&String> = ctx
        .model
        .global_args
        .keys()
        .filter(|k| {
            (used_text.contains(&format!("${k}")) || used_text.contains(&format!("${{{k}")))
                && !w.steps.iter().any(|s| {
                    s.ins.keyword == "ARG"
                        && model::arg_pairs(&s.ins.args).iter().any(|(n, _)| n == *k)
                })
        })
        .collect();
    for k in global {
        push(&mut out, &format!("ARG {k}"));
    }
    for l in &top {
        push(&mut out, l);
    }
    for l in &rt.env {
        push(&mut out, l);
    }
    let (user_pre, user_line) = match &rt.user {
        Some(u) => (vec![], u.clone()),
        None if rt.no_shell.is_some() => (vec![], None),
        None => user_lines(
            ctx,
            w,
            carried.last_user,
            rt.same_family,
            &rt.distro,
            rt.image_users,
            &mut caveats,
        ),
    };
    if rt.no_shell.is_none() {
        if let Some(l) = install_line(&rt.distro, &rt.packages) {
            push(&mut out, &l);
        }
        for l in &user_pre {
            push(&mut out, l);
        }
    }
    if let Some(wd) = carried.final_workdir.filter(|_| rt.keep_workdir) {
        if w.workdir != "/" {
            push(&mut out, ctx.src(wd));
        }
    }
    for l in &rt.copies {
        push(&mut out, l);
    }
    for l in &rt.tail {
        push(&mut out, l);
    }
    if let Some(u) = &user_line {
        push(&mut out, u);
    }
    // Runtime instructions in their order, with the comments above them.
    let mut needs_shell = Vec::new();
    let mut r = 0;
    for ins in &bottom {
        while r < replaced.len() && replaced[r].0 < ins.start_line {
            push(&mut out, &replaced[r].1);
            r += 1;
        }
        let start = comment_start(ctx.text, ins);
        let comments = ctx.text.get(start..ins.start_offset).unwrap_or("");
        out.push_str(comments);
        needs_shell.extend(emit_carried(
            ctx.text,
            &[*ins],
            rt.no_shell,
            &mut out,
            &mut caveats,
        ));
    }
    for (_, l) in &replaced[r..] {
        push(&mut out, l);
    }
    for l in &rt.end {
        push(&mut out, l);
    }
    if !needs_shell.is_empty() {
        return None;
    }
    Some(Proposal {
        kind: rt.kind,
        title: rt.title,
        why: rt.why,
        dockerfile: format!("{builder}\n{out}"),
        caveats,
    })
}

/// A rewrite of an existing multi-stage file by edits.
pub(crate) fn edit_final(
    ctx: &Ctx,
    kind: RewriteKind,
    title: String,
    why: String,
    edits: Edits,
    caveats: Vec<String>,
) -> Option<Proposal> {
    let dockerfile = edits.apply(ctx.text);
    if dockerfile == ctx.text {
        return None;
    }
    Some(Proposal {
        kind,
        title,
        why,
        dockerfile,
        caveats,
    })
}

/// The caveat of every image without a shell that has a `:debug` variant (distroless).
pub(crate) const NO_SHELL_DEBUG_TAG: &str =
    "no shell: `docker exec … sh` will not work; debug with the :debug tag";

/// Converts the final chain's `CMD`/`ENTRYPOINT` to exec form for a base without a
/// shell. None when a step needs a shell (`RUN`, shell `HEALTHCHECK`, shell features).
pub(crate) fn shell_free(
    ctx: &Ctx,
    fin: &Walk,
    base: &str,
    e: &mut Edits,
    caveats: &mut Vec<String>,
) -> Option<()> {
    shell_free_but(ctx, fin, base, e, caveats, &[])
}

/// Commands a final stage may run that scratch or distroless makes unnecessary: CA
/// certificates and time-zone data (installed or refreshed) and users created for the
/// program (the rewrite runs it as a numeric or distroless user instead).
pub(crate) fn replaceable_in_shellless(c: &model::Command) -> bool {
    // OpenSSL's library and tool: a Go binary does not use them, a Rust one links the
    // libssl distroless/cc has (or, static, its own).
    let package = |w: &str| {
        matches!(
            w,
            "ca-certificates" | "tzdata" | "openssl" | "libssl3" | "libssl1.1"
        )
    };
    let certs_or_tz = |w: &String| {
        w.starts_with('-')
            || package(w)
            || matches!(w.as_str(), "add" | "install" | "update" | "upgrade")
    };
    match c.program() {
        "apk" | "apt-get" | "apt" => {
            c.argv.iter().skip(1).all(certs_or_tz) && c.argv.iter().any(|w| package(w))
                || ["update", "clean", "autoremove", "autoclean"]
                    .iter()
                    .any(|sub| c.is("apt-get", &[sub]) || c.is("apt", &[sub]))
                || c.is("apk", &["update"])
        }
        "update-ca-certificates" | "adduser" | "addgroup" | "useradd" | "groupadd" => true,
        "rm" => c.argv.iter().all(|w| {
            w == "rm"
                || w.starts_with('-')
                || w.starts_with("/var/lib/apt/lists")
                || w.starts_with("/var/cache/apk")
        }),
        _ => false,
    }
}

/// [`shell_free`] for a final stage whose `dropped` RUNs the rewrite deletes.
pub(crate) fn shell_free_but(
    _ctx: &Ctx,
    fin: &Walk,
    base: &str,
    e: &mut Edits,
    caveats: &mut Vec<String>,
    dropped: &[&Instruction],
) -> Option<()> {
    for s in &fin.steps {
        let ins = s.ins;
        match ins.keyword.as_str() {
            "RUN" if dropped.iter().any(|d| std::ptr::eq(*d, ins)) => {}
            "RUN" => return None,
            "HEALTHCHECK" if ins.args.contains("CMD") && !ins.args.contains('[') => return None,
            "CMD" | "ENTRYPOINT" if ins.json.is_none() => {
                let json = exec_form(&ins.args)?;
                e.replace(
                    ins.start_offset,
                    ins.end_offset,
                    format!("{} {}", ins.keyword, json),
                );
                caveats.push(format!(
                    "line {}: shell-form {} rewritten in exec form ({base} has no /bin/sh)",
                    ins.start_line, ins.keyword
                ));
            }
            _ => {}
        }
    }
    Some(())
}

/// A multi-stage file whose final stage runs on the full image of an interpreter
/// (`node:22`, `python:3.12`, `ruby:3.3`): the same stages on its slim variant.
pub(crate) fn interpreter_slim(ctx: &Ctx, fin: &Walk, native: &str) -> Option<Proposal> {
    if fin.chain.len() != 1 {
        return None;
    }
    let name = fin.image_name();
    if !matches!(name, "node" | "python" | "ruby") {
        return None;
    }
    let t = Tag::parse(fin.tag());
    if t.slim || t.alpine.is_some() || !t.words.is_empty() {
        return None;
    }
    let codename = t.codename.as_deref().unwrap_or("");
    let tag = if name == "node" {
        tag_of(&[&t.version, codename, "slim"])
    } else {
        tag_of(&[&t.version, "slim", codename])
    };
    let image = format!("{name}:{tag}");
    let mut e = Edits::default();
    replace_from_image(&mut e, ctx.text, ctx.stage_from(fin.chain[0])?, &image);
    let mut caveats = vec![
        format!("{image} has no compilers or headers: {native} built in the final stage need them installed there, or built in the builder"),
        format!("{image} lacks libraries the full image has (libpq, libxml2, libjpeg…): {native} copied from the builder that link them need them installed"),
    ];
    if fin.has(|c| matches!(c.program(), "curl" | "wget" | "git")) {
        caveats.push(format!(
            "{image} has no curl, wget or git: RUN steps using them must install them"
        ));
    }
    edit_final(
        ctx,
        RewriteKind::Slim,
        format!("Final stage on {image}"),
        format!("{image} is the same {name} release and Debian without compilers, headers and docs, which a final stage does not need"),
        e,
        caveats,
    )
}

/// Caveat for builders that run on the build machine's platform.
pub(crate) fn build_platform_caveat(ctx: &Ctx, w: &Walk, what: &str) -> Option<String> {
    w.on_build_platform(ctx).then(|| {
        format!("the builder runs on $BUILDPLATFORM: when building for another platform, {what} built there will not run on the target")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_split_into_version_and_variant() {
        let t = Tag::parse("3.12-slim-bookworm");
        assert_eq!(t.version, "3.12");
        assert!(t.slim);
        assert_eq!(t.codename.as_deref(), Some("bookworm"));
        let t = Tag::parse("14.17.3-alpine3.14");
        assert_eq!(t.alpine.as_deref(), Some("3.14"));
        assert_eq!(t.major(), Some(14));
        let t = Tag::parse("8.2-fpm");
        assert_eq!(t.words, vec!["fpm"]);
        let t = Tag::parse("alpine");
        assert_eq!((t.version.as_str(), t.alpine.as_deref()), ("", Some("")));
        assert_eq!(tag_of(&["", "slim"]), "slim");
        assert_eq!(tag_of(&[""]), "latest");
    }

    #[test]
    fn ubuntu_releases_come_from_the_one_list() {
        assert_eq!(
            codename_in("21-jdk-noble"),
            Some(Distro::Ubuntu(Some("noble")))
        );
        assert_eq!(
            codename_in("plucky-20250415"),
            Some(Distro::Ubuntu(Some("plucky")))
        );
        // Whole words only: an image named for Discord is not Ubuntu 19.04.
        assert_eq!(codename_in("discord-bot"), None);
        assert_eq!(
            release_number("ubuntu", "25.04"),
            Some(Distro::Ubuntu(Some("plucky")))
        );
        assert_eq!(
            release_number("ubuntu", "16.04.7"),
            Some(Distro::Ubuntu(Some("xenial")))
        );
        assert_eq!(Tag::parse("questing").codename.as_deref(), Some("questing"));
        // A program built on an older glibc runs on distroless Debian 12; a newer one needs 13.
        assert_eq!(
            Distro::Ubuntu(Some("xenial")).distroless_suffix(),
            "debian12"
        );
        assert_eq!(
            Distro::Ubuntu(Some("jammy")).distroless_suffix(),
            "debian12"
        );
        assert_eq!(
            Distro::Ubuntu(Some("lunar")).distroless_suffix(),
            "debian13"
        );
        assert_eq!(
            Distro::Ubuntu(Some("noble")).distroless_suffix(),
            "debian13"
        );
    }

    #[test]
    fn comments_above_move_with_their_instruction() {
        let text = "FROM a\n\n# one\n# two\nCMD x\n";
        let p = crate::engine::syntax::parse(text);
        let cmd = &p.instructions[1];
        assert_eq!(with_comments(text, cmd), "# one\n# two\nCMD x");
        let mut e = Edits::default();
        delete_block(&mut e, text, cmd);
        assert_eq!(e.apply(text), "FROM a\n\n");
        let text = "# syntax=docker/dockerfile:1\nCMD x\n";
        let p = crate::engine::syntax::parse(text);
        assert_eq!(with_comments(text, &p.instructions[0]), "CMD x");
    }

    #[test]
    fn from_image_is_replaced_in_place() {
        let text = "FROM --platform=$BUILDPLATFORM node:20 AS build\n";
        let p = crate::engine::syntax::parse(text);
        let mut e = Edits::default();
        replace_from_image(&mut e, text, &p.instructions[0], "node:20-slim");
        assert_eq!(
            e.apply(text),
            "FROM --platform=$BUILDPLATFORM node:20-slim AS build\n"
        );
    }

    #[test]
    fn packages_skip_deleted_virtual_groups() {
        let text = "FROM alpine\nRUN apk add --no-cache --virtual .b gcc musl-dev && apk --no-cache add libpq && apk del .b\n";
        let p = crate::engine::syntax::parse(text);
        let m = Model::build(&p);
        let ctx = Ctx {
            text,
            parsed: &p,
            model: &m,
            as_of: None,
        };
        let w = ctx.walk(&m.stages[0]);
        assert_eq!(os_packages(&w), vec!["libpq"]);
        let r = runtime_packages(
            &[
                "gcc".into(),
                "libpq-dev".into(),
                "curl".into(),
                "tini".into(),
            ],
            &[],
            "",
            false,
        );
        assert_eq!(r.keep, vec!["tini".to_string()]);
        assert_eq!(r.libs, vec!["libpq5".to_string()]);
        assert_eq!(r.fetchers, vec!["curl".to_string()]);
        assert_eq!(r.install(), vec!["tini".to_string(), "libpq5".to_string()]);
    }
}
