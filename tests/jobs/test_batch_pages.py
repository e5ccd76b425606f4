"""The beheer page for batches: start the norm letters from a file, follow them."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from letterforge.jobs.batches import BatchContext, due_jobs, run_batch_lines
from letterforge.register.users import create_user
from letterforge.web import create_app
from tests.conftest import load_sample, on_sample_day
from tests.web.test_ui import PASSWORD, csrf_of, sign_in

# The day the norm letters go out: a letter dated before the day it is made is
# refused (control.send_date), so the batch runs on the sample's own date.
SENT = date.fromisoformat(
    load_sample("normbedragen-wijziging-januari")["case"]["zaak"]["briefdatum"]
)


@pytest.fixture
def pages_app(tmp_path: Path) -> Iterator[Flask]:
    app = create_app(
        {
            "DATABASE_URL": f"sqlite:///{tmp_path / 'r.db'}",
            "TESTING": True,
            "SECRET_KEY": "test",
            "SESSION_COOKIE_SECURE": False,
            "BATCH_MAX_BYTES": 64 * 1024,
        }
    )
    on_sample_day(app)
    app.extensions["letterforge"].register.migrate()
    with app.extensions["letterforge"].register.session() as session:
        create_user(session, "dirk", "beheer", PASSWORD)
        create_user(session, "anna", "medewerker", PASSWORD)
    yield app
    app.extensions["letterforge"].register.dispose()


@pytest.fixture
def beheer(pages_app: Flask) -> FlaskClient:
    client = pages_app.test_client()
    assert sign_in(client, name="dirk") == 302
    return client


def _upload(client: FlaskClient, name: str, content: bytes) -> object:
    token = csrf_of(client.get("/beheer/batches").get_data(as_text=True))
    return client.post(
        "/beheer/batches",
        data={"csrf": token, "bestand": (io.BytesIO(content), name)},
        content_type="multipart/form-data",
    )


def _run_all(app: Flask) -> None:
    state = app.extensions["letterforge"]
    context = BatchContext(
        register=state.register, settings=state.settings, today=lambda: SENT
    )
    for batch_id, lines in due_jobs(context):
        run_batch_lines(context, batch_id, lines)


def test_beheer_starts_the_norm_letters_and_follows_them(
    pages_app: Flask, beheer: FlaskClient
) -> None:
    case = load_sample("normbedragen-wijziging-januari")["case"]
    broken = {**case, "wijziging": {"datum": "2026-01-01"}}
    content = "\n".join(json.dumps(c) for c in (case, broken, case)).encode()
    answer = _upload(beheer, "normen.jsonl", content)
    assert answer.status_code == 303  # type: ignore[attr-defined]
    location = answer.headers["Location"]  # type: ignore[attr-defined]
    page = beheer.get(location).get_data(as_text=True)
    assert "batches.js" in page  # still running: the script follows it
    state = beheer.get(location + "/stand").get_json()
    assert state == {
        "status": "wachtrij",
        "done": 0,
        "total": 3,
        "counts": {
            "wachtrij": 3,
            "bezig": 0,
            "definitief": 0,
            "concept": 0,
            "afgekeurd": 0,
            "mislukt": 0,
        },
    }
    assert re.search(r'<progress id="voortgang" max="3" value="0">', page)
    _run_all(pages_app)
    page = beheer.get(location).get_data(as_text=True)
    assert "batches.js" not in page
    assert beheer.get(location + "/stand").get_json()["status"] == "klaar"
    assert '<progress id="voortgang" max="3" value="3">' in page
    assert "2 definitief" in page and "1 mislukt" in page
    # The failed line with its Dutch problem, naming the field.
    assert re.search(r"<td[^>]*>2</td>\s*<td[^>]*>mislukt</td>", page)
    assert "leefvorm" in page and "ontbreekt" in page
    overview = beheer.get("/beheer/batches").get_data(as_text=True)
    assert "3 van 3" in overview and "dirk" in overview


def test_a_csv_that_does_not_fit_is_refused_with_line_and_field(
    pages_app: Flask, beheer: FlaskClient
) -> None:
    answer = _upload(
        beheer, "normen.csv", b"zaak.kenmerk;wijziging.medebewoners\nWI/1;twee\n"
    )
    assert answer.status_code == 400  # type: ignore[attr-defined]
    page = answer.get_data(as_text=True)  # type: ignore[attr-defined]
    assert "regel 2, wijziging.medebewoners: geef een heel getal" in page
    assert "Er zijn nog geen batches" in page  # nothing was started


def test_a_csv_file_makes_letters(pages_app: Flask, beheer: FlaskClient) -> None:
    case = load_sample("normbedragen-wijziging-januari")["case"]
    flat = {
        "zaak.kenmerk": case["zaak"]["kenmerk"],
        "zaak.briefdatum": case["zaak"]["briefdatum"],
        **{f"ontvanger.{k}": v for k, v in case["ontvanger"].items() if k != "adres"},
        **{f"ontvanger.adres.{k}": v for k, v in case["ontvanger"]["adres"].items()},
        **{f"contactpersoon.{k}": v for k, v in case["contactpersoon"].items()},
        **{f"ondertekening.{k}": v for k, v in case["ondertekening"].items()},
        **{f"wijziging.{k}": v for k, v in case["wijziging"].items()},
    }
    content = ";".join(flat) + "\n" + ";".join(str(v) for v in flat.values()) + "\n"
    answer = _upload(beheer, "normen.csv", content.encode())
    assert answer.status_code == 303  # type: ignore[attr-defined]
    _run_all(pages_app)
    page = beheer.get(answer.headers["Location"]).get_data(as_text=True)  # type: ignore[attr-defined]
    assert "1 definitief" in page and "0 mislukt" in page


def test_too_big_empty_or_missing_files_get_a_dutch_answer(
    pages_app: Flask, beheer: FlaskClient
) -> None:
    big = _upload(beheer, "normen.jsonl", b"{}\n" * 70_000)
    assert big.status_code == 413  # type: ignore[attr-defined]
    assert "groter dan" in big.get_data(as_text=True)  # type: ignore[attr-defined]
    empty = _upload(beheer, "normen.jsonl", b"\n")
    assert empty.status_code == 400  # type: ignore[attr-defined]
    token = csrf_of(beheer.get("/beheer/batches").get_data(as_text=True))
    missing = beheer.post("/beheer/batches", data={"csrf": token})
    assert "kies een bestand" in missing.get_data(as_text=True)


def test_only_beheer_and_only_with_csrf(pages_app: Flask, beheer: FlaskClient) -> None:
    anna = pages_app.test_client()
    assert sign_in(anna) == 302
    assert anna.get("/beheer/batches").status_code == 403
    assert anna.get("/beheer/batches/x").status_code == 403
    refused = beheer.post(
        "/beheer/batches",
        data={"bestand": (io.BytesIO(b"{}\n"), "a.jsonl")},
        content_type="multipart/form-data",
    )
    assert refused.status_code == 400
    assert beheer.get("/beheer/batches/onbekend").status_code == 404


@pytest.mark.parametrize(
    ("chosen", "status"), [(None, 303), ("zaaksysteem", 303), ("zaaksyteem", 400)]
)
def test_beheer_chooses_the_api_client_the_letters_belong_to(
    pages_app: Flask, beheer: FlaskClient, chosen: str | None, status: int
) -> None:
    from letterforge.register import batches
    from letterforge.register.tokens import create_client

    with pages_app.extensions["letterforge"].register.session() as session:
        create_client(session, "zaaksysteem", ("letters:write",))
    form = beheer.get("/beheer/batches").get_data(as_text=True)
    assert '<option value="zaaksysteem">zaaksysteem</option>' in form
    assert '<option value="web" selected>' in form  # BATCH_WEB_CLIENT
    content = json.dumps(load_sample("normbedragen-wijziging-januari")["case"])
    data: dict[str, object] = {
        "csrf": csrf_of(form),
        "bestand": (io.BytesIO(content.encode()), "n.jsonl"),
    }
    if chosen is not None:
        data["client"] = chosen
    answer = beheer.post(
        "/beheer/batches", data=data, content_type="multipart/form-data"
    )
    assert answer.status_code == status
    with pages_app.extensions["letterforge"].register.session() as session:
        owners = [b.client_name for b, _, _ in batches.recent_batches(session)]
    if status == 400:
        page = answer.get_data(as_text=True)
        assert "client: er is geen API-client" in page.replace("&#39;", "'")
        assert owners == []
    else:
        assert owners == [chosen or "web"]
