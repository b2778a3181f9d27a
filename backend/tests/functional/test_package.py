"""The packaged functions (`make package`) are self-contained: each function zip and the common layer
are unpacked into an otherwise empty directory tree laid out like Lambda's (/var/task, /opt), and
`bootstrap` runs there under the AWS Lambda Runtime Interface Emulator, in a bubblewrap sandbox whose
root is that tree, so no library of the build machine is visible. Lambda's own LD_LIBRARY_PATH is set,
and /lib64 holds decoys named like the libraries the layer carries: a bootstrap that looked anywhere
but /opt/lib would fail to start.

Runs when HUB_PACKAGE_DIR names the package (make test packages first and sets it)."""

from __future__ import annotations

import base64
import json
import os
import pathlib
import zipfile

import pytest

from conftest import PAGINATION_KEY, STORAGE_ENV, register_log
from lambda_sandbox import SandboxedFunction, lambda_tree
from test_auth_attacks import authorizer_event
from test_lambda import apigw_event
from test_seed import hubctl, seeded_world

PACKAGE_DIR = os.environ.get("HUB_PACKAGE_DIR", "")
FUNCTIONS = ("bootstrap-auth", "bootstrap-health", "bootstrap-users")
MEMBER = "kevin.ochieng@shambaledger.example"
ADMIN = "hodan.farah@igad.example"

pytestmark = pytest.mark.skipif(not PACKAGE_DIR, reason="HUB_PACKAGE_DIR is not set: run `make package` "
                                "(make test packages and sets it)")


def package() -> pathlib.Path:
    path = pathlib.Path(PACKAGE_DIR)
    for name in (*FUNCTIONS, "layer-common", "layer-docs-ui"):
        assert (path / f"{name}.zip").is_file(), f"{path / name}.zip is missing: run `make package`"
    return path


@pytest.fixture(scope="module")
def world(storage_table) -> dict[str, str]:
    return seeded_world("package")


def function_env(world: dict[str, str]) -> dict[str, str]:
    return {**STORAGE_ENV, **{k: v for k, v in world.items() if k.startswith(("AWS_", "COGNITO_", "HUB_TABLE"))},
            "HUB_DOCS_DIR": "/opt/share/docs-ui", "HUB_PAGINATION_KEY": PAGINATION_KEY,
            "HUB_RATE_LIMITS": "read=1000/1m,public=1000/1m,write=1000/1m,auth-failure=1000/1m"}


@pytest.fixture(scope="module")
def sandboxes(tmp_path_factory, world):
    started: dict[str, SandboxedFunction] = {}
    env = function_env(world)
    for function in FUNCTIONS:
        base = tmp_path_factory.mktemp(function)
        started[function] = SandboxedFunction(lambda_tree(base / "root", package(), function),
                                              register_log(base / "rie.log"), env)
    yield started
    for sandbox in started.values():
        sandbox.stop()


def token(world: dict[str, str], email: str) -> str:
    run = hubctl("token", "--user", email, **world)
    assert run.returncode == 0, run.stderr
    return run.stdout.strip()


def http_answer(outcome: dict) -> tuple[int, dict, bytes]:
    body = outcome.get("body") or ""
    raw = base64.b64decode(body) if outcome.get("isBase64Encoded") else body.encode()
    return outcome["statusCode"], {k.lower(): v for k, v in outcome.get("headers", {}).items()}, raw


def test_the_package_holds_one_bootstrap_per_function_and_a_layer_within_the_size_targets():
    manifest = json.loads((package() / "manifest.json").read_text())
    for function in FUNCTIONS:
        with zipfile.ZipFile(package() / f"{function}.zip") as z:
            assert [(i.filename, (i.external_attr >> 16) & 0o777) for i in z.infolist()] == [("bootstrap", 0o755)]
        assert manifest["functions"][function]["bytes"] <= manifest["targets"]["function_zip_bytes"]
    assert manifest["layer"]["bytes"] <= manifest["targets"]["layer_zip_bytes"]
    assert manifest["docs_layer"]["bytes"] <= manifest["targets"]["docs_layer_zip_bytes"]
    with zipfile.ZipFile(package() / "layer-common.zip") as z:
        names = set(z.namelist())
    assert {"lib/ld-linux-x86-64.so.2", "lib/libc.so.6", "lib/libstdc++.so.6", "lib/libcurl.so.4",
            "share/licenses/libc6/copyright"} <= names
    with zipfile.ZipFile(package() / "layer-docs-ui.zip") as z:
        assert {"share/docs-ui/swagger-ui-bundle.js", "share/docs-ui/LICENSE"} <= set(z.namelist())


def test_the_health_function_answers_from_the_empty_tree(sandboxes):
    health = sandboxes["bootstrap-health"]
    status, headers, body = http_answer(health.invoke(apigw_event("GET", "/version")))
    assert status == 200, body
    assert "version" in json.loads(body)
    assert headers["content-type"].startswith("application/json")
    status, _, body = http_answer(health.invoke(apigw_event("GET", "/health")))
    assert status == 200, body  # DescribeTable on the emulator: the layer's libcurl and OpenSSL at work
    assert json.loads(body)["status"] == "ok", body


def test_the_docs_page_is_served_from_the_layer(sandboxes):
    health = sandboxes["bootstrap-health"]
    status, headers, body = http_answer(health.invoke(apigw_event("GET", "/docs/swagger-ui.css",
                                                                  {"accept-encoding": "gzip"})))
    assert status == 200
    assert headers["content-encoding"] == "gzip"
    assert body[:2] == b"\x1f\x8b"


def test_the_users_function_verifies_a_token_and_reads_the_table(sandboxes, world):
    users = sandboxes["bootstrap-users"]
    status, _, body = http_answer(users.invoke(apigw_event("GET", "/users/profile",
                                                           {"authorization": f"Bearer {token(world, MEMBER)}"})))
    assert status == 200, body
    assert json.loads(body)["email"] == MEMBER
    status, headers, _ = http_answer(users.invoke(apigw_event("GET", "/users/profile")))
    assert status == 401
    assert headers["content-type"].startswith("application/problem+json")


def test_the_auth_function_is_the_authorizer(sandboxes, world):
    auth = sandboxes["bootstrap-auth"]
    answer = auth.invoke(authorizer_event(token(world, ADMIN)))
    assert answer["isAuthorized"] is True
    assert set(answer["context"]["roles"].split(",")) >= {"admin", "member"}
    assert auth.invoke(authorizer_event("not-a-token")) == {"isAuthorized": False}


def test_every_library_a_bootstrap_maps_comes_from_the_layer(sandboxes):
    for function, sandbox in sandboxes.items():
        sandbox.invoke(apigw_event("GET", "/version" if function == "bootstrap-health" else "/auth/session"))
        files = sandbox.mapped_files()
        libraries = {path for path in files if ".so" in pathlib.PurePath(path).name}
        assert libraries, files
        assert {path for path in libraries if not path.startswith("/opt/lib/")} == set(), function
        assert {"/opt/lib/libc.so.6", "/opt/lib/ld-linux-x86-64.so.2"} <= libraries, function
