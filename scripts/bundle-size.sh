#!/usr/bin/env bash
# Prints the release build's size (raw, gzip -9, brotli -q 11) per file: the app bundle
# (wasm, js, css, html, embed.js), checked against the budget (450 KB gzip), and the
# data tables the page fetches next to it, reported apart.
set -euo pipefail
cd "$(dirname "$0")/../dist"
BUDGET=${BUNDLE_BUDGET_GZIP:-450000}
row() { printf '%-40s %10s %10s %10s\n' "$@"; }
measure() {
  local tr=0 tg=0 tb=0
  for f in "$@"; do
    [ -f "$f" ] || continue
    r=$(stat -c %s "$f"); g=$(gzip -9 -c "$f" | wc -c); b=$(brotli -q 11 -c "$f" | wc -c)
    tr=$((tr + r)); tg=$((tg + g)); tb=$((tb + b))
    row "$f" "$r" "$g" "$b"
  done
  row "$TITLE" "$tr" "$tg" "$tb"
  TOTAL_GZIP=$tg
}
row file raw gzip brotli
TITLE="APP BUNDLE TOTAL" measure *.wasm *.js *.css index.html
app=$TOTAL_GZIP
TITLE="PACKAGE TABLES TOTAL (fetched by the page)" measure bookworm.tsv bullseye.tsv trixie.tsv focal.tsv jammy.tsv noble.tsv alpine-installed-sizes.tsv depends.tsv closures.tsv packages.tsv wheels.tsv wheels-history.tsv base-images.tsv extensions.tsv jlink-modules.tsv gems.tsv node/dist.tsv go/dist.tsv permalink-dict-v1.txt
if [ "$app" -gt "$BUDGET" ]; then echo "bundle-size: app bundle gzip $app B is over the budget of $BUDGET B" >&2; exit 1; fi
