//! When the ecosystem is unclear: copy the program the image runs into a slim
//! image of the builder's OS, and say that it is a guess.
//!
//! Offered only for a single stage on a toolchain image whose `ENTRYPOINT`/`CMD`
//! runs a file by path that is not a script.

use super::common::{
    self, build_platform_caveat, join, normalise, os_packages, runtime_packages, single, Ctx,
    Runtime,
};
use super::detect::{Eco, Shape};
use super::{Proposal, RewriteKind};

/// Images that are toolchains: what they build is smaller than what they are.
const TOOLCHAINS: &[&str] = &[
    "golang",
    "rust",
    "gcc",
    "buildpack-deps",
    "swift",
    "haskell",
    "ocaml/opam",
    "dlang2/dmd-ubuntu",
    "crystallang/crystal",
    "nimlang/nim",
    "maven",
    "gradle",
    "mcr.microsoft.com/dotnet/sdk",
    "clojure",
    "elixir",
    "erlang",
];

pub fn propose(ctx: &Ctx, shape: &Shape, candidates: &[Eco]) -> Vec<Proposal> {
    let Shape::Single(w) = shape else {
        return vec![];
    };
    let name = w.image_name();
    // Only toolchain images: on an image that merely installs compilers, what the
    // program needs besides itself (data files, scripts, services) is anyone's guess.
    if !TOOLCHAINS.contains(&name) {
        return vec![];
    }
    let run = w.run_words();
    let Some(first) = run.first() else {
        return vec![];
    };
    if !(first.starts_with('/') || first.starts_with("./")) || first.contains('$') {
        return vec![];
    }
    let file = first.rsplit('/').next().unwrap_or("");
    let script = [".sh", ".py", ".rb", ".js", ".php", ".pl", ".jar", ".dll"]
        .iter()
        .any(|x| file.ends_with(x));
    if script || file.is_empty() {
        return vec![];
    }
    let path = normalise(&join(&w.workdir, first));
    // A program installed with the OS (`/usr/bin/…`) is not a build output.
    if ["/usr/bin/", "/bin/", "/usr/sbin/", "/sbin/"]
        .iter()
        .any(|d| path.starts_with(d))
    {
        return vec![];
    }
    let distro = w.distro();
    let image = distro.slim_image();
    let builder = common::builder_name(w.stage());
    let pk = runtime_packages(
        &os_packages(w),
        &[],
        &w.runtime_text(),
        w.distro().is_alpine(),
    );
    let mut rt = Runtime::new(RewriteKind::MultiStage, image.clone(), distro);
    rt.title = format!("Multi-stage onto {image} (generic)");
    rt.why = format!(
        "{image} is the builder's OS without its toolchain; the program is copied as a file"
    );
    rt.copies = vec![format!("COPY --from={builder} {path} {path}")];
    rt.packages = pk.install();
    let unsure = if candidates.len() > 1 {
        format!(
            "the build looks like {}: ",
            candidates
                .iter()
                .map(|e| e.name())
                .collect::<Vec<_>>()
                .join(" and ")
        )
    } else {
        String::new()
    };
    rt.caveats.push(format!(
        "{unsure}Slimfile did not recognise how this program is built, so this is a generic rewrite: it assumes {path} is a native program that runs on its own. If it needs the toolchain, an interpreter or other files from the builder at run time, copy those too"
    ));
    rt.caveats.extend(pk.caveats("programs linking them"));
    rt.caveats
        .extend(build_platform_caveat(ctx, w, "a program"));
    single(ctx, w, rt).into_iter().collect()
}
