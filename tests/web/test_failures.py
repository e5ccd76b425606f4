"""When the database breaks: a 500 or 503 as problem+json, nothing internal shown."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import create_engine, text

from letterforge.register import Register
from tests.web.test_api import SAMPLE, post_letter

INTERNALS = ("Traceback", "sqlalchemy", "sqlite", "psycopg", "INSERT", "letters")


def _drop_letters_table(app: Flask) -> None:
    with app.extensions["letterforge"].register.session() as session:
        session.execute(text("DROP TABLE letter_events"))
        session.execute(text("DROP TABLE letters"))


def test_a_server_error_shows_no_internals(
    app: Flask, client: FlaskClient, tokens: Any, caplog: pytest.LogCaptureFixture
) -> None:
    _drop_letters_table(app)
    with caplog.at_level(logging.ERROR, logger="letterforge.web"):
        response = post_letter(client, tokens["write"], SAMPLE)
    assert response.status_code == 500
    assert response.mimetype == "application/problem+json"
    body = response.get_data(as_text=True)
    assert response.get_json()["detail"].startswith("Er ging iets mis bij ons")
    for word in INTERNALS:
        assert word not in body
    # The log names the kind of error, the template and the place in the code;
    # never the error's message, which could hold case data.
    [record] = caplog.records
    entry = json.loads(record.getMessage().removeprefix("server error "))
    assert entry["error"] in {"OperationalError", "ProgrammingError"}
    assert entry["template"] == "terugvordering" and entry["route"]
    assert any("letterforge/control/letters.py" in line for line in entry["traceback"])
    case = json.loads(SAMPLE)["case"]
    for value in (case["ontvanger"]["achternaam"], "1850", "INSERT"):
        assert value not in record.getMessage()


def _close_postgres_database(register: Register) -> None:
    url = register.engine.url
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(
            text(f'ALTER DATABASE "{url.database}" ALLOW_CONNECTIONS false')
        )
        connection.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = :name"
            ),
            {"name": url.database},
        )
    admin.dispose()


def _corrupt_sqlite_file(register: Register) -> None:
    register.engine.dispose()
    with open(str(register.engine.url.database), "r+b") as database:
        database.write(b"geen database" * 10)


def test_healthz_reports_a_broken_database(app: Flask, client: FlaskClient) -> None:
    register = app.extensions["letterforge"].register
    if register.engine.dialect.name == "sqlite":
        _corrupt_sqlite_file(register)
    else:
        _close_postgres_database(register)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.mimetype == "application/problem+json"
