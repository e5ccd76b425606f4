"""A worker killed with SIGKILL in the middle of a burst loses no letter that a
client got: every 201 is in the register (SQLite and PostgreSQL)."""

from __future__ import annotations

import http.client
import json
import os
import signal
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from letterforge.register import open_register
from letterforge.register.store import get_letter
from tests.conftest import TODAY, sample_paths
from tests.web.serving import Server, running_server, worker_pids

pytestmark = pytest.mark.slow
REQUESTS_PER_THREAD = 25
THREADS = 4


def _post(server: Server, body: bytes) -> str | None:
    """The letter id of a 201 (or 202: a concept), or None when the connection broke."""
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
    assert response.status in (201, 202), response.status
    return response.headers["X-Letter-Id"]


def _undated_samples() -> list[bytes]:
    """The samples dated TODAY, without their date: the server is a process with
    the machine's date, and a letter dated before the day it is made is refused,
    so these take the day they are made."""
    bodies = []
    for path in sample_paths():
        data = json.loads(path.read_bytes())
        if data["case"]["zaak"].pop("briefdatum", None) == TODAY.isoformat():
            bodies.append(json.dumps(data).encode())
    return bodies


def _burst(server: Server, answered: list[str | None]) -> list[threading.Thread]:
    bodies = _undated_samples()

    def work(offset: int) -> None:
        for n in range(REQUESTS_PER_THREAD):
            answered.append(_post(server, bodies[(offset + n) % len(bodies)]))

    threads = [threading.Thread(target=work, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    return threads


def _is_running(pid: int) -> bool:
    """State R in /proc: on the CPU, which for a sync worker means making a letter."""
    stat = Path(f"/proc/{pid}/stat").read_text()
    return stat.rpartition(")")[2].split()[0] == "R"


def _kill_while_busy(victim: int) -> None:
    """Kill the worker while it is on the CPU. Almost always that breaks the request
    it is making (one broken request in each of eight runs), but a worker can also
    be on the CPU just after answering, so the test does not demand a broken one."""
    deadline = time.monotonic() + 10
    while not _is_running(victim):
        assert time.monotonic() < deadline, "the worker never got busy"
        time.sleep(0.0005)
    os.kill(victim, signal.SIGKILL)


def test_every_201_survives_a_killed_worker(database_url: str) -> None:
    answered: list[str | None] = []
    with running_server(database_url) as server:
        victim = worker_pids(server)[0]
        threads = _burst(server, answered)
        while len(answered) < 10:  # well into the burst
            time.sleep(0.005)
        _kill_while_busy(victim)
        for thread in threads:
            thread.join(timeout=120)
        assert victim not in worker_pids(server)  # gunicorn replaced it
    created = [letter_id for letter_id in answered if letter_id]
    assert len(answered) == THREADS * REQUESTS_PER_THREAD
    assert len(created) >= len(answered) // 2
    register = open_register(database_url)
    try:
        with register.session() as session:
            missing = [i for i in created if get_letter(session, i) is None]
    finally:
        register.dispose()
    assert missing == []
