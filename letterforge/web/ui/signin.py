"""Signing in and out."""

from __future__ import annotations

from flask import redirect, render_template, request, session, url_for
from werkzeug.wrappers import Response

from letterforge.register.users import sign_in
from letterforge.web.state import state
from letterforge.web.ui import ui
from letterforge.web.ui.session import check_csrf, csrf_token


def _safe_next(target: str | None) -> str:
    # Only paths on this site: never send someone on to another site after sign-in.
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return url_for("ui.home")


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
    name = request.form.get("naam", "").strip().lower()
    with state().register.session() as db:
        user = sign_in(db, name, request.form.get("wachtwoord", ""))
        found = {"naam": user.name, "rol": user.role} if user else None
    if found is None:
        message = (
            "De naam of het wachtwoord klopt niet. Of u probeerde het te vaak:"
            " wacht dan 5 minuten."
        )
        return render_template(
            "aanmelden.html",
            csrf=csrf_token(),
            fout=message,
            volgende=request.form.get("volgende", ""),
        ), 401  # type: ignore[return-value]
    session.clear()
    session["user"] = found
    return redirect(_safe_next(request.form.get("volgende")))


@ui.post("/afmelden")
def signout() -> Response:
    check_csrf()
    session.clear()
    return redirect(url_for("ui.signin"))
