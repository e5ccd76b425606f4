"""The register's schema: models and migrations agree, dates are dates, lists read
no documents. On SQLite and PostgreSQL (the database_url fixture)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, event, inspect, text
from sqlalchemy.exc import InvalidRequestError

from letterforge.pipeline import parse_request, render_request
from letterforge.register import Register, open_register
from letterforge.register.models import Base
from letterforge.register.store import (
    get_document,
    get_letter,
    list_letters,
    record_letter,
)
from letterforge.settings import Settings
from tests.conftest import TODAY, load_sample


@pytest.fixture
def register(database_url: str) -> Iterator[Register]:
    register = open_register(database_url, migrate=True)
    yield register
    register.dispose()


def test_models_and_migrations_agree(register: Register) -> None:
    """Alembic's autogenerate comparison finds nothing to change after upgrade."""
    with register.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "compare_server_default": False}
        )
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def _store(register: Register, settings: Settings, sample: str) -> str:
    request = parse_request(load_sample(sample))
    rendered = render_request(request, settings, today=TODAY)
    with register.session() as session:
        record = record_letter(
            session, request, rendered, client="test", readability={"score": 1}
        )
        return record.id


class Statements:
    """The SELECT statements an engine runs."""

    def __init__(self, engine: Engine) -> None:
        self.selects: list[str] = []
        event.listen(engine, "before_cursor_execute", self._statement)

    def _statement(self, *args: Any) -> None:
        statement = str(args[2])
        if statement.lstrip().upper().startswith("SELECT"):
            self.selects.append(" ".join(statement.split()))


def _selected_columns(statement: str) -> list[str]:
    columns = statement[len("SELECT ") : statement.upper().index(" FROM ")]
    return [c.strip() for c in columns.split(",")]


@pytest.fixture
def stored(register: Register, settings: Settings) -> list[str]:
    return [
        _store(register, settings, name)
        for name in ("terugvordering-later-inkomsten", "afwijzing-bijstand-vermogen")
    ]


def test_lists_load_no_document_bytes(register: Register, stored: list[str]) -> None:
    seen = Statements(register.engine)
    with register.session() as session:
        page = list_letters(session, per_page=100)
        for record in page.items:
            assert "content" in inspect(record).unloaded
            with pytest.raises(InvalidRequestError):
                _ = record.content  # never loaded quietly, row by row
    assert page.total == 2
    listing = [s for s in seen.selects if s.startswith("SELECT letters.id,")]
    assert len(listing) == 1, seen.selects
    columns = _selected_columns(listing[0])
    assert "letters.content" not in columns and "letters.pdf" not in columns
    loaded = {c.removeprefix("letters.") for c in columns}
    every = {c.name for c in Base.metadata.tables["letters"].columns}
    assert loaded == every - {"content", "pdf"}  # the DOCX and the PDF/A are deferred


def test_a_document_is_loaded_only_when_asked_for(
    register: Register, stored: list[str]
) -> None:
    with register.session() as session:
        without = get_letter(session, stored[0])
        assert without is not None and "content" in inspect(without).unloaded
    with register.session() as session:
        document = get_document(session, stored[0])
    assert document is not None and document.content.startswith(b"PK")


@pytest.mark.parametrize(
    ("date_from", "date_to", "count"),
    [
        (None, None, 2),
        (TODAY, TODAY, 2),
        (date(2000, 1, 1), date(2000, 12, 31), 0),
        (None, date(2000, 1, 1), 0),
    ],
)
def test_letter_dates_are_dates_and_filter_as_dates(
    register: Register,
    stored: list[str],
    date_from: date | None,
    date_to: date | None,
    count: int,
) -> None:
    with register.session() as session:
        page = list_letters(session, date_from=date_from, date_to=date_to)
    assert page.total == count
    assert all(isinstance(r.letter_date, date) for r in page.items)


def test_migration_0005_converts_text_dates(database_url: str) -> None:
    """A register at 0004 with a letter_date as text keeps that date as a DATE."""
    register = open_register(database_url)
    try:
        _upgrade(register, "0004")
        with register.engine.begin() as connection:
            connection.execute(text(_INSERT_0004), {"day": "2026-03-31", "doc": b"PK"})
        _upgrade(register, "head")
        with register.engine.connect() as connection:
            day = connection.execute(text("SELECT letter_date FROM letters")).scalar()
            kind = inspect(connection).get_columns("letters")
        column = next(c for c in kind if c["name"] == "letter_date")
        assert "DATE" in str(column["type"]).upper()
        with register.session() as session:
            (record,) = list_letters(session).items
        assert record.letter_date == date(2026, 3, 31)
        assert str(day).startswith("2026-03-31")
    finally:
        register.dispose()


def test_migration_0005_downgrade_keeps_the_dates(database_url: str) -> None:
    register = open_register(database_url)
    try:
        _upgrade(register, "0004")
        with register.engine.begin() as connection:
            connection.execute(text(_INSERT_0004), {"day": "2026-03-31", "doc": b"PK"})
        _upgrade(register, "0005")
        _upgrade(register, "0004", down=True)
        with register.engine.connect() as connection:
            day = connection.execute(text("SELECT letter_date FROM letters")).scalar()
        assert day == "2026-03-31"
    finally:
        register.dispose()


def _upgrade(register: Register, revision: str, *, down: bool = False) -> None:
    from importlib import resources

    from alembic import command
    from alembic.config import Config

    config = Config()
    folder = resources.files("letterforge.register") / "migrations"
    config.set_main_option("script_location", str(folder))
    with register.engine.begin() as connection:
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, revision)


_INSERT_0004 = (
    "INSERT INTO letters (id, created_at, client_name, template_id, template_version,"
    " request_sha256, request_json, letter_date, zaak, kenmerk, filename, media_type,"
    " content, content_sha256, readability, status)"
    " VALUES ('00000000-0000-0000-0000-000000000001', '2026-03-31 10:00:00+00:00',"
    " 'test', 't', 'v', 'x', '{}', :day, 'Z-1', 'K-1', 'b.docx', 'x/y', :doc,"
    " 'y', '{}', 'definitief')"
)
