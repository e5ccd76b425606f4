"""The OpenAPI 3.1 document, built from the same JSON Schemas the validation uses,
so the published contract cannot drift from what the API accepts."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from letterforge.case.validate import EMAIL, ISO_DATE, POSTCODE
from letterforge.library import Library, Template
from letterforge.web.batches import BATCH_SCHEMA, batch_paths
from letterforge.web.calculations import calculation_paths
from letterforge.web.callbacks import CALLBACK_SCHEMA, callback_paths
from letterforge.web.filing import FILING_SCHEMA, filing_paths
from letterforge.web.template_versions import template_version_paths

PAGE_MAX = 10**6
PER_PAGE_MAX = 100
PROBLEM = {"$ref": "#/components/schemas/Problem"}
PROBLEM_RESPONSE = {"content": {"application/problem+json": {"schema": PROBLEM}}}


def _rebase_refs(node: Any, prefix: str) -> Any:
    """Point "#/$defs/x" refs of an embedded schema at its place in the document."""
    if isinstance(node, dict):
        return {key: _rebase_value(key, value, prefix) for key, value in node.items()}
    if isinstance(node, list):
        return [_rebase_refs(v, prefix) for v in node]
    return node


def _rebase_value(key: str, value: Any, prefix: str) -> Any:
    if key == "$ref" and isinstance(value, str) and value.startswith("#/"):
        return prefix + value[1:]
    return _rebase_refs(value, prefix)


# Our own formats are assertions in the validation but only annotations to other
# JSON Schema tools; publish the part a pattern can say, from the same regexes.
# (Whether a date exists, and whole cents, stay checks that only the API makes.)
FORMAT_PATTERNS = {
    "datum": ISO_DATE.pattern,
    "postcode": POSTCODE.pattern,
    "email": EMAIL.pattern,
}


def _publish_formats(node: Any) -> Any:
    if isinstance(node, list):
        return [_publish_formats(v) for v in node]
    if not isinstance(node, dict):
        return node
    published = {key: _publish_formats(value) for key, value in node.items()}
    pattern = FORMAT_PATTERNS.get(str(node.get("format")))
    if pattern and node.get("type") == "string" and "pattern" not in node:
        published["pattern"] = pattern
    return published


def _case_schema(template: Template) -> dict[str, Any]:
    schema = copy.deepcopy(dict(template.schema))
    schema.pop("$schema", None)
    schema.pop("$id", None)
    name = f"case-{template.id}"
    rebased = _rebase_refs(schema, f"#/components/schemas/{name}")
    published: dict[str, Any] = _publish_formats(rebased)
    return published


def _request_schema(library: Library) -> dict[str, Any]:
    variants = [
        {
            "type": "object",
            "required": ["template", "case"],
            "additionalProperties": False,
            "properties": {
                "template": {"const": t.id},
                "case": {"$ref": f"#/components/schemas/case-{t.id}"},
                "format": {"enum": ["docx", "text", "pdf"], "default": "docx"},
            },
        }
        for t in library.templates()
    ]
    return {"oneOf": variants, "description": "Het REQUEST: sjabloon en zaakgegevens."}


def _schemas(library: Library) -> dict[str, Any]:
    schemas: dict[str, Any] = {
        f"case-{t.id}": _case_schema(t) for t in library.templates()
    }
    schemas["LetterRequest"] = _request_schema(library)
    schemas["Problem"] = {
        "type": "object",
        "required": ["type", "title", "status", "detail"],
        "properties": {
            "type": {"type": "string"},
            "title": {"type": "string"},
            "status": {"type": "integer"},
            "detail": {"type": "string"},
            "request_id": {"type": "string"},
            "errors": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["path", "message", "code"],
                    "properties": {
                        "path": {"type": "string"},
                        "message": {"type": "string"},
                        "code": {"type": "string"},
                    },
                },
            },
        },
    }
    schemas["Letter"] = {
        "type": "object",
        "properties": {
            "id": {"type": "string", "format": "uuid"},
            "status": {"enum": ["concept", "definitief", "afgekeurd"]},
            "events": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "at": {"type": "string", "format": "date-time"},
                        "kind": {"type": "string"},
                        "actor": {"type": "string"},
                        "reason": {"type": "string"},
                    },
                },
            },
            "created_at": {"type": "string", "format": "date-time"},
            "template": {
                "type": "object",
                "properties": {
                    "id": {"type": "string"},
                    "version": {"type": "string"},
                    "version_number": {"type": ["integer", "null"]},
                    "version_id": {"type": ["integer", "null"]},
                    "content_hash": {"type": ["string", "null"]},
                },
            },
            "zaak": {"type": "string"},
            "kenmerk": {"type": "string"},
            "filename": {"type": "string"},
            "readability": {"type": "object"},
            "links": {"type": "object"},
            "waarschuwingen": {
                "type": "array",
                "description": "Waarschuwingen over de zaak bij het maken van de"
                " brief, zoals een beslistermijn die voorbij is.",
                "items": {
                    "type": "object",
                    "properties": {
                        "veld": {"type": "string"},
                        "melding": {"type": "string"},
                    },
                },
            },
            "archivering": {"$ref": "#/components/schemas/Filing"},
            "ontvanger": {
                "type": ["string", "null"],
                "description": "De naam in het venster: aan wie dit document ging.",
            },
            "kopie_van": {
                "type": ["string", "null"],
                "format": "uuid",
                "description": "Bij een kopie: het id van de brief zelf.",
            },
            "kopieen": {
                "type": "array",
                "description": "De kopieën van deze brief, elk met een eigen id.",
                "items": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "string", "format": "uuid"},
                        "ontvanger": {"type": ["string", "null"]},
                        "created_at": {"type": "string", "format": "date-time"},
                        "status": {"enum": ["concept", "definitief", "afgekeurd"]},
                        "self": {"type": "string"},
                    },
                },
            },
        },
    }
    schemas["Filing"] = FILING_SCHEMA
    schemas["Batch"] = BATCH_SCHEMA
    schemas["Callback"] = CALLBACK_SCHEMA
    return schemas


def _errors(*statuses: int) -> dict[str, Any]:
    return {str(s): {"description": "Fout", **PROBLEM_RESPONSE} for s in statuses}


def _json(schema: Mapping[str, Any], description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": schema}},
    }


def _paths(per_page_max: int) -> dict[str, Any]:
    letter = {"$ref": "#/components/schemas/Letter"}
    docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    letter_id = [
        {
            "name": "letter_id",
            "in": "path",
            "required": True,
            "schema": {"type": "string", "format": "uuid"},
        }
    ]
    return {
        "/letters": {
            "post": {
                "summary": "Maak een brief",
                "security": [{"bearer": ["letters:write"]}],
                "parameters": [
                    {
                        "name": "Idempotency-Key",
                        "in": "header",
                        "schema": {"type": "string", "maxLength": 200},
                    }
                ],
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {"$ref": "#/components/schemas/LetterRequest"}
                        }
                    },
                },
                "responses": {
                    "201": {
                        "description": "De brief",
                        "content": {
                            docx: {"schema": {"type": "string", "format": "binary"}},
                            "application/json": {"schema": letter},
                        },
                    },
                    "202": _json(letter, "Een concept: wacht op controle (vier ogen)"),
                    **_errors(400, 401, 403, 404, 409, 413, 415, 422, 500),
                },
            },
            "get": {
                "summary": "Zoek brieven",
                "security": [{"bearer": ["letters:read"]}],
                "parameters": [
                    {"name": n, "in": "query", "schema": schema, "required": False}
                    for n, schema in (
                        ("zaak", {"type": "string"}),
                        ("template", {"type": "string"}),
                        ("status", {"enum": ["concept", "definitief", "afgekeurd"]}),
                        (
                            "page",
                            {"type": "integer", "minimum": 1, "maximum": PAGE_MAX},
                        ),
                        (
                            "per_page",
                            {"type": "integer", "minimum": 1, "maximum": per_page_max},
                        ),
                    )
                ],
                "responses": {
                    "200": _json({"type": "object"}, "Een pagina brieven"),
                    **_errors(400, 401, 403),
                },
            },
        },
        "/letters/{letter_id}": {
            "get": {
                "summary": "Gegevens van een brief",
                "parameters": letter_id,
                "security": [{"bearer": ["letters:read"]}],
                "responses": {
                    "200": _json(letter, "De brief"),
                    **_errors(401, 403, 404),
                },
            }
        },
        "/letters/{letter_id}/document": {
            "get": {
                "summary": "Het document van een brief",
                "parameters": letter_id,
                "security": [{"bearer": ["letters:read"]}],
                "responses": {
                    "200": {"description": "DOCX", "content": {docx: {}}},
                    **_errors(401, 403, 404, 409),
                },
            }
        },
        "/letters/{letter_id}/view": {
            "get": {
                "summary": "Het opgeslagen document als HTML, voor de controleur",
                "parameters": letter_id,
                "security": [{"bearer": ["letters:approve"]}],
                "responses": {
                    "200": {"description": "HTML", "content": {"text/html": {}}},
                    **_errors(401, 403, 404),
                },
            }
        },
        "/letters/{letter_id}/approve": {
            "post": {
                "summary": "Keur een concept goed (niet uw eigen brief)",
                "description": (
                    "Een brief krijgt de datum van de dag dat hij verstuurd "
                    "wordt (Awb 3:41 en 6:8). Heeft het concept een datum voor "
                    "vandaag, dan wordt het niet definitief: 409 met code "
                    "letter_date_outdated en een probleem bij zaak.briefdatum. "
                    "Maak de brief dan opnieuw met POST "
                    "/letters/{letter_id}/remake."
                ),
                "parameters": letter_id,
                "security": [{"bearer": ["letters:approve"]}],
                "responses": {
                    "200": _json(letter, "De brief, nu definitief"),
                    **_errors(401, 403, 404, 409),
                },
            }
        },
        "/letters/{letter_id}/remake": {
            "post": {
                "summary": "Maak een concept opnieuw met de datum van vandaag",
                "description": (
                    "Voor een concept waarvan de datum voorbij is. Maakt een "
                    "nieuw concept van het opgeslagen verzoek, met de datum van "
                    "vandaag; alle termijnen worden opnieuw berekend. Het oude "
                    "concept wordt afgekeurd met als reden 'vervangen door brief "
                    "...'. Het nieuwe concept wacht weer op controle door een "
                    "collega. 409 als de brief geen concept is of een kopie."
                ),
                "parameters": letter_id,
                "security": [{"bearer": ["letters:write"]}],
                "responses": {
                    "202": _json(letter, "Het nieuwe concept"),
                    **_errors(401, 403, 404, 409, 422),
                },
            }
        },
        "/letters/{letter_id}/reject": {
            "post": {
                "summary": "Keur een concept af, met een reden",
                "parameters": letter_id,
                "security": [{"bearer": ["letters:approve"]}],
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "required": ["reason"],
                                "properties": {
                                    "reason": {
                                        "type": "string",
                                        "minLength": 1,
                                        "maxLength": 2000,
                                    }
                                },
                            }
                        }
                    },
                },
                "responses": {
                    "200": _json(letter, "De brief, nu afgekeurd"),
                    **_errors(400, 401, 403, 404, 409, 413, 415, 422),
                },
            }
        },
        **filing_paths(_errors),
        **batch_paths(_errors),
        **template_version_paths(_errors),
        **callback_paths(_errors),
        "/templates": {
            "get": {
                "summary": "Alle sjablonen",
                "security": [{"bearer": []}],
                "responses": {
                    "200": _json({"type": "object"}, "Sjablonen"),
                    **_errors(401),
                },
            }
        },
        "/templates/{template_id}": {
            "get": {
                "summary": "Eén sjabloon met zijn schema en een voorbeeld",
                "parameters": [
                    {
                        "name": "template_id",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "string"},
                    }
                ],
                "security": [{"bearer": []}],
                "responses": {
                    "200": _json({"type": "object"}, "Sjabloon"),
                    **_errors(401, 404),
                },
            }
        },
        "/readability": {
            "post": {
                "summary": "Leesbaarheid van een tekst",
                "security": [{"bearer": ["readability"]}],
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "required": ["text"],
                                "properties": {"text": {"type": "string"}},
                            }
                        }
                    },
                },
                "responses": {
                    "200": _json({"type": "object"}, "Het rapport"),
                    **_errors(400, 401, 403, 413, 415, 422),
                },
            }
        },
        "/openapi.json": {
            "get": {
                "summary": "Dit document",
                "security": [],
                "responses": {"200": {"description": "OpenAPI"}},
            }
        },
    }


def openapi_document(
    library: Library, server_url: str, *, per_page_max: int = PER_PAGE_MAX
) -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "letterforge",
            "version": "1",
            "description": "Besluitbrieven in B1-Nederlands als DOCX.",
        },
        "servers": [{"url": server_url}],
        "paths": {
            **_paths(per_page_max),
            **calculation_paths(_errors(400, 401, 403, 404, 413, 415, 422)),
        },
        "components": {
            "schemas": _schemas(library),
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
        "security": [{"bearer": []}],
    }
