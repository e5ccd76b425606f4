"""The jongerennorm (Pw art. 20) and the rules for applicants under 27.

Source of every expected amount: shared/reference/domain-law-2026.md §1, table of
norms, rows 20.1a/20.2a, 20.1b/20.2b, 20.1c/20.2c and 20 lid 3, for the dates in the
test id; the zoektermijn: domain-law-2026.md §10 (Pw 41 lid 4, four weeks, under 27).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from letterforge.compose.calc.bijstand import NormInputError, bijstandsnorm
from letterforge.compose.calc.jongeren import jongere
from letterforge.compose.norms import NormTable
from letterforge.errors import NormUnavailable

B19 = date(2007, 3, 14)  # 18, 19 or 20 on every day below (21 on 14-3-2028)
B20 = date(2005, 12, 1)  # 20 until 30-11-2026
B25 = date(2001, 1, 1)  # 21 or older on every day below

# (id = reference row and date, day, household, birth, partner, children, lid 3,
#  expected amount, expected article)
CASES = [
    (
        "20.1a-2025-07-01",
        date(2025, 9, 1),
        "alleenstaande",
        B19,
        None,
        None,
        False,
        "337.98",
        "artikel 20 lid 1 onder a",
    ),
    (
        "20.1a-2026-01-01",
        date(2026, 1, 1),
        "alleenstaande",
        B19,
        None,
        None,
        False,
        "345.99",
        "artikel 20 lid 1 onder a",
    ),
    (
        "20.1a-2026-07-01",
        date(2026, 11, 24),
        "alleenstaande",
        B19,
        None,
        None,
        False,
        "350.42",
        "artikel 20 lid 1 onder a",
    ),
    (
        "20.2a-2026-01-01",
        date(2026, 3, 1),
        "alleenstaande-ouder",
        B19,
        None,
        None,
        False,
        "345.99",
        "artikel 20 lid 2 onder a",
    ),
    (
        "20.2a-2026-07-01",
        date(2026, 7, 1),
        "alleenstaande-ouder",
        B19,
        None,
        None,
        False,
        "350.42",
        "artikel 20 lid 2 onder a",
    ),
    (
        "20.1b-2025-07-01",
        date(2025, 7, 1),
        "gehuwden",
        B19,
        B20,
        False,
        False,
        "675.96",
        "artikel 20 lid 1 onder b",
    ),
    (
        "20.1b-2026-01-01",
        date(2026, 1, 1),
        "gehuwden",
        B19,
        B20,
        False,
        False,
        "691.98",
        "artikel 20 lid 1 onder b",
    ),
    (
        "20.1b-2026-07-01",
        date(2026, 7, 1),
        "gehuwden",
        B20,
        B19,
        False,
        False,
        "700.84",
        "artikel 20 lid 1 onder b",
    ),
    (
        "20.2b-2025-07-01",
        date(2025, 12, 31),
        "gehuwden",
        B19,
        B20,
        True,
        False,
        "1067.12",
        "artikel 20 lid 2 onder b",
    ),
    (
        "20.2b-2026-01-01",
        date(2026, 6, 30),
        "gehuwden",
        B19,
        B20,
        True,
        False,
        "1092.41",
        "artikel 20 lid 2 onder b",
    ),
    (
        "20.2b-2026-07-01",
        date(2026, 7, 1),
        "gehuwden",
        B19,
        B20,
        True,
        False,
        "1106.40",
        "artikel 20 lid 2 onder b",
    ),
    (
        "20.1c-2025-07-01",
        date(2025, 7, 1),
        "gehuwden",
        B19,
        B25,
        False,
        False,
        "1315.88",
        "artikel 20 lid 1 onder c",
    ),
    (
        "20.1c-2026-01-01",
        date(2026, 1, 1),
        "gehuwden",
        B25,
        B19,
        False,
        False,
        "1347.06",
        "artikel 20 lid 1 onder c",
    ),
    (
        "20.1c-2026-07-01",
        date(2026, 7, 1),
        "gehuwden",
        B19,
        B25,
        False,
        False,
        "1364.32",
        "artikel 20 lid 1 onder c",
    ),
    (
        "20.2c-2025-07-01",
        date(2025, 7, 1),
        "gehuwden",
        B19,
        B25,
        True,
        False,
        "1707.04",
        "artikel 20 lid 2 onder c",
    ),
    (
        "20.2c-2026-01-01",
        date(2026, 1, 1),
        "gehuwden",
        B19,
        B25,
        True,
        False,
        "1747.49",
        "artikel 20 lid 2 onder c",
    ),
    (
        "20.2c-2026-07-01",
        date(2026, 7, 1),
        "gehuwden",
        B25,
        B19,
        True,
        False,
        "1769.88",
        "artikel 20 lid 2 onder c",
    ),
    (
        "20.3-2026-01-01",
        date(2026, 1, 1),
        "alleenstaande",
        B19,
        None,
        None,
        True,
        "746.45",
        "artikel 20 lid 3",
    ),
    (
        "20.3-2026-07-01",
        date(2026, 7, 1),
        "alleenstaande-ouder",
        B19,
        None,
        None,
        True,
        "762.24",
        "artikel 20 lid 3",
    ),
    # 21 or older: the norms of art. 21, as without a birth date.
    (
        "21a-2026-07-01-age-21",
        date(2026, 12, 1),
        "alleenstaande",
        B20,
        None,
        None,
        False,
        "1419.46",
        None,
    ),
    (
        "21b-2026-07-01-both-21",
        date(2026, 7, 1),
        "gehuwden",
        B25,
        B25,
        None,
        False,
        "2027.79",
        None,
    ),
]


@pytest.mark.parametrize(
    ("day", "household", "birth", "partner", "children", "lid3", "expected", "article"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_the_jongerennorm_per_category_and_date(
    table: NormTable,
    day: date,
    household: str,
    birth: date,
    partner: date | None,
    children: bool | None,
    lid3: bool,
    expected: str,
    article: str | None,
) -> None:
    norm = bijstandsnorm(
        table,
        day,
        household,
        birth=birth,
        partner_birth=partner,
        children=children,
        parents_cannot_support=lid3,
    )
    assert norm.bedrag == Decimal(expected)
    assert norm.jongerennorm == article
    assert not norm.is_kostendelersnorm


REFUSED = [
    # (id, day, household, kwargs, field named)
    (
        "under-18",
        date(2026, 11, 24),
        "alleenstaande",
        {"birth": date(2009, 1, 1)},
        "geboortedatum",
    ),
    (
        "partner-under-18",
        date(2026, 11, 24),
        "gehuwden",
        {"birth": B25, "partner_birth": date(2010, 1, 1), "children": False},
        "partner_geboortedatum",
    ),
    (
        "partner-but-single",
        date(2026, 11, 24),
        "alleenstaande",
        {"birth": B19, "partner_birth": B25},
        "partner_geboortedatum",
    ),
    (
        "couple-no-partner-age",
        date(2026, 11, 24),
        "gehuwden",
        {"birth": B19, "children": False},
        "partner_geboortedatum",
    ),
    (
        "couple-no-children-answer",
        date(2026, 11, 24),
        "gehuwden",
        {"birth": B19, "partner_birth": B25},
        "kinderen",
    ),
    # Reference §1 is silent on the kostendelersnorm for 18-20: refused.
    (
        "youth-with-kostendelers",
        date(2026, 11, 24),
        "alleenstaande",
        {"birth": B19, "housemates": 1},
        "medebewoners",
    ),
    (
        "youth-partner-with-kostendelers",
        date(2026, 11, 24),
        "gehuwden",
        {"birth": B25, "partner_birth": B19, "children": False, "housemates": 2},
        "medebewoners",
    ),
    # Reference §1 gives one lid 3 amount, not for couples: refused.
    (
        "lid3-couple",
        date(2026, 11, 24),
        "gehuwden",
        {
            "birth": B19,
            "partner_birth": B20,
            "children": False,
            "parents_cannot_support": True,
        },
        "ouders_kunnen_niet_bijdragen",
    ),
    (
        "lid3-at-21",
        date(2026, 11, 24),
        "alleenstaande",
        {"birth": B25, "parents_cannot_support": True},
        "ouders_kunnen_niet_bijdragen",
    ),
    (
        "youth-with-aow",
        date(2026, 11, 24),
        "alleenstaande",
        {"birth": B19, "aow_age": True},
        "aow_leeftijd",
    ),
]


@pytest.mark.parametrize(
    ("day", "household", "kwargs", "field"),
    [c[1:] for c in REFUSED],
    ids=[c[0] for c in REFUSED],
)
def test_what_the_rules_do_not_cover_is_refused_naming_the_field(
    table: NormTable, day: date, household: str, kwargs: dict, field: str
) -> None:
    with pytest.raises(NormInputError) as caught:
        bijstandsnorm(table, day, household, **kwargs)
    assert caught.value.field == field


@pytest.mark.parametrize(
    ("day", "lid3"),
    [(date(2025, 6, 30), False), (date(2025, 12, 31), True), (date(2027, 1, 1), False)],
    ids=["20.1a-before-2025-07-01", "20.3-before-2026-01-01", "20.1a-2027"],
)
def test_a_date_without_the_norm_is_said_loudly(
    table: NormTable, day: date, lid3: bool
) -> None:
    with pytest.raises(NormUnavailable):
        bijstandsnorm(
            table, day, "alleenstaande", birth=B19, parents_cannot_support=lid3
        )


ZOEKTERMIJN = [
    # (id, melding, start, exception, refused)
    ("41.4-start-at-four-weeks", date(2026, 9, 21), date(2026, 10, 19), None, False),
    ("41.4-one-day-early", date(2026, 9, 21), date(2026, 10, 18), None, True),
    ("41.4-same-day-as-melding", date(2026, 9, 21), date(2026, 9, 21), None, True),
    (
        "41.4-exception-given",
        date(2026, 9, 21),
        date(2026, 9, 21),
        "U kunt nu niet werken.",
        False,
    ),
    ("41.4-empty-exception", date(2026, 9, 21), date(2026, 9, 22), "  ", True),
]


@pytest.mark.parametrize(
    ("melding", "start", "exception", "refused"),
    [c[1:] for c in ZOEKTERMIJN],
    ids=[c[0] for c in ZOEKTERMIJN],
)
def test_the_zoektermijn(
    melding: date, start: date, exception: str | None, refused: bool
) -> None:
    if refused:
        with pytest.raises(NormInputError) as caught:
            jongere(B19, melding, start, exception)
        assert caught.value.field == "ingangsdatum"
        assert "artikel 41 lid 4" in str(caught.value)
        return
    result = jongere(B19, melding, start, exception)
    assert result.zoektermijn_einde == date(2026, 10, 19)
    assert result.uitzondering == (exception.strip() if exception else None)
    assert result.wordt_21 == date(2028, 3, 14)
