"""Named calculations with a stable JSON contract: `letterforge calc NAME` and
`POST /api/v1/calculations/NAME` both call `calculate`.

Input: a JSON object; amounts as strings or numbers ("867.59" or 867.59), dates as
ISO strings. Output: a JSON object; amounts as strings with two decimals and a dot
("867.59"), dates ISO, `stappen` the explained steps, `waarschuwingen` the warnings
for unverified norm values. Bad input raises CalculationInputError with one Dutch
problem per field; a date without norms raises NormUnavailable.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from letterforge.compose.calc import afzien as afzien_calc
from letterforge.compose.calc import termijnen
from letterforge.compose.calc.aflossing import GROUNDS_ABOVE_LIMIT, withholding
from letterforge.compose.calc.beslag import beslagvrije_voet, min_al_ingehouden
from letterforge.compose.calc.bijstand import HOUSEHOLDS, MAX_HOUSEMATES, bijstandsnorm
from letterforge.compose.calc.boete import GUILT_LEVELS, boete
from letterforge.compose.calc.money import as_text, parse_amount
from letterforge.compose.calc.steps import Step
from letterforge.compose.norms import NormTable
from letterforge.errors import CalculationInputError, Problem, UnknownCalculation

MAX_AMOUNT = Decimal("10000000")
AMOUNT_TEXT = re.compile(r"[0-9]{1,8}(\.[0-9]{1,2})?")
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class _Reader:
    """Reads fields from the input and collects every problem, not only the first."""

    def __init__(self, data: Mapping[str, Any], fields: tuple[str, ...]) -> None:
        self.data = data
        self.problems: list[Problem] = [
            Problem(key, "dit veld kennen wij niet bij deze berekening", "unknown")
            for key in data
            if key not in fields
        ]

    def _missing(self, key: str, required: bool) -> bool:
        if key in self.data and self.data[key] is not None:
            return False
        if required:
            self.problems.append(Problem(key, "vul dit veld in", "required"))
        return True

    def date(self, key: str, required: bool = True) -> date | None:
        """An ISO date; the day after it must exist (terms count from it)."""
        if self._missing(key, required):
            return None
        value = self.data[key]
        try:
            # Only the extended form 2026-11-24: fromisoformat would also take
            # "20261124" and week dates, which the published schema does not.
            if not isinstance(value, str) or not ISO_DATE.fullmatch(value):
                raise ValueError
            day = date.fromisoformat(value)
            if day >= date.max:
                raise ValueError
            return day
        except ValueError:
            self.problems.append(
                Problem(key, "moet een datum zijn als 2026-11-24", "date")
            )
            return None

    def amount(self, key: str, required: bool = True) -> Decimal | None:
        if self._missing(key, required):
            return None
        value = self.data[key]
        try:
            amount = parse_amount(value)
            # Text only as the published pattern: "1e3" or " 12" are no amounts.
            if isinstance(value, str) and not AMOUNT_TEXT.fullmatch(value):
                raise ValueError('moet een bedrag zijn, bijvoorbeeld "867.59"')
        except ValueError as e:
            self.problems.append(Problem(key, str(e), "amount"))
            return None
        if amount < 0 or amount > MAX_AMOUNT:
            self.problems.append(
                Problem(key, "moet een bedrag van 0 tot 10.000.000 zijn", "amount")
            )
            return None
        return amount

    def choice(self, key: str, options: tuple[str, ...]) -> str | None:
        if self._missing(key, True):
            return None
        value = self.data[key]
        if value not in options:
            self.problems.append(
                Problem(key, f"moet een van deze zijn: {', '.join(options)}", "enum")
            )
            return None
        return str(value)

    def boolean(self, key: str, required: bool = True) -> bool:
        if self._missing(key, required):
            return False
        value = self.data[key]
        if not isinstance(value, bool):
            self.problems.append(Problem(key, "moet true of false zijn", "boolean"))
            return False
        return value

    def integer(self, key: str, low: int, high: int, required: bool = True) -> int:
        if self._missing(key, required):
            return 0
        value = self.data[key]
        if (
            isinstance(value, bool)
            or not isinstance(value, int)
            or not (low <= value <= high)
        ):
            self.problems.append(
                Problem(
                    key,
                    f"moet een heel getal van {low} tot en met {high} zijn",
                    "integer",
                )
            )
            return 0
        return value

    def done(self) -> None:
        if self.problems:
            raise CalculationInputError(tuple(self.problems))


def _steps(steps: tuple[Step, ...]) -> list[dict[str, Any]]:
    return [s.as_json() for s in steps]


def _fail(key: str, error: ValueError) -> CalculationInputError:
    return CalculationInputError((Problem(key, str(error), "calculation"),))


_HOUSEHOLD_FIELDS = ("datum", "leefvorm", "aow_leeftijd", "medebewoners")


def _household(r: _Reader) -> tuple[date, str, bool, int]:
    day = r.date("datum")
    household = r.choice("leefvorm", HOUSEHOLDS)
    aow = r.boolean("aow_leeftijd")
    housemates = r.integer("medebewoners", 0, MAX_HOUSEMATES)
    r.done()
    assert day is not None and household is not None
    return day, household, aow, housemates


def _bijstandsnorm(table: NormTable, data: Mapping[str, Any]) -> dict[str, Any]:
    day, household, aow, housemates = _household(_Reader(data, _HOUSEHOLD_FIELDS))
    norm = bijstandsnorm(table, day, household, aow_age=aow, housemates=housemates)
    return {
        "bedrag": as_text(norm.bedrag),
        "geldig_vanaf": norm.geldig_vanaf.isoformat(),
        "geldig_tot": norm.geldig_tot.isoformat() if norm.geldig_tot else None,
        "bron": norm.bron,
        "kostendelers": norm.kostendelers,
        "stappen": _steps(norm.stappen),
        "waarschuwingen": list(norm.waarschuwingen),
    }


def _beslagvrije_voet(table: NormTable, data: Mapping[str, Any]) -> dict[str, Any]:
    day, household, aow, housemates = _household(_Reader(data, _HOUSEHOLD_FIELDS))
    result = beslagvrije_voet(table, day, household, aow_age=aow, housemates=housemates)
    return {
        "beslagvrije_voet": as_text(result.beslagvrije_voet),
        "maximale_inhouding": as_text(result.maximale_inhouding),
        "norm": as_text(result.norm.bedrag),
        "bron": result.bron,
        "stappen": _steps(result.stappen),
        "waarschuwingen": list(result.waarschuwingen),
    }


def _boete(table: NormTable, data: Mapping[str, Any]) -> dict[str, Any]:
    r = _Reader(
        data,
        (
            "datum",
            "overtredingsdatum",
            "benadelingsbedrag",
            "verwijtbaarheid",
            "eerdere_boete_onherroepelijk",
            "eerdere_waarschuwing_datum",
            "zelf_gemeld",
            "draagkracht",
        ),
    )
    day = r.date("datum")
    # Required: Pw 18a lid 5 counts the recidive window back from the overtreding.
    offence = r.date("overtredingsdatum")
    benefit = r.amount("benadelingsbedrag")
    guilt = r.choice("verwijtbaarheid", GUILT_LEVELS)
    earlier_fine = r.date("eerdere_boete_onherroepelijk", required=False)
    earlier_warning = r.date("eerdere_waarschuwing_datum", required=False)
    self_reported = r.boolean("zelf_gemeld", required=False)
    ability = r.amount("draagkracht", required=False)
    if day and offence and offence > day:
        r.problems.append(
            Problem(
                "overtredingsdatum",
                "mag niet na de datum van het besluit liggen",
                "date_order",
            )
        )
    r.done()
    assert day is not None and benefit is not None and guilt is not None
    assert offence is not None
    result = boete(
        table,
        day,
        benefit,
        guilt,
        offence=offence,
        earlier_fine_final=earlier_fine,
        earlier_warning=earlier_warning,
        self_reported=self_reported,
        ability_to_pay=ability,
    )
    return {
        "boete": as_text(result.boete),
        "maximum": as_text(result.maximum),
        "waarschuwing": result.waarschuwing,
        "rapport_vereist": result.rapport_vereist,
        "recidive": result.recidive,
        "reden": result.reden,
        "stappen": _steps(result.stappen),
        "waarschuwingen": list(result.waarschuwingen),
    }


def _term_result(term: termijnen.Termijn) -> dict[str, Any]:
    return {
        "uiterlijk": term.uiterlijk.isoformat(),
        "stappen": _steps(term.stappen),
        "waarschuwingen": list(term.waarschuwingen),
    }


def _bezwaartermijn(table: NormTable, data: Mapping[str, Any]) -> dict[str, Any]:
    r = _Reader(data, ("datum",))
    day = r.date("datum")
    r.done()
    assert day is not None
    return _term_result(termijnen.bezwaartermijn(table, day))


def _beslistermijn(table: NormTable, data: Mapping[str, Any]) -> dict[str, Any]:
    r = _Reader(data, ("ontvangen", "wmo"))
    day = r.date("ontvangen")
    wmo = r.boolean("wmo", required=False)
    r.done()
    assert day is not None
    if wmo:
        return _term_result(termijnen.wmo_beslistermijn(table, day))
    return _term_result(termijnen.beslistermijn(table, day))


def _hersteltermijn(table: NormTable, data: Mapping[str, Any]) -> dict[str, Any]:
    r = _Reader(data, ("datum", "weken"))
    day = r.date("datum")
    weeks = r.integer("weken", 1, 12)
    r.done()
    assert day is not None
    return _term_result(termijnen.hersteltermijn(table, day, weeks))


def _aanmaning(table: NormTable, data: Mapping[str, Any]) -> dict[str, Any]:
    r = _Reader(data, ("datum", "vordering"))
    day = r.date("datum")
    claim = r.amount("vordering")
    r.done()
    assert day is not None and claim is not None
    out = _term_result(termijnen.aanmaningstermijn(table, day))
    limit = table.on("aanmaningsvergoeding_grens", day)
    fee = table.on(
        "aanmaningsvergoeding_hoog"
        if claim >= limit.value
        else "aanmaningsvergoeding_laag",
        day,
    )
    out["aanmaningsvergoeding"] = as_text(fee.value)
    out["stappen"].append(Step("Aanmaningsvergoeding", fee.value, fee.source).as_json())
    return out


def _afzien(table: NormTable, data: Mapping[str, Any]) -> dict[str, Any]:
    r = _Reader(
        data,
        (
            "datum",
            "grond",
            "restschuld",
            "betaald",
            "invordering_sinds",
            "kwijtschelding",
        ),
    )
    day = r.date("datum")
    ground = r.choice("grond", afzien_calc.GROUNDS)
    debt = r.amount("restschuld")
    paid = r.amount("betaald", required=False)
    since = r.date("invordering_sinds", required=False)
    forgiven = r.amount("kwijtschelding", required=False)
    r.done()
    assert day is not None and ground is not None and debt is not None
    try:
        result = afzien_calc.afzien(
            table,
            day,
            ground,
            debt,
            paid=paid or Decimal("0.00"),
            collection_start=since,
            forgiven=forgiven,
        )
    except ValueError as e:
        raise _fail("grond", e) from e
    return {
        "mogelijk": result.mogelijk,
        "kwijtgescholden": as_text(result.kwijtgescholden),
        "nog_te_betalen": as_text(result.nog_te_betalen),
        "reden": result.reden,
        "bron": result.bron,
        "stappen": _steps(result.stappen),
        "waarschuwingen": list(result.waarschuwingen),
    }


def _aflosplan(table: NormTable, data: Mapping[str, Any]) -> dict[str, Any]:
    r = _Reader(
        data,
        (
            *_HOUSEHOLD_FIELDS,
            "schuld",
            "per_maand",
            "grond_boven_maximum",
            "al_ingehouden_per_maand",
        ),
    )
    debt = r.amount("schuld")
    per_month = r.amount("per_maand", required=False)
    other = r.amount("al_ingehouden_per_maand", required=False)
    ground = None
    if data.get("grond_boven_maximum") is not None:
        ground = r.choice("grond_boven_maximum", GROUNDS_ABOVE_LIMIT)
    day, household, aow, housemates = _household(r)
    assert debt is not None
    limit = beslagvrije_voet(table, day, household, aow_age=aow, housemates=housemates)
    if other is not None:
        # Rv 475dc: one limit for all withholdings together.
        limit = min_al_ingehouden(limit, other)
    try:
        result = withholding(
            debt, limit, day, per_month=per_month, ground_above_limit=ground
        )
    except ValueError as e:
        raise _fail("per_maand", e) from e
    plan = result.plan
    return {
        "per_maand": as_text(result.per_maand),
        "maximale_inhouding": as_text(result.maximum),
        "boven_maximum": result.boven_maximum,
        "maanden": plan.months,
        "eerste_maand": plan.first_month.isoformat(),
        "laatste_maand": plan.last_month.isoformat(),
        "laatste_bedrag": as_text(plan.last_amount),
        "stappen": _steps(result.stappen),
        "waarschuwingen": list(result.waarschuwingen),
    }


_DATE = {"type": "string", "format": "date", "examples": ["2026-11-24"]}
_AMOUNT = {
    "anyOf": [
        {"type": "string", "pattern": "^[0-9]{1,8}(\\.[0-9]{1,2})?$"},
        {"type": "number", "minimum": 0, "maximum": 10000000},
    ],
    "examples": ["867.59"],
}
_HOUSEHOLD_SCHEMA = {
    "datum": _DATE,
    "leefvorm": {"enum": list(HOUSEHOLDS)},
    "aow_leeftijd": {"type": "boolean"},
    "medebewoners": {"type": "integer", "minimum": 0, "maximum": MAX_HOUSEMATES},
}


def _object(properties: dict[str, Any], *required: str) -> dict[str, Any]:
    """The JSON Schema of an input (for the OpenAPI document and README). An
    optional field may also be null, which the reader takes as absent."""
    return {
        "type": "object",
        "additionalProperties": False,
        "required": list(required),
        "properties": {
            key: schema if key in required else {"anyOf": [schema, {"type": "null"}]}
            for key, schema in properties.items()
        },
    }


@dataclass(frozen=True)
class Calculation:
    name: str
    summary: str
    run: Callable[[NormTable, Mapping[str, Any]], dict[str, Any]]
    input_schema: Mapping[str, Any]


CALCULATIONS: dict[str, Calculation] = {
    c.name: c
    for c in (
        Calculation(
            "bijstandsnorm",
            "Bijstandsnorm per maand, met kostendelersnorm",
            _bijstandsnorm,
            _object(_HOUSEHOLD_SCHEMA, *_HOUSEHOLD_FIELDS),
        ),
        Calculation(
            "beslagvrije-voet",
            "Beslagvrije voet en hoogste inhouding per maand op bijstand",
            _beslagvrije_voet,
            _object(_HOUSEHOLD_SCHEMA, *_HOUSEHOLD_FIELDS),
        ),
        Calculation(
            "aflosplan",
            "Aflossen door inhouding op bijstand, binnen de beslagvrije voet",
            _aflosplan,
            _object(
                {
                    **_HOUSEHOLD_SCHEMA,
                    "schuld": _AMOUNT,
                    "per_maand": _AMOUNT,
                    "grond_boven_maximum": {"enum": list(GROUNDS_ABOVE_LIMIT)},
                    "al_ingehouden_per_maand": _AMOUNT,
                },
                *_HOUSEHOLD_FIELDS,
                "schuld",
            ),
        ),
        Calculation(
            "boete",
            "Bestuurlijke boete of waarschuwing (Participatiewet art. 18a)",
            _boete,
            _object(
                {
                    "datum": _DATE,
                    "overtredingsdatum": _DATE,
                    "benadelingsbedrag": _AMOUNT,
                    "verwijtbaarheid": {"enum": list(GUILT_LEVELS)},
                    "eerdere_boete_onherroepelijk": {
                        "anyOf": [_DATE, {"type": "null"}]
                    },
                    "eerdere_waarschuwing_datum": {"anyOf": [_DATE, {"type": "null"}]},
                    "zelf_gemeld": {"type": "boolean"},
                    "draagkracht": _AMOUNT,
                },
                "datum",
                "overtredingsdatum",
                "benadelingsbedrag",
                "verwijtbaarheid",
            ),
        ),
        Calculation(
            "afzien-terugvordering",
            "Afzien van terugvordering (Participatiewet art. 58 lid 7 en 8)",
            _afzien,
            _object(
                {
                    "datum": _DATE,
                    "grond": {"enum": list(afzien_calc.GROUNDS)},
                    "restschuld": _AMOUNT,
                    "betaald": _AMOUNT,
                    "invordering_sinds": _DATE,
                    "kwijtschelding": _AMOUNT,
                },
                "datum",
                "grond",
                "restschuld",
            ),
        ),
        Calculation(
            "bezwaartermijn",
            "Laatste dag om bezwaar te maken",
            _bezwaartermijn,
            _object({"datum": _DATE}, "datum"),
        ),
        Calculation(
            "beslistermijn",
            "Laatste dag om te beslissen op een aanvraag",
            _beslistermijn,
            _object({"ontvangen": _DATE, "wmo": {"type": "boolean"}}, "ontvangen"),
        ),
        Calculation(
            "hersteltermijn",
            "Laatste dag om een aanvraag aan te vullen",
            _hersteltermijn,
            _object(
                {
                    "datum": _DATE,
                    "weken": {"type": "integer", "minimum": 1, "maximum": 12},
                },
                "datum",
                "weken",
            ),
        ),
        Calculation(
            "aanmaning",
            "Betaaltermijn en aanmaningsvergoeding",
            _aanmaning,
            _object({"datum": _DATE, "vordering": _AMOUNT}, "datum", "vordering"),
        ),
    )
}


def calculate(table: NormTable, name: str, data: object) -> dict[str, Any]:
    """Run the calculation `name` on `data` (a JSON object).

    Raises UnknownCalculation, CalculationInputError (Dutch, per field) or
    NormUnavailable.
    """
    calculation = CALCULATIONS.get(name)
    if calculation is None:
        raise UnknownCalculation(name, tuple(CALCULATIONS))
    if not isinstance(data, Mapping):
        raise CalculationInputError(
            (Problem("", "de invoer moet een JSON-object zijn", "type"),)
        )
    try:
        return calculation.run(table, data)
    except ValueError as e:
        raise _fail("", e) from e
