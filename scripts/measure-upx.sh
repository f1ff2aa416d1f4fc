#!/bin/bash
# Measures what `upx` leaves of stripped Go and Rust binaries: Debian trixie's upx-ucl 4.2.4
# on the binaries of Debian's age, age-keygen, caddy, gh, restic (Go) and ripgrep, fd
# (Rust), at upx's default level and with --best --lzma. trixie's upx needs glibc 2.38, so
# it runs with trixie's own loader and libraries, unpacked next to it.
#
# Output: one line per binary: name, bytes, default upx bytes, --best --lzma bytes, both
# in thousandths. Results are in data/MEASURED.md (`UPX_*_PER_BYTE` in facts.rs).
#
# Run: bash scripts/measure-upx.sh   (needs deb.debian.org)
set -euo pipefail
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
cd "$W"
curl -fsS http://deb.debian.org/debian/dists/trixie/main/binary-amd64/Packages.xz | xz -dc > Packages
python3 - <<'PY' > debs.txt
import re
want = {"upx-ucl", "age", "caddy", "gh", "restic", "ripgrep", "fd-find",
        "libc6", "libstdc++6", "libgcc-s1", "libucl1", "zlib1g"}
for block in open("Packages", encoding="utf-8", errors="replace").read().split("\n\n"):
    f = dict(re.findall(r"^([A-Za-z0-9+.-]+): (.*)$", block, re.M))
    if f.get("Package") in want and f.get("Architecture") in ("amd64", "all"):
        print(f["Filename"])
PY
mkdir -p root out
while read -r fn; do
  curl -fsS -o pkg.deb "http://deb.debian.org/debian/$fn"
  dpkg-deb -x pkg.deb root; rm pkg.deb
done < debs.txt
lib=root/usr/lib/x86_64-linux-gnu
upx() { "$lib/ld-linux-x86-64.so.2" --library-path "$lib" root/usr/bin/upx-ucl -q "$@" >/dev/null; }
for b in root/usr/bin/age root/usr/bin/age-keygen root/usr/bin/caddy root/usr/bin/gh \
         root/usr/bin/restic root/usr/bin/rg root/usr/lib/cargo/bin/fd; do
  n=$(basename "$b"); in=$(stat -c %s "$b")
  cp "$b" "out/$n.d"; upx "out/$n.d"; d=$(stat -c %s "out/$n.d")
  cp "$b" "out/$n.l"; upx --best --lzma "out/$n.l"; l=$(stat -c %s "out/$n.l")
  echo "$n $in $d $l $((d * 1000 / in)) $((l * 1000 / in))"
done
