"""Benchmark: a batch through the task queue into the register.

Writes one batch of COUNT varied requests (benchmarks/_vary.py, every sample, four
eyes included: such a line becomes a concept) into a SQLite register, as
POST /api/v1/batches does, puts its jobs (50 lines each, jobs.batches.CHUNK) on the
SQLite Huey queue and lets two worker processes (one per core) run the batch task
of `letterforge worker` until every line is a letter or a failure. Each letter goes
through control.make_letter: validation, four eyes, register, audit event and the
filing job in the outbox (the PDF/A itself is the filing worker's, measured by
benchmarks/pdf.py; here the filing jobs wait). A warm-up batch of 100 lines runs
first, so the workers have read the template library.

In the same run: the two-core ceiling of the same letters in-process without queue
or register (`ratio_of_ceiling`), the database writes and bytes stored per letter,
and the memory (RSS) of a worker process after the batch. Prints one JSON object.
Run: `make bench` or `python benchmarks/batch.py`; BENCH_BATCH_COUNT (2000).
"""

from __future__ import annotations

import json
import multiprocessing
import os
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from _vary import (
    TODAY,
    make_letter_summary,
    sample_requests,
    two_core_ceiling,
    variants,
)
from sqlalchemy import event, text

from letterforge.jobs.batches import BatchContext, BatchQueue, jobs_of, run_batch_lines
from letterforge.jobs.queue import make_huey
from letterforge.register import batches
from letterforge.register.database import Register, open_register
from letterforge.settings import load_settings

COUNT = int(os.environ.get("BENCH_BATCH_COUNT", "2000"))
WARMUP = 100
WORKERS = 2


def _bodies(count: int, start: int) -> list[bytes]:
    requests = sample_requests()
    per_sample = count // len(requests) + 1
    bodies: list[bytes] = []
    for number, raw in enumerate(requests):
        made, _ = variants(raw, per_sample, make_letter_summary, start + number * 1000)
        bodies += made
    # Interleave the samples, as a municipality's file would mix decision types.
    mixed = [
        bodies[i] for k in range(per_sample) for i in range(k, len(bodies), per_sample)
    ]
    return mixed[:count]


def _context(database: str) -> BatchContext:
    return BatchContext(
        register=open_register(database),
        settings=load_settings({}),
        today=lambda: TODAY,
        lease=timedelta(minutes=5),
    )


def _worker(database: str, queue: str) -> None:
    """One worker process: the batch task on the queue, one thread."""
    huey = make_huey(queue)
    BatchQueue(huey, lambda: _context(database))
    huey.create_consumer(workers=1, worker_type="thread", periodic=False).run()


def _submit(register: Register, queue: BatchQueue, bodies: list[bytes]) -> str:
    with register.session() as session:
        batch = batches.create_batch(
            session,
            "bench",
            "api:bench",
            [b.decode("utf-8") for b in bodies],
            datetime.now(UTC),
        )
        jobs = jobs_of(batch)
        batch_id = batch.id
    queue.submit(jobs)
    return batch_id


def _wait(register: Register, batch_id: str) -> None:
    while True:
        with register.session() as session:
            if batches.unfinished_count(session, batch_id) == 0:
                return
        time.sleep(0.05)


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def _counted(register: Register) -> list[int]:
    """A counter of the INSERT/UPDATE/DELETE statements of this engine."""
    writes = [0]

    @event.listens_for(register.engine, "before_cursor_execute")
    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
            writes[0] += 1

    return writes


def _stored_bytes(register: Register) -> dict[str, float]:
    """Bytes of the letters' rows per letter: document, request, summary, events."""
    with register.engine.connect() as connection:
        letters = connection.execute(text("SELECT count(*) FROM letters")).scalar_one()
        sizes = connection.execute(
            text("SELECT sum(length(content)) FROM letters")
        ).scalar_one()
    return {"letters": letters, "docx_bytes_per_letter": round(sizes / letters)}


def main() -> int:
    folder = Path(tempfile.mkdtemp(prefix="letterforge-batch-"))
    database = f"sqlite:///{folder / 'register.db'}"
    queue_url = f"sqlite:///{folder / 'queue.db'}"
    register = open_register(database)
    register.migrate()
    queue = BatchQueue(make_huey(queue_url), lambda: _context(database))
    bodies = _bodies(COUNT, 0)
    workers = [
        multiprocessing.Process(target=_worker, args=(database, queue_url))
        for _ in range(WORKERS)
    ]
    for worker in workers:
        worker.start()
    try:
        _wait(register, _submit(register, queue, _bodies(WARMUP, 500_000)))
        size_before = (folder / "register.db").stat().st_size
        start = time.perf_counter()
        batch_id = _submit(register, queue, bodies)
        _wait(register, batch_id)
        seconds = time.perf_counter() - start
        memory = [_rss_mb(w.pid) for w in workers if w.pid]
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.join(timeout=20)
    with register.session() as session:
        view = batches.view_batch(session, batch_id)
    counts = dict(view.counts) if view else {}
    # Writes per letter: one more letter through the same function, counted here.
    writes = _counted(register)
    context = BatchContext(register, load_settings({}), lambda: TODAY)
    probe = _submit(
        register, BatchQueue(make_huey("memory://"), lambda: context), bodies[:1]
    )

    writes[0] = 0
    run_batch_lines(context, probe, [1])
    grown = (folder / "register.db").stat().st_size - size_before
    result: dict[str, Any] = {
        "benchmark": "batch",
        "what": "one batch through the SQLite Huey queue into the SQLite register, "
        f"{WORKERS} worker processes, 50 lines per job",
        "requests": COUNT,
        "counts": counts,
        "seconds": round(seconds, 2),
        "letters_per_second": round(COUNT / seconds, 1),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "worker_rss_mb_after_batch": memory,
        "database_writes_per_letter": writes[0],
        "register_bytes_per_letter": round(grown / COUNT),
        **_stored_bytes(register),
        "ceiling": two_core_ceiling(bodies),
    }
    ceiling = result["ceiling"]["two_core_ceiling_letters_per_second"]
    result["ratio_of_ceiling"] = round(result["letters_per_second"] / ceiling, 2)
    result["targets_met"] = {
        "at_least_80_percent_of_ceiling": result["ratio_of_ceiling"] >= 0.8,
        "at_least_800_per_second": result["letters_per_second"] >= 800,
    }
    json.dump(result, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
