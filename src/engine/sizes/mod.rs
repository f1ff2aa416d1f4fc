//! Sourced size tables and the lookups over them.
//!
//! - [`base`]: base-image sizes (`data/base-images.tsv`, generated from the
//!   repo-info, dotnet-docker and distroless sources by `scripts/build_base_table.py`).
//! - [`dist`]: toolchain release archives a RUN downloads and unpacks (`data/node/`,
//!   `data/go/`).
//! - [`gems`]: Ruby gems `gem install` unpacks (`data/ruby/`, from Debian's gem packages).
//! - [`jlink`]: what each Java module adds to a `jlink` runtime (`data/java/`).
//! - [`php`]: PHP extensions' .so sizes (`data/php/`, from Debian's packages).
//! - [`rpm`]: `dnf`/`yum` installs approximated with Debian's same-named packages.
//! - [`facts`]: every other constant the estimator uses, each with its source.
//!
//! Architecture invariant: no number lives here without the place it came from.

pub mod apk;
pub mod apt;
pub mod base;
pub mod dist;
pub mod facts;
pub mod gems;
pub mod jlink;
pub mod npm;
pub mod php;
pub mod pip;
pub mod rpm;
pub mod tables;

pub use base::{
    base_env, base_workdir, debian_release_of_number, is_build_date, is_uv_image, lookup_base,
    lookup_base_at, parse_image_ref, BaseMatch, ImageRef, DEBIAN_RELEASES,
};
pub use facts::Fact;
