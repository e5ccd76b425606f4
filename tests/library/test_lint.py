"""`letterforge templates lint`: finds what template editors break, and our own
library is clean."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from letterforge.assess import glossary_for
from letterforge.cli import main
from letterforge.compose import lint_facts
from letterforge.errors import TemplateSourceError
from letterforge.library import load_library
from letterforge.library.lint import fixed_text, lint_library, shared_block_problems
from letterforge.settings import Settings

ROOT = Path(__file__).resolve().parents[2] / "templates"
CONTACT = '{% include "_blokken/contact.md.j2" %}'
MISSING = '{% include "_blokken/bestaat-niet.md.j2" %}'


def test_our_library_has_no_lint_problems(settings: Settings) -> None:
    glossary = glossary_for(settings)
    problems = lint_library(load_library(settings.template_dir), glossary, lint_facts())
    problems += shared_block_problems(settings.template_dir, glossary)
    assert [str(p) for p in problems] == []


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    target = tmp_path / "templates"
    shutil.copytree(ROOT, target)
    return target


CHANGES = [
    (
        "Wij wijzen uw aanvraag",
        "Wij wijzen {{ onbekend_veld }} uw aanvraag",
        "'onbekend_veld' staat niet in schema.json",
    ),
    (CONTACT, MISSING, "het blok '_blokken/bestaat-niet.md.j2' bestaat niet"),
    ("## Waarom?", "## Waarom?\n\n{% if %}", "afwijzing-bijstand/letter.md.j2:"),
    ("Wij wijzen uw aanvraag", "Indien nodig wijzen wij uw aanvraag", "'Indien'"),
]


@pytest.mark.parametrize(("old", "new", "expected"), CHANGES)
def test_lint_finds_each_kind_of_problem(
    copy: Path, settings: Settings, old: str, new: str, expected: str
) -> None:
    letter = copy / "afwijzing-bijstand" / "letter.md.j2"
    text = letter.read_text(encoding="utf-8")
    assert old in text
    letter.write_text(text.replace(old, new, 1), encoding="utf-8")
    try:
        library = load_library(copy)
    except TemplateSourceError as e:  # a syntax error is found at load time
        problems = list(e.findings)
    else:
        problems = [
            str(p) for p in lint_library(library, glossary_for(settings), lint_facts())
        ]
    assert any(expected in p for p in problems), problems


def test_unused_schema_field_is_reported(copy: Path, settings: Settings) -> None:
    letter = copy / "wijziging-contactpersoon" / "letter.md.j2"
    letter.write_text("> [!info] In het kort\n> - Niets.\n", encoding="utf-8")
    problems = [
        str(p)
        for p in lint_library(load_library(copy), glossary_for(settings), lint_facts())
    ]
    assert any("het veld 'verandering' wordt nergens" in p for p in problems)


def test_fixed_text_keeps_words_and_drops_code() -> None:
    source = "> [!info] In het kort\n> - U krijgt {{ x }}.\n{% if y %}Ja.{% endif %}"
    assert fixed_text(source) == "In het kort\n- U krijgt iets.\nJa."


def test_cli_lint_exit_code(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["templates", "lint"]) == 0
    assert "Alle sjablonen zijn in orde." in capsys.readouterr().out
