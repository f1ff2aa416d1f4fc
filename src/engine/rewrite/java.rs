//! Java: build with Maven or Gradle in the JDK image, run the jar on a JRE.
//!
//! - **multi-stage**: `eclipse-temurin:<v>-jre` (Ubuntu), v the builder's JDK
//!   feature release (a class file built for 17 needs a 17+ runtime). The jar is the
//!   one `java -jar`/`-cp <one jar>` runs, or the build's; `javac`'s class files are
//!   copied as their directory and run as the command says.
//! - **alpine**: `eclipse-temurin:<v>-jre-alpine`, the smallest Temurin JRE.
//! - multi-stage files: a final stage on a JDK or build-tool image moves to the
//!   JRE; one that copies the builder's whole directory copies the jar only
//!   (**artifacts-only**); one already on a Temurin JRE moves to its Alpine variant;
//!   one on a JDK or JRE image (Java 11+) gets a jlink stage and debian-slim (**jlink**).
//! - **slim**/**alpine** (single stage on a JDK image that builds nothing and runs
//!   `java`): the JRE of the same release, and its Alpine variant.
//!
//! - **jlink** (Java 11+): the builder's JDK links a runtime of the Java SE modules
//!   (plus jdk.unsupported, and jdk.crypto.ec up to 21) that the jar runs on, copied
//!   onto debian-slim (or the builder's Alpine). The exact module list depends on the
//!   code (`jdeps`), so Slimfile writes the set that runs what a JRE runs, and says
//!   how to go smaller.

use super::common::{
    self, build_platform_caveat, is_under, join, normalise, os_packages, replace_from_image,
    runtime_packages, single, Carry, Ctx, Distro, Runtime, Tag, Walk,
};
use super::detect::{program, Multi, Shape};
use super::{source_of, Edits, Proposal, RewriteKind};
use crate::engine::model;
use crate::engine::syntax::Instruction;

pub fn propose(ctx: &Ctx, shape: &Shape) -> Vec<Proposal> {
    match shape {
        Shape::Single(w) => single_stage(ctx, w),
        Shape::Multi(m) => multi_stage(ctx, m),
    }
}

fn is_build_env(k: &str) -> bool {
    k.starts_with("MAVEN") || k.starts_with("GRADLE") || k == "JAVA_HOME"
}

/// Temurin publishes JREs for these feature releases.
const JRES: &[u32] = &[8, 11, 17, 21, 25, 26];

/// The JDK feature release of the builder image.
fn java_version(w: &Walk) -> Option<u32> {
    let num_after = |s: &str, key: &str| -> Option<u32> {
        let i = s.find(key)? + key.len();
        let digits: String = s[i..]
            .trim_start_matches(['-', '_'])
            .chars()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        digits.parse().ok()
    };
    let tag = w.tag();
    let name = w.image_name().rsplit('/').next().unwrap_or("").to_string();
    if matches!(
        name.as_str(),
        "eclipse-temurin" | "openjdk" | "amazoncorretto" | "sapmachine" | "ibm-semeru-runtimes"
    ) {
        if let Some(v) = Tag::parse(tag).major() {
            return Some(if v == 1 { 8 } else { v });
        }
    }
    // Another vendor's JDK named by its words (`bellsoft/liberica-openjdk-debian:25`,
    // `azul/zulu-openjdk:17`): a tag that is a Java release.
    if name
        .split(['-', '_'])
        .any(|w| crate::engine::sizes::base::JAVA_WORDS.contains(&w))
    {
        if let Some(v) = Tag::parse(tag).major().filter(|v| (7..=40).contains(v)) {
            return Some(v);
        }
    }
    for key in [
        "temurin",
        "openjdk",
        "corretto",
        "jdk",
        "sapmachine",
        "semeru",
    ] {
        if let Some(v) = num_after(tag, key) {
            return Some(v);
        }
    }
    let r = w.resolved();
    num_after(r, "jdk").or_else(|| {
        // A distribution's JDK: `openjdk-17-jdk-headless` (apt), `openjdk17-jdk` (apk).
        os_packages(w)
            .iter()
            .filter(|p| p.contains("jdk"))
            .find_map(|p| num_after(p, "openjdk"))
    })
}

#[derive(Clone, Copy, PartialEq)]
enum Tool {
    Maven,
    Gradle,
    Jar,
    /// `javac`: class files in a directory (the working directory, or `-d`'s).
    Javac,
}

/// The build step's tool and the jar it makes (a path or a glob in the builder).
fn artifact(w: &Walk) -> Option<(Tool, String)> {
    artifact_step(w).map(|(t, j, _)| (t, j))
}

/// [`artifact`] with the byte offset where the build step's instruction ends.
fn artifact_step(w: &Walk) -> Option<(Tool, String, usize)> {
    let (step, c) = w.find_last(|c| {
        let p = program(c);
        matches!(p, "mvn" | "mvnw" | "gradle" | "gradlew" | "javac")
            || (p == "jar" && c.argv.get(1).is_some_and(|a| a.starts_with('c')))
    })?;
    let p = program(c);
    let wd = step.workdir.clone();
    let end = step.ins.end_offset;
    match p {
        "mvn" | "mvnw" => {
            let goals = ["package", "install", "verify", "deploy"];
            if !c.argv.iter().any(|a| goals.contains(&a.as_str())) {
                return None;
            }
            let base = c
                .option(&["-f", "--file"])
                .map(|f| {
                    let f = join(&wd, f);
                    if f.ends_with(".xml") {
                        f.rsplit_once('/').map(|(d, _)| d.to_string()).unwrap_or(f)
                    } else {
                        f
                    }
                })
                .unwrap_or(wd);
            Some((
                Tool::Maven,
                normalise(&format!("{base}/target")) + "/*.jar",
                end,
            ))
        }
        "gradle" | "gradlew" => {
            let tasks = ["build", "bootJar", "assemble", "jar", "shadowJar"];
            if !c.argv.iter().any(|a| tasks.contains(&a.as_str())) {
                return None;
            }
            let base = c
                .option(&["-p", "--project-dir"])
                .map(|d| join(&wd, d))
                .unwrap_or(wd);
            Some((
                Tool::Gradle,
                normalise(&format!("{base}/build/libs")) + "/*.jar",
                end,
            ))
        }
        "javac" => {
            let dir = c.option(&["-d"]).map(|d| join(&wd, d)).unwrap_or(wd);
            Some((Tool::Javac, normalise(&dir), end))
        }
        _ => {
            // jar cf[e] NAME …
            let name = c.argv.get(2)?;
            Some((Tool::Jar, normalise(&join(&wd, name)), end))
        }
    }
}

/// The jar the image runs (`java … -jar X`, or `java -cp X.jar Main` with one jar),
/// absolute.
fn run_jar(w: &Walk) -> Option<String> {
    let words = w.run_words();
    let i = words.iter().position(|a| a == "-jar").or_else(|| {
        words
            .iter()
            .position(|a| matches!(a.as_str(), "-cp" | "-classpath" | "--class-path"))
            .filter(|i| {
                words
                    .get(i + 1)
                    .is_some_and(|j| j.ends_with(".jar") && !j.contains([':', '*']))
            })
    })?;
    let jar = words.get(i + 1)?;
    if jar.contains('$') {
        return None;
    }
    Some(normalise(&join(&w.workdir, jar)))
}

/// `mvn spring-boot:run`, `gradle bootRun`, `./mvnw exec:java`: runs through the build tool.
fn runs_build_tool(words: &[String]) -> bool {
    words
        .first()
        .map(|p| p.rsplit('/').next().unwrap_or(p))
        .is_some_and(|p| matches!(p, "mvn" | "mvnw" | "gradle" | "gradlew"))
}

/// A distribution's Java package (`openjdk-17-jdk-headless`, `default-jre`, `openjdk17-jmods`).
fn is_java_package(p: &str) -> bool {
    p.starts_with("openjdk")
        || p.starts_with("default-jdk")
        || p.starts_with("default-jre")
        || p.starts_with("temurin-")
        || p.starts_with("java-")
        || p.contains("-jdk")
        || p.contains("-jre")
}

fn jre(v: u32, alpine: bool) -> String {
    format!(
        "eclipse-temurin:{v}-jre{}",
        if alpine { "-alpine" } else { "" }
    )
}

fn runtime_version(w: &Walk, caveats: &mut Vec<String>) -> u32 {
    match java_version(w) {
        Some(v) if JRES.contains(&v) => v,
        Some(v) => {
            let up = JRES.iter().copied().find(|j| *j >= v).unwrap_or(25);
            caveats.push(format!(
                "Temurin has no JRE image for Java {v}: the next release it publishes, {up}, runs the same class files"
            ));
            up
        }
        None => {
            caveats.push("the builder's JDK release is not in its tag: Java 21 (LTS) assumed; use the JRE of the JDK you build with or newer".into());
            21
        }
    }
}

fn jlink_caveat() -> String {
    "a jlink runtime (jdeps --print-module-deps, then jlink --add-modules … --strip-debug --no-man-pages) with only the modules the app uses is smaller still".into()
}

/// A single stage on a JDK image that builds nothing and runs `java`: the JRE (and its
/// Alpine variant) of the same release in its place.
fn jdk_to_jre(ctx: &Ctx, w: &Walk) -> Vec<Proposal> {
    let name = w.image_name();
    let tag = Tag::parse(w.tag());
    let jdk = matches!(name, "openjdk" | "eclipse-temurin" | "amazoncorretto")
        && !tag.words.iter().any(|x| x == "jre");
    let runs_java = w
        .run_words()
        .first()
        .is_some_and(|p| p == "java" || p.ends_with("/bin/java"));
    // The JDK's tools at build time (javac, jar, a build tool) or any package install:
    // the file needs more than a runtime.
    let builds = w.commands().any(|(_, c)| {
        matches!(
            program(c),
            "javac" | "jar" | "jlink" | "mvn" | "mvnw" | "gradle" | "gradlew"
        ) || c.apk().is_some()
            || matches!(program(c), "apt-get" | "apt" | "yum" | "dnf" | "microdnf")
    });
    let Some(from) = ctx.stage_from(w.chain[0]) else {
        return vec![];
    };
    if !jdk || !runs_java || builds || w.chain.len() != 1 {
        return vec![];
    }
    let mut caveats = Vec::new();
    let v = runtime_version(w, &mut caveats);
    caveats.push("the JRE has no JDK tools (javac, jcmd, jstack, jmap): attach them from another container (`docker run --pid=container:…`) when you need them".into());
    let mut out = Vec::new();
    for alpine in [false, true] {
        let image = jre(v, alpine);
        let mut e = Edits::default();
        replace_from_image(&mut e, ctx.text, from, &image);
        let mut c = caveats.clone();
        if alpine {
            c.push("the -jre-alpine tags are published for fewer architectures than the Ubuntu ones; check yours".into());
            c.push("Alpine has musl libc: native libraries the app loads through JNI must be built for it".into());
        }
        if v >= 11 && !alpine {
            c.push(jlink_caveat());
        }
        out.extend(common::edit_final(
            ctx,
            if alpine {
                RewriteKind::Alpine
            } else {
                RewriteKind::Slim
            },
            format!("JRE instead of JDK: {image}"),
            format!("nothing in this image compiles: {image} runs the same Java {v} without the JDK's compiler and tools"),
            e,
            c,
        ));
    }
    out
}

fn single_stage(ctx: &Ctx, w: &Walk) -> Vec<Proposal> {
    let Some((tool, built)) = artifact(w) else {
        return jdk_to_jre(ctx, w);
    };
    let words = w.run_words();
    let via_tool = runs_build_tool(&words);
    let runs_java = words.first().is_some_and(|p| p.ends_with("java"));
    // Class files run from their directory (`java Hello`): the command stays as written.
    let classes = tool == Tool::Javac && runs_java && run_jar(w).is_none();
    let kept_command = !via_tool && (run_jar(w).is_some() || classes);
    let runtime_jar = match run_jar(w) {
        Some(j) => j,
        None if via_tool && !matches!(tool, Tool::Jar | Tool::Javac) => "/app/app.jar".to_string(),
        None if (tool == Tool::Jar || classes) && runs_java => built.clone(),
        None => return vec![],
    };
    let builder = common::builder_name(w.stage());
    let mut base_caveats = Vec::new();
    let v = runtime_version(w, &mut base_caveats);
    if built.contains('*') {
        base_caveats.push(format!(
            "{built} must match one jar: a second one (Gradle's -plain.jar, -sources.jar) makes the COPY fail; disable it (`jar {{ enabled = false }}`) or name the jar"
        ));
    }
    if via_tool {
        base_caveats.push(format!(
            "`{}` needs the build tool and the sources at run time: the runtime runs the jar with `java -jar {runtime_jar}` instead",
            words.join(" ")
        ));
    }
    // The runtime brings its own Java: the builder's JDK packages stay behind.
    let packages: Vec<String> = os_packages(w)
        .into_iter()
        .filter(|p| !is_java_package(p))
        .collect();
    let pk = runtime_packages(
        &packages,
        &["maven", "gradle", "ant"],
        &format!("{} {}", words.join(" "), w.healthcheck_text()),
        w.distro().is_alpine(),
    );
    base_caveats.extend(pk.caveats("native libraries the app loads"));
    base_caveats.extend(build_platform_caveat(ctx, w, "native libraries"));
    if v >= 11 {
        base_caveats.push(jlink_caveat());
    }
    base_caveats.push("files the app reads from the working directory at run time (config, templates outside the jar) must be copied too".into());

    let entry = format!(
        "ENTRYPOINT {}",
        common::json_words(&["java".into(), "-jar".into(), runtime_jar.clone()])
    );
    let has_entry = !words.is_empty();
    let mut out = Vec::new();
    let builder_distro = w.distro();
    // What every jar runtime does after its own copies: the working directory, the jar,
    // the OS packages (when it is the builder's family), and the command.
    let carry_jar = |rt: &mut Runtime| {
        rt.keep_workdir = false;
        let workdir = jar_workdir(w, kept_command, &runtime_jar);
        if workdir != "/" {
            rt.copies.push(format!("WORKDIR {workdir}"));
        }
        rt.copies
            .push(format!("COPY --from={builder} {built} {runtime_jar}"));
        rt.packages = if builder_distro.is_alpine() == rt.distro.is_alpine() {
            pk.install()
        } else {
            vec![]
        };
        rt.is_build_env = &is_build_env;
        rt.map = entry_map(entry.clone());
        if !has_entry {
            rt.end = vec![entry.clone()];
        }
    };
    for alpine in [false, true] {
        let image = jre(v, alpine);
        let distro = if alpine {
            Distro::Alpine(None)
        } else {
            Distro::Ubuntu(None)
        };
        let mut rt = Runtime::new(
            if alpine {
                RewriteKind::Alpine
            } else {
                RewriteKind::MultiStage
            },
            image.clone(),
            distro,
        );
        rt.title = format!(
            "Multi-stage: {} onto {image}",
            if classes { "classes" } else { "jar" }
        );
        rt.why = if alpine {
            format!("eclipse-temurin:{v}-jre-alpine is the Java {v} runtime on Alpine, the smallest Temurin image; a jar does not care about the C library")
        } else {
            format!("eclipse-temurin:{v}-jre is the Java {v} runtime without the compiler and tools of the JDK the builder needs")
        };
        rt.same_family = !alpine && !builder_distro.is_alpine();
        carry_jar(&mut rt);
        rt.caveats = base_caveats.clone();
        if alpine {
            rt.caveats.push("the -jre-alpine tags are published for fewer architectures than the Ubuntu ones; check yours".into());
            if !pk.keep.is_empty() && !builder_distro.is_alpine() {
                rt.caveats.push(format!(
                    "the builder installs {}: install their Alpine packages in the runtime if the app needs them",
                    pk.keep.join(", ")
                ));
            }
        }
        out.extend(single(ctx, w, rt));
    }
    // A jlink runtime from the builder's JDK (Java 11+ has jlink and the jmods).
    if let (Some(jv), Some((_, _, end))) = (java_version(w), artifact_step(w)) {
        if jv >= 11 {
            let mut rt = jlink_runtime(w, jv, end, &builder_distro);
            rt.copies = vec![format!(
                "COPY --from={builder} {} /opt/jre",
                jlink_output(w, end)
            )];
            carry_jar(&mut rt);
            let mut caveats: Vec<String> = base_caveats
                .iter()
                .filter(|c| **c != jlink_caveat())
                .cloned()
                .collect();
            caveats.append(&mut rt.caveats);
            rt.caveats = caveats;
            out.extend(single(ctx, w, rt));
        }
    }
    out
}

/// Where the builder's jlink writes: /opt/jre, or /tmp/jre when the build step runs as
/// a user who cannot write to /opt.
fn jlink_output(w: &Walk, end: usize) -> &'static str {
    let user = w
        .steps
        .iter()
        .find(|s| s.ins.end_offset == end)
        .and_then(|s| s.user.as_deref());
    match user {
        Some(u) if !matches!(u, "root" | "0" | "0:0") => "/tmp/jre",
        _ => "/opt/jre",
    }
}

/// The runtime's working directory: the user's when their own `java -jar …` is kept
/// (a relative jar path still resolves), else the jar's folder (Slimfile's absolute path).
fn jar_workdir(w: &Walk, kept_command: bool, runtime_jar: &str) -> String {
    if kept_command {
        w.workdir.clone()
    } else {
        runtime_jar
            .rsplit_once('/')
            .map(|(d, _)| if d.is_empty() { "/" } else { d })
            .unwrap_or("/")
            .to_string()
    }
}

/// A `CMD`/`ENTRYPOINT` that runs the build tool (`mvn spring-boot:run`) becomes `entry`
/// (`java -jar …`); everything else is carried as written.
fn entry_map<'a>(entry: String) -> Box<dyn Fn(&Instruction) -> Carry + 'a> {
    Box::new(move |ins: &Instruction| {
        if !matches!(ins.keyword.as_str(), "CMD" | "ENTRYPOINT") {
            return Carry::Keep;
        }
        let words = match &ins.json {
            Some(v) => v.clone(),
            None => model::shell_words(&ins.args),
        };
        if runs_build_tool(&words) {
            Carry::Replace(entry.clone())
        } else {
            Carry::Keep
        }
    })
}

/// The modules the jlink rewrite links: what a JRE runs for most applications.
fn jlink_modules(java: u32) -> &'static str {
    // jdk.crypto.ec (TLS with EC keys) merged into java.base in JDK 22.
    if java <= 21 {
        "java.se,jdk.unsupported,jdk.crypto.ec"
    } else {
        "java.se,jdk.unsupported"
    }
}

/// The jlink runtime stage: the link step added to the builder after its build step
/// (`end`), the runtime image, and what to check.
fn jlink_runtime<'a>(w: &Walk, java: u32, end: usize, builder: &Distro) -> Runtime<'a> {
    // JDK images (Temurin, OpenJDK, Corretto…) ship portable builds that run on any
    // recent glibc: the current Debian slim. A distribution's own JDK (apt on debian or
    // ubuntu) links against that release, so its runtime stays on it; Alpine's on musl.
    let system_jdk = matches!(w.image_name(), "debian" | "ubuntu");
    let (image, distro) = match builder {
        Distro::Alpine(_) => (builder.slim_image(), builder.clone()),
        Distro::Debian(Some(c)) if system_jdk => (builder.slim_image(), Distro::Debian(Some(c))),
        Distro::Ubuntu(_) if system_jdk => {
            (format!("{}:{}", w.image_name(), w.tag()), builder.clone())
        }
        _ => {
            let d = Distro::Debian(Some(common::DEFAULT_DEBIAN));
            (d.slim_image(), d)
        }
    };
    let compress = if java >= 21 { "zip-6" } else { "2" };
    // From JDK 13, --strip-debug also strips native symbols with objcopy (binutils),
    // which Temurin's JDK images carry and others (a distribution's JDK, slim images)
    // may not; --strip-java-debug-attributes needs no tool and, for their already
    // stripped libraries, makes the same runtime (measured, data/MEASURED.md).
    let name = w.image_name();
    let temurin = name.contains("temurin")
        || name == "gradle"
        || w.tag().contains("temurin")
        || w.resolved().contains("temurin");
    let strip = if java < 13 || temurin {
        "--strip-debug"
    } else {
        "--strip-java-debug-attributes"
    };
    let output = jlink_output(w, end);
    let mut e = Edits::default();
    e.insert(
        end,
        format!(
            "\n# A Java runtime with the Java SE modules for the runtime stage (jdeps --print-module-deps lists the jar's own, often fewer)\nRUN jlink --add-modules {} {strip} --no-man-pages --no-header-files --compress={compress} --output {output}",
            jlink_modules(java)
        ),
    );
    let mut rt = Runtime::new(RewriteKind::Jlink, image.clone(), distro.clone());
    rt.title = format!("jlink: Java {java} runtime onto {image}");
    rt.why = format!(
        "a runtime linked from the builder's own JDK holds only the Java SE modules, not the whole JRE; {image} is the smallest base with {} it needs",
        if distro.is_alpine() { "the musl libc" } else { "the glibc and shell" }
    );
    rt.builder = e;
    rt.head = vec!["ENV JAVA_HOME=/opt/jre \\\n    PATH=\"/opt/jre/bin:$PATH\"".to_string()];
    rt.caveats = jlink_caveats(java);
    if distro.is_alpine() && !w.image_name().contains("temurin") {
        rt.caveats.push("an Alpine JDK from apk needs its jmods package (openjdk17-jmods…) in the builder for jlink".into());
    }
    rt
}

/// What to check with any jlink runtime of [`jlink_modules`].
fn jlink_caveats(java: u32) -> Vec<String> {
    vec![
        format!(
            "the runtime holds {}: an app that uses other JDK modules (jdk.httpserver, jdk.jfr, jdk.management.agent for remote JMX, jdk.localedata for non-English locales) must add them to --add-modules",
            jlink_modules(java).replace(',', ", ")
        ),
        "`jdeps --ignore-missing-deps --print-module-deps` on the jar (for a Spring Boot jar, with its BOOT-INF/lib on the class path) lists the modules the code uses; linking only those is smaller still".into(),
        "apps that draw text (charts, PDFs, image captions) need fontconfig and fonts installed in the runtime: the JDK image had them, a slim base has not".into(),
    ]
}

/// A multi-stage file's final stage on a JDK or JRE image (Java 11+, not Alpine, no
/// package installs): a stage of Temurin's JDK links a runtime of the Java SE modules,
/// and the final stage runs on debian-slim with it.
fn multi_jlink(ctx: &Ctx, m: &Multi, fin_from: &Instruction, v: u32) -> Option<Proposal> {
    let name = m.fin.image_name();
    let java_image = matches!(
        name,
        "eclipse-temurin" | "openjdk" | "amazoncorretto" | "sapmachine" | "maven" | "gradle"
    );
    let installs = m.fin.has(|c| {
        matches!(
            program(c),
            "apt-get" | "apt" | "apk" | "yum" | "dnf" | "microdnf"
        )
    });
    if !java_image || v < 11 || m.fin.distro().is_alpine() || installs {
        return None;
    }
    let stage = ["jre", "jlink", "java-runtime"]
        .into_iter()
        .find(|n| ctx.model.stage_ref(n, usize::MAX).is_none())?;
    let compress = if v >= 21 { "zip-6" } else { "2" };
    let slim = Distro::Debian(Some(common::DEFAULT_DEBIAN)).slim_image();
    let mut e = Edits::default();
    let start = common::comment_start(ctx.text, fin_from);
    e.insert(
        start,
        format!(
            "FROM eclipse-temurin:{v}-jdk AS {stage}\n# A Java runtime with the Java SE modules (jdeps --print-module-deps lists the jar's own, often fewer)\nRUN jlink --add-modules {} --strip-debug --no-man-pages --no-header-files --compress={compress} --output /javaruntime\n\n",
            jlink_modules(v)
        ),
    );
    replace_from_image(&mut e, ctx.text, fin_from, &slim);
    e.insert(
        fin_from.end_offset,
        format!("\nENV JAVA_HOME=/opt/java/openjdk \\\n    PATH=\"/opt/java/openjdk/bin:$PATH\"\nCOPY --from={stage} /javaruntime /opt/java/openjdk"),
    );
    let mut caveats = jlink_caveats(v);
    caveats.insert(0, format!("a `{stage}` stage on eclipse-temurin:{v}-jdk links the runtime: the jar must run on Temurin's Java {v}"));
    common::edit_final(
        ctx,
        RewriteKind::Jlink,
        format!("jlink: Java {v} runtime onto {slim}"),
        format!("a runtime linked from Temurin's JDK holds only the Java SE modules, not the whole JRE; {slim} is the smallest base with the glibc and shell it needs"),
        e,
        caveats,
    )
}

fn multi_stage(ctx: &Ctx, m: &Multi) -> Vec<Proposal> {
    if m.fin.chain.len() != 1 {
        return vec![];
    }
    let Some(fin_from) = ctx.stage_from(m.fin.chain[0]) else {
        return vec![];
    };
    let name = m.fin.image_name().to_string();
    let tag = Tag::parse(m.fin.tag());
    let mut out = Vec::new();
    let mut caveats = Vec::new();

    // The final stage on a JDK or build-tool image: the JRE instead.
    let toolchain = matches!(name.as_str(), "maven" | "gradle" | "openjdk")
        || (name == "eclipse-temurin" && !tag.words.iter().any(|w| w == "jre"));
    if toolchain {
        let v = runtime_version(&m.fin, &mut caveats);
        let image = jre(v, m.fin.distro().is_alpine());
        let mut e = Edits::default();
        replace_from_image(&mut e, ctx.text, fin_from, &image);
        if v >= 11 {
            caveats.push(jlink_caveat());
        }
        out.extend(common::edit_final(
            ctx,
            RewriteKind::MultiStage,
            format!("Final stage on {image}"),
            format!("{image} runs the jar without the JDK's compiler and tools or the build tool"),
            e,
            caveats.clone(),
        ));
        out.extend(multi_jlink(ctx, m, fin_from, v));
        return out;
    }

    // The final stage copies the builder's whole directory: copy the jar only.
    if let Some((_, built)) = artifact(&m.src) {
        if !built.contains('*') {
            for ins in &m.copies {
                let (sources, dest) = Multi::copy_paths(ins);
                if sources.len() != 1 || sources[0].contains('$') || ins.json.is_some() {
                    continue;
                }
                let src = normalise(&join("/", &sources[0]));
                if src == built || !is_under(&built, &src) {
                    continue;
                }
                let rel = built[src.len()..].trim_start_matches('/').to_string();
                let dest_abs = normalise(&join(&m.fin.workdir_at(ins), &dest));
                let new_dest = format!("{}/{rel}", dest_abs.trim_end_matches('/'));
                let mut e = Edits::default();
                // Replace "<src> <dest>" (from the first source word to the end) by "<built> <new_dest>".
                let text = source_of(ctx.text, ins);
                let Some((pos, _)) = common::word_spans(text)
                    .into_iter()
                    .skip(1)
                    .find(|(_, w)| !w.starts_with("--"))
                else {
                    continue;
                };
                e.replace(
                    ins.start_offset + pos,
                    ins.end_offset,
                    format!("{built} {new_dest}"),
                );
                out.extend(common::edit_final(
                    ctx,
                    RewriteKind::ArtifactsOnly,
                    format!("Copy only {rel} into the final stage"),
                    format!("the final stage needs the jar, not the sources and classes of {src}"),
                    e,
                    vec![format!(
                        "COPY --from copied all of {src}; only {built} is copied now, to {new_dest}: files the app reads from {src} at run time must be copied too"
                    )],
                ));
            }
        }
    }

    // Already a Temurin JRE: its Alpine variant.
    if name == "eclipse-temurin" && tag.alpine.is_none() {
        if let Some(v) = tag.major() {
            let image = jre(v, true);
            let mut e = Edits::default();
            replace_from_image(&mut e, ctx.text, fin_from, &image);
            let mut c = vec!["the -jre-alpine tags are published for fewer architectures than the Ubuntu ones; check yours".to_string()];
            if m.fin.has(|c| matches!(program(c), "apt-get" | "apt")) {
                return out;
            }
            c.push("Alpine has musl libc: native libraries the app loads through JNI must be built for it".into());
            if v >= 11 {
                c.push(jlink_caveat());
            }
            out.extend(common::edit_final(
                ctx,
                RewriteKind::Alpine,
                format!("Final stage on {image}"),
                format!("{image} is the same Temurin {v} JRE on Alpine instead of Ubuntu"),
                e,
                c,
            ));
        }
    }
    if let Some(v) = tag.major() {
        out.extend(multi_jlink(ctx, m, fin_from, v));
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::engine::rewrite::proposed_kinds as kinds;
    use crate::engine::{analyze, Assumptions};

    const BUILD: &str = "FROM maven:3.9-eclipse-temurin-21 AS build\nWORKDIR /src\nCOPY . .\nRUN mvn -B package\n\n";

    #[test]
    fn a_jar_on_the_class_path_and_plain_class_files_get_a_jre_too() {
        // `java -cp <one jar> Main`: the jar goes where the command expects it.
        let t = "FROM maven:3.9-eclipse-temurin-17\nWORKDIR /src\nCOPY . .\nRUN mvn package\nCMD [\"java\", \"-cp\", \"target/hello-2.0.jar\", \"dev.Hello\"]\n";
        let a = analyze(t, &Assumptions::default());
        let r = a.rewrites.iter().find(|r| r.kind == "multi-stage").unwrap();
        assert!(r
            .dockerfile
            .contains("COPY --from=builder /src/target/*.jar /src/target/hello-2.0.jar\n"));
        assert!(r
            .dockerfile
            .ends_with("CMD [\"java\", \"-cp\", \"target/hello-2.0.jar\", \"dev.Hello\"]\n"));
        // A class path of several entries is not one jar: nothing to copy with certainty.
        let several = t.replace("target/hello-2.0.jar", "target/hello-2.0.jar:lib/*");
        assert!(kinds(&several).is_empty(), "{several}");
        // javac's class files, run from their directory; Java 8 has no jlink to suggest.
        let t = "FROM openjdk:8\nCOPY Hello.java /hello/\nWORKDIR /hello\nRUN javac Hello.java\nCMD [\"java\", \"Hello\"]\n";
        let a = analyze(t, &Assumptions::default());
        let r = a.rewrites.iter().find(|r| r.kind == "multi-stage").unwrap();
        assert_eq!(r.title, "Multi-stage: classes onto eclipse-temurin:8-jre");
        assert!(r
            .dockerfile
            .ends_with("FROM eclipse-temurin:8-jre\nWORKDIR /hello\nCOPY --from=builder /hello /hello\nCMD [\"java\", \"Hello\"]\n"), "{}", r.dockerfile);
        assert!(
            !r.caveats.iter().any(|c| c.contains("jlink")),
            "{:?}",
            r.caveats
        );
    }

    #[test]
    fn a_jdk_image_that_only_runs_a_jar_moves_to_the_jre() {
        let t = "FROM openjdk:17-jdk-slim-buster\nWORKDIR /app\nCOPY app.jar .\nENTRYPOINT java -jar app.jar\n";
        let a = analyze(t, &Assumptions::default());
        let r = a.rewrites.iter().find(|r| r.kind == "slim").unwrap();
        assert_eq!(
            r.dockerfile,
            t.replace("openjdk:17-jdk-slim-buster", "eclipse-temurin:17-jre")
        );
        assert!(r.bytes < a.before.bytes);
        assert!(kinds(t).contains(&"alpine"));
        // A JDK tool or a package install at build time, or a JRE already: left alone.
        for t in [
            "FROM openjdk:17\nCOPY A.java .\nRUN javac A.java\nCMD [\"java\", \"A\"]\n",
            "FROM eclipse-temurin:21\nRUN apt-get update && apt-get install -y fontconfig\nCOPY app.jar .\nCMD [\"java\", \"-jar\", \"app.jar\"]\n",
            "FROM eclipse-temurin:21-jre\nCOPY app.jar .\nCMD [\"java\", \"-jar\", \"app.jar\"]\n",
        ] {
            assert!(!kinds(t).contains(&"slim"), "{t}");
        }
    }

    #[test]
    fn a_multi_stage_file_on_a_jre_also_gets_a_jlink_runtime_on_debian_slim() {
        let t = format!(
            "{BUILD}FROM eclipse-temurin:21-jre\nCOPY --from=build /src/target/app.jar /app.jar\nENTRYPOINT [\"java\", \"-jar\", \"/app.jar\"]\n"
        );
        let a = analyze(&t, &Assumptions::default());
        let j = a.rewrites.iter().find(|r| r.kind == "jlink").unwrap();
        assert!(j
            .dockerfile
            .contains("FROM eclipse-temurin:21-jdk AS jre\n"));
        assert!(j
            .dockerfile
            .contains("--output /javaruntime\n\nFROM debian:"));
        assert!(j
            .dockerfile
            .contains("COPY --from=jre /javaruntime /opt/java/openjdk\n"));
        assert!(j.bytes < a.before.bytes);
        // A stage already named jre: the next free name.
        let named = t
            .replace("AS build", "AS jre")
            .replace("--from=build", "--from=jre");
        let a = analyze(&named, &Assumptions::default());
        let j = a.rewrites.iter().find(|r| r.kind == "jlink").unwrap();
        assert!(j.dockerfile.contains("AS jlink\n"), "{}", j.dockerfile);
        // Java 8 has no jlink; an Alpine runtime or a package install stays as it is.
        for fin in [
            "FROM eclipse-temurin:8-jre\n",
            "FROM eclipse-temurin:21-jre-alpine\n",
            "FROM eclipse-temurin:21-jre\nRUN apt-get update && apt-get install -y fontconfig\n",
        ] {
            let t = format!(
                "{BUILD}{fin}COPY --from=build /src/target/app.jar /app.jar\nCMD [\"java\", \"-jar\", \"/app.jar\"]\n"
            );
            assert!(!kinds(&t).contains(&"jlink"), "{t}");
        }
    }
}
