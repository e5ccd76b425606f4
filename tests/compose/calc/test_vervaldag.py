"""The due day of a self-paid instalment: the last day of its month (a municipal
rule, calc/aflossing.py; review r2 finding 5, Kuiper)."""

from __future__ import annotations

from datetime import date

import pytest

from letterforge.compose.calc.aflossing import vervaldag


@pytest.mark.parametrize(
    ("month", "due"),
    [
        (date(2026, 12, 1), date(2026, 12, 31)),
        (date(2027, 2, 1), date(2027, 2, 28)),
        (date(2028, 2, 1), date(2028, 2, 29)),  # leap year
        (date(2029, 6, 1), date(2029, 6, 30)),
    ],
)
def test_vervaldag(month: date, due: date) -> None:
    assert vervaldag(month) == due
