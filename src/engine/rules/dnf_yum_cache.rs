//! SF010 `dnf_yum_cache`.
//!
//! ## What it does
//! Checks for `yum install`, `dnf install` or `microdnf install` without a later
//! `yum clean all` / `dnf clean all` / `microdnf clean all` (or an `rm` of
//! `/var/cache/yum` or `/var/cache/dnf`) in the same `RUN`.
//!
//! ## Why is this bad?
//! yum and dnf keep repository metadata (and with `keepcache`, the packages) in
//! `/var/cache/yum` or `/var/cache/dnf`: often 100 MB or more on RHEL-family images.
//! Only a cleanup in the same `RUN` keeps it out of the layer.
//!
//! ## Example
//! ```dockerfile
//! RUN dnf install -y httpd
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! RUN dnf install -y httpd && dnf clean all
//! ```
//!
//! ## Fix safety
//! Safe: the fix appends ` && dnf clean all` (the tool used: `yum`, `dnf` or
//! `microdnf`) to the command line, or a line before the heredoc terminator.
//! It removes caches only; a later install fetches metadata again.
//!
//! ## hadolint
//! DL3032 for yum, DL3040 for dnf and microdnf; hadolint 2.15.1 also wants the
//! cleanup after the install. Intentional differences: the cleanup must be
//! `clean all` or `clean metadata` (hadolint accepts any `clean …`, such as
//! `clean packages`, which leaves the metadata) or an `rm` of `/var/cache/yum` or
//! `/var/cache/dnf` (hadolint accepts any `rm -rf`, such as `rm -rf /tmp/x`); a
//! cache mount on `/var/cache/yum` or `/var/cache/dnf` is not reported.

use super::shell;
use super::{Context, Finding, Fix};

pub const CODE: &str = "SF010";

pub fn check(ctx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for ins in &ctx.parsed.instructions {
        if !shell::is_run(ins, true) {
            continue;
        }
        if shell::mounts_dir(ins, "/var/cache/yum") || shell::mounts_dir(ins, "/var/cache/dnf") {
            continue;
        }
        let script = shell::script(ctx, ins);
        let cmds = &script.commands;
        let mut missing = None;
        for tool in ["yum", "dnf", "microdnf"] {
            let Some(first_install) = cmds.iter().position(|c| c.is(tool) && c.has_arg("install"))
            else {
                continue;
            };
            let cleaned = cmds.iter().skip(first_install + 1).any(|c| cleans(c, tool));
            if !cleaned {
                missing = Some(tool);
                break;
            }
        }
        let Some(tool) = missing else { continue };
        let fix = script.append(&format!("{tool} clean all")).and_then(|e| {
            shell::checked(
                ctx,
                Fix {
                    title: format!("Add {tool} clean all"),
                    edits: vec![e],
                    safe: true,
                },
            )
        });
        let hadolint = if tool == "yum" { "DL3032" } else { "DL3040" };
        out.push(shell::finding(
            CODE,
            ins,
            format!(
                "`{tool} install` leaves its metadata cache in the layer: add \
                 `{tool} clean all` to the same RUN"
            ),
            Some(hadolint),
            fix,
        ));
    }
    out
}

fn cleans(c: &shell::Cmd, tool: &str) -> bool {
    let clean_all = c.is(tool) && c.has_arg("clean") && (c.has_arg("all") || c.has_arg("metadata"));
    let rm_cache = c.is("rm")
        && c.args().iter().any(|w| {
            let p = w.text.trim_end_matches(['*', '/']);
            p.starts_with("/var/cache/yum") || p.starts_with("/var/cache/dnf")
        });
    clean_all || rm_cache
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rules::shell::{fixed, run_rule};

    #[test]
    fn fires_without_clean() {
        let f = run_rule(
            check,
            "FROM f\nRUN yum install -y httpd\nRUN microdnf install x\n",
        );
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].hadolint, Some("DL3032"));
        assert_eq!(f[1].hadolint, Some("DL3040"));
        assert_eq!(
            fixed(check, "FROM f\nRUN dnf install -y httpd\n"),
            "FROM f\nRUN dnf install -y httpd && dnf clean all\n"
        );
    }

    #[test]
    fn quiet_with_clean() {
        for text in [
            "FROM f\nRUN yum install -y x && yum clean all\n",
            "FROM f\nRUN dnf -y install x && rm -rf /var/cache/dnf\n",
            "FROM f\nRUN --mount=type=cache,target=/var/cache/dnf dnf install -y x\n",
            "FROM f\nRUN dnf clean all\n",
            "FROM f\nRUN yum -y install x && yum -y clean metadata\n",
        ] {
            assert!(run_rule(check, text).is_empty(), "{text}");
        }
        for text in [
            "FROM f\nRUN yum clean all && yum install -y x\n",
            "FROM f\nRUN dnf install -y x && dnf clean packages\n",
            "FROM f\nRUN dnf install -y x && rm -rf /tmp/x\n",
        ] {
            assert_eq!(run_rule(check, text).len(), 1, "{text}");
        }
    }
}
