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
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from letterforge.compose.environment import CaseCheckError
from letterforge.compose.norms import UNVERIFIED, VERIFIED, NormTable, dutch_date
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
                    "postadres_algemeen": {
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
    # Without an afdeling, for a civil route (verzet, Pw 62b); () when not in
    # the data.
    general_lines: tuple[str, ...] = ()

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
            general_lines=tuple(raw.get("postadres_algemeen", ())),
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


COURT_FEE_NORM = "griffierecht_sociale_zekerheid"


@dataclass(frozen=True)
class CourtFee:
    """The griffierecht a resident pays for beroep or a voorlopige voorziening in
    a social security case (Awb 8:41), as a letter can state it.

    `amount` (euro, Decimal) is the value valid on the letter's date, `year` its
    calendar year. `changes_on` is 1 January of the next year when the remedy term
    runs into it; `next_amount` is that year's value when the norms data knows it,
    else None (the letter then says the amount may change, and `warning` tells the
    caseworker)."""

    amount: Decimal
    year: int
    changes_on: date | None
    next_amount: Decimal | None
    warning: str | None


def court_fee(table: NormTable, day: date, last_day: date) -> CourtFee:
    """Griffierecht for a letter dated `day` whose remedy term ends on `last_day`.

    The fee is set per calendar year (reference/domain-law-2026.md §8:41: 51, 53,
    54 for 2024-2026), so a term that crosses the year boundary can end under
    another amount. Raises
    NormUnavailable when no amount is known on `day` itself."""
    amount = table.on(COURT_FEE_NORM, day).value
    if last_day.year == day.year:
        return CourtFee(amount, day.year, None, None, None)
    new_year = date(day.year + 1, 1, 1)
    norm = table.norms[COURT_FEE_NORM]
    next_amount = norm.value_on(new_year)
    warning = None
    if next_amount is None:
        warning = (
            f"De termijn voor bezwaar of beroep loopt tot {dutch_date(last_day)}. "
            f"Voor {new_year.year} is nog geen griffierecht bekend in de normen. "
            "De brief zegt dat het bedrag op 1 januari kan veranderen. Vraag de "
            "beheerder het nieuwe bedrag toe te voegen."
        )
    return CourtFee(amount, day.year, new_year, next_amount, warning)
