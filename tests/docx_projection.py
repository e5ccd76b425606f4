"""A normalised view of a DOCX for tests: style and text per block, never bytes.

Each body paragraph becomes "Style | text" (bold runs marked with **), each table
row "Table | cell | cell", a line break " / " and a picture "[its alt text] ".
Golden files hold this projection, so a test fails on a changed word or style, not
on zip details.
"""

from __future__ import annotations

import io

import docx
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run


def _picture(run: Run) -> str:
    described = run._r.xpath(".//wp:docPr/@descr")
    return f"[{described[0]}] " if described else ""


def _paragraph(paragraph: DocxParagraph) -> str:
    pieces = []
    after_picture = False
    for run in paragraph.runs:
        picture = _picture(run)
        if picture or (after_picture and run.text == "\t"):
            # The tab that spaces the text from a picture is layout, not content.
            pieces.append(picture)
            after_picture = bool(picture)
            continue
        after_picture = False
        text = run.text.replace("\n", " / ")
        pieces.append(f"**{text}**" if run.bold and text else text)
    style = paragraph.style.name if paragraph.style is not None else "?"
    return f"{style} | {''.join(pieces)}"


def _table(table: DocxTable) -> list[str]:
    lines = []
    for index, row in enumerate(table.rows):
        kind = "Table header" if index == 0 else "Table"
        lines.append(" | ".join([kind, *(cell.text for cell in row.cells)]))
    return lines


def project(content: bytes) -> list[str]:
    """The body of the document in reading order, one line per paragraph/row."""
    document = docx.Document(io.BytesIO(content))
    lines: list[str] = []
    for item in document.iter_inner_content():
        if isinstance(item, DocxParagraph):
            if item.text.strip() or item._p.xpath(".//wp:docPr"):
                lines.append(_paragraph(item))
        else:
            lines += _table(item)
    return lines
