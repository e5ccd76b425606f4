"""A real `letterforge worker` killed (SIGKILL) in the middle of a batch, then
started again: every line becomes exactly one letter (SQLite and PostgreSQL, the
embedded SQLite queue)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import func, select

from letterforge.register import batches
from letterforge.register.models import BatchLine, LetterRecord
from letterforge.register.tokens import create_client
from letterforge.web import create_app
from tests.conftest import load_sample

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


def test_a_killed_worker_loses_no_line_and_makes_none_twice(
    database_url: str, tmp_path: Path
) -> None:
    queue = f"sqlite:///{tmp_path / 'jobs.sqlite3'}"
    app = create_app(
        {"DATABASE_URL": database_url, "TESTING": True, "QUEUE_URL": queue}
    )
    register = app.extensions["letterforge"].register
    register.migrate()
    with register.session() as session:
        token = create_client(session, "zaaksysteem", ("letters:write", "letters:read"))
    sample = load_sample("toekenning-bijstand-alleenstaande")
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
    finally:
        second.terminate()
        second.wait(timeout=30)
    with register.session() as session:
        view = batches.view_batch(session, batch_id)
        letters = session.scalar(select(func.count()).select_from(LetterRecord))
    assert view is not None and view.status == "klaar"
    assert view.counts["definitief"] == LINES
    made = [row.letter_id for row in view.lines]
    assert len(set(made)) == LINES and letters == LINES
    register.dispose()
