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

from letterforge.control.concept import CONCEPT_TEXT
from letterforge.register import open_register
from letterforge.register.users import PAIR_FREE_FAILURES, create_user
from letterforge.web import create_app
from tests.conftest import on_sample_day

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
    on_sample_day(app)
    app.extensions["letterforge"].register.migrate()
    with app.extensions["letterforge"].register.session() as session:
        create_user(session, "anna", "medewerker", PASSWORD)
        create_user(session, "bram", "controleur", PASSWORD)
        create_user(session, "carla", "communicatie", PASSWORD)
    yield app
    app.extensions["letterforge"].register.dispose()


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', html)
    assert match is not None
    return match.group(1)


def sign_in(client: FlaskClient, password: str = PASSWORD, name: str = "anna") -> int:
    token = csrf_of(client.get("/aanmelden").get_data(as_text=True))
    answer = client.post(
        "/aanmelden", data={"csrf": token, "naam": name, "wachtwoord": password}
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


def test_guessing_is_slowed_per_address_and_name_but_locks_nobody_out(
    ui_app: Flask,
) -> None:
    guesser = ui_app.test_client()
    guesser.environ_base["REMOTE_ADDR"] = "192.0.2.7"
    for _ in range(PAIR_FREE_FAILURES + 1):
        assert sign_in(guesser, "fout-wachtwoord") == 401
    assert sign_in(guesser) == 429  # this address must wait for this name
    assert sign_in(guesser, name="bram") == 302  # other names from there still work
    owner = ui_app.test_client()
    owner.environ_base["REMOTE_ADDR"] = "198.51.100.3"
    assert sign_in(owner) == 302  # the account itself is never locked


def test_unknown_names_take_the_same_path_as_known_ones(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from letterforge.register import users

    checked: list[str] = []
    real = users.check_password_hash

    def counting(stored: str, password: str) -> bool:
        checked.append(stored)
        return real(stored, password)

    monkeypatch.setattr(users, "check_password_hash", counting)
    register = open_register("sqlite://", migrate=True)
    with register.session() as db:
        users.create_user(db, "anna", "medewerker", PASSWORD)
    with register.session() as db:
        assert users.sign_in(db, "anna", "fout") is None
        assert users.sign_in(db, "niemand", "fout") is None
    assert len(checked) == 2 and checked[1] == users._DUMMY_HASH


def test_session_cookie_is_secure_by_default(tmp_path: Path) -> None:
    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'r.db'}"})
    on_sample_day(app)
    app.extensions["letterforge"].register.migrate()  # as every command does
    with app.extensions["letterforge"].register.session() as session:
        create_user(session, "anna", "medewerker", PASSWORD)
    client = app.test_client()
    token = csrf_of(client.get("/aanmelden").get_data(as_text=True))
    answer = client.post(
        "/aanmelden", data={"csrf": token, "naam": "anna", "wachtwoord": PASSWORD}
    )
    assert "Secure" in answer.headers["Set-Cookie"]
    app.extensions["letterforge"].register.dispose()


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
        r"(?:(?!</select>).)*?<option selected>([^<]*)</option>",
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
    assert answers["terugvordering.bedrag"] == "1.829,60"  # amounts the Dutch way
    assert answers["terugvordering.periode.van"] == "01-03-2026"
    shown = client.post("/brief/terugvordering", data={**answers, "actie": "voorbeeld"})
    html = shown.get_data(as_text=True)
    assert shown.status_code == 200
    assert "Zo ziet de brief eruit" in html and "lf-letter" in html
    assert "Leesbaarheid: score" in html


@pytest.mark.parametrize(
    ("template", "change", "concept"),
    [
        ("bestuurlijke-boete", {}, True),  # every boete waits for a second person
        ("terugvordering", {}, False),  # € 1.829,60: below the four-eyes amount
        # Above it: March's income (and so its te-veel) 170,41 higher, so the
        # typed total still agrees with the calculation per month (March's
        # vakantietoeslag was paid out, so the whole difference counts).
        (
            "terugvordering",
            {
                "terugvordering.bedrag": "2.000,01",
                "terugvordering.berekening.maanden.0.inkomen": "620,41",
            },
            True,
        ),
        ("afwijzing-bijstand", {}, False),
    ],
)
def test_preview_of_a_four_eyes_letter_says_concept(
    client: FlaskClient, template: str, change: dict[str, str], concept: bool
) -> None:
    answers = form_answers(
        client.get(f"/brief/{template}?voorbeeld=1").get_data(as_text=True)
    )
    answers.update(change)
    shown = client.post(f"/brief/{template}", data={**answers, "actie": "voorbeeld"})
    html = shown.get_data(as_text=True)
    assert shown.status_code == 200 and "Zo ziet de brief eruit" in html
    # Above the paper, and on the paper's first and last line (printed too).
    assert html.count(CONCEPT_TEXT) == (3 if concept else 0)
    assert ('class="lf-concept-mark"' in html) is concept


def test_preview_shows_case_warnings(client: FlaskClient) -> None:
    page = client.get("/brief/wmo-afwijzing?voorbeeld=1").get_data(as_text=True)
    answers = form_answers(page)
    answers["aanvraag.datum"] = "02-11-2026"
    shown = client.post("/brief/wmo-afwijzing", data={**answers, "actie": "voorbeeld"})
    html = shown.get_data(as_text=True)
    assert shown.status_code == 200
    assert "Let op: controleer dit voordat u de brief maakt" in html
    assert "16\u00a0november\u00a02026" in html


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


def _make(client: FlaskClient, template: str) -> str:
    answers = form_answers(
        client.get(f"/brief/{template}?voorbeeld=1").get_data(as_text=True)
    )
    made = client.post(f"/brief/{template}", data={**answers, "actie": "maak"})
    assert made.status_code == 302
    return str(made.headers["Location"])


def test_four_eyes_for_a_fine(ui_app: Flask, client: FlaskClient) -> None:
    page_url = _make(client, "bestuurlijke-boete")
    page = client.get(page_url).get_data(as_text=True)
    assert "De brief wacht op controle" in page and 'id="download"' not in page
    letter_id = page_url.rsplit("/", 1)[-1]
    assert client.get(f"/brieven/{letter_id}/document").status_code == 409
    assert client.get("/controle").status_code == 403  # a medewerker may not check
    checker = ui_app.test_client()
    assert sign_in(checker, name="bram") == 302
    review = checker.get(f"/controle/{letter_id}").get_data(as_text=True)
    assert "U krijgt een" in review
    approved = checker.post(
        f"/controle/{letter_id}",
        data={"csrf": csrf_of(review), "actie": "goedkeuren"},
    )
    assert approved.status_code == 302
    done = client.get(page_url).get_data(as_text=True)
    assert "gecontroleerd door: bram" in done
    assert client.get(f"/brieven/{letter_id}/document").status_code == 200


def test_a_checker_cannot_approve_their_own_letter(ui_app: Flask) -> None:
    checker = ui_app.test_client()
    sign_in(checker, name="bram")
    letter_id = _make(checker, "bestuurlijke-boete").rsplit("/", 1)[-1]
    review = checker.get(f"/controle/{letter_id}").get_data(as_text=True)
    refused = checker.post(
        f"/controle/{letter_id}",
        data={"csrf": csrf_of(review), "actie": "goedkeuren"},
    )
    assert refused.status_code == 403
    assert "U kunt uw eigen brief niet goedkeuren." in refused.get_data(as_text=True)


def test_small_recoveries_need_no_second_check(client: FlaskClient) -> None:
    page = client.get(_make(client, "terugvordering")).get_data(as_text=True)
    assert (
        'id="download"' in page
    )  # € 1.829,60 is below the four-eyes amount of € 2.000


def test_what_was_typed_survives_a_reload(client: FlaskClient) -> None:
    answers = form_answers(
        client.get("/brief/afwijzing-bijstand?voorbeeld=1").get_data(as_text=True)
    )
    answers["afwijzing.reden"] = "u een eigen huis heeft"
    client.post("/brief/afwijzing-bijstand", data={**answers, "actie": "voorbeeld"})
    again = client.get("/brief/afwijzing-bijstand").get_data(as_text=True)
    assert 'value="u een eigen huis heeft"' in again


def test_letters_overview_filters(client: FlaskClient) -> None:
    _make(client, "afwijzing-bijstand")
    _make(client, "terugvordering")
    page = client.get("/brieven?sjabloon=terugvordering").get_data(as_text=True)
    assert page.count("Bekijk ") == 1 and "terugvordering" in page
    assert "Bekijk " not in client.get("/brieven?maker=iemand-anders").get_data(
        as_text=True
    )


def test_roles_limit_pages(ui_app: Flask) -> None:
    adviser = ui_app.test_client()
    sign_in(adviser, name="carla")
    assert adviser.get("/brief/terugvordering").status_code == 403
    assert adviser.get("/taal").status_code == 200


def test_templates_readability_overview_and_glossary(client: FlaskClient) -> None:
    overview = client.get("/taal/sjablonen").get_data(as_text=True)
    assert overview.count('<tr class="utrecht-table__row">') >= 37  # header + samples
    glossary = client.get("/taal/woordenlijst?zoek=derhalve").get_data(as_text=True)
    assert "daarom" in glossary and "1 woorden." in glossary


def test_lists_of_arguments_offer_as_many_rows_as_the_schema_allows(
    client: FlaskClient,
) -> None:
    page = client.get("/brief/beslissing-op-bezwaar").get_data(as_text=True)
    assert 'id="veld-bezwaar-argumenten-7-argument"' in page  # maxItems is 8
    assert "<summary>Meer regels</summary>" in page
