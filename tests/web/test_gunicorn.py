"""The real server: `letterforge serve` (gunicorn) on a free loopback port."""

from __future__ import annotations

import json
import urllib.request
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
