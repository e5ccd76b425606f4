"""Afzien van terugvordering: Participatiewet art. 58 lid 7 (a-d) and lid 8."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from letterforge.compose.calc.afzien import afzien
from letterforge.compose.norms import NormTable

DAY = date(2026, 11, 24)


@pytest.mark.parametrize(
    ("debt", "paid", "possible", "forgiven", "left"),
    [
        # the case: half of € 4.200 paid at once, nothing is left to pay
        ("4200.00", "2100.00", True, "2100.00", "0.00"),
        ("4200.01", "2100.00", False, "0.00", "2100.01"),  # € 2.100,005 needed
        ("4200.01", "2100.01", True, "2100.00", "0.00"),
        ("1000.00", "1000.00", True, "0.00", "0.00"),
    ],
    ids=[
        "pw58-7d-half-paid",
        "pw58-7d-just-below-half",
        "pw58-7d-just-half",
        "pw58-7d-all-paid",
    ],
)
def test_one_off_payment(
    table: NormTable, debt: str, paid: str, possible: bool, forgiven: str, left: str
) -> None:
    result = afzien(table, DAY, "eenmalige-betaling", Decimal(debt), paid=Decimal(paid))
    assert result.mogelijk is possible
    assert result.kwijtgescholden == Decimal(forgiven)
    assert result.nog_te_betalen == Decimal(left)


@pytest.mark.parametrize(
    ("ground", "start", "possible"),
    [
        ("tien-jaar-betaald", date(2016, 11, 24), True),
        ("tien-jaar-betaald", date(2016, 11, 25), False),
        ("tien-jaar-achterstand-betaald", date(2015, 1, 1), True),
        ("tien-jaar-geen-betaling", date(2020, 1, 1), False),
    ],
    ids=["pw58-7a-ten-years", "pw58-7a-one-day-short", "pw58-7b", "pw58-7c-too-soon"],
)
def test_ten_years(table: NormTable, ground: str, start: date, possible: bool) -> None:
    result = afzien(
        table, DAY, ground, Decimal("3000"), paid=Decimal("0"), collection_start=start
    )
    assert result.mogelijk is possible
    assert result.kwijtgescholden == (Decimal("3000") if possible else Decimal(0))


def test_urgent_reasons_forgive_what_the_college_chose(table: NormTable) -> None:
    result = afzien(
        table, DAY, "dringende-redenen", Decimal("950"), forgiven=Decimal("500")
    )
    assert (result.kwijtgescholden, result.nog_te_betalen) == (
        Decimal("500"),
        Decimal("450"),
    )


@pytest.mark.parametrize(
    ("ground", "kwargs"),
    [
        ("tien-jaar-betaald", {}),
        ("dringende-redenen", {}),
        ("dringende-redenen", {"forgiven": Decimal("2000")}),
        ("eenmalige-betaling", {"paid": Decimal("-1")}),
        ("zomaar", {}),
    ],
)
def test_bad_input(table: NormTable, ground: str, kwargs: dict[str, Decimal]) -> None:
    with pytest.raises(ValueError):
        afzien(table, DAY, ground, Decimal("950"), **kwargs)  # type: ignore[arg-type]
