#!/usr/bin/env bash
# Builds each bench/oracle/*/Dockerfile for real with shared/tools/image-oracle (buildah,
# offline base, live Debian mirror) and writes the true per-layer sizes to results.tsv,
# next to Slimfile's estimate. Not part of the test command (needs the shared tools and
# minutes per build).   bash bench/oracle/run.sh [../shared/tools/image-oracle]
# LOGS=1 also keeps each image long enough to write its apt logs per layer to logs.tsv
# (logs.py rows), for `python3 logs.py fit logs.tsv`.
set -uo pipefail
cd "$(dirname "$0")"
ORACLE=${1:-../../../shared/tools/image-oracle}
out=results.tsv
[ -n "${ONLY:-}" ] || printf 'case\tlayer\treal_bytes\n' > "$out"
B=(buildah --root "${ORACLE_DIR:-/tmp/slimfile-oracle}/storage" --runroot "${ORACLE_DIR:-/tmp/slimfile-oracle}/runroot" --storage-driver vfs)
only=${ONLY:-}
[ -z "${LOGS:-}" ] || [ -n "$only" ] || printf 'case\tlayer\tlogs_bytes\tldcache_bytes\tinstalled\tremoved\n' > logs.tsv
for d in */; do
  [ -n "$only" ] && [[ "$d" != $only* ]] && continue
  d=${d%/}; [ -f "$d/Dockerfile" ] || continue
  echo "== $d" >&2
  log=$(mktemp)
  # Registries are reached through this machine's CA bundle; give builds that need it a copy.
  grep -q 'ca.crt' "$d/Dockerfile" && cp /etc/ssl/certs/ca-certificates.crt "$d/ca.crt"
  if KEEP=${LOGS:-} bash "$ORACLE/build-and-measure.sh" "$d/Dockerfile" "$d" 2>"$log" >"$log.total"; then
    n=0; grep '^layer ' "$log" | sed 's/.*docker_size=\([0-9]*\).*/\1/' | while read -r b; do
      printf '%s\t%s\t%s\n' "$d" "$n" "$b" >> "$out"; n=$((n+1)); done
    printf '%s\ttotal\t%s\n' "$d" "$(cat "$log.total")" >> "$out"
    if [ -n "${LOGS:-}" ]; then
      tag=$("${B[@]}" images --noheading --format '{{.Name}}' | grep 'oracle/m' | head -1)
      img=$(mktemp -d)
      "${B[@]}" push -q "$tag" "dir:$img/i" >/dev/null && python3 logs.py rows "$d" "$img/i" >> logs.tsv
      "${B[@]}" rmi "$tag" >/dev/null 2>&1; rm -rf "$img"
    fi
  else
    echo "build failed: $d" >&2; tail -5 "$log" >&2
  fi
  rm -f "$log" "$log.total"
done
