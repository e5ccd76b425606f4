"""Files that start a batch: JSON Lines of REQUESTs, or the case data of one
template as JSON Lines or CSV (the beheer page's yearly norm letters).

A file is read whole before anything is written: a line that cannot be read
(not UTF-8, not JSON, a CSV value that does not fit its field) refuses the file
with one Dutch problem per line and field, so no batch is ever half made. Case
data that is readable but wrong (a field missing, a date out of range) is for
the letter's own validation: that line fails in the batch, with its problems.

CSV: the first row names the fields as paths in the case data
(`ontvanger.achternaam`, `wijziging.medebewoners`); `,` or `;` separates them
(Dutch spreadsheets write `;`). An empty cell leaves the field out. Values are
typed by the template's JSON Schema: whole numbers, amounts (`1234,56` or
`1234.56`), ja/nee; dates (`2026-07-01`) and postcodes are checked here too;
lists need JSON Lines.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from letterforge.case.messages import FORMAT_MESSAGES
from letterforge.case.validate import FORMATS
from letterforge.errors import Problem, RequestError
from letterforge.library import Template

BOM = b"\xef\xbb\xbf"
MAX_PROBLEMS = 50  # name the first ones; the rest would only bury them
_AMOUNT = re.compile(r"^-?[0-9]+([.,][0-9]+)?$")
_BOOLEANS = {
    "ja": True,
    "true": True,
    "1": True,
    "nee": False,
    "false": False,
    "0": False,
}


# Lines of a batch with their numbers: (line number, JSON text).
Numbered = list[tuple[int, str]]


def numbered_lines(lines: Iterable[bytes]) -> Iterator[tuple[int, bytes]]:
    """The one numbering of batch files, on every path (API JSON Lines,
    `letterforge batch -o` and `--wachtrij`, the beheer page): the physical line
    of the file, counted from 1, split at "\n" only; a blank line keeps its
    number and is skipped. So a problem names the line a person sees."""
    for number, line in enumerate(lines, start=1):
        if line.strip():
            yield number, line


def _refuse(problems: list[Problem]) -> RequestError:
    shown = problems[:MAX_PROBLEMS]
    more = len(problems) - len(shown)
    message = "Het bestand klopt niet; er is niets gestart."
    if more:
        message += f" Er zijn nog {more} fouten meer."
    return RequestError(message, tuple(shown))


def _texts(raw: bytes) -> Numbered:
    """(line number in the file, text) of every non-empty line (numbered_lines)."""
    if raw.startswith(BOM):
        raw = raw[len(BOM) :]
    found: Numbered = []
    problems: list[Problem] = []
    for number, line in numbered_lines(raw.split(b"\n")):
        try:
            text = line.decode("utf-8").strip()
        except UnicodeDecodeError:
            problems.append(
                Problem(
                    f"regel {number}", "is geen UTF-8; sla op als UTF-8", "encoding"
                )
            )
            continue
        if text:
            found.append((number, text))
    if problems:
        raise _refuse(problems)
    return found


def _bounded(lines: Numbered, max_lines: int) -> Numbered:
    if not lines:
        raise RequestError(
            "Het bestand is leeg.",
            (Problem("bestand", "er staan geen regels in", "required"),),
        )
    if len(lines) > max_lines:
        message = (
            f"ten hoogste {max_lines} regels per batch;"
            f" dit bestand heeft er {len(lines)}"
        )
        raise RequestError(
            "Het bestand is te groot.", (Problem("bestand", message, "max_items"),)
        )
    return lines


def request_lines(raw: bytes, max_lines: int) -> Numbered:
    """JSON Lines with one REQUEST per line (as POST /api/v1/batches takes them):
    the non-empty lines with their numbers. A line that is not a REQUEST fails on
    its own in the batch, as in the API."""
    return _bounded(_texts(raw), max_lines)


def _wrap(template: Template, case: Any) -> str:
    return json.dumps({"template": template.id, "case": case}, ensure_ascii=False)


def case_lines_from_json_lines(
    raw: bytes, template: Template, max_lines: int
) -> Numbered:
    """JSON Lines of case data for `template` (or whole REQUESTs for it)."""
    lines: Numbered = []
    problems: list[Problem] = []
    for number, text in _texts(raw):
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            problems.append(Problem(f"regel {number}", "is geen geldige JSON", "json"))
            continue
        if not isinstance(data, dict):
            problems.append(
                Problem(f"regel {number}", "moet een JSON-object zijn", "type")
            )
            continue
        if "template" in data:
            if data["template"] != template.id:
                problems.append(
                    Problem(
                        f"regel {number}, template",
                        f"hier alleen brieven '{template.id}'",
                        "enum",
                    )
                )
                continue
            lines.append((number, json.dumps(data, ensure_ascii=False)))
        else:
            lines.append((number, _wrap(template, data)))
    if problems:
        raise _refuse(problems)
    return _bounded(lines, max_lines)


def _field_schema(
    schema: Mapping[str, Any], path: list[str]
) -> Mapping[str, Any] | None:
    """The schema of the field at `path`, following local $refs; None if unknown."""
    defs = schema.get("$defs", {})
    node: Mapping[str, Any] = schema
    for part in path:
        node = _deref(node, defs)
        properties = node.get("properties")
        if not isinstance(properties, Mapping) or part not in properties:
            return None
        node = properties[part]
    return _deref(node, defs)


def _deref(node: Mapping[str, Any], defs: Mapping[str, Any]) -> Mapping[str, Any]:
    seen = 0
    while "$ref" in node and seen < 20:
        name = str(node["$ref"]).removeprefix("#/$defs/")
        node = {**defs.get(name, {}), **{k: v for k, v in node.items() if k != "$ref"}}
        seen += 1
    return node


def _typed(value: str, field: Mapping[str, Any]) -> tuple[Any, str | None]:
    """(the value in the field's JSON type, a Dutch problem or None)."""
    kind = field.get("type")
    if kind == "integer":
        return (
            (int(value), None)
            if re.fullmatch(r"-?[0-9]+", value)
            else (
                None,
                "geef een heel getal",
            )
        )
    if kind == "number":
        if not _AMOUNT.match(value):
            return (
                None,
                "geef een bedrag zoals 1234,56 (zonder punt voor duizendtallen)",
            )
        # The same float the API's JSON parser makes of this number.
        return json.loads(value.replace(",", ".")), None
    if kind == "boolean":
        if value.lower() not in _BOOLEANS:
            return None, "geef ja of nee"
        return _BOOLEANS[value.lower()], None
    if kind in ("array", "object"):
        return None, "een lijst of groep past niet in één cel; gebruik JSON Lines"
    # Dates (and postcodes) are checked here too, with the case checker's own
    # rules and words, so the refusal names every problem of the file at once.
    fmt = field.get("format")
    if fmt in ("datum", "briefdatum", "postcode") and not FORMATS.conforms(value, fmt):
        return None, FORMAT_MESSAGES[fmt]
    return value, None


def _put(case: dict[str, Any], path: list[str], value: Any) -> None:
    node = case
    for part in path[:-1]:
        node = node.setdefault(part, {})
    node[path[-1]] = value


def case_lines_from_csv(raw: bytes, template: Template, max_lines: int) -> Numbered:
    """CSV with field paths in the first row; one letter per further row."""
    numbered = _texts(raw)
    if not numbered:
        return _bounded([], max_lines)
    header_number, header = numbered[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    rows = list(
        csv.reader(io.StringIO("\n".join(t for _, t in numbered)), delimiter=delimiter)
    )
    columns = [c.strip() for c in rows[0]]
    problems: list[Problem] = []
    fields: list[Mapping[str, Any] | None] = []
    for column in columns:
        field = _field_schema(template.schema, column.split(".")) if column else None
        if field is None:
            problems.append(
                Problem(
                    f"regel {header_number}, kolom '{column}'",
                    f"dit veld kent de brief '{template.id}' niet",
                    "unknown_field",
                )
            )
        fields.append(field)
    if problems:
        raise _refuse(problems)
    lines: Numbered = []
    for (number, _), row in zip(numbered[1:], rows[1:], strict=False):
        if len(row) > len(columns):
            problems.append(
                Problem(
                    f"regel {number}", f"meer dan {len(columns)} kolommen", "columns"
                )
            )
            continue
        case: dict[str, Any] = {}
        for column, field, cell in zip(columns, fields, row, strict=False):
            value = cell.strip()
            if not value or field is None:
                continue
            typed, problem = _typed(value, field)
            if problem:
                problems.append(Problem(f"regel {number}, {column}", problem, "type"))
            else:
                _put(case, column.split("."), typed)
        lines.append((number, _wrap(template, case)))
    if problems:
        raise _refuse(problems)
    return _bounded(lines, max_lines)
