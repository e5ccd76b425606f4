"""The task queue: Huey, embedded by default, Redis when one machine is not enough.

Why Huey: it is small, well kept (since 2011, MIT), runs with no server of its own
on a SQLite file (one machine: `letterforge serve` starts a worker beside the web
workers), and the same code runs on Redis (`redis://...`) when a municipality
spreads the work over several machines. It has delayed tasks (our back-off) and
periodic tasks (the sweep that picks up any job a missed notice left behind).
Celery needs a broker even on one machine; RQ needs Redis always.

The outbox in the register stays the truth: a task only carries a job id, and
running a task twice is harmless (the job is claimed with a lease first).

Priorities (higher runs first; SQLite, memory and PriorityRedisHuey honour them):
the sweeps, then callback deliveries, then batch lines, and last the filing jobs,
whose PDF/A (LibreOffice) takes seconds each. So a callback or a batch line
waits at most for the jobs the worker threads are running, never for a backlog
of PDF/A. The sweeps put a job on the queue only when no message for it is
waiting there already (`waiting_args`), so a slow queue does not grow.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from huey import Huey, MemoryHuey, PriorityRedisHuey, SqliteHuey, crontab

from letterforge.errors import SettingsError
from letterforge.jobs.filing import FilingContext, run_filing_job, sweep
from letterforge.register import Register, outbox
from letterforge.register.models import FilingJob

log = logging.getLogger(__name__)
QUEUE_NAME = "letterforge"

# Task priorities: higher runs first. The numbers only order the kinds.
PRIORITY_SWEEP = 100
PRIORITY_CALLBACK = 50
PRIORITY_BATCH = 40
PRIORITY_FILING = 0


def make_huey(url: str) -> Huey:
    """A Huey for `url`: sqlite:///PATH, redis://HOST:PORT/DB or memory://.

    No result store: the outcome of a job is in the register, not in the queue.
    Redis uses Huey's priority queue (a sorted set; Redis 5 or newer), so the
    priorities above hold on every backend.
    """
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        path.parent.mkdir(parents=True, exist_ok=True)
        return SqliteHuey(QUEUE_NAME, filename=str(path), results=False)
    if url.startswith(("redis://", "rediss://")):
        return PriorityRedisHuey(QUEUE_NAME, url=url, results=False)
    if url == "memory://":
        return MemoryHuey(QUEUE_NAME, results=False)
    raise SettingsError(
        "LETTERFORGE_QUEUE_URL moet beginnen met sqlite:///, redis:// of memory://."
    )


def waiting_args(huey: Huey, task_name: str) -> list[tuple[object, ...]]:
    """The arguments of every message of `task_name` that waits on the queue,
    now or scheduled for later (a back-off). The sweeps skip these, so a job
    whose message still waits is not put on the queue a second time. Reads the
    whole queue once per sweep (a minute): cheap next to the work it saves.
    A message a worker is running is not in the queue; the lease in the
    register keeps a second run of it harmless."""
    found = [*huey.pending(), *huey.scheduled()]
    return [tuple(task.args) for task in found if task.name == task_name]


def default_queue_url(instance_path: str) -> str:
    return f"sqlite:///{Path(instance_path) / 'jobs.sqlite3'}"


class FilingQueue:
    """The filing tasks on one Huey. The context is made in the worker, lazily."""

    def __init__(
        self, huey: Huey, context_factory: Callable[[], FilingContext]
    ) -> None:
        self.huey = huey
        self._factory = context_factory
        self._context: FilingContext | None = None

        # Bound methods as tasks: the names are fixed, so the web process (which
        # only enqueues) and the worker agree on them.
        self.file_task = huey.task(
            name="letterforge.file_letter", priority=PRIORITY_FILING
        )(self._run)
        self.sweep_task = huey.periodic_task(
            crontab(minute="*"), name="letterforge.sweep", priority=PRIORITY_SWEEP
        )(self.sweep)

    @property
    def context(self) -> FilingContext:
        if self._context is None:
            self._context = self._factory()
        return self._context

    def notify(self, job_ids: list[int]) -> None:
        """Put jobs on the queue now; a failure here only delays them."""
        for job_id in job_ids:
            try:
                self.file_task(job_id)
            except Exception:  # the sweep picks the job up within a minute
                log.exception("could not put filing job %s on the queue", job_id)

    def sweep(self) -> int:
        """Put every due job on the queue that has no message waiting there."""
        waiting = {args[0] for args in waiting_args(self.huey, self.file_task.name)}
        due = [job_id for job_id in sweep(self.context) if job_id not in waiting]
        self.notify(due)
        return len(due)

    def _run(self, job_id: int) -> str:
        state = run_filing_job(self.context, job_id)
        if state == outbox.WAITING:
            self._schedule_next(job_id)
        return state

    def _schedule_next(self, job_id: int) -> None:
        with self.context.register.session() as session:
            job = session.get(FilingJob, job_id)
            due = job.next_attempt_at if job else None
        if due is None:
            return
        due = due if due.tzinfo else due.replace(tzinfo=UTC)
        delay = max((due - datetime.now(UTC)).total_seconds(), 0.0)
        self.file_task.schedule(args=(job_id,), delay=delay)


def install_notifier(register: Register, queue: FilingQueue) -> None:
    """Let every session of `register` put new filing jobs on `queue` on commit."""
    outbox.set_notifier(register.sessions, queue.notify)
