"""Bijstand received too much, month by month, after a herziening for income.

Rule (Pw art. 54 lid 3 with art. 31-32): the right in a month is the bijstandsnorm
of that month minus the net income that counts in that month, never below zero.
What was paid over that month minus that right is what the resident received too
much (te veel); the sum over the months is what a terugvordering asks back (Pw
art. 58). Each month uses the norm valid on its first day from the dated norms
(norms change on 1 January and 1 July, so a whole month has one norm); amounts
include the vakantietoeslag, as the norms of art. 21-22 do.

Vakantietoeslag not yet paid out (Pw art. 19 lid 3, 45 lid 1): of each month's
bijstand a percentage is reserved and paid out only in June (vakantietoeslag.py,
`paid_out_on`). For a month whose reserve was not yet paid out on the letter's
date, the resident received the bijstand minus that reserve in cash. What he
received too much in cash is then that cash minus his right minus the reserve of
his right (both split by `bijstand.gereserveerd`, the project's one rule); the
rest of the difference is reserve we still hold, which is not recovered (Pw art.
58 recovers bijstand paid) but lowered: `vakantietoeslag_lager`. A month whose
reserve was paid out counts with the vakantietoeslag, as before.

Not applied: the inkomstenvrijlating of art. 31 lid 2 (n, r, y). Whether a resident
qualifies depends on facts this calculator does not have, and the shared reference
gives no amounts for it, so income goes in as the net amount that counts, after
any vrijlating the caseworker applied. Periods are whole calendar months.
Rounding: money.py (whole cents, half a cent up).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from letterforge.compose.calc import bijstand
from letterforge.compose.calc.bijstand import Bijstandsnorm
from letterforge.compose.calc.money import round_cents
from letterforge.compose.calc.steps import Step, warnings_of
from letterforge.compose.calc.vakantietoeslag import paid_out_on
from letterforge.compose.filters import maand
from letterforge.compose.norms import NormValue


@dataclass(frozen=True)
class MaandFeiten:
    """The facts of one month: its first day, the net income that counts (Decimal
    euros) and what we paid over it (None: the full norm of that month)."""

    maand: date
    inkomen: Decimal
    betaald: Decimal | None = None


@dataclass(frozen=True)
class TeVeelMaand:
    """One month of the calculation (Decimal euros)."""

    maand: date
    norm: Decimal
    inkomen: Decimal
    recht: Decimal  # norm − inkomen, at least 0.00 (incl. vakantietoeslag)
    betaald: Decimal  # what we paid over the month, incl. vakantietoeslag
    te_veel: Decimal  # uitbetaald − recht_uitbetaald: received too much in cash
    # What the resident received in cash over the month: `betaald` minus the
    # vakantietoeslag reserved in it while that reserve was not yet paid out
    # on the letter's date (else equal to `betaald`).
    uitbetaald: Decimal = Decimal("0.00")
    # The right in the same terms: `recht` minus its own reserve, or `recht`.
    recht_uitbetaald: Decimal = Decimal("0.00")
    # How much lower the reserved vakantietoeslag becomes (0.00 when paid out).
    vakantietoeslag_lager: Decimal = Decimal("0.00")
    # The vakantietoeslag of this month was still reserved on the letter's date.
    gereserveerd: bool = False


@dataclass(frozen=True)
class TeVeel:
    """Bijstand received too much over whole months (Decimal euros)."""

    van: date
    tot: date
    maanden: tuple[TeVeelMaand, ...]
    totaal: Decimal  # received too much in cash: the claim (Pw art. 58)
    netto: bool  # recovered in the calendar year it was paid (Pw art. 58 lid 5)
    stappen: tuple[Step, ...]
    waarschuwingen: tuple[str, ...]
    # The reserved vakantietoeslag lowered over months not yet paid out (Decimal
    # euros), and the first day of the June it will be paid in (None: none).
    vakantietoeslag_lager: Decimal = Decimal("0.00")
    vakantietoeslag_uitbetaling: date | None = None
    vakantietoeslag_percentage: Decimal | None = None  # of those months


class MonthError(ValueError):
    """A month's facts do not fit; `index` is the month's place in the input
    (None for the list as a whole). The message is Dutch."""

    def __init__(self, index: int | None, message: str) -> None:
        super().__init__(message)
        self.index = index


def _months(start: date, end: date) -> list[date]:
    out, month = [], start
    while month <= end:
        out.append(month)
        month = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
    return out


def _paid(
    fact: MaandFeiten,
    norm: Bijstandsnorm,
    paid_on: Callable[[date], Bijstandsnorm] | None,
    warnings: list[str],
) -> Decimal:
    """What was paid over the month: typed, the norm of the household paid for
    (adding its warnings), or the month's own norm."""
    if fact.betaald is not None:
        return round_cents(fact.betaald)
    if paid_on is None:
        return norm.bedrag
    paid_norm = paid_on(fact.maand.replace(day=1))
    for warning in paid_norm.waarschuwingen:
        if warning not in warnings:
            warnings.append(warning)
    return paid_norm.bedrag


def _add(warnings: list[str], new: Sequence[str]) -> None:
    for warning in new:
        if warning not in warnings:
            warnings.append(warning)


def in_cash(
    paid: Decimal, right: Decimal, percentage: Decimal | None
) -> tuple[Decimal, Decimal, Decimal]:
    """(received in cash, the right in cash, how much lower the reserve becomes)
    for a month whose vakantietoeslag (`percentage` %) is still reserved;
    for None (paid out) the payment and right as they are. Both reserves come
    from `bijstand.gereserveerd`, the one rule for the split."""
    if percentage is None:
        return paid, right, Decimal("0.00")
    cash = paid - bijstand.gereserveerd(paid, percentage)
    right_cash = right - bijstand.gereserveerd(right, percentage)
    return cash, right_cash, round_cents((paid - cash) - (right - right_cash))


def te_veel(
    norm_on: Callable[[date], Bijstandsnorm],
    letter_day: date,
    start: date,
    end: date,
    facts: Sequence[MaandFeiten],
    paid_on: Callable[[date], Bijstandsnorm] | None = None,
    *,
    holiday_on: Callable[[date], NormValue] | None = None,
) -> TeVeel:
    """The bijstand received too much from `start` (a first day of a month) to
    `end` (a last day of a month), one `MaandFeiten` for every month in it.

    `norm_on(day)` gives the household's bijstandsnorm on `day` (Pw art. 21-22a).
    `paid_on(day)`, when given, is the norm that was paid instead, for a month
    without `betaald`: a change of woonsituatie (paid as alleenstaande, right as
    gehuwden with the partner's income, or as kostendeler, Pw art. 3, 22a).
    `holiday_on(day)`: the vakantietoeslag percentage of the month (dated norm
    `vakantietoeslag_percentage`); with it, a month whose reserve was not yet
    paid out on `letter_day` counts in cash (see the module docstring). Without
    it every payment counts with its vakantietoeslag (only right when all of it
    was paid out).
    Raises ValueError (Dutch) for a period that is not whole months, and
    MonthError for a month outside the period, a month twice, a missing month, a
    negative amount, or a month in which nothing was received too much (that is
    not a herziening with a claim but a nabetaling).
    NormUnavailable when the norms have no value for a month.
    """
    if start.day != 1 or (end + timedelta(days=1)).day != 1 or end < start:
        raise ValueError(
            "de periode moet hele maanden zijn, van de eerste tot de laatste dag"
        )
    expected = _months(start, end)
    by_month: dict[date, tuple[int, MaandFeiten]] = {}
    for i, fact in enumerate(facts):
        month = fact.maand.replace(day=1)
        if month not in expected:
            raise MonthError(i, "deze maand valt buiten de periode")
        if month in by_month:
            raise MonthError(i, "deze maand staat er twee keer in")
        if fact.inkomen < 0 or (fact.betaald is not None and fact.betaald < 0):
            raise MonthError(i, "een bedrag mag niet negatief zijn")
        by_month[month] = (i, fact)
    missing = [m for m in expected if m not in by_month]
    if missing:
        raise MonthError(
            None,
            "vul elke maand van de periode in; er ontbreekt "
            + ", ".join(m.strftime("%Y-%m") for m in missing),
        )
    rows: list[TeVeelMaand] = []
    warnings: list[str] = []
    percentage: Decimal | None = None
    for month in expected:
        i, fact = by_month[month]
        norm = norm_on(month)
        _add(warnings, norm.waarschuwingen)
        income = round_cents(fact.inkomen)
        right = max(round_cents(norm.bedrag - income), Decimal("0.00"))
        paid = _paid(fact, norm, paid_on, warnings)
        share = None
        if holiday_on is not None and letter_day < paid_out_on(month):
            share = holiday_on(month)
            percentage = share.value
            _add(warnings, warnings_of(share))
        cash, right_cash, lower = in_cash(
            paid, right, None if share is None else share.value
        )
        too_much = round_cents(cash - right_cash)
        if too_much <= 0:
            raise MonthError(
                i,
                "in deze maand kreeg de inwoner niet te veel bijstand; laat de "
                "maand uit de periode of controleer het inkomen",
            )
        rows.append(
            TeVeelMaand(
                month,
                norm.bedrag,
                income,
                right,
                paid,
                too_much,
                cash,
                right_cash,
                lower,
                share is not None,
            )
        )
    total = round_cents(sum((r.te_veel for r in rows), Decimal(0)))
    lower_total = round_cents(sum((r.vakantietoeslag_lager for r in rows), Decimal(0)))
    pending = [r.maand for r in rows if r.gereserveerd]
    steps = (
        *(
            Step(
                f"Te veel over {maand(r.maand)}",
                r.te_veel,
                "Participatiewet art. 21-22a, 31, 32 en 54 lid 3",
            )
            for r in rows
        ),
        Step("Samen te veel", total, "Participatiewet art. 58"),
        *(
            (
                Step(
                    "Het vakantiegeld dat wij voor u opzijzetten, wordt lager",
                    lower_total,
                    "Participatiewet art. 19 lid 3 en 45 lid 1",
                ),
            )
            if lower_total
            else ()
        ),
    )
    return TeVeel(
        start,
        end,
        tuple(rows),
        total,
        end.year == letter_day.year,
        steps,
        tuple(warnings),
        lower_total,
        paid_out_on(pending[0]).replace(day=1) if pending else None,
        percentage,
    )
