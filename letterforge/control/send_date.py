"""A letter's date is the day it is sent: the rules every edge shares.

Awb 3:41 makes a decision known by sending it, and the bezwaartermijn of six
weeks starts the day after (Awb 6:8). A letter dated earlier than the day it
goes out shortens that term for the resident, so (issue 13):
- making a letter in the register with a date before today is refused;
- a letter dated more than AHEAD_WORKING_DAYS working days ahead gets a warning
  (a date a few days ahead is normal for a post run);
- a concept approved on a later day is not released (control.finalise), but
  made again with today's date (control.remake);
- a preview on the command line is not a send: it only says so.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from letterforge.compose.norms import dutch_date
from letterforge.errors import CaseDataError, LetterDateOutdated, Problem
from letterforge.library.elements import Elements

FIELD = "zaak.briefdatum"
# A post run prints letters a few days before they go out; more than a working
# week ahead is more likely a typing error (2027 for 2026).
AHEAD_WORKING_DAYS = 5


def working_days_after(start: date, end: date) -> int:
    """The Mondays to Fridays d with start < d <= end (0 when end <= start).
    Public holidays are not left out: the warning needs no more precision."""
    days = (end - start).days
    if days <= 0:
        return 0
    weeks, rest = divmod(days, 7)
    extra = sum(1 for i in range(1, rest + 1) if (start + timedelta(i)).weekday() < 5)
    return weeks * 5 + extra


def refuse_past(letter_date: date, today: date) -> None:
    """Raise CaseDataError (422, naming zaak.briefdatum) when a letter made in
    the register is dated before `today`."""
    if letter_date < today:
        message = (
            f"de datum {dutch_date(letter_date)} ligt voor vandaag "
            f"({dutch_date(today)}); een brief krijgt de datum van de dag dat hij "
            "verstuurd wordt. Laat de datum leeg of vul de datum van vandaag in"
        )
        raise CaseDataError((Problem(FIELD, message, "date_past"),))


def ahead_warning(
    letter_date: date, today: date, terms: Sequence[str] = ()
) -> Problem | None:
    """A warning when the letter is dated more than AHEAD_WORKING_DAYS working
    days after `today`; None otherwise. `terms` (shifting_terms) are the terms
    that count from the date; the warning names them (none: it names none)."""
    if working_days_after(today, letter_date) <= AHEAD_WORKING_DAYS:
        return None
    message = (
        f"deze brief heeft als datum {dutch_date(letter_date)}, meer dan "
        f"{AHEAD_WORKING_DAYS} werkdagen na vandaag. Klopt dat? Verstuur hem op "
        "die dag"
    )
    if terms:
        verb = "klopt" if len(terms) == 1 else "kloppen"
        message += f", anders {verb} {_and(terms)} niet"
    return Problem(FIELD, message, "date_far_ahead")


def refuse_release(letter_date: date, today: date) -> None:
    """Raise LetterDateOutdated (409) when a letter dated `letter_date` would
    become final on the later day `today`."""
    if letter_date >= today:
        return
    message = (
        f"Deze brief heeft als datum {dutch_date(letter_date)}. Die datum is "
        "voorbij. Een brief moet de datum hebben van de dag dat hij verstuurd "
        "wordt, anders klopt de termijn voor bezwaar niet. Maak de brief opnieuw "
        "met de datum van vandaag. Een collega controleert hem dan opnieuw."
    )
    detail = (
        f"de datum {dutch_date(letter_date)} ligt voor vandaag "
        f"({dutch_date(today)}); maak de brief opnieuw met de datum van vandaag"
    )
    raise LetterDateOutdated(message, (Problem(FIELD, detail, "date_past"),))


# The term a remedy clause counts from the letter's date (Awb 6:7-6:8).
_REMEDY_TERMS: Mapping[str, str] = {
    "bezwaar": "de termijn voor bezwaar",
    "beroep": "de termijn voor beroep",
}
# A letter without a bezwaar clause: the terms that run from its date, known by
# the legal basis the template declares in `elementen` (library/elements.py). The
# same terms and articles as the calculators in compose/calc/termijnen.py.
_TERMS_BY_BASIS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"Algemene wet bestuursrecht, artikel 4:112\b"), "de betaaltermijn"),
    (re.compile(r"Algemene wet bestuursrecht, artikel 4:5\b"), "de hersteltermijn"),
    (re.compile(r"Algemene wet bestuursrecht, artikel 4:8\b"), "de reactietermijn"),
    (
        re.compile(r"Participatiewet, artikel 62b\b"),
        "de termijn van 30 dagen om te betalen of verzet te doen",
    ),
)


def shifting_terms(elements: Elements, case: Mapping[str, Any]) -> tuple[str, ...]:
    """The Dutch names of the terms that count from the letter's date, for this
    `case`: the remedy's term for a letter with bezwaar or beroep, else the terms
    of the legal bases its applicable elements declare (betaaltermijn Awb 4:112,
    hersteltermijn 4:5, reactietermijn 4:8, the 30 days of Pw 62b). Empty when no
    term counts from the date (a notice such as a new contact person)."""
    if elements.remedy in _REMEDY_TERMS:
        return (_REMEDY_TERMS[elements.remedy],)
    bases = [e.text for e in elements.applicable(case) if e.kind == "grondslag"]
    terms = [
        name
        for pattern, name in _TERMS_BY_BASIS
        if any(pattern.search(text) for text in bases)
    ]
    return tuple(dict.fromkeys(terms))


def _and(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} en {names[-1]}"


def preview_notice(
    letter_date: date, today: date, count: int = 1, terms: Sequence[str] = ()
) -> str | None:
    """One Dutch line for `count` previews dated `letter_date`, another day than
    `today`; None when they are dated today. A date already past is said to be
    past; a later date names the `terms` (shifting_terms) that would be wrong if
    the letter went out later."""
    if letter_date == today:
        return None
    if count == 1:
        subject, verb, pronoun = "deze brief heeft", "Verstuurt u hem", "hem"
        letters = "de brief"
    else:
        subject, verb, pronoun = f"{count} brieven hebben", "Verstuurt u ze", "ze"
        letters = "de brieven"
    opening = f"Let op: {subject} als datum {dutch_date(letter_date)}."
    if letter_date < today:
        return (
            f"{opening} Deze datum is al voorbij. Maak {letters} opnieuw met de "
            "datum van vandaag."
        )
    remake = (
        f"{opening} {verb} later? Maak {pronoun} dan opnieuw met de datum van die dag"
    )
    if not terms:
        return remake + "."
    verb_agrees = "klopt" if len(terms) == 1 else "kloppen"
    return f"{remake}, anders {verb_agrees} {_and(terms)} niet."
