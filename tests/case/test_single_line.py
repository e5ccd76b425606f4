"""Every field that is printed on one line refuses line breaks, tabs and invisible
characters, in every template's schema: a name or address that spans lines would
move the address in the envelope window (attacker review, issue 14)."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from typing import Any

import pytest

from letterforge.case import validate_case
from letterforge.errors import CaseDataError
from letterforge.library import Library
from tests.conftest import load_sample

# Free text that may hold paragraphs (the lange_tekst definition); never an address.
MULTI_LINE = {"pattern": "\\S"}
BAD_TEXTS = [
    "X\nPostbus 666",
    "ELDERS\r\n",
    "Bos\n",
    "a\tb",
    "A\u202eB",
    "Z\u200bW",
    "p\u2028q",
]


def _string_nodes(node: Any, path: str) -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        if node.get("type") == "string":
            yield path, node
        for key, value in node.items():
            yield from _string_nodes(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _string_nodes(value, f"{path}[{index}]")


def test_every_string_field_is_limited_to_one_line(library: Library) -> None:
    loose = []
    for template in library.templates():
        for path, node in _string_nodes(template.schema, template.id):
            bounded = any(k in node for k in ("enum", "const", "format", "$ref"))
            pattern = str(node.get("pattern", ""))
            # Anchored at both ends: `$` is the end of the text (case/validate.py).
            one_line = pattern.startswith("^") and pattern.endswith("$")
            multi = str(node.get("pattern")) == MULTI_LINE["pattern"]
            if not (bounded or one_line or multi or path.endswith("/items")):
                loose.append(path)
    assert loose == []


ADDRESSEE_FIELDS = [
    ("ontvanger", "voorletters"),
    ("ontvanger", "tussenvoegsel"),
    ("ontvanger", "achternaam"),
    ("vertegenwoordiger", "voorletters"),
    ("vertegenwoordiger", "tussenvoegsel"),
    ("vertegenwoordiger", "achternaam"),
    ("kopie", "voorletters"),
    ("kopie", "tussenvoegsel"),
    ("kopie", "achternaam"),
]


def _case_with(part: str, field: str, value: str) -> tuple[dict[str, Any], str]:
    case: dict[str, Any] = copy.deepcopy(
        load_sample("toekenning-bijstand-alleenstaande")["case"]
    )
    person = {"voorletters": "K.", "achternaam": "Dijkstra", "rol": "bewindvoerder"}
    address = case["ontvanger"]["adres"]
    if part == "ontvanger":
        case["ontvanger"][field] = value
        return case, f"ontvanger.{field}"
    if part == "vertegenwoordiger":
        case["ontvanger"]["vertegenwoordiger"] = {
            **person,
            field: value,
            "adres": address,
        }
        return case, f"ontvanger.vertegenwoordiger.{field}"
    copy_to = {k: v for k, v in person.items() if k != "rol"}
    case["ontvanger"]["kopie_aan"] = [{**copy_to, field: value, "adres": address}]
    return case, f"ontvanger.kopie_aan.0.{field}"


@pytest.mark.parametrize(("part", "field"), ADDRESSEE_FIELDS)
@pytest.mark.parametrize("text", BAD_TEXTS, ids=lambda t: json.dumps(t))
def test_addressee_names_refuse_line_breaks_and_invisible_characters(
    library: Library, part: str, field: str, text: str
) -> None:
    case, path = _case_with(part, field, text)
    with pytest.raises(CaseDataError) as raised:
        validate_case(library.get("toekenning-bijstand").schema, case)
    assert path in [p.path for p in raised.value.problems]
