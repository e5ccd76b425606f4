"""One mapping of errors: API clients get problem+json, people get a Dutch page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask, abort

from letterforge.errors import (
    CaseDataError,
    Problem,
    TemplateError,
    UnknownTemplate,
)
from letterforge.web import create_app
from letterforge.web.problems import ApiProblem
from tests.conftest import on_sample_day

FAILURES: dict[str, tuple[Exception | None, int, str, str]] = {
    # name: (raised, status, code, words the reader must see)
    "zaakgegevens": (
        CaseDataError((Problem("zaak.bedrag", "moet groter dan 0 zijn"),)),
        422,
        "invalid_case_data",
        "moet groter dan 0 zijn",
    ),
    "sjabloon": (UnknownTemplate("bestaat-niet"), 404, "unknown_template", "bestaat"),
    "kapot-sjabloon": (
        TemplateError("t", "geheim detail"),
        500,
        "internal",
        "Er ging iets mis bij ons",
    ),
    "api-probleem": (
        ApiProblem(409, "conflict", "Dit botst."),
        409,
        "conflict",
        "botst",
    ),
    "onverwacht": (RuntimeError("Jan Jansen 123"), 500, "internal", "iets mis"),
    "niet-gevonden": (None, 404, "http_404", "Dit adres bestaat niet."),
}


@pytest.fixture
def app(tmp_path: Path) -> Iterator[Flask]:
    app = create_app(
        {"DATABASE_URL": f"sqlite:///{tmp_path / 'r.db'}", "SECRET_KEY": "test"}
    )
    on_sample_day(app)

    def fail(name: str) -> str:
        raised = FAILURES[name][0]
        if raised is None:
            abort(404)
        raise raised

    # The same failures, once under the API's path and once under a page's path.
    app.add_url_rule("/api/v1/proef/<name>", "proef_api", fail)
    app.add_url_rule("/proef/<name>", "proef_pagina", fail)
    yield app
    app.extensions["letterforge"].register.dispose()


@pytest.mark.parametrize("name", sorted(FAILURES))
def test_the_api_gets_problem_json(app: Flask, name: str) -> None:
    _, status, code, words = FAILURES[name]
    response = app.test_client().get(f"/api/v1/proef/{name}")
    assert response.status_code == status
    assert response.mimetype == "application/problem+json"
    body = response.get_json()
    assert body["status"] == status and body["type"].endswith(f"/{code}")
    assert words in response.get_data(as_text=True)
    for secret in ("geheim detail", "Jan Jansen", "Traceback"):
        assert secret not in response.get_data(as_text=True)


@pytest.mark.parametrize("name", sorted(FAILURES))
def test_people_get_a_dutch_page(app: Flask, name: str) -> None:
    _, status, _, words = FAILURES[name]
    response = app.test_client().get(f"/proef/{name}")
    assert response.status_code == status
    assert response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    assert '<html lang="nl"' in page and words in page
    for secret in ("geheim detail", "Jan Jansen", "Traceback", '"status"'):
        assert secret not in page
