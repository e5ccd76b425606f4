"""What the communication adviser found in the template studio (issue 17,
review of the studio): template errors of every kind are Dutch findings with
FILE:LINE (never an exception), edits start from the newest approved text, two
approved versions never share a start date, a revert shows what it undoes,
missing legal elements are grouped with their reason, and concepts can be
withdrawn."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from letterforge.control import templates as studio
from letterforge.control.template_findings import readable
from letterforge.errors import (
    TemplateVersionForbidden,
    TemplateVersionInvalid,
    TemplateVersionRefused,
)
from letterforge.register import Register, open_register
from letterforge.settings import Settings
from tests.conftest import TODAY

T = "terugvordering"
LETTER = "letter.md.j2"
VALID_FROM = date(2026, 12, 1)


@pytest.fixture
def register(database_url: str) -> Iterator[Register]:
    found = open_register(database_url, migrate=True)
    yield found
    found.dispose()


@pytest.fixture
def local(settings: Settings, tmp_path: Path) -> Settings:
    return dataclasses.replace(settings, version_dir=tmp_path / "versies")


def _shipped(settings: Settings) -> dict[str, str]:
    return studio.texts_of(None, settings, T, 1)  # type: ignore[arg-type]


def _with(settings: Settings, old: str, new: str) -> dict[str, str]:
    files = _shipped(settings)
    assert old in files[LETTER]
    return {**files, LETTER: files[LETTER].replace(old, new, 1)}


def _version(
    register: Register,
    settings: Settings,
    files: dict[str, str],
    *,
    valid_from: date = VALID_FROM,
    author: str = "anna",
    approve: bool = True,
) -> int:
    draft = studio.save_draft(
        register,
        settings,
        T,
        files,
        author=author,
        reason="r",
        valid_from=valid_from,
        today=TODAY,
    )
    studio.submit(register, settings, T, draft.number, actor=author, today=TODAY)
    if approve:
        studio.approve(register, T, draft.number, reviewer="joost", today=TODAY)
    return draft.number


# Each kind of template mistake, as a broken copy of the real letter.
KINDS = [
    ("{{ t.bedrag", "{{ t.bedrag | bedrg", "het filter 'bedrg' bestaat niet"),
    ("{% if ", "{% if 5 is evenn or ", "de test 'evenn' bestaat niet"),
    ("{% endif %}", "{% endiff %}", "eerst moet er een {% endif %} komen"),
    ("{{ t.bedrag", "{{ }", "staat hier op een verkeerde plek"),
    ("{{ t.bedrag", "{{ brief.datm }}{{ t.bedrag", "'datm' bestaat niet"),
    ("{{ t.bedrag", '{{ "".__class__ }}{{ t.bedrag', "mag niet in een sjabloon"),
    (
        '"_blokken/contact.md.j2"',
        '"_blokken/contactt.md.j2"',
        "Bedoelt u '_blokken/contact.md.j2'?",
    ),
]


@pytest.mark.parametrize(("old", "new", "dutch"), KINDS)
def test_every_template_error_is_a_dutch_finding_with_file_and_line(
    register: Register, local: Settings, old: str, new: str, dutch: str
) -> None:
    files = _with(local, old, new)
    check = studio.check_version(local, T, files, today=TODAY)
    assert any(dutch in e for e in check.errors), check.errors
    assert any(re.search(rf"(^|: ){T}/{LETTER}:\d+: ", e) for e in check.errors)
    for error in check.errors:
        assert "/tmp" not in error and str(local.version_dir) not in error
        for english in ("Unexpected", "not found", "has no attribute", "No filter"):
            assert english not in error
    # Stored as a concept it can still be submitted only to be refused (422).
    draft = studio.save_draft(
        register,
        local,
        T,
        files,
        author="anna",
        reason="r",
        valid_from=VALID_FROM,
        today=TODAY,
    )
    with pytest.raises(TemplateVersionInvalid):
        studio.submit(register, local, T, draft.number, actor="anna", today=TODAY)


def test_an_edit_starts_from_the_newest_approved_or_submitted_text(
    register: Register, local: Settings
) -> None:
    assert studio.newest_base(register, local, T, TODAY).number == 1
    first = _version(
        register,
        local,
        _with(local, "bijstand terugbetalen.\n", "bijstand aan ons terugbetalen.\n"),
        valid_from=date(2026, 12, 20),
    )
    # In force today is still version 1; the edit starts from the approved one.
    assert studio.version_on(register, local, T, TODAY).number == 1
    base = studio.newest_base(register, local, T, TODAY)
    assert base.number == first and "aan ons terugbetalen" in base.files[LETTER]
    pending = _version(
        register,
        local,
        {**base.files, LETTER: base.files[LETTER] + "\n"},
        valid_from=date(2027, 1, 1),
        approve=False,
    )
    assert studio.newest_base(register, local, T, TODAY).number == pending
    # The editor is told about the later-dated and the open versions.
    others = studio.other_versions(register, T, TODAY, besides=None)
    assert [(o.number, o.status) for o in others] == [
        (first, "goedgekeurd"),
        (pending, "ingediend"),
    ]
    assert [
        o.number for o in studio.other_versions(register, T, TODAY, besides=first)
    ] == [pending]


def test_two_approved_versions_never_share_a_start_date(
    register: Register, local: Settings
) -> None:
    _version(
        register,
        local,
        _with(local, "bijstand terugbetalen.\n", "bijstand aan ons terugbetalen.\n"),
    )
    second = _version(
        register,
        local,
        _with(local, "bijstand terugbetalen.\n", "bijstand nu terugbetalen.\n"),
        approve=False,
    )
    with pytest.raises(TemplateVersionRefused) as refused:
        studio.approve(register, T, second, reviewer="joost", today=TODAY)
    assert "Er is al een goedgekeurde versie vanaf die datum" in refused.value.message
    # Another date is fine.
    third = _version(
        register,
        local,
        _with(local, "bijstand terugbetalen.\n", "bijstand nu terugbetalen.\n"),
        valid_from=date(2026, 12, 2),
        approve=False,
    )
    assert (
        studio.approve(register, T, third, reviewer="joost", today=TODAY).status
        == "goedgekeurd"
    )


def test_a_revert_shows_what_it_undoes(register: Register, local: Settings) -> None:
    changed = _version(
        register,
        local,
        _with(local, "bijstand terugbetalen.\n", "bijstand aan ons terugbetalen.\n"),
        valid_from=date(2026, 12, 12),
    )
    back = studio.revert(
        register,
        local,
        T,
        1,
        author="anna",
        reason="terug",
        valid_from=date(2026, 12, 20),
        today=TODAY,
    )
    # Against its base (version 1) a revert is empty; on its start date it
    # replaces the changed version, and that difference is what it undoes.
    replaced = studio.replaced_on(
        register, local, T, back.valid_from, besides=back.number
    )
    assert replaced.number == changed
    assert "aan ons terugbetalen" in replaced.files[LETTER]
    assert "aan ons terugbetalen" not in back.files[LETTER]


def test_missing_legal_elements_are_one_message_per_kind_with_line_and_reason(
    local: Settings,
) -> None:
    files = _shipped(local)
    lines = files[LETTER].splitlines(keepends=True)
    (number,) = [
        n for n, line in enumerate(lines, 1) if "_blokken/bezwaarclausule" in line
    ]
    edited = {
        **files,
        LETTER: "".join(x for n, x in enumerate(lines, 1) if n != number),
    }
    check = studio.check_version(local, T, edited, today=TODAY)
    grouped = readable(
        check,
        template_id=T,
        letter_file=f"{T}/{LETTER}",
        files=edited,
        base=files,
        template_dir=local.template_dir,
    )
    remedy = [e for e in grouped.errors if "bezwaar of beroep" in e]
    assert len(remedy) == 1, grouped.errors
    assert remedy[0].startswith(f"{T}/{LETTER}:{number}: De uitleg over bezwaar")
    assert "bezwaarclausule" in remedy[0] and "Awb" in remedy[0]
    # The griffierecht now sits in the bezwaar appendix, which is still there.
    assert "'waarom u het niet eens bent en uw handtekening'" in remedy[0]
    assert not any(".json:" in e for e in grouped.errors)
    # A required phrase rewritten: the message says it must stay and why.
    phrase = _with(local, "Daarom vorderen wij", "Daarom vragen wij")
    said = readable(
        studio.check_version(local, T, phrase, today=TODAY),
        template_id=T,
        letter_file=f"{T}/{LETTER}",
        files=phrase,
        base=files,
        template_dir=local.template_dir,
    )
    assert any(
        "moet blijven staan" in e and "Daarom vorderen wij" in e for e in said.errors
    )


def test_an_author_withdraws_their_own_concept(
    register: Register, local: Settings
) -> None:
    draft = studio.save_draft(
        register,
        local,
        T,
        # An unchanged text is refused ("Er is niets veranderd").
        _with(local, "bijstand terugbetalen.\n", "bijstand aan ons terugbetalen.\n"),
        author="anna",
        reason="r",
        valid_from=VALID_FROM,
        today=TODAY,
    )
    with pytest.raises(TemplateVersionForbidden):
        studio.withdraw(register, T, draft.number, actor="chris")
    assert (
        studio.withdraw(register, T, draft.number, actor="anna").status == "ingetrokken"
    )
    with pytest.raises(TemplateVersionRefused):
        studio.withdraw(register, T, draft.number, actor="anna")
    with pytest.raises(TemplateVersionRefused):
        studio.submit(register, local, T, draft.number, actor="anna", today=TODAY)
    history = studio.history(register, local, T)
    assert [(e.number, e.status) for e in history][0] == (draft.number, "ingetrokken")
