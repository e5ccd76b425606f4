"""The pgb for the granted period, from the yearly budget."""

from __future__ import annotations

from decimal import Decimal

import pytest

from letterforge.compose.pgb import budget_for_period


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
