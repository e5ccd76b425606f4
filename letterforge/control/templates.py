"""Template versions of the communication team: draft, submit, approve, date.

Flow (issue 17): an author (role communicatie or beheer, or an API client with
templates:write) saves a draft with a reason and a valid-from date; submitting it
runs every check (library/structure.py and lint.py, the legal elements of
library/elements.py and the clarity gate of library/clarity.py, on each sample of
the template) and refuses a version with errors; a second person (role beheer or
jurist, or templates:approve) approves or rejects it with a reason. Nobody
approves their own version. An approved version applies to letters dated on or
after its valid-from date (library/versions.py picks it per letter); going back
is a new version with the old text, so history is never rewritten.

The edges check roles and scopes; these functions check the rules that hold for
every edge (status order, four eyes, findings).
"""

from __future__ import annotations

import dataclasses
import os
import stat
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.exc import IntegrityError

from letterforge.assess import assess_letter, glossary_for
from letterforge.compose import Letter, lint_facts
from letterforge.compose.compose import letter_date
from letterforge.compose.filters import aantal
from letterforge.control.bounded import Stopped, run_bounded
from letterforge.errors import (
    CaseDataError,
    LetterforgeError,
    Problem,
    RequestError,
    TemplateError,
    TemplateSourceError,
    TemplateVersionForbidden,
    TemplateVersionInvalid,
    TemplateVersionRefused,
    UnknownTemplateVersion,
)
from letterforge.library import Template
from letterforge.library.clarity import clarity_findings
from letterforge.library.elements import missing_elements
from letterforge.library.lint import lint_template
from letterforge.library.loader import load_library as read_library
from letterforge.library.versions import (
    SHIPPED_NUMBER,
    Dated,
    content_hash,
    file_problems,
    in_force,
    materialise,
    normalised,
    prune,
    shipped_files,
    unified_diff,
    valid_until,
)
from letterforge.pipeline import LetterRequest, build_letter, decode_request
from letterforge.pipeline import load_library as shipped_library
from letterforge.readability import Report
from letterforge.register import Register
from letterforge.register.models import LetterRecord, TemplateVersion
from letterforge.register.template_versions import (
    APPROVED,
    CONCEPT,
    REJECTED,
    SUBMITTED,
    WITHDRAWN,
    add_version,
    approved_of,
    get_version,
    versions_of,
)
from letterforge.render import render_text
from letterforge.settings import Settings, sample_paths

REASON_MAX = 2000
# Editor previews are laid out per keystroke pause; an hour covers a session.
PREVIEW_KEEP_SECONDS = 3600


# --- which text applies -------------------------------------------------------


@dataclass(frozen=True)
class VersionInForce:
    """The text a letter is made with: number 1 (id None) is the shipped library."""

    template_id: str
    number: int
    id: int | None
    content_hash: str
    valid_from: date
    files: Mapping[str, str]


def version_root(settings: Settings) -> Path:
    """The folder for laid-out versions: settings.version_dir, else a folder in
    the temp folder that only this user may use (checked, never trusted)."""
    if settings.version_dir is not None:
        return settings.version_dir
    folder = Path(tempfile.gettempdir()) / f"letterforge-versies-{os.getuid()}"
    folder.mkdir(mode=0o700, exist_ok=True)
    info = folder.lstat()
    if info.st_uid != os.getuid() or stat.S_IMODE(info.st_mode) & 0o077:
        raise TemplateError("*", f"de map '{folder}' is niet van deze gebruiker")
    return folder


def template_of(settings: Settings, template_id: str) -> Template:
    """The shipped template (version 1); UnknownTemplate (404) when none."""
    return shipped_library(settings).get(template_id)


def _shipped(template: Template) -> VersionInForce:
    files = shipped_files(template)
    return VersionInForce(
        template.id,
        SHIPPED_NUMBER,
        None,
        content_hash(files),
        template.valid_from,
        files,
    )


def _stored(version: TemplateVersion) -> VersionInForce:
    return VersionInForce(
        version.template_id,
        version.number,
        version.id,
        version.content_hash,
        version.valid_from,
        dict(version.files),
    )


def version_on(
    register: Register, settings: Settings, template_id: str, day: date
) -> VersionInForce:
    """The version of `template_id` in force on `day`. Raises UnknownTemplate, or
    CaseDataError (zaak.briefdatum) when no version has started yet on that day."""
    template = template_of(settings, template_id)
    with register.session() as session:
        approved = [_stored(v) for v in approved_of(session, template_id)]
    shipped = _shipped(template)
    by_number = {v.number: v for v in (shipped, *approved)}
    chosen = in_force(
        [Dated(v.number, v.valid_from, v.id) for v in by_number.values()], day
    )
    if chosen is None:
        # The letter's date is case data: a 422 naming the field, like a date
        # outside the window that case validation refuses.
        message = f"voor {day.isoformat()} geldt nog geen tekst van dit sjabloon"
        raise CaseDataError((Problem("zaak.briefdatum", message, "no_version"),))
    return by_number[chosen.number]


def settings_with(
    settings: Settings, template_id: str, files: Mapping[str, str], *, preview: bool
) -> Settings:
    """Settings whose template folder holds `files` for `template_id` (the same
    settings when they are the shipped text)."""
    template = template_of(settings, template_id)
    if dict(files) == shipped_files(template):
        return settings
    root = version_root(settings) / ("voorbeeld" if preview else "versies")
    if preview:
        prune(root, older_than_seconds=PREVIEW_KEEP_SECONDS)
    folder = materialise(settings.template_dir.resolve(), template, files, root)
    return dataclasses.replace(settings, template_dir=folder)


def letter_day(request: LetterRequest, today: date) -> date:
    """The letter's date as composing sets it (compose.letter_date); a malformed
    date is left to case validation, which names the field."""
    try:
        return letter_date(request.case, today)
    except ValueError:
        return today


def letter_settings(
    register: Register, settings: Settings, request: LetterRequest, today: date
) -> tuple[Settings, VersionInForce]:
    """The settings to make `request` with (the text in force on its date)."""
    version = version_on(
        register, settings, request.template, letter_day(request, today)
    )
    if version.id is None:
        return settings, version
    return settings_with(
        settings, version.template_id, version.files, preview=False
    ), version


def settings_for_record(
    register: Register, settings: Settings, record: LetterRecord
) -> Settings:
    """The settings holding the template text a stored letter was made with (its
    recorded version number), to make it again (`letters reproduce`)."""
    number = record.template_version_number
    if number is None or number == SHIPPED_NUMBER:
        return settings
    files = texts_of(register, settings, record.template_id, number)
    return settings_with(settings, record.template_id, files, preview=False)


# --- checks -------------------------------------------------------------------


@dataclass(frozen=True)
class SampleLetter:
    """One sample of the template composed with the checked text."""

    name: str
    letter: Letter | None
    report: Report | None
    error: str | None


@dataclass(frozen=True)
class Check:
    """Findings on a version: errors block submitting, warnings are shown.
    Each finding reads `FILE:LINE: message` where the line is known."""

    errors: tuple[str, ...]
    warnings: tuple[str, ...]
    samples: tuple[SampleLetter, ...]


def _samples_of(
    settings: Settings, template_id: str
) -> list[tuple[str, LetterRequest]]:
    found = []
    for path in sample_paths(settings):
        request = decode_request(path.read_bytes())
        if request.template == template_id:
            found.append((path.name, request))
    return found


TOO_SLOW = (
    "Het voorbeeld duurde te lang en is gestopt. Maak de herhalingen of teksten"
    " in het sjabloon kleiner."
)
TOO_BIG = (
    "Het voorbeeld gebruikte te veel geheugen en is gestopt. Maak de herhalingen"
    " of teksten in het sjabloon kleiner."
)


def check_version(
    settings: Settings,
    template_id: str,
    files: Mapping[str, str],
    *,
    today: date,
    assess: bool = False,
) -> Check:
    """Every check of issue 17 on `files`: structure and lint with FILE:LINE, and
    per sample the legal elements and the clarity gate (`assess`: also the
    readability report of each sample, for the editor).

    The text is typed by people, so the check runs in a child process with time
    and memory limits (control/bounded.py); running out is an error finding
    (TOO_SLOW, TOO_BIG), never a hang."""
    template_of(settings, template_id)  # UnknownTemplate (404) here, not in the child
    result = run_bounded(
        lambda: _check_here(settings, template_id, files, today=today, assess=assess)
    )
    if isinstance(result, Stopped):
        return Check((TOO_SLOW if result.reason == "tijd" else TOO_BIG,), (), ())
    return result


def _check_here(
    settings: Settings,
    template_id: str,
    files: Mapping[str, str],
    *,
    today: date,
    assess: bool,
) -> Check:
    try:
        return _checks(settings, template_id, files, today=today, assess=assess)
    except RecursionError:
        return Check(
            ("het sjabloon roept zichzelf eindeloos aan (recursie); haal dat weg",),
            (),
            (),
        )


def _checks(
    settings: Settings,
    template_id: str,
    files: Mapping[str, str],
    *,
    today: date,
    assess: bool,
) -> Check:
    template = template_of(settings, template_id)
    files = normalised(files)
    problems = file_problems(template, files)
    if problems:
        return Check(tuple(str(p) for p in problems), (), ())
    checked = settings_with(settings, template_id, files, preview=True)
    try:
        library = read_library(checked.template_dir.resolve())
    except TemplateSourceError as e:
        return Check(tuple(e.findings), (), ())
    except TemplateError as e:
        return Check((e.detail,), (), ())
    version = library.get(template_id)
    errors: list[str] = [
        f"{p.file}:{p.line}: {p.message}" if p.line else f"{p.file}: {p.message}"
        for p in lint_template(version, glossary_for(checked), lint_facts())
    ]
    warnings: list[str] = []
    samples: list[SampleLetter] = []
    for name, request in _samples_of(settings, template_id):
        try:
            letter = build_letter(request, checked, today=today)
        except LetterforgeError as e:
            text = e.detail if isinstance(e, TemplateError) else "; ".join(e.lines())
            errors.append(f"{name}: {text}")
            samples.append(SampleLetter(name, None, None, text))
            continue
        text = render_text(letter)
        errors += [
            f"{name}: {m}"
            for m in missing_elements(version.elements, text, request.case)
        ]
        for finding in clarity_findings(
            text, file=version.source, source=files["letter.md.j2"]
        ):
            (errors if finding.severity == "fout" else warnings).append(
                f"{finding} ({name})"
            )
        report = assess_letter(letter, checked) if assess else None
        samples.append(SampleLetter(name, letter, report, None))
    return Check(
        tuple(dict.fromkeys(errors)), tuple(dict.fromkeys(warnings)), tuple(samples)
    )


# --- the flow -----------------------------------------------------------------


def _reason(reason: str, field: str) -> str:
    reason = reason.strip()
    if not reason or len(reason) > REASON_MAX:
        message = f"geef een reden van 1 tot {REASON_MAX} tekens"
        raise RequestError("Geef een reden.", (Problem(field, message, "required"),))
    return reason


def save_draft(
    register: Register,
    settings: Settings,
    template_id: str,
    files: Mapping[str, str],
    *,
    author: str,
    reason: str,
    valid_from: date,
    today: date,
    based_on: int | None = None,
) -> TemplateVersion:
    """Store `files` as a new concept version (number 2, 3, …). Refused when the
    files are not the template's editable files (422), no reason is given (400),
    `valid_from` is before `today` or outside the sensible window (422,
    geldig_vanaf), or the text is the one already in force then (422).
    Findings do not stop a draft; they stop `submit`."""
    template = template_of(settings, template_id)
    files = normalised(files)
    problems = file_problems(template, files)
    if problems:
        raise TemplateVersionInvalid(
            "De bestanden van het sjabloon kloppen niet.", tuple(problems)
        )
    why = _reason(reason, "reden")
    check_valid_from(valid_from, today)
    _refuse_unchanged(register, settings, template_id, files, valid_from)
    try:
        with register.session() as session:
            return add_version(
                session,
                template_id,
                files,
                content_hash(files),
                valid_from=valid_from,
                author=author,
                reason=why,
                based_on=based_on,
            )
    except IntegrityError as e:
        raise TemplateVersionRefused(
            "Iemand anders bewaarde net een versie. Probeer het opnieuw.",
            (Problem("versie", "een andere versie kreeg dit nummer", "conflict"),),
        ) from e


# A version applies from a date a person chose on purpose: not before text
# versions existed, and not so far ahead that it is a typing error.
EARLIEST_VALID_FROM = date(2000, 1, 1)
MAX_YEARS_AHEAD = 5


def check_valid_from(valid_from: date, today: date) -> None:
    """Refuse (422, geldig_vanaf) a date before `today` — a new text must not
    change which text letters already made had (they keep theirs) — or more than
    MAX_YEARS_AHEAD years ahead."""
    latest = date(today.year + MAX_YEARS_AHEAD, 12, 31)
    if valid_from < max(today, EARLIEST_VALID_FROM):
        message = (
            f"kies vandaag ({today.isoformat()}) of later: een nieuwe tekst geldt"
            " niet terug in de tijd"
        )
    elif valid_from > latest:
        message = f"kies een datum tot en met {latest.isoformat()}"
    else:
        return
    raise TemplateVersionInvalid(
        f"geldig_vanaf: {message}.", (Problem("geldig_vanaf", message, "invalid"),)
    )


def _refuse_unchanged(
    register: Register,
    settings: Settings,
    template_id: str,
    files: Mapping[str, str],
    valid_from: date,
) -> None:
    try:
        current = version_on(register, settings, template_id, valid_from)
    except CaseDataError:
        return  # no text applies yet on that day: anything is a change
    if current.content_hash == content_hash(files):
        message = (
            f"deze tekst geldt op {valid_from.isoformat()} al (versie {current.number})"
        )
        raise TemplateVersionInvalid(
            "Er is niets veranderd.", (Problem("bestanden", message, "unchanged"),)
        )


def _version(session: Any, template_id: str, number: int) -> TemplateVersion:
    found = get_version(session, template_id, number)
    if found is None:
        raise UnknownTemplateVersion(
            f"Versie {number} van '{template_id}' bestaat niet.",
            (Problem("versie", "deze versie bestaat niet", "unknown"),),
        )
    return found


def _in_status(version: TemplateVersion, status: str, step: str) -> None:
    if version.status != status:
        message = (
            f"versie {version.number} is {version.status};"
            f" {step} kan alleen bij {status}"
        )
        raise TemplateVersionRefused(
            f"Dit kan niet: versie {version.number} is {version.status}.",
            (Problem("status", message, "wrong_status"),),
        )


def submit(
    register: Register,
    settings: Settings,
    template_id: str,
    number: int,
    *,
    actor: str,
    today: date,
) -> TemplateVersion:
    """Offer a concept for approval; refused (422) with every finding when the
    version has lint, legal-element or clarity errors or its valid-from date has
    passed, (409) when not a concept, (403) when `actor` is not its author (so
    the author is also the one who submitted, and four eyes covers both)."""
    with register.session() as session:
        version = _version(session, template_id, number)
        _in_status(version, CONCEPT, "indienen")
        if person(actor) != person(version.author):
            raise TemplateVersionForbidden(
                f"Alleen de auteur ({version.author}) kan versie {number} indienen.",
                (Problem("auteur", "alleen de auteur dient in", "not_author"),),
            )
        check_valid_from(version.valid_from, today)
        files = dict(version.files)
    check = check_version(settings, template_id, files, today=today)
    if check.errors:
        raise TemplateVersionInvalid(
            f"Versie {number} heeft {aantal(len(check.errors), 'fout', 'fouten')}."
            " Los die eerst op.",
            tuple(Problem("bestanden", e, "finding") for e in check.errors),
        )
    with register.session() as session:
        version = _version(session, template_id, number)
        _in_status(version, CONCEPT, "indienen")
        version.status = SUBMITTED
        version.submitted_at = datetime.now(UTC)
        return version


def approve(
    register: Register, template_id: str, number: int, *, reviewer: str, today: date
) -> TemplateVersion:
    """A second person approves a submitted version: from its valid-from date it
    applies to new letters. 403 for the author, 409 when not submitted, 422
    (geldig_vanaf) when that date is before `today`: letters already made keep
    the text they were made with, and the history must say so."""
    with register.session() as session:
        version = _version(session, template_id, number)
        _check_reviewer(version, reviewer)
        _in_status(version, SUBMITTED, "goedkeuren")
        check_valid_from(version.valid_from, today)
        _check_unique_start(session, version)
        version.status = APPROVED
        version.reviewer = reviewer
        version.reviewed_at = datetime.now(UTC)
        return version


def reject(
    register: Register, template_id: str, number: int, *, reviewer: str, reason: str
) -> TemplateVersion:
    """A second person rejects a submitted version with a reason; it never applies."""
    why = _reason(reason, "reden")
    with register.session() as session:
        version = _version(session, template_id, number)
        _check_reviewer(version, reviewer)
        _in_status(version, SUBMITTED, "afkeuren")
        version.status = REJECTED
        version.reviewer = reviewer
        version.review_reason = why
        version.reviewed_at = datetime.now(UTC)
        return version


API_PREFIX = "api:"


def person(actor: str) -> str:
    """Who acted, the same on the page and through the API: an API client acts
    as "api:<client name>", and a client named after a user is that user."""
    return actor.removeprefix(API_PREFIX)


def _check_reviewer(version: TemplateVersion, reviewer: str) -> None:
    # The author also submitted (submit) or imported (template_files) it.
    if person(version.author) == person(reviewer):
        raise TemplateVersionForbidden(
            "U kunt uw eigen versie niet goedkeuren of afkeuren. Een collega doet dat.",
            (
                Problem(
                    "beoordelaar", "een collega moet de versie beoordelen", "four_eyes"
                ),
            ),
        )


def revert(
    register: Register,
    settings: Settings,
    template_id: str,
    number: int,
    *,
    author: str,
    reason: str,
    valid_from: date,
    today: date,
) -> TemplateVersion:
    """Go back to the text of version `number` (1: the shipped text) as a NEW
    concept; history is never rewritten."""
    files = texts_of(register, settings, template_id, number)
    return save_draft(
        register,
        settings,
        template_id,
        files,
        author=author,
        reason=reason,
        valid_from=valid_from,
        today=today,
        based_on=number,
    )


def texts_of(
    register: Register, settings: Settings, template_id: str, number: int
) -> dict[str, str]:
    """The files of version `number` (1: the shipped library)."""
    if number == SHIPPED_NUMBER:
        return shipped_files(template_of(settings, template_id))
    with register.session() as session:
        return dict(_version(session, template_id, number).files)


def diff(
    register: Register, settings: Settings, template_id: str, old: int, new: int
) -> str:
    """A unified diff between two versions' files."""
    return unified_diff(
        texts_of(register, settings, template_id, old),
        texts_of(register, settings, template_id, new),
        old_label=f"versie-{old}",
        new_label=f"versie-{new}",
    )


@dataclass(frozen=True)
class HistoryEntry:
    """One version as the history page and the API show it."""

    number: int
    id: int | None
    status: str
    author: str
    reason: str
    created_at: datetime | None
    reviewer: str | None
    review_reason: str | None
    reviewed_at: datetime | None
    valid_from: date
    valid_until: date | None
    content_hash: str
    based_on: int | None
    diff: str

    def as_json(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        for key in ("created_at", "reviewed_at", "valid_from", "valid_until"):
            value = data[key]
            data[key] = value.isoformat() if value is not None else None
        return data


def history(
    register: Register, settings: Settings, template_id: str
) -> list[HistoryEntry]:
    """Every version, newest first, each with its diff against the version it
    was based on (else the one before it); valid_until for approved versions."""
    template = template_of(settings, template_id)
    shipped = _shipped(template)
    with register.session() as session:
        stored = versions_of(session, template_id)
        session.expunge_all()
    texts: dict[int, Mapping[str, str]] = {SHIPPED_NUMBER: shipped.files}
    texts.update({v.number: v.files for v in stored})
    dated = [Dated(SHIPPED_NUMBER, shipped.valid_from)] + [
        Dated(v.number, v.valid_from, v.id) for v in stored if v.status == APPROVED
    ]
    entries = []
    for v in stored:
        base = (
            v.based_on if v.based_on in texts else max(n for n in texts if n < v.number)
        )
        entries.append(
            HistoryEntry(
                v.number,
                v.id,
                v.status,
                v.author,
                v.reason,
                v.created_at,
                v.reviewer,
                v.review_reason,
                v.reviewed_at,
                v.valid_from,
                valid_until(dated, Dated(v.number, v.valid_from, v.id))
                if v.status == APPROVED
                else None,
                v.content_hash,
                v.based_on,
                unified_diff(
                    texts[base],
                    v.files,
                    old_label=f"versie-{base}",
                    new_label=f"versie-{v.number}",
                ),
            )
        )
    entries.append(
        HistoryEntry(
            SHIPPED_NUMBER,
            None,
            APPROVED,
            "meegeleverd",
            "de tekst in templates/",
            None,
            None,
            None,
            None,
            shipped.valid_from,
            valid_until(dated, dated[0]),
            shipped.content_hash,
            None,
            "",
        )
    )
    return entries


# --- which text an edit starts from, and what else is open ------------------


def _check_unique_start(session: Any, version: TemplateVersion) -> None:
    """Two approved versions with the same valid-from would leave one of them
    never applying (a lost update): the second one is refused (409)."""
    for other in approved_of(session, version.template_id):
        if other.number != version.number and other.valid_from == version.valid_from:
            raise TemplateVersionRefused(
                "Er is al een goedgekeurde versie vanaf die datum"
                f" (versie {other.number}). Keur deze versie af en laat de"
                " schrijver een andere datum kiezen of de teksten samenvoegen.",
                (
                    Problem(
                        "geldig_vanaf",
                        f"versie {other.number} geldt al vanaf deze datum",
                        "same_valid_from",
                    ),
                ),
            )


def newest_base(
    register: Register, settings: Settings, template_id: str, today: date
) -> VersionInForce:
    """The text a new edit starts from: the newest approved or submitted version
    (so an approved change that starts later is not lost), else the one in
    force today."""
    with register.session() as session:
        candidates = [
            _stored(v)
            for v in versions_of(session, template_id)
            if v.status in (APPROVED, SUBMITTED)
        ]
    if candidates:
        return max(candidates, key=lambda v: v.number)
    return version_on(register, settings, template_id, today)


@dataclass(frozen=True)
class OtherVersion:
    """A version beside the one being edited that the editor should know of."""

    number: int
    status: str
    author: str
    valid_from: date


def other_versions(
    register: Register, template_id: str, today: date, *, besides: int | None = None
) -> list[OtherVersion]:
    """Open versions (concept, submitted) and approved versions that start after
    `today`, oldest number first, except `besides`: edits made next to these
    can silently undo them."""
    with register.session() as session:
        found = [
            OtherVersion(v.number, v.status, v.author, v.valid_from)
            for v in versions_of(session, template_id)
            if v.number != besides
            and (
                v.status in (CONCEPT, SUBMITTED)
                or (v.status == APPROVED and v.valid_from > today)
            )
        ]
    return sorted(found, key=lambda v: v.number)


def replaced_on(
    register: Register,
    settings: Settings,
    template_id: str,
    day: date,
    *,
    besides: int | None = None,
) -> VersionInForce:
    """The approved version that a new version starting on `day` replaces: the
    one in force on `day`, leaving `besides` (the new version) out. What a
    revert really undoes is the difference with this one."""
    template = template_of(settings, template_id)
    with register.session() as session:
        approved = [
            _stored(v) for v in approved_of(session, template_id) if v.number != besides
        ]
    shipped = _shipped(template)
    by_number = {v.number: v for v in (shipped, *approved)}
    chosen = in_force(
        [Dated(v.number, v.valid_from, v.id) for v in by_number.values()], day
    )
    return by_number[chosen.number] if chosen is not None else shipped


def withdraw(
    register: Register, template_id: str, number: int, *, actor: str
) -> TemplateVersion:
    """The author takes back their own concept or submitted version: its status
    becomes 'ingetrokken' (kept in the history, never used). 403 for others,
    409 when already approved, rejected or withdrawn."""
    with register.session() as session:
        version = _version(session, template_id, number)
        if version.author != actor:
            raise TemplateVersionForbidden(
                "Alleen wie de versie maakte, kan hem intrekken.",
                (Problem("versie", "dit is niet uw versie", "not_author"),),
            )
        if version.status not in (CONCEPT, SUBMITTED):
            _in_status(version, CONCEPT, "intrekken")
        version.status = WITHDRAWN
        return version
