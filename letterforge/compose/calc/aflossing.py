"""Repayment within the beslagvrije voet, and the check on a proposed withholding.

A withholding (verrekening) on bijstand may not exceed the norm minus the beslagvrije
voet (Rv 475dc, Awb 4:93 lid 4; see beslag.py), unless the person agreed in writing
to more, or Pw art. 60 lid 6 applies (the inlichtingenplicht is being breached; the
letter must then say so). The plan itself is calculators.repayment_plan.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from letterforge.compose.calc.beslag import BeslagvrijeVoet
from letterforge.compose.calc.steps import Step
from letterforge.compose.calculators import RepaymentPlan, repayment_plan
from letterforge.compose.filters import bedrag

GROUNDS_ABOVE_LIMIT = ("toestemming", "pw60-lid6")


@dataclass(frozen=True)
class Inhouding:
    """A monthly withholding on bijstand checked against the limit."""

    per_maand: Decimal
    maximum: Decimal
    boven_maximum: bool
    grond: str | None  # None, "toestemming" or "pw60-lid6"
    plan: RepaymentPlan
    stappen: tuple[Step, ...]
    waarschuwingen: tuple[str, ...]
    limiet: BeslagvrijeVoet  # the limit checked against, with the other withholdings


def withholding(
    debt: Decimal,
    limit: BeslagvrijeVoet,
    start: date,
    *,
    per_month: Decimal | None = None,
    ground_above_limit: str | None = None,
) -> Inhouding:
    """Check `per_month` (default: the largest allowed) against the limit and plan
    the repayment of `debt` from the month after `start`.

    Raises ValueError (Dutch) when the amount is above the limit without a ground.
    """
    if ground_above_limit not in (None, *GROUNDS_ABOVE_LIMIT):
        raise ValueError(f"moet een van deze zijn: {', '.join(GROUNDS_ABOVE_LIMIT)}")
    maximum = limit.maximale_inhouding
    amount = maximum if per_month is None else per_month
    above = amount > maximum
    if above and ground_above_limit is None:
        raise ValueError(
            f"het bedrag per maand is hoger dan wij mogen inhouden op bijstand "
            f"(hoogstens {bedrag(maximum)} per maand; Burgerlijke Rechtsvordering "
            "art. 475dc). Kies een lager bedrag, of leg vast dat de inwoner "
            "schriftelijk toestemming gaf, of dat artikel 60 lid 6 Participatiewet "
            "geldt"
        )
    steps = [*limit.stappen, Step("Wij houden per maand in", amount)]
    if above:
        steps.append(
            Step(
                "Dit is meer dan het maximum, omdat "
                + (
                    "u daarvoor schriftelijk toestemming gaf"
                    if ground_above_limit == "toestemming"
                    else "u de inlichtingenplicht nog niet nakomt (artikel 60 lid 6 "
                    "Participatiewet)"
                ),
            )
        )
    plan = repayment_plan(debt, amount, start)
    return Inhouding(
        amount,
        maximum,
        above,
        ground_above_limit if above else None,
        plan,
        tuple(steps),
        limit.waarschuwingen,
        limit,
    )


def vervaldag(month: date) -> date:
    """The last day to pay the instalment of `month` when the resident pays
    himself: the last day of that month.

    A municipal rule, not set by law (Awb 4:87 leaves the term of an agreed
    regeling to the decision): the first instalment is in the month after the
    letter (calculators.repayment_plan), so the resident always has at least
    four weeks, time for the betaalbrief to arrive. The letter states the rule."""
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])
