#!/usr/bin/env python3
"""Soak: hub-server under a fixed request rate over its main routes for a long while, every
response checked, its resident memory sampled every second.

Inside `scripts/with-emulators --dynamodb-local` (scripts/soak starts it) the runner makes the
table on DynamoDB Local and the data set (`hubctl table create`, `hubctl seed`), moto's user pool
(`hubctl auth env`) and soak users in it, signs them and a seeded administrator in (`hubctl
token`), starts hub-server (build/bench, Release) with the table on DynamoDB Local, Cognito on
moto and rate limits no run reaches (every request is still counted, as deployed), and then:

- sends requests open-loop: request i is due at start + i / rate whatever happened to earlier
  ones, on as many keep-alive connections as are needed at the moment, so a slow answer never
  lowers the rate; latency is counted from the moment a request was due, so time spent waiting
  for a connection or for this process counts too;
- cycles a fixed mix over the routes (ROUTES below): GET /health, GET /version, GET and PUT
  /users/profile (PUT with the If-Match of the last ETag that user saw), GET and PUT
  /users/preferences (the same), GET /users/activity following next_cursor for up to 3 pages,
  POST /feedback, and as an administrator GET /users and GET /feedback; a user's PUTs of one
  resource never overlap, so a 412 or 409 is a real error;
- counts as an error every status other than the route's (200, 201 for POST /feedback), every
  request unanswered after --timeout seconds and every connection error;
- samples VmRSS and VmHWM of hub-server from /proc/PID/status every second (build/soak/rss.csv)
  and writes every request (build/soak/requests.csv).

The first --warmup seconds are not measured (connections, caches; the rate climbs from 0 to
--rate over its first half, so DynamoDB Local's JIT warms up before the full load), but their
errors count. Two thirds into them --burst extra requests (default: two seconds' worth) leave at
once, so malloc's high-water mark for a burst of connections is reached before measuring (a
stall of the machine during the measured part is such a burst). Memory growth compares the
median RSS of the first measured minute with that of the last (docs/performance.md, Soak).
Passes with zero errors and growth <= --max-growth %. Exit status: 0 pass, 1 fail, 2 setup error.

Usage: .venv/bin/python backend/bench/soak.py [--seconds 600] [--rate 200] [--warmup 60]
           [--bin-dir build/bench/bin] [--out-dir build/soak] [--doc docs/performance.md]
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import collections
import concurrent.futures
import csv
import json
import os
import random
import re
import resource
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import benchdoc

REPO = benchdoc.REPO
SERVING = re.compile(r"Serving on http://([\d.]+):(\d+)")
PASSWORD = "Soak-pass-2026!"
# Every class far above what the soak sends: each request is still counted (one UpdateItem).
RATE_LIMITS = "read=1000000/1m,write=1000000/1m,public=1000000/1m,feedback=1000000/1m,auth-failure=1000000/1m"
# Route -> share of requests, in percent.
ROUTES = {
    "GET /health": 12,
    "GET /version": 6,
    "GET /users/profile": 18,
    "PUT /users/profile": 8,
    "GET /users/preferences": 12,
    "PUT /users/preferences": 6,
    "GET /users/activity": 14,
    "POST /feedback": 6,
    "GET /users (admin)": 10,
    "GET /feedback (admin)": 8,
}
IDLE_LIMIT_S = 30.0
# Idle connections kept for reuse; one more is closed when it comes back (a client's pool size),
# so the connections a burst or a stall opened go once it is over.
MAX_IDLE = 64
EXPECTED_STATUS = collections.defaultdict(lambda: 200, {"POST /feedback": 201})


@dataclass
class User:
    email: str
    token: str
    version: dict = field(default_factory=dict)  # resource -> the highest version (ETag) seen
    writing: set = field(default_factory=set)  # resources with a PUT in flight
    activity_cursor: str | None = None
    activity_pages: int = 0


@dataclass
class Outcome:
    due: float  # seconds since the start
    sent: float  # when it left (the due time plus this process's lateness)
    route: str
    status: int
    latency_ms: float
    error: str  # "" when the answer was the expected one


class Connections:
    """Keep-alive HTTP/1.1 connections to one server; a request takes an idle one or opens one."""

    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter, float]] = []
        self.opened = 0

    async def take(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        """The most recently used idle connection; one idle for half the server's keep-alive
        timeout (HUB_KEEPALIVE_TIMEOUT_MS, 60 s) is closed rather than raced against its close."""
        while self.idle:
            reader, writer, since = self.idle.pop()
            if time.monotonic() - since < IDLE_LIMIT_S:
                return reader, writer
            writer.close()
        self.opened += 1
        return await asyncio.open_connection(self.host, self.port)

    async def request(self, method: str, path: str, headers: dict[str, str], body: bytes | None):
        reader, writer = await self.take()
        try:
            head = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}"]
            head += [f"{k}: {v}" for k, v in headers.items()]
            if body is not None:
                head += ["Content-Type: application/json", f"Content-Length: {len(body)}"]
            writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + (body or b""))
            status, response_headers, payload = await read_response(reader)
        except BaseException:
            writer.close()
            raise
        if response_headers.get("connection", "").lower() == "close" or len(self.idle) >= MAX_IDLE:
            writer.close()
        else:
            self.idle.append((reader, writer, time.monotonic()))
        return status, response_headers, payload

    def close(self) -> None:
        for _, writer, _ in self.idle:
            writer.close()
        self.idle.clear()


async def read_response(reader: asyncio.StreamReader) -> tuple[int, dict[str, str], bytes]:
    head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
    status = int(head[0].split(" ", 2)[1])
    headers = {}
    for line in head[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip()
    if headers.get("transfer-encoding", "").lower() == "chunked":
        chunks = []
        while size := int((await reader.readuntil(b"\r\n")).split(b";")[0], 16):
            chunks.append(await reader.readexactly(size))
            await reader.readexactly(2)
        await reader.readuntil(b"\r\n")
        return status, headers, b"".join(chunks)
    return status, headers, await reader.readexactly(int(headers.get("content-length", "0")))


class Driver:
    """Sends the mix at a fixed rate and keeps every outcome."""

    def __init__(self, conns: Connections, users: list[User], admin: User, args: argparse.Namespace):
        self.conns, self.users, self.admin, self.args = conns, users, admin, args
        self.outcomes: list[Outcome] = []
        self.next_user = 0
        self.sequence = 0
        self.late_max_ms = 0.0
        self.in_flight = 0
        self.max_in_flight = 0
        self.max_in_flight_measured = 0
        self.burst_sent = 0
        self.substituted = 0
        self.next_pages = 0  # activity requests that followed a next_cursor
        mix = [route for route, share in ROUTES.items() for _ in range(share)]
        random.Random(8).shuffle(mix)
        self.mix = mix

    def pick_user(self, resource: str | None = None) -> User | None:
        """The next user in turn; for a PUT, the next one without a PUT of `resource` in flight
        and whose version of it is known (a failed PUT leaves it unknown until a GET)."""
        for _ in range(len(self.users)):
            user = self.users[self.next_user % len(self.users)]
            self.next_user += 1
            if resource is None or (resource not in user.writing and user.version.get(resource) is not None):
                return user
        return None

    def plan(self, route: str) -> tuple[str, str, User | None, str | None, bytes | None] | None:
        """method, path, user, the resource a PUT writes, body; None when no user can take a PUT
        of that resource now."""
        n = self.sequence
        if route in ("GET /health", "GET /version"):
            return "GET", route.split()[1], None, None, None
        if route == "GET /users (admin)":
            return "GET", "/users?limit=20", self.admin, None, None
        if route == "GET /feedback (admin)":
            return "GET", "/feedback?limit=20", self.admin, None, None
        if route == "PUT /users/profile":
            if (user := self.pick_user("profile")) is None:
                return None
            return "PUT", "/users/profile", user, "profile", json.dumps(
                {"display_name": f"Soak user {n}", "country": "KE", "expertise": ["soak testing"]}).encode()
        if route == "PUT /users/preferences":
            if (user := self.pick_user("preferences")) is None:
                return None
            return "PUT", "/users/preferences", user, "preferences", json.dumps(
                {"language": "en", "timezone": "Africa/Nairobi", "theme": ("light", "dark")[n % 2],
                 "notifications": {"email": True, "in_app": n % 3 != 0, "digest": "weekly"}}).encode()
        user = self.pick_user()
        if route == "GET /users/activity":
            path = "/users/activity?limit=5"
            if user.activity_cursor:
                path += "&cursor=" + user.activity_cursor
                self.next_pages += 1
            return "GET", path, user, None, None
        if route == "POST /feedback":
            return "POST", "/feedback", user, None, json.dumps(
                {"category": "idea", "message": f"Soak feedback {n}", "rating": 1 + n % 5,
                 "page": "/soak"}).encode()
        return "GET", route.split()[1], user, None, None

    async def one(self, route: str, due: float, start: float) -> None:  # noqa: C901 (one request, start to end)
        planned = self.plan(route)
        if planned is None:  # no user can take this PUT now: a read instead, at the same moment
            route, planned = "GET /users/profile", self.plan("GET /users/profile")
            self.substituted += 1
        method, path, user, writes, body = planned
        sent = time.monotonic() - start
        headers = {"Authorization": f"Bearer {user.token}"} if user else {}
        if writes:
            headers["If-Match"] = f'"{user.version[writes]}"'
            user.writing.add(writes)
        status, error = 0, ""
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        if due >= self.args.warmup:
            self.max_in_flight_measured = max(self.max_in_flight_measured, self.in_flight)
        try:
            status, response_headers, payload = await asyncio.wait_for(
                self.conns.request(method, path, headers, body), self.args.timeout)
            if status != EXPECTED_STATUS[route]:
                error = f"status {status}: {payload[:200].decode(errors='replace')}"
            else:
                self.remember(route, user, response_headers, payload)
        except asyncio.TimeoutError:
            error = "timeout"
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError) as exc:
            error = f"connection error: {type(exc).__name__}: {exc}"
        finally:
            self.in_flight -= 1
            if writes:
                user.writing.discard(writes)
                if error:  # it may or may not have been applied: read the version again first
                    user.version[writes] = None
        latency = (time.monotonic() - start - due) * 1000
        self.outcomes.append(Outcome(due, sent, route, status, latency, error))

    @staticmethod
    def remember(route: str, user: User | None, headers: dict[str, str], payload: bytes) -> None:
        if user is None:
            return
        # A GET sent while the user's PUT was in flight may answer after it with the older
        # version: keep the highest seen.
        if route in ("GET /users/profile", "PUT /users/profile"):
            user.version["profile"] = max(user.version.get("profile") or 0, etag_version(headers))
        elif route in ("GET /users/preferences", "PUT /users/preferences"):
            user.version["preferences"] = max(user.version.get("preferences") or 0, etag_version(headers))
        elif route == "GET /users/activity":
            cursor = json.loads(payload).get("next_cursor")
            user.activity_pages += 1
            if cursor and user.activity_pages < 3:
                user.activity_cursor = urlquote(cursor)
            else:
                user.activity_cursor, user.activity_pages = None, 0

    async def run(self, seconds: float, rate: float, ramp: float, burst: tuple[float, int]) -> None:
        """Open loop: request i leaves when it is due, answered or not. The rate climbs linearly
        from 0 over the first `ramp` seconds (the emulators' JIT and caches), then holds. At
        burst[0] seconds, burst[1] extra requests leave at once (see main: the warm-up burst)."""
        start = time.monotonic()
        tasks = set()

        def launch(route: str, due: float) -> None:
            task = asyncio.ensure_future(self.one(route, due, start))
            tasks.add(task)
            task.add_done_callback(tasks.discard)

        ramp_requests = int(rate * ramp / 2)
        total = ramp_requests + int((seconds - ramp) * rate)
        burst_at, burst_size = burst
        for i in range(total):
            due = (2 * ramp * i / rate) ** 0.5 if i < ramp_requests else ramp + (i - ramp_requests) / rate
            delay = start + due - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            else:
                self.late_max_ms = max(self.late_max_ms, -delay * 1000)
            self.sequence = i
            if burst_size and not self.burst_sent and due >= burst_at:
                for k in range(burst_size):
                    launch(self.mix[(i + k) % len(self.mix)], due)
                self.burst_sent = burst_size
            launch(self.mix[i % len(self.mix)], due)
        if tasks:
            await asyncio.wait(tasks)


def etag_version(headers: dict[str, str]) -> int:
    return int(headers["etag"].strip('"'))


def urlquote(text: str) -> str:
    from urllib.parse import quote
    return quote(text, safe="")


async def sample_rss(pid: int, path: Path, start: float, stop: asyncio.Event, warmup: float) -> None:
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["seconds", "phase", "vm_rss_kib", "rss_anon_kib", "rss_file_kib", "vm_hwm_kib"])
        tick = 0
        while not stop.is_set():
            status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
            kib = {name: int(re.search(rf"^{name}:\s+(\d+)", status, re.MULTILINE).group(1))
                   for name in ("VmRSS", "RssAnon", "RssFile", "VmHWM")}
            elapsed = time.monotonic() - start
            writer.writerow([f"{elapsed:.1f}", "warmup" if elapsed < warmup else "measure", kib["VmRSS"],
                             kib["RssAnon"], kib["RssFile"], kib["VmHWM"]])
            out.flush()
            tick += 1
            try:
                await asyncio.wait_for(stop.wait(), max(0.0, start + tick - time.monotonic()))
            except asyncio.TimeoutError:
                pass


class Setup:
    """Emulators' data, users and hub-server."""

    def __init__(self, args: argparse.Namespace):
        self.args = args
        self.bin_dir = args.bin_dir.resolve()
        base = {k: v for k, v in os.environ.items()
                if not k.startswith(("HUB_", "AWS_", "COGNITO_", "CORS_", "LOG_", "POWERTOOLS_", "METRICS_"))}
        self.env = base | {"AWS_ENDPOINT_URL": os.environ["EMULATOR_MOTO_URL"],
                           "AWS_ENDPOINT_URL_DYNAMODB": os.environ["EMULATOR_DYNAMODB_LOCAL_URL"],
                           "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                           "AWS_REGION": "us-east-1", "HUB_TABLE_NAME": "soak"}
        self.server: subprocess.Popen | None = None

    def hubctl(self, *argv: str) -> str:
        done = subprocess.run([str(self.bin_dir / "hubctl"), *argv], env=self.env, capture_output=True, text=True,
                              timeout=300)
        if done.returncode != 0:
            raise RuntimeError(f"hubctl {' '.join(argv[:2])} failed ({done.returncode}): {done.stderr[-1500:]}")
        return done.stdout

    def data(self) -> tuple[list[User], User]:
        self.hubctl("table", "create")
        self.hubctl("seed")
        self.env |= dict(line.split("=", 1) for line in self.hubctl("auth", "env").split())
        pool = self.env["COGNITO_USER_POOL_ID"]
        emails = [f"soak-{n:03d}@soak.example" for n in range(self.args.users)]
        benchdoc.cognito_users(os.environ["EMULATOR_MOTO_URL"], pool, emails, PASSWORD)
        with concurrent.futures.ThreadPoolExecutor(4) as pool_exec:
            tokens = list(pool_exec.map(
                lambda e: self.hubctl("token", "--user", e, "--password", PASSWORD).strip(), emails))
        admin = User("admin", self.hubctl("token", "--role", "admin").strip())
        return [User(e, t) for e, t in zip(emails, tokens)], admin

    def start_server(self, out_dir: Path) -> tuple[str, int]:
        env = self.env | {"HUB_RATE_LIMITS": RATE_LIMITS, "HUB_SERVER_THREADS": str(self.args.server_threads)}
        err_path = out_dir / "hub-server.err"
        self.server = subprocess.Popen(
            [str(self.bin_dir / "hub-server"), "--host", "127.0.0.1", "--port", "0"], env=env,
            stdin=subprocess.DEVNULL, stdout=open(out_dir / "hub-server.log", "wb"), stderr=open(err_path, "wb"),
            start_new_session=True)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if m := SERVING.search(err_path.read_text(errors="replace")):
                return m.group(1), int(m.group(2))
            if self.server.poll() is not None:
                break
            time.sleep(0.05)
        raise RuntimeError(f"hub-server did not start: {err_path.read_text(errors='replace')[-2000:]}")

    def cpu_seconds(self) -> float:
        fields = Path(f"/proc/{self.server.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        if self.server and self.server.poll() is None:
            self.server.send_signal(signal.SIGTERM)
            try:
                self.server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.server.kill()
                self.server.wait()


async def prime(conns: Connections, users: list[User], admin: User) -> None:
    """Each user's profile made and both ETags known; the admin's roles read once."""
    for user in users:
        for resource, path in (("profile", "/users/profile"), ("preferences", "/users/preferences")):
            status, headers, payload = await conns.request("GET", path, {"Authorization": f"Bearer {user.token}"},
                                                           None)
            if status != 200:
                raise RuntimeError(f"GET {path} as {user.email} answered {status}: {payload[:300]!r}")
            user.version[resource] = etag_version(headers)
    status, _, payload = await conns.request("GET", "/users?limit=1", {"Authorization": f"Bearer {admin.token}"},
                                             None)
    if status != 200:
        raise RuntimeError(f"GET /users as the seeded admin answered {status}: {payload[:300]!r}")


def rss_figures(rss_csv: Path, window_max: int = 60) -> dict:
    """Growth compares two steady-state windows: the median of the first measured minute with the
    median of the last one (shorter windows, a third of the measured part each, in a short run).
    A median over a minute is not moved by a few seconds' spike, and a leak, which grows with
    every request, moves it as much as it moves any single sample."""
    rows = list(csv.DictReader(open(rss_csv, encoding="utf-8")))
    measured = [r for r in rows if r["phase"] == "measure"]
    if len(measured) < 20:
        raise RuntimeError(f"only {len(measured)} RSS samples after the warm-up; run longer")
    window = min(window_max, len(measured) // 3)

    def growth(column: str) -> tuple[int, int, float]:
        first = benchdoc.median([int(r[column]) for r in measured[:window]])
        last = benchdoc.median([int(r[column]) for r in measured[-window:]])
        return first, last, (last - first) * 100 / first

    start, end, percent = growth("vm_rss_kib")
    anon_start, anon_end, anon_percent = growth("rss_anon_kib")
    return {"samples": len(rows), "window_s": window, "start_kib": start, "end_kib": end,
            "growth_percent": percent, "anon_start_kib": anon_start, "anon_end_kib": anon_end,
            "anon_growth_percent": anon_percent, "file_end_kib": int(measured[-1]["rss_file_kib"]),
            "peak_kib": max(int(r["vm_rss_kib"]) for r in measured),
            "hwm_kib": int(rows[-1]["vm_hwm_kib"]), "at_warmup_end_s": float(measured[0]["seconds"])}


def summarize(driver: Driver, rss: dict, args: argparse.Namespace, extra: dict) -> dict:
    outcomes = driver.outcomes
    measured = [o for o in outcomes if o.due >= args.warmup]
    errors = [o for o in outcomes if o.error]
    kinds = collections.Counter(
        "timeout" if o.error == "timeout" else "connection error" if o.error.startswith("connection")
        else f"status {o.status}" for o in errors)
    routes = {}
    for route in ROUTES:
        lat = [o.latency_ms for o in measured if o.route == route]
        routes[route] = {"requests": len(lat), "errors": sum(1 for o in outcomes if o.route == route and o.error),
                         "p50_ms": benchdoc.percentile(lat, 50) if lat else None,
                         "p99_ms": benchdoc.percentile(lat, 99) if lat else None,
                         "max_ms": max(lat) if lat else None}
    # The rate achieved: measured requests over the time between the first and last one leaving.
    measured_seconds = max(o.sent for o in measured) - min(o.sent for o in measured)
    lateness = [(o.sent - o.due) * 1000 for o in outcomes]
    all_lat = [o.latency_ms for o in measured]
    passed = not errors and rss["growth_percent"] <= args.max_growth
    figures = [
        benchdoc.figure("soak", "soak.errors", len(errors), "requests", 0, "==",
                        label="soak: errors (unexpected statuses, timeouts, connection errors)",
                        note=", ".join(f"{n} {k}" for k, n in kinds.items())),
        benchdoc.figure("soak", "soak.rss-growth", rss["growth_percent"], "%", args.max_growth, "<=",
                        label="soak: hub-server resident memory growth after warm-up",
                        note=f"{rss['start_kib'] / 1024:.1f} → {rss['end_kib'] / 1024:.1f} MiB"),
        benchdoc.figure("soak", "soak.requests", len(outcomes), "requests"),
        benchdoc.figure("soak", "soak.achieved-rate", (len(measured) - 1) / measured_seconds, "req/s"),
        benchdoc.figure("soak", "soak.p50", benchdoc.percentile(all_lat, 50), "ms"),
        benchdoc.figure("soak", "soak.p99", benchdoc.percentile(all_lat, 99), "ms"),
        benchdoc.figure("soak", "soak.rss-start", rss["start_kib"] / 1024, "MiB"),
        benchdoc.figure("soak", "soak.rss-end", rss["end_kib"] / 1024, "MiB"),
    ]
    return {
        "generated": benchdoc.now_utc(), "commit": benchdoc.git_commit(), "pass": passed,
        "settings": {"seconds": args.seconds, "warmup_seconds": args.warmup, "rate": args.rate,
                     "users": args.users, "server_threads": args.server_threads, "timeout_seconds": args.timeout,
                     "max_growth_percent": args.max_growth, "burst": args.burst,
                     "burst_at_seconds": burst_at(args), "mix_percent": ROUTES, "rate_limits": RATE_LIMITS},
        "requests": {"sent": len(outcomes), "measured": len(measured),
                     "achieved_rate": (len(measured) - 1) / measured_seconds,
                     "send_lateness_ms": {"p50": benchdoc.percentile(lateness, 50),
                                          "p99": benchdoc.percentile(lateness, 99), "max": max(lateness)}, "errors": len(errors),
                     "error_kinds": dict(kinds), "first_errors": [o.__dict__ for o in errors[:10]]},
        "routes": routes, "rss": rss, **extra, "figures": figures,
    }


def burst_at(args: argparse.Namespace) -> float:
    """The warm-up burst leaves two thirds into the warm-up: after the rate has reached full
    (the first half), with time left for its connections to close before measuring."""
    return args.warmup * 2 / 3


def fmt_ms(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value * 1000:.0f} µs" if value < 1 else f"{value:.2f} ms"


def report(results: dict) -> str:
    r, rss, s = results["requests"], results["rss"], results["settings"]
    growth_ok = rss["growth_percent"] <= s["max_growth_percent"]
    rows = [
        ["duration", f"{s['seconds']} s ({s['warmup_seconds']} s warm-up, then {s['seconds'] - s['warmup_seconds']} s "
                     "measured)", ""],
        ["requests sent", f"{r['sent']:,} ({r['measured']:,} measured)", ""],
        ["rate asked / achieved (measured part)", f"{s['rate']:g} / {r['achieved_rate']:.1f} req/s", ""],
        ["requests sent late by the driver: p99, max", f"{r['send_lateness_ms']['p99']:.1f} ms, "
                                                        f"{r['send_lateness_ms']['max']:.1f} ms", ""],
        ["errors", f"{r['errors']:,}" + (f" ({', '.join(f'{n} {k}' for k, n in r['error_kinds'].items())})"
                                          if r["errors"] else ""), "pass" if not r["errors"] else "FAIL"],
        [f"hub-server RSS, first → last measured {rss['window_s']} s (medians)",
         f"{rss['start_kib'] / 1024:.1f} → {rss['end_kib'] / 1024:.1f} MiB", ""],
        [f"RSS growth (<= {s['max_growth_percent']:g} %)", f"{rss['growth_percent']:+.2f} %",
         "pass" if growth_ok else "FAIL"],
        ["of which anonymous (heap, stacks): first → last window",
         f"{rss['anon_start_kib'] / 1024:.1f} → {rss['anon_end_kib'] / 1024:.1f} MiB "
         f"({rss['anon_growth_percent']:+.2f} %)", ""],
        ["RSS peak after warm-up; VmHWM", f"{rss['peak_kib'] / 1024:.1f} MiB; {rss['hwm_kib'] / 1024:.1f} MiB", ""],
        ["hub-server CPU, measured part", f"{results['server_cpu_percent']:.0f} % of a core", ""],
        ["driver CPU (this process), whole run", f"{results['driver_cpu_percent']:.0f} % of a core", ""],
        ["warm-up burst: requests at once", f"{s['burst']:,} at {s['burst_at_seconds']:g} s", ""],
        ["most requests in flight: measured part (whole run)",
         f"{results['max_in_flight_measured']} ({results['max_in_flight']})",
         f"<= {s['burst']:,}" if s["burst"] else ""],
        ["connections opened", f"{results['connections_opened']:,}", ""],
        ["result", "pass" if results["pass"] else "FAIL", ""],
    ]
    route_rows = [[f"`{route}`", f"{v['requests']:,}", fmt_ms(v["p50_ms"]), fmt_ms(v["p99_ms"]), fmt_ms(v["max_ms"]),
                   f"{v['errors']:,}"] for route, v in results["routes"].items()]
    return "\n".join([
        benchdoc.table(["figure", "value", "target"], rows),
        "",
        benchdoc.table(["route", "requests (measured)", "p50", "p99", "max", "errors (whole run)"], route_rows),
    ])


async def soak(args: argparse.Namespace, setup: Setup, users: list[User], admin: User, host: str, port: int) -> dict:
    out_dir = args.out_dir
    conns = Connections(host, port)
    await prime(conns, users, admin)
    driver = Driver(conns, users, admin, args)
    stop = asyncio.Event()
    start = time.monotonic()
    sampler = asyncio.ensure_future(sample_rss(setup.server.pid, out_dir / "rss.csv", start, stop, args.warmup))
    usage0 = resource.getrusage(resource.RUSAGE_SELF)
    run = asyncio.ensure_future(driver.run(args.seconds, args.rate, args.warmup / 2,
                                           (burst_at(args), args.burst)))
    await asyncio.sleep(max(0.0, start + args.warmup - time.monotonic()))
    cpu0, t0 = setup.cpu_seconds(), time.monotonic()
    await run
    cpu1, t1 = setup.cpu_seconds(), time.monotonic()
    usage1 = resource.getrusage(resource.RUSAGE_SELF)
    stop.set()
    await sampler
    conns.close()
    driver_cpu = (usage1.ru_utime + usage1.ru_stime - usage0.ru_utime - usage0.ru_stime) / (t1 - start)
    with open(out_dir / "requests.csv", "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["due_s", "sent_s", "route", "status", "latency_ms", "error"])
        for o in driver.outcomes:
            writer.writerow([f"{o.due:.3f}", f"{o.sent:.3f}", o.route, o.status, f"{o.latency_ms:.3f}", o.error])
    rss = rss_figures(out_dir / "rss.csv")
    return summarize(driver, rss, args, {
        "server_cpu_percent": (cpu1 - cpu0) * 100 / (t1 - t0), "driver_cpu_percent": driver_cpu * 100,
        "connections_opened": conns.opened, "max_in_flight": driver.max_in_flight,
        "max_in_flight_measured": driver.max_in_flight_measured,
        "puts_replaced_by_reads": driver.substituted, "activity_next_pages": driver.next_pages,
        "scheduler_late_max_ms": driver.late_max_ms,
        "load_average_end": [round(x, 2) for x in os.getloadavg()], "cpus": os.cpu_count()})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=600, help="the whole run, warm-up included")
    parser.add_argument("--rate", type=float, default=200.0, help="requests a second")
    parser.add_argument("--warmup", type=int, default=60, help="seconds not measured at the start")
    parser.add_argument("--users", type=int, default=32)
    parser.add_argument("--server-threads", type=int, default=8, help="HUB_SERVER_THREADS")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds before a request counts as timed out")
    parser.add_argument("--max-growth", type=float, default=5.0, help="RSS growth allowed, in percent")
    parser.add_argument("--burst", type=int, default=None,
                        help="extra requests sent at once during the warm-up (default: 2 s of --rate; 0: none)")
    parser.add_argument("--bin-dir", type=Path, default=REPO / "build" / "bench" / "bin")
    parser.add_argument("--out-dir", type=Path, default=REPO / "build" / "soak")
    parser.add_argument("--doc", type=Path, default=None, help="update this markdown file's soak section")
    args = parser.parse_args()
    if args.burst is None:
        args.burst = int(2 * args.rate)
    if args.seconds - args.warmup < 20:
        parser.error("--seconds must exceed --warmup by at least 20 (the RSS start and end windows)")
    if not (os.environ.get("EMULATOR_MOTO_URL") and os.environ.get("EMULATOR_DYNAMODB_LOCAL_URL")):
        print("soak: run it inside scripts/with-emulators --dynamodb-local (scripts/soak does)", file=sys.stderr)
        return 2
    args.out_dir = args.out_dir.resolve()
    args.out_dir.mkdir(parents=True, exist_ok=True)

    setup = Setup(args)
    try:
        print("soak: making the table, the data set and the users", flush=True)
        users, admin = setup.data()
        host, port = setup.start_server(args.out_dir)
        print(f"soak: hub-server (pid {setup.server.pid}) on {host}:{port}; {args.rate:g} req/s for {args.seconds} s "
              f"({args.warmup} s warm-up) over {len(ROUTES)} routes, {args.users} users", flush=True)
        results = asyncio.run(soak(args, setup, users, admin, host, port))
    except (RuntimeError, OSError, subprocess.SubprocessError, KeyError) as exc:
        print(f"soak: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
    finally:
        setup.stop()

    (args.out_dir / "results.json").write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n",
                                               encoding="utf-8")
    text = report(results)
    print("\n" + text.replace("`", ""))
    for o in results["requests"]["first_errors"]:
        print(f"soak: error at {o['due']:.1f} s, {o['route']}: {o['error']}", file=sys.stderr)
    print(f"\nsoak: {'pass' if results['pass'] else 'FAIL'}; results in {benchdoc.rel(args.out_dir / 'results.json')}, "
          f"memory samples in {benchdoc.rel(args.out_dir / 'rss.csv')}, every request in "
          f"{benchdoc.rel(args.out_dir / 'requests.csv')}")
    if args.doc:
        s = results["settings"]
        body = "\n".join([
            text, "",
            f"Run {results['generated']}, commit {results['commit']}, {s['users']} users and a seeded administrator, "
            f"`HUB_SERVER_THREADS={s['server_threads']}`, load average at the end "
            f"{' '.join(f'{x:.2f}' for x in results['load_average_end'])} ({results['cpus']} cores shared by the "
            "driver, hub-server, DynamoDB Local and moto). Latency counts from the moment a request was due.",
            "",
            f"Command: `SOAK_SECONDS={s['seconds']} SOAK_RATE={s['rate']:g} make soak` (raw results: "
            f"`{benchdoc.rel(args.out_dir / 'results.json')}`, `rss.csv`, `requests.csv`)",
        ])
        benchdoc.replace_section(args.doc.resolve(), "soak", body)
    return 0 if results["pass"] else 1


if __name__ == "__main__":
    sys.exit(main())
