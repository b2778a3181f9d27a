"""Every error leaves as RFC 9457 problem+json with a precise reason."""

from __future__ import annotations

import requests

from http_raw import exchange, read_response

PROBLEM_KEYS = {"type", "title", "status", "detail", "code", "request_id"}


def assert_problem(r: requests.Response, status: int, code: str) -> dict:
    assert r.status_code == status, r.text
    assert r.headers["Content-Type"] == "application/problem+json"
    body = r.json()
    assert PROBLEM_KEYS <= set(body)
    assert body["status"] == status
    assert body["code"] == code
    assert body["request_id"] == r.headers["X-Request-Id"]
    assert body["type"].startswith("urn:igad:innovation-hub:problem:")
    return body


def test_unknown_path_is_404_problem(server):
    body = assert_problem(requests.get(f"{server.url}/no/such/thing", timeout=5), 404, "NOT_FOUND")
    assert body["instance"] == "/no/such/thing"


def test_wrong_method_is_405_with_allow(server):
    r = requests.delete(f"{server.url}/health", timeout=5)
    assert_problem(r, 405, "METHOD_NOT_ALLOWED")
    assert r.headers["Allow"] == "GET, HEAD"


def test_malformed_json_is_400_with_position(server):
    r = requests.post(f"{server.url}/health", data='{\n  "a": 1,\n  "b": tru\n}',
                      headers={"Content-Type": "application/json"}, timeout=5)
    body = assert_problem(r, 400, "MALFORMED_JSON")
    assert "line 3" in body["detail"]
    assert "column" in body["detail"]


def test_body_with_wrong_content_type_is_415(server):
    r = requests.post(f"{server.url}/health", data="hello", headers={"Content-Type": "text/plain"}, timeout=5)
    body = assert_problem(r, 415, "UNSUPPORTED_MEDIA_TYPE")
    assert "text/plain" in body["detail"]


def test_body_without_content_type_is_415(server):
    r = exchange(server.host, server.port,
                 b"POST /health HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}")
    assert r.status == 415
    assert r.json()["code"] == "UNSUPPORTED_MEDIA_TYPE"


def test_declared_body_over_limit_is_413_without_reading_it(server):
    # Only the head is sent: the server must answer from Content-Length alone.
    r = exchange(server.host, server.port,
                 b"POST /health HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                 b"Content-Length: 70000\r\n\r\n")
    assert r.status == 413
    body = r.json()
    assert body["code"] == "PAYLOAD_TOO_LARGE"
    assert "65536" in body["detail"]
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["connection"] == "close"


def test_chunked_body_over_limit_is_413(server):
    import socket
    with socket.create_connection((server.host, server.port), timeout=10) as sock:
        sock.sendall(b"POST /health HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Transfer-Encoding: chunked\r\n\r\n")
        chunk = b"a" * 40000
        for _ in range(2):
            sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        r = read_response(sock)
    assert r.status == 413
    assert r.json()["code"] == "PAYLOAD_TOO_LARGE"


def test_body_at_limit_is_accepted_by_the_transport(server):
    body = b'"' + b"a" * (65536 - 2) + b'"'
    r = requests.post(f"{server.url}/health", data=body, headers={"Content-Type": "application/json"}, timeout=5)
    # The JSON is fine and within the limit; the route simply has no POST.
    assert_problem(r, 405, "METHOD_NOT_ALLOWED")


def test_oversized_head_is_431(server):
    r = exchange(server.host, server.port,
                 b"GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 20000 + b"\r\n\r\n")
    assert r.status == 431
    assert r.json()["code"] == "HEADERS_TOO_LARGE"
    assert r.headers["x-frame-options"] == "DENY"


def test_garbage_request_is_400(server):
    r = exchange(server.host, server.port, b"NOT HTTP AT ALL\r\n\r\n")
    assert r.status == 400
    assert r.json()["code"] == "BAD_REQUEST"


def test_query_parameters_do_not_break_routing(server):
    assert requests.get(f"{server.url}/health?verbose=1&x=%20y", timeout=5).status_code == 200
