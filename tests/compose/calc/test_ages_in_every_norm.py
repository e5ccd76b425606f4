"""Every calculation that picks a bijstandsnorm for a person takes the person's
age (`Ages`): a 19-year-old gets the figure of the jongerennorm, not of the norm
for 21 or older.

Source of the worked numbers: shared/reference/domain-law-2026.md §1, norms of
1-7-2026: alleenstaande 18-20 € 350,42 (Pw 20 lid 1 onder a), alleenstaande 21+
€ 1.419,46 incl. vakantietoeslag; beslagvrije voet 95 % of the norm (Rv 475da,
475dc); vakantietoeslag 4,8 % of the norm reserved (Pw 19 lid 3); voorschot at
least 95 % of the norm (Pw 52 lid 1); maatregel a percentage of the norm (Pw 18
lid 2); draagkracht the income above the norm (Pw 35, local 100 % over 12 months).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest

from letterforge.compose.calc import (
    beslag,
    betaald,
    draagkracht,
    einde,
    maatregel,
    vakantietoeslag,
    voorschot,
)
from letterforge.compose.calc.bijstand import Ages, NormInputError
from letterforge.compose.norms import NormTable

DAY = date(2026, 11, 24)
YOUNG = Ages(birth=date(2007, 3, 14))  # 19 on every day below
ADULT = Ages(birth=date(1990, 3, 14))
ONE = "alleenstaande"

Figure = Callable[[NormTable, Ages], Decimal]

# (id, figure of the calculation, for a 19-year-old, for someone of 36)
CASES: list[tuple[str, Figure, str, str]] = [
    (
        "beslagvrije-voet: 95 % of 350,42",
        lambda t, a: beslag.beslagvrije_voet(t, DAY, ONE, ages=a).beslagvrije_voet,
        "332.90",
        "1348.49",
    ),
    (
        "largest withholding: 350,42 - 332,90",
        lambda t, a: beslag.beslagvrije_voet(t, DAY, ONE, ages=a).maximale_inhouding,
        "17.52",
        "70.97",
    ),
    (
        "room above the voet with an income of 400",
        lambda t, a: (
            beslag.ruimte_boven_voet(t, DAY, ONE, Decimal("400"), ages=a).ruimte
        ),
        "67.10",
        "20.00",
    ),
    (
        "maatregel 20 % of 350,42",
        lambda t, a: (
            maatregel.maatregel_verlaging(
                t, date(2026, 12, 1), ONE, Decimal(20), ages=a
            ).bedrag
        ),
        "70.08",
        "283.89",
    ),
    (
        "paid out over two months: 350,42 - 16,82 each",
        lambda t, a: (
            betaald.betaald_over_periode(
                t, date(2026, 8, 1), date(2026, 9, 30), ONE, ages=a
            ).bedrag
        ),
        "667.20",
        "2702.66",
    ),
    (
        "bijstand over the month income starts: 350,42 - 200",
        lambda t, a: (
            einde.einde_door_inkomen(
                t, date(2026, 11, 1), ONE, Decimal("200"), Decimal("1500"), ages=a
            ).bijstand_eerste_maand
        ),
        "150.42",
        "1219.46",
    ),
    (
        "vakantietoeslag over four months: 4 x 4,8 % of 350,42",
        lambda t, a: (
            vakantietoeslag.opgebouwd_bij_einde(
                t, date(2026, 7, 1), date(2026, 10, 31), ONE, ages=a
            ).bedrag
        ),
        "67.28",
        "272.52",
    ),
    (
        "voorschot at least 95 % of 350,42",
        lambda t, a: voorschot.voorschot(t, DAY, ONE, ages=a).minimum,
        "332.90",
        "1348.49",
    ),
    (
        "draagkracht per month: 1.500 - 350,42",
        lambda t, a: (
            draagkracht.draagkracht(t, DAY, ONE, Decimal("1500"), ages=a).per_maand
        ),
        "1149.58",
        "80.54",
    ),
]


@pytest.mark.parametrize(
    ("figure", "young", "adult"),
    [pytest.param(*c[1:], id=c[0]) for c in CASES],
)
def test_a_19_year_old_gets_the_jongerennorm_figure(
    table: NormTable, figure: Figure, young: str, adult: str
) -> None:
    assert figure(table, YOUNG) == Decimal(young)
    assert figure(table, ADULT) == Decimal(adult)
    # Without a birth date: 21 or older, as before birth dates were case data.
    assert figure(table, Ages()) == Decimal(adult)


@pytest.mark.parametrize(
    ("household", "housemates", "ages", "field"),
    [
        pytest.param(ONE, 1, YOUNG, "medebewoners", id="18-20-with-kostendelers"),
        pytest.param(
            "gehuwden",
            0,
            Ages(birth=date(2007, 3, 14), partner_birth=date(2006, 5, 1)),
            "kinderen",
            id="young-couple-without-kinderen-answer",
        ),
        pytest.param("gehuwden", 0, YOUNG, "partner_geboortedatum", id="no-partner"),
        pytest.param(
            ONE,
            0,
            Ages(birth=date(2010, 1, 1)),
            "geboortedatum",
            id="younger-than-18",
        ),
    ],
)
def test_what_the_reference_does_not_cover_is_refused_naming_the_field(
    table: NormTable, household: str, housemates: int, ages: Ages, field: str
) -> None:
    with pytest.raises(NormInputError) as caught:
        beslag.beslagvrije_voet(table, DAY, household, housemates=housemates, ages=ages)
    assert caught.value.field == field
