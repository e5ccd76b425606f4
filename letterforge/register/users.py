"""People who sign in: roles, hashed passwords and a lock after failed attempts."""

from __future__ import annotations

import re
import secrets
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from letterforge.errors import Problem, RequestError
from letterforge.register.models import User

ROLES = ("medewerker", "controleur", "communicatie", "beheer")
MAX_FAILED = 5
LOCK_MINUTES = 5
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


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def sign_in(session: Session, name: str, password: str) -> User | None:
    """The user when name and password match and the account is not locked."""
    user = session.scalar(select(User).where(User.name == name))
    now = datetime.now(UTC)
    if user is None:
        check_password_hash(_DUMMY_HASH, password)
        return None
    if user.locked_until is not None and _aware(user.locked_until) > now:
        return None
    if not check_password_hash(user.password_hash, password):
        user.failed_logins += 1
        if user.failed_logins >= MAX_FAILED:
            user.locked_until = now + timedelta(minutes=LOCK_MINUTES)
            user.failed_logins = 0
        return None
    user.failed_logins = 0
    user.locked_until = None
    return user
