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
        (Decimal("-0.001"), "€\xa00,00"),  # never "€ -0,00"
        (-0.0, "€\xa00,00"),
        ("301.255", "€\xa0301,26"),  # half a cent up, the one rounding rule
    ],
)
def test_bedrag_keeps_the_non_breaking_space(value: object, expected: str) -> None:
    assert filters.bedrag(value) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("function", "value", "expected"),
    [
        (filters.datum, "2026-11-24", "24\xa0november\xa02026"),
        (filters.datum, date(2026, 3, 1), "1\xa0maart\xa02026"),
        (filters.datum_met_dag, "2026-11-24", "dinsdag 24\xa0november\xa02026"),
        (filters.maand, "2026-03-01", "maart\xa02026"),
        (filters.weken, 1, "1\xa0week"),
        (filters.weken, 6, "6\xa0weken"),
        (filters.maanden, 24, "24\xa0maanden"),
        (filters.maanden, 1, "1\xa0maand"),
        (filters.maanden, 3.0, "3\xa0maanden"),
        (filters.maanden, Decimal("1.00"), "1\xa0maand"),
        (filters.jaren, 5, "5\xa0jaar"),
        (filters.dagen, 1, "1\xa0dag"),
        (filters.getal, 1290000, "1.290.000"),
        (filters.getal, 3.5, "3,5"),
        (filters.getal, 3.0, "3"),
        (filters.getal, Decimal("3.00"), "3"),
        (filters.getal, Decimal("-0.0"), "0"),
        (filters.procent, Decimal("112.5"), "112,5\xa0%"),
        (filters.procent, 20, "20\xa0%"),
        (filters.procent, 20.0, "20\xa0%"),
        (filters.procent, Decimal("4.8"), "4,8\xa0%"),
        (filters.procent, Decimal("43.33333"), "43,33\xa0%"),
    ],
)
def test_dutch_formatting(function: object, value: object, expected: str) -> None:
    assert function(value) == expected  # type: ignore[operator]


def test_periode() -> None:
    assert (
        filters.periode("2026-01-01", "2026-03-31")
        == "1\xa0januari\xa02026 tot en met 31\xa0maart\xa02026"
    )


@pytest.mark.parametrize("value", [0, "0", Decimal("-0.00")])
def test_a_sentence_that_presumes_an_amount_refuses_zero(value: object) -> None:
    with pytest.raises(ValueError, match="0,00"):
        filters.bedrag_niet_nul(value)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [1.5, -1, "twee", True])
def test_counts_must_be_whole_numbers(value: object) -> None:
    with pytest.raises(ValueError):
        filters.maanden(value)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", ["2026-02-30", "morgen", ""])
def test_to_date_refuses_non_dates(value: str) -> None:
    with pytest.raises(ValueError, match="geen datum"):
        filters.to_date(value)
