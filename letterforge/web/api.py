"""The API for the case system, under /api/v1 (GOV.UK Notify's conventions)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from flask import Blueprint, Response, current_app, g, jsonify, request, url_for
from sqlalchemy.exc import IntegrityError

from letterforge.assess import assess_letter, glossary_for
from letterforge.errors import Problem
from letterforge.library import Template
from letterforge.pipeline import (
    LetterRequest,
    decode_request,
    load_library,
    render_request,
)
from letterforge.readability import analyze
from letterforge.register.models import LetterRecord
from letterforge.register.outbox import enqueue_filing
from letterforge.register.store import (
    find_by_idempotency_key,
    get_letter,
    list_letters,
    record_letter,
)
from letterforge.web.auth import require_scope
from letterforge.web.examples import example_request
from letterforge.web.filing import filing_of
from letterforge.web.openapi import PAGE_MAX, openapi_document
from letterforge.web.problems import ApiProblem
from letterforge.web.state import state

api = Blueprint("api", __name__, url_prefix="/api/v1")
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
        "created_at": _utc(record.created_at).isoformat(),
        "template": {"id": record.template_id, "version": record.template_version},
        "zaak": record.zaak,
        "kenmerk": record.kenmerk,
        "filename": record.filename,
        "readability": record.readability,
        "links": {
            "self": url_for("api.letter", letter_id=record.id, _external=True),
            "document": url_for("api.document", letter_id=record.id, _external=True),
            "pdf": url_for(
                "filing_api.letter_pdf", letter_id=record.id, _external=True
            ),
        },
        # PDF/A and filing in the zaak (ZGW): state and the URLs created.
        "archivering": filing_of(record.id),
    }


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
    response = (
        jsonify(_letter_json(record)) if _wants_json() else _document(record, status)
    )
    response.status_code = status
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


def _replay(key: str, letter_request: LetterRequest) -> LetterRecord | None:
    """The letter made earlier with this key; a different body with it is a conflict."""
    with state().register.session() as session:
        found = find_by_idempotency_key(session, g.client, key)
    if found is not None and found.request_sha256 != letter_request.sha256():
        raise ApiProblem(
            409,
            "idempotency_conflict",
            "Deze Idempotency-Key hoort bij een ander verzoek.",
        )
    return found


def _make_letter(letter_request: LetterRequest, key: str | None) -> LetterRecord:
    app_state = state()
    rendered = render_request(
        letter_request, app_state.settings, today=app_state.today()
    )
    summary = assess_letter(rendered.letter, app_state.settings).summary()
    try:
        # The block commits before we answer: a letter the client got is never lost.
        with app_state.register.session() as session:
            record = record_letter(
                session,
                letter_request,
                rendered,
                client=g.client,
                readability=summary,
                idempotency_key=key,
            )
            # Same transaction: a final letter always has its filing job.
            enqueue_filing(session, record)
            return record
    except IntegrityError:
        # Another request with the same key won the race; answer with its letter.
        replay = _replay(key, letter_request) if key else None
        if replay is None:
            raise
        return replay


@api.post("/letters")
@require_scope("letters:write")
def create_letter() -> Response:
    letter_request = decode_request(_json_body())
    g.template = letter_request.template
    key = _idempotency_key()
    earlier = _replay(key, letter_request) if key else None
    if earlier is not None:
        return _answer(earlier, 201)
    return _answer(_make_letter(letter_request, key), 201)


def _stored(letter_id: str) -> LetterRecord:
    with state().register.session() as session:
        record = get_letter(session, letter_id)
    if record is None:
        raise ApiProblem(404, "unknown_letter", "Deze brief bestaat niet.")
    return record


@api.get("/letters/<letter_id>")
@require_scope("letters:read")
def letter(letter_id: str) -> Response:
    return jsonify(_letter_json(_stored(letter_id)))


@api.get("/letters/<letter_id>/document")
@require_scope("letters:read")
def document(letter_id: str) -> Response:
    return _document(_stored(letter_id), 200)


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


LISTING_ARGS = ("zaak", "template", "page", "per_page")


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
    with state().register.session() as session:
        found = list_letters(
            session,
            zaak=request.args.get("zaak"),
            template=request.args.get("template"),
            page=page,
            per_page=per_page,
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
        "links": {"self": url_for("api.template", template_id=template.id)},
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
    report = analyze(text, glossary=glossary_for(state().settings))
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
