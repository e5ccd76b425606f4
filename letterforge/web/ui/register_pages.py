"""The register for people: the letters overview and the four-eyes check."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import abort, redirect, render_template, request, url_for
from markupsafe import Markup
from sqlalchemy import select

from letterforge import control
from letterforge.errors import ReviewRefused
from letterforge.register.models import LetterRecord
from letterforge.register.review import waiting
from letterforge.register.store import get_letter
from letterforge.web.state import state
from letterforge.web.ui import ui
from letterforge.web.ui.session import (
    csrf_token,
    current_user,
    requires_role,
)

PAGE_SIZE = 50


def _filters() -> dict[str, str]:
    keys = ("zaak", "sjabloon", "maker", "van", "tot")
    return {k: request.args.get(k, "").strip() for k in keys}


def _query(filters: dict[str, str]) -> Any:
    query = select(LetterRecord).order_by(LetterRecord.created_at.desc())
    if filters["zaak"]:
        query = query.where(LetterRecord.zaak == filters["zaak"])
    if filters["sjabloon"]:
        query = query.where(LetterRecord.template_id == filters["sjabloon"])
    if filters["maker"]:
        query = query.where(LetterRecord.made_by == filters["maker"])
    for key, compare in (("van", "__ge__"), ("tot", "__le__")):
        if filters[key]:
            try:
                day = date.fromisoformat(filters[key]).isoformat()
            except ValueError:
                continue
            query = query.where(getattr(LetterRecord.letter_date, compare)(day))
    return query.limit(PAGE_SIZE)


@ui.get("/brieven")
@requires_role("medewerker", "controleur")
def letters_overview() -> str:
    filters = _filters()
    with state().register.session() as db:
        records = list(db.scalars(_query(filters)))
    return render_template(
        "brieven.html",
        records=records,
        filters=filters,
        user=current_user(),
        csrf=csrf_token(),
    )


@ui.get("/controle")
@requires_role("controleur")
def review_list() -> str:
    with state().register.session() as db:
        records = waiting(db)
    return render_template(
        "controle.html", records=records, user=current_user(), csrf=csrf_token()
    )


def _preview(record: LetterRecord) -> Markup:
    """The stored document itself, never a new render: the reviewer approves
    exactly what is sent, even when a template changed since."""
    return control.stored_html(record.content, record.media_type)


def _review_page(record: LetterRecord, fout: str | None, status: int = 200) -> Any:
    return render_template(
        "controle_brief.html",
        record=record,
        preview=_preview(record),
        fout=fout,
        user=current_user(),
        csrf=csrf_token(),
    ), status


@ui.get("/controle/<letter_id>")
@requires_role("controleur")
def review_letter(letter_id: str) -> Any:
    with state().register.session() as db:
        record = get_letter(db, letter_id)
        _ = record.content if record else None  # even if the column is deferred
    if record is None:
        abort(404)
    return _review_page(record, None)


@ui.post("/controle/<letter_id>")
@requires_role("controleur")
def review_approve(letter_id: str) -> Any:
    """Approve (actie=goedkeuren, the default) or reject (actie=afkeuren, reden)."""
    user = current_user() or {}
    reviewer = str(user.get("naam"))
    try:
        if request.form.get("actie") == "afkeuren":
            control.reject(
                state().register, letter_id, reviewer, request.form.get("reden", "")
            )
        else:
            control.approve(state().register, letter_id, reviewer)
    except ReviewRefused as e:
        with state().register.session() as db:
            record = get_letter(db, letter_id)
            _ = record.content if record else None
        if record is None:
            abort(404)
        return _review_page(record, e.message, e.http_status)
    return redirect(url_for("ui.letter_made", letter_id=letter_id))
