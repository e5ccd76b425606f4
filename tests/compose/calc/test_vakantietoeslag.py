"""Vakantietoeslag at the end of bijstand: built up since June, paid within three
months (Participatiewet art. 19 lid 3, art. 45 lid 1; reference domain-law-2026 §1).

Expected: single norm 1-1-2026 1.401,50 and 1-7-2026 1.419,46; 4,8 % of each
month's bijstand, rounded half up per month (67,27 and 68,13).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from letterforge.compose.calc.vakantietoeslag import late_payment, opgebouwd_bij_einde
from letterforge.compose.norms import NormTable
from letterforge.errors import NormUnavailable

CASES = [
    # (id, from, end, household, income, total, months, pay by)
    (
        "pw45-jun-oct-2026-single",
        date(2026, 6, 1),
        date(2026, 10, 31),
        "alleenstaande",
        {},
        "339.79",
        5,
        date(2027, 1, 31),
    ),
    (
        "pw45-jun-nov-2026-income-last-month",
        date(2026, 6, 1),
        date(2026, 11, 30),
        "alleenstaande",
        {date(2026, 11, 1): Decimal("1050.00")},
        "357.52",
        6,
        date(2027, 2, 28),
    ),
    (
        "pw45-one-month-started-later",
        date(2026, 9, 1),
        date(2026, 9, 30),
        "alleenstaande",
        {},
        "68.13",
        1,
        date(2026, 12, 31),
    ),
    (
        "pw45-income-above-norm-no-negative",
        date(2026, 10, 1),
        date(2026, 10, 31),
        "alleenstaande",
        {date(2026, 10, 1): Decimal("2000.00")},
        "0.00",
        1,
        date(2027, 1, 31),
    ),
]


@pytest.mark.parametrize(
    ("start", "end", "household", "income", "total", "months", "pay_by"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_built_up_vakantietoeslag_and_deadline(
    table: NormTable,
    start: date,
    end: date,
    household: str,
    income: dict[date, Decimal],
    total: str,
    months: int,
    pay_by: date,
) -> None:
    result = opgebouwd_bij_einde(table, start, end, household, income=income)
    assert result.bedrag == Decimal(total)
    assert result.maanden == months
    assert result.uiterlijk == pay_by
    assert result.stappen[-1].bedrag == Decimal(total)
    assert sum(s.bedrag or 0 for s in result.stappen[:-1]) == Decimal(total)


@pytest.mark.parametrize(
    ("start", "end", "income"),
    [
        (date(2026, 6, 2), date(2026, 10, 31), {}),
        (date(2026, 11, 1), date(2026, 10, 31), {}),
        (date(2025, 7, 1), date(2026, 10, 31), {}),
        (date(2026, 6, 1), date(2026, 10, 31), {date(2026, 12, 1): Decimal(1)}),
        (date(2026, 6, 1), date(2026, 10, 31), {date(2026, 6, 1): Decimal(-1)}),
    ],
    ids=[
        "not-first-day",
        "after-end",
        "more-than-a-year",
        "month-outside",
        "negative-income",
    ],
)
def test_bad_input_is_refused(
    table: NormTable, start: date, end: date, income: dict[date, Decimal]
) -> None:
    with pytest.raises(ValueError):
        opgebouwd_bij_einde(table, start, end, "alleenstaande", income=income)


def test_a_month_without_norm_is_said_loudly(table: NormTable) -> None:
    with pytest.raises(NormUnavailable):
        opgebouwd_bij_einde(table, date(2027, 1, 1), date(2027, 3, 31), "gehuwden")


# A right withdrawn from a day within a month (Pw 54 lid 3): the last month counts
# by calendar days, as a first month does (Pw 44 lid 1), and the three months of
# Pw 45 lid 1 run from the last day bijstand was paid.
# (id, end, paid until, total, last step, pay by)
PART_MONTH_CASES = [
    # Review s4 finding 5 (B. Dijkstra): 67,27 + 68,13 + 68,13 × 3/31 = 141,99.
    ("Pw45-dijkstra-until-3-aug", date(2026, 8, 3), date(2026, 10, 31), "141.99",
     "Over augustus\xa02026: 4,8\xa0%, 3 van 31 dagen",
     date(2027, 1, 31)),
    ("Pw45-until-30-sep-whole", date(2026, 9, 30), None, "271.66",
     "Over juli\xa02026 tot en met september\xa02026: 4,8\xa0% van uw bijstand, "
     "3 × €\xa068,13", date(2026, 12, 31)),
    ("Pw45-until-15-jun", date(2026, 6, 15), None, "33.64",
     "Over juni\xa02026: 4,8\xa0%, 15 van 30 dagen",
     date(2026, 9, 15)),
]  # fmt: skip


@pytest.mark.parametrize(
    ("end", "paid_until", "total", "last_line", "pay_by"),
    [c[1:] for c in PART_MONTH_CASES],
    ids=[c[0] for c in PART_MONTH_CASES],
)
def test_a_right_that_ends_within_a_month_counts_by_days(
    table: NormTable,
    end: date,
    paid_until: date | None,
    total: str,
    last_line: str,
    pay_by: date,
) -> None:
    result = opgebouwd_bij_einde(
        table, date(2026, 6, 1), end, "alleenstaande", paid_until=paid_until
    )
    assert result.bedrag == Decimal(total)
    assert result.stappen[-2].omschrijving == last_line
    assert result.uiterlijk == pay_by
    assert sum(s.bedrag or 0 for s in result.stappen[:-1]) == Decimal(total)


@pytest.mark.parametrize(
    ("end", "letter", "uiterlijk", "voorbij"),
    [
        # Dijkstra: right ended 3-8-2026, three months → 3-11, letter 24-11:
        # passed, so within two weeks of the letter (review r2 finding 8).
        (date(2026, 8, 3), date(2026, 11, 24), date(2026, 12, 8), date(2026, 11, 3)),
        # Term still open: unchanged.
        (date(2026, 10, 31), date(2026, 11, 24), date(2027, 1, 31), None),
        # The last day of the term itself is not late.
        (date(2026, 8, 3), date(2026, 11, 3), date(2026, 11, 3), None),
    ],
)
def test_late_payment_after_the_term_of_art_45(
    table: NormTable, end: date, letter: date, uiterlijk: date, voorbij: date | None
) -> None:
    built = opgebouwd_bij_einde(table, date(2026, 6, 1), end, "alleenstaande")
    result = late_payment(built, letter)
    assert result.uiterlijk == uiterlijk
    assert result.termijn_voorbij == voorbij
    assert result.bedrag == built.bedrag
