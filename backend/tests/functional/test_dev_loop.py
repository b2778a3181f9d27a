"""`make dev`'s loop (scripts/dev) run twice, as a person would: start it, use the API, Ctrl-C, start
it again. The data survives (the emulators outlive the loop): the same user signs in with the same id,
and their profile and activity are still there. The server's JSON lines are appended to a file across
both runs while the terminal shows one readable line per request.

Each run serves the binaries of HUB_BIN_DIR as they are (DEV_BUILD=0) and watches an empty folder, so
nothing is rebuilt; the emulators are the test's own (a private EMULATORS_STATE_DIR), stopped at the end."""

from __future__ import annotations

import json
import os
import pathlib
import re
import signal
import socket
import subprocess
import time
import uuid

import pytest

from conftest import BIN_DIR, REPO, register_log, register_token
from test_auth_attacks import call

START_TIMEOUT = 180  # moto's start, the table, the seed: seconds on a busy 2-core machine


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def emulators_env(state: pathlib.Path) -> dict[str, str]:
    env = {}
    for line in (state / "emulators.env").read_text().splitlines():
        match = re.match(r"^export ([A-Z_]+)=(.*)$", line)
        if match:
            env[match.group(1)] = match.group(2)
    return env


class DevLoop:
    def __init__(self, tmp_path: pathlib.Path) -> None:
        self.tmp = tmp_path
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.emulators = tmp_path / "emulators"
        self.state = tmp_path / "dev"
        register_log(self.state / "hub-server.jsonl")  # AC-052: no token reaches it
        watched = tmp_path / "watched"
        watched.mkdir()
        self.table = f"dev-loop-{os.getpid()}-{int(time.time())}"
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("HUB_", "AWS_", "COGNITO_", "EMULATOR", "DEV_", "CORS_", "LOG_", "POWERTOOLS_"))}
        env.update(EMULATORS_STATE_DIR=str(self.emulators), DEV_STATE_DIR=str(self.state),
                   DEV_BUILD_DIR=str(BIN_DIR.parent), DEV_BUILD="0", DEV_WATCH=str(watched),
                   HOST="127.0.0.1", PORT=str(self.port), HUB_TABLE_NAME=self.table, NO_COLOR="1")
        self.env = env
        self.process: subprocess.Popen | None = None
        self.runs = 0

    def output(self, run: int) -> str:
        return (self.tmp / f"dev-{run}.out").read_text(errors="replace")

    def start(self) -> None:
        self.runs += 1
        out = register_log(self.tmp / f"dev-{self.runs}.out")
        with open(out, "w") as sink:
            # Its own process group: the Ctrl-C below reaches the loop and everything it started in
            # the foreground, as a terminal's would.
            self.process = subprocess.Popen([str(REPO / "scripts" / "dev")], env=self.env, stdin=subprocess.DEVNULL,
                                            stdout=sink, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"scripts/dev exited:\n{self.output(self.runs)}"
            if "serves http://" in self.output(self.runs):
                return
            time.sleep(0.2)
        pytest.fail(f"scripts/dev did not serve within {START_TIMEOUT} s:\n{self.output(self.runs)}")

    def interrupt(self) -> int:
        assert self.process is not None
        os.killpg(self.process.pid, signal.SIGINT)
        code = self.process.wait(timeout=60)
        self.process = None
        return code

    def hubctl(self, *args: str) -> str:
        env = dict(self.env, **emulators_env(self.emulators))
        run = subprocess.run([str(BIN_DIR / "hubctl"), *args], env=env, capture_output=True, text=True, timeout=120)
        assert run.returncode == 0, run.stderr
        return run.stdout.strip()

    def token(self, *args: str) -> str:
        return register_token(self.hubctl("token", *args))

    def get(self, path: str, token: str) -> tuple[int, dict, dict]:
        status, headers, body = call(self.url + path, "GET", token)
        return status, headers, json.loads(body)

    def close(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=60)
        subprocess.run([str(REPO / "scripts" / "emulators"), "down"], env=self.env, capture_output=True, timeout=120)


@pytest.fixture
def dev(tmp_path):
    loop = DevLoop(tmp_path)
    yield loop
    loop.close()


def test_the_data_survives_a_restart_of_make_dev_and_the_logs_are_kept(dev):
    dev.start()
    assert "seeding the development data set" in dev.output(1)
    member = dev.token("--role", "member")
    status, headers, profile = dev.get("/users/profile", member)
    assert status == 200, profile
    name = f"Survivor {uuid.uuid4().hex[:8]}"
    status, _, body = call(dev.url + "/users/profile", "PUT", member,
                           json.dumps({"display_name": name, "country": "KE"}).encode(), {"If-Match": headers["ETag"]})
    assert status == 200, body
    status, _, activity = dev.get("/users/activity", member)
    assert status == 200 and activity["items"], activity

    dev.interrupt()  # Ctrl-C
    assert "the emulators keep running" in dev.output(1)
    running = subprocess.run([str(REPO / "scripts" / "emulators"), "status"], env=dev.env, capture_output=True,
                             text=True, timeout=60)
    assert re.search(r"^moto +running", running.stdout, re.MULTILINE), running.stdout

    dev.start()
    second = dev.output(2)
    assert "holds data from an earlier session" in second
    assert "seeding" not in second
    again = dev.token("--user", profile["email"])
    status, _, after = dev.get("/users/profile", again)
    assert status == 200, after
    assert after["id"] == profile["id"]  # the Cognito sub still matches the stored profile
    assert after["display_name"] == name
    status, _, activity_after = dev.get("/users/activity", again)
    assert status == 200
    assert [item["id"] for item in activity_after["items"]] == [item["id"] for item in activity["items"]]
    dev.interrupt()

    # The JSON lines of both runs, appended to one file; the terminal showed them readably.
    log = dev.state / "hub-server.jsonl"
    entries = [json.loads(line) for line in log.read_text().splitlines() if line.strip()]
    assert sum(1 for e in entries if e.get("message") == "listening") == 2
    assert any(e.get("message") == "request" and e.get("path") == "/users/profile" and e.get("status") == 200
               and e.get("user_id") == profile["id"] for e in entries)
    shown = dev.output(1)
    assert re.search(r"^\d\d:\d\d:\d\d\.\d{3} GET +/users/profile +200 +[\d.]+ m?s corr=\S+ user=\S+$", shown,
                     re.MULTILINE), shown
    assert re.search(r"^\d\d:\d\d:\d\d\.\d{3} PUT +/users/profile +200 ", shown, re.MULTILINE), shown
    assert not any(line.startswith("{") for line in shown.splitlines())  # no raw JSON on the terminal
