"""Errors: one mapping from an exception to a status, a code and Dutch words, shown
as application/problem+json (RFC 9457) to API clients and as a Dutch HTML page to
people. Never a trace, never case data in the log.

Which form a request gets depends on its path: /api/... and /healthz are for
programs, every other path is a page for people.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
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
    extensions: Mapping[str, Any] | None = None,
) -> Response:
    """A problem+json response; `extensions` are extra members (RFC 9457 §3.2)."""
    body: dict[str, Any] = {
        "type": PROBLEM_TYPE + code,
        "title": TITLES.get(status, "Fout"),
        "status": status,
        "detail": detail,
        **(extensions or {}),
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


INTERNAL = "Er ging iets mis bij ons. Probeer het later opnieuw."
# Dutch details for HTTP errors raised without words of our own (werkzeug's own
# descriptions are English).
HTTP_DETAILS = {
    404: "Dit adres bestaat niet.",
    405: "Deze methode kan hier niet.",
    413: "Het verzoek is groter dan toegestaan.",
}


@dataclass(frozen=True)
class Failure:
    """What went wrong, in the words both forms show."""

    status: int
    code: str
    detail: str
    problems: tuple[Problem, ...] = ()
    headers: Mapping[str, str] = field(default_factory=dict)


def _from_api_problem(error: ApiProblem) -> Failure:
    return Failure(
        error.status, error.code, error.detail, error.problems, error.headers
    )


def _from_core(error: LetterforgeError) -> Failure:
    if error.http_status >= 500:
        log_server_error(error)  # the place in the code, never case data
        return Failure(500, "internal", INTERNAL)
    return Failure(error.http_status, error.code, error.message, error.problems)


def _from_http(error: HTTPException) -> Failure:
    status = error.code or 500
    own_words = error.description != type(error).description
    detail = (
        str(error.description)
        if own_words and error.description
        else HTTP_DETAILS.get(status, TITLES.get(status, "Fout"))
    )
    # Keep werkzeug's own headers, such as Allow on a 405 (RFC 9110 requires it).
    headers = {
        name: value
        for name, value in error.get_headers()
        if name.lower() != "content-type"
    }
    return Failure(status, f"http_{status}", detail, headers=headers)


def _unexpected(error: Exception) -> Failure:
    log_server_error(error)  # type and place in the code: messages hold case data
    return Failure(500, "internal", INTERNAL)


def for_programs() -> bool:
    """Whether this request gets problem+json (API, health check) or a page."""
    return request.path.startswith("/api/") or request.path == "/healthz"


def _page(failure: Failure) -> Response:
    """People get a page, not JSON: the same Dutch words, in the site's layout."""
    from flask import render_template

    body = render_template(
        "fout.html",
        title=TITLES.get(failure.status, "Fout"),
        detail=failure.detail,
        problems=failure.problems,
        user=None,
        csrf="",
    )
    response = Response(body, status=failure.status, mimetype="text/html")
    response.headers.update(failure.headers)
    return response


def respond(failure: Failure) -> Response:
    """The failure in the form this request's reader understands."""
    if for_programs():
        return problem_response(
            failure.status,
            failure.code,
            failure.detail,
            failure.problems,
            dict(failure.headers),
        )
    return _page(failure)


def register_error_handlers(app: Flask) -> None:
    mappings: tuple[tuple[type[Exception], Any], ...] = (
        (ApiProblem, _from_api_problem),
        (LetterforgeError, _from_core),
        (HTTPException, _from_http),
        (Exception, _unexpected),
    )
    for kind, describe in mappings:
        app.register_error_handler(
            kind, lambda e, describe=describe: respond(describe(e))
        )
