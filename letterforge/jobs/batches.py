"""Carry out the lines of a batch: each becomes a letter through control.make_letter.

A job carries a batch id and a list of line numbers (many letters per job). Each
line is claimed before its letter is made and marked after; the letter's
idempotency key is the line's own (register.batches.line_key), so a job that is
run twice, or a line taken over from a dead worker, never makes a second letter.
The rules are those of a single letter: validation, four eyes, register, filing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from huey import Huey, crontab
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from letterforge import control
from letterforge.errors import LetterforgeError, Problem
from letterforge.jobs.queue import PRIORITY_BATCH, PRIORITY_SWEEP, waiting_args
from letterforge.pipeline import decode_request
from letterforge.register import Register, batches, callbacks
from letterforge.register.models import Batch
from letterforge.settings import Settings

log = logging.getLogger(__name__)
# Lines per job: big enough that the queue is no bottleneck, small enough that
# two workers share a batch and a killed job leaves little to take over.
CHUNK = 50
# Lines per transaction inside a job: claimed together, then rendered (CPU
# only), then recorded together. Two commits per group instead of three per
# letter; small enough that a lease covers a group's work, the progress bar
# moves, and a killed worker leaves few lines to take over.
GROUP = 10


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class BatchContext:
    """What a worker needs to make the letters of a batch."""

    register: Register
    settings: Settings
    today: Callable[[], date]
    clock: Callable[[], datetime] = _utc_now
    # A claimed line of a worker that died is taken up again after this lease;
    # one letter takes milliseconds, so a minute is generous.
    lease: timedelta = field(default=timedelta(minutes=1))


def chunks(lines: list[int], size: int = CHUNK) -> list[list[int]]:
    return [lines[i : i + size] for i in range(0, len(lines), size)]


# What preparing a line gave: a letter to record, or the problems of the line
# and whether they are final (a Dutch problem with the request) or worth
# another attempt (a bug or a lost database).
Outcome = control.PreparedLetter | tuple[tuple[Problem, ...], bool]


def run_batch_lines(context: BatchContext, batch_id: str, lines: list[int]) -> int:
    """Make the letters of these lines of `batch_id`; how many this call made.

    Lines that are done or held by another worker are skipped. Failures are
    recorded on the line (Dutch problems), never raised.

    The lines go in groups of GROUP: one transaction claims a group, its letters
    are rendered and assessed (CPU only, no transaction), one transaction
    records them all, marks the lines and reports the batch. On SQLite each
    commit is a synced write both workers queue for, so two commits per group
    instead of three per letter. A worker killed in between leaves claimed
    lines that are taken up again after the lease; a letter is never half
    written, and its idempotency key (the line's) keeps it single."""
    with context.register.session() as session:
        batch = batches.get_batch(session, batch_id)
        owner = (batch.client_name, batch.actor) if batch else None
    if owner is None:
        log.warning("batch job for an unknown batch")
        return 0
    return sum(
        _run_group(context, batch_id, group, owner) for group in chunks(lines, GROUP)
    )


def _run_group(
    context: BatchContext, batch_id: str, lines: list[int], owner: tuple[str, str]
) -> int:
    with context.register.session() as session:
        claimed = batches.claim_lines(
            session, batch_id, lines, context.clock(), context.lease
        )
    if not claimed:
        return 0
    outcomes = {n: _prepare(context, text) for n, text in sorted(claimed.items())}
    try:
        with context.register.session() as session:
            earlier = batches.made_letters(session, owner[0], batch_id, list(outcomes))
            made = sum(
                _record(session, batch_id, n, outcome, owner, earlier)
                for n, outcome in outcomes.items()
            )
            callbacks.batch_event_if_done(session, batch_id)
        return made
    except Exception:
        # A race on a line key (a lease ran out) or a bad line: each line on
        # its own, so one line cannot hold back the others.
        log.exception("recording a group of batch lines failed; now one by one")
    return sum(
        _record_alone(context, batch_id, n, outcome, owner)
        for n, outcome in outcomes.items()
    )


def _prepare(context: BatchContext, text: str) -> Outcome:
    try:
        return control.prepare_letter(
            context.register,
            decode_request(text),
            context.settings,
            today=context.today(),
        )
    except LetterforgeError as e:
        return (e.problems or (Problem("", e.message),), True)
    except Exception as e:  # a bug: try the line again later
        log.exception("batch line failed unexpectedly")
        problem = Problem("", f"onverwachte fout ({type(e).__name__})", "internal")
        return ((problem,), False)


def _record(
    session: Session,
    batch_id: str,
    line: int,
    outcome: Outcome,
    owner: tuple[str, str],
    earlier: dict[int, tuple[str, str]],
) -> int:
    """Record one line's outcome in the caller's transaction; 1 when it made a
    letter. `earlier`: batches.made_letters of the job's lines, read in this
    transaction; a letter made earlier under the line's key is the line's."""
    client, actor = owner
    if line in earlier:
        letter_id, status = earlier[line]
        batches.line_made(session, batch_id, line, letter_id, status)
        return 0
    if not isinstance(outcome, control.PreparedLetter):
        problems, final = outcome
        batches.line_failed(session, batch_id, line, problems, final=final)
        return 0
    record = control.record_prepared(
        session,
        outcome,
        client=client,
        actor=actor,
        idempotency_key=batches.line_key(batch_id, line),
    )
    batches.line_made(session, batch_id, line, record.id, record.status)
    return 1


def _record_alone(
    context: BatchContext,
    batch_id: str,
    line: int,
    outcome: Outcome,
    owner: tuple[str, str],
) -> int:
    try:
        with context.register.session() as session:
            earlier = batches.made_letters(session, owner[0], batch_id, [line])
            made = _record(session, batch_id, line, outcome, owner, earlier)
            callbacks.batch_event_if_done(session, batch_id)
        return made
    except Exception as e:  # a lost database or a race: the line comes back
        log.exception("recording a batch line failed")
        problem = Problem("", f"onverwachte fout ({type(e).__name__})", "internal")
        _failed(context, batch_id, line, (problem,), False)
        return 0


def _failed(
    context: BatchContext,
    batch_id: str,
    line: int,
    problems: tuple[Problem, ...],
    final: bool,
) -> None:
    with context.register.session() as session:
        batches.line_failed(session, batch_id, line, problems, final=final)
        callbacks.batch_event_if_done(session, batch_id)


def due_jobs(context: BatchContext) -> list[tuple[str, list[int]]]:
    """(batch id, lines) jobs for every line that waits or was left by a dead worker."""
    with context.register.session() as session:
        found = batches.claimable_lines(session, context.clock())
    per_batch: dict[str, list[int]] = {}
    for batch_id, line in found:
        per_batch.setdefault(batch_id, []).append(line)
    return [(b, part) for b, lines in per_batch.items() for part in chunks(lines)]


def jobs_of(
    batch: Batch, numbers: list[int] | None = None
) -> list[tuple[str, list[int]]]:
    """The jobs of a new batch: its lines (numbered from 1, or `numbers`) in chunks."""
    lines = numbers if numbers is not None else list(range(1, batch.total + 1))
    return [(batch.id, part) for part in chunks(lines)]


def start_batch(
    register: Register,
    queue: BatchQueue | None,
    client: str,
    actor: str,
    numbered: list[tuple[int, str]],
    idempotency_key: str | None = None,
) -> tuple[str, int]:
    """Write a batch (its lines as JSON texts) and put its jobs on `queue`:
    (batch id, number of lines). The same for the API, the beheer page and
    `letterforge batch --wachtrij`. The lines are committed first; without a
    queue, or when the queue is away, a worker's sweep finds them.

    With an idempotency_key a retry with the same lines answers with the batch
    made earlier (and makes nothing); other lines with that key raise
    IdempotencyConflict. `numbered`: (line number in the file, JSON text), from
    control.batch_file (the one numbering of every path)."""
    numbers = [n for n, _ in numbered]
    lines = [text for _, text in numbered]
    if idempotency_key:
        earlier = _earlier_batch(register, client, idempotency_key, numbered)
        if earlier is not None:
            return earlier
    try:
        with register.session() as session:
            batch = batches.create_batch(
                session, client, actor, lines, _utc_now(), idempotency_key, numbers
            )
    except IntegrityError:
        # Another request with the same key won the race: answer with its batch.
        found = (
            _earlier_batch(register, client, idempotency_key, numbered)
            if idempotency_key
            else None
        )
        if found is None:
            raise
        return found
    if queue is not None:
        queue.submit(jobs_of(batch, numbers))
    return batch.id, batch.total


def _earlier_batch(
    register: Register, client: str, key: str, numbered: list[tuple[int, str]]
) -> tuple[str, int] | None:
    lines = [text for _, text in numbered]
    numbers = [n for n, _ in numbered]
    with register.session() as session:
        found = batches.find_by_key(session, client, key, lines, numbers)
        return (found.id, found.total) if found is not None else None


class BatchQueue:
    """The batch tasks on the Huey of the filing queue (jobs.queue.make_huey).

    The lines in the register stay the truth: a task carries only a batch id and
    line numbers, and the periodic sweep (also run when a worker starts) puts
    every line back on the queue that waits or was left by a dead worker."""

    def __init__(self, huey: Huey, context_factory: Callable[[], BatchContext]) -> None:
        self.huey = huey
        self._factory = context_factory
        self._context: BatchContext | None = None
        # Fixed names: the web process (which only enqueues) and the worker agree.
        # Batch lines go before PDF/A (jobs.queue priorities).
        self.run_task = huey.task(
            name="letterforge.batch_lines", priority=PRIORITY_BATCH
        )(self._run)
        self.sweep_task = huey.periodic_task(
            crontab(minute="*"), name="letterforge.batch_sweep", priority=PRIORITY_SWEEP
        )(self.sweep)

    @property
    def context(self) -> BatchContext:
        if self._context is None:
            self._context = self._factory()
        return self._context

    def submit(self, jobs: list[tuple[str, list[int]]]) -> None:
        """Put jobs on the queue now; a failure here only delays them (sweep)."""
        for batch_id, lines in jobs:
            try:
                self.run_task(batch_id, lines)
            except Exception:
                log.exception("could not put a batch job on the queue")

    def sweep(self) -> int:
        """Put every claimable line on the queue that no waiting message holds."""
        waiting = {
            (batch_id, line)
            for batch_id, lines in waiting_args(self.huey, self.run_task.name)
            for line in lines  # type: ignore[attr-defined]
        }
        due = [
            (batch_id, part)
            for batch_id, lines in due_jobs(self.context)
            if (part := [n for n in lines if (batch_id, n) not in waiting])
        ]
        self.submit(due)
        return len(due)

    def _run(self, batch_id: str, lines: list[int]) -> int:
        return run_batch_lines(self.context, batch_id, lines)
