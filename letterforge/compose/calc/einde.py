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

The inkomstenvrijlating (art. 31 lid 2 onder n) is not computed here: whether it
applies is the college's judgement, not a fact of the case data, so the case data
must state why it is not applied and the letter says so (for_templates.py
`_vrijlating_reden`). Rounding: money.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from letterforge.compose.calc import bijstand
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


def _next_month(first: date) -> date:
    return (first + timedelta(days=32)).replace(day=1)


def einde_door_inkomen(
    table: NormTable,
    first_month: date,
    household: str,
    income_first_month: Decimal,
    income_per_month: Decimal,
    *,
    aow_age: bool = False,
    housemates: int = 0,
) -> EindeDoorInkomen:
    """The end date and the bijstand over `first_month` (the first day of the month
    the income starts), from the net income over that month and over a full month.

    Raises ValueError (Dutch) when `first_month` is not a first day, an income is
    negative, or the full-month income is below the norm (the bijstand does not end);
    NormUnavailable when a month has no norm.
    """
    if first_month.day != 1:
        raise ValueError("moet de eerste dag van een maand zijn")
    if income_first_month < 0 or income_per_month < 0:
        raise ValueError("een inkomen kan niet negatief zijn")
    norm = bijstand.bijstandsnorm(
        table, first_month, household, aow_age=aow_age, housemates=housemates
    )
    later = bijstand.bijstandsnorm(
        table,
        _next_month(first_month),
        household,
        aow_age=aow_age,
        housemates=housemates,
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
        Step(
            f"Uw inkomen over {month}",
            round_cents(income_first_month),
            "Participatiewet art. 31 lid 1 en art. 32",
        ),
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
    )
