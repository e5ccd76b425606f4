"""Findings as Word comments, at their place in the document that was checked.

python-docx (1.2 and later) writes the comments; we find where each finding is by
walking the document with the same walk read_docx used (docx_text.py), so the
report's offsets lead to the paragraph and the runs the finding is about. Word
stores a comment's range by whole runs, so the comment covers the runs the finding
touches. Findings outside the body (headers, footers, notes) and findings about the
whole text are put on the first paragraph of the body, saying where they are.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

import docx
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run

from letterforge.readability.docx_text import (
    SKIPPED,
    DocxText,
    local_name,
    paragraph_elements,
)
from letterforge.readability.report import Finding, Report
from letterforge.readability.text import normalise

AUTHOR = "Taalcheck B1"
INITIALS = "B1"
SEVERITY = {"error": "Fout", "warning": "Let op", "hint": "Tip"}
_PART_NAMES = {"header": "de koptekst", "footer": "de voettekst"}


def _paragraph_offsets(source: DocxText) -> list[tuple[int, int, int]]:
    """(start, end, index in source.paragraphs) of every paragraph in the text."""
    spans = []
    cursor = 0
    for index, paragraph in enumerate(source.paragraphs):
        if not paragraph.text.strip():
            continue
        length = len(normalise(paragraph.text))
        spans.append((cursor, cursor + length, index))
        cursor += length + 2  # the blank line between paragraphs
    return spans


def _runs(p: object) -> Iterator[tuple[object, int, int]]:
    """(w:r element, start, end) of the runs whose text the walk read, in order."""
    cursor = 0
    stack = [iter(p)]  # type: ignore[call-overload]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        name = local_name(child.tag)
        if name in SKIPPED or name == "txbxContent":
            continue
        if name == "r":
            length = 0
            for part in child.iter():
                kind = local_name(part.tag)
                if kind == "t":
                    length += len(normalise(part.text or ""))
                elif kind in ("br", "cr", "tab", "ptab", "noBreakHyphen"):
                    length += 1
            yield child, cursor, cursor + length
            cursor += length
        else:
            stack.append(iter(child))


def _message(finding: Finding, where: str = "") -> str:
    text = f"{SEVERITY[finding.severity]}: {finding.message} {finding.suggestion}"
    if finding.feature:
        text += f" (telt mee in de score bij: {finding.feature})"
    return f"{where}{text}"


def annotate_docx(content: bytes, source: DocxText, report: Report) -> bytes:
    """`content` (the .docx that was read into `source` and checked into `report`)
    with each finding as a Word comment. Returns the new .docx bytes."""
    document = docx.Document(io.BytesIO(content))
    body_parts = [p for p in source.paragraphs if p.part.endswith("document.xml")]
    walked = [element for _, element in paragraph_elements(document.element.body)]
    by_source = {id(p): walked[i] for i, p in enumerate(body_parts) if i < len(walked)}
    first = next(iter(walked), None)
    offsets = _paragraph_offsets(source)
    whole = len(report.text)
    for finding in report.findings:
        target = None
        where = ""
        if finding.end - finding.start < whole:
            for start, end, index in offsets:
                if start <= finding.start < end:
                    paragraph = source.paragraphs[index]
                    target = by_source.get(id(paragraph))
                    kind = re.sub(r"\d*\.xml$", "", paragraph.part.rsplit("/", 1)[-1])
                    if target is None:
                        where = f"In {_PART_NAMES.get(kind, 'een voetnoot')}: "
                    local = (finding.start - start, finding.end - start)
                    break
        if target is None:
            target, local = first, (0, 1 << 30)
        if target is None:
            continue
        anchor = DocxParagraph(target, document.part)  # type: ignore[arg-type]
        runs = [
            Run(r, anchor)  # type: ignore[arg-type]
            for r, s, e in _runs(target)
            if s < local[1] and e > local[0] and e > s
        ]
        if not runs:
            runs = [Run(r, anchor) for r, _, _ in _runs(target)]  # type: ignore[arg-type]
        if not runs:
            runs = [anchor.add_run("")]
        document.add_comment(
            runs, text=_message(finding, where), author=AUTHOR, initials=INITIALS
        )
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
