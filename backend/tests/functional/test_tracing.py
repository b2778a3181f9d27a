"""X-Ray (AC-066): a real bootstrap function, served by a fake Runtime API that sends a trace
header, reports each DynamoDB call of a sampled invocation to a UDP "daemon" as an X-Ray
subsegment, and every log line of the invocation carries the trace id (docs/tracing.md)."""

from __future__ import annotations

import json
import re
import socket
import time

import pytest

from conftest import STORAGE_ENV, binary
from fake_runtime_api import new_trace_header
from test_lambda import Function, apigw_event, start_function

HEADER_LINE = b'{"format": "json", "version": 1}\n'
SEGMENT_ID = re.compile(r"^[0-9a-f]{16}$")


class Daemon:
    """A UDP socket on loopback standing in for the X-Ray daemon."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))

    @property
    def address(self) -> str:
        host, port = self.sock.getsockname()
        return f"{host}:{port}"

    def drain(self, wait: float = 0.5) -> list[bytes]:
        """Every datagram that arrived. A function sends its subsegments before it posts the
        response, so once invoke() has returned they are all here already."""
        datagrams = []
        self.sock.settimeout(wait)
        while True:
            try:
                datagrams.append(self.sock.recv(70_000))
            except socket.timeout:
                return datagrams

    def close(self) -> None:
        self.sock.close()


@pytest.fixture()
def daemon():
    d = Daemon()
    yield d
    d.close()


def traced_function(tmp_path, daemon: Daemon | None, **env: str) -> Function:
    if daemon is not None:
        env["AWS_XRAY_DAEMON_ADDRESS"] = daemon.address
    # Every /health checks the table (DescribeTable) instead of reusing the last check.
    return start_function(tmp_path, [str(binary("bootstrap-health"))], HUB_HEALTH_CACHE_MS="0", **env)


def stop(fn: Function) -> None:
    fn.api.stop()
    fn.process.wait(timeout=10)


def wait_until_polling(fn: Function) -> int:
    """Waits until the function has started (it asks for its first event) and returns how many log
    lines its start wrote: the lines after them belong to invocations."""
    deadline = time.monotonic() + 20
    while not fn.api.next_calls:
        assert fn.process.poll() is None, fn.log_path.read_text()
        assert time.monotonic() < deadline, "the function never asked for an event"
        time.sleep(0.02)
    return len(fn.log_path.read_text().splitlines())


def parse_trace(header: str) -> dict[str, str]:
    return dict(part.split("=", 1) for part in header.split(";"))


def test_a_sampled_invocation_sends_one_well_formed_subsegment_per_dynamodb_call(tmp_path, daemon):
    fn = traced_function(tmp_path, daemon)
    try:
        start_lines = wait_until_polling(fn)
        assert daemon.drain(0.2) == [], "nothing is traced outside an invocation"
        header = new_trace_header(sampled=True)
        trace = parse_trace(header)
        before = time.time()
        outcome = fn.api.invoke(apigw_event("GET", "/health"), trace_id=header)
        after = time.time()
        assert outcome.kind == "response" and outcome.json()["statusCode"] == 200
        datagrams = daemon.drain()
    finally:
        stop(fn)

    assert datagrams, "no subsegment reached the daemon"
    documents = []
    for datagram in datagrams:
        assert datagram.startswith(HEADER_LINE), datagram[:80]
        assert len(datagram) <= 64 * 1024
        documents.append(json.loads(datagram[len(HEADER_LINE):]))
    operations = [d["aws"]["operation"] for d in documents]
    assert "DescribeTable" in operations, operations  # GET /health's storage check
    ids = [d["id"] for d in documents]
    assert len(set(ids)) == len(ids), "each call is its own subsegment"
    for d in documents:
        assert d["type"] == "subsegment"
        assert SEGMENT_ID.match(d["id"]), d["id"]
        assert d["trace_id"] == trace["Root"]
        assert d["parent_id"] == trace["Parent"], "the function's segment is the parent"
        assert d["name"] == "DynamoDB"
        assert d["namespace"] == "aws"
        assert before - 1 <= d["start_time"] <= d["end_time"] <= after + 1
        assert d["aws"]["region"] == "us-east-1"
        assert d["aws"]["table_name"] == STORAGE_ENV["HUB_TABLE_NAME"]
        assert d["aws"]["retries"] == 0
        assert d["http"]["response"]["status"] == 200
        assert not any(d.get(flag) for flag in ("error", "throttle", "fault"))

    # Every line the invocation wrote (access log, EMF metrics, ...) carries its trace id.
    lines = [json.loads(l) for l in fn.log_path.read_text().splitlines()[start_lines:] if l.startswith("{")]
    invocation = [l for l in lines if l.get("function_request_id") == outcome.request_id]
    assert any(l.get("message") == "request" for l in invocation)
    assert any("_aws" in l for l in invocation), "the EMF line belongs to the invocation too"
    for line in lines:
        if line.get("message") == "Runtime API unavailable; exiting":
            continue  # written after stop(), between invocations
        assert line.get("xray_trace_id") == trace["Root"], line
        assert line.get("function_request_id") == outcome.request_id, line


@pytest.mark.parametrize("case", ["unsampled", "no-daemon-address", "tracing-off"])
def test_nothing_is_sent_unless_sampled_with_a_daemon_and_tracing_on(tmp_path, daemon, case):
    env = {"HUB_TRACING": "off"} if case == "tracing-off" else {}
    fn = traced_function(tmp_path, None if case == "no-daemon-address" else daemon, **env)
    try:
        header = new_trace_header(sampled=case != "unsampled")
        outcome = fn.api.invoke(apigw_event("GET", "/health"), trace_id=header)
        assert outcome.kind == "response" and outcome.json()["statusCode"] == 200
        assert daemon.drain() == []
        access = [l for l in fn.log_lines() if l.get("message") == "request"]
        assert access and access[-1]["xray_trace_id"] == parse_trace(header)["Root"], "logged all the same"
    finally:
        stop(fn)


def test_a_malformed_daemon_address_is_a_configuration_error(tmp_path):
    fn = start_function(tmp_path, [str(binary("bootstrap-health"))], AWS_XRAY_DAEMON_ADDRESS="udp:127.0.0.1")
    try:
        assert fn.process.wait(timeout=10) != 0
        assert len(fn.api.init_errors) == 1
        error = fn.api.init_errors[0].json()
        assert error["errorType"] == "Runtime.ConfigError"
        assert "AWS_XRAY_DAEMON_ADDRESS" in error["errorMessage"]
    finally:
        fn.api.stop()
