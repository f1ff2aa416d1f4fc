//! Go: the module cache, the build cache and the binary.

use super::*;

pub(super) fn go_version_of(image: &str, base: Option<&BaseMatch>) -> Option<(u32, u32)> {
    let parse = |s: &str| -> Option<(u32, u32)> {
        let v: String = s
            .chars()
            .skip_while(|c| !c.is_ascii_digit())
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
pub(super) fn go_sum_copied(copied: &[String]) -> bool {
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
pub(super) fn go_module_cache(st: &mut StageState, a: &Assumptions, what: &str) -> (Fact, String) {
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
