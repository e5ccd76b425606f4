"""The largest dwangsom for a decision not taken in time (Awb art. 4:17).

Rule: € 23 a day for the first 14 days, € 35 a day for the next 14, € 45 a day
after that (lid 1), for at most 42 days (lid 2); all four numbers are dated norms
in templates/_data/normen.yaml. The maximum is their sum over the 42 days
(14 × 23 + 14 × 35 + 14 × 45 = € 1.442 since 1-10-2009; domain-law.md §1 gives
the same total as an inference). Whole euros; rounding: money.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from letterforge.compose.calc.money import round_cents
from letterforge.compose.calc.steps import Step, warnings_of
from letterforge.compose.norms import NormTable

BLOCK_DAYS = 14  # Awb 4:17 lid 1: the daily amount rises after each 14 days
_RATES = (
    ("dwangsom_per_dag_eerste_14_dagen", "Dag 1 tot en met 14"),
    ("dwangsom_per_dag_tweede_14_dagen", "Dag 15 tot en met 28"),
    ("dwangsom_per_dag_daarna", "Vanaf dag 29"),
)


@dataclass(frozen=True)
class MaximaleDwangsom:
    """The largest dwangsom in total (Decimal euros) and how it adds up."""

    bedrag: Decimal
    dagen: int
    stappen: tuple[Step, ...]
    waarschuwingen: tuple[str, ...]


def maximale_dwangsom(table: NormTable, day: date) -> MaximaleDwangsom:
    """The maximum total dwangsom for a term that ends on `day` (Awb 4:17).

    Raises NormUnavailable when the norms have no value for `day`."""
    max_days = table.on("dwangsom_maximum_dagen", day)
    left = int(max_days.value)
    total = Decimal(0)
    steps: list[Step] = []
    used = [max_days]
    for i, (norm_id, label) in enumerate(_RATES):
        rate = table.on(norm_id, day)
        used.append(rate)
        days = left if i == len(_RATES) - 1 else min(left, BLOCK_DAYS)
        if days <= 0:
            break
        left -= days
        amount = round_cents(rate.value * days)
        total += amount
        steps.append(Step(f"{label}: {days} × € {rate.value}", amount, rate.source))
    steps.append(Step("Samen hoogstens", round_cents(total), max_days.source))
    return MaximaleDwangsom(
        round_cents(total), int(max_days.value), tuple(steps), warnings_of(*used)
    )
