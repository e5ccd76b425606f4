"""The voorschot on bijstand while the right is not yet established.

Source: Participatiewet art. 52 lid 1 as amended by the Wet Participatiewet in
balans (in force 1 January 2026; reference domain-law-2026 §10): the college gives
a voorschot within four weeks of the aanvraag, of at least 95 % of the applicable
bijstandsnorm. The norm is the one valid on the day of the voorschot (Pw art.
21-22a; dated amounts in templates/_data/normen.yaml), never the norm of another
half year: a voorschot paid on 6 November 2026 is at least 95 % of the norm of
1 July 2026. The percentage is dated norm data (`voorschot_minimum_percentage`).
Rounding: the one rule of money.py (half a cent up), so the minimum is never
below 95 % by more than half a cent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from letterforge.compose.calc import bijstand
from letterforge.compose.calc.money import percentage_of
from letterforge.compose.calc.steps import Step, warnings_of
from letterforge.compose.filters import bedrag, datum, procent
from letterforge.compose.norms import NormTable


@dataclass(frozen=True)
class Voorschot:
    """A voorschot per month (Decimal euros) and the minimum it must reach."""

    bedrag: Decimal
    minimum: Decimal
    percentage: Decimal
    norm: bijstand.Bijstandsnorm
    datum: date
    stappen: tuple[Step, ...]
    waarschuwingen: tuple[str, ...]


def voorschot(
    table: NormTable,
    day: date,
    household: str,
    *,
    aow_age: bool = False,
    housemates: int = 0,
    given: Decimal | None = None,
) -> Voorschot:
    """The voorschot per month paid on `day`: `given` when the caseworker chose an
    amount, else the minimum (percentage × norm valid on `day`).

    Raises ValueError (Dutch) when `given` is below the minimum or above the norm
    (a voorschot is part of the bijstand that may follow, so never more than the
    norm), and NormUnavailable when no norm or percentage is known for `day`.
    """
    norm = bijstand.bijstandsnorm(
        table, day, household, aow_age=aow_age, housemates=housemates
    )
    share = table.on("voorschot_minimum_percentage", day)
    minimum = percentage_of(norm.bedrag, share.value)
    steps = [
        *norm.stappen,
        Step(
            f"Voorschot: ten minste {procent(share.value)} van de norm",
            minimum,
            share.source,
        ),
    ]
    amount = minimum
    if given is not None:
        if given < minimum:
            raise ValueError(
                f"het voorschot van {bedrag(given)} is te laag. Op "
                f"{datum(day)} is het ten minste "
                f"{bedrag(minimum)}: {procent(share.value)} van de norm van "
                f"{bedrag(norm.bedrag)} (Participatiewet artikel 52 lid 1). "
                "Laat het bedrag leeg, dan rekenen wij het uit"
            )
        if given > norm.bedrag:
            raise ValueError(
                f"het voorschot van {bedrag(given)} is hoger dan de norm van "
                f"{bedrag(norm.bedrag)}"
            )
        if given != minimum:
            steps.append(Step("Voorschot dat wij geven", given))
        amount = given
    return Voorschot(
        amount,
        minimum,
        share.value,
        norm,
        day,
        tuple(steps),
        (*norm.waarschuwingen, *warnings_of(share)),
    )
