"""Dates Word fills in itself (w:dayLong, w:monthLong, w:yearLong, ...): the
file holds no text for them, so the report names them instead of reading them
as empty (issue 15, second adviser)."""

from __future__ import annotations

import io

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from letterforge.readability.docx_text import UNREAD_PARTS, WORD_DATE, read_docx


@pytest.mark.parametrize(
    "parts",
    [
        ["dayLong", "monthLong", "yearLong"],
        ["dayShort"],
        ["monthShort", "yearShort"],
        [],
    ],
)
def test_word_dates_are_named(parts: list[str]) -> None:
    document = docx.Document()
    document.add_paragraph("Wij betalen u elke maand.")
    runs = "".join(
        f'<w:r><w:{p}/></w:r><w:r><w:t xml:space="preserve"> </w:t></w:r>'
        for p in parts
    )
    document.element.body.sectPr.addprevious(
        parse_xml(f"<w:p {nsdecls('w')}><w:r><w:t>Datum: </w:t></w:r>{runs}</w:p>")
    )
    out = io.BytesIO()
    document.save(out)
    notices = read_docx(out.getvalue()).notices()
    named = [n for n in notices if WORD_DATE in n]
    assert len(named) == (1 if parts else 0)
    assert UNREAD_PARTS not in notices  # pasting as plain text would not help
