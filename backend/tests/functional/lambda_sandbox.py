"""A packaged function run as Lambda runs it, from nothing but its zips.

lambda_tree() unpacks a function zip into <root>/var/task and the common layer into <root>/opt;
SandboxedFunction starts the AWS Lambda Runtime Interface Emulator on that `bootstrap` inside a
bubblewrap sandbox whose root is the tree, so no file of this machine outside the tree is visible
(no /usr/lib, no /lib64 but decoys). Used by the packaging test and the Lambda package benchmark."""

from __future__ import annotations

import json
import pathlib
import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
import uuid
import zipfile

# What Lambda sets for a provided.al2023 function: /lib64 comes before the layer's /opt/lib.
LAMBDA_LD_LIBRARY_PATH = "/var/lang/lib:/lib64:/usr/lib64:/var/runtime:/var/runtime/lib:/var/task:/var/task/lib:/opt/lib"
INVOKE_PATH = "/2015-03-31/functions/function/invocations"
INIT_REPORT = re.compile(r"INIT REPORT\(durationMs: ([0-9.]+)\)")


def tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise RuntimeError(f"{name} not found: scripts/bootstrap installs it")
    return found


def unzip(archive: pathlib.Path, into: pathlib.Path) -> None:
    """Unpacks with the modes the zip records, as Lambda does."""
    with zipfile.ZipFile(archive) as z:
        for info in z.infolist():
            target = into / info.filename
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(z.read(info))
            target.chmod((info.external_attr >> 16) & 0o777)


def layers_of(function: str) -> list[str]:
    """The layers a function is deployed with (infra/ attaches the same), in order."""
    return ["layer-common", "layer-docs-ui"] if function == "bootstrap-health" else ["layer-common"]


def lambda_tree(root: pathlib.Path, package_dir: pathlib.Path, function: str) -> pathlib.Path:
    """/var/task (the function zip), /opt (its layers), the emulator, and nothing else but decoys:
    /lib64 holds a non-library named like each library of the layer, which a bootstrap that looked
    anywhere but /opt/lib would fail to load."""
    unzip(package_dir / f"{function}.zip", root / "var" / "task")
    for layer in layers_of(function):
        unzip(package_dir / f"{layer}.zip", root / "opt")
    (root / "usr" / "local" / "bin").mkdir(parents=True)
    shutil.copy2(tool("aws-lambda-rie"), root / "usr" / "local" / "bin" / "aws-lambda-rie")
    (root / "lib64").mkdir()
    for library in (root / "opt" / "lib").iterdir():
        (root / "lib64" / library.name).write_bytes(b"a decoy: the bootstrap must not load this\n")
    (root / "etc").mkdir()
    (root / "etc" / "hosts").write_text("127.0.0.1 localhost\n")
    (root / "etc" / "nsswitch.conf").write_text("hosts: files dns\n")
    for folder in ("tmp", "dev", "proc"):
        (root / folder).mkdir()
    return root


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SandboxedFunction:
    """`bootstrap` under the RIE, inside a sandbox whose root is a lambda_tree()."""

    def __init__(self, root: pathlib.Path, log: pathlib.Path, env: dict[str, str]):
        self.root = root
        self.port = free_port()
        self.marker = uuid.uuid4().hex
        self.log_path = log
        sandbox_env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8", "TZ": ":UTC",
                       "LD_LIBRARY_PATH": LAMBDA_LD_LIBRARY_PATH, "SANDBOX_RUN_ID": self.marker, **env}
        command = [tool("bwrap"), "--bind", str(root), "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp",
                   "--die-with-parent", "--chdir", "/var/task",
                   "/usr/local/bin/aws-lambda-rie", "--log-level", "info",
                   "--runtime-interface-emulator-address", f"127.0.0.1:{self.port}",
                   # The sandboxes share this machine's network: each Runtime API on a port of its own.
                   "--runtime-api-address", f"127.0.0.1:{free_port()}", "/var/task/bootstrap"]
        with open(log, "w") as out:
            self.process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=sandbox_env)

    def invoke(self, event: dict, timeout: float = 30) -> dict:
        """Sends `event` through the emulator's invoke URL (retrying while the emulator starts)."""
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{INVOKE_PATH}",
                                         data=json.dumps(event).encode(), method="POST")
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(request, timeout=timeout) as answer:
                    return json.loads(answer.read())
            except urllib.error.URLError as error:
                if isinstance(error, urllib.error.HTTPError) or time.monotonic() > deadline:
                    raise AssertionError(f"invoking failed: {error}\n{self.log_path.read_text()[-4000:]}") from error
                time.sleep(0.02)

    def init_durations_ms(self) -> list[float]:
        """What the emulator reported as each init's duration (exec until the first /next)."""
        return [float(m) for m in INIT_REPORT.findall(self.log_path.read_text())]

    def bootstrap_pid(self) -> int:
        for entry in pathlib.Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                cmdline = (entry / "cmdline").read_bytes().split(b"\0")
                environ = (entry / "environ").read_bytes()
            except OSError:
                continue
            if cmdline[0] == b"/var/task/bootstrap" and f"SANDBOX_RUN_ID={self.marker}".encode() in environ:
                return int(entry.name)
        raise AssertionError("no bootstrap process of this sandbox")

    def peak_rss_kib(self) -> int:
        """The bootstrap's peak resident set so far (VmHWM)."""
        for line in pathlib.Path(f"/proc/{self.bootstrap_pid()}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
        raise AssertionError("no VmHWM")

    def mapped_files(self) -> set[str]:
        """The files the bootstrap has mapped, as paths inside the sandbox."""
        maps = pathlib.Path(f"/proc/{self.bootstrap_pid()}/maps").read_text().splitlines()
        outside = str(self.root)
        paths = (fields[5] for fields in (line.split(maxsplit=5) for line in maps) if len(fields) == 6)
        return {path.removeprefix(outside) for path in paths if path.startswith("/")}

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
