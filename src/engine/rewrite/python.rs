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
//! Only official `python` images (or images built on them) are handled: a venv
//! from a distribution's Python needs the same distribution at run time.

use super::common::{
    self, app_dirs, build_platform_caveat, comment_start, copy_dirs, os_packages, runtime_packages,
    single, Carry, Ctx, Distro, Runtime, Tag, Walk,
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

fn single_stage(ctx: &Ctx, w: &Walk) -> Vec<Proposal> {
    let name = w.image_name();
    if !(name == "python" || name.ends_with("/python") || w.tag().contains("python")) {
        return vec![];
    }
    let tag = Tag::parse(w.tag());
    let version = if tag.version.is_empty() {
        common::version_in(w.resolved()).unwrap_or_default()
    } else {
        tag.version.clone()
    };
    if version.starts_with('2') || w.commands().any(|(_, c)| unsupported(c)) {
        return vec![];
    }
    let dep = w.find(|c| installs_deps(c) || is_poetry_install(c) || is_uv_sync(c));
    let Some((dep_step, dep_cmd)) = dep else {
        return vec![];
    };
    let builder = common::builder_name(w.stage());
    let distro = w.distro();
    let mut e = Edits::default();
    let mut caveats = Vec::new();

    // Where the packages go.
    let uv_env = dep_step.env.get("UV_PROJECT_ENVIRONMENT").cloned();
    let (venv, inserted) = if let Some(v) = own_venv(w) {
        (v, false)
    } else if is_uv_sync(dep_cmd) {
        let v = uv_env.unwrap_or_else(|| ".venv".into());
        (
            common::normalise(&common::join(&dep_step.workdir, &v)),
            false,
        )
    } else {
        ("/opt/venv".to_string(), true)
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

    let run = w.run_words();
    let pk = runtime_packages(
        &os_packages(w),
        &["python3-pip", "py3-pip", "python3-venv"],
        &run.join(" "),
        w.distro().is_alpine(),
    );
    caveats.extend(pk.caveats("compiled packages linking them (psycopg2, mysqlclient…)"));
    caveats.extend(build_platform_caveat(ctx, w, "compiled wheels"));

    let (image, why) = match &distro {
        Distro::Alpine(_) => (
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
    if tag.version.matches('.').count() == 0 {
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
    } else if !w.env.get("PATH").is_some_and(|p| {
        p.contains(&venv)
            || ((p.contains("$VIRTUAL_ENV") || p.contains("${VIRTUAL_ENV}"))
                && w.env
                    .get("VIRTUAL_ENV")
                    .is_some_and(|v| common::normalise(v) == venv))
    }) {
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
    rt.packages = pk.install();
    rt.is_build_env = &is_build_env;
    rt.map = Box::new(strip_runner);
    rt.caveats = caveats;
    rt.caveats.push(
        "files outside the copied directories that the app reads at run time must be copied too"
            .into(),
    );
    single(ctx, w, rt).into_iter().collect()
}
