"""Draagkracht for bijzondere bijstand (Pw art. 35 lid 1; the share and the period
are the municipality's rule, kept as unverified dated norm data: 100 % over 12
months in the sample municipality; norm alleenstaande € 1.419,46 from 1-7-2026)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from letterforge.compose.calc.draagkracht import draagkracht
from letterforge.compose.norms import NormTable

DAY = date(2026, 11, 24)


@pytest.mark.parametrize(
    ("household", "income", "above", "per_month", "total"),
    [
        # Brouwer: € 160 above the norm → € 1.920 over 12 months ≥ € 480.
        ("alleenstaande", "1579.46", "160.00", "160.00", "1920.00"),
        # Income below the norm: no draagkracht, never negative.
        ("alleenstaande", "1200", "0.00", "0.00", "0.00"),
        # Gehuwden norm € 2.027,79: one cent above.
        ("gehuwden", "2027.80", "0.01", "0.01", "0.12"),
    ],
)
def test_draagkracht(
    table: NormTable,
    household: str,
    income: str,
    above: str,
    per_month: str,
    total: str,
) -> None:
    result = draagkracht(table, DAY, household, Decimal(income))
    assert result.boven_norm == Decimal(above)
    assert result.per_maand == Decimal(per_month)
    assert result.totaal == Decimal(total)
    assert result.maanden == 12
    # Local policy, not law: the caseworker is told to check it.
    assert any(
        "draagkracht" in w.lower() or "lokaal" in w.lower()
        for w in result.waarschuwingen
    )


def test_a_negative_income_is_refused(table: NormTable) -> None:
    with pytest.raises(ValueError, match="negatief"):
        draagkracht(table, DAY, "alleenstaande", Decimal("-1"))
