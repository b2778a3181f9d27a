"""The Lambda path: the real bootstrap-health binary served API Gateway v2 events by a Runtime API."""

from __future__ import annotations

import base64
import copy
import json
import os
import pathlib
import subprocess
import sys
import time

import pytest

from conftest import REPO, binary, clean_env, register_log
from fake_runtime_api import FakeRuntimeApi

VECTORS = pathlib.Path(os.environ.get("HUB_SHARED_DIR", REPO.parent / "shared")) / "vectors" / "apigw"
HTTP_EVENTS = sorted(p for p in VECTORS.glob("*.json") if "authorizer-v2-request" not in p.name)


def apigw_event(method: str, path: str, headers: dict | None = None, body: str | None = None,
                base64_body: bool = False, query: str = "") -> dict:
    event = json.loads((VECTORS / "apigw-v2-request-no-authorizer.json").read_text())
    event["rawPath"] = path
    event["rawQueryString"] = query
    event["requestContext"]["http"]["method"] = method
    event["requestContext"]["http"]["path"] = path
    event["headers"].update(headers or {})
    if body is not None:
        event["body"] = base64.b64encode(body.encode()).decode() if base64_body else body
        event["isBase64Encoded"] = base64_body
    return event


class Function:
    def __init__(self, api: FakeRuntimeApi, process: subprocess.Popen, log_path: pathlib.Path):
        self.api, self.process, self.log_path = api, process, log_path

    def log_lines(self) -> list[dict]:
        return [json.loads(line) for line in self.log_path.read_text().splitlines() if line.startswith("{")]


def start_function(tmp_path: pathlib.Path, command: list[str], **env: str) -> Function:
    api = FakeRuntimeApi().start()
    log_path = register_log(tmp_path / "function.log")
    with open(log_path, "w") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=clean_env(
            AWS_LAMBDA_RUNTIME_API=api.address, AWS_LAMBDA_FUNCTION_NAME="innovation-hub-health",
            AWS_LAMBDA_FUNCTION_MEMORY_SIZE="256", AWS_LAMBDA_FUNCTION_VERSION="$LATEST",
            **env))
    return Function(api, process, log_path)


@pytest.fixture()
def health_function(tmp_path):
    fn = start_function(tmp_path, [str(binary("bootstrap-health"))])
    yield fn
    fn.api.stop()
    fn.process.wait(timeout=10)


def test_aws_runtime_interface_client_accepts_the_fake_runtime_api(tmp_path):
    """AWS's own client (awslambdaric) round-trips through the fake: the fake speaks the real protocol."""
    (tmp_path / "handler.py").write_text(
        "def ok(event, context):\n"
        "    return {'statusCode': 200, 'body': event['rawPath'], 'rid': context.aws_request_id}\n"
        "def boom(event, context):\n"
        "    raise ValueError('boom')\n")
    for handler, kind in (("handler.ok", "response"), ("handler.boom", "error")):
        fn = start_function(tmp_path, [sys.executable, "-m", "awslambdaric", handler])
        try:
            outcome = fn.api.invoke(apigw_event("GET", "/ric"), timeout=30)
            assert outcome.kind == kind
            if kind == "response":
                assert outcome.json() == {"statusCode": 200, "body": "/ric", "rid": outcome.request_id}
            else:
                assert outcome.json()["errorType"] == "ValueError"
                assert outcome.json()["errorMessage"] == "boom"
        finally:
            fn.api.stop()
            fn.process.kill()
            fn.process.wait(timeout=10)


@pytest.fixture(autouse=True)
def _ric_needs_cwd(request, tmp_path, monkeypatch):
    # awslambdaric imports the handler module from the working directory.
    if request.node.name.startswith("test_aws_runtime_interface_client"):
        monkeypatch.chdir(tmp_path)
        monkeypatch.setenv("PYTHONPATH", str(tmp_path))


def test_health_event_gets_a_proxied_http_response(health_function):
    outcome = health_function.api.invoke(apigw_event("GET", "/health", {"X-Request-Id": "lambda-req-1"}))
    assert outcome.kind == "response"
    response = outcome.json()
    assert response["statusCode"] == 200
    assert response["isBase64Encoded"] is False
    headers = response["headers"]
    assert headers["Content-Type"] == "application/json"
    assert headers["X-Request-Id"] == "lambda-req-1"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Strict-Transport-Security"].startswith("max-age=")
    body = json.loads(response["body"])
    assert body["status"] == "ok"
    assert [(c["name"], c["status"]) for c in body["checks"]] == [("storage", "ok")], "the function reached the table"


def test_a_function_whose_storage_is_down_answers_503_inside_its_deadline(tmp_path):
    fn = start_function(tmp_path, [str(binary("bootstrap-health"))], AWS_ENDPOINT_URL="http://127.0.0.1:9",
                        HUB_HEALTH_TIMEOUT_MS="300")
    try:
        outcome = fn.api.invoke(apigw_event("GET", "/health"), timeout=20)
        assert outcome.kind == "response"
        response = outcome.json()
        assert response["statusCode"] == 503
        check = json.loads(response["body"])["checks"][0]
        assert check["name"] == "storage" and check["status"] == "failing"
        assert "cannot be reached" in check["detail"]
    finally:
        fn.api.stop()
        fn.process.wait(timeout=10)


def test_api_gateway_request_id_becomes_the_request_id(health_function):
    event = apigw_event("GET", "/version")
    response = health_function.api.invoke(event).json()
    assert response["statusCode"] == 200
    assert response["headers"]["X-Request-Id"] == event["requestContext"]["requestId"]
    assert json.loads(response["body"])["name"] == "innovation-hub-api"


def test_api_errors_are_normal_responses_not_invocation_errors(health_function):
    outcome = health_function.api.invoke(apigw_event("GET", "/nope"))
    assert outcome.kind == "response"
    response = outcome.json()
    assert response["statusCode"] == 404
    assert response["headers"]["Content-Type"] == "application/problem+json"
    assert json.loads(response["body"])["code"] == "NOT_FOUND"

    bad = health_function.api.invoke(apigw_event("POST", "/health", {"content-type": "application/json"},
                                                 body="eyJ9", base64_body=True))  # base64 of '{}' typo: "{}" -> "e30="
    assert bad.kind == "response"
    assert json.loads(bad.json()["body"])["code"] in ("MALFORMED_JSON", "METHOD_NOT_ALLOWED")


def test_base64_json_body_is_decoded(health_function):
    response = health_function.api.invoke(apigw_event("POST", "/health", {"content-type": "text/plain"},
                                                      body="hello", base64_body=True)).json()
    assert response["statusCode"] == 415
    assert "text/plain" in json.loads(response["body"])["detail"]


def test_body_over_the_limit_is_413(health_function):
    response = health_function.api.invoke(apigw_event("POST", "/health", {"content-type": "application/json"},
                                                      body='"' + "a" * 70000 + '"')).json()
    assert response["statusCode"] == 413


@pytest.mark.parametrize("fixture", HTTP_EVENTS, ids=lambda p: p.name)
def test_every_shared_apigw_fixture_is_served(health_function, fixture):
    outcome = health_function.api.invoke(fixture.read_text())
    assert outcome.kind == "response"
    response = outcome.json()
    assert response["statusCode"] in (404, 405, 415)  # the samples' paths are not ours
    assert response["headers"]["X-Request-Id"]


def test_a_broken_event_is_an_invocation_error_and_the_function_lives_on(health_function):
    broken = health_function.api.invoke(b"this is not json")
    assert broken.kind == "error"
    assert broken.json()["errorType"] == "Runtime.InvalidEvent"
    assert health_function.api.invoke(apigw_event("GET", "/health")).json()["statusCode"] == 200


def test_logs_carry_lambda_context_and_cold_start_once(health_function):
    first = health_function.api.invoke(apigw_event("GET", "/health"))
    second = health_function.api.invoke(apigw_event("GET", "/health"))
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        access = [l for l in health_function.log_lines() if l.get("message") == "request"]
        if len(access) >= 2:
            break
        time.sleep(0.05)
    by_invocation = {l["function_request_id"]: l for l in access}
    assert by_invocation[first.request_id]["cold_start"] is True
    assert by_invocation[second.request_id]["cold_start"] is False
    for line in access:
        assert line["function_name"] == "innovation-hub-health"
        assert line["function_memory_size"] == "256"
        assert line["xray_trace_id"].startswith("1-")
        assert line["service"] == "innovation-hub"
    emf = [l for l in health_function.log_lines() if "_aws" in l]
    assert emf, "EMF metrics are on by default inside Lambda"
    assert emf[0]["_aws"]["CloudWatchMetrics"][0]["Namespace"] == "InnovationHub"
    assert emf[0]["route"] == "GET /health"


def test_bad_configuration_is_an_init_error(tmp_path):
    fn = start_function(tmp_path, [str(binary("bootstrap-health"))], LOG_LEVEL="LOUD")
    try:
        assert fn.process.wait(timeout=10) != 0
        assert len(fn.api.init_errors) == 1
        error = fn.api.init_errors[0].json()
        assert error["errorType"] == "Runtime.ConfigError"
        assert "LOG_LEVEL" in error["errorMessage"]
        assert "LOUD" not in error["errorMessage"], "values are never echoed: they may be secrets"
    finally:
        fn.api.stop()


def test_a_ca_bundle_that_cannot_be_read_is_an_init_error(tmp_path):
    fn = start_function(tmp_path, [str(binary("bootstrap-health"))], HUB_CA_BUNDLE="/etc/pki/tls/certs/none.crt")
    try:
        assert fn.process.wait(timeout=10) != 0
        error = fn.api.init_errors[0].json()
        assert error["errorType"] == "Runtime.ConfigError"
        assert "HUB_CA_BUNDLE" in error["errorMessage"]
    finally:
        fn.api.stop()


def test_a_readable_ca_bundle_is_taken(tmp_path):
    bundle = tmp_path / "ca-bundle.crt"
    bundle.write_text(pathlib.Path("/etc/ssl/certs/ca-certificates.crt").read_text())
    fn = start_function(tmp_path, [str(binary("bootstrap-health"))], HUB_CA_BUNDLE=str(bundle))
    try:
        outcome = fn.api.invoke(apigw_event("GET", "/health"), timeout=30)
        assert outcome.kind == "response"
        assert outcome.json()["statusCode"] == 200
    finally:
        fn.api.stop()


def test_without_the_runtime_api_the_binary_refuses_to_run():
    result = subprocess.run([str(binary("bootstrap-health"))], env=clean_env(), capture_output=True,
                            text=True, timeout=10)
    assert result.returncode != 0
    assert "AWS_LAMBDA_RUNTIME_API" in result.stdout + result.stderr
