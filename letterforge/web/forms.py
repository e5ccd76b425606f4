"""A web form from a template's JSON Schema, and the form's answers back as case data.

Pure functions, no web framework: the caseworker pages show these fields and send the
answers back here. Dutch input is accepted the Dutch way: dates as 24-11-2026 and
amounts as 1.234,56. Problems come back per field path, in Dutch.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from letterforge.errors import Problem

MAX_ROWS = 10  # the most rows a form offers for a list of small objects
HIDDEN = frozenset({"$schema", "$defs", "title"})


@dataclass(frozen=True)
class Field:
    path: str
    label: str
    help: str
    kind: (
        str  # text, textarea, date, amount, integer, boolean, select, lines, checkboxes
    )
    required: bool
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Group:
    path: str
    label: str
    help: str
    items: tuple[Field | Group, ...] = field(default_factory=tuple)


def label_for(key: str) -> str:
    """'aflossing_per_maand' -> 'Aflossing per maand'."""
    words = key.replace("_", " ").replace("-", " ").strip()
    return words[:1].upper() + words[1:]


def _resolve(schema: Mapping[str, Any], node: Mapping[str, Any]) -> dict[str, Any]:
    """Follow a local $ref and merge the node's own keywords over it."""
    ref = node.get("$ref")
    if not isinstance(ref, str) or not ref.startswith("#/$defs/"):
        return dict(node)
    target = _resolve(schema, schema["$defs"][ref.removeprefix("#/$defs/")])
    return {**target, **{k: v for k, v in node.items() if k != "$ref"}}


def _kind(node: Mapping[str, Any]) -> tuple[str, tuple[str, ...]]:
    if "enum" in node:
        return "select", tuple(str(v) for v in node["enum"])
    kind = node.get("type")
    if node.get("format") == "datum":
        return "date", ()
    if node.get("format") == "bedrag":
        return "amount", ()
    if kind == "integer":
        return "integer", ()
    if kind == "number":
        return "amount", ()
    if kind == "boolean":
        return "boolean", ()
    if node.get("maxLength", 0) > 200:
        return "textarea", ()
    return "text", ()


def _array_field(
    schema: Mapping[str, Any], path: str, node: Mapping[str, Any], required: bool
) -> Field | Group:
    items = _resolve(schema, node.get("items", {}))
    label, help_text = label_for(path.rsplit(".", 1)[-1]), node.get("description", "")
    if "enum" in items or isinstance(items.get("x-keuzes"), list):
        choices = tuple(str(v) for v in items.get("enum", items.get("x-keuzes", [])))
        return Field(path, label, help_text, "checkboxes", required, choices)
    if items.get("type") == "object":
        count = min(int(node.get("maxItems", 3)), MAX_ROWS)
        rows = tuple(
            Group(
                f"{path}.{i}",
                f"{label} {i + 1}",
                "",
                _object_items(schema, f"{path}.{i}", items),
            )
            for i in range(count)
        )
        return Group(path, label, help_text, rows)
    return Field(path, label, help_text + " Eén per regel.", "lines", required)


def _object_items(
    schema: Mapping[str, Any], path: str, node: Mapping[str, Any]
) -> tuple[Field | Group, ...]:
    required = set(node.get("required", []))
    return tuple(
        _field(schema, f"{path}.{key}" if path else key, sub, key in required)
        for key, sub in node.get("properties", {}).items()
        if key not in HIDDEN
    )


def _field(
    schema: Mapping[str, Any], path: str, raw: Mapping[str, Any], required: bool
) -> Field | Group:
    node = _resolve(schema, raw)
    key = path.rsplit(".", 1)[-1]
    if node.get("type") == "object":
        return Group(
            path,
            label_for(key),
            node.get("description", ""),
            _object_items(schema, path, node),
        )
    if node.get("type") == "array":
        return _array_field(schema, path, node, required)
    kind, choices = _kind(node)
    return Field(
        path, label_for(key), node.get("description", ""), kind, required, choices
    )


def form_fields(schema: Mapping[str, Any]) -> tuple[Field | Group, ...]:
    """The form for a template: groups for objects, one field per value."""
    return _object_items(schema, "", schema)


# --- answers back to case data -------------------------------------------------

_DATE_NL = re.compile(r"^\s*(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\s*$")
_DATE_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})\s*$")
_AMOUNT_NL = re.compile(
    r"^\s*(?:€\s*)?(-?\d{1,3}(?:\.\d{3})*|-?\d+)(?:,(\d{1,2}))?\s*$"
)


def parse_date(text: str) -> str:
    """'24-11-2026' or '2026-11-24' -> '2026-11-24'; ValueError with a Dutch message."""
    if match := _DATE_NL.match(text):
        day, month, year = (int(g) for g in match.groups())
    elif match := _DATE_ISO.match(text):
        year, month, day = (int(g) for g in match.groups())
    else:
        raise ValueError("schrijf de datum als dag-maand-jaar, zoals 24-11-2026")
    try:
        return date(year, month, day).isoformat()
    except ValueError as e:
        raise ValueError("deze datum bestaat niet") from e


def parse_amount(text: str) -> float:
    """'1.234,56' or '€ 1234,5' -> 1234.56; ValueError with a Dutch message."""
    match = _AMOUNT_NL.match(text.replace("\xa0", " "))
    if match is None:
        raise ValueError("schrijf het bedrag zoals 1.234,56")
    whole = match.group(1).replace(".", "")
    cents = (match.group(2) or "0").ljust(2, "0")
    try:
        return float(Decimal(f"{whole}.{cents}"))
    except InvalidOperation as e:  # pragma: no cover - the pattern already checked it
        raise ValueError("schrijf het bedrag zoals 1.234,56") from e


def _value(item: Field, answers: Mapping[str, Any]) -> Any:
    raw = answers.get(item.path)
    if item.kind == "checkboxes":
        chosen = raw if isinstance(raw, list) else ([raw] if raw else [])
        return [c for c in chosen if c] or None
    if item.kind == "boolean":
        checked = raw in ("on", "ja", "true", "1")
        # An unticked box sends nothing; a required yes/no question then means "no".
        return checked if (checked or item.required) else None
    text = (raw if isinstance(raw, str) else "").strip()
    if not text:
        return None
    if item.kind == "lines":
        return [line.strip() for line in text.splitlines() if line.strip()]
    if item.kind == "date":
        return parse_date(text)
    if item.kind == "amount":
        return parse_amount(text)
    if item.kind == "integer":
        if not re.fullmatch(r"-?\d+", text):
            raise ValueError("vul een heel getal in")
        return int(text)
    return text


def _collect(
    items: tuple[Field | Group, ...],
    answers: Mapping[str, Any],
    problems: list[Problem],
) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for item in items:
        key = item.path.rsplit(".", 1)[-1]
        if isinstance(item, Group):
            inner = _collect(item.items, answers, problems)
            if inner and all(k.isdigit() for k in inner):
                result[key] = [inner[k] for k in sorted(inner, key=int)]
            elif inner:
                result[key] = inner
            continue
        try:
            value = _value(item, answers)
        except ValueError as e:
            problems.append(Problem(item.path, str(e), "format"))
            continue
        if value is not None:
            result[key] = value
    return result


def parse_form(
    schema: Mapping[str, Any], answers: Mapping[str, Any]
) -> tuple[dict[str, Any], list[Problem]]:
    """Case data from the form's answers; empty fields are left out. The template's
    schema validates the result afterwards, exactly as for the API."""
    problems: list[Problem] = []
    case = _collect(form_fields(schema), answers, problems)
    return case, problems
