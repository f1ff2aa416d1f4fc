#!/usr/bin/env bash
# Prints the release bundle's size (raw, gzip -9, brotli -q 11) per file and in total,
# and fails when the gzip total passes the budget (450 KB).
set -euo pipefail
cd "$(dirname "$0")/../dist"
BUDGET=${BUNDLE_BUDGET_GZIP:-450000}
printf '%-40s %10s %10s %10s\n' file raw gzip brotli
tr=0; tg=0; tb=0
for f in *.wasm *.js *.css index.html; do
  [ -f "$f" ] || continue
  r=$(stat -c %s "$f"); g=$(gzip -9 -c "$f" | wc -c); b=$(brotli -q 11 -c "$f" | wc -c)
  tr=$((tr + r)); tg=$((tg + g)); tb=$((tb + b))
  printf '%-40s %10d %10d %10d\n' "$f" "$r" "$g" "$b"
done
printf '%-40s %10d %10d %10d\n' TOTAL "$tr" "$tg" "$tb"
if [ "$tg" -gt "$BUDGET" ]; then echo "bundle-size: gzip total $tg B is over the budget of $BUDGET B" >&2; exit 1; fi
