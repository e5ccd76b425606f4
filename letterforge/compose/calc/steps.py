"""The steps of a calculation, kept as data so a letter can explain them."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from letterforge.compose.calc.money import as_text


@dataclass(frozen=True)
class Step:
    """One line of a calculation: what was done, and its result.

    `omschrijving` is Dutch for the resident (B1); `bedrag` is the amount after the
    step (None for a step without an amount, such as a rule that applies); `bron`
    names the legal source or norm used.
    """

    omschrijving: str
    bedrag: Decimal | None = None
    bron: str = ""

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"omschrijving": self.omschrijving}
        if self.bedrag is not None:
            out["bedrag"] = as_text(self.bedrag)
        if self.bron:
            out["bron"] = self.bron
        return out


def warnings_of(*values: Any) -> tuple[str, ...]:
    """The distinct warnings of the norm values used, in order."""
    seen: list[str] = []
    for value in values:
        warning = getattr(value, "warning", None)
        if warning and warning not in seen:
            seen.append(warning)
    return tuple(seen)
