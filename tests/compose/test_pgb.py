"""The pgb for the granted period, from the yearly budget."""

from __future__ import annotations

from decimal import Decimal

import pytest

from letterforge.compose.pgb import budget_for_period, budget_from_rate


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
