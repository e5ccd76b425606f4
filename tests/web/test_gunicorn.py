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


def undated_sample() -> bytes:
    """The server is a process with the machine's date, and a letter dated
    before the day it is made is refused: this one takes the day it is made."""
    data = json.loads((SAMPLES_DIR / "afwijzing-bijstand-vermogen.json").read_bytes())
    del data["case"]["zaak"]["briefdatum"]
    return json.dumps(data).encode()


def test_post_a_letter_over_http(tmp_path: Path) -> None:
    with running_server(f"sqlite:///{tmp_path / 'r.db'}") as server:
        request = urllib.request.Request(
            f"{server.base}/api/v1/letters",
            data=undated_sample(),
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
    body = undated_sample()
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


# gunicorn's secure_scheme_headers, and a forwarded host.
FORWARDED = [
    {"X-Forwarded-Proto": "https"},
    {"X-Forwarded-Protocol": "ssl"},
    {"X-Forwarded-Ssl": "on"},
    {"X-Forwarded-Host": "elders.example", "X-Forwarded-Proto": "https"},
]


def test_forwarded_headers_are_ignored_without_proxy_fix(tmp_path: Path) -> None:
    """gunicorn trusts X-Forwarded-* from 127.0.0.1 by default; `serve` does not:
    only ProxyFix (PROXY_FIX) may trust them."""
    with running_server(f"sqlite:///{tmp_path / 'r.db'}") as server:
        for headers in FORWARDED:
            request = urllib.request.Request(
                f"{server.base}/api/v1/openapi.json", headers=headers
            )
            with urllib.request.urlopen(request, timeout=10) as response:
                document = json.loads(response.read())
            assert [s["url"] for s in document["servers"]] == [
                f"{server.base}/api/v1"
            ], headers
