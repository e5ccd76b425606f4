"""The vakantietoeslag built up since the last yearly payment, paid when bijstand ends.

Sources: Participatiewet art. 19 lid 3 (the algemene bijstand includes a
vakantietoeslag of a percentage of that bijstand; the percentage is dated norm data,
`vakantietoeslag_percentage`, a municipal setting of 4,8 % by law or 5 % in
practice) and art. 45 lid 1 (it is paid once a year in June over the preceding
twelve months, or within three months after the bijstand ends); reference
domain-law-2026 §1. The bijstand of each month is the norm valid in that month
(art. 21-22a) minus the income that counted in it (art. 31-32); the reserved part
is computed as in `bijstand.uitkering` (percentage of the bijstand incl. the
toeslag, the project's one rule) and rounded per month by money.py, so the total
equals what was reserved month by month.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

from letterforge.compose.calc import bijstand
from letterforge.compose.calc.bijstand import Ages
from letterforge.compose.calc.money import round_cents
from letterforge.compose.calc.steps import Step, warnings_of
from letterforge.compose.filters import bedrag, maand, procent
from letterforge.compose.norms import NormTable

# Pw art. 45 lid 1: within three months after the end of the bijstand.
PAY_WITHIN_MONTHS = 3
# A year of build-up at most: the June payment covers the preceding twelve months.
MAX_MONTHS = 12


@dataclass(frozen=True)
class Vakantietoeslag:
    """Built-up vakantietoeslag (Decimal euros) and the last day to pay it."""

    bedrag: Decimal
    opbouw_vanaf: date
    einddatum: date
    uiterlijk: date
    maanden: int
    stappen: tuple[Step, ...]
    waarschuwingen: tuple[str, ...]
    # The term of art. 45 lid 1 when it had already passed on the letter's date
    # (`uiterlijk` is then the late payment day, see `late_payment`); else None.
    termijn_voorbij: date | None = None


# When the term of art. 45 lid 1 has already passed (a right withdrawn later,
# back to a day months ago), the municipality pays at once: within two weeks of
# the letter. A municipal rule: the law sets nothing for a term already missed.
LATE_PAYMENT_DAYS = 14


def late_payment(result: Vakantietoeslag, letter_day: date) -> Vakantietoeslag:
    """`result` with its last payment day moved to two weeks after `letter_day`
    when the three months of art. 45 lid 1 ended before the letter (recorded in
    `termijn_voorbij`); unchanged otherwise."""
    if result.uiterlijk >= letter_day:
        return result
    return replace(
        result,
        uiterlijk=letter_day + timedelta(days=LATE_PAYMENT_DAYS),
        termijn_voorbij=result.uiterlijk,
    )


def add_months(first: date, count: int) -> date:
    """The first day of the month `count` months after the month of `first`."""
    index = first.month - 1 + count
    return date(first.year + index // 12, index % 12 + 1, 1)


# Pw art. 45 lid 1: the yearly payment is made in June.
PAYMENT_MONTH = 6


def paid_out_on(month: date) -> date:
    """The day by which the vakantietoeslag reserved in `month` was paid out with
    the yearly payment in June (Pw art. 45 lid 1): the last day of the first June
    after the month (a June payment covers June of the year before to May).

    This is the project's one rule for "already paid out": a letter dated before
    that day treats the month's reserve as still held (teveel.py, the erfenis
    claim). A bijstand that ended earlier is paid out at its end instead; the
    letters that end bijstand compute that themselves (opgebouwd_bij_einde)."""
    year = month.year if month.month < PAYMENT_MONTH else month.year + 1
    return date(year, PAYMENT_MONTH, 30)


def payment_deadline(end: date) -> date:
    """Last day to pay: three months after the last day with bijstand (art. 45).
    For an end within a month: the same day number three months on (or the last
    day of that month when it is shorter)."""
    after = end + timedelta(days=1)
    if after.day == 1:
        return add_months(after, PAY_WITHIN_MONTHS) - timedelta(days=1)
    first = add_months(end.replace(day=1), PAY_WITHIN_MONTHS)
    return first.replace(
        day=min(end.day, calendar.monthrange(first.year, first.month)[1])
    )


def _months(
    build_up_from: date, end: date, income: Mapping[date, Decimal]
) -> list[date]:
    """The first days of the months of the build-up; refuses what does not fit."""
    if build_up_from.day != 1:
        raise ValueError("moet de eerste dag van een maand zijn")
    if build_up_from > end:
        raise ValueError("de opbouw kan niet na het einde van de bijstand beginnen")
    months: list[date] = []
    month = build_up_from
    while month <= end and len(months) <= MAX_MONTHS:
        months.append(month)
        month = add_months(month, 1)
    if len(months) > MAX_MONTHS:
        raise ValueError(
            "de opbouw is hoogstens twaalf maanden: de vakantietoeslag wordt elk jaar "
            "in juni betaald (Participatiewet artikel 45 lid 1)"
        )
    if set(income) - set(months):
        raise ValueError("er is inkomen voor een maand buiten de opbouw")
    if any(amount < 0 for amount in income.values()):
        raise ValueError("een inkomen kan niet negatief zijn")
    return months


def _days_with_bijstand(first: date, end: date) -> tuple[int, int] | None:
    """(days with bijstand, days in the month) when `end` lies within the month
    of `first` before its last day; None for a whole month."""
    in_month = calendar.monthrange(first.year, first.month)[1]
    if end.year == first.year and end.month == first.month and end.day < in_month:
        return end.day, in_month
    return None


def _run_step(
    first: date,
    last: date,
    reserved: Decimal,
    percentage: Decimal,
    source: str,
    note: str,
) -> Step:
    """One table line for months with the same reserved amount; `note` says
    why a month differs (income, part of the month), "" for none."""
    if first == last:
        # Each row starts with a capital: the checker reads a table row that
        # starts with a digit as the rest of the row above (one long sentence).
        # With a note the row says less, so it stays on one line in the table.
        what = f"Over {maand(first)}: {procent(percentage)}" + (
            note or " van uw bijstand"
        )
        return Step(what, reserved, source)
    count = (last.year - first.year) * 12 + last.month - first.month + 1
    return Step(
        f"Over {maand(first)} tot en met {maand(last)}: {procent(percentage)} van "
        f"uw bijstand, {count} × {bedrag(reserved)}",
        reserved * count,
        source,
    )


def opgebouwd_bij_einde(
    table: NormTable,
    build_up_from: date,
    end: date,
    household: str,
    *,
    aow_age: bool = False,
    housemates: int = 0,
    ages: Ages | None = None,
    income: Mapping[date, Decimal] | None = None,
    paid_until: date | None = None,
) -> Vakantietoeslag:
    """The vakantietoeslag over the months from `build_up_from` (first day of the
    first month after the last yearly payment) to the month of `end` (the last day
    with bijstand), with `income` (first day of a month → net income that counted)
    deducted from that month's norm.

    `end` may lie within a month: that month counts by calendar days (a right
    withdrawn from a day within the month, Pw art. 54 lid 3). `paid_until`: the
    last day bijstand was paid when that is later than `end` (the right was
    withdrawn afterwards); the three months of art. 45 lid 1 run from it.

    Raises ValueError (Dutch) when `build_up_from` is not a first day,
    `build_up_from` lies after `end`, the build-up
    spans more than twelve months, or an income is negative or outside it; and
    NormUnavailable when a month has no norm or percentage.
    """
    income = dict(income or {})
    months = _months(build_up_from, end, income)
    total = Decimal("0.00")
    warnings: list[str] = []
    # (first month, last month, reserved per month, percentage, source, note)
    runs: list[tuple[date, date, Decimal, Decimal, str, str]] = []
    for first in months:
        norm = bijstand.bijstandsnorm(
            table, first, household, aow_age=aow_age, housemates=housemates, ages=ages
        )
        share = table.on("vakantietoeslag_percentage", first)
        for warning in (*norm.waarschuwingen, *warnings_of(share)):
            if warning not in warnings:
                warnings.append(warning)
        earned = income.get(first, Decimal("0.00"))
        paid = max(norm.bedrag - earned, Decimal("0.00"))
        reserved = bijstand.gereserveerd(paid, share.value)
        days = _days_with_bijstand(first, end)
        if days is not None:
            # A right that ends within the month: by calendar days, as for a
            # first month (eerste_maand.py; Pw art. 44 lid 1 per day).
            reserved = round_cents(reserved * days[0] / days[1])
        total += reserved
        # The base of a month with income is the norm minus that income.
        note = f" van {bedrag(paid)}" if earned else ""
        if days is not None:
            note += f", {days[0]} van {days[1]} dagen"
        run = (first, first, reserved, share.value, share.source, note)
        last = runs[-1] if runs else None
        # Months with the same amount share one line, so the table stays short.
        if last and not note and not last[5] and last[2:4] == run[2:4]:
            runs[-1] = (last[0], first, *last[2:])
        else:
            runs.append(run)
    steps = [_run_step(*run) for run in runs]
    steps.append(
        Step("Opgebouwde vakantietoeslag", total, "Participatiewet art. 45 lid 1")
    )
    return Vakantietoeslag(
        total,
        build_up_from,
        end,
        payment_deadline(max(end, paid_until or end)),
        len(months),
        tuple(steps),
        tuple(warnings),
    )
