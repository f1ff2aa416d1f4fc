//! Python: install into a virtual environment in the builder, copy it into the slim image.
//!
//! - **multi-stage**: the builder gets a venv at `/opt/venv` (on `PATH`, and as
//!   `VIRTUAL_ENV` so Poetry installs into it) before the first dependency
//!   install, unless it already makes one (`python -m venv`, `uv sync`'s
//!   `.venv`). The runtime is `python:<same version>-slim` for Debian builders,
//!   or the builder's own Alpine image: a venv holds compiled extensions and
//!   absolute paths, so the C library, Python minor version and interpreter path
//!   (`/usr/local/bin/python3`) must be the builder's.
//!
//! Official `python` images (or images built on them, such as Astral's
//! `ghcr.io/astral-sh/uv:python3.X-…`, whose runtime is the python image itself) are
//! handled so; a venv
//! from a distribution's Python needs the same distribution at run time: Alpine's
//! python3 (installed by an earlier RUN) gets the venv and the same Alpine image with
//! only python3, Debian's and Ubuntu's the same release (`system_single_stage`).

use super::common::{
    self, app_dirs, build_platform_caveat, comment_start, copy_dirs, os_packages, runtime_packages,
    single, Carry, Ctx, Distro, Runtime, Step, Tag, Walk,
};
use super::detect::{program, Shape};
use super::{Edits, Proposal, RewriteKind};
use crate::engine::model::{self, Command};
use crate::engine::syntax::Instruction;

pub fn propose(ctx: &Ctx, shape: &Shape) -> Vec<Proposal> {
    match shape {
        Shape::Single(w) => single_stage(ctx, w),
        Shape::Multi(m) => common::interpreter_slim(ctx, &m.fin, "packages with C extensions")
            .into_iter()
            .collect(),
    }
}

fn is_build_env(k: &str) -> bool {
    k.starts_with("PIP_")
        || k.starts_with("POETRY_")
        || k.starts_with("UV_")
        || k.starts_with("PIPENV_")
        || k == "PYSETUP_PATH"
}

/// Tools installed with pip that are not the application's dependencies.
const TOOLS: &[&str] = &[
    "pip",
    "setuptools",
    "wheel",
    "poetry",
    "uv",
    "pipenv",
    "virtualenv",
    "pip-tools",
];

/// `pip install …` / `python -m pip install …`: the words after `install`.
fn pip_args(c: &Command) -> Option<&[String]> {
    let p = program(c);
    if p.starts_with("pip") && c.argv.get(1).is_some_and(|a| a == "install") {
        return Some(&c.argv[2..]);
    }
    if p.starts_with("python")
        && c.argv.get(1).is_some_and(|a| a == "-m")
        && c.argv.get(2).is_some_and(|a| a.starts_with("pip"))
        && c.argv.get(3).is_some_and(|a| a == "install")
    {
        return Some(&c.argv[4..]);
    }
    None
}

/// A pip install of the application's dependencies (not of pip itself or a tool).
fn installs_deps(c: &Command) -> bool {
    let Some(args) = pip_args(c) else {
        return false;
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if matches!(a.as_str(), "-r" | "--requirement" | "-e" | "--editable") {
            return true;
        }
        if matches!(
            a.as_str(),
            "-i" | "--index-url"
                | "--extra-index-url"
                | "-f"
                | "--find-links"
                | "-c"
                | "--constraint"
        ) {
            it.next();
            continue;
        }
        if a.starts_with('-') {
            continue;
        }
        let name = a
            .split(['=', '<', '>', '~', '!', '[', ';'])
            .next()
            .unwrap_or(a)
            .to_ascii_lowercase();
        if !TOOLS.contains(&name.as_str()) {
            return true;
        }
    }
    false
}

fn is_poetry_install(c: &Command) -> bool {
    program(c) == "poetry" && matches!(c.argv.get(1).map(String::as_str), Some("install" | "sync"))
}

fn is_uv_sync(c: &Command) -> bool {
    program(c) == "uv" && c.argv.get(1).is_some_and(|a| a == "sync")
}

/// Installs that put packages where a venv cannot follow (`--user`, `--target`, `--system`…).
fn unsupported(c: &Command) -> bool {
    let flags = ["--user", "--target", "-t", "--prefix", "--root", "--system"];
    let pip = pip_args(c).is_some_and(|a| a.iter().any(|x| flags.contains(&x.as_str())));
    let uv = program(c) == "uv" && c.argv.iter().any(|a| a == "--system");
    let pipenv = program(c) == "pipenv" && c.argv.get(1).is_some_and(|a| a == "install");
    pip || uv || pipenv
}

/// A venv the builder makes itself: `python -m venv X`, `virtualenv X`, `uv venv X`.
fn own_venv(w: &Walk) -> Option<String> {
    for (s, c) in w.commands() {
        let p = program(c);
        let dir = if p.starts_with("python")
            && c.argv.get(1).is_some_and(|a| a == "-m")
            && c.argv.get(2).is_some_and(|a| a == "venv")
        {
            c.argv[3..].iter().find(|a| !a.starts_with('-'))
        } else if p == "virtualenv" || (p == "uv" && c.argv.get(1).is_some_and(|a| a == "venv")) {
            c.argv[1..]
                .iter()
                .find(|a| !a.starts_with('-') && *a != "venv")
        } else {
            None
        };
        if let Some(d) = dir {
            let d = model::expand(d, &s.env);
            if !d.is_empty() {
                return Some(common::normalise(&common::join(&s.workdir, &d)));
            }
        }
    }
    None
}

/// Whether the stage's `PATH` already leads to the venv's `bin` (directly or through
/// `$VIRTUAL_ENV`), so the runtime needs no `ENV PATH` line of its own.
fn venv_on_path(w: &Walk, venv: &str) -> bool {
    w.env.get("PATH").is_some_and(|p| {
        p.contains(venv)
            || ((p.contains("$VIRTUAL_ENV") || p.contains("${VIRTUAL_ENV}"))
                && w.env
                    .get("VIRTUAL_ENV")
                    .is_some_and(|v| common::normalise(v) == venv))
    })
}

/// The venv the builder installs into by itself: one it makes ([`own_venv`]), or the
/// project environment `uv sync` (the dependency step `dep`) creates.
fn existing_venv(w: &Walk, dep_step: &Step, dep: &Command) -> Option<String> {
    own_venv(w).or_else(|| {
        is_uv_sync(dep).then(|| {
            let v = dep_step
                .env
                .get("UV_PROJECT_ENVIRONMENT")
                .cloned()
                .unwrap_or_else(|| ".venv".into());
            common::normalise(&common::join(&dep_step.workdir, &v))
        })
    })
}

/// `poetry run X`, `uv run X`, `pipenv run X` → `X`: the tool is not in the runtime.
fn strip_runner(ins: &Instruction) -> Carry {
    if !matches!(ins.keyword.as_str(), "CMD" | "ENTRYPOINT") {
        return Carry::Keep;
    }
    let words = match &ins.json {
        Some(v) => v.clone(),
        None => model::shell_words(&ins.args),
    };
    let runner = words.first().map(|w| w.rsplit('/').next().unwrap_or(w));
    if matches!(runner, Some("poetry" | "uv" | "pipenv"))
        && words.get(1).is_some_and(|a| a == "run")
    {
        let rest: Vec<String> = words[2..]
            .iter()
            .skip_while(|a| a.starts_with('-'))
            .cloned()
            .collect();
        if rest.is_empty() {
            return Carry::Keep;
        }
        return Carry::Replace(format!("{} {}", ins.keyword, common::json_words(&rest)));
    }
    Carry::Keep
}

/// Python 3 from the distribution's own packages (`apt-get install python3 …`).
fn system_python(w: &Walk) -> bool {
    matches!(w.distro(), Distro::Debian(_) | Distro::Ubuntu(_))
        && os_packages(w).iter().any(|p| is_python_package(p))
}

fn is_python_package(p: &str) -> bool {
    p == "python3"
        || p.starts_with("python3-")
        || p.starts_with("python3.")
        || p == "python-is-python3"
}

/// The `python3` a Debian or Ubuntu release ships (Debian's and Ubuntu's package lists).
fn system_python_version(d: &Distro) -> Option<&'static str> {
    let c = match d {
        Distro::Debian(Some(c)) | Distro::Ubuntu(Some(c)) => *c,
        _ => return None,
    };
    Some(match c {
        "trixie" => "3.13",
        "bookworm" => "3.11",
        "bullseye" => "3.9",
        "buster" => "3.7",
        "stretch" => "3.5",
        // Interim releases still on archive.ubuntu.com (python3 3.13.7-1, 3.13.3-1;
        // read 2026-12-07); older ones have moved to old-releases, which is not reachable here.
        "questing" | "plucky" => "3.13",
        "resolute" => "3.14",
        "noble" => "3.12",
        "jammy" => "3.10",
        "focal" => "3.8",
        "bionic" => "3.6",
        _ => return None,
    })
}

/// Alpine's own python3 (`apk add python3`), installed by a RUN before the one that
/// installs the dependencies: a venv made there moves to the same Alpine image with only
/// python3 (a venv's interpreter is the release's /usr/bin/python3).
fn alpine_python_before(w: &Walk, dep: &Step) -> bool {
    w.distro().is_alpine()
        && w.steps
            .iter()
            .take_while(|s| !std::ptr::eq(s.ins, dep.ins))
            .any(|s| {
                s.cmds.iter().any(|c| {
                    c.apk().is_some_and(|a| {
                        a.verb == "add" && a.packages.iter().any(|p| p == "python3")
                    })
                })
            })
}

fn single_stage(ctx: &Ctx, w: &Walk) -> Vec<Proposal> {
    let name = w.image_name();
    let official = name == "python" || name.ends_with("/python") || w.tag().contains("python");
    let dep = w.find(|c| installs_deps(c) || is_poetry_install(c) || is_uv_sync(c));
    let alpine_system = !official && dep.is_some_and(|(s, _)| alpine_python_before(w, s));
    if !official && !alpine_system {
        return if system_python(w) {
            system_single_stage(ctx, w)
        } else {
            vec![]
        };
    }
    let tag = Tag::parse(w.tag());
    let version = if tag.version.is_empty() {
        common::version_in(w.resolved()).unwrap_or_default()
    } else {
        tag.version.clone()
    };
    if (!alpine_system && version.starts_with('2')) || w.commands().any(|(_, c)| unsupported(c)) {
        return vec![];
    }
    let Some((dep_step, dep_cmd)) = dep else {
        return vec![];
    };
    let builder = common::builder_name(w.stage());
    let distro = w.distro();
    let mut e = Edits::default();
    let mut caveats = Vec::new();

    // Where the packages go.
    let (venv, inserted) = match existing_venv(w, dep_step, dep_cmd) {
        Some(v) => (v, false),
        None => ("/opt/venv".to_string(), true),
    };
    if inserted {
        let at = comment_start(ctx.text, dep_step.ins);
        let line_start = ctx.text[..at].rfind('\n').map(|i| i + 1).unwrap_or(0);
        let non_root = dep_step
            .user
            .as_deref()
            .filter(|u| !matches!(*u, "root" | "0" | "0:0"));
        let chown = non_root
            .map(|u| format!(" \\\n    && chown -R {u} /opt/venv"))
            .unwrap_or_default();
        // A non-root user cannot create /opt/venv: make it as root, then hand it over.
        let (pre, post) = match non_root {
            Some(u) => ("USER root\n".to_string(), format!("USER {u}\n")),
            None => (String::new(), String::new()),
        };
        e.insert(
            line_start,
            format!(
                "# Install the dependencies into a virtual environment the runtime stage copies\n{pre}RUN python3 -m venv /opt/venv{chown}\n{post}ENV VIRTUAL_ENV=/opt/venv \\\n    PATH=\"/opt/venv/bin:$PATH\"\n"
            ),
        );
        caveats.push("a virtual environment at /opt/venv (first on PATH) is created before the first dependency install, so pip installs go there and nothing else of the builder is needed".into());
    }
    if w.has(is_poetry_install)
        && !w.commands().any(|(_, c)| {
            is_poetry_install(c)
                && c.argv.iter().any(|a| {
                    a.starts_with("--only") || a == "--no-dev" || a.starts_with("--without")
                })
        })
    {
        caveats.push("`poetry install` also installs dev dependencies: add `--only main` (Poetry ≥ 1.2) to keep them out of the runtime".into());
    }
    if w.has(is_uv_sync)
        && !w
            .commands()
            .any(|(_, c)| is_uv_sync(c) && c.argv.iter().any(|a| a == "--no-dev"))
    {
        caveats.push("`uv sync` also installs dev dependencies: add `--no-dev` to keep them out of the runtime".into());
    }

    let pk = runtime_packages(
        &os_packages(w),
        &["python3-pip", "py3-pip", "python3-venv"],
        &w.runtime_text(),
        w.distro().is_alpine(),
    );
    caveats.extend(pk.caveats("compiled packages linking them (psycopg2, mysqlclient…)"));
    caveats.extend(build_platform_caveat(ctx, w, "compiled wheels"));
    let mut packages = pk.install();
    if alpine_system && !packages.iter().any(|p| p == "python3") {
        packages.insert(0, "python3".into());
    }

    // Astral's uv images (`ghcr.io/astral-sh/uv:python3.13-bookworm-slim`) are the
    // official python image with uv added: the venv runs on that image without uv.
    let uv_python = name
        .ends_with("astral-sh/uv")
        .then(|| w.tag().split('-').next()?.strip_prefix("python"))
        .flatten()
        .filter(|v| v.starts_with('3') && v.contains('.'));
    let (image, why) = match (&distro, uv_python) {
        (_, Some(v)) => {
            let t = if tag.alpine.is_some() {
                format!("{v}-alpine")
            } else {
                common::tag_of(&[v, "slim", tag.codename.as_deref().unwrap_or("")])
            };
            (
                format!("python:{t}"),
                format!("{name}:{} is python:{t} with uv added: the venv uv made runs on python:{t} itself (the same Python at /usr/local/bin), without uv and its cache", w.tag()),
            )
        }
        (Distro::Alpine(_), _) => (
            format!("{}:{}", name, w.tag()),
            "the builder is Alpine: the same image keeps the musl libc and Python the venv's compiled packages were built for, without compilers or caches".to_string(),
        ),
        _ if name == "python" => {
            let t = common::tag_of(&[&tag.version, "slim", tag.codename.as_deref().unwrap_or("")]);
            (
                format!("python:{t}"),
                "python's slim variant is the same Python minor version and Debian release at /usr/local/bin, which the venv's paths point to, without compilers and headers".to_string(),
            )
        }
        _ => return vec![],
    };
    if distro.is_alpine() {
        caveats.push("Alpine uses musl: manylinux wheels do not install there, so packages with C extensions (numpy, pandas, cryptography…) compile from source unless they publish musllinux wheels; a python:<version>-slim builder and runtime is often faster to build and not much larger".into());
    }
    if uv_python.is_none() && tag.version.matches('.').count() == 0 {
        caveats.push(format!(
            "the builder and runtime tags float ({}): rebuild both together so the venv's Python minor version matches",
            if tag.version.is_empty() { "latest" } else { &tag.version }
        ));
    }

    let ran_in_wd = w.commands().any(|(s, c)| {
        s.workdir == w.workdir
            && (is_poetry_install(c)
                || is_uv_sync(c)
                || matches!(program(c), "git" | "django-admin" | "python" | "python3"))
    });
    let Some(mut dirs) = app_dirs(w, ran_in_wd) else {
        return vec![];
    };
    // The venv first (unless it lives inside an application directory).
    if !dirs.iter().any(|(d, _)| common::is_under(&venv, d)) {
        dirs.insert(0, (venv.clone(), None));
    }
    let env_line = if inserted {
        vec!["ENV VIRTUAL_ENV=/opt/venv \\\n    PATH=\"/opt/venv/bin:$PATH\"".to_string()]
    } else if !venv_on_path(w, &venv) {
        vec![format!("ENV PATH=\"{venv}/bin:$PATH\"")]
    } else {
        vec![]
    };
    let mut rt = Runtime::new(RewriteKind::MultiStage, image.clone(), distro.clone());
    rt.title = format!("Multi-stage: venv onto {image}");
    rt.why = why;
    rt.builder = e;
    rt.env = env_line;
    rt.copies = copy_dirs(&builder, &dirs);
    rt.packages = packages;
    rt.is_build_env = &is_build_env;
    rt.map = Box::new(strip_runner);
    rt.caveats = caveats;
    rt.caveats.push(
        "files outside the copied directories that the app reads at run time must be copied too"
            .into(),
    );
    single(ctx, w, rt).into_iter().collect()
}

/// Python from Debian's or Ubuntu's packages: the same release in both stages.
///
/// A venv or `pip install` made with the distribution's `/usr/bin/python3`
/// cannot move to `python:*-slim` (another interpreter at another path), so the
/// runtime is the builder's release (`debian:<codename>-slim` for Debian) with
/// only `python3` and the libraries the `-dev` packages stood for. pip's
/// system-wide installs land in `/usr/local` on Debian and Ubuntu (Debian's
/// `posix_local` scheme), so that is what the runtime copies when the builder
/// makes no venv of its own.
fn system_single_stage(ctx: &Ctx, w: &Walk) -> Vec<Proposal> {
    if w.commands().any(|(_, c)| unsupported(c)) {
        return vec![];
    }
    let Some((dep_step, dep_cmd)) = w.find(|c| installs_deps(c) || is_uv_sync(c)) else {
        return vec![];
    };
    let distro = w.distro();
    let builder = common::builder_name(w.stage());
    let mut caveats = Vec::new();
    let own = existing_venv(w, dep_step, dep_cmd);
    let python = system_python_version(&distro)
        .map(|v| format!("Python {v}"))
        .unwrap_or_else(|| "Python".into());
    let packages_dir = match &own {
        Some(v) => v.clone(),
        None => {
            caveats.push("pip's system-wide installs land in /usr/local on Debian and Ubuntu, so the runtime copies /usr/local whole: anything else the builder put there (make install, downloaded tools) comes too".into());
            "/usr/local".to_string()
        }
    };
    // Debian 12+ and Ubuntu 23.04+ mark their Python as externally managed (PEP 668).
    let managed = matches!(distro.debian_number(), Some(n) if n >= 12)
        || matches!(distro, Distro::Ubuntu(Some("noble" | "resolute")));
    let allowed = w.commands().any(|(s, c)| {
        c.argv.iter().any(|a| a == "--break-system-packages")
            || s.env.contains_key("PIP_BREAK_SYSTEM_PACKAGES")
    });
    if own.is_none() && managed && !allowed {
        caveats.push(format!(
            "{python} of this release is marked externally managed (PEP 668): `pip install` outside a venv stops with externally-managed-environment; make a venv (`python3 -m venv /opt/venv`, package python3-venv) or pass --break-system-packages"
        ));
    }

    let pk = runtime_packages(
        &os_packages(w),
        &[
            "python3-pip",
            "python3-venv",
            "python3-setuptools",
            "python3-wheel",
            "python3-distutils",
            "python3-virtualenv",
        ],
        &w.runtime_text(),
        false,
    );
    caveats.extend(pk.caveats("compiled packages linking them (psycopg2, mysqlclient…)"));
    caveats.extend(build_platform_caveat(ctx, w, "compiled wheels"));
    let mut packages = pk.install();
    if !packages
        .iter()
        .any(|p| p == "python3" || p.starts_with("python3."))
    {
        packages.insert(0, "python3".into());
    }

    let image = match &distro {
        Distro::Debian(Some(_)) => distro.slim_image(),
        _ => format!("{}:{}", w.image_name(), w.tag()),
    };
    let why = format!(
        "the packages were installed for this release's own {python} (/usr/bin/python3), which python:*-slim does not have; the same release without compilers, headers and pip runs them"
    );

    let ran_in_wd = w.commands().any(|(s, c)| {
        s.workdir == w.workdir
            && (is_uv_sync(c)
                || matches!(program(c), "git" | "django-admin" | "python" | "python3"))
    });
    let Some(mut dirs) = app_dirs(w, ran_in_wd) else {
        return vec![];
    };
    if !dirs.iter().any(|(d, _)| common::is_under(&packages_dir, d)) {
        dirs.insert(0, (packages_dir.clone(), None));
    }
    let env_line = match &own {
        Some(v) if !venv_on_path(w, v) => vec![format!("ENV PATH=\"{v}/bin:$PATH\"")],
        _ => vec![],
    };
    let mut rt = Runtime::new(RewriteKind::MultiStage, image.clone(), distro.clone());
    rt.title = format!("Multi-stage: {python} packages onto {image}");
    rt.why = why;
    rt.env = env_line;
    rt.copies = copy_dirs(&builder, &dirs);
    rt.packages = packages;
    rt.is_build_env = &is_build_env;
    rt.map = Box::new(strip_runner);
    rt.caveats = caveats;
    rt.caveats.push(
        "files outside the copied directories that the app reads at run time must be copied too"
            .into(),
    );
    single(ctx, w, rt).into_iter().collect()
}

#[cfg(test)]
mod tests {
    use crate::engine::{model::Model, rewrite::propose, syntax};

    fn first(text: &str) -> Option<(String, Vec<String>)> {
        let parsed = syntax::parse(text);
        let model = Model::build(&parsed);
        propose(text, &parsed, &model)
            .into_iter()
            .next()
            .map(|p| (p.dockerfile, p.caveats))
    }

    #[test]
    fn debian_python_keeps_the_release_and_adds_python3_when_only_pip_was_named() {
        let (d, caveats) = first(
            "FROM debian:12\nRUN apt-get update && apt-get install -y python3-pip gcc\nCOPY requirements.txt .\nRUN pip3 install -r requirements.txt\nCOPY app.py .\nCMD [\"python3\", \"app.py\"]\n",
        )
        .unwrap();
        assert!(d.contains("FROM debian:bookworm-slim\n"), "{d}");
        assert!(
            d.contains("apt-get install -y --no-install-recommends python3 \\"),
            "{d}"
        );
        assert!(
            d.contains("COPY --from=builder /usr/local /usr/local\n"),
            "{d}"
        );
        // bookworm's Python refuses system-wide pip installs without the flag.
        assert!(caveats.iter().any(|c| c.contains("PEP 668")), "{caveats:?}");
    }

    #[test]
    fn a_uv_image_build_runs_on_the_python_image_it_extends() {
        let (d, caveats) = first("FROM ghcr.io/astral-sh/uv:python3.13-bookworm-slim\nWORKDIR /app\nCOPY . .\nRUN uv sync --frozen --no-dev\nENV PATH=\"/app/.venv/bin:$PATH\"\nCMD [\"fastapi\", \"run\", \"main.py\"]\n").unwrap();
        assert!(d.contains("\nFROM python:3.13-slim-bookworm\n"), "{d}");
        assert!(d.contains("COPY --from=builder /app /app\n"), "{d}");
        assert!(!caveats.iter().any(|c| c.contains("float")), "{caveats:?}");
        let (d, _) = first("FROM ghcr.io/astral-sh/uv:python3.12-alpine\nWORKDIR /app\nCOPY . .\nRUN uv sync --frozen\nCMD [\".venv/bin/python\", \"main.py\"]\n").unwrap();
        assert!(d.contains("\nFROM python:3.12-alpine\n"), "{d}");
    }

    #[test]
    fn alpine_python_gets_a_venv_and_the_same_alpine_with_python3_only() {
        let (d, _) = first(
            "FROM alpine:3.20\nRUN apk add --no-cache python3 py3-pip build-base python3-dev libffi-dev\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --break-system-packages -r requirements.txt\nCOPY . .\nCMD [\"python3\", \"app.py\"]\n",
        )
        .unwrap();
        let (builder, runtime) = d.split_once("\n\nFROM ").unwrap();
        assert!(builder.contains("RUN python3 -m venv /opt/venv\n"), "{d}");
        assert!(runtime.starts_with("alpine:3.20\n"), "{d}");
        assert!(runtime.contains("apk add --no-cache python3 libffi"), "{d}");
        assert!(!runtime.contains("build-base"), "{d}");
        assert!(
            runtime.contains("COPY --from=builder /opt/venv /opt/venv\n"),
            "{d}"
        );
        // Python installed in the same RUN as the dependencies: no venv can go between them.
        assert!(first("FROM alpine:3.20\nRUN apk add --no-cache python3 py3-pip build-base && pip3 install --break-system-packages gcalcli\nENTRYPOINT [\"gcalcli\"]\n").is_none());
    }

    #[test]
    fn ubuntu_python_with_the_flag_gets_no_pep_668_caveat() {
        let (d, caveats) = first(
            "FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y python3 python3-pip\nCOPY . /app\nRUN pip3 install --break-system-packages -r /app/requirements.txt\nCMD [\"python3\", \"/app/main.py\"]\n",
        )
        .unwrap();
        assert!(d.contains("\nFROM ubuntu:24.04\n"), "{d}");
        // An interim release is known too, with its own Python.
        let plucky = "FROM ubuntu:25.04\nRUN apt-get update && apt-get install -y python3 python3-pip\nCOPY . /app\nRUN pip3 install --break-system-packages -r /app/requirements.txt\nCMD [\"python3\", \"/app/main.py\"]\n";
        let parsed = syntax::parse(plucky);
        let title = &propose(plucky, &parsed, &Model::build(&parsed))[0].title;
        assert!(title.contains("Python 3.13"), "{title}");
        assert!(
            !caveats.iter().any(|c| c.contains("PEP 668")),
            "{caveats:?}"
        );
    }

    #[test]
    fn debian_python_installed_for_the_user_only_gets_no_python_rewrite() {
        let out = first(
            "FROM debian:bookworm\nRUN apt-get update && apt-get install -y python3-pip\nRUN pip3 install --user flask\nCMD [\"python3\", \"-m\", \"flask\", \"run\"]\n",
        );
        assert!(
            out.as_ref()
                .is_none_or(|(d, _)| !d.contains("/usr/local /usr/local")),
            "{out:?}"
        );
    }
}
