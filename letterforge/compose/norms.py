"""Amounts and percentages with validity dates, from templates/_data/normen.yaml.

Norm amounts change every 1 January and 1 July, and fine categories every two years.
A template or calculator never holds such a number: it asks for a norm by id, and gets
the value valid on the letter's own date, with its source and status.

Missing is loud: a date for which the data has no value raises `NormUnavailable` (a
Dutch message for the caseworker), never an older value. A value whose status is
"niet geverifieerd" is used, but the lookup says so, so that the letter carries a
warning (see `NormValue.warning`). Updating the norms twice a year is a data change:
add a period with a new `vanaf` date to normen.yaml.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml
from babel.dates import format_date

from letterforge.compose.filters import bedrag, getal
from letterforge.errors import NormUnavailable, SettingsError

NORMS_FILE = Path("_data") / "normen.yaml"
VERIFIED = "bron gelezen"
UNVERIFIED = "niet geverifieerd"
_STATUS = {"enum": [VERIFIED, UNVERIFIED]}
_DATE = {"type": "string", "format": "date"}
_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["normen"],
    "properties": {
        "normen": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": [
                    "id",
                    "omschrijving",
                    "eenheid",
                    "bron",
                    "status",
                    "perioden",
                ],
                "properties": {
                    "id": {"type": "string", "pattern": "^[a-z][a-z0-9_]*$"},
                    "omschrijving": {"type": "string"},
                    "eenheid": {"enum": ["euro", "procent", "dagen", "weken", "getal"]},
                    "bron": {"type": "string", "minLength": 5},
                    "status": _STATUS,
                    "perioden": {
                        "type": "array",
                        "minItems": 1,
                        "items": {
                            "type": "object",
                            "additionalProperties": False,
                            "required": ["vanaf", "waarde"],
                            "properties": {
                                "vanaf": _DATE,
                                "tot": _DATE,
                                "waarde": {"type": "number"},
                                # A period may have its own status and source when
                                # they differ from the norm's (an older or newer year).
                                "status": _STATUS,
                                "bron": {"type": "string", "minLength": 5},
                            },
                        },
                    },
                },
            },
        },
        "gelijkgestelde_dagen": {
            "type": "object",
            "additionalProperties": False,
            "required": ["bron", "status", "bekend_tot", "dagen"],
            "properties": {
                "bron": {"type": "string", "minLength": 5},
                "status": _STATUS,
                "bekend_tot": _DATE,
                "dagen": {"type": "array", "items": _DATE},
            },
        },
    },
}


def dutch_date(day: date) -> str:
    """24 november 2026 (for messages; letters use the `datum` filter)."""
    return format_date(day, format="d MMMM y", locale="nl_NL")


@dataclass(frozen=True)
class Period:
    start: date
    end: date | None
    value: Decimal
    status: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class NormValue:
    """One norm as valid on one day: value, unit, where it comes from, how sure."""

    id: str
    description: str
    unit: str
    value: Decimal
    source: str
    status: str
    valid_from: date
    valid_until: date | None

    @property
    def verified(self) -> bool:
        return self.status == VERIFIED

    @property
    def warning(self) -> str | None:
        """A Dutch warning for the caseworker when the value is not verified."""
        if self.verified:
            return None
        shown = bedrag(self.value) if self.unit == "euro" else getal(self.value)
        # Said plainly, with the period and the source, so that the caseworker and
        # the jurist can check the one value without opening the norm data.
        return (
            f"Niet gecontroleerd: '{self.description}' is {shown} vanaf "
            f"{dutch_date(self.valid_from)}. Dit bedrag is niet gecontroleerd in de "
            f"officiële bron. Bron: {self.source}. Controleer het voor u de brief "
            "verstuurt."
        )


@dataclass(frozen=True)
class Norm:
    id: str
    description: str
    unit: str
    source: str
    status: str
    periods: tuple[Period, ...]

    def period_on(self, day: date) -> Period | None:
        """The period valid on `day`: the latest one that started on or before it."""
        valid = [
            p
            for p in self.periods
            if p.start <= day and (p.end is None or day <= p.end)
        ]
        return max(valid, key=lambda p: p.start) if valid else None

    def value_on(self, day: date) -> Decimal | None:
        period = self.period_on(day)
        return period.value if period else None

    def on(self, day: date) -> NormValue:
        """The norm on `day`; raises NormUnavailable when the data has no value."""
        period = self.period_on(day)
        if period is None:
            raise NormUnavailable(
                self.id,
                f"Voor {dutch_date(day)} is geen bedrag bekend voor "
                f"'{self.description}'. Wij gebruiken geen oud bedrag. Controleer "
                "de datum van de brief, of vraag de beheerder om de normen bij te "
                "werken.",
            )
        return NormValue(
            self.id,
            self.description,
            self.unit,
            period.value,
            period.source or self.source,
            period.status or self.status,
            period.start,
            period.end,
        )


@dataclass(frozen=True)
class EquatedDays:
    """Days a Royal decree equates with a general holiday (Atw art. 3 lid 3)."""

    days: frozenset[date]
    known_until: date
    source: str
    status: str


@dataclass(frozen=True)
class NormTable:
    """Every norm in the data, and the equated days; look values up by date."""

    norms: Mapping[str, Norm]
    equated_days: EquatedDays

    def on(self, norm_id: str, day: date) -> NormValue:
        """The value of `norm_id` on `day`.

        Raises NormUnavailable when the id is unknown or has no value on that day.
        """
        norm = self.norms.get(norm_id)
        if norm is None:
            raise NormUnavailable(
                norm_id, f"De norm '{norm_id}' staat niet in de normen."
            )
        return norm.on(day)


def _period(raw: dict[str, Any]) -> Period:
    end = raw.get("tot")
    return Period(
        start=date.fromisoformat(str(raw["vanaf"])),
        end=date.fromisoformat(str(end)) if end else None,
        value=Decimal(str(raw["waarde"])),
        status=raw.get("status"),
        source=raw.get("bron"),
    )


def _read(template_dir: Path) -> dict[str, Any]:
    path = template_dir / NORMS_FILE
    if not path.exists():
        return {"normen": []}
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    # YAML reads 2025-01-01 as a date; the schema checks text.
    errors = list(
        jsonschema.Draft202012Validator(_SCHEMA).iter_errors(_stringify(data))
    )
    if errors:
        where = "/".join(str(p) for p in errors[0].absolute_path)
        raise SettingsError(f"{path.name}: {where}: {errors[0].message}")
    return dict(data)


@lru_cache(maxsize=8)
def load_table(template_dir: Path) -> NormTable:
    """The norms of a template library (cached: the data changes with a deploy)."""
    data = _read(template_dir)
    norms = {
        raw["id"]: Norm(
            raw["id"],
            raw["omschrijving"],
            raw["eenheid"],
            raw["bron"],
            raw["status"],
            tuple(_period(p) for p in raw["perioden"]),
        )
        for raw in data["normen"]
    }
    raw_days = data.get("gelijkgestelde_dagen")
    if raw_days:
        days = EquatedDays(
            frozenset(date.fromisoformat(str(d)) for d in raw_days["dagen"]),
            date.fromisoformat(str(raw_days["bekend_tot"])),
            " ".join(str(raw_days["bron"]).split()),
            raw_days["status"],
        )
    else:
        days = EquatedDays(frozenset(), date.min, "geen gegevens", UNVERIFIED)
    return NormTable(norms, days)


def load_norms(template_dir: Path) -> dict[str, Norm]:
    return dict(load_table(template_dir).norms)


def _stringify(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _stringify(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_stringify(v) for v in node]
    if isinstance(node, date):
        return node.isoformat()
    return node


def norms_on(template_dir: Path, day: date) -> dict[str, Decimal]:
    """Every norm that has a value on `day`, by id (for listings, not letters)."""
    found = {}
    for norm_id, norm in load_norms(template_dir).items():
        value = norm.value_on(day)
        if value is not None:
            found[norm_id] = value
    return found


class LetterNorms(Mapping[str, Decimal]):
    """The norms as a template sees them: `normen.griffierecht_sociale_zekerheid`.

    A template gets the value valid on the letter's date. An id without a value on
    that date raises NormUnavailable (never an old value); an unverified value is
    given, and its warning is added to `warnings`, which the composer puts on the
    Letter.
    """

    def __init__(self, table: NormTable, day: date, warnings: list[str]) -> None:
        self._table = table
        self._day = day
        self._warnings = warnings

    def __getitem__(self, norm_id: str) -> Decimal:
        found = self._table.on(norm_id, self._day)
        if found.warning and found.warning not in self._warnings:
            self._warnings.append(found.warning)
        return found.value

    def __iter__(self) -> Iterator[str]:
        return iter(self._table.norms)

    def __len__(self) -> int:
        return len(self._table.norms)
