"""Afzien van (verdere) terugvordering: Participatiewet art. 58 lid 7 and lid 8.

Lid 7 (for claims under art. 58 lid 1) lets the college forgo the rest of a debt:
(a) after ten years in which the person paid as agreed; (b) after ten years with
incomplete payments but arrears, statutory interest and costs paid; (c) after ten
years without payments when none are to be expected; (d) after a one-off payment
of at least 50 % of the remaining debt (no legal deadline for (d)). Lid 8: for
urgent reasons (dringende redenen). The ten years and the 50 % are norms data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from letterforge.compose.calc.money import HUNDRED, percentage_of
from letterforge.compose.calc.steps import Step, warnings_of
from letterforge.compose.calc.termijnen import add_years
from letterforge.compose.filters import datum, jaren, procent
from letterforge.compose.norms import NormTable

GROUNDS = (
    "eenmalige-betaling",
    "tien-jaar-betaald",
    "tien-jaar-achterstand-betaald",
    "tien-jaar-geen-betaling",
    "dringende-redenen",
)


@dataclass(frozen=True)
class Afzien:
    """What is forgiven and what is left, in Decimal euros, with the steps."""

    mogelijk: bool
    grond: str
    restschuld: Decimal
    betaald: Decimal
    kwijtgescholden: Decimal
    nog_te_betalen: Decimal
    reden: str
    bron: str
    stappen: tuple[Step, ...]
    waarschuwingen: tuple[str, ...]


def afzien(
    table: NormTable,
    day: date,
    ground: str,
    debt: Decimal,
    *,
    paid: Decimal = Decimal(0),
    collection_start: date | None = None,
    forgiven: Decimal | None = None,
) -> Afzien:
    """Whether and how much the college can forgo on `day`.

    `debt` is the remaining debt before the one-off payment `paid` (ground
    "eenmalige-betaling"); the ten-year grounds need `collection_start` (start of
    collection); "dringende-redenen" needs the amount `forgiven` chosen by the college.
    Raises ValueError (Dutch) for inconsistent input.
    """
    if ground not in GROUNDS:
        raise ValueError(f"moet een van deze zijn: {', '.join(GROUNDS)}")
    if debt <= 0:
        raise ValueError("de restschuld moet groter dan 0 zijn")
    if paid < 0 or paid > debt:
        raise ValueError("de betaling moet tussen 0 en de restschuld liggen")
    steps = [Step("Uw schuld bij ons", debt, "Participatiewet art. 58")]
    if ground == "eenmalige-betaling":
        return _one_off(table, day, debt, paid, steps)
    if ground == "dringende-redenen":
        if forgiven is None or forgiven <= 0 or forgiven > debt - paid:
            raise ValueError(
                "het bedrag waarvan wij afzien moet groter dan 0 zijn en niet "
                "hoger dan de schuld"
            )
        if paid:
            steps.append(Step("U heeft betaald", paid))
        steps.append(
            Step(
                "Afzien om dringende redenen",
                forgiven,
                "Participatiewet art. 58 lid 8",
            )
        )
        rest = debt - paid - forgiven
        steps.append(Step("U betaalt nog", rest))
        return Afzien(
            True,
            ground,
            debt,
            paid,
            forgiven,
            rest,
            "er zijn dringende redenen",
            "Participatiewet art. 58 lid 8",
            tuple(steps),
            (),
        )
    return _ten_years(table, day, ground, debt, paid, collection_start, steps)


def _one_off(
    table: NormTable, day: date, debt: Decimal, paid: Decimal, steps: list[Step]
) -> Afzien:
    share = table.on("afzien_eenmalige_betaling_percentage", day)
    needed = percentage_of(debt, share.value)
    # Compare exactly: "at least 50 %" of € 4.200,01 is € 2.100,005, so € 2.100,00
    # is not enough and € 2.100,01 is.
    enough = paid * HUNDRED >= debt * share.value
    steps.append(Step(f"{procent(share.value)} van uw schuld", needed, share.source))
    steps.append(Step("U betaalde in één keer", paid))
    rest = debt - paid
    if not enough:
        steps.append(Step("U betaalt nog", rest))
        return Afzien(
            False,
            "eenmalige-betaling",
            debt,
            paid,
            Decimal("0.00"),
            rest,
            "u betaalde minder dan de helft van uw schuld",
            share.source,
            tuple(steps),
            warnings_of(share),
        )
    steps.append(Step("Niet meer te betalen", rest, share.source))
    steps.append(Step("U betaalt nog", Decimal("0.00")))
    return Afzien(
        True,
        "eenmalige-betaling",
        debt,
        paid,
        rest,
        Decimal("0.00"),
        "u betaalde in één keer ten minste de helft van uw schuld",
        share.source,
        tuple(steps),
        warnings_of(share),
    )


_TEN_YEAR_REASONS = {
    "tien-jaar-betaald": ("a", "u heeft {jaren} lang betaald zoals afgesproken"),
    "tien-jaar-achterstand-betaald": (
        "b",
        "u heeft {jaren} lang betaald en uw achterstand, rente en kosten betaald",
    ),
    "tien-jaar-geen-betaling": (
        "c",
        "u heeft {jaren} lang niet kunnen betalen en dat verandert niet",
    ),
}


def _ten_years(
    table: NormTable,
    day: date,
    ground: str,
    debt: Decimal,
    paid: Decimal,
    start: date | None,
    steps: list[Step],
) -> Afzien:
    if start is None:
        raise ValueError("vul de datum in waarop de invordering begon")
    years = table.on("afzien_jaren", day)
    letter, reason = _TEN_YEAR_REASONS[ground]
    source = f"Participatiewet art. 58 lid 7 onder {letter}"
    since = add_years(start, int(years.value))
    steps.append(
        Step(
            f"Wij vorderen terug sinds {datum(start)}; "
            f"{jaren(years.value)} later is {datum(since)}",
            None,
            source,
        )
    )
    rest = debt - paid
    if day < since:
        steps.append(Step("U betaalt nog", rest))
        return Afzien(
            False,
            ground,
            debt,
            paid,
            Decimal("0.00"),
            rest,
            f"de termijn van {jaren(years.value)} is nog niet voorbij",
            source,
            tuple(steps),
            warnings_of(years),
        )
    steps.append(Step("Niet meer te betalen", rest, source))
    return Afzien(
        True,
        ground,
        debt,
        paid,
        rest,
        Decimal("0.00"),
        reason.format(jaren=jaren(years.value)),
        source,
        tuple(steps),
        warnings_of(years),
    )
