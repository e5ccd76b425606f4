"""The rechtbanken letters send people to: name and postal address, dated, from
templates/_data/rechtbanken.yaml.

A beroep clause (Awb 8:1, 6:7) or a verhaal letter (Pw 62b verzet, 62h request)
names a rechtbank; a resident without DigiD must be able to send a paper
beroepschrift, so the letter prints the postal address too. The address is data
with a source, never template text. Missing is loud: a rechtbank without an
address on the letter's date refuses the letter (naming the field); an address
whose status is "niet geverifieerd" is printed with a warning on the letter.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from letterforge.compose.environment import CaseCheckError
from letterforge.compose.norms import UNVERIFIED, VERIFIED, dutch_date
from letterforge.errors import SettingsError

COURTS_FILE = Path("_data") / "rechtbanken.yaml"
_DATE = {"type": "string", "format": "date"}
_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["rechtbanken"],
    "properties": {
        "rechtbanken": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["naam", "postadres", "vanaf", "status", "bron"],
                "properties": {
                    "naam": {"type": "string", "pattern": "^rechtbank "},
                    "postadres": {
                        "type": "array",
                        "minItems": 2,
                        "maxItems": 5,
                        "items": {"type": "string", "minLength": 2},
                    },
                    "vanaf": _DATE,
                    "tot": _DATE,
                    "status": {"enum": [VERIFIED, UNVERIFIED]},
                    "bron": {"type": "string", "minLength": 5},
                },
            },
        }
    },
}


@dataclass(frozen=True)
class Court:
    """One rechtbank as valid on a day: `name` fits after "de" ("rechtbank
    Noord-Nederland"); `postal_lines` are the envelope lines of its postal address."""

    name: str
    postal_lines: tuple[str, ...]
    valid_from: date
    valid_until: date | None
    status: str
    source: str

    @property
    def warning(self) -> str | None:
        """A Dutch warning for the caseworker when the address is not verified."""
        if self.status == VERIFIED:
            return None
        return (
            f"Niet gecontroleerd: het postadres van de {self.name} "
            f"({', '.join(self.postal_lines)}) is niet gecontroleerd op "
            f"rechtspraak.nl. Bron: {self.source} Controleer het voor u de brief "
            "verstuurt."
        )


def _key(name: str) -> str:
    return " ".join(name.casefold().split())


def _date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


@lru_cache(maxsize=8)
def load_courts(template_dir: Path) -> tuple[Court, ...]:
    """Every rechtbank entry of a template library (cached: data changes with a
    deploy). Raises SettingsError when the file breaks the schema."""
    path = template_dir / COURTS_FILE
    if not path.exists():
        return ()
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    text = _as_text(data)
    errors = list(jsonschema.Draft202012Validator(_SCHEMA).iter_errors(text))
    if errors:
        where = "/".join(str(p) for p in errors[0].absolute_path)
        raise SettingsError(f"{path.name}: {where}: {errors[0].message}")
    return tuple(
        Court(
            name=raw["naam"],
            postal_lines=tuple(raw["postadres"]),
            valid_from=_date(raw["vanaf"]),
            valid_until=_date(raw["tot"]) if raw.get("tot") else None,
            status=raw["status"],
            source=" ".join(str(raw["bron"]).split()),
        )
        for raw in text["rechtbanken"]
    )


def _as_text(node: Any) -> Any:
    # YAML reads 2013-04-01 as a date; the schema checks text.
    if isinstance(node, dict):
        return {k: _as_text(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_as_text(v) for v in node]
    return node.isoformat() if isinstance(node, date) else node


def court_on(template_dir: Path, name: str, day: date, field: str) -> Court:
    """The rechtbank called `name` (case and spacing ignored) as valid on `day`.

    Raises CaseCheckError naming `field` (the case field or the profile key the
    name came from) when the data holds no address for it on that day."""
    found = [
        court
        for court in load_courts(template_dir)
        if _key(court.name) == _key(name)
        and court.valid_from <= day
        and (court.valid_until is None or day <= court.valid_until)
    ]
    if not found:
        raise CaseCheckError(
            field,
            f"voor de '{name}' kennen wij op {dutch_date(day)} geen postadres. "
            "Wij zetten geen adres in de brief dat wij niet kunnen nagaan. Vraag de "
            "beheerder om de rechtbank toe te voegen aan "
            f"templates/{COURTS_FILE.as_posix()}.",
        )
    return max(found, key=lambda court: court.valid_from)
