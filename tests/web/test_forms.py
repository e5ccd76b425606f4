"""Forms from JSON Schemas, and Dutch input back to case data."""

from __future__ import annotations

import pytest

from letterforge.library import Library
from letterforge.web.forms import (
    Field,
    Group,
    form_fields,
    parse_amount,
    parse_date,
    parse_form,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("24-11-2026", "2026-11-24"),
        ("1-2-2026", "2026-02-01"),
        ("24/11/2026", "2026-11-24"),
        ("2026-11-24", "2026-11-24"),
        (" 24.11.2026 ", "2026-11-24"),
    ],
)
def test_dutch_dates(text: str, expected: str) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31-02-2026", "deze datum bestaat niet"),
        ("morgen", "dag-maand-jaar"),
        ("2026-1-1", "dag-maand-jaar"),
    ],
)
def test_bad_dates(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_date(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.234,56", 1234.56),
        ("€ 1.234,5", 1234.5),
        ("75", 75.0),
        ("1234,56", 1234.56),
        ("1.290.000", 1290000.0),
        ("0,05", 0.05),
    ],
)
def test_dutch_amounts(text: str, expected: float) -> None:
    assert parse_amount(text) == expected


@pytest.mark.parametrize("text", ["12,3,4", "1,234.56", "twaalf", "1.23,00"])
def test_bad_amounts(text: str) -> None:
    with pytest.raises(ValueError, match="1.234,56"):
        parse_amount(text)


def _find(items: tuple[Field | Group, ...], path: str) -> Field | Group:
    for item in items:
        if item.path == path:
            return item
        if isinstance(item, Group) and path.startswith(item.path + "."):
            return _find(item.items, path)
    raise KeyError(path)


def test_fields_follow_the_schema(library: Library) -> None:
    fields = form_fields(library.get("beslissing-op-bezwaar").schema)
    assert isinstance(_find(fields, "bezwaar.argumenten.2"), Group)
    uitkomst = _find(fields, "bezwaar.uitkomst")
    assert isinstance(uitkomst, Field) and uitkomst.kind == "select"
    assert _find(fields, "bezwaar.datum").kind == "date"  # type: ignore[union-attr]
    motivering = _find(fields, "motivering")
    assert isinstance(motivering, Field) and motivering.choices == (
        "beoordeling",
        "niet-ontvankelijk",
    )


def test_answers_become_case_data_and_empty_ones_disappear(library: Library) -> None:
    schema = library.get("beslissing-op-bezwaar").schema
    case, problems = parse_form(
        schema,
        {
            "bezwaar.datum": "2-10-2026",
            "bezwaar.argumenten.0.argument": "Ik wist het niet.",
            "bezwaar.argumenten.0.reactie": "Dat begrijpen wij.",
            "bezwaar.argumenten.1.argument": "",
            "motivering": ["beoordeling"],
            "zaak.kenmerk": "JZ/1",
            "bezwaar.hoorzitting": "",
        },
    )
    assert problems == []
    assert case["bezwaar"]["datum"] == "2026-10-02"
    assert case["bezwaar"]["argumenten"] == [
        {"argument": "Ik wist het niet.", "reactie": "Dat begrijpen wij."}
    ]
    assert "hoorzitting" not in case["bezwaar"] and case["motivering"] == [
        "beoordeling"
    ]


def test_parse_problems_name_the_field(library: Library) -> None:
    schema = library.get("terugvordering").schema
    _, problems = parse_form(
        schema,
        {"terugvordering.bedrag": "veel", "terugvordering.periode.van": "gisteren"},
    )
    assert {p.path for p in problems} == {
        "terugvordering.bedrag",
        "terugvordering.periode.van",
    }
