"""POST /api/v1/calculations/<name>: same contract as `letterforge calc`."""

from __future__ import annotations

import json
from typing import Any

import pytest
from flask.testing import FlaskClient

BODY = {
    "datum": "2026-11-24",
    "overtredingsdatum": "2026-03-01",
    "benadelingsbedrag": 1000,
    "verwijtbaarheid": "verminderd",
}


def post(client: FlaskClient, name: str, headers: dict[str, str], body: Any) -> Any:
    return client.post(
        f"/api/v1/calculations/{name}",
        data=json.dumps(body),
        content_type="application/json",
        headers=headers,
    )


def test_boete(client: FlaskClient, tokens: Any) -> None:
    response = post(client, "boete", tokens["write"], BODY)
    assert response.status_code == 200
    assert response.json["boete"] == "250.00"
    assert response.json["maximum"] == "1000.00"
    assert response.json["rapport_vereist"] is True
    assert response.json["waarschuwing"] is False


def test_needs_letters_write(client: FlaskClient, tokens: Any) -> None:
    assert post(client, "boete", tokens["read"], BODY).status_code == 403
    assert post(client, "boete", {}, BODY).status_code == 401


@pytest.mark.parametrize(
    ("name", "body", "status", "path"),
    [
        ("boete", {"datum": "x"}, 422, "datum"),
        ("rente", {}, 404, "naam"),
        (
            "bijstandsnorm",
            {
                "datum": "2030-01-01",
                "leefvorm": "gehuwden",
                "aow_leeftijd": False,
                "medebewoners": 0,
            },
            422,
            "datum",
        ),
    ],
)
def test_errors_are_dutch_problems(
    client: FlaskClient, tokens: Any, name: str, body: Any, status: int, path: str
) -> None:
    response = post(client, name, tokens["write"], body)
    assert response.status_code == status
    assert response.mimetype == "application/problem+json"
    assert response.json["errors"][0]["path"] == path


def test_not_json(client: FlaskClient, tokens: Any) -> None:
    response = client.post(
        "/api/v1/calculations/boete",
        data="{",
        content_type="application/json",
        headers=tokens["write"],
    )
    assert response.status_code == 400
    response = client.post(
        "/api/v1/calculations/boete", data="a=b", headers=tokens["write"]
    )
    assert response.status_code == 415


def test_listed_in_openapi(client: FlaskClient) -> None:
    paths = client.get("/api/v1/openapi.json").json["paths"]
    assert {
        "/calculations/bijstandsnorm",
        "/calculations/beslagvrije-voet",
        "/calculations/boete",
        "/calculations/bezwaartermijn",
    } <= set(paths)
