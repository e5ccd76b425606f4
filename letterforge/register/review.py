"""The four-eyes check: heavy decisions wait for a second person before they are final.

Which letters: every bestuurlijke boete, and a terugvordering above an amount the
municipality sets (web config FOUR_EYES_AMOUNT). The approver must have the
controleur role and must not be the person who made the letter.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from letterforge.errors import Problem, RequestError
from letterforge.register.models import Draft, LetterRecord
from letterforge.register.outbox import enqueue_filing

ALWAYS_CHECKED = frozenset({"bestuurlijke-boete"})
AMOUNT_CHECKED = {"terugvordering": ("terugvordering", "bedrag")}


def needs_second_check(template_id: str, case: dict[str, Any], limit: Decimal) -> bool:
    if template_id in ALWAYS_CHECKED:
        return True
    path = AMOUNT_CHECKED.get(template_id)
    if path is None:
        return False
    value: Any = case
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    return value is not None and Decimal(str(value)) > limit


def waiting(session: Session) -> list[LetterRecord]:
    query = select(LetterRecord).where(LetterRecord.status == "concept")
    return list(session.scalars(query.order_by(LetterRecord.created_at)))


def approve(session: Session, record: LetterRecord, approver: str, role: str) -> None:
    if role not in ("controleur", "beheer"):
        raise RequestError(
            "Alleen een controleur mag een brief goedkeuren.",
            (Problem("rol", "u heeft de rol controleur nodig", "forbidden"),),
        )
    if record.made_by == approver:
        raise RequestError(
            "U kunt uw eigen brief niet goedkeuren.",
            (
                Problem(
                    "controleur", "een collega moet de brief controleren", "four_eyes"
                ),
            ),
        )
    record.status = "definitief"
    record.approved_by = approver
    record.approved_at = datetime.now(UTC)
    # The letter is final now: its filing job joins the caller's transaction.
    enqueue_filing(session, record)


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
