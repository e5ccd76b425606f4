"""Calculations that letters explain: in plain Python, so they are tested and exact."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, Decimal

from letterforge.compose.filters import to_amount, to_date

MAX_REPAYMENT_MONTHS = 600


@dataclass(frozen=True)
class Installment:
    number: int
    month: date
    amount: Decimal
    balance_after: Decimal


@dataclass(frozen=True)
class RepaymentPlan:
    """Monthly repayment of a debt: how many months, until when, what is left."""

    total: Decimal
    monthly: Decimal
    installments: tuple[Installment, ...]

    @property
    def months(self) -> int:
        return len(self.installments)

    @property
    def first_month(self) -> date:
        return self.installments[0].month

    @property
    def last_month(self) -> date:
        return self.installments[-1].month

    @property
    def last_amount(self) -> Decimal:
        return self.installments[-1].amount


def first_of_next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _add_months(first: date, count: int) -> date:
    index = first.month - 1 + count
    return date(first.year + index // 12, index % 12 + 1, 1)


def repayment_plan(
    total: Decimal | float | str, monthly: Decimal | float | str, start: date | str
) -> RepaymentPlan:
    """Split `total` into monthly payments of `monthly`, starting the month after
    `start`; the last payment is what is left."""
    total_amount, monthly_amount = to_amount(total), to_amount(monthly)
    if total_amount <= 0 or monthly_amount <= 0:
        raise ValueError("bedragen moeten groter dan 0 zijn")
    months = int((total_amount / monthly_amount).to_integral_value(ROUND_CEILING))
    if months > MAX_REPAYMENT_MONTHS:
        raise ValueError("het maandbedrag is te laag: dat duurt meer dan 50 jaar")
    first = first_of_next_month(to_date(start))
    balance = total_amount
    installments = []
    for number in range(1, months + 1):
        amount = min(monthly_amount, balance)
        balance -= amount
        installments.append(
            Installment(number, _add_months(first, number - 1), amount, balance)
        )
    return RepaymentPlan(total_amount, monthly_amount, tuple(installments))


# The bestuurlijke boete (Participatiewet art. 18a, Boetebesluit art. 2-2aa).
GUILT_LEVELS = ("opzet", "grove_schuld", "geen", "verminderd")
GUILT_WORDS = {
    "opzet": "u deed het met opzet",
    "grove_schuld": "u was heel onvoorzichtig (grove schuld)",
    "geen": "u had beter moeten opletten",
    "verminderd": "u kunt het minder verweten worden",
}


@dataclass(frozen=True)
class FineStep:
    """One line of the calculation table in the letter."""

    label: str
    amount: Decimal


@dataclass(frozen=True)
class FineDecision:
    """What the rules say: a warning or a fine, with every step that led there."""

    kind: str  # "waarschuwing" or "boete"
    amount: Decimal
    steps: tuple[FineStep, ...]
    reason: str
    needs_report: bool


def _warning(
    benefit: Decimal,
    norms: dict[str, Decimal],
    *,
    self_reported: bool,
    warned_recently: bool,
) -> str | None:
    """Why the rules give a warning instead of a fine, or None."""
    if warned_recently:
        return None
    if benefit <= norms["waarschuwing_grens"]:
        return "u niet meer dan € 150 te veel kreeg"
    if self_reported:
        return "u heeft het zelf op tijd aan ons doorgegeven"
    return None


def _cap_for_large_amounts(
    base: Decimal, benefit: Decimal, guilt: str, norms: dict[str, Decimal]
) -> Decimal:
    """Boetebesluit art. 2 lid 7: above 100/75 of the 3rd category, a fixed share."""
    third = norms["geldboete_categorie_3"]
    if benefit <= third * 100 / 75:
        return base
    share = {"geen": Decimal(50), "verminderd": Decimal(25)}.get(guilt)
    return (third * share / 75).quantize(Decimal("0.01")) if share else base


def fine(
    benefit: Decimal | float | str,
    guilt: str,
    norms: dict[str, Decimal],
    *,
    recidive: bool = False,
    self_reported: bool = False,
    warned_recently: bool = False,
    ability_to_pay: Decimal | float | str | None = None,
) -> FineDecision:
    """Apply the fine rules to the benefit wrongly received (benadelingsbedrag)."""
    if guilt not in GUILT_LEVELS:
        raise ValueError(
            f"verwijtbaarheid moet een van deze zijn: {', '.join(GUILT_LEVELS)}"
        )
    amount = to_amount(benefit)
    steps = [FineStep("Bedrag dat u te veel kreeg (benadelingsbedrag)", amount)]
    warning = _warning(
        amount, norms, self_reported=self_reported, warned_recently=warned_recently
    )
    if warning:
        return FineDecision("waarschuwing", Decimal(0), tuple(steps), warning, False)
    if amount == 0:
        base = norms["boete_zonder_benadeling"]
        steps.append(FineStep("Boete als er geen benadeling is", base))
    else:
        percentage = norms[f"boete_percentage_{guilt}"]
        if recidive:
            percentage = percentage * norms["boete_recidive_percentage"] / 100
        base = (amount * percentage / 100).quantize(Decimal("0.01"))
        steps.append(FineStep(f"{percentage.normalize():f}% van dat bedrag", base))
        base = _cap_for_large_amounts(base, amount, guilt, norms)
    cap = norms[
        "geldboete_categorie_5" if guilt == "opzet" else "geldboete_categorie_3"
    ]
    if amount == 0:
        cap = norms["geldboete_categorie_2"]
    result = min(base, cap)
    if ability_to_pay is not None and to_amount(ability_to_pay) < result:
        result = to_amount(ability_to_pay)
        steps.append(FineStep("Verlaagd tot wat u kunt betalen (draagkracht)", result))
    steps.append(FineStep("Boete", result))
    reason = GUILT_WORDS[guilt] + (
        " en u deed het eerder ook (recidive)" if recidive else ""
    )
    return FineDecision(
        "boete", result, tuple(steps), reason, result > norms["boete_rapport_grens"]
    )
