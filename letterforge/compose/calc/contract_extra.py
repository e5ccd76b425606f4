"""The calculators of the contract that read lists or combine core calculations:
te veel per month, vakantietoeslag at the end, voorschot, maatregel, dwangsom and
the first part month (review s4 finding 11: the core modules existed, the
contract did not offer them).

Thin input-parsing wrappers only: every amount comes from the core modules
(teveel.py, vakantietoeslag.py, voorschot.py, maatregel.py, dwangsom.py,
eerste_maand.py with bijstand.py) and their dated norms; contract.py lists them
in CALCULATIONS through `SPECS`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from letterforge.compose.calc import (
    bijstand,
    dwangsom,
    eerste_maand,
    maatregel,
    termijnen,
    teveel,
    vakantietoeslag,
    voorschot,
)
from letterforge.compose.calc.contract_input import (
    Field,
    Reader,
    amount_field,
    calculation_error,
    date_field,
    household_fields,
    read_ages,
    read_household,
)
from letterforge.compose.calc.money import as_text
from letterforge.compose.calc.steps import Step
from letterforge.compose.filters import bedrag, maand, procent
from letterforge.compose.norms import NormTable, dutch_date
from letterforge.errors import CalculationInputError, NormUnavailable

Runner = Callable[[NormTable, Reader], dict[str, Any]]


def _steps(steps: tuple[Step, ...] | list[Step]) -> list[dict[str, Any]]:
    return [s.as_json() for s in steps]


def _fail(key: str, error: ValueError) -> CalculationInputError:
    return calculation_error(key, error)


def _required(r: Reader, *values: object) -> None:
    r.done()
    assert all(v is not None for v in values)


# --- te veel per month (Pw art. 54 lid 3, 58) ---------------------------------

_MONTH_ROW = ("maand", "inkomen", "betaald")


def _month_facts(r: Reader) -> list[teveel.MaandFeiten]:
    facts: list[teveel.MaandFeiten] = []
    for i, row in enumerate(r.rows("maanden", _MONTH_ROW)):
        where = f"maanden[{i}]"
        month = r.row_date(f"{where}.maand", row.get("maand"))
        income = r.row_amount(f"{where}.inkomen", row.get("inkomen"), required=True)
        paid = r.row_amount(f"{where}.betaald", row.get("betaald"))
        if month is not None and income is not None:
            facts.append(teveel.MaandFeiten(month, income, paid))
    return facts


def _te_veel(table: NormTable, r: Reader) -> dict[str, Any]:
    day, household, aow, housemates = read_household(r, "datum")
    ages = read_ages(r)
    start = r.date("van")
    end = r.date("tot")
    facts = _month_facts(r)
    _required(r, day, household, start, end)
    assert day and household and start and end

    def norm_on(month: date) -> bijstand.Bijstandsnorm:
        return bijstand.bijstandsnorm(
            table, month, household, aow_age=aow, housemates=housemates, ages=ages
        )

    try:
        # The same reserved-vakantietoeslag rule as the letters (Pw 19 lid 3,
        # 45 lid 1): a month whose reserve is not yet paid out counts in cash.
        result = teveel.te_veel(
            norm_on,
            day,
            start,
            end,
            facts,
            holiday_on=lambda month: table.on("vakantietoeslag_percentage", month),
        )
    except teveel.MonthError as e:
        key = "maanden" if e.index is None else f"maanden[{e.index}]"
        raise _fail(key, e) from e
    except ValueError as e:
        raise _fail("van", e) from e
    return {
        "maanden": [
            {
                "maand": m.maand.isoformat(),
                "norm": as_text(m.norm),
                "inkomen": as_text(m.inkomen),
                "recht": as_text(m.recht),
                "betaald": as_text(m.betaald),
                "uitbetaald": as_text(m.uitbetaald),
                "recht_uitbetaald": as_text(m.recht_uitbetaald),
                "vakantietoeslag_gereserveerd": m.gereserveerd,
                "vakantietoeslag_lager": as_text(m.vakantietoeslag_lager),
                "te_veel": as_text(m.te_veel),
            }
            for m in result.maanden
        ],
        "totaal": as_text(result.totaal),
        "vakantietoeslag_lager": as_text(result.vakantietoeslag_lager),
        "netto": result.netto,
        "stappen": _steps(result.stappen),
        "waarschuwingen": [
            *result.waarschuwingen,
            *([] if result.netto else [GROSS_WARNING]),
        ],
    }


# Pw art. 58 lid 5: recovered in the calendar year of the payment the claim is
# net; later it is gross. The months give net amounts only, so the total must
# not be copied as the claim without the gross computation.
GROSS_WARNING = (
    "Let op: het totaal is een nettobedrag. De terugvordering valt in een later "
    "kalenderjaar dan de betaling. Dan is de vordering bruto (Participatiewet "
    "artikel 58 lid 5). Reken het brutobedrag nog uit, met de loonheffing. "
    "Vorder niet het totaal van deze berekening"
)


_TE_VEEL_FIELDS = (
    *household_fields(
        "datum",
        "De datum van het besluit. Valt de laatste maand in hetzelfde jaar, dan "
        "vragen wij het netto bedrag terug (art. 58 lid 5).",
    ),
    date_field("van", "De eerste dag van de eerste maand."),
    date_field("tot", "De laatste dag van de laatste maand."),
    Field(
        "maanden",
        'Elke maand van de periode: {"maand": "2026-05-01", "inkomen": '
        '"500.00", "betaald": "1401.50"}. Inkomen is het netto inkomen dat '
        "meetelt; betaald is niet verplicht (leeg: de norm van die maand).",
        "lijst",
        {
            "type": "array",
            "minItems": 1,
            "maxItems": 120,
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["maand", "inkomen"],
                "properties": {
                    "maand": {"type": "string", "format": "date"},
                    "inkomen": {"type": ["string", "number"]},
                    "betaald": {"type": ["string", "number", "null"]},
                },
            },
        },
    ),
)


# --- vakantietoeslag at the end of the bijstand (Pw art. 19 lid 3, 45) ---------

_INCOME_ROW = ("maand", "bedrag")


def _incomes(r: Reader) -> dict[date, Decimal]:
    out: dict[date, Decimal] = {}
    for i, row in enumerate(r.rows("inkomen", _INCOME_ROW, required=False)):
        where = f"inkomen[{i}]"
        month = r.row_date(f"{where}.maand", row.get("maand"))
        amount = r.row_amount(f"{where}.bedrag", row.get("bedrag"), required=True)
        if month is not None and amount is not None:
            out[month.replace(day=1)] = amount
    return out


def _vakantietoeslag(table: NormTable, r: Reader) -> dict[str, Any]:
    start, household, aow, housemates = read_household(r, "opbouw_vanaf")
    ages = read_ages(r)
    end = r.date("einddatum")
    letter_day = r.date("datum", required=False)
    income = _incomes(r)
    _required(r, start, household, end)
    assert start and household and end
    try:
        result = vakantietoeslag.opgebouwd_bij_einde(
            table,
            start,
            end,
            household,
            aow_age=aow,
            housemates=housemates,
            ages=ages,
            income=income,
        )
    except ValueError as e:
        raise _fail("opbouw_vanaf", e) from e
    if letter_day is not None:
        # The same rule as the letters: three months after the end of the
        # right (Pw 45 lid 1); when that passed before the letter, within two
        # weeks of it (a municipal rule, vakantietoeslag.late_payment).
        result = vakantietoeslag.late_payment(result, letter_day)
    return {
        "bedrag": as_text(result.bedrag),
        "opbouw_vanaf": result.opbouw_vanaf.isoformat(),
        "einddatum": result.einddatum.isoformat(),
        "uiterlijk": result.uiterlijk.isoformat(),
        "maanden": result.maanden,
        "termijn_voorbij": (
            result.termijn_voorbij.isoformat() if result.termijn_voorbij else None
        ),
        "stappen": _steps(result.stappen),
        "waarschuwingen": list(result.waarschuwingen),
    }


_VAKANTIETOESLAG_FIELDS = (
    *household_fields(
        "opbouw_vanaf",
        "De eerste dag van de eerste maand na de laatste betaling van "
        "vakantietoeslag (meestal 1 juni).",
    ),
    date_field(
        "einddatum",
        "De laatste dag met bijstand (of de laatste dag van de periode).",
    ),
    date_field(
        "datum",
        "De datum van de brief. Zijn de drie maanden na de einddatum dan al "
        "voorbij, dan betalen wij binnen twee weken na de brief.",
        required=False,
    ),
    Field(
        "inkomen",
        'Netto inkomen dat meetelde per maand: [{"maand": "2026-07-01", '
        '"bedrag": "419.46"}]. Leeg: geen inkomen.',
        "lijst",
        {
            "type": "array",
            "maxItems": 120,
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["maand", "bedrag"],
                "properties": {
                    "maand": {"type": "string", "format": "date"},
                    "bedrag": {"type": ["string", "number"]},
                },
            },
        },
        required=False,
    ),
)


# --- voorschot (Pw art. 52 lid 1) ---------------------------------------------


def _voorschot(table: NormTable, r: Reader) -> dict[str, Any]:
    day, household, aow, housemates = read_household(r, "datum")
    ages = read_ages(r)
    given = r.amount("bedrag", required=False)
    applied = r.date("aanvraag", required=False)
    _required(r, day, household)
    assert day and household
    try:
        result = voorschot.voorschot(
            table,
            day,
            household,
            aow_age=aow,
            housemates=housemates,
            ages=ages,
            given=given,
        )
    except ValueError as e:
        raise _fail("bedrag", e) from e
    out: dict[str, Any] = {
        "bedrag": as_text(result.bedrag),
        "minimum": as_text(result.minimum),
        "norm": as_text(result.norm.bedrag),
        "uiterlijk": None,
    }
    steps = list(result.stappen)
    warnings = list(result.waarschuwingen)
    if applied is not None:
        term = termijnen.voorschottermijn(table, applied)
        out["uiterlijk"] = term.uiterlijk.isoformat()
        steps += term.stappen
        warnings += [w for w in term.waarschuwingen if w not in warnings]
    return {**out, "stappen": _steps(steps), "waarschuwingen": warnings}


_VOORSCHOT_FIELDS = (
    *household_fields("datum", "De dag waarop het voorschot wordt betaald."),
    amount_field(
        "bedrag",
        "Het voorschot per maand dat u wilt geven. Leeg: het minimum "
        "(95 % van de norm).",
        required=False,
    ),
    date_field(
        "aanvraag",
        "De datum van de aanvraag; dan rekenen wij ook uit wanneer het voorschot "
        "uiterlijk betaald moet zijn (vier weken).",
        required=False,
    ),
)


# --- maatregel (Pw art. 18 lid 2) -------------------------------------------


def _maatregel(table: NormTable, r: Reader) -> dict[str, Any]:
    start, household, aow, housemates = read_household(r, "vanaf")
    ages = read_ages(r)
    share = r.percentage(
        "percentage", int(maatregel.MIN_PERCENTAGE), int(maatregel.MAX_PERCENTAGE)
    )
    months = r.integer("maanden", 1, 36)
    _required(r, start, household, share)
    assert start and household and share is not None

    def reduction(first: date) -> maatregel.Verlaging:
        return maatregel.maatregel_verlaging(
            table,
            first,
            household,
            share,
            aow_age=aow,
            housemates=housemates,
            ages=ages,
        )

    try:
        first = reduction(start)
    except ValueError as e:
        raise _fail("vanaf", e) from e
    last = vakantietoeslag.add_months(start, months - 1)
    steps, warnings = list(first.stappen), list(first.waarschuwingen)
    changes: list[dict[str, Any]] = []
    current = first
    # The reduction is a percentage of the norm, so its amount follows every norm
    # change within its months (as maatregel_zaak does for letters).
    while current.norm.geldig_tot is not None and last > current.norm.geldig_tot:
        change = current.norm.geldig_tot + timedelta(days=1)
        try:
            current = reduction(change)
        except NormUnavailable:
            warnings.append(
                f"De norm vanaf {dutch_date(change)} is nog niet bekend. De "
                f"verlaging blijft {procent(share)} van die nieuwe norm; het bedrag "
                "weten wij nog niet."
            )
            changes.append({"vanaf": change.isoformat(), "verlaging": None})
            break
        changes.append(
            {"vanaf": change.isoformat(), "verlaging": as_text(current.bedrag)}
        )
        steps.append(
            Step(
                f"Vanaf {maand(change)}: {procent(share)} van de nieuwe norm "
                f"van {bedrag(current.norm.bedrag)}",
                current.bedrag,
                current.norm.bron,
            )
        )
        warnings += [w for w in current.waarschuwingen if w not in warnings]
    steps.append(
        Step(
            f"De verlaging duurt {months} {'maand' if months == 1 else 'maanden'}: "
            f"van {maand(start)} tot en met {maand(last)}",
            None,
            "Participatiewet art. 18 lid 2 en de Maatregelenverordening",
        )
    )
    return {
        "verlaging": as_text(first.bedrag),
        "norm": as_text(first.norm.bedrag),
        "vanaf": start.isoformat(),
        "laatste_maand": last.isoformat(),
        "normwijziging": changes[0]["vanaf"] if changes else None,
        "verlaging_na_normwijziging": changes[0]["verlaging"] if changes else None,
        "normwijzigingen": changes,
        "stappen": _steps(steps),
        "waarschuwingen": warnings,
    }


_MAATREGEL_FIELDS = (
    *household_fields(
        "vanaf", "De eerste dag van de eerste maand met lagere bijstand."
    ),
    Field(
        "percentage",
        "Hoeveel procent van de norm de bijstand lager is (Maatregelenverordening). "
        "Van 5 tot en met 100.",
        "procent",
        {
            "anyOf": [
                {"type": "number", "minimum": 5, "maximum": 100},
                {"type": "string", "pattern": "^[0-9]{1,3}(\\.[0-9]{1,2})?$"},
            ]
        },
    ),
    Field(
        "maanden",
        "Hoeveel maanden de bijstand lager is. Van 1 tot en met 36.",
        "heel getal",
        {"type": "integer", "minimum": 1, "maximum": 36},
    ),
)


# --- dwangsom (Awb art. 4:17) ---------------------------------------------------


def _dwangsom(table: NormTable, r: Reader) -> dict[str, Any]:
    day = r.date("datum")
    _required(r, day)
    assert day
    result = dwangsom.maximale_dwangsom(table, day)
    return {
        "maximum": as_text(result.bedrag),
        "dagen": result.dagen,
        "stappen": _steps(result.stappen),
        "waarschuwingen": list(result.waarschuwingen),
    }


# --- first part month (Pw art. 44 lid 1) -----------------------------------


def _eerste_maand(table: NormTable, r: Reader) -> dict[str, Any]:
    start, household, aow, housemates = read_household(r, "ingangsdatum")
    ages = read_ages(r)
    income = r.amount("inkomen_per_maand", required=False)
    _required(r, start, household)
    assert start and household
    try:
        norm = bijstand.bijstandsnorm(
            table, start, household, aow_age=aow, housemates=housemates, ages=ages
        )
    except ValueError as e:
        raise _fail("ingangsdatum", e) from e
    holiday = table.on("vakantietoeslag_percentage", start)
    try:
        month = bijstand.uitkering(norm, income or Decimal("0.00"), holiday)
    except ValueError as e:
        raise _fail("inkomen_per_maand", e) from e
    try:
        part = eerste_maand.eerste_maand(
            start, month.per_maand_uitbetaald, month.vakantietoeslag
        )
    except ValueError as e:
        raise _fail("ingangsdatum", e) from e
    steps = [
        *month.stappen,
        *part.stappen,
        Step(
            f"Vakantiegeld over die {part.dagen} dagen, betaald in juni",
            part.vakantietoeslag,
            "Participatiewet art. 19 lid 3 en art. 45 lid 1",
        ),
    ]
    return {
        "dagen": part.dagen,
        "dagen_in_maand": part.dagen_in_maand,
        "per_maand": as_text(part.per_maand),
        "bedrag": as_text(part.bedrag),
        "vakantietoeslag": as_text(part.vakantietoeslag),
        "stappen": _steps(steps),
        "waarschuwingen": list(month.waarschuwingen),
    }


# (name, summary, bron, fields, run): contract.Calculation's fields, in order.
SPECS: tuple[tuple[str, str, str, tuple[Field, ...], Runner], ...] = (
    (
        "te-veel",
        "Te veel ontvangen bijstand per maand, na een herziening om inkomen",
        "Participatiewet art. 21-22a, 31, 32, 54 lid 3 en 58",
        _TE_VEEL_FIELDS,
        _te_veel,
    ),
    (
        "vakantietoeslag",
        "Opgebouwde vakantietoeslag over een periode of bij het einde van de bijstand",
        "Participatiewet art. 19 lid 3 en art. 45 lid 1",
        _VAKANTIETOESLAG_FIELDS,
        _vakantietoeslag,
    ),
    (
        "voorschot",
        "Voorschot op bijstand: ten minste 95 % van de norm",
        "Participatiewet art. 52 lid 1",
        _VOORSCHOT_FIELDS,
        _voorschot,
    ),
    (
        "maatregel",
        "Verlaging van de bijstand (maatregel) per maand, ook over een normwijziging",
        "Participatiewet art. 18 lid 2; Maatregelenverordening",
        _MAATREGEL_FIELDS,
        _maatregel,
    ),
    (
        "dwangsom",
        "Hoogste dwangsom bij te laat beslissen",
        "Algemene wet bestuursrecht art. 4:17",
        (
            date_field(
                "datum",
                "De dag waarop de dwangsom begint te lopen (de bedragen van die dag).",
            ),
        ),
        _dwangsom,
    ),
    (
        "eerste-maand",
        "Bijstand over de eerste maand als die niet op de 1e begint",
        "Participatiewet art. 44 lid 1, art. 19 lid 3",
        (
            *household_fields(
                "ingangsdatum", "De eerste dag met bijstand (niet de 1e van de maand)."
            ),
            amount_field(
                "inkomen_per_maand",
                "Netto inkomen per maand dat meetelt. Leeg: geen inkomen.",
                required=False,
            ),
        ),
        _eerste_maand,
    ),
)

__all__ = ["SPECS", "Runner"]
