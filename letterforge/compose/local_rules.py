"""The municipality's own rules (verordening, beleidsregels) that letters cite,
dated, from templates/_data/lokale-regels.yaml.

A letter that applies a local norm - such as which help housemates give each
other as gebruikelijke hulp (Wmo 2015 art. 2.3.5 lid 3 leaves that to the
municipality's verordening and beleidsregels) - names that local source, marked
as a rule of the municipality, never as national law. The text is data with a
source, never template text. Missing is loud: no rule for the id on the letter's
date refuses the letter; a rule whose status is "niet geverifieerd" is cited with
a warning on the letter.
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

LOCAL_RULES_FILE = Path("_data") / "lokale-regels.yaml"
_DATE = {"type": "string", "format": "date"}
_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["regels"],
    "properties": {
        "regels": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["id", "regeling", "artikel", "uitleg", "vanaf"]
                + ["status", "bron"],
                "properties": {
                    "id": {"type": "string", "pattern": "^[a-z_]+$"},
                    "regeling": {"type": "string", "minLength": 5},
                    "artikel": {"type": "string", "minLength": 1},
                    "uitleg": {"type": "string", "minLength": 5},
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
class LocalRule:
    """One local rule as valid on a day: `regulation` ("Verordening ... 2026"),
    `article` ("artikel 7 lid 2"), `explanation` (what it says, in B1 Dutch)."""

    rule_id: str
    regulation: str
    article: str
    explanation: str
    valid_from: date
    valid_until: date | None
    status: str
    source: str

    @property
    def warning(self) -> str | None:
        """A Dutch warning for the caseworker when the rule is not verified."""
        if self.status == VERIFIED:
            return None
        return (
            f"Niet gecontroleerd: {self.regulation}, {self.article} is niet "
            f"gecontroleerd in de bekendgemaakte tekst. Bron: {self.source} "
            "Controleer het voor u de brief verstuurt."
        )


def _date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _as_text(node: Any) -> Any:
    # YAML reads 2026-01-01 as a date; the schema checks text.
    if isinstance(node, dict):
        return {k: _as_text(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_as_text(v) for v in node]
    return node.isoformat() if isinstance(node, date) else node


@lru_cache(maxsize=8)
def load_local_rules(template_dir: Path) -> tuple[LocalRule, ...]:
    """Every local rule of a template library (cached: data changes with a
    deploy). Raises SettingsError when the file breaks the schema."""
    path = template_dir / LOCAL_RULES_FILE
    if not path.exists():
        return ()
    text = _as_text(yaml.safe_load(path.read_text(encoding="utf-8")))
    errors = list(jsonschema.Draft202012Validator(_SCHEMA).iter_errors(text))
    if errors:
        where = "/".join(str(p) for p in errors[0].absolute_path)
        raise SettingsError(f"{path.name}: {where}: {errors[0].message}")
    return tuple(
        LocalRule(
            rule_id=raw["id"],
            regulation=" ".join(raw["regeling"].split()),
            article=raw["artikel"],
            explanation=" ".join(raw["uitleg"].split()),
            valid_from=_date(raw["vanaf"]),
            valid_until=_date(raw["tot"]) if raw.get("tot") else None,
            status=raw["status"],
            source=" ".join(str(raw["bron"]).split()),
        )
        for raw in text["regels"]
    )


def local_rule_on(template_dir: Path, rule_id: str, day: date, field: str) -> LocalRule:
    """The local rule `rule_id` valid on `day`.

    Raises CaseCheckError naming `field` (the case field that made the letter
    apply the rule) when the data holds no such rule on that day."""
    for rule in load_local_rules(template_dir):
        if (
            rule.rule_id == rule_id
            and rule.valid_from <= day
            and (rule.valid_until is None or day <= rule.valid_until)
        ):
            return rule
    raise CaseCheckError(
        field,
        f"de gemeente heeft geen regel '{rule_id}' voor {dutch_date(day)} in "
        f"{LOCAL_RULES_FILE.as_posix()}; vraag de beheerder die toe te voegen",
    )
