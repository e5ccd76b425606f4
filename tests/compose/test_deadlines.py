from datetime import date

import pytest

from letterforge.compose.deadlines import (
    bezwaar_deadline,
    decision_deadline,
    extended_deadline,
    is_atw_day_off,
)


@pytest.mark.parametrize(
    ("letter_date", "expected"),
    [
        # Monday 2 March 2026 -> Monday 13 April 2026 (domain-law.md §2.1)
        (date(2026, 3, 2), date(2026, 4, 13)),
        # ends on Koningsdag, Monday 27 April -> Tuesday 28 April
        (date(2026, 3, 16), date(2026, 4, 28)),
        # ends on Saturday 9 January 2027 -> Monday 11 January
        (date(2026, 11, 28), date(2027, 1, 11)),
        # ends on 5 May 2026 (not a lustrum year, still an Atw holiday) -> 6 May
        (date(2026, 3, 24), date(2026, 5, 6)),
        # ends on Good Friday 3 April 2026 -> Monday 6 April is Easter Monday -> 7 April
        (date(2026, 2, 20), date(2026, 4, 7)),
        # ends on Christmas Day 2026 -> 28 December (26th is a Saturday)
        (date(2026, 11, 13), date(2026, 12, 28)),
        (date(2026, 11, 24), date(2027, 1, 5)),
    ],
)
def test_bezwaar_deadline(letter_date: date, expected: date) -> None:
    assert bezwaar_deadline(letter_date) == expected


@pytest.mark.parametrize(
    ("day", "off"),
    [
        (date(2026, 5, 5), True),
        (date(2027, 5, 5), True),
        (date(2026, 5, 14), True),  # Hemelvaartsdag
        (date(2026, 4, 3), True),  # Goede Vrijdag
        (date(2026, 11, 24), False),
        (date(2026, 11, 28), True),  # Saturday
    ],
)
def test_atw_days_off(day: date, off: bool) -> None:
    assert is_atw_day_off(day) is off


def test_decision_deadline_is_eight_weeks_after_receipt() -> None:
    assert decision_deadline("2026-10-12") == date(2026, 12, 7)


def test_extended_deadline_skips_days_off() -> None:
    # 7 December + 3 weeks = Monday 28 December 2026: a working day
    assert extended_deadline(date(2026, 12, 7), 3) == date(2026, 12, 28)
    # 4 December + 3 weeks = Friday 25 December -> Monday 28 December
    assert extended_deadline(date(2026, 12, 4), 3) == date(2026, 12, 28)
