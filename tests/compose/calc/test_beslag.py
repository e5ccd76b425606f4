"""Beslagvrije voet and largest withholding: reference domain-law-2026 §2 (Rv 475dc
lid 2, Awb 4:93 lid 4; amounts on 1-1-2026)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from letterforge.compose.calc.aflossing import withholding
from letterforge.compose.calc.beslag import (
    beslagvrije_voet,
    min_al_ingehouden,
    ruimte_boven_voet,
)
from letterforge.compose.norms import NormTable

DAY = date(2026, 1, 15)


@pytest.mark.parametrize(
    ("household", "aow", "housemates", "protected", "withhold"),
    [
        ("alleenstaande", False, 0, "1331.43", "70.07"),
        ("gehuwden", False, 0, "1902.02", "100.11"),
        ("alleenstaande", True, 0, "1486.46", "78.23"),
        ("alleenstaande", False, 1, "951.02", "50.05"),
    ],
    ids=[
        "rv475dc-single-2026",
        "rv475dc-married-2026",
        "rv475dc-single-aow-2026",
        "rv475dc-kostendeler-A2-2026",
    ],
)
def test_beslagvrije_voet(
    table: NormTable,
    household: str,
    aow: bool,
    housemates: int,
    protected: str,
    withhold: str,
) -> None:
    result = beslagvrije_voet(table, DAY, household, aow_age=aow, housemates=housemates)
    assert result.beslagvrije_voet == Decimal(protected)
    assert result.maximale_inhouding == Decimal(withhold)
    assert result.beslagvrije_voet + result.maximale_inhouding == result.norm.bedrag
    assert result.stappen[-1].bedrag == Decimal(withhold)


def test_withholding_above_the_limit_is_refused(table: NormTable) -> None:
    limit = beslagvrije_voet(table, DAY, "alleenstaande")
    with pytest.raises(ValueError, match="hoger dan wij mogen inhouden"):
        withholding(Decimal("1850"), limit, DAY, per_month=Decimal("5000.00"))


@pytest.mark.parametrize("ground", ["toestemming", "pw60-lid6"])
def test_withholding_above_the_limit_with_a_ground(
    table: NormTable, ground: str
) -> None:
    limit = beslagvrije_voet(table, DAY, "alleenstaande")
    result = withholding(
        Decimal("1000"), limit, DAY, per_month=Decimal("100"), ground_above_limit=ground
    )
    assert result.boven_maximum and result.grond == ground
    assert result.plan.months == 10


def test_default_withholding_is_the_maximum(table: NormTable) -> None:
    limit = beslagvrije_voet(table, DAY, "alleenstaande")
    result = withholding(Decimal("1000"), limit, DAY)
    assert result.per_maand == Decimal("70.07")
    assert result.plan.months == 15
    assert result.plan.last_amount == Decimal("19.02")


RUIMTE = [
    # (id, day, household, income, beslagvrije voet, room)
    (
        "Rv475da-single-2026-07",
        date(2026, 11, 24),
        "alleenstaande",
        "1480",
        "1348.49",
        "131.51",
    ),
    # Rv 475dc lid 1: never more than 95 % of the income itself
    (
        "Rv475dc-lid1-low-income",
        date(2026, 11, 24),
        "alleenstaande",
        "1200",
        "1140.00",
        "60.00",
    ),
    (
        "Rv475da-couple-2026-01",
        date(2026, 1, 15),
        "gehuwden",
        "2500",
        "1902.02",
        "597.98",
    ),
    ("Rv475dc-no-income", date(2026, 1, 15), "alleenstaande", "0", "0.00", "0.00"),
]


@pytest.mark.parametrize(
    ("day", "household", "income", "voet", "room"),
    [c[1:] for c in RUIMTE],
    ids=[c[0] for c in RUIMTE],
)
def test_room_above_the_beslagvrije_voet(
    table: NormTable, day: date, household: str, income: str, voet: str, room: str
) -> None:
    result = ruimte_boven_voet(table, day, household, Decimal(income))
    assert (result.beslagvrije_voet, result.ruimte) == (Decimal(voet), Decimal(room))
    assert result.stappen[-1].bedrag == Decimal(room)


def test_room_refuses_a_negative_income(table: NormTable) -> None:
    with pytest.raises(ValueError, match="negatief"):
        ruimte_boven_voet(table, date(2026, 1, 15), "alleenstaande", Decimal("-1"))


# Review r3 (amounts) finding 1: with other debts already withheld, each row's
# label says what its amount is. By hand on 1-7-2026 (single, norm 1.419,46):
# limit 70,97; Kramer 45 withheld -> room 25,97; De Vries 37 -> 33,97; a couple
# (norm 2.027,81, limit 101,39) with 26 + 10 -> 65,39; more than the limit -> 0.
@pytest.mark.parametrize(
    ("household", "claims", "room"),
    [
        ("alleenstaande", [("de terugvordering (kenmerk A)", "45.00")], "25.97"),
        ("alleenstaande", [("de terugvordering", "37.00")], "33.97"),
        (
            "gehuwden",
            [("de terugvordering", "26.00"), ("een lening", "10.00")],
            "65.39",
        ),
        ("alleenstaande", [("de terugvordering", "80.00")], "0.00"),
    ],
    ids=["kramer-45", "de-vries-37", "couple-two-claims", "more-than-limit"],
)
def test_rows_with_other_withholdings_agree_with_the_fields(
    table: NormTable, household: str, claims: list[tuple[str, str]], room: str
) -> None:
    day = date(2026, 11, 24)
    limit = beslagvrije_voet(table, day, household)
    named = tuple((what, Decimal(a)) for what, a in claims)
    total = sum((a for _, a in named), Decimal("0.00"))
    result = min_al_ingehouden(limit, total, claims=named, voor="de boete")
    rows = {s.omschrijving: s.bedrag for s in result.stappen}
    assert result.hoogstens_samen == limit.maximale_inhouding
    assert rows["Hoogstens per maand, alle schulden samen"] == (
        limit.maximale_inhouding
    )
    for what, amount in named:
        assert rows[f"Wij houden al in voor {what}"] == amount
    assert rows["Ruimte voor de boete"] == result.maximale_inhouding == Decimal(room)
    assert result.al_ingehouden == total
    assert [s.omschrijving for s in result.andere] == [
        f"Wij houden al in voor {what}" for what, _ in named
    ]
    assert not any("Min wat" in label for label in rows)


def test_other_withholdings_must_add_up(table: NormTable) -> None:
    limit = beslagvrije_voet(table, date(2026, 11, 24), "alleenstaande")
    with pytest.raises(ValueError, match="tellen niet op"):
        min_al_ingehouden(
            limit, Decimal("40.00"), claims=(("de terugvordering", Decimal("45.00")),)
        )


# Rv 475dc lid 2 with income under Pw 32 next to the bijstand, 24-11-2026 (single
# norm 1.419,46, 95 % = 1.348,49): (id, income, voet, bijstand, withholding)
NEXT_TO_BIJSTAND = [
    ("review-r4-4-wages-500", "500.00", "848.49", "919.46", "70.97"),
    ("just-below-95-percent", "1348.48", "0.01", "70.98", "70.97"),
    ("at-95-percent", "1348.49", "0.00", "70.97", "70.97"),
    ("above-95-percent", "1400.00", "0.00", "19.46", "19.46"),
]


@pytest.mark.parametrize(
    ("income", "protected", "paid", "withhold"),
    [c[1:] for c in NEXT_TO_BIJSTAND],
    ids=[c[0] for c in NEXT_TO_BIJSTAND],
)
def test_beslagvrije_voet_with_income_next_to_bijstand(
    table: NormTable, income: str, protected: str, paid: str, withhold: str
) -> None:
    result = beslagvrije_voet(
        table, date(2026, 11, 24), "alleenstaande", income_besides=Decimal(income)
    )
    assert result.beslagvrije_voet == Decimal(protected)
    assert result.maximale_inhouding == Decimal(withhold)
    assert result.beslagvrije_voet + result.maximale_inhouding == Decimal(paid)
    assert [s.bedrag for s in result.stappen][-2:] == [Decimal(paid), Decimal(withhold)]


@pytest.mark.parametrize(
    "income", ["-0.01", "1419.46"], ids=["negative", "no-bijstand"]
)
def test_income_next_to_bijstand_refused(table: NormTable, income: str) -> None:
    with pytest.raises(ValueError):
        beslagvrije_voet(
            table, date(2026, 11, 24), "alleenstaande", income_besides=Decimal(income)
        )
