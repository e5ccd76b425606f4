"""Sign-in throttling (issue 14, attacker finding 5): failures slow guessing down,
but nobody can lock a colleague out from a shared address. A moved clock, no sleeps."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient

from letterforge.register.users import (
    FIRST_WAIT,
    MAX_WAIT,
    PAIR_FREE_FAILURES,
    create_user,
)
from letterforge.web import create_app
from tests.web.test_ui import PASSWORD, csrf_of

ADDRESS_LIMIT = 20


class Clock:
    """A clock the test moves."""

    def __init__(self) -> None:
        self.at = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.at

    def move(self, by: timedelta) -> None:
        self.at += by


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def app(database_url: str, clock: Clock) -> Iterator[Flask]:
    app = create_app(
        {
            "DATABASE_URL": database_url,
            "TESTING": True,
            "SECRET_KEY": "test",
            "SESSION_COOKIE_SECURE": False,
            "SIGN_IN_ADDRESS_LIMIT": ADDRESS_LIMIT,
        }
    )
    state = app.extensions["letterforge"]
    app.extensions["letterforge"] = dataclasses.replace(state, clock=clock)
    state.register.migrate()
    with state.register.session() as session:
        create_user(session, "anna", "medewerker", PASSWORD)
        create_user(session, "bram", "controleur", PASSWORD)
    yield app
    state.register.dispose()


def attempt(app: Flask, name: str, password: str) -> tuple[int, str | None]:
    """One sign-in from the shared address (127.0.0.1): status and Retry-After."""
    client = app.test_client()  # a fresh browser each time, as a guesser would use
    token = csrf_of(client.get("/aanmelden").get_data(as_text=True))
    answer = client.post(
        "/aanmelden", data={"csrf": token, "naam": name, "wachtwoord": password}
    )
    return answer.status_code, answer.headers.get("Retry-After")


def fail_until_throttled(app: Flask, name: str) -> None:
    for _ in range(PAIR_FREE_FAILURES + 1):
        assert attempt(app, name, "fout")[0] == 401
    assert attempt(app, name, "fout")[0] == 429


@pytest.mark.parametrize("name", ["anna", "niemand"])
def test_known_and_unknown_names_are_slowed_the_same(app: Flask, name: str) -> None:
    fail_until_throttled(app, name)
    status, retry_after = attempt(app, name, PASSWORD)
    assert status == 429 and retry_after == str(int(FIRST_WAIT.total_seconds()))


def test_a_guesser_does_not_keep_a_colleague_out(app: Flask, clock: Clock) -> None:
    fail_until_throttled(app, "anna")
    # Same address, other name, right password: straight in.
    assert attempt(app, "bram", PASSWORD)[0] == 302
    # anna herself waits too (the guesser might be right this time) ...
    assert attempt(app, "anna", PASSWORD)[0] == 429
    # ... but only for the wait, not for ever.
    clock.move(FIRST_WAIT + timedelta(seconds=1))
    assert attempt(app, "anna", PASSWORD)[0] == 302


def test_each_further_failure_doubles_the_wait_up_to_a_ceiling(
    app: Flask, clock: Clock
) -> None:
    fail_until_throttled(app, "anna")
    expected = FIRST_WAIT
    for _ in range(8):
        status, retry_after = attempt(app, "anna", "fout")
        assert status == 429 and retry_after == str(int(expected.total_seconds()))
        clock.move(expected)
        assert attempt(app, "anna", "fout")[0] == 401  # one guess, then wait longer
        expected = min(expected * 2, MAX_WAIT)
    assert expected == MAX_WAIT
    # During a wait nothing is counted: hammering does not lengthen it.
    for _ in range(10):
        assert attempt(app, "anna", "fout")[0] == 429
    clock.move(MAX_WAIT)
    assert attempt(app, "anna", PASSWORD)[0] == 302


def test_many_names_from_one_address(app: Flask, clock: Clock) -> None:
    """Spraying one password over many names: above the address limit every name
    that failed here waits, a name that did not fail (a colleague) does not."""
    for number in range(ADDRESS_LIMIT + 1):
        assert attempt(app, f"iemand{number}", "fout")[0] == 401
    assert attempt(app, "iemand0", "fout")[0] == 429  # second round: slowed
    assert attempt(app, "anna", PASSWORD)[0] == 302  # never failed: not held up
    assert attempt(app, "bram", "fout")[0] == 401
    assert attempt(app, "bram", PASSWORD)[0] == 429  # failed once here: waits
    clock.move(MAX_WAIT)
    assert attempt(app, "bram", PASSWORD)[0] == 302


def signed_in_client(app: Flask) -> FlaskClient:
    client = app.test_client()
    token = csrf_of(client.get("/aanmelden").get_data(as_text=True))
    answer = client.post(
        "/aanmelden", data={"csrf": token, "naam": "anna", "wachtwoord": PASSWORD}
    )
    assert answer.status_code == 302
    return client


def still_signed_in(client: FlaskClient) -> bool:
    answer = client.get("/brieven")
    assert answer.status_code in (200, 302)
    return answer.status_code == 200


# (minutes between requests, signed in at each request?)
TIMELINES = [
    pytest.param([29, 29, 29], [True, True, True], id="active-stays-in"),
    pytest.param([31], [False], id="idle-30-minutes"),
    pytest.param([10, 31], [True, False], id="idle-after-use"),
    pytest.param([25] * 29, [True] * 28 + [False], id="12-hours"),
]


@pytest.mark.parametrize(("gaps", "expected"), TIMELINES)
def test_sessions_end_when_idle_or_too_old(
    app: Flask, clock: Clock, gaps: list[int], expected: list[bool]
) -> None:
    client = signed_in_client(app)
    seen = []
    for gap in gaps:
        clock.move(timedelta(minutes=gap))
        seen.append(still_signed_in(client))
    assert seen == expected


def test_a_copied_cookie_stops_working_when_idle(app: Flask, clock: Clock) -> None:
    client = signed_in_client(app)
    copy = app.test_client()
    cookie = client.get_cookie("session")
    assert cookie is not None
    copy.set_cookie("session", cookie.value)
    assert still_signed_in(copy)
    clock.move(timedelta(minutes=20))
    assert still_signed_in(client)  # the owner keeps going ...
    clock.move(timedelta(minutes=20))
    # ... the copy, last used 40 minutes ago, is idle: its cookie says so.
    copy.set_cookie("session", cookie.value)
    assert not still_signed_in(copy)
    assert still_signed_in(client)
