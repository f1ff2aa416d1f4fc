#!/usr/bin/env bash
# Sets up (first run only) and serves the playground at http://127.0.0.1:8080
# with the example Dockerfile loaded.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
exec trunk serve --release "$@"
