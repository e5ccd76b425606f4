"""The largest dwangsom for not deciding in time (Awb art. 4:17 lid 1 and 2:
€ 23 / € 35 / € 45 a day per 14 days, at most 42 days; domain-law.md §1)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from letterforge.compose.calc.dwangsom import maximale_dwangsom
from letterforge.compose.norms import NormTable, NormUnavailable


@pytest.mark.parametrize(
    "day",
    [date(2009, 10, 1), date(2026, 12, 21), date(2027, 1, 11)],
    ids=["Awb4:17-in-force-2009", "Awb4:17-2026", "Awb4:17-2027"],
)
def test_maximum_is_42_days_in_three_blocks(table: NormTable, day: date) -> None:
    result = maximale_dwangsom(table, day)
    assert result.bedrag == Decimal("1442.00")
    assert result.dagen == 42
    assert [s.bedrag for s in result.stappen] == [
        Decimal("322.00"),
        Decimal("490.00"),
        Decimal("630.00"),
        Decimal("1442.00"),
    ]
    assert all("4:17" in s.bron for s in result.stappen)


def test_before_the_rule_there_is_no_amount(table: NormTable) -> None:
    with pytest.raises(NormUnavailable):
        maximale_dwangsom(table, date(2009, 9, 30))
