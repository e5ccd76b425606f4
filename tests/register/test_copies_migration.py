"""Migration 0012 (copies as register entries) goes up and down on both databases
and keeps the letters that were there."""

from __future__ import annotations

from sqlalchemy import inspect, text

from letterforge.register import Register, open_register
from tests.register.test_schema import _INSERT_0004, _upgrade


def _columns(register: Register) -> set[str]:
    with register.engine.connect() as connection:
        return {c["name"] for c in inspect(connection).get_columns("letters")}


def test_migration_0012_up_and_down_keeps_letters(database_url: str) -> None:
    register = open_register(database_url)
    try:
        _upgrade(register, "0004")
        with register.engine.begin() as connection:
            connection.execute(text(_INSERT_0004), {"day": "2026-03-31", "doc": b"PK"})
        _upgrade(register, "0012")
        assert {"copy_of", "recipient"} <= _columns(register)
        _upgrade(register, "0009", down=True)
        assert not {"copy_of", "recipient"} & _columns(register)
        _upgrade(register, "0012")
        with register.engine.connect() as connection:
            count = connection.execute(text("SELECT count(*) FROM letters")).scalar()
            copy_of = connection.execute(text("SELECT copy_of FROM letters")).scalar()
        assert (count, copy_of) == (1, None)
    finally:
        register.dispose()
