"""The communication team's page: how readable is this text, and what to change."""

from __future__ import annotations

import io
from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import render_template, request, send_file
from werkzeug.exceptions import RequestEntityTooLarge

from letterforge.assess import glossary_for
from letterforge.case.limits import text_problems
from letterforge.readability import NO_TEXT, EmptyText, Report
from letterforge.readability.annotate import CannotAnnotate, annotate_docx
from letterforge.readability.docx_text import (
    MAX_FILE_BYTES,
    PARTLY_READ,
    TRACKED_CHANGES,
    DocxText,
    UnreadableDocument,
    empty_reason,
    read_docx,
)
from letterforge.readability.features import FEATURES
from letterforge.readability.language import analyze_dutch
from letterforge.web.state import state
from letterforge.web.ui import ui
from letterforge.web.ui.marking import marked_text
from letterforge.web.ui.session import csrf_token, current_user, signed_in

UPLOAD_LIMIT = MAX_FILE_BYTES  # an ordinary letter with images fits (20 MB)
BOTH_GIVEN = (
    "U koos een Word-bestand en plakte ook een tekst. Wij hebben het bestand"
    " gecontroleerd, niet de geplakte tekst."
)
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


# The counts on the page, by their Dutch names; the metrics' English aliases
# ("words", "sentences") are for the JSON API only.
_COUNTS = {"woorden": "aantal woorden", "zinnen": "aantal zinnen"}
_UNITS = {f.name: (f.label, f.unit) for f in FEATURES}


def metric_rows(metrics: dict[str, float]) -> list[tuple[str, str]]:
    """(Dutch label, value as a Dutch reader writes it) for the table
    "Cijfers": counts as whole numbers, features with a decimal comma, one
    decimal and their unit ("3,8 woorden per zin"). Keys with no Dutch
    label are left out."""
    rows = [
        (label, f"{metrics[k]:.0f}") for k, label in _COUNTS.items() if k in metrics
    ]
    for key, (label, unit) in _UNITS.items():
        if key in metrics:
            value = f"{metrics[key]:.1f}".replace(".", ",")
            if unit == "woorden":  # a count of words, not a rate: "18 woorden"
                value = f"{metrics[key]:.0f}"
            rows.append((label, f"{value} {unit}"))
    return rows


def _too_big() -> str:
    return (
        f"Het bestand is groter dan {UPLOAD_LIMIT // (1024 * 1024)} MB. Haal grote"
        " afbeeldingen uit het bestand, of plak alleen de tekst."
    )


def _page(
    text: str,
    report: Report | None,
    error: str | None,
    status: int = 200,
    tracked_changes: bool = False,
    notices: list[str] | None = None,
    incomplete: bool = False,
) -> Any:
    marked = marked_text(report) if report else None
    return render_template(
        "taal.html",
        text=report.text if report else text,
        report=report,
        marked=marked,
        fout=error,
        wijzigingen=tracked_changes,
        meldingen=notices or [],
        # Visible text we did not read: the verdict holds for the rest only.
        deels=PARTLY_READ if incomplete else "",
        labels={f.name: f.label for f in FEATURES},
        cijfers=metric_rows(report.metrics) if report else [],
        limiet=UPLOAD_LIMIT // (1024 * 1024),
        user=current_user(),
        csrf=csrf_token(),
    ), status


def _upload_limit(view: Callable[[], Any]) -> Callable[[], Any]:
    """Allow uploads up to UPLOAD_LIMIT here (the app's limit is for the API), and
    name the limit in Dutch when a file is bigger, on this page."""

    @wraps(view)
    def limited() -> Any:
        request.max_content_length = UPLOAD_LIMIT + 64 * 1024  # the form around it
        try:
            return view()
        except RequestEntityTooLarge:
            return _page("", None, _too_big(), 413)

    return limited


@ui.get("/taal")
@signed_in
def language() -> Any:
    return _page("", None, None)


def _annotated(
    content: bytes,
    name: str,
    source: DocxText,
    report: Report,
    extra: tuple[str, ...] = (),
) -> Any:
    stem = (name.rsplit("/", 1)[-1].rsplit(".", 1)[0] or "tekst")[:80]
    return send_file(
        io.BytesIO(annotate_docx(content, source, report, extra)),
        mimetype=DOCX_TYPE,
        as_attachment=True,
        download_name=f"{stem}-met-opmerkingen.docx",
    )


@ui.post("/taal")
@_upload_limit
@signed_in
def language_post() -> Any:
    upload = request.files.get("bestand")
    text = request.form.get("tekst", "")
    source: DocxText | None = None
    content = b""
    notices: list[str] = []
    if upload is not None and upload.filename:
        if text.strip():
            notices.append(BOTH_GIVEN)  # say so: the pasted text is not checked
        content = upload.read()
        try:
            source = read_docx(content)
        except UnreadableDocument as e:
            return _page("", None, f"{upload.filename}: {e.reason}", 422)
        text = source.text
        # Tracked changes have their own line on the page (wijzigingen).
        notices += [n for n in source.notices() if n != TRACKED_CHANGES]
        if not text.strip():
            reason = empty_reason(source, NO_TEXT)
            return _page("", None, f"{upload.filename}: {reason}", 422)
    if not text.strip():
        return _page("", None, "Plak een tekst of kies een Word-bestand (.docx).", 422)
    too_big = text_problems(text, "tekst")  # bounded work per request (issue 14)
    if too_big:
        return _page("", None, f"De tekst {too_big[0].message}.", 413)
    try:
        report, foreign = analyze_dutch(
            text,
            glossary=glossary_for(state().settings),
            marks=source.language_marks() if source is not None else (),
        )
    except EmptyText as e:
        name = f"{upload.filename}: " if source is not None and upload else ""
        return _page(text, None, f"{name}{e.reason}", 422)
    if foreign:
        notices.append(foreign)
    if request.form.get("actie") == "opmerkingen":
        if source is None or upload is None:
            error = "Kies een Word-bestand (.docx) om opmerkingen in te zetten."
            return _page(text, report, error, 422)
        try:
            extra = (foreign,) if foreign else ()
            return _annotated(content, upload.filename or "", source, report, extra)
        except CannotAnnotate as e:
            return _page(text, report, f"{upload.filename}: {e.reason}", 422)
    return _page(
        text,
        report,
        None,
        tracked_changes=bool(source and source.tracked_changes),
        notices=notices,
        incomplete=bool(source and source.incomplete),
    )


def _sample_reports() -> list[dict[str, Any]]:
    """Every template with the readability of the letters its samples make."""
    import json

    from letterforge.assess import assess_letter
    from letterforge.pipeline import build_letter, decode_request
    from letterforge.settings import sample_paths

    app = state()
    rows = []
    for path in sample_paths(app.settings):
        raw = path.read_bytes()
        letter = build_letter(decode_request(raw), app.settings, today=app.today())
        report = assess_letter(letter, app.settings)
        problems = [f for f in report.findings if f.severity != "hint"]
        rows.append(
            {
                "template": json.loads(raw)["template"],
                "sample": path.stem,
                "report": report,
                "problems": problems,
            }
        )
    # The worst first: errors, then the most warnings, then the lowest score.
    rows.sort(
        key=lambda r: (r["report"].meets_b1, -len(r["problems"]), r["report"].score)
    )
    return rows


@ui.get("/taal/sjablonen")
@signed_in
def templates_readability() -> str:
    return render_template(
        "taal_sjablonen.html",
        rows=_sample_reports(),
        user=current_user(),
        csrf=csrf_token(),
    )


@ui.get("/taal/woordenlijst")
@signed_in
def glossary_page() -> str:
    query = request.args.get("zoek", "").strip()
    glossary = glossary_for(state().settings)
    entries = glossary.search(query) if query else list(glossary.entries)
    return render_template(
        "woordenlijst.html",
        entries=entries,
        zoek=query,
        user=current_user(),
        csrf=csrf_token(),
    )
