//! Maven, Gradle, javac, jlink and Spring Boot's layered jar.

use super::*;

/// The folders Spring Boot's layered jar extracts to, in its default layers.idx order.
const SPRING_BOOT_LAYERS: [&str; 4] = [
    "dependencies",
    "spring-boot-loader",
    "snapshot-dependencies",
    "application",
];

/// `java -Djarmode=layertools -jar app.jar extract` (Spring Boot 2.3–3.2) or
/// `java -Djarmode=tools -jar app.jar extract [--layers] [--launcher]` (3.3+).
pub(super) struct SpringBootExtract {
    pub(super) mode: &'static str,
    pub(super) jar: String,
    /// Relative to the working directory, or absolute.
    pub(super) destination: String,
    /// The four layer folders (layertools always; tools with `--layers`), or the jar and
    /// its lib/ (tools without).
    pub(super) layers: bool,
}

pub(super) fn spring_boot_extract(c: &model::Command) -> Option<SpringBootExtract> {
    if c.program().rsplit('/').next() != Some("java") {
        return None;
    }
    let args = &c.argv[1..];
    let mode = args.iter().find_map(|w| match w.as_str() {
        "-Djarmode=layertools" => Some("layertools"),
        "-Djarmode=tools" => Some("tools"),
        _ => None,
    })?;
    let k = args.iter().position(|w| w == "-jar")?;
    let jar = args.get(k + 1)?.clone();
    if args.get(k + 2).map(String::as_str) != Some("extract") {
        return None;
    }
    let rest = &args[k + 3..];
    let destination = c.option(&["--destination"]).map(str::to_string);
    let layers = mode == "layertools" || rest.iter().any(|w| w.starts_with("--layers"));
    // tools extracts into a folder named after the jar unless told otherwise.
    let destination = destination.unwrap_or_else(|| {
        if mode == "layertools" {
            ".".to_string()
        } else {
            let name = jar.rsplit('/').next().unwrap_or(&jar);
            name.strip_suffix(".jar").unwrap_or(name).to_string()
        }
    });
    Some(SpringBootExtract {
        mode,
        jar,
        destination,
        layers,
    })
}

/// The build tool a command runs and whether it builds a jar: `mvn package`, `./mvnw
/// install`, `gradle build`, `./gradlew bootJar` → Some(("maven" | "gradle", builds)).
pub(super) fn java_build(c: &model::Command) -> Option<(&'static str, bool)> {
    let prog = c.program().rsplit('/').next().unwrap_or("");
    let tool = match prog {
        "mvn" | "mvnw" => "maven",
        "gradle" | "gradlew" => "gradle",
        _ => return None,
    };
    let builds = c.argv.iter().skip(1).any(|w| {
        matches!(
            w.as_str(),
            "package"
                | "install"
                | "verify"
                | "deploy"
                | "build"
                | "assemble"
                | "bootJar"
                | "jar"
                | "shadowJar"
        ) || w.ends_with(":repackage")
            // The assembly and shade plugins' goals write a jar with its dependencies.
            || w == "assembly:single"
            || w == "shade:shade"
    });
    Some((tool, builds))
}

/// `javac`: a class file beside each source, or under `-d`.
pub(super) fn javac_step(cx: &Cx, st: &mut StageState, run: &mut Run) {
    let Cx { c, env, .. } = *cx;
    // Compiles each source into a class file beside it (or under `-d DIR`).
    run.modelled += 1;
    let dir = c
        .option(&["-d"])
        .map(|d| join_path(&st.workdir, &model::expand(d, env)));
    let sources: Vec<&String> = c
        .argv
        .iter()
        .skip(1)
        .filter(|w| w.ends_with(".java"))
        .collect();
    let k = facts::JAVA_CLASS_FILE;
    let f = times(k, sources.len().max(1) as u64);
    run.total = add(run.total, f);
    run.basis.push(format!(
        "javac: {} class file(s), {} ({})",
        sources.len().max(1),
        fmt_bytes(f.bytes),
        k.source
    ));
    for src in &sources {
        let class = format!("{}.class", src.trim_end_matches(".java"));
        let path = match &dir {
            Some(d) => join_path(d, class.rsplit('/').next().unwrap_or(&class)),
            None => join_path(&st.workdir, &class),
        };
        st.add_artifact(Artifact {
            made_by: 0,
            either: false,
            path,
            size: k,
            basis: format!("a class file javac wrote ({})", k.source),
        });
    }
    if let (Some(d), true) = (&dir, sources.is_empty()) {
        st.add_artifact(Artifact {
            made_by: 0,
            either: false,
            path: d.clone(),
            size: f,
            basis: format!("class files javac wrote ({})", k.source),
        });
    }
}

/// `jlink --output`: a runtime of the modules it names (server apps' usual list when they are
/// decided at build time, `$(cat deps.info)`).
pub(super) fn jlink_step(cx: &Cx, st: &mut StageState, run: &mut Run) {
    let Cx { c, env, .. } = *cx;
    let out = c.option(&["--output"]).unwrap_or_default();
    let out = join_path(&st.workdir, &model::expand(out, env));
    let requested: Vec<String> = c
        .option(&["--add-modules"])
        .map(|m| model::expand(m, env))
        .unwrap_or_default()
        .split(',')
        .map(|m| m.trim().to_string())
        .filter(|m| !m.is_empty())
        .collect();
    // `--compress=2` and `zip-1`…`zip-9` zip the modules; 0, 1 (string sharing) do not.
    let compress = c.option(&["--compress", "-c"]).unwrap_or("0");
    let zipped = compress == "2" || compress.strip_prefix("zip-").is_some_and(|n| n != "0");
    let stripped = c
        .argv
        .iter()
        .any(|w| w == "--strip-debug" || w == "-G" || w == "--strip-java-debug-attributes");
    let substituted = requested.iter().any(|m| m.contains('$') || m.contains('`'));
    // `--add-modules $(cat deps.info)` after `jdeps --print-module-deps`: the modules
    // are decided at build time; server apps' usual lists stand in.
    let rt = if substituted {
        sizes::jlink::decided_at_build_time(zipped)
    } else {
        sizes::jlink::runtime(&requested, zipped)
    };
    if requested.is_empty() || !rt.unknown.is_empty() && rt.modules <= 1 {
        run.unknown.push("jlink (modules not named)".to_string());
        st.unknown_paths.push(out);
    } else {
        run.modelled += 1;
        let mut f = rt.size;
        if !stripped {
            // Measured with --strip-debug; without it the runtime only grows.
            f.high = f.high.saturating_mul(2);
        }
        run.total = add(run.total, f);
        run.basis.push(format!(
            "jlink runtime {} of {} module(s){}{}{}{} ({})",
            fmt_bytes(f.bytes),
            rt.modules,
            if substituted {
                format!(
                    " (the modules are decided at build time: a server app's usual set, range {}–{})",
                    fmt_bytes(f.low),
                    fmt_bytes(f.high)
                )
            } else {
                String::new()
            },
            if zipped { ", compressed" } else { "" },
            if stripped {
                ""
            } else {
                "; without --strip-debug it is larger (not measured): high end doubled"
            },
            if rt.unknown.is_empty() {
                String::new()
            } else {
                format!("; not in the table, not counted: {}", rt.unknown.join(", "))
            },
            f.source
        ));
        st.add_artifact(Artifact {
            made_by: 0,
            either: false,
            path: out,
            size: f,
            basis: format!("jlink runtime ({})", f.source),
        });
    }
}

/// Spring Boot's jar modes (`-Djarmode=layertools extract`, `tools extract`): the jar's
/// contents written out as files.
pub(super) fn spring_boot_step(cx: &Cx, st: &mut StageState, run: &mut Run, x: SpringBootExtract) {
    let Cx { a, .. } = *cx;
    // Spring Boot's jar modes write the jar's contents out: its dependency jars
    // (stored uncompressed in it, nearly all of it), the launcher and the app's
    // classes, as files of about the jar's size.
    run.modelled += 1;
    let jar = join_path(&st.workdir, &x.jar);
    let built = st
        .artifacts
        .iter()
        .rev()
        .find(|art| artifact_matches(&art.path, &jar))
        .map(|art| (art.size, art.basis.clone()));
    let (f, what) = built.unwrap_or_else(|| {
        let (f, src) = assumed_artifact(a, facts::JAVA_JAR);
        (f, format!("jar ({src})"))
    });
    run.total = add(run.total, f);
    let dest = join_path(&st.workdir, &x.destination);
    run.basis.push(format!(
        "{} extracts {} into {dest}: about the jar's size, {} ({what})",
        x.mode,
        x.jar,
        fmt_bytes(f.bytes)
    ));
    // Already a part of an output folder (`target/extracted` under `target/*`):
    // a later COPY takes its parts from that.
    let inside = st.artifacts.iter().any(|art| {
        art.path
            .strip_suffix("/*")
            .is_some_and(|d| dest.starts_with(&format!("{d}/")))
    });
    if !inside && !x.layers {
        st.add_artifact(Artifact {
            made_by: 0,
            either: false,
            path: dest,
            size: f,
            basis: format!("the jar's contents ({what})"),
        });
    } else if !inside {
        for (k, layer_dir) in SPRING_BOOT_LAYERS.iter().enumerate() {
            st.add_artifact(Artifact {
                made_by: 0,
                either: false,
                path: join_path(&dest, layer_dir),
                size: if k == 0 { f } else { fact(0, 0, 0) },
                basis: if k == 0 {
                    format!("the jar's layers, counted here whole; {what}")
                } else {
                    "a layer of the jar, counted whole with dependencies/".to_string()
                },
            });
        }
    }
}

/// Maven, Gradle or GraalVM's native-image: the jar or executable, and the dependency
/// repository.
pub(super) fn java_build_step(
    cx: &Cx,
    st: &mut StageState,
    run: &mut Run,
    (tool, builds): (&'static str, bool),
) {
    let Cx { a, c, sc, .. } = *cx;
    run.modelled += 1;
    let wrapper = c.program().ends_with("mvnw") || c.program().ends_with("gradlew");
    let (cache, home, dist) = if tool == "maven" {
        (
            "Maven repository ~/.m2 (plugins and dependencies)",
            "/root/.m2",
            facts::MAVEN_WRAPPER_DIST,
        )
    } else {
        (
            "Gradle caches ~/.gradle (plugins and dependencies; the same jars and POMs as a Maven repository)",
            "/root/.gradle",
            facts::GRADLE_WRAPPER_DIST,
        )
    };
    if !st.java_cache && !sc.cache_mounted(if tool == "maven" { ".m2" } else { ".gradle" }) {
        st.java_cache = true;
        let (mut f, b) = dependency_default(a, cache, facts::MAVEN_REPOSITORY);
        run.basis.push(b.clone());
        if wrapper {
            f = add(f, dist);
            run.basis.push(format!(
                "the wrapper's {} distribution in {home}/wrapper/dists {} ({})",
                if tool == "maven" { "Maven" } else { "Gradle" },
                fmt_bytes(dist.bytes),
                dist.source
            ));
        }
        run.total = add(run.total, f);
        st.add_artifact(Artifact {
            made_by: 0,
            either: false,
            path: home.into(),
            size: f,
            basis: b,
        });
    }
    if let Some(native) = native_build(c) {
        // GraalVM's native-image: the executable is the program a later stage copies.
        let (f, src) = assumed_artifact(a, native.fact());
        run.total = add(run.total, f);
        let what = format!("{} native executable", native.name());
        run.basis
            .push(format!("{what} {} ({src})", fmt_bytes(f.bytes)));
        st.add_artifact(Artifact {
            made_by: 0,
            either: false,
            path: join_path(&st.workdir, native.dir(tool)),
            size: f,
            basis: format!("{what} ({src})"),
        });
    } else if builds {
        let (f, src) = assumed_artifact(a, facts::JAVA_JAR);
        run.total = add(run.total, f);
        run.basis
            .push(format!("jar {} ({src})", fmt_bytes(f.bytes)));
        let dir = if tool == "maven" {
            "target/*"
        } else {
            "build/libs/*"
        };
        st.add_artifact(Artifact {
            made_by: 0,
            either: false,
            path: join_path(&st.workdir, dir),
            size: f,
            basis: format!("jar ({src})"),
        });
    }
}
