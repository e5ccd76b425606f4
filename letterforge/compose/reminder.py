"""The aanmaning (reminder) amounts: the aanmaningsvergoeding and the total due.

Awb 4:113 with the Besluit aanmaningsvergoeding: the fee is the low amount for a
claim below the threshold and the high amount from the threshold on. The three
values are dated norms in templates/_data/normen.yaml (aanmaningsvergoeding_laag,
_hoog, _grens); when a norm is missing for the letter's date we refuse loudly.
Money is Decimal; no rounding is needed (all inputs have whole cents).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from letterforge.compose.filters import to_amount

FEE_NORMS = (
    "aanmaningsvergoeding_laag",
    "aanmaningsvergoeding_hoog",
    "aanmaningsvergoeding_grens",
)


@dataclass(frozen=True)
class Reminder:
    """What an aanmaning asks: the open claim, the fee and their sum, in euro."""

    claim: Decimal
    fee: Decimal
    total: Decimal


def reminder(claim: Decimal | float | str, norms: Mapping[str, Decimal]) -> Reminder:
    """The fee and total for an open `claim` (euro) on the norms of the letter's date.

    Raises ValueError (a Dutch message) when a norm has no value on that date.
    """
    missing = [n for n in FEE_NORMS if n not in norms]
    if missing:
        raise ValueError(
            "er is geen aanmaningsvergoeding bekend voor de datum van de brief"
            f" ({', '.join(missing)} ontbreekt in normen.yaml)"
        )
    amount = to_amount(claim)
    high = amount >= norms["aanmaningsvergoeding_grens"]
    fee = norms["aanmaningsvergoeding_hoog" if high else "aanmaningsvergoeding_laag"]
    return Reminder(claim=amount, fee=fee, total=amount + fee)
