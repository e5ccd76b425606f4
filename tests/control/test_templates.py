"""Template versions (issue 17): drafts, checks, four eyes, dates, history."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest

from letterforge import control
from letterforge.control import template_files
from letterforge.control import templates as studio
from letterforge.errors import (
    RequestError,
    TemplateVersionForbidden,
    TemplateVersionInvalid,
    TemplateVersionRefused,
)
from letterforge.pipeline import LetterRequest
from letterforge.register import Register, open_register
from letterforge.register.store import get_document
from letterforge.settings import Settings
from tests.conftest import TODAY, load_sample

# The first line of the "In het kort" box of terugvordering/letter.md.j2.
OLD = "bijstand terugbetalen.\n"
NEW = "bijstand aan ons terugbetalen.\n"
OLD_TEXT = "€ 2.345,67 bijstand terugbetalen."
NEW_TEXT = "€ 2.345,67 bijstand aan ons terugbetalen."
VALID_FROM = date(2026, 12, 1)  # norms are known up to 31 December 2026


@pytest.fixture
def register(database_url: str) -> Register:
    found = open_register(database_url, migrate=True)
    yield found  # type: ignore[misc]
    found.dispose()


@pytest.fixture
def local(settings: Settings, tmp_path: Path) -> Settings:
    return dataclasses.replace(settings, version_dir=tmp_path / "versies")


def _edited(settings: Settings, old: str = OLD, new: str = NEW) -> dict[str, str]:
    files = studio.texts_of(None, settings, "terugvordering", 1)  # type: ignore[arg-type]
    assert old in files["letter.md.j2"]
    return {**files, "letter.md.j2": files["letter.md.j2"].replace(old, new, 1)}


def _approved(register: Register, settings: Settings) -> int:
    draft = studio.save_draft(
        register,
        settings,
        "terugvordering",
        _edited(settings),
        author="anna",
        reason="korter",
        valid_from=VALID_FROM,
    )
    studio.submit(
        register, settings, "terugvordering", draft.number, actor="anna", today=TODAY
    )
    studio.approve(register, "terugvordering", draft.number, reviewer="bert")
    return draft.number


def _letter_text(register: Register, settings: Settings, day: date) -> str:
    sample = load_sample("terugvordering-later-inkomsten")
    sample["case"]["zaak"]["briefdatum"] = day.isoformat()
    request = LetterRequest("terugvordering", sample["case"], "text")
    record = control.make_letter(
        register, request, settings, today=TODAY, client="t", actor="maker"
    )
    with register.session() as session:
        stored = get_document(session, record.id)
        assert stored is not None
        return " ".join(stored.content.decode().split())


def test_the_shipped_text_is_version_1_and_checks_clean(local: Settings) -> None:
    files = studio.texts_of(None, local, "terugvordering", 1)  # type: ignore[arg-type]
    check = studio.check_version(local, "terugvordering", files, today=TODAY)
    assert check.errors == ()
    assert [s.name for s in check.samples] == [
        "terugvordering-inlichtingenplicht-zienswijze.json",
        "terugvordering-later-inkomsten.json",
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # a typo in a variable: file and line
        ("{{ t.bedrag", "{{ t.bedrg", "terugvordering/letter.md.j2:"),
        # a broken tag: file and line
        ("{% endif %}", "{% endiff %}", "terugvordering/letter.md.j2:"),
        # the decision no longer first: the clarity gate
        ("> - U moet", "> - Bedankt voor uw brief.\n> - U moet", "besluit vooraan"),
        # a required legal element dropped
        ("Daarom vorderen wij", "Daarom vragen wij", "Daarom vorderen wij"),
    ],
)
def test_a_version_with_errors_cannot_be_submitted(
    register: Register, local: Settings, old: str, new: str, expected: str
) -> None:
    files = _edited(local, old, new)
    draft = studio.save_draft(
        register,
        local,
        "terugvordering",
        files,
        author="anna",
        reason="test",
        valid_from=VALID_FROM,
    )
    with pytest.raises(TemplateVersionInvalid) as refused:
        studio.submit(
            register, local, "terugvordering", draft.number, actor="anna", today=TODAY
        )
    assert any(expected in p.message for p in refused.value.problems), refused.value


def test_dates_decide_the_text_and_the_record_says_which(
    register: Register, local: Settings
) -> None:
    number = _approved(register, local)
    before = _letter_text(register, local, date(2026, 11, 30))
    after = _letter_text(register, local, VALID_FROM)
    assert OLD_TEXT in before and NEW_TEXT not in before
    assert NEW_TEXT in after and OLD_TEXT not in after
    with register.session() as session:
        from letterforge.register.models import LetterRecord

        rows = session.query(LetterRecord).order_by(LetterRecord.letter_date).all()
        assert [r.template_version_number for r in rows] == [1, number]
        assert rows[1].template_version_id is not None
        assert rows[0].template_content_hash != rows[1].template_content_hash


@pytest.mark.parametrize("step", ["draft", "submitted", "rejected"])
def test_an_unapproved_version_is_never_used(
    register: Register, local: Settings, step: str
) -> None:
    draft = studio.save_draft(
        register,
        local,
        "terugvordering",
        _edited(local),
        author="anna",
        reason="korter",
        valid_from=VALID_FROM,
    )
    if step != "draft":
        studio.submit(
            register, local, "terugvordering", draft.number, actor="anna", today=TODAY
        )
    if step == "rejected":
        studio.reject(
            register, "terugvordering", draft.number, reviewer="bert", reason="nee"
        )
    assert OLD_TEXT in _letter_text(register, local, date(2026, 12, 20))


def test_four_eyes_status_order_and_reasons(
    register: Register, local: Settings
) -> None:
    draft = studio.save_draft(
        register,
        local,
        "terugvordering",
        _edited(local),
        author="anna",
        reason="korter",
        valid_from=VALID_FROM,
    )
    with pytest.raises(TemplateVersionRefused):  # not submitted yet
        studio.approve(register, "terugvordering", draft.number, reviewer="bert")
    studio.submit(
        register, local, "terugvordering", draft.number, actor="anna", today=TODAY
    )
    with pytest.raises(TemplateVersionForbidden):
        studio.approve(register, "terugvordering", draft.number, reviewer="anna")
    with pytest.raises(RequestError):
        studio.reject(
            register, "terugvordering", draft.number, reviewer="bert", reason=" "
        )
    studio.approve(register, "terugvordering", draft.number, reviewer="bert")
    with pytest.raises(TemplateVersionRefused):  # approved once, never again
        studio.reject(
            register, "terugvordering", draft.number, reviewer="bert", reason="toch"
        )
    with pytest.raises(RequestError):
        studio.save_draft(
            register,
            local,
            "terugvordering",
            _edited(local),
            author="anna",
            reason="",
            valid_from=VALID_FROM,
        )


def test_going_back_is_a_new_version_and_history_shows_all(
    register: Register, local: Settings
) -> None:
    number = _approved(register, local)
    back = studio.revert(
        register,
        local,
        "terugvordering",
        1,
        author="anna",
        reason="terug naar de oude tekst",
        valid_from=date(2026, 12, 15),
    )
    assert back.number == number + 1 and back.based_on == 1
    entries = studio.history(register, local, "terugvordering")
    assert [e.number for e in entries] == [back.number, number, 1]
    assert entries[0].diff == ""  # the same text as version 1
    removed = [x for x in entries[1].diff.splitlines() if x.startswith("-> ")]
    added = [x for x in entries[1].diff.splitlines() if x.startswith("+> ")]
    assert removed[0].endswith(OLD.strip()) and added[0].endswith(NEW.strip())
    assert entries[1].valid_until is None
    assert entries[2].valid_until == date(2026, 11, 30)
    assert entries[1].reviewer == "bert" and entries[1].author == "anna"


def test_export_and_import_make_new_concepts(
    register: Register, local: Settings, tmp_path: Path, database_url: str
) -> None:
    _approved(register, local)
    assert template_files.export_versions(register, tmp_path / "export") == 1
    assert (tmp_path / "export/terugvordering/2/letter.md.j2").is_file()
    other = open_register(f"sqlite:///{tmp_path / 'other.db'}", migrate=True)
    added = template_files.import_versions(
        other, local, tmp_path / "export", actor="importeur"
    )
    assert [(v.number, v.status, v.author) for v in added] == [
        (2, "concept", "importeur")
    ]
    assert (
        template_files.import_versions(other, local, tmp_path / "export", actor="x")
        == []
    )


@pytest.mark.parametrize(
    ("files", "field"),
    [
        ({"letter.md.j2": "x"}, "bestanden.motivering/inlichtingenplicht.md.j2"),
        ({"../../etc/passwd": "x"}, "bestanden.../../etc/passwd"),
    ],
)
def test_only_the_templates_own_files(
    register: Register, local: Settings, files: dict[str, str], field: str
) -> None:
    full = {**_edited(local), **files}
    if "letter.md.j2" in files:
        full = dict(files)
    with pytest.raises(TemplateVersionInvalid) as refused:
        studio.save_draft(
            register,
            local,
            "terugvordering",
            full,
            author="anna",
            reason="x",
            valid_from=VALID_FROM,
        )
    assert field in [p.path for p in refused.value.problems]
