"""Vermogen = bezittingen minus schulden against the grens of the leefvorm (Pw 34),
and the small decision points of review finding 16 in the letters that show it."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from letterforge.compose.environment import CaseCheckError
from letterforge.compose.vermogen import vermogen
from letterforge.errors import CaseDataError
from letterforge.pipeline import LetterRequest, build_letter
from letterforge.render import render_text
from letterforge.settings import Settings
from tests.conftest import TODAY, load_sample


def _post(amount: str) -> dict[str, Any]:
    return {"omschrijving": "post", "bedrag": amount}


@pytest.mark.parametrize(
    ("household", "possessions", "debts", "day", "expected", "limit", "above"),
    [
        (
            "alleenstaande",
            ["9100", "5150"],
            ["1200"],
            "2026-10-06",
            "13050.00",
            "8000",
            "5050.00",
        ),
        (
            "alleenstaande-ouder",
            ["9100", "5150"],
            [],
            "2026-10-06",
            "14250.00",
            "16000",
            "0",
        ),
        (
            "gehuwden",
            ["20000.10"],
            ["3000.05"],
            "2026-10-06",
            "17000.05",
            "16000",
            "1000.05",
        ),
        # The grens of the peildatum, not of the letter: 2025 had € 7.770.
        ("alleenstaande", ["8000"], [], "2025-10-01", "8000.00", "7770", "230.00"),
        # Debts larger than possessions: negative vermogen, nothing above.
        ("alleenstaande", ["100"], ["600"], "2026-10-06", "-500.00", "8000", "0"),
    ],
)
def test_vermogen_is_possessions_minus_debts_against_the_limit(
    settings: Settings,
    household: str,
    possessions: list[str],
    debts: list[str],
    day: str,
    expected: str,
    limit: str,
    above: str,
) -> None:
    result = vermogen(
        settings.template_dir,
        [],
        household,
        [_post(a) for a in possessions],
        [_post(a) for a in debts],
        day,
    )
    assert result.vermogen == Decimal(expected)
    assert result.limit == Decimal(limit)
    assert result.above == Decimal(above)


@pytest.mark.parametrize(
    ("household", "day", "field"),
    [
        ("student", "2026-10-06", "afwijzing.leefvorm"),
        ("alleenstaande", "2020-01-01", "aanvraag.datum"),
    ],
)
def test_unknown_household_or_date_is_refused_naming_the_field(
    settings: Settings, household: str, day: str, field: str
) -> None:
    with pytest.raises(CaseCheckError) as caught:
        vermogen(settings.template_dir, [], household, [_post("1")], [], day)
    assert caught.value.path == field


def _text(settings: Settings, name: str, change: Any = None) -> str:
    data = load_sample(name)
    if change:
        change(data["case"])
    request = LetterRequest(data["template"], data["case"], "text")
    return " ".join(render_text(build_letter(request, settings, today=TODAY)).split())


def test_the_vermogen_letter_shows_leefvorm_debts_and_the_table(
    settings: Settings,
) -> None:
    text = _text(settings, "afwijzing-bijstand-vermogen")
    assert "U vroeg bijstand aan als alleenstaande. Dan is de grens € 8.000,00." in text
    assert "Uw vermogen is wat u bezit, min uw schulden." in text
    assert "Min: Lening bij de bank | € 1.200,00" in text
    assert "Uw vermogen | € 13.050,00" in text
    assert "Boven de grens | € 5.050,00" in text


def test_a_vermogen_below_the_limit_is_refused(settings: Settings) -> None:
    def small(case: dict[str, Any]) -> None:
        case["afwijzing"]["schulden"] = [{"omschrijving": "lening", "bedrag": 7000.0}]

    with pytest.raises(CaseDataError) as caught:
        _text(settings, "afwijzing-bijstand-vermogen", small)
    assert caught.value.problems[0].path == "afwijzing.bezittingen"


@pytest.mark.parametrize(
    ("vanaf", "due"),
    [
        # Letter 24-11-2026: 30 days -> 24-12-2026, also for a debtor abroad.
        (
            "2026-12-01",
            "Betaal € 210,00 over december 2026 uiterlijk op 24 december 2026.",
        ),
        # A start after that term: due on its own first day.
        (
            "2027-02-01",
            "Betaal € 210,00 over februari 2027 uiterlijk op 1 februari 2027.",
        ),
    ],
)
def test_verhaal_without_order_gives_at_least_30_days_for_the_first_payment(
    settings: Settings, vanaf: str, due: str
) -> None:
    def start(case: dict[str, Any]) -> None:
        case["verhaal"]["vanaf"] = vanaf

    text = _text(settings, "verhaal-verzoek-rechtbank", start)
    assert due.replace(" ", " ") in text.replace("\xa0", " ")
    assert text.count("Er is geen uitspraak") == 1
    assert "vragen wij de rechtbank Noord-Nederland om te beslissen" in text


def test_a_partial_grant_has_a_bezwaar_line_and_says_where_the_amount_comes_from(
    settings: Settings,
) -> None:
    text = _text(settings, "bijzondere-bijstand-toekenning-deels").replace("\xa0", " ")
    assert "U vroeg € 650,00. Bent u het niet eens? Maak dan uiterlijk op" in text
    assert "Dat bedrag komt uit de prijslijst van Witgoed Voorbeeld" in text

    def no_source(case: dict[str, Any]) -> None:
        del case["kosten"]["bron_bedrag"]

    with pytest.raises(CaseDataError) as caught:
        _text(settings, "bijzondere-bijstand-toekenning-deels", no_source)
    assert caught.value.problems[0].path == "kosten.bron_bedrag"
    full = _text(settings, "bijzondere-bijstand-toekenning-bril")
    assert "Bent u het niet eens? Maak dan" not in full.split("Wat hebben we")[0]
