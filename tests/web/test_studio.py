"""The template studio pages with Flask's test client (issue 17): roles, the
preview with FILE:LINE, save, submit, four eyes and the dated text in letters."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from letterforge.register.tokens import create_client
from letterforge.register.users import create_user
from letterforge.web import create_app
from tests.conftest import load_sample, on_sample_day
from tests.web.test_ui import PASSWORD, csrf_of, sign_in

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
EDIT = "/sjablonen/bewerken/terugvordering"
FIELD = "bestand:letter.md.j2"


@pytest.fixture
def studio_app(tmp_path: Path) -> Iterator[Flask]:
    app = create_app(
        {
            "DATABASE_URL": f"sqlite:///{tmp_path / 'r.db'}",
            "TESTING": True,
            "SECRET_KEY": "test",
            "SESSION_COOKIE_SECURE": False,
            "VERSION_DIR": str(tmp_path / "versies"),
        }
    )
    on_sample_day(app)
    # The day these tests are written for: valid-from dates must not be past.
    state = app.extensions["letterforge"]
    app.extensions["letterforge"] = dataclasses.replace(state, clock=lambda: NOW)
    app.extensions["letterforge"].register.migrate()
    with app.extensions["letterforge"].register.session() as session:
        for name, role in [
            ("anna", "medewerker"),
            ("carla", "communicatie"),
            ("jan", "jurist"),
            ("dirk", "beheer"),
        ]:
            create_user(session, name, role, PASSWORD)
    yield app
    app.extensions["letterforge"].register.dispose()


def _as(app: Flask, name: str) -> FlaskClient:
    client = app.test_client()
    assert sign_in(client, name=name) == 302
    return client


def _form(page: str) -> dict[str, str]:
    """The editor's fields as the browser would send them."""
    form = {"csrf": csrf_of(page)}
    for name, text in re.findall(
        r'<textarea[^>]*name="(bestand:[^"]+)"[^>]*>(.*?)</textarea>', page, re.S
    ):
        form[name] = (
            text.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&#34;", '"')
            .replace("&#39;", "'")
            .replace("&amp;", "&")
        )
    basis = re.search(r'name="basis" value="(\d*)"', page)
    form["basis"] = basis.group(1) if basis else ""
    return form


@pytest.mark.parametrize(
    ("page", "medewerker", "communicatie", "jurist", "beheer"),
    [
        ("/sjablonen/bewerken", 403, 200, 200, 200),
        (EDIT, 403, 200, 403, 200),
        (EDIT + "/versies", 403, 200, 200, 200),
        ("/sjablonen/goedkeuren", 403, 403, 200, 200),
    ],
)
def test_roles(
    studio_app: Flask,
    page: str,
    medewerker: int,
    communicatie: int,
    jurist: int,
    beheer: int,
) -> None:
    for name, status in zip(
        ("anna", "carla", "jan", "dirk"),
        (medewerker, communicatie, jurist, beheer),
        strict=True,
    ):
        assert _as(studio_app, name).get(page).status_code == status, (page, name)


def test_the_preview_follows_the_text_and_names_file_and_line(
    studio_app: Flask,
) -> None:
    carla = _as(studio_app, "carla")
    page = carla.get(EDIT).get_data(as_text=True)
    assert "U moet € 2.289,24 bijstand terugbetalen." in page.replace("\xa0", " ")
    form = _form(page)
    form[FIELD] = form[FIELD].replace(
        "bijstand terugbetalen.\n", "bijstand aan ons terugbetalen.\n", 1
    )
    answer = carla.post(EDIT + "/voorbeeld", data=form)
    html = answer.get_json()["html"].replace("\xa0", " ")  # type: ignore[index]
    assert "€ 2.289,24 bijstand aan ons terugbetalen." in html
    # The diff against the version in force marks the added words (not by colour).
    assert '<ins><span class="lf-sr">nieuw: </span>aan ons' in html
    assert "Geen fouten" in html
    form[FIELD] = form[FIELD].replace("{{ t.bedrag", "{{ t.bedrg", 1)
    broken = carla.post(EDIT + "/voorbeeld", data=form).get_json()["html"]  # type: ignore[index]
    assert re.search(r"terugvordering/letter\.md\.j2:\d+: ", broken), broken[:2000]
    # Case data and template text never become markup in the preview.
    form[FIELD] = form[FIELD].replace("{{ t.bedrg", "<script>x</script>{{ t.bedrag", 1)
    escaped = carla.post(EDIT + "/voorbeeld", data=form).get_json()["html"]  # type: ignore[index]
    assert "<script>x</script>" not in escaped


def test_save_submit_approve_and_the_date_decides(studio_app: Flask) -> None:
    carla = _as(studio_app, "carla")
    form = _form(carla.get(EDIT).get_data(as_text=True))
    form[FIELD] = form[FIELD].replace(
        "bijstand terugbetalen.\n", "bijstand aan ons terugbetalen.\n", 1
    )
    missing = carla.post(EDIT, data=form | {"actie": "indienen", "reden": "korter"})
    assert missing.status_code == 422  # no valid-from date
    assert "geldig_vanaf" in missing.get_data(as_text=True)
    saved = carla.post(
        EDIT,
        data=form
        | {"actie": "indienen", "reden": "korter", "geldig_vanaf": "2026-12-01"},
    )
    assert saved.status_code == 302 and "ingediend=2" in saved.headers["Location"]
    # The author, even as beheer, cannot approve; a jurist can.
    jan = _as(studio_app, "jan")
    approvals = jan.get("/sjablonen/goedkeuren").get_data(as_text=True)
    assert "Keur versie 2 goed" in approvals and "korter" in approvals
    token = csrf_of(approvals)
    refused = carla.post(
        "/sjablonen/goedkeuren/terugvordering/2",
        data={"csrf": token, "besluit": "goedkeuren"},
    )
    assert refused.status_code == 403  # communicatie may not approve at all
    assert (
        jan.post(
            "/sjablonen/goedkeuren/terugvordering/2",
            data={"csrf": token, "besluit": "ja"},
        ).status_code
        == 400
    )
    done = jan.post(
        "/sjablonen/goedkeuren/terugvordering/2",
        data={"csrf": token, "besluit": "goedkeuren"},
    )
    assert done.status_code == 302
    history = jan.get(EDIT + "/versies").get_data(as_text=True)
    assert "Versie 2: goedgekeurd" in history and "jan" in history
    assert "30 november 2026" in history  # version 1 ends the day before
    # A letter dated before uses the old text, one dated on valid_from the new.
    with studio_app.extensions["letterforge"].register.session() as session:
        token_ = create_client(session, "maker", ("letters:write",))
    api = studio_app.test_client()
    texts = {}
    for day in ("2026-11-30", "2026-12-01"):
        sample = load_sample("terugvordering-later-inkomsten")
        sample["case"]["zaak"]["briefdatum"] = day
        sample["case"]["terugvordering"]["bedrag"] = 1500
        # The letter computes the amount from the months (2 × 750.0); keep both
        # equal. April and May: their vakantietoeslag was paid out in June 2026,
        # so the whole difference counts (compose/calc/teveel.py).
        t = sample["case"]["terugvordering"]
        t["periode"]["tot"] = "2026-05-31"
        t["berekening"]["maanden"] = [
            {"maand": "2026-04-01", "inkomen": 750.0},
            {"maand": "2026-05-01", "inkomen": 750.0},
        ]
        made = api.post(
            "/api/v1/letters",
            json={
                "template": "terugvordering",
                "case": sample["case"],
                "format": "text",
            },
            headers={"Authorization": f"Bearer {token_}"},
        )
        assert made.status_code == 201
        texts[day] = " ".join(made.get_data(as_text=True).split())
    assert "€ 1.500,00 bijstand terugbetalen." in texts["2026-11-30"]
    assert "€ 1.500,00 bijstand aan ons terugbetalen." in texts["2026-12-01"]


def test_own_version_cannot_be_approved_on_the_page(studio_app: Flask) -> None:
    dirk = _as(studio_app, "dirk")  # beheer may write and approve, not both
    form = _form(dirk.get(EDIT).get_data(as_text=True))
    form[FIELD] = form[FIELD].replace(
        "bijstand terugbetalen.\n", "bijstand aan ons terugbetalen.\n", 1
    )
    dirk.post(
        EDIT,
        data=form | {"actie": "indienen", "reden": "kop", "geldig_vanaf": "2026-12-01"},
    )
    page = dirk.get("/sjablonen/goedkeuren").get_data(as_text=True)
    assert "U heeft deze versie zelf gemaakt" in page
    answer = dirk.post(
        "/sjablonen/goedkeuren/terugvordering/2",
        data={"csrf": csrf_of(page), "besluit": "goedkeuren"},
    )
    assert answer.status_code == 403
    assert "eigen versie" in answer.get_data(as_text=True)


def test_going_back_on_the_history_page_adds_a_version(studio_app: Flask) -> None:
    carla = _as(studio_app, "carla")
    form = _form(carla.get(EDIT).get_data(as_text=True))
    form[FIELD] = form[FIELD].replace(
        "bijstand terugbetalen.\n", "bijstand aan ons terugbetalen.\n", 1
    )
    carla.post(
        EDIT,
        data=form | {"actie": "bewaar", "reden": "kop", "geldig_vanaf": "2026-12-01"},
    )
    page = carla.get(EDIT + "/versies").get_data(as_text=True)
    # Version 1 is still the text in force (2 is a concept): nothing changes.
    same = carla.post(
        EDIT + "/versies/1/terugzetten",
        data={"csrf": csrf_of(page), "reden": "oud", "geldig_vanaf": "2026-12-02"},
    )
    assert same.status_code == 422
    assert "Er is niets veranderd" in same.get_data(as_text=True)
    back = carla.post(
        EDIT + "/versies/2/terugzetten",
        data={
            "csrf": csrf_of(page),
            "reden": "toch de oude kop",
            "geldig_vanaf": "2026-12-02",
        },
    )
    assert back.status_code == 302 and "bewaard=3" in back.headers["Location"]
    after = carla.get(EDIT + "/versies").get_data(as_text=True)
    assert after.count("Versie ") >= 3 and "toch de oude kop" in after


def _typo(form: dict[str, str]) -> dict[str, str]:
    return form | {FIELD: form[FIELD].replace("{{ t.bedrag", "{{ t.bedrag | bedrg", 1)}


def test_a_misspelled_filter_is_a_finding_everywhere_and_never_a_500(
    studio_app: Flask,
) -> None:
    carla = _as(studio_app, "carla")
    form = _typo(_form(carla.get(EDIT).get_data(as_text=True)))
    preview = carla.post(EDIT + "/voorbeeld", data=form).get_json()["html"]  # type: ignore[index]
    preview = preview.replace("&#39;", "'").replace("\xa0", " ")
    assert re.search(r"letter\.md\.j2:\d+: het filter 'bedrg' bestaat niet", preview)
    assert "(1 fout)" in preview and "Geen fouten" not in preview
    page = carla.post(EDIT + "/bekijk", data=form)
    assert page.status_code == 200 and "bedrg" in page.get_data(as_text=True)
    # Submitting is refused before anything is saved; the text stays.
    fields = {"reden": "typo", "geldig_vanaf": "2026-12-01"}
    refused = carla.post(EDIT, data=form | fields | {"actie": "indienen"})
    body = refused.get_data(as_text=True)
    assert refused.status_code == 422 and "niet bewaard en niet ingediend" in body
    assert "t.bedrag | bedrg" in body
    assert "Versie 2" not in carla.get(EDIT + "/versies").get_data(as_text=True)
    # Saved as a concept, the broken text opens again in the editor.
    saved = carla.post(EDIT, data=form | fields | {"actie": "bewaar"})
    assert saved.status_code == 302
    again = carla.get(EDIT + "?versie=2")
    assert again.status_code == 200 and "het filter &#39;bedrg&#39;" in again.get_data(
        as_text=True
    )


def test_all_missing_fields_at_once_next_to_the_field_in_dutch(
    studio_app: Flask,
) -> None:
    carla = _as(studio_app, "carla")
    form = _form(carla.get(EDIT).get_data(as_text=True))
    answer = carla.post(EDIT, data=form | {"actie": "bewaar", "reden": " "})
    body = answer.get_data(as_text=True)
    assert answer.status_code == 422
    assert 'id="reden-fout"' in body and 'id="geldig_vanaf-fout"' in body
    assert "bijvoorbeeld 1 januari 2027" in body
    assert "geldig_vanaf:" not in body and "reden:" not in body


def test_the_editor_starts_from_the_newest_approved_text_and_warns(
    studio_app: Flask,
) -> None:
    carla = _as(studio_app, "carla")
    form = _form(carla.get(EDIT).get_data(as_text=True))
    form[FIELD] = form[FIELD].replace(
        "bijstand terugbetalen.\n", "bijstand aan ons terugbetalen.\n", 1
    )
    later = {"reden": "later", "geldig_vanaf": "2026-12-20", "actie": "indienen"}
    assert carla.post(EDIT, data=form | later).status_code == 302
    jan = _as(studio_app, "jan")
    approvals = jan.get("/sjablonen/goedkeuren").get_data(as_text=True)
    # The approver sees what changes on the start date, and the sample letters.
    assert "Wat verandert er op 20 december 2026?" in approvals
    assert "Voorbeeldbrieven en controles van versie 2" in approvals
    token = csrf_of(approvals)
    approved = jan.post(
        "/sjablonen/goedkeuren/terugvordering/2",
        data={"csrf": token, "besluit": "goedkeuren"},
    )
    assert approved.status_code == 302
    # Today version 1 applies, yet a new edit starts from version 2 and says so.
    page = carla.get(EDIT).get_data(as_text=True)
    assert "U bewerkt de tekst van versie 2" in page
    assert "bijstand aan ons terugbetalen." in page
    assert "Versie 2 (goedgekeurd, van carla), geldt vanaf 20 december 2026" not in page
    listing = carla.get("/sjablonen/bewerken").get_data(as_text=True)
    assert "versie 2 vanaf 20 december 2026" in listing
    assert "sinds het begin" in listing and "1970" not in listing
    # A second version with the same start date cannot be approved.
    second = _form(page) | {"reden": "ook", "geldig_vanaf": "2026-12-20"}
    second[FIELD] = second[FIELD].replace("aan ons terugbetalen", "nu terugbetalen", 1)
    assert carla.post(EDIT, data=second | {"actie": "indienen"}).status_code == 302
    refused = jan.post(
        "/sjablonen/goedkeuren/terugvordering/3",
        data={"csrf": token, "besluit": "goedkeuren"},
    )
    assert refused.status_code == 409
    assert "Er is al een goedgekeurde versie vanaf die datum" in refused.get_data(
        as_text=True
    )


def test_an_own_concept_can_be_withdrawn_and_stays_in_the_history(
    studio_app: Flask,
) -> None:
    carla = _as(studio_app, "carla")
    form = _form(carla.get(EDIT).get_data(as_text=True))
    # A text identical to the one in force is refused ("Er is niets veranderd").
    form[FIELD] = form[FIELD].replace(
        "bijstand terugbetalen.\n", "bijstand aan ons terugbetalen.\n", 1
    )
    fields = {"reden": "probeer", "geldig_vanaf": "2026-12-01", "actie": "bewaar"}
    assert carla.post(EDIT, data=form | fields).status_code == 302
    history = carla.get(EDIT + "/versies").get_data(as_text=True)
    assert "Trek versie 2 in" in history
    done = carla.post(EDIT + "/versies/2/intrekken", data={"csrf": csrf_of(history)})
    assert done.status_code == 302
    after = carla.get(EDIT + "/versies").get_data(as_text=True)
    assert "Versie 2: ingetrokken" in after and "Dien versie 2 in" not in after


@pytest.mark.parametrize("name", ["carla", "jan"])
def test_the_menu_shows_only_pages_the_role_may_open(
    studio_app: Flask, name: str
) -> None:
    page = _as(studio_app, name).get("/sjablonen/bewerken").get_data(as_text=True)
    assert "Brief maken" not in page and ">Brieven<" not in page
    assert "Sjablonen bewerken" in page
