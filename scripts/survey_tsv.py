"""What the survey measurement scripts (measure_npm_survey.py, measure_pip_survey.py) share:
reading a survey or results TSV (`#` comment lines first), the rows not yet measured, writing
results back after each app so an interrupted run resumes, running an installer with a
timeout, sizing a folder, and percentiles."""
import csv
import os
import subprocess


def read(path):
    """The rows of a tab-separated file whose leading `#` lines are comments."""
    if not os.path.exists(path):
        return []
    with open(path) as f:
        lines = [l for l in f if not l.startswith("#") and l.strip()]
    return list(csv.DictReader(lines, delimiter="\t"))


def done(path):
    """Results already measured, by repository: a rerun skips the ones that are "ok"."""
    return {r["repo"]: r for r in read(path)}


def pending(survey, results):
    """The survey's rows not yet measured "ok" in results."""
    return [r for r in survey if results.get(r["repo"], {}).get("status") != "ok"]


def run(cmd, timeout, cwd=None):
    """Runs cmd: None when it succeeds, else the last line it wrote to stderr (or "timeout")."""
    try:
        r = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return "timeout"
    if r.returncode == 0:
        return None
    lines = [l for l in r.stderr.strip().splitlines() if l.strip()]
    return (lines[-1] if lines else f"{os.path.basename(cmd[0])} failed")[:200]


def write(path, comments, fields, results):
    with open(path, "w") as f:
        for c in comments:
            f.write(f"# {c}\n")
        w = csv.DictWriter(f, fields, delimiter="\t", lineterminator="\n")
        w.writeheader()
        for r in results.values():
            w.writerow(r)


def du(path):
    """Apparent bytes of every file under path (`du -sb`), 0 when it does not exist."""
    if not os.path.isdir(path):
        return 0
    out = subprocess.run(["du", "-sb", path], capture_output=True, text=True, check=True)
    return int(out.stdout.split()[0])


def pct(xs, p):
    """The p-th quantile of xs, interpolated between the two nearest ranks."""
    xs = sorted(xs)
    k = (len(xs) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)
