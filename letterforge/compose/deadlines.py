"""Legal deadlines as dates: bezwaar (Awb 6:7/6:8) and the decision period (Awb 4:13).

A term set by law that ends on a Saturday, Sunday or general holiday runs on to the
next day that is none of these (Algemene termijnenwet art. 1). We take the Dutch
public holidays from the `holidays` package and add 5 May every year: the package
lists Bevrijdingsdag only in lustrum years because it is not a general day off, but
Atw art. 3 lid 1 names it for every year. Goede Vrijdag (Atw art. 3 lid 2) is in the
package's calendar.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import holidays

from letterforge.compose.filters import to_date

BEZWAAR_WEEKS = 6
DECISION_PERIOD_WEEKS = 8


@lru_cache(maxsize=64)
def _atw_holidays(year: int) -> frozenset[date]:
    days = set(holidays.country_holidays("NL", years=year).keys())
    days.add(date(year, 5, 5))
    return frozenset(days)


def is_atw_day_off(day: date) -> bool:
    """True on a Saturday, Sunday or a holiday of the Algemene termijnenwet."""
    return day.weekday() >= 5 or day in _atw_holidays(day.year)


def next_working_day(day: date) -> date:
    """The day itself, or the first later day that is not a day off under the Atw."""
    while is_atw_day_off(day):
        day += timedelta(days=1)
    return day


def term_end(start_day: date, weeks: int) -> date:
    """Last day of a term of `weeks` weeks that starts on `start_day`.

    A term of six weeks that starts on Tuesday 3 March ends on Monday 13 April: the
    day before the same weekday six weeks later.
    """
    return next_working_day(start_day + timedelta(weeks=weeks) - timedelta(days=1))


def bezwaar_deadline(letter_date: date) -> date:
    """Last day to object: six weeks from the day after the letter's date (Awb 6:8)."""
    return term_end(letter_date + timedelta(days=1), BEZWAAR_WEEKS)


def decision_deadline(received: date | str, weeks: int = DECISION_PERIOD_WEEKS) -> date:
    """Last day to decide on an application received on `received` (Awb 4:13)."""
    return term_end(to_date(received) + timedelta(days=1), weeks)


def extended_deadline(deadline: date | str, weeks: int) -> date:
    """The decision deadline moved on by `weeks` weeks (Awb 4:14)."""
    return next_working_day(to_date(deadline) + timedelta(weeks=weeks))
