//! Toolchains and installer scripts a `RUN` downloads (curl/wget), until `tar` unpacks them.

use super::*;

/// An installer script a RUN downloads and pipes into a shell or Python.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Installer {
    /// NodeSource's apt setup: `setup_20.x`, `setup_lts.x`, `setup_current.x`.
    NodeSource(NodeLine),
    /// astral.sh/uv/install.sh: the uv and uvx binaries in ~/.local/bin.
    Uv,
    /// install.python-poetry.org: Poetry in a virtualenv of its own.
    Poetry,
    /// nvm's install.sh: a git checkout of nvm in ~/.nvm, of a size Slimfile does not know.
    Nvm,
}

/// A shell or Python reading its script from stdin (`sh`, `bash -s -- -y`, `python3 -`):
/// what runs an installer piped from curl. Not `bash build.sh` or `bash -c '…'`.
pub(super) fn runs_piped_script(c: &model::Command) -> bool {
    let prog = c.program().rsplit('/').next().unwrap_or("");
    if !matches!(prog, "sh" | "bash" | "dash" | "python" | "python3") {
        return false;
    }
    let mut args = c.argv.iter().skip(1).take_while(|w| *w != "--");
    args.all(|w| w == "-" || (w.starts_with('-') && w != "-c" && !w.starts_with("-c")))
}

/// `curl`/`wget` of an installer script Slimfile knows.
pub(super) fn installer_script(c: &model::Command) -> Option<Installer> {
    let (url, _) = model::download(&c.argv)?;
    let host_path = url.split("://").nth(1).unwrap_or("");
    if let Some(tail) = host_path.strip_prefix("deb.nodesource.com/setup") {
        let line = match tail.trim_start_matches('_').trim_end_matches(".x") {
            "lts" => NodeLine::Lts,
            m => m.parse().map_or(NodeLine::Current, NodeLine::Major),
        };
        return Some(Installer::NodeSource(line));
    }
    if host_path.starts_with("astral.sh/uv/") && host_path.ends_with("install.sh") {
        return Some(Installer::Uv);
    }
    if host_path.trim_end_matches('/') == "install.python-poetry.org" {
        return Some(Installer::Poetry);
    }
    if host_path.contains("nvm-sh/nvm/") && host_path.ends_with("/install.sh") {
        return Some(Installer::Nvm);
    }
    None
}

/// `curl`/`wget` of a package repository's signing key: a URL ending in `.gpg`, `.asc`,
/// `.key`, `.pub` or `/gpg`, `/gpgkey` (download.docker.com/linux/debian/gpg,
/// dl.yarnpkg.com/debian/pubkey.gpg, deb.nodesource.com/gpgkey/nodesource-repo.gpg.key).
pub(super) fn signing_key_download(c: &model::Command) -> bool {
    model::download(&c.argv).is_some_and(|(url, _)| {
        let u = url.to_ascii_lowercase();
        let path = u.split(['?', '#']).next().unwrap_or("");
        [".gpg", ".asc", ".key", ".pub", "/gpg", "/gpgkey"]
            .iter()
            .any(|e| path.ends_with(e))
    })
}

/// A download of a toolchain's release archive (`curl -fsSL URL`, `wget -O go.tgz URL`).
pub(super) struct Download {
    pub(super) dist: sizes::dist::Dist,
    /// The file it writes; None when it writes to stdout, into a pipe.
    pub(super) file: Option<String>,
    pub(super) program: String,
    /// A `tar` of the same RUN unpacked it.
    pub(super) used: bool,
}

/// `curl`/`wget` of a release archive the toolchain tables know (Node.js, Go).
pub(super) fn toolchain_download(c: &model::Command) -> Option<Download> {
    let (url, file) = model::download(&c.argv)?;
    Some(Download {
        dist: sizes::dist::dist_of_url(&url)?,
        file,
        program: c.program().rsplit('/').next().unwrap_or("").to_string(),
        used: false,
    })
}

/// An installer script downloaded (NodeSource's setup, uv's, Poetry's, nvm's): what it installs.
pub(super) fn installer_step(cx: &Cx, st: &mut StageState, run: &mut Run, inst: Installer) {
    let Cx { a, env, sc, .. } = *cx;
    let cmds = &sc.cmds;
    // nvm's install.sh clones nvm into ~/.nvm: a size Slimfile does not know, and
    // the shell that runs it stays unknown too.
    if inst != Installer::Nvm {
        run.modelled += 1;
        run.script_here = true;
    }
    match inst {
        Installer::Nvm => run
            .unknown
            .push("nvm's install.sh (a git checkout of nvm)".into()),
        Installer::NodeSource(line) => {
            // The script (nodesource/distributions' deb setup): `apt-get update`,
            // `apt-get install -y ca-certificates curl gnupg`, the repository, `apt-get
            // update` again.
            st.nodesource = Some(line);
            run.apt.update = true;
            run.apt.installs.push((
                ["ca-certificates", "curl", "gnupg"]
                    .map(String::from)
                    .to_vec(),
                true,
            ));
        }
        Installer::Uv => {
            let f = add(facts::UV_BINARY, facts::UVX_BINARY);
            run.total = add(run.total, f);
            run.basis.push(format!(
                "uv's installer: uv and uvx in ~/.local/bin, {} (the musl builds' size stands in: {})",
                fmt_bytes(f.bytes),
                facts::UV_BINARY.source
            ));
        }
        Installer::Poetry => {
            // A virtualenv of its own with pip, and Poetry installed into it.
            let (venv, venv_what) = venv_with_pip(st.python_minor);
            // `POETRY_VERSION=1.8.2 python3 -` sets it for the installer's Python.
            let inline = cmds
                .iter()
                .flat_map(|o| o.env.iter())
                .find(|(k, _)| k == "POETRY_VERSION")
                .map(|(_, v)| v.clone());
            let req = match inline
                .or_else(|| env.get("POETRY_VERSION").cloned())
                .filter(|v| !v.is_empty())
            {
                Some(v) => format!("poetry=={v}"),
                None => "poetry".to_string(),
            };
            let inst = sizes::pip::install(&[req], &Default::default(), a.as_of.as_deref());
            let (installed, text) = pip_installed(&inst, st.python_minor, None);
            let f = add(venv, installed);
            run.total = add(run.total, f);
            run.basis.push(format!(
                "Poetry's installer: a {venv_what}, and Poetry with {} package(s) in it, {text}",
                inst.packages.len(),
            ));
        }
    }
}

/// `tar x`: a toolchain archive downloaded earlier in this RUN, unpacked; the archive stays
/// unless removed.
pub(super) fn tar_step(cx: &Cx, st: &mut StageState, run: &mut Run, t: model::TarExtract) {
    let Cx { sc, .. } = *cx;
    let cmds = &sc.cmds;
    let name = |p: &str| p.rsplit('/').next().unwrap_or(p).to_string();
    let from = |d: &Download| match (&t.file, &d.file) {
        (None, None) => true,
        (Some(tf), Some(df)) => name(tf) == name(df),
        _ => false,
    };
    match run.downloads.iter_mut().rev().find(|d| !d.used && from(d)) {
        Some(d) => {
            d.used = true;
            run.modelled += 1;
            let mut files = sizes::dist::unpacked(&d.dist);
            // The node images' trim: OpenSSL's headers for other architectures
            // deleted in the same RUN.
            let trim = sizes::dist::trimmable(&d.dist);
            let trimmed = trim > 0
                && cmds.iter().any(|o| {
                    (o.is("rm", &[]) || o.is("find", &[]))
                        && o.argv.iter().any(|w| w.contains("openssl/archs"))
                });
            if let (true, Some((f, b))) = (trimmed, files.as_mut()) {
                *f = fact(
                    f.bytes.saturating_sub(trim),
                    f.low.saturating_sub(trim),
                    f.high.saturating_sub(trim),
                );
                b.push_str(&format!(
                    "; less OpenSSL's headers for other architectures, which this RUN deletes: −{}",
                    fmt_bytes(trim)
                ));
            }
            // The Go that later builds in this stage is this release.
            if d.dist.name == "Go" {
                let v = d.dist.version.as_deref().unwrap_or("");
                let mut parts = v.split('.').map(|p| p.parse::<u32>().ok());
                if let (Some(Some(a)), Some(Some(b))) = (parts.next(), parts.next()) {
                    st.go_version = Some((a, b));
                }
            }
            if let Some((f, b)) = &files {
                run.total = add(run.total, *f);
                run.basis.push(format!("`{}` unpacked: {b}", d.dist.file));
                let dir = join_path(&st.workdir, t.dir.as_deref().unwrap_or("."));
                let path = if t.strip {
                    dir
                } else {
                    join_path(&dir, &d.dist.top_dir)
                };
                st.add_artifact(Artifact {
                    made_by: 0,
                    either: false,
                    path,
                    size: *f,
                    basis: format!("{} release", d.dist.name),
                });
            }
            if let Some(file) = &d.file {
                let deleted = cmds
                    .iter()
                    .any(|o| model::rm_covers(&o.argv, file, &st.workdir));
                if let (false, Some((f, _))) = (deleted, files) {
                    // The archive is about the size its files compress to.
                    let xz = d.dist.file.ends_with(".xz");
                    let r = if xz {
                        facts::XZ_TOOLCHAIN_PER_BYTE
                    } else {
                        facts::GZIP_PER_BYTE
                    };
                    let kept = per_mille(f.bytes, r);
                    run.total = add(run.total, kept);
                    run.basis.push(format!(
                        "the archive `{}` stays in the layer: about {}, what its files compress to with {} ({}) — `rm` it in the same RUN, or pipe the download into tar",
                        d.dist.file,
                        fmt_bytes(kept.bytes),
                        if xz { "xz" } else { "gzip" },
                        r.source
                    ));
                }
            }
        }
        None => run.unknown.push("tar".into()),
    }
}
