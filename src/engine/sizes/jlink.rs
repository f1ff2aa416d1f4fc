//! Custom Java runtimes made with `jlink`: what each module adds.
//!
//! `data/java/jlink-modules.tsv` is measured by `scripts/measure_jlink.py` with Debian
//! bookworm's OpenJDK 17: for every module, the bytes it adds to a runtime that already
//! holds what it requires (java.base's row is the whole minimal runtime), with and without
//! `--compress=2`. A runtime for a set of modules is the sum over the set and everything it
//! requires; the script checks that sum against real jlink runs (data/MEASURED.md).

use super::facts::Fact;
use crate::engine::sort;
use std::collections::BTreeSet;
use std::sync::OnceLock;

struct Module {
    name: &'static str,
    requires: Vec<&'static str>,
    zip: u64,
    plain: u64,
}

fn modules() -> &'static [Module] {
    static M: OnceLock<Vec<Module>> = OnceLock::new();
    // In the browser the table is fetched (data/java/jlink-modules.tsv): until it is
    // there, no module is known.
    super::tables::parsed(super::tables::Table::JlinkModules, &M, |text| {
        text.lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with("module\t"))
            .filter_map(|l| {
                let c: Vec<&str> = l.split('\t').collect();
                Some(Module {
                    name: c.first()?,
                    requires: c.get(1)?.split(',').filter(|s| !s.is_empty()).collect(),
                    zip: c.get(2)?.parse().ok()?,
                    plain: c.get(3)?.parse().ok()?,
                })
            })
            .collect()
    })
    .map_or(&[], Vec::as_slice)
}

/// What a `jlink` command's runtime is estimated at.
#[derive(Debug, Clone, PartialEq)]
pub struct Runtime {
    pub size: Fact,
    /// Modules in the runtime (the requested ones and what they require).
    pub modules: usize,
    /// Requested names the table does not know (other JDKs' or the app's own modules).
    pub unknown: Vec<String>,
}

/// Measured with OpenJDK 17; other releases' modules differ in size.
pub const SOURCE: &str = "measured: jlink of Debian's OpenJDK 17 per module (data/java/jlink-modules.tsv, scripts/measure_jlink.py); OpenJDK 11 measured within 7 % of it, other releases and Alpine builds not measured (range ±20 %, assumption)";

/// The runtime `jlink --add-modules <requested>` makes. `ALL-MODULE-PATH` (and
/// `ALL-SYSTEM`) stand for every module of the JDK.
pub fn runtime(requested: &[String], compressed: bool) -> Runtime {
    let all = modules();
    let mut todo: Vec<&str> = Vec::new();
    let mut unknown = Vec::new();
    for r in requested {
        if matches!(r.as_str(), "ALL-MODULE-PATH" | "ALL-SYSTEM" | "ALL-DEFAULT") {
            todo.extend(all.iter().map(|m| m.name));
        } else if let Some(m) = all.iter().find(|m| m.name == r) {
            todo.push(m.name);
        } else {
            unknown.push(r.clone());
        }
    }
    // java.base is always in a runtime.
    todo.push("java.base");
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    while let Some(n) = todo.pop() {
        if !seen.insert(n) {
            continue;
        }
        if let Some(m) = all.iter().find(|m| m.name == n) {
            todo.extend(m.requires.iter().copied());
        }
    }
    let bytes: u64 = all
        .iter()
        .filter(|m| seen.contains(m.name))
        .map(|m| if compressed { m.zip } else { m.plain })
        .sum();
    Runtime {
        // OpenJDK 11's runtimes measured within 7 % of this table (data/MEASURED.md);
        // other releases and musl builds are not measured: ±20 % is an assumption.
        size: Fact {
            bytes,
            low: bytes * 4 / 5,
            high: bytes * 6 / 5,
            source: SOURCE,
        },
        modules: seen.len(),
        unknown,
    }
}

/// Module lists that server apps' Dockerfiles and scripts hard-code for `jlink
/// --add-modules`, most of them Spring Boot's (what `jdeps --print-module-deps` printed for
/// their jars, written down), read with the stored-repository search (ids).
const SERVER_APP_MODULE_LISTS: [(&str, &str); 5] = [
    (
        "java.base,java.desktop,java.instrument,java.management,java.naming,java.prefs,java.rmi,java.scripting,java.security.jgss,java.security.sasl,java.sql,jdk.httpserver,jdk.jfr,jdk.unsupported",
        "search index id 2572102326 (a Spring Boot runtime on amazoncorretto:17-alpine-jdk)",
    ),
    (
        "java.base,java.desktop,java.instrument,java.management,java.naming,java.security.sasl,jdk.crypto.ec,java.sql,jdk.unsupported",
        "search index id 33315148330 (a Gradle server, after blog.wolt.com 2022-05-13)",
    ),
    (
        "java.base,java.desktop,java.instrument,java.management,java.naming,java.net.http,java.security.jgss,java.security.sasl,java.sql,java.transaction.xa,java.xml,jdk.unsupported,jdk.crypto.ec",
        "search index id 60396065662 (Spring Boot on Alpine's openjdk17-jdk)",
    ),
    (
        "java.base,java.desktop,java.instrument,java.management,java.naming,java.net.http,java.sql,jdk.attach,jdk.jdi,jdk.unsupported,jdk.crypto.ec,jdk.zipfs",
        "search index id 33201014693 (a Kubernetes operator on oraclelinux:9-slim)",
    ),
    (
        "java.base,java.desktop,java.instrument,java.management,java.net.http,java.prefs,java.rmi,java.scripting,java.security.jgss,java.security.sasl,java.sql.rowset,jdk.compiler,jdk.jfr,jdk.unsupported",
        "search index id 2780986114 (a Maven app's jlink script)",
    ),
];

/// A runtime whose modules are decided at build time (`--add-modules $(cat deps.info)`
/// after `jdeps --print-module-deps`): the median of the server apps' lists above, from
/// java.base alone to the largest list.
pub fn decided_at_build_time(compressed: bool) -> Runtime {
    let mut sized: Vec<Runtime> = SERVER_APP_MODULE_LISTS
        .iter()
        .map(|(list, _)| {
            let names: Vec<String> = list.split(',').map(str::to_string).collect();
            runtime(&names, compressed)
        })
        .collect();
    sort::sort_by_key(&mut sized, |r| r.size.bytes);
    let base = runtime(&[], compressed).size.bytes;
    let high = sized.last().map_or(0, |r| r.size.high);
    let mid = sized.swap_remove(sized.len() / 2);
    Runtime {
        size: Fact {
            bytes: mid.size.bytes,
            low: base * 4 / 5,
            high,
            source: "default: the median of five module lists server apps hard-code for jlink (jdeps's output written down; search index ids 2572102326, 33315148330, 60396065662, 33201014693, 2780986114), sized with data/java/jlink-modules.tsv",
        },
        ..mid
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modules_decided_at_build_time_take_the_median_server_list() {
        let d = decided_at_build_time(true);
        if modules().is_empty() {
            return;
        }
        let base = runtime(&[], true).size.bytes;
        assert!(d.size.low < d.size.bytes && d.size.bytes < d.size.high);
        assert!(d.size.bytes > base + 10_000_000, "{d:?}");
        assert!(d.modules > 10, "{d:?}");
        assert!(decided_at_build_time(false).size.bytes > d.size.bytes);
    }
}
