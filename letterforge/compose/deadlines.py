"""Legal deadlines as dates: bezwaar (Awb 6:7/6:8), the decision period (Awb 4:13),
the Wmo decision (Wmo 2015 art. 2.3.5 lid 2), the hersteltermijn (Awb 4:5) and the
aanmaning (Awb 4:112).

A term set by law that ends on a Saturday, Sunday or general holiday runs on to the
next day that is none of these (Algemene termijnenwet art. 1). We take the Dutch
public holidays from the `holidays` package and add 5 May every year: the package
lists Bevrijdingsdag only in lustrum years because it is not a general day off, but
Atw art. 3 lid 1 names it for every year. Goede Vrijdag (Atw art. 3 lid 2) is in the
package's calendar. Days that a Royal decree equates with a holiday (Atw art. 3 lid 3,
such as 2 January 2026 and 15 May 2026) are dated data in normen.yaml and are passed
in as `equated`.
"""

from __future__ import annotations

from collections.abc import Set
from datetime import date, timedelta
from functools import lru_cache

import holidays

from letterforge.compose.filters import to_date

BEZWAAR_WEEKS = 6
DECISION_PERIOD_WEEKS = 8
NO_DAYS: frozenset[date] = frozenset()


@lru_cache(maxsize=64)
def _atw_holidays(year: int) -> frozenset[date]:
    days = set(holidays.country_holidays("NL", years=year).keys())
    days.add(date(year, 5, 5))
    return frozenset(days)


def is_atw_day_off(day: date, equated: Set[date] = NO_DAYS) -> bool:
    """True on a Saturday, Sunday, Atw holiday or a day equated with one."""
    return day.weekday() >= 5 or day in _atw_holidays(day.year) or day in equated


def next_working_day(day: date, equated: Set[date] = NO_DAYS) -> date:
    """The day itself, or the first later day that is not a day off under the Atw."""
    while is_atw_day_off(day, equated):
        day += timedelta(days=1)
    return day


def term_end(start_day: date, weeks: int, equated: Set[date] = NO_DAYS) -> date:
    """Last day of a term of `weeks` weeks that starts on `start_day`.

    A term of six weeks that starts on Tuesday 3 March ends on Monday 13 April: the
    day before the same weekday six weeks later.
    """
    return next_working_day(
        start_day + timedelta(weeks=weeks) - timedelta(days=1), equated
    )


def bezwaar_deadline(letter_date: date, equated: Set[date] = NO_DAYS) -> date:
    """Last day to object: six weeks from the day after the letter's date (Awb 6:8)."""
    return term_end(letter_date + timedelta(days=1), BEZWAAR_WEEKS, equated)


def decision_deadline(
    received: date | str,
    weeks: int = DECISION_PERIOD_WEEKS,
    equated: Set[date] = NO_DAYS,
) -> date:
    """Last day to decide on an application received on `received` (Awb 4:13)."""
    return term_end(to_date(received) + timedelta(days=1), weeks, equated)


def extended_deadline(
    deadline: date | str, weeks: int, equated: Set[date] = NO_DAYS
) -> date:
    """The decision deadline moved on by `weeks` weeks (Awb 4:14)."""
    return next_working_day(to_date(deadline) + timedelta(weeks=weeks), equated)
