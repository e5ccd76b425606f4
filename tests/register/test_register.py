"""Tokens, storing and reproducing letters, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from letterforge.errors import RequestError
from letterforge.pipeline import parse_request, render_request
from letterforge.register import Register, open_register
from letterforge.register.reproduce import reproduce
from letterforge.register.store import get_letter, list_letters, record_letter
from letterforge.register.tokens import authenticate, create_client, revoke_client
from letterforge.settings import Settings
from tests.conftest import TODAY, load_sample


@pytest.fixture
def register(database_url: str) -> Iterator[Register]:
    register = open_register(database_url, migrate=True)
    yield register
    register.dispose()


def test_migrations_are_idempotent(register: Register) -> None:
    register.migrate()  # a second upgrade to head changes nothing


def test_token_lifecycle(register: Register) -> None:
    with register.session() as session:
        token = create_client(session, "zaaksysteem", ("letters:write",))
    assert token.startswith("lf_") and len(token) > 40
    with register.session() as session:
        client = authenticate(session, token)
        assert client is not None and client.scope_set() == {"letters:write"}
        assert client.token_hash != token  # only a hash is stored
        assert authenticate(session, token + "x") is None
        revoke_client(session, "zaaksysteem")
    with register.session() as session:
        assert authenticate(session, token) is None


@pytest.mark.parametrize(
    ("name", "scopes", "field"),
    [
        ("Zaak Systeem", ("letters:write",), "naam"),
        ("zaaksysteem", ("alles",), "scope"),
        ("zaaksysteem", (), "scope"),
    ],
)
def test_bad_clients_are_refused(
    register: Register, name: str, scopes: tuple[str, ...], field: str
) -> None:
    with pytest.raises(RequestError) as raised, register.session() as session:
        create_client(session, name, scopes)
    assert raised.value.problems[0].path == field


def _store(register: Register, settings: Settings, sample: str) -> str:
    request = parse_request(load_sample(sample))
    rendered = render_request(request, settings, today=TODAY)
    with register.session() as session:
        record = record_letter(
            session, request, rendered, client="test", readability={"score": 99}
        )
        return record.id


def test_store_find_and_reproduce(register: Register, settings: Settings) -> None:
    letter_id = _store(register, settings, "terugvordering-later-inkomsten")
    _store(register, settings, "afwijzing-bijstand-vermogen")
    with register.session() as session:
        record = get_letter(session, letter_id)
        page = list_letters(
            session, zaak="Z-2026-005177", template=None, page=1, per_page=10
        )
    assert record is not None and page.total == 1
    assert record.letter_date == TODAY
    result = reproduce(record, settings)
    assert result.identical and not result.template_changed


def test_reproduce_notices_a_different_document(
    register: Register, settings: Settings
) -> None:
    letter_id = _store(register, settings, "terugvordering-later-inkomsten")
    with register.session() as session:
        record = get_letter(session, letter_id)
        assert record is not None
        record.content_sha256 = "0" * 64
        record.letter_date = date(2026, 1, 5)
    assert not reproduce(record, settings).identical


def test_cli_knows_the_same_scopes() -> None:
    from letterforge.cli.service import EXTRA_SCOPES
    from letterforge.cli.service import SCOPES as CLI_SCOPES
    from letterforge.register.tokens import SCOPES

    assert set(CLI_SCOPES + EXTRA_SCOPES) == set(SCOPES)
