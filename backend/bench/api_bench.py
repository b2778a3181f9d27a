#!/usr/bin/env python3
"""Authenticated API requests against hub-server on each emulator (moto, DynamoDB Local), with wrk:
requests/s, p50/p95/p99, the server's own CPU per request, and the latency the server adds over
the storage calls each request makes, those calls being measured on their own in the same run.

For each emulator the runner makes a table (`hubctl table create`), seeds it (`hubctl seed`),
makes sure moto's user pool exists (`hubctl auth env`), adds bench users to it and signs each in
(`hubctl token --user`), then:

1. starts hub-server, has every bench user call the route once (profiles made, role cache warm),
   warms the emulator up with a short wrk run, and stops it;
2. measures the storage calls of each request kind directly (`bench-storage-calls`: the same
   repositories and client hub-server uses, as many threads as the HTTP run has connections);
3. for each request kind and connection count, starts a fresh hub-server (as many threads as
   connections, so no request waits for a thread while another blocks on storage), primes it,
   runs wrk, reads the server's CPU time (/proc/PID/stat utime + stime) before and after, and
   reads its GET /metrics (the storage calls as the server saw them).

Server-added latency = the HTTP p95 minus the p95 of the storage calls one request makes (their
sum, measured as one sequence). Targets: <= 1 ms added at p95, <= 100 us of server CPU a request.

The request kinds follow the API the server serves: GET /auth/session (the baseline: the
rate-limit count is its only storage call), then GET and PUT /users/profile when its
/openapi.json has them; or --requests. Every request counts against its rate limit (one
conditional UpdateItem), as deployed; the limits are set where no run reaches them.

Needs the project venv (boto3, for the bench users), wrk, and build/bench/bin/{hub-server,hubctl,
bench-storage-calls} (scripts/bench builds them). Without EMULATOR_MOTO_URL and
EMULATOR_DYNAMODB_LOCAL_URL it runs itself again inside `scripts/with-emulators --dynamodb-local`.

Usage: .venv/bin/python backend/bench/api_bench.py [--bin-dir build/bench/bin] [--emulators moto,dynamodb-local]
           [--requests get-profile,put-profile] [--connections 1,16,64] [--duration 10]
           [--storage-seconds 5] [--doc docs/performance.md]
"""

from __future__ import annotations

import argparse
import base64
import concurrent.futures
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import benchdoc

REPO = benchdoc.REPO
SERVING = re.compile(r"Serving on (http://\S+)")
BENCH_PASSWORD = "Bench-pass-2026!"
ADDED_TARGET_MS = 1.0
CPU_TARGET_US = 100.0


@dataclass(frozen=True)
class RequestKind:
    """One kind of request the benchmark sends, and the storage calls it makes."""
    name: str
    method: str
    path: str
    body: str | None  # wrk's body template: "%d" becomes a number unique to the request
    storage_sequence: str | None  # bench-storage-calls --sequence; None: no storage call
    storage_calls: str  # what the request makes, in words (for the report)


# Every request also counts against its rate limit first (one conditional UpdateItem of its
# counter); its roles come from the role cache.
REQUEST_KINDS = {
    "session": RequestKind(
        "session", "GET", "/auth/session", None, "session",
        "the rate-limit count (UpdateItem) only"),
    "get-profile": RequestKind(
        "get-profile", "GET", "/users/profile", None, "get-profile",
        "the rate-limit count (UpdateItem), then GetItem (the profile)"),
    "put-profile": RequestKind(
        "put-profile", "PUT", "/users/profile", '{"display_name": "Bench %d"}', "put-profile",
        "the rate-limit count (UpdateItem), GetItem (the profile), the repository's update (PutItem on "
        "condition of the version read; TransactWriteItems when the email changes) and PutItem (the activity "
        "entry)"),
}
# Rate limits no run reaches: every request still makes its counter update, none is refused.
UNREACHED_RATE_LIMITS = "read=1000000/1m,write=1000000/1m"


@dataclass
class Cell:
    """One wrk run: an emulator, a request kind, a connection count."""
    emulator: str
    kind: str
    connections: int
    server_threads: int
    requests: int = 0
    seconds: float = 0
    rps: float = 0
    p50_ms: float = 0
    p95_ms: float = 0
    p99_ms: float = 0
    errors: dict = field(default_factory=dict)
    cpu_us_per_request: float = 0  # user + system
    cpu_user_us_per_request: float = 0
    storage: dict | None = None  # bench-storage-calls' results at this concurrency
    server_metrics: dict = field(default_factory=dict)  # GET /metrics after the run

    @property
    def storage_p95_ms(self) -> float:
        return self.storage["sequence_latency"]["p95_us"] / 1000 if self.storage else 0.0

    @property
    def storage_p50_ms(self) -> float:
        return self.storage["sequence_latency"]["p50_us"] / 1000 if self.storage else 0.0

    @property
    def added_p95_ms(self) -> float:
        return self.p95_ms - self.storage_p95_ms

    @property
    def added_p50_ms(self) -> float:
        return self.p50_ms - self.storage_p50_ms


class Server:
    """hub-server on a free port; `url` comes from its 'Serving on' line."""

    def __init__(self, binary: Path, env: dict[str, str], log_dir: Path, name: str):
        self.stdout = open(log_dir / f"{name}.log", "wb")  # noqa: SIM115 (closed in stop)
        self.stderr_path = log_dir / f"{name}.err"
        self.stderr = open(self.stderr_path, "wb")  # noqa: SIM115
        self.proc = subprocess.Popen([str(binary), "--host", "127.0.0.1", "--port", "0"], env=env,
                                     stdin=subprocess.DEVNULL, stdout=self.stdout, stderr=self.stderr,
                                     start_new_session=True)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if m := SERVING.search(self.stderr_path.read_text(encoding="utf-8", errors="replace")):
                self.url = m.group(1).rstrip("/")
                return
            if self.proc.poll() is not None:
                break
            time.sleep(0.02)
        self.stop()
        raise RuntimeError(f"hub-server did not start: {self.stderr_path.read_text(errors='replace')[-2000:]}")

    def cpu_seconds(self) -> tuple[float, float]:
        """(utime, stime) of the process so far, in seconds (/proc/PID/stat, fields 14 and 15)."""
        stat = Path(f"/proc/{self.proc.pid}/stat").read_text()
        fields = stat[stat.rindex(")") + 2:].split()
        tick = os.sysconf("SC_CLK_TCK")
        return int(fields[11]) / tick, int(fields[12]) / tick

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.stdout.close()
        self.stderr.close()


def call(url: str, token: str, method: str = "GET", body: str | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(url, method=method, data=body.encode() if body else None,
                                     headers={"Authorization": f"Bearer {token}",
                                              **({"Content-Type": "application/json"} if body else {})})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (loopback)
            return response.status, response.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def run(argv: list[str], env: dict[str, str], what: str) -> str:
    done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        raise RuntimeError(f"{what} failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
    return done.stdout


def jwt_sub(token: str) -> str:
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))["sub"]


class Bench:
    def __init__(self, args: argparse.Namespace):
        self.args = args
        self.bin_dir: Path = args.bin_dir.resolve()
        self.out_dir: Path = args.out.resolve().parent
        self.log_dir = self.out_dir / "api-bench-logs"
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self.counts = [int(c) for c in args.connections.split(",")]
        self.tokens_file = self.out_dir / "api-bench-tokens.txt"
        self.users_file = self.out_dir / "api-bench-users.txt"
        self.tokens: list[str] = []
        self.cognito: dict[str, str] = {}
        self.cells: list[Cell] = []
        self.kinds: list[RequestKind] = []

    def hubctl(self, env: dict[str, str], *args: str) -> str:
        return run([str(self.bin_dir / "hubctl"), *args], env, "hubctl " + " ".join(args))

    def base_env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("HUB_", "AWS_", "COGNITO_", "CORS_", "LOG_", "POWERTOOLS_", "METRICS_"))}
        env.update({"AWS_ENDPOINT_URL": os.environ["EMULATOR_MOTO_URL"], "AWS_ACCESS_KEY_ID": "testing",
                    "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": "us-east-1"})
        return env

    def emulator_env(self, emulator: str) -> dict[str, str]:
        """What hub-server, hubctl and bench-storage-calls are given: Cognito on moto, the table
        on `emulator`."""
        # Roles are read once per user while priming and then come from the role cache (its
        # longest setting), so the measured requests make only their own storage calls.
        env = self.base_env() | self.cognito | {"HUB_TABLE_NAME": f"bench-api-{emulator}",
                                                "HUB_ROLE_CACHE_MS": "60000",
                                                "HUB_RATE_LIMITS": UNREACHED_RATE_LIMITS}
        if emulator == "dynamodb-local":
            env["AWS_ENDPOINT_URL_DYNAMODB"] = os.environ["EMULATOR_DYNAMODB_LOCAL_URL"]
        return env

    def sign_in_bench_users(self, env: dict[str, str]) -> None:
        """Bench users in moto's pool (the seeded twelve are too few for one user per connection),
        each signed in through hubctl token."""
        pool = self.cognito["COGNITO_USER_POOL_ID"]
        emails = [f"bench-{n:03d}@bench.example" for n in range(self.args.users)]
        benchdoc.cognito_users(os.environ["EMULATOR_MOTO_URL"], pool, emails, BENCH_PASSWORD)
        with concurrent.futures.ThreadPoolExecutor(4) as pool_exec:
            self.tokens = list(pool_exec.map(
                lambda e: self.hubctl(env, "token", "--user", e, "--password", BENCH_PASSWORD).strip(), emails))
        self.tokens_file.write_text("\n".join(self.tokens) + "\n")
        self.users_file.write_text("\n".join(jwt_sub(t) for t in self.tokens) + "\n")

    def choose_kinds(self, server: Server) -> None:
        if self.args.requests:
            self.kinds = [REQUEST_KINDS[k] for k in self.args.requests.split(",")]
            return
        with urllib.request.urlopen(server.url + "/openapi.json", timeout=10) as r:  # noqa: S310
            paths = json.loads(r.read())["paths"]
        profile = paths.get("/users/profile", {})
        # GET /auth/session is the baseline: the same server path (authentication, roles from the
        # cache, the rate-limit count, JSON, access log) and no storage call of its own.
        self.kinds = [REQUEST_KINDS["session"]]
        if "get" in profile and "put" in profile:
            self.kinds += [REQUEST_KINDS["get-profile"], REQUEST_KINDS["put-profile"]]
        print(f"api-bench: requests: {', '.join(k.method + ' ' + k.path for k in self.kinds)}", flush=True)

    def prime(self, server: Server) -> None:
        """One call per bench user and request kind: profiles made, the role cache warm."""
        for kind in self.kinds:
            for n, token in enumerate(self.tokens):
                body = kind.body.replace("%d", str(n)) if kind.body else None
                status, text = call(server.url + kind.path, token, kind.method, body)
                if status >= 300:
                    raise RuntimeError(f"{kind.method} {kind.path} answered {status}: {text[:300]!r}")

    def wrk(self, server: Server, kind: RequestKind, connections: int, seconds: int) -> dict:
        threads = min(2, connections)
        argv = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s",
                "-s", str(Path(__file__).with_name("api_bench.lua")), server.url + kind.path,
                "--", kind.method, kind.path, str(self.tokens_file), str(threads), kind.body or ""]
        out = subprocess.run(argv, capture_output=True, text=True, check=True).stdout
        m = re.search(r"^api-bench-result (\{.*\})$", out, re.MULTILINE)
        if not m:
            raise RuntimeError(f"wrk printed no result:\n{out}")
        return json.loads(m.group(1))

    def storage_calls(self, env: dict[str, str], kind: RequestKind, threads: int) -> dict | None:
        if kind.storage_sequence is None:
            return None
        out = self.out_dir / "api-bench-storage.json"
        argv = [str(self.bin_dir / "bench-storage-calls"), "--sequence", kind.storage_sequence, "--users",
                str(self.users_file), "--threads", str(threads), "--seconds", str(self.args.storage_seconds),
                "--warmup", "1", "--out", str(out)]
        with open(self.log_dir / "bench-storage-calls.log", "ab") as log:
            done = subprocess.run(argv, env=env, stdout=log, stderr=subprocess.STDOUT, timeout=300)
        result = json.loads(out.read_text())
        if done.returncode != 0:
            print(f"api-bench: bench-storage-calls {kind.storage_sequence} x{threads}: {result.get('errors')} "
                  f"errors, first: {result.get('first_error')}", file=sys.stderr)
        return result

    def measure(self, emulator: str) -> None:
        env = self.emulator_env(emulator)
        self.hubctl(env, "table", "create")
        self.hubctl(env, "seed")
        admin = self.hubctl(env, "token", "--role", "admin").strip()
        server_bin = self.bin_dir / "hub-server"

        warm = Server(server_bin, env | {"HUB_SERVER_THREADS": "16"}, self.log_dir, f"{emulator}-warm-up")
        try:
            if not self.kinds:
                self.choose_kinds(warm)
            self.prime(warm)
            for kind in self.kinds:  # the emulator's JIT and caches, and hub-server's paths
                self.wrk(warm, kind, 16, self.args.warmup)
        finally:
            warm.stop()

        storage = {(k.name, c): self.storage_calls(env, k, c) for k in self.kinds for c in self.counts}
        for kind in self.kinds:
            for c in self.counts:
                threads = c if self.args.server_threads == 0 else self.args.server_threads
                server = Server(server_bin, env | {"HUB_SERVER_THREADS": str(threads)}, self.log_dir,
                                f"{emulator}-{kind.name}-c{c}")
                try:
                    self.prime(server)
                    user_before, system_before = server.cpu_seconds()
                    result = self.wrk(server, kind, c, self.args.duration)
                    user_after, system_after = server.cpu_seconds()
                    user = user_after - user_before
                    cpu = user + system_after - system_before
                    status, body = call(server.url + "/metrics", admin)
                    metrics = json.loads(body) if status == 200 else {"status": status}
                finally:
                    server.stop()
                requests = result["requests"]
                cell = Cell(emulator, kind.name, c, threads, requests=requests,
                            seconds=result["duration_us"] / 1e6, rps=requests / (result["duration_us"] / 1e6),
                            p50_ms=result["p50_us"] / 1000, p95_ms=result["p95_us"] / 1000,
                            p99_ms=result["p99_us"] / 1000, errors=result["errors"],
                            cpu_us_per_request=cpu * 1e6 / max(requests, 1),
                            cpu_user_us_per_request=user * 1e6 / max(requests, 1), storage=storage[(kind.name, c)],
                            server_metrics={"dependencies": metrics.get("dependencies", []),
                                            "routes": metrics.get("routes", [])})
                self.cells.append(cell)
                print(f"api-bench: {emulator:14} {kind.method} {kind.path} c={c:<3} {cell.rps:8.0f} req/s  "
                      f"p50 {cell.p50_ms:7.2f}  p95 {cell.p95_ms:7.2f}  p99 {cell.p99_ms:7.2f} ms  "
                      f"storage p95 {cell.storage_p95_ms:6.2f} ms  CPU {cell.cpu_us_per_request:6.1f} us/req"
                      + (f"  errors {cell.errors}" if any(cell.errors.values()) else ""), flush=True)

    def report(self) -> list[list[str]]:
        rows = []
        for cell in self.cells:
            kind = REQUEST_KINDS[cell.kind]
            what = f"{cell.emulator} {kind.method} {kind.path} c={cell.connections}"
            rows += [
                [f"{what}: requests/s", f"{cell.rps:,.0f}", "", ""],
                [f"{what}: p50 / p95 / p99", f"{cell.p50_ms:.2f} / {cell.p95_ms:.2f} / {cell.p99_ms:.2f} ms", "", ""],
                [f"{what}: storage calls p50 / p95 (measured directly)",
                 f"{cell.storage_p50_ms:.2f} / {cell.storage_p95_ms:.2f} ms", "", ""],
                [f"{what}: server-added p50", f"{cell.added_p50_ms:.2f} ms", "", ""],
                [f"{what}: server-added p95", f"{cell.added_p95_ms:.2f} ms", f"<= {ADDED_TARGET_MS:g} ms",
                 added_verdict(cell.added_p95_ms, "pass", "miss")],
                [f"{what}: server CPU per request (user + system)",
                 f"{cell.cpu_us_per_request:.0f} us ({cell.cpu_user_us_per_request:.0f} + "
                 f"{cell.cpu_us_per_request - cell.cpu_user_us_per_request:.0f})", f"<= {CPU_TARGET_US:g} us",
                 "pass" if cell.cpu_us_per_request <= CPU_TARGET_US else "miss"],
            ]
        return rows


def fmt_ms(value: float) -> str:
    return f"{value * 1000:.0f} µs" if abs(value) < 1 else f"{value:.2f} ms"


def verdict(ok: bool) -> str:
    return "meets" if ok else "misses"


def added_verdict(added_ms: float, meets: str, misses: str) -> str:
    """A negative figure means the storage calls were slower in their own run than inside the HTTP
    run (a busier moment of the machine or the emulator): the subtraction says nothing then."""
    if added_ms < 0:
        return "inconclusive"
    return meets if added_ms <= ADDED_TARGET_MS else misses


def record_figures(bench: Bench) -> None:
    """The two targets of every cell, and its throughput, p95 and errors as baselines."""
    for c in bench.cells:
        kind = REQUEST_KINDS[c.kind]
        key = f"api.{c.emulator}.{c.kind}.c{c.connections}"
        what = f"{c.emulator} `{kind.method} {kind.path}`, {c.connections} connection{'s' if c.connections > 1 else ''}"
        benchdoc.record("api", f"{key}.server-added-p95", c.added_p95_ms, "ms", ADDED_TARGET_MS, "<=",
                        label=f"{what}: server-added latency, p95",
                        verdict="inconclusive" if c.added_p95_ms < 0 else None,
                        note=f"HTTP p95 {c.p95_ms:.2f} ms − storage calls p95 {c.storage_p95_ms:.2f} ms")
        benchdoc.record("api", f"{key}.server-cpu", c.cpu_us_per_request, "µs", CPU_TARGET_US, "<=",
                        label=f"{what}: server CPU a request (user + system)")
        benchdoc.record("api", f"{key}.rps", c.rps, "req/s")
        benchdoc.record("api", f"{key}.p95", c.p95_ms, "ms")
        benchdoc.record("api", f"{key}.errors", sum(c.errors.values()), "requests")


def doc_section(bench: Bench, args: argparse.Namespace) -> str:
    rows = []
    for c in bench.cells:
        kind = REQUEST_KINDS[c.kind]
        errors = sum(c.errors.values())
        rows.append([c.emulator, f"`{kind.method} {kind.path}`", str(c.connections), f"{c.rps:,.0f}",
                     fmt_ms(c.p50_ms), fmt_ms(c.p95_ms), fmt_ms(c.p99_ms),
                     f"{fmt_ms(c.storage_p50_ms)} / {fmt_ms(c.storage_p95_ms)}" if c.storage else "none",
                     fmt_ms(c.added_p50_ms),
                     f"{fmt_ms(c.added_p95_ms)} ({added_verdict(c.added_p95_ms, 'meets', 'misses')})",
                     f"{c.cpu_us_per_request:.0f} µs ({c.cpu_user_us_per_request:.0f} + "
                     f"{c.cpu_us_per_request - c.cpu_user_us_per_request:.0f}; "
                     f"{verdict(c.cpu_us_per_request <= CPU_TARGET_US)})",
                     f"{errors:,}" if errors else "0"])
    lines = [benchdoc.table(["emulator", "request", "connections", "req/s", "p50", "p95", "p99",
                             "storage calls p50 / p95", "server-added p50",
                             f"server-added p95 (<= {ADDED_TARGET_MS:g} ms)",
                             f"server CPU / request, user + system (<= {CPU_TARGET_US:g} µs)", "errors"], rows),
              ""]
    storage_rows = []
    for c in bench.cells:
        if not c.storage:
            continue
        for op, q in c.storage["operations"].items():
            storage_rows.append([c.emulator, c.storage["sequence"], str(c.storage["threads"]), op,
                                 f"{q['count']:,}", fmt_ms(q["p50_us"] / 1000), fmt_ms(q["p95_us"] / 1000),
                                 fmt_ms(q["p99_us"] / 1000)])
    if storage_rows:
        lines += ["The emulators' own latency, per call, measured directly in the same run (`bench-storage-calls`):",
                  "", benchdoc.table(["emulator", "calls of", "threads", "operation", "calls", "p50", "p95", "p99"],
                                     storage_rows), ""]
    described = {k.name: k for k in bench.kinds}
    lines += ["Storage calls per request: " + "; ".join(
        f"`{k.method} {k.path}`: {k.storage_calls}" for k in described.values()) + ".", ""]
    lines += [
        f"Each row: a fresh hub-server (`HUB_SERVER_THREADS` = connections, access log on, to a file, "
        f"rate limiting on with `HUB_RATE_LIMITS={UNREACHED_RATE_LIMITS}`), "
        f"{args.users} bench users primed with one request each, then one `wrk` run of {args.duration} s "
        f"(`-t2`, `-t1` for one connection; each thread signs as its own share of the users, in turn). Server CPU: utime + stime of "
        f"hub-server over the wrk run / requests. Storage calls: the request's calls made back to back "
        f"by `bench-storage-calls` at as many threads as connections, {args.storage_seconds} s after 1 s of "
        f"warm-up; server-added = the HTTP figure − the storage figure (inconclusive when negative). Run {time.strftime('%Y-%m-%d %H:%M', time.gmtime())} "
        f"UTC, commit {benchdoc._run(['git', 'rev-parse', '--short=12', 'HEAD'])}, load average at the end "
        f"{' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} cores).",
        "",
        f"Command: `.venv/bin/python backend/bench/api_bench.py --connections {args.connections} "
        f"--duration {args.duration}` (inside `scripts/with-emulators --dynamodb-local`, which it starts "
        f"itself; `BENCH=api scripts/bench` builds and runs it; raw results: `{benchdoc.rel(args.out)}`)",
    ]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bin-dir", type=Path, default=REPO / "build" / "bench" / "bin")
    parser.add_argument("--emulators", default="moto,dynamodb-local")
    parser.add_argument("--requests", default="", help=f"request kinds: {', '.join(REQUEST_KINDS)}")
    parser.add_argument("--connections", default="1,16,64")
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--warmup", type=int, default=3, help="seconds of emulator warm-up per request kind")
    parser.add_argument("--storage-seconds", type=int, default=5, help="measured seconds of each storage run")
    parser.add_argument("--users", type=int, default=128, help="bench users (at least 2 per connection)")
    parser.add_argument("--server-threads", type=int, default=0, help="HUB_SERVER_THREADS; 0: the connections")
    parser.add_argument("--out", type=Path, default=REPO / "build" / "bench" / "api-bench.json")
    parser.add_argument("--doc", type=Path, default=None, help="update this markdown file's section")
    args = parser.parse_args()

    if not (os.environ.get("EMULATOR_MOTO_URL") and os.environ.get("EMULATOR_DYNAMODB_LOCAL_URL")):
        os.execv(str(REPO / "scripts" / "with-emulators"),
                 [str(REPO / "scripts" / "with-emulators"), "--dynamodb-local", "--", sys.executable,
                  *sys.argv])
    if not shutil.which("wrk"):
        print("api-bench: wrk not found (scripts/bootstrap installs it)", file=sys.stderr)
        return 2
    for name in ("hub-server", "hubctl", "bench-storage-calls"):
        if not os.access(args.bin_dir / name, os.X_OK):
            print(f"api-bench: {args.bin_dir / name} not built (scripts/bench builds it)", file=sys.stderr)
            return 2

    bench = Bench(args)
    try:
        env = bench.base_env() | {"HUB_TABLE_NAME": "bench-api-moto"}
        bench.cognito = dict(line.split("=", 1) for line in bench.hubctl(env, "auth", "env").split())
        bench.sign_in_bench_users(env | bench.cognito)
        for emulator in args.emulators.split(","):
            bench.measure(emulator)
    except (RuntimeError, subprocess.CalledProcessError, OSError, json.JSONDecodeError) as exc:
        print(f"api-bench: {exc}", file=sys.stderr)
        return 1

    results = [{**{k: v for k, v in c.__dict__.items()}, "added_p95_ms": c.added_p95_ms,
                "storage_p95_ms": c.storage_p95_ms, "added_p50_ms": c.added_p50_ms,
                "storage_p50_ms": c.storage_p50_ms} for c in bench.cells]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"targets": {"added_p95_ms": ADDED_TARGET_MS, "cpu_us_per_request": CPU_TARGET_US},
                                    "cells": results}, indent=1))
    record_figures(bench)
    rows = bench.report()
    width = max(len(r[0]) for r in rows)
    print(f"\n{'figure':{width}}  {'value':>24}  {'target':>10}  result")
    for figure, value, target, result in rows:
        print(f"{figure:{width}}  {value:>24}  {target:>10}  {result}")
    print(f"\napi-bench: results in {benchdoc.rel(args.out)}")
    if args.doc:
        benchdoc.replace_section(args.doc.resolve(), "api", doc_section(bench, args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
