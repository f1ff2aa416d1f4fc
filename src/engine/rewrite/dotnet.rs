//! .NET: publish with the SDK, run on the runtime image of the same version.
//!
//! - **multi-stage**: `mcr.microsoft.com/dotnet/aspnet:<v>` for web apps,
//!   `runtime:<v>` for console apps, with the SDK tag's OS variant.
//! - **chiseled**: the Ubuntu chiseled variant (`<v>-noble-chiseled`, 6.0/7.0:
//!   `jammy-chiseled`): no shell, no package manager, non-root by default.
//!   Before 6.0 there is none, so **alpine** is offered instead.
//! - **self-contained**: `dotnet publish --self-contained -p:PublishTrimmed=true`
//!   onto `runtime-deps:<v>-noble-chiseled`, which has only what the runtime
//!   itself needs from the OS; the entrypoint becomes the app host (`./App`).

use super::common::{
    self, build_platform_caveat, join, normalise, render_words, replace_from_image, shell_free,
    single, Carry, Ctx, Distro, Runtime, Step, Walk,
};
use super::detect::{program, Multi, Shape};
use super::{source_of, Edits, Proposal, RewriteKind};
use crate::engine::model::{self, Command};
use crate::engine::syntax::Instruction;

const MCR: &str = "mcr.microsoft.com/dotnet";

pub fn propose(ctx: &Ctx, shape: &Shape) -> Vec<Proposal> {
    match shape {
        Shape::Single(w) => single_stage(ctx, w),
        Shape::Multi(m) => multi_stage(ctx, m),
    }
}

fn is_build_env(k: &str) -> bool {
    k.starts_with("DOTNET_CLI") || k.starts_with("NUGET") || k == "DOTNET_NOLOGO"
}

/// `8.0` of `8.0-alpine`; the OS suffix (`alpine`, `bookworm-slim`, `jammy`) after it.
fn version_and_os(tag: &str) -> Option<(String, String)> {
    let (v, rest) = tag.split_once('-').unwrap_or((tag, ""));
    if !v.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    let mut parts = v.split('.');
    let major = parts.next()?;
    let minor = parts.next().unwrap_or("0");
    let os: Vec<&str> = rest
        .split('-')
        .filter(|p| !p.is_empty() && *p != "aot" && *p != "extra" && *p != "composite")
        .collect();
    Some((format!("{major}.{minor}"), os.join("-")))
}

fn major(v: &str) -> u32 {
    v.split('.')
        .next()
        .and_then(|m| m.parse().ok())
        .unwrap_or(0)
}

/// The chiseled tag for a version: noble from 8.0, jammy for 6.0 and 7.0.
fn chiseled(v: &str) -> Option<String> {
    match major(v) {
        0..=5 => None,
        6 | 7 => Some(format!("{v}-jammy-chiseled")),
        _ => Some(format!("{v}-noble-chiseled")),
    }
}

/// Evidence that the app serves HTTP.
fn is_web(w: &Walk, fin: Option<&Walk>) -> Option<bool> {
    if let Some(f) = fin {
        let n = f.image_name();
        if n.ends_with("/aspnet") {
            return Some(true);
        }
        if n.ends_with("/runtime") {
            return Some(false);
        }
    }
    let any = |w: &Walk| {
        w.steps.iter().any(|s| s.ins.keyword == "EXPOSE")
            || w.env
                .keys()
                .any(|k| k.starts_with("ASPNETCORE") || k == "HTTP_PORTS")
    };
    if any(w) || fin.is_some_and(any) {
        return Some(true);
    }
    None
}

struct Publish<'w, 'a> {
    step: &'w Step<'a>,
    cmd: &'w Command,
    /// Absolute output directory, when `-o` names it.
    output: Option<String>,
}

fn publish<'w, 'a>(w: &'w Walk<'a>) -> Option<Publish<'w, 'a>> {
    let (step, cmd) =
        w.find_last(|c| program(c) == "dotnet" && c.argv.get(1).is_some_and(|a| a == "publish"))?;
    let output = cmd
        .option(&["-o", "--output"])
        .filter(|o| !o.contains('$'))
        .map(|o| normalise(&join(&step.workdir, o)));
    Some(Publish { step, cmd, output })
}

/// The words of `dotnet publish` for a self-contained, trimmed app.
fn self_contained_argv(cmd: &Command) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut it = cmd.argv.iter().peekable();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--no-restore" | "--no-self-contained" => {}
            "--self-contained" | "--sc" => {
                if it
                    .peek()
                    .is_some_and(|n| matches!(n.as_str(), "true" | "false"))
                {
                    it.next();
                }
            }
            x if x.starts_with("--self-contained=")
                || x.starts_with("--sc=")
                || x.to_ascii_lowercase().starts_with("-p:publishtrimmed")
                || x.to_ascii_lowercase().starts_with("-p:selfcontained") => {}
            "-p" if it.peek().is_some_and(|n| {
                let n = n.to_ascii_lowercase();
                n.starts_with("publishtrimmed") || n.starts_with("selfcontained")
            }) =>
            {
                it.next();
            }
            _ => out.push(a.clone()),
        }
    }
    let has_rid = cmd.argv.iter().any(|a| {
        matches!(
            a.as_str(),
            "-r" | "--runtime" | "--ucr" | "--use-current-runtime" | "-a" | "--arch" | "--os"
        ) || a.starts_with("--runtime=")
    });
    let mut extra = vec!["--self-contained".to_string(), "true".into()];
    if !has_rid {
        extra.push("--use-current-runtime".into());
    }
    extra.push("-p:PublishTrimmed=true".into());
    let at = out
        .iter()
        .position(|a| a == "publish")
        .map(|i| i + 1)
        .unwrap_or(out.len());
    for (i, x) in extra.into_iter().enumerate() {
        out.insert(at + i, x);
    }
    out
}

/// Edits the `dotnet publish` command in place (shell form: its segment; exec form: the array).
fn edit_publish(ctx: &Ctx, p: &Publish, e: &mut Edits) -> Option<()> {
    let ins = p.step.ins;
    let mut argv = self_contained_argv(p.cmd);
    if p.output.is_none() && !p.cmd.argv.iter().any(|a| a == "-o" || a == "--output") {
        argv.push("-o".into());
        argv.push("/app/publish".into());
    }
    if ins.json.is_some() {
        let flags: String = ins
            .flags
            .iter()
            .map(|f| match &f.value {
                Some(v) => format!("--{}={} ", f.name, v),
                None => format!("--{} ", f.name),
            })
            .collect();
        e.replace(
            ins.start_offset,
            ins.end_offset,
            format!("RUN {flags}{}", common::json_words(&argv)),
        );
        return Some(());
    }
    let src = source_of(ctx.text, ins);
    let start = src.find("dotnet publish")?;
    let rest = &src[start..];
    let end = ["&&", ";", "|", "\n"]
        .iter()
        .filter_map(|t| rest.find(t))
        .min()
        .unwrap_or(rest.len());
    let segment = &rest[..end];
    // A continued line: keep the continuation outside the edit.
    let seg = segment.trim_end().trim_end_matches('\\').trim_end();
    e.replace(
        ins.start_offset + start,
        ins.start_offset + start + seg.len(),
        render_words(&argv),
    );
    Some(())
}

/// `dotnet App.dll` → `./App` (the app host a self-contained publish writes).
fn apphost_entry(ins: &Instruction) -> Option<String> {
    let words = match &ins.json {
        Some(v) => v.clone(),
        None => model::shell_words(&ins.args),
    };
    if words.first().map(|p| p.rsplit('/').next().unwrap_or(p)) != Some("dotnet") {
        return None;
    }
    let dll = words.get(1)?;
    let host = dll.strip_suffix(".dll")?;
    let host = if host.contains('/') {
        host.to_string()
    } else {
        format!("./{host}")
    };
    let mut v = vec![host];
    v.extend(words[2..].iter().cloned());
    Some(format!("{} {}", ins.keyword, common::json_words(&v)))
}

fn web_caveats(web: Option<bool>, kind: &str) -> Vec<String> {
    match web {
        Some(true) => vec![],
        Some(false) => vec![],
        None => vec![format!(
            "nothing says whether this is a web app: {kind} assumed; a console app runs on mcr.microsoft.com/dotnet/runtime, which is smaller"
        )],
    }
}

fn single_stage(ctx: &Ctx, w: &Walk) -> Vec<Proposal> {
    if !w.image_name().starts_with(MCR) {
        return vec![];
    }
    let Some((v, os)) = version_and_os(w.tag()) else {
        return vec![];
    };
    let Some(p) = publish(w) else {
        return vec![];
    };
    let run = w.run_words();
    if run.first().map(|p| p.rsplit('/').next().unwrap_or(p)) == Some("dotnet")
        && run.get(1).is_some_and(|a| !a.ends_with(".dll"))
    {
        // `dotnet run`, `dotnet watch`: the SDK at run time; the published dll is not named.
        return vec![];
    }
    if run.is_empty() {
        return vec![];
    }
    let builder = common::builder_name(w.stage());
    let mut e = Edits::default();
    let output = match &p.output {
        Some(o) => o.clone(),
        None => {
            let src = source_of(ctx.text, p.step.ins);
            let Some(pos) = src.find("dotnet publish") else {
                return vec![];
            };
            if p.step.ins.json.is_some() {
                return vec![];
            }
            e.insert(
                p.step.ins.start_offset + pos + "dotnet publish".len(),
                " -o /app/publish",
            );
            "/app/publish".into()
        }
    };
    // The runtime runs the dll from the directory the original ran it from.
    let workdir = w.workdir.clone();
    let dest = if run
        .iter()
        .any(|a| a.ends_with(".dll") && !a.starts_with('/'))
    {
        workdir.clone()
    } else {
        output.clone()
    };
    let copy = format!("COPY --from={builder} {output} {dest}");
    let web = is_web(w, None);
    let flavour = if web == Some(false) {
        "runtime"
    } else {
        "aspnet"
    };
    let alpine = os.contains("alpine");
    let mut base_caveats = web_caveats(web, "aspnet");
    if p.output.is_none() {
        base_caveats.push(
            "`-o /app/publish` added to `dotnet publish` so the runtime stage can copy the output"
                .into(),
        );
    }
    base_caveats.extend(build_platform_caveat(ctx, w, "RID-specific output"));
    base_caveats.push(
        "files the app reads at run time outside the publish output must be copied too".into(),
    );
    let mut out = Vec::new();

    // 1. The runtime image of the same version and OS.
    let tag = common::tag_of(&[&v, &os]);
    let image = format!("{MCR}/{flavour}:{tag}");
    {
        let mut rt = Runtime::new(
            RewriteKind::MultiStage,
            image.clone(),
            if alpine {
                Distro::Alpine(None)
            } else {
                w.distro()
            },
        );
        rt.title = format!("Multi-stage onto {flavour}:{tag}");
        rt.why = format!(
            "{flavour}:{v} is the .NET {v} runtime{} without the SDK the build needs",
            if flavour == "aspnet" {
                " with ASP.NET Core"
            } else {
                ""
            }
        );
        rt.builder = e.clone();
        rt.copies = vec![copy.clone()];
        rt.image_users = &["app"];
        rt.is_build_env = &is_build_env;
        rt.caveats = base_caveats.clone();
        out.extend(single(ctx, w, rt));
    }
    // 2. Chiseled (or Alpine before 6.0).
    let last_user = w.last_user();
    let rid_musl = p.cmd.argv.iter().any(|a| a.contains("musl"));
    match chiseled(&v).filter(|_| !rid_musl && !alpine) {
        Some(ch) => {
            let image = format!("{MCR}/{flavour}:{ch}");
            let mut rt = Runtime::new(RewriteKind::Chiseled, image.clone(), Distro::Unknown);
            rt.title = format!("Chiseled: {flavour}:{ch}");
            rt.why = format!("Ubuntu chiseled images hold only the files .NET {v} needs: no shell, no package manager, non-root by default");
            rt.no_shell = Some("a chiseled image");
            rt.builder = e.clone();
            rt.copies = vec![copy.clone()];
            // Numeric users and root exist there; named ones give way to `app`.
            rt.user = Some(
                last_user
                    .filter(|u| common::user_name(u.args.trim()).is_none_or(|n| n == "root"))
                    .map(|u| ctx.src(u).to_string()),
            );
            rt.is_build_env = &is_build_env;
            rt.caveats = base_caveats.clone();
            rt.caveats.extend(chiseled_caveats(last_user));
            out.extend(single(ctx, w, rt));
        }
        None if !alpine => {
            let tag = common::tag_of(&[&v, "alpine"]);
            let image = format!("{MCR}/{flavour}:{tag}");
            let mut rt = Runtime::new(RewriteKind::Alpine, image.clone(), Distro::Alpine(None));
            rt.title = format!("Alpine: {flavour}:{tag}");
            rt.why = format!("the Alpine variant is the smallest .NET {v} runtime image");
            rt.builder = e.clone();
            rt.copies = vec![copy.clone()];
            rt.same_family = false;
            rt.is_build_env = &is_build_env;
            rt.caveats = base_caveats.clone();
            rt.caveats.push("Alpine has no ICU by default: the app runs in invariant globalization mode unless icu-libs is installed and DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=false".into());
            out.extend(single(ctx, w, rt));
        }
        None => {}
    }
    // 3. Self-contained and trimmed on runtime-deps.
    if major(&v) >= 6 {
        // The publish edit includes `-o` when it was missing (edits must not overlap).
        let mut e3 = Edits::default();
        if edit_publish(ctx, &p, &mut e3).is_none() {
            return out;
        }
        let deps_tag = if alpine || rid_musl {
            common::tag_of(&[&v, "alpine"])
        } else {
            chiseled(&v).unwrap_or_else(|| v.clone())
        };
        let image = format!("{MCR}/runtime-deps:{deps_tag}");
        let shellless = deps_tag.contains("chiseled");
        let mut rt = Runtime::new(
            RewriteKind::SelfContained,
            image.clone(),
            if shellless {
                Distro::Unknown
            } else {
                Distro::Alpine(None)
            },
        );
        rt.title = format!("Self-contained, trimmed, on runtime-deps:{deps_tag}");
        rt.why = "a self-contained, trimmed app carries only the parts of .NET it uses; runtime-deps has just the OS libraries .NET needs".into();
        rt.no_shell = shellless.then_some("a chiseled image");
        rt.builder = e3;
        rt.copies = vec![copy.clone()];
        if shellless {
            rt.user = Some(None);
        }
        rt.is_build_env = &is_build_env;
        rt.map = Box::new(|ins: &Instruction| {
            if matches!(ins.keyword.as_str(), "CMD" | "ENTRYPOINT") {
                if let Some(l) = apphost_entry(ins) {
                    return Carry::Replace(l);
                }
            }
            Carry::Keep
        });
        rt.caveats = base_caveats;
        rt.caveats.extend(self_contained_caveats(web, true));
        if shellless {
            rt.caveats.extend(chiseled_caveats(last_user));
        }
        out.extend(single(ctx, w, rt));
    }
    out
}

fn chiseled_caveats(user: Option<&Instruction>) -> Vec<String> {
    let mut c = vec![
        "chiseled images have no ICU or time-zone data: the app runs in invariant globalization mode; use the -chiseled-extra tag if it needs cultures or time zones".to_string(),
        "no shell: `docker exec … sh` will not work, and HEALTHCHECK needs an exec-form command the image has".to_string(),
    ];
    match user.and_then(|u| common::user_name(u.args.trim()).map(|n| (u, n))) {
        Some((u, n)) if n != "app" => c.push(format!(
            "line {}: USER {n} dropped: chiseled images run as their non-root `app` user (uid 1654)",
            u.start_line
        )),
        _ => c.push("runs as the non-root `app` user (uid 1654): ports below 1024 and writes outside the app's directories need care".into()),
    }
    c
}

fn self_contained_caveats(web: Option<bool>, trimmed: bool) -> Vec<String> {
    let mut c = vec!["`dotnet publish` now runs with `--self-contained true -p:PublishTrimmed=true` (and restores again): the output includes the parts of the runtime the app uses, and the entrypoint is the app host".to_string()];
    if trimmed {
        c.push(if web != Some(false) {
            "trimming removes code reached only by reflection: ASP.NET Core MVC, Razor and EF Core are not trim-compatible (check the trim warnings); minimal APIs with source-generated JSON trim well".to_string()
        } else {
            "trimming removes code reached only by reflection: check the trim warnings and test the app".to_string()
        });
    }
    c
}

fn multi_stage(ctx: &Ctx, m: &Multi) -> Vec<Proposal> {
    let root = m.fin.chain[0];
    let Some(fin_from) = ctx.stage_from(root) else {
        return vec![];
    };
    let name = m.fin.image_name().to_string();
    if !name.starts_with(MCR) {
        return vec![];
    }
    let Some((v, os)) = version_and_os(m.fin.tag()) else {
        return vec![];
    };
    let flavour = name.rsplit('/').next().unwrap_or("").to_string();
    let web = is_web(&m.src, Some(&m.fin));
    let mut out = Vec::new();
    let pc = build_platform_caveat(ctx, &m.src, "RID-specific output");

    if flavour == "sdk" {
        let fl = if web == Some(false) {
            "runtime"
        } else {
            "aspnet"
        };
        let tag = common::tag_of(&[&v, &os]);
        let image = format!("{MCR}/{fl}:{tag}");
        let mut e = Edits::default();
        replace_from_image(&mut e, ctx.text, fin_from, &image);
        let mut c = web_caveats(web, "aspnet");
        c.push("the final stage cannot build or run `dotnet` SDK commands any more".into());
        out.extend(common::edit_final(
            ctx,
            RewriteKind::MultiStage,
            format!("Final stage on {fl}:{tag}"),
            format!("{fl}:{v} runs the published app without the SDK"),
            e,
            c,
        ));
        return out;
    }
    if !matches!(flavour.as_str(), "aspnet" | "runtime") || os.contains("chiseled") {
        return out;
    }
    let last_user = m.fin.last_user();
    // Chiseled (or Alpine before 6.0).
    match chiseled(&v).filter(|_| !os.contains("alpine")) {
        Some(ch) => {
            let image = format!("{MCR}/{flavour}:{ch}");
            let mut e = Edits::default();
            let mut c = Vec::new();
            replace_from_image(&mut e, ctx.text, fin_from, &image);
            if shell_free(ctx, &m.fin, "a chiseled image", &mut e, &mut c).is_some() {
                if let Some(u) = last_user {
                    if common::user_name(u.args.trim()).is_some_and(|n| n != "app") {
                        common::delete_block(&mut e, ctx.text, u);
                    }
                }
                c.extend(chiseled_caveats(last_user));
                c.extend(pc.clone());
                out.extend(common::edit_final(
                    ctx,
                    RewriteKind::Chiseled,
                    format!("Final stage on {flavour}:{ch}"),
                    format!("Ubuntu chiseled images hold only the files .NET {v} needs: no shell, no package manager, non-root by default"),
                    e,
                    c,
                ));
            }
        }
        None if !os.contains("alpine") => {
            let tag = common::tag_of(&[&v, "alpine"]);
            let image = format!("{MCR}/{flavour}:{tag}");
            let mut e = Edits::default();
            replace_from_image(&mut e, ctx.text, fin_from, &image);
            if m.fin.has(|c| matches!(program(c), "apt-get" | "apt")) {
                return out;
            }
            out.extend(common::edit_final(
                ctx,
                RewriteKind::Alpine,
                format!("Final stage on {flavour}:{tag}"),
                format!("the Alpine variant is the smallest .NET {v} runtime image"),
                e,
                vec!["Alpine has no ICU by default: the app runs in invariant globalization mode unless icu-libs is installed and DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=false".into()],
            ));
        }
        None => {}
    }
    // Self-contained, trimmed, on runtime-deps.
    let Some(p) = publish(&m.src) else {
        return out;
    };
    if major(&v) < 6 {
        return out;
    }
    let mut e = Edits::default();
    if edit_publish(ctx, &p, &mut e).is_none() {
        return out;
    }
    let musl = os.contains("alpine") || p.cmd.argv.iter().any(|a| a.contains("musl"));
    let deps_tag = if musl {
        common::tag_of(&[&v, "alpine"])
    } else {
        chiseled(&v).unwrap_or_else(|| v.clone())
    };
    let image = format!("{MCR}/runtime-deps:{deps_tag}");
    replace_from_image(&mut e, ctx.text, fin_from, &image);
    let mut c = Vec::new();
    let shellless = deps_tag.contains("chiseled");
    if shellless && shell_free(ctx, &m.fin, "a chiseled image", &mut e, &mut c).is_none() {
        return out;
    }
    for s in &m.fin.steps {
        if matches!(s.ins.keyword.as_str(), "CMD" | "ENTRYPOINT") {
            if let Some(l) = apphost_entry(s.ins) {
                e.replace(s.ins.start_offset, s.ins.end_offset, l);
            }
        }
    }
    if shellless {
        if let Some(u) = last_user {
            if common::user_name(u.args.trim()).is_some_and(|n| n != "app") {
                common::delete_block(&mut e, ctx.text, u);
            }
        }
    }
    c.extend(self_contained_caveats(web, true));
    if shellless {
        c.extend(chiseled_caveats(last_user));
    }
    c.extend(pc);
    out.extend(common::edit_final(
        ctx,
        RewriteKind::SelfContained,
        format!("Self-contained, trimmed, on runtime-deps:{deps_tag}"),
        "a self-contained, trimmed app carries only the parts of .NET it uses; runtime-deps has just the OS libraries .NET needs".into(),
        e,
        c,
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sdk_tags_give_version_and_os() {
        assert_eq!(version_and_os("8.0"), Some(("8.0".into(), String::new())));
        assert_eq!(
            version_and_os("10.0-noble-aot"),
            Some(("10.0".into(), "noble".into()))
        );
        assert_eq!(version_and_os("latest"), None);
        assert_eq!(chiseled("8.0").as_deref(), Some("8.0-noble-chiseled"));
        assert_eq!(chiseled("6.0").as_deref(), Some("6.0-jammy-chiseled"));
        assert_eq!(chiseled("5.0"), None);
    }

    #[test]
    fn publish_becomes_self_contained() {
        let c = crate::engine::model::commands(
            "dotnet publish --ucr --self-contained false --no-restore -o /app",
        );
        assert_eq!(
            render_words(&self_contained_argv(&c[0])),
            "dotnet publish --self-contained true -p:PublishTrimmed=true --ucr -o /app"
        );
    }
}
