"""Table cells deleted with tracked changes (w:cellDel) read as gone, like
deleted text, and the report says the file has tracked changes (issue 15)."""

from __future__ import annotations

import io

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from letterforge.readability.docx_text import TRACKED_CHANGES, read_docx

KEPT = "Wij betalen de huur."
GONE = "Deze cel is verwijderd."


@pytest.mark.parametrize(
    ("props", "read"),
    [
        ('<w:cellDel w:id="1" w:author="A" w:date="2026-01-01T00:00:00Z"/>', False),
        ('<w:cellIns w:id="1" w:author="A" w:date="2026-01-01T00:00:00Z"/>', True),
        ("", True),
    ],
)
def test_deleted_cell_is_left_out(props: str, read: bool) -> None:
    document = docx.Document()
    row = document.add_table(rows=1, cols=2).rows[0]
    row.cells[0].text = KEPT
    cell = row.cells[1]._tc
    if cell.tcPr is not None:
        cell.remove(cell.tcPr)
    cell.insert(0, parse_xml(f"<w:tcPr {nsdecls('w')}>{props}</w:tcPr>"))
    row.cells[1].paragraphs[0].add_run(GONE)
    out = io.BytesIO()
    document.save(out)
    result = read_docx(out.getvalue())
    assert KEPT in result.text
    assert (GONE in result.text) is read
    if not read:
        assert TRACKED_CHANGES in result.notices()
