//! dnf, yum and microdnf: approximated from the Debian closure of the same packages.

use super::*;

/// The Red Hat-family package managers.
pub(super) const RPM_TOOLS: [&str; 4] = ["dnf", "yum", "microdnf", "tdnf"];

/// `dnf install -y a b`, `yum -y install a`, `microdnf install a`: the tool and the names.
pub(super) fn rpm_install(c: &model::Command) -> Option<(&'static str, Vec<String>)> {
    let prog = c.program().rsplit('/').next().unwrap_or("");
    let tool = RPM_TOOLS.iter().copied().find(|t| *t == prog)?;
    // Options that take the next word as their value.
    const VALUED: &[&str] = &[
        "--enablerepo",
        "--disablerepo",
        "--installroot",
        "--releasever",
        "--setopt",
        "-x",
        "--exclude",
        "--repo",
        "--repofrompath",
        "--config",
        "-c",
    ];
    let mut words: Vec<&String> = Vec::new();
    let mut it = c.argv.iter().skip(1);
    while let Some(w) = it.next() {
        if VALUED.contains(&w.as_str()) {
            it.next();
        } else if !w.starts_with('-') {
            words.push(w);
        }
    }
    if words.first().map(|w| w.as_str()) != Some("install") {
        return None;
    }
    let names = words
        .into_iter()
        .skip(1)
        .filter(|w| !w.contains('$') && !w.contains('`'))
        .cloned()
        .collect();
    Some((tool, names))
}
