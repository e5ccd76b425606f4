from datetime import date
from decimal import Decimal

import pytest

from letterforge.compose.calculators import repayment_plan


@pytest.mark.parametrize(
    ("total", "monthly", "months", "last_amount", "last_month"),
    [
        (1850, 75, 25, Decimal("50.00"), date(2028, 12, 1)),
        (1800, 75, 24, Decimal("75.00"), date(2028, 11, 1)),
        (50, 75, 1, Decimal("50.00"), date(2026, 12, 1)),
        ("2345.67", "100", 24, Decimal("45.67"), date(2028, 11, 1)),
    ],
)
def test_repayment_plan(
    total: object, monthly: object, months: int, last_amount: Decimal, last_month: date
) -> None:
    plan = repayment_plan(total, monthly, date(2026, 11, 24))  # type: ignore[arg-type]
    assert plan.months == months
    assert plan.first_month == date(2026, 12, 1)
    assert plan.last_month == last_month
    assert plan.last_amount == last_amount
    assert plan.installments[-1].balance_after == 0
    assert sum(i.amount for i in plan.installments) == plan.total


def test_repayment_plan_starts_next_year_in_december() -> None:
    plan = repayment_plan(100, 50, date(2026, 12, 31))
    assert plan.first_month == date(2027, 1, 1)


@pytest.mark.parametrize(
    ("total", "monthly", "message"),
    [(100, 0, "groter dan 0"), (0, 10, "groter dan 0"), (100000, 1, "50 jaar")],
)
def test_repayment_plan_refuses(total: int, monthly: int, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        repayment_plan(total, monthly, date(2026, 11, 24))
