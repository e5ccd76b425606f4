"""The list endpoints read no document bytes: the API's list and the register page."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event

from letterforge.register.users import create_user
from tests.web.test_api import JSON, post_letter
from tests.web.test_ui import PASSWORD, sign_in


def _selects(app: Flask) -> list[str]:
    """Every SELECT the app's register runs from now on, whitespace-normalised."""
    seen: list[str] = []

    def record(*args: Any) -> None:
        statement = " ".join(str(args[2]).split())
        if statement.upper().startswith("SELECT"):
            seen.append(statement)

    event.listen(
        app.extensions["letterforge"].register.engine, "after_cursor_execute", record
    )
    return seen


def _letter_columns(statements: list[str]) -> list[list[str]]:
    """The columns of each SELECT that loads letters rows."""
    found = []
    for statement in statements:
        if statement.startswith("SELECT letters."):
            columns = statement[len("SELECT ") : statement.index(" FROM ")]
            found.append([c.strip() for c in columns.split(",")])
    return found


def test_api_list_reads_no_documents(
    app: Flask, client: FlaskClient, tokens: Any
) -> None:
    for _ in range(3):
        assert post_letter(client, tokens["write"], more=JSON).status_code == 201
    seen = _selects(app)
    answer = client.get("/api/v1/letters?per_page=100", headers=tokens["read"])
    assert answer.status_code == 200 and len(answer.get_json()["letters"]) == 3
    loads = _letter_columns(seen)
    assert len(loads) == 1 and "letters.kenmerk" in loads[0]
    assert "letters.content" not in loads[0]
    # The document itself is still one request away.
    first = answer.get_json()["letters"][0]["links"]["document"]
    document = client.get(first, headers=tokens["read"])
    assert document.status_code == 200 and document.data.startswith(b"PK")


def test_register_page_reads_no_documents(
    app: Flask, client: FlaskClient, tokens: Any
) -> None:
    app.config.update(SECRET_KEY="test", SESSION_COOKIE_SECURE=False)
    with app.extensions["letterforge"].register.session() as session:
        create_user(session, "anna", "medewerker", PASSWORD)
    for _ in range(2):
        assert post_letter(client, tokens["write"], more=JSON).status_code == 201
    people = app.test_client()
    assert sign_in(people) == 302
    seen = _selects(app)
    page = people.get("/brieven")
    assert page.status_code == 200 and page.get_data(as_text=True).count("Z-2026") >= 2
    loads = _letter_columns(seen)
    assert len(loads) == 1 and "letters.letter_date" in loads[0]
    assert "letters.content" not in loads[0]
