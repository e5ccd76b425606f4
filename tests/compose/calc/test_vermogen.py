"""An erfenis is vermogen from the day of death, tested against the vermogensgrens
of that day (Participatiewet art. 31, 34; reference domain-law-2026 §1: € 7.770 /
€ 15.540 to 31-12-2025, € 8.000 / € 16.000 from 1-1-2026)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from letterforge.compose.calc.vermogen import erfenis_als_vermogen
from letterforge.compose.norms import NormTable

CASES = [
    # (id, death, household, erfenis, other, grens, above)
    (
        "Pw34-2026-single",
        date(2026, 8, 4),
        "alleenstaande",
        "14000",
        "500",
        "8000.00",
        "6500.00",
    ),
    (
        "Pw34-2025-single",
        date(2025, 12, 31),
        "alleenstaande",
        "8000",
        "0",
        "7770.00",
        "230.00",
    ),
    (
        "Pw34-2026-couple",
        date(2026, 1, 1),
        "gehuwden",
        "16000",
        "0",
        "16000.00",
        "0.00",
    ),
    (
        "Pw34-2026-parent",
        date(2026, 3, 1),
        "alleenstaande-ouder",
        "640",
        "1200",
        "16000.00",
        "0.00",
    ),
    (
        "Pw34-half-cents",
        date(2026, 6, 1),
        "alleenstaande",
        "8000.005",
        "0",
        "8000.00",
        "0.01",
    ),
]


@pytest.mark.parametrize(
    ("death", "household", "erfenis", "other", "grens", "above"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_erfenis_against_the_grens(
    table: NormTable,
    death: date,
    household: str,
    erfenis: str,
    other: str,
    grens: str,
    above: str,
) -> None:
    result = erfenis_als_vermogen(
        table, death, household, Decimal(erfenis), Decimal(other)
    )
    assert result.grens == Decimal(grens)
    assert result.boven_grens == Decimal(above)
    assert result.stappen[-1].bedrag == Decimal(above)


@pytest.mark.parametrize(
    ("household", "erfenis", "message"),
    [("student", "100", "moet een van deze zijn"), ("alleenstaande", "0", "meer dan")],
)
def test_refused(table: NormTable, household: str, erfenis: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        erfenis_als_vermogen(
            table, date(2026, 8, 4), household, Decimal(erfenis), Decimal(0)
        )
