"""An app per test, on SQLite and on PostgreSQL, with tokens for each scope."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from letterforge.register.tokens import create_client
from letterforge.web import create_app
from tests.conftest import on_sample_day


@pytest.fixture
def app(database_url: str, tmp_path: Path) -> Iterator[Flask]:
    app = on_sample_day(create_app({"DATABASE_URL": database_url, "TESTING": True}))
    app.extensions["letterforge"].register.migrate()  # as every command does
    yield app
    app.extensions["letterforge"].register.dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def _token(app: Flask, name: str, scopes: tuple[str, ...]) -> str:
    with app.extensions["letterforge"].register.session() as session:
        return create_client(session, name, scopes)


@pytest.fixture
def tokens(app: Flask) -> dict[str, dict[str, str]]:
    """Authorization headers: 'all', 'write', 'read' (every client's letters),
    'own' (only its own), 'approve' (four eyes), 'readability'."""
    made = {
        "all": _token(app, "alles", ("letters:write", "letters:read", "readability")),
        "write": _token(app, "schrijver", ("letters:write",)),
        "read": _token(app, "lezer", ("letters:read", "letters:read-all")),
        "own": _token(app, "eigen", ("letters:write", "letters:read")),
        "approve": _token(app, "controleur", ("letters:read", "letters:approve")),
        "readability": _token(app, "taal", ("readability",)),
    }
    return {k: {"Authorization": f"Bearer {v}"} for k, v in made.items()}
