//! `dotnet restore` and `dotnet publish`.

use super::*;

/// The major version of a .NET SDK image (`mcr.microsoft.com/dotnet/sdk:8.0-jammy` → 8).
pub(super) fn dotnet_sdk_of(image: &str) -> Option<u32> {
    let (name, tag) = image.rsplit_once(':')?;
    if !(name.ends_with("dotnet/sdk") || name.ends_with("dotnet/core/sdk")) {
        return None;
    }
    tag.split(['.', '-']).next()?.parse().ok()
}

/// What a `dotnet publish` makes, read from its flags (`--self-contained`, `-r`,
/// `-p:PublishTrimmed=true`, `-p:PublishAot=true`, `-o`).
#[derive(Debug, Default, PartialEq)]
pub(super) struct DotnetPublish {
    pub(super) self_contained: Option<bool>,
    pub(super) runtime: bool,
    pub(super) trimmed: bool,
    pub(super) aot: bool,
    pub(super) output: Option<String>,
}

pub(super) fn dotnet_publish(c: &model::Command) -> Option<DotnetPublish> {
    if !c.is("dotnet", &["publish"]) {
        return None;
    }
    let mut p = DotnetPublish::default();
    let mut words = c.argv[2..].iter().peekable();
    let truthy = |v: &str| !v.eq_ignore_ascii_case("false");
    while let Some(w) = words.next() {
        let lower = w.to_ascii_lowercase();
        let prop = if let Some(v) = ["-p:", "/p:", "--property:", "-property:", "/property:"]
            .iter()
            .find_map(|pre| lower.strip_prefix(pre))
        {
            Some(v.to_string())
        } else if lower == "-p" || lower == "--property" {
            words.next().map(|v| v.to_ascii_lowercase())
        } else {
            None
        };
        if let Some(props) = prop {
            for kv in props.split(';') {
                let Some((k, v)) = kv.split_once('=') else {
                    continue;
                };
                match k {
                    "publishtrimmed" => p.trimmed = truthy(v),
                    "publishaot" => p.aot = truthy(v),
                    "selfcontained" => p.self_contained = Some(truthy(v)),
                    _ => {}
                }
            }
            continue;
        }
        match lower.as_str() {
            "--sc" | "--self-contained" => {
                let value = words
                    .peek()
                    .map(|v| v.to_ascii_lowercase())
                    .filter(|v| v == "true" || v == "false");
                if value.is_some() {
                    words.next();
                }
                p.self_contained = Some(value.as_deref() != Some("false"));
            }
            "--no-self-contained" => p.self_contained = Some(false),
            "-r" | "--runtime" | "-a" | "--arch" | "--os" => {
                words.next();
                p.runtime = true;
            }
            "-o" | "--output" => p.output = words.next().cloned(),
            x => {
                if let Some(v) = x
                    .strip_prefix("--self-contained=")
                    .or_else(|| x.strip_prefix("--sc="))
                {
                    p.self_contained = Some(truthy(v));
                } else if let Some(v) = w
                    .strip_prefix("--output=")
                    .or_else(|| w.strip_prefix("-o="))
                {
                    p.output = Some(v.to_string());
                } else if x.starts_with("--runtime=") || x.starts_with("-r=") {
                    p.runtime = true;
                }
            }
        }
    }
    Some(p)
}

/// A web app (ASP.NET Core) carries more of the framework than a console app: the
/// lowercased Dockerfile names aspnet or exposes a port.
pub(super) fn dotnet_web(lower: &str) -> bool {
    lower.contains("aspnet") || lower.lines().any(|l| l.trim_start().starts_with("expose"))
}

/// What `dotnet publish` writes, by kind: Native AOT; self-contained and trimmed (by an SDK
/// before 8, `pre_8`, or since); self-contained (the app and the runtime, ASP.NET Core's for
/// a `web` app); or framework-dependent (the app's own assemblies).
pub(super) fn dotnet_publish_output(
    aot: bool,
    sc: bool,
    trimmed: bool,
    pre_8: bool,
    web: bool,
) -> (Fact, &'static str) {
    if aot {
        (facts::DOTNET_NATIVE_AOT, "Native AOT")
    } else if sc && trimmed && pre_8 {
        (
            facts::DOTNET_SELF_CONTAINED_TRIMMED_PRE_8,
            "self-contained, trimmed by a .NET SDK before 8",
        )
    } else if sc && trimmed {
        (
            facts::DOTNET_SELF_CONTAINED_TRIMMED,
            "self-contained, trimmed",
        )
    } else if sc {
        let rt = if web {
            facts::DOTNET_ASPNET_RUNTIME
        } else {
            facts::DOTNET_RUNTIME
        };
        let app = facts::DOTNET_APP_FRAMEWORK_DEPENDENT;
        (
            Fact {
                bytes: rt.bytes + app.bytes,
                low: rt.low + app.low,
                high: rt.high + app.high,
                source: rt.source,
            },
            if web {
                "self-contained: the app and ASP.NET Core's framework"
            } else {
                "self-contained: the app and the .NET runtime"
            },
        )
    } else {
        (
            facts::DOTNET_APP_FRAMEWORK_DEPENDENT,
            "framework-dependent: the app's own assemblies",
        )
    }
}

/// A `dotnet publish` output folder built on the host (`COPY bin/Release/net6.0/publish/ .`,
/// `COPY /bin/Release/netcoreapp2.1/linux-x64/publish/ .`): the target framework's major
/// version (`netcoreapp2.1` → 2, `net6.0` → 6) and whether a runtime identifier folder
/// (`linux-x64`, `linux-musl-x64`) shows.
pub(super) fn host_dotnet_publish(src: &str) -> Option<(Option<u32>, bool)> {
    let parts: Vec<&str> = src.split('/').filter(|p| !p.is_empty()).collect();
    let at = parts
        .iter()
        .position(|p| p.eq_ignore_ascii_case("publish"))?;
    if at + 1 < parts.len() && !(at + 2 == parts.len() && parts[at + 1].contains('*')) {
        return None;
    }
    let before = &parts[..at];
    let tfm = before.iter().find_map(|p| {
        let l = p.to_ascii_lowercase();
        let v = l
            .strip_prefix("netcoreapp")
            .or_else(|| l.strip_prefix("net").filter(|r| r.contains('.')))?;
        v.split('.').next()?.parse::<u32>().ok()
    });
    let rid = before.iter().any(|p| {
        ["linux-", "linux-musl-", "alpine-", "win-", "osx-"]
            .iter()
            .any(|pre| p.to_ascii_lowercase().starts_with(pre))
    });
    let release = before
        .iter()
        .any(|p| p.eq_ignore_ascii_case("release") || p.eq_ignore_ascii_case("debug"));
    (tfm.is_some() || release || rid).then_some((tfm, rid))
}

/// `dotnet publish`: the output folder, framework-dependent, self-contained or trimmed.
pub(super) fn dotnet_publish_step(cx: &Cx, st: &mut StageState, run: &mut Run, p: DotnetPublish) {
    let Cx { doc, a, env, .. } = *cx;
    run.modelled += 1;
    // Before .NET 8 a runtime identifier alone made the publish self-contained.
    let sc = p
        .self_contained
        .unwrap_or(p.runtime && st.dotnet_sdk.is_some_and(|v| v < 8));
    let pre_8 = st.dotnet_sdk.is_some_and(|v| v < 8);
    let (default, kind) =
        dotnet_publish_output(p.aot, sc, p.trimmed, pre_8, dotnet_web(&doc.lower));
    let (f, src) = assumed_artifact(a, default);
    run.total = add(run.total, f);
    run.basis.push(format!(
        "dotnet publish {} ({kind}; {src})",
        fmt_bytes(f.bytes)
    ));
    let out = match &p.output {
        Some(o) => join_path(&st.workdir, &model::expand(o, env)),
        None => join_path(&st.workdir, "bin/*"),
    };
    st.add_artifact(Artifact {
        made_by: 0,
        either: false,
        path: out,
        size: f,
        basis: format!("dotnet publish output, {kind} ({src})"),
    });
}
