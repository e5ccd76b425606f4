"""The real server: `letterforge serve` (gunicorn) on a free loopback port."""

from __future__ import annotations

import json
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.conftest import SAMPLES_DIR
from tests.web.serving import running_server

pytestmark = pytest.mark.slow


def test_post_a_letter_over_http(tmp_path: Path) -> None:
    with running_server(f"sqlite:///{tmp_path / 'r.db'}") as server:
        request = urllib.request.Request(
            f"{server.base}/api/v1/letters",
            data=(SAMPLES_DIR / "afwijzing-bijstand-vermogen.json").read_bytes(),
            headers={
                "Authorization": f"Bearer {server.token}",
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
            f"{server.base}/api/v1/letters/{letter_id}",
            headers={"Authorization": f"Bearer {server.token}"},
        )
        with urllib.request.urlopen(check, timeout=10) as response:
            assert json.loads(response.read())["id"] == letter_id


def _post_with_key(base: str, token: str, body: bytes, key: str) -> str:
    request = urllib.request.Request(
        f"{base}/api/v1/letters",
        data=body,
        headers={
            "Authorization": f"Bearer {token}",
            "Content-Type": "application/json",
            "Idempotency-Key": key,
        },
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 201
        return str(response.headers["X-Letter-Id"])


def test_simultaneous_retries_make_one_letter(tmp_path: Path) -> None:
    """Both workers get the same key at once (five rounds of four retries); the
    register's unique key decides, and every retry gets that one letter."""
    body = (SAMPLES_DIR / "afwijzing-bijstand-vermogen.json").read_bytes()
    rounds: list[set[str]] = []
    with (
        running_server(f"sqlite:///{tmp_path / 'r.db'}") as server,
        ThreadPoolExecutor(max_workers=4) as pool,
    ):
        for attempt in range(5):
            ids = pool.map(
                lambda key: _post_with_key(server.base, server.token, body, key),
                [f"poging-{attempt}"] * 4,
            )
            rounds.append(set(ids))
    assert [len(ids) for ids in rounds] == [1] * 5
    assert len(set.union(*rounds)) == 5
