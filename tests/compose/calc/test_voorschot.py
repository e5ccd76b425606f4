"""Voorschot: at least 95 % of the norm valid on the day of the voorschot.

Expected norms: shared/reference/domain-law-2026.md §1 (single 1-1-2026 1.401,50,
1-7-2026 1.419,46; gehuwden 1-7-2026 2.027,79; single with one housemate 1-1-2026
(40 + 2 × 30) / 200 × 2.002,13 = 1.001,07); the 95 % of Pw art. 52 lid 1 from
1-1-2026 (§10, Wet Participatiewet in balans). Rounding half up to cents.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from letterforge.compose.calc.voorschot import (
    betaald_tot,
    betaaldatum,
    verrekening,
    voorschot,
)
from letterforge.compose.norms import NormTable
from letterforge.errors import NormUnavailable

CASES = [
    # (id, day, household, housemates, given, norm, minimum, amount)
    # Review finding 1: 6-11-2026 uses the July norm, not the January one.
    (
        "pw52-single-nov-2026",
        date(2026, 11, 6),
        "alleenstaande",
        0,
        None,
        "1419.46",
        "1348.49",
        "1348.49",
    ),
    (
        "pw52-single-mar-2026",
        date(2026, 3, 2),
        "alleenstaande",
        0,
        None,
        "1401.50",
        "1331.43",
        "1331.43",
    ),
    (
        "pw52-gehuwden-jul-2026",
        date(2026, 7, 1),
        "gehuwden",
        0,
        None,
        "2027.79",
        "1926.40",
        "1926.40",
    ),
    (
        "pw52-22a-one-housemate-jan-2026",
        date(2026, 1, 15),
        "alleenstaande",
        1,
        None,
        "1001.07",
        "951.02",
        "951.02",
    ),
    (
        "pw52-more-than-minimum",
        date(2026, 11, 6),
        "alleenstaande",
        0,
        "1400.00",
        "1419.46",
        "1348.49",
        "1400.00",
    ),
]


@pytest.mark.parametrize(
    ("day", "household", "housemates", "given", "norm", "minimum", "amount"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_voorschot_is_at_least_95_percent_of_the_norm_of_its_day(
    table: NormTable,
    day: date,
    household: str,
    housemates: int,
    given: str | None,
    norm: str,
    minimum: str,
    amount: str,
) -> None:
    result = voorschot(
        table,
        day,
        household,
        housemates=housemates,
        given=None if given is None else Decimal(given),
    )
    assert result.norm.bedrag == Decimal(norm)
    assert result.minimum == Decimal(minimum)
    assert result.bedrag == Decimal(amount)
    assert result.stappen[-1].bedrag == Decimal(amount)


@pytest.mark.parametrize(
    ("given", "message"),
    [
        # the January 2026 amount on a November 2026 voorschot (review finding 1)
        ("1331.43", "is te laag"),
        ("1348.48", "is te laag"),
        ("1419.47", "hoger dan de norm"),
    ],
)
def test_a_typed_amount_that_disagrees_is_refused(
    table: NormTable, given: str, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        voorschot(table, date(2026, 11, 6), "alleenstaande", given=Decimal(given))


def test_no_percentage_before_the_law_changed_is_said_loudly(
    table: NormTable,
) -> None:
    with pytest.raises(NormUnavailable):
        voorschot(table, date(2025, 12, 1), "alleenstaande")


# Review r3 (amounts) finding 2: the voorschot set off against the bijstand paid
# out (not the reserved vakantiegeld), on the first payment day after the letter
# (the 25th in the norms data). By hand: Dijkstra 566,69 (13/31 of 1.351,33) +
# 1.351,33 = 1.918,02 - 1.348,49 = 569,53; a voorschot above the bijstand so far
# leaves a rest for later months; a letter on the 25th itself pays next month.
@pytest.mark.parametrize(
    ("months", "advance", "total", "still", "rest"),
    [
        (["566.69", "1351.33"], "1348.49", "1918.02", "569.53", "0.00"),
        (["1351.33"], "1348.49", "1351.33", "2.84", "0.00"),
        (["218.00"], "1348.49", "218.00", "0.00", "1130.49"),
        (["1351.33", "1351.33", "1351.33"], "0.00", "4053.99", "4053.99", "0.00"),
    ],
    ids=["dijkstra-part-and-whole", "one-month", "advance-above", "no-advance"],
)
def test_verrekening(
    months: list[str], advance: str, total: str, still: str, rest: str
) -> None:
    rows = [(date(2026, 10 + i, 1), Decimal(a)) for i, a in enumerate(months)]
    pay = date(2026, 12, 25)
    result = verrekening(rows, Decimal(advance), pay)
    assert result.totaal == Decimal(total)
    assert result.nog_te_krijgen == Decimal(still)
    assert result.rest_voorschot == Decimal(rest)
    assert result.totaal - result.voorschot + result.rest_voorschot == (
        result.nog_te_krijgen
    )
    assert result.stappen[-1].bedrag == Decimal(still)
    assert "25\xa0december\xa02026" in result.stappen[-1].omschrijving


def test_verrekening_needs_a_month() -> None:
    with pytest.raises(ValueError, match="geen maand"):
        verrekening([], Decimal("1.00"), date(2026, 11, 25))


@pytest.mark.parametrize(
    ("letter", "paid"),
    [
        (date(2026, 11, 24), date(2026, 11, 25)),
        (date(2026, 11, 25), date(2026, 12, 25)),
        (date(2026, 12, 28), date(2027, 1, 25)),
        (date(2026, 1, 1), date(2026, 1, 25)),
    ],
    ids=["before-the-25th", "on-the-25th", "over-new-year", "first-of-month"],
)
def test_betaaldatum(table: NormTable, letter: date, paid: date) -> None:
    assert betaaldatum(table, letter) == paid


# Review r3 (amounts) finding 8 (De Boer): on 24-11 November is not yet paid
# (payment day the 25th), so bijstand is paid through 31 October.
@pytest.mark.parametrize(
    ("letter", "paid_through"),
    [
        (date(2026, 11, 24), date(2026, 10, 31)),
        (date(2026, 11, 25), date(2026, 11, 30)),
        (date(2027, 1, 5), date(2026, 12, 31)),
        (date(2026, 2, 28), date(2026, 2, 28)),
    ],
    ids=["de-boer-before-payday", "on-payday", "over-new-year", "end-of-february"],
)
def test_betaald_tot(table: NormTable, letter: date, paid_through: date) -> None:
    assert betaald_tot(table, letter) == paid_through
