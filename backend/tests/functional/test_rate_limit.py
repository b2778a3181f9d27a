"""Rate limiting across processes: two hub-server processes and a bootstrap-health function on one
table share each limit; users count apart, anonymous callers count per address; failed
authentications count per address; an unreachable table is served (allow) or refused (deny) as
configured. Counters go to DynamoDB Local when the run started it (scripts/with-emulators
--dynamodb-local), else to moto; Cognito is moto's.

The windows are an hour long, so a test never straddles two windows in practice; each test counts
under subjects (users, client addresses) no other test uses."""

from __future__ import annotations

import http.client
import json
import os
import re
import urllib.parse

import pytest

from conftest import ALLOWED_ORIGIN, binary, clean_env, start_server
from test_lambda import apigw_event, start_function
from test_seed import hubctl, seeded_world

LIMITS = "read=5/1h,public=3/1h,auth-failure=3/1h"
POLICY = re.compile(r'^"(?P<name>[a-z-]+)";q=(?P<q>\d+);w=(?P<w>\d+)$')
REMAINING = re.compile(r'^"(?P<name>[a-z-]+)";r=(?P<r>\d+);t=(?P<t>\d+)$')


class Answer:
    def __init__(self, status: int, headers, body: bytes):
        self.status, self.headers, self.body = status, headers, body

    def json(self) -> dict:
        return json.loads(self.body)

    def remaining(self) -> tuple[str, int, int]:
        """(policy, r, t) of the RateLimit field."""
        match = REMAINING.match(self.headers["RateLimit"])
        assert match, self.headers["RateLimit"]
        return match["name"], int(match["r"]), int(match["t"])


def get(url: str, path: str, token: str | None = None, source: str = "127.0.0.1",
        headers: dict[str, str] | None = None) -> Answer:
    """GET from a chosen loopback address: Linux routes all of 127.0.0.0/8 to lo, so each test can be
    its own anonymous client."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=15, source_address=(source, 0))
    try:
        sent = dict(headers or {})
        if token:
            sent["Authorization"] = f"Bearer {token}"
        connection.request("GET", path, headers=sent)
        response = connection.getresponse()
        return Answer(response.status, response.headers, response.read())
    finally:
        connection.close()


def assert_rate_limited(answer: Answer, policy: str, quota: int, window: int) -> None:
    assert answer.status == 429, answer.body
    assert answer.headers["Content-Type"] == "application/problem+json"
    problem = answer.json()
    assert problem["code"] == "RATE_LIMITED"
    assert problem["request_id"] == answer.headers["X-Request-Id"]
    assert answer.headers["RateLimit-Policy"] == f'"{policy}";q={quota};w={window}'
    name, remaining, reset = answer.remaining()
    assert (name, remaining) == (policy, 0)
    retry_after = int(answer.headers["Retry-After"])
    assert 1 <= retry_after <= window
    assert retry_after == max(reset, 1), "Retry-After is the end of the window, as t says"
    assert answer.headers["X-Content-Type-Options"] == "nosniff", "a 429 carries the security headers"


@pytest.fixture(scope="module")
def counters_env(storage_table) -> dict[str, str]:
    """A seeded table of this module's own, on DynamoDB Local when it runs, and a trusted user pool."""
    env = {}
    if os.environ.get("EMULATOR_DYNAMODB_LOCAL_URL"):
        env["AWS_ENDPOINT_URL_DYNAMODB"] = os.environ["EMULATOR_DYNAMODB_LOCAL_URL"]
    return seeded_world("rate", **env)


def token(env: dict[str, str], role: str) -> str:
    run = hubctl("token", "--role", role, **env)
    assert run.returncode == 0, run.stderr
    return run.stdout.strip()


@pytest.fixture(scope="module")
def servers(tmp_path_factory, counters_env):
    """Two hub-server processes on the same table, with small limits."""
    started = [start_server(tmp_path_factory.mktemp(f"server-{name}"),
                            clean_env(**counters_env, HUB_RATE_LIMITS=LIMITS, CORS_ALLOWED_ORIGINS=ALLOWED_ORIGIN))
               for name in ("a", "b")]
    yield started
    for srv in started:
        assert srv.stop() == 0


def test_two_servers_share_one_limit_and_each_user_has_their_own(servers, counters_env):
    a, b = servers
    for role in ("member", "editor"):
        user_token = token(counters_env, role)
        seen = []
        for i in range(5):
            answer = get((a if i % 2 == 0 else b).url, "/auth/session", user_token)
            assert answer.status == 200, (role, i, answer.body)
            assert answer.headers["RateLimit-Policy"] == '"read";q=5;w=3600'
            name, remaining, reset = answer.remaining()
            assert name == "read" and 0 < reset <= 3600
            seen.append(remaining)
        assert seen == [4, 3, 2, 1, 0], f"{role}: both processes count in one counter"
        for srv in (a, b):
            assert_rate_limited(get(srv.url, "/auth/session", user_token), "read", 5, 3600)


def test_anonymous_callers_count_per_address_and_browsers_may_read_the_fields(servers):
    a, b = servers
    origin = {"Origin": ALLOWED_ORIGIN}
    for i in range(3):
        answer = get((a if i % 2 == 0 else b).url, "/version", source="127.0.0.2", headers=origin)
        assert answer.status == 200
        assert answer.headers["RateLimit-Policy"] == '"public";q=3;w=3600'
        assert answer.remaining()[:2] == ("public", 2 - i)
        exposed = {h.strip() for h in answer.headers["Access-Control-Expose-Headers"].split(",")}
        assert {"RateLimit", "RateLimit-Policy", "Retry-After"} <= exposed
    refused = get(b.url, "/version", source="127.0.0.2", headers=origin)
    assert_rate_limited(refused, "public", 3, 3600)
    assert refused.headers["Access-Control-Allow-Origin"] == ALLOWED_ORIGIN
    assert get(a.url, "/version", source="127.0.0.3").status == 200, "another address has its own count"
    assert get(a.url, "/nope", source="127.0.0.2").status == 429, "unknown paths count as public"


def test_a_preflight_is_never_counted(servers):
    a, _ = servers
    for _ in range(5):
        connection = http.client.HTTPConnection("127.0.0.1", a.port, timeout=15, source_address=("127.0.0.7", 0))
        connection.request("OPTIONS", "/version", headers={"Origin": ALLOWED_ORIGIN,
                                                           "Access-Control-Request-Method": "GET"})
        response = connection.getresponse()
        response.read()
        connection.close()
        assert response.status == 204
        assert response.getheader("RateLimit-Policy") is None
    assert get(a.url, "/version", source="127.0.0.7").remaining()[:2] == ("public", 2)


def test_failed_authentications_count_per_address_then_no_token_is_verified(servers, counters_env):
    a, b = servers
    for i, bad in enumerate(("not-a-token", "eyJhbGciOiJub25lIn0.e30.", None)):
        answer = get((a if i % 2 == 0 else b).url, "/auth/session", bad, source="127.0.0.4")
        assert answer.status == 401
        assert answer.headers["RateLimit-Policy"] == '"auth-failure";q=3;w=3600'
        assert answer.remaining()[:2] == ("auth-failure", 2 - i)
    assert_rate_limited(get(b.url, "/auth/session", "still-not-a-token", source="127.0.0.4"), "auth-failure", 3, 3600)
    admin = token(counters_env, "admin")
    assert_rate_limited(get(b.url, "/auth/session", admin, source="127.0.0.4"), "auth-failure", 3, 3600)
    assert get(b.url, "/auth/session", admin, source="127.0.0.5").status == 200, "another address is untouched"
    assert get(b.url, "/version", source="127.0.0.4").status == 200, "public routes keep their own budget"


def test_metrics_report_the_rejections_of_the_process(servers, counters_env):
    a, _ = servers
    answer = get(a.url, "/metrics", token(counters_env, "admin"), source="127.0.0.6")
    assert answer.status == 200, answer.body
    rate_limit = answer.json()["rate_limit"]
    assert rate_limit["rejected_by_class"].get("read", 0) >= 2, rate_limit
    assert rate_limit["rejected_by_class"].get("public", 0) >= 1, rate_limit
    assert rate_limit["rejected_total"] == sum(rate_limit["rejected_by_class"].values())
    assert rate_limit["store_errors"] == 0


def test_the_lambda_path_shares_the_count_and_answers_429_with_the_same_fields(tmp_path, servers, counters_env):
    """bootstrap-health behind the fake Runtime API, API Gateway's sourceIp being the client address."""
    a, _ = servers
    assert get(a.url, "/version", source="127.0.0.8").remaining()[:2] == ("public", 2)
    fn = start_function(tmp_path, [str(binary("bootstrap-health"))],
                        **{k: v for k, v in counters_env.items() if k.startswith(("HUB_", "AWS_", "COGNITO_"))},
                        HUB_RATE_LIMITS=LIMITS)
    try:
        def invoke() -> dict:
            event = apigw_event("GET", "/version")
            event["requestContext"]["http"]["sourceIp"] = "127.0.0.8"
            return fn.api.invoke(event, timeout=30).json()

        for remaining in (1, 0):
            response = invoke()
            assert response["statusCode"] == 200, response
            assert response["headers"]["RateLimit-Policy"] == '"public";q=3;w=3600'
            assert REMAINING.match(response["headers"]["RateLimit"])["r"] == str(remaining)
        response = invoke()
        assert response["statusCode"] == 429, response
        headers = response["headers"]
        assert headers["Content-Type"] == "application/problem+json"
        assert json.loads(response["body"])["code"] == "RATE_LIMITED"
        assert headers["RateLimit-Policy"] == '"public";q=3;w=3600'
        limit = REMAINING.match(headers["RateLimit"])
        assert limit["r"] == "0"
        assert int(headers["Retry-After"]) == max(int(limit["t"]), 1)
        assert headers["X-Request-Id"] and headers["X-Content-Type-Options"] == "nosniff"
    finally:
        fn.api.stop()
        fn.process.wait(timeout=10)
    assert get(a.url, "/version", source="127.0.0.8").status == 429, "the server sees the function's requests"


@pytest.mark.parametrize("rule", ["allow", "deny"])
def test_an_unreachable_table_is_served_or_refused_as_configured(tmp_path, rule):
    """The counters' endpoint is a closed port: every update fails at once."""
    srv = start_server(tmp_path, clean_env(AWS_ENDPOINT_URL_DYNAMODB="http://127.0.0.1:9",
                                           HUB_RATE_LIMIT_ON_STORE_ERROR=rule, HUB_RATE_LIMITS=LIMITS))
    try:
        answer = get(srv.url, "/version", source="127.0.0.9")
        assert answer.headers["RateLimit-Policy"] == '"public";q=3;w=3600'
        assert "RateLimit" not in answer.headers, "the count is unknown"
        if rule == "allow":
            assert answer.status == 200
            assert answer.json()["name"] == "innovation-hub-api"
        else:
            assert answer.status == 503
            assert answer.json()["code"] == "DEPENDENCY_UNAVAILABLE"
    finally:
        srv.stop()
    warnings = [line for line in srv.log_lines() if line.get("message") == "rate limit counter could not be updated"]
    assert warnings and warnings[0]["level"] == "WARNING"
    assert warnings[0]["on_store_error"] == rule and warnings[0]["rate_class"] == "public"


def test_feedback_has_its_own_tighter_class(tmp_path, counters_env):
    """POST /feedback counts in `feedback` (20/1h by default), not in `write`: the other writes keep
    their budget while feedback is refused."""
    srv = start_server(tmp_path, clean_env(**counters_env, HUB_RATE_LIMITS="feedback=2/1h,write=100/1h"))
    try:
        member = token(counters_env, "member")
        body = json.dumps({"category": "idea", "message": "More maps, please."}).encode()
        answers = []
        for _ in range(3):
            connection = http.client.HTTPConnection(srv.host, srv.port, timeout=15)
            connection.request("POST", "/feedback", body, {"Authorization": f"Bearer {member}",
                                                           "Content-Type": "application/json"})
            response = connection.getresponse()
            answers.append(Answer(response.status, response.headers, response.read()))
            connection.close()
        assert [a.status for a in answers[:2]] == [201, 201]
        assert answers[0].headers["RateLimit-Policy"] == '"feedback";q=2;w=3600'
        assert_rate_limited(answers[2], "feedback", 2, 3600)
        preferences = get(srv.url, "/users/preferences", member)
        assert preferences.status == 200 and preferences.headers["RateLimit-Policy"] == '"read";q=600;w=60'
    finally:
        assert srv.stop() == 0
