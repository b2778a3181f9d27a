"""A few lines of raw HTTP/1.1 over a socket, for what a client library would not send."""

from __future__ import annotations

import json
import socket
from dataclasses import dataclass


@dataclass
class RawResponse:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self):
        return json.loads(self.body)


def read_response(sock: socket.socket, timeout: float = 10) -> RawResponse:
    sock.settimeout(timeout)
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError(f"connection closed before a full head: {data!r}")
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ")[1])
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length", "0"))
    while len(rest) < length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        rest += chunk
    return RawResponse(status, headers, rest[:length])


def exchange(host: str, port: int, payload: bytes, timeout: float = 10) -> RawResponse:
    with socket.create_connection((host, port), timeout=timeout) as sock:
        sock.sendall(payload)
        return read_response(sock, timeout)
