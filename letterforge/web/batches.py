"""Many letters through the API: POST /api/v1/batches and GET /api/v1/batches/{id}.

The body is a JSON array of REQUESTs, or JSON Lines (Content-Type
application/x-ndjson or application/jsonl), bounded by BATCH_MAX_LINES and
BATCH_MAX_BYTES. The lines are written to the register in one transaction and
answered with 202; the worker (letterforge.jobs.batches) makes each letter
through control.make_letter.
A line that is not a valid REQUEST fails on its own, with Dutch problems.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC
from typing import Any

from flask import Flask, Response, current_app, g, jsonify, request, url_for

from letterforge.control.batch_file import numbered_lines
from letterforge.errors import Problem
from letterforge.register import batches
from letterforge.register.models import Batch
from letterforge.web.auth import require_scope
from letterforge.web.problems import ApiProblem
from letterforge.web.state import state

NDJSON = "application/x-ndjson"
# The same format under the names jsonlines.org and others use.
JSON_LINES_TYPES = (NDJSON, "application/jsonl", "application/json-lines")
JSON = "application/json"
QUEUE_KEY = "letterforge_batch_queue"


def _invalid(message: str, path: str = "", code: str = "invalid") -> ApiProblem:
    return ApiProblem(
        400, "invalid_request", message, (Problem(path, message.lower(), code),)
    )


def _body() -> bytes:
    if request.mimetype not in (JSON, *JSON_LINES_TYPES):
        raise ApiProblem(
            415,
            "unsupported_media_type",
            f"Stuur een JSON-lijst ({JSON}) of JSON Lines ({NDJSON}).",
        )
    limit = int(current_app.config["BATCH_MAX_BYTES"])
    # A batch may be bigger than one letter (MAX_CONTENT_LENGTH), within its own
    # bound; Werkzeug refuses a longer body with 413 while reading it.
    request.max_content_length = limit
    return request.get_data(cache=False)


def _json_lines(raw: bytes) -> list[tuple[int, str]]:
    """Each non-empty line is one REQUEST, numbered as the line of the body
    (batch_file.numbered_lines, as on every path); a broken line fails on its
    own later."""
    found: list[tuple[int, str]] = []
    for number, line in numbered_lines(raw.split(b"\n")):
        try:
            found.append((number, line.decode("utf-8").strip()))
        except UnicodeDecodeError as e:
            raise _invalid(f"Regel {number} is geen UTF-8.", f"regel {number}") from e
    return found


def _json_array(raw: bytes) -> list[tuple[int, str]]:
    """The items of a JSON array, numbered by their place in it (from 1)."""
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError, UnicodeDecodeError) as e:
        raise _invalid("Het verzoek is geen geldige JSON.") from e
    if not isinstance(data, list):
        raise _invalid("Stuur een JSON-lijst met verzoeken.", code="type")
    return [(n, json.dumps(item, ensure_ascii=False)) for n, item in enumerate(data, 1)]


def read_lines(raw: bytes, mimetype: str, max_lines: int) -> list[tuple[int, str]]:
    """The lines of a batch body as JSON texts; ApiProblem when empty or too many."""
    lines = _json_lines(raw) if mimetype in JSON_LINES_TYPES else _json_array(raw)
    if not lines:
        raise _invalid("De lijst met verzoeken is leeg.", code="required")
    if len(lines) > max_lines:
        message = f"Stuur ten hoogste {max_lines} verzoeken per keer."
        raise ApiProblem(
            413, "too_large", message, (Problem("", message.lower(), "max_items"),)
        )
    return lines


def create_batch() -> Response:
    lines = read_lines(
        _body(), request.mimetype, int(current_app.config["BATCH_MAX_LINES"])
    )
    from letterforge.jobs.batches import start_batch
    from letterforge.web.api import _idempotency_key  # one reader of the header

    key = _idempotency_key()
    batch_id, total = start_batch(
        state().register,
        current_app.extensions.get(QUEUE_KEY),
        g.client,
        f"api:{g.client}",
        lines,
        idempotency_key=key,
    )
    status = batches.BATCH_QUEUED
    if key:  # maybe a retry: say how far the batch made earlier is
        with state().register.session() as session:
            found = batches.get_batch(session, batch_id)
            status = batches.batch_summary(session, found)[0] if found else status
    location = url_for("api.batch", batch_id=batch_id, _external=True)
    response = jsonify(
        {
            "id": batch_id,
            "status": status,
            "total": total,
            "links": {"self": location},
        }
    )
    response.status_code = 202
    response.headers["Location"] = location
    return response


def _line_json(row: batches.LineView) -> dict[str, Any]:
    body: dict[str, Any] = {"line": row.line, "state": row.state}
    if row.letter_id:
        body["letter"] = row.letter_id
        body["links"] = {
            "letter": url_for("api.letter", letter_id=row.letter_id, _external=True)
        }
    if row.errors:
        body["errors"] = row.errors
    return body


def batch(batch_id: str) -> Response:
    with state().register.session() as session:
        found = batches.view_batch(session, batch_id)
    scopes = g.get("scopes", frozenset())
    # Someone else's batch is "not found": its existence is not to be probed.
    if found is None or (
        found.batch.client_name != g.client and "letters:read-all" not in scopes
    ):
        raise ApiProblem(404, "unknown_batch", "Deze batch bestaat niet.")
    return jsonify(
        {
            "id": found.batch.id,
            "status": found.status,
            "created_at": _created_at(found.batch),
            "total": found.batch.total,
            "counts": found.counts,
            "lines": [_line_json(row) for row in found.lines],
            "links": {
                "self": url_for("api.batch", batch_id=batch_id, _external=True),
                "letters": url_for("api.letters", _external=True),
            },
        }
    )


def _created_at(found: Batch) -> str:
    created = found.created_at
    return (created if created.tzinfo else created.replace(tzinfo=UTC)).isoformat()


def list_batches() -> Response:
    """The client's own batches, newest first, a page at a time (no lines)."""
    from letterforge.web.api import _positive_int
    from letterforge.web.openapi import PAGE_MAX

    unknown = sorted(set(request.args) - {"page", "per_page"})
    if unknown:
        raise ApiProblem(
            400,
            "invalid_request",
            "De zoekvraag klopt niet.",
            tuple(
                Problem(n, "deze zoekvraag is onbekend", "unknown_field")
                for n in unknown
            ),
        )
    per_page = _positive_int("per_page", 20, current_app.config["PER_PAGE_MAX"])
    page = _positive_int("page", 1, PAGE_MAX)
    with state().register.session() as session:
        found, total = batches.client_batches(session, g.client, page, per_page)
        items = [
            {
                "id": b.id,
                "status": status,
                "created_at": _created_at(b),
                "total": b.total,
                "counts": counts,
                "links": {"self": url_for("api.batch", batch_id=b.id, _external=True)},
            }
            for b, status, counts in found
        ]
    links: dict[str, str] = {}
    if page * per_page < total:
        links["next"] = url_for("api.list_batches", page=page + 1, per_page=per_page)
    if page > 1:
        links["prev"] = url_for("api.list_batches", page=page - 1, per_page=per_page)
    return jsonify(
        {
            "batches": items,
            "page": page,
            "per_page": per_page,
            "total": total,
            "links": links,
        }
    )


create_batch_view = require_scope("letters:write")(create_batch)
list_batches_view = require_scope("letters:read")(list_batches)
batch_view = require_scope("letters:read")(batch)


def install_batch_queue(app: Flask) -> None:
    """Put the jobs of new batches on the filing queue's Huey, when there is one."""
    filing = app.extensions.get("letterforge_queue")
    if filing is None:
        return
    from letterforge.jobs.batches import BatchQueue

    def no_context() -> Any:
        raise RuntimeError("the web process only puts jobs on the queue")

    app.extensions[QUEUE_KEY] = BatchQueue(filing.huey, no_context)


def batch_paths(errors: Callable[..., dict[str, Any]]) -> dict[str, Any]:
    """The OpenAPI paths of this module (merged into web.openapi's document)."""
    request_schema = {"$ref": "#/components/schemas/Batch"}
    return {
        "/batches": {
            "post": {
                "summary": "Veel brieven tegelijk: een lijst of JSON Lines",
                # Not as a second media type: OpenAPI has no schema for JSON Lines
                # that a generator (schemathesis) can serialise.
                "description": "Een JSON-lijst met verzoeken zoals bij POST "
                "/letters. Of JSON Lines: Content-Type application/x-ndjson "
                "(of application/jsonl), één verzoek per regel. Een regel die "
                "geen goed verzoek is, mislukt apart; de batch gaat door. Met "
                "de header Idempotency-Key geeft een herhaald verzoek dezelfde "
                "batch terug en maakt het niets opnieuw; dezelfde sleutel met "
                "andere regels geeft 409.",
                "security": [{"bearer": ["letters:write"]}],
                "parameters": [
                    {
                        "name": "Idempotency-Key",
                        "in": "header",
                        "required": False,
                        "schema": {"type": "string", "minLength": 1, "maxLength": 200},
                    }
                ],
                "requestBody": {
                    "required": True,
                    "content": {
                        # Items of any shape: a line that is not a REQUEST
                        # fails on its own, with its Dutch problems.
                        JSON: {
                            "schema": {
                                "type": "array",
                                "minItems": 1,
                                "items": {"description": "Een REQUEST"},
                            }
                        },
                    },
                },
                "responses": {
                    "202": {
                        "description": "De batch staat in de wachtrij",
                        "content": {JSON: {"schema": request_schema}},
                    },
                    **errors(400, 401, 403, 409, 413, 415),
                },
            },
            "get": {
                "summary": "De eigen batches, nieuwste eerst, per pagina",
                "security": [{"bearer": ["letters:read"]}],
                "parameters": [
                    {
                        "name": "page",
                        "in": "query",
                        "schema": {"type": "integer", "minimum": 1},
                    },
                    {
                        "name": "per_page",
                        "in": "query",
                        "schema": {"type": "integer", "minimum": 1},
                    },
                ],
                "responses": {
                    "200": {
                        "description": "Een pagina batches (zonder regels)",
                        "content": {
                            JSON: {
                                "schema": {
                                    "type": "object",
                                    "required": ["batches", "page", "total"],
                                    "properties": {
                                        "batches": {
                                            "type": "array",
                                            "items": request_schema,
                                        },
                                        "page": {"type": "integer"},
                                        "per_page": {"type": "integer"},
                                        "total": {"type": "integer"},
                                        "links": {"type": "object"},
                                    },
                                }
                            }
                        },
                    },
                    **errors(400, 401, 403),
                },
            },
        },
        "/batches/{batch_id}": {
            "get": {
                "summary": "De stand van een batch, per regel",
                "security": [{"bearer": ["letters:read"]}],
                "parameters": [
                    {
                        "name": "batch_id",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "string", "format": "uuid"},
                    }
                ],
                "responses": {
                    "200": {
                        "description": "De batch",
                        "content": {JSON: {"schema": request_schema}},
                    },
                    **errors(401, 403, 404),
                },
            }
        },
    }


BATCH_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["id", "status"],
    "properties": {
        "id": {"type": "string"},
        "status": {
            "type": "string",
            "enum": [batches.BATCH_QUEUED, batches.BATCH_BUSY, batches.BATCH_DONE],
        },
        "created_at": {"type": "string"},
        "total": {"type": "integer"},
        "counts": {
            "type": "object",
            "properties": {s: {"type": "integer"} for s in batches.LINE_STATES},
        },
        "lines": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "line": {"type": "integer"},
                    "state": {"type": "string", "enum": list(batches.LINE_STATES)},
                    "letter": {"type": "string"},
                    "links": {"type": "object"},
                    "errors": {"type": "array", "items": {"type": "object"}},
                },
            },
        },
        "links": {"type": "object"},
    },
}
