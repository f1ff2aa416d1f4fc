#!/usr/bin/env bash
# Measures what a release build of typical Rust starters leaves in an image: target/ and the
# Cargo registry ($CARGO_HOME/registry: the index cache, downloaded .crate files and their
# sources). These give facts::RUST_TARGET_DIR and facts::RUST_REGISTRY (data/MEASURED.md).
# Needs cargo and crates.io. Takes a few minutes per starter (-j 1).
set -u
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cd "$work"
measure() { # name, then the cargo add commands
  name=$1; shift
  rm -rf "$name" home; mkdir home
  export CARGO_HOME=$PWD/home
  cargo new -q "$name" && cd "$name"
  eval "$@"
  cargo build --release -q -j 1 2>&1 | tail -2
  echo "$name | target $(du -sb target | cut -f1) | registry $(du -sb ../home/registry | cut -f1) | crates $(ls ../home/registry/src/*/ | wc -l)"
  cd ..
}
measure clapapp 'cargo add -q clap@4 --features derive'
measure axumapp 'cargo add -q axum@0.8; cargo add -q tokio@1 --features full; cargo add -q serde@1 --features derive; cargo add -q serde_json@1'
measure actixapp 'cargo add -q actix-web@4; cargo add -q serde@1 --features derive'
