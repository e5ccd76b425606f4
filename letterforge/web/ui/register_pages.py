"""The register for people: the letters overview and the four-eyes check."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import abort, redirect, render_template, request, url_for
from markupsafe import Markup

from letterforge.errors import RequestError
from letterforge.pipeline import build_letter
from letterforge.register.models import LetterRecord
from letterforge.register.review import approve, waiting
from letterforge.register.store import get_letter, list_letters, stored_request
from letterforge.render import render_html
from letterforge.web.state import state
from letterforge.web.ui import ui
from letterforge.web.ui.session import (
    csrf_token,
    current_user,
    requires_role,
    signed_in,
)

PAGE_SIZE = 50


def _filters() -> dict[str, str]:
    keys = ("zaak", "sjabloon", "maker", "van", "tot")
    return {k: request.args.get(k, "").strip() for k in keys}


def _day(text: str) -> date | None:
    """A date filter as typed; one that is not a date filters nothing."""
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _records(db: Any, filters: dict[str, str]) -> list[LetterRecord]:
    found = list_letters(
        db,
        zaak=filters["zaak"],
        template=filters["sjabloon"],
        made_by=filters["maker"],
        date_from=_day(filters["van"]),
        date_to=_day(filters["tot"]),
        per_page=PAGE_SIZE,
    )
    return found.items


@ui.get("/brieven")
@signed_in
def letters_overview() -> str:
    filters = _filters()
    with state().register.session() as db:
        records = _records(db, filters)
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
    letter = build_letter(
        stored_request(record),
        state().settings,
        today=record.letter_date,
    )
    return Markup(render_html(letter))


@ui.get("/controle/<letter_id>")
@requires_role("controleur")
def review_letter(letter_id: str) -> str:
    with state().register.session() as db:
        record = get_letter(db, letter_id)
    if record is None:
        abort(404)
    return render_template(
        "controle_brief.html",
        record=record,
        preview=_preview(record),
        fout=None,
        user=current_user(),
        csrf=csrf_token(),
    )


@ui.post("/controle/<letter_id>")
@requires_role("controleur")
def review_approve(letter_id: str) -> Any:
    user = current_user() or {}
    with state().register.session() as db:
        record = get_letter(db, letter_id)
        if record is None:
            abort(404)
        try:
            approve(db, record, str(user.get("naam")), str(user.get("rol")))
        except RequestError as e:
            return render_template(
                "controle_brief.html",
                record=record,
                preview=_preview(record),
                fout=e.message,
                user=user,
                csrf=csrf_token(),
            ), 403
    return redirect(url_for("ui.letter_made", letter_id=letter_id))
