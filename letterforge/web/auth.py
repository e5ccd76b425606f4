"""Bearer tokens with scopes for the API's machine clients."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

from flask import g, request

from letterforge.register.tokens import authenticate
from letterforge.web.problems import ApiProblem
from letterforge.web.state import state

P = ParamSpec("P")
R = TypeVar("R")
CHALLENGE = {"WWW-Authenticate": 'Bearer realm="letterforge"'}


def _bearer_token() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def require_scope(scope: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """401 without a valid token, 403 when the client lacks `scope` ("" = any)."""

    def decorate(view: Callable[P, R]) -> Callable[P, R]:
        @wraps(view)
        def guarded(*args: P.args, **kwargs: P.kwargs) -> R:
            token = _bearer_token()
            if token is None:
                raise ApiProblem(
                    401,
                    "unauthorized",
                    "Stuur een geldig token mee (Authorization: Bearer …).",
                    headers=CHALLENGE,
                )
            with state().register.session() as session:
                client = authenticate(session, token)
                scopes = client.scope_set() if client else frozenset()
                name = client.name if client else None
            if name is None:
                raise ApiProblem(
                    401,
                    "unauthorized",
                    "Dit token is onbekend of ingetrokken.",
                    headers=CHALLENGE,
                )
            g.client = name
            g.scopes = scopes
            if scope and scope not in scopes:
                raise ApiProblem(403, "forbidden", f"Dit token mag niet: {scope}.")
            return view(*args, **kwargs)

        return guarded

    return decorate


def may_see(client_name: str, status: str) -> bool:
    """Whether the calling API client may see a letter owned by `client_name` with
    `status`: its own letters; every letter with letters:read-all; concepts for
    approvers. Someone else's letter is answered as "not found"."""
    scopes = g.get("scopes", frozenset())
    return (
        client_name == g.client
        or "letters:read-all" in scopes
        or ("letters:approve" in scopes and status == "concept")
    )
