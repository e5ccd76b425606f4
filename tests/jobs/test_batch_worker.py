"""A real `letterforge worker` killed (SIGKILL) in the middle of a batch, then
started again: every line becomes exactly one letter (SQLite and PostgreSQL, the
embedded SQLite queue), and every callback reaches a real receiver, signed: one
"brief.gemaakt" per letter and one "batch.klaar" (the receiver deduplicates on
the event id, as the README tells the case system to). The letters are asked
as text, so the filing outbox (PDF/A by LibreOffice) does not hold up the
callbacks."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import func, select

from letterforge.register import batches
from letterforge.register.models import BatchLine, CallbackEvent, LetterRecord
from letterforge.register.tokens import create_client
from letterforge.web import create_app
from tests.conftest import load_sample, on_sample_day
from tests.jobs.callback_receiver import Receiver, receiver

pytestmark = pytest.mark.slow
SCRIPT = str(Path(sys.executable).with_name("letterforge"))
LINES = 120


def _made(app: Flask, batch_id: str) -> int:
    with app.extensions["letterforge"].register.session() as session:
        query = select(func.count()).where(
            BatchLine.batch_id == batch_id,
            BatchLine.state.in_(batches.DONE_STATES),
        )
        return int(session.scalar(query) or 0)


def _wait_for(app: Flask, batch_id: str, at_least: int, seconds: float) -> int:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        made = _made(app, batch_id)
        if made >= at_least:
            return made
        time.sleep(0.05)
    return _made(app, batch_id)


def _undelivered(app: Flask) -> int:
    with app.extensions["letterforge"].register.session() as session:
        query = select(func.count()).where(CallbackEvent.state != "afgeleverd")
        return int(session.scalar(query) or 0)


def _wait_delivered(app: Flask, seconds: float) -> int:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and _undelivered(app):
        time.sleep(0.1)
    return _undelivered(app)


@pytest.fixture
def hook() -> Iterator[Receiver]:
    with receiver() as found:
        yield found


def test_a_killed_worker_loses_no_line_and_makes_none_twice(
    database_url: str, tmp_path: Path, hook: Receiver
) -> None:
    queue = f"sqlite:///{tmp_path / 'jobs.sqlite3'}"
    allowed = ["127.0.0.1/32"]
    app = create_app(
        {
            "DATABASE_URL": database_url,
            "TESTING": True,
            "QUEUE_URL": queue,
            "CALLBACK_ALLOWED_NETWORKS": allowed,
        }
    )
    on_sample_day(app)
    register = app.extensions["letterforge"].register
    register.migrate()
    with register.session() as session:
        token = create_client(session, "zaaksysteem", ("letters:write", "letters:read"))
    answer = app.test_client().put(
        "/api/v1/callbacks",
        json={"url": hook.url},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert answer.status_code == 201
    hook.secret = answer.get_json()["secret"]
    # As text, as in test_redis_workers: a final DOCX also gets its PDF/A from
    # LibreOffice in the filing outbox (test_outbox.py), which would only make
    # the callbacks wait here behind 120 conversions.
    sample = {**load_sample("toekenning-bijstand-alleenstaande"), "format": "text"}
    # The workers are processes with the machine's date: a letter dated before
    # it is refused, so these letters take the day they are made.
    del sample["case"]["zaak"]["briefdatum"]
    body = json.dumps([sample] * LINES).encode()
    posted = app.test_client().post(
        "/api/v1/batches",
        data=body,
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert posted.status_code == 202
    batch_id = posted.get_json()["id"]
    env = {
        **os.environ,
        "LETTERFORGE_DATABASE_URL": database_url,
        "LETTERFORGE_QUEUE_URL": queue,
        "LETTERFORGE_BATCH_LEASE_SECONDS": "1",
        "LETTERFORGE_CALLBACK_ALLOWED_NETWORKS": json.dumps(allowed),
        "LETTERFORGE_CALLBACK_TIMEOUT_SECONDS": "2",
    }
    first = subprocess.Popen(
        [SCRIPT, "worker", "--threads", "2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        before_kill = _wait_for(app, batch_id, 10, 120)
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
    assert 10 <= before_kill < LINES, "the worker must die in the middle"
    time.sleep(1.5)  # the lease of the line the dead worker held runs out
    second = subprocess.Popen(
        [SCRIPT, "worker"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert _wait_for(app, batch_id, LINES, 180) == LINES
        assert _wait_delivered(app, 150) == 0, "callbacks not delivered"
    finally:
        second.terminate()
        second.wait(timeout=30)
    with register.session() as session:
        view = batches.view_batch(session, batch_id)
        letters = session.scalar(select(func.count()).select_from(LetterRecord))
        letter_ids = set(session.scalars(select(LetterRecord.id)))
        events = list(session.scalars(select(CallbackEvent)))
    assert view is not None and view.status == "klaar"
    assert view.counts["definitief"] == LINES
    made = [row.letter_id for row in view.lines]
    assert len(set(made)) == LINES and letters == LINES
    register.dispose()
    # Every event reached the receiver, signed; a delivery cut off by the kill
    # may come twice, with the same event id (deduplicated here).
    assert hook.received and all(r.signed for r in hook.received)
    got = {r.event["id"]: r.event for r in hook.received}
    assert set(got) == {e.id for e in events}
    made_events = [e for e in got.values() if e["type"] == "brief.gemaakt"]
    assert len(made_events) == LINES
    assert {e["data"]["letter"] for e in made_events} == letter_ids == set(made)
    done = [e for e in got.values() if e["type"] == "batch.klaar"]
    assert [e["data"]["batch"] for e in done] == [batch_id]
    assert done[0]["data"]["counts"]["definitief"] == LINES
