"""`hubctl seed` against the run's moto server: users in the local Cognito user pool who can sign in,
and their data in a table of this module's own."""

from __future__ import annotations

import base64
import collections
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
PASSWORD = "Hub-dev-2026!"
USERS = 12


def hubctl(*args: str, **env: str) -> subprocess.CompletedProcess:
    run = subprocess.run([str(binary("hubctl")), *args], env=clean_env(**env), capture_output=True, text=True,
                         timeout=180)
    if args[:1] == ("token",) and run.returncode == 0:
        register_token(run.stdout.strip())  # AC-052: searched for in every log at the end of the run
    return run


def seeded_world(prefix: str, **env: str) -> dict[str, str]:
    """A seeded table of the caller's own (`<prefix>-<pid>-<time>`) and the settings that trust the local
    user pool: the environment a module's servers and `hubctl token` calls run with. `env` may point the
    table elsewhere (AWS_ENDPOINT_URL_DYNAMODB)."""
    world = {"HUB_TABLE_NAME": f"{prefix}-{os.getpid()}-{int(time.time())}", **env}
    for args in (("table", "create"), ("seed",), ("auth", "env")):
        run = hubctl(*args, **world)
        assert run.returncode == 0, run.stderr
    return world | dict(line.split("=", 1) for line in run.stdout.split())


def aws_client(service: str):
    return boto3.client(service, endpoint_url=STORAGE_ENV["AWS_ENDPOINT_URL"], region_name=STORAGE_ENV["AWS_REGION"],
                        aws_access_key_id="testing", aws_secret_access_key="testing")


def scan(table: str) -> list[dict]:
    dynamodb = aws_client("dynamodb")
    items, kwargs = [], {"TableName": table, "ConsistentRead": True}
    while True:
        page = dynamodb.scan(**kwargs)
        items += page["Items"]
        if "LastEvaluatedKey" not in page:
            return items
        kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]


def by_entity(items: list[dict]) -> collections.Counter:
    return collections.Counter(item["entity"]["S"] for item in items if "entity" in item)


def jwt_claims(token: str) -> dict:
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


@pytest.fixture(scope="module")
def seed_table(storage_table) -> str:
    """A table of this module's own, so the data set does not meet other tests' data."""
    table = f"seed-{os.getpid()}-{int(time.time())}"
    made = hubctl("table", "create", HUB_TABLE_NAME=table)
    assert made.returncode == 0, made.stderr
    return table


@pytest.fixture(scope="module")
def first_run(seed_table) -> subprocess.CompletedProcess:
    run = hubctl("seed", HUB_TABLE_NAME=seed_table)
    assert run.returncode == 0, f"{run.stdout}{run.stderr}"
    return run


def test_a_first_run_creates_every_user_with_profile_roles_and_feedback(first_run, seed_table):
    assert f"0 users present, {USERS} created" in first_run.stdout
    assert "feedback present, 7 created" in first_run.stdout
    counts = by_entity(scan(seed_table))
    assert counts["USER_PROFILE"] == USERS
    assert counts["EMAIL_GUARD"] == USERS
    assert counts["USER_PREFERENCES"] == USERS
    assert counts["FEEDBACK"] == 7
    assert counts["ACTIVITY"] >= 5
    roles = collections.Counter(item["role"]["S"] for item in scan(seed_table)
                                if item.get("entity", {}).get("S") == "ROLE_ASSIGNMENT")
    assert roles == {"admin": 2, "editor": 3, "member": 7}


def test_the_report_names_the_pool_the_client_and_every_user_with_the_password(first_run):
    out = first_run.stdout
    assert re.search(r"^user pool +us-east-1_\w+ ", out, re.M), out
    assert f"({CLIENT_NAME})" in out
    rows = [line for line in out.splitlines() if line.endswith(PASSWORD)]
    assert len(rows) == USERS
    assert any(line.startswith("hodan.farah@igad.example") and " admin " in line for line in rows)


def test_a_second_run_changes_nothing_and_says_so(first_run, seed_table):
    before = sorted(json.dumps(item, sort_keys=True) for item in scan(seed_table))
    again = hubctl("seed", HUB_TABLE_NAME=seed_table)
    assert again.returncode == 0, again.stderr
    assert f"{USERS} users present, 0 created" in again.stdout
    assert "7 feedback present, 0 created" in again.stdout
    assert "nothing changed" in again.stdout
    after = sorted(json.dumps(item, sort_keys=True) for item in scan(seed_table))
    assert after == before, "not one item was written again"
    pools = [p for p in aws_client("cognito-idp").list_user_pools(MaxResults=60)["UserPools"]
             if p["Name"] == POOL_NAME]
    assert len(pools) == 1, "the pool is found by name, not made again"


def test_a_seeded_user_signs_in_and_the_token_sub_is_the_profile_id(first_run, seed_table):
    cognito = aws_client("cognito-idp")
    pool = next(p for p in cognito.list_user_pools(MaxResults=60)["UserPools"] if p["Name"] == POOL_NAME)
    client = next(c for c in cognito.list_user_pool_clients(UserPoolId=pool["Id"], MaxResults=60)["UserPoolClients"]
                  if c["ClientName"] == CLIENT_NAME)
    auth = cognito.initiate_auth(ClientId=client["ClientId"], AuthFlow="USER_PASSWORD_AUTH",
                                 AuthParameters={"USERNAME": "grace.kamau@icpac.example", "PASSWORD": PASSWORD})
    tokens = auth["AuthenticationResult"]
    assert tokens["AccessToken"] and tokens["RefreshToken"]
    sub = jwt_claims(tokens["IdToken"])["sub"]
    profile = aws_client("dynamodb").get_item(TableName=seed_table,
                                              Key={"PK": {"S": f"USER#{sub}"}, "SK": {"S": "PROFILE"}})
    assert profile["Item"]["email"]["S"] == "grace.kamau@icpac.example"
    groups = cognito.admin_list_groups_for_user(UserPoolId=pool["Id"], Username="grace.kamau@icpac.example")
    assert [g["GroupName"] for g in groups["Groups"]] == ["admin"]


@pytest.mark.parametrize("environment", ["prod", "production", " Production "])
def test_production_is_refused_before_anything_is_touched(environment, storage_table):
    run = hubctl("seed", HUB_ENV=environment, HUB_TABLE_NAME="seed-must-not-exist")
    assert run.returncode == 1
    assert "refused" in run.stderr
    assert run.stdout == ""


def test_an_unknown_option_is_a_usage_error():
    run = hubctl("seed", "--pool", "x")
    assert run.returncode == 2
    assert "usage: hubctl seed" in run.stderr


def test_a_named_pool_that_does_not_exist_stops_the_seed(seed_table):
    run = hubctl("seed", "--user-pool-id", "us-east-1_NoSuchPool", HUB_TABLE_NAME=seed_table)
    assert run.returncode == 1
    assert "us-east-1_NoSuchPool" in run.stderr
