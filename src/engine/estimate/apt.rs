//! apt-get and dpkg on Debian and Ubuntu: the dependency closure minus the base, docs a slim
//! image skips, bookkeeping and lists.

use super::*;

/// The locales `locale-gen [NAME…]`, `localedef … NAME` or `dpkg-reconfigure locales`
/// compiles: the names given, else those a `sed` of /etc/locale.gen in the same RUN
/// uncomments (none found: what locale.gen already lists). Names as glibc normalises them
/// (`en_US.utf8` is `en_US.UTF-8`).
pub(super) fn locales_compiled(c: &model::Command, cmds: &[model::Command]) -> Option<Vec<String>> {
    let prog = c.program().rsplit('/').next().unwrap_or("");
    let names = |args: &[String]| -> Vec<String> {
        args.iter()
            .filter(|w| !w.starts_with(['-', '/']))
            .filter_map(|w| {
                // The first word shaped `ll_CC…` in the argument (`s/# de_DE.UTF-8/…/`).
                w.split(|ch: char| !(ch.is_ascii_alphanumeric() || "_.-@".contains(ch)))
                    .find(|t| {
                        let b = t.as_bytes();
                        b.len() >= 5 && b[2] == b'_' && b[..2].iter().all(u8::is_ascii_lowercase)
                    })
            })
            .map(|t| t.to_ascii_lowercase().replace("utf-8", "utf8"))
            .collect()
    };
    let from_sed = || -> Vec<String> {
        // `sed -i 's/# de_DE…/de_DE…/' /etc/locale.gen`, `echo 'en_US.UTF-8 UTF-8' >>
        // /etc/locale.gen`.
        cmds.iter()
            .filter(|o| {
                matches!(o.program(), "sed" | "echo" | "printf")
                    && o.argv.iter().any(|w| w.ends_with("locale.gen"))
            })
            .flat_map(|o| names(o.words().get(1..).unwrap_or_default()))
            .collect()
    };
    match prog {
        "locale-gen" => {
            let n = names(c.words().get(1..).unwrap_or_default());
            Some(if n.is_empty() { from_sed() } else { n })
        }
        // `localedef -i en_US -c -f UTF-8 -A /usr/share/locale/locale.alias en_US.UTF-8`
        "localedef"
            if c.argv
                .iter()
                .any(|w| w == "-i" || w.starts_with("--inputfile")) =>
        {
            let n = names(
                c.words()
                    .last()
                    .map(std::slice::from_ref)
                    .unwrap_or_default(),
            );
            Some(if n.is_empty() {
                vec!["localedef".into()]
            } else {
                n
            })
        }
        "dpkg-reconfigure" if c.argv.iter().any(|w| w == "locales") => Some(from_sed()),
        _ => None,
    }
}

/// What the apt commands of one RUN do.
#[derive(Debug, Default)]
pub(super) struct AptStep {
    pub(super) update: bool,
    /// (packages, with recommends)
    pub(super) installs: Vec<(Vec<String>, bool)>,
    pub(super) lists_removed: bool,
    /// /var/lib/apt (or its lists) is a cache mount: the lists never reach the layer.
    pub(super) lists_mounted: bool,
    pub(super) upgrade: bool,
    /// `apt-get remove`/`purge` of these packages in the same RUN, with how many installs
    /// came before it (only those are undone).
    pub(super) removed: Vec<(String, usize)>,
    /// `--auto-remove` on the remove, or `apt-get autoremove`: the dependencies only the
    /// removed packages needed go too.
    pub(super) autoremove: bool,
    /// The official images' saved-mark pattern: `apt-mark auto '.*'` after this many
    /// installs marks everything they installed as removable…
    pub(super) marked_auto: Option<usize>,
    /// …`apt-mark manual NAME…` (literal names) keeps some…
    pub(super) marked_manual: Vec<String>,
    /// …`… ldd … | xargs -r apt-mark manual` keeps the packages of the libraries the
    /// programs it built link…
    pub(super) keeps_linked: bool,
    /// …and `apt-get purge --auto-remove` (or `autoremove`) after the mark removes the rest.
    pub(super) purged_after_mark: bool,
    /// The RUN lists the manually installed packages (`apt-mark showmanual`), or runs
    /// `ldd`: what an `xargs apt-mark auto`/`manual` is fed.
    pub(super) showmanual: bool,
    pub(super) ldd: bool,
}

impl AptStep {
    pub(super) fn touched(&self) -> bool {
        self.update
            || !self.installs.is_empty()
            || !self.removed.is_empty()
            || self.lists_removed
            || self.upgrade
    }

    /// Whether an install of this RUN names a package `is` accepts.
    pub(super) fn installs_any(&self, is: impl Fn(&str) -> bool) -> bool {
        self.installs.iter().any(|(ps, _)| ps.iter().any(|p| is(p)))
    }

    /// Takes the packages `is` accepts out of this RUN's installs (another source prices
    /// them); an install left with none goes.
    pub(super) fn take_out(&mut self, is: impl Fn(&str) -> bool) {
        for (ps, _) in self.installs.iter_mut() {
            ps.retain(|p| !is(p));
        }
        self.installs.retain(|(ps, _)| !ps.is_empty());
    }
}

pub(super) fn apt_command(c: &model::Command, apt: &mut AptStep) -> bool {
    let prog = c.program().rsplit('/').next().unwrap_or("");
    if prog == "rm" && c.argv.iter().any(|w| w.starts_with("/var/lib/apt/lists")) {
        apt.lists_removed = true;
        return true;
    }
    if prog == "apt-mark" {
        apt_mark(&c.words()[1..], apt);
        return true;
    }
    // `… ldd … | xargs -r apt-mark manual`: the ldd step's packages;
    // `apt-mark showmanual | xargs apt-mark auto`: every package marked removable.
    if prog == "xargs" {
        match xargs_program(c) {
            Some(("apt-mark", Some("manual"))) => {
                apt.keeps_linked |= apt.ldd;
            }
            Some(("apt-mark", Some("auto"))) => {
                if apt.showmanual {
                    apt.marked_auto = Some(apt.installs.len());
                    apt.purged_after_mark = false;
                }
            }
            _ => return false,
        }
        return true;
    }
    if !matches!(prog, "apt-get" | "apt" | "aptitude") {
        return false;
    }
    let mut words = c.argv[1..].iter().peekable();
    let mut verb = None;
    let mut packages = Vec::new();
    let mut recommends = true;
    let mut auto = false;
    while let Some(w) = words.next() {
        if w == "--auto-remove" || w == "--autoremove" {
            auto = true;
        } else if w == "-o" || w == "--option" {
            if let Some(o) = words.next() {
                if o.to_ascii_lowercase().contains("install-recommends=false")
                    || o.contains("Install-Recommends=0")
                {
                    recommends = false;
                }
            }
        } else if w == "--no-install-recommends" {
            recommends = false;
        } else if w.starts_with('-') {
        } else if verb.is_none() {
            verb = Some(w.as_str());
        } else {
            packages.push(w.clone());
        }
    }
    match verb {
        Some("update") => apt.update = true,
        Some("install") => apt.installs.push((packages, recommends)),
        Some("upgrade" | "dist-upgrade" | "full-upgrade") => apt.upgrade = true,
        Some("remove" | "purge") => {
            let n = apt.installs.len();
            apt.removed.extend(packages.into_iter().map(|p| (p, n)));
            apt.autoremove |= auto;
            apt.purged_after_mark |= auto && apt.marked_auto.is_some();
        }
        Some("autoremove") => {
            apt.autoremove = true;
            apt.purged_after_mark |= apt.marked_auto.is_some();
        }
        // apt 2.7.8+ (noble, trixie): removes the package lists and the .deb cache.
        Some("dist-clean") => apt.lists_removed = true,
        _ => {}
    }
    true
}

/// `apt-mark auto '.*'` marks every package as removable; `apt-mark manual NAME…` keeps
/// the named ones (`$savedAptMark`, the packages marked before the RUN, stays as it was).
fn apt_mark(args: &[String], apt: &mut AptStep) {
    let words = args.iter().filter(|w| !w.starts_with('-'));
    let mut words = words.map(String::as_str);
    match words.next() {
        Some("auto") if words.any(|w| matches!(w, ".*" | "^.*$" | "'.*'")) => {
            apt.marked_auto = Some(apt.installs.len());
            apt.purged_after_mark = false;
        }
        Some("manual") => apt.marked_manual.extend(
            words
                .filter(|w| {
                    w.chars()
                        .all(|c| c.is_ascii_alphanumeric() || "+-.:=".contains(c))
                })
                .map(str::to_string),
        ),
        _ => {}
    }
}

/// When another release's table prices the stage (bullseye's for stretch, focal's for
/// bionic), how far the install may be off, in per mille either side, and why: the same
/// install differs between the stand-in and its neighbour release (bookworm, jammy) by
/// some share, and the codename is that many releases from the stand-in. Capped at 90 %.
/// Packages grow and shrink between releases (gcc and make: bullseye 216 MB, bookworm
/// 292 MB, trixie 243 MB), so the range widens both ways and the estimate stays put.
fn stand_in_drift(
    (codename, release, slim): (Option<&str>, sizes::apt::Release, bool),
    pkgs: &[String],
    recommends: bool,
) -> Option<(u64, String)> {
    use sizes::apt::Release;
    use sizes::base::{DEBIAN_RELEASES, UBUNTU_LTS};
    let codename = codename?;
    if codename == release.name() || pkgs.is_empty() {
        return None;
    }
    let neighbour = match release {
        Release::Bullseye | Release::Trixie => Release::Bookworm,
        Release::Focal | Release::Noble => Release::Jammy,
        Release::Bookworm | Release::Jammy => return None,
    };
    if !neighbour.available() {
        neighbour.request();
        return None;
    }
    let debian = |c: &str| DEBIAN_RELEASES.iter().position(|(n, _)| *n == c);
    let lts_date = |c: &str| {
        sizes::base::ubuntu_releases()
            .find(|(n, _, _)| *n == c)
            .map(|(_, _, d)| *d)
    };
    let steps = match (debian(codename), debian(release.name())) {
        (Some(a), Some(b)) => a.abs_diff(b),
        // Releases the list lacks: wheezy (Debian 7) and forky (14, after trixie).
        (None, Some(b)) if codename == "wheezy" => DEBIAN_RELEASES.len() - b,
        (None, Some(_)) => 1,
        _ => match (lts_date(codename), lts_date(release.name())) {
            // The LTS releases between the codename and the stand-in (an interim release
            // is one step from the LTS after it).
            (Some(a), Some(b)) => UBUNTU_LTS
                .iter()
                .filter(|(_, _, d)| a.min(b) < *d && *d <= a.max(b))
                .count()
                .max(1),
            _ => 1,
        },
    } as u64;
    let kept_on = |r: Release| {
        let present = sizes::apt::base_set_of(r);
        apt_kept(&sizes::apt::install_in(r, pkgs, recommends, &present), slim).bytes
    };
    let here = kept_on(release);
    let there = kept_on(neighbour);
    if here == 0 {
        return None;
    }
    let drift = here.abs_diff(there).saturating_mul(1000) / here;
    let per_mille = drift.saturating_mul(steps).min(900);
    Some((
        per_mille,
        format!(
            "{codename} is {steps} release(s) from {}, whose packages priced this: the same install is {} in {} against {} in {}, so the range is ±{} %",
            release.name(),
            fmt_bytes(there),
            neighbour.name(),
            fmt_bytes(here),
            release.name(),
            (per_mille + 5) / 10,
        ),
    ))
}

/// What an apt install leaves of its packages: their files (on a slim image minus the
/// docs, man pages and translations dpkg skips there, measured per package from the
/// .debs) and dpkg's records of them. Unmeasured packages widen the range.
pub(super) fn apt_kept(inst: &sizes::apt::Install, slim: bool) -> Fact {
    let files = if slim { inst.slim } else { inst.files } + inst.generated;
    let r = facts::APT_RECORDS_PER_FILE_BYTE;
    // Packages not measured, or measured only in another release (scaled), widen the range.
    let unmeasured = (inst.new.len().saturating_sub(inst.slim_measured) + inst.scaled)
        .min(inst.new.len()) as u64;
    let share = unmeasured * 1000 / (inst.new.len() as u64).max(1);
    fact(
        files + files * r.bytes / 1000,
        files + files * r.low / 1000 - files * share / 1000 * 15 / 100,
        files + files * r.high / 1000 + files * share / 1000 * 15 / 100,
    )
}

pub(super) fn apt_layer(apt: &AptStep, st: &mut StageState) -> (Fact, String) {
    let mut total = fact(0, 0, 0);
    let mut parts = Vec::new();
    let release_of_stage = (st.apt_codename, st.apt_release, st.slim);
    let Some(present) = st.apt.as_mut() else {
        return (
            total,
            "apt on a base that is not Debian-based: not modelled".to_string(),
        );
    };
    // Packages this RUN installs and removes again: with --auto-remove (or `apt-get
    // autoremove`) the dependencies only they needed go too, so what stays is what the
    // other packages need — the install without them. Without it their dependencies stay.
    let base_name = |p: &str| p.split(['=', ':']).next().unwrap_or(p).to_string();
    // A removal undoes the installs before it, not those after.
    let undone = |name: &str, k: usize| {
        apt.removed
            .iter()
            .any(|(r, before)| k < *before && base_name(r) == name)
    };
    let mut gone: Vec<String> = Vec::new();
    for (k, (ps, _)) in apt.installs.iter().enumerate() {
        for p in ps {
            let n = base_name(p);
            if undone(&n, k) && !gone.contains(&n) {
                gone.push(n);
            }
        }
    }
    let installs: Vec<(Vec<String>, bool)> = if gone.is_empty() || !apt.autoremove {
        apt.installs.clone()
    } else {
        apt.installs
            .iter()
            .enumerate()
            .map(|(k, (ps, r))| {
                let kept = ps.iter().filter(|p| !undone(&base_name(p), k)).cloned();
                (kept.collect(), *r)
            })
            .collect()
    };
    // The saved-mark pattern: what the installs before `apt-mark auto '.*'` brought goes
    // with the purge, but for the packages marked manual again: those named, and with the
    // ldd step the shared libraries of the -dev packages it built against.
    let mut installs = installs;
    let mut maybe_linked = Vec::new();
    let saved_mark = apt.marked_auto.filter(|_| apt.purged_after_mark);
    if let Some(m) = saved_mark {
        let m = m.min(installs.len());
        let named: Vec<String> = installs[..m]
            .iter()
            .flat_map(|(ps, _)| ps.iter().map(|p| base_name(p)))
            .collect();
        let mut kept: Vec<String> = named
            .iter()
            .filter(|n| apt.marked_manual.contains(n))
            .cloned()
            .collect();
        let purged: Vec<&str> = named
            .iter()
            .filter(|n| !kept.contains(n))
            .map(String::as_str)
            .collect();
        let mut text = format!(
            "apt-mark auto '.*' then purge --auto-remove: the {} package(s) this RUN installed go again with their dependencies ({}{})",
            purged.len(),
            purged.iter().take(8).copied().collect::<Vec<_>>().join(" "),
            if purged.len() > 8 { " …" } else { "" }
        );
        if apt.keeps_linked {
            let (direct, through) = sizes::apt::runtime_libraries(st.apt_release, &named);
            text.push_str(&format!(
                "; kept: the libraries the programs it built link (`apt-mark manual` of ldd's packages), taken as the shared-library packages its -dev packages depend on: {}{}",
                if direct.is_empty() {
                    "none".to_string()
                } else {
                    direct.join(" ")
                },
                if through.is_empty() {
                    String::new()
                } else {
                    format!(
                        "; up to {} more through their -dev dependencies (the range's top)",
                        through.len()
                    )
                }
            ));
            kept.extend(direct);
            maybe_linked = through;
        }
        parts.push(text);
        gone.extend(purged.iter().map(|p| p.to_string()));
        installs.drain(..m);
        if m > 0 {
            // dpkg ran, whatever stays.
            installs.insert(0, (kept, false));
        }
    }
    if !gone.is_empty() && saved_mark.is_none() {
        parts.push(if apt.autoremove {
            format!(
                "removed again in the same RUN with the dependencies only they needed (--auto-remove): {}, not counted",
                gone.join(" ")
            )
        } else {
            format!(
                "removed again in the same RUN without --auto-remove: {}; their dependencies stay, and the estimate counts them whole (an upper bound)",
                gone.join(" ")
            )
        });
    }
    let before = present.len();
    // The packages before this RUN, kept when it removes any.
    let present_before = (!apt.removed.is_empty() || saved_mark.is_some()).then(|| present.clone());
    // What the installs below add; unless some went again, also all dpkg unpacked.
    let mut new_here = Vec::new();
    let mut debconf = false;
    for (pkgs, recommends) in &installs {
        let inst = sizes::apt::install_in(st.apt_release, pkgs, *recommends, present);
        present.extend(inst.new.iter().copied());
        new_here.extend(inst.new.iter().copied());
        // Debian's Go toolchain names its version (`golang-1.19-go`): the build cache depends on it.
        for p in inst
            .new
            .iter()
            .filter_map(|&i| sizes::apt::package_in(st.apt_release, i))
        {
            if let Some(minor) = p
                .name
                .strip_prefix("golang-1.")
                .and_then(|r| r.strip_suffix("-go"))
                .and_then(|m| m.parse::<u32>().ok())
            {
                st.go_version = Some((1, minor));
            }
            // Debian's Python (`python3.11`): what `python3 -m venv` bundles depends on it.
            if let Some(minor) = p
                .name
                .strip_prefix("python3.")
                .and_then(|m| m.parse::<u32>().ok())
            {
                st.python_minor = Some(minor);
            }
        }
        let mut kept = apt_kept(&inst, st.slim);
        let stand_in = stand_in_drift(release_of_stage, pkgs, *recommends);
        if let Some((per_mille, _)) = stand_in {
            let w = kept.bytes * per_mille / 1000;
            kept = fact(
                kept.bytes,
                kept.low.saturating_sub(w),
                kept.high.saturating_add(w),
            );
        }
        // Debian byte-compiles Python modules on install (py3compile).
        // Measured per package; packages not measured widen the range.
        let unmeasured_py = inst.python.saturating_sub(inst.python_measured) > 0;
        let pyc = if unmeasured_py {
            fact(inst.pyc, inst.pyc / 2, inst.pyc * 2)
        } else {
            fact(inst.pyc, inst.pyc * 98 / 100, inst.pyc * 102 / 100)
        };
        total = add(total, add(kept, pyc));
        debconf |= inst.debconf;
        let names: Vec<&str> = inst
            .new
            .iter()
            .filter_map(|&i| sizes::apt::package_in(st.apt_release, i))
            .map(|p| p.name)
            .take(6)
            .collect();
        let mut extra = Vec::new();
        if inst.generated > 0 {
            extra.push(format!(
                "files its install scripts write (the CA bundle) {}",
                fmt_bytes(inst.generated)
            ));
        }
        if inst.pyc > 0 {
            extra.push(format!(
                ".pyc files py3compile writes {} ({} for {} of {} Python packages)",
                fmt_bytes(inst.pyc),
                if inst.pyc_scaled > 0 {
                    "scaled from bookworm's measurements"
                } else {
                    "measured"
                },
                inst.python_measured,
                inst.python
            ));
        }
        if let Some((_, text)) = stand_in {
            extra.push(text);
        }
        if pkgs.is_empty() {
            // Everything it installed went again (the saved-mark pattern).
            continue;
        }
        let kept_text = if st.slim && st.apt_release.is_ubuntu() && inst.slim_measured == 0 {
            format!(
                "{} at Installed-Size (Ubuntu keeps translations in language packs; the docs and man pages its image skips are not measured)",
                fmt_bytes(inst.slim)
            )
        } else if st.slim {
            let how = if inst.scaled > 0 && inst.scaled == inst.slim_measured {
                "scaled from bookworm's measurements of the same packages"
            } else if inst.scaled > 0 {
                "measured, or scaled from bookworm's measurements,"
            } else {
                "measured"
            };
            format!(
                "{} on a slim image (docs, man pages, translations skipped; {how} for {} of {} packages)",
                fmt_bytes(inst.slim),
                inst.slim_measured,
                inst.new.len(),
            )
        } else if inst.scaled > 0 {
            format!(
                "{} with docs (scaled from bookworm's measurements of the same packages for {} of {})",
                fmt_bytes(inst.files),
                inst.scaled,
                inst.new.len()
            )
        } else {
            format!("{} with docs", fmt_bytes(inst.files))
        };
        let release = st.apt_release.name();
        parts.push(format!(
            "apt{}: {} new package(s){}{} — Installed-Size {} ({}{}), files {}{}",
            match st.apt_codename {
                Some(c) if c != release => format!(" ({release}'s packages stand in for {c}'s)"),
                _ if st.apt_release != sizes::apt::Release::Bookworm => {
                    format!(" ({release}'s packages)")
                }
                _ => String::new(),
            },
            inst.new.len(),
            if names.is_empty() {
                String::new()
            } else {
                format!(": {}", names.join(", "))
            },
            if inst.new.len() > names.len() {
                ", …"
            } else {
                ""
            },
            fmt_bytes(inst.installed),
            if *recommends {
                "with Recommends"
            } else {
                "--no-install-recommends"
            },
            if inst.unknown.is_empty() {
                String::new()
            } else {
                format!("; not in the {release} table: {}", inst.unknown.join(" "))
            },
            kept_text,
            extra.iter().map(|e| format!("; {e}")).collect::<String>()
        ));
    }
    // What dpkg unpacks, whatever goes again in the same RUN: its logs record each. When
    // nothing went, the installs above are this RUN's own and added exactly that.
    let unpacked = match &present_before {
        Some(p0) if !gone.is_empty() || saved_mark.is_some() => {
            let mut p = p0.clone();
            let mut all = Vec::new();
            for (ps, r) in &apt.installs {
                let inst = sizes::apt::install_in(st.apt_release, ps, *r, &p);
                p.extend(inst.new.iter().copied());
                all.extend(inst.new);
            }
            all
        }
        _ => new_here,
    };
    // Removals of packages an earlier step or the base put there (a package installs
    // nothing new when it is present).
    let earlier_removed = apt
        .removed
        .iter()
        .map(|(r, _)| base_name(r))
        .filter(|n| !gone.contains(n))
        .filter(|n| {
            present_before.as_ref().is_some_and(|p0| {
                let i = sizes::apt::install_in(st.apt_release, std::slice::from_ref(n), false, p0);
                i.new.is_empty() && i.unknown.is_empty()
            })
        })
        .count();
    // Removed without --auto-remove: the named packages go, their dependencies stay.
    let plain_removed = if apt.autoremove { 0 } else { gone.len() };
    // Nothing new to install: dpkg does not run. (A package installed and removed again
    // still ran it.) When it runs it rewrites its status file and its logs whole.
    if !unpacked.is_empty() || !gone.is_empty() || earlier_removed > 0 {
        let (f, text) = dpkg_bookkeeping(
            st,
            &unpacked,
            before,
            earlier_removed + plain_removed,
            debconf,
        );
        total = add(total, f);
        parts.push(text);
    }
    if !maybe_linked.is_empty() {
        let Some(present) = st.apt.as_ref() else {
            return (total, parts.join("; "));
        };
        let inst = sizes::apt::install_in(st.apt_release, &maybe_linked, false, present);
        let more = apt_kept(&inst, st.slim);
        total = add(total, fact(0, 0, more.high));
    }
    if apt.update {
        if apt.lists_mounted {
            parts.push("package lists in a cache mount: 0 B".into());
        } else if apt.lists_removed {
            parts.push("package lists removed in the same RUN: 0 B".into());
        } else {
            total = add(total, facts::APT_LISTS);
            parts.push(format!(
                "package lists kept in /var/lib/apt/lists: +{} ({})",
                fmt_bytes(facts::APT_LISTS.bytes),
                facts::APT_LISTS.source
            ));
            st.apt_lists = true;
        }
    } else if apt.lists_removed && st.apt_lists {
        parts.push(
            "removing lists that an earlier layer added saves nothing: they stay in that layer"
                .into(),
        );
    }
    if apt.upgrade {
        parts.push("apt-get upgrade: size depends on the base's age, not modelled".into());
    }
    (total, parts.join("; "))
}

/// What an apt step that ran dpkg writes beyond the packages' files: dpkg's status file
/// with its old copy, apt's and dpkg's logs (which hold every step of the stage so far),
/// the linker cache when a library came, and debconf's caches when a package uses it.
/// `unpacked` is what dpkg unpacked in this step, `before` how many packages were
/// present before it, `also_removed` the removals that count leaves out (without
/// --auto-remove, or of packages present before the step).
fn dpkg_bookkeeping(
    st: &mut StageState,
    unpacked: &[u32],
    before: usize,
    also_removed: usize,
    debconf: bool,
) -> (Fact, String) {
    let now = st.apt.as_ref().map_or(0, |p| p.len());
    let n = now as u64;
    let s = facts::APT_STATUS_PER_PACKAGE;
    let status = times(s, 2 * n);
    let removed = unpacked.len().saturating_sub(now.saturating_sub(before)) + also_removed;
    st.apt_log.0 += unpacked.len() as u64;
    st.apt_log.1 += removed as u64;
    let (i, r) = st.apt_log;
    let logs = add(
        facts::APT_LOGS,
        add(
            times(facts::APT_LOG_PER_UNPACKED, i),
            times(facts::APT_LOG_PER_REMOVED, r),
        ),
    );
    let mut f = add(status, logs);
    let mut text = format!(
        "dpkg's status file and its old copy {}; apt's and dpkg's logs {} ({i} package(s) unpacked{} in this stage's apt steps so far)",
        fmt_bytes(status.bytes),
        fmt_bytes(logs.bytes),
        if r > 0 { format!(", {r} removed") } else { String::new() },
    );
    let library = unpacked.iter().any(|&p| {
        sizes::apt::package_in(st.apt_release, p).is_some_and(|p| p.name.starts_with("lib"))
    });
    if library {
        f = add(f, facts::APT_LDCACHE);
        text.push_str(&format!(
            "; the linker cache (a library came) {}",
            fmt_bytes(facts::APT_LDCACHE.bytes)
        ));
    }
    if debconf {
        f = add(f, facts::APT_DEBCONF);
        text.push_str(&format!(
            "; debconf's caches rewritten (a new package uses debconf) {}",
            fmt_bytes(facts::APT_DEBCONF.bytes)
        ));
    }
    (f, text)
}

/// What a base image's apt starts from: its packages (rows of the release's table),
/// whether it is a slim (doc-less) image, the release whose table prices it, and the
/// Debian release its tag names.
type AptBase = (
    Option<std::collections::BTreeSet<u32>>,
    bool,
    sizes::apt::Release,
    Option<&'static str>,
);

/// Packages a base image starts with, and whether it is a slim (doc-less) image.
pub(super) fn apt_base(
    from: &str,
    m: &sizes::BaseMatch,
    musl: bool,
    as_of: Option<&str>,
) -> AptBase {
    let none = (None, false, sizes::apt::Release::Bookworm, None);
    let resolved = m.row.as_ref().map(|r| r.resolved).unwrap_or("");
    if musl {
        return none;
    }
    let name = from.split([':', '@']).next().unwrap_or(from);
    let short = name.rsplit('/').next().unwrap_or(name);
    let tag = format!(
        "{} {}",
        from.split_once(':').map(|(_, t)| t).unwrap_or(""),
        resolved
    );
    let debian_family = matches!(
        short,
        "debian"
            | "ubuntu"
            | "buildpack-deps"
            | "python"
            | "node"
            | "golang"
            | "rust"
            | "ruby"
            | "php"
            | "perl"
            | "eclipse-temurin"
            | "openjdk"
            | "maven"
            | "gradle"
            | "gcc"
            | "nginx"
            | "httpd"
            | "haproxy"
            | "erlang"
            | "elixir"
    ) || name.starts_with("mcr.microsoft.com/dotnet/")
        && !tag.contains("alpine")
        && !tag.contains("chiseled")
        && !tag.contains("distroless");
    if !debian_family {
        return none;
    }
    // The Debian release the stage is built on: the one its tag names, else the one its
    // build in the table names (`python:3.8` as of 2020 is `3.8.0-buster`) unless that
    // build is only the nearest the table had, else the newest out when it was built (and
    // by the date asked for). Bullseye and older take bullseye's table, trixie and newer
    // trixie's; Ubuntu-based images (ubuntu, eclipse-temurin) their LTS release's.
    fn debian_codename(text: &str) -> Option<&'static str> {
        text.split(|c: char| !c.is_ascii_alphanumeric())
            .find_map(|w| {
                sizes::base::DEBIAN_RELEASES
                    .iter()
                    .map(|(c, _)| *c)
                    .chain(["wheezy", "forky"])
                    .find(|c| *c == w)
            })
    }
    let user_tag = from.split_once(':').map(|(_, t)| t).unwrap_or("");
    // A build that is only the nearest the table had (`aspnet:6.0` looked up as an
    // `8.0-jammy` row) says nothing of the image's own distribution: the tag alone does.
    let named = if m.kind == sizes::base::MatchKind::Nearest {
        user_tag.to_string()
    } else {
        tag.clone()
    };
    let ubuntu = matches!(short, "ubuntu" | "eclipse-temurin")
        || named.contains("temurin")
        || named.contains("ubuntu")
        || sizes::base::ubuntu_codename_in(&named).is_some();
    let rolling = user_tag
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| matches!(w, "sid" | "testing" | "unstable"));
    let rolling_ubuntu = short == "ubuntu" && user_tag.starts_with("rolling");
    let built = m.row.as_ref().map(|r| r.date);
    // The release a build in the table names, unless it is only the nearest the table had.
    let build_names = |names: fn(&str) -> Option<&'static str>| {
        (m.kind != sizes::base::MatchKind::Nearest)
            .then(|| names(resolved))
            .flatten()
    };
    let codename = if ubuntu && debian_codename(user_tag).is_none() {
        let releases: Vec<_> = sizes::base::UBUNTU_LTS
            .iter()
            .map(|(c, _, d)| (*c, *d))
            .collect();
        // `ubuntu:rolling` is the newest release, LTS or not, out by the date (as the base
        // lookup takes it), or without one when the build it stands for was made.
        let newest = rolling_ubuntu
            .then(|| {
                as_of
                    .map(str::to_string)
                    .or_else(|| built.and_then(sizes::base::date_in))
            })
            .flatten()
            .and_then(|u| sizes::base::ubuntu_newest(true, &u))
            .and_then(sizes::base::ubuntu_release);
        sizes::base::built_on(
            &releases,
            sizes::base::ubuntu_release(user_tag).or(newest),
            build_names(sizes::base::ubuntu_release),
            built,
            as_of,
        )
    } else {
        // `debian:oldstable` names a release through Debian's suites, whatever build
        // stood in; `sid`/`testing`/`unstable` the one in the making.
        let suite = (short == "debian")
            .then(|| sizes::base::debian_suite(user_tag, as_of))
            .flatten()
            .and_then(|t| debian_codename(&t));
        let named = debian_codename(user_tag)
            .or(suite)
            .or(rolling.then_some("forky"));
        sizes::base::built_on(
            &sizes::base::debian_release_dates(),
            named,
            build_names(debian_codename),
            built,
            as_of,
        )
    };
    let release = codename.map_or(
        sizes::apt::Release::Bookworm,
        sizes::apt::Release::for_codename,
    );
    // In the browser a release's table comes after the first analysis: until then,
    // bookworm's stands in (the basis says whose packages priced the step).
    let release = if release.available() {
        release
    } else {
        release.request();
        sizes::apt::Release::Bookworm
    };
    let mut present = sizes::apt::base_set_of(release);
    // Built FROM debian:*-slim (php, nginx, httpd, haproxy, .NET) or ubuntu (whose images
    // are minimized too; eclipse-temurin): dpkg there skips docs, man pages and locales.
    let on_slim = matches!(
        short,
        "ubuntu" | "php" | "nginx" | "httpd" | "haproxy" | "eclipse-temurin"
    ) || name.starts_with("mcr.microsoft.com/dotnet/");
    // maven and gradle images on temurin are Ubuntu-based too.
    let temurin_tools = matches!(short, "maven" | "gradle") && tag.contains("temurin");
    let slim = tag.contains("slim") || on_slim || temurin_tools;
    // Full language images are built on buildpack-deps: compilers and -dev packages are
    // there. temurin and .NET images are not, but they do ship curl, wget, ca-certificates
    // and locales: the buildpack-deps set stands for those (an approximation).
    let full_lang = !tag.contains("slim")
        && !matches!(
            short,
            "debian" | "ubuntu" | "php" | "nginx" | "httpd" | "haproxy"
        );
    if short == "php" {
        // docker-library/php (Dockerfile-linux.template) keeps PHPIZE_DEPS, ca-certificates,
        // curl and xz-utils, and the libraries PHP itself links.
        let php: Vec<String> = PHP_IMAGE_PACKAGES.iter().map(|s| s.to_string()).collect();
        let inst = sizes::apt::install_in(release, &php, false, &present);
        present.extend(inst.new);
        if tag.contains("apache") {
            let inst = sizes::apt::install_in(release, &["apache2".to_string()], false, &present);
            present.extend(inst.new);
        }
    }
    if full_lang {
        let bp: Vec<String> = BUILDPACK_DEPS.iter().map(|s| s.to_string()).collect();
        let inst = sizes::apt::install_in(release, &bp, false, &present);
        present.extend(inst.new);
    }
    (Some(present), slim, release, codename)
}

/// What docker-library/php's Debian images install and keep (Dockerfile-linux.template:
/// `$PHPIZE_DEPS ca-certificates curl xz-utils`, then the runtime libraries of the PHP
/// it builds, which `apt-mark manual` keeps when the -dev packages are purged).
const PHP_IMAGE_PACKAGES: &[&str] = &[
    "autoconf",
    "dpkg-dev",
    "file",
    "g++",
    "gcc",
    "libc-dev",
    "make",
    "pkg-config",
    "re2c",
    "ca-certificates",
    "curl",
    "xz-utils",
    "libargon2-1",
    "libcurl4",
    "libonig5",
    "libreadline8",
    "libsodium23",
    "libsqlite3-0",
    "libssl3",
    "libxml2",
    "zlib1g",
];

/// The packages docker-library's buildpack-deps (curl, scm, and the full image) installs.
const BUILDPACK_DEPS: &[&str] = &[
    "ca-certificates",
    "curl",
    "gnupg",
    "netbase",
    "sq",
    "wget",
    "git",
    "mercurial",
    "openssh-client",
    "subversion",
    "procps",
    "autoconf",
    "automake",
    "bzip2",
    "default-libmysqlclient-dev",
    "dpkg-dev",
    "file",
    "g++",
    "gcc",
    "imagemagick",
    "libbz2-dev",
    "libc6-dev",
    "libcurl4-openssl-dev",
    "libdb-dev",
    "libevent-dev",
    "libffi-dev",
    "libgdbm-dev",
    "libglib2.0-dev",
    "libgmp-dev",
    "libjpeg-dev",
    "libkrb5-dev",
    "liblzma-dev",
    "libmagickcore-dev",
    "libmagickwand-dev",
    "libmaxminddb-dev",
    "libncurses5-dev",
    "libncursesw5-dev",
    "libpng-dev",
    "libpq-dev",
    "libreadline-dev",
    "libsqlite3-dev",
    "libssl-dev",
    "libtool",
    "libwebp-dev",
    "libxml2-dev",
    "libxslt-dev",
    "libyaml-dev",
    "make",
    "patch",
    "unzip",
    "xz-utils",
    "zlib1g-dev",
];

/// `locale-gen`/`localedef`: the locale archive, rewritten whole with every locale compiled so far.
pub(super) fn locales_step(st: &mut StageState, run: &mut Run, names: Vec<String>) {
    // locale-gen/localedef rewrite glibc's locale archive whole: the layer holds
    // it once, with every locale compiled so far.
    run.modelled += 1;
    let before = st.locales.len();
    if !names.is_empty() {
        st.locales.remove("locale.gen");
    }
    st.locales.extend(names);
    if st.locales.is_empty() {
        // Whatever /etc/locale.gen lists: one, as the base's is all comments.
        st.locales.insert("locale.gen".into());
    }
    let more = st.locales.len() as u64 - 1;
    let f = add(
        facts::LOCALE_ARCHIVE,
        fact(
            more.saturating_mul(facts::LOCALE_MORE.bytes),
            more.saturating_mul(facts::LOCALE_MORE.low),
            more.saturating_mul(facts::LOCALE_MORE.high),
        ),
    );
    let text = format!(
        "glibc's locale archive with {} locale(s){}: {} ({}; one locale {}–{}, each more {}–{})",
        st.locales.len(),
        if before > 0 && run.locale_here.is_none() {
            ", written again whole"
        } else {
            ""
        },
        fmt_bytes(f.bytes),
        facts::LOCALE_ARCHIVE.source,
        fmt_bytes(facts::LOCALE_ARCHIVE.low),
        fmt_bytes(facts::LOCALE_ARCHIVE.high),
        fmt_bytes(facts::LOCALE_MORE.low),
        fmt_bytes(facts::LOCALE_MORE.high),
    );
    // A second compile in the same RUN (`locale-gen && dpkg-reconfigure locales`)
    // leaves one archive: it replaces the first one's.
    if let Some((old, k)) = run.locale_here {
        run.total = replace(run.total, old, f);
        run.basis[k] = text;
        run.locale_here = Some((f, k));
    } else {
        run.total = add(run.total, f);
        run.locale_here = Some((f, run.basis.len()));
        run.basis.push(text);
    }
}
