"""The aanmaningsvergoeding (Awb 4:113) from the dated norms."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from letterforge.compose.norms import norms_on
from letterforge.compose.reminder import reminder
from letterforge.settings import Settings


@pytest.mark.parametrize(
    ("claim", "fee", "total"),
    [
        ("300.00", "9", "309.00"),
        ("453.99", "9", "462.99"),
        ("454.00", "20", "474.00"),
        ("1250.00", "20", "1270.00"),
        (0.01, "9", "9.01"),
    ],
)
def test_fee_follows_the_threshold(
    claim: str | float, fee: str, total: str, settings: Settings
) -> None:
    norms = norms_on(settings.template_dir, date(2026, 11, 24))
    result = reminder(claim, norms)
    assert result.fee == Decimal(fee)
    assert result.total == Decimal(total)


def test_a_date_without_norms_is_refused_loudly(settings: Settings) -> None:
    norms = norms_on(settings.template_dir, date(2024, 6, 1))
    with pytest.raises(ValueError, match="aanmaningsvergoeding"):
        reminder("100.00", norms)
