"""Dutch messages for JSON Schema validation errors, one per validator keyword.

A schema may give its own message for a field with "x-foutmelding"; that wins.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from jsonschema import ValidationError

TYPE_NAMES = {
    "string": "een tekst",
    "number": "een getal",
    "integer": "een heel getal",
    "boolean": "waar of onwaar (true of false)",
    "object": "een object met velden",
    "array": "een lijst",
    "null": "leeg (null)",
}
FORMAT_MESSAGES = {
    "datum": "moet een bestaande datum zijn, geschreven als JJJJ-MM-DD",
    "briefdatum": "moet een bestaande datum van 2000 tot en met 2099 zijn (JJJJ-MM-DD)",
    "bedrag": "mag niet meer dan 2 cijfers achter de komma hebben",
    "email": "moet een geldig e-mailadres zijn",
    "postcode": "moet een postcode zijn zoals 1234 AB",
}


def keyword_value(error: ValidationError) -> Any:
    """The schema keyword's value (typed loosely by jsonschema)."""
    value: Any = error.validator_value
    return value


def _number(value: Any) -> str:
    text = f"{value:,}".replace(",", "#").replace(".", ",").replace("#", ".")
    return text


def _type(error: ValidationError) -> str:
    expected = keyword_value(error)
    names = [expected] if isinstance(expected, str) else list(expected)
    return "moet " + " of ".join(TYPE_NAMES.get(n, n) for n in names) + " zijn"


def _enum(error: ValidationError) -> str:
    options = ", ".join(str(v) for v in keyword_value(error))
    return f"kies uit: {options}"


def _length(error: ValidationError) -> str:
    limit = keyword_value(error)
    if error.validator == "minLength":
        return "mag niet leeg zijn" if limit == 1 else f"moet minstens {limit} tekens"
    return f"is te lang: niet meer dan {_number(limit)} tekens"


def _items(error: ValidationError) -> str:
    limit = keyword_value(error)
    if error.validator == "minItems":
        return f"moet minstens {limit} onderdeel hebben"
    return f"mag niet meer dan {limit} onderdelen hebben"


def _minimum(error: ValidationError) -> str:
    limit = _number(keyword_value(error))
    if error.validator == "exclusiveMinimum":
        return f"moet groter dan {limit} zijn"
    return f"moet {limit} of meer zijn"


def _maximum(error: ValidationError) -> str:
    limit = _number(keyword_value(error))
    if error.validator == "exclusiveMaximum":
        return f"moet kleiner dan {limit} zijn"
    return f"mag niet meer dan {limit} zijn"


MESSAGES: dict[str, Callable[[ValidationError], str]] = {
    "type": _type,
    "enum": _enum,
    "const": lambda e: f"moet {e.validator_value} zijn",
    "minLength": _length,
    "maxLength": _length,
    "minItems": _items,
    "maxItems": _items,
    "minimum": _minimum,
    "exclusiveMinimum": _minimum,
    "maximum": _maximum,
    "exclusiveMaximum": _maximum,
    "format": lambda e: FORMAT_MESSAGES.get(str(e.validator_value), "klopt niet"),
    "pattern": lambda e: "heeft niet de goede vorm",
    "uniqueItems": lambda e: "bevat iets twee keer",
}


def dutch_message(error: ValidationError) -> str:
    """The Dutch message for one validation error (not for required/additional)."""
    schema = error.schema if isinstance(error.schema, Mapping) else {}
    own = schema.get("x-foutmelding")
    if isinstance(own, str):
        return own
    build = MESSAGES.get(str(error.validator))
    return build(error) if build else "klopt niet"
