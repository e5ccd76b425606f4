"""Bijstand received too much per month: the norm of each month minus the income of
that month, against what was paid (Participatiewet art. 21-22a, 31, 32, 54 lid 3;
norms of domain-law-2026 §1: alleenstaande € 1.401,50 from 1-1-2026, € 1.419,46
from 1-7-2026)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from letterforge.compose.calc.bijstand import Bijstandsnorm, bijstandsnorm
from letterforge.compose.calc.teveel import MaandFeiten, MonthError, te_veel
from letterforge.compose.norms import NormTable, NormValue

LETTER = date(2026, 11, 24)


def _norm(table: NormTable, household: str = "alleenstaande", housemates: int = 0):  # type: ignore[no-untyped-def]
    def norm_on(day: date) -> Bijstandsnorm:
        return bijstandsnorm(table, day, household, housemates=housemates)

    return norm_on


CASES = [
    # (id, household, housemates, start, end, [(month, income, paid)], per month, total)
    (
        "Pw21-loon-maart-juni-2026",
        "alleenstaande",
        0,
        date(2026, 3, 1),
        date(2026, 6, 30),
        [
            ("2026-03", "450", None),
            ("2026-04", "475", None),
            ("2026-05", "500", None),
            ("2026-06", "425", None),
        ],
        ["450.00", "475.00", "500.00", "425.00"],
        "1850.00",
    ),
    (
        "Pw21-norm-changes-1-july-2026",
        "alleenstaande",
        0,
        date(2026, 6, 1),
        date(2026, 7, 31),
        [("2026-06", "1500", None), ("2026-07", "1500", None)],
        # income above the norm: the whole norm of each month was too much
        ["1401.50", "1419.46"],
        "2820.96",
    ),
    (
        "Pw22a-kostendeler-paid-less-than-norm",
        "alleenstaande",
        1,
        date(2026, 9, 1),
        date(2026, 9, 30),
        # kostendelersnorm 1-7-2026 A=2: 50 % of € 2.027,79 = € 1.013,90
        [("2026-09", "300.10", "913.90")],
        ["200.10"],
        "200.10",
    ),
    (
        "Pw21-gehuwden-one-cent",
        "gehuwden",
        0,
        date(2026, 2, 1),
        date(2026, 2, 28),
        [("2026-02", "0.01", None)],
        ["0.01"],
        "0.01",
    ),
]


@pytest.mark.parametrize(
    ("household", "housemates", "start", "end", "facts", "per_month", "total"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_te_veel(
    table: NormTable,
    household: str,
    housemates: int,
    start: date,
    end: date,
    facts: list[tuple[str, str, str | None]],
    per_month: list[str],
    total: str,
) -> None:
    result = te_veel(
        _norm(table, household, housemates),
        LETTER,
        start,
        end,
        [
            MaandFeiten(
                date.fromisoformat(m + "-01"),
                Decimal(i),
                None if p is None else Decimal(p),
            )
            for m, i, p in facts
        ],
    )
    assert [str(r.te_veel) for r in result.maanden] == per_month
    assert result.totaal == Decimal(total)
    assert result.netto
    for row in result.maanden:
        assert row.recht == max(row.norm - row.inkomen, Decimal("0.00"))
        assert row.te_veel == row.betaald - row.recht


BAD = [
    # (id, start, end, facts, index, message part)
    (
        "not-whole-months",
        date(2026, 3, 2),
        date(2026, 3, 31),
        [("2026-03", "1")],
        None,
        "hele maanden",
    ),
    (
        "month-outside",
        date(2026, 3, 1),
        date(2026, 3, 31),
        [("2026-03", "1"), ("2026-04", "1")],
        1,
        "buiten de periode",
    ),
    (
        "month-twice",
        date(2026, 3, 1),
        date(2026, 4, 30),
        [("2026-03", "1"), ("2026-03", "2")],
        1,
        "twee keer",
    ),
    (
        "month-missing",
        date(2026, 3, 1),
        date(2026, 5, 31),
        [("2026-03", "1"), ("2026-05", "1")],
        None,
        "2026-04",
    ),
    (
        "nothing-too-much",
        date(2026, 3, 1),
        date(2026, 3, 31),
        [("2026-03", "0")],
        0,
        "niet te veel",
    ),
    (
        "negative",
        date(2026, 3, 1),
        date(2026, 3, 31),
        [("2026-03", "-5")],
        0,
        "negatief",
    ),
]


@pytest.mark.parametrize(
    ("start", "end", "facts", "index", "part"),
    [c[1:] for c in BAD],
    ids=[c[0] for c in BAD],
)
def test_bad_facts_are_refused_in_dutch(
    table: NormTable,
    start: date,
    end: date,
    facts: list[tuple[str, str]],
    index: int | None,
    part: str,
) -> None:
    with pytest.raises(ValueError, match=part) as raised:
        te_veel(
            _norm(table),
            LETTER,
            start,
            end,
            [MaandFeiten(date.fromisoformat(m + "-01"), Decimal(i)) for m, i in facts],
        )
    if isinstance(raised.value, MonthError):
        assert raised.value.index == index


def test_an_earlier_year_is_not_netto(table: NormTable) -> None:
    result = te_veel(
        _norm(table),
        date(2027, 1, 5),
        date(2026, 12, 1),
        date(2026, 12, 31),
        [MaandFeiten(date(2026, 12, 1), Decimal("100"))],
    )
    assert not result.netto


def _holiday(table: NormTable):  # type: ignore[no-untyped-def]
    def holiday_on(day: date) -> NormValue:
        return table.on("vakantietoeslag_percentage", day)

    return holiday_on


RESERVED = [
    # (id, letter date, household, paid as, [(month, income)], cash te veel per
    #  month, reserve lowered per month, total, June of payment or None)
    (
        # De Vries: only June's 4,8 % is still held on 24-11-2026; 4,8 % of the
        # € 425,00 te veel (1.334,23 − (976,50 − 46,87)) is not recovered.
        "De-Vries-juni-nog-gereserveerd",
        LETTER,
        "alleenstaande",
        None,
        [
            ("2026-03", "450"),
            ("2026-04", "475"),
            ("2026-05", "500"),
            ("2026-06", "425"),
        ],
        ["450.00", "475.00", "500.00", "404.60"],
        ["0.00", "0.00", "0.00", "20.40"],
        "1829.60",
        date(2027, 6, 1),
    ),
    (
        # Bos: paid as alleenstaande, right as gehuwden minus the partner's wages;
        # June and July still held: 599,37 − 28,77 and 591,67 − 28,40.
        "Bos-betaald-als-alleenstaande",
        LETTER,
        "gehuwden",
        "alleenstaande",
        [
            ("2026-04", "1200"),
            ("2026-05", "1200"),
            ("2026-06", "1200"),
            ("2026-07", "1200"),
        ],
        ["599.37", "599.37", "570.60", "563.27"],
        ["0.00", "0.00", "28.77", "28.40"],
        "2332.61",
        date(2027, 6, 1),
    ),
    (
        # On the last day of June 2027 the June 2026 reserve has been paid out:
        # the whole te veel counts again.
        "paid-out-on-30-june",
        date(2027, 6, 30),
        "alleenstaande",
        None,
        [("2026-06", "425")],
        ["425.00"],
        ["0.00"],
        "425.00",
        None,
    ),
    (
        "still-held-on-29-june",
        date(2027, 6, 29),
        "alleenstaande",
        None,
        [("2026-06", "425")],
        ["404.60"],
        ["20.40"],
        "404.60",
        date(2027, 6, 1),
    ),
    (
        # May's reserve goes out in June of the same year.
        "may-paid-out-in-june",
        date(2026, 7, 1),
        "alleenstaande",
        None,
        [("2026-05", "500")],
        ["500.00"],
        ["0.00"],
        "500.00",
        None,
    ),
    (
        # Income above the norm: the right is 0.00, all cash received is too much,
        # and the whole reserve of the month is lowered.
        "no-right-at-all",
        LETTER,
        "alleenstaande",
        None,
        [("2026-07", "1500")],
        ["1351.33"],
        ["68.13"],
        "1351.33",
        date(2027, 6, 1),
    ),
]


@pytest.mark.parametrize(
    ("letter", "household", "paid_as", "facts", "cash", "lower", "total", "june"),
    [c[1:] for c in RESERVED],
    ids=[c[0] for c in RESERVED],
)
def test_reserved_vakantietoeslag_is_not_recovered(
    table: NormTable,
    letter: date,
    household: str,
    paid_as: str | None,
    facts: list[tuple[str, str]],
    cash: list[str],
    lower: list[str],
    total: str,
    june: date | None,
) -> None:
    months = [date.fromisoformat(m + "-01") for m, _ in facts]
    end = (months[-1].replace(day=28) + timedelta(days=4)).replace(day=1)
    result = te_veel(
        _norm(table, household),
        letter,
        months[0],
        end - timedelta(days=1),
        [MaandFeiten(m, Decimal(i)) for m, (_, i) in zip(months, facts, strict=True)],
        None if paid_as is None else _norm(table, paid_as),
        holiday_on=_holiday(table),
    )
    assert [str(r.te_veel) for r in result.maanden] == cash
    assert [str(r.vakantietoeslag_lager) for r in result.maanden] == lower
    assert result.totaal == Decimal(total)
    assert result.vakantietoeslag_uitbetaling == june
    assert result.vakantietoeslag_lager == sum(
        (Decimal(x) for x in lower), Decimal("0.00")
    )
    for row in result.maanden:
        # Never more than was received in cash; the reserve plus the cash claim
        # is the whole difference between what we paid and the right.
        assert Decimal("0.00") < row.te_veel <= row.uitbetaald
        assert row.te_veel == row.uitbetaald - row.recht_uitbetaald
        assert row.te_veel + row.vakantietoeslag_lager == row.betaald - row.recht
        assert row.gereserveerd == (row.vakantietoeslag_lager > 0)
