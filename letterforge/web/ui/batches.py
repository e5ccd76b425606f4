"""The beheer page for batches: running and recent batches with their progress,
each batch's lines with their Dutch errors, and a form that starts the yearly
norm letters (normbedragen-wijziging) from a JSON Lines or CSV file.

A running batch's own page follows its progress with a small static script
(static/batches.js) that asks /beheer/batches/<id>/stand every few seconds and
updates the progress bar in place (no meta refresh: a page that reloads itself
is a barrier, WCAG 2.2.1), and reloads once when the batch is klaar. The list
has a link to refresh, so a half-chosen file is never lost.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from functools import wraps
from typing import Any
from zoneinfo import ZoneInfo

from flask import (
    abort,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from werkzeug.exceptions import RequestEntityTooLarge

from letterforge.control import batch_file
from letterforge.errors import LetterforgeError, Problem
from letterforge.pipeline import load_library
from letterforge.register import batches
from letterforge.web.state import state
from letterforge.web.ui import ui
from letterforge.web.ui.session import csrf_token, current_user, requires_role

NORM_TEMPLATE = "normbedragen-wijziging"
FORM_MARGIN = 64 * 1024  # the form around the file


def _local(moment: datetime) -> str:
    moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    zone = ZoneInfo(str(current_app.config["TIMEZONE"]))
    return moment.astimezone(zone).strftime("%d-%m-%Y %H:%M")


def _done(counts: dict[str, int]) -> int:
    return sum(counts[s] for s in batches.DONE_STATES)


def _list_page(problems: list[Problem] | None = None, status: int = 200) -> Any:
    with state().register.session() as session:
        rows = batches.recent_batches(session)
    items = [
        {
            "batch": b,
            "status": status_,
            "counts": counts,
            "done": _done(counts),
            "created": _local(b.created_at),
        }
        for b, status_, counts in rows
    ]
    limit = int(current_app.config["BATCH_MAX_BYTES"]) // (1024 * 1024)
    with state().register.session() as session:
        clients = batches.api_client_names(session)
    return render_template(
        "batches.html",
        items=items,
        clients=clients,
        chosen=request.form.get("client", current_app.config["BATCH_WEB_CLIENT"]),
        problems=problems or [],
        max_lines=int(current_app.config["BATCH_MAX_LINES"]),
        max_mb=limit,
        user=current_user(),
        csrf=csrf_token(),
    ), status


@ui.get("/beheer/batches")
@requires_role("beheer")
def batches_page() -> Any:
    return _list_page()


def _upload_limit(view: Callable[[], Any]) -> Callable[[], Any]:
    """Files up to BATCH_MAX_BYTES here (the app's limit is for one letter); a
    bigger one gets the list page with the limit named in Dutch."""

    @wraps(view)
    def limited() -> Any:
        request.max_content_length = (
            int(current_app.config["BATCH_MAX_BYTES"]) + FORM_MARGIN
        )
        try:
            return view()
        except RequestEntityTooLarge:
            limit = int(current_app.config["BATCH_MAX_BYTES"]) // (1024 * 1024)
            message = f"het bestand is groter dan {limit} MB; splits het"
            return _list_page([Problem("bestand", message, "too_large")], 413)

    return limited


@ui.post("/beheer/batches")
@_upload_limit
@requires_role("beheer")
def start_norm_batch() -> Any:
    upload = request.files.get("bestand")
    if upload is None or not upload.filename:
        return _list_page([Problem("bestand", "kies een bestand", "required")], 400)
    owner = request.form.get("client", "web")
    try:
        with state().register.session() as session:
            batches.check_owner(session, owner, "client")
    except LetterforgeError as e:
        return _list_page(list(e.problems), 400)
    raw = upload.read()
    max_lines = int(current_app.config["BATCH_MAX_LINES"])
    template = load_library(state().settings).get(NORM_TEMPLATE)
    is_csv = upload.filename.lower().endswith(".csv")
    try:
        lines = (
            batch_file.case_lines_from_csv(raw, template, max_lines)
            if is_csv
            else batch_file.case_lines_from_json_lines(raw, template, max_lines)
        )
    except LetterforgeError as e:
        return _list_page(list(e.problems), 400)
    from letterforge.jobs.batches import start_batch
    from letterforge.web.batches import QUEUE_KEY

    user = current_user() or {}
    batch_id, _ = start_batch(
        state().register,
        current_app.extensions.get(QUEUE_KEY),
        owner,
        str(user.get("naam", "beheer")),
        lines,
    )
    return redirect(url_for("ui.batch_page", batch_id=batch_id), code=303)


def _found(batch_id: str) -> batches.BatchView:
    with state().register.session() as session:
        found = batches.view_batch(session, batch_id)
    if found is None:
        abort(404, description="Deze batch bestaat niet.")
    return found


@ui.get("/beheer/batches/<batch_id>/stand")
@requires_role("beheer")
def batch_state(batch_id: str) -> Any:
    """The progress for the page's script: status, lines done, counts."""
    found = _found(batch_id)
    return jsonify(
        {
            "status": found.status,
            "done": _done(found.counts),
            "total": found.batch.total,
            "counts": found.counts,
        }
    )


@ui.get("/beheer/batches/<batch_id>")
@requires_role("beheer")
def batch_page(batch_id: str) -> Any:
    found = _found(batch_id)
    return render_template(
        "batch.html",
        view=found,
        done=_done(found.counts),
        created=_local(found.batch.created_at),
        user=current_user(),
        csrf=csrf_token(),
    )
