"""The template studio (issue 17): the communication team edits a letter in the
browser, sees every sample letter and its findings while typing, saves a draft
with a reason and a valid-from date and submits it; a second person (beheer or
jurist) approves or rejects it; the history shows every version with its diff.

A thin edge over letterforge.control.templates. The preview is one HTML fragment
(studio_voorbeeld.html), fetched by static/studio.js as you type and shown by
the same page without script after "Bekijk het voorbeeld".
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import abort, jsonify, redirect, render_template, request, url_for
from markupsafe import Markup
from werkzeug.wrappers import Response

from letterforge.control import templates as studio
from letterforge.errors import LetterforgeError, Problem, RequestError
from letterforge.library import Template
from letterforge.library.versions import editable_names, normalised, unified_diff
from letterforge.pipeline import load_library
from letterforge.register.template_versions import CONCEPT, SUBMITTED, with_status
from letterforge.render import render_html
from letterforge.web.state import state
from letterforge.web.ui import ui
from letterforge.web.ui.marking import marked_text
from letterforge.web.ui.session import csrf_token, current_user, requires_role

EDITORS = ("communicatie",)  # and beheer (requires_role lets beheer in everywhere)
APPROVERS = ("jurist",)  # and beheer
READERS = (*EDITORS, *APPROVERS)
FILE_FIELD = "bestand:"


def _template(template_id: str) -> Template:
    try:
        return load_library(state().settings).get(template_id)
    except LetterforgeError:
        abort(404)


def _user() -> str:
    return str((current_user() or {}).get("naam", ""))


def _files_from_form(template: Template) -> dict[str, str]:
    """The texts typed in the editor, one form field per file ("bestand:<name>")."""
    return {
        key[len(FILE_FIELD) :]: value
        for key, value in request.form.items()
        if key.startswith(FILE_FIELD)
    }


def _page(name: str, status: int = 200, **values: Any) -> tuple[str, int]:
    return render_template(
        name, user=current_user(), csrf=csrf_token(), **values
    ), status


@ui.get("/sjablonen/bewerken")
@requires_role(*READERS)
def studio_list() -> tuple[str, int]:
    app = state()
    with app.register.session() as session:
        open_versions = [
            (v.template_id, v.number)
            for status in (CONCEPT, SUBMITTED)
            for v in with_status(session, status)
        ]
    rows = []
    for template in load_library(app.settings).templates():
        now = studio.version_on(app.register, app.settings, template.id, app.today())
        pending = sorted(n for t, n in open_versions if t == template.id)
        rows.append({"template": template, "nu": now, "open": pending})
    return _page("studio_lijst.html", rijen=rows)


def _preview(template: Template, files: dict[str, str]) -> Markup:
    """The preview fragment: each sample letter with its readability findings
    marked by offsets (the communication page's function), every error with
    FILE:LINE, and the diff against the version in force today."""
    app = state()
    check = studio.check_version(
        app.settings, template.id, files, today=app.today(), assess=True
    )
    now = studio.version_on(app.register, app.settings, template.id, app.today())
    samples = [
        {
            "name": s.name,
            "error": s.error,
            "html": Markup(render_html(s.letter)) if s.letter else None,
            "marked": marked_text(s.report, hints=False) if s.report else None,
            "report": s.report,
        }
        for s in check.samples
    ]
    diff = unified_diff(
        now.files,
        normalised(files),
        old_label=f"versie-{now.number}",
        new_label="bewerkt",
    )
    return Markup(
        render_template(
            "studio_voorbeeld.html", check=check, samples=samples, diff=diff, nu=now
        )
    )


def _editor(
    template: Template,
    files: dict[str, str],
    *,
    status: int = 200,
    problems: tuple[Problem, ...] = (),
    message: str = "",
    reason: str = "",
    valid_from: str = "",
    based_on: int | None = None,
) -> tuple[str, int]:
    ordered = [(name, files.get(name, "")) for name in editable_names(template)]
    return _page(
        "studio_bewerken.html",
        status,
        template=template,
        bestanden=ordered,
        voorbeeld=_preview(template, files),
        problemen=problems,
        melding=message,
        reden=reason,
        geldig_vanaf=valid_from,
        basis=based_on,
    )


@ui.get("/sjablonen/bewerken/<template_id>")
@requires_role(*EDITORS)
def studio_edit(template_id: str) -> tuple[str, int]:
    template = _template(template_id)
    app = state()
    number = request.args.get("versie", "")
    if number.isascii() and number.isdigit():
        try:
            files = studio.texts_of(
                app.register, app.settings, template.id, int(number)
            )
        except LetterforgeError:
            abort(404)
        based_on = int(number)
    else:
        now = studio.version_on(app.register, app.settings, template.id, app.today())
        files, based_on = dict(now.files), now.number
    return _editor(template, files, based_on=based_on)


@ui.post("/sjablonen/bewerken/<template_id>/voorbeeld")
@requires_role(*EDITORS)
def studio_preview(template_id: str) -> Response:
    """The preview fragment as JSON {"html": …}, for studio.js while typing."""
    template = _template(template_id)
    return jsonify({"html": str(_preview(template, _files_from_form(template)))})


@ui.post("/sjablonen/bewerken/<template_id>/bekijk")
@requires_role(*EDITORS)
def studio_preview_page(template_id: str) -> tuple[str, int]:
    """The editor with what was typed and its preview (works without script)."""
    template = _template(template_id)
    raw_basis = request.form.get("basis", "")
    return _editor(
        template,
        _files_from_form(template),
        reason=request.form.get("reden", ""),
        valid_from=request.form.get("geldig_vanaf", ""),
        based_on=int(raw_basis)
        if raw_basis.isascii() and raw_basis.isdigit()
        else None,
    )


def _valid_from() -> date:
    raw = request.form.get("geldig_vanaf", "")
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise RequestError(
            "Geef de datum waarop de tekst ingaat.",
            (Problem("geldig_vanaf", "geef een datum, zoals 2027-01-01", "required"),),
        ) from None


@ui.post("/sjablonen/bewerken/<template_id>")
@requires_role(*EDITORS)
def studio_save(template_id: str) -> Any:
    template = _template(template_id)
    app = state()
    files = _files_from_form(template)
    reason = request.form.get("reden", "")
    raw_basis = request.form.get("basis", "")
    based_on = int(raw_basis) if raw_basis.isascii() and raw_basis.isdigit() else None
    try:
        version = studio.save_draft(
            app.register,
            app.settings,
            template.id,
            files,
            author=_user(),
            reason=reason,
            valid_from=_valid_from(),
            today=app.today(),
            based_on=based_on,
        )
    except LetterforgeError as e:
        return _editor(
            template,
            files,
            status=422,
            problems=e.problems,
            message=e.message,
            reason=reason,
            valid_from=request.form.get("geldig_vanaf", ""),
            based_on=based_on,
        )
    if request.form.get("actie") == "indienen":
        return _submit(template.id, version.number)
    return redirect(
        url_for("ui.studio_history", template_id=template.id, bewaard=version.number)
    )


def _submit(template_id: str, number: int) -> Any:
    app = state()
    try:
        studio.submit(
            app.register,
            app.settings,
            template_id,
            number,
            actor=_user(),
            today=app.today(),
        )
    except LetterforgeError as e:
        return _history(
            template_id, status=e.http_status, problems=e.problems, message=e.message
        )
    return redirect(
        url_for("ui.studio_history", template_id=template_id, ingediend=number)
    )


@ui.post("/sjablonen/bewerken/<template_id>/versies/<int:number>/indienen")
@requires_role(*EDITORS)
def studio_submit(template_id: str, number: int) -> Any:
    return _submit(_template(template_id).id, number)


def _history(
    template_id: str,
    *,
    status: int = 200,
    problems: tuple[Problem, ...] = (),
    message: str = "",
) -> tuple[str, int]:
    template = _template(template_id)
    app = state()
    entries = studio.history(app.register, app.settings, template.id)
    now = studio.version_on(app.register, app.settings, template.id, app.today())
    return _page(
        "studio_versies.html",
        status,
        template=template,
        versies=entries,
        nu=now,
        problemen=problems,
        melding=message,
        bewaard=request.args.get("bewaard", ""),
        ingediend=request.args.get("ingediend", ""),
        mag_bewerken=(current_user() or {}).get("rol") in ("communicatie", "beheer"),
    )


@ui.get("/sjablonen/bewerken/<template_id>/versies")
@requires_role(*READERS)
def studio_history(template_id: str) -> tuple[str, int]:
    return _history(template_id)


@ui.post("/sjablonen/bewerken/<template_id>/versies/<int:number>/terugzetten")
@requires_role(*EDITORS)
def studio_revert(template_id: str, number: int) -> Any:
    template = _template(template_id)
    app = state()
    try:
        version = studio.revert(
            app.register,
            app.settings,
            template.id,
            number,
            author=_user(),
            reason=request.form.get("reden", ""),
            valid_from=_valid_from(),
            today=app.today(),
        )
    except LetterforgeError as e:
        return _history(
            template.id, status=e.http_status, problems=e.problems, message=e.message
        )
    return redirect(
        url_for("ui.studio_history", template_id=template.id, bewaard=version.number)
    )


def _approval_page(
    status: int = 200, problems: tuple[Problem, ...] = (), message: str = ""
) -> tuple[str, int]:
    app = state()
    with app.register.session() as session:
        waiting = with_status(session, SUBMITTED)
        session.expunge_all()
    items = []
    for v in waiting:
        now = studio.version_on(app.register, app.settings, v.template_id, app.today())
        diff = unified_diff(
            now.files,
            v.files,
            old_label=f"versie-{now.number}",
            new_label=f"versie-{v.number}",
        )
        items.append({"versie": v, "diff": diff, "nu": now})
    return _page(
        "studio_goedkeuren.html",
        status,
        items=items,
        problemen=problems,
        melding=message,
        naam=_user(),
    )


@ui.get("/sjablonen/goedkeuren")
@requires_role(*APPROVERS)
def studio_approvals() -> tuple[str, int]:
    return _approval_page()


@ui.post("/sjablonen/goedkeuren/<template_id>/<int:number>")
@requires_role(*APPROVERS)
def studio_review(template_id: str, number: int) -> Any:
    template = _template(template_id)
    app = state()
    decision = request.form.get("besluit")
    if decision not in ("goedkeuren", "afkeuren"):
        # Fail closed: only a decision said in so many words counts.
        abort(400, description="Kies goedkeuren of afkeuren.")
    try:
        if decision == "goedkeuren":
            studio.approve(
                app.register, template.id, number, reviewer=_user(), today=app.today()
            )
        else:
            studio.reject(
                app.register,
                template.id,
                number,
                reviewer=_user(),
                reason=request.form.get("reden", ""),
            )
    except LetterforgeError as e:
        return _approval_page(e.http_status, e.problems, e.message)
    done = "goedgekeurd" if decision == "goedkeuren" else "afgekeurd"
    return redirect(
        url_for("ui.studio_approvals", klaar=f"{template.id} versie {number} {done}")
    )
