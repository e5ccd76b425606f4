"""Batches in the register: the lines of a bulk run and what became of each.

A line is claimed with a short lease before a worker makes its letter, like a
filing job (register.outbox): of two workers only one gets it, and the line of a
worker that died is taken up again once the lease ran out. The letter itself is
made with the idempotency key `line_key(...)`, so even a worker that dies after
the letter was committed but before the line was marked makes no second letter.

Line states: wachtrij -> bezig -> definitief | concept | mislukt. What a reader
sees for a line with a letter is the letter's status now (definitief, concept or
afgekeurd), joined from the letters table in the query: a concept approved or
rejected after the batch ran is never shown stale.
Batch status (derived, never stored): wachtrij (nothing started), bezig, klaar
(every line is a letter, a concept included, or a failure).
"""

from __future__ import annotations

import hashlib
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, case, func, or_, select, update
from sqlalchemy.orm import Session

from letterforge.errors import IdempotencyConflict, Problem, RequestError
from letterforge.register.models import ApiClient, Batch, BatchLine, LetterRecord

QUEUED, BUSY, FINAL, CONCEPT, FAILED = (
    "wachtrij",
    "bezig",
    "definitief",
    "concept",
    "mislukt",
)
# A line's letter rejected after the batch made it (shown, never stored).
REJECTED = "afgekeurd"
LINE_STATES = (QUEUED, BUSY, FINAL, CONCEPT, REJECTED, FAILED)
DONE_STATES = frozenset({FINAL, CONCEPT, REJECTED, FAILED})
BATCH_QUEUED, BATCH_BUSY, BATCH_DONE = "wachtrij", "bezig", "klaar"
# Unexpected failures (database gone, a bug) are tried again this many times;
# a Dutch problem with the request fails the line at once.
MAX_ATTEMPTS = 3


# Owners of batches that are not API clients: the web pages ("web") and the
# command line's default ("beheer"). Their letters are seen in letterforge only:
# no token reads them and no callbacks are sent.
INTERNAL_OWNERS = ("web", "beheer")


def api_client_names(session: Session) -> list[str]:
    """The names of the API clients that may own a batch (not revoked), sorted."""
    query = select(ApiClient.name).where(ApiClient.revoked_at.is_(None))
    return sorted(session.scalars(query))


def check_owner(session: Session, client: str, field: str) -> None:
    """Refuse an owner that is neither internal nor an active API client: a typo
    would make letters no token can read and that send no callbacks.

    Raises RequestError naming `field` (the edge's name for it: --client, client)."""
    if client in INTERNAL_OWNERS:
        return
    names = api_client_names(session)
    if client in names:
        return
    choices = ", ".join([*names, *INTERNAL_OWNERS])
    message = f"er is geen API-client '{client}'; kies uit: {choices}"
    raise RequestError(
        f"De client '{client}' bestaat niet.", (Problem(field, message, "unknown"),)
    )


def line_key(batch_id: str, line: int) -> str:
    """The idempotency key of a batch line's letter (unique per client)."""
    return f"batch:{batch_id}:{line}"


def lines_sha256(lines: list[str], numbers: list[int] | None = None) -> str:
    """The fingerprint of a batch's lines (and their numbers), to tell a retry
    from another request."""
    digest = hashlib.sha256()
    for number, text in zip(_numbers(lines, numbers), lines, strict=True):
        digest.update(f"{number}\t{text}\n".encode())
    return digest.hexdigest()


def _numbers(lines: list[str], numbers: list[int] | None) -> list[int]:
    return numbers if numbers is not None else list(range(1, len(lines) + 1))


def find_by_key(
    session: Session,
    client: str,
    key: str,
    lines: list[str],
    numbers: list[int] | None = None,
) -> Batch | None:
    """The batch `client` made earlier with Idempotency-Key `key`, or None.

    Raises IdempotencyConflict when that batch was made from other lines."""
    found = session.scalar(
        select(Batch).where(Batch.client_name == client, Batch.idempotency_key == key)
    )
    if found is not None and found.request_sha256 != lines_sha256(lines, numbers):
        raise IdempotencyConflict("Deze Idempotency-Key hoort bij een andere batch.")
    return found


def create_batch(
    session: Session,
    client: str,
    actor: str,
    lines: list[str],
    now: datetime,
    idempotency_key: str | None = None,
    numbers: list[int] | None = None,
) -> Batch:
    """Write a batch and its lines (JSON text) in one transaction. `numbers` are
    the lines' numbers in the file (control.batch_file.numbered_lines); without
    them the lines are numbered from 1.

    With an idempotency_key the pair (client, key) is unique: a second batch
    with the same key fails on commit (IntegrityError); see find_by_key."""
    batch = Batch(
        id=str(uuid.uuid4()),
        client_name=client,
        actor=actor,
        total=len(lines),
        created_at=now,
        idempotency_key=idempotency_key,
        request_sha256=lines_sha256(lines, numbers) if idempotency_key else None,
    )
    session.add(batch)
    session.flush()  # the batch row first: the lines refer to it
    session.add_all(
        BatchLine(
            batch_id=batch.id, line=n, request_json=text, state=QUEUED, attempts=0
        )
        for n, text in zip(_numbers(lines, numbers), lines, strict=True)
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
class LineView:
    """A line as a reader sees it: `state` is its letter's status now, if any."""

    line: int
    state: str
    letter_id: str | None
    errors: list[dict[str, str]] | None


@dataclass(frozen=True)
class BatchView:
    """A batch as the API shows it: status, counts per line state, the lines."""

    batch: Batch
    status: str
    counts: dict[str, int]
    lines: list[LineView]


def _shown_state() -> ColumnElement[str]:
    """The state a reader sees: the letter's current status for a made line.

    One place for this rule; every query that shows or counts lines uses it with
    an outer join on the letter (`_with_letter`)."""
    return case(
        (
            BatchLine.letter_id.is_not(None),
            func.coalesce(LetterRecord.status, BatchLine.state),
        ),
        else_=BatchLine.state,
    )


def _with_letter(query: Any) -> Any:
    return query.outerjoin(LetterRecord, LetterRecord.id == BatchLine.letter_id)


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
    query = _with_letter(
        select(BatchLine.line, _shown_state(), BatchLine.letter_id, BatchLine.errors)
        .select_from(BatchLine)
        .where(BatchLine.batch_id == batch_id)
        .order_by(BatchLine.line)
    )
    rows = [
        LineView(n, state, letter, errors)
        for n, state, letter, errors in session.execute(query)
    ]
    counted = Counter(row.state for row in rows)
    counts = {state: counted.get(state, 0) for state in LINE_STATES}
    return BatchView(batch, batch_status(counts, batch.total), counts, rows)


def unfinished_count(session: Session, batch_id: str) -> int:
    query = select(func.count()).where(
        BatchLine.batch_id == batch_id, BatchLine.state.not_in(DONE_STATES)
    )
    return int(session.scalar(query) or 0)


def _summaries(
    session: Session, found: list[Batch]
) -> list[tuple[Batch, str, dict[str, int]]]:
    """Status and counts per line state of `found` (one grouped query)."""
    if not found:
        return []
    shown = _shown_state()
    query = _with_letter(
        select(BatchLine.batch_id, shown, func.count())
        .select_from(BatchLine)
        .where(BatchLine.batch_id.in_([b.id for b in found]))
        .group_by(BatchLine.batch_id, shown)
    )
    counted: dict[str, dict[str, int]] = {
        b.id: dict.fromkeys(LINE_STATES, 0) for b in found
    }
    for batch_id, line_state, number in session.execute(query):
        counted[batch_id][line_state] = int(number)
    return [(b, batch_status(counted[b.id], b.total), counted[b.id]) for b in found]


def recent_batches(
    session: Session, limit: int = 50
) -> list[tuple[Batch, str, dict[str, int]]]:
    """The newest batches of every client with their status and counts per line
    state (one grouped query for the counts, not every line)."""
    found = list(
        session.scalars(select(Batch).order_by(Batch.created_at.desc()).limit(limit))
    )
    return _summaries(session, found)


def batch_summary(session: Session, batch: Batch) -> tuple[str, dict[str, int]]:
    """(status, counts per line state) of one batch, without its lines."""
    [(_, status, counts)] = _summaries(session, [batch])
    return status, counts


def client_batches(
    session: Session, client: str, page: int, per_page: int
) -> tuple[list[tuple[Batch, str, dict[str, int]]], int]:
    """One page of `client`'s batches, newest first, and how many it has."""
    total = int(
        session.scalar(
            select(func.count()).select_from(Batch).where(Batch.client_name == client)
        )
        or 0
    )
    found = list(
        session.scalars(
            select(Batch)
            .where(Batch.client_name == client)
            .order_by(Batch.created_at.desc(), Batch.id)
            .offset((page - 1) * per_page)
            .limit(per_page)
        )
    )
    return _summaries(session, found), total
