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
pub(super) fn pip_defaults(t: &str) -> (Fact, Fact, &'static [&'static str]) {
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
    sizes.sort();
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
pub(super) fn poetry_venv_dir(env: &BTreeMap<String, String>) -> Option<String> {
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
pub(super) fn lockfile_install(c: &model::Command) -> Option<&'static str> {
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
pub(super) fn pip_destination(c: &model::Command, env: &BTreeMap<String, String>) -> String {
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
