//! Findings: what wastes space (or time), with the bytes each fix saves.
//!
//! One rule per file, ruff-style: a doc comment (what it does, why, example, use
//! instead, fix safety, hadolint equivalent), a stable `SF…` code, a check over the
//! parsed file that returns [`Finding`]s with their line spans, and where possible a
//! [`Fix`] made of text edits over the user's text. Tests live beside each rule.
//!
//! Savings are mostly not computed by the rules: [`crate::engine::analyze`] applies
//! each fix to the text and re-runs the estimator, so a finding saves exactly what the
//! size model says the fixed Dockerfile weighs less. A rule whose saving is not a text
//! edit (SF015, SF016) sets `saves_*` itself from the same size model or tables.

mod pm;
mod shell;

pub mod add_instead_of_copy;
pub mod add_remote_url;
pub mod apk_no_cache;
pub mod apt_cleanup_in_later_run;
pub mod apt_get_upgrade;
pub mod apt_lists_not_removed;
pub mod apt_no_install_recommends;
pub mod apt_update_without_install;
pub mod archive_left_in_layer;
pub mod build_tools_in_final_stage;
pub mod chown_in_later_run;
pub mod copy_all_before_dependency_install;
pub mod dev_dependencies_in_final_image;
pub mod dnf_yum_cache;
pub mod fat_base_image;
pub mod java_on_slim_without_man_dir;
pub mod latest_base;
pub mod next_cache_in_image;
pub mod npm_install_instead_of_ci;
pub mod package_manager_cache_in_image;
pub mod pip_no_cache_dir;
pub mod relative_workdir;
pub mod runs_as_root;
pub mod secret_in_env_or_arg;
pub mod unstripped_binary;
pub mod untagged_base;

use crate::engine::model::Model;
use crate::engine::syntax::ParsedFile;
use serde::Serialize;

pub use crate::engine::edit::Edit;

/// A fix: edits applied together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    /// What applying it does ("Add --no-install-recommends").
    pub title: String,
    pub edits: Vec<Edit>,
    /// Safe fixes keep the program's behaviour; "Apply all safe fixes" applies only these.
    pub safe: bool,
}

impl Fix {
    /// Applies the edits (back to front); overlapping or out-of-range edits are skipped.
    pub fn apply(&self, text: &str) -> String {
        crate::engine::edit::apply(text, self.edits.clone())
    }
}

/// One finding on the user's text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// Stable code, `SF…`.
    pub code: &'static str,
    pub line: usize,
    pub end_line: usize,
    pub message: String,
    /// Bytes the fix saves, from the size model (0 when it is about build time or safety).
    pub saves_bytes: u64,
    pub saves_low: u64,
    pub saves_high: u64,
    /// The hadolint rule that means the same, if any.
    pub hadolint: Option<&'static str>,
    pub fix: Option<Fix>,
    /// For a finding without a fix: an edit that only prices it (the estimate of the text
    /// with it applied gives the saving), never offered to apply.
    #[serde(skip)]
    pub priced_by: Option<Fix>,
    /// Dropped after pricing when its fix saves nothing (the program it would strip does
    /// not reach the image).
    #[serde(skip)]
    pub only_if_it_saves: bool,
}

/// What a rule sees.
pub struct Context<'a> {
    pub text: &'a str,
    pub parsed: &'a ParsedFile,
    pub model: &'a Model,
    /// The build date the user set (`Assumptions::as_of`): images priced as built then.
    pub as_of: Option<&'a str>,
    /// The `--target` stage (`Assumptions::target`): fixes are priced for the image it builds.
    pub target: Option<&'a str>,
}

type RuleFn = fn(&Context) -> Vec<Finding>;

/// Every rule, in code order.
pub const RULES: &[(&str, RuleFn)] = &[
    (apt_lists_not_removed::CODE, apt_lists_not_removed::check),
    (
        apt_no_install_recommends::CODE,
        apt_no_install_recommends::check,
    ),
    (apk_no_cache::CODE, apk_no_cache::check),
    (pip_no_cache_dir::CODE, pip_no_cache_dir::check),
    (untagged_base::CODE, untagged_base::check),
    (latest_base::CODE, latest_base::check),
    (add_instead_of_copy::CODE, add_instead_of_copy::check),
    (
        apt_cleanup_in_later_run::CODE,
        apt_cleanup_in_later_run::check,
    ),
    (apt_get_upgrade::CODE, apt_get_upgrade::check),
    (dnf_yum_cache::CODE, dnf_yum_cache::check),
    (
        apt_update_without_install::CODE,
        apt_update_without_install::check,
    ),
    (
        npm_install_instead_of_ci::CODE,
        npm_install_instead_of_ci::check,
    ),
    (
        dev_dependencies_in_final_image::CODE,
        dev_dependencies_in_final_image::check,
    ),
    (
        package_manager_cache_in_image::CODE,
        package_manager_cache_in_image::check,
    ),
    (
        build_tools_in_final_stage::CODE,
        build_tools_in_final_stage::check,
    ),
    (fat_base_image::CODE, fat_base_image::check),
    (
        copy_all_before_dependency_install::CODE,
        copy_all_before_dependency_install::check,
    ),
    (secret_in_env_or_arg::CODE, secret_in_env_or_arg::check),
    (runs_as_root::CODE, runs_as_root::check),
    (add_remote_url::CODE, add_remote_url::check),
    (relative_workdir::CODE, relative_workdir::check),
    (
        java_on_slim_without_man_dir::CODE,
        java_on_slim_without_man_dir::check,
    ),
    (chown_in_later_run::CODE, chown_in_later_run::check),
    (next_cache_in_image::CODE, next_cache_in_image::check),
    (archive_left_in_layer::CODE, archive_left_in_layer::check),
    (unstripped_binary::CODE, unstripped_binary::check),
];

/// Applies the safe fixes of the rules `wanted` selects (by code), one at a time,
/// re-reading the text after each, until none is left.
pub fn apply_safe_fixes(text: &str, wanted: impl Fn(&str) -> bool) -> String {
    let mut text = text.to_string();
    for _ in 0..64 {
        let parsed = crate::engine::syntax::parse(&text);
        let model = Model::build(&parsed);
        let ctx = Context {
            text: &text,
            parsed: &parsed,
            model: &model,
            as_of: None,
            target: None,
        };
        let Some(fix) = RULES
            .iter()
            .filter(|(code, _)| wanted(code))
            .flat_map(|(_, rule)| rule(&ctx))
            .filter_map(|f| f.fix)
            .find(|f| f.safe)
        else {
            break;
        };
        let next = fix.apply(&text);
        if next == text {
            break;
        }
        text = next;
    }
    text
}

/// Runs every rule; findings come back unsorted and without savings.
pub fn check(ctx: &Context) -> Vec<Finding> {
    RULES.iter().flat_map(|(_, rule)| rule(ctx)).collect()
}
