"""Storing and finding letters in the register."""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, undefer

from letterforge.pipeline import LetterRequest, RenderedLetter
from letterforge.register.models import LetterRecord


@dataclass(frozen=True)
class Page:
    items: list[LetterRecord]
    total: int
    page: int
    per_page: int


def record_letter(
    session: Session,
    request: LetterRequest,
    rendered: RenderedLetter,
    *,
    client: str,
    readability: dict[str, Any],
    idempotency_key: str | None = None,
    made_by: str | None = None,
    status: str = "definitief",
    copy_of: str | None = None,
    recipient: str | None = None,
) -> LetterRecord:
    """Add a rendered letter; the caller's transaction commits it. A copy names
    its original in `copy_of`; `recipient` is the name in the window."""
    meta = rendered.letter.meta
    record = LetterRecord(
        id=str(uuid.uuid4()),
        created_at=datetime.now(UTC),
        client_name=client,
        template_id=rendered.template_id,
        template_version=rendered.template_version,
        request_sha256=rendered.request_sha256,
        request_json=request.canonical_json().decode("utf-8"),
        letter_date=meta.letter_date,
        zaak=meta.zaaknummer or meta.kenmerk,
        kenmerk=meta.kenmerk,
        filename=rendered.filename,
        media_type=rendered.media_type,
        content=rendered.content,
        content_sha256=hashlib.sha256(rendered.content).hexdigest(),
        readability=readability,
        warnings=[
            {"veld": w.path, "melding": w.message, "code": w.code}
            for w in rendered.letter.warnings
        ],
        idempotency_key=idempotency_key,
        made_by=made_by,
        status=status,
        copy_of=copy_of,
        recipient=(recipient or rendered.letter.recipient.name)[:300],
    )
    session.add(record)
    session.flush()
    return record


def copies_of(session: Session, letter_id: str) -> list[LetterRecord]:
    """The copies registered with a letter, oldest first (without documents)."""
    return list(
        session.scalars(
            select(LetterRecord)
            .where(LetterRecord.copy_of == letter_id)
            .order_by(LetterRecord.created_at, LetterRecord.id)
        )
    )


def _valid_id(letter_id: str) -> bool:
    try:
        uuid.UUID(letter_id)
    except ValueError:
        return False
    return True


def get_letter(session: Session, letter_id: str) -> LetterRecord | None:
    """A letter's record without its document (see get_document)."""
    return session.get(LetterRecord, letter_id) if _valid_id(letter_id) else None


def get_document(session: Session, letter_id: str) -> LetterRecord | None:
    """A letter's record with its document bytes loaded, to hand the file out."""
    if not _valid_id(letter_id):
        return None
    return session.get(LetterRecord, letter_id, options=[undefer(LetterRecord.content)])


def find_by_idempotency_key(
    session: Session, client: str, key: str
) -> LetterRecord | None:
    """The letter made earlier with this key, with its document (a replay may hand
    the file out again)."""
    return session.scalar(
        select(LetterRecord)
        .options(undefer(LetterRecord.content))
        .where(LetterRecord.client_name == client, LetterRecord.idempotency_key == key)
    )


def list_letters(
    session: Session,
    *,
    zaak: str | None = None,
    template: str | None = None,
    made_by: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    page: int = 1,
    per_page: int = 20,
    owner: str | None = None,
    status: str | None = None,
) -> Page:
    """Letters newest first, filtered on each criterion that is given (owner: the
    client that made it; status: concept, definitief, afgekeurd); the one query
    behind the API's list and the register page. Dates are letter dates, both ends
    included. Document bytes are not loaded (LetterRecord.content is deferred)."""
    query = select(LetterRecord)
    if owner is not None:
        query = query.where(LetterRecord.client_name == owner)
    if status:
        query = query.where(LetterRecord.status == status)
    if zaak:
        query = query.where(LetterRecord.zaak == zaak)
    if template:
        query = query.where(LetterRecord.template_id == template)
    if made_by:
        query = query.where(LetterRecord.made_by == made_by)
    if date_from is not None:
        query = query.where(LetterRecord.letter_date >= date_from)
    if date_to is not None:
        query = query.where(LetterRecord.letter_date <= date_to)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    items = session.scalars(
        query.order_by(LetterRecord.created_at.desc(), LetterRecord.id)
        .offset((page - 1) * per_page)
        .limit(per_page)
    ).all()
    return Page(list(items), total, page, per_page)


def stored_request(record: LetterRecord) -> LetterRequest:
    data = json.loads(record.request_json)
    return LetterRequest(data["template"], data["case"], data["format"])
