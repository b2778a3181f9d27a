"""Functional tests: start the real binaries and speak HTTP to them over loopback."""

from __future__ import annotations

import json
import os
import pathlib
import re
import signal
import subprocess
import time
from dataclasses import dataclass, field

import pytest

REPO = pathlib.Path(__file__).resolve().parents[3]
BIN_DIR = pathlib.Path(os.environ.get("HUB_BIN_DIR", REPO / "build" / "bin"))
ALLOWED_ORIGIN = "https://hub.igad.example"


# ---- AC-052: no token, Authorization value or secret of the run reaches a log -----------------------------
# Every token the helpers mint (hubctl token, jwt_forge) and every secret a test configures is
# registered here; when the session ends, every log the run's servers and functions wrote (and every
# *.log under the session's temporary directory) is searched for each of them, for the token's
# header.payload and for its signature. A hit fails the run, naming the file and line, never the value.
SECRETS: set[str] = set()
LOG_FILES: set[pathlib.Path] = set()
# Shorter pieces (the empty signature of an `alg: none` token, a one-letter garbage token) would
# match by chance.
MIN_SECRET_LENGTH = 16


def register_secret(value: str) -> str:
    """Remembers a secret the run used; returns it, so a helper can `return register_secret(x)`."""
    if len(value) >= MIN_SECRET_LENGTH:
        SECRETS.add(value)
    return value


def register_token(token: str) -> str:
    """Remembers a token with its header.payload and signature parts; returns the token."""
    register_secret(token)
    head, _, signature = token.rpartition(".")
    if head.count(".") == 1:
        register_secret(head)
        register_secret(signature)
    return token


def register_log(path: pathlib.Path) -> pathlib.Path:
    LOG_FILES.add(pathlib.Path(path))
    return path


def secret_hits(files) -> list[str]:
    """`file:line (secret n of m)` for each line of the files that holds a registered value."""
    secrets = sorted(SECRETS)
    hits = []
    for path in sorted(set(files)):
        if not path.is_file():
            continue
        with open(path, encoding="utf-8", errors="replace") as log:
            for number, line in enumerate(log, 1):
                for index, secret in enumerate(secrets):
                    if secret in line:
                        hits.append(f"{path}:{number} (registered secret {index + 1} of {len(secrets)})")
    return hits


_SCAN: dict[str, object] = {}


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Runs once every fixture is torn down: the servers have stopped and their logs are complete."""
    if not SECRETS:
        return
    logs = set(LOG_FILES)
    factory = getattr(session.config, "_tmp_path_factory", None)
    if factory is not None and factory.getbasetemp().exists():
        logs |= set(factory.getbasetemp().rglob("*.log"))
    hits = secret_hits(logs)
    _SCAN.update(secrets=len(SECRETS), logs=len(logs), hits=hits)
    if hits:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter) -> None:
    if not _SCAN:
        return
    hits = _SCAN["hits"]
    terminalreporter.write_sep("-", f"AC-052: {_SCAN['secrets']} tokens and secrets searched for in {_SCAN['logs']} "
                                    f"log files: {len(hits)} found", red=bool(hits), green=not hits)
    for hit in hits:
        terminalreporter.write_line(f"AC-052: a token or secret is logged at {hit}", red=True)


def binary(name: str) -> pathlib.Path:
    path = BIN_DIR / name
    if not path.exists():
        pytest.fail(f"{path} is missing: run `make build` first")
    return path


# Where the servers under test keep their data: the moto server of this run (make test starts it
# through scripts/with-emulators) and a table of this session's own, made by `hubctl table create`.
STORAGE_ENV: dict[str, str] = {}


# Every server and function of a run counts its requests in the session's table, all from loopback
# (or one API Gateway test address): suites that send hundreds of requests a minute (the attack
# catalogue, the endpoint sweeps) would meet the production limits. Tests of rate limiting itself
# (test_rate_limit.py) pass their own HUB_RATE_LIMITS.
GENEROUS_RATE_LIMITS = ("auth-failure=1000000/1m,feedback=1000000/1m,public=1000000/1m,read=1000000/1m,"
                        "write=1000000/1m")


# A pagination key of the session's own, distinctive enough to be searched for in the logs (AC-052).
PAGINATION_KEY = register_secret(f"functional-tests-pagination-key-{os.getpid()}-{time.time_ns()}")


def clean_env(**extra: str) -> dict[str, str]:
    """The test process environment without anything that would change the server's settings,
    plus the session's storage settings and limits no suite reaches."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("HUB_", "AWS_", "COGNITO_", "CORS_", "LOG_", "POWERTOOLS_", "METRICS_", "MAX_BODY"))}
    env.update(STORAGE_ENV)
    env["HUB_RATE_LIMITS"] = GENEROUS_RATE_LIMITS
    env["HUB_PAGINATION_KEY"] = PAGINATION_KEY
    env.update(extra)
    return env


def emulator_storage_env(table: str) -> dict[str, str]:
    endpoint = os.environ.get("EMULATOR_MOTO_URL") or os.environ.get("AWS_ENDPOINT_URL")
    if not endpoint:
        pytest.fail("no AWS emulator in the environment: run these tests with `make functional` / `make test` "
                    "(or through scripts/with-emulators)")
    return {"AWS_ENDPOINT_URL": endpoint, "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_REGION": "us-east-1", "HUB_TABLE_NAME": table}


@pytest.fixture(scope="session", autouse=True)
def storage_table() -> str:
    """Creates this session's table once; every server started with clean_env() uses it."""
    table = f"ft-{os.getpid()}-{int(time.time())}"
    STORAGE_ENV.update(emulator_storage_env(table))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HUB_", "AWS_"))}
    env.update(STORAGE_ENV)
    made = subprocess.run([str(binary("hubctl")), "table", "create"], env=env, capture_output=True, text=True,
                          timeout=90)
    assert made.returncode == 0, f"hubctl table create failed: {made.stdout}{made.stderr}"
    return table


@dataclass
class Server:
    process: subprocess.Popen
    url: str
    host: str
    port: int
    log_path: pathlib.Path
    stderr_lines: list[str] = field(default_factory=list)

    def log_lines(self) -> list[dict]:
        lines = []
        for raw in self.log_path.read_text().splitlines():
            raw = raw.strip()
            if raw:
                lines.append(json.loads(raw))
        return lines

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 15) -> int:
        if self.process.poll() is None:
            self.process.send_signal(sig)
        return self.process.wait(timeout=timeout)


def start_server(tmp_path: pathlib.Path, env: dict[str, str] | None = None, *args: str) -> Server:
    log_path = register_log(tmp_path / "server.log")
    log_file = open(log_path, "w")  # noqa: SIM115 - closed with the process
    process = subprocess.Popen(
        [str(binary("hub-server")), "--port", "0", *args],
        stdout=log_file, stderr=subprocess.PIPE, text=True,
        env=env if env is not None else clean_env(CORS_ALLOWED_ORIGINS=ALLOWED_ORIGIN),
    )
    log_file.close()
    deadline = time.monotonic() + 15
    stderr_lines: list[str] = []
    assert process.stderr is not None
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        if not line:
            break
        stderr_lines.append(line)
        match = re.search(r"Serving on (http://([\d.]+):(\d+))", line)
        if match:
            return Server(process, match.group(1), match.group(2), int(match.group(3)), log_path, stderr_lines)
    process.kill()
    pytest.fail(f"hub-server did not start: {''.join(stderr_lines)}")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    srv = start_server(tmp_path_factory.mktemp("server"))
    yield srv
    assert srv.stop() == 0, "hub-server should exit 0 on SIGTERM"


@pytest.fixture()
def fresh_server(tmp_path: pathlib.Path):
    srv = start_server(tmp_path)
    yield srv
    if srv.process.poll() is None:
        srv.process.kill()
        srv.process.wait()
