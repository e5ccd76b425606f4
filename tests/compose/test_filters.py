from datetime import date
from decimal import Decimal

import pytest

from letterforge.compose import filters


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1234.56, "€\xa01.234,56"),
        (1234.5, "€\xa01.234,50"),
        ("0.1", "€\xa00,10"),
        (Decimal("1000000"), "€\xa01.000.000,00"),
        (-12, "€\xa0-12,00"),
    ],
)
def test_bedrag_keeps_the_non_breaking_space(value: object, expected: str) -> None:
    assert filters.bedrag(value) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("function", "value", "expected"),
    [
        (filters.datum, "2026-11-24", "24 november 2026"),
        (filters.datum, date(2026, 3, 1), "1 maart 2026"),
        (filters.datum_met_dag, "2026-11-24", "dinsdag 24 november 2026"),
        (filters.maand, "2026-03-01", "maart 2026"),
        (filters.weken, 1, "1 week"),
        (filters.weken, 6, "6 weken"),
        (filters.maanden, 24, "24 maanden"),
        (filters.getal, 1290000, "1.290.000"),
        (filters.getal, 3.5, "3,5"),
    ],
)
def test_dutch_formatting(function: object, value: object, expected: str) -> None:
    assert function(value) == expected  # type: ignore[operator]


def test_periode() -> None:
    assert (
        filters.periode("2026-01-01", "2026-03-31")
        == "1 januari 2026 tot en met 31 maart 2026"
    )


@pytest.mark.parametrize("value", ["2026-02-30", "morgen", ""])
def test_to_date_refuses_non_dates(value: str) -> None:
    with pytest.raises(ValueError, match="geen datum"):
        filters.to_date(value)
