//! SF018 `secret_in_env_or_arg`.
//!
//! ## What it does
//! Checks for an `ENV` with a value, or any `ARG`, whose name looks like a secret:
//! it contains `PASSWORD`, `PASSWD` or `SECRET`, has a word (between `_`) `TOKEN`,
//! `PASS`, `PASSPHRASE`, `APIKEY`, `CREDENTIAL(S)`, or ends a word pair such as
//! `API_KEY`, `ACCESS_KEY`, `PRIVATE_KEY`, `SECRET_KEY`, `CLIENT_KEY`, `AUTH_KEY`.
//! Names with `PUBLIC`, and names of files or folders (`…_FILE`, `…_PATH`, `…_DIR`,
//! as in `POSTGRES_PASSWORD_FILE`), are not reported.
//!
//! ## Why is this bad?
//! `ENV` values are stored in the image's configuration: anyone who can pull the
//! image reads them with `docker inspect`. Build arguments end up in the image
//! history (`docker history`) of every `RUN` that sees them. Neither is a place for a
//! secret.
//!
//! ## Example
//! ```dockerfile
//! ARG NPM_TOKEN
//! RUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN \
//!     echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci && rm .npmrc
//! ```
//! and `docker build --secret id=npm_token,env=NPM_TOKEN .`
//!
//! ## Fix safety
//! No fix: the secret has to be passed differently at build time.
//!
//! ## hadolint
//! DL3064 (hadolint reports `ENV` and `ARG` names from a list of known names or
//! containing `api_key`, `client_key`, `password`, `private`, `secret`, `token` or
//! `username`). Intentional differences: user names are not secrets and are not
//! reported (`DOCKER_USERNAME`, `CI_DEPLOY_USER`), nor are `PRIVATE` alone
//! (`PRIVATE_REGISTRY`) or `TOKEN` inside a word (`TOKENIZERS_PARALLELISM`);
//! `PASS`, `PASSWD`, `CREDENTIALS` and `ACCESS_KEY` are; file and folder names are
//! not; an `ENV` set to an empty value is not reported.

use super::shell;
use super::{Context, Finding};
use crate::engine::model::{arg_pairs, env_pairs};

pub const CODE: &str = "SF018";

pub fn check(ctx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for ins in &ctx.parsed.instructions {
        let names: Vec<String> = match ins.keyword.as_str() {
            "ENV" => env_pairs(&ins.args)
                .into_iter()
                .filter(|(k, v)| !v.is_empty() && secret_name(k))
                .map(|(k, _)| k)
                .collect(),
            "ARG" => arg_pairs(&ins.args)
                .into_iter()
                .filter(|(k, _)| secret_name(k))
                .map(|(k, _)| k)
                .collect(),
            _ => continue,
        };
        if names.is_empty() {
            continue;
        }
        let kw = ins.keyword.as_str();
        let whereto = if kw == "ENV" {
            "ENV values are stored in the image configuration (`docker inspect`)"
        } else {
            "build arguments are recorded in the image history (`docker history`)"
        };
        out.push(shell::finding(
            CODE,
            ins,
            format!(
                "`{kw} {}` looks like a secret, and {whereto}: pass it with \
                 `RUN --mount=type=secret,id=…` instead",
                names.join(" ")
            ),
            Some("DL3064"),
            None,
        ));
    }
    out
}

pub(crate) fn secret_name(k: &str) -> bool {
    let u = k.to_ascii_uppercase();
    if u.contains("PUBLIC") || ["_FILE", "_PATH", "_DIR"].iter().any(|s| u.ends_with(s)) {
        return false;
    }
    let words: Vec<&str> = u.split(|c: char| !c.is_ascii_alphanumeric()).collect();
    ["PASSWORD", "PASSWD", "SECRET"]
        .iter()
        .any(|s| u.contains(s))
        || words.iter().any(|w| {
            matches!(
                *w,
                "TOKEN" | "PASS" | "PASSPHRASE" | "APIKEY" | "CREDENTIAL" | "CREDENTIALS"
            )
        })
        || words.windows(2).any(|p| {
            p[1] == "KEY"
                && matches!(
                    p[0],
                    "API" | "ACCESS" | "PRIVATE" | "SECRET" | "CLIENT" | "AUTH" | "ENCRYPTION"
                )
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rules::shell::run_rule;

    #[test]
    fn fires_on_secret_names() {
        let text = "ARG GITHUB_TOKEN\nFROM x\nENV DB_PASSWORD=hunter2 OTHER=1\nARG aws_secret_access_key=x\nENV API_KEY abc\nARG NAGIOS_PASS\nENV dbPassword=\"p w\"\n";
        let f = run_rule(check, text);
        assert_eq!(
            f.iter().map(|f| f.line).collect::<Vec<_>>(),
            vec![1, 3, 4, 5, 6, 7]
        );
        assert!(
            f[1].message.contains("`ENV DB_PASSWORD`"),
            "{}",
            f[1].message
        );
        assert_eq!(f[0].hadolint, Some("DL3064"));
        assert_eq!(f[0].saves_bytes, 0);
    }

    #[test]
    fn quiet_for_other_names() {
        for text in [
            "FROM x\nENV POSTGRES_PASSWORD_FILE=/run/secrets/pw\n",
            "FROM x\nENV GPG_KEY=7169605F62C751356D054A26A821E680E5FA6305\n",
            "FROM x\nENV TOKENIZERS_PARALLELISM=false\n",
            "FROM x\nARG PUBLIC_KEY_URL\n",
            "FROM x\nENV DOCKER_USERNAME=me PASSENGER_VERSION=6 KEEPASS_VERSION=2\n",
            "FROM x\nENV SECRET=\n",
            "FROM x\nRUN echo $PASSWORD\n",
        ] {
            assert!(run_rule(check, text).is_empty(), "{text}");
        }
    }
}
