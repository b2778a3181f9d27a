"""Contract tests: schemathesis generates requests from the served /openapi.json and checks every
answer of a running hub-server against it (status codes, content types, headers, response schemas,
no 5xx, schema-valid requests accepted and schema-violating ones refused, unsupported methods,
authentication ignored nowhere), once with a member's token and once with an administrator's.

Settings and the few per-operation exceptions, each with its reason: schemathesis.toml. To run this
module alone: `scripts/with-emulators --dynamodb-local -- make _functional PYTEST_ARGS='-k contract'`
(docs/testing.md)."""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys

import pytest

from conftest import clean_env, start_server
from test_seed import seeded_world
from test_users import ADMIN, MEMBER, token

CONFIG = pathlib.Path(__file__).with_name("schemathesis.toml")
SCHEMATHESIS = pathlib.Path(sys.executable).with_name("schemathesis")
# Test cases per operation and phase: enough to reach every constraint of every field, small enough
# for CI (the three runs take a minute or two on two cores).
MAX_EXAMPLES = "25"
# A fixed seed: a failure in CI is the same failure on a laptop.
SEED = "20260601"
ROLES = "/users/{id}/roles"


@pytest.fixture(scope="module")
def world(storage_table) -> dict[str, str]:
    """A seeded table of this module's own: the runs write profiles, preferences, feedback and roles."""
    return seeded_world("contract")


@pytest.fixture(scope="module")
def api(tmp_path_factory, world):
    srv = start_server(tmp_path_factory.mktemp("contract"), clean_env(**world))
    yield srv
    assert srv.stop() == 0


def schemathesis(api, bearer: str, work_dir: pathlib.Path, *selection: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HUB_", "AWS_"))}
    env |= {"HUB_CONTRACT_TOKEN": bearer, "NO_COLOR": "1", "COLUMNS": "120"}
    # One worker: CPython 3.11 can fail parsing source (hypothesis' lambda descriptions) in two
    # threads at once; one keeps the run deterministic too.
    command = [str(SCHEMATHESIS), "--config-file", str(CONFIG), "run", f"{api.url}/openapi.json",
               "--checks", "all", "--max-examples", MAX_EXAMPLES, "--seed", SEED, "--workers", "1",
               "--no-color", *selection]
    return subprocess.run(command, cwd=work_dir, env=env, capture_output=True, text=True, timeout=900)


def assert_no_failures(run: subprocess.CompletedProcess) -> None:
    summary = run.stdout[run.stdout.rfind("=== SUMMARY"):] if "=== SUMMARY" in run.stdout else run.stdout[-3000:]
    print(summary)  # shown with `pytest -rP`: operations, phases and cases of the run
    assert run.returncode == 0, f"schemathesis found failures:\n{run.stdout}\n{run.stderr}"
    assert "0 failures" in summary or " failures" not in summary, summary
    assert "Tested: 0" not in summary, f"no operation was tested:\n{summary}"


def test_a_members_view_of_the_api_agrees_with_the_description(api, world, tmp_path):
    assert_no_failures(schemathesis(api, token(world, MEMBER), tmp_path))


def test_an_administrators_view_of_the_api_agrees_with_the_description(api, world, tmp_path):
    # Role changes run alone, last: generated ones may take the caller's own admin role away, after
    # which every administration operation would only answer 403.
    assert_no_failures(schemathesis(api, token(world, ADMIN), tmp_path, "--exclude-path", ROLES))


def test_role_changes_agree_with_the_description(api, world, tmp_path):
    assert_no_failures(schemathesis(api, token(world, ADMIN), tmp_path, "--include-path", ROLES))
