"""Who is signed in, and the CSRF token of every form.

CSRF is a small hand-written check rather than Flask-WTF: our forms are generated
from JSON Schemas, not WTForms classes, and all we need is one random token per
session compared in constant time on every POST.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Callable
from datetime import datetime
from functools import wraps
from typing import ParamSpec, TypeVar

from flask import abort, current_app, g, redirect, request, session, url_for
from werkzeug.wrappers import Response

from letterforge.register.users import session_version
from letterforge.web.state import state

P = ParamSpec("P")
R = TypeVar("R")


def csrf_token() -> str:
    token = session.get("csrf")
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        session["csrf"] = token
    return token


def check_csrf() -> None:
    sent = request.form.get("csrf", "")
    if not hmac.compare_digest(sent, session.get("csrf", "")) or not sent:
        abort(400, description="Het formulier is verlopen. Laad de pagina opnieuw.")


# A session's last use is written back at most this often (seconds), so that not
# every request sets a new cookie; the idle timeout is minutes, so this is enough.
_TOUCH_EVERY = 60


def start_session_clock(now: datetime) -> None:
    """At sign-in: when this session started and was last used (epoch seconds,
    in the signed cookie, so the browser cannot change them)."""
    session["begon"] = session["actief"] = int(now.timestamp())


def _session_is_fresh(now: float) -> bool:
    """Not idle longer than SESSION_IDLE_MINUTES, not older than SESSION_MAX_HOURS.

    Checked by the server on every request: a copied cookie stops working when
    either runs out, whatever the browser does with it."""
    started, used = session.get("begon"), session.get("actief")
    if not isinstance(started, int) or not isinstance(used, int):
        return False  # a cookie from before the timeouts existed: sign in again
    idle = float(current_app.config["SESSION_IDLE_MINUTES"]) * 60
    lifetime = float(current_app.config["SESSION_MAX_HOURS"]) * 3600
    if now - used > idle or now - started > lifetime:
        return False
    if now - used >= _TOUCH_EVERY:
        session["actief"] = int(now)
    return True


def current_user() -> dict[str, str] | None:
    """The signed-in user, checked once per request against the register: a
    cookie from before a sign-out (older session version) no longer counts, nor
    one that was idle too long or is too old (_session_is_fresh)."""
    user = session.get("user")
    if not isinstance(user, dict):
        return None
    if "user_checked" not in g:
        fresh = _session_is_fresh(state().now().timestamp())
        if fresh:
            with state().register.session() as db:
                version = session_version(db, str(user.get("naam", "")))
            fresh = version is not None and str(version) == user.get("v")
        g.user_checked = fresh
        if not g.user_checked:
            session.clear()
    return user if g.user_checked else None


def signed_in(view: Callable[P, R]) -> Callable[P, R | Response]:
    """Send people who are not signed in to the sign-in page; check CSRF on POST."""

    @wraps(view)
    def guarded(*args: P.args, **kwargs: P.kwargs) -> R | Response:
        if current_user() is None:
            return redirect(url_for("ui.signin", volgende=request.path))
        if request.method == "POST":
            check_csrf()
        return view(*args, **kwargs)

    return guarded


def requires_role(*roles: str) -> Callable[[Callable[P, R]], Callable[P, R | Response]]:
    """Only people with one of `roles` (beheer may do everything)."""

    def decorate(view: Callable[P, R]) -> Callable[P, R | Response]:
        @wraps(view)
        def guarded(*args: P.args, **kwargs: P.kwargs) -> R | Response:
            user = current_user()
            if user is None:
                return redirect(url_for("ui.signin", volgende=request.path))
            if user.get("rol") not in (*roles, "beheer"):
                abort(403, description="Deze pagina is niet voor uw rol.")
            if request.method == "POST":
                check_csrf()
            return view(*args, **kwargs)

        return guarded

    return decorate
