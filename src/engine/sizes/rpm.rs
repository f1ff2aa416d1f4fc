//! `dnf`/`yum`/`microdnf install` on Red Hat-family images: an approximation.
//!
//! No RPM repository is reachable from where the tables are built, so there is no RPM size
//! table. The named packages are priced as the `--no-install-recommends` closure of Debian
//! bookworm's packages of the same (or the equivalent) names on a slim image, which the
//! caller scales by `facts::RPM_PER_DEBIAN` (calibrated on published transaction summaries,
//! `data/rpm/transactions.tsv`) and states as an approximation, never as a measurement.

use super::apt;
use std::collections::BTreeSet;

/// RPM names whose Debian equivalent is named differently.
fn debian_name(n: &str) -> String {
    let mapped = match n {
        "httpd" => "apache2-bin",
        "gcc-c++" => "g++",
        "procps-ng" => "procps",
        "shadow-utils" => "passwd",
        "bind-utils" => "dnsutils",
        "iputils" => "iputils-ping",
        "xz" => "xz-utils",
        "glibc-devel" => "libc6-dev",
        "python3-devel" => "python3-dev",
        "openssl-devel" => "libssl-dev",
        "zlib-devel" => "zlib1g-dev",
        "nmap-ncat" => "ncat",
        "java-latest-openjdk" => "default-jre",
        "golang" => "golang-go",
        "vim-enhanced" => "vim",
        "iproute" => "iproute2",
        "pip" => "python3-pip",
        _ => "",
    };
    if !mapped.is_empty() {
        return mapped.to_string();
    }
    // java-17-openjdk-headless → openjdk-17-jre-headless; -devel → the JDK.
    if let Some(rest) = n.strip_prefix("java-") {
        if let Some((v, kind)) = rest.split_once("-openjdk") {
            let v = v.strip_prefix("1.").unwrap_or(v).replace(".0", "");
            return match kind {
                "-headless" => format!("openjdk-{v}-jre-headless"),
                "-devel" => format!("openjdk-{v}-jdk-headless"),
                _ => format!("openjdk-{v}-jre"),
            };
        }
    }
    // libfoo-devel → libfoo-dev
    if let Some(base) = n.strip_suffix("-devel") {
        return format!("{base}-dev");
    }
    n.to_string()
}

/// The Debian closure standing for a `dnf install` of `names` onto a stage that already
/// holds `present` (which this extends, so a stage counts a package once). Groups
/// (`@development`), paths and `.rpm` files have no equivalent.
pub fn install(names: &[String], present: &mut BTreeSet<u32>) -> apt::Equivalents {
    apt::equivalents(
        names,
        |n| {
            if n.starts_with('@') || n.contains('/') || n.ends_with(".rpm") {
                return None;
            }
            // `nginx:1.20`, `curl=7.76`: versions.
            Some(debian_name(n.split([':', '=']).next().unwrap_or(n)))
        },
        present,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rpm_names_map_to_debian_packages() {
        assert_eq!(debian_name("httpd"), "apache2-bin");
        assert_eq!(
            debian_name("java-17-openjdk-headless"),
            "openjdk-17-jre-headless"
        );
        assert_eq!(
            debian_name("java-17-openjdk-devel"),
            "openjdk-17-jdk-headless"
        );
        assert_eq!(debian_name("libffi-devel"), "libffi-dev");
        assert_eq!(debian_name("curl"), "curl");
        let mut present = apt::base_set();
        let a = install(
            &[
                "curl".into(),
                "java-17-openjdk-headless".into(),
                "@development".into(),
                "no-such-rpm".into(),
            ],
            &mut present,
        );
        assert_eq!(a.priced.len(), 2, "{a:?}");
        assert_eq!(a.unknown, ["@development", "no-such-rpm"]);
        assert!(a.bytes > 50_000_000, "{a:?}");
        // With its dependencies: gcc is a small Debian package, its closure is not.
        let gcc = install(&["gcc".into()], &mut apt::base_set());
        assert!(gcc.bytes > 100_000_000, "{gcc:?}");
        // Counted once a stage.
        assert_eq!(install(&["curl".into()], &mut present).bytes, 0);
    }
}
