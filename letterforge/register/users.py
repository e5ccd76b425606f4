"""People who sign in: roles, hashed passwords and a growing wait after failures."""

from __future__ import annotations

import re
import secrets
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from letterforge.errors import Problem, RequestError
from letterforge.register.models import SignInFailure, User

ROLES = ("medewerker", "controleur", "communicatie", "beheer", "jurist")
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
    (a dummy hash for unknown names). Accounts are never locked: failures
    only slow further tries for that address+name (sign_in_wait)."""
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


# Failed sign-ins slow guessing down; they never lock anybody out for long.
# Per address+name: the first PAIR_FREE_FAILURES are free, then each further
# failure doubles the wait (FIRST_WAIT, 2×, 4×, ... up to MAX_WAIT), counted from
# the last failure. A correct password never counts, and during a wait nothing
# is counted, so a guesser cannot push the wait past MAX_WAIT.
# Per address (any names; people behind one proxy or office NAT share it): above
# SOURCE_MAX_FAILED failures the same growing wait applies, but only to names
# that have already failed from that address. A colleague who types the right
# password is not held up by someone else's guessing.
PAIR_FREE_FAILURES = 5
SOURCE_MAX_FAILED = 100
FIRST_WAIT = timedelta(seconds=30)
MAX_WAIT = timedelta(minutes=15)
# Failures older than this say nothing any more.
FAILURE_MEMORY = timedelta(hours=1)


def _failures(
    session: Session, key: str, since: datetime
) -> tuple[int, datetime | None]:
    """How many failures under `key` since `since`, and the latest."""
    count, latest = session.execute(
        select(func.count(), func.max(SignInFailure.at)).where(
            SignInFailure.source == key, SignInFailure.at >= since
        )
    ).one()
    if latest is not None and latest.tzinfo is None:
        latest = latest.replace(tzinfo=UTC)  # SQLite keeps no time zone
    return count or 0, latest


def _wait(over: int, latest: datetime, now: datetime) -> timedelta | None:
    """The time left after `over` failures beyond the free ones (None: go on)."""
    wait = min(FIRST_WAIT * 2 ** min(over - 1, 20), MAX_WAIT)
    left = latest + wait - now
    return left if left > timedelta(0) else None


def sign_in_wait(
    session: Session,
    source: str,
    pair: str,
    now: datetime,
    source_max: int = SOURCE_MAX_FAILED,
) -> timedelta | None:
    """How long this address+name must wait before its next try (None: now).

    source: keyed hash of the address; pair: of address and name; now: aware
    UTC. Used before the password is checked, the same for known and unknown
    names."""
    since = now - FAILURE_MEMORY
    pair_count, pair_latest = _failures(session, pair, since)
    if pair_count == 0 or pair_latest is None:
        return None  # this name never failed from here: nothing to slow down
    waits = []
    if pair_count > PAIR_FREE_FAILURES:
        waits.append(_wait(pair_count - PAIR_FREE_FAILURES, pair_latest, now))
    source_count, _ = _failures(session, source, since)
    if source_count > source_max:
        # From this name's own last failure: others' guessing cannot keep it out.
        waits.append(_wait(source_count - source_max, pair_latest, now))
    found = [w for w in waits if w is not None]
    return max(found) if found else None


def record_failure(session: Session, source: str, now: datetime) -> None:
    """One failed sign-in under `source` (a keyed hash), at `now` (aware UTC)."""
    session.add(SignInFailure(source=source, at=now))
    # Old failures say nothing any more; keep the table small.
    session.execute(
        delete(SignInFailure).where(SignInFailure.at < now - FAILURE_MEMORY)
    )
