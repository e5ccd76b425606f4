"""The functional administrator's page for failed filings, and the letter's page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from letterforge.jobs import run_filing_job
from letterforge.register import outbox
from letterforge.register.tokens import create_client
from letterforge.register.users import create_user
from letterforge.web import create_app
from tests.conftest import on_sample_day
from tests.jobs.conftest import Clock, context_for, letter_body, make_letter
from tests.web.test_ui import PASSWORD, csrf_of, sign_in
from tests.zgw.conftest import make_config
from tests.zgw.server import ZgwTestServer

pytestmark = pytest.mark.slow


@pytest.fixture
def pages_app(tmp_path: Path) -> Iterator[Flask]:
    app = create_app(
        {
            "DATABASE_URL": f"sqlite:///{tmp_path / 'r.db'}",
            "TESTING": True,
            "SECRET_KEY": "test",
            "SESSION_COOKIE_SECURE": False,
        }
    )
    on_sample_day(app)
    app.extensions["letterforge"].register.migrate()  # as every command does
    with app.extensions["letterforge"].register.session() as session:
        create_user(session, "dirk", "beheer", PASSWORD)
        create_user(session, "anna", "medewerker", PASSWORD)
    yield app
    app.extensions["letterforge"].register.dispose()


def _failed_letter(app: Flask, zgw: ZgwTestServer) -> str:
    """A final letter whose filing failed for good (the archive was down)."""
    with app.extensions["letterforge"].register.session() as session:
        token = create_client(session, "zaaksysteem", ("letters:write",))
    headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
    letter = make_letter(app.test_client(), headers, letter_body(zgw.add_zaak()))
    down = make_config(zgw, documenten_api="http://127.0.0.1:9/documenten/api/v1/")
    policy = outbox.RetryPolicy(max_attempts=1)
    assert (
        run_filing_job(
            context_for(app, down, Clock(), policy), letter["archivering"]["id"]
        )
        == "mislukt"
    )
    return str(letter["id"])


def test_beheer_sees_failed_filings_and_tries_again(
    pages_app: Flask, zgw: ZgwTestServer
) -> None:
    letter_id = _failed_letter(pages_app, zgw)
    client: FlaskClient = pages_app.test_client()
    assert sign_in(client, name="dirk") == 302
    page = client.get("/beheer/archivering").get_data(as_text=True)
    assert "WI/2026/04512" in page
    assert "niet bereikbaar" in page
    assert "Probeer opnieuw" in page
    with pages_app.extensions["letterforge"].register.session() as session:
        failed = outbox.job_for_letter(session, letter_id)
    assert failed is not None
    action = f"/beheer/archivering/{failed.id}"
    assert f'action="{action}"' in page
    form = client.post(action, data={"csrf": csrf_of(page)})
    assert form.status_code == 302
    with pages_app.extensions["letterforge"].register.session() as session:
        job = outbox.job_for_letter(session, letter_id)
        assert job is not None and job.state == "wachtend"
    context = context_for(pages_app, make_config(zgw), Clock())
    assert run_filing_job(context, job.id) == "klaar"
    assert "Alle definitieve brieven" in client.get("/beheer/archivering").get_data(
        as_text=True
    )
    letter_page = client.get(f"/brieven/{letter_id}").get_data(as_text=True)
    assert "De brief staat in de zaak." in letter_page
    assert zgw.state.besluiten and next(iter(zgw.state.besluiten)) in letter_page
    pdf = client.get(f"/brieven/{letter_id}/pdf")
    assert pdf.mimetype == "application/pdf"


def test_a_caseworker_may_not_see_the_beheer_page(pages_app: Flask) -> None:
    client = pages_app.test_client()
    assert sign_in(client, name="anna") == 302
    assert client.get("/beheer/archivering").status_code == 403


def test_the_retry_form_needs_its_csrf_token(pages_app: Flask) -> None:
    client = pages_app.test_client()
    assert sign_in(client, name="dirk") == 302
    assert client.post("/beheer/archivering/1", data={}).status_code == 400
