"""The repayment plan: monthly payments of a debt (the other calculators live in
letterforge.compose.calc, one module per rule)."""

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
