//! SF020 `add_remote_url`.
//!
//! ## What it does
//! Checks, in the stages that reach the image, for `ADD` of an `http://` or
//! `https://` URL. Not reported: an `ADD --checksum=…` whose download no later `RUN`
//! of those stages mentions (the file is wanted as it is, and verified).
//!
//! ## Why is this bad?
//! The downloaded file stays in the `ADD`'s layer. When a later `RUN` unpacks,
//! moves or deletes it, the image still ships the download: a cleanup only shrinks
//! the image in the step that created the file. Without `--checksum` the download
//! is also not verified, and what ships changes when the URL's content does.
//! Slimfile cannot know the download's size, so no saving is shown.
//!
//! ## Example
//! ```dockerfile
//! ADD https://example.com/tool.tar.gz /tmp/
//! RUN tar -xzf /tmp/tool.tar.gz -C /usr/local && rm /tmp/tool.tar.gz
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! RUN curl -fsSL https://example.com/tool.tar.gz | tar -xz -C /usr/local
//! ```
//! or, for a file used as it is, `ADD --checksum=sha256:… https://… /dest`.
//!
//! ## Fix safety
//! No fix: the image may lack `curl`, and the checksum is only known to the author.
//!
//! ## hadolint
//! None (DL3020 is about `ADD` of local files; URLs are exempt from it).

use super::shell;
use super::{Context, Finding};
use crate::engine::model::run_script;

pub const CODE: &str = "SF020";

pub fn check(ctx: &Context) -> Vec<Finding> {
    let ships = shell::ships(ctx);
    let shipping = || {
        ctx.parsed
            .instructions
            .iter()
            .enumerate()
            .filter(|(i, _)| ships.get(*i).copied().unwrap_or(false))
    };
    let mut out = Vec::new();
    for (i, ins) in shipping() {
        if ins.keyword != "ADD" {
            continue;
        }
        let mut words = match &ins.json {
            Some(v) => v.clone(),
            None => ins.args.split_whitespace().map(str::to_string).collect(),
        };
        let dest = words.pop().unwrap_or_default();
        let Some(url) = words.iter().map(|s| s.trim_matches(['"', '\''])).find(|s| {
            let l = s.to_ascii_lowercase();
            l.starts_with("http://") || l.starts_with("https://")
        }) else {
            continue;
        };
        let file = url
            .split(['?', '#'])
            .next()
            .unwrap_or(url)
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or("");
        let dest = dest.trim_matches(['"', '\'']);
        let dest_name = dest.trim_end_matches('/').rsplit('/').next().unwrap_or("");
        let mentions = |s: &str| {
            [file, dest_name]
                .iter()
                .any(|n| n.len() >= 3 && !n.contains('$') && s.contains(n))
        };
        let later = shipping()
            .filter(|(j, n)| *j > i && n.keyword == "RUN")
            .find(|(_, n)| mentions(&run_script(n)))
            .map(|(_, n)| n.start_line);
        let checksum = ins.flag("checksum").is_some();
        let msg = match later {
            Some(l) => format!(
                "`ADD {url}`: the download stays in this layer, so what the RUN at line {l} \
                 unpacks, moves or deletes still ships: download, unpack and clean up in one \
                 RUN (`curl -fsSL … | tar -xz …`)"
            ),
            None if !checksum => format!(
                "`ADD {url}` is not verified and what ships changes with the URL's content: \
                 pin it with `ADD --checksum=sha256:…`, or download, unpack and clean up in \
                 one RUN"
            ),
            None => continue,
        };
        out.push(shell::finding(CODE, ins, msg, None, None));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rules::shell::run_rule;

    #[test]
    fn fires_on_remote_add() {
        let text = "FROM d\nADD https://example.com/tool.tar.gz?x=1 /tmp/\nRUN tar -xzf /tmp/tool.tar.gz && rm /tmp/tool.tar.gz\n";
        let f = run_rule(check, text);
        assert_eq!(f.len(), 1);
        assert!(f[0].message.contains("line 3"), "{}", f[0].message);
        let f = run_rule(check, "FROM d\nADD [\"http://a.b/c.jar\", \"/app.jar\"]\n");
        assert!(f[0].message.contains("--checksum"), "{}", f[0].message);
        let text = "FROM d\nADD --checksum=sha256:00 https://a/t.tgz /t.tgz\nRUN <<EOF\ntar xf /t.tgz\nEOF\n";
        assert_eq!(run_rule(check, text).len(), 1);
    }

    #[test]
    fn quiet_otherwise() {
        for text in [
            "FROM d\nADD --checksum=sha256:00 https://a/b.jar /app.jar\nCMD [\"java\", \"-jar\", \"/app.jar\"]\n",
            "FROM d\nADD app.tar.gz /\n",
            "FROM d AS dl\nADD https://a/t.tgz /t.tgz\nRUN tar xf /t.tgz\nFROM d\nCOPY --from=dl /x /x\n",
            "FROM d\nADD git@github.com:a/b.git /src\n",
        ] {
            assert!(run_rule(check, text).is_empty(), "{text}");
        }
    }
}
