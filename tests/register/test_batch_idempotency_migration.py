"""Migration 0013 (Idempotency-Key of batches) goes up and down on both databases,
keeps the batches that were there, and makes (client, key) unique."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

from letterforge.register import Register, open_register
from tests.register.test_schema import _upgrade

_INSERT = (
    "INSERT INTO batches (id, client_name, actor, total, created_at{extra})"
    " VALUES (:id, 'zaaksysteem', 'api:zaaksysteem', 1, '2026-11-29 18:00:00'{values})"
)


def _columns(register: Register) -> set[str]:
    with register.engine.connect() as connection:
        return {c["name"] for c in inspect(connection).get_columns("batches")}


def test_migration_0013_up_and_down_keeps_batches(database_url: str) -> None:
    register = open_register(database_url)
    try:
        _upgrade(register, "0012")
        with register.engine.begin() as connection:
            connection.execute(text(_INSERT.format(extra="", values="")), {"id": "a"})
        _upgrade(register, "0013")
        assert {"idempotency_key", "request_sha256"} <= _columns(register)
        keyed = _INSERT.format(extra=", idempotency_key", values=", 'k'")
        with register.engine.begin() as connection:
            connection.execute(text(keyed), {"id": "b"})
        with pytest.raises(IntegrityError), register.engine.begin() as connection:
            connection.execute(text(keyed), {"id": "c"})
        _upgrade(register, "0012", down=True)
        assert not {"idempotency_key", "request_sha256"} & _columns(register)
        _upgrade(register, "0013")
        with register.engine.connect() as connection:
            count = connection.execute(text("SELECT count(*) FROM batches")).scalar()
        assert count == 2
    finally:
        register.dispose()
