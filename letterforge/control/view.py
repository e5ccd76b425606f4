"""The reviewer's view of a stored letter: HTML made from the stored bytes.

A reviewer must approve what is sent, so this never composes or renders the letter
again (templates may have changed since); it reads the stored DOCX with python-docx
and shows its paragraphs, tables, headers and footers as escaped HTML. The view is
plain on purpose: it shows the words, in order, exactly as they are in the file.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

from docx import Document
from docx.document import Document as DocxDocument
from docx.table import Table
from docx.text.paragraph import Paragraph
from markupsafe import Markup, escape


def _paragraph(paragraph: Paragraph) -> Markup:
    text = paragraph.text
    if not text.strip():
        return Markup("")
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    tag = "h2" if style.lower().startswith(("heading", "kop", "title")) else "p"
    lines = Markup("<br>").join(escape(line) for line in text.split("\n"))
    return Markup(f"<{tag}>{lines}</{tag}>")


def _table(table: Table) -> Markup:
    rows = Markup("").join(
        Markup("<tr>")
        + Markup("").join(Markup("<td>%s</td>") % cell.text for cell in row.cells)
        + Markup("</tr>")
        for row in table.rows
    )
    return Markup("<table>%s</table>") % rows


def _body(document: DocxDocument) -> Iterator[Markup]:
    for block in document.iter_inner_content():
        yield _paragraph(block) if isinstance(block, Paragraph) else _table(block)


def _furniture(document: DocxDocument) -> Iterator[Markup]:
    seen: set[str] = set()
    for section in document.sections:
        for part in (section.first_page_header, section.header):
            for paragraph in part.paragraphs:
                if paragraph.text.strip() and paragraph.text not in seen:
                    seen.add(paragraph.text)
                    yield _paragraph(paragraph)


def docx_html(content: bytes) -> Markup:
    """The stored DOCX as HTML: headers first, then the body in document order."""
    document = Document(io.BytesIO(content))
    header = Markup("").join(_furniture(document))
    body = Markup("").join(_body(document))
    return Markup('<div class="lf-opgeslagen">%s%s</div>') % (header, body)


def stored_html(content: bytes, media_type: str) -> Markup:
    """HTML of a stored letter of either format (DOCX or plain text)."""
    if media_type.startswith("text/plain"):
        return Markup("<pre>%s</pre>") % content.decode("utf-8", errors="replace")
    return docx_html(content)
