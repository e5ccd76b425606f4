"""The outbox: every final letter gets a filing job in the same transaction.

The job makes the letter's PDF/A and, when the request names a zaak URL, files it
in the zaak (letterforge.jobs carries it out). Because the job row is written in
the transaction that makes the letter final, no final letter is ever without
one; because a worker claims a job with a lease before it works on it, two
workers never carry out the same job at the same time.

States: wachtend (waiting, maybe for its next attempt) -> bezig (claimed) ->
klaar, or mislukt after MAX_ATTEMPTS; "probeer opnieuw" puts mislukt back to
wachtend.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import event, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from letterforge.register.models import FilingJob, LetterRecord

WAITING = "wachtend"
BUSY = "bezig"
DONE = "klaar"
FAILED = "mislukt"
FINAL = "definitief"
ARCHIVED_MEDIA_TYPES = frozenset(
    {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/pdf",
    }
)


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how long to wait between attempts (exponential back-off)."""

    max_attempts: int = 8
    first_delay: timedelta = timedelta(seconds=30)
    max_delay: timedelta = timedelta(hours=1)
    # A claimed job whose worker died is taken up again after this lease.
    lease: timedelta = timedelta(minutes=10)

    def delay(self, attempts: int) -> timedelta:
        """Wait after the `attempts`-th failed attempt: 30 s, 1 min, 2 min, ..."""
        grown: timedelta = self.first_delay * (2 ** max(attempts - 1, 0))
        return min(grown, self.max_delay)


# A notifier is called with the job ids after the transaction that wrote them
# commits, so a worker can start at once; the worker's periodic sweep finds any job
# a missed notice left behind. letterforge.jobs installs it per register (the
# register knows no queue), in the info that every new session copies.
NOTIFIER = "letterforge_filing_notifier"
PENDING = "letterforge_filing_jobs"
Notifier = Callable[[list[int]], None]


def set_notifier(
    sessions: sessionmaker[Session],
    notifier: Callable[[list[Any]], None] | None,
    key: str = NOTIFIER,
) -> None:
    """Call `notifier` with new job ids after each commit of these sessions.

    `key` keeps notifiers apart (filing jobs, callback events): setting one
    leaves the others in place."""
    info = dict(sessions.kw.get("info") or {})
    info[key] = notifier
    sessions.configure(info=info)


def notify_after_commit(
    session: Session, job_id: Any, key: str = NOTIFIER, pending_key: str = PENDING
) -> None:
    """After this session commits, call the notifier set under `key` with the ids
    gathered under `pending_key`; nothing on a rollback."""
    notifier = session.info.get(key)
    if notifier is None:
        return
    pending: list[Any] = session.info.setdefault(pending_key, [])
    if not pending:

        def after_commit(committed: Session) -> None:
            ids = list(committed.info.pop(pending_key, []))
            if ids:
                notifier(ids)

        def after_rollback(rolled_back: Session) -> None:
            rolled_back.info.pop(pending_key, None)

        event.listen(session, "after_commit", after_commit, once=True)
        event.listen(session, "after_soft_rollback", after_rollback, once=True)
    pending.append(job_id)


def zaak_url_of(record: LetterRecord) -> str | None:
    """The zaak URL the request named (case.zaak.zaak_url), if any."""
    try:
        zaak = json.loads(record.request_json)["case"].get("zaak", {})
    except (ValueError, KeyError, AttributeError):
        return None
    url = zaak.get("zaak_url") if isinstance(zaak, dict) else None
    return url if isinstance(url, str) and url else None


def enqueue_filing(
    session: Session, record: LetterRecord, *, now: datetime | None = None
) -> FilingJob | None:
    """Write the filing job of a final letter in the caller's transaction.

    Call it at the one point where a letter becomes final (status definitief);
    it does nothing for a concept or a plain-text letter, and returns the
    existing job when called twice.
    """
    if record.status != FINAL or record.media_type not in ARCHIVED_MEDIA_TYPES:
        # A plain-text rendering (format "text") is for reading and checking, not
        # a document to send or archive: it gets no PDF and is not filed.
        return None
    existing = job_for_letter(session, record.id)
    if existing is not None:
        return existing
    moment = now or datetime.now(UTC)
    job = FilingJob(
        letter_id=record.id,
        zaak_url=zaak_url_of(record),
        state=WAITING,
        attempts=0,
        next_attempt_at=moment,
        results={},
        created_at=moment,
    )
    session.add(job)
    session.flush()
    notify_after_commit(session, job.id)
    return job


def job_for_letter(session: Session, letter_id: str) -> FilingJob | None:
    return session.scalar(select(FilingJob).where(FilingJob.letter_id == letter_id))


def _due(now: datetime) -> Any:
    return or_(
        (FilingJob.state == WAITING) & (FilingJob.next_attempt_at <= now),
        (FilingJob.state == BUSY) & (FilingJob.claimed_until < now),
    )


def due_job_ids(session: Session, now: datetime, limit: int = 100) -> list[int]:
    """Jobs a worker may take now (waiting and due, or left by a dead worker)."""
    query = select(FilingJob.id).where(_due(now)).order_by(FilingJob.next_attempt_at)
    return list(session.scalars(query.limit(limit)))


def claim(session: Session, job_id: int, now: datetime, policy: RetryPolicy) -> bool:
    """Take the job for one attempt, if it is due; False if another worker has it.

    One UPDATE with the due-condition in its WHERE: of two workers, only one
    changes the row (SQLite serialises writers, PostgreSQL locks the row).
    """
    result = session.execute(
        update(FilingJob)
        .where(FilingJob.id == job_id, _due(now))
        .values(state=BUSY, claimed_until=now + policy.lease)
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(result, "rowcount", 0) == 1)


def save_progress(session: Session, job_id: int, results: dict[str, Any]) -> None:
    job = session.get(FilingJob, job_id)
    if job is not None:
        job.results = dict(results)


def succeed(
    session: Session, job_id: int, results: dict[str, Any], now: datetime
) -> None:
    job = session.get(FilingJob, job_id)
    if job is None:
        return
    job.state = DONE
    job.attempts += 1
    job.results = dict(results)
    job.last_error = None
    job.claimed_until = None
    job.finished_at = now


def fail(
    session: Session, job_id: int, error: str, now: datetime, policy: RetryPolicy
) -> FilingJob | None:
    """Count a failed attempt: wait longer each time, mislukt after the limit."""
    job = session.get(FilingJob, job_id)
    if job is None:
        return None
    job.attempts += 1
    job.last_error = error[:2000]
    job.claimed_until = None
    if job.attempts >= policy.max_attempts:
        job.state = FAILED
        job.finished_at = now
    else:
        job.state = WAITING
        job.next_attempt_at = now + policy.delay(job.attempts)
    return job


def retry(session: Session, job_id: int, now: datetime) -> FilingJob | None:
    """ "Probeer opnieuw": a failed job waits again, with a fresh count."""
    job = session.get(FilingJob, job_id)
    if job is None or job.state != FAILED:
        return None
    job.state = WAITING
    job.attempts = 0
    job.next_attempt_at = now
    job.finished_at = None
    notify_after_commit(session, job.id)
    return job


def failed_jobs(session: Session) -> list[FilingJob]:
    query = select(FilingJob).where(FilingJob.state == FAILED)
    return list(session.scalars(query.order_by(FilingJob.finished_at.desc())))


def store_pdf(session: Session, letter_id: str, pdf: bytes, sha256: str) -> None:
    session.execute(
        update(LetterRecord)
        .where(LetterRecord.id == letter_id)
        .values(pdf=pdf, pdf_sha256=sha256)
        .execution_options(synchronize_session=False)
    )


def letter_pdf(session: Session, letter_id: str) -> bytes | None:
    return session.scalar(select(LetterRecord.pdf).where(LetterRecord.id == letter_id))


def jobs_in_state(
    session: Session, state: str, limit: int = 200, *, owner: str | None = None
) -> list[FilingJob]:
    """Jobs in `state`, oldest first; with `owner`, only for that client's letters."""
    query = select(FilingJob).where(FilingJob.state == state)
    if owner is not None:
        query = query.join(LetterRecord, LetterRecord.id == FilingJob.letter_id).where(
            LetterRecord.client_name == owner
        )
    return list(session.scalars(query.order_by(FilingJob.created_at).limit(limit)))
