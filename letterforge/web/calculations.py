"""`POST /api/v1/calculations/<name>`: the named calculations over HTTP.

A thin edge over letterforge.compose.calc.contract: the same input and output as
`letterforge calc NAME --json`. Registered on the API blueprint in web/api.py.
"""

from __future__ import annotations

import json
from typing import Any

from flask import Response, request

from letterforge.compose.calc.contract import CALCULATIONS, calculate
from letterforge.compose.norms import load_table
from letterforge.web.auth import require_scope
from letterforge.web.problems import ApiProblem
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
    result = calculate(load_table(state().settings.template_dir), name, data)
    return Response(
        json.dumps(result, ensure_ascii=False),
        status=200,
        mimetype="application/json",
    )


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
                    "Bedragen gaan erin als tekst of getal en komen eruit als tekst "
                    'met twee decimalen en een punt ("867.59"); datums in ISO. '
                    "Hetzelfde als `letterforge calc " + name + " --json '{…}'`."
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
                },
            }
        }
    return paths
