"""Caseworker pages: choose a template, fill in the form, preview, make the letter."""

from __future__ import annotations

import io
import json
from typing import Any

from flask import (
    abort,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from markupsafe import Markup
from werkzeug.wrappers import Response

from letterforge import control
from letterforge.assess import assess_letter
from letterforge.compose.filters import bedrag
from letterforge.control.concept import CONCEPT_TEXT
from letterforge.control.templates import letter_settings
from letterforge.errors import (
    CaseDataError,
    LetterNotFinal,
    MotivationError,
    Problem,
    UnknownTemplate,
)
from letterforge.library import Template
from letterforge.pipeline import LetterRequest, build_letter, load_library
from letterforge.readability import Report
from letterforge.register.audit import events
from letterforge.register.review import drop_draft, load_draft, save_draft
from letterforge.register.store import copies_of, get_letter
from letterforge.render import render_html
from letterforge.settings import sample_paths
from letterforge.web.forms import form_fields, parse_form
from letterforge.web.state import state
from letterforge.web.ui import ui
from letterforge.web.ui.marking import marked_text
from letterforge.web.ui.session import (
    csrf_token,
    current_user,
    requires_role,
    signed_in,
)

CASEWORKERS = ("medewerker", "controleur")
# Who may see letters in the register (README: role × page); not communicatie.
LETTER_READERS = CASEWORKERS


def _template(template_id: str) -> Template:
    try:
        return load_library(state().settings).get(template_id)
    except UnknownTemplate:
        abort(404)


@ui.get("/")
@signed_in
def home() -> str:
    query = request.args.get("zoek", "").strip().lower()
    templates = [
        t
        for t in load_library(state().settings).templates()
        if not query or query in f"{t.title} {t.domain} {t.id} {t.description}".lower()
    ]
    return render_template(
        "sjablonen.html",
        templates=templates,
        zoek=query,
        user=current_user(),
        csrf=csrf_token(),
    )


def _answers() -> dict[str, Any]:
    flat = request.form.to_dict(flat=False)
    return {k: (v if len(v) > 1 or k.endswith("[]") else v[0]) for k, v in flat.items()}


def _dutch(value: Any, kind: str) -> Any:
    if kind == "date" and isinstance(value, str) and len(value) == 10:
        year, month, day = value.split("-")
        return f"{day}-{month}-{year}"
    if kind == "amount" and isinstance(value, int | float):
        return bedrag(value).replace("€\xa0", "")
    return value


def _flatten(template: Template, case: dict[str, Any]) -> dict[str, Any]:
    """Form answers from case data (to fill in the example)."""
    answers: dict[str, Any] = {}

    def walk(items: tuple[Any, ...], data: Any) -> None:
        for item in items:
            key = item.path.rsplit(".", 1)[-1]
            value = (
                data[int(key)]
                if isinstance(data, list) and key.isdigit() and int(key) < len(data)
                else (data.get(key) if isinstance(data, dict) else None)
            )
            if value is None:
                continue
            if hasattr(item, "items"):
                walk(item.items, value)
            elif item.kind == "lines":
                answers[item.path] = "\n".join(value)
            else:
                answers[item.path] = (
                    value if item.kind == "checkboxes" else _dutch(value, item.kind)
                )

    walk(form_fields(template.schema), case)
    return answers


def _example(template: Template) -> dict[str, Any]:
    for path in sample_paths(state().settings):
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("template") == template.id:
            return _flatten(template, data["case"])
    return {}


def _page(
    template: Template,
    answers: dict[str, Any],
    problems: list[Problem],
    preview: Markup | None = None,
    report: Report | None = None,
    status: int = 200,
    warnings: tuple[Problem, ...] = (),
    concept: bool = False,
) -> Any:
    errors = {p.path: p.message for p in problems}
    body = render_template(
        "brief.html",
        template=template,
        fields=form_fields(template.schema),
        answers=answers,
        errors=errors,
        problems=problems,
        preview=preview,
        report=report,
        warnings=warnings,
        # A letter under the four-eyes rule is a concept until a colleague
        # approves it: its preview says so on screen and on paper.
        concept_text=CONCEPT_TEXT if concept else None,
        user=current_user(),
        csrf=csrf_token(),
    )
    return body, status


def _user_name() -> str:
    return str((current_user() or {}).get("naam", ""))


@ui.get("/brief/<template_id>")
@requires_role(*CASEWORKERS)
def letter_form(template_id: str) -> Any:
    template = _template(template_id)
    if request.args.get("voorbeeld"):
        answers = _example(template)
    else:
        with state().register.session() as db:
            answers = load_draft(db, _user_name(), template.id) or {}
    return _page(template, answers, [])


def _marked(html: str, report: Report) -> Markup:
    """The preview, then the checked text with each finding marked by its offsets."""
    return (
        Markup(html)
        + Markup('<div class="lf-marked" aria-label="Tekst met opmerkingen">')
        + marked_text(report, hints=False)
        + Markup("</div>")
    )


@ui.post("/brief/<template_id>/concept")
@requires_role(*CASEWORKERS)
def letter_draft(template_id: str) -> tuple[str, int]:
    """Keep what was typed so far (called by letterforge.js while typing)."""
    template = _template(template_id)
    typed = {k: v for k, v in _answers().items() if k not in ("csrf", "actie")}
    with state().register.session() as db:
        save_draft(db, _user_name(), template.id, typed)
    return "", 204


@ui.post("/brief/<template_id>")
@requires_role(*CASEWORKERS)
def letter_post(template_id: str) -> Any:
    template = _template(template_id)
    answers = _answers()
    typed = {k: v for k, v in answers.items() if k not in ("csrf", "actie")}
    # Saved before anything can fail: nothing typed is lost, also not on a reload.
    with state().register.session() as db:
        save_draft(db, _user_name(), template.id, typed)
    case, problems = parse_form(template.schema, answers)
    request_ = LetterRequest(template.id, case, "docx")
    app = state()
    try:
        # The preview shows the template text the letter will be made with.
        settings, _ = letter_settings(app.register, app.settings, request_, app.today())
        letter = build_letter(request_, settings, today=app.today())
    except (CaseDataError, MotivationError) as e:
        return _page(template, answers, problems + list(e.problems), status=422)
    if problems:
        return _page(template, answers, problems, status=422)
    if request.form.get("actie") != "maak":
        report = assess_letter(letter, app.settings)
        return _page(
            template,
            answers,
            [],
            _marked(render_html(letter), report),
            report,
            warnings=letter.warnings,
            concept=control.needs_check(request_, app.settings),
        )
    return _make(request_)


def _make(letter_request: LetterRequest) -> Response:
    app = state()
    record = control.make_letter(
        app.register,
        letter_request,
        app.settings,
        today=app.today(),
        client="web",
        actor=_user_name(),
    )
    with app.register.session() as db:
        drop_draft(db, _user_name(), letter_request.template)
    return redirect(url_for("ui.letter_made", letter_id=record.id))


@ui.get("/brieven/<letter_id>")
@requires_role(*LETTER_READERS)
def letter_made(letter_id: str) -> str:
    with state().register.session() as db:
        record = get_letter(db, letter_id)
        trail = events(db, letter_id) if record else []
        copies = copies_of(db, letter_id) if record else []
    if record is None:
        abort(404)
    return render_template(
        "gemaakt.html",
        record=record,
        events=trail,
        copies=copies,
        user=current_user(),
        csrf=csrf_token(),
    )


@ui.get("/brieven/<letter_id>/document")
@requires_role(*LETTER_READERS)
def letter_download(letter_id: str) -> Response:
    try:
        record = control.hand_out(state().register, letter_id, _user_name())
    except LetterNotFinal as e:
        abort(409, description=e.message)
    if record is None:
        abort(404)
    return send_file(
        io.BytesIO(record.content),
        mimetype=record.media_type,
        as_attachment=True,
        download_name=record.filename,
    )
