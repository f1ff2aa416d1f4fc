//! Go: the module cache, the build cache and the binary.

use super::*;

/// The Go release (major, minor) a golang image holds: from its tag when the tag starts with
/// one (`1.22-alpine`), else from the build the base table resolved it to. A tag that starts
/// with a word (`alpine3.20`, `bookworm`) names the distribution's release, not Go's.
pub(super) fn go_version_of(image: &str, base: Option<&BaseMatch>) -> Option<(u32, u32)> {
    let parse = |s: &str| -> Option<(u32, u32)> {
        let v: String = s
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        let mut it = v.split('.');
        Some((it.next()?.parse().ok()?, it.next()?.parse().ok()?))
    };
    let tag = image.rsplit_once(':').map(|(_, t)| t).unwrap_or("");
    parse(tag).or_else(|| {
        base.and_then(|b| b.row.as_ref())
            .and_then(|r| parse(r.resolved.split_once(':')?.1))
    })
}

/// Whether the stage's copies bring a go.sum: named, or a whole tree copied, unless go.mod
/// was copied on its own without one (such a module has no third-party modules).
fn go_sum_copied(copied: &[String]) -> bool {
    if copied.iter().any(|f| f == "go.sum") {
        return true;
    }
    if copied.iter().any(|f| f == "go.mod") {
        return false;
    }
    // `.`, `./src`, `example-backend`: a directory, so the module's files come with it.
    copied.iter().any(|f| f == "." || !f.contains('.'))
}

/// The Go module cache, counted once per stage: the user's figure or the starters' default.
fn go_module_cache(st: &mut StageState, a: &Assumptions, what: &str) -> (Fact, String) {
    if st.go_modules {
        return (
            fact(0, 0, 0),
            "Go module cache: counted by an earlier step of this stage".into(),
        );
    }
    st.go_modules = true;
    dependency_default(a, what, facts::GO_MODULE_CACHE)
}

/// What `go build` without `-o` names its program: `go build hello.go` → `hello`, `go build
/// ./cmd/server` → `server`; for the current directory's package it is the module's or the
/// directory's last element, which the Dockerfile doesn't say: any file there (`*`).
pub(super) fn go_build_name(c: &model::Command) -> String {
    let mut words = c.argv.iter().skip(2);
    let mut arg = None;
    while let Some(w) = words.next() {
        if w.starts_with('-') {
            // Flags that take a separate value.
            if !w.contains('=')
                && matches!(
                    w.trim_start_matches('-'),
                    "ldflags"
                        | "tags"
                        | "gcflags"
                        | "mod"
                        | "p"
                        | "trimpath=false"
                        | "buildmode"
                        | "installsuffix"
                )
            {
                words.next();
            }
            continue;
        }
        arg = Some(w.as_str());
        break;
    }
    match arg {
        Some(a) if a.ends_with(".go") => a
            .rsplit('/')
            .next()
            .unwrap_or(a)
            .trim_end_matches(".go")
            .to_string(),
        Some(a) if a != "." && a != "./" && !a.ends_with("...") => {
            let last = a.trim_end_matches('/').rsplit('/').next().unwrap_or("");
            if last.is_empty() || last == "." {
                "*".to_string()
            } else {
                last.to_string()
            }
        }
        _ => "*".to_string(),
    }
}

/// Where `go install importpath[@version]` / GOPATH-era `go get importpath` puts the
/// command: $GOBIN, else $GOPATH/bin (the golang images: /go/bin), named after the import
/// path's last element (a `/vN` major-version suffix skipped). None for `./...`, local
/// paths and flags only.
pub(super) fn go_bin_path(c: &model::Command, env: &BTreeMap<String, String>) -> Option<String> {
    let arg = c.argv.iter().skip(2).find(|w| !w.starts_with('-'))?;
    let path = arg.split('@').next().unwrap_or(arg);
    if path.starts_with('.') || path.ends_with("...") || !path.contains('.') {
        return None;
    }
    let mut parts = path.trim_end_matches('/').rsplit('/');
    let mut name = parts.next()?;
    if name.len() > 1 && name.starts_with('v') && name[1..].chars().all(|ch| ch.is_ascii_digit()) {
        name = parts.next()?;
    }
    let (gobin, gopath) = (model::expand("$GOBIN", env), model::expand("$GOPATH", env));
    let dir = match (gobin.is_empty(), gopath.is_empty()) {
        (false, _) => gobin,
        (true, false) => format!("{gopath}/bin"),
        (true, true) => "/go/bin".to_string(),
    };
    Some(format!("{}/{name}", dir.trim_end_matches('/')))
}

/// `go mod download`/`go get`: the module cache, once per stage (and GOPATH-era `go get`'s
/// installed command).
pub(super) fn go_mod_download_step(cx: &Cx, st: &mut StageState, run: &mut Run) {
    let Cx { a, c, env, sc, .. } = *cx;
    run.modelled += 1;
    // GOPATH-era `go get importpath` also built and installed the command into
    // $GOPATH/bin (until Go 1.18): a later COPY --from may take it.
    if let Some(bin) = c.is("go", &["get"]).then(|| go_bin_path(c, env)).flatten() {
        let old_go = st.go_version.is_some_and(|v| v < (1, 18));
        let f = facts::GO_BINARY;
        if old_go {
            run.total = add(run.total, f);
            run.basis.push(format!(
                "go get builds {bin}: Go binary {} ({})",
                fmt_bytes(f.bytes),
                f.source
            ));
        }
        st.add_artifact(Artifact {
            made_by: 0,
            either: false,
            path: bin,
            size: f,
            basis: format!("Go binary built by go get ({})", f.source),
        });
    }
    let has_sum = go_sum_copied(&st.copied);
    if has_sum && !sc.cache_mounted("/go/pkg/mod") {
        let (f, b) = go_module_cache(st, a, "Go module cache for go.sum");
        run.total = add(run.total, f);
        run.basis.push(b);
    } else if !has_sum {
        run.basis
            .push("go mod download: no go.sum copied, so no third-party modules (0 B)".into());
    } else {
        run.basis
            .push("module cache in a cache mount: not in the image".into());
    }
}

/// `go build`/`go install`: the binary, the build cache, and the module cache if the build
/// fetches the modules itself.
pub(super) fn go_build_step(cx: &Cx, st: &mut StageState, run: &mut Run) {
    let Cx { a, c, env, sc, .. } = *cx;
    let cmds = &sc.cmds;
    run.modelled += 1;
    let ldflags = c.option(&["-ldflags"]).unwrap_or("");
    let stripped = ldflags.contains("-s") && ldflags.contains("-w");
    // go.sum copied: the program has third-party modules, so the starters' figures.
    let with_modules = go_sum_copied(&st.copied);
    let out = if c.is("go", &["install"]) {
        go_bin_path(c, env).unwrap_or_else(|| "/go/bin/app".to_string())
    } else {
        c.option(&["-o"])
            .map(|o| join_path(&st.workdir, &model::expand(o, env)))
            .unwrap_or_else(|| join_path(&st.workdir, &go_build_name(c)))
    };
    // A program named hello (`go build hello.go`, `-o /bin/hello`) with no
    // third-party modules is taken at its word: a hello world.
    let hello = !with_modules
        && std::iter::once(out.as_str())
            .chain(
                c.argv
                    .iter()
                    .skip(2)
                    .map(String::as_str)
                    .filter(|w| w.ends_with(".go")),
            )
            .any(|w| {
                let name = w.rsplit('/').next().unwrap_or(w).to_ascii_lowercase();
                let stem = name.strip_suffix(".go").unwrap_or(&name);
                matches!(stem, "hello" | "helloworld" | "hello-world" | "hello_world")
            });
    let (mut f, src) = assumed_artifact(
        a,
        if with_modules && !st.copied.iter().any(|f| f == "go.sum") {
            // A whole tree copied: it may hold no go.sum at all, so the range reaches
            // down to a hello world.
            Fact {
                low: facts::GO_BINARY.low,
                ..facts::GO_STARTER_BINARY
            }
        } else if with_modules {
            facts::GO_STARTER_BINARY
        } else if hello {
            facts::go_hello_binary(st.go_version)
        } else {
            facts::GO_BINARY
        },
    );
    if stripped && a.artifact_bytes.is_none() {
        // -s -w drops the symbol table and DWARF, as `strip` does; the hello world
        // was measured stripped too.
        let (num, den, _) = GO_STRIPPED;
        f = if hello {
            fact(f.low, f.low, f.high * num / den)
        } else {
            fact(f.bytes * num / den, f.low, f.high * num / den)
        };
    }
    run.total = add(run.total, f);
    run.basis.push(format!(
        "Go binary {}{} ({src})",
        fmt_bytes(f.bytes),
        if stripped {
            ", stripped with -s -w"
        } else {
            ""
        }
    ));
    st.add_artifact(Artifact {
        made_by: 0,
        either: false,
        path: out,
        size: f,
        basis: format!("Go binary ({src})"),
    });
    // Without a `go mod download` before it, the build fetches go.sum's modules itself.
    let vendored = c.argv.iter().any(|w| w == "-mod=vendor")
        || env
            .get("GOFLAGS")
            .is_some_and(|v| v.contains("-mod=vendor"));
    let gopath_mode = env.get("GO111MODULE").is_some_and(|v| v == "off");
    if !st.go_modules
        && go_sum_copied(&st.copied)
        && !vendored
        && !gopath_mode
        && !sc.cache_mounted("/go/pkg/mod")
        && !sc.removed("/go/pkg/mod")
    {
        let (f, b) = go_module_cache(st, a, "go build downloads go.sum's modules");
        run.total = add(run.total, f);
        run.basis.push(b);
    }
    if !run.go_cache_counted
        && !sc.cache_mounted("go-build")
        && !sc.removed("/root/.cache/go-build")
        && !cmds
            .iter()
            .any(|o| o.is("go", &["clean"]) && o.argv.iter().any(|w| w == "-cache"))
    {
        run.go_cache_counted = true;
        let old_go = st
            .go_version
            .is_some_and(|(major, minor)| major == 1 && minor < 20);
        let cache = match (old_go, with_modules) {
            (true, false) => facts::GO_BUILD_CACHE_PRE_1_20,
            (true, true) => facts::GO_STARTER_BUILD_CACHE_PRE_1_20,
            (false, false) => facts::GO_BUILD_CACHE,
            (false, true) => facts::GO_STARTER_BUILD_CACHE,
        };
        run.total = add(run.total, cache);
        run.basis.push(format!(
            "build cache /root/.cache/go-build {} ({})",
            fmt_bytes(cache.bytes),
            cache.source
        ));
    }
}
