"""The summary of a `make bench` run: one row for every figure docs/performance.md sets a target
for, with its value, the target and whether it was met, from the figures the runners recorded
(benchdoc.record(), build/bench/figures.jsonl) and the benchmarks' outcomes scripts/bench marked
in the same file. A target whose benchmark did not run still gets its row, saying why.

The soak's two targets (zero errors, resident memory growth <= 5 %) come from the last `make soak`
(build/soak/results.json), which runs apart from `make bench`; the row says when it ran.

    python3 backend/bench/bench_summary.py mark --benchmark http --status failed --reason "exit 1"
    python3 backend/bench/bench_summary.py summarize --requested "micro auth http" \\
        [--out build/bench/results.json] [--doc docs/performance.md]

The summary reports; it never fails because a target was missed (scripts/bench fails only when a
benchmark itself fails).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import benchdoc

REPO = benchdoc.REPO
SOAK_RESULTS = REPO / "build" / "soak" / "results.json"
CONNECTIONS = (1, 16, 64)
FUNCTIONS = ("bootstrap-health", "bootstrap-users", "bootstrap-auth")
API_REQUESTS = {"session": "GET /auth/session", "get-profile": "GET /users/profile",
                "put-profile": "PUT /users/profile"}


@dataclass(frozen=True)
class Expected:
    """A figure with a target in docs/performance.md: a row of the summary whatever happens."""
    name: str
    benchmark: str
    label: str
    unit: str
    target: float
    comparison: str


def plural(n: int) -> str:
    return f"{n} connection{'s' if n > 1 else ''}"


def expected_figures() -> list[Expected]:
    """Every target of docs/performance.md's table, in its order, then the soak's."""
    rows = [Expected("lambda-init.bootstrap-health.median", "lambda-init",
                     "`bootstrap-health` Lambda init (exec → first /next), median", "ms", 10.0, "<=")]
    for c in CONNECTIONS:
        rows.append(Expected(f"http.health.c{c}.hub-over-ceiling", "http",
                             f"`GET /health` hub-server / ceiling req/s, {plural(c)}", "×", 0.5, ">="))
    rows.append(Expected("auth.verify.p50", "auth", "Cognito ID token verification (RS256, warm key cache), p50",
                         "µs", 30.0, "<="))
    for op in ("GetItem", "PutItem"):
        rows.append(Expected(f"dynamodb.{op}.reuse-speedup", "dynamodb",
                             f"DynamoDB Local `{op}`, one thread: req/s with connection reuse / without", "×", 1.0,
                             ">"))
    for function in FUNCTIONS:
        rows.append(Expected(f"lambda-package.{function}.init-median", "lambda-package",
                             f"`{function}` package init under the RIE, median", "ms", 15.0, "<="))
        rows.append(Expected(f"lambda-package.{function}.peak-rss-max", "lambda-package",
                             f"`{function}` peak RSS (VmHWM), max over runs", "MB", 24.0, "<="))
    for emulator in ("moto", "dynamodb-local"):
        for kind, request in API_REQUESTS.items():
            for c in CONNECTIONS:
                what = f"{emulator} `{request}`, {plural(c)}"
                key = f"api.{emulator}.{kind}.c{c}"
                rows.append(Expected(f"{key}.server-added-p95", "api", f"{what}: server-added latency, p95", "ms",
                                     1.0, "<="))
                rows.append(Expected(f"{key}.server-cpu", "api", f"{what}: server CPU a request (user + system)",
                                     "µs", 100.0, "<="))
    rows.append(Expected("soak.errors", "soak", "soak: errors (unexpected statuses, timeouts, connection errors)",
                         "requests", 0, "=="))
    rows.append(Expected("soak.rss-growth", "soak", "soak: hub-server resident memory growth after warm-up",
                         "%", 5.0, "<="))
    return rows


def read_lines(path: Path) -> tuple[dict[str, dict], dict[str, dict]]:
    """The figures (by name; a later line of one name replaces an earlier one) and the benchmark
    outcomes scripts/bench marked (by benchmark)."""
    figures: dict[str, dict] = {}
    outcomes: dict[str, dict] = {}
    if not path.exists():
        return figures, outcomes
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        entry = json.loads(line)
        if "event" in entry:
            outcomes[entry["benchmark"]] = entry
        else:
            figures[entry["name"]] = entry
    return figures, outcomes


def soak_figures(path: Path) -> dict[str, dict]:
    if not path.exists():
        return {}
    results = json.loads(path.read_text(encoding="utf-8"))
    return {f["name"]: f for f in results.get("figures", [])}


def why_not_run(exp: Expected, requested: set[str], outcomes: dict[str, dict], soak_ran: bool) -> str:
    if exp.benchmark == "soak":
        if soak_ran:
            return "not measured: the last soak recorded no such figure"
        return "not run: `make soak` measures it (10 minutes), apart from `make bench`"
    outcome = outcomes.get(exp.benchmark)
    if outcome:
        if outcome["status"] == "ran":
            return "not measured: the benchmark ran but recorded no such figure (other settings?)"
        return f"not run: {outcome['reason']}" if outcome.get("reason") else f"not run: {outcome['status']}"
    if exp.benchmark not in requested:
        return f"not run: `{exp.benchmark}` was not in BENCH"
    return "not run: its runner did not start (see the log above)"


def not_run_row(exp: Expected, reason: str) -> dict:
    return {"name": exp.name, "label": exp.label, "benchmark": exp.benchmark, "value": None, "unit": exp.unit,
            "target": exp.target, "comparison": exp.comparison, "pass": None, "status": "not run", "note": reason,
            "timestamp": None, "commit": None}


def number(value: float) -> str:
    magnitude = abs(value)
    if magnitude >= 100 or value == int(value):
        return f"{value:,.0f}"
    return f"{value:.1f}" if magnitude >= 10 else f"{value:.2f}"


def with_unit(value: float, unit: str) -> str:
    return f"{number(value)}×" if unit == "×" else f"{number(value)} {unit}"


def cells(row: dict) -> list[str]:
    value = "—" if row["value"] is None else with_unit(row["value"], row["unit"])
    target = f"{'=' if row['comparison'] == '==' else row['comparison']} {with_unit(row['target'], row['unit'])}"
    result = row["status"]
    if row["status"] == "not run":
        result = row["note"]
    elif row.get("source"):
        result += f" ({row['source']})"
    return [row["label"], value, target, result]


def summarize(figures_file: Path, requested: set[str], soak_file: Path) -> dict:
    figures, outcomes = read_lines(figures_file)
    soak = soak_figures(soak_file)
    rows = []
    for exp in expected_figures():
        row = figures.get(exp.name)
        if row is None and exp.name in soak:
            row = dict(soak[exp.name], source=f"`make soak` of {soak[exp.name]['timestamp']}")
        if row is None:
            row = not_run_row(exp, why_not_run(exp, requested, outcomes, bool(soak)))
        rows.append(dict(row, label=exp.label))
    known = {exp.name for exp in expected_figures()}
    # Targets a runner recorded beyond the list (another connection count, a new benchmark).
    rows += [f for name, f in figures.items() if f["target"] is not None and name not in known]
    baselines = [f for f in figures.values() if f["target"] is None]
    counts = {status: sum(1 for r in rows if r["status"] == status)
              for status in ("pass", "miss", "inconclusive", "not run")}
    return {
        "generated": benchdoc.now_utc(),
        "commit": benchdoc.git_commit(),
        "machine": {"cpus": os.cpu_count(), "load_average": [round(x, 2) for x in os.getloadavg()]},
        "requested": sorted(requested),
        "benchmarks": outcomes,
        "counts": counts,
        "figures": rows,
        "baselines": baselines,
    }


HEADER = ["figure", "value", "target", "result"]


def plain_table(rows: list[list[str]]) -> str:
    """The table for a terminal: columns padded, value and target right-aligned."""
    rows = [HEADER, *([c.replace("`", "") for c in r] for r in rows)]
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    lines = []
    for n, r in enumerate(rows):
        lines.append(f"{r[0]:<{widths[0]}}  {r[1]:>{widths[1]}}  {r[2]:>{widths[2]}}  {r[3]}")
        if n == 0:
            lines.append("-" * len(lines[0]))
    return "\n".join(lines)


def counts_line(results: dict) -> str:
    counts = results["counts"]
    return (f"{counts['pass']} pass, {counts['miss']} miss, {counts['inconclusive']} inconclusive, "
            f"{counts['not run']} not run; {len(results['baselines'])} baseline figures without a target are in "
            f"`build/bench/results.json`. Run {results['generated']}, commit {results['commit']}, load average at "
            f"the end {' '.join(f'{x:.2f}' for x in results['machine']['load_average'])} "
            f"({results['machine']['cpus']} cores, shared by the load generators, the emulators and the servers).")


def markdown(results: dict) -> str:
    rows = [cells(r) for r in results["figures"]]
    return benchdoc.table(HEADER, rows, numeric=False) + "\n\n" + counts_line(results)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="what", required=True)
    mark = sub.add_parser("mark", help="record how a benchmark ended (ran, failed, skipped)")
    mark.add_argument("--benchmark", required=True)
    mark.add_argument("--status", required=True, choices=["ran", "failed", "skipped"])
    mark.add_argument("--reason", default="")
    summary = sub.add_parser("summarize", help="print the table, write results.json (and the doc's section)")
    summary.add_argument("--requested", default="", help="the benchmarks this run was asked for")
    summary.add_argument("--soak", type=Path, default=SOAK_RESULTS)
    summary.add_argument("--out", type=Path, default=REPO / "build" / "bench" / "results.json")
    summary.add_argument("--doc", type=Path, default=None)
    args = parser.parse_args()

    path = benchdoc.figures_path()
    if args.what == "mark":
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a", encoding="utf-8") as out:
            out.write(json.dumps({"event": "benchmark", "benchmark": args.benchmark, "status": args.status,
                                  "reason": args.reason, "timestamp": benchdoc.now_utc()}) + "\n")
        return 0

    results = summarize(path, set(args.requested.split()), args.soak)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(plain_table([cells(r) for r in results["figures"]]))
    print()
    print(counts_line(results).replace("`", ""))
    print(f"bench: results in {benchdoc.rel(args.out)}")
    if args.doc:
        benchdoc.replace_section(args.doc.resolve(), "summary", markdown(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
