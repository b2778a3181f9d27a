"""Feedback end to end: members of the seeded local user pool send feedback with real Cognito tokens,
administrators list, read and triage it, over HTTP to hub-server and through the Lambda path to
bootstrap-users, against the emulators. Activity entries are read back from the table."""

from __future__ import annotations

import concurrent.futures
import json

import pytest

from conftest import binary, clean_env, start_server
from test_auth_attacks import call
from test_lambda import apigw_event, start_function
from test_seed import aws_client, hubctl, jwt_claims, seeded_world

SUBMISSION = {"category": "bug", "message": "The drought map stays blank on 3G.", "rating": 3,
              "page": "/resources/drought-bulletins"}


@pytest.fixture(scope="module")
def signed_in(storage_table) -> dict[str, str]:
    """A seeded table of this module's own, and the environment that trusts the local user pool."""
    return seeded_world("feedback")


@pytest.fixture(scope="module")
def tokens(signed_in) -> dict[str, str]:
    out = {}
    for role in ("member", "admin"):
        run = hubctl("token", "--role", role, **signed_in)
        assert run.returncode == 0, run.stderr
        out[role] = run.stdout.strip()
    return out


@pytest.fixture(scope="module")
def api(tmp_path_factory, signed_in):
    srv = start_server(tmp_path_factory.mktemp("feedback"), clean_env(**signed_in))
    yield srv
    assert srv.stop() == 0


def send(api, method: str, path: str, token: str | None, body: dict | bytes | None = None,
         headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], dict]:
    data = json.dumps(body).encode() if isinstance(body, dict) else body
    status, answer_headers, answer = call(f"{api.url}{path}", method, token=token, body=data, headers=headers)
    return status, answer_headers, json.loads(answer) if answer else {}


def submit(api, tokens, **fields) -> dict:
    status, headers, body = send(api, "POST", "/feedback", tokens["member"], SUBMISSION | fields)
    assert status == 201, body
    return body


def pointers(problem: dict) -> list[str]:
    return [e["pointer"] for e in problem.get("errors", [])]


def activity_of(table: str, user_id: str) -> list[dict]:
    items = aws_client("dynamodb").query(
        TableName=table, KeyConditionExpression="PK = :pk AND begins_with(SK, :sk)",
        ExpressionAttributeValues={":pk": {"S": f"USER#{user_id}"}, ":sk": {"S": "ACTIVITY#"}},
        ConsistentRead=True)["Items"]
    return [{k: next(iter(v.values())) for k, v in item.items()} for item in items]


# ---- POST /feedback --------------------------------------------------------------------------------------

def test_a_member_sends_feedback_and_it_is_recorded_in_their_activity(api, tokens, signed_in):
    status, headers, body = send(api, "POST", "/feedback", tokens["member"], SUBMISSION)
    assert status == 201, body
    member = jwt_claims(tokens["member"])["sub"]
    assert body["user_id"] == member
    assert {k: body[k] for k in SUBMISSION} == SUBMISSION
    assert body["status"] == "new" and body["version"] == 1 and "admin_note" not in body
    assert headers["Location"] == f"/feedback/{body['id']}"
    assert headers["ETag"] == '"1"'
    entries = [e for e in activity_of(signed_in["HUB_TABLE_NAME"], member) if e.get("target") == body["id"]]
    assert len(entries) == 1, entries
    assert entries[0]["action"] == "feedback.submitted"
    assert entries[0]["summary"] == "Reported a bug"
    assert entries[0]["request_id"] == headers["X-Request-Id"]


def test_fields_the_server_sets_are_refused_by_pointer(api, tokens):
    status, _, problem = send(api, "POST", "/feedback", tokens["member"],
                              SUBMISSION | {"user_id": "someone-else", "status": "resolved", "id": "01M482KKWGYPNTBY15VX1P9531",
                                            "version": 9})
    assert status == 400, problem
    assert problem["code"] == "VALIDATION_FAILED"
    assert sorted(pointers(problem)) == ["/id", "/status", "/user_id", "/version"]


@pytest.mark.parametrize("field, value, message", [
    ("category", "rant", "must be one of: bug, idea, question, praise, other"),
    ("message", "", "must not be empty"),
    ("message", "é" * 5001, "must be at most 5000 characters"),
    ("rating", 0, "must be at least 1"),
    ("rating", 6, "must be at most 5"),
    ("rating", 4.5, "must be an integer in range"),
    ("page", "https://elsewhere.example/x", None),
    ("page", "//elsewhere.example/x", None),
    ("page", "/" + "p" * 2048, "must be at most 2048 characters"),
])
def test_each_bad_field_is_named_with_its_pointer(api, tokens, field, value, message):
    status, _, problem = send(api, "POST", "/feedback", tokens["member"], SUBMISSION | {field: value})
    assert status == 400, problem
    assert problem["code"] == "VALIDATION_FAILED"
    assert pointers(problem) == [f"/{field}"]
    if message:
        assert problem["errors"][0]["message"] == message


def test_every_bad_field_is_reported_at_once(api, tokens):
    status, _, problem = send(api, "POST", "/feedback", tokens["member"],
                              {"category": "rant", "message": "", "rating": 9, "page": "nowhere"})
    assert status == 400, problem
    assert pointers(problem) == ["/category", "/message", "/rating", "/page"]


def test_a_message_of_5000_characters_is_accepted(api, tokens):
    body = submit(api, tokens, message="é" * 5000, category="idea")
    assert len(body["message"]) == 5000


def test_bodies_that_are_not_json_objects_are_refused(api, tokens):
    status, _, problem = send(api, "POST", "/feedback", tokens["member"], b'{"category":"bug","message":"\xff"}')
    assert status == 400 and problem["code"] == "MALFORMED_JSON", problem
    status, _, problem = send(api, "POST", "/feedback", tokens["member"], b"[]")
    assert status == 400 and pointers(problem) == [""], problem
    status, _, problem = send(api, "POST", "/feedback", tokens["member"], b'{"message":"' + b"x" * 70_000 + b'"}')
    assert status == 413 and problem["code"] == "PAYLOAD_TOO_LARGE", problem


# ---- who may do what ---------------------------------------------------------------------------------------

def test_without_a_token_every_feedback_route_is_401(api, tokens):
    feedback_id = submit(api, tokens)["id"]
    for method, path, body in (("POST", "/feedback", SUBMISSION), ("GET", "/feedback", None),
                               ("GET", f"/feedback/{feedback_id}", None),
                               ("PATCH", f"/feedback/{feedback_id}", {"status": "resolved"})):
        status, headers, problem = send(api, method, path, None, body)
        assert status == 401, (method, path)
        assert problem["code"] == "UNAUTHENTICATED"
        assert headers["WWW-Authenticate"].startswith("Bearer")


def test_a_member_cannot_read_or_manage_feedback(api, tokens):
    feedback_id = submit(api, tokens)["id"]
    for method, path, body in (("GET", "/feedback", None), ("GET", f"/feedback/{feedback_id}", None),
                               ("PATCH", f"/feedback/{feedback_id}", {"status": "dismissed"})):
        status, _, problem = send(api, method, path, tokens["member"], body)
        assert status == 403, (method, path)
        assert problem["code"] == "FORBIDDEN"
    status, _, body = send(api, "GET", f"/feedback/{feedback_id}", tokens["admin"])
    assert status == 200 and body["status"] == "new" and body["version"] == 1


# ---- GET /feedback/{id} and PATCH ------------------------------------------------------------------------

def test_unknown_feedback_is_404(api, tokens):
    for feedback_id in ("01M482KKWGYPNTBY15VX1P9999", "not-an-id"):
        status, _, problem = send(api, "GET", f"/feedback/{feedback_id}", tokens["admin"])
        assert status == 404 and problem["code"] == "FEEDBACK_NOT_FOUND", problem
        status, _, problem = send(api, "PATCH", f"/feedback/{feedback_id}", tokens["admin"], {"status": "resolved"})
        assert status == 404 and problem["code"] == "FEEDBACK_NOT_FOUND", problem


def test_an_admin_triages_feedback_with_if_match_and_it_is_recorded(api, tokens, signed_in):
    feedback_id = submit(api, tokens)["id"]
    status, headers, body = send(api, "GET", f"/feedback/{feedback_id}", tokens["admin"])
    assert status == 200 and headers["ETag"] == '"1"'

    status, headers, body = send(api, "PATCH", f"/feedback/{feedback_id}", tokens["admin"],
                                 {"status": "in_review", "admin_note": "Reproduced on 3G."}, {"If-Match": '"1"'})
    assert status == 200, body
    assert body["status"] == "in_review" and body["admin_note"] == "Reproduced on 3G." and body["version"] == 2
    assert headers["ETag"] == '"2"'

    admin = jwt_claims(tokens["admin"])["sub"]
    entries = [e for e in activity_of(signed_in["HUB_TABLE_NAME"], admin) if e.get("target") == feedback_id]
    assert [(e["action"], e["summary"]) for e in entries] == [
        ("feedback.status_changed", "Moved feedback from new to in_review")]
    assert entries[0]["request_id"] == headers["X-Request-Id"]


def test_the_same_if_match_twice_is_412_the_second_time(api, tokens):
    feedback_id = submit(api, tokens)["id"]
    first = send(api, "PATCH", f"/feedback/{feedback_id}", tokens["admin"], {"status": "resolved"}, {"If-Match": '"1"'})
    assert first[0] == 200, first
    status, _, problem = send(api, "PATCH", f"/feedback/{feedback_id}", tokens["admin"], {"status": "dismissed"},
                              {"If-Match": '"1"'})
    assert status == 412 and problem["code"] == "PRECONDITION_FAILED", problem
    for if_match in ('W/"2"', "2", '"3", "4"'):
        status, _, problem = send(api, "PATCH", f"/feedback/{feedback_id}", tokens["admin"], {"status": "dismissed"},
                                  {"If-Match": if_match})
        assert status == 412, (if_match, problem)
    status, _, body = send(api, "GET", f"/feedback/{feedback_id}", tokens["admin"])
    assert body["status"] == "resolved" and body["version"] == 2
    status, headers, body = send(api, "PATCH", f"/feedback/{feedback_id}", tokens["admin"], {"status": "new"},
                                 {"If-Match": '"9", "2"'})
    assert status == 200 and headers["ETag"] == '"3"', body
    status, headers, body = send(api, "PATCH", f"/feedback/{feedback_id}", tokens["admin"], {"status": "dismissed"},
                                 {"If-Match": "*"})
    assert status == 200 and headers["ETag"] == '"4"', body


def test_racing_admins_with_the_same_if_match_one_wins_and_the_others_are_told(api, tokens):
    """However the requests interleave: one change wins; each other one is 412 (it read the winner's
    version) or 409 VERSION_CONFLICT (it read the same version and lost the write)."""
    feedback_id = submit(api, tokens)["id"]

    def patch(i: int):
        return send(api, "PATCH", f"/feedback/{feedback_id}", tokens["admin"],
                    {"status": "in_review", "admin_note": f"note {i}"}, {"If-Match": '"1"'})

    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(patch, range(8)))
    statuses = sorted(status for status, _, _ in answers)
    assert statuses.count(200) == 1, statuses
    assert set(statuses) - {200} <= {409, 412}, statuses
    for status, _, problem in answers:
        if status == 409:
            assert problem["code"] == "VERSION_CONFLICT" and problem["current_version"] == 2
    status, _, body = send(api, "GET", f"/feedback/{feedback_id}", tokens["admin"])
    assert body["version"] == 2


def test_racing_admins_without_if_match_never_lose_a_change_silently(api, tokens):
    """Without a precondition each change is applied or refused as 409; none is lost without a word."""
    feedback_id = submit(api, tokens)["id"]

    def patch(i: int):
        return send(api, "PATCH", f"/feedback/{feedback_id}", tokens["admin"],
                    {"status": "in_review", "admin_note": f"note {i}"})[0]

    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(patch, range(16)))
    assert set(statuses) <= {200, 409}, statuses
    status, _, body = send(api, "GET", f"/feedback/{feedback_id}", tokens["admin"])
    assert body["version"] == 1 + statuses.count(200)


def test_a_status_change_body_is_validated(api, tokens):
    feedback_id = submit(api, tokens)["id"]
    status, _, problem = send(api, "PATCH", f"/feedback/{feedback_id}", tokens["admin"],
                              {"status": "closed", "admin_note": "n" * 2001, "message": "rewritten"})
    assert status == 400 and problem["code"] == "VALIDATION_FAILED", problem
    assert pointers(problem) == ["/message", "/status", "/admin_note"]


# ---- GET /feedback ----------------------------------------------------------------------------------------

def page_through(api, token: str, query: str) -> tuple[list[dict], int]:
    items, pages, cursor = [], 0, None
    while True:
        path = f"/feedback?{query}" + (f"&cursor={cursor}" if cursor else "")
        status, _, body = send(api, "GET", path, token)
        assert status == 200, body
        pages += 1
        items += body["items"]
        if "next_cursor" not in body:
            return items, pages
        cursor = body["next_cursor"]
        assert pages < 100


def test_25_new_items_page_through_by_10_newest_first_without_duplicates(api, tokens):
    before, _ = page_through(api, tokens["admin"], "limit=100")
    created = [submit(api, tokens, message=f"Item {i}")["id"] for i in range(25)]
    items, pages = page_through(api, tokens["admin"], "limit=10")
    ids = [item["id"] for item in items]
    assert len(ids) == len(set(ids)) == len(before) + 25
    assert ids == sorted(ids, reverse=True), "newest first"
    assert ids[:25] == created[::-1]
    assert pages == -(-len(ids) // 10)


def test_filters_by_category_and_status(api, tokens):
    idea = submit(api, tokens, category="idea")["id"]
    question = submit(api, tokens, category="question")["id"]
    assert send(api, "PATCH", f"/feedback/{question}", tokens["admin"], {"status": "dismissed"})[0] == 200

    ideas, _ = page_through(api, tokens["admin"], "category=idea&limit=5")
    assert ideas and {i["category"] for i in ideas} == {"idea"} and idea in [i["id"] for i in ideas]
    dismissed, _ = page_through(api, tokens["admin"], "status=dismissed&limit=5")
    assert {i["status"] for i in dismissed} == {"dismissed"} and question in [i["id"] for i in dismissed]
    both, _ = page_through(api, tokens["admin"], "status=dismissed&category=question&limit=5")
    assert question in [i["id"] for i in both]
    assert all(i["status"] == "dismissed" and i["category"] == "question" for i in both)
    assert idea not in [i["id"] for i in both]


def test_bad_query_parameters_are_named(api, tokens):
    status, _, problem = send(api, "GET", "/feedback?limit=0&category=rant&status=closed", tokens["admin"])
    assert status == 400 and problem["code"] == "INVALID_PARAMETER", problem
    assert pointers(problem) == ["/query/limit", "/query/category", "/query/status"]
    for limit in ("101", "abc"):
        status, _, problem = send(api, "GET", f"/feedback?limit={limit}", tokens["admin"])
        assert status == 400 and pointers(problem) == ["/query/limit"], problem


def test_an_altered_or_foreign_cursor_is_invalid_cursor(api, tokens):
    status, _, body = send(api, "GET", "/feedback?limit=1", tokens["admin"])
    assert status == 200 and "next_cursor" in body
    cursor = body["next_cursor"]
    altered = cursor[:-2] + ("AA" if not cursor.endswith("AA") else "BB")
    for query in (f"cursor={altered}", "cursor=garbage", f"cursor={cursor}&status=new"):
        status, _, problem = send(api, "GET", f"/feedback?limit=1&{query}", tokens["admin"])
        assert status == 400 and problem["code"] == "INVALID_CURSOR", (query, problem)


# ---- the Lambda path -------------------------------------------------------------------------------------

def test_feedback_through_the_lambda_path_of_bootstrap_users(tmp_path, signed_in, tokens):
    env = {k: v for k, v in signed_in.items() if k.startswith(("COGNITO_", "HUB_"))}
    fn = start_function(tmp_path, [str(binary("bootstrap-users"))], **env)
    try:
        member = {"authorization": f"Bearer {tokens['member']}", "content-type": "application/json"}
        outcome = fn.api.invoke(apigw_event("POST", "/feedback", member, json.dumps(SUBMISSION)), timeout=30)
        response = outcome.json()
        assert response["statusCode"] == 201, response
        created = json.loads(response["body"])
        headers = {k.lower(): v for k, v in response["headers"].items()}
        assert headers["location"] == f"/feedback/{created['id']}"
        assert headers["etag"] == '"1"'

        admin = {"authorization": f"Bearer {tokens['admin']}"}
        outcome = fn.api.invoke(apigw_event("GET", "/feedback", admin, query="limit=5&category=bug"), timeout=30)
        response = outcome.json()
        assert response["statusCode"] == 200, response
        items = json.loads(response["body"])["items"]
        assert items[0]["id"] == created["id"] and {i["category"] for i in items} == {"bug"}

        outcome = fn.api.invoke(apigw_event("GET", "/feedback", member), timeout=30)
        assert outcome.json()["statusCode"] == 403
        outcome = fn.api.invoke(apigw_event("POST", "/feedback", {"content-type": "application/json"},
                                            json.dumps(SUBMISSION)), timeout=30)
        assert outcome.json()["statusCode"] == 401
    finally:
        fn.api.stop()
        fn.process.wait(timeout=10)
