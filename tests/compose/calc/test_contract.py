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
    # Boetebesluit 2aa: 60 days from the overtreding, before discovery
    (
        "boete",
        {
            "datum": "2026-11-24",
            "overtredingsdatum": "2026-06-30",
            "benadelingsbedrag": "1200",
            "verwijtbaarheid": "verminderd",
            "zelf_gemeld": True,
            "gemeld_op": "2026-08-29",
        },
        {"boete": "0.00", "waarschuwing": True},
    ),
    # Boetebesluit 2aa: 60 days from the overtreding, before discovery
    (
        "boete",
        {
            "datum": "2026-11-24",
            "overtredingsdatum": "2026-06-30",
            "benadelingsbedrag": "1200",
            "verwijtbaarheid": "verminderd",
            "zelf_gemeld": True,
            "gemeld_op": "2026-08-30",
        },
        {"boete": "300.00", "waarschuwing": False},
    ),
    # Boetebesluit 2aa: 60 days from the overtreding, before discovery
    (
        "boete",
        {
            "datum": "2026-11-24",
            "overtredingsdatum": "2026-06-30",
            "benadelingsbedrag": "1200",
            "verwijtbaarheid": "verminderd",
            "zelf_gemeld": True,
            "gemeld_op": "2026-08-01",
            "ontdekt_op": "2026-07-31",
        },
        {"boete": "300.00", "waarschuwing": False},
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
                "extra: dit veld kennen wij niet bij deze berekening. Bekende "
                "velden: datum, overtredingsdatum, benadelingsbedrag, verwijtbaarheid, "
                "eerdere_boete_onherroepelijk, eerdere_waarschuwing_datum, "
                "zelf_gemeld, gemeld_op, ontdekt_op, draagkracht_totaal, draagkracht",
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
        # Boetebesluit 2aa: a bare "zelf gemeld" cannot show the 60 days (review
        # r4 finding 2); the melding lies between the overtreding and the decision.
        (
            "boete",
            {
                "datum": "2026-11-24",
                "overtredingsdatum": "2026-06-30",
                "benadelingsbedrag": "1200",
                "verwijtbaarheid": "verminderd",
                "zelf_gemeld": True,
            },
            [
                "gemeld_op: vul de datum van de melding in als de inwoner het zelf "
                "meldde. Alleen een melding binnen 60 dagen, voordat wij het "
                "ontdekten, geeft een waarschuwing (Boetebesluit artikel 2aa)"
            ],
        ),
        (
            "boete",
            {
                "datum": "2026-11-24",
                "overtredingsdatum": "2026-06-30",
                "benadelingsbedrag": "1200",
                "verwijtbaarheid": "verminderd",
                "gemeld_op": "2026-06-29",
            },
            ["gemeld_op: mag niet voor de overtredingsdatum liggen"],
        ),
        (
            "boete",
            {
                "datum": "2026-11-24",
                "overtredingsdatum": "2026-06-30",
                "benadelingsbedrag": "1200",
                "verwijtbaarheid": "verminderd",
                "gemeld_op": "2026-11-25",
            },
            ["gemeld_op: mag niet na de datum van het besluit liggen"],
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


# Review s4 finding 11: every calculator of compose/calc is in the contract.
# Expected values computed by hand from shared/reference/domain-law-2026.md §1
# (alleenstaande 1-1-2026 € 1.401,50, 1-7-2026 € 1.419,46; gehuwden 1-7-2026
# € 2.027,79), vakantietoeslag 4,8 % (Pw 19 lid 3), voorschot 95 % (Pw 52 lid 1),
# beslagvrije voet 95 % (Rv 475dc), dwangsom 14 × 23 + 14 × 35 + 14 × 45 (Awb
# 4:17). Rounding: half a cent up (money.py).
SINGLE = {"leefvorm": "alleenstaande", "aow_leeftijd": False, "medebewoners": 0}
MORE: list[tuple[str, str, dict[str, Any], dict[str, Any]]] = [
    (
        # Norm May and June 1401.50, July 1419.46; te veel = paid − (norm −
        # income); paid is the norm unless given.
        "te-veel-pw54-3-three-months",
        "te-veel",
        {
            "datum": "2026-11-24",
            **SINGLE,
            "van": "2026-05-01",
            "tot": "2026-07-31",
            "maanden": [
                {"maand": "2026-05-01", "inkomen": "500"},
                {"maand": "2026-06-01", "inkomen": "250.50"},
                # paid 1300.00, right 1419.46 − 300 = 1119.46
                {"maand": "2026-07-01", "inkomen": 300, "betaald": "1300"},
            ],
        },
        # May's vakantietoeslag was paid out in June 2026: 1401.50 − 901.50 =
        # 500.00. June and July are still reserved on 24-11 (paid out June
        # 2027), so both count in cash (Pw 19 lid 3, 45 lid 1), 4.8 % off:
        # June 1334.23 − (1151.00 − 55.25) = 238.48; July 1237.60 − (1119.46 −
        # 53.73) = 171.87. Total 910.35; the reserve is 12.02 + 8.67 lower.
        {"totaal": "910.35", "netto": True, "vakantietoeslag_lager": "20.69"},
    ),
    (
        # gehuwden Dec 2025 (1955.80) paid, income 1000; its reserve is paid
        # out only in June 2026, so in cash: 1955.80 − 93.88 = 1861.92 against
        # 955.80 − 45.88 = 909.92: 952.00 too much, reserve 48.00 lower. Not in
        # the year of the decision, so bruto (Pw 58 lid 5 does not apply).
        "te-veel-pw58-5-other-year",
        "te-veel",
        {
            "datum": "2026-01-10",
            "leefvorm": "gehuwden",
            "aow_leeftijd": False,
            "medebewoners": 0,
            "van": "2025-12-01",
            "tot": "2025-12-31",
            "maanden": [{"maand": "2025-12-01", "inkomen": "1000"}],
        },
        {"totaal": "952.00", "netto": False, "vakantietoeslag_lager": "48.00"},
    ),
    (
        # Dijkstra (review s4 finding 8): 67.27 + 68.13 + 68.13 × 3/31 = 6.59;
        # the right ended 3-8, so the three months of Pw 45 lid 1 ended 3-11,
        # before the letter of 24-11: we pay within two weeks, by 8-12.
        "vakantietoeslag-pw45-dijkstra",
        "vakantietoeslag",
        {
            "opbouw_vanaf": "2026-06-01",
            **SINGLE,
            "einddatum": "2026-08-03",
            "datum": "2026-11-24",
        },
        {
            "bedrag": "141.99",
            "uiterlijk": "2026-12-08",
            "termijn_voorbij": "2026-11-03",
            "maanden": 3,
        },
    ),
    (
        # July with income 419.46: 4.8 % of 1000.00 = 48.00; 67.27 + 48.00 + 68.13
        "vakantietoeslag-pw19-3-with-income",
        "vakantietoeslag",
        {
            "opbouw_vanaf": "2026-06-01",
            **SINGLE,
            "einddatum": "2026-08-31",
            "inkomen": [{"maand": "2026-07-01", "bedrag": "419.46"}],
        },
        {"bedrag": "183.40", "uiterlijk": "2026-11-30"},
    ),
    (
        # 95 % of 1419.46 = 1348.487 → 1348.49; aanvraag 19-10 + 4 weeks = 16-11
        "voorschot-pw52-1-minimum",
        "voorschot",
        {"datum": "2026-11-06", **SINGLE, "aanvraag": "2026-10-19"},
        {"bedrag": "1348.49", "minimum": "1348.49", "uiterlijk": "2026-11-16"},
    ),
    (
        "voorschot-pw52-1-chosen",
        "voorschot",
        {"datum": "2026-11-06", **SINGLE, "bedrag": "1400"},
        {"bedrag": "1400.00", "minimum": "1348.49", "uiterlijk": None},
    ),
    (
        # 20 % of 1401.50 = 280.30; from July 20 % of 1419.46 = 283.892 → 283.89
        "maatregel-pw18-2-over-norm-change",
        "maatregel",
        {"vanaf": "2026-05-01", **SINGLE, "percentage": 20, "maanden": 3},
        {
            "verlaging": "280.30",
            "normwijziging": "2026-07-01",
            "verlaging_na_normwijziging": "283.89",
            "laatste_maand": "2026-07-01",
        },
    ),
    (
        # 12.5 % of 2027.79 = 253.47375 → 253.47; within one half year
        "maatregel-pw18-2-gehuwden",
        "maatregel",
        {
            "vanaf": "2026-07-01",
            "leefvorm": "gehuwden",
            "aow_leeftijd": False,
            "medebewoners": 0,
            "percentage": "12.5",
            "maanden": 2,
        },
        {"verlaging": "253.47", "normwijziging": None},
    ),
    (
        "dwangsom-awb4-17",
        "dwangsom",
        {"datum": "2026-11-24"},
        {"maximum": "1442.00", "dagen": 42},
    ),
    (
        # paid 1419.46 − 4.8 % (68.13) = 1351.33; 13 of 31 days: 566.69; toeslag
        # 68.13 × 13/31 = 28.57
        "eerste-maand-pw44-1",
        "eerste-maand",
        {"ingangsdatum": "2026-10-19", **SINGLE},
        {"dagen": 13, "per_maand": "1351.33", "bedrag": "566.69"},
    ),
    (
        # Kuiper-style: income 1200 < norm, 95 % of income 1140.00 is the voet
        "beslagvrije-voet-rv475dc-1-income-lower",
        "beslagvrije-voet",
        {"datum": "2026-11-24", **SINGLE, "inkomen": "1200"},
        {"beslagvrije_voet": "1140.00", "maximale_inhouding": "60.00"},
    ),
    (
        # income 1500: 95 % of the norm (1348.49) is lower, room 151.51
        "beslagvrije-voet-rv475dc-2-norm-lower",
        "beslagvrije-voet",
        {"datum": "2026-11-24", **SINGLE, "inkomen": 1500},
        {"beslagvrije_voet": "1348.49", "maximale_inhouding": "151.51"},
    ),
    (
        # Review r4 finding 4: single, wages 500 next to bijstand (Rv 475dc lid 2,
        # Pw 32): 95 % × 1419.46 = 1348.49 − 500 = 848.49 protected of 919.46
        # bijstand, so 70.97 may be withheld
        "beslagvrije-voet-rv475dc-2-wages-next-to-bijstand",
        "beslagvrije-voet",
        {"datum": "2026-11-24", **SINGLE, "inkomen_naast_bijstand": "500"},
        {
            "beslagvrije_voet": "848.49",
            "maximale_inhouding": "70.97",
            "inkomen_naast_bijstand": "500.00",
        },
    ),
    (
        # income above 95 % of the norm: no voet left, the whole rest of the
        # bijstand (1419.46 − 1400 = 19.46) is the limit
        "beslagvrije-voet-rv475dc-2-income-above-95-percent",
        "beslagvrije-voet",
        {"datum": "2026-11-24", **SINGLE, "inkomen_naast_bijstand": 1400},
        {"beslagvrije_voet": "0.00", "maximale_inhouding": "19.46"},
    ),
    (
        # zero next to bijstand is the plain case: 1348.49 / 70.97
        "beslagvrije-voet-rv475dc-2-zero-income",
        "beslagvrije-voet",
        {"datum": "2026-11-24", **SINGLE, "inkomen_naast_bijstand": "0"},
        {"beslagvrije_voet": "1348.49", "maximale_inhouding": "70.97"},
    ),
    (
        # Peters: 20-11 + 8 weeks = 15-1-2027; 52 days left on 24-11, the term
        # stands still until 8-12: 8-12 + 52 days = 29-1-2027 (Awb 4:15)
        "beslistermijn-awb4-15-peters",
        "beslistermijn",
        {
            "ontvangen": "2026-11-20",
            "opgeschort_van": "2026-11-24",
            "opgeschort_tot": "2026-12-08",
        },
        {"uiterlijk": "2027-01-29"},
    ),
    (
        # 26-10 + 8 weeks = 21-12; + 3 weeks (Awb 4:14) = 11-1-2027
        "beslistermijn-awb4-14-extension",
        "beslistermijn",
        {"ontvangen": "2026-10-26", "verlenging_weken": 3},
        {"uiterlijk": "2027-01-11"},
    ),
    (
        # review s4 finding 11: a total cap, labelled as a total
        "boete-draagkracht-totaal",
        "boete",
        {
            "datum": "2026-11-24",
            "overtredingsdatum": "2026-03-01",
            "benadelingsbedrag": "1850",
            "verwijtbaarheid": "normaal",
            "draagkracht_totaal": "70.97",
        },
        {"boete": "70.97"},
    ),
    (
        "boete-draagkracht-old-name",
        "boete",
        {
            "datum": "2026-11-24",
            "overtredingsdatum": "2026-03-01",
            "benadelingsbedrag": "1850",
            "verwijtbaarheid": "normaal",
            "draagkracht": "70.97",
        },
        {"boete": "70.97"},
    ),
]


@pytest.mark.parametrize(
    ("name", "data", "expected"), [c[1:] for c in MORE], ids=[c[0] for c in MORE]
)
def test_more_calculations(
    table: NormTable, name: str, data: dict[str, Any], expected: dict[str, Any]
) -> None:
    result = calculate(table, name, data)
    assert {k: result[k] for k in expected} == expected
    assert result["stappen"] and isinstance(result["waarschuwingen"], list)
    for step in result["stappen"]:
        assert step["omschrijving"]
        if "bedrag" in step:
            assert AMOUNT.match(step["bedrag"]), step


def test_te_veel_shows_every_month(table: NormTable) -> None:
    result = calculate(table, "te-veel", MORE[0][2])
    assert result["maanden"][2] == {
        "maand": "2026-07-01",
        "norm": "1419.46",
        "inkomen": "300.00",
        "recht": "1119.46",
        "betaald": "1300.00",
        "uitbetaald": "1237.60",
        "recht_uitbetaald": "1065.73",
        "vakantietoeslag_gereserveerd": True,
        "vakantietoeslag_lager": "8.67",
        "te_veel": "171.87",
    }


def test_draagkracht_is_labelled_as_a_total(table: NormTable) -> None:
    result = calculate(table, "boete", MORE[-2][2])
    assert {
        "omschrijving": "Verlaagd naar wat u in totaal kunt betalen (draagkracht)",
        "bedrag": "70.97",
        "bron": "Algemene wet bestuursrecht art. 5:46",
    } in result["stappen"]


def test_maatregel_follows_every_norm_change(table: NormTable) -> None:
    # 20 % of 1369.06 (1-7-2025) = 273.81; of 1401.50 = 280.30; of 1419.46 = 283.89
    body = {"vanaf": "2025-11-01", **SINGLE, "percentage": 20, "maanden": 9}
    result = calculate(table, "maatregel", body)
    assert result["verlaging"] == "273.81"
    assert result["laatste_maand"] == "2026-07-01"
    assert result["normwijzigingen"] == [
        {"vanaf": "2026-01-01", "verlaging": "280.30"},
        {"vanaf": "2026-07-01", "verlaging": "283.89"},
    ]
    assert (result["normwijziging"], result["verlaging_na_normwijziging"]) == (
        "2026-01-01",
        "280.30",
    )


def test_maatregel_says_loudly_when_the_next_norm_is_unknown(
    table: NormTable,
) -> None:
    body = {"vanaf": "2026-12-01", **SINGLE, "percentage": 20, "maanden": 2}
    result = calculate(table, "maatregel", body)
    assert result["verlaging"] == "283.89"  # 20 % of 1419.46
    assert result["verlaging_na_normwijziging"] is None
    assert result["normwijzigingen"] == [{"vanaf": "2027-01-01", "verlaging": None}]
    assert (
        "De norm vanaf 1 januari 2027 is nog niet bekend"
        in (result["waarschuwingen"][0])
    )


MORE_ERRORS: list[tuple[str, str, dict[str, Any], list[str]]] = [
    (
        "te-veel-missing-month",
        "te-veel",
        {
            "datum": "2026-11-24",
            **SINGLE,
            "van": "2026-05-01",
            "tot": "2026-06-30",
            "maanden": [{"maand": "2026-05-01", "inkomen": "500"}],
        },
        ["maanden: vul elke maand van de periode in; er ontbreekt 2026-06"],
    ),
    (
        "te-veel-bad-row",
        "te-veel",
        {
            "datum": "2026-11-24",
            **SINGLE,
            "van": "2026-05-01",
            "tot": "2026-05-31",
            "maanden": [{"maand": "mei", "inkomen": "5,00", "uren": 3}],
        },
        [
            "maanden[0].uren: dit veld kennen wij niet. Bekende velden: maand, "
            "inkomen, betaald",
            "maanden[0].maand: moet een datum zijn als 2026-11-24",
            'maanden[0].inkomen: moet een bedrag zijn, bijvoorbeeld "867.59"',
        ],
    ),
    (
        "te-veel-too-many-rows",
        "te-veel",
        {
            "datum": "2026-11-24",
            **SINGLE,
            "van": "2026-05-01",
            "tot": "2026-05-31",
            "maanden": [{}] * 121,
        },
        ["maanden: moet een lijst van 1 tot en met 120 regels zijn"],
    ),
    (
        "voorschot-below-95",
        "voorschot",
        {"datum": "2026-11-06", **SINGLE, "bedrag": "1300"},
        [
            "bedrag: het voorschot van €\xa01.300,00 is te laag. Op "
            "6\xa0november\xa02026 is het ten minste €\xa01.348,49: 95\xa0% van de "
            "norm van €\xa01.419,46 (Participatiewet artikel 52 lid 1). Laat het "
            "bedrag leeg, dan rekenen wij het uit"
        ],
    ),
    (
        "maatregel-percentage",
        "maatregel",
        {"vanaf": "2026-05-02", **SINGLE, "percentage": "200", "maanden": 0},
        [
            "percentage: moet een percentage van 5 tot en met 100 zijn",
            "maanden: moet een heel getal van 1 tot en met 36 zijn",
        ],
    ),
    (
        "maatregel-not-first-day",
        "maatregel",
        {"vanaf": "2026-05-02", **SINGLE, "percentage": 20, "maanden": 1},
        ["vanaf: moet de eerste dag van een maand zijn"],
    ),
    (
        "eerste-maand-on-the-first",
        "eerste-maand",
        {"ingangsdatum": "2026-10-01", **SINGLE},
        ["ingangsdatum: de bijstand begint op de 1e: de eerste maand is heel"],
    ),
    (
        "beslistermijn-half-suspension",
        "beslistermijn",
        {"ontvangen": "2026-11-20", "opgeschort_van": "2026-11-24"},
        ["opgeschort_tot: vul beide datums van de opschorting in"],
    ),
    (
        "beslistermijn-bad-suspension-date",
        "beslistermijn",
        {
            "ontvangen": "2026-11-20",
            "opgeschort_van": "24-11-2026",
            "opgeschort_tot": "2026-12-08",
        },
        ["opgeschort_van: moet een datum zijn als 2026-11-24"],
    ),
    (
        "beslistermijn-suspension-before-aanvraag",
        "beslistermijn",
        {
            "ontvangen": "2026-11-20",
            "opgeschort_van": "2026-11-10",
            "opgeschort_tot": "2026-11-01",
        },
        [
            "opgeschort_tot: mag niet voor opgeschort_van liggen",
            "opgeschort_van: mag niet voor de datum van ontvangst liggen",
        ],
    ),
    (
        "boete-two-draagkracht",
        "boete",
        {
            "datum": "2026-11-24",
            "overtredingsdatum": "2026-03-01",
            "benadelingsbedrag": "1850",
            "verwijtbaarheid": "normaal",
            "draagkracht": "70",
            "draagkracht_totaal": "80",
        },
        ["draagkracht: vul alleen draagkracht_totaal in; draagkracht is de oude naam"],
    ),
    (
        "beslagvrije-voet-unknown-field-names-the-known",
        "beslagvrije-voet",
        {"datum": "2026-11-24", **SINGLE, "netto": "1200"},
        [
            "netto: dit veld kennen wij niet bij deze berekening. Bekende velden: "
            "datum, leefvorm, aow_leeftijd, medebewoners, geboortedatum, "
            "partner_geboortedatum, kinderen, ouders_kunnen_niet_bijdragen, inkomen, "
            "inkomen_naast_bijstand"
        ],
    ),
    (
        "beslagvrije-voet-both-incomes",
        "beslagvrije-voet",
        {
            "datum": "2026-11-24",
            **SINGLE,
            "inkomen": "5",
            "inkomen_naast_bijstand": "5",
        },
        [
            "inkomen_naast_bijstand: vul 'inkomen' (geen bijstand) óf "
            "'inkomen_naast_bijstand' in, niet allebei"
        ],
    ),
    (
        "beslagvrije-voet-income-next-to-bijstand-covers-the-norm",
        "beslagvrije-voet",
        {"datum": "2026-11-24", **SINGLE, "inkomen_naast_bijstand": "1419.46"},
        [
            "inkomen_naast_bijstand: bij dit inkomen is er geen bijstand: het is "
            "minstens de bijstandsnorm. Gebruik dan het veld 'inkomen'"
        ],
    ),
]


@pytest.mark.parametrize(
    ("name", "data", "lines"),
    [c[1:] for c in MORE_ERRORS],
    ids=[c[0] for c in MORE_ERRORS],
)
def test_more_dutch_errors(
    table: NormTable, name: str, data: dict[str, Any], lines: list[str]
) -> None:
    with pytest.raises(CalculationInputError) as raised:
        calculate(table, name, data)
    assert raised.value.lines() == lines


def test_every_field_is_described() -> None:
    for calculation in CALCULATIONS.values():
        assert calculation.summary and calculation.bron
        schema = calculation.input_schema
        assert set(schema["properties"]) == {f.name for f in calculation.fields}
        for field in calculation.fields:
            assert field.description and field.unit
            assert field.name in field.help_line()


# Review r3 (amounts) finding 5: a te-veel in a later calendar year is gross
# (Pw 58 lid 5); the net total comes with a warning, the same-year one without.
@pytest.mark.parametrize(
    ("datum", "netto"),
    [("2026-11-24", True), ("2027-01-10", False), ("2026-12-31", True)],
    ids=["same-year", "next-year-pw58-5", "last-day-same-year"],
)
def test_te_veel_in_a_later_year_warns_that_it_is_gross(
    table: NormTable, datum: str, netto: bool
) -> None:
    data = {
        "datum": datum,
        **SINGLE,
        "van": "2026-04-01",
        "tot": "2026-05-31",
        "maanden": [
            {"maand": "2026-04-01", "inkomen": "600"},
            {"maand": "2026-05-01", "inkomen": "610.50"},
        ],
    }
    result = calculate(table, "te-veel", data)
    assert result["netto"] is netto
    gross = [w for w in result["waarschuwingen"] if "58 lid 5" in w]
    assert bool(gross) is not netto
