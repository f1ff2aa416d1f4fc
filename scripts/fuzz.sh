#!/usr/bin/env bash
# Fuzzes the splitter, the whole engine and the permalink decoder with cargo-fuzz (libFuzzer).
#   bash scripts/fuzz.sh [parse|analyze|permalink] [seconds]
# cargo-fuzz needs nightly flags; RUSTC_BOOTSTRAP lets the stable toolchain accept them.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:-parse}; secs=${2:-60}
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
mkdir -p fuzz/corpus/"$target"
# Seed with the real Dockerfiles.
if [ "$target" != permalink ]; then
  find tests/fixtures/corpus/files -type f -name '*Dockerfile*' -size -8k | sort | sed -n '1,300p' > /tmp/slimfile-fuzz-seeds
  while read -r f; do cp "$f" "fuzz/corpus/$target/$(echo "$f" | md5sum | cut -c1-16)"; done < /tmp/slimfile-fuzz-seeds
fi
RUSTC_BOOTSTRAP=1 cargo fuzz run "$target" "fuzz/corpus/$target" -- -max_total_time="$secs" -max_len=4096
