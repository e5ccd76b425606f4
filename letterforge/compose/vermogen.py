"""Vermogen for the bijstand: bezittingen minus schulden, against the vermogensgrens
of the leefvorm (Participatiewet art. 34 lid 1 and 3).

Pw 34 lid 1: vermogen is the value of what a person owns minus the debts. Lid 3:
the limit depends on the leefvorm (alleenstaande; alleenstaande ouder or gehuwden:
twice that). The limit is a dated norm (templates/_data/normen.yaml,
vermogensgrens_alleenstaande / vermogensgrens_gezin) on the peildatum, the date
of the aanvraag; never a number from the case. Amounts are Decimal in euro,
cents half up (filters.to_amount). Kept outside compose/calc (one module per rule)
only because that package belonged to another change at the time of writing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from letterforge.compose.calc.vermogen import _GRENS as LIMIT_NORMS
from letterforge.compose.environment import CaseCheckError
from letterforge.compose.filters import to_amount, to_date
from letterforge.compose.norms import load_table
from letterforge.errors import NormUnavailable

# The norm per leefvorm lives in one place, the erfenis rule (calc/vermogen.py);
# here only how the letter says the leefvorm.
HOUSEHOLD_WORDS: Mapping[str, str] = {
    "alleenstaande": "alleenstaande",
    "alleenstaande-ouder": "alleenstaande ouder",
    "gehuwden": "gehuwden of samenwonenden",
}


@dataclass(frozen=True)
class Item:
    description: str
    amount: Decimal


@dataclass(frozen=True)
class Vermogen:
    """The sum of Pw 34: `possessions` and `debts` item by item, their totals, the
    `vermogen` (possessions minus debts), the `limit` for `household` on `day`,
    and `above` (how much the vermogen exceeds the limit; 0 when it does not)."""

    household: str
    day: date
    possessions: tuple[Item, ...]
    debts: tuple[Item, ...]
    limit: Decimal
    limit_source: str

    @property
    def total_possessions(self) -> Decimal:
        return sum((i.amount for i in self.possessions), Decimal(0))

    @property
    def total_debts(self) -> Decimal:
        return sum((i.amount for i in self.debts), Decimal(0))

    @property
    def vermogen(self) -> Decimal:
        return self.total_possessions - self.total_debts

    @property
    def above(self) -> Decimal:
        return max(self.vermogen - self.limit, Decimal(0))


def _items(raw: Sequence[Mapping[str, Any]], field: str) -> tuple[Item, ...]:
    items = []
    for index, entry in enumerate(raw):
        try:
            amount = to_amount(entry["bedrag"])
        except (KeyError, TypeError, ValueError) as e:
            raise CaseCheckError(f"{field}.{index}.bedrag", "geef een bedrag") from e
        items.append(Item(str(entry["omschrijving"]), amount))
    return tuple(items)


def vermogen(
    template_dir: Path,
    warnings: list[str],
    household: str,
    possessions: Sequence[Mapping[str, Any]],
    debts: Sequence[Mapping[str, Any]],
    day: date | str,
) -> Vermogen:
    """Template function `vermogen_berekening(leefvorm, bezittingen, schulden,
    peildatum)`. Raises CaseCheckError naming the field for an unknown leefvorm or
    a date without a known limit; an unverified limit adds a warning."""
    norm_id = LIMIT_NORMS.get(household)
    if norm_id is None or household not in HOUSEHOLD_WORDS:
        known = ", ".join(LIMIT_NORMS)
        raise CaseCheckError("afwijzing.leefvorm", f"kies uit: {known}")
    peildatum = to_date(day)
    try:
        limit = load_table(template_dir).on(norm_id, peildatum)
    except NormUnavailable as e:
        raise CaseCheckError("aanvraag.datum", str(e)) from e
    if limit.warning and limit.warning not in warnings:
        warnings.append(limit.warning)
    return Vermogen(
        household=HOUSEHOLD_WORDS[household],
        day=peildatum,
        possessions=_items(possessions, "afwijzing.bezittingen"),
        debts=_items(debts, "afwijzing.schulden"),
        limit=limit.value,
        limit_source=limit.source,
    )
