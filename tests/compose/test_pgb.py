"""The pgb for the granted period, from the yearly budget."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from letterforge.compose.pgb import (
    Tariff,
    budget_by_year,
    budget_for_period,
    budget_from_rate,
)
from letterforge.errors import CaseDataError
from letterforge.pipeline import LetterRequest, build_letter
from letterforge.render import render_text
from letterforge.settings import Settings
from tests.conftest import TODAY, load_sample


@pytest.mark.parametrize(
    ("per_year", "start", "end", "expected"),
    [
        ("9360.00", "2026-12-01", "2027-05-31", "4680.00"),
        ("9360.00", "2026-01-01", "2026-12-31", "9360.00"),
        ("1000.00", "2026-02-01", "2026-02-28", "83.33"),
        ("1000.06", "2026-01-01", "2026-06-30", "500.03"),
        ("100.01", "2026-01-01", "2026-06-30", "50.01"),  # 50.005 rounds half up
    ],
)
def test_budget_for_whole_months(
    per_year: str, start: str, end: str, expected: str
) -> None:
    assert budget_for_period(per_year, start, end) == Decimal(expected)


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("2026-12-02", "2027-05-31"),
        ("2026-12-01", "2027-05-30"),
        ("2027-01-01", "2026-12-31"),
    ],
)
def test_a_period_of_part_months_is_refused(start: str, end: str) -> None:
    with pytest.raises(ValueError, match="hele maanden"):
        budget_for_period("9360.00", start, end)


@pytest.mark.parametrize(
    ("rate", "hours", "start", "end", "months", "per_month", "total"),
    [
        # The pgb sample: six months, not a year (review finding).
        ("45.00", "4", "2026-12-01", "2027-05-31", 6, "780.00", "4680.00"),
        ("45.00", "4", "2026-01-01", "2026-12-31", 12, "780.00", "9360.00"),
        ("30.10", "2.5", "2026-03-01", "2026-03-31", 1, "326.08", "326.08"),
        # 326.0833… per month rounds once; the period is months × that amount.
        ("30.10", "2.5", "2026-01-01", "2026-03-31", 3, "326.08", "978.24"),
        ("27.05", "3", "2026-01-01", "2026-06-30", 6, "351.65", "2109.90"),
    ],
)
def test_budget_from_rate_times_hours(
    rate: str,
    hours: str,
    start: str,
    end: str,
    months: int,
    per_month: str,
    total: str,
) -> None:
    budget = budget_from_rate(rate, hours, start, end)
    assert (budget.months, budget.per_month, budget.total) == (
        months,
        Decimal(per_month),
        Decimal(total),
    )
    assert budget.total == budget.per_month * budget.months


@pytest.mark.parametrize(
    ("rate", "hours", "message"),
    [("0", "4", "groter dan 0"), ("45", "0", "groter dan 0"), ("45", "x", "getal")],
)
def test_budget_from_rate_refuses_nonsense(rate: str, hours: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        budget_from_rate(rate, hours, "2026-01-01", "2026-06-30")


# Per calendar year, with dated tariffs (review finding 15: a period into 2027 was
# computed with the 2026 tariff without saying so).
T2026 = Tariff(date(2026, 1, 1), date(2026, 12, 31), Decimal("45.00"), "R 2026")
T2027 = Tariff(date(2027, 1, 1), None, Decimal("46.50"), "R 2027")
MID_2026 = Tariff(date(2026, 7, 1), date(2026, 12, 31), Decimal("47.00"), "R 2026b")
H1_2026 = Tariff(date(2026, 1, 1), date(2026, 6, 30), Decimal("45.00"), "R 2026a")


@pytest.mark.parametrize(
    ("tariffs", "start", "end", "parts", "total", "provisional"),
    [
        # 2027 unknown: 2026's tariff, provisional, for January to May 2027.
        (
            (T2026,),
            "2026-12-01",
            "2027-05-31",
            [(1, "45.00", "780.00", True), (5, "45.00", "780.00", False)],
            "4680.00",
            1,
        ),
        # 2027 known: each year its own tariff.
        (
            (T2026, T2027),
            "2026-12-01",
            "2027-05-31",
            [(1, "45.00", "780.00", True), (5, "46.50", "806.00", True)],
            "4810.00",
            0,
        ),
        # A tariff change within one year is its own part.
        (
            (H1_2026, MID_2026),
            "2026-05-01",
            "2026-08-31",
            [(2, "45.00", "780.00", True), (2, "47.00", "814.67", True)],
            "3189.34",
            0,
        ),
        # Within one known year: one part.
        (
            (T2026, T2027),
            "2026-01-01",
            "2026-12-31",
            [(12, "45.00", "780.00", True)],
            "9360.00",
            0,
        ),
        # Two unknown years are two provisional parts.
        (
            (T2026,),
            "2026-12-01",
            "2028-01-31",
            [
                (1, "45.00", "780.00", True),
                (12, "45.00", "780.00", False),
                (1, "45.00", "780.00", False),
            ],
            "10920.00",
            2,
        ),
    ],
)
def test_budget_by_year(
    tariffs: tuple[Tariff, ...],
    start: str,
    end: str,
    parts: list[tuple[int, str, str, bool]],
    total: str,
    provisional: int,
) -> None:
    budget = budget_by_year(tariffs, "4", start, end)
    assert [
        (p.months, str(p.rate), str(p.per_month), p.known) for p in budget.parts
    ] == parts
    assert budget.total == Decimal(total)
    assert budget.months == sum(p[0] for p in parts)
    assert len(budget.provisional) == provisional


def test_no_tariff_for_the_first_month_is_refused() -> None:
    with pytest.raises(ValueError, match="geen pgb-tarief"):
        budget_by_year((T2027,), "4", "2026-12-01", "2027-05-31")


def _pgb_letter(settings: Settings, **changes: Any) -> tuple[str, list[str]]:
    data = load_sample("wmo-toekenning-pgb")
    data["case"]["voorziening"].update(changes)
    request = LetterRequest(data["template"], data["case"], "text")
    letter = build_letter(request, settings, today=TODAY)
    return render_text(letter), [w.message for w in letter.warnings]


def test_the_pgb_letter_says_the_2027_budget_may_change_and_warns(
    settings: Settings,
) -> None:
    text, warnings = _pgb_letter(settings)
    flat = " ".join(text.split())
    assert "Budget januari 2027 tot en met mei 2027 (voorlopig)" in flat
    assert "Het tarief voor 2027 is nog niet bekend." in flat
    assert "Dan kan uw budget voor die maanden veranderen." in flat
    assert any("pgb-tarief voor begeleiding in 2027" in w for w in warnings)
    # Review finding 15: the hours once stood twice in the table.
    assert flat.count("4 uur per week") == 2  # "In het kort" and "Hoeveel"
    assert "Uren |" not in text


def test_a_period_within_a_known_year_is_not_provisional(settings: Settings) -> None:
    text, warnings = _pgb_letter(
        settings, ingangsdatum="2026-07-01", einddatum="2026-12-31"
    )
    assert "voorlopig" not in text
    assert not any("pgb-tarief" in w for w in warnings)
    assert "6 maanden is dat € 4.680,00" in " ".join(text.split())


def test_a_case_tariff_against_the_data_is_refused_naming_the_field(
    settings: Settings,
) -> None:
    with pytest.raises(CaseDataError) as caught:
        _pgb_letter(settings, pgb_tarief_per_uur=40.0)
    assert caught.value.problems[0].path == "voorziening.pgb_tarief_per_uur"
    assert "op 1 december 2026 is het €\xa045,00" in caught.value.problems[0].message
