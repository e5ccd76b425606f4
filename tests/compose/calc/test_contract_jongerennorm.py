"""The `bijstandsnorm` calculation with its optional age fields (Pw art. 20).

Expected amounts: shared/reference/domain-law-2026.md §1, rows named in the ids.
Existing requests without the age fields give the same answer as before.
"""

from __future__ import annotations

from typing import Any

import pytest

from letterforge.compose.calc.contract import CALCULATIONS, calculate
from letterforge.compose.norms import NormTable
from letterforge.errors import CalculationInputError, NormUnavailable

BASE = {"datum": "2026-11-24", "aow_leeftijd": False, "medebewoners": 0}

CASES: list[tuple[str, dict[str, Any], str, str | None]] = [
    ("21a-no-age", {"leefvorm": "alleenstaande"}, "1419.46", None),
    (
        "21a-age-25",
        {"leefvorm": "alleenstaande", "geboortedatum": "2001-05-01"},
        "1419.46",
        None,
    ),
    (
        "20.1a",
        {"leefvorm": "alleenstaande", "geboortedatum": "2007-03-14"},
        "350.42",
        "artikel 20 lid 1 onder a",
    ),
    (
        "20.2a",
        {"leefvorm": "alleenstaande-ouder", "geboortedatum": "2007-03-14"},
        "350.42",
        "artikel 20 lid 2 onder a",
    ),
    (
        "20.3",
        {
            "leefvorm": "alleenstaande",
            "geboortedatum": "2007-03-14",
            "ouders_kunnen_niet_bijdragen": True,
        },
        "762.24",
        "artikel 20 lid 3",
    ),
    (
        "20.1b",
        {
            "leefvorm": "gehuwden",
            "geboortedatum": "2007-03-14",
            "partner_geboortedatum": "2006-01-01",
            "kinderen": False,
        },
        "700.84",
        "artikel 20 lid 1 onder b",
    ),
    (
        "20.2b",
        {
            "leefvorm": "gehuwden",
            "geboortedatum": "2007-03-14",
            "partner_geboortedatum": "2006-01-01",
            "kinderen": True,
        },
        "1106.40",
        "artikel 20 lid 2 onder b",
    ),
    (
        "20.1c",
        {
            "leefvorm": "gehuwden",
            "geboortedatum": "2001-03-14",
            "partner_geboortedatum": "2006-01-01",
            "kinderen": False,
        },
        "1364.32",
        "artikel 20 lid 1 onder c",
    ),
    (
        "20.2c",
        {
            "leefvorm": "gehuwden",
            "geboortedatum": "2007-03-14",
            "partner_geboortedatum": "1990-01-01",
            "kinderen": True,
        },
        "1769.88",
        "artikel 20 lid 2 onder c",
    ),
    (
        "21b-partner-age-unknown",
        {"leefvorm": "gehuwden", "geboortedatum": "1990-01-01"},
        "2027.79",
        None,
    ),
]


@pytest.mark.parametrize(
    ("extra", "amount", "article"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_the_age_fields_choose_the_norm(
    table: NormTable, extra: dict[str, Any], amount: str, article: str | None
) -> None:
    result = calculate(table, "bijstandsnorm", {**BASE, **extra})
    assert result["bedrag"] == amount
    assert result["jongerennorm"] == article


REFUSED = [
    (
        "couple-without-kinderen",
        {
            "leefvorm": "gehuwden",
            "geboortedatum": "2007-03-14",
            "partner_geboortedatum": "2001-01-01",
        },
        "kinderen",
    ),
    (
        "couple-without-partner",
        {"leefvorm": "gehuwden", "geboortedatum": "2007-03-14", "kinderen": False},
        "partner_geboortedatum",
    ),
    (
        "youth-and-kostendelers",
        {"leefvorm": "alleenstaande", "geboortedatum": "2007-03-14", "medebewoners": 1},
        "medebewoners",
    ),
    (
        "lid3-over-21",
        {
            "leefvorm": "alleenstaande",
            "geboortedatum": "2001-03-14",
            "ouders_kunnen_niet_bijdragen": True,
        },
        "ouders_kunnen_niet_bijdragen",
    ),
    (
        "bad-date",
        {"leefvorm": "alleenstaande", "geboortedatum": "14-03-2007"},
        "geboortedatum",
    ),
    ("kinderen-not-bool", {"leefvorm": "gehuwden", "kinderen": "ja"}, "kinderen"),
]


@pytest.mark.parametrize(
    ("extra", "field"), [c[1:] for c in REFUSED], ids=[c[0] for c in REFUSED]
)
def test_bad_age_input_names_the_field(
    table: NormTable, extra: dict[str, Any], field: str
) -> None:
    with pytest.raises(CalculationInputError) as caught:
        calculate(table, "bijstandsnorm", {**BASE, **extra})
    assert field in [p.path for p in caught.value.problems]


def test_a_date_without_the_youth_norm_is_said_loudly(table: NormTable) -> None:
    with pytest.raises(NormUnavailable):
        calculate(
            table,
            "bijstandsnorm",
            {
                **BASE,
                "datum": "2025-03-01",
                "leefvorm": "alleenstaande",
                "geboortedatum": "2006-01-01",
            },
        )


def test_the_age_fields_are_optional_in_the_published_schema() -> None:
    schema = CALCULATIONS["bijstandsnorm"].input_schema
    for name in (
        "geboortedatum",
        "partner_geboortedatum",
        "kinderen",
        "ouders_kunnen_niet_bijdragen",
    ):
        assert name in schema["properties"]
        assert name not in schema.get("required", [])
