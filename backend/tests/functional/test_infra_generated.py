"""What the CDK stack is built from (infra/generated/) is what the code says: the table's definition
(`hubctl table definition`) and which function serves which route (`hubctl routes`); and every
operation of docs/openapi.json has its route there."""

from __future__ import annotations

import difflib
import json
import subprocess

import pytest

from conftest import REPO, binary, clean_env

GENERATED = REPO / "infra" / "generated"


def hubctl(*args: str) -> str:
    done = subprocess.run([str(binary("hubctl")), *args], env=clean_env(), capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, f"hubctl {' '.join(args)} failed: {done.stderr}"
    return done.stdout


@pytest.mark.parametrize(("file", "args"), [("table-definition.json", ("table", "definition")),
                                            ("routes.json", ("routes",))])
def test_the_committed_file_is_what_hubctl_prints(file: str, args: tuple[str, ...]):
    generated = hubctl(*args)
    committed_file = GENERATED / file
    current = committed_file.read_text() if committed_file.exists() else ""
    if generated != current:
        diff = "\n".join(list(difflib.unified_diff(current.splitlines(), generated.splitlines(),
                                                   f"infra/generated/{file} (committed)",
                                                   f"hubctl {' '.join(args)} (the code)", lineterm="", n=2))[:60])
        pytest.fail(f"infra/generated/{file} differs from the code:\n{diff}\n"
                    "run `make openapi` and commit infra/generated/", pytrace=False)


def test_every_described_operation_has_its_route_and_protected_ones_the_authorizer():
    routes = {(r["method"], r["path"]): r for r in json.loads((GENERATED / "routes.json").read_text())}
    description = json.loads((REPO / "docs" / "openapi.json").read_text())
    for path, item in description["paths"].items():
        for method, operation in item.items():
            route = routes.get((method.upper(), path))
            assert route is not None, f"{method.upper()} {path} is described but has no route in routes.json"
            assert route["authorizer"] == bool(operation["security"]), f"{method.upper()} {path}"
