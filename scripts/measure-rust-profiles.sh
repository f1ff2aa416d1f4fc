#!/usr/bin/env bash
# Measures the Rust binaries whose size depends on the profile and the toolchain's age, for
# a program without dependencies and the three starters of scripts/measure-rust-deps.sh:
#  - release with `strip = "none"`: what `cargo build --release` made before Rust 1.77
#    (2024-03-21), when Cargo began stripping debuginfo from release builds by default, so
#    the standard library's debuginfo stayed in the binary;
#  - the dev profile (`cargo build` without --release): debuginfo for everything, no
#    optimisation; and its target/ folder.
# Each binary is also measured after `strip`.
# Gives facts::RUST_STD_DEBUGINFO and facts::RUST_*_DEBUG (data/MEASURED.md). Needs cargo and
# crates.io; a few minutes per starter.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/rust-starters.sh"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cd "$work"
measure() { # name, main.rs, then the cargo add commands
  new_starter "$@"
  CARGO_PROFILE_RELEASE_STRIP=none cargo build --release -q 2>&1 | tail -2
  rel=$(stat -c %s target/release/$name)
  strip -o rel.stripped target/release/$name
  rels=$(stat -c %s rel.stripped)
  rm -rf target
  cargo build -q 2>&1 | tail -2
  strip -o dbg.stripped target/debug/$name
  echo "$name | release unstripped $rel | release after strip $rels | debug binary $(stat -c %s target/debug/$name) | debug after strip $(stat -c %s dbg.stripped) | debug target $(du -sb target | cut -f1)"
  cd ..
}
measure hello 'fn main() { println!("Hello, world!"); }' ':'
each_starter measure
rustc --version
