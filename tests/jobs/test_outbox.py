"""Nothing lost, nothing twice: the outbox from a final letter to the zaak.

Each test makes letters through the real API on a real register (SQLite and
PostgreSQL) and files them in a ZGW server that checks every request against the
VNG specifications. Faults: archive down, slow, 500, timeout after storing.
"""

from __future__ import annotations

import hashlib
import json
from datetime import timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from letterforge import control
from letterforge.jobs import run_filing_job, sweep
from letterforge.register import outbox
from letterforge.register.models import FilingJob, LetterRecord
from letterforge.register.store import get_document
from letterforge.render.pdf import docx_to_pdf
from letterforge.render.pdfcheck import pdfa_problems
from tests.jobs.conftest import (
    Clock,
    context_for,
    counts,
    letter_body,
    make_letter,
)
from tests.zgw.conftest import make_config
from tests.zgw.server import ZgwTestServer

pytestmark = pytest.mark.slow


def _job(app: Flask, letter_id: str) -> FilingJob:
    with app.extensions["letterforge"].register.session() as session:
        job = outbox.job_for_letter(session, letter_id)
    assert job is not None
    return job


def _store_pdf(app: Flask, letter_id: str) -> bytes:
    """Make the letter's PDF once per test module's letter, as the job would."""
    with app.extensions["letterforge"].register.session() as session:
        record = get_document(session, letter_id)
        assert record is not None
        docx = record.content
    pdf = _pdf_cache.get(hashlib.sha256(docx).hexdigest())
    if pdf is None:
        pdf = docx_to_pdf(docx)
        _pdf_cache[hashlib.sha256(docx).hexdigest()] = pdf
    with app.extensions["letterforge"].register.session() as session:
        outbox.store_pdf(session, letter_id, pdf, hashlib.sha256(pdf).hexdigest())
    return pdf


_pdf_cache: dict[str, bytes] = {}


def test_a_final_letter_is_filed_with_its_pdf(
    app: Flask,
    client: FlaskClient,
    headers: dict[str, str],
    zgw: ZgwTestServer,
    clock: Clock,
) -> None:
    zaak = zgw.add_zaak()
    letter = make_letter(client, headers, letter_body(zaak))
    assert letter["archivering"]["state"] == "wachtend"
    assert letter["archivering"]["zaak"] == zaak
    context = context_for(app, make_config(zgw), clock)
    assert sweep(context) == [letter["archivering"]["id"]]
    assert run_filing_job(context, letter["archivering"]["id"]) == "klaar"
    assert counts(zgw) == (1, 1, 1, 1)
    shown = client.get(f"/api/v1/letters/{letter['id']}", headers=headers).get_json()
    filing = shown["archivering"]
    assert filing["state"] == "klaar"
    [document] = filing["zgw"]["documenten"]
    assert filing["zgw"]["besluit"] in zgw.state.besluiten
    pdf = client.get(f"/api/v1/letters/{letter['id']}/pdf", headers=headers)
    assert pdf.mimetype == "application/pdf"
    assert pdfa_problems(pdf.data) == []
    assert zgw.content_of(document) == pdf.data
    assert (
        zgw.state.documents[document]["titel"]
        == "U moet €\xa01.829,60 bijstand terugbetalen"
    )


def test_a_letter_without_zaak_gets_its_pdf_only(
    app: Flask,
    client: FlaskClient,
    headers: dict[str, str],
    zgw: ZgwTestServer,
    clock: Clock,
) -> None:
    letter = make_letter(client, headers, letter_body(None))
    job = letter["archivering"]
    context = context_for(app, make_config(zgw), clock)
    assert run_filing_job(context, job["id"]) == "klaar"
    assert counts(zgw) == (0, 0, 0, 0)
    pdf = client.get(f"/api/v1/letters/{letter['id']}/pdf", headers=headers)
    assert pdf.status_code == 200
    assert pdfa_problems(pdf.data) == []


def _fault(zgw: ZgwTestServer, kind: str) -> dict[str, Any]:
    """Switch on one fault; return config changes it needs."""
    if kind == "down":
        return {"documenten_api": "http://127.0.0.1:9/documenten/api/v1/"}
    if kind == "slow":
        zgw.faults.slow_seconds, zgw.faults.slow_times = 4.0, 1
    elif kind == "500":
        zgw.faults.status_500 = 1
        zgw.faults.only_path = "zaakinformatieobjecten"  # after the document
    elif kind == "timeout_after_store":
        zgw.faults.timeout_after_store = 1
        zgw.faults.only_path = "besluiten/api/v1/besluiten"  # the besluit is stored
    return {}


@pytest.mark.parametrize("kind", ["down", "slow", "500", "timeout_after_store"])
def test_a_failed_attempt_is_retried_without_loss_or_duplicate(
    app: Flask,
    client: FlaskClient,
    headers: dict[str, str],
    zgw: ZgwTestServer,
    clock: Clock,
    kind: str,
) -> None:
    zaak = zgw.add_zaak()
    letter = make_letter(client, headers, letter_body(zaak))
    _store_pdf(app, letter["id"])
    job_id = letter["archivering"]["id"]
    broken = context_for(app, make_config(zgw, **_fault(zgw, kind)), clock)
    assert run_filing_job(broken, job_id) == "wachtend"
    failed = _job(app, letter["id"])
    assert failed.attempts == 1
    assert failed.last_error
    assert "Yılmaz" not in failed.last_error  # no personal data in the error
    # Not due before the back-off has passed; due after it.
    assert sweep(broken) == []
    clock.advance(outbox.RetryPolicy().delay(1))
    context = context_for(app, make_config(zgw), clock)
    assert sweep(context) == [job_id]
    assert run_filing_job(context, job_id) == "klaar"
    assert counts(zgw) == (1, 1, 1, 1)
    assert _job(app, letter["id"]).attempts == 2


def test_after_the_limit_the_beheerder_sees_it_and_retries(
    app: Flask,
    client: FlaskClient,
    headers: dict[str, str],
    zgw: ZgwTestServer,
    clock: Clock,
) -> None:
    zaak = zgw.add_zaak()
    letter = make_letter(client, headers, letter_body(zaak))
    _store_pdf(app, letter["id"])
    job_id = letter["archivering"]["id"]
    policy = outbox.RetryPolicy(max_attempts=3)
    down = context_for(app, make_config(zgw, **_fault(zgw, "down")), clock, policy)
    states = []
    for _ in range(3):
        states.append(run_filing_job(down, job_id))
        clock.advance(policy.max_delay)
    assert states == ["wachtend", "wachtend", "mislukt"]
    assert sweep(down) == []  # a failed job waits for a person
    listed = client.get("/api/v1/filings?state=mislukt", headers=headers).get_json()
    assert [f["letter"] for f in listed["filings"]] == [letter["id"]]
    retried = client.post(f"/api/v1/filings/{job_id}/retry", headers=headers)
    assert retried.get_json()["state"] == "wachtend"
    context = context_for(app, make_config(zgw), clock, policy)
    assert run_filing_job(context, job_id) == "klaar"
    assert counts(zgw) == (1, 1, 1, 1)
    again = client.post(f"/api/v1/filings/{job_id}/retry", headers=headers)
    assert again.status_code == 409


def test_two_workers_never_run_one_job_at_once(
    app: Flask,
    client: FlaskClient,
    headers: dict[str, str],
    zgw: ZgwTestServer,
    clock: Clock,
) -> None:
    letter = make_letter(client, headers, letter_body(zgw.add_zaak()))
    job_id = letter["archivering"]["id"]
    register = app.extensions["letterforge"].register
    policy = outbox.RetryPolicy()
    with register.session() as session:
        assert outbox.claim(session, job_id, clock(), policy)
    with register.session() as session:
        assert not outbox.claim(session, job_id, clock(), policy)
    # A worker that died: after its lease another may take the job.
    clock.advance(policy.lease + timedelta(seconds=1))
    with register.session() as session:
        assert outbox.claim(session, job_id, clock(), policy)


def test_a_zaak_without_zgw_settings_fails_loudly(
    app: Flask, client: FlaskClient, headers: dict[str, str], clock: Clock
) -> None:
    letter = make_letter(
        client, headers, letter_body("https://zaken.example.nl/zaken/api/v1/zaken/1")
    )
    _store_pdf(app, letter["id"])
    context = context_for(app, None, clock)
    assert run_filing_job(context, letter["archivering"]["id"]) == "wachtend"
    assert "ZGW is niet ingesteld" in (_job(app, letter["id"]).last_error or "")


def test_a_concept_gets_its_job_when_it_is_approved(
    app: Flask, clock: Clock, zgw: ZgwTestServer
) -> None:
    """The four-eyes path: no job while it waits, one job in the approval."""
    register = app.extensions["letterforge"].register
    from letterforge.pipeline import parse_request, render_request
    from letterforge.register.store import record_letter
    from tests.conftest import TODAY, load_sample

    request = load_sample("bestuurlijke-boete-boete")
    request["case"]["zaak"]["zaak_url"] = zgw.add_zaak()
    parsed = parse_request(request)
    settings = app.extensions["letterforge"].settings
    rendered = render_request(parsed, settings, today=TODAY)
    with register.session() as session:
        record = record_letter(
            session,
            parsed,
            rendered,
            client="web",
            readability={},
            made_by="maker",
            status="concept",
        )
        assert outbox.enqueue_filing(session, record) is None
        letter_id = record.id
    # The one approval path of every edge (control.approve -> control.finalise).
    control.approve(register, letter_id, "controleur", today=TODAY)
    job = _job(app, letter_id)
    assert job.state == "wachtend"
    _store_pdf(app, letter_id)
    context = context_for(app, make_config(zgw), clock)
    assert run_filing_job(context, job.id) == "klaar"
    assert counts(zgw) == (1, 1, 1, 1)
    with register.session() as session:
        letters = session.scalar(select(func.count()).select_from(LetterRecord))
        jobs = session.scalar(select(func.count()).select_from(FilingJob))
    assert (letters, jobs) == (1, 1)


def test_the_api_answers_format_pdf_with_a_pdfa(
    app: Flask, client: FlaskClient, headers: dict[str, str]
) -> None:
    body = json.loads(letter_body(None))
    response = client.post(
        "/api/v1/letters",
        json={**body, "format": "pdf"},
        headers={"Authorization": headers["Authorization"]},
    )
    assert response.status_code == 201
    assert response.mimetype == "application/pdf"
    assert pdfa_problems(response.data) == []
    letter_id = response.headers["X-Letter-Id"]
    # The job needs no LibreOffice: the letter is a PDF already.
    with app.extensions["letterforge"].register.session() as session:
        assert outbox.job_for_letter(session, letter_id) is not None


def test_a_plain_text_letter_gets_no_filing_job(
    app: Flask, client: FlaskClient, headers: dict[str, str], zgw: ZgwTestServer
) -> None:
    body = json.loads(letter_body(zgw.add_zaak()))
    letter = make_letter(
        client, headers, json.dumps({**body, "format": "text"}).encode()
    )
    assert letter["archivering"] is None


@pytest.mark.parametrize("job_id", ["999", str(2**63), str(10**30)])
def test_retrying_an_unknown_filing_is_a_clear_answer(
    client: FlaskClient, headers: dict[str, str], job_id: str
) -> None:
    answer = client.post(f"/api/v1/filings/{job_id}/retry", headers=headers)
    assert answer.status_code in (404, 409)
    assert answer.mimetype == "application/problem+json"


@pytest.mark.parametrize(
    ("query", "field"), [("?state=kwijt", "state"), ("?stat=mislukt", "stat")]
)
def test_a_wrong_filings_query_names_the_field(
    client: FlaskClient, headers: dict[str, str], query: str, field: str
) -> None:
    answer = client.get(f"/api/v1/filings{query}", headers=headers)
    assert answer.status_code == 400
    assert field in answer.get_data(as_text=True)
