//! Maven, Gradle, javac, jlink and Spring Boot's layered jar.

use super::*;

/// The folders Spring Boot's layered jar extracts to, in its default layers.idx order.
pub(super) const SPRING_BOOT_LAYERS: [&str; 4] = [
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
