#!/usr/bin/env python3
"""Build data/pip/wheels-history.tsv: what data/pip/wheels.tsv holds, as PyPI had it at earlier dates.

A Dockerfile from 2020 that runs `pip install pandas` got the pandas of 2020, not today's. For
each snapshot date (1 January of each year below) and the CPython minor current then, this
script:

* resolves each name of data/pip/common.txt on its own with uv (`uv pip compile
  --exclude-newer DATE` for that CPython on manylinux x86_64): the versions `pip install
  NAME` would have picked that day;
* checks each name's own pin against PyPI's release history (its JSON API): a pin
  released more than two years before the date is taken as uv failing on old metadata
  (e.g. `pytz (>=2011k)`) and backtracking, not as what pip picked, and the name is left
  out of that snapshot;
* gets every pinned version once: its manylinux wheel for that CPython (`pip download
  --no-deps --only-binary=:all:`), or, for a version published only as source, the wheel
  `pip wheel --no-deps` builds from it on this machine (what pip built in the image then;
  for one with optional C code the same files give or take the compiled module);
* reads each wheel as build_pip_table.py does: unpacked size (the sum of the file sizes in
  the zip), .whl size, and the Requires-Dist entries that apply on Linux to that CPython
  without extras (markers evaluated with pip's vendored `packaging`).

A name that did not exist yet, or did not resolve, is left out of that snapshot; the
estimate then falls back to today's row. When two roots pin different versions of a shared
dependency, the newer is kept.

Columns: snapshot (YYYY-MM-DD), python (3.X), name, version, unpacked_bytes, wheel_bytes,
depends. Run (from the repository root; needs PyPI, and uv on PATH, e.g. `pip install uv`):
    python3 scripts/build_pip_history.py
Wheels are cached in $PIP_HISTORY_CACHE (/tmp/slimfile-wheel-history).
"""
import concurrent.futures
import email.parser
import functools
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
import zipfile

from pip._vendor.packaging.markers import Marker
from pip._vendor.packaging.version import Version, InvalidVersion

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from build_pip_table import norm  # noqa: E402

TODAY = time.strftime("%Y-%m-%d")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "data", "pip", "wheels-history.tsv")
CACHE = os.environ.get("PIP_HISTORY_CACHE", "/tmp/slimfile-wheel-history")

# (snapshot date, the newest CPython minor released before it: python.org release dates)
SNAPSHOTS = [
    ("2019-01-01", "3.7"),  # 3.7.0: 2018-06-27
    ("2020-01-01", "3.8"),  # 3.8.0: 2019-10-14
    ("2021-01-01", "3.9"),  # 3.9.0: 2020-10-05
    ("2022-01-01", "3.10"),  # 3.10.0: 2021-10-04
    ("2023-01-01", "3.11"),  # 3.11.0: 2022-10-24
    ("2024-01-01", "3.12"),  # 3.12.0: 2023-10-02
    ("2025-01-01", "3.13"),  # 3.13.0: 2024-10-07
    ("2026-01-01", "3.14"),  # 3.14.0: 2025-10-07
]


def uv():
    exe = shutil.which("uv") or os.path.join(os.path.dirname(sys.executable), "uv")
    if not os.path.exists(exe):
        sys.exit("uv not found: pip install uv")
    return exe


def pins(name, date, py):
    """name==version lines `pip install NAME` would have resolved to on `date`, or None."""
    with tempfile.TemporaryDirectory() as d:
        req = os.path.join(d, "req.in")
        with open(req, "w") as f:
            f.write(name + "\n")
        # Source builds need today's setuptools and wheel (old ones do not run on the
        # CPython that builds here); a runtime dependency on them is set back below.
        r = subprocess.run([uv(), "pip", "compile", "-q", req, "--exclude-newer", date,
                            "--exclude-newer-package", f"setuptools={TODAY}",
                            "--exclude-newer-package", f"wheel={TODAY}",
                            "--python", sys.executable, "--python-version", py,
                            "--python-platform", "x86_64-manylinux_2_17", "--no-header",
                            "--no-annotate"], capture_output=True, text=True)
        if r.returncode != 0:
            return None
        return [l.strip() for l in r.stdout.splitlines() if "==" in l and not l.startswith("#")]


def wheel_of(name, version, cache):
    """The wheel of name==version in `cache`, if there."""
    for f in os.listdir(cache):
        if f.endswith(".whl"):
            parts = f.split("-")
            if len(parts) > 2 and norm(parts[0]) == name and parts[1] == version:
                return os.path.join(cache, f)
    return None


def fetch(name, version, py, cache):
    """Puts name==version's wheel in `cache`: the manylinux one for CPython `py`, else the
    one `pip wheel` builds from its source with this machine's CPython (the same files, but
    for a compiled module built for this CPython rather than `py`). True when there is one."""
    if wheel_of(name, version, cache):
        return True
    subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps",
                    "--only-binary=:all:", "--platform", "manylinux2014_x86_64",
                    "--platform", "manylinux_2_28_x86_64", "--platform", "manylinux1_x86_64",
                    "--platform", "manylinux2010_x86_64", "--python-version", py,
                    "--implementation", "cp", "-d", cache, f"{name}=={version}"],
                   capture_output=True, text=True)
    if wheel_of(name, version, cache):
        return True
    with tempfile.TemporaryDirectory() as d:
        subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", d,
                        f"{name}=={version}"], capture_output=True, text=True)
        built = [f for f in os.listdir(d) if f.endswith(".whl")]
        if built:
            shutil.copy(os.path.join(d, built[0]), cache)
            return True
    return False


@functools.lru_cache(maxsize=None)
def released(name):
    """{version: first upload date (YYYY-MM-DD)} from PyPI's JSON API."""
    try:
        with urllib.request.urlopen(f"https://pypi.org/pypi/{name}/json", timeout=60) as r:
            j = json.load(r)
    except Exception:
        return {}
    return {v: min(f["upload_time"][:10] for f in files)
            for v, files in j.get("releases", {}).items() if files}


def latest_before(name, date):
    """The newest final release of `name` uploaded before `date`, or None."""
    best = None
    for v, when in released(name).items():
        try:
            pv = Version(v)
        except InvalidVersion:
            continue
        if when < date and not pv.is_prerelease and (best is None or pv > Version(best)):
            best = v
    return best


def stale(name, version, date):
    """The root's pin is not its newest release then and is more than two years older than
    `date`: uv backtracked past releases whose metadata it could not read."""
    rel = released(name)
    when = rel.get(version)
    if when is None or latest_before(name, date) in (None, version):
        return False
    y, rest = int(date[:4]), date[4:]
    return when < f"{y - 2}{rest}"


def newer(a, b):
    try:
        return Version(a) > Version(b)
    except InvalidVersion:
        return a > b


def read_wheel(path, py):
    with zipfile.ZipFile(path) as z:
        size = sum(i.file_size for i in z.infolist())
        meta = next((i for i in z.namelist() if i.endswith(".dist-info/METADATA")), None)
        if not meta:
            return None
        msg = email.parser.Parser().parsestr(z.read(meta).decode("utf-8", "replace"))
    env = {"python_version": py, "python_full_version": py + ".0", "sys_platform": "linux",
           "platform_system": "Linux", "os_name": "posix", "platform_machine": "x86_64",
           "implementation_name": "cpython", "platform_python_implementation": "CPython",
           "extra": ""}
    deps = []
    for req in msg.get_all("Requires-Dist") or []:
        spec, _, marker = req.partition(";")
        if marker.strip():
            try:
                if not Marker(marker.strip()).evaluate(env):
                    continue
            except Exception:
                continue
        d = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", spec)
        if d:
            deps.append(norm(d.group(1)))
    return norm(msg.get("Name", "")), msg.get("Version", ""), size, sorted(set(deps)), os.path.getsize(path)


def main():
    names = []
    for line in open(os.path.join(ROOT, "data", "pip", "common.txt"), encoding="utf-8"):
        if not line.startswith("#"):
            names += line.split()
    out = []
    for date, py in SNAPSHOTS:
        want, missing = {}, []
        with concurrent.futures.ThreadPoolExecutor(4) as ex:
            resolved = list(ex.map(lambda n: pins(n, date, py), names))
        for n, p in zip(names, resolved):
            own = next((l.partition("==")[2].split()[0] for l in (p or [])
                        if norm(l.partition("==")[0]) == norm(n)), None)
            if p is None or own is None or stale(norm(n), own, date):
                missing.append(n if p is None else f"{n}({own})")
                continue
            for line in p:
                k, _, v = line.partition("==")
                k = norm(k)
                v = v.split()[0].strip()
                if k in ("setuptools", "wheel"):
                    v = latest_before(k, date) or v
                if k not in want or newer(v, want[k]):
                    want[k] = v
        cache = os.path.join(CACHE, date)
        os.makedirs(cache, exist_ok=True)
        pinned = sorted(want.items())
        with concurrent.futures.ThreadPoolExecutor(8) as ex:
            got = list(ex.map(lambda kv: fetch(kv[0], kv[1], py, cache), pinned))
        unbuilt = [f"{k}=={v}" for (k, v), ok in zip(pinned, got) if not ok]
        rows = {}
        for f in sorted(os.listdir(cache)):
            if not f.endswith(".whl"):
                continue
            w = read_wheel(os.path.join(cache, f), py)
            if not w:
                continue
            name, version, size, deps, whl = w
            if want.get(name) != version:
                continue  # a wheel of another snapshot's pin left in the cache
            rows[name] = (version, size, deps, whl)
        for n in sorted(rows):
            v, s, d, w = rows[n]
            out.append(f"{date}\t{py}\t{n}\t{v}\t{s}\t{w}\t{','.join(d)}\n")
        print(f"{date} (CPython {py}): {len(rows)} wheels; not resolvable then: {' '.join(missing) or 'none'}; "
              f"no wheel for: {' '.join(unbuilt) or 'none'}", flush=True)
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("# PyPI wheels as `pip install NAME` resolved them on each snapshot date, manylinux x86_64, "
                "unpacked sizes; generated by scripts/build_pip_history.py\n")
        f.write("snapshot\tpython\tname\tversion\tunpacked_bytes\twheel_bytes\tdepends\n")
        f.writelines(out)
    print(f"wrote {len(out)} rows to {os.path.relpath(OUT, ROOT)}")


if __name__ == "__main__":
    main()
