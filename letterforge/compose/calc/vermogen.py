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

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from letterforge.compose.calc.money import round_cents
from letterforge.compose.calc.steps import Step, warnings_of
from letterforge.compose.calc.teveel import in_cash
from letterforge.compose.filters import datum, maand
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
class MaandBijVermogen:
    """One month of the period: what was paid, the right that is left (Decimal)."""

    maand: date  # first day of the month
    betaald: Decimal
    recht: Decimal  # 0.00: the right is withdrawn (ingetrokken); else herzien
    boven_grens_begin: Decimal  # excess left at the start of the month
    # Received in cash and the claim of the month: `betaald` and `betaald −
    # recht`, each minus the vakantietoeslag still reserved on the letter's date
    # (teveel.in_cash); `vakantietoeslag_lager`: how much lower that reserve gets.
    uitbetaald: Decimal = Decimal("0.00")
    terug: Decimal = Decimal("0.00")
    vakantietoeslag_lager: Decimal = Decimal("0.00")

    @property
    def ingetrokken(self) -> bool:
        return self.recht == 0

    @property
    def herzien(self) -> bool:
        """A lower right is left: the decision is revised, not withdrawn."""
        return 0 < self.recht < self.betaald

    @property
    def einde(self) -> date:
        """The last day of the month."""
        return (self.maand + timedelta(days=32)).replace(day=1) - timedelta(days=1)


@dataclass(frozen=True)
class VorderingBijVermogen:
    """What may be recovered after an intrekking for vermogen (Decimal euros)."""

    betaald: Decimal  # bijstand paid over the months of the period
    boven_grens: Decimal
    vordering: Decimal  # what is claimed: received in cash, over the months
    netto: bool  # recovered in the calendar year it was paid: netto
    maanden: tuple[MaandBijVermogen, ...]
    stappen: tuple[Step, ...]
    waarschuwingen: tuple[str, ...]
    # The reserved vakantietoeslag lowered instead of claimed (Decimal euros).
    vakantietoeslag_lager: Decimal = Decimal("0.00")

    @property
    def ingetrokken(self) -> tuple[MaandBijVermogen, ...]:
        """The months without any right left (intrekking, Pw art. 54 lid 3)."""
        return tuple(m for m in self.maanden if m.ingetrokken)

    @property
    def herzien(self) -> tuple[MaandBijVermogen, ...]:
        """The months with a lower right (herziening, Pw art. 54 lid 3)."""
        return tuple(m for m in self.maanden if m.herzien)


def vordering_bij_vermogen(
    toets: Vermogenstoets,
    paid: tuple[tuple[date, Decimal], ...],
    *,
    same_year: bool,
    reserved: Mapping[date, Decimal] | None = None,
) -> VorderingBijVermogen:
    """The claim after withdrawing or revising the right for months with vermogen
    above the grens (Pw art. 54 lid 3, 58 lid 2 onder f). `paid`: first day of
    each month → the bijstand paid over it (from the norms), in order.

    Method (fictieve intering): the excess above the grens is consumed month by
    month at the bijstand of that month, in order. A month the excess covers
    entirely has no right left: withdrawn (ingetrokken). The month in which the
    excess runs out keeps a right of (paid − what was left of the excess): revised
    (herzien). Later months keep their whole right. The claim is what was paid
    minus the rights left, which equals the lower of the total paid and the
    excess. The shared reference does not settle the method (CRvB line on
    fictieve intering, unverified), so the letter states it. Why the limit at
    all: 58 lid 2 is a *kan* power; with the excess spent the resident would have
    been at the grens and entitled to bijstand. `same_year`: recovered in the year
    the bijstand was paid, so netto (domain-law §2.2: netto within the year,
    bruto after). `reserved`: first day of a month → the vakantietoeslag
    percentage, for the months whose vakantietoeslag was still reserved on the
    letter's date (vakantietoeslag.paid_out_on): that part was never received,
    so it is not claimed but the reserve is lowered (Pw art. 19 lid 3, 45 lid 1,
    58: only what was paid is recovered; teveel.in_cash splits the month).

    Raises ValueError (Dutch) when a month is not a first day or months repeat.
    """
    if any(month.day != 1 for month, _ in paid) or len({m for m, _ in paid}) != len(
        paid
    ):
        raise ValueError("elke maand moet één keer voorkomen, met de eerste dag")
    left = toets.boven_grens
    months: list[MaandBijVermogen] = []
    for month, amount in paid:
        amount = round_cents(amount)
        consumed = min(left, amount)
        right = amount - consumed
        cash, right_cash, lower = in_cash(amount, right, (reserved or {}).get(month))
        months.append(
            MaandBijVermogen(month, amount, right, left, cash, cash - right_cash, lower)
        )
        left -= consumed
    total = round_cents(sum((m.betaald for m in months), Decimal(0)))
    lower_total = round_cents(
        sum((m.vakantietoeslag_lager for m in months), Decimal(0))
    )
    claim = round_cents(sum((m.terug for m in months), Decimal(0)))
    steps = (
        *(
            Step(
                f"Bijstand over {maand(m.maand)}, met vakantiegeld",
                m.betaald,
                "Participatiewet art. 21",
            )
            for m in months
        ),
        Step("Samen", total),
        Step(
            "Uw vermogen boven de grens", toets.boven_grens, "Participatiewet art. 34"
        ),
        *(
            Step(
                f"Recht op bijstand over {maand(m.maand)}"
                + (
                    " (ingetrokken)"
                    if m.ingetrokken
                    else " (herzien)"
                    if m.herzien
                    else ""
                ),
                m.recht,
                "Participatiewet art. 54 lid 3",
            )
            for m in months
        ),
        *(
            (
                Step(
                    "Te veel, met vakantiegeld",
                    round_cents(claim + lower_total),
                    "Participatiewet art. 54 lid 3",
                ),
                Step(
                    "Daarvan vakantiegeld dat u nog niet kreeg",
                    lower_total,
                    "Participatiewet art. 19 lid 3 en 45 lid 1",
                ),
            )
            if lower_total
            else ()
        ),
        Step(
            "Wij vragen terug",
            claim,
            "Participatiewet art. 58 lid 2 onder f",
        ),
    )
    return VorderingBijVermogen(
        total,
        toets.boven_grens,
        claim,
        same_year,
        tuple(months),
        steps,
        toets.waarschuwingen,
        lower_total,
    )
