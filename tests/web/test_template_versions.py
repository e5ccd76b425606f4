"""Template versions through the API (issue 17): the version rules end to end."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from letterforge.register.tokens import create_client
from tests.conftest import load_sample

URL = "/api/v1/templates/terugvordering/versions"
OLD_TEXT = "€ 2.289,24 bijstand terugbetalen."
NEW_TEXT = "€ 2.289,24 bijstand aan ons terugbetalen."


def _header(app: Flask, name: str, *scopes: str) -> dict[str, str]:
    with app.extensions["letterforge"].register.session() as session:
        return {"Authorization": f"Bearer {create_client(session, name, scopes)}"}


@pytest.fixture(autouse=True)
def fixed_day(app: Flask) -> None:
    """The day these tests are written for: valid-from dates must not be past."""
    state = app.extensions["letterforge"]
    now = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
    app.extensions["letterforge"] = dataclasses.replace(state, clock=lambda: now)


@pytest.fixture
def who(app: Flask) -> dict[str, dict[str, str]]:
    return {
        "author": _header(app, "redactie", "templates:write", "templates:approve"),
        "jurist": _header(app, "jurist", "templates:approve"),
        "reader": _header(app, "lezer", "letters:read", "templates:read"),
        "maker": _header(app, "maker", "letters:write", "letters:read"),
    }


def _edited(client: FlaskClient, headers: dict[str, str]) -> dict[str, str]:
    shipped = client.get(f"{URL}/1", headers=headers)
    assert shipped.status_code == 200
    files: dict[str, str] = shipped.json["files"]  # type: ignore[index]
    letter = files["letter.md.j2"].replace(
        "bijstand terugbetalen.\n", "bijstand aan ons terugbetalen.\n", 1
    )
    return {**files, "letter.md.j2": letter}


def _letter(client: FlaskClient, headers: dict[str, str], day: str) -> Any:
    sample = load_sample("terugvordering-later-inkomsten")
    sample["case"]["zaak"]["briefdatum"] = day
    sample["case"]["terugvordering"]["bedrag"] = 1500  # below the four-eyes limit
    # The letter computes the amount from the months (2 × 750.0); keep both
    # equal. April and May: their vakantietoeslag was paid out in June 2026,
    # so the whole difference counts (compose/calc/teveel.py).
    t = sample["case"]["terugvordering"]
    t["periode"]["tot"] = "2026-05-31"
    t["berekening"]["maanden"] = [
        {"maand": "2026-04-01", "inkomen": 750.0},
        {"maand": "2026-05-01", "inkomen": 750.0},
    ]
    made = client.post(
        "/api/v1/letters",
        json={"template": "terugvordering", "case": sample["case"], "format": "text"},
        headers={**headers, "Accept": "text/plain"},
    )
    assert made.status_code == 201, made.json
    body = client.get(f"/api/v1/letters/{made.headers['X-Letter-Id']}", headers=headers)
    return " ".join(made.data.decode().split()), body.json


def test_the_version_rules_through_the_api(
    client: FlaskClient, who: dict[str, dict[str, str]]
) -> None:
    body = {
        "files": _edited(client, who["author"]),
        "reason": "korter",
        "valid_from": "2026-12-01",
    }
    # A reader may not write; the author writes a draft.
    assert client.post(URL, json=body, headers=who["reader"]).status_code == 403
    draft = client.post(URL, json=body, headers=who["author"])
    assert draft.status_code == 201, draft.json
    number = draft.json["number"]  # type: ignore[index]
    assert number == 2 and draft.json["status"] == "concept"  # type: ignore[index]
    # Unapproved: never used, also not when dated after valid_from.
    text, _ = _letter(client, who["maker"], "2026-12-02")
    assert OLD_TEXT.replace("€ 2.289,24", "€ 1.500,00") in text
    # Not submitted: cannot be approved.
    step = f"{URL}/{number}"
    assert client.post(f"{step}/approve", headers=who["jurist"]).status_code == 409
    submitted = client.post(f"{step}/submit", headers=who["author"])
    assert submitted.status_code == 200, submitted.json
    # The author cannot approve their own version, even with the scope.
    own = client.post(f"{step}/approve", headers=who["author"])
    assert own.status_code == 403
    assert own.json["errors"][0]["code"] == "four_eyes"  # type: ignore[index]
    approved = client.post(f"{step}/approve", headers=who["jurist"])
    assert approved.status_code == 200
    assert approved.json["reviewer"] == "api:jurist"  # type: ignore[index]
    # Old date: old text (version 1); new date: new text (version 2).
    before, before_json = _letter(client, who["maker"], "2026-11-30")
    after, after_json = _letter(client, who["maker"], "2026-12-01")
    assert "€ 1.500,00 bijstand terugbetalen." in before
    assert "€ 1.500,00 bijstand aan ons terugbetalen." in after
    assert before_json["template"]["version_number"] == 1
    assert after_json["template"]["version_number"] == 2
    assert after_json["template"]["version_id"] == approved.json["id"]  # type: ignore[index]
    assert after_json["template"]["content_hash"] == approved.json["content_hash"]  # type: ignore[index]
    # The list says which version applies and when each ends.
    listed = client.get(URL, headers=who["reader"]).json
    assert [v["number"] for v in listed["versions"]] == [2, 1]  # type: ignore[index]
    assert listed["versions"][1]["valid_until"] == "2026-11-30"  # type: ignore[index]


@pytest.mark.parametrize(
    ("change", "status", "field"),
    [
        ({"reason": ""}, 400, "reden"),
        ({"valid_from": "1-12-2026"}, 422, "valid_from"),
        (
            {"files": {"letter.md.j2": "x"}},
            422,
            "bestanden.motivering/inlichtingenplicht.md.j2",
        ),
        ({"files": "tekst"}, 422, "files"),
    ],
)
def test_bad_drafts_get_a_dutch_error_naming_the_field(
    client: FlaskClient,
    who: dict[str, dict[str, str]],
    change: dict[str, Any],
    status: int,
    field: str,
) -> None:
    body = {
        "files": _edited(client, who["author"]),
        "reason": "x",
        "valid_from": "2026-12-01",
    }
    answer = client.post(URL, json=body | change, headers=who["author"])
    assert answer.status_code == status, answer.json
    assert field in [e["path"] for e in answer.json["errors"]]  # type: ignore[index]


def test_a_broken_version_cannot_be_submitted_and_says_file_and_line(
    client: FlaskClient, who: dict[str, dict[str, str]]
) -> None:
    files = _edited(client, who["author"])
    files["letter.md.j2"] = files["letter.md.j2"].replace(
        "{{ t.bedrag", "{{ t.bedrg", 1
    )
    body = {"files": files, "reason": "typo", "valid_from": "2026-12-01"}
    number = client.post(URL, json=body, headers=who["author"]).json["number"]  # type: ignore[index]
    refused = client.post(f"{URL}/{number}/submit", headers=who["author"])
    assert refused.status_code == 422
    messages = [e["message"] for e in refused.json["errors"]]  # type: ignore[index]
    assert any(m.startswith("terugvordering/letter.md.j2:") for m in messages), messages


def test_unknown_template_and_version_are_404(
    client: FlaskClient, who: dict[str, dict[str, str]]
) -> None:
    assert (
        client.get(
            "/api/v1/templates/bestaat-niet/versions", headers=who["reader"]
        ).status_code
        == 404
    )
    assert client.get(f"{URL}/99", headers=who["reader"]).status_code == 404


@pytest.mark.parametrize("path", [URL, f"{URL}/1"])
def test_reading_versions_needs_a_templates_scope(
    client: FlaskClient, who: dict[str, dict[str, str]], path: str
) -> None:
    """Drafts, staff names and reasons are not the case system's (finding 11)."""
    assert client.get(path, headers=who["maker"]).status_code == 403
    assert client.get(path, headers=who["jurist"]).status_code == 200
    assert client.get(path, headers=who["reader"]).status_code == 200


@pytest.mark.parametrize(
    ("valid_from", "status"),
    [("2026-01-01", 422), ("0001-01-01", 422), ("9999-12-31", 422)],
)
def test_a_valid_from_date_outside_the_window_names_the_field(
    client: FlaskClient, who: dict[str, dict[str, str]], valid_from: str, status: int
) -> None:
    body = {"files": _edited(client, who["author"]), "reason": "x"}
    answer = client.post(
        URL, json=body | {"valid_from": valid_from}, headers=who["author"]
    )
    assert answer.status_code == status, answer.json
    assert [e["path"] for e in answer.json["errors"]] == ["geldig_vanaf"]  # type: ignore[index]
    assert client.get(URL, headers=who["reader"]).status_code == 200


@pytest.mark.parametrize(
    ("old", "new", "dutch"),
    [
        ("{{ t.bedrag", "{{ t.bedrag | bedrg", "het filter 'bedrg' bestaat niet"),
        ("{% endif %}", "", "er mist een {% endif %}"),
        ("{{ t.bedrag", "{{ }", "staat hier op een verkeerde plek"),
    ],
)
def test_every_template_error_kind_is_a_422_in_dutch_never_a_500(
    client: FlaskClient, who: dict[str, dict[str, str]], old: str, new: str, dutch: str
) -> None:
    files = _edited(client, who["author"])
    letter = files["letter.md.j2"]
    if new == "":  # drop the last {% endif %}: the template ends too early
        at = letter.rindex(old)
        files["letter.md.j2"] = letter[:at] + letter[at + len(old) :]
    else:
        files["letter.md.j2"] = letter.replace(old, new, 1)
    body = {"files": files, "reason": "typo", "valid_from": "2026-12-01"}
    number = client.post(URL, json=body, headers=who["author"]).json["number"]  # type: ignore[index]
    refused = client.post(f"{URL}/{number}/submit", headers=who["author"])
    assert refused.status_code == 422, refused.json
    messages = [e["message"] for e in refused.json["errors"]]  # type: ignore[index]
    assert any(dutch in m for m in messages), messages
    assert not any("/tmp" in m or "Unexpected" in m for m in messages), messages
