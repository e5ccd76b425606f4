"""Whether an old claim (a terugvordering or boete decided by us) may have lapsed
(verjaring) on the letter's date, so no letter collects, settles or forgoes a claim
that is no longer due.

Source: reference domain-law-2026 "Verjaring" [V, Awb]: Awb 4:87 (pay within six
weeks after the decision), 4:104 (the claim lapses five years after the day the
payment term ended), 4:105/4:106 (stuiting by aanmaning, set-off decision or
dwangbevel), 4:110 (a new term from the day after the stuiting, at most five
years). Acknowledgement of the debt by a payment (erkenning) as a stuiting is taken
from the issue's brief and the r4 review, not from the shared reference text:
unverified, so the kind `betaling` is marked as such in the step.

Rules:
1. the payment term ends six weeks after the decision's date (Awb 4:87; the
   decision's date stands in for its bekendmaking, which the case data lacks: the
   earlier day, so the check errs towards "may have lapsed");
2. the claim lapses after the same day five years later (4:104);
3. each stuiting on or before that last day starts a new five-year term from it
   (4:110); a stuiting after the claim had lapsed does not revive it, and one
   whose new term ends earlier than the running term (a payment made before the
   payment term ended) never shortens it;
4. on the letter's date the last day must not have passed, or the letter is refused.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from letterforge.compose.calc.steps import Step
from letterforge.compose.filters import datum

# The kinds of stuiting the case data may name, as the letter says them after
# "Op <datum>" (verb second).
SOORTEN = {
    "aanmaning": "stuurden wij u een aanmaning",
    "dwangbevel": "stuurden wij u een dwangbevel",
    "verrekening": "besloten wij de schuld te verrekenen",
    "betaling": "betaalde u nog een deel van de schuld",
}
_BRON = {
    "aanmaning": "Algemene wet bestuursrecht art. 4:105",
    "dwangbevel": "Algemene wet bestuursrecht art. 4:105",
    "verrekening": "Algemene wet bestuursrecht art. 4:105",
    "betaling": "Algemene wet bestuursrecht art. 4:106 (erkenning; niet geverifieerd)",
}
PAYMENT_TERM = timedelta(weeks=6)
YEARS = 5


@dataclass(frozen=True)
class Stuiting:
    datum: date
    soort: str  # a key of SOORTEN


@dataclass(frozen=True)
class Verjaring:
    """The last day the claim is due without a new stuiting (dates)."""

    besluit_datum: date
    betaaltermijn_eind: date
    laatste_dag: date  # after this day the claim has lapsed
    laatste_stuiting: Stuiting | None  # the one that set `laatste_dag`
    stappen: tuple[Step, ...]

    @property
    def zin(self) -> str:
        """One B1 sentence why the claim has not lapsed, for the letter; empty
        when no stuiting was needed."""
        s = self.laatste_stuiting
        if s is None:
            return ""
        return (
            f"Uw schuld is niet verjaard. Op {datum(s.datum)} {SOORTEN[s.soort]}. "
            f"Daarmee begon een nieuwe termijn van vijf jaar."
        )


def _plus_years(day: date, years: int) -> date:
    """The same day `years` later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


class Verjaard(ValueError):
    """The claim may have lapsed on the letter's date (Dutch message)."""


def verjaring(
    decision: date, letter: date, stuitingen: Sequence[Stuiting] = ()
) -> Verjaring:
    """The last day the claim decided on `decision` is due, following the
    `stuitingen` (any order). Raises Verjaard (Dutch, naming the day) when that
    day is before `letter`; ValueError (Dutch) for an unknown kind or a stuiting
    before the decision or after the letter."""
    term_end = decision + PAYMENT_TERM
    last = _plus_years(term_end, YEARS)
    steps = [
        Step(f"Datum van het besluit: {datum(decision)}"),
        Step(
            f"Betaaltermijn van zes weken eindigt op {datum(term_end)}",
            None,
            "Algemene wet bestuursrecht art. 4:87",
        ),
        Step(
            f"Verjaart na {datum(last)}, als er niets gebeurt",
            None,
            "Algemene wet bestuursrecht art. 4:104",
        ),
    ]
    used: Stuiting | None = None
    for s in sorted(stuitingen, key=lambda s: s.datum):
        if s.soort not in SOORTEN:
            raise ValueError(f"onbekende soort stuiting: {s.soort}")
        if not decision <= s.datum <= letter:
            raise ValueError(
                "een stuiting moet tussen de datum van het besluit en de datum "
                "van de brief liggen"
            )
        if s.datum > last:
            raise Verjaard(
                f"de schuld was al verjaard na {datum(last)}; de stuiting op "
                f"{datum(s.datum)} kwam te laat (Awb 4:104). Wij kunnen deze "
                "schuld niet meer innen"
            )
        renewed = _plus_years(s.datum, YEARS)
        if renewed <= last:
            # An interruption only ever extends the term (Awb 4:104, 4:110).
            continue
        last = renewed
        used = s
        steps.append(
            Step(
                f"Stuiting op {datum(s.datum)} ({s.soort}): verjaart nu na "
                f"{datum(last)}",
                None,
                f"{_BRON[s.soort]}; art. 4:110",
            )
        )
    if last < letter:
        raise Verjaard(
            f"de schuld kan verjaard zijn na {datum(last)} (Awb 4:104: vijf jaar "
            "na het einde van de betaaltermijn). Vul in wat de verjaring stuitte "
            "(datum en soort: aanmaning, dwangbevel, verrekening of betaling), "
            "of zie af van de hele schuld"
        )
    return Verjaring(decision, term_end, last, used, tuple(steps))
