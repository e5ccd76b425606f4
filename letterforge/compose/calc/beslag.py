"""Beslagvrije voet and the largest monthly withholding on bijstand.

Sources: Rv art. 475dc lid 2 (text valid 1 January 2026): when the income is bijstand,
the beslagvrije voet is 95 % of the applicable bijstandsnorm including vakantietoeslag;
Awb art. 4:93 lid 4: no set-off (verrekening) where beslag would be void, so the same
limit protects against withholding on bijstand. Someone whose only income is bijstand
therefore keeps 95 % of the norm, and at most the rest (about 5 %) may be withheld
[reference domain-law-2026 §2]. Pw art. 60 lid 6 allows more only while the
inlichtingenplicht is being breached.

Income next to bijstand (Rv 475dc lid 2, "minus income under Pw art. 32"): the voet
is 95 % of the norm minus that income, never below 0, and the withholding is at most
the bijstand paid (norm minus income) minus the voet. While the income is below 95 %
of the norm that is the same 5 % of the norm as without income; above it, the rest of
the bijstand. Worked example (review r4 finding 4): single, 24-11-2026, norm
1.419,46, wages 500: voet 1.348,49 - 500 = 848,49, bijstand 919,46, withholding 70,97.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from letterforge.compose.calc.bijstand import Ages, Bijstandsnorm, bijstandsnorm
from letterforge.compose.calc.money import percentage_of
from letterforge.compose.calc.steps import Step, warnings_of
from letterforge.compose.filters import procent
from letterforge.compose.norms import NormTable


@dataclass(frozen=True)
class BeslagvrijeVoet:
    """Protected amount and largest withholding per month, in Decimal euros."""

    beslagvrije_voet: Decimal
    maximale_inhouding: Decimal
    norm: Bijstandsnorm
    bron: str
    stappen: tuple[Step, ...]
    waarschuwingen: tuple[str, ...]
    # Set by min_al_ingehouden: what other debts already take each month, and
    # the limit for all withholdings together (Rv 475dc) that it was taken from.
    al_ingehouden: Decimal = Decimal("0.00")
    hoogstens_samen: Decimal | None = None
    andere: tuple[Step, ...] = ()  # one row per debt already withheld
    # Net income per month besides the bijstand (Pw art. 32), 0 without.
    inkomen_naast_bijstand: Decimal = Decimal("0.00")


def beslagvrije_voet(
    table: NormTable,
    day: date,
    household: str,
    *,
    aow_age: bool = False,
    housemates: int = 0,
    ages: Ages | None = None,
    income_besides: Decimal = Decimal("0.00"),
) -> BeslagvrijeVoet:
    """The beslagvrije voet for someone with bijstand on `day`, and the largest
    withholding on that bijstand per month (Decimal euros). `income_besides`: net
    income per month next to the bijstand that Pw art. 32 deducts from it (Rv
    475dc lid 2); 0 when the bijstand is the only income.

    Raises ValueError (Dutch) for a negative income or an income that leaves no
    bijstand (at least the norm), NormUnavailable without norms.
    """
    if income_besides < 0:
        raise ValueError("het inkomen mag niet negatief zijn")
    norm = bijstandsnorm(
        table, day, household, aow_age=aow_age, housemates=housemates, ages=ages
    )
    if income_besides >= norm.bedrag:
        raise ValueError(
            "bij dit inkomen is er geen bijstand: het is minstens de bijstandsnorm. "
            "Gebruik dan het veld 'inkomen'"
        )
    share = table.on("beslagvrije_voet_percentage", day)
    of_norm = percentage_of(norm.bedrag, share.value)
    protected = max(of_norm - income_besides, Decimal("0.00"))
    paid = norm.bedrag - income_besides
    withhold = paid - protected
    total = (
        (Step("Uw bijstandsnorm per maand", norm.bedrag, norm.bron),)
        if norm.is_kostendelersnorm
        else ()
    )
    rule = Step(
        f"Beslagvrije voet: {procent(share.value)} van de norm",
        of_norm,
        share.source,
    )
    besides = (
        (
            Step(
                "Min uw ander inkomen per maand",
                income_besides,
                "Participatiewet art. 32",
            ),
            Step(
                "Beslagvrije voet naast uw inkomen",
                protected,
                "Wetboek van Burgerlijke Rechtsvordering art. 475dc lid 2",
            ),
            Step("Uw bijstand per maand", paid, "Participatiewet art. 31 en 32"),
        )
        if income_besides > 0
        else ()
    )
    steps = (
        *norm.stappen,
        *total,
        rule,
        *besides,
        Step(
            "Hoogstens in te houden per maand",
            withhold,
            "Algemene wet bestuursrecht art. 4:93 lid 4",
        ),
    )
    return BeslagvrijeVoet(
        protected,
        withhold,
        norm,
        f"{share.source}; {norm.bron}",
        steps,
        (*norm.waarschuwingen, *warnings_of(share)),
        inkomen_naast_bijstand=income_besides,
    )


@dataclass(frozen=True)
class RuimteBovenVoet:
    """For someone with income other than bijstand (Decimal euros per month): the
    beslagvrije voet and the room above it, the most a payment plan may ask."""

    inkomen: Decimal
    beslagvrije_voet: Decimal
    ruimte: Decimal
    norm: Bijstandsnorm
    stappen: tuple[Step, ...]
    waarschuwingen: tuple[str, ...]


def ruimte_boven_voet(
    table: NormTable,
    day: date,
    household: str,
    income: Decimal,
    *,
    aow_age: bool = False,
    housemates: int = 0,
    ages: Ages | None = None,
) -> RuimteBovenVoet:
    """The beslagvrije voet for a net monthly `income` (incl. vakantiegeld) on
    `day`: 95 % of the applicable bijstandsnorm (Rv art. 475da lid 1 with the
    percentage of art. 475dc lid 2 in the norms data), never more than 95 % of
    the income (Rv 475dc lid 1); the room is the income above it.

    Not applied: the raise for high housing costs or a hardship correction (Rv
    475da lid 5, 475fa): they need facts the case data does not carry and are
    granted on request, which the letter offers. Raises ValueError (Dutch) for a
    negative income, NormUnavailable without norms.
    """
    if income < 0:
        raise ValueError("het inkomen mag niet negatief zijn")
    norm = bijstandsnorm(
        table, day, household, aow_age=aow_age, housemates=housemates, ages=ages
    )
    share = table.on("beslagvrije_voet_percentage", day)
    of_norm = percentage_of(norm.bedrag, share.value)
    of_income = percentage_of(income, share.value)
    protected = min(of_norm, of_income)
    room = max(income - protected, Decimal("0.00"))
    steps = (
        Step("Uw netto inkomen per maand", income),
        Step("De bijstandsnorm voor uw leefsituatie", norm.bedrag, norm.bron),
        Step(
            f"Beslagvrije voet: {procent(share.value)} van de norm"
            + (" (of van uw inkomen, als dat lager is)" if of_income < of_norm else ""),
            protected,
            "Wetboek van Burgerlijke Rechtsvordering art. 475da en 475dc",
        ),
        Step("Wat u boven de beslagvrije voet heeft", room),
    )
    return RuimteBovenVoet(
        income,
        protected,
        room,
        norm,
        steps,
        (*norm.waarschuwingen, *warnings_of(share)),
    )


def min_al_ingehouden(
    limit: BeslagvrijeVoet,
    other: Decimal,
    *,
    claims: Sequence[tuple[str, Decimal]] = (),
    voor: str = "deze schuld",
) -> BeslagvrijeVoet:
    """The limit left for one more withholding when `other` (Decimal euros a
    month) is already withheld for other debts of the same person: the limit of
    Rv 475dc is for all withholdings together.

    `claims`: (what for, euros a month) per other debt, so the steps name each
    one (Awb 4:93 lid 2: the letter states the claim and the amount set off);
    their sum must be `other`. Without them one row says "een andere schuld".
    `voor` names the new debt in the row with the room left. The steps end with
    the limit for all together, each amount already withheld, and the room left.
    Raises ValueError (Dutch) for a negative amount or claims that do not add up."""
    if other < 0 or any(amount < 0 for _, amount in claims):
        raise ValueError("een bedrag mag niet negatief zijn")
    if claims and sum((a for _, a in claims), Decimal("0.00")) != other:
        raise ValueError("de bedragen per schuld tellen niet op tot het totaal")
    rest = max(limit.maximale_inhouding - other, Decimal("0.00"))
    named = claims or (("een andere schuld", other),)
    rows = tuple(Step(f"Wij houden al in voor {what}", a) for what, a in named)
    return replace(
        limit,
        maximale_inhouding=rest,
        al_ingehouden=other,
        hoogstens_samen=limit.maximale_inhouding,
        andere=rows,
        stappen=(
            *limit.stappen[:-1],
            replace(
                limit.stappen[-1],
                omschrijving="Hoogstens per maand, alle schulden samen",
            ),
            *rows,
            Step(f"Ruimte voor {voor}", rest),
        ),
    )
