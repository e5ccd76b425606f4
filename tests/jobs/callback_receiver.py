"""A real HTTP receiver on 127.0.0.1 that checks the signature of every callback.

It answers with the statuses it is given, in turn (then 204), and keeps what it
got: the event, the headers and whether the signature was right, computed here
from the documented rule (not with letterforge's own function).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Received:
    event: dict[str, Any]
    headers: dict[str, str]
    body: bytes
    signed: bool


@dataclass
class Receiver:
    url: str
    secret: str = ""
    statuses: list[int] = field(default_factory=list)
    received: list[Received] = field(default_factory=list)

    def events(self, kind: str | None = None) -> list[dict[str, Any]]:
        return [r.event for r in self.received if kind in (None, r.event["type"])]


def verify(secret: str, timestamp: str, body: bytes, signature: str) -> bool:
    """What the README tells the case system to do."""
    expected = hmac.new(
        secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256
    ).hexdigest()
    return hmac.compare_digest(expected, signature)


@contextmanager
def receiver() -> Iterator[Receiver]:
    state = Receiver(url="")
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            headers = {k.lower(): v for k, v in self.headers.items()}
            signed = verify(
                state.secret,
                headers.get("x-letterforge-timestamp", ""),
                body,
                headers.get("x-letterforge-signature", ""),
            )
            with lock:
                status = state.statuses.pop(0) if state.statuses else 204
                if 200 <= status < 300:
                    state.received.append(
                        Received(json.loads(body), headers, body, signed)
                    )
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.url = f"http://127.0.0.1:{server.server_address[1]}/letterforge/events"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
