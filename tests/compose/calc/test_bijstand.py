"""Bijstandsnorm and kostendelersnorm: the worked examples of the reference.

Source of every expected amount: shared/reference/domain-law-2026.md §1 (table of norms
and "Worked examples", round half up to cents), which cites Participatiewet art. 21,
22, 22a (BWBR0015703) for the dates named in the test id.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from letterforge.compose.calc.bijstand import (
    Housemate,
    bijstandsnorm,
    count_cost_sharers,
    uitkering,
)
from letterforge.compose.norms import NormTable
from letterforge.errors import NormUnavailable

CASES = [
    # (id, day, household, aow, housemates, expected)
    ("pw21a-2025-07-01", date(2025, 9, 1), "alleenstaande", False, 0, "1369.06"),
    ("pw21a-2026-01-01", date(2026, 1, 1), "alleenstaande", False, 0, "1401.50"),
    ("pw21a-2026-07-01", date(2026, 11, 24), "alleenstaande", False, 0, "1419.46"),
    (
        "pw21a-single-parent-2026-01-01",
        date(2026, 3, 1),
        "alleenstaande-ouder",
        False,
        0,
        "1401.50",
    ),
    ("pw21b-2026-01-01", date(2026, 6, 30), "gehuwden", False, 0, "2002.13"),
    ("pw22a-aow-2026-01-01", date(2026, 2, 1), "alleenstaande", True, 0, "1564.69"),
    ("pw22b-aow-2026-07-01", date(2026, 7, 1), "gehuwden", True, 0, "2176.10"),
    (
        "pw21a-2025-01-01-secondary",
        date(2025, 3, 1),
        "alleenstaande",
        False,
        0,
        "1345.45",
    ),
    # Kostendelersnorm, art. 22a: (40 + 30A) / 100A x B
    ("pw22a-A2-2025-07-01", date(2025, 7, 1), "alleenstaande", False, 1, "977.90"),
    (
        "pw22a-A2-2026-01-01-half-cent-up",
        date(2026, 1, 15),
        "alleenstaande",
        False,
        1,
        "1001.07",
    ),
    ("pw22a-A2-2026-07-01", date(2026, 8, 1), "alleenstaande", False, 1, "1013.90"),
    ("pw22a-A3-2025-07-01", date(2025, 12, 31), "alleenstaande", False, 2, "847.51"),
    ("pw22a-A3-2026-01-01", date(2026, 1, 15), "alleenstaande", False, 2, "867.59"),
    ("pw22a-A3-2026-07-01", date(2026, 12, 31), "alleenstaande", False, 2, "878.71"),
    ("pw22a-A4-2025-07-01", date(2025, 7, 1), "alleenstaande", False, 3, "782.32"),
    ("pw22a-A4-2026-01-01", date(2026, 1, 15), "alleenstaande", False, 3, "800.85"),
    ("pw22a-A4-2026-07-01", date(2026, 7, 1), "alleenstaande", False, 3, "811.12"),
    ("pw22a-couple-A3-2025-07-01", date(2025, 7, 1), "gehuwden", False, 1, "1695.02"),
    ("pw22a-couple-A3-2026-01-01", date(2026, 1, 15), "gehuwden", False, 1, "1735.18"),
    ("pw22a-couple-A3-2026-07-01", date(2026, 7, 1), "gehuwden", False, 1, "1757.42"),
]


@pytest.mark.parametrize(
    ("day", "household", "aow", "housemates", "expected"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_norm(
    table: NormTable,
    day: date,
    household: str,
    aow: bool,
    housemates: int,
    expected: str,
) -> None:
    norm = bijstandsnorm(table, day, household, aow_age=aow, housemates=housemates)
    assert norm.bedrag == Decimal(expected)
    assert norm.stappen[-1].bedrag == Decimal(expected)
    assert norm.bron


def test_kostendelersnorm_steps_explain_the_formula(table: NormTable) -> None:
    norm = bijstandsnorm(table, date(2026, 1, 15), "alleenstaande", housemates=2)
    texts = [s.omschrijving for s in norm.stappen]
    assert norm.kostendelers == 3
    assert texts[1].startswith("Mensen die de kosten delen: u en 2\xa0medebewoners")
    assert "43,33\xa0%" in texts[2]


def test_the_2025_january_norm_is_unverified_and_says_so(table: NormTable) -> None:
    norm = bijstandsnorm(table, date(2025, 3, 1), "alleenstaande")
    assert len(norm.waarschuwingen) == 1
    assert "niet gecontroleerd" in norm.waarschuwingen[0]
    assert bijstandsnorm(table, date(2026, 3, 1), "alleenstaande").waarschuwingen == ()


@pytest.mark.parametrize("day", [date(2024, 12, 31), date(2027, 1, 1)])
def test_no_norm_for_the_date_is_a_loud_error(table: NormTable, day: date) -> None:
    with pytest.raises(NormUnavailable, match="Wij gebruiken geen oud bedrag"):
        bijstandsnorm(table, day, "alleenstaande")


@pytest.mark.parametrize(
    ("household", "housemates"),
    [("samenwonend", 0), ("alleenstaande", -1), ("alleenstaande", 21)],
)
def test_bad_input(table: NormTable, household: str, housemates: int) -> None:
    with pytest.raises(ValueError):
        bijstandsnorm(table, date(2026, 3, 1), household, housemates=housemates)


DAY = date(2026, 3, 1)
HOUSEMATES = [
    # (id, housemate, counts) — Pw art. 19a lid 1 (text of 2026-01-01), 22a lid 4
    ("age-27-counts", Housemate("Broer", date(1999, 3, 1)), True),
    ("age-26-not", Housemate("Zus", date(1999, 3, 2)), False),
    ("student-not", Housemate("Zoon", date(1990, 1, 1), student=True), False),
    (
        "commercial-tenant-not",
        Housemate("Huurder", date(1980, 1, 1), commerciele_huur=True),
        False,
    ),
    (
        "commercial-tenant-family-counts",
        Housemate(
            "Moeder",
            date(1960, 1, 1),
            commerciele_huur=True,
            familie_eerste_of_tweede_graad=True,
        ),
        True,
    ),
    (
        "mantelzorg-2026-not",
        Housemate("Dochter", date(1985, 1, 1), mantelzorg=True),
        False,
    ),
]


@pytest.mark.parametrize(
    ("person", "counts"), [h[1:] for h in HOUSEMATES], ids=[h[0] for h in HOUSEMATES]
)
def test_who_counts_as_kostendeler(
    table: NormTable, person: Housemate, counts: bool
) -> None:
    result = count_cost_sharers(table, DAY, [person])
    assert result.aantal == (1 if counts else 0)
    assert result.stappen[0].omschrijving.startswith(person.omschrijving)


def test_mantelzorg_counted_before_2026(table: NormTable) -> None:
    person = Housemate("Dochter", date(1985, 1, 1), mantelzorg=True)
    assert count_cost_sharers(table, date(2025, 12, 1), [person]).aantal == 1


def test_income_is_deducted_and_too_much_income_refused(table: NormTable) -> None:
    norm = bijstandsnorm(table, DAY, "alleenstaande")
    holiday = table.on("vakantietoeslag_percentage", DAY)
    assert uitkering(norm, Decimal("401.50"), holiday).bedrag == Decimal("1000.00")
    with pytest.raises(ValueError, match="geen recht"):
        uitkering(norm, Decimal("1401.50"), holiday)


def test_vakantietoeslag_is_reserved_from_the_bijstand(table: NormTable) -> None:
    # Reference domain-law-2026 §1: single person on 1-1-2026, 4,8 % is € 67,27 a
    # month (Pw art. 19 lid 3); a municipality reserving 5 % would get € 70,08.
    norm = bijstandsnorm(table, DAY, "alleenstaande")
    result = uitkering(norm, Decimal(0), table.on("vakantietoeslag_percentage", DAY))
    assert result.vakantietoeslag == Decimal("67.27")
    assert result.per_maand_uitbetaald == Decimal("1334.23")
