"""Every calculation of the contract that picks a bijstandsnorm takes the same
optional age fields as `bijstandsnorm` (geboortedatum, partner_geboortedatum,
kinderen, ouders_kunnen_niet_bijdragen): a 19-year-old gets the figure of the
jongerennorm. Worked numbers from the norms of 1-7-2026 (domain-law-2026.md §1):
alleenstaande 18-20 € 350,42; 95 % is € 332,90; 4,8 % is € 16,82."""

from __future__ import annotations

from typing import Any

import pytest

from letterforge.compose.calc.contract import CALCULATIONS, calculate
from letterforge.compose.norms import NormTable
from letterforge.errors import CalculationInputError

AGES = ("geboortedatum", "partner_geboortedatum", "kinderen")
HOUSEHOLD = {"leefvorm": "alleenstaande", "aow_leeftijd": False, "medebewoners": 0}
YOUNG = {"geboortedatum": "2007-03-14"}
ADULT = {"geboortedatum": "1990-03-14"}

# (calculation, its own input, output key, for a 19-year-old, for 21 or older)
CASES: list[tuple[str, dict[str, Any], str, str, str]] = [
    ("bijstandsnorm", {"datum": "2026-11-24"}, "bedrag", "350.42", "1419.46"),
    (
        "beslagvrije-voet",
        {"datum": "2026-11-24"},
        "maximale_inhouding",
        "17.52",
        "70.97",
    ),
    (
        "beslagvrije-voet",
        {"datum": "2026-11-24", "inkomen": "400"},
        "beslagvrije_voet",
        "332.90",
        "380.00",
    ),
    (
        "aflosplan",
        {"datum": "2026-11-24", "schuld": "1000"},
        "per_maand",
        "17.52",
        "70.97",
    ),
    (
        "maatregel",
        {"vanaf": "2026-12-01", "percentage": 20, "maanden": 1},
        "verlaging",
        "70.08",
        "283.89",
    ),
    ("voorschot", {"datum": "2026-11-24"}, "minimum", "332.90", "1348.49"),
    (
        "vakantietoeslag",
        {"opbouw_vanaf": "2026-07-01", "einddatum": "2026-10-31"},
        "bedrag",
        "67.28",
        "272.52",
    ),
    # 21 of 30 days of (350,42 - 16,82); 21+: of (1.419,46 - 68,13)
    ("eerste-maand", {"ingangsdatum": "2026-11-10"}, "bedrag", "233.52", "945.93"),
    (
        "te-veel",
        {
            "datum": "2026-11-24",
            "van": "2026-08-01",
            "tot": "2026-08-31",
            "maanden": [{"maand": "2026-08-01", "inkomen": "100"}],
        },
        "totaal",
        "95.20",
        "95.20",
    ),
]


def test_every_calculation_with_a_household_takes_the_ages() -> None:
    for name, calculation in CALCULATIONS.items():
        keys = {f.name for f in calculation.fields}
        if "leefvorm" in keys:
            assert set(AGES) <= keys, name


@pytest.mark.parametrize(
    ("name", "data", "key", "young", "adult"),
    [pytest.param(*c, id=f"{c[0]}-{c[2]}") for c in CASES],
)
def test_a_19_year_old_gets_the_jongerennorm_figure(
    table: NormTable, name: str, data: dict[str, Any], key: str, young: str, adult: str
) -> None:
    assert calculate(table, name, {**HOUSEHOLD, **data, **YOUNG})[key] == young
    assert calculate(table, name, {**HOUSEHOLD, **data, **ADULT})[key] == adult
    # Without a birth date: 21 or older, as before the field existed.
    assert calculate(table, name, {**HOUSEHOLD, **data})[key] == adult


@pytest.mark.parametrize(("name", "data", "key", "young", "adult"), CASES)
def test_kostendelers_with_a_19_year_old_are_refused_naming_the_field(
    table: NormTable, name: str, data: dict[str, Any], key: str, young: str, adult: str
) -> None:
    with pytest.raises(CalculationInputError) as caught:
        calculate(table, name, {**HOUSEHOLD, **data, **YOUNG, "medebewoners": 1})
    assert [p.path for p in caught.value.problems] == ["medebewoners"]
