"""Deadlines with the days a Royal decree equates with a holiday (Atw art. 3 lid 3).

Source of the equated days: reference domain-law-2026 §9 (Besluit gelijkstelling van
2 januari 2026, 15 mei 2026, 7 mei 2027, 28 april 2028 en 26 mei 2028).
"""

from __future__ import annotations

from datetime import date

import pytest

from letterforge.compose.calc import termijnen
from letterforge.compose.norms import NormTable
from letterforge.errors import NormUnavailable


@pytest.mark.parametrize(
    ("letter_date", "expected"),
    [
        # six weeks end on Friday 2 January 2026 (equated) -> Monday 5 January
        (date(2025, 11, 20), date(2026, 1, 5)),
        # end on Friday 15 May 2026 (equated; day after Hemelvaart) -> Monday 18 May
        (date(2026, 4, 2), date(2026, 5, 18)),
        # end on Friday 7 May 2027 (equated) -> Monday 10 May
        (date(2027, 3, 25), date(2027, 5, 10)),
        # end on Friday 28 April 2028 (equated; day after Koningsdag) -> 1 May
        (date(2028, 3, 16), date(2028, 5, 1)),
        # an ordinary Monday stays
        (date(2026, 3, 2), date(2026, 4, 13)),
    ],
    ids=[
        "kb-2026-01-02",
        "kb-2026-05-15",
        "kb-2027-05-07",
        "kb-2028-04-28",
        "awb6-7-plain",
    ],
)
def test_bezwaartermijn(table: NormTable, letter_date: date, expected: date) -> None:
    result = termijnen.bezwaartermijn(table, letter_date)
    assert result.uiterlijk == expected
    if letter_date != date(2026, 3, 2):
        assert any("Koninklijk Besluit" in s.omschrijving for s in result.stappen)
        assert result.waarschuwingen  # the decree's source is secondary


def test_beyond_the_known_decrees_is_refused(table: NormTable) -> None:
    with pytest.raises(NormUnavailable, match="gelijk staan aan een feestdag"):
        termijnen.bezwaartermijn(table, date(2028, 12, 1))


@pytest.mark.parametrize(
    ("function", "args", "expected"),
    [
        (termijnen.beslistermijn, (date(2026, 3, 2),), date(2026, 4, 28)),
        (termijnen.wmo_beslistermijn, (date(2026, 5, 1),), date(2026, 5, 18)),
        (termijnen.hersteltermijn, (date(2026, 11, 24), 2), date(2026, 12, 8)),
        (termijnen.aanmaningstermijn, (date(2026, 4, 30),), date(2026, 5, 18)),
    ],
    ids=[
        "awb4-13-eight-weeks-koningsdag",
        "wmo2-3-5-two-weeks-kb-2026-05-15",
        "awb4-5-two-weeks",
        "awb4-112-hemelvaart-then-kb-2026-05-15",
    ],
)
def test_other_terms(table: NormTable, function, args, expected) -> None:  # type: ignore[no-untyped-def]
    assert function(table, *args).uiterlijk == expected


@pytest.mark.parametrize(
    ("letter", "last"),
    [
        (date(2026, 11, 24), date(2026, 12, 24)),
        (date(2026, 12, 1), date(2026, 12, 31)),
        # 26 December 2026 is a Saturday and second Christmas day (Atw art. 1)
        (date(2026, 11, 26), date(2026, 12, 28)),
    ],
    ids=["pw62b-30-days", "pw62b-month-end", "pw62b-atw-holiday-weekend"],
)
def test_verhaaltermijn_is_30_days(table: NormTable, letter: date, last: date) -> None:
    # Review finding 8: pay or make verzet within 30 days (Pw 62b).
    assert termijnen.verhaaltermijn(table, letter).uiterlijk == last
