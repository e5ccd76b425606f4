"""The amount of a maatregel (verlaging van de bijstand), from the norm of its month.

Source: Participatiewet art. 18 lid 2 (the college lowers the bijstand) with the
municipal Maatregelenverordening, which states the reduction as a percentage of the
bijstandsnorm for a number of months. The norm is the one valid in the first month
of the reduction (Pw art. 21-22a; dated amounts in templates/_data/normen.yaml,
reference domain-law-2026 §1), never a norm typed by the caseworker. Rounding: the
one rule of money.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from letterforge.compose.calc import bijstand
from letterforge.compose.calc.bijstand import Ages
from letterforge.compose.calc.money import percentage_of
from letterforge.compose.calc.steps import Step
from letterforge.compose.filters import procent
from letterforge.compose.norms import NormTable

MIN_PERCENTAGE = Decimal(5)
MAX_PERCENTAGE = Decimal(100)


@dataclass(frozen=True)
class Verlaging:
    """A reduction per month (Decimal euros) with the norm it is a percentage of."""

    norm: bijstand.Bijstandsnorm
    percentage: Decimal
    bedrag: Decimal
    vanaf: date
    stappen: tuple[Step, ...]
    waarschuwingen: tuple[str, ...]
    # The day the norm changes within the months of the reduction (None: it does
    # not): the reduction stays the percentage, so its amount changes with it.
    normwijziging: date | None = None


def maatregel_verlaging(
    table: NormTable,
    first_month: date,
    household: str,
    percentage: Decimal,
    *,
    aow_age: bool = False,
    housemates: int = 0,
    ages: Ages | None = None,
) -> Verlaging:
    """`percentage` % of the bijstandsnorm valid on `first_month` (first day of the
    first month with the lower bijstand).

    Raises ValueError (Dutch) when the percentage is outside 5-100 or `first_month`
    is not the first day of a month, and NormUnavailable when the data has no norm
    for that month (we never fall back to an older norm).
    """
    if first_month.day != 1:
        raise ValueError("moet de eerste dag van een maand zijn")
    if not MIN_PERCENTAGE <= percentage <= MAX_PERCENTAGE:
        raise ValueError("het percentage moet van 5 tot en met 100 zijn")
    norm = bijstand.bijstandsnorm(
        table, first_month, household, aow_age=aow_age, housemates=housemates, ages=ages
    )
    amount = percentage_of(norm.bedrag, percentage)
    steps = (
        *norm.stappen,
        Step(
            f"Verlaging: {procent(percentage)} van de norm",
            amount,
            "Participatiewet artikel 18 lid 2 en de Maatregelenverordening",
        ),
    )
    return Verlaging(norm, percentage, amount, first_month, steps, norm.waarschuwingen)
