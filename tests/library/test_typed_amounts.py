"""No amount is typed into a template: every amount a letter prints comes from a
calculator or the dated norms (templates/_data/normen.yaml) with its source.

The kind caught here: a number literal that reaches the money or percentage
filters (`{{ 1442 | bedrag }}`, `{{ (x * 0.95) | bedrag }}`, `bedrag(1442)`), and a
euro sign followed by digits anywhere in template source (`€ 1.442` in text or in
a string). Day, week and count numbers in prose ("twee weken", "artikel 4:17") are
not amounts and stay out of these patterns."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
SOURCES = sorted(
    p for p in TEMPLATES.rglob("*.j2") if "_data" not in p.relative_to(TEMPLATES).parts
)
MONEY_FILTERS = r"(?:bedrag|bedrag_niet_nul|procent)"
# One {{ ... }} expression that ends in a money filter.
MONEY_EXPRESSION = re.compile(
    r"\{\{(?P<expr>(?:(?!\}\}).)*?)\|\s*"
    + MONEY_FILTERS
    + r"\s*(?:\([^)]*\))?\s*-?\}\}",
    re.S,
)
MONEY_CALL = re.compile(r"\b" + MONEY_FILTERS + r"\(\s*-?\d")
EURO_DIGITS = re.compile(r"(?:€|&euro;|EUR)(?:\s|\xa0|&nbsp;)*\d")
NUMBER = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?![\w.])")


def _without_strings_and_indexes(expr: str) -> str:
    expr = re.sub(r'"[^"]*"|\'[^\']*\'', '""', expr)
    return re.sub(r"\[[^\]]*\]", "[]", expr)


def typed_amounts(source: str) -> list[str]:
    """The typed amounts in one template source, as found."""
    found = []
    for match in MONEY_EXPRESSION.finditer(source):
        if NUMBER.search(_without_strings_and_indexes(match.group("expr"))):
            found.append(match.group(0))
    found += [m.group(0) for m in MONEY_CALL.finditer(source)]
    found += [m.group(0) for m in EURO_DIGITS.finditer(source)]
    return found


@pytest.mark.parametrize(
    ("source", "caught"),
    [
        ("Hoogstens {{ 1442 | bedrag }}.", True),
        ("Hoogstens {{ 1442.00|bedrag_niet_nul }}.", True),
        ("{{ (norm.bedrag * 0.95) | bedrag }}", True),
        ("{{ 5 | procent }}", True),
        ("{{ bedrag(1442) }}", True),
        ("Dat is € 1.442 samen.", True),
        ("Dat is €\xa01.442 samen.", True),
        ('{{ fout("x", "meer dan € 450") }}', True),
        ("{{ dwangsom_maximum(nieuw).bedrag | bedrag }}", False),
        ("{{ stappen[0].bedrag | bedrag }}", False),
        ("{{ vs.percentage | procent }}", False),
        ("Binnen 2 weken, artikel 4:17 lid 2.", False),
        ('{{ x | aantal("maand", "maanden") }}', False),
    ],
)
def test_the_patterns_catch_typed_amounts_only(source: str, caught: bool) -> None:
    assert bool(typed_amounts(source)) is caught


@pytest.mark.parametrize(
    "path", SOURCES, ids=[str(p.relative_to(TEMPLATES)) for p in SOURCES]
)
def test_no_template_types_an_amount(path: Path) -> None:
    assert typed_amounts(path.read_text(encoding="utf-8")) == []
