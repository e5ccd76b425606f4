"""`POST /api/v1/calculations/<name>`: the named calculations over HTTP.

A thin edge over letterforge.compose.calc.contract: the same input and output as
`letterforge calc NAME --json`. Registered on the API blueprint in web/api.py.
"""

from __future__ import annotations

import json
from typing import Any

from flask import Response, request

from letterforge.compose.calc.contract import CALCULATIONS, Calculation, calculate
from letterforge.compose.norms import load_table
from letterforge.errors import CalculationInputError, UnknownCalculation
from letterforge.web.auth import require_scope
from letterforge.web.problems import ApiProblem, problem_response
from letterforge.web.state import state

SCOPE = "letters:write"


@require_scope(SCOPE)
def calculation(name: str) -> Response:
    if request.mimetype != "application/json":
        raise ApiProblem(
            415, "unsupported_media_type", "Stuur JSON (application/json)."
        )
    try:
        data = json.loads(request.get_data(cache=False))
    except (ValueError, RecursionError) as e:
        raise ApiProblem(
            400, "invalid_request", "Het verzoek is geen geldige JSON."
        ) from e
    table = load_table(state().settings.template_dir)
    try:
        result = calculate(table, name, data)
    except UnknownCalculation as e:
        return _problem(e, {"berekeningen": _calculations()})
    except CalculationInputError as e:
        return _problem(e, {"velden": _fields(CALCULATIONS[name])})
    return Response(
        json.dumps(result, ensure_ascii=False),
        status=200,
        mimetype="application/json",
    )


def _fields(calculation: Calculation) -> list[dict[str, Any]]:
    """The fields a caseworker can fill in, for a problem response: the same
    words as `letterforge calc NAAM --help`."""
    return [
        {
            "naam": f.name,
            "omschrijving": f.description,
            "eenheid": f.unit,
            "verplicht": f.required,
        }
        for f in calculation.fields
    ]


def _calculations() -> list[dict[str, str]]:
    return [
        {"naam": c.name, "omschrijving": c.summary, "bron": c.bron}
        for c in CALCULATIONS.values()
    ]


def _problem(
    error: CalculationInputError | UnknownCalculation, extensions: dict[str, Any]
) -> Response:
    """The usual problem+json, plus what the caller may choose from (RFC 9457
    extension members), so a client need not guess field or calculator names."""
    return problem_response(
        error.http_status,
        error.code,
        error.message,
        error.problems,
        extensions=extensions,
    )


def _problem_with(member: str, item: dict[str, Any]) -> dict[str, Any]:
    """A problem response documented with its extension member `member`."""
    return {
        "description": "Fout",
        "content": {
            "application/problem+json": {
                "schema": {
                    "allOf": [
                        {"$ref": "#/components/schemas/Problem"},
                        {
                            "type": "object",
                            "properties": {member: {"type": "array", "items": item}},
                        },
                    ]
                }
            }
        },
    }


_FIELD_ITEM = {
    "type": "object",
    "required": ["naam", "omschrijving", "eenheid", "verplicht"],
    "properties": {
        "naam": {"type": "string"},
        "omschrijving": {"type": "string"},
        "eenheid": {"type": "string"},
        "verplicht": {"type": "boolean"},
    },
}
_CALCULATION_ITEM = {
    "type": "object",
    "required": ["naam", "omschrijving", "bron"],
    "properties": {
        "naam": {"type": "string"},
        "omschrijving": {"type": "string"},
        "bron": {"type": "string"},
    },
}


def _step_schema() -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["omschrijving"],
        "properties": {
            "omschrijving": {"type": "string"},
            "bedrag": {"type": "string", "pattern": "^-?[0-9]+\\.[0-9]{2}$"},
            "bron": {"type": "string"},
        },
    }


def calculation_paths(errors: dict[str, Any]) -> dict[str, Any]:
    """The OpenAPI paths of every calculation (added to web/openapi.py)."""
    paths: dict[str, Any] = {}
    for name, calc in CALCULATIONS.items():
        paths[f"/calculations/{name}"] = {
            "post": {
                "summary": calc.summary,
                "description": (
                    f"Bron: {calc.bron}. "
                    "Bedragen gaan erin als tekst of getal en komen eruit als tekst "
                    'met twee decimalen en een punt ("867.59"); datums in ISO. '
                    "Hetzelfde als `letterforge calc " + name + " --json '{…}'`. "
                    "Bij foute invoer (422) staat in `velden` elk veld met "
                    "omschrijving, eenheid en of het verplicht is."
                ),
                "security": [{"bearer": [SCOPE]}],
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": calc.input_schema}},
                },
                "responses": {
                    "200": {
                        "description": "De uitkomst, met de stappen van de berekening",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "required": ["stappen", "waarschuwingen"],
                                    "properties": {
                                        "stappen": {
                                            "type": "array",
                                            "items": _step_schema(),
                                        },
                                        "waarschuwingen": {
                                            "type": "array",
                                            "items": {"type": "string"},
                                        },
                                    },
                                }
                            }
                        },
                    },
                    **errors,
                    "404": _problem_with("berekeningen", _CALCULATION_ITEM),
                    "422": _problem_with("velden", _FIELD_ITEM),
                },
            }
        }
    return paths
