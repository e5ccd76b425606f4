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

import jinja2
from flask import abort, jsonify, redirect, render_template, request, url_for
from markupsafe import Markup
from werkzeug.wrappers import Response

from letterforge.compose.filters import aantal
from letterforge.compose.norms import dutch_date
from letterforge.control import templates as studio
from letterforge.control.template_findings import readable
from letterforge.errors import LetterforgeError, Problem, RequestError
from letterforge.library import Template
from letterforge.library.loader import EPOCH
from letterforge.library.versions import SHIPPED_NUMBER, editable_names, normalised
from letterforge.pipeline import load_library
from letterforge.register.template_versions import (
    APPROVED,
    CONCEPT,
    SUBMITTED,
    get_version,
    with_status,
)
from letterforge.render import render_html
from letterforge.web.state import state
from letterforge.web.ui import ui
from letterforge.web.ui.marking import marked_text
from letterforge.web.ui.session import csrf_token, current_user, requires_role
from letterforge.web.ui.studio_diff import readable_diff

EDITORS = ("communicatie",)  # and beheer (requires_role lets beheer in everywhere)
APPROVERS = ("jurist",)  # and beheer
READERS = (*EDITORS, *APPROVERS)
FILE_FIELD = "bestand:"


@ui.app_template_filter("aantal")
def _count(n: int, singular: str, plural: str) -> str:
    """'1 fout', '2 fouten': the one plural rule of these pages."""
    return aantal(n, singular, plural)


@ui.app_template_filter("datum_lang")
def _long_date(day: date | None) -> str:
    """'12 december 2026'; the shipped text's start (no date) is 'het begin'."""
    if day is None or day <= EPOCH:
        return "het begin"
    return dutch_date(day)


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
        planned_versions = [
            (v.template_id, v.number, v.valid_from)
            for v in with_status(session, APPROVED)
            if v.valid_from > app.today()
        ]
    rows = []
    for template in load_library(app.settings).templates():
        now = studio.version_on(app.register, app.settings, template.id, app.today())
        pending = sorted(n for t, n in open_versions if t == template.id)
        planned = sorted((d, n) for t, n, d in planned_versions if t == template.id)
        rows.append(
            {"template": template, "nu": now, "open": pending, "gepland": planned}
        )
    return _page("studio_lijst.html", rijen=rows)


def _checked(
    template: Template, files: dict[str, str], base: dict[str, str] | None
) -> studio.Check:
    """check_version for the editor: never raises for a broken text (any error
    becomes a finding), per-sample findings grouped (control.template_findings)."""
    app = state()
    try:
        check = studio.check_version(
            app.settings, template.id, files, today=app.today(), assess=True
        )
    except LetterforgeError as e:
        return studio.Check((e.message, *(str(p) for p in e.problems)), (), ())
    except jinja2.TemplateError as e:
        # A Jinja error no check translated: shown, never a 500.
        return studio.Check((f"{template.source}: {e.message or 'fout'}",), (), ())
    return readable(
        check,
        template_id=template.id,
        letter_file=template.source,
        files=normalised(files),
        base=base,
        template_dir=app.settings.template_dir,
    )


def _preview(
    template: Template, files: dict[str, str], based_on: int | None = None
) -> Markup:
    """The preview fragment: each sample letter with its readability findings
    marked by offsets (the communication page's function), every error with
    FILE:LINE (never a 500, whatever was typed), and the diff against the
    version the edit started from and against the version in force today."""
    app = state()
    now = studio.version_on(app.register, app.settings, template.id, app.today())
    base = _texts_or_none(template, based_on)
    check = _checked(template, files, base if base is not None else dict(now.files))
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
    edited = normalised(files)
    return Markup(
        render_template(
            "studio_voorbeeld.html",
            check=check,
            samples=samples,
            verschil_nu=readable_diff(now.files, edited),
            verschil_basis=readable_diff(base, edited)
            if base is not None and based_on != now.number
            else None,
            basis=based_on,
            nu=now,
        )
    )


def _texts_or_none(template: Template, number: int | None) -> dict[str, str] | None:
    if number is None:
        return None
    app = state()
    try:
        return studio.texts_of(app.register, app.settings, template.id, number)
    except LetterforgeError:
        return None


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
    field_errors: dict[str, str] | None = None,
) -> tuple[str, int]:
    app = state()
    ordered = [(name, files.get(name, "")) for name in editable_names(template)]
    others = studio.other_versions(
        app.register, template.id, app.today(), besides=based_on
    )
    return _page(
        "studio_bewerken.html",
        status,
        template=template,
        bestanden=ordered,
        voorbeeld=_preview(template, files, based_on),
        problemen=problems,
        melding=message,
        reden=reason,
        geldig_vanaf=valid_from,
        basis=based_on,
        basis_versie=_version_facts(template.id, based_on),
        andere=others,
        veldfouten=field_errors or {},
    )


def _version_facts(template_id: str, number: int | None) -> dict[str, Any] | None:
    """Number, status and start of the version an edit is based on."""
    if number is None:
        return None
    if number == SHIPPED_NUMBER:
        shipped = _template(template_id)
        return {"number": number, "status": APPROVED, "valid_from": shipped.valid_from}
    with state().register.session() as session:
        found = get_version(session, template_id, number)
        if found is None:
            return None
        return {
            "number": number,
            "status": found.status,
            "valid_from": found.valid_from,
        }


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
        # The newest approved or submitted text, so a change that starts later
        # is not undone by an edit of today's text (a lost update).
        base = studio.newest_base(app.register, app.settings, template.id, app.today())
        files, based_on = dict(base.files), base.number
    return _editor(template, files, based_on=based_on)


@ui.post("/sjablonen/bewerken/<template_id>/voorbeeld")
@requires_role(*EDITORS)
def studio_preview(template_id: str) -> Response:
    """The preview fragment as JSON {"html": …}, for studio.js while typing."""
    template = _template(template_id)
    html = _preview(template, _files_from_form(template), _form_basis())
    return jsonify({"html": str(html)})


def _form_basis() -> int | None:
    raw = request.form.get("basis", "")
    return int(raw) if raw.isascii() and raw.isdigit() else None


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
            "Vul de datum in waarop de tekst ingaat.",
            (Problem("geldig_vanaf", FIELD_MESSAGES["geldig_vanaf"], "required"),),
        ) from None


# What each field of the editor needs, said next to the field (all at once).
FIELD_MESSAGES = {
    "reden": "Vul in waarom u de tekst verandert.",
    "geldig_vanaf": "Vul de datum in, bijvoorbeeld 1 januari 2027.",
}


def _field_errors() -> dict[str, str]:
    """Every missing field of the editor form at once, keyed by field."""
    errors: dict[str, str] = {}
    reason = request.form.get("reden", "").strip()
    if not reason or len(reason) > studio.REASON_MAX:
        errors["reden"] = FIELD_MESSAGES["reden"]
    try:
        date.fromisoformat(request.form.get("geldig_vanaf", ""))
    except ValueError:
        errors["geldig_vanaf"] = FIELD_MESSAGES["geldig_vanaf"]
    return errors


@ui.post("/sjablonen/bewerken/<template_id>")
@requires_role(*EDITORS)
def studio_save(template_id: str) -> Any:
    """Save a concept, or save and submit. Submitting checks first: a text with
    errors, or a form with missing fields, is shown again in the editor with
    every finding and nothing is saved (no broken concepts piling up)."""
    template = _template(template_id)
    app = state()
    files = _files_from_form(template)
    reason = request.form.get("reden", "")
    based_on = _form_basis()
    submitting = request.form.get("actie") == "indienen"

    def again(
        status: int,
        message: str,
        problems: tuple[Problem, ...] = (),
        fields: dict[str, str] | None = None,
    ) -> tuple[str, int]:
        return _editor(
            template,
            files,
            status=status,
            problems=problems,
            message=message,
            reason=reason,
            valid_from=request.form.get("geldig_vanaf", ""),
            based_on=based_on,
            field_errors=fields,
        )

    fields = _field_errors()
    if fields:
        return again(
            422,
            "Uw tekst is nog niet bewaard. Vul eerst de velden hieronder in.",
            fields=fields,
        )
    if submitting:
        base = _texts_or_none(template, based_on)
        check = _checked(template, files, base)
        if check.errors:
            count = aantal(len(check.errors), "fout", "fouten")
            return again(
                422,
                f"Uw tekst is niet bewaard en niet ingediend: er zijn {count}."
                " Los die eerst op. Uw tekst staat hieronder nog.",
                tuple(Problem("bestanden", e, "finding") for e in check.errors),
            )
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
        return again(422, e.message, e.problems)
    if submitting:
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


@ui.post("/sjablonen/bewerken/<template_id>/versies/<int:number>/intrekken")
@requires_role(*EDITORS)
def studio_withdraw(template_id: str, number: int) -> Any:
    """The author takes back their own concept or submitted version."""
    template = _template(template_id)
    app = state()
    try:
        studio.withdraw(app.register, template.id, number, actor=_user())
    except LetterforgeError as e:
        return _history(
            template.id, status=e.http_status, problems=e.problems, message=e.message
        )
    return redirect(
        url_for("ui.studio_history", template_id=template.id, ingetrokken=number)
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
    texts = {
        e.number: studio.texts_of(app.register, app.settings, template.id, e.number)
        for e in entries
    }
    diffs = {}
    for e in entries:
        if e.number == SHIPPED_NUMBER:
            continue
        base = (
            e.based_on if e.based_on in texts else max(n for n in texts if n < e.number)
        )
        # What the version changes on its start date: the difference with the
        # approved text it replaces then (for a revert: what it undoes).
        replaced = studio.replaced_on(
            app.register, app.settings, template.id, e.valid_from, besides=e.number
        )
        diffs[e.number] = {
            "basis": base,
            "basis_verschil": readable_diff(texts[base], texts[e.number]),
            "vervangt": replaced.number,
            "vervangt_verschil": readable_diff(replaced.files, texts[e.number])
            if replaced.number != base
            else None,
        }
    planned = [
        e for e in entries if e.status == APPROVED and e.valid_from > app.today()
    ]
    return _page(
        "studio_versies.html",
        status,
        template=template,
        versies=entries,
        verschillen=diffs,
        gepland=sorted(planned, key=lambda e: e.valid_from),
        nu=now,
        problemen=problems,
        melding=message,
        naam=_user(),
        bewaard=request.args.get("bewaard", ""),
        ingediend=request.args.get("ingediend", ""),
        ingetrokken=request.args.get("ingetrokken", ""),
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
    """Each submitted version with the diff against the version it replaces on
    its valid-from date (and against today's when that differs), the other
    versions it may collide with, and its sample letters with the check."""
    app = state()
    with app.register.session() as session:
        waiting = with_status(session, SUBMITTED)
        session.expunge_all()
    items = []
    for v in waiting:
        template = _template(v.template_id)
        now = studio.version_on(app.register, app.settings, v.template_id, app.today())
        replaced = studio.replaced_on(
            app.register, app.settings, v.template_id, v.valid_from, besides=v.number
        )
        files = dict(v.files)
        items.append(
            {
                "versie": v,
                "vervangt": replaced,
                "verschil": readable_diff(replaced.files, files),
                "nu": now,
                "verschil_nu": readable_diff(now.files, files)
                if now.number != replaced.number
                else None,
                "andere": studio.other_versions(
                    app.register, v.template_id, app.today(), besides=v.number
                ),
                "voorbeeld": _preview(template, files, replaced.number),
            }
        )
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
