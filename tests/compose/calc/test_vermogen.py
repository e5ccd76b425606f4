"""An erfenis is vermogen from the day of death, tested against the vermogensgrens
of that day (Participatiewet art. 31, 34; reference domain-law-2026 §1: € 7.770 /
€ 15.540 to 31-12-2025, € 8.000 / € 16.000 from 1-1-2026)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from letterforge.compose.calc.vermogen import (
    erfenis_als_vermogen,
    vordering_bij_vermogen,
)
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


@pytest.mark.parametrize(
    ("inheritance", "paid", "claim"),
    [
        # review finding 2: H. de Boer, 10.700 against 8.000; paid 2.820,96
        ("9500", ("1401.50", "1419.46"), "2700.00"),
        # the excess is larger than what was paid: all bijstand paid
        ("12000", ("1401.50", "1419.46"), "2820.96"),
        # equal: either
        ("9620.96", ("1401.50", "1419.46"), "2820.96"),
    ],
    ids=["pw58-2f-limited-to-excess", "pw58-2f-all-paid", "pw58-2f-equal"],
)
def test_the_claim_is_the_lower_of_paid_and_excess(
    table: NormTable, inheritance: str, paid: tuple[str, ...], claim: str
) -> None:
    toets = erfenis_als_vermogen(
        table, date(2026, 6, 1), "alleenstaande", Decimal(inheritance), Decimal(1200)
    )
    result = vordering_bij_vermogen(
        toets,
        tuple((date(2026, 6 + i, 1), Decimal(a)) for i, a in enumerate(paid)),
        same_year=True,
    )
    assert result.vordering == Decimal(claim)
    assert result.betaald == sum(Decimal(a) for a in paid)
    assert result.stappen[-1].bedrag == Decimal(claim)
    assert result.netto


# Fictieve intering (Pw 54 lid 3, 58 lid 2 f): the excess is consumed month by
# month; covered months are withdrawn, the month it runs out in is revised.
# (id, inheritance, paid per month, rights left per month)
INTERING_CASES = [
    # Review s4 finding 2 (H. de Boer): June withdrawn, July revised to 120,96.
    ("deboer-june-withdrawn-july-revised", "9500", ("1401.50", "1419.46"),
     ("0.00", "120.96")),
    ("excess-covers-all", "12000", ("1401.50", "1419.46"), ("0.00", "0.00")),
    ("excess-within-first-month", "8100", ("1401.50", "1419.46"),
     ("101.50", "1419.46")),
    ("excess-exactly-one-month", "8201.50", ("1401.50", "1419.46"),
     ("0.00", "1419.46")),
]  # fmt: skip


@pytest.mark.parametrize(
    ("inheritance", "paid", "rights"),
    [case[1:] for case in INTERING_CASES],
    ids=[case[0] for case in INTERING_CASES],
)
def test_fictieve_intering_withdraws_then_revises(
    table: NormTable, inheritance: str, paid: tuple[str, ...], rights: tuple[str, ...]
) -> None:
    toets = erfenis_als_vermogen(
        table, date(2026, 6, 1), "alleenstaande", Decimal(inheritance), Decimal(1200)
    )
    result = vordering_bij_vermogen(
        toets,
        tuple((date(2026, 6 + i, 1), Decimal(a)) for i, a in enumerate(paid)),
        same_year=True,
    )
    assert tuple(str(m.recht) for m in result.maanden) == rights
    assert result.vordering == result.betaald - sum(Decimal(r) for r in rights)
    assert result.vordering == min(result.betaald, toets.boven_grens)
    assert all(m.recht == 0 for m in result.ingetrokken)
