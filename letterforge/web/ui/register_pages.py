"""The register for people: the letters overview and the four-eyes check."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import abort, redirect, render_template, request, url_for
from markupsafe import Markup

from letterforge import control
from letterforge.errors import LetterDateOutdated, LetterforgeError, ReviewRefused
from letterforge.register.models import LetterRecord
from letterforge.register.review import waiting
from letterforge.register.store import get_document, list_letters
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
@requires_role("medewerker", "controleur")
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
    """The stored document itself, never a new render: the reviewer approves
    exactly what is sent, even when a template changed since."""
    return control.stored_html(record.content, record.media_type)


def _review_page(
    record: LetterRecord,
    fout: str | None,
    status: int = 200,
    *,
    date_outdated: bool = False,
) -> Any:
    return render_template(
        "controle_brief.html",
        record=record,
        preview=_preview(record),
        fout=fout,
        date_outdated=date_outdated,
        user=current_user(),
        csrf=csrf_token(),
    ), status


@ui.get("/controle/<letter_id>")
@requires_role("controleur")
def review_letter(letter_id: str) -> Any:
    with state().register.session() as db:
        record = get_document(db, letter_id)
    if record is None:
        abort(404)
    return _review_page(record, None)


@ui.post("/controle/<letter_id>")
@requires_role("controleur")
def review_approve(letter_id: str) -> Any:
    """Approve (actie=goedkeuren) or reject (actie=afkeuren, reden). Anything else
    is refused: an approval must be asked for in so many words (fail closed)."""
    user = current_user() or {}
    reviewer = str(user.get("naam"))
    action = request.form.get("actie")
    if action not in ("goedkeuren", "afkeuren"):
        abort(400, description="Kies goedkeuren of afkeuren.")
    try:
        if action == "afkeuren":
            control.reject(
                state().register, letter_id, reviewer, request.form.get("reden", "")
            )
        else:
            control.approve(
                state().register, letter_id, reviewer, today=state().today()
            )
    except ReviewRefused as e:
        with state().register.session() as db:
            record = get_document(db, letter_id)
        if record is None:
            abort(404)
        outdated = isinstance(e, LetterDateOutdated)
        return _review_page(record, e.message, e.http_status, date_outdated=outdated)
    return redirect(url_for("ui.letter_made", letter_id=letter_id))


@ui.post("/controle/<letter_id>/opnieuw")
@requires_role("controleur")
def review_remake(letter_id: str) -> Any:
    """Make a concept whose date has passed again with today's date: the old one
    is rejected ("vervangen door ..."), the new one waits for a colleague, who is
    not the one who made it again (control.remake)."""
    user = current_user() or {}
    app_state = state()
    try:
        made = control.remake(
            app_state.register,
            letter_id,
            str(user.get("naam")),
            app_state.settings,
            today=app_state.today(),
        )
    except LetterforgeError as e:
        with app_state.register.session() as db:
            record = get_document(db, letter_id)
        if record is None:
            abort(404)
        if e.http_status >= 500:
            raise  # a fault of ours, not of the letter: the error page says so
        return _review_page(record, " ".join(e.lines()), e.http_status)
    return redirect(url_for("ui.letter_made", letter_id=made.id))
