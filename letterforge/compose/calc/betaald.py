"""The bijstand paid out over a period that may start or end within a month.

Used when a right is withdrawn from a day within a month (Pw art. 54 lid 3): the
decision states how much was paid over the period it takes back (Awb 3:46).
Each month is the norm valid on its first day (Pw art. 21-22a) minus the
vakantietoeslag reserved in it (Pw art. 19 lid 3, `bijstand.gereserveerd`: that
part was not paid out, and is counted in the vakantietoeslag instead). A part of
a month counts by calendar days, the method of eerste_maand.py (Pw art. 44 lid 1
gives bijstand per day from the day the right arose; the law sets no part-month
method, so the letter states it). Income is not deducted: the period is one in
which the full norm was paid. Rounding: money.py, per month.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from letterforge.compose.calc import bijstand
from letterforge.compose.calc.bijstand import Ages
from letterforge.compose.calc.money import round_cents
from letterforge.compose.calc.steps import Step, warnings_of
from letterforge.compose.calc.vakantietoeslag import MAX_MONTHS, add_months
from letterforge.compose.filters import maand
from letterforge.compose.norms import NormTable


@dataclass(frozen=True)
class BetaaldOverPeriode:
    """What was paid out over `van`..`tot` (Decimal euros) and its steps."""

    van: date
    tot: date
    bedrag: Decimal
    stappen: tuple[Step, ...]
    waarschuwingen: tuple[str, ...]


def betaald_over_periode(
    table: NormTable,
    start: date,
    end: date,
    household: str,
    *,
    aow_age: bool = False,
    housemates: int = 0,
    ages: Ages | None = None,
) -> BetaaldOverPeriode:
    """The bijstand paid out from `start` to `end` (both included).

    Raises ValueError (Dutch) when `end` lies before `start` or the period spans
    more than twelve months; NormUnavailable when a month has no norm.
    """
    if end < start:
        raise ValueError("het einde van de periode ligt voor het begin")
    steps: list[Step] = []
    warnings: list[str] = []
    total = Decimal("0.00")
    month = start.replace(day=1)
    while month <= end:
        if len(steps) >= MAX_MONTHS:
            raise ValueError("de periode is hoogstens twaalf maanden")
        norm = bijstand.bijstandsnorm(
            table, month, household, aow_age=aow_age, housemates=housemates, ages=ages
        )
        share = table.on("vakantietoeslag_percentage", month)
        for warning in (*norm.waarschuwingen, *warnings_of(share)):
            if warning not in warnings:
                warnings.append(warning)
        paid = norm.bedrag - bijstand.gereserveerd(norm.bedrag, share.value)
        in_month = calendar.monthrange(month.year, month.month)[1]
        first_day = max(start, month).day
        last_day = min(end, month.replace(day=in_month)).day
        days = last_day - first_day + 1
        label = f"Over {maand(month)}"
        if days != in_month:
            paid = round_cents(paid * days / in_month)
            label += f" ({days} van de {in_month} dagen)"
        # The norm's own article: 20 for the jongerennorm, 21 from 21 years.
        article = "20" if norm.jongerennorm else "21"
        source = f"Participatiewet art. 19 lid 3, {article} en 44 lid 1"
        steps.append(Step(label, paid, source))
        total += paid
        month = add_months(month, 1)
    steps.append(Step("Samen kreeg u", total))
    return BetaaldOverPeriode(start, end, total, tuple(steps), tuple(warnings))
