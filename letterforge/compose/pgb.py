"""The persoonsgebonden budget (pgb) for the period a Wmo decision grants.

A decision grants a pgb for a period; the letter must state the budget for that
period, not only the yearly amount (Wmo 2015 art. 2.3.6 lid 1: the budget follows
from the decision). The period must be whole calendar months (first day to last
day); the budget is the yearly amount × months / 12, rounded half up to the cent,
the one rounding rule for money in letters.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from letterforge.compose.filters import to_amount, to_date

CENT = Decimal("0.01")


def _whole_months(start: date, end: date) -> int:
    if start.day != 1 or (end + timedelta(days=1)).day != 1 or end < start:
        raise ValueError(
            "de periode van het pgb moet hele maanden zijn: van de eerste tot en"
            " met de laatste dag van een maand"
        )
    return (end.year - start.year) * 12 + end.month - start.month + 1


def budget_for_period(
    per_year: Decimal | float | str, start: date | str, end: date | str
) -> Decimal:
    """The pgb in euro for `start`..`end` (inclusive) from the yearly budget.

    Raises ValueError (Dutch) when the period is not whole calendar months.
    """
    months = _whole_months(to_date(start), to_date(end))
    amount = to_amount(per_year) * months / 12
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)
