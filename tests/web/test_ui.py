"""The web pages with Flask's test client: sign-in, forms, preview, making letters."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from flask import Flask
from flask.testing import FlaskClient

from letterforge.register.users import create_user
from letterforge.web import create_app

PASSWORD = "een-lang-wachtwoord"


@pytest.fixture
def ui_app(tmp_path: Path) -> Iterator[Flask]:
    app = create_app(
        {
            "DATABASE_URL": f"sqlite:///{tmp_path / 'r.db'}",
            "TESTING": True,
            "SECRET_KEY": "test",
            "SESSION_COOKIE_SECURE": False,
        }
    )
    with app.extensions["letterforge"].register.session() as session:
        create_user(session, "anna", "medewerker", PASSWORD)
    yield app
    app.extensions["letterforge"].register.dispose()


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', html)
    assert match is not None
    return match.group(1)


def sign_in(client: FlaskClient, password: str = PASSWORD) -> int:
    token = csrf_of(client.get("/aanmelden").get_data(as_text=True))
    answer = client.post(
        "/aanmelden", data={"csrf": token, "naam": "anna", "wachtwoord": password}
    )
    return answer.status_code


@pytest.fixture
def client(ui_app: Flask) -> FlaskClient:
    client = ui_app.test_client()
    assert sign_in(client) == 302
    return client


def test_pages_need_sign_in(ui_app: Flask) -> None:
    answer = ui_app.test_client().get("/brief/terugvordering")
    assert answer.status_code == 302
    assert answer.headers["Location"].startswith(
        "/aanmelden?volgende=/brief/terugvordering"
    )


def test_session_cookie_is_httponly_and_samesite(ui_app: Flask) -> None:
    client = ui_app.test_client()
    sign_in(client)
    cookie = client.get_cookie("session")
    assert cookie is not None and cookie.http_only and cookie.same_site == "Lax"
    assert create_app is not None and ui_app.config["SESSION_COOKIE_HTTPONLY"]


def test_five_wrong_passwords_lock_the_account(ui_app: Flask) -> None:
    client = ui_app.test_client()
    for _ in range(5):
        assert sign_in(client, "fout-wachtwoord") == 401
    assert sign_in(client) == 401  # locked for five minutes, even with the right one


def test_forms_without_csrf_token_are_refused(client: FlaskClient) -> None:
    answer = client.post("/taal", data={"csrf": "vals", "tekst": "Hallo."})
    assert answer.status_code == 400 and answer.mimetype == "text/html"
    assert "Het formulier is verlopen" in answer.get_data(as_text=True)


def test_search_templates(client: FlaskClient) -> None:
    page = client.get("/?zoek=wmo").get_data(as_text=True)
    assert page.count('class="lf-card"') == 2 and "Wmo-maatwerkvoorziening" in page


def form_answers(html: str) -> dict[str, object]:
    """The values the page filled in, as the browser would send them."""
    answers: dict[str, object] = {}
    for name, value in re.findall(
        r'<input class="utrecht-textbox" id="[^"]+" name="([^"]+)" value="([^"]*)"',
        html,
    ):
        answers[name] = value.replace("&#39;", "'").replace("&amp;", "&")
    for name, value in re.findall(
        r'name="([^"]+)" rows="3"[^>]*>([^<]*)</textarea>', html, re.S
    ):
        answers[name] = value.replace("&#39;", "'").replace("&amp;", "&")
    for name, value in re.findall(
        r'<select class="utrecht-select" id="[^"]+" name="([^"]+)"'
        r".*?<option selected>([^<]*)</option>",
        html,
        re.S,
    ):
        answers[name] = value
    boxes: dict[str, list[str]] = {}
    for name, value in re.findall(
        r'type="checkbox" id="[^"]+" name="([^"]+)" value="([^"]+)" checked', html
    ):
        boxes.setdefault(name, []).append(value)
    answers.update(boxes)
    answers["csrf"] = csrf_of(html)
    return answers


def test_example_preview_shows_letter_and_findings(client: FlaskClient) -> None:
    page = client.get("/brief/terugvordering?voorbeeld=1").get_data(as_text=True)
    answers = form_answers(page)
    assert answers["terugvordering.bedrag"] == "1.850,00"  # amounts the Dutch way
    assert answers["terugvordering.periode.van"] == "01-03-2026"
    shown = client.post("/brief/terugvordering", data={**answers, "actie": "voorbeeld"})
    html = shown.get_data(as_text=True)
    assert shown.status_code == 200
    assert "Zo ziet de brief eruit" in html and "lf-letter" in html
    assert "Leesbaarheid: score" in html


def test_a_validation_error_keeps_everything_typed(client: FlaskClient) -> None:
    answers = form_answers(
        client.get("/brief/terugvordering?voorbeeld=1").get_data(as_text=True)
    )
    answers["terugvordering.bedrag"] = "twaalf euro"
    answers["ontvanger.achternaam"] = "Yılmaz <b>&"
    shown = client.post("/brief/terugvordering", data={**answers, "actie": "voorbeeld"})
    html = shown.get_data(as_text=True)
    assert shown.status_code == 422
    assert "schrijf het bedrag zoals 1.234,56" in html
    assert 'value="twaalf euro"' in html
    assert 'value="Yılmaz &lt;b&gt;&amp;"' in html  # kept, and escaped


def test_make_and_download_the_letter(client: FlaskClient) -> None:
    answers = form_answers(
        client.get("/brief/afwijzing-bijstand?voorbeeld=1").get_data(as_text=True)
    )
    made = client.post("/brief/afwijzing-bijstand", data={**answers, "actie": "maak"})
    assert made.status_code == 302
    page = client.get(made.headers["Location"]).get_data(as_text=True)
    link = re.search(r'href="(/brieven/[^"]+/document)"', page)
    assert link is not None
    document = client.get(link.group(1))
    assert document.status_code == 200
    text = "\n".join(
        p.text for p in docx.Document(io.BytesIO(document.data)).paragraphs
    )
    assert "U krijgt geen bijstand" in text


def test_communication_page_marks_findings_in_pasted_text(client: FlaskClient) -> None:
    token = csrf_of(client.get("/taal").get_data(as_text=True))
    page = client.post(
        "/taal", data={"csrf": token, "tekst": "Indien u <vragen> heeft, bel."}
    )
    html = page.get_data(as_text=True)
    assert '<mark class="lf-finding lf-finding--error"' in html
    assert "Indien<sup>1</sup></mark>" in html
    assert "&lt;vragen&gt;" in html  # the pasted text is escaped


def test_communication_page_reads_an_uploaded_docx(client: FlaskClient) -> None:
    document = docx.Document()
    document.add_paragraph("Derhalve vorderen wij het geld terug.")
    buffer = io.BytesIO()
    document.save(buffer)
    token = csrf_of(client.get("/taal").get_data(as_text=True))
    page = client.post(
        "/taal",
        data={"csrf": token, "bestand": (io.BytesIO(buffer.getvalue()), "brief.docx")},
        content_type="multipart/form-data",
    )
    assert "Derhalve<sup>1</sup></mark>" in page.get_data(as_text=True)
