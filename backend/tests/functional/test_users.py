"""/users/...: profile, preferences, administration and activity, over HTTP against hub-server on the
emulators with real tokens from moto's Cognito, and through the Lambda path (bootstrap-users)."""

from __future__ import annotations

import concurrent.futures
import http.client
import json
import os
import time

import pytest

from conftest import binary, clean_env, start_server
from test_auth_attacks import call
from test_lambda import apigw_event, start_function
from test_seed import aws_client, hubctl, jwt_claims, seeded_world

MEMBER = "kevin.ochieng@shambaledger.example"
OTHER_MEMBER = "ayan.omar@cerd.example"
EDITOR = "daniel.bekele@eiar.example"
ADMIN = "hodan.farah@igad.example"
SECOND_ADMIN = "grace.kamau@icpac.example"
SEEDED_USERS = 12


@pytest.fixture(scope="module")
def world(storage_table) -> dict[str, str]:
    """A seeded table of this module's own and the environment trusting the local user pool."""
    return seeded_world("users")


_tokens: dict[tuple[str, ...], str] = {}


def token(world: dict[str, str], email: str, *extra: str) -> str:
    key = (email, *extra)
    if key not in _tokens:
        run = hubctl("token", "--user", email, *extra, **world)
        assert run.returncode == 0, run.stderr
        _tokens[key] = run.stdout.strip()
    return _tokens[key]


def user_id(world, email: str) -> str:
    return jwt_claims(token(world, email))["sub"]


@pytest.fixture(scope="module")
def api(tmp_path_factory, world):
    srv = start_server(tmp_path_factory.mktemp("users"), clean_env(**world))
    yield srv
    assert srv.stop() == 0


def send(api, method: str, path: str, who: str | None = None, world=None, body=None, headers=None):
    raw = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
    status, response_headers, payload = call(f"{api.url}{path}", method, token(world, who) if who else None, raw,
                                             headers)
    parsed = json.loads(payload) if payload else None
    return status, response_headers, parsed


def pointers(problem: dict) -> dict[str, str]:
    assert problem["code"] == "VALIDATION_FAILED", problem
    return {e["pointer"]: e["message"] for e in problem["errors"]}


FULL_PROFILE = {
    "display_name": "Kevin Ochieng",
    "given_name": "Kevin",
    "family_name": "Ochieng",
    "organisation": "ShambaLedger",
    "job_title": "Founder",
    "country": "KE",
    "bio": "Agritech founder.\nBuilding ledgers for smallholder farmers.",
    "expertise": ["agritech", "supply chains"],
    "languages": ["en", "sw-KE"],
    "avatar_url": "https://images.shambaledger.co.ke/kevin.png",
    "phone": "+254700123456",
}


# ---- profile -----------------------------------------------------------------------------------------


def test_the_profile_comes_with_an_etag_and_the_callers_roles(api, world):
    status, headers, profile = send(api, "GET", "/users/profile", MEMBER, world)
    assert status == 200, profile
    assert profile["id"] == user_id(world, MEMBER)
    assert profile["email"] == MEMBER
    assert profile["roles"] == ["member"]
    assert headers["ETag"] == f'"{profile["version"]}"'


def test_first_call_creates_the_profile_from_the_tokens_claims(api, world):
    """A user of the pool without a profile (signed up after seeding) gets one on first call."""
    # Users come from the seed: removing one profile (and its email guard) makes its owner a first-time caller.
    uid = user_id(world, OTHER_MEMBER)
    dynamodb = aws_client("dynamodb")
    dynamodb.delete_item(TableName=world["HUB_TABLE_NAME"], Key={"PK": {"S": f"USER#{uid}"}, "SK": {"S": "PROFILE"}})
    dynamodb.delete_item(TableName=world["HUB_TABLE_NAME"], Key={"PK": {"S": f"EMAIL#{OTHER_MEMBER}"},
                                                                 "SK": {"S": "EMAIL"}})
    status, headers, profile = send(api, "GET", "/users/profile", OTHER_MEMBER, world)
    assert status == 200, profile
    assert (profile["id"], profile["email"], profile["version"]) == (uid, OTHER_MEMBER, 1)
    assert profile["display_name"] == "ayan.omar"
    assert headers["ETag"] == '"1"'
    status, _, activity = send(api, "GET", "/users/activity", OTHER_MEMBER, world)
    assert status == 200
    assert activity["items"][0]["action"] == "profile.created"


def test_an_access_token_reads_the_same_profile(api, world):
    status, _, profile = send(api, "GET", "/users/profile", MEMBER, world)
    status_access, _, via_access = call(f"{api.url}/users/profile", "GET", token(world, MEMBER, "--access"))
    assert (status, status_access) == (200, 200)
    assert json.loads(via_access)["id"] == profile["id"]


def test_put_replaces_the_editable_fields_and_records_the_change(api, world):
    _, headers, before = send(api, "GET", "/users/profile", MEMBER, world)
    status, put_headers, after = send(api, "PUT", "/users/profile", MEMBER, world, FULL_PROFILE,
                                      {"If-Match": headers["ETag"]})
    assert status == 200, after
    assert after["version"] == before["version"] + 1
    assert put_headers["ETag"] == f'"{after["version"]}"'
    for name, value in FULL_PROFILE.items():
        assert after[name] == value, name
    assert (after["id"], after["email"], after["created_at"]) == (before["id"], before["email"], before["created_at"])
    status, _, activity = send(api, "GET", "/users/activity", MEMBER, world)
    assert status == 200
    newest = activity["items"][0]
    assert newest["action"] == "profile.updated"
    assert newest["request_id"] == put_headers["X-Request-Id"]
    assert "display_name" in newest["summary"] and "phone" in newest["summary"]


def test_fields_left_out_of_a_put_are_cleared_and_an_unchanged_put_keeps_the_version(api, world):
    status, _, full = send(api, "PUT", "/users/profile", MEMBER, world, FULL_PROFILE)
    assert status == 200
    status, _, same = send(api, "PUT", "/users/profile", MEMBER, world, FULL_PROFILE)
    assert status == 200 and same["version"] == full["version"], "nothing changed: nothing stored"
    status, _, cleared = send(api, "PUT", "/users/profile", MEMBER, world, {"display_name": "Kevin O."})
    assert status == 200
    assert cleared["version"] == full["version"] + 1
    assert cleared["expertise"] == [] and cleared["languages"] == []
    for name in ("given_name", "bio", "phone", "avatar_url", "country"):
        assert name not in cleared, name


def test_if_match_guards_the_update(api, world):
    _, headers, current = send(api, "GET", "/users/profile", MEMBER, world)
    stale = f'"{current["version"] - 1}"'
    for if_match in (stale, f'W/{headers["ETag"]}', '"not-a-version"', '"999999"'):
        status, _, problem = send(api, "PUT", "/users/profile", MEMBER, world, FULL_PROFILE, {"If-Match": if_match})
        assert status == 412, if_match
        assert problem["code"] == "PRECONDITION_FAILED"
    status, _, _ = send(api, "PUT", "/users/profile", MEMBER, world, dict(FULL_PROFILE, bio="one"),
                        {"If-Match": f'"1", {headers["ETag"]}'})
    assert status == 200, "a list matches when one tag does"
    status, _, _ = send(api, "PUT", "/users/profile", MEMBER, world, dict(FULL_PROFILE, bio="two"), {"If-Match": "*"})
    assert status == 200
    status, _, _ = send(api, "PUT", "/users/profile", MEMBER, world, dict(FULL_PROFILE, bio="three"),
                        {"If-Match": headers["ETag"]})
    assert status == 412, "the tag read before the two updates is stale now"


@pytest.fixture(scope="module")
def atomic_api(tmp_path_factory, world):
    """hub-server on DynamoDB Local, whose conditional writes are atomic as DynamoDB's are (moto's are not:
    docs/data-model.md), with Cognito still from moto."""
    from test_emulators import emulator_url  # noqa: PLC0415 - skips or fails as that module decides
    table = f"users-atomic-{os.getpid()}-{int(time.time())}"
    env = world | {"HUB_TABLE_NAME": table, "AWS_ENDPOINT_URL_DYNAMODB": emulator_url("EMULATOR_DYNAMODB_LOCAL_URL")}
    run = hubctl("table", "create", **env)
    assert run.returncode == 0, run.stderr
    srv = start_server(tmp_path_factory.mktemp("atomic"), clean_env(**env))
    yield srv
    assert srv.stop() == 0


def test_concurrent_updates_lose_nothing_and_a_lost_race_is_a_409(atomic_api, world):
    status, _, start = send(atomic_api, "GET", "/users/profile", MEMBER, world)
    assert status == 200 and start["version"] == 1, "created on first call"

    def put(i: int):
        return send(atomic_api, "PUT", "/users/profile", MEMBER, world, dict(FULL_PROFILE, bio=f"writer {i}"))

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        results = list(pool.map(put, range(24)))
    statuses = [status for status, _, _ in results]
    assert set(statuses) <= {200, 409}, statuses
    for status, _, body in results:
        if status == 409:
            assert body["code"] == "VERSION_CONFLICT" and body["current_version"] > start["version"]
    _, _, end = send(atomic_api, "GET", "/users/profile", MEMBER, world)
    assert end["version"] == start["version"] + statuses.count(200), "every 200 is one stored version"
    _, _, activity = send(atomic_api, "GET", "/users/activity?limit=100", MEMBER, world)
    updates = [entry for entry in activity["items"] if entry["action"] == "profile.updated"]
    assert len(updates) == statuses.count(200), "one activity entry per stored change"


def test_every_bad_field_is_reported_at_once(api, world):
    body = {
        "display_name": "   ",
        "given_name": "",
        "country": "XX",
        "bio": "bell\u0007",
        "expertise": ["water", "water", "x" * 51],
        "languages": ["english", "sw-KE"],
        "avatar_url": "http://images.example.org/a.png",
        "phone": "0700123456",
        "nickname": "kev",
    }
    status, headers, problem = send(api, "PUT", "/users/profile", MEMBER, world, body)
    assert status == 400
    assert headers["Content-Type"] == "application/problem+json"
    assert problem["request_id"] == headers["X-Request-Id"]
    assert pointers(problem) == {
        "/display_name": "must not be blank",
        "/given_name": "must not be empty",
        "/country": "must be an ISO 3166-1 alpha-2 country code such as KE",
        "/bio": "must not contain control characters other than tab and line breaks",
        "/expertise/1": "repeats item 0",
        "/expertise/2": "must be at most 50 characters",
        "/languages/0": "must be a BCP 47 language tag such as sw or sw-KE",
        "/avatar_url": "must be an https URL on a public host name (no IP addresses or local-only names)",
        "/phone": "must be an E.164 phone number such as +254700123456",
        "/nickname": "is not a known field",
    }


@pytest.mark.parametrize("url", [
    "https://127.0.0.1/a.png", "https://10.0.0.8/a.png", "https://169.254.169.254/latest/meta-data",
    "https://[::1]/a.png", "https://localhost/a.png", "https://printer.local/a.png",
    "https://metadata.google.internal/", "https://router.home.arpa/x", "https://user:pw@images.example.org/",
    "https://0x7f000001/", "https://2130706433/", "ftp://images.example.org/a.png", "javascript:alert(1)",
])
def test_avatar_urls_must_be_public_https(api, world, url):
    status, _, problem = send(api, "PUT", "/users/profile", MEMBER, world, {"display_name": "K", "avatar_url": url})
    assert status == 400, url
    assert "/avatar_url" in pointers(problem)


@pytest.mark.parametrize("field", ["id", "email", "roles", "version", "created_at", "updated_at", "PK", "SK",
                                   "GSI1PK", "entity", "user_id", "expires_at"])
def test_mass_assignment_of_read_only_and_key_attributes_is_refused(api, world, field):
    _, _, before = send(api, "GET", "/users/profile", MEMBER, world)
    status, _, problem = send(api, "PUT", "/users/profile", MEMBER, world,
                              {"display_name": "Mallory", field: ["admin"] if field == "roles" else "x"})
    assert status == 400
    assert pointers(problem) == {f"/{field}": "is not a known field"}
    _, _, after = send(api, "GET", "/users/profile", MEMBER, world)
    assert after == before, "nothing of a refused body is stored"


def test_lengths_are_counted_in_characters_not_bytes(api, world):
    status, _, profile = send(api, "PUT", "/users/profile", MEMBER, world, {"display_name": "é" * 100})
    assert status == 200 and profile["display_name"] == "é" * 100
    status, _, profile = send(api, "PUT", "/users/profile", MEMBER, world, {"display_name": "🌍" * 100})
    assert status == 200, "100 characters of 4 bytes each"
    status, _, problem = send(api, "PUT", "/users/profile", MEMBER, world, {"display_name": "é" * 101})
    assert status == 400 and pointers(problem) == {"/display_name": "must be at most 100 characters"}


@pytest.mark.parametrize("raw, code", [
    (b'{"display_name": "caf\xe9"}', "MALFORMED_JSON"),       # Latin-1, not UTF-8
    (b'{"display_name": "\xed\xa0\x80"}', "MALFORMED_JSON"),  # an encoded surrogate
    (b'{"display_name": "x"', "MALFORMED_JSON"),
    (b'["display_name"]', "VALIDATION_FAILED"),
    (b'null', "VALIDATION_FAILED"),
])
def test_malformed_bodies_are_400(api, world, raw, code):
    status, _, problem = send(api, "PUT", "/users/profile", MEMBER, world, raw)
    assert status == 400 and problem["code"] == code


def test_a_body_that_is_not_json_is_415_and_a_missing_one_400(api, world):
    connection = http.client.HTTPConnection(api.host, api.port, timeout=10)
    connection.request("PUT", "/users/profile", b"display_name=x", {
        "Authorization": f"Bearer {token(world, MEMBER)}", "Content-Type": "application/x-www-form-urlencoded"})
    response = connection.getresponse()
    assert response.status == 415 and json.loads(response.read())["code"] == "UNSUPPORTED_MEDIA_TYPE"
    connection.close()
    status, _, problem = send(api, "PUT", "/users/profile", MEMBER, world)
    assert status == 400 and pointers(problem) == {"": "a JSON body is required"}


# ---- preferences --------------------------------------------------------------------------------------


def test_preferences_start_as_the_documented_defaults(api, world):
    status, headers, prefs = send(api, "GET", "/users/preferences", EDITOR, world)
    assert status == 200
    if prefs["version"] == 0:
        assert prefs == {"language": "en", "timezone": "Africa/Nairobi", "theme": "system", "version": 0,
                         "notifications": {"email": True, "in_app": True, "digest": "weekly"}}
        assert headers["ETag"] == '"0"'


def test_preferences_are_saved_with_if_match_and_defaults_fill_what_is_left_out(api, world):
    _, headers, current = send(api, "GET", "/users/preferences", MEMBER, world)
    body = {"language": "sw", "timezone": "Africa/Addis_Ababa", "theme": "dark",
            "notifications": {"email": False, "in_app": True, "digest": "daily"}}
    status, put_headers, saved = send(api, "PUT", "/users/preferences", MEMBER, world, body,
                                      {"If-Match": headers["ETag"]})
    assert status == 200, saved
    assert saved["version"] == current["version"] + 1 and put_headers["ETag"] == f'"{saved["version"]}"'
    assert {k: saved[k] for k in body} == body
    status, _, _ = send(api, "PUT", "/users/preferences", MEMBER, world, body, {"If-Match": headers["ETag"]})
    assert status == 412
    status, _, partial = send(api, "PUT", "/users/preferences", MEMBER, world, {"theme": "light"})
    assert status == 200
    assert (partial["language"], partial["timezone"], partial["theme"]) == ("en", "Africa/Nairobi", "light")
    _, _, activity = send(api, "GET", "/users/activity", MEMBER, world)
    assert activity["items"][0]["action"] == "preferences.updated"


def test_bad_preferences_are_each_reported(api, world):
    status, _, problem = send(api, "PUT", "/users/preferences", MEMBER, world,
                              {"language": "de", "timezone": "Mars/Olympus_Mons", "theme": "neon",
                               "notifications": {"email": "yes", "digest": "hourly"}, "user_id": "someone"})
    assert status == 400
    assert pointers(problem) == {
        "/language": "must be one of: en, fr, ar, sw, am, so",
        "/timezone": "must be an IANA time zone name such as Africa/Nairobi",
        "/theme": "must be one of: light, dark, system",
        "/notifications/email": "must be a boolean, not a string",
        "/notifications/in_app": "is required",
        "/notifications/digest": "must be one of: off, daily, weekly",
        "/user_id": "is not a known field",
    }


# ---- activity -----------------------------------------------------------------------------------------


def test_own_activity_is_newest_first_and_paginated(api, world):
    for i in range(3):
        send(api, "PUT", "/users/profile", MEMBER, world, dict(FULL_PROFILE, bio=f"page {i}"))
    seen, cursor = [], None
    while True:
        query = "?limit=2" + (f"&cursor={cursor}" if cursor else "")
        status, _, page = send(api, "GET", f"/users/activity{query}", MEMBER, world)
        assert status == 200 and len(page["items"]) <= 2
        seen += page["items"]
        cursor = page.get("next_cursor")
        if not cursor:
            break
    ids = [entry["id"] for entry in seen]
    assert len(ids) == len(set(ids)) >= 3
    assert ids == sorted(ids, reverse=True), "ULIDs sort by time: newest first"
    assert {entry["user_id"] for entry in seen} == {user_id(world, MEMBER)}


@pytest.mark.parametrize("query, pointer", [("limit=0", "/query/limit"), ("limit=101", "/query/limit"),
                                            ("limit=ten", "/query/limit")])
def test_bad_paging_parameters_are_400(api, world, query, pointer):
    status, _, problem = send(api, "GET", f"/users/activity?{query}", MEMBER, world)
    assert status == 400 and problem["code"] == "INVALID_PARAMETER"
    assert [e["pointer"] for e in problem["errors"]] == [pointer]


def test_a_forged_cursor_is_400_invalid_cursor(api, world):
    _, _, page = send(api, "GET", "/users/activity?limit=1", MEMBER, world)
    cursor = page["next_cursor"]
    for forged in (cursor[:-2] + ("AA" if not cursor.endswith("AA") else "BB"), "garbage", "x" * 3000):
        status, _, problem = send(api, "GET", f"/users/activity?limit=1&cursor={forged}", MEMBER, world)
        assert status == 400 and problem["code"] == "INVALID_CURSOR", forged[:20]
    status, _, problem = send(api, "GET", f"/users/activity?limit=1&cursor={cursor}", OTHER_MEMBER, world)
    assert status == 400 and problem["code"] == "INVALID_CURSOR", "a cursor of another user's listing"


# ---- administration -----------------------------------------------------------------------------------


def test_admins_page_through_the_directory(api, world):
    seen, cursor = [], None
    while True:
        status, _, page = send(api, "GET", "/users?limit=5" + (f"&cursor={cursor}" if cursor else ""), ADMIN, world)
        assert status == 200 and len(page["items"]) <= 5
        seen += page["items"]
        cursor = page.get("next_cursor")
        if not cursor:
            break
    ids = [user["id"] for user in seen]
    assert len(ids) == len(set(ids)) >= SEEDED_USERS - 1
    created = [user["created_at"] for user in seen]
    assert created == sorted(created), "oldest first"
    by_email = {user["email"]: user for user in seen}
    assert by_email[ADMIN]["roles"] == ["admin", "member"]
    assert by_email[EDITOR]["roles"] == ["editor", "member"]
    assert by_email[MEMBER]["roles"] == ["member"]


def test_the_directory_filters_by_role(api, world):
    status, _, page = send(api, "GET", "/users?role=editor&limit=100", ADMIN, world)
    assert status == 200
    assert all("editor" in user["roles"] for user in page["items"])
    assert EDITOR in {user["email"] for user in page["items"]}
    status, _, everyone = send(api, "GET", "/users?role=member&limit=100", ADMIN, world)
    assert status == 200 and len(everyone["items"]) >= SEEDED_USERS - 1
    status, _, problem = send(api, "GET", "/users?role=superuser", ADMIN, world)
    assert status == 400 and problem["errors"][0]["pointer"] == "/query/role"


def test_admins_read_one_user_and_unknown_ids_are_404(api, world):
    status, headers, profile = send(api, "GET", f"/users/{user_id(world, EDITOR)}", ADMIN, world)
    assert status == 200 and profile["email"] == EDITOR and profile["roles"] == ["editor", "member"]
    assert headers["ETag"] == f'"{profile["version"]}"'
    for unknown in ("0b5e8f3c-1d2a-4c6b-9e7f-5a4b3c2d1e0f", "x" * 300):
        status, _, problem = send(api, "GET", f"/users/{unknown}", ADMIN, world)
        assert status == 404 and problem["code"] == "USER_NOT_FOUND"


def test_batch_get_reads_up_to_100_users_in_order(api, world):
    ids = [user_id(world, e) for e in (EDITOR, ADMIN, MEMBER)] + ["0b5e8f3c-1d2a-4c6b-9e7f-5a4b3c2d1e0f"]
    status, _, result = send(api, "POST", "/users/batch-get", ADMIN, world, {"ids": ids})
    assert status == 200, result
    assert [user["id"] for user in result["users"]] == ids[:3]
    assert result["missing"] == ids[3:]
    many = [f"id-{i}" for i in range(100)]
    status, _, result = send(api, "POST", "/users/batch-get", ADMIN, world, {"ids": many})
    assert status == 200 and result["missing"] == many


@pytest.mark.parametrize("body, pointer", [
    ({"ids": []}, "/ids"), ({"ids": [f"id-{i}" for i in range(101)]}, "/ids"), ({"ids": ["a", "a"]}, "/ids/1"),
    ({"ids": [""]}, "/ids/0"), ({"ids": "a"}, "/ids"), ({}, "/ids"), ({"ids": ["a"], "limit": 5}, "/limit"),
])
def test_batch_get_bodies_are_validated(api, world, body, pointer):
    status, _, problem = send(api, "POST", "/users/batch-get", ADMIN, world, body)
    assert status == 400 and pointer in pointers(problem)


def test_admins_assign_roles_and_they_apply_at_once(api, world):
    member_id = user_id(world, OTHER_MEMBER)
    status, _, session = send(api, "GET", "/auth/session", OTHER_MEMBER, world)
    assert session["roles"] == ["member"]
    status, _, result = send(api, "PUT", f"/users/{member_id}/roles", ADMIN, world, {"roles": ["editor"]})
    assert status == 200, result
    assert result == {"user_id": member_id, "roles": ["editor", "member"], "granted": ["editor"], "revoked": [],
                      "groups_in_step": True}
    status, _, session = send(api, "GET", "/auth/session", OTHER_MEMBER, world)
    assert session["roles"] == ["editor", "member"], "this process forgot the cached roles"
    _, _, activity = send(api, "GET", "/users/activity", ADMIN, world)
    newest = activity["items"][0]
    assert (newest["action"], newest["target"]) == ("roles.changed", member_id)
    status, _, result = send(api, "PUT", f"/users/{member_id}/roles", ADMIN, world, {"roles": []})
    assert status == 200 and result["revoked"] == ["editor"] and result["roles"] == ["member"]


def test_role_bodies_and_targets_are_validated(api, world):
    member_id = user_id(world, MEMBER)
    status, _, problem = send(api, "PUT", f"/users/{member_id}/roles", ADMIN, world,
                              {"roles": ["owner", "admin", "admin"]})
    assert status == 400
    assert pointers(problem) == {"/roles/0": "must be one of: admin, editor, member", "/roles/2": "repeats item 1"}
    status, _, problem = send(api, "PUT", "/users/0b5e8f3c-1d2a-4c6b-9e7f-5a4b3c2d1e0f/roles", ADMIN, world,
                              {"roles": ["editor"]})
    assert status == 404 and problem["code"] == "USER_NOT_FOUND"


def test_the_last_admin_cannot_remove_their_own_admin_role(api, world):
    first, second = user_id(world, ADMIN), user_id(world, SECOND_ADMIN)
    status, _, result = send(api, "PUT", f"/users/{second}/roles", SECOND_ADMIN, world, {"roles": []})
    assert status == 200 and result["revoked"] == ["admin"], "another admin remains"
    try:
        status, _, problem = send(api, "PUT", f"/users/{first}/roles", ADMIN, world, {"roles": ["editor"]})
        assert status == 409 and problem["code"] == "LAST_ADMIN"
        status, _, session = send(api, "GET", "/auth/session", ADMIN, world)
        assert "admin" in session["roles"]
    finally:
        status, _, _ = send(api, "PUT", f"/users/{second}/roles", ADMIN, world, {"roles": ["admin"]})
        assert status == 200


def test_admins_read_anyones_activity_and_members_do_not(api, world):
    member_id = user_id(world, MEMBER)
    status, _, activity = send(api, "GET", f"/users/{member_id}/activity?limit=5", ADMIN, world)
    assert status == 200 and activity["items"]
    assert {entry["user_id"] for entry in activity["items"]} == {member_id}
    status, _, _ = send(api, "GET", f"/users/{user_id(world, ADMIN)}/activity", MEMBER, world)
    assert status == 403


ADMIN_OPERATIONS = [("GET", "/users"), ("GET", "/users/{id}"), ("POST", "/users/batch-get"),
                    ("PUT", "/users/{id}/roles"), ("GET", "/users/{id}/activity")]


@pytest.mark.parametrize("who", [MEMBER, EDITOR])
def test_non_admins_cannot_reach_administration(api, world, who):
    target = user_id(world, ADMIN)
    for method, template in ADMIN_OPERATIONS:
        body = {"ids": [target]} if method == "POST" else {"roles": ["admin"]} if method == "PUT" else None
        status, headers, problem = send(api, method, template.replace("{id}", target), who, world, body)
        assert status == 403, (method, template)
        assert problem["code"] == "FORBIDDEN" and 'error="insufficient_scope"' in headers["WWW-Authenticate"]
    status, _, session = send(api, "GET", "/auth/session", who, world)
    assert "admin" not in session["roles"], "the attempt changed nothing"


def test_every_users_route_needs_a_token(api, world):
    for method, path in [("GET", "/users/profile"), ("PUT", "/users/profile"), ("GET", "/users/preferences"),
                         ("PUT", "/users/preferences"), ("GET", "/users/activity")] + ADMIN_OPERATIONS:
        status, headers, problem = send(api, method, path.replace("{id}", "x"), body={} if method != "GET" else None)
        assert status == 401, (method, path)
        assert headers["WWW-Authenticate"] == 'Bearer realm="innovation-hub"'


# ---- the Lambda path ----------------------------------------------------------------------------------


def test_bootstrap_users_serves_the_same_routes(tmp_path, world):
    env = {k: v for k, v in world.items() if k.startswith(("COGNITO_", "HUB_"))}
    fn = start_function(tmp_path, [str(binary("bootstrap-users"))], **env)
    try:
        auth = {"authorization": f"Bearer {token(world, EDITOR)}"}
        outcome = fn.api.invoke(apigw_event("GET", "/users/profile", auth), timeout=30).json()
        assert outcome["statusCode"] == 200, outcome
        profile = json.loads(outcome["body"])
        headers = {k.lower(): v for k, v in outcome["headers"].items()}
        assert profile["email"] == EDITOR and headers["etag"] == f'"{profile["version"]}"'
        body = json.dumps({"display_name": "Daniel B.", "country": "ET"})
        outcome = fn.api.invoke(apigw_event("PUT", "/users/profile", auth | {
            "content-type": "application/json", "if-match": f'"{profile["version"]}"'}, body), timeout=30).json()
        assert outcome["statusCode"] == 200, outcome
        assert json.loads(outcome["body"])["version"] == profile["version"] + 1
        outcome = fn.api.invoke(apigw_event("PUT", "/users/profile", auth | {
            "content-type": "application/json", "if-match": f'"{profile["version"]}"'}, body), timeout=30).json()
        assert outcome["statusCode"] == 412
        outcome = fn.api.invoke(apigw_event("GET", "/users", auth), timeout=30).json()
        assert outcome["statusCode"] == 403
        outcome = fn.api.invoke(apigw_event("GET", "/health"), timeout=30).json()
        assert outcome["statusCode"] == 404, "health is another function's route"
    finally:
        fn.api.stop()
        fn.process.wait(timeout=10)
