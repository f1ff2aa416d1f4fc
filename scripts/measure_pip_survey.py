#!/usr/bin/env python3
"""Install the requirements of the surveyed Python applications and size what pip installs.

data/pip/app-survey.tsv lists Python applications that a Dockerfile installs with pip (one
per owner, read from public repositories with the stored-repository search), each with its
requirement lines. For each row this script runs, with this machine's CPython (3.11) and
today's PyPI:

    pip install --no-cache-dir --prefer-binary --target DIR <requirements>

then compiles the .py files to .pyc as pip does on a normal install, and sizes DIR (`du -sb`).
Pins made for an older Python often have no wheel for 3.11 and fail to build; such a row is
retried with the version specifiers dropped (today's release of each package; the `retry`
column says so). Output: data/pip/app-survey-sizes.tsv (repo, bytes, retry, status) and the median,
10th and 90th percentiles on stdout.

Run: python3 scripts/measure_pip_survey.py   (needs python3 -m venv and PyPI)
"""
import os
import re
import statistics
import subprocess
import sys
import tempfile

from survey_tsv import done as load_done, du, pct, pending, read, run, write

HERE = os.path.dirname(os.path.abspath(__file__))
SURVEY = os.path.join(HERE, "..", "data", "pip", "app-survey.tsv")
OUT = os.path.join(HERE, "..", "data", "pip", "app-survey-sizes.tsv")


def unpinned(req):
    """`Django==2.2.4` -> `Django`, `uvicorn[standard]>=0.20` -> `uvicorn[standard]`; drops
    environment markers."""
    req = req.split(";")[0].strip()
    m = re.match(r"^([A-Za-z0-9_.\-]+(\[[^\]]*\])?)", req)
    return m.group(1) if m else req


def install(pip, reqs, target):
    """None when pip installs reqs into target, else the error."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        f.write("\n".join(reqs) + "\n")
        path = f.name
    try:
        return run([pip, "install", "-q", "--no-cache-dir", "--prefer-binary",
                    "--disable-pip-version-check", "--target", target, "-r", path], 1200)
    finally:
        os.unlink(path)


def main():
    done = load_done(OUT)
    with tempfile.TemporaryDirectory() as venv:
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
        pip = os.path.join(venv, "bin", "pip")
        for row in pending(read(SURVEY), done):
            repo = row["repo"]
            reqs = [r.strip() for r in row["requirements"].split(" ; ") if r.strip()]
            result = {"repo": repo, "bytes": "", "retry": "no", "status": "ok"}
            with tempfile.TemporaryDirectory() as d:
                target = os.path.join(d, "site")
                err = install(pip, reqs, target) if reqs else None
                if err:
                    subprocess.run(["rm", "-rf", target])
                    result["retry"] = "unpinned"
                    err = install(pip, [unpinned(r) for r in reqs], target)
                if err:
                    result["status"] = "failed: " + err
                else:
                    os.makedirs(target, exist_ok=True)
                    subprocess.run([sys.executable, "-m", "compileall", "-q", target],
                                   capture_output=True)
                    result["bytes"] = str(du(target))
            done[repo] = result
            print(repo, result["bytes"], result["retry"], result["status"], file=sys.stderr)
            write(OUT, ["site-packages of data/pip/app-survey.tsv's apps, from scripts/measure_pip_survey.py",
                        "(pip install --no-cache-dir --prefer-binary --target, CPython 3.11, .pyc compiled; bytes as du -sb)"],
                  ["repo", "bytes", "retry", "status"], done)
    xs = [int(r["bytes"]) for r in done.values() if r["bytes"]]
    if xs:
        print(f"n={len(xs)} median {statistics.median(xs):,.0f} B, p10 {pct(xs, 0.1):,.0f}, "
              f"p90 {pct(xs, 0.9):,.0f}, min {min(xs):,}, max {max(xs):,}")


if __name__ == "__main__":
    main()
