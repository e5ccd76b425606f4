"""Dutch formatting for letters, built on babel (never the process locale).

Amounts keep babel's non-breaking space after the euro sign, so "€ 1.234,56" never
breaks over two lines.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal

LOCALE = "nl_NL"
CENT = Decimal("0.01")


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
    return amount.quantize(CENT)


def datum(value: date | str) -> str:
    """24 november 2026"""
    return format_date(to_date(value), format="d MMMM y", locale=LOCALE)


def datum_met_dag(value: date | str) -> str:
    """dinsdag 24 november 2026"""
    return format_date(to_date(value), format="EEEE d MMMM y", locale=LOCALE)


def maand(value: date | str) -> str:
    """november 2026"""
    return format_date(to_date(value), format="MMMM y", locale=LOCALE)


def bedrag(value: Decimal | int | float | str) -> str:
    """€ 1.234,56 (with a non-breaking space)"""
    return format_currency(to_amount(value), "EUR", locale=LOCALE)


def getal(value: int | float | Decimal) -> str:
    """1.290.000 or 3,5"""
    return format_decimal(value, locale=LOCALE)


def periode(start: date | str, end: date | str) -> str:
    """1 januari 2026 tot en met 31 maart 2026"""
    return f"{datum(start)} tot en met {datum(end)}"


def weken(count: int) -> str:
    """1 week, 6 weken"""
    return f"{count} week" if count == 1 else f"{count} weken"


def maanden(count: int) -> str:
    """1 maand, 24 maanden"""
    return f"{count} maand" if count == 1 else f"{count} maanden"


FILTERS = {
    "datum": datum,
    "datum_met_dag": datum_met_dag,
    "maand": maand,
    "bedrag": bedrag,
    "getal": getal,
    "weken": weken,
    "maanden": maanden,
}
GLOBALS = {"periode": periode}
