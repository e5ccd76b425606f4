"""Outbox tests: a real register (SQLite and PostgreSQL), the real API, a ZGW server."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from letterforge.jobs import FilingContext
from letterforge.register import outbox
from letterforge.register.tokens import create_client
from letterforge.web import create_app
from letterforge.zgw import ZgwConfig
from tests.conftest import load_sample, on_sample_day
from tests.zgw.conftest import make_config, zgw, zgw_server  # noqa: F401
from tests.zgw.server import ZgwTestServer


@pytest.fixture
def app(database_url: str, tmp_path: Path) -> Iterator[Flask]:
    app = on_sample_day(create_app({"DATABASE_URL": database_url, "TESTING": True}))
    app.extensions["letterforge"].register.migrate()  # as every command does
    yield app
    app.extensions["letterforge"].register.dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def headers(app: Flask) -> dict[str, str]:
    with app.extensions["letterforge"].register.session() as session:
        token = create_client(session, "zaaksysteem", ("letters:write", "letters:read"))
    return {"Authorization": f"Bearer {token}", "Accept": "application/json"}


class Clock:
    """The real time plus what the test moved it on, so back-off needs no waiting."""

    def __init__(self) -> None:
        self.offset = timedelta(0)

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.offset

    def advance(self, delta: timedelta) -> None:
        self.offset += delta


@pytest.fixture
def clock() -> Clock:
    return Clock()


def context_for(
    app: Flask,
    config: ZgwConfig | None,
    clock: Clock,
    policy: outbox.RetryPolicy | None = None,
) -> FilingContext:
    return FilingContext(
        register=app.extensions["letterforge"].register,
        zgw=config,
        policy=policy or outbox.RetryPolicy(max_attempts=4),
        clock=clock,
    )


def letter_body(
    zaak_url: str | None, sample: str = "terugvordering-inlichtingenplicht-zienswijze"
) -> bytes:
    request: dict[str, Any] = load_sample(sample)
    if zaak_url:
        request["case"]["zaak"]["zaak_url"] = zaak_url
    return json.dumps(request).encode("utf-8")


def make_letter(
    client: FlaskClient, headers: dict[str, str], body: bytes
) -> dict[str, Any]:
    response = client.post(
        "/api/v1/letters", data=body, content_type="application/json", headers=headers
    )
    assert response.status_code == 201, response.get_data(as_text=True)
    answer: dict[str, Any] = response.get_json()
    return answer


def counts(server: ZgwTestServer) -> tuple[int, int, int, int]:
    state = server.state
    return (
        len(state.documents),
        len(state.zios),
        len(state.besluiten),
        len(state.bios),
    )
