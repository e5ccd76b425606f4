"""The calculation contract: keys, amounts as "867.59", dates ISO, Dutch errors."""

from __future__ import annotations

import re
from typing import Any

import pytest

from letterforge.compose.calc.contract import CALCULATIONS, calculate
from letterforge.compose.norms import NormTable
from letterforge.errors import (
    CalculationInputError,
    NormUnavailable,
    UnknownCalculation,
)

AMOUNT = re.compile(r"^-?[0-9]+\.[0-9]{2}$")
HOUSEHOLD = {"leefvorm": "alleenstaande", "aow_leeftijd": False, "medebewoners": 2}

CASES: list[tuple[str, dict[str, Any], dict[str, Any]]] = [
    (
        "bijstandsnorm",
        {"datum": "2026-01-15", **HOUSEHOLD},
        {"bedrag": "867.59", "geldig_vanaf": "2026-01-01"},
    ),
    (
        "beslagvrije-voet",
        {"datum": "2026-01-15", **HOUSEHOLD, "medebewoners": 0},
        {"beslagvrije_voet": "1331.43", "maximale_inhouding": "70.07"},
    ),
    (
        "boete",
        {
            "datum": "2026-11-24",
            "overtredingsdatum": "2026-03-01",
            "benadelingsbedrag": "1000",
            "verwijtbaarheid": "verminderd",
            "eerdere_boete_onherroepelijk": None,
        },
        {
            "boete": "250.00",
            "maximum": "1000.00",
            "waarschuwing": False,
            "rapport_vereist": True,
        },
    ),
    (
        "boete",
        {
            "datum": "2026-11-24",
            "overtredingsdatum": "2026-04-01",
            "benadelingsbedrag": 301.25,
            "verwijtbaarheid": "normaal",
        },
        {"boete": "150.63", "rapport_vereist": False},
    ),
    ("bezwaartermijn", {"datum": "2026-04-02"}, {"uiterlijk": "2026-05-18"}),
    (
        "beslistermijn",
        {"ontvangen": "2026-05-01", "wmo": True},
        {"uiterlijk": "2026-05-18"},
    ),
    (
        "hersteltermijn",
        {"datum": "2026-11-24", "weken": 2},
        {"uiterlijk": "2026-12-08"},
    ),
    (
        "aanmaning",
        {"datum": "2026-11-24", "vordering": "454"},
        {"aanmaningsvergoeding": "20.00"},
    ),
    (
        "afzien-terugvordering",
        {
            "datum": "2026-11-24",
            "grond": "eenmalige-betaling",
            "restschuld": "4200",
            "betaald": "2100",
        },
        {"mogelijk": True, "kwijtgescholden": "2100.00", "nog_te_betalen": "0.00"},
    ),
    (
        "aflosplan",
        {"datum": "2026-01-15", **HOUSEHOLD, "medebewoners": 0, "schuld": "1000"},
        {"per_maand": "70.07", "maanden": 15, "laatste_bedrag": "19.02"},
    ),
]


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    CASES,
    ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)],
)
def test_calculation(
    table: NormTable, name: str, data: dict[str, Any], expected: dict[str, Any]
) -> None:
    result = calculate(table, name, data)
    assert {k: result[k] for k in expected} == expected
    assert isinstance(result["stappen"], list) and result["stappen"]
    assert isinstance(result["waarschuwingen"], list)
    for step in result["stappen"]:
        assert step["omschrijving"]
        if "bedrag" in step:
            assert AMOUNT.match(step["bedrag"]), step


def test_every_calculation_is_listed_with_a_schema() -> None:
    assert {"bijstandsnorm", "beslagvrije-voet", "boete", "bezwaartermijn"} <= set(
        CALCULATIONS
    )
    for calculation in CALCULATIONS.values():
        assert calculation.input_schema["type"] == "object"


@pytest.mark.parametrize(
    ("name", "data", "lines"),
    [
        (
            "boete",
            {
                "datum": "24-11-2026",
                "benadelingsbedrag": "1,5",
                "verwijtbaarheid": "boos",
                "extra": 1,
            },
            [
                "extra: dit veld kennen wij niet bij deze berekening",
                "datum: moet een datum zijn als 2026-11-24",
                "overtredingsdatum: vul dit veld in",
                'benadelingsbedrag: moet een bedrag zijn, bijvoorbeeld "867.59"',
                "verwijtbaarheid: moet een van deze zijn: opzet, grove-schuld, "
                "normaal, verminderd",
            ],
        ),
        (
            "bijstandsnorm",
            {
                "datum": "2026-01-15",
                "leefvorm": "alleenstaande",
                "aow_leeftijd": "nee",
                "medebewoners": 1.5,
            },
            [
                "aow_leeftijd: moet true of false zijn",
                "medebewoners: moet een heel getal van 0 tot en met 20 zijn",
            ],
        ),
        (
            "boete",
            {
                "datum": "2026-11-24",
                "overtredingsdatum": "2026-03-01",
                "benadelingsbedrag": "10.001",
                "verwijtbaarheid": "normaal",
            },
            ["benadelingsbedrag: mag niet meer dan twee cijfers achter de punt hebben"],
        ),
        # Review finding 6: without the offence date the windows of Pw 18a lid 5
        # would silently count back from the decision date.
        (
            "boete",
            {
                "datum": "2026-11-24",
                "benadelingsbedrag": "2400",
                "verwijtbaarheid": "normaal",
                "eerdere_boete_onherroepelijk": "2021-12-01",
            },
            ["overtredingsdatum: vul dit veld in"],
        ),
        (
            "boete",
            {
                "datum": "2026-11-24",
                "benadelingsbedrag": "100",
                "verwijtbaarheid": "normaal",
                "eerdere_waarschuwing_datum": "2025-01-01",
            },
            ["overtredingsdatum: vul dit veld in"],
        ),
        (
            "boete",
            {
                "datum": "2026-11-24",
                "benadelingsbedrag": "NaN",
                "verwijtbaarheid": "normaal",
                "overtredingsdatum": "2026-12-01",
            },
            [
                'benadelingsbedrag: moet een bedrag zijn, bijvoorbeeld "867.59"',
                "overtredingsdatum: mag niet na de datum van het besluit liggen",
            ],
        ),
        ("bezwaartermijn", [], ["de invoer moet een JSON-object zijn"]),
    ],
)
def test_dutch_errors_per_field(
    table: NormTable, name: str, data: Any, lines: list[str]
) -> None:
    with pytest.raises(CalculationInputError) as raised:
        calculate(table, name, data)
    assert raised.value.lines() == lines
    assert raised.value.exit_code == 2 and raised.value.http_status == 422


def test_unknown_calculation(table: NormTable) -> None:
    with pytest.raises(UnknownCalculation, match="bestaat niet"):
        calculate(table, "rente", {})


def test_a_date_without_norms(table: NormTable) -> None:
    with pytest.raises(NormUnavailable):
        calculate(table, "bijstandsnorm", {"datum": "2027-02-01", **HOUSEHOLD})


@pytest.mark.parametrize(
    "value", [1.7976931348623157e308, -1e300, "1e3", " 12", "12.", "20261124"]
)
def test_odd_amounts_are_refused_not_crashed(table: NormTable, value: Any) -> None:
    body = {"datum": "2026-11-24", "vordering": value}
    with pytest.raises(CalculationInputError):
        calculate(table, "aanmaning", body)


@pytest.mark.parametrize("value", ["20261124", "2026-W48-2", "2026-11-24T00:00"])
def test_only_iso_dates(table: NormTable, value: str) -> None:
    with pytest.raises(CalculationInputError) as raised:
        calculate(table, "bezwaartermijn", {"datum": value})
    assert raised.value.lines() == ["datum: moet een datum zijn als 2026-11-24"]


@pytest.mark.parametrize(
    ("name", "body"),
    [
        ("bezwaartermijn", {"datum": "9999-12-30"}),
        ("beslistermijn", {"ontvangen": "9999-12-30"}),
        (
            "boete",
            {
                "datum": "2026-11-24",
                "overtredingsdatum": "2026-03-01",
                "benadelingsbedrag": "100",
                "verwijtbaarheid": "normaal",
                "eerdere_boete_onherroepelijk": "9999-12-30",
            },
        ),
        (
            "aflosplan",
            {
                "datum": "2026-01-15",
                **HOUSEHOLD,
                "schuld": "10000000",
                "per_maand": "0.01",
                "grond_boven_maximum": None,
            },
        ),
    ],
)
def test_extreme_dates_and_amounts_get_a_dutch_answer(
    table: NormTable, name: str, body: dict[str, Any]
) -> None:
    # A crash (OverflowError, InvalidOperation) would fail here; a Dutch answer
    # or a result is fine.
    try:
        result = calculate(table, name, body)
    except (CalculationInputError, NormUnavailable) as e:
        assert e.lines()
    else:
        assert result["stappen"]


# Review s4 finding 17: aflosplan takes what is already withheld for another debt
# (Rv 475dc: one limit for all withholdings; single 2026-07: 70,97 − 37 = 33,97).
# (id, per_maand, al_ingehouden, maximale_inhouding or None when refused)
ALREADY_WITHHELD = [
    ("devries-33-fits", "33", "37", "33.97"),
    ("devries-40-refused", "40", "37", None),
    ("nothing-withheld", "70.97", None, "70.97"),
    ("all-used", None, "70.97", "0.00"),
]


@pytest.mark.parametrize(
    ("per_month", "other", "maximum"),
    [c[1:] for c in ALREADY_WITHHELD],
    ids=[c[0] for c in ALREADY_WITHHELD],
)
def test_aflosplan_counts_what_is_already_withheld(
    table: NormTable, per_month: str | None, other: str | None, maximum: str | None
) -> None:
    data: dict[str, Any] = {
        "datum": "2026-11-24",
        "leefvorm": "alleenstaande",
        "aow_leeftijd": False,
        "medebewoners": 0,
        "schuld": "925",
    }
    if per_month is not None:
        data["per_maand"] = per_month
    if other is not None:
        data["al_ingehouden_per_maand"] = other
    if maximum is None:
        with pytest.raises(CalculationInputError) as raised:
            calculate(table, "aflosplan", data)
        assert raised.value.lines()[0].startswith("per_maand:")
        return
    if maximum == "0.00":
        with pytest.raises(CalculationInputError):
            calculate(table, "aflosplan", data)
        return
    assert calculate(table, "aflosplan", data)["maximale_inhouding"] == maximum
