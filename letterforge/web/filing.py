"""Filing in the zaak at the web edge: status in the API, the beheer page, PDFs.

API (under /api/v1): GET /letters/{id}/pdf, GET /filings?state=mislukt,
POST /filings/{id}/retry. Pages: /beheer/archivering (role beheer) with
"Probeer opnieuw", and /brieven/{id}/pdf for the caseworker's download.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from flask import (
    Blueprint,
    Flask,
    Response,
    abort,
    g,
    jsonify,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)

from letterforge.errors import Problem
from letterforge.register import outbox
from letterforge.register.models import FilingJob, LetterRecord
from letterforge.register.store import get_document, get_letter
from letterforge.web.auth import may_see, require_scope
from letterforge.web.problems import ApiProblem
from letterforge.web.state import state
from letterforge.web.ui import ui
from letterforge.web.ui.caseworker import LETTER_READERS
from letterforge.web.ui.session import (
    csrf_token,
    current_user,
    requires_role,
)

filing_api = Blueprint("filing_api", __name__, url_prefix="/api/v1")
JOB_ID_MAX = 2**31 - 1  # an INTEGER key in SQLite and PostgreSQL
STATES = (outbox.WAITING, outbox.BUSY, outbox.DONE, outbox.FAILED)


def _utc(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).isoformat()


def filing_json(job: FilingJob | None) -> dict[str, Any] | None:
    """The filing of one letter for the API: state, attempts, URLs, last error."""
    if job is None:
        return None
    return {
        "id": job.id,
        "letter": job.letter_id,
        "state": job.state,
        "zaak": job.zaak_url,
        "attempts": job.attempts,
        "next_attempt_at": _utc(job.next_attempt_at)
        if job.state == outbox.WAITING
        else None,
        "finished_at": _utc(job.finished_at),
        "last_error": job.last_error,
        "zgw": job.results,
    }


def filing_of(letter_id: str) -> dict[str, Any] | None:
    """The filing of a letter, read in its own session (for the letter's JSON)."""
    with state().register.session() as session:
        return filing_json(outbox.job_for_letter(session, letter_id))


def _pdf(letter_id: str) -> tuple[LetterRecord, bytes | None]:
    with state().register.session() as session:
        record = get_document(session, letter_id)
        if record is None:
            return abort(404)
        pdf = outbox.letter_pdf(session, record.id)
        if pdf is None and record.media_type == "application/pdf":
            pdf = record.content
        return record, pdf


def _pdf_response(record: LetterRecord, pdf: bytes) -> Response:
    return send_file(
        io.BytesIO(pdf),
        mimetype="application/pdf",
        as_attachment=True,
        download_name=record.filename.rsplit(".", 1)[0] + ".pdf",
    )


@filing_api.get("/letters/<letter_id>/pdf")
@require_scope("letters:read")
def letter_pdf(letter_id: str) -> Response:
    with state().register.session() as session:
        record = get_letter(session, letter_id)
        # Someone else's letter is "not found", as for the DOCX (web/api.py).
        found = record is not None and may_see(record.client_name, record.status)
        is_copy = record is not None and record.copy_of is not None
    if not found:
        raise ApiProblem(404, "unknown_letter", "Deze brief bestaat niet.")
    if is_copy:
        # Only the original is archived (PDF/A in the zaak); its Kopie aan line
        # names the copies, and the register keeps each copy's DOCX.
        raise ApiProblem(
            409,
            "copy_not_archived",
            "Dit is een kopie. Alleen de brief zelf gaat als PDF naar het archief.",
        )
    record, pdf = _pdf(letter_id)
    if record.status != outbox.FINAL:
        raise ApiProblem(409, "not_final", "Deze brief wacht nog op controle.")
    if pdf is None:
        raise ApiProblem(
            409, "pdf_not_ready", "De PDF wordt nog gemaakt. Probeer het zo opnieuw."
        )
    return _pdf_response(record, pdf)


@filing_api.get("/filings")
@require_scope("letters:read")
def filings() -> Response:
    unknown = sorted(set(request.args) - {"state"})
    if unknown:  # a mistyped filter must not silently list something else
        raise ApiProblem(
            400,
            "invalid_request",
            "De zoekvraag klopt niet.",
            tuple(
                Problem(n, "deze zoekvraag is onbekend", "unknown_field")
                for n in unknown
            ),
        )
    wanted = request.args.get("state", outbox.FAILED)
    if wanted not in STATES:
        raise ApiProblem(
            400,
            "invalid_request",
            "De zoekvraag klopt niet.",
            (Problem("state", "kies uit: " + ", ".join(STATES), "enum"),),
        )
    # A client sees the filings of its own letters, unless it may read all letters.
    owner = None if "letters:read-all" in g.get("scopes", frozenset()) else g.client
    with state().register.session() as session:
        jobs = outbox.jobs_in_state(session, wanted, owner=owner)
        body = [filing_json(job) for job in jobs]
    return jsonify({"filings": body})


@filing_api.post("/filings/<int:job_id>/retry")
@require_scope("letters:write")
def filing_retry(job_id: int) -> Response:
    if job_id > JOB_ID_MAX:  # Flask's int converter has no upper bound
        raise ApiProblem(404, "unknown_filing", "Deze archivering bestaat niet.")
    with state().register.session() as session:
        job = session.get(FilingJob, job_id)
        record = get_letter(session, job.letter_id) if job else None
        # Someone else's filing is "not found", as for letters.
        if record is None or not may_see(record.client_name, record.status):
            raise ApiProblem(404, "unknown_filing", "Deze archivering bestaat niet.")
    with state().register.session() as session:
        job = outbox.retry(session, job_id, datetime.now(UTC))
        body = filing_json(job)
    if body is None:
        raise ApiProblem(
            409, "not_failed", "Deze archivering is niet mislukt of bestaat niet."
        )
    return jsonify(body)


@ui.get("/beheer/archivering")
@requires_role("beheer")
def failed_filings_page() -> str:
    with state().register.session() as session:
        rows = [
            (job, session.get(LetterRecord, job.letter_id))
            for job in outbox.failed_jobs(session)
        ]
    return render_template(
        "archivering.html", rows=rows, user=current_user(), csrf=csrf_token()
    )


@ui.post("/beheer/archivering/<int:job_id>")
@requires_role("beheer")
def failed_filing_retry(job_id: int) -> Any:
    if job_id > JOB_ID_MAX:
        abort(404)
    with state().register.session() as session:
        outbox.retry(session, job_id, datetime.now(UTC))
    return redirect(url_for("ui.failed_filings_page"))


@ui.get("/brieven/<letter_id>/pdf")
@requires_role(*LETTER_READERS)
def letter_pdf_download(letter_id: str) -> Response:
    record, pdf = _pdf(letter_id)
    if record.status != outbox.FINAL:
        abort(403, description="Deze brief wacht nog op controle door een collega.")
    if pdf is None:
        abort(409, description="De PDF wordt nog gemaakt. Probeer het zo opnieuw.")
    return _pdf_response(record, pdf)


def install_filing_queue(app: Flask) -> None:
    """With QUEUE_URL set, new filing jobs go on the queue as soon as they commit.

    Without it (tests, a service without a worker) the jobs simply wait in the
    outbox until a worker's sweep finds them.
    """
    url = app.config.get("QUEUE_URL")
    if not url:
        return
    from letterforge.jobs.queue import FilingQueue, install_notifier, make_huey

    app_state = app.extensions["letterforge"]

    def no_context() -> Any:
        raise RuntimeError("the web process only puts jobs on the queue")

    queue = FilingQueue(make_huey(str(url)), no_context)
    install_notifier(app_state.register, queue)
    app.extensions["letterforge_queue"] = queue


@ui.app_template_global("archivering")
def archivering(letter_id: str) -> dict[str, Any] | None:
    """For a letter's page: its PDF and filing in the zaak (see filing_json)."""
    return filing_of(letter_id)


def filing_paths(errors: Callable[..., dict[str, Any]]) -> dict[str, Any]:
    """The OpenAPI paths of this module (merged into web.openapi's document)."""
    letter_id = [
        {
            "name": "letter_id",
            "in": "path",
            "required": True,
            "schema": {"type": "string", "format": "uuid"},
        }
    ]
    job_id = [
        {
            "name": "job_id",
            "in": "path",
            "required": True,
            "schema": {"type": "integer", "minimum": 1, "maximum": JOB_ID_MAX},
        }
    ]
    filing = {"$ref": "#/components/schemas/Filing"}
    return {
        "/letters/{letter_id}/pdf": {
            "get": {
                "summary": "De PDF/A van een definitieve brief (voor het archief)",
                "parameters": letter_id,
                "security": [{"bearer": ["letters:read"]}],
                "responses": {
                    "200": {
                        "description": "PDF/A-2",
                        "content": {"application/pdf": {}},
                    },
                    **errors(401, 403, 404, 409),
                },
            }
        },
        "/filings": {
            "get": {
                "summary": "Archiveringen in de zaak, per stand (standaard: mislukt)",
                "security": [{"bearer": ["letters:read"]}],
                "parameters": [
                    {
                        "name": "state",
                        "in": "query",
                        "required": False,
                        "schema": {"type": "string", "enum": list(STATES)},
                    }
                ],
                "responses": {
                    "200": {
                        "description": "Archiveringen",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "properties": {
                                        "filings": {"type": "array", "items": filing}
                                    },
                                }
                            }
                        },
                    },
                    **errors(400, 401, 403),
                },
            }
        },
        "/filings/{job_id}/retry": {
            "post": {
                "summary": "Probeer een mislukte archivering opnieuw",
                "parameters": job_id,
                "security": [{"bearer": ["letters:write"]}],
                "responses": {
                    "200": {
                        "description": "De archivering wacht weer",
                        "content": {"application/json": {"schema": filing}},
                    },
                    **errors(401, 403, 404, 409),
                },
            }
        },
    }


FILING_SCHEMA: dict[str, Any] = {
    "type": ["object", "null"],
    "description": "PDF/A en archivering in de zaak (ZGW).",
    "properties": {
        "id": {"type": "integer"},
        "letter": {"type": "string"},
        "state": {"type": "string", "enum": list(STATES)},
        "zaak": {"type": ["string", "null"]},
        "attempts": {"type": "integer"},
        "next_attempt_at": {"type": ["string", "null"]},
        "finished_at": {"type": ["string", "null"]},
        "last_error": {"type": ["string", "null"]},
        "zgw": {"type": "object"},
    },
}
