from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from letterforge.errors import TemplateError, UnknownTemplate
from letterforge.library import Library, load_library
from letterforge.settings import Settings

FOUNDATION = {"terugvordering", "afwijzing-bijstand", "verlenging-beslistermijn"}


def test_library_lists_the_decision_types(library: Library) -> None:
    assert FOUNDATION <= {t.id for t in library.templates()}
    for template in library.templates():
        assert template.title and template.domain and template.legal_basis
        assert len(template.version) == 12


def test_unknown_template(library: Library) -> None:
    with pytest.raises(UnknownTemplate) as raised:
        library.get("../etc/passwd")
    assert raised.value.lines() == [
        "template: het sjabloon '../etc/passwd' bestaat niet"
    ]


def test_motivation_choices_come_from_template_yaml(library: Library) -> None:
    schema = library.get("afwijzing-bijstand").schema
    items = schema["properties"]["motivering"]["items"]
    assert items["enum"] == [
        "woonplaats",
        "vermogen",
        "gegevens-ontbreken",
        "onderzoek",
        "zienswijze",
    ]
    assert "ontvanger" in schema["$defs"]


def copy_library(tmp_path: Path, settings: Settings) -> Path:
    root = tmp_path / "templates"
    shutil.copytree(settings.template_dir, root)
    return root


def test_shared_blocks_are_derived_from_the_includes(library: Library) -> None:
    assert "bezwaarclausule" in library.get("terugvordering").shared_blocks
    assert "beroep" in library.get("beslissing-op-bezwaar").shared_blocks
    assert "bezwaarclausule" not in library.get("ontvangstbevestiging").shared_blocks


def test_version_changes_when_a_shared_block_changes(
    tmp_path: Path, settings: Settings, library: Library
) -> None:
    root = copy_library(tmp_path, settings)
    before = load_library(root).get("terugvordering").version
    assert before == library.get("terugvordering").version
    (root / "_blokken" / "contact.md.j2").write_text("Bel ons.\n")
    load_library.cache_clear()
    assert load_library(root).get("terugvordering").version != before


def _edit(path: str, old: str, new: str) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        file = root / path
        file.write_text(file.read_text().replace(old, new))

    return change


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            _edit("terugvordering/template.yaml", "id: terugvordering", "id: anders"),
            "mapnaam",
        ),
        (
            _edit(
                "terugvordering/template.yaml", "grondslag:", "blokken: [x]\ngrondslag:"
            ),
            "'blokken' is vervallen",
        ),
        (
            _edit("terugvordering/template.yaml", "elementen:", "andere:"),
            "'elementen' ontbreekt",
        ),
        (
            _edit(
                "terugvordering/template.yaml", "levert: [afweging]", "levert: [gevoel]"
            ),
            "onbekend element",
        ),
        (_edit("terugvordering/schema.json", "{", "["), "schema.json"),
        (
            lambda root: (root / "terugvordering" / "letter.md.j2").unlink(),
            "letter.md.j2 ontbreekt",
        ),
        (lambda root: (root / "Hoofdletters").mkdir(), "mapnaam"),
    ],
)
def test_broken_library_is_reported(
    tmp_path: Path,
    settings: Settings,
    change: Callable[[Path], None],
    message: str,
) -> None:
    root = copy_library(tmp_path, settings)
    change(root)
    load_library.cache_clear()
    with pytest.raises(TemplateError, match=message):
        load_library(root)
