"""An inheritance (erfenis) against the vermogensgrens.

Qualification: an erfenis is vermogen, not income, and it counts from the day the
erflater died (the peildatum), even when it is paid out later: the claim on the
estate is part of the vermogen from that day (Participatiewet art. 31 lid 1, 34;
CRvB line, e.g. ECLI:NL:CRVB:2020:3230 on a periodically paid erfenis that stays
vermogen). Bijstand exists only while the vermogen is at most the grens of art. 34
(dated in templates/_data/normen.yaml; reference domain-law-2026 §1: € 8.000 /
€ 16.000 from 1-1-2026), so the effect lasts for as long as the vermogen stays above
the grens — not only in the month of the payment. Rounding: money.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from letterforge.compose.calc.money import round_cents
from letterforge.compose.calc.steps import Step, warnings_of
from letterforge.compose.filters import datum
from letterforge.compose.norms import NormTable

_GRENS = {
    "alleenstaande": "vermogensgrens_alleenstaande",
    "alleenstaande-ouder": "vermogensgrens_gezin",
    "gehuwden": "vermogensgrens_gezin",
}


@dataclass(frozen=True)
class Vermogenstoets:
    """The vermogen on the peildatum against the grens (Decimal euros)."""

    peildatum: date
    vermogen: Decimal
    grens: Decimal
    boven_grens: Decimal  # 0.00 when the vermogen is at most the grens
    stappen: tuple[Step, ...]
    waarschuwingen: tuple[str, ...]


def erfenis_als_vermogen(
    table: NormTable,
    death: date,
    household: str,
    inheritance: Decimal,
    other_assets: Decimal,
) -> Vermogenstoets:
    """The vermogen from the day of death (`death`): the erfenis plus the other
    vermogen on that day, against the vermogensgrens valid on that day.

    Raises ValueError (Dutch) for an unknown household or a negative erfenis;
    NormUnavailable when the data has no grens for that day.
    """
    norm_id = _GRENS.get(household)
    if norm_id is None:
        raise ValueError(f"moet een van deze zijn: {', '.join(_GRENS)}")
    if inheritance <= 0:
        raise ValueError("de erfenis moet meer dan € 0,00 zijn")
    grens = table.on(norm_id, death)
    total = round_cents(inheritance) + round_cents(other_assets)
    above = max(total - grens.value, Decimal(0))
    steps = (
        Step("Erfenis", round_cents(inheritance), "Participatiewet art. 34"),
        Step("Uw andere vermogen", round_cents(other_assets)),
        Step(f"Uw vermogen op {datum(death)}", round_cents(total)),
        Step("Vermogensgrens", round_cents(grens.value), grens.source),
        Step("Boven de grens", round_cents(above), "Participatiewet art. 34"),
    )
    return Vermogenstoets(
        death,
        round_cents(total),
        round_cents(grens.value),
        round_cents(above),
        steps,
        warnings_of(grens),
    )


@dataclass(frozen=True)
class VorderingBijVermogen:
    """What may be recovered after an intrekking for vermogen (Decimal euros)."""

    betaald: Decimal  # bijstand paid over the months of the period
    boven_grens: Decimal
    vordering: Decimal  # the lower of the two
    netto: bool  # recovered in the calendar year it was paid: netto
    stappen: tuple[Step, ...]
    waarschuwingen: tuple[str, ...]


def vordering_bij_vermogen(
    toets: Vermogenstoets,
    paid: tuple[tuple[str, Decimal], ...],
    *,
    same_year: bool,
) -> VorderingBijVermogen:
    """The claim after withdrawing the right for months with vermogen above the
    grens (Pw art. 54 lid 3, 58 lid 2 onder f): the bijstand paid over those months
    (`paid`: month label → amount, from the norms), but never more than the amount
    by which the vermogen exceeded the grens.

    Why the limit: 58 lid 2 is a *kan* power, so the college must weigh the
    amount. The shared reference gives no rule for vermogen cases; we limit the
    claim to the excess, because with that amount the resident would have been
    at the grens and entitled to bijstand — recovering more would take back
    bijstand the resident could have had. The letter says so. `same_year`: the
    claim is recovered in the year the bijstand was paid, so it is netto
    (domain-law §2.2: netto within the year, bruto after).
    """
    total = round_cents(sum((amount for _, amount in paid), Decimal(0)))
    claim = min(total, toets.boven_grens)
    steps = (
        *(
            Step(
                f"Bijstand over {label}", round_cents(amount), "Participatiewet art. 21"
            )
            for label, amount in paid
        ),
        Step("Samen kreeg u", total),
        Step(
            "Uw vermogen boven de grens", toets.boven_grens, "Participatiewet art. 34"
        ),
        Step(
            "Wij vragen terug (het laagste bedrag)",
            claim,
            "Participatiewet art. 58 lid 2 onder f",
        ),
    )
    return VorderingBijVermogen(
        total, toets.boven_grens, claim, same_year, steps, toets.waarschuwingen
    )
