"""The API for template versions (issue 17), under /api/v1/templates/{id}/versions.

A thin edge over letterforge.control.templates: scopes templates:write (drafts,
submit, going back) and templates:approve (approve or reject, never one's own).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Any

from flask import Blueprint, Response, g, jsonify, request, url_for

from letterforge.control import templates as studio
from letterforge.errors import Problem
from letterforge.pipeline import load_library
from letterforge.register.models import TemplateVersion
from letterforge.web.auth import require_scope
from letterforge.web.problems import ApiProblem
from letterforge.web.state import state

template_versions_api = Blueprint(
    "template_versions_api", __name__, url_prefix="/api/v1"
)
JSON = "application/json"
# A version's files are a few KB each; the app's body limit (1 MB) bounds the rest.
NUMBER_MAX = 10**6


# Drafts, rejected texts, staff names and reasons are the communication team's
# work, not the case system's: reading versions needs a templates scope.
READ_SCOPES = frozenset({"templates:read", "templates:write", "templates:approve"})


def _may_read() -> None:
    if not READ_SCOPES & set(g.scopes):
        raise ApiProblem(403, "forbidden", "Dit token mag niet: templates:read.")


def _actor() -> str:
    return f"api:{g.client}"


def _body() -> dict[str, Any]:
    if request.mimetype != JSON:
        raise ApiProblem(
            415, "unsupported_media_type", "Stuur JSON (application/json)."
        )
    try:
        data = json.loads(request.get_data(cache=False))
    except (ValueError, RecursionError) as e:
        raise ApiProblem(
            400, "invalid_request", "Het verzoek is geen geldige JSON."
        ) from e
    if not isinstance(data, dict):
        raise ApiProblem(
            400, "invalid_request", "Het verzoek moet een JSON-object zijn."
        )
    return data


def _invalid(field: str, message: str) -> ApiProblem:
    return ApiProblem(
        422,
        "invalid_request",
        f"{field}: {message}",
        (Problem(field, message, "invalid"),),
    )


def _text(data: dict[str, Any], field: str) -> str:
    value = data.get(field)
    if not isinstance(value, str):
        raise _invalid(field, "geef een tekst")
    return value


def _date(data: dict[str, Any], field: str) -> date:
    value = data.get(field)
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise _invalid(field, "geef een datum als JJJJ-MM-DD")


def _files(data: dict[str, Any]) -> dict[str, str]:
    files = data.get("files")
    if not isinstance(files, dict) or not all(
        isinstance(v, str) for v in files.values()
    ):
        raise _invalid("files", "geef de bestanden als object: naam → tekst")
    return {str(k): v for k, v in files.items()}


def _template_id(template_id: str) -> str:
    return load_library(state().settings).get(template_id).id  # 404 when unknown


def _number(number: int) -> int:
    if not 1 <= number <= NUMBER_MAX:
        raise ApiProblem(404, "not_found", "Deze versie bestaat niet.")
    return number


def version_json(version: TemplateVersion) -> dict[str, Any]:
    """A stored version, without its texts (GET …/versions/{n} has them)."""
    return {
        "template": version.template_id,
        "number": version.number,
        "id": version.id,
        "status": version.status,
        "valid_from": version.valid_from.isoformat(),
        "author": version.author,
        "reason": version.reason,
        "reviewer": version.reviewer,
        "review_reason": version.review_reason,
        "content_hash": version.content_hash,
        "based_on": version.based_on,
        "links": {
            "self": url_for(
                "template_versions_api.version",
                template_id=version.template_id,
                number=version.number,
            )
        },
    }


def in_force_json(template_id: str) -> dict[str, Any]:
    """The version in force today (for GET /templates)."""
    app = state()
    found = studio.version_on(app.register, app.settings, template_id, app.today())
    return {
        "number": found.number,
        "id": found.id,
        "valid_from": found.valid_from.isoformat(),
        "content_hash": found.content_hash,
    }


@template_versions_api.get("/templates/<template_id>/versions")
@require_scope("")
def versions(template_id: str) -> Response:
    _may_read()
    app = state()
    entries = studio.history(app.register, app.settings, _template_id(template_id))
    return jsonify(
        {
            "template": template_id,
            "in_force": in_force_json(template_id),
            "versions": [e.as_json() for e in entries],
        }
    )


@template_versions_api.get("/templates/<template_id>/versions/<int:number>")
@require_scope("")
def version(template_id: str, number: int) -> Response:
    _may_read()
    app = state()
    files = studio.texts_of(
        app.register, app.settings, _template_id(template_id), _number(number)
    )
    return jsonify({"template": template_id, "number": number, "files": files})


@template_versions_api.post("/templates/<template_id>/versions")
@require_scope("templates:write")
def create_version(template_id: str) -> tuple[Response, int]:
    app = state()
    data = _body()
    created = studio.save_draft(
        app.register,
        app.settings,
        _template_id(template_id),
        _files(data),
        author=_actor(),
        reason=_text(data, "reason"),
        valid_from=_date(data, "valid_from"),
        today=app.today(),
    )
    return jsonify(version_json(created)), 201


def _step(
    template_id: str, number: int, act: Callable[[str, int], TemplateVersion]
) -> Response:
    return jsonify(version_json(act(_template_id(template_id), _number(number))))


@template_versions_api.post("/templates/<template_id>/versions/<int:number>/submit")
@require_scope("templates:write")
def submit(template_id: str, number: int) -> Response:
    app = state()
    return _step(
        template_id,
        number,
        lambda t, n: studio.submit(
            app.register, app.settings, t, n, actor=_actor(), today=app.today()
        ),
    )


@template_versions_api.post("/templates/<template_id>/versions/<int:number>/approve")
@require_scope("templates:approve")
def approve(template_id: str, number: int) -> Response:
    app = state()
    return _step(
        template_id,
        number,
        lambda t, n: studio.approve(
            app.register, t, n, reviewer=_actor(), today=app.today()
        ),
    )


@template_versions_api.post("/templates/<template_id>/versions/<int:number>/reject")
@require_scope("templates:approve")
def reject(template_id: str, number: int) -> Response:
    app = state()
    reason = _text(_body(), "reason")
    return _step(
        template_id,
        number,
        lambda t, n: studio.reject(
            app.register, t, n, reviewer=_actor(), reason=reason
        ),
    )


@template_versions_api.post("/templates/<template_id>/versions/<int:number>/revert")
@require_scope("templates:write")
def revert(template_id: str, number: int) -> tuple[Response, int]:
    app = state()
    data = _body()
    created = studio.revert(
        app.register,
        app.settings,
        _template_id(template_id),
        _number(number),
        author=_actor(),
        reason=_text(data, "reason"),
        valid_from=_date(data, "valid_from"),
        today=app.today(),
    )
    return jsonify(version_json(created)), 201


def template_version_paths(errors: Callable[..., dict[str, Any]]) -> dict[str, Any]:
    """The OpenAPI paths of this module (merged into web.openapi's document)."""
    name = {
        "name": "template_id",
        "in": "path",
        "required": True,
        "schema": {"type": "string"},
    }
    number = {
        "name": "number",
        "in": "path",
        "required": True,
        "schema": {"type": "integer", "minimum": 1, "maximum": NUMBER_MAX},
    }
    obj = {"type": "object"}

    def answer(code: str, what: str) -> dict[str, Any]:
        return {code: {"description": what, "content": {JSON: {"schema": obj}}}}

    def body(required: list[str], properties: dict[str, Any]) -> dict[str, Any]:
        schema = {"type": "object", "required": required, "properties": properties}
        return {"required": True, "content": {JSON: {"schema": schema}}}

    text = {"type": "string", "minLength": 1, "maxLength": 2000}
    day = {"type": "string", "format": "date"}
    files = {"type": "object", "additionalProperties": {"type": "string"}}
    post_errors = errors(400, 401, 403, 404, 409, 413, 415, 422)

    def step(
        summary: str, scope: str, body_: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        operation: dict[str, Any] = {
            "summary": summary,
            "parameters": [name, number],
            "security": [{"bearer": [scope]}],
            "responses": {**answer("200", "De versie"), **post_errors},
        }
        if body_:
            operation["requestBody"] = body_
        return {"post": operation}

    prefix = "/templates/{template_id}/versions"
    return {
        prefix: {
            "get": {
                "summary": "Alle versies van een sjabloon, met de versie die nu geldt",
                "parameters": [name],
                "security": [{"bearer": ["templates:read"]}],
                "responses": {**answer("200", "Versies"), **errors(401, 403, 404)},
            },
            "post": {
                "summary": "Bewaar een nieuwe versie als concept",
                "parameters": [name],
                "security": [{"bearer": ["templates:write"]}],
                "requestBody": body(
                    ["files", "reason", "valid_from"],
                    {"files": files, "reason": text, "valid_from": day},
                ),
                "responses": {**answer("201", "De nieuwe versie"), **post_errors},
            },
        },
        prefix + "/{number}": {
            "get": {
                "summary": "De teksten van één versie (1: de meegeleverde)",
                "parameters": [name, number],
                "security": [{"bearer": ["templates:read"]}],
                "responses": {
                    **answer("200", "De bestanden"),
                    **errors(401, 403, 404, 409),
                },
            }
        },
        prefix + "/{number}/submit": step("Dien een concept in", "templates:write"),
        prefix + "/{number}/approve": step(
            "Keur een ingediende versie goed (niet uw eigen)", "templates:approve"
        ),
        prefix + "/{number}/reject": step(
            "Keur een ingediende versie af, met een reden",
            "templates:approve",
            body(["reason"], {"reason": text}),
        ),
        prefix + "/{number}/revert": {
            "post": {
                "summary": "Terug naar deze tekst, als nieuwe versie",
                "parameters": [name, number],
                "security": [{"bearer": ["templates:write"]}],
                "requestBody": body(
                    ["reason", "valid_from"], {"reason": text, "valid_from": day}
                ),
                "responses": {**answer("201", "De nieuwe versie"), **post_errors},
            }
        },
    }
