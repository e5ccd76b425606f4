"""One way to make a letter, and one status model, for every edge.

The API, the web pages, the command line and the batch all call these functions;
none of them renders, assesses or records a letter on its own. So the four-eyes
rule (letterforge.library.four_eyes) is decided once, here, for all of them.

Status of a registered letter:
    concept     waits for a second person; its document is never handed out
    definitief  final: may be downloaded and sent
    afgekeurd   rejected by the second person (with a reason); never sent
Every step is appended to the letter's audit trail (register.LetterEvent).

`finalise` is the ONE place where a letter becomes final, directly when made or
after approval, inside the caller's transaction: hook what must follow a final
letter (archive filing, an outbox job) there, and it commits or fails with it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from letterforge.assess import assess_letter
from letterforge.control.concept import mark
from letterforge.control.templates import VersionInForce, letter_settings
from letterforge.errors import (
    IdempotencyConflict,
    LetterNotFinal,
    Problem,
    RequestError,
    ReviewForbidden,
    ReviewRefused,
)
from letterforge.library.four_eyes import load_four_eyes
from letterforge.pipeline import (
    MEDIA_TYPES,
    LetterRequest,
    OutputFormat,
    RenderedLetter,
    render_copies,
    render_request,
)
from letterforge.register import Register, callbacks
from letterforge.register.audit import add_event
from letterforge.register.models import LetterRecord
from letterforge.register.outbox import enqueue_filing
from letterforge.register.store import (
    copies_of,
    find_by_idempotency_key,
    get_document,
    get_letter,
    record_letter,
)
from letterforge.render.pdf import PDF_MEDIA_TYPE, docx_to_pdf
from letterforge.settings import Settings

CONCEPT, FINAL, REJECTED = "concept", "definitief", "afgekeurd"
REASON_MAX = 2000


def needs_check(request: LetterRequest, settings: Settings) -> bool:
    """Does this letter wait for a second person? (the library's four-eyes rule)"""
    rule = load_four_eyes(settings.template_dir.resolve())
    return rule.needs_check(request.template, request.case)


@dataclass(frozen=True)
class Preview:
    """An unregistered letter (command line, batch): marked CONCEPT when it would
    need a check, because it cannot become final without the register."""

    rendered: RenderedLetter
    concept: bool


def preview_letter(
    request: LetterRequest, settings: Settings, *, today: date
) -> Preview:
    """Validate, compose and render; mark the document CONCEPT on every page when
    the four-eyes rule applies. Raises the core's errors for invalid requests."""
    if not needs_check(request, settings):
        return Preview(render_request(request, settings, today=today), concept=False)
    rendered = _rendered(request, settings, today=today, check=True)
    marked = mark(rendered.content, rendered.media_type)
    if request.format == "pdf":
        # Mark the DOCX on every page, then convert: a PDF cannot be marked after.
        pdf = dataclasses.replace(
            rendered,
            content=docx_to_pdf(marked),
            media_type=PDF_MEDIA_TYPE,
            filename=rendered.filename.rsplit(".", 1)[0] + ".pdf",
        )
        return Preview(pdf, concept=True)
    return Preview(dataclasses.replace(rendered, content=marked), concept=True)


def preview_copies(
    preview: Preview, output: OutputFormat
) -> tuple[tuple[str, RenderedLetter], ...]:
    """The copies ("kopie aan") of an unregistered letter, each its own document in
    `output`, marked CONCEPT like the original: (recipient name, rendered copy).
    The consent rule was applied when the original was composed (addressing)."""
    concept_pdf = preview.concept and output == "pdf"
    # A concept PDF is marked as DOCX first, as in preview_letter.
    inner: OutputFormat = "docx" if concept_pdf else output
    copies = []
    for name, copy in render_copies(preview.rendered, inner):
        if preview.concept:
            content = mark(copy.content, MEDIA_TYPES[inner])
            if concept_pdf:
                content = docx_to_pdf(content)
            copy = dataclasses.replace(copy, content=content)
        copies.append((name, dataclasses.replace(copy, media_type=MEDIA_TYPES[output])))
    return tuple(copies)


def _rendered(
    request: LetterRequest, settings: Settings, *, today: date, check: bool
) -> RenderedLetter:
    """A letter that waits for a second person is kept as DOCX, also when a PDF was
    asked for: the reviewer reads the stored DOCX, and once the letter is final the
    worker makes its PDF/A (GET /api/v1/letters/{id}/pdf). The request's own hash is
    kept, so an idempotent retry still matches."""
    if not (check and request.format == "pdf"):
        return render_request(request, settings, today=today)
    docx = render_request(
        dataclasses.replace(request, format="docx"), settings, today=today
    )
    return dataclasses.replace(docx, request_sha256=request.sha256())


def finalise(session: Session, record: LetterRecord, actor: str) -> None:
    """Make `record` final inside the caller's transaction (the single hook point
    for what follows a final letter, such as archive filing)."""
    # `actor` is for the hooks (the audit trail already says who made it final).
    record.status = FINAL
    # Same transaction: a final letter always has its filing job (issue 16).
    enqueue_filing(session, record)
    # Its copies go out with it. They are not filed again: the original in the
    # zaak names them in its "Kopie aan" line; the register keeps each copy.
    _copies_follow(session, record, FINAL, actor)


def _copies_follow(
    session: Session, record: LetterRecord, status: str, actor: str
) -> None:
    for copy in copies_of(session, record.id):
        copy.status = status
        copy.approved_by, copy.approved_at = record.approved_by, record.approved_at
        if status != FINAL:
            add_event(session, copy.id, status, actor, "het origineel is " + status)


def _record_copies(
    session: Session,
    request: LetterRequest,
    rendered: RenderedLetter,
    original: LetterRecord,
    *,
    client: str,
    readability: dict[str, Any],
    actor: str,
) -> None:
    """Each copy ("kopie aan") as its own entry linked to the original: who got
    what, and when (issue 13). Rendered in the stored format of the original."""
    output = next(k for k, v in MEDIA_TYPES.items() if v == rendered.media_type)
    for name, copy in render_copies(rendered, output):
        entry = record_letter(
            session,
            request,
            copy,
            client=client,
            readability=readability,
            made_by=actor,
            status=CONCEPT,
            copy_of=original.id,
            recipient=name,
        )
        add_event(session, entry.id, "gemaakt", actor, "kopie aan " + name)


def _replay(
    register: Register, request: LetterRequest, client: str, key: str
) -> LetterRecord | None:
    with register.session() as session:
        found = find_by_idempotency_key(session, client, key)
    if found is not None and found.request_sha256 != request.sha256():
        raise IdempotencyConflict("Deze Idempotency-Key hoort bij een ander verzoek.")
    return found


@dataclass(frozen=True)
class PreparedLetter:
    """A letter rendered and assessed, not yet in the register (prepare_letter).

    Rendering is pure CPU and needs no transaction, so a batch prepares the
    letters of a job first and records them all in one transaction after."""

    request: LetterRequest
    rendered: RenderedLetter
    summary: dict[str, Any]
    version: VersionInForce
    check: bool


def prepare_letter(
    register: Register, request: LetterRequest, settings: Settings, *, today: date
) -> PreparedLetter:
    """Validate, compose, render and assess `request` with the template text in
    force on its date; decide whether it waits for a second person. Raises the
    core's errors (RequestError and the like) for an invalid request."""
    # The template text in force on the letter's date (issue 17): one small query.
    settings, version = letter_settings(register, settings, request, today)
    check = needs_check(request, settings)
    rendered = _rendered(request, settings, today=today, check=check)
    summary = assess_letter(rendered.letter, settings).summary()
    return PreparedLetter(request, rendered, summary, version, check)


def record_prepared(
    session: Session,
    prepared: PreparedLetter,
    *,
    client: str,
    actor: str,
    idempotency_key: str | None = None,
) -> LetterRecord:
    """Record a prepared letter, its copies, its audit event, its status (final
    unless it waits for a check) and its callback event, in the caller's
    transaction. A second letter with the same (client, key) raises
    IntegrityError when the transaction flushes."""
    record = record_letter(
        session,
        prepared.request,
        prepared.rendered,
        client=client,
        readability=prepared.summary,
        idempotency_key=idempotency_key,
        made_by=actor,
        status=CONCEPT,
    )
    record.template_version_id = prepared.version.id
    record.template_version_number = prepared.version.number
    record.template_content_hash = prepared.version.content_hash
    add_event(session, record.id, "gemaakt", actor)
    _record_copies(
        session,
        prepared.request,
        prepared.rendered,
        record,
        client=client,
        readability=prepared.summary,
        actor=actor,
    )
    if not prepared.check:
        finalise(session, record, actor)
    # Same transaction: the client hears of every letter that exists.
    callbacks.letter_event(session, record, callbacks.LETTER_MADE)
    return record


def make_letter(
    register: Register,
    request: LetterRequest,
    settings: Settings,
    *,
    today: date,
    client: str,
    actor: str,
    idempotency_key: str | None = None,
) -> LetterRecord:
    """Render, assess, decide the status, record: the letter as registered.

    client: the API client or edge ("web") that owns the letter; actor: who made it
    (a user name, or "api:<client>"); the same actor may never approve it. With an
    idempotency_key, a repeated request answers with the letter made earlier; the
    same key with another request raises IdempotencyConflict (409)."""
    if idempotency_key:
        earlier = _replay(register, request, client, idempotency_key)
        if earlier is not None:
            return earlier
    prepared = prepare_letter(register, request, settings, today=today)
    try:
        # The block commits before any edge answers: a letter handed out is never lost.
        with register.session() as session:
            return record_prepared(
                session,
                prepared,
                client=client,
                actor=actor,
                idempotency_key=idempotency_key,
            )
    except IntegrityError:
        # Another request with the same key won the race; answer with its letter.
        replay = (
            _replay(register, request, client, idempotency_key)
            if idempotency_key
            else None
        )
        if replay is None:
            raise
        return replay


def _concept(session: Session, letter_id: str, reviewer: str) -> LetterRecord:
    record = get_letter(session, letter_id)
    if record is None:
        raise ReviewRefused(
            "Deze brief bestaat niet.", (Problem("brief", "onbekend", "unknown"),)
        )
    if record.copy_of is not None:
        message = "Dit is een kopie. Die controleert u samen met de brief zelf."
        raise ReviewRefused(message, (Problem("brief", message, "copy"),))
    if record.status != CONCEPT:
        message = "Deze brief wacht niet op controle: hij is al " + record.status + "."
        raise ReviewRefused(message, (Problem("status", message, "not_concept"),))
    if record.made_by == reviewer:
        raise ReviewForbidden(
            "U kunt uw eigen brief niet goedkeuren. Een collega controleert hem.",
            (
                Problem(
                    "controleur", "een collega moet de brief controleren", "four_eyes"
                ),
            ),
        )
    return record


def approve(register: Register, letter_id: str, reviewer: str) -> LetterRecord:
    """The second person approves a concept: it becomes final. Refused (409) when
    it is not a concept, (403) when the reviewer made it. The edge checks the
    reviewer's role or scope first."""
    with register.session() as session:
        record = _concept(session, letter_id, reviewer)
        record.approved_by = reviewer
        record.approved_at = datetime.now(UTC)
        add_event(session, record.id, "goedgekeurd", reviewer)
        finalise(session, record, reviewer)
        callbacks.letter_event(session, record, callbacks.LETTER_APPROVED)
        return record


def reject(
    register: Register,
    letter_id: str,
    reviewer: str,
    reason: str,
    *,
    field: str = "reden",
) -> LetterRecord:
    """The second person rejects a concept, with a reason (required, at most
    REASON_MAX characters). The letter is never sent. `field` names the reason in
    the error as the edge calls it (the web form's "reden", the API's "reason")."""
    reason = reason.strip()
    if not reason or len(reason) > REASON_MAX:
        message = f"geef een reden van 1 tot {REASON_MAX} tekens"
        raise RequestError(
            "Geef een reden waarom u de brief afkeurt.",
            (Problem(field, message, "required"),),
        )
    with register.session() as session:
        record = _concept(session, letter_id, reviewer)
        record.status = REJECTED
        add_event(session, record.id, "afgekeurd", reviewer, reason)
        _copies_follow(session, record, REJECTED, reviewer)
        callbacks.letter_event(session, record, callbacks.LETTER_REJECTED)
        return record


def hand_out(register: Register, letter_id: str, actor: str) -> LetterRecord | None:
    """The letter to download, recorded in the audit trail; None when unknown.
    Raises LetterNotFinal (409) for a concept or a rejected letter."""
    with register.session() as session:
        record = get_document(session, letter_id)
        if record is None:
            return None
        if record.status != FINAL:
            message = (
                "Deze brief wacht nog op controle door een collega."
                if record.status == CONCEPT
                else "Deze brief is afgekeurd en wordt niet verstuurd."
            )
            raise LetterNotFinal(message, (Problem("status", message, record.status),))
        add_event(session, record.id, "gedownload", actor)
        return record
