//! pip, uv, Poetry and virtualenvs: wheels with their bytecode, caches, and the default
//! for a requirements file Slimfile cannot see.

use super::*;

/// What a pip install's packages take installed: their files, and the .pyc files pip
/// compiles from their .py files, measured per wheel with CPython 3.11
/// (`scripts/measure_pip_pyc.py`). For another CPython minor, or one not known, .pyc sizes
/// are not measured: half to twice. Wheels with no measurement take the share one real
/// build showed ([`facts::PIP_INSTALLED_PER_UNPACKED`]). `no_pyc` says why an installer
/// compiles nothing (`uv` unless asked, `pip install --no-compile`).
pub(super) fn pip_installed(
    inst: &sizes::pip::Install,
    python_minor: Option<u32>,
    no_pyc: Option<&str>,
) -> (Fact, String) {
    if let Some(why) = no_pyc {
        let u = inst.unpacked;
        let text = format!(
            "{} unpacked{}; no .pyc ({why})",
            fmt_bytes(u),
            pypi_then(inst)
        );
        return (fact(u, u, u), text);
    }
    let measured_files = inst.unpacked - inst.pyc_unmeasured.min(inst.unpacked);
    let rest = per_mille(inst.pyc_unmeasured, facts::PIP_INSTALLED_PER_UNPACKED);
    let p = inst.pyc;
    let pyc = if python_minor == Some(11) && inst.pyc_scaled == 0 {
        fact(p, p * 98 / 100, p * 102 / 100)
    } else {
        fact(p, p / 2, p * 2)
    };
    let f = add(
        add(fact(measured_files, measured_files, measured_files), pyc),
        rest,
    );
    let mut text = format!(
        "{} unpacked{}; .pyc compiled on install {} (measured per wheel with CPython 3.11, scripts/measure_pip_pyc.py{}{})",
        fmt_bytes(inst.unpacked),
        pypi_then(inst),
        fmt_bytes(p),
        if python_minor == Some(11) {
            ""
        } else {
            "; another Python's half to twice"
        },
        if inst.pyc_scaled > 0 {
            format!(
                "; scaled from today's wheel for {} older version(s), half to twice",
                inst.pyc_scaled
            )
        } else {
            String::new()
        }
    );
    if inst.pyc_unmeasured > 0 {
        text.push_str(&format!(
            "; {} of wheels not measured, ×{} ({})",
            fmt_bytes(inst.pyc_unmeasured),
            decimal(facts::PIP_INSTALLED_PER_UNPACKED.bytes, 1000, 2),
            facts::PIP_INSTALLED_PER_UNPACKED.source
        ));
    }
    (f, text)
}

/// Python's minor version a `python:3.X…` base names.
pub(super) fn python_minor_of(image: &str) -> Option<u32> {
    let (name, tag) = image.rsplit_once(':')?;
    // uv's derived images name the Python (`ghcr.io/astral-sh/uv:python3.13-bookworm-slim`).
    let rest = if name.rsplit('/').next() == Some("python") {
        tag.strip_prefix("3.")?
    } else if sizes::parse_image_ref(image).is_some_and(|r| sizes::is_uv_image(&r.name)) {
        tag.split_once("python3.")?.1
    } else {
        return None;
    };
    rest.split(|c: char| !c.is_ascii_digit())
        .next()?
        .parse()
        .ok()
}

/// `python3 -m venv DIR`, `python3.11 -m venv --without-pip DIR`, `uv venv`, `virtualenv`:
/// Some(with pip, Python minor version named by the program).
pub(super) fn venv_command(c: &model::Command) -> Option<(bool, Option<u32>)> {
    let words: Vec<&str> = c.argv.iter().map(String::as_str).collect();
    let prog = words.first()?.rsplit('/').next()?;
    if prog == "uv" && words.get(1) == Some(&"venv") {
        return Some((words.contains(&"--seed"), None));
    }
    if prog == "virtualenv" {
        return Some((!words.contains(&"--no-pip"), None));
    }
    if prog.starts_with("python") && words.get(1) == Some(&"-m") && words.get(2) == Some(&"venv") {
        let minor = prog
            .strip_prefix("python3.")
            .and_then(|m| m.parse::<u32>().ok());
        return Some((!words.contains(&"--without-pip"), minor));
    }
    None
}

/// A RUN that downloads CPython's release tarball from python.org and runs `make install`
/// (docker-library/python's pattern), and deletes the tarball and the source tree as that
/// does: the version, from the tarball's name or $PYTHON_VERSION.
pub(super) fn cpython_source_build(
    cmds: &[model::Command],
    env: &BTreeMap<String, String>,
) -> Option<String> {
    let url = cmds
        .iter()
        .filter_map(|c| model::download(&c.argv))
        .map(|(u, _)| model::expand(&u, env))
        .find(|u| u.contains("python.org/ftp/python/") && u.contains(".tar"))?;
    let installs = cmds.iter().any(|c| {
        c.program().rsplit('/').next() == Some("make")
            && c.argv.iter().any(|w| w == "install" || w == "altinstall")
    });
    // What it leaves besides the install (the tarball, the source tree) is not modelled:
    // only the pattern that deletes them is taken.
    let cleans = cmds.iter().filter(|c| c.is("rm", &[])).any(|c| {
        c.argv
            .iter()
            .any(|w| w.contains("/usr/src/python") || w.contains("Python-"))
    });
    if !installs || !cleans {
        return None;
    }
    let from_name = url
        .rsplit('/')
        .next()
        .and_then(|f| f.strip_prefix("Python-"))
        .and_then(|f| f.split(".tar").next())
        .filter(|v| v.starts_with("3.") && !v.contains('$'));
    from_name
        .map(str::to_string)
        .or_else(|| env.get("PYTHON_VERSION").cloned())
        .or_else(|| Some("3".to_string()))
}

/// Where a pip install was priced from PyPI as it was on an earlier date: that date, for the
/// basis (empty when today's table priced it).
fn pypi_then(inst: &sizes::pip::Install) -> String {
    match inst.as_of {
        Some((d, py)) => {
            format!(" (PyPI's versions on {d}, CPython {py} wheels, scripts/build_pip_history.py)")
        }
        None => String::new(),
    }
}

/// The pip defaults (installed, wheels) for the app a Dockerfile shows: a Django app
/// (`manage.py`, `django`) or a Flask app (`flask`) takes its measured starter's; a FastAPI
/// app, and any other, the median, which is the FastAPI starter's. Takes the lowercased
/// Dockerfile ([`Doc::lower`]).
fn pip_defaults(t: &str) -> (Fact, Fact, &'static [&'static str]) {
    if t.contains("manage.py") || t.contains("django") {
        let (d, w) = facts::PIP_DJANGO_APP;
        (d, w, &["django", "gunicorn", "psycopg2-binary"])
    } else if t.contains("flask") && !t.contains("uvicorn") && !t.contains("fastapi") {
        let (d, w) = facts::PIP_FLASK_APP;
        (d, w, &["flask", "gunicorn"])
    } else {
        // The median of the three starters is FastAPI's.
        (
            facts::PIP_APP_DEPENDENCIES,
            facts::PIP_APP_DEPENDENCIES_WHEELS,
            &["fastapi", "uvicorn"],
        )
    }
}

/// A virtualenv with pip (`python -m venv`): measured per CPython minor, or the middle of
/// the measured ones with their range when the minor is not known.
pub(super) fn venv_with_pip(known: Option<u32>) -> (Fact, String) {
    let mut sizes: Vec<u64> = facts::VENV_WITH_PIP.iter().map(|(_, b)| *b).collect();
    sort::sort(&mut sizes);
    let (lo, hi) = (
        sizes.first().copied().unwrap_or(0),
        sizes.last().copied().unwrap_or(0),
    );
    match known.and_then(|m| facts::VENV_WITH_PIP.iter().find(|(v, _)| *v == m)) {
        Some((m, b)) => (
            fact(*b, *b * 9 / 10, *b * 11 / 10),
            format!(
                "virtualenv with the pip ensurepip bundles: {} (measured with CPython 3.{m}, data/MEASURED.md)",
                fmt_bytes(*b)
            ),
        ),
        None => {
            let mid = sizes.get(sizes.len() / 2).copied().unwrap_or(0);
            (
                fact(mid, lo, hi),
                format!(
                    "virtualenv with the pip ensurepip bundles: {} ({}–{} across CPython 3.8–3.13, measured, data/MEASURED.md)",
                    fmt_bytes(mid),
                    fmt_bytes(lo),
                    fmt_bytes(hi)
                ),
            )
        }
    }
}

/// Where `poetry install` creates its virtualenv, when not in the project or the system:
/// POETRY_VIRTUALENVS_PATH, else `{cache-dir}/virtualenvs` (POETRY_CACHE_DIR, default
/// ~/.cache/pypoetry), per Poetry's configuration docs.
fn poetry_venv_dir(env: &BTreeMap<String, String>) -> Option<String> {
    let truthy = |k: &str| {
        env.get(k)
            .map(|v| v.to_ascii_lowercase())
            .map(|v| v == "true" || v == "1")
    };
    // An active virtualenv is where Poetry installs.
    if truthy("POETRY_VIRTUALENVS_CREATE") == Some(false)
        || truthy("POETRY_VIRTUALENVS_IN_PROJECT") == Some(true)
        || env.get("VIRTUAL_ENV").is_some_and(|v| !v.is_empty())
    {
        return None;
    }
    if let Some(p) = env.get("POETRY_VIRTUALENVS_PATH").filter(|p| !p.is_empty()) {
        return Some(p.clone());
    }
    let cache = env
        .get("POETRY_CACHE_DIR")
        .filter(|p| !p.is_empty())
        .cloned()
        .unwrap_or_else(|| "/root/.cache/pypoetry".into());
    Some(format!("{}/virtualenvs", cache.trim_end_matches('/')))
}

/// The lock file a project installer reads (`uv sync`, `poetry install`, `pipenv install`,
/// `pdm install`): its dependencies are the app's, which Slimfile cannot see.
fn lockfile_install(c: &model::Command) -> Option<&'static str> {
    let words: Vec<&str> = c.argv.iter().map(String::as_str).collect();
    let prog = words.first()?.rsplit('/').next()?;
    let sub = words.get(1).copied();
    let named = words
        .get(2..)
        .is_some_and(|rest| rest.iter().any(|w| !w.starts_with('-')));
    match (prog, sub) {
        ("uv", Some("sync")) => Some("uv.lock"),
        ("poetry", Some("install")) => Some("poetry.lock"),
        ("pipenv", Some("install" | "sync")) if !named => Some("Pipfile.lock"),
        ("pdm", Some("install" | "sync")) => Some("pdm.lock"),
        _ => None,
    }
}

/// Whether a lock-file install also installs the project's dev group, as `uv sync`,
/// `poetry install` and `pdm install` do by default (`pipenv` only with `--dev`).
pub(super) fn installs_dev_group(c: &model::Command, env: &BTreeMap<String, String>) -> bool {
    let has = |w: &str| c.argv.iter().any(|a| a == w);
    let pair = |k: &str, v: &str| {
        c.argv.windows(2).any(|p| p[0] == k && p[1] == v) || has(&format!("{k}={v}"))
    };
    match lockfile_install(c) {
        Some("uv.lock") => {
            !(has("--no-dev")
                || has("--no-default-groups")
                || pair("--no-group", "dev")
                || c.argv.iter().any(|a| a.starts_with("--only-group"))
                || ["UV_NO_DEV", "UV_NO_DEFAULT_GROUPS"]
                    .iter()
                    .any(|k| env.get(*k).is_some_and(|v| !v.is_empty() && v != "0")))
        }
        Some("poetry.lock") => {
            // `--only main`, `--only=main`, `--only-root`: no dev group.
            !(has("--no-dev")
                || pair("--without", "dev")
                || c.argv.iter().any(|a| a.starts_with("--only")))
        }
        Some("pdm.lock") => !(has("--prod") || has("--production") || has("-P")),
        Some("Pipfile.lock") => has("--dev") || has("-d"),
        _ => false,
    }
}

/// Which Python installer a [`PipInstall`] runs: they differ in what they compile and cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum PyInstaller {
    Pip,
    Uv,
    Poetry,
    /// pipenv, PDM.
    Other,
}

/// A Python package install [`pip_install`] read.
pub(super) struct PipInstall {
    pub(super) reqs: Vec<String>,
    /// `-r` files, paths and URLs, or the lock file.
    pub(super) files: Vec<String>,
    /// `--no-cache-dir` (pip), `--no-cache` (a lock-file installer).
    pub(super) no_cache: bool,
    pub(super) installer: PyInstaller,
    /// The lock file a lock-file installer reads ([`lockfile_install`]).
    pub(super) lock: Option<&'static str>,
}

/// `pip install …`, `pip3 install …`, `python -m pip install …`, `uv pip install …`, and the
/// lock-file installers above.
pub(super) fn pip_install(c: &model::Command) -> Option<PipInstall> {
    let words: Vec<&str> = c.argv.iter().map(String::as_str).collect();
    let prog = words.first()?.rsplit('/').next()?;
    if let Some(lock) = lockfile_install(c) {
        return Some(PipInstall {
            reqs: Vec::new(),
            files: vec![lock.to_string()],
            no_cache: c.argv.iter().any(|w| w == "--no-cache"),
            installer: match prog {
                "uv" => PyInstaller::Uv,
                "poetry" => PyInstaller::Poetry,
                _ => PyInstaller::Other,
            },
            lock: Some(lock),
        });
    }
    let (rest, installer) = if prog.starts_with("pip") && words.get(1) == Some(&"install") {
        (&words[2..], PyInstaller::Pip)
    } else if prog == "uv" && words.get(1) == Some(&"pip") && words.get(2) == Some(&"install") {
        (&words[3..], PyInstaller::Uv)
    } else if prog.starts_with("python")
        && words.get(1) == Some(&"-m")
        && words.get(2).is_some_and(|w| w.starts_with("pip"))
        && words.get(3) == Some(&"install")
    {
        (&words[4..], PyInstaller::Pip)
    } else if prog.starts_with("python")
        && words.get(1..4) == Some(&["-m", "uv", "pip"][..])
        && words.get(4) == Some(&"install")
    {
        (&words[5..], PyInstaller::Uv)
    } else {
        return None;
    };
    let mut reqs = Vec::new();
    let mut files = Vec::new();
    let mut no_cache = false;
    let mut it = rest.iter();
    while let Some(w) = it.next() {
        match *w {
            // pip takes unambiguous prefixes of long options: `--no-cache` is `--no-cache-dir`.
            w if w.len() >= 7 && "--no-cache-dir".starts_with(w) => no_cache = true,
            "-r" | "--requirement" | "-c" | "--constraint" => {
                if let Some(f) = it.next() {
                    if !w.starts_with("-c") && *w != "--constraint" {
                        files.push(f.to_string());
                    }
                }
            }
            "-i" | "--index-url" | "--extra-index-url" | "-f" | "--find-links" | "--target"
            | "-t" | "--prefix" | "--root" | "--platform" | "--python-version" | "--cert"
            | "--client-cert" | "--trusted-host" | "--proxy" | "--timeout" | "--retries"
            | "--src" | "--implementation" | "--abi" | "--progress-bar" | "--only-binary"
            | "--no-binary" | "--python" | "-p" | "--cache-dir" | "--link-mode"
            | "--index-strategy" | "--resolution" | "--exclude-newer" | "-C"
            | "--config-settings" | "--default-index" | "--index" | "--keyring-provider" => {
                it.next();
            }
            w if w.starts_with('-') => {}
            w if w == "."
                || w.starts_with("./")
                || w.starts_with('/')
                || w.ends_with(".whl")
                || w.contains("://") =>
            {
                files.push(w.to_string())
            }
            w => reqs.push(w.to_string()),
        }
    }
    Some(PipInstall {
        reqs,
        files,
        no_cache,
        installer,
        lock: None,
    })
}

/// How a layer that uses a default for the app's dependencies says it can be replaced.
pub(super) const DEPS_HINT: &str = "set yours as “Downloaded dependencies” under Assumptions";

/// What a layer says of dependencies it cannot see.
pub(super) const UNKNOWN_DEPS: &str =
    "dependencies of unknown size, not counted (set “Downloaded dependencies” under Assumptions)";

/// Where a pip install puts its packages: `--target`/`--prefix`, the virtualenv whose pip
/// runs (by path, `VIRTUAL_ENV`, or the first `…/bin` on `PATH`), else the system site-packages.
fn pip_destination(c: &model::Command, env: &BTreeMap<String, String>) -> String {
    if let Some(t) = c.option(&["--target", "-t", "--prefix"]) {
        return normalise(t);
    }
    // `pip install --user`: PYTHONUSERBASE, else ~/.local.
    if c.argv.iter().any(|w| w == "--user") {
        return env
            .get("PYTHONUSERBASE")
            .filter(|b| !b.is_empty())
            .map_or_else(|| "/root/.local".to_string(), |b| normalise(b));
    }
    let prog = c.program();
    if let Some((venv, _)) = prog.rsplit_once("/bin/") {
        if !venv.is_empty() && venv != "/usr" && venv != "/usr/local" {
            return normalise(venv);
        }
    }
    if let Some(v) = env.get("VIRTUAL_ENV").filter(|v| !v.is_empty()) {
        return normalise(v);
    }
    if let Some(first) = env.get("PATH").and_then(|p| p.split(':').next()) {
        if let Some(venv) = first.strip_suffix("/bin") {
            if !venv.is_empty()
                && !matches!(venv, "/usr" | "/usr/local" | "" | "/")
                && !venv.contains('$')
            {
                return normalise(venv);
            }
        }
    }
    "/usr/local/lib/python3".to_string()
}

/// pip, uv or Poetry installing packages: wheels from the PyPI table with the bytecode the
/// installer compiles, the default for a requirements file, and pip's cache.
pub(super) fn pip_step(
    cx: &Cx,
    st: &mut StageState,
    run: &mut Run,
    PipInstall {
        reqs,
        files,
        no_cache,
        installer,
        lock,
    }: PipInstall,
) {
    let Cx {
        doc, a, c, env, sc, ..
    } = *cx;
    let cmds = &sc.cmds;
    let set = |k: &str| env_set(env, k);
    run.modelled += 1;
    let no_cache = no_cache || sc.removed("/root/.cache/pip") || set("PIP_NO_CACHE_DIR");
    let inst = sizes::pip::install(&reqs, &st.pip, a.as_of.as_deref());
    st.pip.extend(inst.packages.iter().copied());
    let uv = installer == PyInstaller::Uv;
    // Poetry's installer compiles nothing unless --compile since 1.4 (2023-02).
    let poetry_quiet = installer == PyInstaller::Poetry
        && !c.argv.iter().any(|w| w == "--compile")
        && a.as_of.as_deref().is_none_or(|d| d >= "2023-03");
    let no_pyc = if uv {
        let asked = c
            .argv
            .iter()
            .any(|w| w == "--compile-bytecode" || w == "--compile")
            || set("UV_COMPILE_BYTECODE");
        (!asked).then_some(
            "uv compiles no bytecode unless asked: --compile-bytecode or UV_COMPILE_BYTECODE=1",
        )
    } else if poetry_quiet {
        Some("Poetry's installer compiles no bytecode unless --compile, since Poetry 1.4")
    } else {
        c.argv
            .iter()
            .any(|w| w == "--no-compile")
            .then_some("--no-compile")
    };
    let (mut f, installed) = pip_installed(&inst, st.python_minor, no_pyc);
    // Only requirement files or a project, no names: their clauses say it all.
    let unnamed = lock.is_none()
        && inst.packages.is_empty()
        && (!files.is_empty() || !inst.unknown.is_empty());
    let mut what = if let Some(l) = lock {
        format!(
            "{} from {l}",
            c.argv.iter().take(2).cloned().collect::<Vec<_>>().join(" ")
        )
    } else if unnamed {
        String::new()
    } else {
        format!(
            "pip: {} package(s){} — {installed}",
            inst.packages.len(),
            if inst.packages.is_empty() {
                String::new()
            } else {
                format!(
                    ": {}",
                    inst.packages
                        .iter()
                        .take(6)
                        .copied()
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            },
        )
    };
    // `uv sync` installs into the project's .venv (or UV_PROJECT_ENVIRONMENT).
    let dest = if c.is("uv", &["sync"]) {
        let d = env
            .get("UV_PROJECT_ENVIRONMENT")
            .filter(|v| !v.is_empty())
            .map_or(".venv", String::as_str);
        join_path(&st.workdir, d)
    } else {
        pip_destination(c, env)
    };
    st.add_artifact(Artifact {
        made_by: 0,
        either: false,
        path: dest,
        size: f,
        basis: "Python packages installed in this stage".into(),
    });
    // uv's cache, when it stays in this layer.
    let uv_dir = c
        .argv
        .windows(2)
        .find(|w| w[0] == "--cache-dir")
        .map(|w| w[1].clone())
        .or_else(|| env.get("UV_CACHE_DIR").cloned())
        .filter(|d| !d.is_empty())
        .unwrap_or_else(|| "/root/.cache/uv".to_string());
    let uv_cache = uv
        && !c.argv.iter().any(|w| w == "--no-cache" || w == "-n")
        && !set("UV_NO_CACHE")
        && !sc.removed(&uv_dir)
        && !cmds.iter().any(|o| o.is("uv", &["cache", "clean"]))
        && !sc.cache_mounted(uv_dir.trim_start_matches("/root/"));
    // With copies instead of hard links the cache keeps a second copy of the files.
    let uv_copies = c
        .argv
        .windows(2)
        .any(|w| w[0] == "--link-mode" && w[1] == "copy")
        || c.argv.iter().any(|w| w == "--link-mode=copy")
        || env.get("UV_LINK_MODE").is_some_and(|v| v == "copy");
    if uv {
        if uv_cache && !inst.packages.is_empty() {
            let k = facts::UV_CACHE_PER_PACKAGE;
            let c = times(k, inst.packages.len() as u64);
            f = add(f, c);
            what.push_str(&format!(
                "; uv's cache keeps the package indexes{}: +{} ({})",
                if uv_copies {
                    ""
                } else {
                    " (its unpacked files are hard links to the installed ones)"
                },
                fmt_bytes(c.bytes),
                k.source
            ));
            if uv_copies {
                let u = inst.unpacked;
                f = add(f, fact(u, u, u));
                what.push_str(&format!(
                    "; with --link-mode copy it keeps its own copy of the files too: +{}",
                    fmt_bytes(u)
                ));
            }
        }
    } else if !no_cache && !sc.cache_mounted(".cache/pip") && inst.wheels > 0 {
        f = add(f, fact(inst.wheels, inst.wheels, inst.wheels * 2));
        what.push_str(&format!(
            "; pip cache keeps the wheels: +{}",
            fmt_bytes(inst.wheels)
        ));
    }
    // `pip install .` / `-e .`: a local project, installed with its dependencies.
    let is_project = |x: &str| {
        lock.is_none()
            && (x == "." || x.starts_with("./") || x.starts_with('/'))
            && !x.ends_with(".whl")
            && !c
                .argv
                .windows(2)
                .any(|p| p[1] == x && matches!(p[0].as_str(), "-r" | "--requirement"))
    };
    let project = files.iter().any(|x| is_project(x));
    if !files.is_empty() || !inst.unknown.is_empty() {
        let named: Vec<String> = files
            .iter()
            .map(|x| {
                if lock.is_some() {
                    x.clone()
                } else if is_project(x) {
                    format!("the project {x} and its dependencies")
                } else if c
                    .argv
                    .windows(2)
                    .any(|p| p[1] == *x && matches!(p[0].as_str(), "-r" | "--requirement"))
                {
                    format!("-r {x}")
                } else {
                    x.clone()
                }
            })
            .chain(inst.unknown.iter().cloned())
            .collect();
        // Poetry keeps its virtualenv under its cache dir: deleting that in the same
        // RUN deletes the installed packages with it.
        let venv_removed = c
            .is("poetry", &["install"])
            .then(|| poetry_venv_dir(env))
            .flatten()
            .filter(|d| sc.removed(d));
        match a.dependencies_bytes {
            _ if venv_removed.is_some() => {
                what.push_str(&format!(
                    "; Poetry's virtualenv is in {}, which this RUN deletes: the packages go with it (set POETRY_VIRTUALENVS_CREATE=false or POETRY_VIRTUALENVS_IN_PROJECT=true to keep them)",
                    venv_removed.unwrap_or_default()
                ));
            }
            Some(b) => {
                f = add(f, fact(b, b, b));
                what.push_str(&format!(
                    "; {}: {} {YOUR_ASSUMPTION}",
                    named.join(" "),
                    fmt_bytes(b)
                ));
            }
            None if !st.pip_default
                && (c.argv.iter().any(|w| w == "-r" || w == "--requirement")
                    || project
                    || lockfile_install(c).is_some()) =>
            {
                st.pip_default = true;
                // A requirements file Slimfile cannot see: a typical app's, stated
                // as a default the user can replace.
                let (d, wheels, starter) = pip_defaults(&doc.lower);
                // The starters were measured with pip, .pyc included: an installer
                // that compiles none takes their files' share.
                let of = |names: &[&str]| {
                    sizes::pip::install(
                        &names.iter().map(|x| x.to_string()).collect::<Vec<_>>(),
                        &Default::default(),
                        None,
                    )
                };
                let share = |s: &sizes::pip::Install| {
                    (s.unpacked * 1000)
                        .checked_div(s.unpacked + s.pyc)
                        .unwrap_or(1000)
                };
                let s = of(starter);
                let files_share = share(&s);
                // The range runs from the Flask starter to the Django one.
                let d = match no_pyc {
                    Some(_) => Fact {
                        source: d.source,
                        ..scaled(
                            d,
                            fact(
                                files_share,
                                share(&of(&["flask", "gunicorn"])),
                                share(&of(&["django", "gunicorn", "psycopg2-binary"])),
                            ),
                        )
                    },
                    None => d,
                };
                // uv, Poetry and PDM install the dev group too, when there is one:
                // most projects have none, so it only widens the range.
                let dev = installs_dev_group(c, env).then_some(facts::PY_DEV_GROUP);
                let d = Fact {
                    low: d.low.min(d.bytes),
                    high: d.high.max(d.bytes) + dev.map_or(0, |g| g.high),
                    ..d
                };
                note_default(|x| &mut x.dependencies, d.bytes);
                f = add(f, d);
                if let Some(art) = st.artifacts.last_mut() {
                    art.size = add(art.size, d);
                }
                what.push_str(&format!(
                    "; {}: {} by default, range {}–{} ({}{}; {DEPS_HINT}){}{}",
                    named.join(" "),
                    fmt_bytes(d.bytes),
                    fmt_bytes(d.low),
                    fmt_bytes(d.high),
                    d.source,
                    match no_pyc {
                        Some(_) => format!(
                            ", without its .pyc: ×{} (its wheels' files against files and .pyc, data/pip/wheels.tsv)",
                            decimal(files_share, 1000, 2)
                        ),
                        None => String::new(),
                    },
                    match dev {
                        Some(g) => format!(
                            "; the range's top adds a dev group, which {} installs unless told not to, up to {} ({})",
                            c.argv.first().map_or("it", String::as_str),
                            fmt_bytes(g.high),
                            g.source
                        ),
                        None => String::new(),
                    },
                    if inst.unknown.is_empty() {
                        String::new()
                    } else {
                        format!(
                            "; not in the PyPI table, counted in that default: {}",
                            inst.unknown.join(" ")
                        )
                    }
                ));
                // pip's own cache, or uv's; Poetry keeps its own in a form not
                // measured here.
                if uv_cache {
                    let k = facts::UV_CACHE_PER_PACKAGE;
                    let n = s.packages.len() as u64;
                    let c = times(k, n);
                    f = add(f, c);
                    what.push_str(&format!(
                        "; uv's cache keeps the package indexes of the starter's {n} packages: +{} ({})",
                        fmt_bytes(c.bytes),
                        k.source
                    ));
                } else if !uv && lock.is_none() && !no_cache && !sc.cache_mounted(".cache/pip") {
                    let w = wheels;
                    f = add(f, w);
                    what.push_str(&format!(
                        "; pip cache keeps their wheels: +{} ({})",
                        fmt_bytes(w.bytes),
                        w.source
                    ));
                }
            }
            // The same lock file again (deps first, then the project): its
            // dependencies are in the earlier layer; this one adds the project.
            None if lock.is_some() && st.pip_default => {
                what.push_str(&format!(
                    "; {}: its dependencies were counted in an earlier step (the default there), this one adds the project itself",
                    named.join(" ")
                ));
            }
            None => {
                run.unknown_deps = true;
                DEFAULTS.with(|d| d.borrow_mut().dependencies_unknown = true);
                what.push_str(&format!("; {}: {UNKNOWN_DEPS}", named.join(" ")));
                st.unknown_paths.push(pip_destination(c, env));
            }
        }
    }
    run.total = add(run.total, f);
    run.basis.push(if unnamed {
        let prog = if uv { "uv pip install" } else { "pip install" };
        format!("{prog} {}", what.trim_start_matches("; "))
    } else {
        what
    });
}
