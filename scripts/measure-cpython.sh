#!/usr/bin/env bash
# Builds CPython from its release tarball as docker-library/python's Dockerfile does, and
# measures what `make install` leaves in /usr/local after the Dockerfile's own trims (test
# folders, .pyc/.pyo and libpython*.a deleted; binaries linked with --strip-all).
# python.org is not reachable from this machine: Debian's source package of the same minor
# carries python.org's release tarball unchanged as its .orig.tar.gz.
# Not done: --enable-optimizations (PGO) and --with-lto, which take about an hour on two
# cores; they change code layout, not what is installed, so the measured bytes are close.
#   bash scripts/measure-cpython.sh [3.11]          (bookworm's source)
#   SUITE=trixie bash scripts/measure-cpython.sh 3.13
set -euo pipefail
MINOR=${1:-3.11}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
mkdir -p lists/partial
echo "deb-src http://deb.debian.org/debian ${SUITE:-bookworm} main" > src.list
apt=(apt-get -q -o Dir::Etc::SourceList="$work/src.list" -o Dir::Etc::SourceParts=/dev/null
     -o Dir::State::Lists="$work/lists")
"${apt[@]}" update >/dev/null
"${apt[@]}" source --download-only "python$MINOR" >/dev/null 2>&1
apt-get install -y -qq --no-install-recommends gcc make dpkg-dev libbluetooth-dev libbz2-dev \
  libc6-dev libdb-dev libffi-dev libgdbm-dev liblzma-dev libncursesw5-dev libreadline-dev \
  libsqlite3-dev libssl-dev tk-dev uuid-dev xz-utils zlib1g-dev >/dev/null
tar -xf python"$MINOR"_*.orig.tar.?z && cd Python-*/
./configure --enable-loadable-sqlite-extensions --enable-shared --with-ensurepip \
  --enable-option-checking=fatal >/dev/null
make -j "$(nproc)" "LDFLAGS=-Wl,--strip-all" >/dev/null 2>&1
make install DESTDIR="$work/root" "LDFLAGS=-Wl,--strip-all" >/dev/null 2>&1
cd "$work"
find root/usr/local -depth \
  \( \( -type d -a \( -name test -o -name tests -o -name idle_test \) \) \
     -o \( -type f -a \( -name '*.pyc' -o -name '*.pyo' -o -name 'libpython*.a' \) \) \
  \) -exec rm -rf '{}' +
# As `docker images` counts: regular files' sizes and symlinks' target lengths.
python3 - "$work/root/usr/local" "$(ls "$work"/python"$MINOR"_*.orig.tar.?z | xargs -n1 basename)" <<'PY'
import os, sys
root, src = sys.argv[1], sys.argv[2]
total = files = 0
pip = 0
for d, dirs, names in os.walk(root):
    for n in names + [x for x in dirs if os.path.islink(os.path.join(d, x))]:
        p = os.path.join(d, n)
        b = len(os.readlink(p)) if os.path.islink(p) else os.path.getsize(p)
        total += b
        files += 1
        if "/site-packages/pip" in p:
            pip += b
print(f"{src}: /usr/local after make install and the trims: {total:,} B in {files:,} files "
      f"(pip in site-packages {pip:,} B)")
PY
