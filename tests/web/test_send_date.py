"""A concept approved on a later day is not released, on every approval path
(web page, API), and the way out is made again with today's date (issue 13,
Awb 3:41 and 6:8). On SQLite and PostgreSQL (database_url)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

import pytest
from flask import Flask

from letterforge.register.models import FilingJob
from letterforge.register.store import get_letter
from letterforge.register.tokens import create_client
from letterforge.register.users import create_user
from letterforge.web import create_app
from tests.conftest import SAMPLES_DIR, on_sample_day
from tests.web.test_api import JSON, post_letter
from tests.web.test_ui import PASSWORD, csrf_of, sign_in

FINE = (SAMPLES_DIR / "bestuurlijke-boete-boete.json").read_bytes()  # four eyes


@pytest.fixture
def app(database_url: str) -> Iterator[Flask]:
    app = on_sample_day(create_app({"DATABASE_URL": database_url, "TESTING": True}))
    app.extensions["letterforge"].register.migrate()  # as every command does
    with app.extensions["letterforge"].register.session() as session:
        create_user(session, "bram", "controleur", PASSWORD)
        create_user(session, "carla", "controleur", PASSWORD)
    yield app
    app.extensions["letterforge"].register.dispose()


def _token(app: Flask, name: str, scopes: tuple[str, ...]) -> dict[str, str]:
    with app.extensions["letterforge"].register.session() as session:
        return {"Authorization": f"Bearer {create_client(session, name, scopes)}"}


def _days_later(app: Flask, days: int) -> None:
    """The same app, `days` days later (the clock keeps running)."""
    state = app.extensions["letterforge"]
    earlier = state.clock
    app.extensions["letterforge"] = dataclasses.replace(
        state, clock=lambda: earlier() + timedelta(days=days)
    )


def _web_approve(app: Flask, letter_id: str, reviewer: str) -> tuple[int, str]:
    checker = app.test_client()
    assert sign_in(checker, name=reviewer) == 302
    token = csrf_of(checker.get(f"/controle/{letter_id}").get_data(as_text=True))
    answer = checker.post(
        f"/controle/{letter_id}", data={"csrf": token, "actie": "goedkeuren"}
    )
    return answer.status_code, answer.get_data(as_text=True)


def _api_approve(app: Flask, letter_id: str, reviewer: str) -> tuple[int, str]:
    headers = _token(app, reviewer, ("letters:read", "letters:approve"))
    answer = app.test_client().post(
        f"/api/v1/letters/{letter_id}/approve", headers=headers
    )
    return answer.status_code, answer.get_data(as_text=True)


Approve = Callable[[Flask, str, str], tuple[int, str]]
PATHS: list[tuple[str, Approve, int, str]] = [
    # (path, approve, status when final, what the refusal says)
    ("web", _web_approve, 302, "Maak opnieuw met de datum van vandaag"),
    ("api", _api_approve, 200, "letter_date_outdated"),
]


def _made(app: Flask, writer: dict[str, str]) -> str:
    answer = post_letter(app.test_client(), writer, FINE, more=JSON)
    assert answer.status_code == 202, answer.get_data(as_text=True)
    return str(answer.get_json()["id"])


def _status(app: Flask, letter_id: str) -> str:
    with app.extensions["letterforge"].register.session() as session:
        record = get_letter(session, letter_id)
        assert record is not None
        return record.status


def _jobs(app: Flask) -> int:
    with app.extensions["letterforge"].register.session() as session:
        return session.query(FilingJob).count()


@pytest.mark.parametrize(("days", "released"), [(0, True), (1, False), (7, False)])
@pytest.mark.parametrize(
    ("path", "approve", "final_status", "says"), PATHS, ids=[p[0] for p in PATHS]
)
def test_approval_on_a_later_day_is_refused_on_every_path(
    app: Flask,
    path: str,
    approve: Approve,
    final_status: int,
    says: str,
    days: int,
    released: bool,
) -> None:
    letter_id = _made(app, _token(app, "zaaksysteem", ("letters:write",)))
    _days_later(app, days)
    status, body = approve(app, letter_id, "bram")
    if released:
        assert status == final_status
        assert _status(app, letter_id) == "definitief"
        return
    assert status == 409, body
    assert "24 november 2026" in body and says in body
    assert _status(app, letter_id) == "concept" and _jobs(app) == 0


def test_the_reviewer_makes_it_again_on_the_web_and_a_colleague_approves(
    app: Flask,
) -> None:
    letter_id = _made(app, _token(app, "zaaksysteem", ("letters:write",)))
    _days_later(app, 3)
    checker = app.test_client()
    sign_in(checker, name="bram")
    token = csrf_of(checker.get(f"/controle/{letter_id}").get_data(as_text=True))
    remade = checker.post(f"/controle/{letter_id}/opnieuw", data={"csrf": token})
    assert remade.status_code == 302
    new_id = remade.headers["Location"].rsplit("/", 1)[-1]
    assert new_id != letter_id and _status(app, letter_id) == "afgekeurd"
    page = checker.get(f"/brieven/{letter_id}").get_data(as_text=True)
    assert new_id in page  # the old letter's trail names the new one
    assert _web_approve(app, new_id, "bram")[0] == 403  # four eyes: not his own
    assert _web_approve(app, new_id, "carla")[0] == 302
    assert _status(app, new_id) == "definitief"


def test_the_client_makes_it_again_through_the_api(app: Flask) -> None:
    writer = _token(app, "zaaksysteem", ("letters:write", "letters:read"))
    letter_id = _made(app, writer)
    _days_later(app, 2)
    client = app.test_client()
    other = _token(app, "ander", ("letters:write", "letters:read"))
    url = f"/api/v1/letters/{letter_id}/remake"
    assert client.post(url, headers=other).status_code == 404  # not its letter
    answer = client.post(url, headers=writer)
    assert answer.status_code == 202, answer.get_data(as_text=True)
    new = answer.get_json()
    assert new["status"] == "concept" and new["id"] != letter_id
    old = client.get(f"/api/v1/letters/{letter_id}", headers=writer).get_json()
    assert old["status"] == "afgekeurd"
    assert new["id"] in old["events"][-1]["reason"]
    again = client.post(url, headers=writer)
    assert again.status_code == 409  # the old one is not a concept any more
    assert _api_approve(app, new["id"], "controleur")[0] == 200


def test_the_way_out_is_in_the_openapi_document(app: Flask) -> None:
    spec: dict[str, Any] = app.test_client().get("/api/v1/openapi.json").get_json()
    approve = spec["paths"]["/letters/{letter_id}/approve"]["post"]
    assert "zaak.briefdatum" in approve["description"]
    assert "409" in approve["responses"]
    remake = spec["paths"]["/letters/{letter_id}/remake"]["post"]
    assert set(remake["responses"]) >= {"202", "404", "409"}
