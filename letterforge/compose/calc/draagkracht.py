"""Draagkracht for bijzondere bijstand: what a resident can pay himself from income
above the bijstandsnorm.

Sources: Participatiewet art. 35 lid 1 (bijzondere bijstand only for costs the
resident cannot pay from his draagkracht; the law leaves the draagkracht to the
municipality). The share of the income above the norm that counts and the number
of months it counts over are local policy, kept as dated norm data
(`draagkracht_percentage`, `draagkracht_periode_maanden`, marked local policy and
unverified, so every letter warns the caseworker to check the municipality's own
rule). The norm is the bijstandsnorm on the day (art. 21-22a). Rounding: money.py,
once on the monthly draagkracht.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from letterforge.compose.calc import bijstand
from letterforge.compose.calc.bijstand import Ages
from letterforge.compose.calc.money import round_cents
from letterforge.compose.calc.steps import Step, warnings_of
from letterforge.compose.filters import procent
from letterforge.compose.norms import NormTable

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Draagkracht:
    """The draagkracht (Decimal euros) and how it was found."""

    inkomen: Decimal
    norm: Decimal
    boven_norm: Decimal
    percentage: Decimal
    per_maand: Decimal
    maanden: int
    totaal: Decimal
    stappen: tuple[Step, ...]
    waarschuwingen: tuple[str, ...]


def draagkracht(
    table: NormTable,
    day: date,
    household: str,
    income: Decimal,
    *,
    aow_age: bool = False,
    housemates: int = 0,
    ages: Ages | None = None,
) -> Draagkracht:
    """The draagkracht on `day` of a household with net `income` per month.

    Raises ValueError (Dutch) for a negative income; NormUnavailable when the norm
    or the local rule has no value on `day`."""
    if income < 0:
        raise ValueError("het inkomen mag niet negatief zijn")
    norm = bijstand.bijstandsnorm(
        table, day, household, aow_age=aow_age, housemates=housemates, ages=ages
    )
    share = table.on("draagkracht_percentage", day)
    period = table.on("draagkracht_periode_maanden", day)
    months = int(period.value)
    above = max(round_cents(income - norm.bedrag), Decimal("0.00"))
    per_month = round_cents(above * share.value / HUNDRED)
    total = per_month * months
    steps = (
        Step("Uw inkomen per maand", round_cents(income)),
        Step(_norm_label(norm), norm.bedrag, norm.bron),
        Step("Uw inkomen boven de norm", above),
        Step(
            f"Draagkracht: {procent(share.value)} daarvan, per maand",
            per_month,
            share.source,
        ),
        Step(f"Draagkracht over {months} maanden", total, period.source),
    )
    warnings = tuple(dict.fromkeys((*norm.waarschuwingen, *warnings_of(share, period))))
    return Draagkracht(
        round_cents(income),
        norm.bedrag,
        above,
        share.value,
        per_month,
        months,
        total,
        steps,
        warnings,
    )


def _norm_label(norm: bijstand.Bijstandsnorm) -> str:
    """The norm's row: at 18 to 20 it is the jongerennorm (Pw art. 20)."""
    if norm.jongerennorm:
        return f"Jongerennorm {norm.leefvorm} (18 tot 21 jaar)"
    return f"Bijstandsnorm {norm.leefvorm}"
