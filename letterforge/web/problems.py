"""Errors as application/problem+json (RFC 9457), never an HTML page or a trace."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from flask import Flask, Response, g, json, request
from werkzeug.exceptions import HTTPException

from letterforge.errors import LetterforgeError, Problem
from letterforge.web.logs import log_server_error

PROBLEM_TYPE = "https://letterforge.example/problemen/"
log = logging.getLogger("letterforge.web")

# Dutch titles for the HTTP errors the API can give.
TITLES = {
    400: "Het verzoek klopt niet",
    401: "U bent niet aangemeld",
    403: "U mag dit niet doen",
    404: "Niet gevonden",
    405: "Deze methode kan hier niet",
    409: "Dit botst met een eerder verzoek",
    413: "Het verzoek is te groot",
    415: "Stuur JSON",
    429: "Te veel pogingen",
    422: "De gegevens kloppen niet",
    500: "Er ging iets mis bij ons",
    503: "De dienst is nu niet beschikbaar",
}


class ApiProblem(Exception):
    """An API error with a status, a code and optional field errors."""

    def __init__(
        self,
        status: int,
        code: str,
        detail: str,
        problems: Sequence[Problem] = (),
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status, self.code, self.detail = status, code, detail
        self.problems = tuple(problems)
        self.headers = headers or {}


def problem_response(
    status: int,
    code: str,
    detail: str,
    problems: Sequence[Problem] = (),
    headers: dict[str, str] | None = None,
) -> Response:
    body: dict[str, Any] = {
        "type": PROBLEM_TYPE + code,
        "title": TITLES.get(status, "Fout"),
        "status": status,
        "detail": detail,
    }
    if problems:
        body["errors"] = [
            {"path": p.path, "message": p.message, "code": p.code} for p in problems
        ]
    request_id = getattr(g, "request_id", None)
    if request_id:
        body["request_id"] = request_id
    response = Response(
        json.dumps(body, ensure_ascii=False),
        status=status,
        mimetype="application/problem+json",
    )
    response.headers.update(headers or {})
    return response


def _from_core(error: LetterforgeError) -> Response:
    if error.http_status >= 500:
        log_server_error(error)  # the place in the code, never case data
        return problem_response(
            500, "internal", "Er ging iets mis bij ons. Probeer het later opnieuw."
        )
    return problem_response(
        error.http_status, error.code, error.message, error.problems
    )


def _page(status: int, detail: str) -> Response:
    """People get a page, not JSON: the same Dutch words, in the site's layout."""
    from flask import render_template

    body = render_template(
        "fout.html", title=TITLES.get(status, "Fout"), detail=detail, user=None, csrf=""
    )
    return Response(body, status=status, mimetype="text/html")


def _from_http(error: HTTPException) -> Response:
    status = error.code or 500
    if not request.path.startswith("/api/"):
        return _page(status, error.description or TITLES.get(status, "Fout"))
    detail = {
        404: "Dit adres bestaat niet.",
        405: "Deze methode kan hier niet.",
        413: "Het verzoek is groter dan toegestaan.",
    }.get(status, TITLES.get(status, "Fout"))
    # Keep werkzeug's own headers, such as Allow on a 405 (RFC 9110 requires it).
    headers = {
        name: value
        for name, value in error.get_headers()
        if name.lower() != "content-type"
    }
    return problem_response(status, f"http_{status}", detail, headers=headers)


def _unexpected(error: Exception) -> Response:
    log_server_error(error)  # type and place in the code: messages hold case data
    if not request.path.startswith("/api/") and request.path != "/healthz":
        return _page(500, "Er ging iets mis bij ons. Probeer het later opnieuw.")
    return problem_response(
        500, "internal", "Er ging iets mis bij ons. Probeer het later opnieuw."
    )


def register_error_handlers(app: Flask) -> None:
    app.register_error_handler(
        ApiProblem,
        lambda e: problem_response(e.status, e.code, e.detail, e.problems, e.headers),
    )
    app.register_error_handler(LetterforgeError, _from_core)
    app.register_error_handler(HTTPException, _from_http)
    app.register_error_handler(Exception, _unexpected)
