"""One JSON line per request, without personal data.

Logged: request id, method, the route pattern (not the path or query string, which
may hold a zaak number), status, duration, client name and template id. Never the
body, names, BSN, addresses or amounts.
"""

from __future__ import annotations

import json
import logging
import time
import traceback
import uuid

from flask import Flask, Response, g, request

log = logging.getLogger("letterforge.requests")


def _start() -> None:
    g.request_id = request.headers.get("X-Request-Id", "")[:64] or uuid.uuid4().hex
    g.started = time.perf_counter()


def _finish(response: Response) -> Response:
    rule = request.url_rule.rule if request.url_rule else "(onbekend)"
    entry = {
        "request_id": g.get("request_id"),
        "method": request.method,
        "route": rule,
        "status": response.status_code,
        "duration_ms": round((time.perf_counter() - g.get("started", 0)) * 1000, 1),
        "client": g.get("client"),
        "template": g.get("template"),
    }
    log.info(json.dumps(entry))
    response.headers["X-Request-Id"] = str(g.get("request_id"))
    return response


def install_request_logging(app: Flask) -> None:
    if not log.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
        log.propagate = False
    app.before_request(_start)
    app.after_request(_finish)


error_log = logging.getLogger("letterforge.web")


def _frames(error: BaseException) -> list[str]:
    """Where it happened: file, line and function of every frame, for the error
    and the errors it came from. Never the messages: those can hold case data
    (a database error quotes the values it tried to store)."""
    lines: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        lines.append(f"{type(current).__module__}.{type(current).__qualname__}")
        for frame in traceback.extract_tb(current.__traceback__):
            lines.append(
                f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}'
            )
        current = current.__cause__ or current.__context__
    return lines


def log_server_error(error: BaseException) -> None:
    """Log a 500 so it can be found: request id, route, template id, the kind of
    error and the place in the code (traceback frames), without case values."""
    rule = request.url_rule.rule if request.url_rule else "(onbekend)"
    entry = {
        "request_id": g.get("request_id"),
        "route": rule,
        "template": g.get("template"),
        "error": type(error).__name__,
        "traceback": _frames(error),
    }
    error_log.error("server error %s", json.dumps(entry))
