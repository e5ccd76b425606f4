"""Dutch formatting for letters, built on babel (never the process locale).

Amounts keep babel's non-breaking space after the euro sign, so "€ 1.234,56" never
breaks over two lines; dates and percentages get non-breaking spaces too ("1 december
2026", "12,5 %"), in every output format, because the filters make the text.

Number grammar: counts are whole numbers and take the singular only for 1 ("1 maand",
"2 maanden"); numbers that are whole print without decimals ("3", never "3.0");
percentages and fractions use a decimal comma; zero is never negative ("€ 0,00", never
"€ -0,00"). A sentence that presumes an amount uses `bedrag_niet_nul`, which refuses 0.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal

LOCALE = "nl_NL"
CENT = Decimal("0.01")
NBSP = "\u00a0"


def to_date(value: date | str) -> date:
    """Accept a date or an ISO date string (as case data carries it)."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError) as e:
        raise ValueError(f"geen datum: {value!r}") from e


def to_amount(value: Decimal | int | float | str) -> Decimal:
    """An exact amount in cents; floats go through str() to avoid binary noise."""
    try:
        amount = Decimal(str(value)) if not isinstance(value, Decimal) else value
    except InvalidOperation as e:
        raise ValueError(f"geen bedrag: {value!r}") from e
    if not amount.is_finite() or abs(amount) >= 10**15:
        raise ValueError(f"geen bedrag: {value!r}")
    amount = amount.quantize(CENT, rounding=ROUND_HALF_UP)
    # -0.00 (from a negative amount that rounds to nothing) prints as "€ -0,00".
    return amount if amount != 0 else Decimal("0.00")


def _unbreakable(text: str) -> str:
    return text.replace(" ", NBSP)


def datum(value: date | str) -> str:
    """24 november 2026 (non-breaking spaces)"""
    return _unbreakable(format_date(to_date(value), format="d MMMM y", locale=LOCALE))


def datum_met_dag(value: date | str) -> str:
    """dinsdag 24 november 2026 (non-breaking spaces after the weekday)"""
    day = to_date(value)
    weekday = format_date(day, format="EEEE", locale=LOCALE)
    return f"{weekday} {datum(day)}"


def maand(value: date | str) -> str:
    """november 2026 (non-breaking space)"""
    return _unbreakable(format_date(to_date(value), format="MMMM y", locale=LOCALE))


def bedrag(value: Decimal | int | float | str) -> str:
    """€ 1.234,56 (with a non-breaking space)"""
    return format_currency(to_amount(value), "EUR", locale=LOCALE)


def bedrag_niet_nul(value: Decimal | int | float | str) -> str:
    """Like `bedrag`, for a sentence that presumes an amount ("U kreeg € … te veel"):
    refuses zero, so the letter never says "U kreeg € 0,00 te veel"."""
    if to_amount(value) == 0:
        raise ValueError("het bedrag is € 0,00; deze zin past dan niet in de brief")
    return bedrag(value)


def _number(value: int | float | Decimal | str) -> Decimal:
    if isinstance(value, bool):
        raise ValueError(f"geen getal: {value!r}")
    try:
        number = Decimal(str(value)) if not isinstance(value, Decimal) else value
    except InvalidOperation as e:
        raise ValueError(f"geen getal: {value!r}") from e
    if not number.is_finite():
        raise ValueError(f"geen getal: {value!r}")
    return number if number != 0 else Decimal(0)


def getal(value: int | float | Decimal | str) -> str:
    """1.290.000 or 3,5 — a whole number never prints as "3,0" or "3.0"."""
    number = _number(value)
    if number == number.to_integral_value():
        number = number.to_integral_value()
    return format_decimal(number, format="#,##0.##", locale=LOCALE)


def procent(value: int | float | Decimal | str) -> str:
    """20 %, 112,5 % or 43,33 % (decimal comma, at most two decimals, nbsp)."""
    return f"{getal(_number(value).quantize(CENT, rounding=ROUND_HALF_UP))}{NBSP}%"


def _count(value: int | float | Decimal | str) -> int:
    number = _number(value)
    if number != number.to_integral_value() or number < 0:
        raise ValueError(f"geen aantal: {value!r}")
    return int(number)


def aantal(value: int | float | Decimal | str, enkelvoud: str, meervoud: str) -> str:
    """1 medebewoner, 2 medebewoners, 0 medebewoners (singular only for 1)."""
    count = _count(value)
    return f"{getal(count)}{NBSP}{enkelvoud if count == 1 else meervoud}"


def periode(start: date | str, end: date | str) -> str:
    """1 januari 2026 tot en met 31 maart 2026"""
    return f"{datum(start)} tot en met {datum(end)}"


def dagen(count: int | float | Decimal | str) -> str:
    """1 dag, 14 dagen"""
    return aantal(count, "dag", "dagen")


def weken(count: int | float | Decimal | str) -> str:
    """1 week, 6 weken"""
    return aantal(count, "week", "weken")


def maanden(count: int | float | Decimal | str) -> str:
    """1 maand, 24 maanden"""
    return aantal(count, "maand", "maanden")


def jaren(count: int | float | Decimal | str) -> str:
    """1 jaar, 5 jaar (Dutch uses "jaar" after a number)"""
    return aantal(count, "jaar", "jaar")


# Amounts and percentages inside text that a caseworker typed ("€ 300", "10%"). The
# letter must show one money format, so typed figures are printed the way `bedrag` and
# `procent` print them: cents, a decimal comma and non-breaking spaces. Only the
# format changes, never the figure; an amount with a decimal point instead of a comma
# ("€ 12.5") is ambiguous in Dutch and left as typed for the reviewer to see.
_TYPED_AMOUNT = re.compile(
    r"€[ \xa0]?(?P<whole>\d{1,3}(?:\.\d{3})+|\d+)"
    r"(?:,(?P<cents>\d{1,2}|-))?(?![\d.,]*\d)"
)
_TYPED_PERCENT = re.compile(r"(?<=\d) ?%")


def _typed_amount(match: re.Match[str]) -> str:
    cents = match.group("cents")
    cents = "00" if cents in (None, "-") else cents.ljust(2, "0")
    return f"€{NBSP}{match.group('whole')},{cents}"


def getypte_tekst(text: str) -> str:
    """Typed text with its amounts and percentages in the letters' one format:
    "€ 300" → "€ 300,00", "€ 1.850" → "€ 1.850,00", "10%" → "10 %" (nbsp)."""
    if "€" not in text and "%" not in text:
        return text
    return _TYPED_PERCENT.sub(f"{NBSP}%", _TYPED_AMOUNT.sub(_typed_amount, text))


def dag_erna(value: date | str) -> date:
    """The next day: where a decision starts the day after a period ends."""
    return to_date(value) + timedelta(days=1)


FILTERS = {
    "dag_erna": dag_erna,
    "datum": datum,
    "datum_met_dag": datum_met_dag,
    "maand": maand,
    "bedrag": bedrag,
    "bedrag_niet_nul": bedrag_niet_nul,
    "getal": getal,
    "procent": procent,
    "aantal": aantal,
    "dagen": dagen,
    "weken": weken,
    "maanden": maanden,
    "jaren": jaren,
}
GLOBALS = {"periode": periode}
