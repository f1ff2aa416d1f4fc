//! Package-manager commands several rules recognise (npm, yarn, pip, …).

use super::shell::{Cmd, Word};

/// Flags of npm and yarn that take the next word as their value.
const VALUE_FLAGS: [&str; 12] = [
    "--prefix",
    "-C",
    "--cache",
    "--registry",
    "--loglevel",
    "--userconfig",
    "--omit",
    "--include",
    "-w",
    "--workspace",
    "--cwd",
    "--modules-folder",
];

/// The positional words after the program, flag values skipped.
fn positional(c: &Cmd) -> Vec<&Word> {
    let mut out = Vec::new();
    let mut it = c.args().iter();
    while let Some(w) = it.next() {
        if VALUE_FLAGS.contains(&w.text.as_str()) {
            it.next();
        } else if !w.text.starts_with('-') {
            out.push(w);
        }
    }
    out
}

/// `npm install|i|add|ci|clean-install …`: the verb word and whether packages are named.
pub fn npm_install(c: &Cmd) -> Option<(&Word, bool)> {
    let pos = positional(c);
    let v = *pos.first().filter(|_| c.is("npm"))?;
    matches!(
        v.text.as_str(),
        "install" | "i" | "add" | "ci" | "clean-install" | "ic" | "install-clean"
    )
    .then_some((v, pos.len() > 1))
}

/// `npm ci`/`npm install` of what package.json lists (no names, not global).
pub fn npm_installs_manifest(c: &Cmd) -> Option<&Word> {
    npm_install(c)
        .filter(|(_, named)| !named && !c.has_flag("g") && !c.has_flag("global"))
        .map(|(v, _)| v)
}

/// `yarn`, `yarn install`, `yarn add`, `yarn global add`: the verb (None for bare `yarn`).
pub fn yarn_install(c: &Cmd) -> Option<Option<&str>> {
    if !c.is("yarn") || c.has_flag("version") || c.has_flag("help") || c.has_arg("-v") {
        return None;
    }
    match positional(c).first().map(|w| w.text.as_str()) {
        None => Some(None),
        Some(v @ ("install" | "add" | "global")) => Some(Some(v)),
        _ => None,
    }
}

/// `pip install …` (`pip3`, `/venv/bin/pip`, `python -m pip`): the words after `install`.
pub fn pip_install(c: &Cmd) -> Option<&[Word]> {
    let name = c.basename();
    let args = c.args();
    let at = if name.starts_with("pip") && !name.starts_with("pipx") && !name.starts_with("pipenv")
    {
        args.iter().position(|w| w.text == "install")?
    } else if name.starts_with("python") {
        let m = args
            .windows(3)
            .position(|w| w[0].text == "-m" && w[1].text == "pip" && w[2].text == "install")?;
        m + 2
    } else {
        return None;
    };
    args.get(at + 1..)
}

/// A uv command that installs packages, and so fills uv's cache (`uv pip install`,
/// `uv pip sync`, `uv sync`, `uv add`, `uv tool install`, `python -m uv pip install`): the
/// words after `uv`.
pub fn uv_install(c: &Cmd) -> Option<&[Word]> {
    let args = c.args();
    let rest = if c.is("uv") {
        args
    } else if c.basename().starts_with("python") {
        let m = args
            .windows(2)
            .position(|w| w[0].text == "-m" && w[1].text == "uv")?;
        &args[m + 2..]
    } else {
        return None;
    };
    let words: Vec<&str> = uv_subcommand(rest)
        .iter()
        .map(|w| w.text.as_str())
        .collect();
    matches!(
        words.as_slice(),
        ["pip", "install" | "sync", ..] | ["sync", ..] | ["add", ..] | ["tool", "install", ..]
    )
    .then_some(rest)
}

/// The first two words of a uv command that are not options: its subcommand
/// (`uv pip install …` → `pip`, `install`; `uv sync --frozen` → `sync`).
pub fn uv_subcommand(words: &[Word]) -> Vec<&Word> {
    words
        .iter()
        .filter(|w| !w.text.starts_with('-'))
        .take(2)
        .collect()
}

/// The `-r FILE` / `--requirement=FILE` files of a pip install.
pub fn requirement_files(words: &[Word]) -> Vec<&str> {
    let mut out = Vec::new();
    let mut it = words.iter();
    while let Some(w) = it.next() {
        let t = w.text.as_str();
        if t == "-r" || t == "--requirement" {
            if let Some(f) = it.next() {
                out.push(f.text.as_str());
            }
        } else if let Some(f) = t
            .strip_prefix("--requirement=")
            .or_else(|| t.strip_prefix("-r").filter(|f| !f.is_empty()))
        {
            out.push(f);
        }
    }
    out
}

/// An install of a project's dependencies from its manifest: (what, the manifests to
/// copy first).
pub fn dependency_install(c: &Cmd) -> Option<(String, &'static str)> {
    let sub = |s: &str| c.args().first().is_some_and(|w| w.text == s);
    let found = if let Some(v) = npm_installs_manifest(c) {
        (format!("npm {}", v.text), "package.json package-lock.json")
    } else if matches!(yarn_install(c), Some(None | Some("install"))) {
        ("yarn install".into(), "package.json yarn.lock")
    } else if c.is("pnpm") && (sub("install") || sub("i")) && positional(c).len() == 1 {
        ("pnpm install".into(), "package.json pnpm-lock.yaml")
    } else if pip_install(c).is_some_and(|w| !requirement_files(w).is_empty()) {
        ("pip install -r".into(), "the requirements files")
    } else if let Some(uv) = uv_install(c) {
        match uv_subcommand(uv).first().map(|w| w.text.as_str()) {
            Some("sync") => ("uv sync".into(), "pyproject.toml uv.lock"),
            Some("pip") if !requirement_files(uv).is_empty() => {
                ("uv pip install -r".into(), "the requirements files")
            }
            _ => return None,
        }
    } else if c.is("pipenv") && sub("install") {
        ("pipenv install".into(), "Pipfile Pipfile.lock")
    } else if c.is("poetry") && sub("install") {
        ("poetry install".into(), "pyproject.toml poetry.lock")
    } else if c.is("go") && sub("mod") && c.has_arg("download") {
        ("go mod download".into(), "go.mod go.sum")
    } else if c.is("bundle") && (sub("install") || c.args().is_empty()) {
        ("bundle install".into(), "Gemfile Gemfile.lock")
    } else if c.is("composer") && sub("install") {
        ("composer install".into(), "composer.json composer.lock")
    } else if (c.is("mvn") || c.is("mvnw"))
        && c.args().iter().any(|w| w.text.starts_with("dependency:"))
    {
        ("mvn dependency:…".into(), "pom.xml")
    } else if c.is("cargo") && sub("fetch") {
        ("cargo fetch".into(), "Cargo.toml Cargo.lock")
    } else {
        return None;
    };
    Some(found)
}
