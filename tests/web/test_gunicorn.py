"""The real server: `letterforge serve` (gunicorn) on a free loopback port."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import SAMPLES_DIR

pytestmark = pytest.mark.slow
SCRIPT = str(Path(sys.executable).with_name("letterforge"))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, str]]:
    env = {**os.environ, "LETTERFORGE_DATABASE_URL": f"sqlite:///{tmp_path / 'r.db'}"}
    made = subprocess.run(
        [SCRIPT, "token", "create", "test"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    token = made.stdout.strip().splitlines()[-1]
    port = free_port()
    process = subprocess.Popen(
        [SCRIPT, "serve", "--port", str(port), "--workers", "2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        yield base, token
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_post_a_letter_over_http(server: tuple[str, str]) -> None:
    base, token = server
    request = urllib.request.Request(
        f"{base}/api/v1/letters",
        data=(SAMPLES_DIR / "afwijzing-bijstand-vermogen.json").read_bytes(),
        headers={
            "Authorization": f"Bearer {token}",
            "Content-Type": "application/json",
        },
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 201
        content = response.read()
        letter_id = response.headers["X-Letter-Id"]
    assert content[:2] == b"PK"
    check = urllib.request.Request(
        f"{base}/api/v1/letters/{letter_id}",
        headers={"Authorization": f"Bearer {token}"},
    )
    with urllib.request.urlopen(check, timeout=10) as response:
        assert json.loads(response.read())["id"] == letter_id
