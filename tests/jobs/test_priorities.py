"""Queue priorities: callbacks and batch lines never wait behind PDF/A jobs."""

from __future__ import annotations

from pathlib import Path
from typing import NoReturn

import pytest

from letterforge.jobs.batches import BatchQueue
from letterforge.jobs.callbacks import CallbackQueue
from letterforge.jobs.queue import FilingQueue, make_huey


def _never() -> NoReturn:
    raise AssertionError("no task runs in this test")


@pytest.mark.parametrize("backend", ["memory", "sqlite"])
def test_callbacks_then_batch_lines_then_filing_whatever_the_order_put(
    backend: str, tmp_path: Path
) -> None:
    url = "memory://" if backend == "memory" else f"sqlite:///{tmp_path / 'q.db'}"
    huey = make_huey(url)
    filing = FilingQueue(huey, _never)
    batch = BatchQueue(huey, _never)
    callback = CallbackQueue(huey, _never)
    for job_id in (1, 2):
        filing.file_task(job_id)
    batch.run_task("b", [1, 2])
    filing.file_task(3)
    callback.deliver_task("e")
    order = []
    while (task := huey.dequeue()) is not None:
        order.append((task.name, task.args))
    assert order == [
        ("letterforge.callback", ("e",)),
        ("letterforge.batch_lines", ("b", [1, 2])),
        ("letterforge.file_letter", (1,)),
        ("letterforge.file_letter", (2,)),
        ("letterforge.file_letter", (3,)),
    ]


def test_the_sweeps_go_first() -> None:
    huey = make_huey("memory://")
    filing = FilingQueue(huey, _never)
    filing.file_task(1)
    for queue in (filing, BatchQueue(huey, _never), CallbackQueue(huey, _never)):
        queue.sweep_task()
    names = []
    while (task := huey.dequeue()) is not None:
        names.append(task.name)
    assert names[-1] == "letterforge.file_letter"
    assert sorted(names[:3]) == [
        "letterforge.batch_sweep",
        "letterforge.callback_sweep",
        "letterforge.sweep",
    ]
