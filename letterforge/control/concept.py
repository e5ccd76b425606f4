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
# A text box at a fixed place near the top edge of the page, as a run in the
# header's first paragraph: it takes no line of its own, so the body starts
# where it starts in the final letter and the preview breaks its pages at the
# same lines as the final letter (a paragraph of its own pushed the body down).
_RUN = (
    '<w:r><w:pict><v:shape id="concept" stroked="f" '
    'filled="f" style="position:absolute;mso-position-horizontal:center;'
    "mso-position-horizontal-relative:page;margin-top:8pt;"
    'mso-position-vertical-relative:page;width:480pt;height:18pt;z-index:10">'
    '<v:textbox inset="0,0,0,0"><w:txbxContent><w:p><w:pPr><w:jc w:val="center"/>'
    '</w:pPr><w:r><w:rPr><w:b/><w:color w:val="C00000"/></w:rPr>'
    f'<w:t xml:space="preserve">{CONCEPT_TEXT}</w:t></w:r></w:p></w:txbxContent>'
    '</v:textbox><w10:wrap type="none"/></v:shape></w:pict></w:r>'
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
                end = xml.index("</w:p>")  # the header's first paragraph
                data = (xml[:end] + _RUN + xml[end:]).encode("utf-8")
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
