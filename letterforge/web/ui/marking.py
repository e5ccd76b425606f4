"""Findings marked in the checked text by their offsets: one function for every page.

Offsets are character offsets into the report's (normalised) text, so marking never
searches for words in HTML: a word that occurs twice, or inside markup, cannot be
marked in the wrong place or break the page. Everything is escaped.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from letterforge.readability import Report


def marked_text(report: Report, *, hints: bool = True) -> Markup:
    """The report's text, escaped, each finding's span in a numbered <mark>.

    Numbers follow report.findings (as the list below the text shows them).
    Overlapping spans and findings about the whole text are listed, not marked.
    """
    text = report.text
    out: list[str] = []
    cursor = 0
    for number, finding in enumerate(report.findings, start=1):
        if not hints and finding.severity == "hint":
            continue
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
