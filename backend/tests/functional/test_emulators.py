"""The local AWS emulators (scripts/emulators) that `make test` starts: they answer the AWS APIs the
backend uses, `status` reports them, and `up` / `down` leave nothing behind.

The first group needs the emulators of the run (scripts/with-emulators, which `make test` uses,
exports EMULATOR_MOTO_URL and EMULATOR_DYNAMODB_LOCAL_URL); outside such a run it is skipped.
The requests are plain HTTP with an Authorization header shaped like SigV4: neither emulator
checks signatures (the project's own signer is held to AWS's test vectors elsewhere).
"""

from __future__ import annotations

import os
import pathlib
import subprocess
import time
import uuid

import pytest
import requests

REPO = pathlib.Path(__file__).resolve().parents[3]
EMULATORS = REPO / "scripts" / "emulators"
REGION = "us-east-1"


def dummy_auth(service: str) -> str:
    return (f"AWS4-HMAC-SHA256 Credential=testing/20260101/{REGION}/{service}/aws4_request, "
            "SignedHeaders=host;x-amz-date, Signature=" + "0" * 64)


def aws_json(url: str, service: str, target: str, body: dict, json_version: str = "1.1") -> dict:
    """One call of an AWS JSON-protocol API (DynamoDB, Secrets Manager, SSM, Cognito)."""
    r = requests.post(url + "/", json=body, timeout=10, headers={
        "X-Amz-Target": target,
        "Content-Type": f"application/x-amz-json-{json_version}",
        "X-Amz-Date": "20260101T000000Z",
        "Authorization": dummy_auth(service),
    })
    assert r.status_code == 200, f"{target}: HTTP {r.status_code} {r.text[:500]}"
    return r.json()


def dynamodb(url: str, action: str, body: dict) -> dict:
    return aws_json(url, "dynamodb", f"DynamoDB_20120810.{action}", body, json_version="1.0")


def run_emulators(*args: str, env: dict[str, str] | None = None,
                  timeout: float = 90) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(EMULATORS), *args], env=env, capture_output=True, text=True,
                          timeout=timeout, check=False)


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


def emulator_url(variable: str) -> str:
    url = os.environ.get(variable)
    if not url:
        message = f"{variable} is not set: run through make test or scripts/with-emulators --dynamodb-local"
        if os.environ.get("CI"):
            pytest.fail(message)  # CI runs make test, which always starts both
        pytest.skip(message)
    return url


@pytest.fixture(scope="module")
def moto_url() -> str:
    return emulator_url("EMULATOR_MOTO_URL")


@pytest.fixture(scope="module")
def dynamodb_local_url() -> str:
    return emulator_url("EMULATOR_DYNAMODB_LOCAL_URL")


# --- the emulators of the run ----------------------------------------------------------------

def test_environment_points_the_sdk_variables_at_moto(moto_url):
    assert os.environ["AWS_ENDPOINT_URL"] == moto_url
    assert moto_url.startswith("http://127.0.0.1:")
    assert os.environ["AWS_ACCESS_KEY_ID"] == "testing"
    assert os.environ["AWS_SECRET_ACCESS_KEY"] == "testing"
    assert os.environ["AWS_REGION"] == REGION
    # Names the app's configuration would reject (unknown HUB_*) are not used.
    env_file = pathlib.Path(os.environ["EMULATORS_STATE_DIR"]) / "emulators.env"
    assert "HUB_" not in env_file.read_text()


def test_moto_dynamodb_table_round_trip(moto_url):
    table = unique("emulator-test")
    assert "TableNames" in dynamodb(moto_url, "ListTables", {})
    dynamodb(moto_url, "CreateTable", {
        "TableName": table,
        "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
        "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
        "BillingMode": "PAY_PER_REQUEST",
    })
    try:
        assert table in dynamodb(moto_url, "ListTables", {})["TableNames"]
        dynamodb(moto_url, "PutItem", {"TableName": table, "Item": {"pk": {"S": "a"}, "n": {"N": "1"}}})
        item = dynamodb(moto_url, "GetItem", {"TableName": table, "Key": {"pk": {"S": "a"}}})["Item"]
        assert item == {"pk": {"S": "a"}, "n": {"N": "1"}}
    finally:
        dynamodb(moto_url, "DeleteTable", {"TableName": table})


def test_moto_secrets_manager(moto_url):
    name = unique("hub/test-secret")
    aws_json(moto_url, "secretsmanager", "secretsmanager.CreateSecret",
             {"Name": name, "SecretString": '{"k":"v"}'})
    got = aws_json(moto_url, "secretsmanager", "secretsmanager.GetSecretValue", {"SecretId": name})
    assert got["SecretString"] == '{"k":"v"}'
    names = [s["Name"] for s in
             aws_json(moto_url, "secretsmanager", "secretsmanager.ListSecrets", {})["SecretList"]]
    assert name in names


def test_moto_ssm_parameters(moto_url):
    name = "/" + unique("hub/test") + "/threshold"
    aws_json(moto_url, "ssm", "AmazonSSM.PutParameter", {"Name": name, "Value": "42", "Type": "String"})
    got = aws_json(moto_url, "ssm", "AmazonSSM.GetParameter", {"Name": name})
    assert got["Parameter"]["Value"] == "42"


def test_moto_cognito_user_pool_and_jwks(moto_url):
    target = "AWSCognitoIdentityProviderService."
    pool = aws_json(moto_url, "cognito-idp", target + "CreateUserPool",
                    {"PoolName": unique("hub-test")})["UserPool"]
    try:
        pools = aws_json(moto_url, "cognito-idp", target + "ListUserPools", {"MaxResults": 60})
        assert pool["Id"] in [p["Id"] for p in pools["UserPools"]]
        # The JWKS a token verifier fetches: moto signs its tokens with RS256.
        jwks = requests.get(f"{moto_url}/{pool['Id']}/.well-known/jwks.json", timeout=10)
        assert jwks.status_code == 200
        assert any(k["kty"] == "RSA" and k["alg"] == "RS256" for k in jwks.json()["keys"])
    finally:
        aws_json(moto_url, "cognito-idp", target + "DeleteUserPool", {"UserPoolId": pool["Id"]})


def test_dynamodb_local_answers(dynamodb_local_url):
    assert dynamodb_local_url.startswith("http://127.0.0.1:")
    table = unique("emulator-test")
    assert "TableNames" in dynamodb(dynamodb_local_url, "ListTables", {})
    dynamodb(dynamodb_local_url, "CreateTable", {
        "TableName": table,
        "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
        "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
        "BillingMode": "PAY_PER_REQUEST",
    })
    try:
        assert table in dynamodb(dynamodb_local_url, "ListTables", {})["TableNames"]
        # DynamoDB Local, not moto: the table is not visible on moto's endpoint.
        if os.environ.get("EMULATOR_MOTO_URL"):
            assert table not in dynamodb(os.environ["EMULATOR_MOTO_URL"], "ListTables", {})["TableNames"]
    finally:
        dynamodb(dynamodb_local_url, "DeleteTable", {"TableName": table})


def test_status_reports_both(moto_url, dynamodb_local_url):
    result = run_emulators("status", timeout=30)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert any(line.split()[:3] == ["moto", "running", moto_url] for line in lines), result.stdout
    assert any(line.split()[:3] == ["dynamodb-local", "running", dynamodb_local_url]
               for line in lines), result.stdout


# --- up / down in a state directory of its own (moto only, to stay fast) ---------------------

def gone(pid: int, wait: float = 5) -> bool:
    """True once the process has exited (a zombie waiting for init to reap it counts as gone)."""
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        try:
            stat = pathlib.Path(f"/proc/{pid}/stat").read_text()
        except FileNotFoundError:
            return True
        if stat.rsplit(")", 1)[1].split()[0] == "Z":
            return True
        time.sleep(0.05)
    return False


@pytest.fixture
def own_state(tmp_path):
    """An environment whose scripts/emulators works in tmp_path/.local; stops what is left."""
    state = tmp_path / ".local"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "EMULATOR"))}
    env["EMULATORS_STATE_DIR"] = str(state)
    yield state, env
    run_emulators("down", env=env)


def test_up_then_down_leaves_no_process(own_state):
    state, env = own_state
    up = run_emulators("up", env=env)
    assert up.returncode == 0, up.stdout + up.stderr
    pid = int((state / "emulators" / "moto.pid").read_text().split()[0])
    url = (state / "emulators" / "moto.url").read_text().strip()
    cmdline = pathlib.Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
    assert b"moto_server" in cmdline
    assert f"export AWS_ENDPOINT_URL={url}" in (state / "emulators.env").read_text()
    assert "TableNames" in dynamodb(url, "ListTables", {})

    # A second up reuses the healthy emulator instead of starting another.
    again = run_emulators("up", env=env)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "reusing" in again.stdout
    assert int((state / "emulators" / "moto.pid").read_text().split()[0]) == pid

    down = run_emulators("down", env=env)
    assert down.returncode == 0, down.stdout + down.stderr
    assert gone(pid), f"moto (pid {pid}) still running after down"
    assert not (state / "emulators" / "moto.pid").exists()
    assert not (state / "emulators.env").exists()
    with pytest.raises(requests.ConnectionError):
        requests.get(url, timeout=2)

    # down again, and status, with nothing running: fine and says so.
    assert run_emulators("down", env=env).returncode == 0
    status = run_emulators("status", env=env)
    assert status.returncode == 3
    assert "moto" in status.stdout and "stopped" in status.stdout


def test_down_never_kills_a_process_it_did_not_start(own_state):
    state, env = own_state
    (state / "emulators").mkdir(parents=True)
    bystander = subprocess.Popen(["sleep", "60"])
    try:
        # A pid file naming a live process that is not moto (say, after the pid was reused).
        (state / "emulators" / "moto.pid").write_text(f"{bystander.pid}\n")
        down = run_emulators("down", env=env)
        assert down.returncode == 0, down.stdout + down.stderr
        assert "stale" in down.stdout
        assert bystander.poll() is None, "down killed a process that was not its emulator"
        assert not (state / "emulators" / "moto.pid").exists()
    finally:
        bystander.kill()
        bystander.wait()


def test_dynamodb_local_missing_says_run_bootstrap(own_state, tmp_path):
    _, env = own_state
    env["EMULATORS_DYNAMODB_LOCAL_DIR"] = str(tmp_path / "nothing-here")
    result = run_emulators("up", "--only-dynamodb-local", env=env)
    assert result.returncode != 0
    assert "run scripts/bootstrap" in result.stderr
