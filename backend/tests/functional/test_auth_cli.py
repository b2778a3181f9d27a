"""`hubctl auth env`, `hubctl token` and `hubctl roles` against the run's moto server: the local user pool's
settings for the server, real tokens from InitiateAuth, and role assignments written to the table and
mirrored to Cognito groups."""

from __future__ import annotations

import base64
import json
import os
import re
import subprocess
import time

import boto3
import pytest

from conftest import register_token, STORAGE_ENV, binary, clean_env

POOL_NAME = "innovation-hub-local"
CLIENT_NAME = "innovation-hub-local-web"
ADMIN = "hodan.farah@igad.example"
MEMBER = "meron.desta@prne.example"  # a member of the data set, whose roles these tests change and restore


def hubctl(*args: str, **env: str) -> subprocess.CompletedProcess:
    run = subprocess.run([str(binary("hubctl")), *args], env=clean_env(**env), capture_output=True, text=True,
                         timeout=180)
    if args[:1] == ("token",) and run.returncode == 0:
        register_token(run.stdout.strip())  # AC-052: searched for in every log at the end of the run
    return run


def cognito():
    return boto3.client("cognito-idp", endpoint_url=STORAGE_ENV["AWS_ENDPOINT_URL"],
                        region_name=STORAGE_ENV["AWS_REGION"], aws_access_key_id="testing",
                        aws_secret_access_key="testing")


def jwt_part(token: str, index: int) -> dict:
    part = token.split(".")[index]
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


def variables(output: str) -> dict[str, str]:
    return dict(line.split("=", 1) for line in output.splitlines())


def groups_of(pool_id: str, email: str) -> list[str]:
    groups = cognito().admin_list_groups_for_user(UserPoolId=pool_id, Username=email)["Groups"]
    return sorted(g["GroupName"] for g in groups)


@pytest.fixture(scope="module")
def auth_table(storage_table) -> str:
    """A seeded table of this module's own."""
    table = f"auth-{os.getpid()}-{int(time.time())}"
    made = hubctl("table", "create", HUB_TABLE_NAME=table)
    assert made.returncode == 0, made.stderr
    seeded = hubctl("seed", HUB_TABLE_NAME=table)
    assert seeded.returncode == 0, f"{seeded.stdout}{seeded.stderr}"
    return table


@pytest.fixture(scope="module")
def auth_env(auth_table) -> dict[str, str]:
    run = hubctl("auth", "env", HUB_TABLE_NAME=auth_table)
    assert run.returncode == 0, run.stderr
    return variables(run.stdout)


def test_auth_env_prints_the_three_settings_of_the_local_pool(auth_env):
    assert list(auth_env) == ["COGNITO_USER_POOL_ID", "COGNITO_APP_CLIENT_IDS", "COGNITO_JWKS_URL"]
    pool_id = auth_env["COGNITO_USER_POOL_ID"]
    assert re.fullmatch(r"us-east-1_\w+", pool_id), pool_id
    pools = [p for p in cognito().list_user_pools(MaxResults=60)["UserPools"] if p["Name"] == POOL_NAME]
    assert [p["Id"] for p in pools] == [pool_id]
    clients = cognito().list_user_pool_clients(UserPoolId=pool_id, MaxResults=60)["UserPoolClients"]
    assert auth_env["COGNITO_APP_CLIENT_IDS"] in [c["ClientId"] for c in clients if c["ClientName"] == CLIENT_NAME]
    groups = cognito().list_groups(UserPoolId=pool_id)["Groups"]
    assert {"admin", "editor", "member"} <= {g["GroupName"] for g in groups}
    assert auth_env["COGNITO_JWKS_URL"] == f"{STORAGE_ENV['AWS_ENDPOINT_URL'].rstrip('/')}/{pool_id}/.well-known/jwks.json"


def test_the_jwks_url_serves_the_key_tokens_are_signed_with(auth_env):
    import urllib.request

    with urllib.request.urlopen(auth_env["COGNITO_JWKS_URL"], timeout=10) as response:
        keys = json.load(response)["keys"]
    token = hubctl("token", "--user", ADMIN).stdout.strip()
    assert jwt_part(token, 0)["kid"] in [k["kid"] for k in keys]


def test_auth_env_is_idempotent(auth_env, auth_table):
    again = hubctl("auth", "env", HUB_TABLE_NAME=auth_table)
    assert again.returncode == 0, again.stderr
    assert variables(again.stdout) == auth_env
    assert "found" in again.stderr and "0 groups created" in again.stderr


@pytest.mark.parametrize("environment", ["prod", "Production"])
def test_auth_env_is_refused_in_production(environment):
    run = hubctl("auth", "env", HUB_ENV=environment)
    assert run.returncode == 1
    assert "refused" in run.stderr
    assert run.stdout == ""


def test_token_for_a_user_is_a_real_id_token_and_nothing_else(auth_env, auth_table):
    run = hubctl("token", "--user", ADMIN, HUB_TABLE_NAME=auth_table)
    assert run.returncode == 0, run.stderr
    assert run.stdout.count("\n") == 1
    token = run.stdout.strip()
    assert re.fullmatch(r"[\w-]+\.[\w-]+\.[\w-]+", token), "three base64url parts"
    header, claims = jwt_part(token, 0), jwt_part(token, 1)
    assert header["alg"] == "RS256"
    assert claims["email"] == ADMIN
    assert claims["token_use"] == "id"
    assert claims["aud"] == auth_env["COGNITO_APP_CLIENT_IDS"]
    assert claims["iss"] == f"https://cognito-idp.us-east-1.amazonaws.com/{auth_env['COGNITO_USER_POOL_ID']}"


def test_token_access_prints_the_access_token(auth_env, auth_table):
    run = hubctl("token", "--user", ADMIN, "--access", HUB_TABLE_NAME=auth_table)
    assert run.returncode == 0, run.stderr
    claims = jwt_part(run.stdout.strip(), 1)
    assert claims["token_use"] == "access"
    assert claims["client_id"] == auth_env["COGNITO_APP_CLIENT_IDS"]


def test_token_uses_the_exported_settings(auth_env, auth_table):
    run = hubctl("token", "--user", ADMIN, HUB_TABLE_NAME=auth_table, **auth_env)
    assert run.returncode == 0, run.stderr
    assert jwt_part(run.stdout.strip(), 1)["aud"] == auth_env["COGNITO_APP_CLIENT_IDS"]


@pytest.mark.parametrize("role", ["admin", "editor", "member"])
def test_token_for_a_role_signs_in_a_seeded_holder_of_that_role(role, auth_table):
    run = hubctl("token", "--role", role, HUB_TABLE_NAME=auth_table)
    assert run.returncode == 0, run.stderr
    email = jwt_part(run.stdout.strip(), 1)["email"]
    shown = hubctl("roles", "show", email, HUB_TABLE_NAME=auth_table)
    assert shown.returncode == 0, shown.stderr
    assert re.search(rf"^roles: .*\b{role}\b", shown.stdout, re.M), shown.stdout


@pytest.mark.parametrize("args, message", [
    (["--user", ADMIN, "--password", "not-the-password"], "wrong password"),
    (["--user", "nobody@nowhere.example"], "unknown user"),
    (["--role", "owner"], "no role 'owner'"),
])
def test_token_failures_print_nothing_on_stdout(args, message, auth_table):
    run = hubctl("token", *args, HUB_TABLE_NAME=auth_table)
    assert run.returncode == 1
    assert run.stdout == ""
    assert message in run.stderr


def test_token_for_a_role_nobody_holds_fails(storage_table):
    # The session's own table has no role assignments at all.
    run = hubctl("token", "--role", "editor")
    assert run.returncode == 1
    assert run.stdout == ""
    assert "holds the role editor" in run.stderr


@pytest.mark.parametrize("args", [[], ["--user", ADMIN, "--role", "admin"], ["--user"], ["--bogus", "x"]])
def test_token_usage_errors(args):
    run = hubctl("token", *args)
    assert run.returncode == 2
    assert run.stdout == ""
    assert "usage: hubctl token" in run.stderr


@pytest.fixture()
def member_restored(auth_env, auth_table):
    yield
    restored = hubctl("roles", "set", MEMBER, "--roles", "member", HUB_TABLE_NAME=auth_table)
    assert restored.returncode == 0, restored.stderr
    assert groups_of(auth_env["COGNITO_USER_POOL_ID"], MEMBER) == ["member"]


def test_roles_set_changes_the_table_and_the_cognito_groups(auth_env, auth_table, member_restored):
    pool_id = auth_env["COGNITO_USER_POOL_ID"]
    assert groups_of(pool_id, MEMBER) == ["member"]

    run = hubctl("roles", "set", MEMBER, "--roles", "admin,editor", HUB_TABLE_NAME=auth_table)
    assert run.returncode == 0, run.stderr
    assert "roles: admin, editor (granted admin, editor; revoked member)" in run.stdout
    assert "groups: added admin, editor; removed member" in run.stdout
    assert groups_of(pool_id, MEMBER) == ["admin", "editor"]

    shown = hubctl("roles", "show", MEMBER, HUB_TABLE_NAME=auth_table)
    assert shown.returncode == 0, shown.stderr
    assert "roles: admin, editor (in the table" in shown.stdout
    assert "groups: admin, editor" in shown.stdout

    # The new roles are what --role finds, and new tokens carry the groups.
    token = hubctl("token", "--user", MEMBER, HUB_TABLE_NAME=auth_table).stdout.strip()
    assert sorted(jwt_part(token, 1).get("cognito:groups", [])) == ["admin", "editor"]


def test_roles_set_by_user_id_and_sync_repairs_groups_changed_behind_its_back(auth_env, auth_table, member_restored):
    pool_id = auth_env["COGNITO_USER_POOL_ID"]
    token = hubctl("token", "--user", MEMBER, HUB_TABLE_NAME=auth_table).stdout.strip()
    sub = jwt_part(token, 1)["sub"]
    run = hubctl("roles", "set", sub, "--roles", "editor", HUB_TABLE_NAME=auth_table)
    assert run.returncode == 0, run.stderr
    assert f"user {sub} ({MEMBER})" in run.stdout
    assert groups_of(pool_id, MEMBER) == ["editor"]

    cognito().admin_add_user_to_group(UserPoolId=pool_id, Username=MEMBER, GroupName="admin")
    synced = hubctl("roles", "sync", MEMBER, HUB_TABLE_NAME=auth_table)
    assert synced.returncode == 0, synced.stderr
    assert "groups: added (none); removed admin" in synced.stdout
    assert groups_of(pool_id, MEMBER) == ["editor"]


def test_roles_set_rejects_an_unknown_role_and_changes_nothing(auth_env, auth_table):
    run = hubctl("roles", "set", MEMBER, "--roles", "owner", HUB_TABLE_NAME=auth_table)
    assert run.returncode == 1
    assert "nothing changed" in run.stderr
    assert groups_of(auth_env["COGNITO_USER_POOL_ID"], MEMBER) == ["member"]
    shown = hubctl("roles", "show", MEMBER, HUB_TABLE_NAME=auth_table)
    assert "roles: member (in the table" in shown.stdout


def test_roles_of_an_unknown_user_fail(auth_table):
    run = hubctl("roles", "show", "nobody@nowhere.example", HUB_TABLE_NAME=auth_table)
    assert run.returncode == 1
    assert "no user nobody@nowhere.example" in run.stderr


@pytest.mark.parametrize("args", [[], ["show"], ["set", MEMBER], ["show", MEMBER, "--roles", "admin"], ["drop", MEMBER]])
def test_roles_usage_errors(args):
    run = hubctl("roles", *args)
    assert run.returncode == 2
    assert "usage: hubctl roles" in run.stderr
