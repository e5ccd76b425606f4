"""Callbacks end to end: the API registers a URL, the core writes events in the
transaction of the change, the worker delivers them to a real HTTP receiver on
127.0.0.1 that checks the signature. SQLite and PostgreSQL."""

from __future__ import annotations

import ipaddress
import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from letterforge import control
from letterforge.errors import RequestError
from letterforge.jobs import run_filing_job
from letterforge.jobs.batches import BatchContext, run_batch_lines
from letterforge.jobs.callbacks import CallbackContext, deliver, due
from letterforge.register import callbacks, outbox
from letterforge.register.models import CallbackEvent
from letterforge.register.tokens import create_client
from letterforge.web import create_app
from tests.conftest import TODAY, load_sample, on_sample_day
from tests.jobs.callback_receiver import Receiver, receiver
from tests.jobs.conftest import (
    Clock,
    context_for,
    letter_body,
    make_config,
    make_letter,
)
from tests.jobs.test_outbox import _store_pdf as store_pdf
from tests.zgw.server import ZgwTestServer

NOW = datetime(2026, 11, 24, tzinfo=UTC)
POLICY = outbox.RetryPolicy(
    max_attempts=3, first_delay=timedelta(seconds=10), lease=timedelta(minutes=1)
)


@pytest.fixture
def app(database_url: str, tmp_path: Path) -> Iterator[Flask]:
    app = create_app(
        {
            "DATABASE_URL": database_url,
            "TESTING": True,
            "CALLBACK_ALLOWED_NETWORKS": ["127.0.0.1/32"],
        }
    )
    on_sample_day(app)
    app.extensions["letterforge"].register.migrate()
    yield app
    app.extensions["letterforge"].register.dispose()


def _token(app: Flask, name: str, *scopes: str) -> dict[str, str]:
    with app.extensions["letterforge"].register.session() as session:
        token = create_client(session, name, scopes)
    return {"Authorization": f"Bearer {token}", "Accept": "application/json"}


@pytest.fixture
def headers(app: Flask) -> dict[str, str]:
    return _token(app, "zaaksysteem", "letters:write", "letters:read")


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def hook(client: FlaskClient, headers: dict[str, str]) -> Iterator[Receiver]:
    """A receiver registered as the client's callback URL."""
    with receiver() as found:
        answer = client.put(
            "/api/v1/callbacks", json={"url": found.url}, headers=headers
        )
        assert answer.status_code == 201, answer.get_data(as_text=True)
        found.secret = answer.get_json()["secret"]
        yield found


def _context(app: Flask, clock: Clock) -> CallbackContext:
    return CallbackContext(
        register=app.extensions["letterforge"].register,
        allowed_networks=(ipaddress.ip_network("127.0.0.1/32"),),
        policy=POLICY,
        timeout_seconds=2,
        clock=clock,
    )


def _deliver_all(app: Flask, clock: Clock) -> list[str]:
    context = _context(app, clock)
    return [deliver(context, event_id) for event_id in due(context)]


def _post_letter(
    client: FlaskClient, headers: dict[str, str], sample: str
) -> dict[str, Any]:
    answer = client.post(
        "/api/v1/letters",
        data=json.dumps(load_sample(sample)),
        content_type="application/json",
        headers=headers,
    )
    assert answer.status_code in (201, 202), answer.get_data(as_text=True)
    body: dict[str, Any] = answer.get_json()
    return body


def _events(app: Flask) -> list[CallbackEvent]:
    with app.extensions["letterforge"].register.session() as session:
        return list(session.scalars(select(CallbackEvent)))


def test_a_made_letter_is_posted_signed_with_ids_and_links_only(
    app: Flask, client: FlaskClient, headers: dict[str, str], hook: Receiver
) -> None:
    sample = "terugvordering-inlichtingenplicht-zienswijze"
    letter = _post_letter(client, headers, sample)
    assert _deliver_all(app, Clock()) == ["afgeleverd"]
    [got] = hook.received
    assert got.signed
    assert got.event["type"] == "brief.gemaakt"
    assert got.headers["x-letterforge-event-id"] == got.event["id"]
    assert got.headers["x-letterforge-event"] == "brief.gemaakt"
    assert got.event["data"] == {
        "letter": letter["id"],
        "status": "definitief",
        "template": "terugvordering",
        "links": {"letter": f"/api/v1/letters/{letter['id']}"},
    }
    # No case data: not the name, the address or the zaak of the request.
    case = load_sample(sample)["case"]
    text = got.body.decode()
    for value in (
        case["ontvanger"]["achternaam"],
        case["ontvanger"]["adres"]["straat"],
        case["zaak"]["kenmerk"],
        case["zaak"]["zaaknummer"],
    ):
        assert str(value) not in text
    # A second run finds nothing due: delivered once.
    assert _deliver_all(app, Clock()) == []


def test_a_receiver_that_fails_twice_gets_it_on_the_third_try(
    app: Flask, client: FlaskClient, headers: dict[str, str], hook: Receiver
) -> None:
    hook.statuses = [500, 503]
    _post_letter(client, headers, "toekenning-bijstand-alleenstaande")
    clock = Clock()
    assert _deliver_all(app, clock) == ["wachtend"]
    assert _deliver_all(app, clock) == []  # not due before its back-off
    clock.advance(timedelta(seconds=11))
    assert _deliver_all(app, clock) == ["wachtend"]
    clock.advance(timedelta(seconds=21))
    assert _deliver_all(app, clock) == ["afgeleverd"]
    [event] = _events(app)
    with app.extensions["letterforge"].register.session() as session:
        attempts = callbacks.attempts_of(session, event.id)
    assert [(a.attempt, a.status_code) for a in attempts] == [
        (1, 500),
        (2, 503),
        (3, 204),
    ]
    assert attempts[-1].error is None
    assert [r.signed for r in hook.received] == [True]
    # The API shows the attempts to the client, newest first, never the secret.
    shown = client.get("/api/v1/callbacks", headers=headers).get_json()
    assert [d["status_code"] for d in shown["deliveries"]] == [204, 503, 500]
    assert "secret" not in shown


def test_a_receiver_that_is_down_gets_bounded_retries_and_a_failed_record(
    app: Flask, client: FlaskClient, headers: dict[str, str]
) -> None:
    with receiver() as gone:
        url = gone.url
    # The port is closed now: every attempt is refused.
    assert (
        client.put("/api/v1/callbacks", json={"url": url}, headers=headers).status_code
        == 201
    )
    _post_letter(client, headers, "toekenning-bijstand-alleenstaande")
    clock = Clock()
    states = []
    for _ in range(6):
        states += _deliver_all(app, clock)
        clock.advance(timedelta(hours=1))
    assert states == ["wachtend", "wachtend", "mislukt"]
    [event] = _events(app)
    assert event.state == "mislukt"
    with app.extensions["letterforge"].register.session() as session:
        attempts = callbacks.attempts_of(session, event.id)
    assert [a.attempt for a in attempts] == [1, 2, 3]
    assert all(a.status_code is None and a.url == url for a in attempts)
    assert all("geen verbinding" in (a.error or "") for a in attempts)


def test_approval_and_rejection_go_to_the_client_that_made_the_letter(
    app: Flask, client: FlaskClient, headers: dict[str, str], hook: Receiver
) -> None:
    reviewer = _token(app, "controle", "letters:approve")
    first = _post_letter(client, headers, "bestuurlijke-boete-boete")
    second = _post_letter(client, headers, "bestuurlijke-boete-boete")
    assert first["status"] == second["status"] == "concept"
    ok = client.post(f"/api/v1/letters/{first['id']}/approve", headers=reviewer)
    assert ok.status_code == 200, ok.get_data(as_text=True)
    no = client.post(
        f"/api/v1/letters/{second['id']}/reject",
        json={"reason": "De hoogte klopt niet."},
        headers=reviewer,
    )
    assert no.status_code == 200, no.get_data(as_text=True)
    assert set(_deliver_all(app, Clock())) == {"afgeleverd"}
    got = {(e["type"], e["data"]["letter"], e["data"]["status"]) for e in hook.events()}
    assert got == {
        ("brief.gemaakt", first["id"], "concept"),
        ("brief.gemaakt", second["id"], "concept"),
        ("brief.goedgekeurd", first["id"], "definitief"),
        ("brief.afgekeurd", second["id"], "afgekeurd"),
    }
    assert all(r.signed for r in hook.received)
    # The reason (free text about the case) is not in the event.
    assert "hoogte" not in json.dumps(hook.events())


def test_a_finished_batch_is_reported_once(
    app: Flask, client: FlaskClient, headers: dict[str, str], hook: Receiver
) -> None:
    good = load_sample("toekenning-bijstand-alleenstaande")
    bad = {"template": "toekenning-bijstand", "case": {}}
    posted = client.post(
        "/api/v1/batches", json=[good, bad, good], headers=headers
    ).get_json()
    state = app.extensions["letterforge"]
    context = BatchContext(
        register=state.register, settings=state.settings, today=lambda: TODAY
    )
    assert run_batch_lines(context, posted["id"], [1, 2]) == 1
    assert [e.kind for e in _events(app)] == ["brief.gemaakt"]
    assert run_batch_lines(context, posted["id"], [3, 1, 2]) == 1  # 1, 2 are done
    kinds = sorted(e.kind for e in _events(app))
    assert kinds == ["batch.klaar", "brief.gemaakt", "brief.gemaakt"]
    _deliver_all(app, Clock())
    [done] = hook.events("batch.klaar")
    assert done["data"]["batch"] == posted["id"]
    assert done["data"]["counts"]["definitief"] == 2
    assert done["data"]["counts"]["mislukt"] == 1
    assert done["data"]["links"] == {"batch": f"/api/v1/batches/{posted['id']}"}


def test_no_url_no_events_and_a_rolled_back_change_reports_nothing(
    app: Flask, client: FlaskClient, headers: dict[str, str]
) -> None:
    _post_letter(client, headers, "toekenning-bijstand-alleenstaande")
    assert _events(app) == []
    register = app.extensions["letterforge"].register
    with register.session() as session:
        callbacks.subscribe(session, "zaaksysteem", "http://127.0.0.1:9/", "s", NOW)
    letter = _post_letter(client, headers, "bestuurlijke-boete-boete")
    # A rejection that fails (no reason) changes nothing and reports nothing.
    with pytest.raises(RequestError):
        control.reject(register, letter["id"], "someone-else", " ")
    assert [e.kind for e in _events(app)] == ["brief.gemaakt"]


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("ftp://127.0.0.1/x", "scheme"),
        ("javascript:alert(1)", "scheme"),
        ("http://user:pw@127.0.0.1/", "userinfo"),
        ("http://10.0.0.8/hook", "not_public"),
        ("http://169.254.169.254/latest/meta-data", "not_public"),
        ("http://[::1]/hook", "not_public"),
        ("http://[::ffff:10.0.0.1]/hook", "not_public"),
        ("http://0.0.0.0/hook", "not_public"),
        ("http://224.0.0.1/hook", "not_public"),
        ("http://name.invalid/hook", "dns"),
        ("http://127.0.0.1/a b", "invalid"),
        ("", "required"),
    ],
)
def test_urls_that_could_reach_inside_are_refused_with_the_field_named(
    client: FlaskClient, headers: dict[str, str], url: str, code: str
) -> None:
    answer = client.put("/api/v1/callbacks", json={"url": url}, headers=headers)
    assert answer.status_code == 400, answer.get_data(as_text=True)
    [problem] = answer.get_json()["errors"]
    assert (problem["path"], problem["code"]) == ("url", code)
    assert client.get("/api/v1/callbacks", headers=headers).status_code == 404


def test_loopback_only_when_configured(database_url: str) -> None:
    app = create_app({"DATABASE_URL": database_url, "TESTING": True})
    on_sample_day(app)
    app.extensions["letterforge"].register.migrate()
    try:
        headers = _token(app, "zaaksysteem", "letters:write")
        answer = app.test_client().put(
            "/api/v1/callbacks", json={"url": "http://127.0.0.1:8080/"}, headers=headers
        )
        assert answer.status_code == 400
        assert answer.get_json()["errors"][0]["code"] == "not_public"
    finally:
        app.extensions["letterforge"].register.dispose()


def test_register_replace_and_remove(
    client: FlaskClient, headers: dict[str, str], app: Flask
) -> None:
    url = "http://127.0.0.1:8080/hook"
    first = client.put("/api/v1/callbacks", json={"url": url}, headers=headers)
    second = client.put("/api/v1/callbacks", json={"url": url + "2"}, headers=headers)
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.get_json()["secret"] != second.get_json()["secret"]
    assert len(second.get_json()["secret"]) == 64
    shown = client.get("/api/v1/callbacks", headers=headers).get_json()
    assert shown["url"] == url + "2" and "secret" not in shown
    assert client.delete("/api/v1/callbacks", headers=headers).status_code == 204
    assert client.delete("/api/v1/callbacks", headers=headers).status_code == 404
    reader = _token(app, "lezer", "letters:read")
    refused = client.put("/api/v1/callbacks", json={"url": url}, headers=reader)
    assert refused.status_code == 403
    assert client.put("/api/v1/callbacks", headers=headers).status_code == 415
    bad = client.put("/api/v1/callbacks", json={"url": 5}, headers=headers)
    assert bad.status_code == 400


def test_the_register_counts_one_event_per_change(
    app: Flask, client: FlaskClient, headers: dict[str, str], hook: Receiver
) -> None:
    """An idempotent retry makes no second letter, so no second event."""
    body = json.dumps(load_sample("toekenning-bijstand-alleenstaande"))
    for _ in range(2):
        client.post(
            "/api/v1/letters",
            data=body,
            content_type="application/json",
            headers={**headers, "Idempotency-Key": "k-1"},
        )
    with app.extensions["letterforge"].register.session() as session:
        count = session.scalar(select(func.count()).select_from(CallbackEvent))
    assert count == 1


@pytest.mark.slow
def test_filing_in_the_zaak_is_reported(
    app: Flask,
    client: FlaskClient,
    headers: dict[str, str],
    hook: Receiver,
    zgw: ZgwTestServer,
) -> None:
    letter = make_letter(client, headers, letter_body(zgw.add_zaak()))
    store_pdf(app, letter["id"])
    clock = Clock()
    filing = context_for(app, make_config(zgw), clock)
    assert run_filing_job(filing, letter["archivering"]["id"]) == "klaar"
    _deliver_all(app, clock)
    assert [(e["type"], e["data"]["letter"]) for e in hook.events()] == [
        ("brief.gemaakt", letter["id"]),
        ("brief.gearchiveerd", letter["id"]),
    ]
    assert all(r.signed for r in hook.received)


def test_the_sweep_does_not_put_an_event_on_twice(
    app: Flask, client: FlaskClient, headers: dict[str, str], hook: Receiver
) -> None:
    from letterforge.jobs.callbacks import CallbackQueue
    from letterforge.jobs.queue import make_huey

    huey = make_huey("memory://")
    queue = CallbackQueue(huey, lambda: _context(app, Clock()))
    _post_letter(client, headers, "toekenning-bijstand-alleenstaande")
    assert queue.sweep() == 1
    assert queue.sweep() == 0  # its message still waits
    assert huey.pending_count() == 1


def test_a_failed_event_is_listed_and_sent_again_by_its_own_client(
    app: Flask, client: FlaskClient, headers: dict[str, str], hook: Receiver
) -> None:
    hook.statuses = [503, 503, 503]  # POLICY: 3 attempts, then mislukt
    _post_letter(client, headers, "toekenning-bijstand-alleenstaande")
    clock = Clock()
    for _ in range(3):
        _deliver_all(app, clock)
        clock.advance(timedelta(hours=1))
    failed = client.get("/api/v1/callbacks/events?status=mislukt", headers=headers)
    [event] = failed.get_json()["events"]
    assert (event["state"], event["attempts"], event["type"]) == (
        "mislukt",
        3,
        "brief.gemaakt",
    )
    everything = client.get("/api/v1/callbacks/events", headers=headers).get_json()
    assert [e["id"] for e in everything["events"]] == [event["id"]]
    url = f"/api/v1/callbacks/events/{event['id']}/opnieuw"

    other = _token(app, "ander", "letters:write")
    assert client.post(url, headers=other).status_code == 404  # not theirs
    reader = _token(app, "lezer", "letters:read")
    assert client.post(url, headers=reader).status_code == 403

    again = client.post(url, headers=headers)
    assert again.status_code == 202
    assert (again.get_json()["state"], again.get_json()["attempts"]) == ("wachtend", 0)
    assert client.post(url, headers=headers).status_code == 409  # not failed now
    assert _deliver_all(app, clock) == ["afgeleverd"]
    assert [r.event["id"] for r in hook.received if r.signed] == [event["id"]]
    assert (
        client.get(
            "/api/v1/callbacks/events?status=mislukt", headers=headers
        ).get_json()["events"]
        == []
    )


@pytest.mark.parametrize("query", ["status=kapot", "staat=mislukt"])
def test_a_wrong_event_query_is_refused(
    client: FlaskClient, headers: dict[str, str], query: str
) -> None:
    answer = client.get(f"/api/v1/callbacks/events?{query}", headers=headers)
    assert answer.status_code == 400
