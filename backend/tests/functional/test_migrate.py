"""`hubctl migrate`: the real binary against the moto server of the run.

Each test gets a table of its own, made the way conftest makes the session's (`hubctl table
create`), so the counts here do not depend on what other tests keep in the session table.
"""

from __future__ import annotations

import os
import re
import subprocess
import time
from datetime import datetime, timedelta, timezone

import boto3
import pytest

from conftest import STORAGE_ENV, binary, clean_env

LATEST = 2  # the steps this build ships (backend/src/data/migration_steps.cpp)
ACTIVITIES = 30
RETENTION_DAYS = 30
START = datetime(2026, 1, 1, tzinfo=timezone.utc)


def hubctl(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(binary("hubctl")), *args], env=env, capture_output=True, text=True, timeout=120)


def occurred_at(i: int) -> datetime:
    return START + timedelta(minutes=i)


@pytest.fixture()
def dynamodb():
    return boto3.client("dynamodb", endpoint_url=STORAGE_ENV["AWS_ENDPOINT_URL"], region_name="us-east-1",
                        aws_access_key_id="testing", aws_secret_access_key="testing")


@pytest.fixture()
def table(dynamodb, storage_table):
    """A fresh table holding ACTIVITIES activity entries without expires_at and one profile."""
    name = f"ft-migrate-{os.getpid()}-{time.monotonic_ns()}"
    env = clean_env(HUB_TABLE_NAME=name, HUB_ACTIVITY_RETENTION_DAYS=str(RETENTION_DAYS))
    made = hubctl(env, "table", "create")
    assert made.returncode == 0, made.stderr
    items = [{"PK": {"S": f"USER#user-{i % 3}"}, "SK": {"S": f"ACTIVITY#{i:026d}"}, "entity": {"S": "ACTIVITY"},
              "user_id": {"S": f"user-{i % 3}"}, "action": {"S": "profile.updated"},
              "occurred_at": {"S": occurred_at(i).strftime("%Y-%m-%dT%H:%M:%SZ")}} for i in range(ACTIVITIES)]
    items.append({"PK": {"S": "USER#user-0"}, "SK": {"S": "PROFILE"}, "entity": {"S": "USER_PROFILE"}})
    for start in range(0, len(items), 25):
        dynamodb.batch_write_item(RequestItems={name: [{"PutRequest": {"Item": item}}
                                                       for item in items[start:start + 25]]})
    yield name, env
    dynamodb.delete_table(TableName=name)


def scan(dynamodb, name: str) -> list[dict]:
    items, start = [], {}
    while True:
        page = dynamodb.scan(TableName=name, ConsistentRead=True, **start)
        items += page["Items"]
        if "LastEvaluatedKey" not in page:
            return items
        start = {"ExclusiveStartKey": page["LastEvaluatedKey"]}


def migration_items(dynamodb, name: str) -> list[dict]:
    return sorted((i for i in scan(dynamodb, name) if i["PK"]["S"] == "MIGRATION"), key=lambda i: i["SK"]["S"])


def activities(dynamodb, name: str) -> list[dict]:
    return [i for i in scan(dynamodb, name) if i["SK"]["S"].startswith("ACTIVITY#")]


def test_bad_arguments_are_usage_errors():
    for args in (["--to", "99"], ["--to", "x"], ["--to"], ["--lease-seconds", "0"], ["--bogus"], ["status", "x"]):
        r = hubctl(clean_env(), "migrate", *args)
        assert r.returncode == 2, (args, r.stdout, r.stderr)
        assert "usage: hubctl migrate" in r.stderr


def test_a_dry_run_prints_the_plan_and_writes_nothing(dynamodb, table):
    name, env = table
    before = scan(dynamodb, name)
    r = hubctl(env, "migrate", "--dry-run")
    assert r.returncode == 0, r.stderr
    assert (f"dry run: table {name} is at version 0; a run would apply {LATEST} step(s), up to version {LATEST}"
            in r.stdout)
    assert "0001 baseline" in r.stdout
    lines = [line for line in r.stdout.splitlines() if "0002 activity-expiry" in line]
    assert lines and f"would write {ACTIVITIES} items" in lines[0], r.stdout
    assert "nothing was written" in r.stdout
    assert sorted(scan(dynamodb, name), key=str) == sorted(before, key=str)


def test_apply_step_by_step_then_a_rerun_is_a_no_op(dynamodb, table):
    name, env = table
    first = hubctl(env, "migrate", "--to", "1")
    assert first.returncode == 0, first.stderr
    assert "0001 baseline" in first.stdout and "applied: 0 items in" in first.stdout
    assert f"table {name} is at version 1 (was 0)" in first.stdout
    assert all("expires_at" not in item for item in activities(dynamodb, name))

    rest = hubctl(env, "migrate")
    assert rest.returncode == 0, rest.stderr
    applied = rf"^  0002 activity-expiry +applied: {ACTIVITIES} items in \d+ ms$"
    assert re.search(applied, rest.stdout, re.M), rest.stdout
    assert f"table {name} is at version {LATEST} (was 1)" in rest.stdout
    entries = activities(dynamodb, name)
    assert len(entries) == ACTIVITIES
    for item in entries:
        when = datetime.strptime(item["occurred_at"]["S"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
        assert int(item["expires_at"]["N"]) == int((when + timedelta(days=RETENTION_DAYS)).timestamp())
    profile = [i for i in scan(dynamodb, name) if i["SK"]["S"] == "PROFILE"]
    assert "expires_at" not in profile[0]

    state = migration_items(dynamodb, name)
    again = hubctl(env, "migrate")
    assert again.returncode == 0, again.stderr
    assert f"table {name} is up to date at version {LATEST}" in again.stdout
    assert migration_items(dynamodb, name) == state, "re-running writes nothing"

    status = hubctl(env, "migrate", "status")
    assert status.returncode == 0, status.stderr
    assert f"table {name} is at version {LATEST} (this build knows up to {LATEST})" in status.stdout
    assert "lease: free" in status.stdout
    steps = [line.split() for line in status.stdout.splitlines() if line.startswith("  000")]
    assert len(steps) == LATEST
    assert [(s[0], s[1], s[2], s[3]) for s in steps[:2]] == [("0001", "baseline", "applied", "0"),
                                                             ("0002", "activity-expiry", "applied", str(ACTIVITIES))]


def test_going_back_below_the_current_version_fails(table):
    _, env = table
    assert hubctl(env, "migrate").returncode == 0
    back = hubctl(env, "migrate", "--to", "1")
    assert back.returncode == 1
    assert "only go forward" in back.stderr


def test_a_held_lease_stops_a_second_runner(dynamodb, table):
    name, env = table
    until = int(time.time() * 1000) + 600_000
    dynamodb.put_item(TableName=name, Item={"PK": {"S": "MIGRATION"}, "SK": {"S": "LEASE"},
                                            "entity": {"S": "MIGRATION"}, "owner": {"S": "someone-else"},
                                            "lease_until": {"N": str(until)}})
    r = hubctl(env, "migrate")
    assert r.returncode == 1
    assert "holds the lease: runner someone-else until" in r.stderr
    assert "LEASE_HELD" in r.stderr
    status = hubctl(env, "migrate", "status")
    assert "lease: runner someone-else until" in status.stdout
    assert re.search(r"^  0001 baseline +pending$", status.stdout, re.M), status.stdout
    assert [i["SK"]["S"] for i in migration_items(dynamodb, name)] == ["LEASE"], "the blocked run wrote nothing"
