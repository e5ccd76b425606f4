"""Many letters through the API: POST /api/v1/batches and GET /api/v1/batches/{id}.

The body is a JSON array of REQUESTs, or JSON Lines (Content-Type
application/x-ndjson), bounded by BATCH_MAX_LINES and BATCH_MAX_BYTES. The lines
are written to the register in one transaction and answered with 202; the
worker (letterforge.jobs.batches) makes each letter through control.make_letter.
A line that is not a valid REQUEST fails on its own, with Dutch problems.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC
from typing import Any

from flask import Flask, Response, current_app, g, jsonify, request, url_for

from letterforge.errors import Problem
from letterforge.register import batches
from letterforge.register.models import BatchLine
from letterforge.web.auth import require_scope
from letterforge.web.problems import ApiProblem
from letterforge.web.state import state

NDJSON = "application/x-ndjson"
JSON = "application/json"
QUEUE_KEY = "letterforge_batch_queue"


def _invalid(message: str, path: str = "", code: str = "invalid") -> ApiProblem:
    return ApiProblem(
        400, "invalid_request", message, (Problem(path, message.lower(), code),)
    )


def _body() -> bytes:
    if request.mimetype not in (JSON, NDJSON):
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


def _json_lines(raw: bytes) -> list[str]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise _invalid("De tekst is geen UTF-8.") from e
    # Each non-empty line is one REQUEST; a broken line fails on its own later.
    return [line for line in text.splitlines() if line.strip()]


def _json_array(raw: bytes) -> list[str]:
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError, UnicodeDecodeError) as e:
        raise _invalid("Het verzoek is geen geldige JSON.") from e
    if not isinstance(data, list):
        raise _invalid("Stuur een JSON-lijst met verzoeken.", code="type")
    return [json.dumps(item, ensure_ascii=False) for item in data]


def read_lines(raw: bytes, mimetype: str, max_lines: int) -> list[str]:
    """The lines of a batch body as JSON texts; ApiProblem when empty or too many."""
    lines = _json_lines(raw) if mimetype == NDJSON else _json_array(raw)
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

    batch_id, total = start_batch(
        state().register,
        current_app.extensions.get(QUEUE_KEY),
        g.client,
        f"api:{g.client}",
        lines,
    )
    location = url_for("api.batch", batch_id=batch_id, _external=True)
    response = jsonify(
        {
            "id": batch_id,
            "status": batches.BATCH_QUEUED,
            "total": total,
            "links": {"self": location},
        }
    )
    response.status_code = 202
    response.headers["Location"] = location
    return response


def _line_json(row: BatchLine) -> dict[str, Any]:
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
    created = found.batch.created_at
    created = created if created.tzinfo else created.replace(tzinfo=UTC)
    return jsonify(
        {
            "id": found.batch.id,
            "status": found.status,
            "created_at": created.isoformat(),
            "total": found.batch.total,
            "counts": found.counts,
            "lines": [_line_json(row) for row in found.lines],
            "links": {
                "self": url_for("api.batch", batch_id=batch_id, _external=True),
                "letters": url_for("api.letters", _external=True),
            },
        }
    )


create_batch_view = require_scope("letters:write")(create_batch)
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
                "/letters. Of JSON Lines: Content-Type application/x-ndjson, "
                "één verzoek per regel. Een regel die geen goed verzoek is, "
                "mislukt apart; de batch gaat door.",
                "security": [{"bearer": ["letters:write"]}],
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
                    **errors(400, 401, 403, 413, 415),
                },
            }
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
