"""Deadlines with the steps that explain them, for letters and the calc contract.

Rules: Awb 6:7/6:8 (bezwaar: six weeks from the day after the letter's date), Awb 4:13
(beslistermijn: eight weeks unless the law sets another), Wmo 2015 art. 2.3.5 lid 2
(two weeks after the aanvraag), Awb 4:5 (hersteltermijn set by the college), Awb
4:112 (aanmaning: two weeks from the day after it is sent), and the Algemene
termijnenwet (art. 1 and 3; days equated by Royal decree from the norms data). A
term's end beyond the last date for which equated days are known is refused, never
guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from letterforge.compose.calc.steps import Step
from letterforge.compose.deadlines import _atw_holidays, next_working_day
from letterforge.compose.filters import dagen, datum, weken
from letterforge.compose.norms import UNVERIFIED, NormTable, dutch_date
from letterforge.errors import NormUnavailable

AANMANING_WEEKS = 2  # Awb art. 4:112 lid 1
VOORSCHOT_WEEKS = 4  # Pw art. 52 lid 1 as amended by the Wet Participatiewet in balans
BEZWAAR_WEEKS = 6  # Awb art. 6:7
VERHAAL_DAYS = 30  # Pw art. 62b: pay or make verzet within 30 days
BESLIS_WEEKS = 8  # Awb art. 4:13 lid 2


def add_years(day: date, years: int) -> date:
    """`day` moved `years` calendar years on; 29 February becomes 28 February in a
    year without it; past the last date Python knows, that last date (so a five-year
    window from a far date stays an open window instead of an error)."""
    if day.year + years > date.max.year:
        return date.max
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class Termijn:
    uiterlijk: date
    stappen: tuple[Step, ...]
    waarschuwingen: tuple[str, ...]


def _why_off(day: date, equated: frozenset[date]) -> str:
    if day.weekday() == 5:
        return "een zaterdag"
    if day.weekday() == 6:
        return "een zondag"
    if day in equated:
        return "een dag die bij Koninklijk Besluit gelijk staat aan een feestdag"
    return "een feestdag"


def _term(
    table: NormTable,
    start: date,
    weeks: int,
    what: str,
    source: str,
    *,
    days: int | None = None,
) -> Termijn:
    """A term of `weeks` weeks (or `days` days) that starts on `start` (the day
    after the event)."""
    equated = table.equated_days
    if start > equated.known_until:
        raise NormUnavailable(
            "gelijkgestelde_dagen",
            f"Voor data na {dutch_date(equated.known_until)} weten wij niet welke "
            "dagen gelijk staan aan een feestdag. Vraag de beheerder om de normen "
            "bij te werken.",
        )
    length = timedelta(days=days) if days is not None else timedelta(weeks=weeks)
    raw_end = start + length - timedelta(days=1)
    told = dagen(days) if days is not None else weken(weeks)
    steps = [
        Step(f"De termijn begint op {datum(start)}", None, source),
        Step(
            f"{what}: {told} later eindigt hij op {datum(raw_end)}",
            None,
            source,
        ),
    ]
    end = next_working_day(raw_end, equated.days)
    if raw_end > equated.known_until or end > equated.known_until:
        raise NormUnavailable(
            "gelijkgestelde_dagen",
            f"Voor data na {dutch_date(equated.known_until)} weten wij niet welke "
            "dagen gelijk staan aan een feestdag. Vraag de beheerder om de normen "
            "bij te werken.",
        )
    warnings: tuple[str, ...] = ()
    day = raw_end
    while day < end:
        steps.append(
            Step(
                f"{datum(day)} is {_why_off(day, equated.days)}",
                None,
                "Algemene termijnenwet art. 1 en 3",
            )
        )
        if day in equated.days and day not in _atw_holidays(day.year):
            if equated.status == UNVERIFIED:
                warnings = (
                    f"De termijn schuift door een dag die gelijk staat aan een "
                    f"feestdag ({dutch_date(day)}). Die dag komt uit een bron die "
                    f"niet is gecontroleerd ({equated.source}).",
                )
        day += timedelta(days=1)
    if end != raw_end:
        steps.append(
            Step(
                f"De termijn loopt door tot de volgende werkdag: {datum(end)}",
                None,
                "Algemene termijnenwet art. 1",
            )
        )
    return Termijn(end, tuple(steps), warnings)


def verhaaltermijn(table: NormTable, letter_date: date) -> Termijn:
    """Last day to pay, or to make verzet at the rechtbank, after a verhaal on a
    court maintenance order sent on `letter_date`: 30 days (Pw art. 62b;
    reference domain-law-2026 §5), extended by the Algemene termijnenwet."""
    return _term(
        table,
        letter_date + timedelta(days=1),
        0,
        "Termijn voor betalen of verzet",
        "Participatiewet art. 62b",
        days=VERHAAL_DAYS,
    )


def bezwaartermijn(table: NormTable, letter_date: date) -> Termijn:
    """Last day to object to a decision dated `letter_date` (Awb 6:7, 6:8)."""
    return _term(
        table,
        letter_date + timedelta(days=1),
        BEZWAAR_WEEKS,
        "Bezwaartermijn",
        "Algemene wet bestuursrecht art. 6:7 en 6:8",
    )


def beslistermijn(
    table: NormTable, received: date, weeks: int = BESLIS_WEEKS
) -> Termijn:
    """Last day to decide on an aanvraag received on `received` (Awb 4:13)."""
    return _term(
        table,
        received + timedelta(days=1),
        weeks,
        "Beslistermijn",
        "Algemene wet bestuursrecht art. 4:13",
    )


def wmo_beslistermijn(table: NormTable, received: date) -> Termijn:
    """Last day to decide on a Wmo aanvraag (Wmo 2015 art. 2.3.5 lid 2)."""
    weeks = table.on("wmo_beslistermijn_weken", received)
    return _term(
        table,
        received + timedelta(days=1),
        int(weeks.value),
        "Beslistermijn Wmo",
        weeks.source,
    )


def hersteltermijn(table: NormTable, letter_date: date, weeks: int) -> Termijn:
    """Last day to complete an aanvraag, a term the college sets (Awb 4:5)."""
    if weeks < 1 or weeks > 12:
        raise ValueError("moet 1 tot en met 12 weken zijn")
    return _term(
        table,
        letter_date + timedelta(days=1),
        weeks,
        "Hersteltermijn",
        "Algemene wet bestuursrecht art. 4:5",
    )


def aanmaningstermijn(table: NormTable, sent: date) -> Termijn:
    """Last day to pay after an aanmaning sent on `sent` (Awb 4:112)."""
    return _term(
        table,
        sent + timedelta(days=1),
        AANMANING_WEEKS,
        "Betaaltermijn",
        "Algemene wet bestuursrecht art. 4:112",
    )


def zienswijzetermijn(table: NormTable, letter_date: date, weeks: int) -> Termijn:
    """Last day to give a zienswijze on a voornemen, a term the college sets
    (Awb 4:8; counted like every term under the Algemene termijnenwet)."""
    if weeks < 1 or weeks > 12:
        raise ValueError("moet 1 tot en met 12 weken zijn")
    return _term(
        table,
        letter_date + timedelta(days=1),
        weeks,
        "Reactietermijn",
        "Algemene wet bestuursrecht art. 4:8",
    )


def voorschottermijn(table: NormTable, received: date) -> Termijn:
    """Last day to give a voorschot on bijstand while the right is not yet
    established: four weeks after the aanvraag (Pw art. 52 lid 1 as amended by the
    Wet Participatiewet in balans, in force 1-1-2026; domain-law-2026.md §10)."""
    return _term(
        table,
        received + timedelta(days=1),
        VOORSCHOT_WEEKS,
        "Termijn voor een voorschot",
        "Participatiewet art. 52 lid 1",
    )


def opgeschorte_beslistermijn(
    table: NormTable, deadline: date, letter_date: date, herstel: date
) -> Termijn:
    """The latest decision date when the beslistermijn ending on `deadline` is
    suspended from the day after `letter_date` (the request to complete the
    aanvraag) until `herstel`, the end of the hersteltermijn (Awb 4:15 lid 1 a).
    Papers that arrive earlier end the suspension earlier, so this is the latest
    date, not the date. The days left on the request date run on after `herstel`."""
    days_left = (deadline - letter_date).days
    if days_left < 0:
        raise ValueError("de beslistermijn was al voorbij op de datum van de brief")
    raw_end = herstel + timedelta(days=days_left)
    equated = table.equated_days
    end = next_working_day(raw_end, equated.days)
    if end > equated.known_until:
        raise NormUnavailable(
            "gelijkgestelde_dagen",
            f"Voor data na {dutch_date(equated.known_until)} weten wij niet welke "
            "dagen gelijk staan aan een feestdag. Vraag de beheerder om de normen "
            "bij te werken.",
        )
    steps = (
        Step(
            f"Op {datum(letter_date)} waren er nog {days_left} dagen over tot "
            f"{datum(deadline)}",
            None,
            "Algemene wet bestuursrecht art. 4:13",
        ),
        Step(
            f"De termijn staat stil tot en met {datum(herstel)}; daarna lopen de "
            f"{days_left} dagen door tot {datum(raw_end)}",
            None,
            "Algemene wet bestuursrecht art. 4:15 lid 1 onder a",
        ),
        *(
            (
                Step(
                    f"Volgende werkdag: {datum(end)}",
                    None,
                    "Algemene termijnenwet art. 1",
                ),
            )
            if end != raw_end
            else ()
        ),
    )
    return Termijn(end, steps, ())
