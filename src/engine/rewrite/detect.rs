//! Which ecosystem a Dockerfile builds, and what shape it has.
//!
//! The ecosystem is read from base images *and* commands, scored: a base image
//! counts 2, a build command 3, the program the image runs 1. The best score
//! must be at least 3 (one command, or an image and what it runs) and ahead of
//! the next one; otherwise the generic rewrite is offered and says it is unsure.

use super::common::{Ctx, Walk};
use super::{c, dotnet, generic, go, java, node, php, python, ruby, rust, Proposal};
use crate::engine::model::{self, Command};
use crate::engine::sort;
use crate::engine::syntax::Instruction;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Eco {
    Go,
    Rust,
    Node,
    Python,
    Java,
    Dotnet,
    C,
    Ruby,
    Php,
}

impl Eco {
    pub fn name(self) -> &'static str {
        match self {
            Eco::Go => "Go",
            Eco::Rust => "Rust",
            Eco::Node => "Node.js",
            Eco::Python => "Python",
            Eco::Java => "Java",
            Eco::Dotnet => ".NET",
            Eco::C => "C/C++",
            Eco::Ruby => "Ruby",
            Eco::Php => "PHP",
        }
    }
}

const ALL: [Eco; 9] = [
    Eco::Go,
    Eco::Rust,
    Eco::Node,
    Eco::Python,
    Eco::Java,
    Eco::Dotnet,
    Eco::C,
    Eco::Ruby,
    Eco::Php,
];

/// How the file is laid out.
pub(crate) enum Shape<'a> {
    /// One stage builds and runs the program.
    Single(Box<Walk<'a>>),
    /// The final stage copies the program from a build stage.
    Multi(Box<Multi<'a>>),
}

pub(crate) struct Multi<'a> {
    /// The final stage (with the stages it derives from).
    pub fin: Walk<'a>,
    /// The stage it copies the program from (with its parents).
    pub src: Walk<'a>,
    /// The final chain's `COPY --from=<src>` instructions.
    pub copies: Vec<&'a Instruction>,
}

impl Multi<'_> {
    /// The sources of a `COPY --from` (paths in the source stage) and its destination.
    pub fn copy_paths(ins: &Instruction) -> (Vec<String>, String) {
        let mut words = match &ins.json {
            Some(v) => v.clone(),
            None => model::shell_words(&ins.args),
        };
        let dest = words.pop().unwrap_or_default();
        (words, dest)
    }
}

fn image_eco(name: &str, tag: &str) -> Option<Eco> {
    let last = name.rsplit('/').next().unwrap_or(name);
    Some(match last {
        "golang" => Eco::Go,
        "rust" => Eco::Rust,
        "node" | "nodejs" => Eco::Node,
        "python" | "pypy" => Eco::Python,
        "maven"
        | "gradle"
        | "eclipse-temurin"
        | "openjdk"
        | "amazoncorretto"
        | "sapmachine"
        | "ibm-semeru-runtimes"
        | "ibmjava" => Eco::Java,
        "sdk" | "aspnet" | "runtime" if name.contains("dotnet") => Eco::Dotnet,
        "gcc" => Eco::C,
        "ruby" => Eco::Ruby,
        "php" | "composer" => Eco::Php,
        l if l.starts_with("nodejs") => Eco::Node,
        l if l.starts_with("python3") || l.contains("python") => Eco::Python,
        l if l.starts_with("java") => Eco::Java,
        _ if tag.contains("python") => Eco::Python,
        _ => return None,
    })
}

fn is_pip(c: &Command) -> bool {
    let p = c.program();
    (p.starts_with("pip") && c.argv.get(1).is_some_and(|a| a == "install"))
        || (p.starts_with("python")
            && c.argv.get(1).is_some_and(|a| a == "-m")
            && c.argv.get(2).is_some_and(|a| a.starts_with("pip"))
            && c.argv.get(3).is_some_and(|a| a == "install"))
}

pub(crate) fn program(c: &Command) -> &str {
    c.program().rsplit('/').next().unwrap_or("")
}

fn command_eco(c: &Command) -> Option<Eco> {
    let sub = c.argv.get(1).map(String::as_str).unwrap_or("");
    Some(match program(c) {
        "go" if matches!(sub, "build" | "install" | "get") => Eco::Go,
        "cargo" if matches!(sub, "build" | "install" | "b") => Eco::Rust,
        "npm" | "yarn" | "pnpm" | "npx" | "bun" => Eco::Node,
        _ if is_pip(c) => Eco::Python,
        "poetry" | "pipenv" if sub == "install" || sub == "sync" => Eco::Python,
        "uv" if matches!(sub, "sync" | "pip") => Eco::Python,
        "mvn" | "mvnw" | "gradle" | "gradlew" | "javac" => Eco::Java,
        "dotnet" if matches!(sub, "publish" | "build" | "restore") => Eco::Dotnet,
        "gcc" | "cc" | "g++" | "c++" | "clang" | "clang++" | "musl-gcc"
            if c.argv.len() > 1 && !c.argv.iter().any(|a| a == "--version") =>
        {
            Eco::C
        }
        "bundle" if sub == "install" => Eco::Ruby,
        "composer" if matches!(sub, "install" | "require" | "update") => Eco::Php,
        "docker-php-ext-install" | "install-php-extensions" => Eco::Php,
        _ => return None,
    })
}

fn run_eco(words: &[String]) -> Option<Eco> {
    let first = words.first()?;
    let p = first.rsplit('/').next().unwrap_or(first);
    Some(match p {
        "node" | "npm" | "yarn" | "pnpm" | "npx" | "nodemon" | "pm2" | "pm2-runtime" => Eco::Node,
        "python" | "python3" | "gunicorn" | "uvicorn" | "flask" | "celery" | "hypercorn"
        | "daphne" => Eco::Python,
        "java" => Eco::Java,
        "dotnet" => Eco::Dotnet,
        "ruby" | "rails" | "bundle" | "puma" | "rackup" | "unicorn" | "sidekiq" => Eco::Ruby,
        "php" | "php-fpm" | "apache2-foreground" | "frankenphp" => Eco::Php,
        _ => return None,
    })
}

/// Scores of each ecosystem for a stage chain.
pub(crate) fn scores(w: &Walk, runs: Option<&[String]>) -> Vec<(Eco, u32)> {
    let mut s: Vec<(Eco, u32)> = ALL.iter().map(|e| (*e, 0)).collect();
    let mut add = |e: Eco, n: u32| {
        if let Some(x) = s.iter_mut().find(|x| x.0 == e) {
            x.1 += n;
        }
    };
    let image = w.image.as_ref().and_then(|r| image_eco(&r.name, &r.tag));
    if let Some(e) = image {
        add(e, 2);
    }
    let mut seen = Vec::new();
    for (_, c) in w.commands() {
        if let Some(e) = command_eco(c) {
            if !seen.contains(&e) {
                seen.push(e);
                add(e, 3);
            }
        }
    }
    // make/CMake/Ninja on an OS or gcc image, with nothing else building: a C or C++
    // project (on a golang or node image a Makefile drives that language's tools).
    if seen.is_empty()
        && matches!(image, None | Some(Eco::C))
        && w.commands()
            .any(|(_, c)| c::is_build_tool(c) || program(c) == "cmake")
    {
        add(Eco::C, 3);
    }
    let words = w.run_words();
    if let Some(e) = run_eco(runs.unwrap_or(&words)) {
        add(e, 1);
    }
    sort::sort_by_key(&mut s, |x| std::cmp::Reverse(x.1));
    s
}

/// The ecosystem when the scores are clear; Err with the candidates otherwise.
pub(crate) fn pick(s: &[(Eco, u32)]) -> Result<Eco, Vec<Eco>> {
    let top = s.first().copied().unwrap_or((Eco::Go, 0));
    let second = s.get(1).copied().unwrap_or((Eco::Go, 0));
    if top.1 >= 3 && top.1 > second.1 {
        Ok(top.0)
    } else {
        Err(s.iter().filter(|x| x.1 >= 3).map(|x| x.0).collect())
    }
}

/// Reads the file's shape: None when the final stage is not something to shrink
/// (it derives from a build stage, e.g. a dev environment).
pub(crate) fn shape<'a>(ctx: &Ctx<'a>) -> Option<Shape<'a>> {
    let fin = ctx.model.final_stage()?;
    let fw = ctx.walk(fin);
    let mut sources: Vec<(&'a Instruction, usize)> = Vec::new();
    for s in &fw.steps {
        if !matches!(s.ins.keyword.as_str(), "COPY" | "ADD") {
            continue;
        }
        let Some(from) = s.ins.flag("from") else {
            continue;
        };
        let from = model::expand(from, &s.env);
        if let Some(st) = ctx.model.stage_ref(&from, fin.index) {
            if !fw.chain.iter().any(|c| c.index == st.index) {
                sources.push((s.ins, st.index));
            }
        }
    }
    let chain_builds = || {
        fw.commands()
            .any(|(_, c)| command_eco(c).is_some_and(|e| e != Eco::C || program(c) != "make"))
    };
    if sources.is_empty() {
        return (fw.chain.len() == 1).then(|| Shape::Single(Box::new(fw)));
    }
    if fw.chain.len() > 1 && chain_builds() {
        return None;
    }
    // The source that builds something (the last one that does), else the last one.
    let builds = |idx: usize| {
        let w = ctx.walk(&ctx.model.stages[idx]);
        let b = w.commands().any(|(_, c)| command_eco(c).is_some());
        b
    };
    let src_idx = sources
        .iter()
        .rev()
        .find(|(_, i)| builds(*i))
        .or(sources.last())
        .map(|(_, i)| *i)?;
    let copies = sources
        .iter()
        .filter(|(_, i)| *i == src_idx)
        .map(|(ins, _)| *ins)
        .collect();
    let src = ctx.walk(&ctx.model.stages[src_idx]);
    Some(Shape::Multi(Box::new(Multi {
        fin: fw,
        src,
        copies,
    })))
}

/// Detects the ecosystem and asks its rewrite for proposals.
pub(crate) fn propose(ctx: &Ctx) -> Vec<Proposal> {
    // The lines rewrites add continue with `\`.
    if ctx.parsed.escape != '\\' {
        return vec![];
    }
    let Some(shape) = shape(ctx) else {
        return vec![];
    };
    let sc = match &shape {
        Shape::Single(w) => scores(w, None),
        Shape::Multi(m) => {
            let runs = m.fin.run_words();
            let mut s = scores(&m.src, Some(&runs));
            // The final image names the runtime too (eclipse-temurin, dotnet/aspnet…).
            if let Some(e) = m
                .fin
                .image
                .as_ref()
                .and_then(|r| image_eco(&r.name, &r.tag))
            {
                if let Some(x) = s.iter_mut().find(|x| x.0 == e) {
                    x.1 += 1;
                }
                sort::sort_by_key(&mut s, |x| std::cmp::Reverse(x.1));
            }
            s
        }
    };
    match pick(&sc) {
        // go.rs has had its say on a single stage.
        Ok(Eco::Go) => match &shape {
            Shape::Multi(m) => go::multi_stage(ctx, m),
            Shape::Single(_) => vec![],
        },
        Ok(Eco::Rust) => rust::propose(ctx, &shape),
        Ok(Eco::Node) => node::propose(ctx, &shape),
        Ok(Eco::Python) => python::propose(ctx, &shape),
        Ok(Eco::Java) => java::propose(ctx, &shape),
        Ok(Eco::Dotnet) => dotnet::propose(ctx, &shape),
        Ok(Eco::C) => c::propose(ctx, &shape),
        Ok(Eco::Ruby) => ruby::propose(ctx, &shape),
        Ok(Eco::Php) => php::propose(ctx, &shape),
        Err(candidates) => generic::propose(ctx, &shape, &candidates),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::model::Model;
    use crate::engine::syntax;

    fn eco(text: &str) -> Result<Eco, Vec<Eco>> {
        let p = syntax::parse(text);
        let m = Model::build(&p);
        let ctx = Ctx {
            text,
            parsed: &p,
            model: &m,
            as_of: None,
        };
        match shape(&ctx) {
            Some(Shape::Single(w)) => pick(&scores(&w, None)),
            _ => Err(vec![]),
        }
    }

    #[test]
    fn ecosystems_need_more_than_one_keyword() {
        assert_eq!(
            eco("FROM node:20\nRUN npm ci\nCMD [\"node\", \"a.js\"]\n"),
            Ok(Eco::Node)
        );
        // A Rails app building assets with yarn is still Ruby.
        assert_eq!(
            eco("FROM ruby:3.3\nRUN yarn install\nRUN bundle install\nCMD [\"rails\", \"s\"]\n"),
            Ok(Eco::Ruby)
        );
        // An image alone says too little.
        assert!(eco("FROM node:20\nCOPY . .\n").is_err());
        // A Node front end in a Python image with pip too: unsure.
        assert!(eco("FROM debian\nRUN npm ci\nRUN pip install x\n").is_err());
    }

    #[test]
    fn make_and_cmake_on_an_os_image_are_c() {
        let c = |t: &str| eco(t);
        assert_eq!(
            c("FROM debian:12\nWORKDIR /src\nCOPY . .\nRUN make\nCMD [\"./app\"]\n"),
            Ok(Eco::C)
        );
        assert_eq!(
            c("FROM alpine:3.19\nWORKDIR /s\nRUN cmake . && make\nCMD [\"./a\"]\n"),
            Ok(Eco::C)
        );
        // A Makefile driving another language's tools is that language's, or unsure.
        assert_ne!(
            c("FROM golang:1.22\nWORKDIR /src\nRUN make build\nCMD [\"./app\"]\n"),
            Ok(Eco::C)
        );
        assert_ne!(c("FROM debian:12\nRUN make install\n"), Ok(Eco::C));
        assert_eq!(
            c("FROM node:20\nRUN make && npm ci\nCMD [\"node\", \"a.js\"]\n"),
            Ok(Eco::Node)
        );
    }
}
