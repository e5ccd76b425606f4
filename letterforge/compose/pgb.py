"""The persoonsgebonden budget (pgb) for the period a Wmo decision grants.

From the municipal tariff: tarief per uur × uren per week × 52 weeks / 12 months is
the budget per month; × the months of the period is the budget for the period
(the budget per month is rounded half up to the cent; the period is that
amount times its months). The tariff itself is set by the
municipality (its Wmo verordening or nadere regels), named with its source in the
case data. The older form — a yearly budget — is still accepted.

A decision grants a pgb for a period; the letter must state the budget for that
period, not only the yearly amount (Wmo 2015 art. 2.3.6 lid 1: the budget follows
from the decision). The period must be whole calendar months (first day to last
day); the budget is the yearly amount × months / 12, rounded half up to the cent,
the one rounding rule for money in letters.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from letterforge.compose.environment import CaseCheckError
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


WEEKS_PER_YEAR = 52
MONTHS_PER_YEAR = 12


@dataclass(frozen=True)
class PgbBudget:
    """A pgb from a tariff: `per_month` and `total` in euro (cents, half up),
    `months` whole calendar months of the period."""

    rate: Decimal
    hours_per_week: Decimal
    months: int
    per_month: Decimal
    total: Decimal


def budget_from_rate(
    rate: Decimal | float | str,
    hours_per_week: Decimal | float | str,
    start: date | str,
    end: date | str,
) -> PgbBudget:
    """The pgb for `start`..`end` from the tariff per hour and the hours per week.

    Raises ValueError (Dutch) for a period that is not whole calendar months or a
    tariff or number of hours that is not above zero.
    """
    try:
        rate_d, hours = to_amount(rate), Decimal(str(hours_per_week))
    except InvalidOperation as e:
        raise ValueError("het aantal uren moet een getal zijn") from e
    if not hours.is_finite() or rate_d <= 0 or hours <= 0:
        raise ValueError("het tarief en het aantal uren moeten groter dan 0 zijn")
    months = _whole_months(to_date(start), to_date(end))
    # Rounded once, per month; the period is whole months of that amount, so the
    # letter's "6 × € 780,00 = € 4.680,00" adds up exactly.
    per_month = (rate_d * hours * WEEKS_PER_YEAR / MONTHS_PER_YEAR).quantize(
        CENT, rounding=ROUND_HALF_UP
    )
    return PgbBudget(
        rate=rate_d,
        hours_per_week=hours,
        months=months,
        per_month=per_month,
        total=per_month * months,
    )


def template_budget(rate: Any, hours_per_week: Any, start: Any, end: Any) -> PgbBudget:
    """Template function `pgb_berekening(tarief, uren, van, tot)`: the budget from
    the tariff, or a Dutch refusal naming the pgb fields of wmo-toekenning."""
    try:
        return budget_from_rate(rate, hours_per_week, start, end)
    except ValueError as e:
        raise CaseCheckError("voorziening.pgb_tarief_per_uur", str(e)) from e
