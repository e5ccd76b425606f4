"""Validate case data against a template's JSON Schema, all problems at once.

Every problem is reported per field path in Dutch ("zaak.bedrag: moet groter dan 0
zijn"), so a caseworker or the case system can fix everything in one go.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

import fastjsonschema
from jsonschema import Draft202012Validator, FormatChecker, ValidationError
from jsonschema.validators import extend

from letterforge.case.limits import size_problems
from letterforge.case.messages import dutch_message, keyword_value
from letterforge.case.safety import unsafe_characters
from letterforge.errors import CaseDataError, Problem

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
POSTCODE = re.compile(r"^[1-9][0-9]{3} ?[A-Z]{2}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
EARLIEST_YEAR, LATEST_YEAR = 1900, 2100

# The letter date: a fixed, wide window (never relative to today, so samples and
# reproductions keep working).
LETTER_EARLIEST, LETTER_LATEST = date(2000, 1, 1), date(2099, 12, 31)

FORMATS = FormatChecker(formats=())


def _strict_integer(_checker: Any, instance: object) -> bool:
    """An integer is an int: 3.0 is refused (JSON Schema itself would accept it)."""
    return isinstance(instance, int) and not isinstance(instance, bool)


@lru_cache(maxsize=512)
def _ecma_pattern(pattern: str) -> re.Pattern[str]:
    # JSON Schema patterns follow ECMA-262, where a final `$` is the end of the text.
    # Python's `$` also matches before a final line break, which would let "12\n"
    # through as a house number and add a line to the address in the window.
    return re.compile(re.sub(r"(?<!\\)\$$", r"\\Z", pattern))


def _pattern(
    validator: Any, pattern: str, instance: object, _schema: Any
) -> Iterator[ValidationError]:
    if isinstance(instance, str) and not _ecma_pattern(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


StrictValidator = extend(  # type: ignore[no-untyped-call]
    Draft202012Validator,
    validators={"pattern": _pattern},
    type_checker=Draft202012Validator.TYPE_CHECKER.redefine("integer", _strict_integer),
)


@FORMATS.checks("briefdatum")
def is_briefdatum(value: object) -> bool:
    """A real date in ISO form within LETTER_EARLIEST..LETTER_LATEST."""
    if not isinstance(value, str):
        return True
    if not ISO_DATE.match(value):
        return False
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return False
    return LETTER_EARLIEST <= day <= LETTER_LATEST


@FORMATS.checks("datum")
def is_datum(value: object) -> bool:
    """A real calendar date in ISO form within a sensible range of years."""
    if not isinstance(value, str):
        return True
    if not ISO_DATE.match(value):
        return False
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return False
    return EARLIEST_YEAR <= day.year <= LATEST_YEAR


@FORMATS.checks("bedrag")
def is_bedrag(value: object) -> bool:
    """An amount in whole cents: at most two decimals."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return True
    try:
        exponent = Decimal(str(value)).as_tuple().exponent
    except InvalidOperation:
        return False
    return isinstance(exponent, int) and exponent >= -2


@FORMATS.checks("postcode")
def is_postcode(value: object) -> bool:
    return not isinstance(value, str) or bool(POSTCODE.match(value))


@FORMATS.checks("email")
def is_email(value: object) -> bool:
    return not isinstance(value, str) or bool(EMAIL.match(value))


def _path(parts: Any) -> str:
    return ".".join(str(p) for p in parts)


def _join(base: str, name: str) -> str:
    return f"{base}.{name}" if base else name


def _problems(error: ValidationError) -> Iterator[Problem]:
    base = _path(error.absolute_path)
    instance = error.instance
    if error.validator == "required" and isinstance(instance, dict):
        for name in keyword_value(error):
            if name not in instance:
                yield Problem(_join(base, name), "dit veld ontbreekt", "required")
    elif error.validator == "additionalProperties" and isinstance(instance, dict):
        schema = error.schema if isinstance(error.schema, Mapping) else {}
        known = set(schema.get("properties", {}))
        for name in sorted(set(instance) - known):
            yield Problem(_join(base, name), "dit veld is onbekend", "unknown_field")
    else:
        yield Problem(base, dutch_message(error), str(error.validator))


# Validators by schema identity: building one resolves its $refs again each time,
# which cost more than the validation itself. Library schemas live for the process.
_VALIDATORS: dict[int, tuple[Mapping[str, Any], Any]] = {}
_MAX_VALIDATORS = 256


def _validator(schema: Mapping[str, Any]) -> Any:
    cached = _VALIDATORS.get(id(schema))
    if cached is not None and cached[0] is schema:
        return cached[1]
    if len(_VALIDATORS) >= _MAX_VALIDATORS:
        _VALIDATORS.clear()
    validator = StrictValidator(schema, format_checker=FORMATS)
    _VALIDATORS[id(schema)] = (schema, validator)
    return validator


# The fast path. jsonschema interprets the schema for every letter, which cost
# about as much as composing the letter. fastjsonschema compiles a schema once into
# Python code; it only says yes or no. It decides alone only when it says yes and
# the data holds nothing it judges more leniently than the full validator (below);
# otherwise the full validator decides and writes the Dutch messages. So a case is
# accepted or refused exactly as before, only sooner (tests/case/test_fast_path.py).
_COMPILED: dict[int, tuple[Mapping[str, Any], _Compiled | None]] = {}
_FAST_FORMATS = {
    "briefdatum": is_briefdatum,
    "datum": is_datum,
    "bedrag": is_bedrag,
    "postcode": is_postcode,
    "email": is_email,
}


def _ecma_patterns(node: Any) -> Any:
    """A copy of `node` with every pattern in the ECMA form `_ecma_pattern` uses."""
    if isinstance(node, Mapping):
        return {
            key: (
                _ecma_pattern(value).pattern
                if key == "pattern" and isinstance(value, str)
                else _ecma_patterns(value)
            )
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_ecma_patterns(item) for item in node]
    return node


def _mentions_integer(node: Any) -> bool:
    if isinstance(node, Mapping):
        kind = node.get("type")
        if kind == "integer" or (isinstance(kind, list) and "integer" in kind):
            return True
        return any(_mentions_integer(v) for v in node.values())
    if isinstance(node, list):
        return any(_mentions_integer(v) for v in node)
    return False


def _refs(node: Any) -> set[str]:
    if isinstance(node, Mapping):
        found = {node["$ref"]} if isinstance(node.get("$ref"), str) else set()
        return found.union(*(_refs(v) for v in node.values()))
    if isinstance(node, list):
        return set().union(*(_refs(v) for v in node))
    return set()


class _ByNameUnknown(Exception):
    """An integer behind a $ref or additionalProperties: not known by name."""


def _integer_fields(schema: Mapping[str, Any]) -> frozenset[str] | None:
    """Names of the properties where an integer may stand, at any depth; None when
    that cannot be told by name (then every whole float goes the full way)."""
    defs = schema.get("$defs", {})
    refs = {f"#/$defs/{name}": _refs(node) for name, node in defs.items()}
    doubtful = {ref for ref in refs if _mentions_integer(defs[ref.rsplit("/", 1)[1]])}
    grown = True
    while grown:  # a definition that refers to a doubtful one is doubtful too
        more = {ref for ref, targets in refs.items() if targets & doubtful}
        grown = not more <= doubtful
        doubtful |= more
    names: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, Mapping):
            if node.get("$ref") in doubtful:
                raise _ByNameUnknown
            extra = node.get("additionalProperties")
            if isinstance(extra, Mapping) and _mentions_integer(extra):
                raise _ByNameUnknown
            properties = node.get("properties")
            if isinstance(properties, Mapping):
                names.update(
                    n for n, sub in properties.items() if _mentions_integer(sub)
                )
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    try:
        walk(schema)
    except _ByNameUnknown:
        return None
    return frozenset(names)


@dataclass(frozen=True)
class _Compiled:
    check: Callable[[Any], Any]
    # Where 3.0 must go the full way (an integer to fastjsonschema, not to us):
    # these property names, or everywhere (None).
    integer_fields: frozenset[str] | None


def _compiled(schema: Mapping[str, Any]) -> _Compiled | None:
    cached = _COMPILED.get(id(schema))
    if cached is not None and cached[0] is schema:
        return cached[1]
    if len(_COMPILED) >= _MAX_VALIDATORS:
        _COMPILED.clear()
    compiled: _Compiled | None = None
    try:
        check = fastjsonschema.compile(
            _ecma_patterns(schema),
            formats=_FAST_FORMATS,
            use_default=False,  # never write defaults into the case data
        )
        compiled = _Compiled(check, _integer_fields(schema))
    except (fastjsonschema.JsonSchemaDefinitionException, re.error, ValueError):
        pass  # a schema it cannot compile: the full validator decides every time
    _COMPILED[id(schema)] = (schema, compiled)
    return compiled


def _lenient_numbers(
    value: Any, integers: frozenset[str] | None, key: str | None = None
) -> bool:
    """Whether `value` holds a float fastjsonschema judges more leniently: one
    with more than two decimals (it checks formats such as "bedrag" on strings
    only) or a whole float such as 3.0 where an integer may stand (`integers`:
    those property names, None for anywhere; `key`: the nearest property name)."""
    if isinstance(value, float):
        whole = value.is_integer() and (integers is None or key in integers)
        return whole or not is_bedrag(value)
    if isinstance(value, Mapping):
        return any(_lenient_numbers(v, integers, k) for k, v in value.items())
    if isinstance(value, list):
        return any(_lenient_numbers(v, integers, key) for v in value)
    return False


def fast_accepts(schema: Mapping[str, Any], case: Any) -> bool:
    """True only when `case` certainly passes `schema` (the compiled check said yes
    on data it judges exactly like the full validator); False means: ask that one."""
    compiled = _compiled(schema)
    if compiled is None or _lenient_numbers(case, compiled.integer_fields):
        return False
    try:
        compiled.check(case)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def schema_problems(schema: Mapping[str, Any], case: Any) -> list[Problem]:
    """Every problem of `case` against `schema`, in a stable order, without repeats."""
    validator = _validator(schema)
    seen: dict[tuple[str, str], Problem] = {}
    for error in validator.iter_errors(case):
        for problem in _problems(error):
            seen.setdefault((problem.path, problem.message), problem)
    return sorted(seen.values(), key=lambda p: (p.path, p.message))


# Dates of past facts that lie before the decision by their nature, by their
# dotted path: a field with this name means the same in every template that has
# it, so one list serves them all. A letter cannot be dated before the aanvraag
# it decides on (Awb 1:3 lid 3, 4:1), the report or view it weighs, the decision
# a bezwaar or aanmaning is about, or the conduct it judges (Awb 3:2, 3:46).
EARLIER_THAN_LETTER = (
    ("aanvraag.datum", "de datum van de aanvraag"),
    ("aanvraag.melding_datum", "de datum van de melding"),
    ("aanvraag.voorschot.datum", "de datum van het voorschot"),
    ("onderzoeksrapport.datum", "de datum van het onderzoeksrapport"),
    ("zienswijze.datum", "de datum van de zienswijze"),
    ("bezwaar.datum", "de datum van het bezwaar"),
    ("bezwaar.besluit_datum", "de datum van het besluit waartegen het bezwaar gaat"),
    ("vordering.besluit_datum", "de datum van het besluit over de schuld"),
    ("overtreding.overtredingsdatum", "de datum van de overtreding"),
    ("erfenis.overlijdensdatum", "de datum van het overlijden"),
    ("verhaal.uitspraak.datum", "de datum van de uitspraak"),
    # "Wij betalen sinds ...": the bijstand the verhaal rests on has begun.
    ("verhaal.bijstand_sinds", "de dag waarop de bijstand begon"),
    ("opschorting.gevraagd_op", "de dag waarop wij de papieren vroegen"),
    ("herstel.gevraagd_op", "de dag waarop wij de papieren vroegen"),
    (
        "kosten.betaling_aan.gevraagd_op",
        "de dag waarop u om betaling aan een ander vroeg",
    ),
)


def _at(case: Mapping[str, Any], path: str) -> object:
    value: object = case
    for part in path.split("."):
        if not isinstance(value, Mapping):
            return None
        value = value.get(part)
    return value


def _iso_date(value: object) -> date | None:
    if not isinstance(value, str) or not ISO_DATE.match(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def letter_date_problems(case: Any) -> list[Problem]:
    """The given letter date against the case's own dates (never against today)."""
    if not isinstance(case, Mapping) or not isinstance(case.get("zaak"), Mapping):
        return []
    letter = _iso_date(case["zaak"].get("briefdatum"))
    if letter is None:
        return []
    problems = []
    for path, name in EARLIER_THAN_LETTER:
        earlier = _iso_date(_at(case, path))
        if earlier is not None and letter < earlier:
            message = f"ligt voor {name} ({path}: {earlier.isoformat()})"
            problems.append(Problem("zaak.briefdatum", message, "date_order"))
    return problems


def validate_case(schema: Mapping[str, Any], case: Any) -> None:
    """Raise CaseDataError listing every problem; return quietly when all is well.

    Size limits come first and alone: past them, no schema check runs at all."""
    too_big = size_problems(case)
    if too_big:
        raise CaseDataError(tuple(too_big))
    problems = unsafe_characters(case)
    if not fast_accepts(schema, case):
        problems += schema_problems(schema, case)
    problems += letter_date_problems(case)
    if problems:
        raise CaseDataError(tuple(problems))
