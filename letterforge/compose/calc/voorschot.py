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

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from letterforge.compose.calc import bijstand
from letterforge.compose.calc.bijstand import Ages
from letterforge.compose.calc.money import percentage_of
from letterforge.compose.calc.steps import Step, warnings_of
from letterforge.compose.filters import bedrag, datum, maand, procent
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
    ages: Ages | None = None,
    given: Decimal | None = None,
) -> Voorschot:
    """The voorschot per month paid on `day`: `given` when the caseworker chose an
    amount, else the minimum (percentage × norm valid on `day`).

    Raises ValueError (Dutch) when `given` is below the minimum or above the norm
    (a voorschot is part of the bijstand that may follow, so never more than the
    norm), and NormUnavailable when no norm or percentage is known for `day`.
    """
    norm = bijstand.bijstandsnorm(
        table, day, household, aow_age=aow_age, housemates=housemates, ages=ages
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


def betaaldatum(table: NormTable, after: date) -> date:
    """The first regular payment day of bijstand after `after` (the letter's
    date): the day of the month in the norms data (`bijstand_betaaldag`, a local
    rule), in the month of `after` when it is still ahead, else the next month;
    a day past the month's end is its last day. Raises NormUnavailable."""
    pay_day = int(table.on("bijstand_betaaldag", after).value)
    year, month = after.year, after.month
    for _ in range(2):
        last = calendar.monthrange(year, month)[1]
        candidate = date(year, month, min(pay_day, last))
        if candidate > after:
            return candidate
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    raise AssertionError("unreachable: the next month always has the day")


def betaald_tot(table: NormTable, day: date) -> date:
    """The last day of the last month whose bijstand is paid out on `day`: the
    month of `day` once its payment day (`bijstand_betaaldag`) has come, else
    the month before. A letter cannot say a month was paid before it was.
    Raises NormUnavailable."""
    pay_day = int(table.on("bijstand_betaaldag", day).value)
    first = day.replace(day=1)
    if day.day >= min(pay_day, calendar.monthrange(day.year, day.month)[1]):
        return first.replace(day=calendar.monthrange(day.year, day.month)[1])
    return first - timedelta(days=1)


@dataclass(frozen=True)
class Verrekening:
    """The voorschot set off against the bijstand paid out so far (Decimal euros).

    `maanden`: (first day of the month, bijstand paid out for it) from the
    ingangsdatum through the month of `betaaldatum`; `nog_te_krijgen` is what
    is paid on `betaaldatum`; `rest_voorschot` is the part of the voorschot still
    to be set off against later months (0.00 when the bijstand covers it)."""

    maanden: tuple[tuple[date, Decimal], ...]
    totaal: Decimal
    voorschot: Decimal
    nog_te_krijgen: Decimal
    rest_voorschot: Decimal
    betaaldatum: date
    stappen: tuple[Step, ...]


def verrekening(
    months: Sequence[tuple[date, Decimal]], advance: Decimal, pay_date: date
) -> Verrekening:
    """Set the voorschot `advance` off against the bijstand paid out for
    `months` ((first day of month, euros paid out), in order).

    Rule (Pw art. 52 lid 2: the voorschot is set off against the bijstand that
    is granted; the law does not say against which part): it is set off against
    the bijstand paid out each month, not against the vakantiegeld reserved for
    June (Pw art. 19 lid 3). The reserve stays whole, so the June payment is
    the same as without a voorschot, and the letter says so. Raises ValueError
    (Dutch) for no months or a negative amount."""
    if not months:
        raise ValueError("er is geen maand bijstand om het voorschot mee te verrekenen")
    if advance < 0 or any(amount < 0 for _, amount in months):
        raise ValueError("een bedrag mag niet negatief zijn")
    total = sum((amount for _, amount in months), Decimal("0.00"))
    still = max(total - advance, Decimal("0.00"))
    rest = max(advance - total, Decimal("0.00"))
    steps = (
        *(Step(f"Bijstand over {maand(m)}", amount) for m, amount in months),
        Step("Min het voorschot", advance, "Participatiewet art. 52"),
        Step(f"U krijgt nog op {datum(pay_date)}", still),
    )
    return Verrekening(tuple(months), total, advance, still, rest, pay_date, steps)
