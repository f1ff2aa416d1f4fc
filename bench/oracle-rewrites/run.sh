#!/usr/bin/env bash
# Builds a single-stage Dockerfile and Slimfile's rewrites of it for real (buildah, via
# shared/tools/image-oracle), prints each image's true size next to the estimate, and
# runs each image's entrypoint to see that the program still works.
#   bash bench/oracle-rewrites/run.sh go-debian /app
#   bash bench/oracle-rewrites/run.sh python-debian python3 app.py
#   ONLY=java-debian/Dockerfile.jlink bash bench/oracle-rewrites/run.sh java-debian java -jar /src/app.jar
# (ORACLE=path/to/shared/tools/image-oracle to use another copy of the oracle.)
set -uo pipefail
cd "$(dirname "$0")"
case=${1:?case folder}; cmd=("${@:2}"); [ ${#cmd[@]} -gt 0 ] || { echo "the program to run in each image?" >&2; exit 2; }
ORACLE=${ORACLE:-../../../shared/tools/image-oracle}
# Registries are reached through this machine's CA bundle; give builds that need it a copy.
grep -qs 'ca.crt' "$case"/Dockerfile && cp /etc/ssl/certs/ca-certificates.crt "$case/ca.crt"
O=${ORACLE_DIR:-/tmp/slimfile-oracle}
B=(buildah --root $O/storage --runroot $O/runroot --storage-driver vfs)
for df in ${ONLY:-"$case"/Dockerfile "$case"/Dockerfile.*}; do
  est=$(cd ../.. && cargo run -q --bin slimfile -- analyze --format json "bench/oracle-rewrites/$df" | python3 -c 'import json,sys; print(json.load(sys.stdin)["before"]["bytes"])')
  real=$(KEEP=1 bash "$ORACLE/build-and-measure.sh" "$df" "$case" 2>/tmp/oracle-rw.log)
  img=$("${B[@]}" images --format '{{.Name}}:{{.Tag}}' | grep oracle/m | tail -1)
  out=$("${B[@]}" from -q "$img" 2>/dev/null | xargs -I{} "${B[@]}" run --isolation chroot {} -- "${cmd[@]}" 2>&1 | tail -1)
  printf '%-34s real %12s  estimate %12s  runs: %s\n' "$df" "$real" "$est" "${out:-?}"
  "${B[@]}" rm -a >/dev/null 2>&1; "${B[@]}" rmi "$img" >/dev/null 2>&1
done
