"""Start-up, configuration errors and graceful shutdown of hub-server; hubctl."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import time

import pytest
import requests

from conftest import binary, clean_env, start_server
from http_raw import read_response


def test_sigterm_finishes_a_request_in_flight(fresh_server):
    srv = fresh_server
    with socket.create_connection((srv.host, srv.port), timeout=10) as sock:
        # Head and half the body: the request is in flight when the signal arrives.
        sock.sendall(b"POST /health HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 12\r\n\r\n{\"a\":")
        time.sleep(0.2)
        srv.process.send_signal(signal.SIGTERM)
        time.sleep(0.3)
        assert srv.process.poll() is None, "the server must wait for the request in flight"
        sock.sendall(b" 12345}")
        r = read_response(sock)
    assert r.status == 405  # a complete, well-formed answer (the route only has GET)
    assert r.json()["code"] == "METHOD_NOT_ALLOWED"
    assert r.headers["connection"] == "close"
    assert srv.process.wait(timeout=10) == 0
    messages = [line["message"] for line in srv.log_lines()]
    assert "stopping: finishing requests in flight" in messages
    assert messages[-1] == "server stopped"


def test_sigint_closes_idle_keep_alive_connections_promptly(fresh_server):
    srv = fresh_server
    with requests.Session() as s:
        assert s.get(f"{srv.url}/health", timeout=5).status_code == 200  # leaves an idle connection
        started = time.monotonic()
        srv.process.send_signal(signal.SIGINT)
        assert srv.process.wait(timeout=10) == 0
        assert time.monotonic() - started < 5
    with pytest.raises(requests.ConnectionError):
        requests.get(f"{srv.url}/health", timeout=2)


def test_port_zero_picks_a_free_port_and_two_servers_coexist(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    a = start_server(tmp_path / "a")
    b = start_server(tmp_path / "b")
    try:
        assert a.port != b.port
        assert requests.get(f"{a.url}/health", timeout=5).ok
        assert requests.get(f"{b.url}/health", timeout=5).ok
    finally:
        assert a.stop() == 0
        assert b.stop() == 0


@pytest.mark.parametrize("env, names", [
    ({"LOG_LEVEL": "LOUD"}, ["LOG_LEVEL"]),
    ({"MAX_BODY_BYTES": "-5"}, ["MAX_BODY_BYTES"]),
    ({"CORS_ALLOWED_ORIGINS": "https://ok.example,not-an-origin"}, ["CORS_ALLOWED_ORIGINS"]),
    ({"HUB_SERVER_THREADS": "many", "HUB_ENV": "moon"}, ["HUB_SERVER_THREADS", "HUB_ENV"]),
    ({"HUB_TYPO_SETTING": "1"}, ["HUB_TYPO_SETTING"]),
])
def test_bad_configuration_refuses_to_start_and_names_the_variable(env, names):
    result = subprocess.run([str(binary("hub-server")), "--port", "0"], env=clean_env(**env),
                            capture_output=True, text=True, timeout=10)
    assert result.returncode == 2
    for name in names:
        assert name in result.stderr
    assert "expected" in result.stderr or "not a known setting" in result.stderr


def test_bad_flags_are_refused():
    result = subprocess.run([str(binary("hub-server")), "--port", "99999"], env=clean_env(),
                            capture_output=True, text=True, timeout=10)
    assert result.returncode == 2
    assert "--port" in result.stderr


def test_hubctl_version_and_openapi():
    version = subprocess.run([str(binary("hubctl")), "version"], capture_output=True, text=True, timeout=10)
    assert version.returncode == 0
    assert version.stdout.startswith("innovation-hub-api ")
    openapi = subprocess.run([str(binary("hubctl")), "openapi"], env=clean_env(),
                             capture_output=True, text=True, timeout=10)
    assert openapi.returncode == 0
    assert json.loads(openapi.stdout)["openapi"] == "3.1.0"


def test_hubctl_config_check():
    ok = subprocess.run([str(binary("hubctl")), "config", "check"], env=clean_env(LOG_LEVEL="debug"),
                        capture_output=True, text=True, timeout=10)
    assert ok.returncode == 0
    assert "LOG_LEVEL=DEBUG" in ok.stdout
    assert "AWS region us-east-1" in ok.stdout and "AWS credentials from environment" in ok.stdout
    no_region = clean_env()
    no_region.pop("AWS_REGION")
    missing = subprocess.run([str(binary("hubctl")), "config", "check"], env=no_region, capture_output=True,
                             text=True, timeout=10)
    assert missing.returncode == 1
    assert "AWS_REGION" in missing.stderr
    bad = subprocess.run([str(binary("hubctl")), "config", "check"], env=clean_env(MAX_BODY_BYTES="lots"),
                         capture_output=True, text=True, timeout=10)
    assert bad.returncode == 1
    assert "MAX_BODY_BYTES" in bad.stderr
    usage = subprocess.run([str(binary("hubctl")), "frobnicate"], capture_output=True, text=True, timeout=10)
    assert usage.returncode == 2
