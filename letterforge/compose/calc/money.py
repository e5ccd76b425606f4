"""Money and the one rounding rule every calculator uses.

Rounding rule: amounts are rounded to whole cents, a half cent upwards (away from
zero), at the end of each step that produces an amount a letter shows. This is
"rekenkundig afronden", the rule of the worked examples in the reference
(shared/reference/domain-law-2026.md §1, "round half up to cents", which match the
MinBZK/regelrecht-laws test cases) and of Dutch payment practice. Never float, never
banker's rounding: 50 % of € 301,25 is € 150,63 and 50 % of € 301,35 is € 150,68.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")
HUNDRED = Decimal(100)
# Far above any amount in a letter; bounds the work of exact arithmetic and keeps
# quantize within Decimal's precision (1e308 as JSON would raise InvalidOperation).
LIMIT = Decimal(10) ** 12
ROUNDING_RULE = (
    "Bedragen worden afgerond op hele centen; een halve cent wordt naar boven afgerond."
)


def round_cents(value: Decimal) -> Decimal:
    """Round to whole cents, half a cent up; never returns negative zero."""
    rounded = value.quantize(CENT, rounding=ROUND_HALF_UP)
    return rounded if rounded != 0 else Decimal("0.00")


def parse_amount(value: object) -> Decimal:
    """An amount from case data: Decimal, int, float or a string with a dot.

    Floats go through str() so 301.35 stays 301.35. Raises ValueError (Dutch) for
    anything else, for NaN and infinity, and for more than two decimals.
    """
    if isinstance(value, bool) or not isinstance(value, (Decimal, int, float, str)):
        raise ValueError('moet een bedrag zijn, bijvoorbeeld "867.59"')
    try:
        amount = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except InvalidOperation as e:
        raise ValueError('moet een bedrag zijn, bijvoorbeeld "867.59"') from e
    if not amount.is_finite() or abs(amount) >= LIMIT:
        raise ValueError('moet een bedrag zijn, bijvoorbeeld "867.59"')
    if amount != amount.quantize(CENT, rounding=ROUND_HALF_UP):
        raise ValueError("mag niet meer dan twee cijfers achter de punt hebben")
    return round_cents(amount)


def percentage_of(amount: Decimal, percentage: Decimal) -> Decimal:
    """`percentage` % of `amount`, rounded by the rule above."""
    return round_cents(amount * percentage / HUNDRED)


def as_text(amount: Decimal) -> str:
    """The contract's form of an amount: "867.59" (dot, two decimals, no grouping)."""
    return f"{round_cents(amount):.2f}"
