"""Which template text applies on a date, and laying a version out as a folder."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from letterforge.library import Library
from letterforge.library.loader import load_library
from letterforge.library.versions import (
    Dated,
    content_hash,
    editable_names,
    file_problems,
    in_force,
    materialise,
    normalised,
    shipped_files,
    unified_diff,
    valid_until,
)

V1 = Dated(1, date(1970, 1, 1))
V2 = Dated(2, date(2027, 1, 1), 10)
V3 = Dated(3, date(2027, 7, 1), 11)
V4 = Dated(4, date(2027, 1, 1), 12)  # same start as V2, later number


@pytest.mark.parametrize(
    ("versions", "day", "expected"),
    [
        ([V1, V2, V3], date(2026, 12, 31), V1),
        ([V1, V2, V3], date(2027, 1, 1), V2),
        ([V1, V2, V3], date(2027, 6, 30), V2),
        ([V1, V2, V3], date(2027, 7, 1), V3),
        ([V1, V2, V4], date(2027, 2, 1), V4),
        ([V2], date(2026, 1, 1), None),
        ([], date(2026, 1, 1), None),
    ],
)
def test_the_version_in_force(
    versions: list[Dated], day: date, expected: Dated | None
) -> None:
    assert in_force(versions, day) == expected


@pytest.mark.parametrize(
    ("version", "until"),
    [(V1, date(2026, 12, 31)), (V2, date(2027, 6, 30)), (V3, None)],
)
def test_a_version_ends_the_day_before_the_next(version: Dated, until: date) -> None:
    assert valid_until([V1, V2, V3], version) == until


def test_history_is_safe_at_the_calendars_start() -> None:
    """Stored data from before the valid-from window (0001-01-01) never 500s."""
    first = Dated(2, date.min, 1)
    second = Dated(3, date.min, 2)
    assert valid_until([first, second], first) == date.min
    assert valid_until([first, second], second) is None


@pytest.mark.parametrize(
    ("text", "line", "code_point"),
    [
        ("Wij nemen contact op\u2067 voor een gesprek.\u2069", 1, "U+2067"),
        ("regel\nnog een\u200b", 2, "U+200B"),  # zero-width space
        ("a\u202eb", 1, "U+202E"),  # right-to-left override
        ("{{ x }}\ue0000\ue001", 1, "U+E000"),  # the value placeholder
        ("a\ufeffb", 1, "U+FEFF"),  # byte-order mark mid-text
        ("a\x07b", 1, "U+0007"),  # a control character
        ("a\u2060b", 1, "U+2060"),  # word joiner
    ],
)
def test_invisible_and_private_characters_are_refused_with_file_and_line(
    library: Library, text: str, line: int, code_point: str
) -> None:
    template = library.get("terugvordering")
    files = {**shipped_files(template), "letter.md.j2": text}
    [problem] = file_problems(template, files)
    assert problem.path == "bestanden.letter.md.j2"
    assert problem.message.startswith(f"letter.md.j2:{line}: ")
    assert code_point in problem.message


def test_a_soft_hyphen_tab_and_nbsp_are_fine(library: Library) -> None:
    template = library.get("terugvordering")
    files = {**shipped_files(template), "letter.md.j2": "lang\u00adwoord\t5\xa0mei"}
    assert file_problems(template, files) == []


def test_the_editable_files_are_the_letter_and_its_own_blocks(library: Library) -> None:
    template = library.get("terugvordering")
    assert editable_names(template) == (
        "letter.md.j2",
        "motivering/inlichtingenplicht.md.j2",
        "motivering/later-inkomsten.md.j2",
    )


@pytest.mark.parametrize(
    ("change", "path", "code"),
    [
        ({"extra.md.j2": "x"}, "bestanden.extra.md.j2", "invalid"),
        ({"letter.md.j2": "x" * 60_001}, "bestanden.letter.md.j2", "too_long"),
        ({"letter.md.j2": "a\0b"}, "bestanden.letter.md.j2", "invalid"),
    ],
)
def test_file_problems(
    library: Library, change: dict[str, str], path: str, code: str
) -> None:
    template = library.get("terugvordering")
    files = {**shipped_files(template), **change}
    assert [(p.path, p.code) for p in file_problems(template, files)] == [(path, code)]
    missing = dict(shipped_files(template))
    del missing["letter.md.j2"]
    assert file_problems(template, missing)[0].code == "required"


def test_hash_and_diff_compare_text_not_line_ends() -> None:
    unix = {"letter.md.j2": "a\nb\n"}
    windows = normalised({"letter.md.j2": "a\r\nb\r\n"})
    assert content_hash(unix) == content_hash(windows)
    assert unified_diff(unix, windows, old_label="1", new_label="2") == ""
    diff = unified_diff(unix, {"letter.md.j2": "a\nc\n"}, old_label="1", new_label="2")
    assert "-b\n+c\n" in diff and "--- 1/letter.md.j2" in diff


def test_a_laid_out_version_loads_as_a_library(
    library: Library, tmp_path: Path
) -> None:
    template = library.get("terugvordering")
    files = shipped_files(template)
    files["letter.md.j2"] = files["letter.md.j2"].replace("Waarom?", "Waarom? ", 1)
    root = materialise(library.root, template, files, tmp_path)
    assert materialise(library.root, template, files, tmp_path) == root  # once
    laid_out = load_library(root)
    assert list(laid_out.by_id) == ["terugvordering"]
    assert (root / "terugvordering/letter.md.j2").read_text(encoding="utf-8") == files[
        "letter.md.j2"
    ]
    assert laid_out.get("terugvordering").version != template.version
    assert [p.name for p in tmp_path.iterdir()] == [root.name]  # no staging left


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("geldig_vanaf: 2027-01-01\n", date(2027, 1, 1)),
        ("geldig_vanaf: '2027-01-01'\n", date(2027, 1, 1)),
        ("", date(1970, 1, 1)),
        ("geldig_vanaf: morgen\n", None),
    ],
)
def test_valid_from_of_the_shipped_text(
    library: Library, tmp_path: Path, line: str, expected: date | None
) -> None:
    import shutil

    from letterforge.errors import TemplateError

    root = tmp_path / "templates"
    shutil.copytree(library.root, root)
    yaml_path = root / "terugvordering" / "template.yaml"
    yaml_path.write_text(yaml_path.read_text(encoding="utf-8") + line, encoding="utf-8")
    if expected is None:
        with pytest.raises(TemplateError, match="geldig_vanaf"):
            load_library(root)
    else:
        assert load_library(root).get("terugvordering").valid_from == expected
