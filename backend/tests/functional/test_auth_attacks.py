"""The attack catalogue (jwt_forge.attack_catalogue) against every protected route of a running hub-server
and against the API Gateway Lambda authorizer of bootstrap-auth: each forged token is refused with 401
(or isAuthorized false), nothing is written, nothing is fetched from where a token points, and no token
reaches a log line."""

from __future__ import annotations

import json
import pathlib
import re
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from conftest import STORAGE_ENV, binary, clean_env, start_server
from jwt_forge import CLIENT_ID, KID, POOL_ID, SigningKey, attack_catalogue, good_token
from test_lambda import VECTORS, apigw_event, start_function
from test_seed import scan

REFETCH_SECONDS = 10


class CountingServer:
    """A loopback HTTP server answering every GET with `document` (404 when None), counting requests."""

    def __init__(self, document: dict | None):
        self.paths: list[str] = []
        counter = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                counter.paths.append(self.path)
                body = json.dumps(document).encode() if document is not None else b"{}"
                self.send_response(200 if document is not None else 404)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_POST = do_GET

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


KEY = SigningKey.generate(KID)
ATTACKER = SigningKey.generate("attacker-key")


@pytest.fixture(scope="module")
def jwks_server():
    srv = CountingServer(KEY.jwks())
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def canary():
    srv = CountingServer({"keys": [ATTACKER.jwk()]})
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def catalogue(canary) -> list[tuple[str, str]]:
    cases = attack_catalogue(KEY, ATTACKER, canary.url)
    assert len(cases) >= 40
    return cases


def auth_env(jwks_url: str, **extra: str) -> dict[str, str]:
    return clean_env(COGNITO_USER_POOL_ID=POOL_ID, COGNITO_APP_CLIENT_IDS=CLIENT_ID,
                     COGNITO_JWKS_URL=f"{jwks_url}/jwks.json", **extra)


@pytest.fixture(scope="module")
def auth_server(tmp_path_factory, jwks_server):
    started = time.monotonic()
    srv = start_server(tmp_path_factory.mktemp("auth-server"), auth_env(jwks_server.url))
    srv.started = started
    yield srv
    assert srv.stop() == 0


def call(url: str, method: str = "GET", token: str | None = None, body: bytes | None = None,
         headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, method=method, data=body, headers=dict(headers or {}))
    if token is not None:
        request.add_header("Authorization", f"Bearer {token}")
    if body is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def protected_operations(server_url: str) -> list[tuple[str, str]]:
    """(method, path) of every operation the served OpenAPI document says needs a bearer token."""
    status, _, body = call(f"{server_url}/openapi.json")
    assert status == 200
    operations = []
    for template, item in json.loads(body)["paths"].items():
        for method, operation in item.items():
            if operation.get("security"):
                path = re.sub(r"\{[^}]+\}", "0b5e8f3c-1d2a-4c6b-9e7f-5a4b3c2d1e0f", template)
                operations.append((method.upper(), path))
    return operations


def item_count() -> int:
    """Items in the session's table, rate-limit counters aside (every request counts in one)."""
    return sum(1 for item in scan(STORAGE_ENV["HUB_TABLE_NAME"]) if item.get("entity", {}).get("S") != "RATE_COUNTER")


def test_a_valid_token_opens_the_session_and_a_member_is_kept_from_admin_routes(auth_server):
    for kind in ("id", "access"):
        status, _, body = call(f"{auth_server.url}/auth/session", token=good_token(KEY, kind))
        assert status == 200, body
        session = json.loads(body)
        assert session["user_id"] == "0b5e8f3c-1d2a-4c6b-9e7f-5a4b3c2d1e0f"
        assert session["token_use"] == kind
        assert session["roles"] == ["member"]
    status, headers, body = call(f"{auth_server.url}/metrics", token=good_token(KEY))
    assert status == 403, body
    assert json.loads(body)["code"] == "FORBIDDEN"
    assert 'error="insufficient_scope"' in headers["WWW-Authenticate"]


def test_protected_routes_without_credentials_ask_for_a_bearer_token(auth_server):
    operations = protected_operations(auth_server.url)
    assert ("GET", "/auth/session") in operations and ("GET", "/metrics") in operations
    for method, path in operations:
        status, headers, body = call(f"{auth_server.url}{path}", method)
        assert status == 401, (method, path)
        assert headers["WWW-Authenticate"] == 'Bearer realm="innovation-hub"'
        assert headers["Content-Type"].startswith("application/problem+json")
        assert json.loads(body)["code"] == "UNAUTHENTICATED"


def test_a_token_in_the_query_string_or_a_cookie_is_not_a_credential(auth_server):
    token = good_token(KEY)
    status, _, _ = call(f"{auth_server.url}/auth/session?access_token={token}")
    assert status == 401
    status, _, _ = call(f"{auth_server.url}/auth/session", headers={"Cookie": f"access_token={token}"})
    assert status == 401


def test_every_protected_route_refuses_every_case_of_the_catalogue(auth_server, catalogue, canary, jwks_server):
    before = item_count()
    operations = protected_operations(auth_server.url)
    failures = []
    for name, token in catalogue:
        for method, path in operations:
            body = b"{}" if method in ("POST", "PUT", "PATCH") else None
            status, headers, answer = call(f"{auth_server.url}{path}", method, token=token, body=body)
            if status != 401 or not headers.get("WWW-Authenticate", "").startswith('Bearer realm="innovation-hub"'):
                failures.append(f"{name}: {method} {path} -> {status}")
            elif token and token in answer.decode(errors="replace"):
                failures.append(f"{name}: {method} {path} echoed the token")
    assert not failures, "\n".join(failures)
    assert canary.paths == [], "a token made the server fetch from where it pointed"
    assert item_count() == before, "a refused request wrote to the table"
    elapsed = time.monotonic() - auth_server.started
    allowed = 2 + int(elapsed // REFETCH_SECONDS)  # the fetch at start, then one per window at most
    assert 1 <= len(jwks_server.paths) <= allowed, (jwks_server.paths, elapsed)


def token_pieces(tokens: list[str]) -> set[str]:
    """Every part of every token long enough to be recognised in a log."""
    return {piece for token in tokens for piece in [token, *token.split(".")] if len(piece) > 16}


def test_no_token_reaches_the_logs(auth_server, catalogue):
    log = auth_server.log_path.read_text()
    assert log.count('"message":"authentication failed"') >= len(catalogue), "refusals should be logged"
    leaked = [piece for piece in token_pieces([t for _, t in catalogue] + [good_token(KEY)]) if piece in log]
    assert not leaked
    assert not re.search(r"(?i)bearer\s+ey", log)


def test_a_jwks_server_that_is_down_keeps_known_keys_working(tmp_path, canary):
    jwks = CountingServer(KEY.jwks())
    srv = start_server(tmp_path, auth_env(jwks.url))
    try:
        status, _, _ = call(f"{srv.url}/auth/session", token=good_token(KEY))
        assert status == 200
        jwks.stop()
        status, _, _ = call(f"{srv.url}/auth/session", token=good_token(KEY))
        assert status == 200, "a cached key stops working when its server goes away"
        unknown = SigningKey.generate("rotated-key")
        status, _, _ = call(f"{srv.url}/auth/session", token=good_token(unknown))
        assert status == 401, "a new key id must fail closed when the keys cannot be fetched"
    finally:
        srv.stop()


# The Lambda path: bootstrap-auth as API Gateway's Lambda authorizer (payload 2.0, simple responses).

def authorizer_event(token: str | None) -> dict:
    event = json.loads((VECTORS / "apigw-v2-custom-authorizer-v2-request.json").read_text())
    if token is not None:
        event["headers"]["authorization"] = f"Bearer {token}"
        event["identitySource"] = [f"Bearer {token}"]
    return event


@pytest.fixture(scope="module")
def auth_function(tmp_path_factory, jwks_server):
    cognito = {k: v for k, v in auth_env(jwks_server.url).items() if k.startswith("COGNITO_")}
    fn = start_function(tmp_path_factory.mktemp("auth-function"), [str(binary("bootstrap-auth"))], **cognito)
    yield fn
    fn.api.stop()
    fn.process.wait(timeout=10)


def test_the_authorizer_allows_a_valid_token_with_the_user_and_roles_as_context(auth_function):
    outcome = auth_function.api.invoke(authorizer_event(good_token(KEY)), timeout=30)
    assert outcome.kind == "response"
    assert outcome.json() == {"isAuthorized": True,
                              "context": {"user_id": "0b5e8f3c-1d2a-4c6b-9e7f-5a4b3c2d1e0f", "roles": "member"}}


def test_the_authorizer_refuses_every_case_of_the_catalogue(auth_function, catalogue, canary):
    refused = {}
    for name, token in [("no header", None), *catalogue]:
        outcome = auth_function.api.invoke(authorizer_event(token), timeout=30)
        assert outcome.kind == "response", name
        refused[name] = outcome.json()
    assert all(answer == {"isAuthorized": False} for answer in refused.values()), \
        {name: answer for name, answer in refused.items() if answer != {"isAuthorized": False}}
    assert canary.paths == []
    log = pathlib.Path(auth_function.log_path).read_text()
    assert not [piece for piece in token_pieces([t for _, t in catalogue]) if piece in log]
    assert not re.search(r"(?i)bearer\s+ey", log)


def test_protected_routes_of_a_function_refuse_every_case_through_the_lambda_path(tmp_path, jwks_server, catalogue,
                                                                                   canary):
    """The same catalogue as API Gateway events to bootstrap-health, whose GET /metrics is protected."""
    cognito = {k: v for k, v in auth_env(jwks_server.url).items() if k.startswith("COGNITO_")}
    fn = start_function(tmp_path, [str(binary("bootstrap-health"))], **cognito)
    try:
        answers = {}
        for name, token in catalogue:
            outcome = fn.api.invoke(apigw_event("GET", "/metrics", {"authorization": f"Bearer {token}"}), timeout=30)
            answers[name] = (outcome.json()["statusCode"],
                             outcome.json()["headers"].get("www-authenticate", outcome.json()["headers"].get(
                                 "WWW-Authenticate", "")))
        wrong = {name: answer for name, answer in answers.items()
                 if answer[0] != 401 or not answer[1].startswith('Bearer realm="innovation-hub"')}
        assert not wrong
        assert canary.paths == []
    finally:
        fn.api.stop()
        fn.process.wait(timeout=10)
