"""Shared helpers of the benchmark runners (scripts/bench-*): statistics, markdown tables, the
marked sections of docs/performance.md that each runner rewrites, and `record()`, which adds one
figure to the run's figures file (build/bench/figures.jsonl) for the summary table that
`scripts/bench` prints at the end (backend/bench/bench_summary.py).

A section is everything between `<!-- bench:NAME:begin -->` and `<!-- bench:NAME:end -->`; a
rerun replaces it and leaves the rest of the document (the hand-written method) alone. A
missing section is appended at the end of the document.

Run as a program it records the machine facts section:
    python3 backend/bench/benchdoc.py env --doc docs/performance.md [--build-dir build/bench]
"""

from __future__ import annotations

import argparse
import datetime as _dt
import functools
import json
import os
import platform
import re
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# Where record() appends; scripts/bench empties it before a run and reads it after.
FIGURES_ENV = "BENCH_FIGURES"
DEFAULT_FIGURES = REPO / "build" / "bench" / "figures.jsonl"
COMPARISONS = {
    "<=": lambda value, target: value <= target,
    "<": lambda value, target: value < target,
    ">=": lambda value, target: value >= target,
    ">": lambda value, target: value > target,
    "==": lambda value, target: value == target,
}


def rel(path: Path) -> Path:
    """`path` relative to the repository when it lies inside it (for commands in the doc)."""
    path = Path(path).resolve()
    return path.relative_to(REPO) if path.is_relative_to(REPO) else path


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * p // 100))  # ceil(n * p / 100), at least 1
    return ordered[int(rank) - 1]


def cognito_users(moto_url: str, pool: str, emails: list[str], password: str) -> None:
    """Makes sure each email is a confirmed user of moto's pool `pool` who signs in with
    `password` (created when missing), for the benchmarks that need more users than the seed."""
    import boto3  # the project venv has it (moto's dependency)

    idp = boto3.client("cognito-idp", endpoint_url=moto_url, region_name="us-east-1",
                       aws_access_key_id="testing", aws_secret_access_key="testing")
    for email in emails:
        try:
            idp.admin_get_user(UserPoolId=pool, Username=email)
        except idp.exceptions.UserNotFoundException:
            idp.admin_create_user(UserPoolId=pool, Username=email, MessageAction="SUPPRESS",
                                  UserAttributes=[{"Name": "email", "Value": email},
                                                  {"Name": "email_verified", "Value": "true"},
                                                  {"Name": "name", "Value": email.split("@")[0]}])
        idp.admin_set_user_password(UserPoolId=pool, Username=email, Password=password, Permanent=True)


def median(values: list[float]) -> float:
    ordered = sorted(values)
    n = len(ordered)
    mid = n // 2
    return ordered[mid] if n % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def table(header: list[str], rows: list[list[str]], numeric: bool = True) -> str:
    """A markdown table; with `numeric`, every column but the first is right-aligned."""
    rule = "|" + "|".join("---:" if i and numeric else "---" for i in range(len(header))) + "|"
    lines = ["| " + " | ".join(header) + " |", rule]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def replace_section(doc: Path, name: str, body: str) -> None:
    begin, end = f"<!-- bench:{name}:begin -->", f"<!-- bench:{name}:end -->"
    block = f"{begin}\n{body.strip()}\n{end}"
    text = doc.read_text(encoding="utf-8") if doc.exists() else "# Performance\n"
    pattern = re.compile(re.escape(begin) + r".*?" + re.escape(end), re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _m: block, text, count=1)
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    doc.parent.mkdir(parents=True, exist_ok=True)
    doc.write_text(text, encoding="utf-8")
    print(f"{rel(doc)}: section '{name}' updated")


def _run(cmd: list[str]) -> str:
    try:
        return subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=REPO).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


@functools.cache
def git_commit() -> str:
    """The checked-out commit (12 hex digits), "+dirty" when tracked files differ from it."""
    commit = _run(["git", "rev-parse", "--short=12", "HEAD"]) or "unknown"
    if _run(["git", "status", "--porcelain", "--untracked-files=no"]):
        commit += "+dirty"
    return commit


def now_utc() -> str:
    return _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def figures_path() -> Path:
    return Path(os.environ.get(FIGURES_ENV) or DEFAULT_FIGURES)


def figure(benchmark: str, name: str, value: float, unit: str, target: float | None = None,
           comparison: str | None = None, *, label: str = "", verdict: str | None = None,
           note: str = "") -> dict:
    """One measured figure as the summary keeps it. With a target, `pass` says whether `value`
    meets it (`value <comparison> target`); `verdict` overrides the outcome for figures that can
    be inconclusive ("inconclusive": pass is null). Without a target the figure is a baseline."""
    if target is not None and comparison not in COMPARISONS:
        raise ValueError(f"figure {name}: comparison must be one of {', '.join(COMPARISONS)}")
    passed = None
    status = "baseline"
    if target is not None:
        passed = COMPARISONS[comparison](value, target)
        status = "pass" if passed else "miss"
        if verdict is not None:
            status, passed = verdict, None
    return {"name": name, "label": label or name, "benchmark": benchmark, "value": value, "unit": unit,
            "target": target, "comparison": comparison if target is not None else None, "pass": passed,
            "status": status, "note": note, "timestamp": now_utc(), "commit": git_commit()}


def record(benchmark: str, name: str, value: float, unit: str, target: float | None = None,
           comparison: str | None = None, **kwargs) -> dict:
    """Appends one figure (see figure()) as a JSON line to the figures file: $BENCH_FIGURES, else
    build/bench/figures.jsonl. Runners call it for every figure with a target and for the main
    baselines; scripts/bench collects the file into build/bench/results.json and its table."""
    entry = figure(benchmark, name, value, unit, target, comparison, **kwargs)
    path = figures_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", encoding="utf-8") as out:
        out.write(json.dumps(entry) + "\n")
    return entry


def machine_facts(build_dir: Path) -> str:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    commit = _run(["git", "rev-parse", "--short=12", "HEAD"]) or "no commit yet"
    if _run(["git", "status", "--porcelain", "--untracked-files=no"]):
        commit += " (dirty)"
    compiler = (_run(["c++", "--version"]).splitlines() or ["unknown"])[0]
    build_type = "unknown"
    cache = build_dir / "CMakeCache.txt"
    if cache.exists():
        m = re.search(r"^CMAKE_BUILD_TYPE:\w+=(.*)$", cache.read_text(encoding="utf-8"), re.MULTILINE)
        if m:
            build_type = m.group(1)
    wrk = _run(["wrk", "--version"]) if shutil.which("wrk") else ""
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    rows = [
        ["date (UTC)", _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M")],
        ["commit", commit],
        ["CPU", f"{cpu}, {os.cpu_count()} logical cores"],
        ["kernel", f"{platform.system()} {platform.release()}"],
        ["compiler", compiler],
        ["build", f"CMAKE_BUILD_TYPE={build_type} ({rel(build_dir)})"],
        ["load average at start", load],
    ]
    if wrk:
        rows.append(["wrk", wrk.splitlines()[0]])
    return table(["fact", "value"], rows, numeric=False)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", choices=["env"])
    parser.add_argument("--doc", type=Path, default=REPO / "docs" / "performance.md")
    parser.add_argument("--build-dir", type=Path, default=REPO / "build" / "bench")
    args = parser.parse_args()
    body = machine_facts(args.build_dir.resolve())
    print(body)
    replace_section(args.doc.resolve(), "env", body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
