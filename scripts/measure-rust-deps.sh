#!/usr/bin/env bash
# Measures what a release build of typical Rust starters leaves in an image: target/, the
# Cargo registry ($CARGO_HOME/registry: the index cache, downloaded .crate files and their
# sources) and the release binary of a small program on the starter's crates. These give
# facts::RUST_TARGET_DIR, facts::RUST_REGISTRY and facts::RUST_STARTER_BINARY
# (data/MEASURED.md). Needs cargo and crates.io. Takes a few minutes per starter (-j 1).
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/rust-starters.sh"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cd "$work"
measure() { # name, main.rs, then the cargo add commands
  new_starter "$@"
  cargo build --release -q -j 1 2>&1 | tail -2
  echo "$name | target $(du -sb target | cut -f1) | registry $(du -sb ../home/registry | cut -f1) | crates $(ls ../home/registry/src/*/ | wc -l) | binary $(stat -c %s target/release/$name)"
  cd ..
}
each_starter measure
