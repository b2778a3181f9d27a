"""Request ids, security headers and CORS on every response, errors included."""

from __future__ import annotations

import re

import pytest
import requests

from conftest import ALLOWED_ORIGIN
from http_raw import exchange

SECURITY_HEADERS = {
    "Strict-Transport-Security": "max-age=63072000; includeSubDomains",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "Cross-Origin-Resource-Policy": "same-origin",
}
ULID = re.compile(r"^[0-7][0-9A-HJKMNP-TV-Z]{25}$")


def responses_of_every_kind(url: str) -> list[requests.Response]:
    return [
        requests.get(f"{url}/health", timeout=5),                                          # 200
        requests.get(f"{url}/missing", timeout=5),                                         # 404
        requests.put(f"{url}/version", timeout=5),                                         # 405
        requests.post(f"{url}/health", data="x", headers={"Content-Type": "text/plain"}, timeout=5),  # 415
        requests.post(f"{url}/health", data="{", headers={"Content-Type": "application/json"}, timeout=5),  # 400
        requests.options(f"{url}/health", headers={"Origin": ALLOWED_ORIGIN,
                                                   "Access-Control-Request-Method": "GET"}, timeout=5),  # 204
        requests.options(f"{url}/health", headers={"Origin": "https://evil.example",
                                                   "Access-Control-Request-Method": "GET"}, timeout=5),  # 403
    ]


def test_every_response_carries_security_headers_and_request_id(server):
    statuses = []
    for r in responses_of_every_kind(server.url):
        statuses.append(r.status_code)
        for name, value in SECURITY_HEADERS.items():
            assert r.headers.get(name) == value, (r.status_code, name)
        assert r.headers["Permissions-Policy"].startswith("accelerometer=()")
        assert "Server" not in r.headers
        assert "X-Powered-By" not in r.headers
        assert ULID.match(r.headers["X-Request-Id"])
        assert r.headers["X-Correlation-Id"] == r.headers["X-Request-Id"]
    assert statuses == [200, 404, 405, 415, 400, 204, 403]


def test_incoming_request_id_is_echoed(server):
    r = requests.get(f"{server.url}/health", headers={"X-Request-Id": "client-req-42"}, timeout=5)
    assert r.headers["X-Request-Id"] == "client-req-42"
    assert r.headers["X-Correlation-Id"] == "client-req-42"


@pytest.mark.parametrize("bad", ["has space", "x" * 129, "semi;colon", "<script>"])
def test_malformed_request_id_is_replaced(server, bad):
    r = requests.get(f"{server.url}/health", headers={"X-Request-Id": bad}, timeout=5)
    assert ULID.match(r.headers["X-Request-Id"])


def test_correlation_id_is_propagated(server):
    r = requests.get(f"{server.url}/missing", headers={"X-Correlation-Id": "flow-7"}, timeout=5)
    assert r.headers["X-Correlation-Id"] == "flow-7"
    assert r.json()["request_id"] == r.headers["X-Request-Id"] != "flow-7"


def test_cors_preflight_from_allowed_origin(server):
    r = requests.options(f"{server.url}/health", headers={
        "Origin": ALLOWED_ORIGIN, "Access-Control-Request-Method": "PUT",
        "Access-Control-Request-Headers": "authorization, content-type, if-match"}, timeout=5)
    assert r.status_code == 204
    assert r.content == b""
    assert r.headers["Access-Control-Allow-Origin"] == ALLOWED_ORIGIN
    assert "PUT" in r.headers["Access-Control-Allow-Methods"]
    assert "Authorization" in r.headers["Access-Control-Allow-Headers"]
    assert r.headers["Access-Control-Max-Age"] == "600"
    assert "Origin" in r.headers["Vary"]


@pytest.mark.parametrize("headers", [
    {"Origin": "https://evil.example", "Access-Control-Request-Method": "GET"},
    {"Origin": ALLOWED_ORIGIN + ".evil.example", "Access-Control-Request-Method": "GET"},
    {"Origin": ALLOWED_ORIGIN, "Access-Control-Request-Method": "TRACE"},
    {"Origin": ALLOWED_ORIGIN, "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "x-evil"},
])
def test_cors_preflight_refused(server, headers):
    r = requests.options(f"{server.url}/health", headers=headers, timeout=5)
    assert r.status_code == 403
    assert r.json()["code"] == "CORS_ORIGIN_DENIED"
    assert not [h for h in r.headers if h.lower().startswith("access-control-")]


def test_cors_simple_request(server):
    allowed = requests.get(f"{server.url}/health", headers={"Origin": ALLOWED_ORIGIN}, timeout=5)
    assert allowed.headers["Access-Control-Allow-Origin"] == ALLOWED_ORIGIN
    assert "X-Request-Id" in allowed.headers["Access-Control-Expose-Headers"]
    other = requests.get(f"{server.url}/health", headers={"Origin": "https://evil.example"}, timeout=5)
    assert other.status_code == 200
    assert "Access-Control-Allow-Origin" not in other.headers


def test_keep_alive_serves_several_requests_on_one_connection(server):
    with requests.Session() as s:
        ids = {s.get(f"{server.url}/health", timeout=5).headers["X-Request-Id"] for _ in range(5)}
    assert len(ids) == 5


def test_http_1_0_request_is_answered_and_closed(server):
    r = exchange(server.host, server.port, b"GET /version HTTP/1.0\r\n\r\n")
    assert r.status == 200
    assert r.json()["name"] == "innovation-hub-api"
