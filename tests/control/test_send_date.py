"""A letter's date is the day it is sent (issue 13, Awb 3:41 and 6:8): refused
when made in the past, a warning far ahead, not released when approved on a later
day, and made again with today's date, keeping the four eyes. On SQLite and
PostgreSQL (database_url)."""

from __future__ import annotations

import io
from datetime import date, timedelta
from typing import Any

import pytest
from docx import Document

from letterforge import control
from letterforge.control import send_date
from letterforge.errors import (
    CaseDataError,
    LetterDateOutdated,
    ReviewForbidden,
    ReviewRefused,
)
from letterforge.pipeline import LetterRequest, load_library
from letterforge.register import Register, open_register
from letterforge.register.audit import events
from letterforge.register.models import FilingJob, LetterRecord
from letterforge.register.store import get_document, get_letter
from letterforge.settings import Settings
from tests.conftest import TODAY, load_sample

BEZWAAR = ("de termijn voor bezwaar",)

CONCEPT = "bestuurlijke-boete-boete"  # four eyes: always checked


@pytest.fixture
def register(database_url: str) -> Any:
    register = open_register(database_url, migrate=True)
    yield register
    register.dispose()


def _request(sample: str, letter_date: date | None = TODAY) -> LetterRequest:
    data = load_sample(sample)
    if letter_date is None:
        data["case"]["zaak"].pop("briefdatum", None)
    else:
        data["case"]["zaak"]["briefdatum"] = letter_date.isoformat()
    return LetterRequest(data["template"], data["case"], "docx")


def _count(register: Register, model: type[Any]) -> int:
    with register.session() as session:
        return session.query(model).count()


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2026, 11, 24), date(2026, 11, 24), 0),  # Tuesday, same day
        (date(2026, 11, 24), date(2026, 11, 23), 0),  # before: none
        (date(2026, 11, 24), date(2026, 11, 28), 3),  # Wed Thu Fri, not Sat
        (date(2026, 11, 24), date(2026, 12, 1), 5),  # one week
        (date(2026, 11, 24), date(2026, 12, 2), 6),
        (date(2026, 11, 28), date(2026, 11, 30), 1),  # Saturday to Monday
        (date(2026, 11, 24), date(2026, 12, 24), 22),
    ],
)
def test_working_days_after(start: date, end: date, expected: int) -> None:
    assert send_date.working_days_after(start, end) == expected


@pytest.mark.parametrize(
    ("letter_date", "past", "warned"),
    [
        (TODAY - timedelta(days=1), True, False),
        (TODAY - timedelta(days=30), True, False),
        (TODAY, False, False),
        (date(2026, 12, 1), False, False),  # 5 working days: a post run
        (date(2026, 12, 2), False, True),  # 6 working days: a warning
        (date(2027, 11, 24), False, True),  # a typing error in the year
    ],
)
def test_the_rules_on_a_date(letter_date: date, past: bool, warned: bool) -> None:
    if past:
        with pytest.raises(CaseDataError) as refused:
            send_date.refuse_past(letter_date, TODAY)
        assert refused.value.problems[0].path == "zaak.briefdatum"
        with pytest.raises(LetterDateOutdated) as outdated:
            send_date.refuse_release(letter_date, TODAY)
        assert outdated.value.http_status == 409
        assert "Maak de brief opnieuw met de datum van vandaag" in (
            outdated.value.message
        )
    else:
        send_date.refuse_past(letter_date, TODAY)
        send_date.refuse_release(letter_date, TODAY)
    warning = send_date.ahead_warning(letter_date, TODAY)
    assert (warning is not None) == warned
    if warning is not None:
        assert warning.path == "zaak.briefdatum"


@pytest.mark.parametrize(
    ("terms", "ending"),
    [
        (BEZWAAR, "Verstuur hem op die dag, anders klopt de termijn voor bezwaar niet"),
        (
            ("de betaaltermijn", "de hersteltermijn"),
            "anders kloppen de betaaltermijn en de hersteltermijn niet",
        ),
        # A notice such as a new contact person: no term counts from its date.
        ((), "Verstuur hem op die dag"),
    ],
)
def test_the_ahead_warning_names_the_terms_that_move(
    terms: tuple[str, ...], ending: str
) -> None:
    warning = send_date.ahead_warning(date(2026, 12, 10), TODAY, terms)
    assert warning is not None and warning.message.endswith(ending)


@pytest.mark.parametrize(
    ("letter_date", "count", "terms", "expected"),
    [
        (TODAY, 1, BEZWAAR, None),
        # Review s4 jurist-elements finding 7: a past date is said to be past.
        (
            date(2026, 11, 20),
            1,
            BEZWAAR,
            "Let op: deze brief heeft als datum 20 november 2026. Deze datum is al "
            "voorbij. Maak de brief opnieuw met de datum van vandaag.",
        ),
        (
            date(2026, 11, 20),
            3,
            (),
            "Let op: 3 brieven hebben als datum 20 november 2026. Deze datum is al "
            "voorbij. Maak de brieven opnieuw met de datum van vandaag.",
        ),
        (
            date(2026, 11, 26),
            1,
            BEZWAAR,
            "Let op: deze brief heeft als datum 26 november 2026. Verstuurt u hem "
            "later? Maak hem dan opnieuw met de datum van die dag, anders klopt de "
            "termijn voor bezwaar niet.",
        ),
        (
            date(2026, 11, 26),
            3,
            ("de betaaltermijn",),
            "Let op: 3 brieven hebben als datum 26 november 2026. Verstuurt u ze "
            "later? Maak ze dan opnieuw met de datum van die dag, anders klopt de "
            "betaaltermijn niet.",
        ),
        (
            date(2026, 11, 26),
            1,
            ("de hersteltermijn", "de reactietermijn"),
            "Let op: deze brief heeft als datum 26 november 2026. Verstuurt u hem "
            "later? Maak hem dan opnieuw met de datum van die dag, anders kloppen "
            "de hersteltermijn en de reactietermijn niet.",
        ),
        (
            date(2026, 11, 26),
            1,
            (),
            "Let op: deze brief heeft als datum 26 november 2026. Verstuurt u hem "
            "later? Maak hem dan opnieuw met de datum van die dag.",
        ),
    ],
)
def test_the_preview_notice(
    letter_date: date, count: int, terms: tuple[str, ...], expected: str
) -> None:
    assert send_date.preview_notice(letter_date, TODAY, count, terms) == expected


# (template, case, the terms that count from the letter's date): from the
# template's declared remedy and legal bases (templates/*/template.yaml).
SHIFTING = [
    ("terugvordering", {}, BEZWAAR),
    ("beslissing-op-bezwaar", {}, ("de termijn voor beroep",)),
    ("aanmaning", {}, ("de betaaltermijn",)),
    ("voornemen-terugvordering", {}, ("de reactietermijn",)),
    (
        "verhaal",
        {"verhaal": {"route": "uitspraak"}},
        ("de termijn van 30 dagen om te betalen of verzet te doen",),
    ),
    ("verhaal", {"verhaal": {"route": "rechtbank"}}, ()),
    (
        "ontvangstbevestiging",
        {"aanvraag": {"nog_nodig": ["loonstrook"]}},
        ("de hersteltermijn",),
    ),
    ("ontvangstbevestiging", {"aanvraag": {}}, ()),
    ("wijziging-contactpersoon", {}, ()),
]


@pytest.mark.parametrize(
    ("template", "case", "terms"),
    SHIFTING,
    ids=[f"{t[0]}-{i}" for i, t in enumerate(SHIFTING)],
)
def test_the_terms_that_move_with_the_date(
    settings: Settings, template: str, case: dict[str, Any], terms: tuple[str, ...]
) -> None:
    elements = load_library(settings).get(template).elements
    assert send_date.shifting_terms(elements, case) == terms


@pytest.mark.parametrize(
    ("sample", "letter_date", "warned"),
    [
        (CONCEPT, TODAY, False),
        (CONCEPT, None, False),  # no date given: today
        ("verlenging-beslistermijn-advies", TODAY, False),
        (CONCEPT, date(2026, 12, 1), False),
        (CONCEPT, date(2026, 12, 4), True),
        ("verlenging-beslistermijn-advies", date(2026, 12, 4), True),
    ],
)
def test_making_a_letter_today_or_ahead(
    register: Register,
    settings: Settings,
    sample: str,
    letter_date: date | None,
    warned: bool,
) -> None:
    made = control.make_letter(
        register,
        _request(sample, letter_date),
        settings,
        today=TODAY,
        client="t",
        actor="anna",
    )
    assert made.letter_date == (letter_date or TODAY)
    codes = [w["code"] for w in made.warnings or ()]
    assert ("date_far_ahead" in codes) == warned


@pytest.mark.parametrize("days_late", [1, 5, 40])
@pytest.mark.parametrize("sample", [CONCEPT, "verlenging-beslistermijn-advies"])
def test_making_a_letter_dated_in_the_past_is_refused(
    register: Register, settings: Settings, sample: str, days_late: int
) -> None:
    with pytest.raises(CaseDataError) as refused:
        control.make_letter(
            register,
            _request(sample),
            settings,
            today=TODAY + timedelta(days=days_late),
            client="t",
            actor="anna",
        )
    (problem,) = refused.value.problems
    assert problem.path == "zaak.briefdatum" and "24 november 2026" in problem.message
    assert _count(register, LetterRecord) == 0  # nothing half-written


def _text(register: Register, letter_id: str) -> str:
    with register.session() as session:
        record = get_document(session, letter_id)
        assert record is not None
        content = record.content
    return "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)


def test_a_concept_approved_on_a_later_day_is_not_released_but_made_again(
    register: Register, settings: Settings
) -> None:
    made = control.make_letter(
        register, _request(CONCEPT), settings, today=TODAY, client="t", actor="anna"
    )
    later = TODAY + timedelta(days=5)  # Sunday 29 November 2026
    with pytest.raises(LetterDateOutdated) as refused:
        control.approve(register, made.id, "bram", today=later)
    assert refused.value.problems[0].path == "zaak.briefdatum"
    assert "24 november 2026" in refused.value.message
    with register.session() as session:
        record = get_letter(session, made.id)
        assert record is not None and record.status == control.CONCEPT
        assert record.approved_by is None
        assert [e.kind for e in events(session, made.id)] == ["gemaakt"]
    assert _count(register, FilingJob) == 0  # nothing half-written

    new = control.remake(register, made.id, "bram", settings, today=later)
    assert new.id != made.id and new.status == control.CONCEPT
    assert new.letter_date == later and new.made_by == "bram"
    text = _text(register, new.id)
    # The letter's own date moved; facts of other days (the herziening of 24
    # November the boete rests on) stay as they were.
    assert "Datum\t29\xa0november\xa02026" in text
    assert "Datum\t24\xa0november\xa02026" not in text
    with register.session() as session:
        old = get_letter(session, made.id)
        assert old is not None and old.status == control.REJECTED
        (*_, rejected) = events(session, made.id)
        assert rejected.kind == "afgekeurd" and new.id in (rejected.reason or "")
        (created,) = events(session, new.id)
        assert made.id in (created.reason or "")
    # Four eyes again: who made it again may not approve it; a colleague may.
    with pytest.raises(ReviewForbidden):
        control.approve(register, new.id, "bram", today=later)
    final = control.approve(register, new.id, "anna", today=later)
    assert final.status == control.FINAL
    with pytest.raises(ReviewRefused):  # the old one is gone for good
        control.remake(register, made.id, "carla", settings, today=later)


def test_only_a_concept_is_made_again(register: Register, settings: Settings) -> None:
    made = control.make_letter(
        register,
        _request("verlenging-beslistermijn-advies"),
        settings,
        today=TODAY,
        client="t",
        actor="anna",
    )
    assert made.status == control.FINAL
    with pytest.raises(ReviewRefused) as refused:
        control.remake(register, made.id, "bram", settings, today=TODAY)
    assert refused.value.problems[0].code == "not_concept"
    assert _count(register, LetterRecord) == 1
