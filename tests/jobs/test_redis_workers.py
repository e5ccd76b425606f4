"""The Redis mode of the job queue with two real `letterforge worker` processes.

A batch is posted through the API; one worker is killed (SIGKILL) in the middle
and started again, as systemd would; then everything (both workers and Redis,
which keeps nothing on disk, so the queue itself is lost) is killed during a
second batch and started again. Every line becomes exactly one letter, both
batches finish, and every callback reaches a real receiver, signed.

The register is PostgreSQL (tests/postgres.py): the Redis mode is for workers on
several machines, and those share a PostgreSQL register, not a SQLite file.
The letters are asked as text: a final DOCX also gets its PDF/A made by
LibreOffice in the filing outbox, which is tested in test_outbox.py and would
only make this test slow.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import pytest
from flask import Flask
from sqlalchemy import func, select

from letterforge.register import batches
from letterforge.register.models import CallbackEvent, LetterRecord
from letterforge.register.tokens import create_client
from letterforge.web import create_app
from tests.conftest import load_sample, on_sample_day
from tests.jobs.callback_receiver import Receiver, receiver
from tests.jobs.redis_server import RedisServer
from tests.postgres import fresh_database

pytestmark = pytest.mark.slow
SCRIPT = str(Path(sys.executable).with_name("letterforge"))
LINES = 100  # per batch
LEASE_SECONDS = 2


class Workers:
    """`letterforge worker` processes on one queue and register."""

    def __init__(self, env: dict[str, str], logs: Path) -> None:
        self.env, self.logs = env, logs
        self.processes: list[subprocess.Popen[bytes]] = []
        self.files: list[BinaryIO] = []

    def start(self) -> subprocess.Popen[bytes]:
        log = (self.logs / f"worker-{len(self.processes)}.log").open("wb")
        self.files.append(log)
        process = subprocess.Popen(
            [SCRIPT, "worker", "--threads", "2"],
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self.processes.append(process)
        return process

    def kill(self, process: subprocess.Popen[bytes]) -> None:
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=10)

    def kill_all(self) -> None:
        for process in self.processes:
            self.kill(process)

    def close(self) -> None:
        self.kill_all()
        for log in self.files:
            log.close()


def _view(app: Flask, batch_id: str) -> batches.BatchView:
    with app.extensions["letterforge"].register.session() as session:
        view = batches.view_batch(session, batch_id)
    assert view is not None
    return view


def _done(app: Flask, batch_id: str) -> int:
    view = _view(app, batch_id)
    return sum(view.counts[s] for s in batches.DONE_STATES)


def _wait(condition: object, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.1)
    return bool(condition())  # type: ignore[operator]


def _post_batch(app: Flask, headers: dict[str, str]) -> str:
    sample = {**load_sample("toekenning-bijstand-alleenstaande"), "format": "text"}
    # The workers are processes with the machine's date: a letter dated before
    # it is refused, so these letters take the day they are made.
    del sample["case"]["zaak"]["briefdatum"]
    posted = app.test_client().post(
        "/api/v1/batches", json=[sample] * LINES, headers=headers
    )
    assert posted.status_code == 202, posted.get_data(as_text=True)
    return str(posted.get_json()["id"])


def _undelivered(app: Flask) -> int:
    with app.extensions["letterforge"].register.session() as session:
        query = select(func.count()).where(CallbackEvent.state != "afgeleverd")
        return int(session.scalar(query) or 0)


@pytest.fixture
def hook() -> Iterator[Receiver]:
    with receiver() as found:
        yield found


def test_two_workers_on_redis_lose_nothing_and_make_nothing_twice(
    postgres_admin_url: str, tmp_path: Path, hook: Receiver
) -> None:
    redis = RedisServer(tmp_path)
    redis.start()
    database_url = fresh_database(postgres_admin_url)
    allowed = ["127.0.0.1/32"]
    app = create_app(
        {
            "DATABASE_URL": database_url,
            "TESTING": True,
            "QUEUE_URL": redis.url,
            "CALLBACK_ALLOWED_NETWORKS": allowed,
        }
    )
    on_sample_day(app)
    register = app.extensions["letterforge"].register
    register.migrate()
    with register.session() as session:
        token = create_client(session, "zaaksysteem", ("letters:write", "letters:read"))
    headers = {"Authorization": f"Bearer {token}"}
    answer = app.test_client().put(
        "/api/v1/callbacks", json={"url": hook.url}, headers=headers
    )
    assert answer.status_code == 201
    hook.secret = answer.get_json()["secret"]
    env = {
        **os.environ,
        "LETTERFORGE_INSTANCE_PATH": str(tmp_path / "instance"),
        "LETTERFORGE_DATABASE_URL": database_url,
        "LETTERFORGE_QUEUE_URL": redis.url,
        "LETTERFORGE_MIGRATE_ON_START": "false",
        "LETTERFORGE_BATCH_LEASE_SECONDS": str(LEASE_SECONDS),
        "LETTERFORGE_CALLBACK_ALLOWED_NETWORKS": json.dumps(allowed),
        "LETTERFORGE_CALLBACK_TIMEOUT_SECONDS": "2",
    }
    workers = Workers(env, tmp_path)
    try:
        # 1. Two workers share a batch; one is killed in the middle.
        first = _post_batch(app, headers)
        doomed, _ = workers.start(), workers.start()
        assert _wait(lambda: _done(app, first) >= 10, 180), "no worker started"
        workers.kill(doomed)
        killed_at = _done(app, first)
        assert killed_at < LINES, "the worker must die in the middle"
        time.sleep(LEASE_SECONDS + 0.5)  # the lines it held are free again
        workers.start()  # as systemd restarts it; its start sweeps the register
        assert _wait(lambda: _view(app, first).status == "klaar", 240)

        # 2. Everything stops during the next batch, Redis and its queue too.
        second = _post_batch(app, headers)
        assert _wait(lambda: _done(app, second) >= 5, 180)
        workers.kill_all()
        redis.kill()
        stopped_at = _done(app, second)
        assert stopped_at < LINES, "everything must stop in the middle"
        redis.start()  # empty: the register is the memory, not the queue
        time.sleep(LEASE_SECONDS + 0.5)
        workers.start(), workers.start()
        assert _wait(lambda: _view(app, second).status == "klaar", 240)
        assert _wait(lambda: _undelivered(app) == 0, 150), "callbacks not delivered"
    finally:
        workers.close()
        redis.kill()

    with register.session() as session:
        letters = list(
            session.execute(
                select(LetterRecord.id, LetterRecord.idempotency_key).where(
                    LetterRecord.client_name == "zaaksysteem"
                )
            )
        )
        events = list(session.scalars(select(CallbackEvent)))
    views = [_view(app, first), _view(app, second)]
    register.dispose()
    # Every line is exactly one letter, and every letter is a line's.
    for view in views:
        assert view.counts["definitief"] == LINES, view.counts
        assert len({row.letter_id for row in view.lines}) == LINES
    assert len(letters) == 2 * LINES
    assert {key for _, key in letters} == {
        batches.line_key(view.batch.id, n)
        for view in views
        for n in range(1, LINES + 1)
    }
    # Every event reached the receiver, signed; a retry after a kill may bring
    # one twice, with the same event id (the receiver deduplicates on it).
    got = {r.event["id"]: r for r in hook.received}
    assert all(r.signed for r in hook.received)
    assert set(got) == {e.id for e in events}
    made = {
        r.event["data"]["letter"]
        for r in got.values()
        if r.event["type"] == "brief.gemaakt"
    }
    assert made == {letter_id for letter_id, _ in letters}
    done = sorted(
        r.event["data"]["batch"]
        for r in got.values()
        if r.event["type"] == "batch.klaar"
    )
    assert done == sorted(view.batch.id for view in views)
