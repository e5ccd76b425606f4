"""When bijstand ends because of income from work, and what is left for the month
in which the income starts.

Source: Participatiewet art. 11 (bijstand only for who lacks the means), art. 31 lid 1
and art. 32 (income counts in the month it is for: the wages over the first month of
work are deducted from that month's bijstand), art. 21-22a (the norm of that month,
dated in templates/_data/normen.yaml; reference domain-law-2026 §1), art. 19 lid 3
and 45 lid 1 (part of that bijstand is reserved as vakantietoeslag and paid with the
vakantietoeslag after the end, so the last payment is net of it). Rules:

1. first month: bijstand = norm - net income of that month, never below 0. If the
   income is at least the norm, nothing is left and the bijstand ends on the last day
   of the month before;
2. otherwise the bijstand ends on the last day of the first month, but only when the
   income of a full month is at least the norm of the next month (else the bijstand
   does not end: refused, the letter would be wrong);
3. the last payment is the first month's bijstand minus the vakantietoeslag reserved
   in it (`bijstand.gereserveerd`), which the vakantietoeslag calculation pays.

Part month (Pw art. 32 lid 1: income counts in the month it is for). When the case
data give the day the work starts instead of the income over the first month, that
income is the monthly wage times the calendar days from that day to the end of the
month, divided by the days in the month (16 November: 15 of 30 days). Why this
method: the law gives no rule for a part month and the shared reference does not
settle one; it is a municipal rule, the same calendar-day method eerste_maand.py uses
for bijstand from a day within a month, and the letter says the figure is provisional
until the loonstrook, after which the month is settled. Marked as a municipal rule
in the step's source.

The inkomstenvrijlating (art. 31 lid 2 onder n) is not computed here: whether it
applies is the college's judgement, not a fact of the case data, so the case data
must state why it is not applied and the letter says so (for_templates.py
`_vrijlating_reden`). Rounding: money.py.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from letterforge.compose.calc import bijstand
from letterforge.compose.calc.bijstand import Ages
from letterforge.compose.calc.money import round_cents
from letterforge.compose.calc.steps import Step, warnings_of
from letterforge.compose.filters import maand, procent
from letterforge.compose.norms import NormTable


@dataclass(frozen=True)
class EindeDoorInkomen:
    """The end of the bijstand (Decimal euros per month, dates)."""

    einddatum: date  # the last day with bijstand
    eerste_maand: date  # first day of the month the income starts
    norm_eerste_maand: bijstand.Bijstandsnorm
    inkomen_eerste_maand: Decimal
    bijstand_eerste_maand: Decimal  # 0.00 when the income covers the norm
    vakantietoeslag_eerste_maand: Decimal  # reserved in it, paid with the toeslag
    betaling_eerste_maand: Decimal  # paid out over that month
    norm_daarna: bijstand.Bijstandsnorm
    inkomen_per_maand: Decimal
    stappen: tuple[Step, ...]
    waarschuwingen: tuple[str, ...]
    # Set when the first month's income was derived from the start of work
    # (`deel_van_maand`): it is then provisional until the loonstrook.
    deel: DeelVanMaand | None = None


@dataclass(frozen=True)
class DeelVanMaand:
    """Income over a part month by calendar days (Decimal euros; days as int)."""

    begindatum: date  # the first day of work
    dagen: int
    dagen_in_maand: int
    per_maand: Decimal
    bedrag: Decimal


def deel_van_maand(start: date, per_month: Decimal) -> DeelVanMaand:
    """The income from `start` to the end of its month: `per_month` x days /
    days in the month, rounded half up to cents (municipal rule, see the module
    docstring). Raises ValueError (Dutch) for a negative amount."""
    if per_month < 0:
        raise ValueError("een inkomen kan niet negatief zijn")
    in_month = calendar.monthrange(start.year, start.month)[1]
    days = in_month - start.day + 1
    return DeelVanMaand(
        start, days, in_month, per_month, round_cents(per_month * days / in_month)
    )


def _next_month(first: date) -> date:
    return (first + timedelta(days=32)).replace(day=1)


def einde_door_inkomen(
    table: NormTable,
    first_month: date,
    household: str,
    income_first_month: Decimal | None,
    income_per_month: Decimal,
    *,
    aow_age: bool = False,
    housemates: int = 0,
    ages: Ages | None = None,
    work_start: date | None = None,
) -> EindeDoorInkomen:
    """The end date and the bijstand over `first_month` (the first day of the month
    the income starts), from the net income over that month and over a full month.
    Give either `income_first_month` (known, e.g. from the loonstrook) or
    `work_start` (a day in `first_month`): then that month's income is derived from
    `income_per_month` by calendar days (`deel_van_maand`) and is provisional.

    Raises ValueError (Dutch) when `first_month` is not a first day, both or neither
    of `income_first_month` and `work_start` are given, `work_start` lies outside
    `first_month`, an income is negative, or the full-month income is below the
    norm (the bijstand does not end); NormUnavailable when a month has no norm.
    """
    if first_month.day != 1:
        raise ValueError("moet de eerste dag van een maand zijn")
    part: DeelVanMaand | None = None
    if work_start is not None:
        if income_first_month is not None:
            raise ValueError(
                "vul het inkomen over de eerste maand óf de begindatum van het werk "
                "in, niet allebei"
            )
        if (work_start.year, work_start.month) != (first_month.year, first_month.month):
            raise ValueError(
                "de begindatum van het werk moet in de maand van 'vanaf' liggen"
            )
        part = deel_van_maand(work_start, income_per_month)
        income_first_month = part.bedrag
    if income_first_month is None:
        raise ValueError(
            "vul het inkomen over de eerste maand of de begindatum van het werk in"
        )
    if income_first_month < 0 or income_per_month < 0:
        raise ValueError("een inkomen kan niet negatief zijn")
    norm = bijstand.bijstandsnorm(
        table, first_month, household, aow_age=aow_age, housemates=housemates, ages=ages
    )
    later = bijstand.bijstandsnorm(
        table,
        _next_month(first_month),
        household,
        aow_age=aow_age,
        housemates=housemates,
        ages=ages,
    )
    if income_per_month < later.bedrag:
        raise ValueError(
            "het inkomen per maand is lager dan de bijstandsnorm; de bijstand stopt "
            "dan niet. Verlaag de bijstand met een ander besluit"
        )
    # Round the income first, so that the table adds up in the cents it shows.
    income_first_month = round_cents(income_first_month)
    income_per_month = round_cents(income_per_month)
    month = maand(first_month)
    next_month = maand(_next_month(first_month))
    left = round_cents(max(norm.bedrag - income_first_month, Decimal(0)))
    holiday = table.on("vakantietoeslag_percentage", first_month)
    reserved = bijstand.gereserveerd(left, holiday.value)
    steps = [
        Step(f"Bijstandsnorm {month}", norm.bedrag, norm.bron),
        _income_step(month, income_first_month, part),
        Step(
            f"Bijstand over {month}",
            left,
            "Participatiewet art. 11 en art. 32",
        ),
        Step(
            f"Min vakantietoeslag {procent(holiday.value)}",
            reserved,
            holiday.source,
        ),
        Step(
            f"U krijgt over {month}",
            left - reserved,
            "Participatiewet art. 19 lid 3 en art. 45 lid 1",
        ),
        Step(f"Bijstandsnorm {next_month}", later.bedrag, later.bron),
        Step(
            f"Uw inkomen per maand vanaf {next_month}",
            round_cents(income_per_month),
            "Participatiewet art. 11: hoger dan de norm, dus geen bijstand meer",
        ),
    ]
    end = first_month - timedelta(days=1) if left == 0 else _next_month(first_month)
    if left != 0:
        end -= timedelta(days=1)
    warnings = tuple(
        dict.fromkeys(
            (*norm.waarschuwingen, *later.waarschuwingen, *warnings_of(holiday))
        )
    )
    return EindeDoorInkomen(
        end,
        first_month,
        norm,
        round_cents(income_first_month),
        left,
        reserved,
        left - reserved,
        later,
        round_cents(income_per_month),
        tuple(steps),
        warnings,
        part,
    )


def _income_step(month: str, income: Decimal, part: DeelVanMaand | None) -> Step:
    if part is None:
        return Step(
            f"Uw inkomen over {month}",
            round_cents(income),
            "Participatiewet art. 31 lid 1 en art. 32",
        )
    return Step(
        f"Uw inkomen over {month} (voorlopig)",
        part.bedrag,
        "Participatiewet art. 32 lid 1; deel van een maand per kalenderdag: "
        "gemeentelijke regel",
    )
