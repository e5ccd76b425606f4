"""One way to make a letter, and one status model, for every edge.

The API, the web pages, the command line and the batch all call these functions;
none of them renders, assesses or records a letter on its own. So the four-eyes
rule (letterforge.library.four_eyes) is decided once, here, for all of them.

Status of a registered letter:
    concept     waits for a second person; its document is never handed out
    definitief  final: may be downloaded and sent
    afgekeurd   rejected by the second person (with a reason); never sent
Every step is appended to the letter's audit trail (register.LetterEvent).

A letter's date is the day it is sent (control.send_date, Awb 3:41 and 6:8):
making one dated before today is refused; `finalise` refuses to release a letter
dated before the day it becomes final (a concept approved days later), and
`remake` makes a new concept of it with today's date, rejecting the old one with
a reason that names the new one ("vervangen door ...").

`finalise` is the ONE place where a letter becomes final, directly when made or
after approval, inside the caller's transaction: hook what must follow a final
letter (archive filing, an outbox job) there, and it commits or fails with it.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from letterforge.assess import assess_letter
from letterforge.compose.norms import dutch_date
from letterforge.control import send_date
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
    load_library,
    parse_request,
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


def finalise(
    session: Session, record: LetterRecord, actor: str, *, today: date
) -> None:
    """Make `record` final inside the caller's transaction (the single hook point
    for what follows a final letter, such as archive filing). `today`: the day in
    the municipality. Raises LetterDateOutdated (409, zaak.briefdatum) before
    changing anything when the letter is dated before `today`; the caller's
    transaction then rolls back, so nothing is half-written."""
    # The one gate for every path (web, API, batch, approval): a letter goes out
    # on its own date or not at all (Awb 3:41, 6:8).
    send_date.refuse_release(record.letter_date, today)
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
    sendings = zip(render_copies(rendered, output), rendered.letter.copies, strict=True)
    for (name, copy), recipient in sendings:
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
        # The person's own second address (Awb 3:41) is no copy to someone else.
        what = "tweede adres: " if recipient.same_person else "kopie aan "
        add_event(session, entry.id, "gemaakt", actor, what + name)


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
    # The day it was prepared on: the day a letter made without a check is final.
    today: date


def prepare_letter(
    register: Register,
    request: LetterRequest,
    settings: Settings,
    *,
    today: date,
    check: bool = False,
) -> PreparedLetter:
    """Validate, compose, render and assess `request` with the template text in
    force on its date; decide whether it waits for a second person (always when
    `check`). Raises the core's errors (RequestError and the like) for an invalid
    request, and CaseDataError (zaak.briefdatum) for a letter dated before
    `today`. A date more than send_date.AHEAD_WORKING_DAYS working days ahead is
    a warning stored with the letter."""
    # The template text in force on the letter's date (issue 17): one small query.
    settings, version = letter_settings(register, settings, request, today)
    check = check or needs_check(request, settings)
    rendered = _rendered(request, settings, today=today, check=check)
    letter_date = rendered.letter.meta.letter_date
    send_date.refuse_past(letter_date, today)
    terms = send_date.shifting_terms(
        load_library(settings).get(request.template).elements, request.case
    )
    ahead = send_date.ahead_warning(letter_date, today, terms)
    if ahead is not None:
        letter = dataclasses.replace(
            rendered.letter, warnings=(*rendered.letter.warnings, ahead)
        )
        rendered = dataclasses.replace(rendered, letter=letter)
    summary = assess_letter(rendered.letter, settings).summary()
    return PreparedLetter(request, rendered, summary, version, check, today)


def record_prepared(
    session: Session,
    prepared: PreparedLetter,
    *,
    client: str,
    actor: str,
    idempotency_key: str | None = None,
    note: str | None = None,
) -> LetterRecord:
    """Record a prepared letter, its copies, its audit event, its status (final
    unless it waits for a check) and its callback event, in the caller's
    transaction. A second letter with the same (client, key) raises
    IntegrityError when the transaction flushes. `note`: the reason on its
    "gemaakt" event (e.g. which letter it replaces)."""
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
    add_event(session, record.id, "gemaakt", actor, note)
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
        finalise(session, record, actor, today=prepared.today)
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


def approve(
    register: Register, letter_id: str, reviewer: str, *, today: date
) -> LetterRecord:
    """The second person approves a concept: it becomes final. Refused (409) when
    it is not a concept, (403) when the reviewer made it, (409,
    LetterDateOutdated) when it is dated before `today` (then: remake). The edge
    checks the reviewer's role or scope first."""
    with register.session() as session:
        record = _concept(session, letter_id, reviewer)
        # Before anything changes: the refusal leaves no trace but its message.
        send_date.refuse_release(record.letter_date, today)
        record.approved_by = reviewer
        record.approved_at = datetime.now(UTC)
        add_event(session, record.id, "goedgekeurd", reviewer)
        finalise(session, record, reviewer, today=today)
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


def remake(
    register: Register,
    letter_id: str,
    actor: str,
    settings: Settings,
    *,
    today: date,
) -> LetterRecord:
    """Make a concept again from its stored request with today's date (its
    deadlines computed anew by the calculators) and reject the old one with a
    reason naming the new one, in one transaction. The new letter waits for a
    second person again (the old one did: only concepts are remade), so whoever
    remakes it is its maker and may not approve it. Refused (409) when the
    letter is not a concept or is a copy; the core's errors when the stored
    request no longer makes a letter (e.g. a template withdrawn)."""
    with register.session() as session:
        old = _remakeable(session, letter_id)
        client, old_date = old.client_name, old.letter_date
        stored = parse_request(json.loads(old.request_json))
    case = dict(stored.case)
    case["zaak"] = {**dict(case.get("zaak") or {}), "briefdatum": today.isoformat()}
    request = dataclasses.replace(stored, case=case)
    prepared = prepare_letter(register, request, settings, today=today, check=True)
    with register.session() as session:
        # Read again in this transaction: a colleague may have acted meanwhile.
        old = _remakeable(session, letter_id)
        note = "vervangt brief " + old.id + " (opnieuw gemaakt met een nieuwe datum)"
        new = record_prepared(session, prepared, client=client, actor=actor, note=note)
        reason = (
            f"vervangen door brief {new.id}: opnieuw gemaakt met de datum van "
            f"vandaag, omdat de datum {dutch_date(old_date)} voorbij was"
        )
        old.status = REJECTED
        add_event(session, old.id, "afgekeurd", actor, reason)
        _copies_follow(session, old, REJECTED, actor)
        callbacks.letter_event(session, old, callbacks.LETTER_REJECTED)
        return new


def _remakeable(session: Session, letter_id: str) -> LetterRecord:
    record = get_letter(session, letter_id)
    if record is None:
        raise ReviewRefused(
            "Deze brief bestaat niet.", (Problem("brief", "onbekend", "unknown"),)
        )
    if record.copy_of is not None:
        message = "Dit is een kopie. Maak de brief zelf opnieuw."
        raise ReviewRefused(message, (Problem("brief", message, "copy"),))
    if record.status != CONCEPT:
        message = (
            "Alleen een brief die op controle wacht, maakt u opnieuw. Deze brief "
            "is al " + record.status + "."
        )
        raise ReviewRefused(message, (Problem("status", message, "not_concept"),))
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
