#!/usr/bin/env python3
"""Install the dependencies of the surveyed Node applications and size their node_modules.

data/npm/app-survey.tsv lists Node applications that a Dockerfile builds (one per owner,
read from public repositories with the stored-repository search), each with its
package.json's "dependencies" and "devDependencies". For each row this script writes that
package.json into an empty folder and runs, from today's npm registry (the ranges resolve
to today's versions, not those of the day the app was written):

* `npm install --omit=dev` (what `npm ci --omit=dev` leaves), then sizes node_modules;
* `npm install` with the devDependencies too, and sizes node_modules again.

Both run with `--ignore-scripts` (install scripts build native addons or download binaries
from hosts this machine does not reach), so a package that fetches its payload at install
time (puppeteer's Chromium, sharp's libvips before 0.33) counts without it: a lower bound
for those. `--legacy-peer-deps` because a package.json without its lock file often has peer
conflicts npm 7+ would refuse. Output: data/npm/app-survey-sizes.tsv (repo, production
bytes, with-dev bytes, status) and the median, 10th and 90th percentiles on stdout.

With `--yarn1` it instead runs `yarn install` (yarn 1.22, all dependencies, `--ignore-scripts`,
an empty cache folder per app) and sizes the cache yarn leaves: every package of the lock
file, unpacked, with every platform's build of the native packages. Output:
data/npm/app-survey-yarn1.tsv (repo, node_modules bytes, cache bytes, status).

Run: python3 scripts/measure_npm_survey.py [--yarn1]   (needs node + npm and the npm registry)
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile

from survey_tsv import done as load_done, du, pct, pending, read, run, write

HERE = os.path.dirname(os.path.abspath(__file__))
SURVEY = os.path.join(HERE, "..", "data", "npm", "app-survey.tsv")
OUT = os.path.join(HERE, "..", "data", "npm", "app-survey-sizes.tsv")


def manifest(folder, row):
    """Writes the app's package.json (its dependencies and devDependencies) into folder."""
    with open(os.path.join(folder, "package.json"), "w") as f:
        json.dump({"name": "survey-app", "version": "1.0.0", "private": True,
                   "dependencies": json.loads(row["dependencies"] or "{}"),
                   "devDependencies": json.loads(row["devDependencies"] or "{}")}, f)


def npm_install(folder, omit_dev, cache):
    """node_modules' bytes after `npm install`, or the error."""
    cmd = ["npm", "install", "--ignore-scripts", "--legacy-peer-deps", "--no-audit",
           "--no-fund", "--loglevel=error", "--cache", cache]
    if omit_dev:
        cmd.append("--omit=dev")
    err = run(cmd, 900, cwd=folder)
    return (None, err) if err else (du(os.path.join(folder, "node_modules")), None)


def yarn1(folder):
    """node_modules' and the cache's bytes after `yarn install`, or the error."""
    cache = os.path.join(folder, ".yarn-cache")
    err = run(["npx", "-y", "yarn@1.22.22", "install", "--ignore-scripts", "--ignore-engines",
               "--non-interactive", "--silent", "--cache-folder", cache], 1800, cwd=folder)
    if err:
        return None, None, err
    return du(os.path.join(folder, "node_modules")), du(cache), None


def main_yarn1():
    out = OUT.replace("-sizes.tsv", "-yarn1.tsv")
    done = load_done(out)
    for row in pending(read(SURVEY), done):
        repo = row["repo"]
        with tempfile.TemporaryDirectory() as d:
            manifest(d, row)
            mods, cache, err = yarn1(d)
        done[repo] = {"repo": repo, "node_modules": "" if err else mods,
                      "cache": "" if err else cache,
                      "status": "failed: " + err if err else "ok"}
        print(repo, mods, cache, done[repo]["status"], file=sys.stderr)
        write(out, ["yarn 1.22.22 install of data/npm/app-survey.tsv's apps, from scripts/measure_npm_survey.py --yarn1",
                    "(all dependencies, --ignore-scripts --ignore-engines, empty cache per app; bytes as du -sb)"],
              ["repo", "node_modules", "cache", "status"], done)
    xs = [(int(r["node_modules"]), int(r["cache"])) for r in done.values() if r["cache"]]
    if xs:
        print(f"yarn1 cache: n={len(xs)} median {statistics.median(c for _, c in xs):,.0f} B, "
              f"cache/node_modules median {statistics.median(c / max(m, 1) for m, c in xs):.3f}")


def main():
    done = load_done(OUT)
    cache = tempfile.mkdtemp(prefix="npm-survey-cache-")
    for row in pending(read(SURVEY), done):
        repo = row["repo"]
        result = {"repo": repo, "production": "", "with_dev": "", "status": "ok"}
        with tempfile.TemporaryDirectory() as d:
            manifest(d, row)
            prod, err = npm_install(d, omit_dev=True, cache=cache)
            if err:
                result["status"] = "failed: " + err
            else:
                result["production"] = str(prod)
                full, err = npm_install(d, omit_dev=False, cache=cache)
                if err:
                    result["status"] = "with dev failed: " + err
                else:
                    result["with_dev"] = str(full)
        done[repo] = result
        print(repo, result["production"], result["with_dev"], result["status"], file=sys.stderr)
        write(OUT, ["node_modules of data/npm/app-survey.tsv's apps, from scripts/measure_npm_survey.py",
                    "(npm install --ignore-scripts --legacy-peer-deps from today's registry; bytes as du -sb)"],
              ["repo", "production", "with_dev", "status"], done)
    subprocess.run(["rm", "-rf", cache], check=False)
    report(done)


def report(done):
    for key in ("production", "with_dev"):
        xs = [int(r[key]) for r in done.values() if r[key]]
        if xs:
            print(f"{key}: n={len(xs)} median {statistics.median(xs):,.0f} B, "
                  f"p10 {pct(xs, 0.1):,.0f}, p90 {pct(xs, 0.9):,.0f}, min {min(xs):,}, max {max(xs):,}")


if __name__ == "__main__":
    main_yarn1() if "--yarn1" in sys.argv[1:] else main()
