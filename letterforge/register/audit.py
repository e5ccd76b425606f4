"""The audit trail of letters: append-only.

There is deliberately no function to change or delete an event: the trail says
what happened to a letter (made, approved, rejected with the reason, downloaded,
archived), by whom and when.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from letterforge.register.models import LetterEvent

KINDS = ("gemaakt", "goedgekeurd", "afgekeurd", "gedownload", "gearchiveerd")


def add_event(
    session: Session,
    letter_id: str,
    kind: str,
    actor: str,
    reason: str | None = None,
) -> LetterEvent:
    """Append one event (kind one of KINDS) to the letter's trail."""
    if kind not in KINDS:
        raise ValueError(f"unknown audit event kind: {kind}")
    event = LetterEvent(
        letter_id=letter_id, at=datetime.now(UTC), kind=kind, actor=actor, reason=reason
    )
    session.add(event)
    session.flush()
    return event


def events(session: Session, letter_id: str) -> list[LetterEvent]:
    """The letter's trail, oldest first."""
    query = select(LetterEvent).where(LetterEvent.letter_id == letter_id)
    return list(session.scalars(query.order_by(LetterEvent.at, LetterEvent.id)))
