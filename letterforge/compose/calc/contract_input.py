"""The fields of the calculation contract and the reader that checks them.

A `Field` is the one description of an input field: its name, a Dutch line for
the caseworker, its unit and whether it is required. The CLI help, the API's
problem response and the OpenAPI schema are all made from these (contract.py
lists them per calculation). `Reader` reads a JSON object against them and
collects every problem, Dutch and per field, instead of stopping at the first.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from letterforge.compose.calc.bijstand import (
    HOUSEHOLDS,
    MAX_HOUSEMATES,
    Ages,
    NormInputError,
)
from letterforge.compose.calc.money import parse_amount
from letterforge.errors import CalculationInputError, Problem

Day = date  # the type, for methods of Reader (which has a method `date`)
MAX_AMOUNT = Decimal("10000000")
AMOUNT_TEXT = re.compile(r"[0-9]{1,8}(\.[0-9]{1,2})?")
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
NUMBER_TEXT = re.compile(r"[0-9]{1,3}(\.[0-9]{1,2})?")
# Bounds the work of one request: a list field (months) has at most this many rows.
MAX_ROWS = 120

DATE_SCHEMA: dict[str, Any] = {
    "type": "string",
    "format": "date",
    "examples": ["2026-11-24"],
}
AMOUNT_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": "string", "pattern": "^[0-9]{1,8}(\\.[0-9]{1,2})?$"},
        {"type": "number", "minimum": 0, "maximum": 10000000},
    ],
    "examples": ["867.59"],
}
BOOLEAN_SCHEMA: dict[str, Any] = {"type": "boolean"}


@dataclass(frozen=True)
class Field:
    """One input field of a calculation.

    `unit` is Dutch for people ("datum", "euro", "ja of nee", "heel getal",
    "procent", "keuze", "lijst"); `schema` is its JSON Schema for OpenAPI.
    """

    name: str
    description: str
    unit: str
    schema: Mapping[str, Any]
    required: bool = True

    def help_line(self) -> str:
        """One Dutch line: name, unit, required or not, and what it is."""
        need = "verplicht" if self.required else "niet verplicht"
        return f"{self.name} ({self.unit}, {need}): {self.description}"


def date_field(name: str, description: str, required: bool = True) -> Field:
    return Field(name, description, "datum", DATE_SCHEMA, required)


def amount_field(name: str, description: str, required: bool = True) -> Field:
    return Field(name, description, "euro", AMOUNT_SCHEMA, required)


def bool_field(name: str, description: str, required: bool = True) -> Field:
    return Field(name, description, "ja of nee (true/false)", BOOLEAN_SCHEMA, required)


def choice_field(
    name: str, description: str, options: Sequence[str], required: bool = True
) -> Field:
    return Field(
        name,
        f"{description} Kies uit: {', '.join(options)}.",
        "keuze",
        {"enum": list(options)},
        required,
    )


def int_field(
    name: str, description: str, low: int, high: int, required: bool = True
) -> Field:
    return Field(
        name,
        f"{description} Van {low} tot en met {high}.",
        "heel getal",
        {"type": "integer", "minimum": low, "maximum": high},
        required,
    )


def object_schema(fields: Sequence[Field]) -> dict[str, Any]:
    """The JSON Schema of an input (OpenAPI, README). An optional field may also be
    null, which the reader takes as absent."""
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [f.name for f in fields if f.required],
        "properties": {
            f.name: {
                **(
                    dict(f.schema)
                    if f.required
                    else {"anyOf": [dict(f.schema), {"type": "null"}]}
                ),
                "description": f"{f.description} Eenheid: {f.unit}.",
            }
            for f in fields
        },
    }


class Reader:
    """Reads fields from the input and collects every problem, not only the first.

    An unknown field is a problem that names the fields this calculation knows,
    so a caseworker need not guess."""

    def __init__(self, data: Mapping[str, Any], fields: Sequence[Field]) -> None:
        self.data = data
        known = ", ".join(f.name for f in fields)
        self.problems: list[Problem] = [
            Problem(
                key,
                "dit veld kennen wij niet bij deze berekening. Bekende velden: "
                + known,
                "unknown",
            )
            for key in data
            if key not in {f.name for f in fields}
        ]

    def present(self, key: str) -> bool:
        return key in self.data and self.data[key] is not None

    def _missing(self, key: str, required: bool) -> bool:
        if self.present(key):
            return False
        if required:
            self.problems.append(Problem(key, "vul dit veld in", "required"))
        return True

    def date(self, key: str, required: bool = True) -> date | None:
        """An ISO date; the day after it must exist (terms count from it)."""
        if self._missing(key, required):
            return None
        return self._date_value(key, self.data[key])

    def _date_value(self, key: str, value: object) -> Day | None:
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
        return self._amount_value(key, self.data[key])

    def _amount_value(self, key: str, value: object) -> Decimal | None:
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

    def percentage(self, key: str, low: int, high: int) -> Decimal | None:
        """A percentage as a number or text with a dot ("20" or "12.5")."""
        if self._missing(key, True):
            return None
        value = self.data[key]
        problem = Problem(
            key, f"moet een percentage van {low} tot en met {high} zijn", "percentage"
        )
        try:
            if isinstance(value, bool) or not isinstance(value, (int, float, str)):
                raise ValueError
            if isinstance(value, str) and not NUMBER_TEXT.fullmatch(value):
                raise ValueError
            number = Decimal(str(value))
        except (ValueError, InvalidOperation):
            self.problems.append(problem)
            return None
        if not number.is_finite() or not low <= number <= high:
            self.problems.append(problem)
            return None
        return number

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

    def rows(
        self, key: str, row_fields: Sequence[str], required: bool = True
    ) -> list[Mapping[str, Any]]:
        """A list of objects with the keys `row_fields` (at most MAX_ROWS)."""
        if self._missing(key, required):
            return []
        value = self.data[key]
        if not isinstance(value, list) or not 0 < len(value) <= MAX_ROWS:
            self.problems.append(
                Problem(
                    key,
                    f"moet een lijst van 1 tot en met {MAX_ROWS} regels zijn",
                    "list",
                )
            )
            return []
        out: list[Mapping[str, Any]] = []
        for i, row in enumerate(value):
            where = f"{key}[{i}]"
            if not isinstance(row, Mapping):
                self.problems.append(
                    Problem(where, "moet een object zijn, zoals {}", "type")
                )
                continue
            extra = [k for k in row if k not in row_fields]
            for k in extra:
                self.problems.append(
                    Problem(
                        f"{where}.{k}",
                        "dit veld kennen wij niet. Bekende velden: "
                        + ", ".join(row_fields),
                        "unknown",
                    )
                )
            out.append(row)
        return out

    def row_date(self, key: str, value: object) -> Day | None:
        if value is None:
            self.problems.append(Problem(key, "vul dit veld in", "required"))
            return None
        return self._date_value(key, value)

    def row_amount(
        self, key: str, value: object, required: bool = False
    ) -> Decimal | None:
        if value is None:
            if required:
                self.problems.append(Problem(key, "vul dit veld in", "required"))
            return None
        return self._amount_value(key, value)

    def done(self) -> None:
        if self.problems:
            raise CalculationInputError(tuple(self.problems))


# Optional in every calculation that picks a norm (Pw art. 20, the
# jongerennormen): without them both people count as 21 or older, as before
# these fields existed. Read them with `read_ages`.
AGE_FIELDS = (
    date_field(
        "geboortedatum",
        "De geboortedatum van de inwoner. Is de inwoner op de datum 18, 19 of 20 "
        "jaar? Dan geldt de jongerennorm (Participatiewet artikel 20). Zonder dit "
        "veld: 21 jaar of ouder.",
        required=False,
    ),
    date_field(
        "partner_geboortedatum",
        "Bij gehuwden: de geboortedatum van de partner. Nodig als de inwoner 18, "
        "19 of 20 jaar is. Zonder dit veld: 21 jaar of ouder.",
        required=False,
    ),
    bool_field(
        "kinderen",
        "Bij gehuwden van wie één of beiden 18, 19 of 20 jaar zijn: hebben zij "
        "kinderen? (artikel 20 lid 1 of lid 2). Dan verplicht.",
        required=False,
    ),
    bool_field(
        "ouders_kunnen_niet_bijdragen",
        "Alleen voor een alleenstaande (ouder) van 18, 19 of 20 jaar: kunnen de "
        "ouders niet bijdragen? Dan geldt de hogere jongerennorm van artikel 20 "
        "lid 3 (vanaf 1 januari 2026).",
        required=False,
    ),
)


def read_ages(r: Reader) -> Ages:
    """The `AGE_FIELDS` as the `Ages` every norm calculation takes."""
    return Ages(
        birth=r.date("geboortedatum", required=False),
        partner_birth=r.date("partner_geboortedatum", required=False),
        children=(
            r.boolean("kinderen", required=False) if r.present("kinderen") else None
        ),
        parents_cannot_support=r.boolean(
            "ouders_kunnen_niet_bijdragen", required=False
        ),
    )


def calculation_error(key: str, error: ValueError) -> CalculationInputError:
    """A calculation's refusal as an input problem at `key`; a norm input error
    names its own field (`geboortedatum`, `medebewoners`, ...), which is the
    contract's key of the same name."""
    if isinstance(error, NormInputError):
        key = error.field
    return CalculationInputError((Problem(key, str(error), "calculation"),))


def household_fields(day: str, day_description: str) -> tuple[Field, ...]:
    """The fields that choose a bijstandsnorm (Pw art. 20-22a) on the date
    `day`, including the optional ages (`AGE_FIELDS`)."""
    return (
        date_field(day, day_description),
        choice_field("leefvorm", "De leefvorm van de inwoner.", HOUSEHOLDS),
        bool_field("aow_leeftijd", "Heeft de inwoner de AOW-leeftijd?"),
        int_field(
            "medebewoners",
            "Aantal kostendelende medebewoners naast de inwoner en zijn partner "
            "(Participatiewet artikel 22a).",
            0,
            MAX_HOUSEMATES,
        ),
        *AGE_FIELDS,
    )


def read_household(r: Reader, day: str) -> tuple[date | None, str | None, bool, int]:
    """(date, leefvorm, aow_leeftijd, medebewoners) of the fields above."""
    return (
        r.date(day),
        r.choice("leefvorm", HOUSEHOLDS),
        r.boolean("aow_leeftijd"),
        r.integer("medebewoners", 0, MAX_HOUSEMATES),
    )
