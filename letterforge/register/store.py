"""Storing and finding letters in the register."""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

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
) -> LetterRecord:
    """Add a rendered letter; the caller's transaction commits it."""
    meta = rendered.letter.meta
    record = LetterRecord(
        id=str(uuid.uuid4()),
        created_at=datetime.now(UTC),
        client_name=client,
        template_id=rendered.template_id,
        template_version=rendered.template_version,
        request_sha256=rendered.request_sha256,
        request_json=request.canonical_json().decode("utf-8"),
        letter_date=meta.letter_date.isoformat(),
        zaak=meta.zaaknummer or meta.kenmerk,
        kenmerk=meta.kenmerk,
        filename=rendered.filename,
        media_type=rendered.media_type,
        content=rendered.content,
        content_sha256=hashlib.sha256(rendered.content).hexdigest(),
        readability=readability,
        idempotency_key=idempotency_key,
        made_by=made_by,
        status=status,
    )
    session.add(record)
    session.flush()
    return record


def get_letter(session: Session, letter_id: str) -> LetterRecord | None:
    try:
        uuid.UUID(letter_id)
    except ValueError:
        return None
    return session.get(LetterRecord, letter_id)


def find_by_idempotency_key(
    session: Session, client: str, key: str
) -> LetterRecord | None:
    return session.scalar(
        select(LetterRecord).where(
            LetterRecord.client_name == client, LetterRecord.idempotency_key == key
        )
    )


def list_letters(
    session: Session,
    *,
    zaak: str | None,
    template: str | None,
    page: int,
    per_page: int,
    owner: str | None = None,
    status: str | None = None,
) -> Page:
    """Newest first, filtered by zaak, template, owning client and status."""
    query = select(LetterRecord)
    if owner is not None:
        query = query.where(LetterRecord.client_name == owner)
    if status:
        query = query.where(LetterRecord.status == status)
    if zaak:
        query = query.where(LetterRecord.zaak == zaak)
    if template:
        query = query.where(LetterRecord.template_id == template)
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
