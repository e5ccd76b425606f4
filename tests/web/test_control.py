"""Issue 14 as an attacker would try it: four eyes through the API, what the
reviewer sees, who sees which letters, headers, hosts, redirects and sign-out."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from letterforge.compose.environment import make_environment
from letterforge.library.loader import load_library
from letterforge.register.store import get_letter
from letterforge.register.tokens import create_client
from letterforge.register.users import create_user
from letterforge.settings import PROJECT_DIR
from letterforge.web import create_app
from tests.conftest import SAMPLES_DIR, on_sample_day
from tests.web.test_api import CONCEPT_SAMPLE, JSON, SAMPLE, post_letter
from tests.web.test_ui import PASSWORD, csrf_of, sign_in

FINE = (SAMPLES_DIR / "bestuurlijke-boete-boete.json").read_bytes()


def _made(client: FlaskClient, headers: dict[str, str], body: bytes) -> dict[str, Any]:
    answer = post_letter(client, headers, body)
    assert answer.status_code == 202, answer.get_data(as_text=True)
    made: dict[str, Any] = answer.get_json()
    return made


@pytest.mark.parametrize("body", [FINE, CONCEPT_SAMPLE], ids=["boete", "2345.67"])
def test_four_eyes_through_the_api(
    client: FlaskClient, tokens: Any, body: bytes
) -> None:
    made = _made(client, tokens["own"], body)  # even when DOCX is asked for
    assert made["status"] == "concept"
    document = client.get(made["links"]["document"], headers=tokens["own"])
    assert document.status_code == 409
    assert document.mimetype == "application/problem+json"
    approved = client.post(
        f"/api/v1/letters/{made['id']}/approve", headers=tokens["approve"]
    )
    assert approved.status_code == 200 and approved.get_json()["status"] == "definitief"
    again = client.post(
        f"/api/v1/letters/{made['id']}/approve", headers=tokens["approve"]
    )
    assert again.status_code == 409  # not a concept any more: nothing overwritten
    assert client.get(made["links"]["document"], headers=tokens["own"]).data[:2] == (
        b"PK"
    )
    trail = client.get(f"/api/v1/letters/{made['id']}", headers=tokens["own"])
    events = trail.get_json()["events"]
    assert [e["kind"] for e in events] == ["gemaakt", "goedgekeurd", "gedownload"]
    assert events[1]["actor"] == "api:controleur"


def test_the_maker_cannot_approve_and_writers_cannot_approve(
    app: Flask, client: FlaskClient, tokens: Any
) -> None:
    with app.extensions["letterforge"].register.session() as session:
        both = create_client(session, "beide", ("letters:write", "letters:approve"))
    headers = {"Authorization": f"Bearer {both}"}
    made = _made(client, headers, FINE)
    own = client.post(f"/api/v1/letters/{made['id']}/approve", headers=headers)
    assert own.status_code == 403
    writer = client.post(f"/api/v1/letters/{made['id']}/approve", headers=tokens["own"])
    assert writer.status_code == 403  # no letters:approve scope


def test_rejection_needs_a_reason_and_the_letter_is_never_handed_out(
    client: FlaskClient, tokens: Any
) -> None:
    made = _made(client, tokens["own"], FINE)
    url = f"/api/v1/letters/{made['id']}/reject"
    assert client.post(url, headers=tokens["approve"]).status_code == 400
    rejected = client.post(
        url, headers=tokens["approve"], json={"reason": "boete te hoog"}
    )
    assert rejected.get_json()["status"] == "afgekeurd"
    assert (
        client.get(made["links"]["document"], headers=tokens["own"]).status_code == 409
    )
    approve = client.post(
        f"/api/v1/letters/{made['id']}/approve", headers=tokens["approve"]
    )
    assert approve.status_code == 409
    events = client.get(f"/api/v1/letters/{made['id']}", headers=tokens["own"])
    assert events.get_json()["events"][-1] == {
        **events.get_json()["events"][-1],
        "kind": "afgekeurd",
        "reason": "boete te hoog",
    }


def test_clients_see_only_their_own_letters(client: FlaskClient, tokens: Any) -> None:
    theirs = post_letter(client, tokens["write"], more=JSON).get_json()
    mine = post_letter(client, tokens["own"], more=JSON).get_json()
    for path in ("", "/document"):
        url = f"/api/v1/letters/{theirs['id']}{path}"
        assert client.get(url, headers=tokens["own"]).status_code == 404
        assert client.get(url, headers=tokens["read"]).status_code == 200  # read-all
    listing = client.get("/api/v1/letters", headers=tokens["own"]).get_json()
    assert [letter["id"] for letter in listing["letters"]] == [mine["id"]]


def test_no_client_can_take_the_web_pages_name(app: Flask) -> None:
    from letterforge.errors import RequestError

    with (
        pytest.raises(RequestError, match="gereserveerd"),
        app.extensions["letterforge"].register.session() as session,
    ):
        create_client(session, "web", ("letters:read",))


def test_letters_are_not_cached_and_pages_are_hardened(
    client: FlaskClient, tokens: Any
) -> None:
    made = post_letter(client, tokens["own"], more=JSON).get_json()
    for url in (made["links"]["self"], made["links"]["document"], "/aanmelden"):
        answer = client.get(url, headers=tokens["own"])
        assert answer.headers["Cache-Control"] == "no-store", url
        assert "frame-ancestors 'none'" in answer.headers["Content-Security-Policy"]
        assert answer.headers["X-Content-Type-Options"] == "nosniff"
        assert answer.headers["Referrer-Policy"] == "same-origin"


@pytest.mark.parametrize(
    ("host", "status"),
    [
        ("localhost", 200),
        ("127.0.0.1:8123", 200),
        ("evil.example", 400),
        ("localhost.evil.example", 400),
    ],
)
def test_only_trusted_hosts(client: FlaskClient, host: str, status: int) -> None:
    assert client.get("/healthz", headers={"Host": host}).status_code == status


def test_proxy_fix_comes_from_settings(tmp_path: Path) -> None:
    app = create_app(
        {
            "DATABASE_URL": f"sqlite:///{tmp_path / 'r.db'}",
            "PROXY_FIX": {"x_for": 1, "x_proto": 1},
            "TRUSTED_HOSTS": ["brieven.example.nl"],
        }
    )
    on_sample_day(app)
    answer = app.test_client().get(
        "/api/v1/openapi.json",
        headers={"Host": "brieven.example.nl", "X-Forwarded-Proto": "https"},
    )
    assert answer.get_json()["servers"][0]["url"].startswith("https://brieven")
    app.extensions["letterforge"].register.dispose()


@pytest.fixture
def web(tmp_path: Path) -> Any:
    """An app on a copy of the template library, with one user per role."""
    templates = tmp_path / "templates"
    shutil.copytree(PROJECT_DIR / "templates", templates)
    app = create_app(
        {
            "DATABASE_URL": f"sqlite:///{tmp_path / 'r.db'}",
            "TESTING": True,
            "SECRET_KEY": "test",
            "SESSION_COOKIE_SECURE": False,
            "TEMPLATE_DIR": str(templates),
        }
    )
    on_sample_day(app)
    app.extensions["letterforge"].register.migrate()  # as every command does
    with app.extensions["letterforge"].register.session() as session:
        for name, role in (
            ("anna", "medewerker"),
            ("bram", "controleur"),
            ("carla", "communicatie"),
            ("dirk", "beheer"),
        ):
            create_user(session, name, role, PASSWORD)
        token = create_client(session, "zaaksysteem", ("letters:write",))
    yield app, templates, {"Authorization": f"Bearer {token}"}
    app.extensions["letterforge"].register.dispose()


def _forget_templates() -> None:
    """As after a restart with new templates: drop the compiled-template caches."""
    load_library.cache_clear()
    make_environment.cache_clear()


def test_the_reviewer_sees_the_stored_document_not_a_new_render(web: Any) -> None:
    app, templates, headers = web
    client = app.test_client()
    made = _made(client, headers, FINE)
    letter = templates / "bestuurlijke-boete" / "letter.md.j2"
    original = letter.read_text(encoding="utf-8")
    letter.write_text(
        original.replace("## ", "## GEWIJZIGD SJABLOON "), encoding="utf-8"
    )
    _forget_templates()  # today's templates now say something else
    try:
        checker = app.test_client()
        assert sign_in(checker, name="bram") == 302
        page = checker.get(f"/controle/{made['id']}").get_data(as_text=True)
        assert "GEWIJZIGD SJABLOON" not in page
        assert made["kenmerk"] in page and "<p>" in page
        fresh = post_letter(client, headers, FINE, more=JSON).get_json()
        again = checker.get(f"/controle/{fresh['id']}").get_data(as_text=True)
        assert "GEWIJZIGD SJABLOON" in again  # the view does follow what is stored
    finally:
        letter.write_text(original, encoding="utf-8")
        _forget_templates()


def test_web_rejection_with_reason_and_audit_on_the_letter_page(web: Any) -> None:
    app, _, headers = web
    made = _made(app.test_client(), headers, FINE)
    checker = app.test_client()
    sign_in(checker, name="bram")
    token = csrf_of(checker.get(f"/controle/{made['id']}").get_data(as_text=True))
    answer = checker.post(
        f"/controle/{made['id']}",
        data={"csrf": token, "actie": "afkeuren", "reden": "verkeerde <b>boete</b>"},
    )
    assert answer.status_code == 302
    page = checker.get(f"/brieven/{made['id']}").get_data(as_text=True)
    assert "De brief is afgekeurd" in page
    assert "afgekeurd door bram (reden: verkeerde &lt;b&gt;boete&lt;/b&gt;)" in page
    assert checker.get(f"/brieven/{made['id']}/document").status_code == 409


ROLE_PAGES = [
    # (page, medewerker, controleur, communicatie, beheer): as in the README
    ("/", 200, 200, 200, 200),
    ("/brief/terugvordering", 200, 200, 403, 200),
    ("/brieven", 200, 200, 403, 200),
    ("/controle", 403, 200, 403, 200),
    ("/taal", 200, 200, 200, 200),
    ("/beheer/batches", 403, 403, 403, 200),
]


@pytest.mark.parametrize("row", ROLE_PAGES, ids=[r[0] for r in ROLE_PAGES])
def test_each_role_sees_what_the_readme_says(web: Any, row: tuple[Any, ...]) -> None:
    app, _, _ = web
    page, *expected = row
    for name, status in zip(("anna", "bram", "carla", "dirk"), expected, strict=True):
        client = app.test_client()
        assert sign_in(client, name=name) == 302
        assert client.get(page).status_code == status, (page, name)


def test_letter_pages_are_not_for_communicatie(web: Any) -> None:
    app, _, headers = web
    made = post_letter(app.test_client(), headers, SAMPLE, more=JSON).get_json()
    adviser = app.test_client()
    sign_in(adviser, name="carla")
    assert adviser.get(f"/brieven/{made['id']}").status_code == 403
    assert adviser.get(f"/brieven/{made['id']}/document").status_code == 403
    assert adviser.get(f"/brieven/{made['id']}/pdf").status_code == 403


@pytest.mark.parametrize("action", [None, "", "x", "Goedkeuren", "afkeuren "])
def test_an_approval_must_be_asked_for_in_so_many_words(
    web: Any, action: str | None
) -> None:
    """Fail closed: only actie=goedkeuren approves (attacker review)."""
    app, _, headers = web
    made = _made(app.test_client(), headers, FINE)
    checker = app.test_client()
    sign_in(checker, name="bram")
    token = csrf_of(checker.get(f"/controle/{made['id']}").get_data(as_text=True))
    form = {"csrf": token, "reden": "x"} | (
        {"actie": action} if action is not None else {}
    )
    assert checker.post(f"/controle/{made['id']}", data=form).status_code == 400
    with app.extensions["letterforge"].register.session() as session:
        record = get_letter(session, made["id"])
        assert record is not None and record.status == "concept"


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example",
        "/%09/evil.example",
        "/\t/evil.example",
        "/\\evil.example",
        "/\\/evil.example",
        "https://evil.example",
        "/\r\n/evil.example",
        "javascript:alert(1)",
    ],
)
def test_sign_in_redirects_only_to_own_paths(web: Any, target: str) -> None:
    app, _, _ = web
    client = app.test_client()
    token = csrf_of(client.get("/aanmelden").get_data(as_text=True))
    answer = client.post(
        "/aanmelden",
        data={
            "csrf": token,
            "naam": "anna",
            "wachtwoord": PASSWORD,
            "volgende": target,
        },
    )
    assert answer.status_code == 302 and answer.headers["Location"] == "/"


def test_own_paths_are_kept_after_sign_in(web: Any) -> None:
    app, _, _ = web
    client = app.test_client()
    token = csrf_of(client.get("/aanmelden").get_data(as_text=True))
    answer = client.post(
        "/aanmelden",
        data={
            "csrf": token,
            "naam": "anna",
            "wachtwoord": PASSWORD,
            "volgende": "/brieven?zaak=1",
        },
    )
    assert answer.headers["Location"] == "/brieven?zaak=1"


def test_a_cookie_from_before_sign_out_no_longer_works(web: Any) -> None:
    app, _, _ = web
    client = app.test_client()
    sign_in(client)
    saved = client.get_cookie("session")
    assert saved is not None
    token = csrf_of(client.get("/").get_data(as_text=True))
    client.post("/afmelden", data={"csrf": token})
    thief = app.test_client()
    thief.set_cookie("session", saved.value)
    assert thief.get("/brieven").status_code == 302  # back to sign-in


def test_the_api_json_of_a_letter_is_valid_json(
    client: FlaskClient, tokens: Any
) -> None:
    made = post_letter(client, tokens["own"], more=JSON)
    assert json.loads(made.data)["status"] == "definitief"


def test_the_letter_page_lists_its_copies_and_a_copy_names_its_original(
    web: Any,
) -> None:
    """A fine with a copy to Schuldhulp: the copy waits with the original, is not
    on the review list, and follows the approval (issue 13)."""
    app, _, headers = web
    case = json.loads(FINE)
    case["case"]["ontvanger"]["kopie_aan"] = [
        {
            "organisatie": "Schuldhulp Voorbeeld",
            "postbus": {"nummer": "456", "postcode": "9999 ZY", "plaats": "Voorbeeld"},
            "toestemming": {"datum": "2026-10-27"},
        }
    ]
    made = _made(app.test_client(), headers, json.dumps(case).encode())
    [copy] = made["kopieen"]
    checker = app.test_client()
    sign_in(checker, name="bram")
    waiting = checker.get("/controle").get_data(as_text=True)
    assert made["id"] in waiting and copy["id"] not in waiting
    token = csrf_of(checker.get(f"/controle/{made['id']}").get_data(as_text=True))
    checker.post(f"/controle/{made['id']}", data={"csrf": token, "actie": "goedkeuren"})
    page = checker.get(f"/brieven/{made['id']}").get_data(as_text=True)
    assert "Kopie aan Schuldhulp Voorbeeld</a>" in page and "(definitief)" in page
    assert f"/brieven/{copy['id']}" in page
    copy_page = checker.get(f"/brieven/{copy['id']}").get_data(as_text=True)
    assert "Dit is een kopie" in copy_page
    assert "Deze kopie ging naar Schuldhulp Voorbeeld." in copy_page
    assert f"/brieven/{made['id']}" in copy_page
    assert checker.get(f"/brieven/{copy['id']}/document").status_code == 200
