"""The bijstand over the first month when it starts after the 1st (Pw art. 44 lid 1:
bijstand from the day the right arose).

Method: calendar days. The monthly amount times the days from the ingangsdatum to
the end of that month, divided by the days in that month (19 October: 13 of 31
days). Why this method: the Participatiewet gives monthly norms and no rule for a
part of a month, and the shared reference does not settle one; calendar days
follow the law's own unit (a right per day from the ingangsdatum) and are the
most common municipal practice. The letter states the method. The vakantietoeslag
of that part is reserved the same way (Pw art. 19 lid 3). Rounding: money.py.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from letterforge.compose.calc.money import round_cents
from letterforge.compose.calc.steps import Step


@dataclass(frozen=True)
class EersteMaand:
    """The part of the first month (Decimal euros; days as int)."""

    dagen: int
    dagen_in_maand: int
    per_maand: Decimal  # what is paid out for a whole month
    bedrag: Decimal  # what is paid out for the part
    vakantietoeslag: Decimal  # reserved for the part, paid in June
    stappen: tuple[Step, ...]


def eerste_maand(
    start: date, per_month_paid: Decimal, per_month_holiday: Decimal
) -> EersteMaand:
    """The bijstand paid out and the vakantietoeslag reserved for the days from
    `start` to the end of its month. Raises ValueError (Dutch) when `start` is
    the 1st: then the first month is a whole month."""
    if start.day == 1:
        raise ValueError("de bijstand begint op de 1e: de eerste maand is heel")
    in_month = calendar.monthrange(start.year, start.month)[1]
    days = in_month - start.day + 1
    part = round_cents(per_month_paid * days / in_month)
    holiday = round_cents(per_month_holiday * days / in_month)
    steps = (
        Step("Bijstand voor een hele maand", per_month_paid, "Participatiewet art. 21"),
        Step(
            f"Voor {days} van de {in_month} dagen",
            part,
            "Participatiewet art. 44 lid 1 (per kalenderdag)",
        ),
    )
    return EersteMaand(days, in_month, per_month_paid, part, holiday, steps)
