"""The bestuurlijke boete or the warning instead: Participatiewet art. 18a,
Boetebesluit socialezekerheidswetten art. 2–2aa, Awb art. 5:53.

Order of the rules [reference domain-law §5, "Decision flow"]:
1. a warning instead of a fine when the benadeling is at most € 150 or the person
   corrected it in time, unless a warning was given less than two years before the
   overtreding (18a lid 4; Boetebesluit 2aa);
2. recidive: an earlier fine for the same kind of overtreding became final
   (onherroepelijk) within five years before this overtreding (18a lid 5/6); the
   percentages then apply to 150 % of the benadelingsbedrag (Boetebesluit 2 lid 6);
3. the percentage for the degree of verwijtbaarheid (Boetebesluit 2 lid 2–5), with
   the fixed share of art. 2 lid 7 for large amounts;
4. the maximum of art. 18a: the benadelingsbedrag (150 % with recidive), and never
   more than the fine category 5 (opzet) or 3 (otherwise); without benadeling
   category 2 (lid 3), starting point € 150 (Boetebesluit 2 lid 11);
5. lower to what the person can pay (draagkracht, Awb 5:46; Boetebesluit 2 lid 8);
6. Awb 5:53: a rapport and a zienswijze are required when the fine that CAN be
   imposed (the maximum of step 4) is more than € 340 — not the fine calculated.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from letterforge.compose.calc.money import HUNDRED, percentage_of, round_cents
from letterforge.compose.calc.steps import Step, warnings_of
from letterforge.compose.calc.termijnen import add_years
from letterforge.compose.filters import bedrag, datum, procent
from letterforge.compose.norms import NormTable, NormValue

GUILT_LEVELS = ("opzet", "grove-schuld", "normaal", "verminderd")
_NORM_OF_GUILT = {
    "opzet": "boete_percentage_opzet",
    "grove-schuld": "boete_percentage_grove_schuld",
    "normaal": "boete_percentage_geen",
    "verminderd": "boete_percentage_verminderd",
}
GUILT_WORDS = {
    "opzet": "u deed het met opzet",
    "grove-schuld": "u was heel onvoorzichtig (grove schuld)",
    "normaal": "u had beter moeten opletten",
    "verminderd": "u kunt het minder verweten worden",
}
GUILT_LABELS = {
    "opzet": "opzet",
    "grove-schuld": "grove schuld",
    "normaal": "gewone verwijtbaarheid",
    "verminderd": "verminderde verwijtbaarheid",
}
RECIDIVE_YEARS = 5  # Pw art. 18a lid 5
# A reason for opzet or grove schuld that leans on an earlier fine. With recidive that
# fine already raises the fine to 150 %; counting it again as the ground for grove
# schuld punishes it twice, and the Boetebesluit (art. 2 lid 9) asks that opzet or
# grove schuld follow from the conduct itself. Free text cannot be judged exactly, so
# any mention of a fine in the reason is refused: in a fine letter it is another fine.
_EARLIER_FINE = re.compile(r"\bboetes?\b", re.IGNORECASE)
WARNING_YEARS = 2  # Pw art. 18a lid 4
Lookup = Callable[[str], NormValue]


@dataclass(frozen=True)
class Boete:
    """A fine or a warning, in Decimal euros, with every step that led there."""

    boete: Decimal
    maximum: Decimal
    waarschuwing: bool
    rapport_vereist: bool
    recidive: bool
    verwijtbaarheid: str
    reden: str
    stappen: tuple[Step, ...]
    waarschuwingen: tuple[str, ...]
    # The sentence on a melding of the person's own that gave no warning (too late
    # or after discovery), for the letter's reasons; None without such a melding.
    melding: str | None = None


def is_recidive(offence: date, earlier_final: date | None) -> bool:
    """An earlier fine became final within the five years before the day of the
    offence (Pw art. 18a lid 5: "binnen een periode van vijf jaar voorafgaand aan
    de dag waarop de overtreding wordt begaan").

    Boundary, our reading: the period is the five years that end the day before
    the offence, so for an offence on 1-4-2026 it runs from 1-4-2021 up to and
    including 31-3-2026. A fine final on 1-4-2021 counts; one final on the day of
    the offence itself does not (not "voorafgaand")."""
    return earlier_final is not None and earlier_final < offence <= add_years(
        earlier_final, RECIDIVE_YEARS
    )


def _warned_recently(offence: date, earlier_warning: date | None) -> bool:
    return earlier_warning is not None and earlier_warning <= offence < add_years(
        earlier_warning, WARNING_YEARS
    )


def boete(
    table: NormTable,
    day: date,
    benefit: Decimal,
    guilt: str,
    *,
    offence: date,
    earlier_fine_final: date | None = None,
    earlier_warning: date | None = None,
    self_reported: bool = False,
    reported_on: date | None = None,
    discovered_on: date | None = None,
    ability_to_pay: Decimal | None = None,
) -> Boete:
    """Apply the fine rules on decision date `day` to the benadelingsbedrag.

    `guilt`: "opzet", "grove-schuld", "normaal" or "verminderd"; `offence` is the
    day the overtreding was committed. It is required: the recidive (five years) and
    warning (two years) windows count back from it (Pw art. 18a lid 5), and the
    decision date would widen them. `reported_on` is the day the person reported
    the overtreding on their own initiative (required with `self_reported`; a date
    alone also means self-reported), `discovered_on` the day we found it ourselves,
    if known. Raises ValueError (Dutch) for bad input, NormUnavailable without norms.
    """
    if guilt not in GUILT_LEVELS:
        raise ValueError(f"moet een van deze zijn: {', '.join(GUILT_LEVELS)}")
    if benefit < 0:
        raise ValueError("mag niet negatief zijn")
    if offence > day:
        raise ValueError("de overtreding kan niet na de datum van het besluit liggen")
    if self_reported and reported_on is None:
        raise ValueError(
            "zelf gemeld: vul ook de datum van de melding in (gemeld_op). Zonder "
            "die datum kunnen wij de 60 dagen niet nagaan"
        )
    if reported_on is not None and not offence <= reported_on <= day:
        raise ValueError(
            "de melding (gemeld_op) moet tussen de overtreding en het besluit liggen"
        )
    used: list[NormValue] = []

    def norm(norm_id: str) -> NormValue:
        found = table.on(norm_id, day)
        used.append(found)
        return found

    steps = [
        Step(
            "Te veel gekregen (benadelingsbedrag)",
            benefit,
            "Participatiewet art. 18a lid 2",
        )
    ]
    recidive = is_recidive(offence, earlier_fine_final)
    if earlier_fine_final is not None:
        steps.append(_recidive_step(earlier_fine_final, recidive))
    cap_steps: list[Step] = []
    maximum = _maximum(benefit, guilt, recidive, norm, cap_steps)
    report = _Report(offence, reported_on, discovered_on)
    warning = _warning_reason(benefit, earlier_warning, report, norm)
    late_step = None
    if warning is None and reported_on is not None:
        late_step = _late_report_step(report, reported_on, norm)
        steps.append(late_step)
    if warning is not None:
        steps.append(
            Step(
                f"U krijgt een waarschuwing in plaats van een boete, omdat {warning}",
                Decimal("0.00"),
                "Participatiewet art. 18a lid 4; Boetebesluit art. 2aa",
            )
        )
        return Boete(
            Decimal("0.00"),
            maximum,
            True,
            False,
            recidive,
            guilt,
            warning,
            tuple(steps),
            warnings_of(*used),
        )
    amount = _calculated(benefit, guilt, recidive, norm, steps)
    steps.extend(cap_steps)
    if amount > maximum:
        amount = maximum
        steps.append(
            Step("Verlaagd tot het maximum", amount, "Participatiewet art. 18a")
        )
    if ability_to_pay is not None and ability_to_pay < amount:
        amount = ability_to_pay
        steps.append(
            Step(
                "Verlaagd naar wat u kunt betalen",
                amount,
                "Algemene wet bestuursrecht art. 5:46",
            )
        )
    steps.append(Step("Boete", amount))
    limit = norm("boete_rapport_grens")
    reason = GUILT_WORDS[guilt] + (
        " en u deed het eerder ook (recidive)" if recidive else ""
    )
    return Boete(
        amount,
        maximum,
        False,
        maximum > limit.value,
        recidive,
        guilt,
        reason,
        tuple(steps),
        warnings_of(*used),
        None if late_step is None else late_step.omschrijving + ".",
    )


def double_counted(guilt: str, recidive: bool, reasons: tuple[str, ...]) -> bool:
    """True when opzet or grove schuld rests on the earlier fine that already counts
    as recidive (Pw art. 18a lid 5; Boetebesluit socialezekerheidswetten art. 2 lid
    9): `reasons` are the texts that ground the degree of verwijtbaarheid."""
    return (
        recidive
        and guilt in ("opzet", "grove-schuld")
        and any(_EARLIER_FINE.search(reason) for reason in reasons)
    )


def _recidive_step(earlier_final: date, recidive: bool) -> Step:
    if recidive:
        text = (
            f"Eerdere boete voor hetzelfde, onherroepelijk op {datum(earlier_final)}: "
            f"minder dan {RECIDIVE_YEARS} jaar voor deze overtreding (recidive)"
        )
    else:
        text = (
            f"Eerdere boete onherroepelijk op {datum(earlier_final)}: niet binnen "
            f"{RECIDIVE_YEARS} jaar voor deze overtreding, dus geen recidive"
        )
    return Step(text, None, "Participatiewet art. 18a lid 5")


@dataclass(frozen=True)
class _Report:
    """The melding on the person's own initiative, if any (Boetebesluit 2aa)."""

    offence: date
    reported_on: date | None
    discovered_on: date | None

    def days_late(self) -> int | None:
        """Days from the overtreding (the last day the person should have told
        us) to the melding. Unverified: the shared reference (domain-law.md §5,
        "self-correction within <= 60 days before discovery") does not say from
        which day Boetebesluit art. 2aa counts the 60 days, and no text of the
        Boetebesluit after 2018-11-14 was found (domain-law-2026 [NF]). We count
        from the day the information was due, the earliest day the period can
        reasonably start, so the check never grants a warning too easily; a
        jurist must confirm it."""
        if self.reported_on is None:
            return None
        return (self.reported_on - self.offence).days

    def before_discovery(self) -> bool:
        return self.reported_on is not None and (
            self.discovered_on is None or self.reported_on < self.discovered_on
        )


def _warning_reason(
    benefit: Decimal,
    earlier_warning: date | None,
    report: _Report,
    norm: Lookup,
) -> str | None:
    if _warned_recently(report.offence, earlier_warning):
        return None
    limit: NormValue = norm("waarschuwing_grens")
    if benefit <= limit.value:
        if not benefit:
            return "u niets te veel kreeg"
        return f"u niet meer dan {bedrag(limit.value)} te veel kreeg"
    late = report.days_late()
    if late is None or report.reported_on is None:
        return None
    days: NormValue = norm("waarschuwing_zelf_gemeld_dagen")
    if late <= days.value and report.before_discovery():
        return (
            f"u het zelf op {datum(report.reported_on)} aan ons doorgaf. Dat was "
            f"binnen {int(days.value)} dagen, en voordat wij het ontdekten"
        )
    return None


def _late_report_step(report: _Report, reported_on: date, norm: Lookup) -> Step:
    """Why a melding of one's own did not give a warning: too late or after
    discovery. It can still lower the verwijtbaarheid (Boetebesluit art. 2 lid 5)."""
    days: NormValue = norm("waarschuwing_zelf_gemeld_dagen")
    when = datum(reported_on)
    if not report.before_discovery():
        text = f"U meldde het zelf op {when}. Wij wisten het toen al"
    else:
        text = (
            f"U meldde het zelf op {when}. Dat was meer dan {int(days.value)} "
            f"dagen na {datum(report.offence)}"
        )
    return Step(
        f"{text}. Daarom krijgt u geen waarschuwing in plaats van een boete",
        None,
        "Boetebesluit socialezekerheidswetten art. 2aa",
    )


def _maximum(
    benefit: Decimal, guilt: str, recidive: bool, norm: Lookup, steps: list[Step]
) -> Decimal:
    if benefit == 0:
        cat2: NormValue = norm("geldboete_categorie_2")
        steps.append(
            Step(
                "Hoogste boete zonder benadeling",
                cat2.value,
                "Participatiewet art. 18a lid 3",
            )
        )
        return round_cents(cat2.value)
    cap: NormValue = norm(
        "geldboete_categorie_5" if guilt == "opzet" else "geldboete_categorie_3"
    )
    share = Decimal(100)
    if recidive:
        share = norm("boete_recidive_percentage").value
    by_benefit = percentage_of(benefit, share)
    maximum = min(by_benefit, round_cents(cap.value))
    which = "vijfde" if guilt == "opzet" else "derde"
    # Short table labels (B1); the detail is in the source.
    label = "Hoogste boete volgens de wet"
    detail = (
        f"geldboete van de {which} categorie"
        if by_benefit > maximum
        else f"{procent(share)} van het benadelingsbedrag"
    )
    steps.append(
        Step(
            label,
            maximum,
            f"{detail}; Participatiewet art. 18a lid 1 en 5; Wetboek van Strafrecht "
            "art. 23 lid 4",
        )
    )
    return maximum


def _calculated(
    benefit: Decimal, guilt: str, recidive: bool, norm: Lookup, steps: list[Step]
) -> Decimal:
    if benefit == 0:
        start: NormValue = norm("boete_zonder_benadeling")
        steps.append(
            Step(
                "Boete als er geen benadeling is",
                start.value,
                "Boetebesluit socialezekerheidswetten art. 2 lid 11",
            )
        )
        return round_cents(start.value)
    base = benefit
    if recidive:
        rec: NormValue = norm("boete_recidive_percentage")
        base = percentage_of(benefit, rec.value)
        steps.append(
            Step(
                f"Recidive: {procent(rec.value)} van dat bedrag",
                base,
                "Boetebesluit socialezekerheidswetten art. 2 lid 6",
            )
        )
    pct: NormValue = norm(_NORM_OF_GUILT[guilt])
    amount = percentage_of(base, pct.value)
    steps.append(
        Step(
            f"{procent(pct.value)} daarvan ({GUILT_LABELS[guilt]})",
            amount,
            pct.source,
        )
    )
    third: NormValue = norm("geldboete_categorie_3")
    fixed = {"normaal": Decimal(50), "verminderd": Decimal(25)}.get(guilt)
    if fixed is not None and benefit * 75 > third.value * HUNDRED:
        amount = round_cents(third.value * fixed / 75)
        steps.append(
            Step(
                "Vast bedrag bij een grote benadeling",
                amount,
                "Boetebesluit socialezekerheidswetten art. 2 lid 7",
            )
        )
    return amount
