"""POST /api/v1/letters with every addressee variant at once (review: this once
gave a 500): the letter and each copy are made and registered, or the request is
refused with a Dutch problem naming the field; never a server error."""

from __future__ import annotations

import json
from typing import Any

import pytest
from flask.testing import FlaskClient

from tests.conftest import load_sample

STREET = {
    "straat": "Lindelaan",
    "huisnummer": "12",
    "toevoeging": "A 3",
    "postcode": "9999 AB",
    "plaats": "Voorbeeld",
}
POSTBUS = {"nummer": "88", "postcode": "9999 ZZ", "plaats": "Voorbeeld"}
ABROAD = {
    "regels": ["c/o Famille Dubois", "Rue des Tilleuls 8", "4000 Liège"],
    "land": "België",
}
EVERYTHING = {"adres": STREET, "postbus": POSTBUS, "buitenland": ABROAD}


def _ontvanger(copy_ground: dict[str, Any]) -> dict[str, Any]:
    return {
        "aanhef": "mevrouw",
        "voorletters": "L.",
        "tussenvoegsel": "van der",
        "achternaam": "Mulder",
        **EVERYTHING,
        "vertegenwoordiger": {
            "rol": "bewindvoerder",
            "organisatie": "Bewind Noord",
            "aanhef": "de heer",
            "voorletters": "P.",
            "achternaam": "Verbeek",
            **EVERYTHING,
        },
        "kopie_aan": [
            {
                "organisatie": "Schuldhulp Voorbeeld",
                "achternaam": "Willems",
                "aanhef": "mevrouw",
                **EVERYTHING,
                **copy_ground,
            },
            {"achternaam": "Bos", **EVERYTHING, **copy_ground},
        ],
    }


@pytest.mark.parametrize(
    ("ground", "status", "field"),
    [
        ({"toestemming": {"datum": "2026-10-27"}}, 201, None),
        ({"wettelijke_plicht": "artikel 64 van de Participatiewet"}, 201, None),
        ({}, 422, "ontvanger.kopie_aan.0.toestemming"),
    ],
)
def test_every_addressee_variant_at_once(
    client: FlaskClient,
    tokens: Any,
    ground: dict[str, Any],
    status: int,
    field: str | None,
) -> None:
    request = load_sample("opschorting-kopie-schuldhulp")
    request["case"]["ontvanger"] = _ontvanger(ground)
    response = client.post(
        "/api/v1/letters",
        data=json.dumps(request),
        content_type="application/json",
        headers={**tokens["write"], "Accept": "application/json"},
    )
    assert response.status_code == status, response.get_data(as_text=True)
    body = response.get_json()
    if field is not None:
        assert field in json.dumps(body), body
        return
    assert len(body.get("kopieen", body.get("copies", []))) == 2, body
