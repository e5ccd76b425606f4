"""Amounts and percentages with validity dates, from templates/_data/normen.yaml.

Norm amounts change every 1 January and 1 July, and fine categories every two years.
A template never holds such a number: it asks for `normen.<id>`, and the letter gets
the value valid on its own date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from letterforge.errors import SettingsError

NORMS_FILE = Path("_data") / "normen.yaml"
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
                    "status": {"enum": ["bron gelezen", "niet geverifieerd"]},
                    "perioden": {
                        "type": "array",
                        "minItems": 1,
                        "items": {
                            "type": "object",
                            "additionalProperties": False,
                            "required": ["vanaf", "waarde"],
                            "properties": {
                                "vanaf": {"type": "string", "format": "date"},
                                "tot": {"type": "string", "format": "date"},
                                "waarde": {"type": "number"},
                            },
                        },
                    },
                },
            },
        }
    },
}


@dataclass(frozen=True)
class Period:
    start: date
    end: date | None
    value: Decimal


@dataclass(frozen=True)
class Norm:
    id: str
    description: str
    unit: str
    source: str
    status: str
    periods: tuple[Period, ...]

    def value_on(self, day: date) -> Decimal | None:
        """The value valid on `day`: the latest period that started on or before it."""
        valid = [
            p
            for p in self.periods
            if p.start <= day and (p.end is None or day <= p.end)
        ]
        return max(valid, key=lambda p: p.start).value if valid else None


def _period(raw: dict[str, Any]) -> Period:
    end = raw.get("tot")
    return Period(
        start=date.fromisoformat(str(raw["vanaf"])),
        end=date.fromisoformat(str(end)) if end else None,
        value=Decimal(str(raw["waarde"])),
    )


@lru_cache(maxsize=8)
def load_norms(template_dir: Path) -> dict[str, Norm]:
    path = template_dir / NORMS_FILE
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    # YAML reads 2025-01-01 as a date; the schema checks text.
    errors = list(
        jsonschema.Draft202012Validator(_SCHEMA).iter_errors(_stringify(data))
    )
    if errors:
        where = "/".join(str(p) for p in errors[0].absolute_path)
        raise SettingsError(f"{path.name}: {where}: {errors[0].message}")
    return {
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


def _stringify(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _stringify(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_stringify(v) for v in node]
    if isinstance(node, date):
        return node.isoformat()
    return node


def norms_on(template_dir: Path, day: date) -> dict[str, Decimal]:
    """Every norm that has a value on `day`, by id."""
    found = {}
    for norm_id, norm in load_norms(template_dir).items():
        value = norm.value_on(day)
        if value is not None:
            found[norm_id] = value
    return found
