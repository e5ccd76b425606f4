"""The end of bijstand by income from work: the income over the first month of work
is deducted from that month's bijstand (Participatiewet art. 31 lid 1, 32); the
bijstand ends on the last day of that month, or of the month before when the income
covers the whole norm (art. 11).

Expected norms: shared/reference/domain-law-2026.md §1 (single 1-7-2026 1.419,46;
1-1-2026 1.401,50; gehuwden 1-1-2026 2.002,13). Rounding half up to cents.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from letterforge.compose.calc.einde import einde_door_inkomen
from letterforge.compose.calc.vakantietoeslag import opgebouwd_bij_einde
from letterforge.compose.norms import NormTable
from letterforge.errors import NormUnavailable

CASES = [
    # (id, first month, household, income first month, per month, end, left)
    (
        "Pw32-half-month-nov-2026",
        date(2026, 11, 1),
        "alleenstaande",
        "1050.00",
        "2150.00",
        date(2026, 11, 30),
        "369.46",
    ),
    (
        "Pw32-full-month-covers-norm",
        date(2026, 11, 1),
        "alleenstaande",
        "2150.00",
        "2150.00",
        date(2026, 10, 31),
        "0.00",
    ),
    (
        "Pw32-income-equals-norm",
        date(2026, 11, 1),
        "alleenstaande",
        "1419.46",
        "2150.00",
        date(2026, 10, 31),
        "0.00",
    ),
    (
        "Pw32-one-cent-below-norm",
        date(2026, 11, 1),
        "alleenstaande",
        "1419.45",
        "2150.00",
        date(2026, 11, 30),
        "0.01",
    ),
    (
        "Pw32-no-income-first-month",
        date(2026, 11, 1),
        "alleenstaande",
        "0",
        "2150.00",
        date(2026, 11, 30),
        "1419.46",
    ),
    (
        "Pw32-gehuwden-feb-2026",
        date(2026, 2, 1),
        "gehuwden",
        "500.005",
        "2500.00",
        date(2026, 2, 28),
        "1502.12",
    ),
]


@pytest.mark.parametrize(
    ("first", "household", "income", "per_month", "end", "left"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_end_and_last_month(
    table: NormTable,
    first: date,
    household: str,
    income: str,
    per_month: str,
    end: date,
    left: str,
) -> None:
    result = einde_door_inkomen(
        table, first, household, Decimal(income), Decimal(per_month)
    )
    assert result.einddatum == end
    assert result.bijstand_eerste_maand == Decimal(left)
    amounts = [s.bedrag for s in result.stappen]
    assert amounts[2] == Decimal(left)


@pytest.mark.parametrize(
    ("first", "income", "per_month", "message"),
    [
        (date(2026, 11, 15), "0", "2150", "eerste dag van een maand"),
        (date(2026, 11, 1), "-1", "2150", "negatief"),
        # a full month below the norm of December: the bijstand does not end
        (date(2026, 11, 1), "0", "1419.45", "de bijstand stopt dan niet"),
    ],
    ids=["not-first-day", "negative", "Pw11-income-below-norm"],
)
def test_refused(
    table: NormTable, first: date, income: str, per_month: str, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        einde_door_inkomen(
            table, first, "alleenstaande", Decimal(income), Decimal(per_month)
        )


def test_a_month_without_a_norm_is_said_loudly(table: NormTable) -> None:
    # December 2026 is known, January 2027 (the month after) is not in the data.
    with pytest.raises(NormUnavailable):
        einde_door_inkomen(
            table, date(2026, 12, 1), "alleenstaande", Decimal(0), Decimal(3000)
        )


# Pw art. 19 lid 3 / 45 lid 1: the last payment is net of the vakantietoeslag
# reserved in it, and that reservation is paid once, with the vakantietoeslag.
# (id, first month, household, income first month, reserved, paid out)
SPLIT_CASES = [
    # Review s4 finding 1 (R. Hendriks): 369,46 = 351,73 + 17,73 (4,8 %).
    ("Pw45-hendriks-nov-2026", date(2026, 11, 1), "alleenstaande", "1050.00",
     "17.73", "351.73"),
    ("Pw45-whole-norm", date(2026, 11, 1), "alleenstaande", "0", "68.13",
     "1351.33"),
    ("Pw45-one-cent", date(2026, 11, 1), "alleenstaande", "1419.45", "0.00", "0.01"),
    ("Pw45-covered", date(2026, 11, 1), "alleenstaande", "2150.00", "0.00", "0.00"),
    ("Pw45-gehuwden-feb-2026", date(2026, 2, 1), "gehuwden", "500.00", "72.10",
     "1430.03"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("first", "household", "income", "reserved", "paid"),
    [case[1:] for case in SPLIT_CASES],
    ids=[case[0] for case in SPLIT_CASES],
)
def test_last_payment_is_net_of_the_reserved_vakantietoeslag(
    table: NormTable,
    first: date,
    household: str,
    income: str,
    reserved: str,
    paid: str,
) -> None:
    result = einde_door_inkomen(
        table, first, household, Decimal(income), Decimal("3000")
    )
    assert result.vakantietoeslag_eerste_maand == Decimal(reserved)
    assert result.betaling_eerste_maand == Decimal(paid)
    assert (
        result.betaling_eerste_maand + result.vakantietoeslag_eerste_maand
        == result.bijstand_eerste_maand
    )


@pytest.mark.parametrize(
    ("first", "household", "income"),
    [(c[1], c[2], c[3]) for c in SPLIT_CASES if c[5] != "0.00"],
    ids=[c[0] for c in SPLIT_CASES if c[5] != "0.00"],
)
def test_last_payment_and_vakantietoeslag_add_up(
    table: NormTable, first: date, household: str, income: str
) -> None:
    """What the letter promises in total (last payment + vakantietoeslag) is the
    bijstand of the last month once, plus what was reserved before it."""
    end = einde_door_inkomen(table, first, household, Decimal(income), Decimal("3000"))
    before = date(first.year, first.month - 1, 1)
    without_last = opgebouwd_bij_einde(
        table, before, first - timedelta(days=1), household
    )
    with_last = opgebouwd_bij_einde(
        table, before, end.einddatum, household, income={first: Decimal(income)}
    )
    assert with_last.bedrag - without_last.bedrag == end.vakantietoeslag_eerste_maand
    assert (
        end.betaling_eerste_maand + with_last.bedrag
        == end.bijstand_eerste_maand + without_last.bedrag
    )


# Part month by calendar days (municipal rule, einde.py docstring; the same
# method as eerste_maand.py): wage x days from the first working day to the end
# of the month / days in that month, half up to cents.
# (id, first working day, wage per month, days, days in month, income, bijstand left)
PART_CASES = [
    # Review r4 finding 3 (R. Hendriks): 16 November, 15 of 30 days of 2.150,00.
    ("hendriks-16-nov-2026", date(2026, 11, 16), "2150.00", 15, 30, "1075.00",
     "344.46"),
    ("first-day-is-whole-month", date(2026, 11, 1), "2150.00", 30, 30, "2150.00",
     "0.00"),
    ("last-day-one-of-31", date(2026, 10, 31), "2150.00", 1, 31, "69.35", "1350.11"),
    ("february-2026-half-up", date(2026, 2, 15), "2000.01", 14, 28, "1000.01",
     "401.49"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("start", "wage", "days", "in_month", "income", "left"),
    [c[1:] for c in PART_CASES],
    ids=[c[0] for c in PART_CASES],
)
def test_income_of_a_part_month_is_derived_from_the_contract(
    table: NormTable,
    start: date,
    wage: str,
    days: int,
    in_month: int,
    income: str,
    left: str,
) -> None:
    first = start.replace(day=1)
    result = einde_door_inkomen(
        table, first, "alleenstaande", None, Decimal(wage), work_start=start
    )
    assert result.deel is not None
    assert (result.deel.dagen, result.deel.dagen_in_maand) == (days, in_month)
    assert result.inkomen_eerste_maand == Decimal(income)
    assert result.bijstand_eerste_maand == Decimal(left)
    income_step = result.stappen[1]
    assert "voorlopig" in income_step.omschrijving
    assert "gemeentelijke regel" in income_step.bron
    assert income_step.bedrag == Decimal(income)


@pytest.mark.parametrize(
    ("income", "start", "message"),
    [
        ("1050", date(2026, 11, 16), "niet allebei"),
        (None, None, "begindatum van het werk in"),
        (None, date(2026, 12, 2), "in de maand van 'vanaf'"),
    ],
    ids=["both", "neither", "start-outside-month"],
)
def test_part_month_refused(
    table: NormTable, income: str | None, start: date | None, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        einde_door_inkomen(
            table,
            date(2026, 11, 1),
            "alleenstaande",
            None if income is None else Decimal(income),
            Decimal("2150"),
            work_start=start,
        )
