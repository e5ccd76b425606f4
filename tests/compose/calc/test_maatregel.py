"""Maatregel: the reduction is a percentage of the norm of its first month.

Expected norms: shared/reference/domain-law-2026.md §1 (single norm 1-1-2025
1.345,45; 1-7-2025 1.369,06; 1-1-2026 1.401,50; 1-7-2026 1.419,46; gehuwden 1-1-2026
2.002,13), Participatiewet art. 18 lid 2, 21-22a. Rounding half up to cents.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from letterforge.compose.calc.maatregel import maatregel_verlaging
from letterforge.compose.norms import NormTable
from letterforge.errors import NormUnavailable

CASES = [
    # (id, first month, household, housemates, percentage, norm, reduction)
    (
        "single-dec-2026-10",
        date(2026, 12, 1),
        "alleenstaande",
        0,
        10,
        "1419.46",
        "141.95",
    ),
    (
        "single-dec-2026-20",
        date(2026, 12, 1),
        "alleenstaande",
        0,
        20,
        "1419.46",
        "283.89",
    ),
    (
        "single-feb-2026-20",
        date(2026, 2, 1),
        "alleenstaande",
        0,
        20,
        "1401.50",
        "280.30",
    ),
    (
        "single-sep-2025-10",
        date(2025, 9, 1),
        "alleenstaande",
        0,
        10,
        "1369.06",
        "136.91",
    ),
    ("couple-mar-2026-100", date(2026, 3, 1), "gehuwden", 0, 100, "2002.13", "2002.13"),
    ("couple-mar-2026-5", date(2026, 3, 1), "gehuwden", 0, 5, "2002.13", "100.11"),
]


@pytest.mark.parametrize(
    ("first", "household", "housemates", "pct", "norm", "expected"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_reduction_is_percentage_of_the_norm_of_the_month(
    table: NormTable,
    first: date,
    household: str,
    housemates: int,
    pct: int,
    norm: str,
    expected: str,
) -> None:
    result = maatregel_verlaging(
        table, first, household, Decimal(pct), housemates=housemates
    )
    assert result.norm.bedrag == Decimal(norm)
    assert result.bedrag == Decimal(expected)
    assert result.stappen[-1].bedrag == Decimal(expected)
    assert "artikel 18 lid 2" in result.stappen[-1].bron


def test_kostendelersnorm_is_the_base(table: NormTable) -> None:
    alone = maatregel_verlaging(table, date(2026, 12, 1), "alleenstaande", Decimal(20))
    shared = maatregel_verlaging(
        table, date(2026, 12, 1), "alleenstaande", Decimal(20), housemates=1
    )
    assert shared.norm.is_kostendelersnorm
    assert shared.bedrag < alone.bedrag


@pytest.mark.parametrize(
    ("first", "pct", "message"),
    [
        (date(2026, 12, 2), 10, "eerste dag van een maand"),
        (date(2026, 12, 1), 4, "5 tot en met 100"),
        (date(2026, 12, 1), 101, "5 tot en met 100"),
    ],
)
def test_refuses_bad_input_in_dutch(
    table: NormTable, first: date, pct: int, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        maatregel_verlaging(table, first, "alleenstaande", Decimal(pct))


def test_no_norm_for_the_month_is_said_loudly(table: NormTable) -> None:
    with pytest.raises(NormUnavailable):
        maatregel_verlaging(table, date(2031, 1, 1), "alleenstaande", Decimal(10))
