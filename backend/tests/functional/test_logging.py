"""Access logs: one JSON line per request, Powertools field names, no secrets."""

from __future__ import annotations

import time

import requests

SECRET_TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzZWNyZXQtdXNlciJ9.c2lnbmF0dXJlLXNlY3JldA"


def wait_for_lines(server, predicate, timeout=5.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        lines = [line for line in server.log_lines() if predicate(line)]
        if lines:
            return lines
        time.sleep(0.05)
    raise AssertionError("expected log line not written")


def test_access_log_line_per_request(server):
    r = requests.get(f"{server.url}/health", headers={"X-Correlation-Id": "corr-access-log"}, timeout=5)
    request_id = r.headers["X-Request-Id"]
    lines = wait_for_lines(server, lambda l: l.get("request_id") == request_id)
    assert len(lines) == 1
    line = lines[0]
    assert line["level"] == "INFO"
    assert line["message"] == "request"
    assert line["service"] == "innovation-hub"
    assert line["method"] == "GET"
    assert line["route"] == "/health"
    assert line["status"] == 200
    assert line["duration_ms"] >= 0
    assert line["correlation_id"] == "corr-access-log"
    assert line["location"].startswith("access_log.cpp:")
    assert line["timestamp"].endswith("Z")


def test_secrets_never_reach_the_log(server):
    secrets = [SECRET_TOKEN, "session=super-secret-cookie", "hunter2-api-key"]
    r = requests.get(f"{server.url}/missing?token={SECRET_TOKEN}", headers={
        "Authorization": f"Bearer {SECRET_TOKEN}",
        "Cookie": "session=super-secret-cookie",
        "X-Api-Key": "hunter2-api-key",
    }, timeout=5)
    assert r.status_code == 404
    wait_for_lines(server, lambda l: l.get("request_id") == r.headers["X-Request-Id"])
    text = server.log_path.read_text()
    for secret in secrets:
        assert secret not in text
    assert SECRET_TOKEN not in r.text
