"""The four-eyes rule: which letters wait for a second person before they are final.

The rule lives in the library, in `<template_dir>/_vier-ogen.yaml`, so every edge
(API, web pages, command line, batch) decides it the same way, once:

    altijd: [bestuurlijke-boete]              # always checked
    boven_bedrag:                             # checked above an amount (euro)
      terugvordering: {veld: terugvordering.bedrag, grens: "2000.00"}

Amounts are compared as Decimal; a missing file means no letter needs a check.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from letterforge.errors import TemplateError

RULE_FILE = "_vier-ogen.yaml"


@dataclass(frozen=True)
class AmountRule:
    """Check a letter when the amount at `field` (dotted path) exceeds `limit`."""

    field: str
    limit: Decimal


@dataclass(frozen=True)
class FourEyesRule:
    always: frozenset[str]
    above_amount: Mapping[str, AmountRule]

    def needs_check(self, template_id: str, case: Mapping[str, Any]) -> bool:
        """True when a letter of `template_id` with `case` waits for a second person.

        An amount that cannot be read as a number counts as above the limit: when
        in doubt, a colleague looks (schema validation refuses such input anyway)."""
        if template_id in self.always:
            return True
        rule = self.above_amount.get(template_id)
        if rule is None:
            return False
        value: Any = case
        for key in rule.field.split("."):
            value = value.get(key) if isinstance(value, Mapping) else None
        if value is None:
            return False
        try:
            return Decimal(str(value)) > rule.limit
        except InvalidOperation:
            return True


def _broken(detail: str) -> TemplateError:
    return TemplateError(RULE_FILE, detail)


def _amount_rule(template_id: str, data: Any) -> AmountRule:
    if not isinstance(data, Mapping) or not isinstance(data.get("veld"), str):
        raise _broken(f"'{template_id}' heeft 'veld' en 'grens' nodig")
    try:
        limit = Decimal(str(data.get("grens")))
    except InvalidOperation as e:
        raise _broken(f"'{template_id}': de grens is geen bedrag") from e
    if not limit.is_finite():
        raise _broken(f"'{template_id}': de grens is geen bedrag")
    return AmountRule(field=data["veld"], limit=limit)


@lru_cache(maxsize=8)
def load_four_eyes(template_dir: Path) -> FourEyesRule:
    """Read the rule of the library at `template_dir` (cached per folder)."""
    path = template_dir / RULE_FILE
    if not path.exists():
        return FourEyesRule(frozenset(), {})
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as e:
        raise _broken("het bestand is niet te lezen") from e
    if not isinstance(data, Mapping):
        raise _broken("het bestand moet velden 'altijd' en 'boven_bedrag' hebben")
    always = data.get("altijd") or []
    amounts = data.get("boven_bedrag") or {}
    if not isinstance(always, list) or not all(isinstance(t, str) for t in always):
        raise _broken("'altijd' moet een lijst met sjabloon-ids zijn")
    if not isinstance(amounts, Mapping):
        raise _broken("'boven_bedrag' moet per sjabloon een veld en grens geven")
    return FourEyesRule(
        always=frozenset(always),
        above_amount={str(k): _amount_rule(str(k), v) for k, v in amounts.items()},
    )
