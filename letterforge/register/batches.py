"""Batches in the register: the lines of a bulk run and what became of each.

A line is claimed with a short lease before a worker makes its letter, like a
filing job (register.outbox): of two workers only one gets it, and the line of a
worker that died is taken up again once the lease ran out. The letter itself is
made with the idempotency key `line_key(...)`, so even a worker that dies after
the letter was committed but before the line was marked makes no second letter.

Line states: wachtrij -> bezig -> definitief | concept | mislukt.
Batch status (derived, never stored): wachtrij (nothing started), bezig, klaar
(every line is a letter, a concept included, or a failure).
"""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, func, or_, select, update
from sqlalchemy.orm import Session, defer

from letterforge.errors import Problem
from letterforge.register.models import Batch, BatchLine, LetterRecord

QUEUED, BUSY, FINAL, CONCEPT, FAILED = (
    "wachtrij",
    "bezig",
    "definitief",
    "concept",
    "mislukt",
)
LINE_STATES = (QUEUED, BUSY, FINAL, CONCEPT, FAILED)
DONE_STATES = frozenset({FINAL, CONCEPT, FAILED})
BATCH_QUEUED, BATCH_BUSY, BATCH_DONE = "wachtrij", "bezig", "klaar"
# Unexpected failures (database gone, a bug) are tried again this many times;
# a Dutch problem with the request fails the line at once.
MAX_ATTEMPTS = 3


def line_key(batch_id: str, line: int) -> str:
    """The idempotency key of a batch line's letter (unique per client)."""
    return f"batch:{batch_id}:{line}"


def create_batch(
    session: Session, client: str, actor: str, lines: list[str], now: datetime
) -> Batch:
    """Write a batch and its lines (JSON text, numbered from 1) in one transaction."""
    batch = Batch(
        id=str(uuid.uuid4()),
        client_name=client,
        actor=actor,
        total=len(lines),
        created_at=now,
    )
    session.add(batch)
    session.flush()  # the batch row first: the lines refer to it
    session.add_all(
        BatchLine(
            batch_id=batch.id, line=n, request_json=text, state=QUEUED, attempts=0
        )
        for n, text in enumerate(lines, start=1)
    )
    return batch


def get_batch(session: Session, batch_id: str) -> Batch | None:
    return session.get(Batch, batch_id)


def _claimable(now: datetime) -> ColumnElement[bool]:
    return or_(
        BatchLine.state == QUEUED,
        (BatchLine.state == BUSY) & (BatchLine.claimed_until < now),
    )


def claimable_lines(
    session: Session, now: datetime, limit: int = 10_000
) -> list[tuple[str, int]]:
    """(batch id, line) of lines a worker may take now, oldest batches first."""
    query = (
        select(BatchLine.batch_id, BatchLine.line)
        .where(_claimable(now))
        .order_by(BatchLine.batch_id, BatchLine.line)
        .limit(limit)
    )
    return [(b, n) for b, n in session.execute(query)]


def claim_line(
    session: Session, batch_id: str, line: int, now: datetime, lease: timedelta
) -> BatchLine | None:
    """Take a line for one attempt; None when it is done or another worker has it.

    One UPDATE with the condition in its WHERE, as register.outbox.claim."""
    result = session.execute(
        update(BatchLine)
        .where(BatchLine.batch_id == batch_id, BatchLine.line == line, _claimable(now))
        .values(state=BUSY, claimed_until=now + lease, attempts=BatchLine.attempts + 1)
        .execution_options(synchronize_session=False)
    )
    if getattr(result, "rowcount", 0) != 1:
        return None
    return session.get(BatchLine, (batch_id, line))


def claim_lines(
    session: Session,
    batch_id: str,
    lines: list[int],
    now: datetime,
    lease: timedelta,
) -> dict[int, str]:
    """Take these lines for one attempt, all in one UPDATE: {line: request JSON}
    of the lines this call got (done lines and lines another worker holds are
    left out). The condition is in the UPDATE's WHERE, as in claim_line, so of
    two workers only one gets a line."""
    if not lines:
        return {}
    result = session.execute(
        update(BatchLine)
        .where(
            BatchLine.batch_id == batch_id,
            BatchLine.line.in_(lines),
            _claimable(now),
        )
        .values(state=BUSY, claimed_until=now + lease, attempts=BatchLine.attempts + 1)
        # RETURNING (PostgreSQL, SQLite 3.35+): the rows this UPDATE took, in the
        # same statement, so no second query can see another worker's claim.
        .returning(BatchLine.line, BatchLine.request_json)
        .execution_options(synchronize_session=False)
    )
    return {int(n): str(text) for n, text in result}


def made_letters(
    session: Session, client: str, batch_id: str, lines: list[int]
) -> dict[int, tuple[str, str]]:
    """{line: (letter id, status)} of these lines whose letter is already in the
    register (made by a worker that died before it marked the line): one query
    on the letters' idempotency keys (line_key)."""
    keys = {line_key(batch_id, n): n for n in lines}
    if not keys:
        return {}
    query = select(
        LetterRecord.idempotency_key, LetterRecord.id, LetterRecord.status
    ).where(
        LetterRecord.client_name == client,
        LetterRecord.idempotency_key.in_(list(keys)),
    )
    return {keys[str(key)]: (str(i), str(s)) for key, i, s in session.execute(query)}


def line_made(
    session: Session, batch_id: str, line: int, letter_id: str, status: str
) -> None:
    """The line became letter `letter_id` with status definitief or concept."""
    session.execute(
        update(BatchLine)
        .where(BatchLine.batch_id == batch_id, BatchLine.line == line)
        .values(
            state=FINAL if status == FINAL else CONCEPT,
            letter_id=letter_id,
            claimed_until=None,
            errors=None,
        )
        .execution_options(synchronize_session=False)
    )


def line_failed(
    session: Session,
    batch_id: str,
    line: int,
    problems: tuple[Problem, ...],
    *,
    final: bool,
) -> None:
    """Record the Dutch problems; `final` False puts the line back in the queue
    (an unexpected failure, tried again up to MAX_ATTEMPTS)."""
    row = session.get(BatchLine, (batch_id, line))
    if row is None:
        return
    row.errors = [
        {"path": p.path, "message": p.message, "code": p.code} for p in problems
    ]
    row.claimed_until = None
    row.state = FAILED if final or row.attempts >= MAX_ATTEMPTS else QUEUED


@dataclass(frozen=True)
class BatchView:
    """A batch as the API shows it: status, counts per line state, the lines."""

    batch: Batch
    status: str
    counts: dict[str, int]
    lines: list[BatchLine]


def batch_status(counts: dict[str, int], total: int) -> str:
    done = sum(counts[s] for s in DONE_STATES)
    if done == total:
        return BATCH_DONE
    if done == 0 and counts[BUSY] == 0:
        return BATCH_QUEUED
    return BATCH_BUSY


def view_batch(session: Session, batch_id: str) -> BatchView | None:
    """The batch with its lines (without their request text), or None."""
    batch = session.get(Batch, batch_id)
    if batch is None:
        return None
    rows = session.scalars(
        select(BatchLine)
        .where(BatchLine.batch_id == batch_id)
        .order_by(BatchLine.line)
        .options(defer(BatchLine.request_json))
    ).all()
    counted = Counter(row.state for row in rows)
    counts = {state: counted.get(state, 0) for state in LINE_STATES}
    return BatchView(batch, batch_status(counts, batch.total), counts, list(rows))


def unfinished_count(session: Session, batch_id: str) -> int:
    query = select(func.count()).where(
        BatchLine.batch_id == batch_id, BatchLine.state.not_in(DONE_STATES)
    )
    return int(session.scalar(query) or 0)


def recent_batches(
    session: Session, limit: int = 50
) -> list[tuple[Batch, str, dict[str, int]]]:
    """The newest batches with their status and counts per line state (one
    grouped query for the counts, not every line)."""
    found = list(
        session.scalars(select(Batch).order_by(Batch.created_at.desc()).limit(limit))
    )
    if not found:
        return []
    query = (
        select(BatchLine.batch_id, BatchLine.state, func.count())
        .where(BatchLine.batch_id.in_([b.id for b in found]))
        .group_by(BatchLine.batch_id, BatchLine.state)
    )
    counted: dict[str, dict[str, int]] = {
        b.id: dict.fromkeys(LINE_STATES, 0) for b in found
    }
    for batch_id, line_state, number in session.execute(query):
        counted[batch_id][line_state] = int(number)
    return [(b, batch_status(counted[b.id], b.total), counted[b.id]) for b in found]
