"""Marking a preview as CONCEPT on every page, for letters that wait for a check.

`letterforge render` and `letterforge batch` are not registered, so a letter that
needs a second person cannot become final there; they still write the document, as
a preview that says CONCEPT in the header of every page (first page and the rest).
We change the finished DOCX rather than the renderer: the final letter's bytes
stay exactly what the renderer makes.
"""

from __future__ import annotations

import io
import re
import zipfile

CONCEPT_TEXT = "CONCEPT – niet versturen: deze brief wacht op controle door een collega"
_HEADER_PART = re.compile(r"^word/header\d*\.xml$")
_PARAGRAPH = (
    '<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/>'
    '<w:color w:val="C00000"/></w:rPr>'
    f'<w:t xml:space="preserve">{CONCEPT_TEXT}</w:t></w:r></w:p>'
)


def mark_docx(content: bytes) -> bytes:
    """The DOCX with CONCEPT_TEXT added to every header part (all pages)."""
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if _HEADER_PART.match(info.filename):
                xml = data.decode("utf-8")
                closing = xml.rindex("</w:hdr>")
                data = (xml[:closing] + _PARAGRAPH + xml[closing:]).encode("utf-8")
            target.writestr(info, data)
    return buffer.getvalue()


def mark_text(content: bytes) -> bytes:
    """Plain text has no pages: the mark goes first and last."""
    line = f"*** {CONCEPT_TEXT} ***\n".encode()
    return line + b"\n" + content + b"\n" + line


def mark(content: bytes, media_type: str) -> bytes:
    if media_type.startswith("text/plain"):
        return mark_text(content)
    return mark_docx(content)
