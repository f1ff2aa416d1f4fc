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

/// `dnf`/`yum`/`microdnf install`: approximated with the Debian closure of the same-named
/// packages.
pub(super) fn rpm_step(
    cx: &Cx,
    st: &mut StageState,
    run: &mut Run,
    (tool, names): (&'static str, Vec<String>),
) {
    let Cx { sc, .. } = *cx;
    let cmds = &sc.cmds;
    run.modelled += 1;
    let present = st.debian_equiv.get_or_insert_with(sizes::apt::base_set);
    let ap = sizes::rpm::install(&names, present);
    let r = facts::RPM_PER_DEBIAN;
    run.total = add(run.total, per_mille(ap.bytes, r));
    let cleaned = cmds.iter().any(|o| {
        RPM_TOOLS.iter().any(|p| o.is(p, &["clean"]))
            || o.is("rm", &[])
                && o.argv.iter().any(|w| {
                    w.starts_with("/var/cache/dnf")
                        || w.starts_with("/var/cache/yum")
                        || w.starts_with("/var/cache/{")
                })
    });
    run.basis.push(format!(
        "{tool}: approximation (low confidence) — {} package(s) priced as Debian bookworm's of the same name{} with dependencies ({} package(s), {} on a slim image) {} (no RPM repository is reachable to measure){}{}",
        ap.priced.len(),
        if ap.priced.is_empty() {
            String::new()
        } else {
            format!(
                " ({})",
                ap.priced
                    .iter()
                    .map(|(r, d)| if r == d { r.clone() } else { format!("{r} as {d}") })
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        },
        ap.packages,
        fmt_bytes(ap.bytes),
        ratio_text(r),
        if ap.unknown.is_empty() {
            String::new()
        } else {
            format!("; no equivalent (not counted): {}", ap.unknown.join(" "))
        },
        if cleaned {
            ""
        } else {
            "; its metadata cache stays in the image (not counted; `clean all` in the same RUN removes it)"
        }
    ));
    run.unknown_deps |= ap.priced.is_empty();
}
