"""Letters waiting for the four-eyes check, and drafts of the caseworkers' forms.

Which letters wait is the library's rule (letterforge.library.four_eyes); approving
and rejecting is letterforge.control.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from letterforge.register.models import Draft, LetterRecord


def waiting(session: Session) -> list[LetterRecord]:
    # Copies are checked with their original, never on their own.
    query = select(LetterRecord).where(
        LetterRecord.status == "concept", LetterRecord.copy_of.is_(None)
    )
    return list(session.scalars(query.order_by(LetterRecord.created_at)))


def save_draft(
    session: Session, user: str, template_id: str, answers: dict[str, Any]
) -> None:
    draft = session.scalar(
        select(Draft).where(Draft.user_name == user, Draft.template_id == template_id)
    )
    if draft is None:
        draft = Draft(
            user_name=user,
            template_id=template_id,
            answers=answers,
            updated_at=datetime.now(UTC),
        )
        session.add(draft)
    else:
        draft.answers = answers
        draft.updated_at = datetime.now(UTC)


def load_draft(session: Session, user: str, template_id: str) -> dict[str, Any] | None:
    draft = session.scalar(
        select(Draft).where(Draft.user_name == user, Draft.template_id == template_id)
    )
    return dict(draft.answers) if draft else None


def drop_draft(session: Session, user: str, template_id: str) -> None:
    draft = session.scalar(
        select(Draft).where(Draft.user_name == user, Draft.template_id == template_id)
    )
    if draft is not None:
        session.delete(draft)
