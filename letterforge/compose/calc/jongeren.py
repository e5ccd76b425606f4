"""What changes in a toekenning of bijstand for an applicant younger than 27.

Sources (reference domain-law.md §3 and domain-law-2026.md §10):
- Participatiewet art. 41 lid 4: under 27, bijstand starts no earlier than four
  weeks after the melding (the zoektermijn; from 1 January 2026, Wet
  Participatiewet in balans, only under 27). The reference names no exceptions,
  so the caseworker gives the ground of an exception as a reason in words.
- Participatiewet art. 44 lid 4 (content art. 44a): for 18 to 27 the plan van
  aanpak is a bijlage of the toekenningsbesluit, so it is part of the decision.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from letterforge.compose.calc.bijstand import ADULT_FROM_AGE, NormInputError, age_on
from letterforge.compose.norms import dutch_date

# Pw art. 41 lid 4 and 44 lid 4: the rules for applicants younger than this age.
YOUNG_UNTIL_AGE = 27
SEARCH_PERIOD = timedelta(weeks=4)


@dataclass(frozen=True)
class Jongere:
    """An applicant younger than 27 on the ingangsdatum: age, the day of the
    melding, the end of the zoektermijn (the first day bijstand may start), the
    ground of an exception (None: the zoektermijn applies) and the day the
    applicant turns 21 (None when 21 or older already: the norm then changes)."""

    leeftijd: int
    melding: date
    zoektermijn_einde: date
    uitzondering: str | None
    wordt_21: date | None


def is_young(birth: date, start: date) -> bool:
    """True when someone born on `birth` is younger than 27 on `start`."""
    return age_on(birth, start) < YOUNG_UNTIL_AGE


def _birthday(birth: date, age: int) -> date:
    """The day someone born on `birth` turns `age` (29 February: 1 March)."""
    try:
        return birth.replace(year=birth.year + age)
    except ValueError:
        return date(birth.year + age, 3, 1)


def jongere(birth: date, melding: date, start: date, exception: str | None) -> Jongere:
    """The zoektermijn for an applicant younger than 27 on `start` (the
    ingangsdatum), with the melding on `melding`.

    Raises NormInputError (field `ingangsdatum`, Dutch, citing art. 41 lid 4)
    when `start` lies before the end of the zoektermijn and `exception` (the
    ground of an exception, in words) is empty.
    """
    end = melding + SEARCH_PERIOD
    reason = exception.strip() if exception else None
    if start < end and not reason:
        raise NormInputError(
            "ingangsdatum",
            f"de inwoner is op {dutch_date(start)} jonger dan 27 jaar. Dan gaat "
            "de bijstand pas in vier weken na de melding op "
            f"{dutch_date(melding)}: op zijn vroegst op {dutch_date(end)} (de "
            "zoektermijn, artikel 41 lid 4 Participatiewet). Geldt er een "
            "uitzondering? Zeg dan waarom in toekenning.zoektermijn_uitzondering",
        )
    age = age_on(birth, start)
    turns_21 = _birthday(birth, ADULT_FROM_AGE) if age < ADULT_FROM_AGE else None
    return Jongere(age, melding, end, reason, turns_21)
