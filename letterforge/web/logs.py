"""One JSON line per request, without personal data.

Logged: request id, method, the route pattern (not the path or query string, which
may hold a zaak number), status, duration, client name and template id. Never the
body, names, BSN, addresses or amounts.
"""

from __future__ import annotations

import json
import logging
import time
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
