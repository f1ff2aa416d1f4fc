#!/usr/bin/env bash
# Sets up (first run only) and runs every test: format, lints, native tests
# (unit, corpus agreement with BuildKit, seed, CLI), browser tests in headless
# Chromium (wasm-bindgen-test), the release build with its size report, and the
# Playwright end-to-end tests against that build.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "rustfmt";  cargo fmt --check
step "clippy (native)"; cargo clippy -q --all-targets -- -D warnings
step "clippy (wasm32)"; cargo clippy -q --target wasm32-unknown-unknown --lib --bins --tests -- -D warnings
step "native tests"; cargo test -q 2>&1 | tee target/native-tests.log
step "browser tests (wasm-bindgen-test, headless Chromium)"
CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT=120 \
  cargo test --target wasm32-unknown-unknown --test browser
step "release build"; trunk build --release
step "bundle size"; bash scripts/bundle-size.sh
step "end-to-end (Playwright, Debian Chromium)"; node --test e2e/
