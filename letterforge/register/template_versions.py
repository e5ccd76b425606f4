"""Storing a municipality's template versions (issue 17): append-only rows.

What may happen to a version, and who may do it, is letterforge.control.templates.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from letterforge.register.models import TemplateVersion

CONCEPT, SUBMITTED, APPROVED, REJECTED = (
    "concept",
    "ingediend",
    "goedgekeurd",
    "afgekeurd",
)
# A concept its author took back: kept in the history, never submitted again.
WITHDRAWN = "ingetrokken"
# The shipped library is version 1; the register's versions count on from there.
FIRST_STORED_NUMBER = 2


def add_version(
    session: Session,
    template_id: str,
    files: Mapping[str, str],
    content_hash: str,
    *,
    valid_from: date,
    author: str,
    reason: str,
    based_on: int | None,
) -> TemplateVersion:
    """A new concept with the next number; the caller's transaction commits it
    (two racing writers meet the unique (template, number) constraint)."""
    highest = session.scalar(
        select(func.max(TemplateVersion.number)).where(
            TemplateVersion.template_id == template_id
        )
    )
    version = TemplateVersion(
        template_id=template_id,
        number=max((highest or 0) + 1, FIRST_STORED_NUMBER),
        files=dict(files),
        content_hash=content_hash,
        valid_from=valid_from,
        status=CONCEPT,
        author=author,
        reason=reason,
        based_on=based_on,
        created_at=datetime.now(UTC),
    )
    session.add(version)
    session.flush()
    return version


def get_version(
    session: Session, template_id: str, number: int
) -> TemplateVersion | None:
    return session.scalar(
        select(TemplateVersion).where(
            TemplateVersion.template_id == template_id,
            TemplateVersion.number == number,
        )
    )


def versions_of(session: Session, template_id: str) -> list[TemplateVersion]:
    """Every stored version of a template, newest first."""
    query = select(TemplateVersion).where(TemplateVersion.template_id == template_id)
    return list(session.scalars(query.order_by(TemplateVersion.number.desc())))


def approved_of(session: Session, template_id: str) -> list[TemplateVersion]:
    """The approved versions of a template: the one cheap query per letter that
    decides which text is in force (indexed on template and status)."""
    query = select(TemplateVersion).where(
        TemplateVersion.template_id == template_id,
        TemplateVersion.status == APPROVED,
    )
    return list(session.scalars(query))


def with_status(session: Session, status: str) -> list[TemplateVersion]:
    """Versions in one status over all templates, oldest first (the approval list)."""
    query = select(TemplateVersion).where(TemplateVersion.status == status)
    return list(session.scalars(query.order_by(TemplateVersion.created_at)))
