//! apk on Alpine: installed sizes per release, dependencies, and the index cache.

use super::*;

/// Reads one command into `apt`; true when it was an apt command.
/// What the `apk` commands of one RUN do.
#[derive(Debug, Default)]
pub(super) struct ApkStep {
    /// `apk add`: (virtual package name given with `--virtual`/`-t`, packages, --no-cache).
    pub(super) adds: Vec<(Option<String>, Vec<String>, bool)>,
    /// `apk del` arguments (virtual names or packages removed in the same RUN).
    pub(super) deleted: Vec<String>,
    /// `apk update` ran (the index lands in /var/cache/apk).
    pub(super) update: bool,
    /// `rm -rf /var/cache/apk/*` (or `apk cache clean`) ran.
    pub(super) cache_removed: bool,
}

impl ApkStep {
    pub(super) fn touched(&self) -> bool {
        !self.adds.is_empty() || self.update
    }
}

pub(super) fn apk_command(c: &model::Command, apk: &mut ApkStep) -> bool {
    let prog = c.program().rsplit('/').next().unwrap_or("");
    if prog == "rm" && c.argv.iter().any(|w| w.starts_with("/var/cache/apk")) {
        apk.cache_removed = true;
        return true;
    }
    let Some(cmd) = c.apk() else {
        return false;
    };
    match cmd.verb.as_str() {
        "add" => apk
            .adds
            .push((cmd.virtual_name, cmd.packages, cmd.no_cache)),
        "del" => apk.deleted.extend(cmd.packages),
        "update" => apk.update = true,
        "cache" if cmd.packages.first().is_some_and(|p| p == "clean") => apk.cache_removed = true,
        _ => {}
    }
    true
}

/// Bytes an apk RUN adds, with its basis; false when no package it adds is known.
pub(super) fn apk_layer(
    apk: &ApkStep,
    alpine: Option<&str>,
    present: &mut Vec<String>,
    index_kept: &mut bool,
    debian: &mut std::collections::BTreeSet<u32>,
) -> (Fact, String, bool) {
    let mut names = Vec::new();
    let mut removed = Vec::new();
    let mut cache_kept = apk.update && !apk.cache_removed;
    for (virt, pkgs, no_cache) in &apk.adds {
        cache_kept |= !no_cache && !apk.cache_removed;
        let gone = virt.as_ref().is_some_and(|v| apk.deleted.contains(v));
        for p in pkgs {
            if gone || apk.deleted.contains(p) {
                removed.push(p.clone());
            } else {
                names.push(p.clone());
            }
        }
    }
    // Alpine's `yarn` is Yarn 1's release (one bundled script, which needs nodejs), the files
    // the npm package holds; Debian splits it into hundreds of node-* packages, no proxy.
    let mut yarn = None;
    if names.iter().any(|n| n == "yarn") && sizes::apk::lookup("yarn").is_none() {
        names.retain(|n| n != "yarn");
        let node = !names.iter().any(|n| n.starts_with("nodejs"))
            && !present.iter().any(|p| p == "nodejs");
        if node {
            names.push("nodejs".into());
        }
        let npm = sizes::npm::install(&["yarn".to_string()], &Default::default());
        yarn = (npm.installed > 0).then_some((npm.installed, node));
        present.push("yarn".into());
    }
    let inst = sizes::apk::install_onto(&names, alpine, present);
    present.extend(inst.known.iter().map(|p| p.name.to_string()));
    // Named packages are installed whether or not a table prices them.
    present.extend(names.iter().map(|n| sizes::apk::normalise(n).to_string()));
    present.extend(
        inst.closures
            .iter()
            .flat_map(|c| c.members.iter().map(|m| m.to_string())),
    );
    let mut releases: Vec<&str> = inst.known.iter().map(|p| p.alpine).collect();
    sort::sort_by_key(&mut releases, |r| sizes::apk::release(r));
    releases.dedup();
    // The packages' installed sizes and their APKBUILD dependencies' (not the libraries).
    let table_bytes = inst.bytes - inst.closures.iter().map(|c| c.bytes).sum::<u64>();
    let mut f = fact(table_bytes, table_bytes, table_bytes.saturating_mul(3));
    let mut parts = Vec::new();
    for c in &inst.closures {
        // apk's own total: libraries included, rounded to a MiB; another release's
        // figure ranges from half to twice it (mysql-client pulled in perl from 3.18 on).
        let same = alpine.is_some_and(|a| sizes::apk::release(a) == sizes::apk::release(c.alpine));
        let (lo, hi) = if same {
            (c.bytes.saturating_sub(524_288), c.bytes + 524_288)
        } else {
            (c.bytes / 2, c.bytes.saturating_mul(2))
        };
        f = add(f, fact(c.bytes, lo, hi));
        parts.push(format!(
            "apk: {} — {} as apk reported it on Alpine {}{} ({} packages: {}{}; {})",
            c.packages.join(" "),
            fmt_bytes(c.bytes),
            c.alpine,
            if same {
                ""
            } else {
                ", another release: range ½–2×"
            },
            c.members.len(),
            c.members
                .iter()
                .take(6)
                .copied()
                .collect::<Vec<_>>()
                .join(", "),
            if c.members.len() > 6 { ", …" } else { "" },
            c.source
        ));
    }
    if let Some((b, node)) = yarn {
        f = add(f, fact(b, b * 9 / 10, b * 11 / 10));
        parts.push(format!(
            "apk: yarn — Yarn 1's files as its npm package holds them, {} (data/npm/packages.tsv){}",
            fmt_bytes(b),
            if node { ", and the nodejs it depends on" } else { "" }
        ));
    }
    if apk.adds.is_empty() {
        parts.push("apk update: fetches the package index".to_string());
    } else if names.is_empty() {
        // Everything it adds it deletes again (the `.build-deps` pattern): said below.
    } else if !inst.known.is_empty() || inst.closures.is_empty() && inst.unknown.is_empty() {
        parts.push(format!(
        "apk: {} package(s) known{} — installed {} (Alpine {} sizes, docker-library/repo-info, data/apk){}; libraries abuild adds as dependencies are not listed in APKBUILDs, range up to 3×",
        inst.known.len(),
        if inst.known.is_empty() {
            String::new()
        } else {
            format!(
                ": {}",
                inst.known.iter().take(6).map(|p| p.name).collect::<Vec<_>>().join(", ")
            )
        },
        fmt_bytes(table_bytes),
        if releases.is_empty() {
            "3.x".to_string()
        } else {
            releases.join(", ")
        },
        if inst.dependencies > 0 {
            format!(
                ", {} of them dependencies (aports APKBUILDs, data/apk/depends.tsv)",
                inst.dependencies
            )
        } else {
            String::new()
        },
    ));
    }
    if !inst.unknown_deps.is_empty() {
        parts.push(format!(
            "dependencies not in the Alpine table (not counted): {}",
            inst.unknown_deps.join(" ")
        ));
    }
    if !inst.later_deps.is_empty() {
        parts.push(format!(
            "dependencies the Alpine table knows only from later releases, split off since (not counted): {}",
            inst.later_deps.join(" ")
        ));
    }
    // Named packages the Alpine table lacks: approximated from Debian's install of the
    // same package, scaled by how Alpine's sizes compare with Debian's.
    // What the Alpine table priced is installed: its Debian equivalents are not priced
    // again inside an unknown package's Debian closure (supervisor's python3).
    let known: Vec<String> = inst.known.iter().map(|p| p.name.to_string()).collect();
    if !inst.unknown.is_empty() && !known.is_empty() {
        sizes::apk::debian_priced(&known, debian);
    }
    let approx = sizes::apk::debian_priced(&inst.unknown, debian);
    if !approx.priced.is_empty() {
        let d = approx.bytes;
        f = add(f, per_mille(d, facts::APK_PER_DEBIAN));
        parts.push(format!(
            "not in the Alpine table, approximated (low confidence): {} priced as Debian bookworm's {} ({} package(s) with dependencies, {} on a slim image) {}",
            approx
                .priced
                .iter()
                .map(|(a, _)| a.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            approx
                .priced
                .iter()
                .map(|(_, d)| *d)
                .collect::<Vec<_>>()
                .join(" "),
            approx.packages,
            fmt_bytes(d),
            ratio_text(facts::APK_PER_DEBIAN),
        ));
    }
    if !approx.unknown.is_empty() {
        parts.push(format!(
            "not in the Alpine table nor with a Debian equivalent (not counted): {}",
            approx.unknown.join(" ")
        ));
    }
    if !removed.is_empty() {
        parts.push(format!(
            "apk: installed and removed again in the same RUN (adds nothing): {}",
            removed.join(" ")
        ));
    }
    if cache_kept && !*index_kept {
        // Written once; a later update replaces it with one of about the same size.
        *index_kept = true;
        let c = facts::apk_index_cache(alpine);
        f = add(f, c);
        parts.push(format!(
            "apk's index cache stays in /var/cache/apk: +{} ({}; `--no-cache` avoids it)",
            fmt_bytes(c.bytes),
            c.source
        ));
    } else if cache_kept {
        parts.push("apk's index cache: already in an earlier layer".into());
    }
    (
        f,
        parts.join("; "),
        !inst.known.is_empty()
            || !inst.closures.is_empty()
            || !approx.priced.is_empty()
            || inst.unknown.is_empty(),
    )
}
