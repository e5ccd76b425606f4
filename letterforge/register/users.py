"""People who sign in: roles, hashed passwords and a lock after failed attempts."""

from __future__ import annotations

import re
import secrets
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from letterforge.errors import Problem, RequestError
from letterforge.register.models import SignInFailure, User

ROLES = ("medewerker", "controleur", "communicatie", "beheer")
MIN_PASSWORD = 12
_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,99}$")
# Checked against when the name is unknown, so both cases take equally long.
_DUMMY_HASH = generate_password_hash("letterforge-geen-gebruiker")


def _refuse(field: str, message: str) -> RequestError:
    return RequestError(message, (Problem(field, message, "invalid"),))


def new_password() -> str:
    return secrets.token_urlsafe(12)


def create_user(session: Session, name: str, role: str, password: str) -> User:
    if not _NAME.match(name):
        raise _refuse("naam", "gebruik 2 tot 100 kleine letters, cijfers, punt, - of _")
    if role not in ROLES:
        raise _refuse("rol", f"kies uit: {', '.join(ROLES)}")
    if len(password) < MIN_PASSWORD:
        raise _refuse("wachtwoord", f"gebruik minstens {MIN_PASSWORD} tekens")
    if session.scalar(select(User).where(User.name == name)) is not None:
        raise _refuse("naam", f"er is al een gebruiker '{name}'")
    # werkzeug's default is scrypt: slow on purpose, salted.
    user = User(
        name=name,
        role=role,
        password_hash=generate_password_hash(password),
        created_at=datetime.now(UTC),
        failed_logins=0,
    )
    session.add(user)
    return user


def has_users(session: Session) -> bool:
    return session.scalar(select(User.id).limit(1)) is not None


def sign_in(session: Session, name: str, password: str) -> User | None:
    """The user when name and password match.

    Known and unknown names take the same path: one password hash check each
    (a dummy hash for unknown names). Accounts are never locked: throttling is
    per address and per address+name (too_many_failures), so nobody can lock
    an account for its owner."""
    user = session.scalar(select(User).where(User.name == name))
    stored = user.password_hash if user is not None else _DUMMY_HASH
    matches = check_password_hash(stored, password)
    if user is None or not matches:
        return None
    return user


def session_version(session: Session, name: str) -> int | None:
    """The user's current session version, None for an unknown user."""
    return session.scalar(select(User.session_version).where(User.name == name))


def end_sessions(session: Session, name: str) -> None:
    """Sign-out: every session cookie of this user made so far stops counting."""
    user = session.scalar(select(User).where(User.name == name))
    if user is not None:
        user.session_version += 1


# Failed sign-ins in the window: per address (any names; high, so people behind
# one proxy are not stopped by one guesser) and per address+name (low).
SOURCE_MAX_FAILED = 100
PAIR_MAX_FAILED = 5
SOURCE_WINDOW = timedelta(minutes=10)


def _failures(session: Session, key: str, since: datetime) -> int:
    count = session.scalar(
        select(func.count())
        .select_from(SignInFailure)
        .where(SignInFailure.source == key, SignInFailure.at >= since)
    )
    return count or 0


def too_many_failures(
    session: Session,
    source: str,
    pair: str | None = None,
    source_max: int = SOURCE_MAX_FAILED,
) -> bool:
    """source: keyed hash of the address; pair: of address and name."""
    since = datetime.now(UTC) - SOURCE_WINDOW
    if _failures(session, source, since) >= source_max:
        return True
    return pair is not None and _failures(session, pair, since) >= PAIR_MAX_FAILED


def record_failure(session: Session, source: str) -> None:
    now = datetime.now(UTC)
    session.add(SignInFailure(source=source, at=now))
    # Old failures say nothing any more; keep the table small.
    session.execute(
        delete(SignInFailure).where(SignInFailure.at < now - SOURCE_WINDOW * 6)
    )
