"""Bijstand paid out over a period that may start or end within a month: the norm
of each month minus the reserved vakantietoeslag (Pw 19 lid 3), a part month by
calendar days (Pw 44 lid 1). Norms: domain-law-2026 §1 (single 1-7-2026
1.419,46 incl. 4,8 %: paid out 1.351,33)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from letterforge.compose.calc.betaald import betaald_over_periode
from letterforge.compose.norms import NormTable

# (id, start, end, per-step amounts, total)
CASES = [
    # Review s4 finding 5 (B. Dijkstra): 1.351,33 × 28/31 = 1.220,56.
    ("Pw54-3-dijkstra-4-aug-31-oct", date(2026, 8, 4), date(2026, 10, 31),
     ("1220.56", "1351.33", "1351.33"), "3923.22"),
    ("whole-months", date(2026, 7, 1), date(2026, 8, 31), ("1351.33", "1351.33"),
     "2702.66"),
    ("within-one-month", date(2026, 9, 10), date(2026, 9, 19), ("450.44",),
     "450.44"),
    ("across-the-norm-change", date(2026, 6, 16), date(2026, 7, 15),
     ("667.12", "653.87"), "1320.99"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("start", "end", "amounts", "total"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_paid_over_a_period(
    table: NormTable, start: date, end: date, amounts: tuple[str, ...], total: str
) -> None:
    result = betaald_over_periode(table, start, end, "alleenstaande")
    assert tuple(str(s.bedrag) for s in result.stappen[:-1]) == amounts
    assert result.bedrag == Decimal(total) == result.stappen[-1].bedrag


def test_an_inverted_period_is_refused(table: NormTable) -> None:
    with pytest.raises(ValueError, match="voor het begin"):
        betaald_over_periode(table, date(2026, 9, 2), date(2026, 9, 1), "alleenstaande")
