"""A Lambda Runtime API (2018-06-01) on loopback, for running a real bootstrap binary.

It hands out queued events on GET /runtime/invocation/next (blocking, as Lambda does) and
records what the function posts to /response, /error and /init/error. AWS's own Runtime
Interface Client (awslambdaric) is run against it in test_lambda.py, so the protocol it
speaks is checked against AWS's implementation, not only against ours.
"""

from __future__ import annotations

import json
import queue
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PREFIX = "/2018-06-01/runtime"
FUNCTION_ARN = "arn:aws:lambda:af-south-1:123456789012:function:innovation-hub-health"


def new_trace_header(sampled: bool = True) -> str:
    """A Lambda-Runtime-Trace-Id as Lambda sends it: the trace, the function segment, the decision."""
    root = f"1-{int(time.time()):08x}-{uuid.uuid4().hex[:24]}"
    return f"Root={root};Parent={uuid.uuid4().hex[:16]};Sampled={1 if sampled else 0}"


@dataclass
class Outcome:
    kind: str  # "response" or "error"
    request_id: str
    body: bytes
    headers: dict[str, str]

    def json(self):
        return json.loads(self.body)


@dataclass
class FakeRuntimeApi:
    events: "queue.Queue[tuple[str, str, bytes]]" = field(default_factory=queue.Queue)
    outcomes: "queue.Queue[Outcome]" = field(default_factory=queue.Queue)
    init_errors: list[Outcome] = field(default_factory=list)
    next_calls: list[float] = field(default_factory=list)
    server: ThreadingHTTPServer | None = None

    @property
    def address(self) -> str:
        assert self.server is not None
        host, port = self.server.server_address[:2]
        return f"{host}:{port}"

    def start(self) -> "FakeRuntimeApi":
        api = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # keep test output quiet
                pass

            def _reply(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None):
                self.send_response(status)
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                if self.path != f"{PREFIX}/invocation/next":
                    self._reply(404)
                    return
                api.next_calls.append(time.monotonic())
                item = api.events.get()
                if item is None:  # shutting down: answer as Lambda never would, so the loop ends
                    self._reply(500, b'{"errorMessage":"runtime api stopped"}')
                    return
                request_id, trace_id, event = item
                self._reply(200, event, {
                    "Content-Type": "application/json",
                    "Lambda-Runtime-Aws-Request-Id": request_id,
                    "Lambda-Runtime-Deadline-Ms": str(int(time.time() * 1000) + 30_000),
                    "Lambda-Runtime-Invoked-Function-Arn": FUNCTION_ARN,
                    "Lambda-Runtime-Trace-Id": trace_id,
                })

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                headers = {k.lower(): v for k, v in self.headers.items()}
                if self.path == f"{PREFIX}/init/error":
                    api.init_errors.append(Outcome("init_error", "", body, headers))
                    self._reply(202, b'{"status":"OK"}')
                    return
                parts = self.path.removeprefix(f"{PREFIX}/invocation/").split("/")
                if len(parts) == 2 and parts[1] in ("response", "error"):
                    api.outcomes.put(Outcome(parts[1], parts[0], body, headers))
                    self._reply(202, b'{"status":"OK"}')
                    return
                self._reply(404)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def invoke(self, event: dict | str | bytes, timeout: float = 10, trace_id: str | None = None) -> Outcome:
        """Queues one event and waits for its outcome. `trace_id` is the Lambda-Runtime-Trace-Id to
        send; by default a fresh sampled one (new_trace_header())."""
        request_id = str(uuid.uuid4())
        trace_id = trace_id if trace_id is not None else new_trace_header()
        payload = event if isinstance(event, bytes) else (
            event.encode() if isinstance(event, str) else json.dumps(event).encode())
        self.events.put((request_id, trace_id, payload))
        outcome = self.outcomes.get(timeout=timeout)
        assert outcome.request_id == request_id
        return outcome

    def stop(self) -> None:
        for _ in range(8):
            self.events.put(None)  # type: ignore[arg-type]
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
