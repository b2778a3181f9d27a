"""GET /health's storage check and hub-server's AWS settings, against the emulators of the run."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import time

import requests

from conftest import binary, clean_env, start_server, register_secret


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_health_checks_the_table(server, storage_table):
    body = requests.get(f"{server.url}/health", timeout=5).json()
    assert body["status"] == "ok"
    assert [(c["name"], c["status"]) for c in body["checks"]] == [("storage", "ok")]
    assert body["checks"][0]["duration_ms"] >= 0


def test_a_missing_table_makes_health_503_with_the_reason(tmp_path):
    srv = start_server(tmp_path, clean_env(HUB_TABLE_NAME="no-such-table"))
    try:
        r = requests.get(f"{srv.url}/health", timeout=10)
        assert r.status_code == 503
        check = r.json()["checks"][0]
        assert check["status"] == "failing"
        assert check["detail"] == "Table no-such-table does not exist."
    finally:
        srv.stop()


def test_unreachable_storage_answers_503_within_the_health_budget(tmp_path):
    srv = start_server(tmp_path, clean_env(AWS_ENDPOINT_URL=f"http://127.0.0.1:{closed_port()}",
                                           HUB_HEALTH_TIMEOUT_MS="500"))
    try:
        started = time.monotonic()
        r = requests.get(f"{srv.url}/health", timeout=10)
        took = time.monotonic() - started
        assert r.status_code == 503
        detail = r.json()["checks"][0]["detail"]
        assert "cannot be reached (connection_failed)" in detail
        assert "127.0.0.1" not in detail, "the endpoint is for the logs, not for clients"
        assert took < 5, "the check is bounded by HUB_HEALTH_TIMEOUT_MS, not by the retry count"
        logged = [line for line in srv.log_lines() if line.get("message") == "storage check failed"]
        assert logged and "could not connect to http://127.0.0.1:" in logged[0]["aws_error"]
    finally:
        srv.stop()


def test_hub_server_refuses_to_start_without_a_region(tmp_path):
    env = clean_env()
    env.pop("AWS_REGION", None)
    env["HOME"] = str(tmp_path)  # no ~/.aws/config to fall back on
    r = subprocess.run([str(binary("hub-server")), "--port", "0"], env=env, capture_output=True, text=True,
                       timeout=30)
    assert r.returncode == 2
    assert "AWS_REGION" in r.stderr


def test_hub_server_refuses_to_start_with_a_malformed_endpoint(tmp_path):
    r = subprocess.run([str(binary("hub-server")), "--port", "0"], env=clean_env(AWS_ENDPOINT_URL="ftp://x"),
                       capture_output=True, text=True, timeout=30)
    assert r.returncode == 2
    assert "AWS_ENDPOINT_URL" in r.stderr


def test_hubctl_table_create_is_idempotent_and_describe_shows_the_indexes(storage_table):
    env = clean_env()
    again = subprocess.run([str(binary("hubctl")), "table", "create"], env=env, capture_output=True, text=True,
                           timeout=60)
    assert again.returncode == 0, again.stderr
    assert f"table {storage_table} already exists" in again.stdout
    described = subprocess.run([str(binary("hubctl")), "table", "describe"], env=env, capture_output=True,
                               text=True, timeout=60)
    assert described.returncode == 0, described.stderr
    assert "status ACTIVE" in described.stdout
    assert "index GSI1 ACTIVE" in described.stdout and "index GSI2 ACTIVE" in described.stdout


def test_hubctl_table_create_names_an_unreachable_endpoint(tmp_path):
    url = f"http://127.0.0.1:{closed_port()}"
    r = subprocess.run([str(binary("hubctl")), "table", "create"], env=clean_env(AWS_ENDPOINT_URL=url,
                       HUB_AWS_CONNECT_TIMEOUT_MS="200"), capture_output=True, text=True, timeout=90)
    assert r.returncode == 1
    assert f"could not connect to {url}" in r.stderr


def moto(service: str, target: str, body: dict) -> dict:
    """Calls moto directly (it does not check signatures) to set up secrets and parameters."""
    endpoint = clean_env()["AWS_ENDPOINT_URL"]
    r = requests.post(endpoint + "/", data=json.dumps(body), timeout=10, headers={
        "X-Amz-Target": target, "Content-Type": "application/x-amz-json-1.1",
        "Authorization": f"AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/{service}/aws4_request, "
                         "SignedHeaders=host, Signature=00"})
    assert r.status_code == 200, r.text
    return r.json()


def test_the_pagination_key_can_live_in_secrets_manager(tmp_path):
    name = f"hub/pagination-{os.getpid()}-{time.time_ns()}"
    key = register_secret(f"pagination-key-in-secrets-manager-{time.time_ns()}")
    moto("secretsmanager", "secretsmanager.CreateSecret",
         {"Name": name, "SecretString": json.dumps({"signing_key": key})})
    srv = start_server(tmp_path, clean_env(HUB_PAGINATION_KEY=f"secretsmanager:{name}#signing_key"))
    try:
        assert requests.get(f"{srv.url}/health", timeout=5).status_code == 200
    finally:
        srv.stop()
    assert key not in srv.log_path.read_text(), "the secret is never logged"


def test_the_pagination_key_can_live_in_ssm(tmp_path):
    name = f"/hub/test/pagination-{os.getpid()}-{time.time_ns()}"
    moto("ssm", "AmazonSSM.PutParameter", {"Name": name, "Value": register_secret(f"pagination-key-in-ssm-{time.time_ns()}"),
                                   "Type": "SecureString"})
    srv = start_server(tmp_path, clean_env(HUB_PAGINATION_KEY=f"ssm:{name}"))
    srv.stop()


def test_a_secret_that_cannot_be_read_stops_the_start(tmp_path):
    r = subprocess.run([str(binary("hub-server")), "--port", "0"],
                       env=clean_env(HUB_PAGINATION_KEY="secretsmanager:hub/no-such-secret"),
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 2
    assert "HUB_PAGINATION_KEY names secretsmanager:hub/no-such-secret, which cannot be read: resource_not_found" \
        in r.stderr
