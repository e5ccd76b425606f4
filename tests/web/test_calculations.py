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


# Review s4 finding 11: the new calculators answer over HTTP as on the command
# line (expected values computed by hand in tests/compose/calc/test_contract.py).
SINGLE = {"leefvorm": "alleenstaande", "aow_leeftijd": False, "medebewoners": 0}
OVER_HTTP = [
    ("dwangsom", {"datum": "2026-11-24"}, {"maximum": "1442.00", "dagen": 42}),
    (
        "voorschot",
        {"datum": "2026-11-06", **SINGLE},
        {"bedrag": "1348.49", "minimum": "1348.49"},
    ),
    (
        "beslistermijn",
        {
            "ontvangen": "2026-11-20",
            "opgeschort_van": "2026-11-24",
            "opgeschort_tot": "2026-12-08",
        },
        {"uiterlijk": "2027-01-29"},
    ),
    (
        "beslagvrije-voet",
        {"datum": "2026-11-24", **SINGLE, "inkomen": "1200"},
        {"beslagvrije_voet": "1140.00", "maximale_inhouding": "60.00"},
    ),
    (
        "eerste-maand",
        {"ingangsdatum": "2026-10-19", **SINGLE},
        {"bedrag": "566.69", "dagen": 13},
    ),
    (
        # Review r4 finding 4: 95 % × 1419.46 − 500 wages next to bijstand
        "beslagvrije-voet",
        {"datum": "2026-11-24", **SINGLE, "inkomen_naast_bijstand": "500"},
        {"beslagvrije_voet": "848.49", "maximale_inhouding": "70.97"},
    ),
]


@pytest.mark.parametrize(
    ("name", "body", "expected"), OVER_HTTP, ids=[c[0] for c in OVER_HTTP]
)
def test_new_calculators(
    client: FlaskClient,
    tokens: Any,
    name: str,
    body: dict[str, Any],
    expected: dict[str, Any],
) -> None:
    response = post(client, name, tokens["write"], body)
    assert response.status_code == 200, response.json
    assert {k: response.json[k] for k in expected} == expected


def test_bad_input_lists_the_fields(client: FlaskClient, tokens: Any) -> None:
    body = {"datum": "2026-11-24", **SINGLE, "netto": "1200"}
    response = post(client, "beslagvrije-voet", tokens["write"], body)
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    assert response.json["errors"] == [
        {
            "path": "netto",
            "message": "dit veld kennen wij niet bij deze berekening. Bekende "
            "velden: datum, leefvorm, aow_leeftijd, medebewoners, geboortedatum, "
            "partner_geboortedatum, kinderen, ouders_kunnen_niet_bijdragen, inkomen, "
            "inkomen_naast_bijstand",
            "code": "unknown",
        }
    ]
    fields = {f["naam"]: f for f in response.json["velden"]}
    assert list(fields) == [
        "datum",
        "leefvorm",
        "aow_leeftijd",
        "medebewoners",
        "geboortedatum",
        "partner_geboortedatum",
        "kinderen",
        "ouders_kunnen_niet_bijdragen",
        "inkomen",
        "inkomen_naast_bijstand",
    ]
    assert fields["geboortedatum"]["verplicht"] is False
    assert fields["inkomen"]["eenheid"] == "euro"
    assert fields["inkomen"]["verplicht"] is False
    assert fields["datum"]["verplicht"] is True


def test_unknown_calculation_lists_the_calculators(
    client: FlaskClient, tokens: Any
) -> None:
    response = post(client, "rente", tokens["write"], {})
    assert response.status_code == 404
    names = [c["naam"] for c in response.json["berekeningen"]]
    assert {"te-veel", "vakantietoeslag", "maatregel", "dwangsom"} <= set(names)


def test_openapi_documents_each_field(client: FlaskClient) -> None:
    paths = client.get("/api/v1/openapi.json").json["paths"]
    post_ = paths["/calculations/beslistermijn"]["post"]
    schema = post_["requestBody"]["content"]["application/json"]["schema"]
    assert schema["required"] == ["ontvangen"]
    held = schema["properties"]["opgeschort_van"]
    assert "4:15" in held["description"] and "Eenheid: datum" in held["description"]
    assert "Bron: Algemene wet bestuursrecht art. 4:13" in post_["description"]
    for name in ("te-veel", "vakantietoeslag", "voorschot", "maatregel"):
        assert f"/calculations/{name}" in paths
    velden = post_["responses"]["422"]["content"]["application/problem+json"]
    assert "velden" in velden["schema"]["allOf"][1]["properties"]
