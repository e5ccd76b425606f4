"""Signing in and out."""

from __future__ import annotations

import hashlib
import hmac
import math
from datetime import timedelta
from urllib.parse import unquote, urlsplit

from flask import (
    current_app,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from werkzeug.exceptions import TooManyRequests
from werkzeug.wrappers import Response

from letterforge.register.users import (
    end_sessions,
    record_failure,
    sign_in,
    sign_in_wait,
)
from letterforge.web.state import state
from letterforge.web.ui import ui
from letterforge.web.ui.session import check_csrf, csrf_token, start_session_clock


def _keyed(*parts: str) -> str:
    """A keyed hash: enough to count, not to identify."""
    key = str(current_app.config["SECRET_KEY"]).encode()
    joined = "\x00".join(parts).encode()
    return hmac.new(key, joined, hashlib.sha256).hexdigest()


def _source() -> str:
    return _keyed(request.remote_addr or "?")


def _safe_next(target: str | None) -> str:
    """Only paths on this site: never send someone on to another site after
    sign-in. Browsers drop tabs and line breaks and read '\\' as '/', so
    '/%09/evil.example' or '/\\evil.example' would leave the site: any control
    character or backslash, or anything with a scheme or host, goes home."""
    home = url_for("ui.home")
    if not target:
        return home
    # Checked raw and percent-decoded: '/%09/evil.example' is '/\t/evil.example'.
    for form in (target, unquote(target)):
        if not form.startswith("/") or form.startswith("//"):
            return home
        if "\\" in form or any(ord(c) < 0x20 or ord(c) == 0x7F for c in form):
            return home
        parts = urlsplit(form)
        if parts.scheme or parts.netloc:
            return home
    return target


def _wait_message(wait: timedelta) -> str:
    minutes = max(1, math.ceil(wait.total_seconds() / 60))
    unit = "minuut" if minutes == 1 else "minuten"
    return (
        "Te veel mislukte pogingen met deze naam."
        f" Probeer het over {minutes} {unit} opnieuw."
    )


@ui.get("/aanmelden")
def signin() -> str:
    return render_template(
        "aanmelden.html",
        csrf=csrf_token(),
        fout=None,
        volgende=request.args.get("volgende", ""),
    )


@ui.post("/aanmelden")
def signin_post() -> str | Response:
    check_csrf()
    name = request.form.get("naam", "").strip().lower()[:100]
    source = _source()
    # Failures slow down further tries for this address+name, and, when one
    # address fails very often, for every name that failed from it. A correct
    # password never counts, so nobody locks out a colleague (users.py).
    pair = _keyed(request.remote_addr or "?", name)
    now = state().now()
    with state().register.session() as db:
        limit = int(current_app.config["SIGN_IN_ADDRESS_LIMIT"])
        wait = sign_in_wait(db, source, pair, now, source_max=limit)
        if wait is not None:
            raise TooManyRequests(
                description=_wait_message(wait),
                retry_after=math.ceil(wait.total_seconds()),
            )
        user = sign_in(db, name, request.form.get("wachtwoord", ""))
        found = (
            {"naam": user.name, "rol": user.role, "v": str(user.session_version)}
            if user
            else None
        )
        if found is None:
            record_failure(db, source, now)
            record_failure(db, pair, now)
    if found is None:
        message = "De naam of het wachtwoord klopt niet. Probeer het opnieuw."
        return render_template(
            "aanmelden.html",
            csrf=csrf_token(),
            fout=message,
            volgende=request.form.get("volgende", ""),
        ), 401  # type: ignore[return-value]
    session.clear()
    session["user"] = found
    start_session_clock(now)
    return redirect(_safe_next(request.form.get("volgende")))


@ui.post("/afmelden")
def signout() -> Response:
    check_csrf()
    user = session.get("user")
    if isinstance(user, dict) and user.get("naam"):
        # Ends this session everywhere: a copy of the cookie no longer works.
        with state().register.session() as db:
            end_sessions(db, str(user["naam"]))
    session.clear()
    return redirect(url_for("ui.signin"))
