#!/usr/bin/env bash
# Installs everything Slimfile needs on a fresh machine. Idempotent: each step
# is skipped when its tool is already there at the right version.
#   Rust wasm target, Trunk 0.21.14, wasm-bindgen-cli (= the wasm-bindgen in Cargo.lock),
#   Debian's chromium + chromium-driver, npm packages (playwright-core, binaryen's wasm-opt).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }

rustup target list --installed | grep -q wasm32-unknown-unknown || {
  say "adding the wasm32 target"; rustup target add wasm32-unknown-unknown; }

# Building the tools with LTO off takes minutes instead of a quarter of an hour.
fast_install() { CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 cargo install "$@"; }

if ! trunk --version 2>/dev/null | grep -q '0\.21\.14'; then
  say "installing trunk 0.21.14 (about 8 minutes)"; fast_install trunk --version 0.21.14 --locked
fi
WB=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
if ! wasm-bindgen --version 2>/dev/null | grep -q " $WB\b"; then
  say "installing wasm-bindgen-cli $WB (about 4 minutes)"; fast_install wasm-bindgen-cli --version "$WB" --force
fi

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null || ! command -v brotli >/dev/null; then
  say "installing Debian's chromium, chromium-driver and brotli"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq chromium chromium-driver brotli >/dev/null
fi

if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ]; then
  say "installing npm packages"; npm ci --no-audit --no-fund
fi

cargo fetch -q
say "ready"
