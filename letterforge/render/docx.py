"""The product: a letter as a DOCX file, accessible and in Dutch.

The static parts come ready-made per sender (_docx_package.py); per letter we write
the body, the numbering of its ordered lists and the core properties, and zip them
with fixed timestamps and a fixed entry order, so the same letter gives the same
bytes every time (`letterforge letters reproduce` relies on that).
"""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

from letterforge.compose.furniture import later_page_line
from letterforge.compose.model import Letter
from letterforge.render._docx_body import BodyState, body_xml
from letterforge.render._docx_package import (
    LANGUAGE,
    LATER_PAGE_PLACEHOLDER,
    StaticPackage,
    static_package,
    write_zip_entries,
)

_CORE_NAMESPACES = (
    'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
    ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
    ' xmlns:dcterms="http://purl.org/dc/terms/"'
    ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
)
_XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def _core_properties(letter: Letter) -> str:
    """Title, subject, author and date: what a document system and a screen reader
    show. No personal data: the subject names the decision, not the person."""
    meta = letter.meta
    created = f"{meta.letter_date.isoformat()}T00:00:00Z"
    author = escape(letter.sender.name)
    fields = (
        f"<dc:title>{escape(meta.subject)}</dc:title>",
        f"<dc:subject>{escape(meta.subject)}</dc:subject>",
        f"<dc:creator>{author}</dc:creator>",
        f"<dc:identifier>{escape(meta.kenmerk)}</dc:identifier>",
        f"<cp:keywords>{escape(meta.template_id)} {meta.template_version}"
        "</cp:keywords>",
        f"<dc:language>{LANGUAGE}</dc:language>",
        f"<cp:lastModifiedBy>{author}</cp:lastModifiedBy>",
        "<cp:revision>1</cp:revision>",
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{created}</dcterms:created>',
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{created}</dcterms:modified>',
    )
    body = "".join(fields)
    return (
        f"{_XML_DECLARATION}<cp:coreProperties {_CORE_NAMESPACES}>{body}"
        "</cp:coreProperties>"
    )


def _letter_parts(letter: Letter, package: StaticPackage) -> dict[str, str]:
    state = BodyState(
        package.list_number_abstract_id,
        package.list_bullet_num_id,
        dict(package.pictograms),
        {name: (rel, size) for name, rel, size in package.figures},
    )
    body = body_xml(letter, state)
    document = (
        f"{package.document_head}{body}{package.section_properties}"
        "</w:body></w:document>"
    )
    closing = package.numbering.rindex("</w:numbering>")
    return {
        "word/document.xml": document,
        "word/numbering.xml": package.numbering[:closing]
        + state.xml()
        + package.numbering[closing:],
        "docProps/core.xml": _core_properties(letter),
        # Pages after the first repeat the date and our reference (issue 13).
        package.later_header_name: package.later_header_xml.replace(
            LATER_PAGE_PLACEHOLDER, escape(later_page_line(letter.meta))
        ),
    }


def render_docx(letter: Letter) -> bytes:
    """The letter as DOCX bytes; the same Letter always gives the same bytes."""
    package = static_package(letter.sender)
    # Appending to a copy of the ready zip saves compressing the shared parts again.
    buffer = io.BytesIO(package.base_zip)
    with zipfile.ZipFile(buffer, "a") as archive:
        own = _letter_parts(letter, package)
        write_zip_entries(archive, [(n, xml.encode("utf-8")) for n, xml in own.items()])
    return buffer.getvalue()
