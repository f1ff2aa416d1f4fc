#!/usr/bin/env bash
# Fuzzes the splitter and the whole engine with cargo-fuzz (libFuzzer).
#   bash scripts/fuzz.sh [parse|analyze] [seconds]
# cargo-fuzz needs nightly flags; RUSTC_BOOTSTRAP lets the stable toolchain accept them.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:-parse}; secs=${2:-60}
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
mkdir -p fuzz/corpus/"$target"
# Seed with the real Dockerfiles.
find tests/fixtures/corpus/files -type f -name '*Dockerfile*' | head -300 | while read -r f; do
  cp "$f" "fuzz/corpus/$target/$(echo "$f" | md5sum | cut -c1-16)"; done
RUSTC_BOOTSTRAP=1 cargo fuzz run "$target" "fuzz/corpus/$target" -- -max_total_time="$secs" -max_len=4096
