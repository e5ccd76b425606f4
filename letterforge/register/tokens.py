"""API clients and their bearer tokens: created once, shown once, stored hashed."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from letterforge.errors import Problem, RequestError
from letterforge.register.models import ApiClient

# letters:read reads the client's own letters; letters:read-all every client's;
# letters:approve approves or rejects concepts made by others (four eyes).
SCOPES = (
    "letters:write",
    "letters:read",
    "letters:read-all",
    "letters:approve",
    "readability",
    # Template versions (issue 17): drafts and submitting; approving others'.
    "templates:write",
    "templates:approve",
    # Reading versions (drafts included); write and approve include it.
    "templates:read",
)
TOKEN_PREFIX = "lf_"
# Letters made on the web pages are owned by "web": no API client may take that
# name, or it would read them all as its own.
RESERVED_NAMES = frozenset({"web"})
_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,99}$")


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _refuse(field: str, message: str) -> RequestError:
    return RequestError(message, (Problem(field, message, "invalid"),))


def create_client(session: Session, name: str, scopes: tuple[str, ...]) -> str:
    """Register a client and return its new token (the only time it is visible)."""
    if not _NAME.match(name):
        raise _refuse("naam", "gebruik 2 tot 100 kleine letters, cijfers, punt, - of _")
    if name in RESERVED_NAMES:
        raise _refuse("naam", f"de naam '{name}' is gereserveerd; kies een andere")
    unknown = sorted(set(scopes) - set(SCOPES))
    if unknown or not scopes:
        raise _refuse("scope", f"kies uit: {', '.join(SCOPES)}")
    if session.scalar(select(ApiClient).where(ApiClient.name == name)) is not None:
        raise _refuse("naam", f"er is al een client met de naam '{name}'")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    session.add(
        ApiClient(
            name=name,
            token_hash=_hash(token),
            scopes=" ".join(sorted(set(scopes))),
            created_at=datetime.now(UTC),
        )
    )
    return token


def revoke_client(session: Session, name: str) -> None:
    client = session.scalar(select(ApiClient).where(ApiClient.name == name))
    if client is None:
        raise _refuse("naam", f"er is geen client met de naam '{name}'")
    client.revoked_at = datetime.now(UTC)


def has_clients(session: Session) -> bool:
    return session.scalar(select(ApiClient.id).limit(1)) is not None


def authenticate(session: Session, token: str) -> ApiClient | None:
    """The active client for this token, or None."""
    if not token.startswith(TOKEN_PREFIX):
        return None
    digest = _hash(token)
    client = session.scalar(select(ApiClient).where(ApiClient.token_hash == digest))
    # The lookup is by hash, so its timing says nothing about the token; the
    # explicit comparison keeps that true if the lookup ever changes.
    if client is None or not hmac.compare_digest(client.token_hash, digest):
        return None
    return None if client.revoked_at is not None else client
