"""The API for the case system, under /api/v1 (GOV.UK Notify's conventions)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from flask import Blueprint, Response, current_app, g, jsonify, request, url_for

from letterforge import control
from letterforge.assess import glossary_for
from letterforge.case.limits import text_problems
from letterforge.errors import Problem
from letterforge.library import Template
from letterforge.pipeline import decode_request, load_library
from letterforge.readability import EmptyText, analyze
from letterforge.register.audit import events
from letterforge.register.models import LetterRecord
from letterforge.register.store import (
    copies_of,
    get_document,
    get_letter,
    list_letters,
)
from letterforge.web import batches, calculations
from letterforge.web.auth import may_see, require_scope
from letterforge.web.examples import example_request
from letterforge.web.filing import filing_of
from letterforge.web.openapi import PAGE_MAX, openapi_document
from letterforge.web.problems import ApiProblem
from letterforge.web.state import state
from letterforge.web.template_versions import in_force_json

api = Blueprint("api", __name__, url_prefix="/api/v1")
api.add_url_rule(
    "/calculations/<name>", view_func=calculations.calculation, methods=["POST"]
)
api.add_url_rule(
    "/batches", "create_batch", view_func=batches.create_batch_view, methods=["POST"]
)
api.add_url_rule("/batches/<batch_id>", "batch", view_func=batches.batch_view)
api.add_url_rule("/batches", "list_batches", view_func=batches.list_batches_view)
IDEMPOTENCY_KEY_MAX = 200
JSON_TYPES = ("application/json",)


def _json_body() -> bytes:
    if request.mimetype not in JSON_TYPES:
        raise ApiProblem(
            415, "unsupported_media_type", "Stuur JSON (application/json)."
        )
    return request.get_data(cache=False)


def _utc(moment: datetime) -> datetime:
    """SQLite returns times without zone; we always store UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _letter_json(record: LetterRecord) -> dict[str, Any]:
    return {
        "id": record.id,
        "status": record.status,
        "created_at": _utc(record.created_at).isoformat(),
        "template": {
            "id": record.template_id,
            "version": record.template_version,
            # Which text made it (issue 17): 1 is the shipped library.
            "version_number": record.template_version_number,
            "version_id": record.template_version_id,
            "content_hash": record.template_content_hash,
        },
        "zaak": record.zaak,
        "kenmerk": record.kenmerk,
        "filename": record.filename,
        "readability": record.readability,
        # Case checks and unverified norm values the letter was made with.
        "waarschuwingen": record.warnings or [],
        "links": {
            "self": url_for("api.letter", letter_id=record.id, _external=True),
            "document": url_for("api.document", letter_id=record.id, _external=True),
            "pdf": url_for(
                "filing_api.letter_pdf", letter_id=record.id, _external=True
            ),
        },
        # PDF/A and filing in the zaak (ZGW): state and the URLs created.
        "archivering": filing_of(record.id),
        # Who the document went to; a copy names its original (issue 13).
        "ontvanger": record.recipient,
        "kopie_van": record.copy_of,
    }


def _copies_json(record: LetterRecord) -> list[dict[str, Any]]:
    """The copies registered with a letter: who got one, when, and its status."""
    with state().register.session() as session:
        found = copies_of(session, record.id)
    return [
        {
            "id": c.id,
            "ontvanger": c.recipient,
            "created_at": _utc(c.created_at).isoformat(),
            "status": c.status,
            "self": url_for("api.letter", letter_id=c.id, _external=True),
        }
        for c in found
    ]


def _wants_json() -> bool:
    best = request.accept_mimetypes.best_match(
        [
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/json",
        ]
    )
    return best == "application/json"


def _document(record: LetterRecord, status: int) -> Response:
    response = Response(record.content, status=status, mimetype=record.media_type)
    response.headers["Content-Disposition"] = (
        f'attachment; filename="{record.filename}"'
    )
    response.headers["X-Letter-Id"] = record.id
    return response


def _answer(record: LetterRecord, status: int) -> Response:
    # A concept is never handed out as a document: it waits for a second person.
    final = record.status == control.FINAL
    if final and not _wants_json():
        response = _document(record, status)
    else:
        response = jsonify(_letter_json(record) | {"kopieen": _copies_json(record)})
    response.status_code = status if final else 202
    response.headers["X-Letter-Id"] = record.id
    # A DOCX answer carries only the count; the JSON answer has the messages.
    response.headers["X-Letter-Warnings"] = str(len(record.warnings or ()))
    response.headers["Location"] = url_for("api.letter", letter_id=record.id)
    return response


def _idempotency_key() -> str | None:
    key = request.headers.get("Idempotency-Key")
    if key is not None and not 0 < len(key) <= IDEMPOTENCY_KEY_MAX:
        raise ApiProblem(
            400,
            "invalid_request",
            "Idempotency-Key is te lang of leeg.",
            (Problem("Idempotency-Key", "gebruik 1 tot 200 tekens"),),
        )
    return key


@api.post("/letters")
@require_scope("letters:write")
def create_letter() -> Response:
    letter_request = decode_request(_json_body())
    g.template = letter_request.template
    app_state = state()
    record = control.make_letter(
        app_state.register,
        letter_request,
        app_state.settings,
        today=app_state.today(),
        client=g.client,
        actor=_actor(),
        idempotency_key=_idempotency_key(),
    )
    return _answer(record, 201)


def _actor() -> str:
    """API clients in the audit trail; user names cannot contain ':'."""
    return f"api:{g.client}"


def _stored(letter_id: str, *, document: bool = False) -> LetterRecord:
    find = get_document if document else get_letter
    with state().register.session() as session:
        record = find(session, letter_id)
    # Someone else's letter is "not found": its existence is not to be probed.
    if record is None or not may_see(record.client_name, record.status):
        raise ApiProblem(404, "unknown_letter", "Deze brief bestaat niet.")
    return record


def _exists(letter_id: str) -> None:
    """Approvers may act on any letter; control refuses what is not a concept."""
    with state().register.session() as session:
        if get_letter(session, letter_id) is None:
            raise ApiProblem(404, "unknown_letter", "Deze brief bestaat niet.")


def _events_json(record: LetterRecord) -> list[dict[str, Any]]:
    with state().register.session() as session:
        trail = events(session, record.id)
    return [
        {
            "at": _utc(e.at).isoformat(),
            "kind": e.kind,
            "actor": e.actor,
            **({"reason": e.reason} if e.reason else {}),
        }
        for e in trail
    ]


@api.get("/letters/<letter_id>")
@require_scope("letters:read")
def letter(letter_id: str) -> Response:
    record = _stored(letter_id)
    return jsonify(
        _letter_json(record)
        | {"events": _events_json(record), "kopieen": _copies_json(record)}
    )


@api.get("/letters/<letter_id>/document")
@require_scope("letters:read")
def document(letter_id: str) -> Response:
    _stored(letter_id)  # visibility first: someone else's letter is not found
    record = control.hand_out(state().register, letter_id, _actor())
    if record is None:
        raise ApiProblem(404, "unknown_letter", "Deze brief bestaat niet.")
    return _document(record, 200)


@api.get("/letters/<letter_id>/view")
@require_scope("letters:approve")
def review_view(letter_id: str) -> Response:
    """The stored document as HTML, for the reviewer: what will be sent."""
    record = _stored(letter_id, document=True)
    html = control.stored_html(record.content, record.media_type)
    head = '<!doctype html><html lang="nl"><meta charset="utf-8">'
    page = f"{head}<body>{html}</body></html>"
    return Response(page, mimetype="text/html")


def _review_body() -> dict[str, Any]:
    raw = request.get_data(cache=False)
    if not raw.strip():
        return {}
    if request.mimetype not in JSON_TYPES:
        raise ApiProblem(
            415, "unsupported_media_type", "Stuur JSON (application/json)."
        )
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError) as e:
        raise ApiProblem(
            400, "invalid_request", "Het verzoek is geen geldige JSON."
        ) from e
    if not isinstance(data, dict):
        raise ApiProblem(
            400, "invalid_request", "Het verzoek moet een JSON-object zijn."
        )
    return data


@api.post("/letters/<letter_id>/approve")
@require_scope("letters:approve")
def approve(letter_id: str) -> Response:
    _exists(letter_id)
    # A concept dated before today is refused (409, letter_date_outdated,
    # zaak.briefdatum): the way out is POST /letters/{id}/remake.
    record = control.approve(
        state().register, letter_id, _actor(), today=state().today()
    )
    return jsonify(_letter_json(record) | {"kopieen": _copies_json(record)})


@api.post("/letters/<letter_id>/remake")
@require_scope("letters:write")
def remake(letter_id: str) -> Response:
    """A concept made again from its stored request with today's date; the old
    one is rejected with a reason that names the new one (202, a new concept)."""
    _stored(letter_id)  # the client's own letter; someone else's is not found
    app_state = state()
    record = control.remake(
        app_state.register,
        letter_id,
        _actor(),
        app_state.settings,
        today=app_state.today(),
    )
    g.template = record.template_id
    return _answer(record, 201)


@api.post("/letters/<letter_id>/reject")
@require_scope("letters:approve")
def reject(letter_id: str) -> Response:
    _exists(letter_id)
    reason = _review_body().get("reason", "")
    if not isinstance(reason, str):
        raise ApiProblem(
            422,
            "invalid_request",
            "Geef de reden als tekst.",
            (Problem("reason", "geef een tekst", "type"),),
        )
    record = control.reject(
        state().register, letter_id, _actor(), reason, field="reason"
    )
    return jsonify(_letter_json(record) | {"kopieen": _copies_json(record)})


def _positive_int(name: str, default: int, maximum: int) -> int:
    raw = request.args.get(name, str(default))
    # isascii: str.isdigit() accepts "²", which int() refuses.
    if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= maximum:
        message = f"geef een getal van 1 tot en met {maximum}"
        raise ApiProblem(
            400,
            "invalid_request",
            "De zoekvraag klopt niet.",
            (Problem(name, message, "range"),),
        )
    return int(raw)


LISTING_ARGS = ("zaak", "template", "status", "page", "per_page")


def _refuse_unknown_args() -> None:
    """A mistyped filter (?zak=) must not silently list every letter."""
    unknown = sorted(set(request.args) - set(LISTING_ARGS))
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


@api.get("/letters")
@require_scope("letters:read")
def letters() -> Response:
    _refuse_unknown_args()
    per_page = _positive_int("per_page", 20, current_app.config["PER_PAGE_MAX"])
    page = _positive_int("page", 1, PAGE_MAX)
    status = request.args.get("status")
    if status not in (None, control.CONCEPT, control.FINAL, control.REJECTED):
        raise ApiProblem(
            400,
            "invalid_request",
            "De zoekvraag klopt niet.",
            (Problem("status", "kies concept, definitief of afgekeurd", "enum"),),
        )
    scopes = g.get("scopes", frozenset())
    everyone = "letters:read-all" in scopes or (
        "letters:approve" in scopes and status == control.CONCEPT
    )
    with state().register.session() as session:
        found = list_letters(
            session,
            zaak=request.args.get("zaak"),
            template=request.args.get("template"),
            page=page,
            per_page=per_page,
            owner=None if everyone else g.client,
            status=status,
        )
    links: dict[str, str] = {}
    args: dict[str, Any] = {k: v for k, v in request.args.items() if k != "page"}
    if page * per_page < found.total:
        links["next"] = url_for("api.letters", page=page + 1, **args)
    if page > 1:
        links["prev"] = url_for("api.letters", page=page - 1, **args)
    return jsonify(
        {
            "letters": [_letter_json(r) for r in found.items],
            "page": page,
            "per_page": per_page,
            "total": found.total,
            "links": links,
        }
    )


def _template_json(template: Template) -> dict[str, Any]:
    return {
        "id": template.id,
        "title": template.title,
        "version": template.version,
        "domain": template.domain,
        "legal_basis": list(template.legal_basis),
        "description": template.description,
        "in_force": in_force_json(template.id),
        "links": {
            "self": url_for("api.template", template_id=template.id),
            "versions": url_for(
                "template_versions_api.versions", template_id=template.id
            ),
        },
    }


@api.get("/templates")
@require_scope("")
def templates() -> Response:
    library = load_library(state().settings)
    return jsonify({"templates": [_template_json(t) for t in library.templates()]})


@api.get("/templates/<template_id>")
@require_scope("")
def template(template_id: str) -> Response:
    found = load_library(state().settings).get(template_id)
    body = _template_json(found) | {
        "schema": found.schema,
        "example": example_request(state().settings, found.id),
    }
    return jsonify(body)


@api.post("/readability")
@require_scope("readability")
def readability() -> Response:
    try:
        data = json.loads(_json_body())
    except (ValueError, RecursionError) as e:
        raise ApiProblem(
            400, "invalid_request", "Het verzoek is geen geldige JSON."
        ) from e
    text = data.get("text") if isinstance(data, dict) else None
    if not isinstance(text, str):
        raise ApiProblem(
            422,
            "invalid_request",
            "Geef de tekst in het veld 'text'.",
            (Problem("text", "geef een tekst", "required"),),
        )
    too_big = text_problems(text, "text")
    if too_big:
        raise ApiProblem(413, "too_large", "De tekst is te groot.", too_big)
    try:
        report = analyze(text, glossary=glossary_for(state().settings))
    except EmptyText as e:
        raise ApiProblem(
            422,
            "invalid_request",
            e.reason,
            (Problem("text", "geef een tekst met woorden", "empty"),),
        ) from e
    return jsonify(report.to_dict())


@api.get("/openapi.json")
def openapi() -> Response:
    library = load_library(state().settings)
    return jsonify(
        openapi_document(
            library,
            url_for("api.openapi", _external=True).removesuffix("/openapi.json"),
            per_page_max=current_app.config["PER_PAGE_MAX"],
        )
    )
