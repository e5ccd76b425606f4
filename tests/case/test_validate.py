"""Validation reports every problem at once, per field path, in Dutch."""

from __future__ import annotations

from typing import Any

import pytest

from letterforge.case import validate_case
from letterforge.errors import CaseDataError
from letterforge.library import Library
from tests.conftest import load_sample


def problems_for(library: Library, case: dict[str, Any]) -> dict[str, str]:
    template = library.get("terugvordering")
    with pytest.raises(CaseDataError) as raised:
        validate_case(template.schema, case)
    return {p.path: p.message for p in raised.value.problems}


def sample_case() -> dict[str, Any]:
    case: dict[str, Any] = load_sample("terugvordering-inlichtingenplicht-zienswijze")[
        "case"
    ]
    return case


def test_sample_is_valid(library: Library) -> None:
    validate_case(library.get("terugvordering").schema, sample_case())


@pytest.mark.parametrize(
    ("change", "path", "message"),
    [
        (
            lambda c: c["terugvordering"].update(bedrag=-5),
            "terugvordering.bedrag",
            "moet groter dan 0 zijn",
        ),
        (
            lambda c: c["terugvordering"].update(bedrag=0),
            "terugvordering.bedrag",
            "moet groter dan 0 zijn",
        ),
        (
            lambda c: c["terugvordering"].update(bedrag=5_000_000),
            "terugvordering.bedrag",
            "mag niet meer dan 1.000.000 zijn",
        ),
        (
            lambda c: c["terugvordering"].update(bedrag=12.345),
            "terugvordering.bedrag",
            "mag niet meer dan 2 cijfers achter de komma hebben",
        ),
        (
            lambda c: c["terugvordering"].update(bedrag="veel"),
            "terugvordering.bedrag",
            "moet een getal zijn",
        ),
        (
            lambda c: c["terugvordering"]["periode"].update(van="2026-02-30"),
            "terugvordering.periode.van",
            "moet een bestaande datum zijn, geschreven als JJJJ-MM-DD",
        ),
        (
            lambda c: c["terugvordering"]["periode"].update(van="30-01-2026"),
            "terugvordering.periode.van",
            "moet een bestaande datum zijn, geschreven als JJJJ-MM-DD",
        ),
        (
            lambda c: c["terugvordering"]["periode"].update(van="0001-01-01"),
            "terugvordering.periode.van",
            "moet een bestaande datum zijn, geschreven als JJJJ-MM-DD",
        ),
        (
            lambda c: c["ontvanger"].pop("achternaam"),
            "ontvanger.achternaam",
            "dit veld ontbreekt",
        ),
        (
            lambda c: c["ontvanger"].update(bsn="123456782"),
            "ontvanger.bsn",
            "dit veld is onbekend",
        ),
        (
            lambda c: c["ontvanger"].update(achternaam="x" * 201),
            "ontvanger.achternaam",
            "moet een tekst van 1 tot 200 tekens op één regel zijn",
        ),
        (
            lambda c: c["ontvanger"].update(achternaam="   "),
            "ontvanger.achternaam",
            "moet een tekst van 1 tot 200 tekens op één regel zijn",
        ),
        (
            lambda c: c["ontvanger"].update(achternaam="de Vries\nLaan 1"),
            "ontvanger.achternaam",
            "moet een tekst van 1 tot 200 tekens op één regel zijn",
        ),
        (
            lambda c: c["ontvanger"]["adres"].update(postcode="12345"),
            "ontvanger.adres.postcode",
            "moet een postcode zijn zoals 1234 AB",
        ),
        (
            lambda c: c["ontvanger"].update(aanhef="meneer"),
            "ontvanger.aanhef",
            "kies uit: mevrouw, de heer, geen",
        ),
        (
            lambda c: c["contactpersoon"].update(email="geen-mail"),
            "contactpersoon.email",
            "moet een geldig e-mailadres zijn",
        ),
        (
            lambda c: c.update(motivering=["bestaat-niet"]),
            "motivering.0",
            "dit motiveringsblok bestaat niet; kies uit: inlichtingenplicht, "
            "later-inkomsten, onderzoek, zienswijze",
        ),
        (
            lambda c: c["terugvordering"].pop("niet_doorgegeven"),
            "terugvordering.niet_doorgegeven",
            "dit veld ontbreekt",
        ),
        (
            lambda c: c["ontvanger"].update(achternaam="Jan\x00sen"),
            "ontvanger.achternaam",
            "bevat een teken dat niet in een brief kan (NUL, U+0000)",
        ),
        (
            lambda c: c["ontvanger"].update(achternaam="Jan\x0csen"),
            "ontvanger.achternaam",
            "bevat een teken dat niet in een brief kan (form feed, U+000C)",
        ),
        (
            lambda c: c["ontvanger"].update(achternaam="Jan\ue000sen"),
            "ontvanger.achternaam",
            "bevat een teken dat niet in een brief kan (gereserveerd teken, U+E000)",
        ),
    ],
)
def test_one_problem_named_by_field(
    library: Library, change: Any, path: str, message: str
) -> None:
    case = sample_case()
    change(case)
    assert problems_for(library, case)[path] == message


def test_all_problems_are_reported_at_once(library: Library) -> None:
    case = sample_case()
    case["terugvordering"]["bedrag"] = -1
    del case["ontvanger"]["adres"]
    case["zaak"]["onbekend"] = "x"
    case["contactpersoon"]["telefoon"] = "bel me"
    assert sorted(problems_for(library, case)) == [
        "contactpersoon.telefoon",
        "ontvanger.adres",
        "terugvordering.bedrag",
        "zaak.onbekend",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Émile 😀",
        "שלום עליכם",
        "O'Brien-Smith & Zn <b>",
        "**Jan** # <w:t>",
        "{{ 7*7 }}",
    ],
)
def test_unusual_but_printable_text_is_accepted(library: Library, text: str) -> None:
    case = sample_case()
    case["ontvanger"]["achternaam"] = text
    validate_case(library.get("terugvordering").schema, case)
