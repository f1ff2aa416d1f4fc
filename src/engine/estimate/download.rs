//! Toolchains and installer scripts a `RUN` downloads (curl/wget), until `tar` unpacks them.

use super::*;

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
