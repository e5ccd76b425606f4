"""Template versions (issue 17): drafts, checks, four eyes, dates, history."""

from __future__ import annotations

import dataclasses
import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from letterforge import control
from letterforge.control import bounded, template_files
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
from letterforge.register.template_versions import versions_of
from letterforge.register.users import create_user
from letterforge.settings import Settings
from tests.conftest import TODAY, load_sample

# The first line of the "In het kort" box of terugvordering/letter.md.j2.
OLD = "bijstand terugbetalen.\n"
NEW = "bijstand aan ons terugbetalen.\n"
OLD_TEXT = "€ 2.289,24 bijstand terugbetalen."
NEW_TEXT = "€ 2.289,24 bijstand aan ons terugbetalen."
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
        today=TODAY,
    )
    studio.submit(
        register, settings, "terugvordering", draft.number, actor="anna", today=TODAY
    )
    studio.approve(
        register, "terugvordering", draft.number, reviewer="bert", today=TODAY
    )
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
        today=TODAY,
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
        today=TODAY,
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
        today=TODAY,
    )
    with pytest.raises(TemplateVersionRefused):  # not submitted yet
        studio.approve(
            register, "terugvordering", draft.number, reviewer="bert", today=TODAY
        )
    studio.submit(
        register, local, "terugvordering", draft.number, actor="anna", today=TODAY
    )
    with pytest.raises(TemplateVersionForbidden):
        studio.approve(
            register, "terugvordering", draft.number, reviewer="anna", today=TODAY
        )
    with pytest.raises(RequestError):
        studio.reject(
            register, "terugvordering", draft.number, reviewer="bert", reason=" "
        )
    studio.approve(
        register, "terugvordering", draft.number, reviewer="bert", today=TODAY
    )
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
            today=TODAY,
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
        today=TODAY,
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
    with other.session() as session:
        create_user(session, "importeur", "communicatie", "een lang wachtwoord 1")
    added = _import(other, local, tmp_path / "export", actor="importeur")
    assert [(v.number, v.status, v.author) for v in added] == [
        (2, "concept", "importeur")
    ]
    assert "systeemgebruiker tester" in added[0].reason
    assert _import(other, local, tmp_path / "export", actor="importeur") == []
    # The importer submitted it as its author; only someone else approves it.
    studio.submit(other, local, "terugvordering", 2, actor="importeur", today=TODAY)
    with pytest.raises(TemplateVersionForbidden):
        studio.approve(
            other, "terugvordering", 2, reviewer="api:importeur", today=TODAY
        )
    other.dispose()


def _import(
    register: Register, settings: Settings, source: Path, actor: str
) -> list[Any]:
    return template_files.import_versions(
        register, settings, source, actor=actor, system_user="tester", today=TODAY
    )


@pytest.mark.parametrize(
    ("actor", "role"),
    [
        ("import", None),  # the old default: nobody
        ("niemand", None),  # a made-up colleague
        ("mia", "medewerker"),  # a user who may not write versions
        ("jan", "jurist"),
    ],
)
def test_an_import_has_a_real_author(
    register: Register,
    local: Settings,
    tmp_path: Path,
    actor: str,
    role: str | None,
) -> None:
    _approved(register, local)
    template_files.export_versions(register, tmp_path / "export")
    other = open_register(f"sqlite:///{tmp_path / 'other.db'}", migrate=True)
    if role:
        with other.session() as session:
            create_user(session, actor, role, "een lang wachtwoord 1")
    with pytest.raises(RequestError) as refused:
        _import(other, local, tmp_path / "export", actor=actor)
    assert [p.path for p in refused.value.problems] == ["door"]
    other.dispose()


def _export_folder(tmp_path: Path, files: dict[str, str]) -> Path:
    folder = tmp_path / "export" / "terugvordering" / "2"
    folder.mkdir(parents=True)
    names = "".join(f"- {name}\n" for name in files)
    (folder / "versie.yaml").write_text(
        f"sjabloon: terugvordering\ngeldig_vanaf: '2026-12-01'\nreden: x\n"
        f"bestanden:\n{names}",
        encoding="utf-8",
    )
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        # the finding: letter.md.j2 a link to the instance's secret key
        ("symlink", "symlink"),
        # a link in the middle of the path (a folder)
        ("linked-folder", "symlink"),
        # a FIFO must not hang the import
        ("fifo", "geen gewoon bestand"),
        # a huge file is refused before it is read
        ("huge", "groter dan"),
        # versie.yaml itself a link
        ("linked-meta", "symlink"),
    ],
)
def test_import_reads_only_regular_files_inside_the_export(
    register: Register, local: Settings, tmp_path: Path, make: str, expected: str
) -> None:
    with register.session() as session:
        create_user(session, "anna", "communicatie", "een lang wachtwoord 1")
    secret = tmp_path / "secret_key"
    secret.write_text("geheim-" * 10, encoding="utf-8")
    files = _edited(local)
    folder = _export_folder(tmp_path, files)
    letter = folder / "letter.md.j2"
    if make == "symlink":
        letter.unlink()
        letter.symlink_to(secret)
    elif make == "linked-folder":
        real = tmp_path / "elders"
        (folder / "motivering").rename(real)
        (folder / "motivering").symlink_to(real)
    elif make == "fifo":
        letter.unlink()
        os.mkfifo(letter)
    elif make == "huge":
        letter.write_text("x" * (template_files.MAX_FILE_BYTES + 1), encoding="utf-8")
    elif make == "linked-meta":
        meta = folder / "versie.yaml"
        (tmp_path / "meta.yaml").write_text(meta.read_text(encoding="utf-8"))
        meta.unlink()
        meta.symlink_to(tmp_path / "meta.yaml")
    with pytest.raises(RequestError) as refused:
        _import(register, local, tmp_path / "export", actor="anna")
    assert expected in refused.value.message, refused.value.message
    with register.session() as session:
        assert versions_of(session, "terugvordering") == []


@pytest.mark.parametrize("make", ["symlink-file", "symlink-folder", "fifo"])
def test_export_never_writes_through_a_link(
    register: Register, local: Settings, tmp_path: Path, make: str
) -> None:
    _approved(register, local)
    victim = tmp_path / "victim"
    victim.write_text("blijft staan", encoding="utf-8")
    out = tmp_path / "uit"
    target = out / "terugvordering" / "2"
    if make == "symlink-file":
        target.mkdir(parents=True)
        (target / "letter.md.j2").symlink_to(victim)
    elif make == "symlink-folder":
        (out / "terugvordering").mkdir(parents=True)
        (tmp_path / "elders").mkdir()
        target.symlink_to(tmp_path / "elders")
    else:
        target.mkdir(parents=True)
        os.mkfifo(target / "letter.md.j2")
    with pytest.raises(RequestError):
        template_files.export_versions(register, out)
    assert victim.read_text(encoding="utf-8") == "blijft staan"
    assert (
        not any((tmp_path / "elders").iterdir()) if make == "symlink-folder" else True
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
            today=TODAY,
        )
    assert field in [p.path for p in refused.value.problems]


@pytest.mark.parametrize(
    ("valid_from", "expected"),
    [
        (date(2026, 1, 1), "kies vandaag"),  # the finding: back in time
        (date(2026, 11, 23), "kies vandaag"),  # yesterday
        (date(1, 1, 1), "kies vandaag"),  # the 0001-01-01 of finding 5
        (date(1999, 12, 31), "kies vandaag"),
        (date(9999, 12, 31), "tot en met 2031-12-31"),
        (date(2032, 1, 1), "tot en met 2031-12-31"),
    ],
)
def test_a_draft_needs_a_sensible_valid_from_date(
    register: Register, local: Settings, valid_from: date, expected: str
) -> None:
    with pytest.raises(TemplateVersionInvalid) as refused:
        studio.save_draft(
            register,
            local,
            "terugvordering",
            _edited(local),
            author="anna",
            reason="x",
            valid_from=valid_from,
            today=TODAY,
        )
    [problem] = refused.value.problems
    assert problem.path == "geldig_vanaf" and expected in problem.message


@pytest.mark.parametrize("valid_from", [TODAY, date(2031, 12, 31)])
def test_today_and_five_years_ahead_are_fine(
    register: Register, local: Settings, valid_from: date
) -> None:
    draft = studio.save_draft(
        register,
        local,
        "terugvordering",
        _edited(local),
        author="anna",
        reason="x",
        valid_from=valid_from,
        today=TODAY,
    )
    assert draft.valid_from == valid_from


def test_approval_after_the_valid_from_date_is_refused(
    register: Register, local: Settings
) -> None:
    """Submitted in time, approved too late: letters made meanwhile keep their text."""
    draft = studio.save_draft(
        register,
        local,
        "terugvordering",
        _edited(local),
        author="anna",
        reason="x",
        valid_from=VALID_FROM,
        today=TODAY,
    )
    studio.submit(
        register, local, "terugvordering", draft.number, actor="anna", today=TODAY
    )
    with pytest.raises(TemplateVersionInvalid) as refused:
        studio.approve(
            register,
            "terugvordering",
            draft.number,
            reviewer="bert",
            today=date(2026, 12, 2),
        )
    assert refused.value.problems[0].path == "geldig_vanaf"
    studio.approve(
        register, "terugvordering", draft.number, reviewer="bert", today=VALID_FROM
    )


@pytest.mark.parametrize("approved_first", [False, True])
def test_a_version_identical_to_the_text_in_force_is_refused(
    register: Register, local: Settings, approved_first: bool
) -> None:
    files = studio.texts_of(register, local, "terugvordering", 1)
    if approved_first:
        _approved(register, local)
        files = _edited(local)
    with pytest.raises(TemplateVersionInvalid) as refused:
        studio.save_draft(
            register,
            local,
            "terugvordering",
            files,
            author="anna",
            reason="x",
            valid_from=date(2026, 12, 10),
            today=TODAY,
        )
    assert refused.value.message == "Er is niets veranderd."


@pytest.mark.parametrize(
    ("submitter", "reviewer"),
    [
        ("bert", "carla"),  # someone else submits: refused
        ("api:anna", None),  # the author through the API is the author
    ],
)
def test_only_the_author_submits_and_nobody_approves_their_own(
    register: Register, local: Settings, submitter: str, reviewer: str | None
) -> None:
    draft = studio.save_draft(
        register,
        local,
        "terugvordering",
        _edited(local),
        author="anna",
        reason="x",
        valid_from=VALID_FROM,
        today=TODAY,
    )
    if submitter != "bert":
        studio.submit(
            register,
            local,
            "terugvordering",
            draft.number,
            actor=submitter,
            today=TODAY,
        )
        # An API client named after the author is the author (README, four eyes).
        with pytest.raises(TemplateVersionForbidden):
            studio.approve(
                register,
                "terugvordering",
                draft.number,
                reviewer="api:anna",
                today=TODAY,
            )
        return
    with pytest.raises(TemplateVersionForbidden):
        studio.submit(
            register, local, "terugvordering", draft.number, actor="bert", today=TODAY
        )


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # the attacker's macro calling itself
        (
            "{% if",
            "{% macro r(n) %}{{ r(n+1) }}{% endmacro %}{{ r(1) }}\n{% if",
            "recursie",
        ),
        # 'a' * 5000000 and string doubling: the sandbox's size bound
        ("bijstand terugbetalen.", "bijstand {{ 'a' * 5000000 }}.", "langer dan"),
        (
            "bijstand terugbetalen.",
            "{% set ns = namespace(s='a') %}{% for i in range(25) %}"
            "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}.",
            "langer dan",
        ),
        # nested loops: the loop-step bound
        (
            "bijstand terugbetalen.",
            "{% for i in range(100000) %}{% for j in range(5000) %}{% endfor %}"
            "{% endfor %}x.",
            "herhalingen",
        ),
        # a server path in Jinja's message stays out
        ("bijstand terugbetalen.", "{% include '/etc/passwd' %}.", "/etc/passwd"),
    ],
)
def test_runaway_templates_are_findings_not_hangs(
    local: Settings, old: str, new: str, expected: str
) -> None:
    files = _edited(local, old, new)
    check = studio.check_version(local, "terugvordering", files, today=TODAY)
    assert any(expected in e for e in check.errors), check.errors
    assert not any(str(local.template_dir) in e for e in check.errors)
    assert not any("search path" in e or "sjabloonversies" in e for e in check.errors)
    assert not any(str(local.version_dir) in e for e in check.errors)


def test_a_check_that_runs_too_long_is_stopped_with_a_finding(
    local: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The wall-clock bound of the child process (control/bounded.py): a check
    that would never end answers with a Dutch finding."""
    import time

    monkeypatch.setattr(studio, "_check_here", lambda *a, **k: time.sleep(60))
    monkeypatch.setattr(bounded, "WALL_SECONDS", 1.0)
    monkeypatch.setattr(
        studio, "run_bounded", lambda work: bounded.run_bounded(work, wall_seconds=1.0)
    )
    check = studio.check_version(local, "terugvordering", _edited(local), today=TODAY)
    assert check.errors == (studio.TOO_SLOW,)


def test_a_check_that_takes_too_much_memory_is_stopped_with_a_finding(
    local: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(studio, "_check_here", lambda *a, **k: bytearray(400 << 20))
    monkeypatch.setattr(
        studio,
        "run_bounded",
        lambda work: bounded.run_bounded(work, extra_memory=100 << 20),
    )
    check = studio.check_version(local, "terugvordering", _edited(local), today=TODAY)
    assert check.errors == (studio.TOO_BIG,)


def test_previews_leave_the_shared_caches_alone(local: Settings) -> None:
    """Finding 13: a preview of each typed text must not push the production
    library out of the size-8 caches (it runs in a child process)."""
    from letterforge.compose.environment import make_environment
    from letterforge.library.loader import load_library

    edits = [_edited(local, OLD, f"bijstand terugbetalen {n}.\n") for n in range(3)]
    before = (load_library.cache_info(), make_environment.cache_info())
    for files in edits:
        studio.check_version(local, "terugvordering", files, today=TODAY)
    after = (load_library.cache_info(), make_environment.cache_info())
    assert [c.misses for c in after] == [c.misses for c in before]
    assert [c.currsize for c in after] == [c.currsize for c in before]
