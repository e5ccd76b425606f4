"""The communication team's page: how readable is this text, and what to change."""

from __future__ import annotations

from typing import Any

from flask import render_template, request
from markupsafe import Markup, escape

from letterforge.assess import glossary_for
from letterforge.case.limits import text_problems
from letterforge.documents import docx_text
from letterforge.errors import InputFileError
from letterforge.readability import Finding, Report, analyze
from letterforge.web.state import state
from letterforge.web.ui import ui
from letterforge.web.ui.session import csrf_token, current_user, signed_in


def marked_text(text: str, findings: tuple[Finding, ...]) -> Markup:
    """The text, escaped, with every finding's span in a numbered <mark>."""
    out: list[str] = []
    cursor = 0
    for number, finding in enumerate(findings, start=1):
        if finding.start < cursor or finding.end - finding.start >= len(text):
            continue
        out.append(str(escape(text[cursor : finding.start])))
        words = escape(text[finding.start : finding.end])
        out.append(
            f'<mark class="lf-finding lf-finding--{finding.severity}" '
            f'title="{escape(finding.message)}">{words}<sup>{number}</sup></mark>'
        )
        cursor = finding.end
    out.append(str(escape(text[cursor:])))
    return Markup("".join(out))


def _page(
    text: str, report: Report | None, error: str | None, status: int = 200
) -> Any:
    marked = marked_text(text, report.findings) if report else None
    return render_template(
        "taal.html",
        text=text,
        report=report,
        marked=marked,
        fout=error,
        user=current_user(),
        csrf=csrf_token(),
    ), status


@ui.get("/taal")
@signed_in
def language() -> Any:
    return _page("", None, None)


@ui.post("/taal")
@signed_in
def language_post() -> Any:
    upload = request.files.get("bestand")
    text = request.form.get("tekst", "")
    if upload is not None and upload.filename:
        try:
            text = docx_text(upload.read(), upload.filename)
        except InputFileError as e:
            return _page("", None, e.message, 422)
    if not text.strip():
        return _page("", None, "Plak een tekst of kies een Word-bestand (.docx).", 422)
    too_big = text_problems(text, "tekst")  # bounded work per request (issue 14)
    if too_big:
        return _page("", None, f"De tekst {too_big[0].message}.", 413)
    report = analyze(text, glossary=glossary_for(state().settings))
    return _page(text, report, None)


def _sample_reports() -> list[dict[str, Any]]:
    """Every template with the readability of the letters its samples make."""
    import json
    from pathlib import Path

    from letterforge.assess import assess_letter
    from letterforge.pipeline import build_letter, decode_request

    app = state()
    samples = Path(app.settings.template_dir).resolve().parent / "samples"
    rows = []
    for path in sorted(samples.glob("*.json")):
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
