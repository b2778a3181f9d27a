"""hubctl backup and restore, the real binary against the session's table on moto: the file and its
manifest, progress on a terminal and off one, restoring into the same and into another table, and
damaged backups refused before anything is written."""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import os
import pathlib
import pty
import re
import subprocess

import boto3
import pytest

from conftest import STORAGE_ENV, binary, clean_env

SEEDED = 120


def dynamodb():
    return boto3.client("dynamodb", endpoint_url=STORAGE_ENV["AWS_ENDPOINT_URL"], region_name="us-east-1",
                        aws_access_key_id="testing", aws_secret_access_key="testing")


def hubctl(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(binary("hubctl")), *args], env=env if env is not None else clean_env(),
                          capture_output=True, text=True, timeout=180)


def canonical(item: dict) -> str:
    """An item as comparable text: sets are unordered."""
    def text(b):  # boto3 gives bytes, the file base64
        return b if isinstance(b, str) else base64.b64encode(bytes(b)).decode()

    def norm(value):
        (kind, inner), = value.items()
        if kind in ("SS", "NS"):
            return {kind: sorted(inner)}
        if kind == "BS":
            return {kind: sorted(text(b) for b in inner)}
        if kind == "B":
            return {kind: text(inner)}
        if kind == "M":
            return {"M": {k: norm(v) for k, v in inner.items()}}
        if kind == "L":
            return {"L": [norm(v) for v in inner]}
        return value
    return json.dumps({k: norm(v) for k, v in item.items()}, sort_keys=True)


def scan_all(table: str) -> list[dict]:
    items = []
    for page in dynamodb().get_paginator("scan").paginate(TableName=table, ConsistentRead=True):
        items.extend(page["Items"])
    return items


def seeded_items(prefix: str) -> list[dict]:
    return [{"PK": {"S": f"{prefix}#{i:04}"}, "SK": {"S": "ITEM"}, "n": {"N": str(i * 1.5)},
             "b": {"B": bytes([i % 256]) * 10}, "ss": {"SS": ["a", f"s{i}"]}, "ns": {"NS": ["1", str(i + 2)]},
             "m": {"M": {"l": {"L": [{"NULL": True}, {"BOOL": i % 2 == 0}, {"S": "Addis Ababa – ☀\n"}]}}}}
            for i in range(SEEDED)]


def with_prefix(items: list[dict], prefix: str) -> list[str]:
    return sorted(canonical(i) for i in items if i["PK"]["S"].startswith(prefix))


@pytest.fixture(scope="module")
def seeded(storage_table):
    """SEEDED items of every attribute type in the session's table, under a prefix of their own."""
    prefix = f"BACKUPTEST#{os.getpid()}"
    items = seeded_items(prefix)
    client = dynamodb()
    for start in range(0, len(items), 25):
        client.batch_write_item(RequestItems={storage_table: [{"PutRequest": {"Item": i}}
                                                              for i in items[start:start + 25]]})
    return prefix


@pytest.fixture()
def other_table(storage_table):
    """A second table made by hubctl table create, deleted afterwards."""
    name = f"{storage_table}-other-{os.urandom(3).hex()}"
    made = hubctl("table", "create", env=clean_env(HUB_TABLE_NAME=name))
    assert made.returncode == 0, made.stderr
    yield name
    dynamodb().delete_table(TableName=name)


def backup(tmp_path: pathlib.Path, *extra: str) -> tuple[pathlib.Path, dict, subprocess.CompletedProcess]:
    out = tmp_path / "hub.jsonl.gz"
    done = hubctl("backup", "--out", str(out), *extra)
    assert done.returncode == 0, done.stderr
    return out, json.loads((tmp_path / "hub.jsonl.gz.manifest.json").read_text()), done


def test_backup_writes_gzip_json_lines_and_a_manifest(tmp_path, storage_table, seeded):
    out, manifest, done = backup(tmp_path, "--segments", "3")
    data = out.read_bytes()
    assert set(manifest) == {"format", "format_version", "table", "created_at", "completed_at", "data_file",
                             "item_count", "data_bytes", "sha256", "segments"}
    assert manifest["format"] == "igad-hub-dynamodb-backup" and manifest["format_version"] == 1
    assert manifest["table"] == storage_table and manifest["segments"] == 3 and manifest["data_file"] == out.name
    assert manifest["data_bytes"] == len(data) and manifest["sha256"] == hashlib.sha256(data).hexdigest()
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", manifest["created_at"])

    lines = gzip.decompress(data).decode("utf-8").splitlines()
    assert len(lines) == manifest["item_count"] == len(scan_all(storage_table))
    in_file = [json.loads(line) for line in lines]
    assert with_prefix(in_file, seeded) == with_prefix(scan_all(storage_table), seeded)
    assert len(with_prefix(in_file, seeded)) == SEEDED

    assert (f"backup complete: table {storage_table}, {manifest['item_count']} items, {len(data)} bytes"
            in done.stdout)
    assert f"sha256 {manifest['sha256']}" in done.stdout
    # Not a terminal: plain lines (here only the final one: the run is shorter than 2 s), no bar.
    assert "\r" not in done.stderr and "\x1b" not in done.stderr
    assert re.search(r"^backup: [\d,]+ items in \d+\.\d s \([\d,]+ items/s\)$", done.stderr, re.M), done.stderr


def test_on_a_terminal_progress_is_one_redrawn_line(tmp_path, seeded):
    controller, terminal = pty.openpty()
    process = subprocess.Popen([str(binary("hubctl")), "backup", "--out", str(tmp_path / "tty.gz")],
                               env=clean_env(), stdout=subprocess.PIPE, stderr=terminal)
    os.close(terminal)
    shown = b""
    while True:
        try:
            chunk = os.read(controller, 4096)
        except OSError:  # EIO once the process has closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    os.close(controller)
    assert process.wait(timeout=60) == 0
    text = shown.decode("utf-8")
    assert text.startswith("\r"), text
    assert re.search(r"backup \[#{24}\] 100%  [\d,]+ items  [\d,]+ items/s  done in \d+:\d\d\x1b\[K", text), text


def test_restore_puts_deleted_items_back_and_verifies_the_file(tmp_path, storage_table, seeded):
    out, manifest, _ = backup(tmp_path)
    before = with_prefix(scan_all(storage_table), seeded)
    client = dynamodb()
    for i in range(SEEDED):
        client.delete_item(TableName=storage_table, Key={"PK": {"S": f"{seeded}#{i:04}"}, "SK": {"S": "ITEM"}})
    assert with_prefix(scan_all(storage_table), seeded) == []

    done = hubctl("restore", "--in", str(out))
    assert done.returncode == 0, done.stderr
    assert with_prefix(scan_all(storage_table), seeded) == before
    count = manifest["item_count"]
    assert (f"restore complete: table {storage_table}, {count} items ({count} written now, 0 by an earlier run)"
            in done.stdout)
    assert f"count and sha256 {manifest['sha256']} verified" in done.stdout
    assert re.search(r"^restore: [\d,]+ items in \d+\.\d s", done.stderr, re.M), done.stderr
    assert not (tmp_path / "hub.jsonl.gz.restore-state.json").exists()


def test_restore_into_another_table(tmp_path, storage_table, seeded, other_table):
    out, manifest, _ = backup(tmp_path)
    done = hubctl("restore", "--in", str(out), "--table", other_table)
    assert done.returncode == 0, done.stderr
    assert f"restore complete: table {other_table}, {manifest['item_count']} items" in done.stdout
    copied = scan_all(other_table)
    assert len(copied) == manifest["item_count"]
    assert with_prefix(copied, seeded) == with_prefix(scan_all(storage_table), seeded)


@pytest.mark.parametrize("damage", ["flipped byte", "truncated"])
def test_a_damaged_backup_is_refused_before_anything_is_written(tmp_path, seeded, other_table, damage):
    out, manifest, _ = backup(tmp_path)
    data = bytearray(out.read_bytes())
    if damage == "flipped byte":
        data[len(data) // 2] ^= 0x01
    else:
        data = data[: len(data) - 100]
    out.write_bytes(bytes(data))

    done = hubctl("restore", "--in", str(out), "--table", other_table)
    assert done.returncode == 1
    assert f"hubctl: restore failed: Refusing to restore {out}:" in done.stderr
    assert ("its SHA-256 is" if damage == "flipped byte" else "truncated or altered") in done.stderr
    assert scan_all(other_table) == []
    assert "restore complete" not in done.stdout


def test_bad_usage_exits_2_and_missing_files_exit_1(tmp_path):
    assert hubctl("backup").returncode == 2
    bad_segments = hubctl("backup", "--out", str(tmp_path / "x.gz"), "--segments", "0")
    assert bad_segments.returncode == 2 and "--segments takes a number from 1 to 64" in bad_segments.stderr
    assert hubctl("restore", "--in", str(tmp_path / "x.gz"), "--bogus").returncode == 2
    usage = hubctl("restore", "--help")
    assert usage.returncode == 0 and "usage: hubctl restore --in FILE" in usage.stdout
    missing = hubctl("restore", "--in", str(tmp_path / "missing.gz"))
    assert missing.returncode == 1
    assert "missing.gz.manifest.json: No such file or directory" in missing.stderr
    assert "backup --out FILE" in hubctl("help").stdout
