"""Callbacks at the web edge: PUT, GET and DELETE /api/v1/callbacks.

A client (scope letters:write) registers one URL; the answer to PUT shows the
signing secret, once. GET shows the URL and the latest delivery attempts (never
the secret). The events are written by the core (register.callbacks) and
delivered by the worker (jobs.callbacks) on the same queue as everything else.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

from flask import Blueprint, Flask, Response, current_app, g, jsonify, request

from letterforge.control.callbacks import Network, parse_networks, register_callback
from letterforge.errors import Problem
from letterforge.register import callbacks
from letterforge.register.models import CallbackDelivery, CallbackEvent
from letterforge.web.auth import require_scope
from letterforge.web.problems import ApiProblem
from letterforge.web.state import state

callbacks_api = Blueprint("callbacks_api", __name__, url_prefix="/api/v1")
QUEUE_KEY = "letterforge_callback_queue"
BODY_MAX = 4096


def allowed_networks(config: Mapping[str, Any]) -> tuple[Network, ...]:
    """CALLBACK_ALLOWED_NETWORKS: non-public networks a callback may reach."""
    return parse_networks(config.get("CALLBACK_ALLOWED_NETWORKS") or ())


def _utc(moment: datetime) -> str:
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).isoformat()


def _url_from_body() -> str:
    if request.mimetype != "application/json":
        raise ApiProblem(
            415, "unsupported_media_type", "Stuur JSON (application/json)."
        )
    request.max_content_length = BODY_MAX
    try:
        data = json.loads(request.get_data(cache=False))
    except (ValueError, RecursionError) as e:
        raise ApiProblem(
            400, "invalid_request", "Het verzoek is geen geldige JSON."
        ) from e
    url = data.get("url") if isinstance(data, dict) else None
    if not isinstance(url, str):
        message = 'geef de URL als tekst: {"url": "https://..."}'
        raise ApiProblem(
            400, "invalid_request", "Geef een URL.", (Problem("url", message, "type"),)
        )
    return url


@callbacks_api.put("/callbacks")
@require_scope("letters:write")
def put_callback() -> Response:
    url = _url_from_body()
    with state().register.session() as session:
        existed = callbacks.subscription(session, g.client) is not None
    made = register_callback(
        state().register, g.client, url, allowed_networks(current_app.config)
    )
    response = jsonify(
        {
            "url": made.url,
            "secret": made.secret,
            "created_at": _utc(made.created_at),
            "events": list(callbacks.KINDS),
        }
    )
    response.status_code = 200 if existed else 201
    return response


def _delivery_json(row: CallbackDelivery) -> dict[str, Any]:
    return {
        "event": row.event_id,
        "url": row.url,
        "attempt": row.attempt,
        "at": _utc(row.at),
        "status_code": row.status_code,
        "error": row.error,
    }


@callbacks_api.get("/callbacks")
@require_scope("letters:write")
def get_callback() -> Response:
    with state().register.session() as session:
        found = callbacks.subscription(session, g.client)
        if found is None:
            raise ApiProblem(404, "no_callback", "U heeft geen callback-URL ingesteld.")
        rows = callbacks.deliveries(session, g.client)
        body = {
            "url": found.url,
            "created_at": _utc(found.created_at),
            "events": list(callbacks.KINDS),
            "deliveries": [_delivery_json(row) for row in rows],
        }
    return jsonify(body)


EVENT_STATES = (
    callbacks.WAITING,
    callbacks.BUSY,
    callbacks.DELIVERED,
    callbacks.FAILED,
)
EVENTS_MAX = 100


def _event_json(event: CallbackEvent) -> dict[str, Any]:
    return {
        "id": event.id,
        "type": event.kind,
        "state": event.state,
        "attempts": event.attempts,
        "created_at": _utc(event.created_at),
        "body": event.payload,
    }


@callbacks_api.get("/callbacks/events")
@require_scope("letters:write")
def list_events() -> Response:
    """The client's own events, newest first (at most EVENTS_MAX); ?status=mislukt
    lists what was lost after the last attempt, to send again or to catch up."""
    status = request.args.get("status")
    unknown = sorted(set(request.args) - {"status"})
    if unknown or status not in (None, *EVENT_STATES):
        path = unknown[0] if unknown else "status"
        message = f"kies uit: {', '.join(EVENT_STATES)}" if not unknown else "onbekend"
        raise ApiProblem(
            400,
            "invalid_request",
            "De zoekvraag klopt niet.",
            (Problem(path, message),),
        )
    with state().register.session() as session:
        found = callbacks.events(session, g.client, status, EVENTS_MAX)
        body = {"events": [_event_json(e) for e in found], "limit": EVENTS_MAX}
    return jsonify(body)


@callbacks_api.post("/callbacks/events/<event_id>/opnieuw")
@require_scope("letters:write")
def send_event_again(event_id: str) -> Response:
    """Send a failed event again: a new series of attempts, same id and body."""
    with state().register.session() as session:
        event, sent = callbacks.send_again(
            session, g.client, event_id, datetime.now(UTC)
        )
        if event is None:
            raise ApiProblem(404, "unknown_event", "Deze gebeurtenis bestaat niet.")
        if not sent:
            raise ApiProblem(
                409,
                "conflict",
                f"Deze gebeurtenis is {event.state}; alleen een mislukte sturen wij"
                " opnieuw.",
            )
        body = _event_json(event)
    response = jsonify(body)
    response.status_code = 202
    return response


@callbacks_api.delete("/callbacks")
@require_scope("letters:write")
def delete_callback() -> Response:
    with state().register.session() as session:
        removed = callbacks.unsubscribe(session, g.client)
    if not removed:
        raise ApiProblem(404, "no_callback", "U heeft geen callback-URL ingesteld.")
    return Response(status=204)


def install_callback_queue(app: Flask) -> None:
    """Put new events on the filing queue's Huey as soon as they commit."""
    filing = app.extensions.get("letterforge_queue")
    if filing is None:
        return
    from letterforge.jobs.callbacks import CallbackQueue, install_notifier

    def no_context() -> Any:
        raise RuntimeError("the web process only puts jobs on the queue")

    queue = CallbackQueue(filing.huey, no_context)
    install_notifier(app.extensions["letterforge"].register, queue)
    app.extensions[QUEUE_KEY] = queue


CALLBACK_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["url"],
    "properties": {
        "url": {"type": "string"},
        "secret": {"type": "string", "description": "Alleen bij PUT, één keer."},
        "created_at": {"type": "string"},
        "events": {"type": "array", "items": {"type": "string"}},
        "deliveries": {"type": "array", "items": {"type": "object"}},
    },
}


def callback_paths(errors: Callable[..., dict[str, Any]]) -> dict[str, Any]:
    """The OpenAPI paths of this module (merged into web.openapi's document)."""
    schema = {"$ref": "#/components/schemas/Callback"}
    security = [{"bearer": ["letters:write"]}]
    answer = {"content": {"application/json": {"schema": schema}}}
    event_schema = {
        "type": "object",
        "required": ["id", "type", "state", "attempts"],
        "properties": {
            "id": {"type": "string"},
            "type": {"type": "string"},
            "state": {"type": "string", "enum": list(EVENT_STATES)},
            "attempts": {"type": "integer"},
            "created_at": {"type": "string"},
            "body": {"type": "object"},
        },
    }
    event_answer = {"content": {"application/json": {"schema": event_schema}}}
    events_answer = {
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "required": ["events"],
                    "properties": {
                        "events": {"type": "array", "items": event_schema},
                        "limit": {"type": "integer"},
                    },
                }
            }
        }
    }
    return {
        "/callbacks": {
            "put": {
                "summary": "Stel de callback-URL in; het antwoord toont het geheim",
                "description": "Wij sturen gebeurtenissen (brief.gemaakt, "
                "brief.goedgekeurd, brief.afgekeurd, brief.gearchiveerd, "
                "batch.klaar) met POST naar deze URL, ondertekend met "
                "HMAC-SHA256. Een nieuwe PUT geeft een nieuw geheim.",
                "security": security,
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "required": ["url"],
                                "properties": {"url": {"type": "string"}},
                            }
                        }
                    },
                },
                "responses": {
                    "200": {"description": "Vervangen", **answer},
                    "201": {"description": "Ingesteld", **answer},
                    **errors(400, 401, 403, 413, 415),
                },
            },
            "get": {
                "summary": "De callback-URL en de laatste pogingen",
                "security": security,
                "responses": {
                    "200": {"description": "De callback", **answer},
                    **errors(401, 403, 404),
                },
            },
            "delete": {
                "summary": "Stop met callbacks",
                "security": security,
                "responses": {
                    "204": {"description": "Verwijderd"},
                    **errors(401, 403, 404),
                },
            },
        },
        "/callbacks/events": {
            "get": {
                "summary": "De eigen gebeurtenissen, nieuwste eerst (ten hoogste 100)",
                "description": "Met ?status=mislukt: wat na de laatste poging "
                "niet is aangekomen. Stuur het opnieuw, of haal de stand op bij "
                "de brieven en batches.",
                "security": security,
                "parameters": [
                    {
                        "name": "status",
                        "in": "query",
                        "schema": {"type": "string", "enum": list(EVENT_STATES)},
                    }
                ],
                "responses": {
                    "200": {"description": "De gebeurtenissen", **events_answer},
                    **errors(400, 401, 403),
                },
            }
        },
        "/callbacks/events/{event_id}/opnieuw": {
            "post": {
                "summary": "Stuur een mislukte gebeurtenis opnieuw",
                "security": security,
                "parameters": [
                    {
                        "name": "event_id",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "string"},
                    }
                ],
                "responses": {
                    "202": {"description": "Weer in de wachtrij", **event_answer},
                    **errors(401, 403, 404, 409),
                },
            }
        },
    }
