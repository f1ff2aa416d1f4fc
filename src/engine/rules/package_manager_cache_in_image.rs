//! SF014 `package_manager_cache_in_image`.
//!
//! ## What it does
//! Checks the `RUN`s of the stages that reach the image (the last stage and the
//! stages it is built `FROM`) for caches that package managers and build tools leave
//! behind:
//! - npm's cache (`~/.npm`) after `npm install`/`npm ci`, and yarn's after
//!   `yarn`/`yarn install`/`yarn add`, unless the same `RUN` cleans it
//!   (`npm cache clean --force`, `yarn cache clean`, an `rm` of the cache);
//! - Go's build cache (`/root/.cache/go-build`, or `GOCACHE`) after `go build`,
//!   `go install`, `go test`, `go run`, `go vet`, and its module cache
//!   (`/go/pkg/mod`, or `GOMODCACHE`, `$GOPATH/pkg/mod`) after those and
//!   `go mod download`, unless `go clean -cache`/`-modcache` runs or the stage copied
//!   go.mod without a go.sum (no third-party modules: the module cache stays empty);
//!   `go get` is left out: in Dockerfiles it is mostly the GOPATH-era way to install a
//!   tool, which writes no module cache;
//! - Cargo's registry (`/usr/local/cargo/registry` in the rust image, else
//!   `$CARGO_HOME` or `~/.cargo`) after `cargo build`/`install`/`fetch`/`test`/`run`;
//! - Maven's repository (`~/.m2`) after `mvn`/`mvnw`, Gradle's caches (`~/.gradle`)
//!   after `gradle`/`gradlew`;
//! - Composer's cache (the zip of every package downloaded) after `composer install`,
//!   `update`, `require` or `create-project`, unless `--no-cache`,
//!   `COMPOSER_CACHE_DIR=/dev/null`, `composer clear-cache` or an `rm` of the cache;
//! - nvm's download cache (the release archive, `$NVM_DIR/.cache`) after `nvm install`,
//!   unless `nvm cache clear` or an `rm` of it;
//! - uv's cache (`~/.cache/uv`, or `UV_CACHE_DIR`) after `uv pip install`, `uv sync`,
//!   `uv add`, `uv tool install` (and `python -m uv pip install`), unless `--no-cache`,
//!   `UV_NO_CACHE`, `uv cache clean` or an `rm` of it. uv hard-links the installed files
//!   to its cache, so cleaning it frees what is beyond them: its indexes and archives.
//!
//! A cache mount (`RUN --mount=type=cache,target=…`) on the cache keeps it out of the
//! layer and is not reported.
//!
//! ## Why is this bad?
//! Nothing in the running container reads these caches, yet a layer keeps every file
//! its `RUN` wrote: npm's cache is about 1.8× the installed packages, Go's build cache
//! after one build is tens of megabytes. In a builder stage they cost nothing (only
//! what `COPY --from` takes ships), so builder stages are not checked. Cargo's registry
//! and Maven's or Gradle's repository are priced with the size model's stated defaults
//! (a starter's registry, a published Spring Boot repository); when several RUNs of a
//! stage use the same cache, each needs the mount: the saving shows once all have it.
//!
//! ## Example
//! ```dockerfile
//! FROM golang:1.22
//! RUN go build -o /app .
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM golang:1.22
//! RUN --mount=type=cache,target=/root/.cache/go-build --mount=type=cache,target=/go/pkg/mod go build -o /app .
//! ```
//! (or, better, build in a builder stage: see the Suggestions.)
//!
//! ## Fix safety
//! npm, yarn, Composer, nvm and uv: safe. The fix appends ` && npm cache clean --force` (or
//! ` && yarn cache clean`, ` && composer clear-cache`, ` && nvm cache clear`,
//! ` && uv cache clean`) to the command line, or adds the line to a `RUN <<EOF`.
//! Other caches: the fix puts `--mount=type=cache,target=…` after `RUN`. It is safe
//! when this is the only `RUN` that uses the tool, no `CMD`/`ENTRYPOINT` runs the
//! tool (`go run`, `mvn spring-boot:run` would download again at start), and the
//! command does not work offline (`cargo --offline`/`--frozen`, `mvn -o`,
//! `gradle --offline`), since whatever an earlier layer downloaded is hidden under the
//! mount; otherwise unsafe. No mount fix under a non-root `USER`: the cache is then
//! in that user's home, and a cache mount belongs to root.
//!
//! ## hadolint
//! DL3060 for `yarn install` (hadolint checks `yarn install` only, in the last stage
//! and the stages a `FROM` names). Intentional differences: a bare `yarn` and
//! `yarn add` are reported too (without the code); an `rm` of the cache in the same
//! `RUN`, and any cache mount whose target contains `yarn`, count as cleanup
//! (hadolint 2.15.1 wants `yarn cache clean`, and accepts only some mount targets);
//! `ONBUILD RUN`s are not read (they run in another image's build); a stage used as
//! the base of a stage that is itself not in the image is not checked.

use super::{pm, shell};
use super::{Context, Finding, Fix};
use crate::engine::sizes;

pub const CODE: &str = "SF014";

/// One cache a command fills: the tool, a word of its path (to spot mounts and
/// `rm`s), its path, and how to say it.
struct Cache {
    tool: &'static str,
    key: &'static str,
    target: String,
    label: &'static str,
    offline: bool,
}

/// The caches one command fills. `no_modules`: the stage copied go.mod without a go.sum, so
/// the module has no third-party modules and Go's module cache stays empty.
fn caches(c: &shell::Cmd, scope: &shell::Scope, root_image: &str, no_modules: bool) -> Vec<Cache> {
    let verb = shell::verb(c).map(|w| w.text.as_str()).unwrap_or("");
    let var = |k: &str| scope.var(k).filter(|v| !v.is_empty() && !v.contains('$'));
    // Set on the command itself (`K=v cmd`), else by ENV/ARG.
    let set = |k: &str| c.assigned(k).or(var(k));
    let mk = |tool, key, target: String, label, offline| Cache {
        tool,
        key,
        target,
        label,
        offline,
    };
    let mut out = Vec::new();
    if pm::npm_install(c).is_some() {
        out.push(mk(
            "npm",
            ".npm",
            String::new(),
            "npm's cache (~/.npm)",
            false,
        ));
    } else if pm::yarn_install(c).is_some() {
        out.push(mk("yarn", "yarn", String::new(), "yarn's cache", false));
    } else if c.is("go") {
        let build = matches!(verb, "build" | "install" | "test" | "run" | "vet");
        if build {
            let t = var("GOCACHE").unwrap_or("/root/.cache/go-build");
            out.push(mk("go", "go-build", t.into(), "the Go build cache", false));
        }
        if (build || (verb == "mod" && c.has_arg("download"))) && !no_modules {
            let gopath = var("GOPATH").map(|p| p.split(':').next().unwrap_or(p));
            let gopath = gopath.unwrap_or(if root_image.ends_with("golang") {
                "/go"
            } else {
                "/root/go"
            });
            let t = var("GOMODCACHE")
                .map(str::to_string)
                .unwrap_or_else(|| format!("{gopath}/pkg/mod"));
            out.push(mk("go", "pkg/mod", t, "the Go module cache", false));
        }
    } else if c.is("cargo")
        && matches!(
            verb,
            "build" | "b" | "install" | "fetch" | "test" | "t" | "run" | "r" | "check" | "c"
        )
    {
        let home = var("CARGO_HOME").unwrap_or(if root_image.ends_with("rust") {
            "/usr/local/cargo"
        } else {
            "/root/.cargo"
        });
        let offline = c.has_flag("offline") || c.has_flag("frozen");
        let t = format!("{}/registry", home.trim_end_matches('/'));
        out.push(mk("cargo", "registry", t, "Cargo's registry", offline));
    } else if c.is("composer")
        && matches!(verb, "install" | "update" | "require" | "create-project")
        && !c.has_flag("no-cache")
    {
        if set("COMPOSER_CACHE_DIR") != Some("/dev/null") {
            let label = "Composer's cache";
            out.push(mk("composer", "composer", String::new(), label, false));
        }
    } else if let Some(uv) = pm::uv_install(c) {
        let off = set("UV_NO_CACHE").is_some_and(|v| v != "0" && !v.eq_ignore_ascii_case("false"));
        if !uv.iter().any(|w| w.text == "--no-cache" || w.text == "-n") && !off {
            let label = "uv's cache (~/.cache/uv)";
            out.push(mk("uv", "uv", String::new(), label, false));
        }
    } else if c.is("nvm") && verb == "install" {
        let label = "nvm's download cache ($NVM_DIR/.cache)";
        out.push(mk("nvm", "nvm-cache", String::new(), label, false));
    } else if c.is("mvn") || c.is("mvnw") {
        let offline = c.has_arg("-o") || c.has_flag("offline");
        let t = "/root/.m2/repository".into();
        out.push(mk("mvn", ".m2", t, "Maven's repository (~/.m2)", offline));
    } else if c.is("gradle") || c.is("gradlew") {
        let home = var("GRADLE_USER_HOME").unwrap_or("/root/.gradle");
        let t = format!("{}/caches", home.trim_end_matches('/'));
        let offline = c.has_flag("offline");
        out.push(mk(
            "gradle",
            ".gradle",
            t,
            "Gradle's caches (~/.gradle)",
            offline,
        ));
    }
    out
}

/// Does `c` remove the cache `key` (`npm cache clean`, `go clean -cache`, `rm -rf …`)?
fn cleans(c: &shell::Cmd, key: &str) -> bool {
    let sub = |s: &str| shell::verb(c).is_some_and(|w| w.text == s);
    match key {
        ".npm" if c.is("npm") => sub("cache") && c.has_arg("clean"),
        "yarn" if c.is("yarn") => sub("cache") && c.has_arg("clean"),
        "go-build" if c.is("go") => sub("clean") && c.has_arg("-cache"),
        "pkg/mod" if c.is("go") => sub("clean") && c.has_arg("-modcache"),
        "composer" if c.is("composer") => sub("clear-cache") || sub("clearcache") || sub("cc"),
        "nvm-cache" if c.is("nvm") => sub("cache") && c.has_arg("clear"),
        "uv" if c.is("uv") => sub("cache") && (c.has_arg("clean") || c.has_arg("prune")),
        // `rm -rf /root/.cache/uv`, `rm -rf "$UV_CACHE_DIR"`.
        "uv" => {
            c.is("rm")
                && c.args().iter().any(|w| {
                    let t = w.text.to_ascii_lowercase();
                    t.contains("uv") && t.contains("cache")
                })
        }
        // `rm -rf "$NVM_DIR/.cache"`, `rm -rf ~/.nvm/.cache`.
        "nvm-cache" => {
            c.is("rm")
                && c.args().iter().any(|w| {
                    let t = w.text.to_ascii_lowercase();
                    t.contains("nvm") && t.contains(".cache")
                })
        }
        // The cache's folder or the Composer home holding it, not the composer binary.
        "composer" => {
            c.is("rm")
                && c.args().iter().any(|w| {
                    let t = w.text.trim_end_matches(['/', '*']);
                    t.contains("composer") && (t.contains("cache") || t.ends_with(".composer"))
                })
        }
        _ => c.is("rm") && c.args().iter().any(|w| w.text.contains(key)),
    }
}

/// Whether instruction `i`'s stage (or a stage it is built `FROM`) copied go.mod from the
/// build context before it without a go.sum: the size model's sign of a module with no
/// third-party modules (`COPY go.mod .` then `go mod download`).
fn go_mod_without_sum(ctx: &Context, i: usize) -> bool {
    let Some(mut stage) = ctx.model.stages.iter().find(|s| s.body.contains(&i)) else {
        return false;
    };
    let mut names = Vec::new();
    let mut before = i;
    for _ in 0..ctx.model.stages.len() {
        for &j in stage.body.iter().filter(|&&j| j < before) {
            let Some(ins) = ctx.parsed.instructions.get(j) else {
                continue;
            };
            if matches!(ins.keyword.as_str(), "COPY" | "ADD") && ins.flag("from").is_none() {
                names.extend(
                    shell::copy_sources(ins)
                        .iter()
                        .map(|s| s.rsplit('/').next().unwrap_or(s).to_string()),
                );
            }
        }
        match ctx.model.stage_ref(&stage.from, stage.index) {
            Some(parent) => {
                stage = parent;
                before = usize::MAX;
            }
            None => break,
        }
    }
    names.iter().any(|n| n == "go.mod") && !names.iter().any(|n| n == "go.sum")
}

pub fn check(ctx: &Context) -> Vec<Finding> {
    let ships = shell::ships(ctx);
    let scopes = shell::scopes(ctx);
    let root_image = shell::chain_root(ctx)
        .and_then(|s| sizes::parse_image_ref(&s.from))
        .map(|r| r.name)
        .unwrap_or_default();
    // The RUNs that ship, with their caches.
    let mut runs = Vec::new();
    let mut runtime_words: Vec<String> = Vec::new();
    for (i, ins) in ctx.parsed.instructions.iter().enumerate() {
        if !ships.get(i).copied().unwrap_or(false) {
            continue;
        }
        if matches!(ins.keyword.as_str(), "CMD" | "ENTRYPOINT") {
            let words = ins
                .json
                .clone()
                .unwrap_or_else(|| ins.args.split_whitespace().map(str::to_string).collect());
            runtime_words.extend(
                words
                    .iter()
                    .map(|w| w.rsplit('/').next().unwrap_or(w).into()),
            );
        }
        if ins.keyword != "RUN" {
            continue;
        }
        let scope = scopes.get(i).cloned().unwrap_or_default();
        let script = shell::script(ctx, ins);
        let no_modules = go_mod_without_sum(ctx, i);
        let found: Vec<Cache> = script
            .commands
            .iter()
            .flat_map(|c| caches(c, &scope, &root_image, no_modules))
            .collect();
        if !found.is_empty() {
            runs.push((ins, scope, script, found));
        }
    }
    let runs_using = |tool: &str| {
        runs.iter()
            .filter(|r| r.3.iter().any(|c| c.tool == tool))
            .count()
    };
    let at_runtime = |tool: &str| {
        runtime_words
            .iter()
            .any(|w| w == tool || w.strip_suffix('w') == Some(tool))
    };
    let mut out = Vec::new();
    for (ins, scope, script, found) in &runs {
        let mut left: Vec<&Cache> = Vec::new();
        for c in found {
            let kept = !shell::mount_target_contains(ins, c.key)
                && (c.target.is_empty() || !shell::mounts_dir(ins, &c.target))
                && !script.commands.iter().any(|x| cleans(x, c.key));
            if kept && !left.iter().any(|l| l.key == c.key) {
                left.push(c);
            }
        }
        if left.is_empty() {
            continue;
        }
        let appends: Vec<&str> = left
            .iter()
            .filter_map(|c| match c.tool {
                "npm" => Some("npm cache clean --force"),
                "yarn" => Some("yarn cache clean"),
                "composer" => Some("composer clear-cache"),
                "nvm" => Some("nvm cache clear"),
                "uv" => Some("uv cache clean"),
                _ => None,
            })
            .collect();
        let mounts: Vec<&&Cache> = left.iter().filter(|c| !c.target.is_empty()).collect();
        let mut edits = Vec::new();
        let mut fixable = true;
        if !appends.is_empty() {
            match script.append(&appends.join(" && ")) {
                Some(e) => edits.push(e),
                None => fixable = false,
            }
        }
        if !mounts.is_empty() {
            let flags: Vec<String> = mounts
                .iter()
                .map(|c| format!("--mount=type=cache,target={}", c.target))
                .collect();
            match shell::run_flags_edit(ctx, ins, &flags.join(" ")).filter(|_| scope.root()) {
                Some(e) => edits.push(e),
                None => fixable = false,
            }
        }
        let safe = mounts
            .iter()
            .all(|c| !c.offline && runs_using(c.tool) == 1 && !at_runtime(c.tool));
        let fix = fixable
            .then(|| Fix {
                title: "Keep package caches out of the layer".into(),
                edits,
                safe,
            })
            .and_then(|f| shell::checked(ctx, f));
        let labels: Vec<String> = left
            .iter()
            .map(|c| match c.target.as_str() {
                "" => c.label.to_string(),
                t => format!("{} ({t})", c.label),
            })
            .collect();
        let mut remedy = Vec::new();
        if !appends.is_empty() {
            remedy.push(format!("add `{}` to this RUN", appends.join(" && ")));
        }
        if !mounts.is_empty() {
            remedy.push("use a cache mount (`RUN --mount=type=cache,target=…`)".into());
        }
        // Another RUN of the stage fills the same cache again unless it is mounted there too.
        let shared = left.iter().any(|c| runs_using(c.tool) > 1);
        let cargo_build = script
            .commands
            .iter()
            .any(|c| c.is("cargo") && shell::verb(c).is_some_and(|v| v.text != "install"));
        let yarn_install = left.iter().any(|c| c.tool == "yarn")
            && script
                .commands
                .iter()
                .any(|c| c.is("yarn") && c.has_arg("install"));
        out.push(shell::finding(
            CODE,
            ins,
            format!(
                "{} stay{} in this layer{}: {}{}",
                labels.join(", "),
                if labels.len() == 1 { "s" } else { "" },
                if shared {
                    " (another RUN of this stage uses it too: mount it there as well)"
                } else {
                    ""
                },
                remedy.join(", or "),
                if cargo_build {
                    "; Cargo's target/ stays too: build in a builder stage"
                } else {
                    ""
                }
            ),
            yarn_install.then_some("DL3060"),
            fix,
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rules::shell::{fixed, run_rule};

    #[test]
    fn npm_and_yarn_caches_are_cleaned() {
        assert_eq!(
            fixed(check, "FROM node:22\nRUN npm ci && yarn install  # deps\n"),
            "FROM node:22\nRUN npm ci && yarn install && npm cache clean --force && yarn cache clean  # deps\n"
        );
        let f = run_rule(check, "FROM n\nRUN yarn install\n");
        assert_eq!(f[0].hadolint, Some("DL3060"));
        assert!(f[0].fix.as_ref().unwrap().safe);
        assert_eq!(
            run_rule(check, "FROM n\nRUN yarn add left-pad\n")[0].hadolint,
            None
        );
        assert_eq!(
            fixed(check, "FROM n\nRUN <<EOF\nnpm install -g pnpm\nEOF\n"),
            "FROM n\nRUN <<EOF\nnpm install -g pnpm\nnpm cache clean --force\nEOF\n"
        );
    }

    #[test]
    fn nvm_download_cache_is_cleared() {
        assert_eq!(
            fixed(
                check,
                "FROM debian\nRUN . $NVM_DIR/nvm.sh && nvm install 20\n"
            ),
            "FROM debian\nRUN . $NVM_DIR/nvm.sh && nvm install 20 && nvm cache clear\n"
        );
        for text in [
            "FROM d\nRUN . $NVM_DIR/nvm.sh && nvm install 20 && nvm cache clear\n",
            "FROM d\nRUN . ~/.nvm/nvm.sh && nvm install --lts && rm -rf \"$NVM_DIR/.cache\"\n",
            "FROM d\nRUN . ~/.nvm/nvm.sh && nvm use 20\n",
        ] {
            assert!(run_rule(check, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn uv_cache_is_cleaned() {
        assert_eq!(
            fixed(
                check,
                "FROM python:3.12-slim\nRUN uv pip install --system flask\n"
            ),
            "FROM python:3.12-slim\nRUN uv pip install --system flask && uv cache clean\n"
        );
        for text in [
            "FROM p\nRUN uv sync --frozen\n",
            "FROM p\nRUN python -m uv pip install requests\n",
            "FROM p\nRUN uv tool install ruff\n",
        ] {
            assert_eq!(run_rule(check, text).len(), 1, "{text}");
        }
        for text in [
            "FROM p\nRUN uv pip install --no-cache flask\n",
            "FROM p\nENV UV_NO_CACHE=1\nRUN uv sync\n",
            "FROM p\nRUN UV_NO_CACHE=true uv sync\n",
            "FROM p\nRUN uv sync && uv cache clean\n",
            "FROM p\nRUN uv sync && rm -rf /root/.cache/uv\n",
            "FROM p\nRUN --mount=type=cache,target=/root/.cache/uv uv sync\n",
            "FROM p\nRUN uv venv /venv\n",
            "FROM p AS b\nRUN uv sync\nFROM p\nCOPY --from=b /app /app\n",
        ] {
            assert!(run_rule(check, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn build_caches_get_cache_mounts() {
        let f = run_rule(
            check,
            "FROM golang:1.22\nRUN go build -o /app .\nCMD [\"/app\"]\n",
        );
        assert!(f[0].fix.as_ref().unwrap().safe);
        assert_eq!(
            fixed(check, "FROM golang:1.22\nrun go build -o /app .\n"),
            "FROM golang:1.22\nrun --mount=type=cache,target=/root/.cache/go-build --mount=type=cache,target=/go/pkg/mod go build -o /app .\n"
        );
        assert_eq!(
            fixed(check, "FROM debian\nENV GOPATH=/src\nRUN go mod download\n"),
            "FROM debian\nENV GOPATH=/src\nRUN --mount=type=cache,target=/src/pkg/mod go mod download\n"
        );
        assert_eq!(
            fixed(check, "FROM rust:1\nRUN cargo install ripgrep\n"),
            "FROM rust:1\nRUN --mount=type=cache,target=/usr/local/cargo/registry cargo install ripgrep\n"
        );
        assert_eq!(
            fixed(check, "FROM maven\nRUN [\"mvn\", \"package\"]\n"),
            "FROM maven\nRUN --mount=type=cache,target=/root/.m2/repository [\"mvn\", \"package\"]\n"
        );
        // unsafe when another RUN, the CMD or an offline build relies on what was downloaded
        for text in [
            "FROM golang\nRUN go mod download\nRUN go build -o /app\n",
            "FROM golang\nRUN go build ./...\nCMD [\"go\", \"run\", \".\"]\n",
            "FROM rust\nRUN cargo build --release --frozen\n",
            "FROM maven\nRUN ./mvnw -o package\n",
            "FROM gradle\nRUN gradle build\nENTRYPOINT [\"./gradlew\", \"bootRun\"]\n",
        ] {
            let f = run_rule(check, text);
            assert!(f.iter().all(|f| !f.fix.as_ref().unwrap().safe), "{text}");
        }
        // With a go.sum the modules are downloaded; the seed example's go.mod alone leaves
        // only the build cache.
        let f = run_rule(
            check,
            "FROM golang\nCOPY go.mod go.sum ./\nRUN go mod download\n",
        );
        assert!(f[0].message.contains("module cache"), "{}", f[0].message);
        let f = run_rule(
            check,
            "FROM golang:1.19-alpine\nCOPY go.mod .\nRUN go mod download\nCOPY . .\nRUN go build -o /main main.go\n",
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(
            f[0].message.contains("build cache") && !f[0].message.contains("module cache"),
            "{}",
            f[0].message
        );
        // no mount fix under a non-root USER
        let f = run_rule(check, "FROM golang\nUSER app\nRUN go build\n");
        assert!(f[0].fix.is_none());
    }

    #[test]
    fn composer_cache_is_cleared() {
        let text = "FROM php:8.3-fpm\nRUN composer install --no-dev && rm /usr/bin/composer\n";
        let f = run_rule(check, text);
        assert!(
            f[0].message.contains("Composer's cache"),
            "{}",
            f[0].message
        );
        assert!(f[0].fix.as_ref().unwrap().safe);
        assert_eq!(
            fixed(check, text),
            "FROM php:8.3-fpm\nRUN composer install --no-dev && rm /usr/bin/composer && composer clear-cache\n"
        );
    }

    #[test]
    fn quiet_when_cleaned_mounted_or_in_a_builder() {
        for text in [
            "FROM n\nRUN npm ci && npm cache clean --force\n",
            "FROM n\nRUN --mount=type=cache,target=/root/.npm npm ci\n",
            "FROM n\nRUN yarn install && yarn cache clean\n",
            "FROM n\nRUN yarn && rm -rf /usr/local/share/.cache/yarn\n",
            "FROM g\nRUN --mount=type=cache,target=/root/.cache/go-build --mount=type=cache,target=/go/pkg/mod go build\n",
            "FROM g\nRUN go build && go clean -cache -modcache\n",
            "FROM g\nENV GOCACHE=/tmp/gc GOMODCACHE=/tmp/m\nRUN --mount=type=cache,target=/tmp/gc --mount=type=cache,target=/tmp/m go build\n",
            "FROM g AS build\nRUN go build -o /app\nFROM scratch\nCOPY --from=build /app /app\n",
            "FROM g\nRUN go version && go env\n",
            "FROM n\nRUN yarn --version && npm --version && yarn build\n",
            // go.mod copied without a go.sum: no third-party modules, an empty module cache.
            "FROM golang:1.19-alpine\nCOPY go.mod .\nRUN go mod download\n",
            "FROM golang:1.19-alpine AS base\nCOPY go.mod ./\nFROM base\nRUN go mod download\n",
            "FROM m\nRUN mvn package && rm -rf /root/.m2\n",
            "FROM php\nRUN composer install --no-dev && composer clear-cache\n",
            "FROM php\nRUN composer install --no-cache\n",
            "FROM php\nRUN COMPOSER_CACHE_DIR=/dev/null composer install\n",
            "FROM php\nENV COMPOSER_CACHE_DIR=/dev/null\nRUN composer install\n",
            "FROM php\nRUN composer install && rm -rf /root/.composer\n",
            "FROM php\nRUN --mount=type=cache,target=/root/.cache/composer composer install\n",
            "FROM composer AS deps\nRUN composer install\nFROM php\nCOPY --from=deps /app/vendor /app/vendor\n",
        ] {
            assert!(run_rule(check, text).is_empty(), "{text}");
        }
    }
}
