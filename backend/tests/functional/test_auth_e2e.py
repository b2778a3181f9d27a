"""End to end with moto's Cognito: seeded users sign in through InitiateAuth (`hubctl token`), call the
API over HTTP and through the Lambda path, and role changes made with `hubctl roles set` take effect
within the role cache's time while being mirrored to the users' Cognito groups."""

from __future__ import annotations

import json
import re
import time

import pytest

from conftest import binary, clean_env, start_server
from test_auth_attacks import authorizer_event, call
from test_lambda import apigw_event, start_function
from test_seed import aws_client, hubctl, jwt_claims, seeded_world

ROLE_CACHE_MS = 1000
# How long a revoked role may keep working: the role cache's time, plus slack for a slow machine.
REVOCATION_BUDGET_S = ROLE_CACHE_MS / 1000 + 4


@pytest.fixture(scope="module")
def signed_in(storage_table) -> dict[str, str]:
    """A seeded table of this module's own, and the environment that trusts the local user pool."""
    world = seeded_world("auth")
    pool_settings = {k for k in world if k.startswith("COGNITO_")}
    assert pool_settings == {"COGNITO_USER_POOL_ID", "COGNITO_APP_CLIENT_IDS", "COGNITO_JWKS_URL"}
    return world | {"HUB_ROLE_CACHE_MS": str(ROLE_CACHE_MS)}


def token(env: dict[str, str], *args: str) -> str:
    run = hubctl("token", *args, **env)
    assert run.returncode == 0, run.stderr
    return run.stdout.strip()


@pytest.fixture(scope="module")
def api(tmp_path_factory, signed_in):
    srv = start_server(tmp_path_factory.mktemp("e2e"), clean_env(**signed_in))
    yield srv
    assert srv.stop() == 0


def test_a_member_signs_in_and_reads_the_session(api, signed_in):
    member = token(signed_in, "--role", "member")
    status, _, body = call(f"{api.url}/auth/session", token=member)
    assert status == 200, body
    session = json.loads(body)
    claims = jwt_claims(member)
    assert session["user_id"] == claims["sub"]
    assert session["email"] == claims["email"]
    assert session["token_use"] == "id"
    assert session["roles"] == ["member"]
    assert "session:read" in session["permissions"] and "metrics:read" not in session["permissions"]


def test_an_access_token_works_too(api, signed_in):
    access = token(signed_in, "--role", "member", "--access")
    status, _, body = call(f"{api.url}/auth/session", token=access)
    assert status == 200, body
    assert json.loads(body)["token_use"] == "access"


def test_a_member_calling_an_admin_route_gets_403_and_an_admin_gets_200(api, signed_in):
    status, _, body = call(f"{api.url}/metrics", token=token(signed_in, "--role", "member"))
    assert status == 403, body
    status, _, body = call(f"{api.url}/metrics", token=token(signed_in, "--role", "admin"))
    assert status == 200, body


def test_a_revoked_admin_role_stops_working_within_the_role_cache_time(api, signed_in):
    admin_token = token(signed_in, "--role", "admin")
    email = jwt_claims(admin_token)["email"]
    assert call(f"{api.url}/metrics", token=admin_token)[0] == 200
    run = hubctl("roles", "set", email, "--roles", "member", **signed_in)
    assert run.returncode == 0, run.stderr
    revoked_at = time.monotonic()
    while (status := call(f"{api.url}/metrics", token=admin_token)[0]) == 200:
        assert time.monotonic() - revoked_at < REVOCATION_BUDGET_S, "the revoked role kept working"
        time.sleep(0.1)
    assert status == 403
    groups = aws_client("cognito-idp").admin_list_groups_for_user(
        UserPoolId=signed_in["COGNITO_USER_POOL_ID"], Username=email)["Groups"]
    assert "admin" not in {g["GroupName"] for g in groups}, "the revocation was not mirrored to Cognito"

    run = hubctl("roles", "set", email, "--roles", "admin", **signed_in)
    assert run.returncode == 0, run.stderr
    fresh = token(signed_in, "--user", email)
    assert "admin" in jwt_claims(fresh).get("cognito:groups", []), "new tokens should carry the mirrored group"
    granted_at = time.monotonic()
    while call(f"{api.url}/metrics", token=fresh)[0] != 200:
        assert time.monotonic() - granted_at < REVOCATION_BUDGET_S
        time.sleep(0.1)


def test_metrics_count_requests_per_route_and_status_class(tmp_path, signed_in):
    """An admin's view of /metrics on a server of its own, so the counts are this test's."""
    admin = token(signed_in, "--role", "admin")
    srv = start_server(tmp_path, clean_env(**signed_in))
    try:
        for _ in range(3):
            assert call(f"{srv.url}/health")[0] == 200
        assert call(f"{srv.url}/nope")[0] == 404
        assert call(f"{srv.url}/metrics")[0] == 401
        status, _, body = call(f"{srv.url}/metrics", token=admin)
        assert status == 200, body
        metrics = json.loads(body)
        routes = {r["route"]: r for r in metrics["routes"]}
        assert routes["GET /health"]["requests"] == 3
        assert routes["GET /health"]["status"]["2xx"] == 3
        assert routes["unmatched"]["status"]["4xx"] == 1
        assert routes["GET /metrics"]["status"]["4xx"] == 1, "a refused request counts under its route"
        latency = routes["GET /health"]["latency_ms"]
        assert 0 < latency["p50"] <= latency["p95"] <= latency["p99"]
        assert metrics["requests_total"] == 5
        assert metrics["cold_start"] is False
    finally:
        srv.stop()


def test_metrics_show_the_aws_calls_made_and_the_tables_figures(tmp_path, signed_in):
    """The dependencies and table members of /metrics, on a server of its own."""
    admin = token(signed_in, "--role", "admin")
    member = token(signed_in, "--role", "member")
    srv = start_server(tmp_path, clean_env(**signed_in))
    try:
        for caller in (member, admin):
            assert call(f"{srv.url}/auth/session", token=caller)[0] == 200
        snapshots = []
        for _ in range(3):
            status, _, body = call(f"{srv.url}/metrics", token=admin)
            assert status == 200, body
            snapshots.append(json.loads(body))
        first, second, third = snapshots

        assert set(first) >= {"routes", "dependencies", "table"}
        dynamodb = {d["operation"]: d for d in first["dependencies"] if d["service"] == "dynamodb"}
        roles = dynamodb["Query"]  # each caller's roles, read once through the role cache
        assert roles["calls"] >= 2
        assert roles["errors"] == {"throttled": 0, "conditional_check_failed": 0, "other": 0}
        assert roles["retries"] == 0
        assert 0 < roles["latency_ms"]["p50"] <= roles["latency_ms"]["p95"] <= roles["latency_ms"]["p99"]
        assert roles["consumed_capacity_units"] > 0
        assert set(roles) == {"service", "operation", "calls", "errors", "retries", "latency_ms",
                              "consumed_capacity_units"}

        table = first["table"]
        assert table["name"] == signed_in["HUB_TABLE_NAME"]
        assert "error" not in table
        assert table["status"] == "ACTIVE"
        assert table["billing_mode"] == "PAY_PER_REQUEST"
        assert table["item_count"] > 0, "the table is seeded"
        assert table["size_bytes"] >= 0
        assert [i["name"] for i in table["indexes"]] == ["GSI1", "GSI2"]
        assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", table["as_of"])

        assert second["table"] == table and third["table"] == table, "cached: the same figures, as of the same time"
        describes = [sum(d["calls"] for d in s["dependencies"] if d["operation"] == "DescribeTable")
                     for s in (second, third)]
        assert describes[0] >= 1 and describes[1] == describes[0], "one DescribeTable however often /metrics is read"
    finally:
        srv.stop()


@pytest.fixture(scope="module")
def lambda_env(signed_in) -> dict[str, str]:
    return {k: v for k, v in signed_in.items() if k.startswith(("COGNITO_", "HUB_"))}


def test_the_lambda_authorizer_accepts_a_real_cognito_token(tmp_path, lambda_env, signed_in):
    fn = start_function(tmp_path, [str(binary("bootstrap-auth"))], **lambda_env)
    try:
        admin = token(signed_in, "--role", "admin")
        outcome = fn.api.invoke(authorizer_event(admin), timeout=30)
        assert outcome.json() == {"isAuthorized": True,
                                  "context": {"user_id": jwt_claims(admin)["sub"], "roles": "admin,member"}}
        outcome = fn.api.invoke(apigw_event("GET", "/auth/session", {"authorization": f"Bearer {admin}"}))
        assert outcome.json()["statusCode"] == 200
        assert json.loads(outcome.json()["body"])["roles"] == ["admin", "member"]
    finally:
        fn.api.stop()
        fn.process.wait(timeout=10)


def test_metrics_through_the_lambda_path_is_for_admins_only(tmp_path, lambda_env, signed_in):
    fn = start_function(tmp_path, [str(binary("bootstrap-health"))], **lambda_env)
    try:
        expected = {None: 401, "member": 403, "admin": 200}
        for role, status in expected.items():
            headers = {} if role is None else {"authorization": f"Bearer {token(signed_in, '--role', role)}"}
            outcome = fn.api.invoke(apigw_event("GET", "/metrics", headers), timeout=30)
            assert outcome.json()["statusCode"] == status, role
    finally:
        fn.api.stop()
        fn.process.wait(timeout=10)
