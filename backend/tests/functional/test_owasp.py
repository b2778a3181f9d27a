"""OWASP API Security Top 10 (2023), checked against hub-server on the emulators with real tokens.

API2 (broken authentication) is test_auth_attacks.py: the forged, expired, re-signed, foreign and
malformed token catalogue against every protected route. API6, API7 and API10 have no surface here
(no business flows to abuse, no server-side fetch of caller URLs, no third-party APIs consumed).
Checks already made elsewhere are not repeated: the profile's own mass-assignment cases
(test_users.py), feedback fields the server sets (test_feedback.py), the two-server rate limit
(test_rate_limit.py), the security headers on the public routes (test_headers.py)."""

from __future__ import annotations

import json
import re

import pytest

from conftest import clean_env, start_server
from test_auth_attacks import call
from test_seed import jwt_claims, scan, seeded_world
from test_users import ADMIN, EDITOR, MEMBER, OTHER_MEMBER, token

KEY_ATTRIBUTES = ("PK", "SK", "GSI1PK", "GSI1SK", "entity", "version")
# A valid body of each writable operation, so that a refusal is about the one field a test adds.
VALID_BODIES = {
    ("PUT", "/users/profile"): {"display_name": "Kevin Ochieng"},
    ("PUT", "/users/preferences"): {"theme": "dark"},
    ("POST", "/feedback"): {"category": "idea", "message": "A map of water points."},
    ("PATCH", "/feedback/{id}"): {"status": "in_review"},
    ("POST", "/users/batch-get"): {"ids": ["0b5e8f3c-1d2a-4c6b-9e7f-5a4b3c2d1e0f"]},
    ("PUT", "/users/{id}/roles"): {"roles": ["member", "editor"]},
}
NOT_A_USER = "0b5e8f3c-1d2a-4c6b-9e7f-5a4b3c2d1e0f"


@pytest.fixture(scope="module")
def world(storage_table) -> dict[str, str]:
    return seeded_world("owasp")


@pytest.fixture(scope="module")
def api(tmp_path_factory, world):
    srv = start_server(tmp_path_factory.mktemp("owasp"), clean_env(**world))
    yield srv
    assert srv.stop() == 0


@pytest.fixture(scope="module")
def document(api) -> dict:
    status, _, body = call(f"{api.url}/openapi.json")
    assert status == 200
    return json.loads(body)


def send(api, world, method: str, path: str, who: str | None = None, body=None, headers=None):
    raw = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
    status, answer_headers, answer = call(f"{api.url}{path}", method, token(world, who) if who else None, raw,
                                          headers)
    try:
        parsed = json.loads(answer) if answer else None
    except ValueError:
        parsed = None
    return status, answer_headers, parsed


def stored(world) -> list[dict]:
    """The module's table, rate-limit counters aside (every request counts in one)."""
    items = [item for item in scan(world["HUB_TABLE_NAME"]) if item.get("entity", {}).get("S") != "RATE_COUNTER"]
    return sorted(items, key=lambda item: (item["PK"]["S"], item["SK"]["S"]))


def uid(world, email: str) -> str:
    return jwt_claims(token(world, email))["sub"]


def operations(document: dict):
    for template, item in document["paths"].items():
        for method, operation in item.items():
            if method != "parameters":
                yield method.upper(), template, operation


def concrete(template: str, world) -> str:
    return template.replace("{id}", uid(world, OTHER_MEMBER) if template.startswith("/users/") else NOT_A_USER)


def pointers(problem: dict) -> list[str]:
    return [error["pointer"] for error in (problem or {}).get("errors", [])]


# ---- API1 broken object level authorization -------------------------------------------------------------------


def test_api1_the_profile_routes_only_ever_serve_the_caller(api, world):
    for who in (MEMBER, OTHER_MEMBER):
        for path in ("/users/profile", "/users/preferences"):
            status, _, body = send(api, world, "GET", path, who)
            assert status == 200, (who, path)
        status, _, profile = send(api, world, "GET", "/users/profile", who)
        assert (profile["id"], profile["email"]) == (uid(world, who), who)
    # Another user's id in the query string selects nothing either.
    status, _, profile = send(api, world, "GET", f"/users/profile?id={uid(world, OTHER_MEMBER)}"
                                                 f"&user_id={uid(world, OTHER_MEMBER)}", MEMBER)
    assert status == 200 and profile["id"] == uid(world, MEMBER)


@pytest.mark.parametrize("field", ["id", "user_id", "email", "sub", "owner"])
def test_api1_a_body_naming_another_user_is_refused_and_changes_no_one(api, world, field):
    victim = uid(world, OTHER_MEMBER)
    _, _, before = send(api, world, "GET", "/users/profile", OTHER_MEMBER)
    value = OTHER_MEMBER if field == "email" else victim
    for path, body in (("/users/profile", {"display_name": "Mallory"}), ("/users/preferences", {"theme": "dark"})):
        status, _, problem = send(api, world, "PUT", path, MEMBER, body | {field: value})
        assert status == 400 and pointers(problem) == [f"/{field}"], (path, problem)
    _, _, after = send(api, world, "GET", "/users/profile", OTHER_MEMBER)
    assert after == before


def test_api1_members_reach_no_route_that_takes_another_users_id(api, world, document):
    victim = uid(world, OTHER_MEMBER)
    templated = [(method, template) for method, template, _ in operations(document) if "{id}" in template]
    assert templated, "the description has routes taking an id"
    for method, template in templated:
        path = template.replace("{id}", victim)
        status, _, _ = send(api, world, method, path, MEMBER, VALID_BODIES.get((method, template)))
        assert status == 403, (method, path)


def test_api1_feedback_of_another_member_cannot_be_read_or_changed(api, world):
    status, _, theirs = send(api, world, "POST", "/feedback", OTHER_MEMBER, VALID_BODIES[("POST", "/feedback")])
    assert status == 201
    for method, body in (("GET", None), ("PATCH", {"status": "dismissed"})):
        status, _, problem = send(api, world, method, f"/feedback/{theirs['id']}", MEMBER, body)
        assert status == 403 and problem["code"] == "FORBIDDEN", (method, problem)
    status, _, listing = send(api, world, "GET", "/feedback", MEMBER)
    assert status == 403
    _, _, again = send(api, world, "GET", f"/feedback/{theirs['id']}", ADMIN)
    assert again["status"] == "new" and again["version"] == theirs["version"]


def test_api1_own_activity_holds_only_the_callers_entries_and_their_cursors_are_theirs(api, world):
    # The other member changes things; the member's own listing shows none of it.
    for bio in ("one", "two", "three"):
        status, _, _ = send(api, world, "PUT", "/users/profile", OTHER_MEMBER, {"display_name": "Ayan", "bio": bio})
        assert status == 200
    status, _, mine = send(api, world, "GET", "/users/activity?limit=100", MEMBER)
    assert status == 200
    assert {entry["user_id"] for entry in mine["items"]} <= {uid(world, MEMBER)}
    status, _, theirs = send(api, world, "GET", "/users/activity?limit=1", OTHER_MEMBER)
    assert status == 200 and theirs["next_cursor"], "more than one entry: a next page"
    status, _, problem = send(api, world, "GET", f"/users/activity?limit=1&cursor={theirs['next_cursor']}", MEMBER)
    assert status == 400 and problem["code"] == "INVALID_CURSOR"


# ---- API3 broken object property level authorization (mass assignment) ----------------------------------------


def writable_operations(document: dict):
    """(method, template, request properties, read-only names): what each body may not carry is every
    property of the answer the request does not have, and the storage's key attributes."""
    schemas = document["components"]["schemas"]
    for method, template, operation in operations(document):
        if "requestBody" not in operation:
            continue
        request = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
        success = next(r for s, r in operation["responses"].items() if s.startswith("2"))
        response = success["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
        writable = set(schemas[request]["properties"])
        read_only = (set(schemas[response]["properties"]) - writable) | set(KEY_ATTRIBUTES)
        yield method, template, writable, sorted(read_only)


def test_api3_every_writable_body_refuses_read_only_and_key_attributes(api, world, document):
    seen = []
    status, _, feedback = send(api, world, "POST", "/feedback", MEMBER, VALID_BODIES[("POST", "/feedback")])
    assert status == 201
    before = stored(world)
    for method, template, _, read_only in writable_operations(document):
        seen.append((method, template))
        path = template.replace("{id}", feedback["id"] if template.startswith("/feedback") else uid(world, MEMBER))
        who = ADMIN if document["paths"][template][method.lower()].get("x-required-permission") in (
            "feedback:manage", "users:read", "users:manage-roles") else MEMBER
        for name in read_only:
            body = VALID_BODIES[(method, template)] | {name: "admin" if name != "version" else 99}
            status, _, problem = send(api, world, method, path, who, body)
            assert status == 400, (method, template, name, status)
            assert pointers(problem) == [f"/{name}"], (method, template, name, problem)
    assert stored(world) == before, "nothing of a refused body is stored"
    assert sorted(seen) == sorted(VALID_BODIES), "every writable operation of the description was tried"


# ---- API4 unrestricted resource consumption --------------------------------------------------------------------


def list_operations(document: dict):
    for method, template, operation in operations(document):
        if any(p["name"] == "limit" for p in operation.get("parameters", [])):
            yield method, template


def test_api4_pages_are_capped_at_100_and_default_to_20(api, world, document):
    listed = list(list_operations(document))
    assert len(listed) >= 4
    for method, template in listed:
        path = concrete(template, world)
        status, _, problem = send(api, world, method, f"{path}?limit=101", ADMIN)
        assert status == 400, (template, problem)
        for _ in range(3):  # more than a default page of feedback
            send(api, world, "POST", "/feedback", MEMBER, VALID_BODIES[("POST", "/feedback")])
    for _ in range(22):
        send(api, world, "POST", "/feedback", MEMBER, VALID_BODIES[("POST", "/feedback")])
    for method, template in listed:
        status, _, page = send(api, world, method, concrete(template, world), ADMIN)
        assert status == 200 and len(page["items"]) <= 20, template
    _, _, page = send(api, world, "GET", "/feedback", ADMIN)
    assert len(page["items"]) == 20 and page["next_cursor"], "more than 20 exist: the default page is 20"


def test_api4_bodies_over_the_limit_are_413_on_every_writable_route(api, world, document):
    huge = json.dumps({"display_name": "x" * 70_000}).encode()  # MAX_BODY_BYTES is 64 KiB
    for method, template, _, _ in writable_operations(document):
        status, _, problem = send(api, world, method, concrete(template, world), ADMIN, huge)
        assert status == 413 and problem["code"] == "PAYLOAD_TOO_LARGE", (method, template)


def test_api4_arrays_over_their_max_items_are_400(api, world, document):
    schemas = document["components"]["schemas"]
    checked = 0
    for method, template, operation in operations(document):
        if "requestBody" not in operation:
            continue
        request = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
        for name, prop in schemas[request]["properties"].items():
            if "maxItems" not in prop:
                continue
            too_many = [f"item{i}" for i in range(prop["maxItems"] + 1)]
            body = VALID_BODIES[(method, template)] | {name: too_many}
            status, _, problem = send(api, world, method, concrete(template, world), ADMIN, body)
            assert status == 400 and f"/{name}" in pointers(problem), (method, template, name, problem)
            checked += 1
    assert checked >= 4, "expertise, languages, ids and roles have a maximum"
    too_many_ids = [NOT_A_USER] * 100 + [uid(world, MEMBER)]
    status, _, problem = send(api, world, "POST", "/users/batch-get", ADMIN, {"ids": too_many_ids})
    assert status == 400 and "/ids" in pointers(problem)


def test_api4_the_rate_limit_answers_429(tmp_path, world):
    srv = start_server(tmp_path, clean_env(**world, HUB_RATE_LIMITS="auth-failure=100/1m,public=100/1m,read=3/1m,"
                                                                      "write=100/1m,feedback=100/1m"))
    try:
        statuses = [call(f"{srv.url}/users/profile", "GET", token(world, EDITOR))[0] for _ in range(6)]
    finally:
        assert srv.stop() == 0
    # The count lives in the module's table, which earlier requests of this minute may have added to.
    first_refusal = statuses.index(429)
    assert first_refusal <= 3 and set(statuses[:first_refusal]) <= {200}, statuses
    assert set(statuses[first_refusal:]) == {429}, statuses


# ---- API5 broken function level authorization ------------------------------------------------------------------

EXTRA_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


@pytest.mark.parametrize("who", [MEMBER, EDITOR])
def test_api5_no_verb_reaches_an_operation_the_caller_is_not_granted(api, world, document, who):
    status, _, session = send(api, world, "GET", "/auth/session", who)
    assert status == 200
    granted = set(session["permissions"])
    before = stored(world)
    refused = 0
    for template, item in document["paths"].items():
        declared = {m.upper(): op for m, op in item.items() if m != "parameters"}
        if all(op.get("x-required-permission") in granted or "x-required-permission" not in op
               for op in declared.values()):
            continue
        path = concrete(template, world)
        for method in sorted(set(declared) | set(EXTRA_METHODS)):
            operation = declared.get(method)
            if operation is not None and operation.get("x-required-permission", "") in granted | {""}:
                continue  # granted (POST /feedback beside the administrators' GET /feedback)
            body = VALID_BODIES.get((method, template), {"status": "resolved"} if method != "GET" else None)
            status, _, _ = send(api, world, method, path, who, body)
            assert not 200 <= status < 300, (who, method, template, status)
            if operation is None:
                assert status == 405, (who, method, template, status)
            else:
                assert status == 403, (who, method, template, status)
                refused += 1
    assert refused >= 5, "the administration operations were tried"
    assert stored(world) == before, "a refused call changes nothing"


# ---- API8 security misconfiguration ----------------------------------------------------------------------------

SECURITY_HEADERS = ("Strict-Transport-Security", "X-Content-Type-Options", "X-Frame-Options", "Content-Security-Policy",
                    "Referrer-Policy", "Cache-Control", "Cross-Origin-Resource-Policy", "Permissions-Policy")


def test_api8_every_answer_of_the_protected_api_is_hardened(api, world, tmp_path):
    answers = [
        send(api, world, "GET", "/users/profile", MEMBER),                                    # 200
        send(api, world, "GET", "/users/profile"),                                            # 401
        send(api, world, "GET", "/users", MEMBER),                                            # 403
        send(api, world, "GET", f"/users/{NOT_A_USER}", ADMIN),                               # 404
        send(api, world, "DELETE", "/users/profile", MEMBER),                                 # 405
        send(api, world, "PUT", "/users/profile", MEMBER, {"display_name": ""}),              # 400
        send(api, world, "PUT", "/users/profile", MEMBER, {"display_name": "K"}, {"If-Match": '"0"'}),  # 412
        send(api, world, "PUT", "/users/profile", MEMBER, b"{" + b" " * 70_000 + b"}"),       # 413
    ]
    limited = start_server(tmp_path, clean_env(**world, HUB_RATE_LIMITS="auth-failure=100/1m,public=1/1m,read=100/1m,"
                                                                          "write=100/1m,feedback=100/1m"))
    try:
        answers += [call(f"{limited.url}/health")[:2] + (None,) for _ in range(2)]         # 429 (at the latest)
    finally:
        assert limited.stop() == 0
    assert [status for status, _, _ in answers][:8] == [200, 401, 403, 404, 405, 400, 412, 413]
    assert answers[-1][0] == 429
    for status, headers, _ in answers:
        for name in SECURITY_HEADERS:
            assert name in headers, (status, name)
        assert "Server" not in headers and "X-Powered-By" not in headers, status


def test_api8_cors_does_not_echo_an_arbitrary_origin(api, world):
    for origin in ("https://evil.example", "null", "https://hub.igad.example.evil.example"):
        status, headers, _ = send(api, world, "GET", "/users/profile", MEMBER, headers={"Origin": origin})
        assert status == 200
        assert not [h for h in headers if h.lower().startswith("access-control-allow")], origin
        status, headers, _ = send(api, world, "OPTIONS", "/users/profile", headers={
            "Origin": origin, "Access-Control-Request-Method": "PUT",
            "Access-Control-Request-Headers": "authorization,content-type"})
        assert "Access-Control-Allow-Origin" not in headers, origin


# ---- API9 improper inventory management ------------------------------------------------------------------------

UNDOCUMENTED = ["/admin", "/admin/users", "/debug", "/debug/vars", "/users/export", "/users/all", "/users/me",
                "/internal/health", "/metrics/prometheus", "/v1/users/profile", "/api/users/profile", "/.env",
                "/swagger.json", "/openapi.yaml", "/graphql", "/feedback/export", "/users/profile/export",
                "/auth/token", "/auth/login", "/config", "/status", "/server-status"]


def test_api9_every_method_the_server_answers_on_a_documented_path_is_documented(api, world, document):
    for template, item in document["paths"].items():
        documented = {m.upper() for m in item if m != "parameters"}
        status, headers, _ = send(api, world, "TRACE", concrete(template, world), ADMIN)
        assert status == 405, template
        served = {m.strip() for m in headers["Allow"].split(",")} - {"HEAD"}
        assert served == documented, (template, served, documented)


@pytest.mark.parametrize("path", UNDOCUMENTED)
def test_api9_plausible_undocumented_paths_do_not_exist(api, world, document, path):
    assert path not in document["paths"]
    for method in ("GET", "POST"):
        status, _, problem = send(api, world, method, path, ADMIN, {} if method == "POST" else None)
        if re.fullmatch(r"/(users|feedback)/[^/]+", path):
            # /users/{id} and /feedback/{id}: an id nobody has (GET), a method they do not serve (POST).
            assert status == (404 if method == "GET" else 405), (method, path, status)
            continue
        assert status == 404 and problem["code"] == "NOT_FOUND", (method, path, status)
