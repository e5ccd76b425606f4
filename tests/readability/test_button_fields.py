"""MACROBUTTON, GOTOBUTTON and AUTOTEXTLIST fields (issue 15, second adviser).

They have no result part: the text Word shows is an argument of the field code
(ECMA-376 Part 1 §17.16.5). That text is a prompt of a template, so it is
named as a field not yet filled in and not scored, like an unfilled content
control, wherever it stands: body, table, text box, header. Files are built
here with python-docx and lxml, as complex fields (w:fldChar/w:instrText) and
as simple fields (w:fldSimple).
"""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from letterforge.readability import analyze, load_glossary
from letterforge.readability.annotate import annotate_docx
from letterforge.readability.docx_text import button_text, placeholder_notice, read_docx

GLOSSARY = load_glossary(Path(__file__).resolve().parents[2] / "glossary")
AROUND = "Wij betalen u elke maand."


def _complex(code: str, result: str = "") -> str:
    middle = (
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r><w:t>{result}</w:t></w:r>"
        if result
        else ""
    )
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve">{code}</w:instrText></w:r>'
        f'{middle}<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def _simple(code: str, result: str = "") -> str:
    inner = f"<w:r><w:t>{result}</w:t></w:r>" if result else ""
    return f'<w:fldSimple w:instr="{code}">{inner}</w:fldSimple>'


def _paragraph(field: str) -> str:
    return (
        f'<w:p {nsdecls("w")}><w:r><w:t xml:space="preserve">Naam: </w:t></w:r>'
        f"{field}</w:p>"
    )


def _body(document: docx.document.Document, xml: str) -> None:
    document.element.body.sectPr.addprevious(parse_xml(xml))


def _table(document: docx.document.Document, xml: str) -> None:
    cell = document.add_table(rows=1, cols=1).cell(0, 0)
    cell._tc.append(parse_xml(xml))


def _text_box(document: docx.document.Document, xml: str) -> None:
    box = (
        f'<w:p {nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml"><w:r><w:pict>'
        f"<v:shape><v:textbox><w:txbxContent>{xml}</w:txbxContent></v:textbox>"
        "</v:shape></w:pict></w:r></w:p>"
    )
    _body(document, box)


def _header(document: docx.document.Document, xml: str) -> None:
    document.sections[0].header._element.append(parse_xml(xml))


_CODES = [
    # (field code, the display text Word shows)
    ("MACROBUTTON NoMacro [Klik hier en typ de naam]", "[Klik hier en typ de naam]"),
    ("GOTOBUTTON bijlage1 Ga naar de bijlage", "Ga naar de bijlage"),
    (
        'AUTOTEXTLIST "Kies een aanhef" \\s Aanhef \\t "Kies uit de lijst"',
        "Kies een aanhef",
    ),
    ("  macrobutton   AcceptAllChangesShown   Vul het bedrag in ", "Vul het bedrag in"),
]
_PLACES = {"body": _body, "tabel": _table, "tekstvak": _text_box, "koptekst": _header}


@pytest.mark.parametrize("kind", [_complex, _simple])
@pytest.mark.parametrize("place", list(_PLACES))
@pytest.mark.parametrize(("code", "shown"), _CODES)
def test_button_text_is_named_as_unfilled_and_not_scored(
    kind: object, place: str, code: str, shown: str
) -> None:
    document = docx.Document()
    document.add_paragraph(AROUND)
    # A stale result (Word writes none) must not be read as letter text either.
    field = kind(code.replace('"', "&quot;") if kind is _simple else code, "Oud")  # type: ignore[operator]
    _PLACES[place](document, _paragraph(field))
    out = io.BytesIO()
    document.save(out)
    read = read_docx(out.getvalue())
    assert read.placeholders == (shown,)
    assert placeholder_notice(shown) in read.notices()
    assert shown not in read.text
    assert "Oud" not in read.text
    assert "Naam:" in read.text and AROUND in read.text
    # The notice reaches the Word file as a comment too.
    report = analyze(read.text, glossary=GLOSSARY)
    annotated = annotate_docx(out.getvalue(), read, report)
    comments = docx.Document(io.BytesIO(annotated)).comments
    assert placeholder_notice(shown) in [c.text for c in comments]


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("MACROBUTTON NoMacro Typ hier", "Typ hier"),
        ("MACROBUTTON NoMacro", ""),
        ("GOTOBUTTON  bm  Ga verder ", "Ga verder"),
        ('AUTOTEXTLIST "Met vriendelijke groet"', "Met vriendelijke groet"),
        ("AUTOTEXTLIST Aanhef \\s Stijl", "Aanhef"),
        ("AUTOTEXTLIST \\s Stijl", ""),
        ("MERGEFIELD naam", None),
        ('DATE \\@ "d MMMM yyyy"', None),
        ("", None),
    ],
)
def test_button_text_reads_the_display_argument(
    code: str, expected: str | None
) -> None:
    assert button_text(code) == expected


def test_other_fields_still_show_their_result() -> None:
    document = docx.Document()
    _body(document, _paragraph(_complex("MERGEFIELD naam", "Jansen")))
    _body(document, _paragraph(_simple("MERGEFIELD plaats", "Utrecht")))
    out = io.BytesIO()
    document.save(out)
    read = read_docx(out.getvalue())
    assert read.placeholders == ()
    assert "Jansen" in read.text and "Utrecht" in read.text


def test_a_button_inside_another_fields_code_is_not_named() -> None:
    # IF { MACROBUTTON … } …: the inner field is part of the outer code; Word
    # shows the IF's result only.
    nested = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve">IF 1 = 1 </w:instrText></w:r>'
        + _complex("MACROBUTTON NoMacro Typ hier")
        + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        "<w:r><w:t>Ja</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    document = docx.Document()
    _body(document, _paragraph(nested))
    out = io.BytesIO()
    document.save(out)
    read = read_docx(out.getvalue())
    assert read.placeholders == ()
    assert "Naam: Ja" in read.text
