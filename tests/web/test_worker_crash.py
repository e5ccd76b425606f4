"""A worker killed with SIGKILL in the middle of a burst loses no letter that a
client got: every 201 is in the register (SQLite and PostgreSQL)."""

from __future__ import annotations

import http.client
import os
import signal
import threading
import time
from urllib.parse import urlsplit

import pytest

from letterforge.register import open_register
from letterforge.register.store import get_letter
from tests.conftest import sample_paths
from tests.web.serving import Server, running_server, worker_pids

pytestmark = pytest.mark.slow
REQUESTS_PER_THREAD = 25
THREADS = 4


def _post(server: Server, body: bytes) -> str | None:
    """The letter id of a 201, or None when the connection broke."""
    address = urlsplit(server.base)
    connection = http.client.HTTPConnection(
        str(address.hostname), address.port, timeout=30
    )
    try:
        connection.request(
            "POST",
            "/api/v1/letters",
            body=body,
            headers={
                "Authorization": f"Bearer {server.token}",
                "Content-Type": "application/json",
            },
        )
        response = connection.getresponse()
        response.read()
    except (ConnectionError, http.client.HTTPException):
        return None  # the worker died under this request
    finally:
        connection.close()
    assert response.status == 201, response.status
    return response.headers["X-Letter-Id"]


def _burst(server: Server, answered: list[str | None]) -> list[threading.Thread]:
    bodies = [p.read_bytes() for p in sample_paths()]

    def work(offset: int) -> None:
        for n in range(REQUESTS_PER_THREAD):
            answered.append(_post(server, bodies[(offset + n) % len(bodies)]))

    threads = [threading.Thread(target=work, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    return threads


def test_every_201_survives_a_killed_worker(database_url: str) -> None:
    answered: list[str | None] = []
    with running_server(database_url) as server:
        victim = worker_pids(server)[0]
        threads = _burst(server, answered)
        while len(answered) < 10:  # kill it while requests are in flight
            time.sleep(0.005)
        os.kill(victim, signal.SIGKILL)
        for thread in threads:
            thread.join(timeout=120)
        assert victim not in worker_pids(server)  # gunicorn replaced it
    created = [letter_id for letter_id in answered if letter_id]
    assert len(answered) == THREADS * REQUESTS_PER_THREAD
    # Four clients keep both sync workers busy, so the kill broke a request.
    assert None in answered
    assert len(created) >= len(answered) // 2
    register = open_register(database_url)
    try:
        with register.session() as session:
            missing = [i for i in created if get_letter(session, i) is None]
    finally:
        register.dispose()
    assert missing == []
