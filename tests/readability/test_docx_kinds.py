"""More kinds of Word content a communication team makes or receives (issue 15):
what Word shows is read, or the report names what was not read.

Each case was checked against LibreOffice (soffice --convert-to pdf, pdftotext)
when it was written; where LibreOffice and Word differ, Word is followed (noted
per case). Every file is built here with python-docx, lxml and zipfile.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from PIL import Image

from letterforge.readability import load_glossary
from letterforge.readability.annotate import annotate_docx
from letterforge.readability.docx_text import (
    CHUNK_ELSEWHERE,
    FORMULA_ADVICE,
    HIDDEN_TEXT,
    NOTHING_READABLE,
    TRACKED_CHANGES,
    UNREAD_PARTS,
    comments_notice,
    empty_reason,
    read_docx,
)
from letterforge.readability.language import analyze_dutch

GLOSSARY = load_glossary(Path(__file__).resolve().parents[2] / "glossary")
_NS = (
    f"{nsdecls('w', 'r')}"
    ' xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"'
    ' xmlns:v="urn:schemas-microsoft-com:vml"'
    ' xmlns:o="urn:schemas-microsoft-com:office:office"'
)
INTRO = "U krijgt deze brief omdat u geld van ons krijgt."
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def _save(document: docx.document.Document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _r(text: str, rpr: str = "") -> str:
    return f'<w:r><w:rPr>{rpr}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


def _file(*paragraphs: str) -> bytes:
    """The intro paragraph, then w:p elements with the given inner XML."""
    document = docx.Document()
    document.add_paragraph(INTRO)
    for inner in paragraphs:
        element = parse_xml(f"<w:p {_NS}>{inner}</w:p>")
        document.element.body.sectPr.addprevious(element)
    return _save(document)


def _with_part(
    content: bytes,
    part: str,
    kind: str,
    data: bytes,
    rel_id: str = "rId900",
    media: str = "application/xml",
) -> bytes:
    """`content` with one more part, related to the main part as `kind`."""
    with zipfile.ZipFile(io.BytesIO(content)) as source:
        items = {i.filename: source.read(i.filename) for i in source.infolist()}
    items[part] = data
    items["[Content_Types].xml"] = items["[Content_Types].xml"].replace(
        b"</Types>",
        f'<Override PartName="/{part}" ContentType="{media}"/></Types>'.encode(),
    )
    target = part.removeprefix("word/")
    items["word/_rels/document.xml.rels"] = items[
        "word/_rels/document.xml.rels"
    ].replace(
        b"</Relationships>",
        f'<Relationship Id="{rel_id}" Type="{_REL}{kind}" Target="{target}"/>'
        "</Relationships>".encode(),
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, value in items.items():
            archive.writestr(name, value)
    return out.getvalue()


def _png() -> io.BytesIO:
    out = io.BytesIO()
    Image.new("RGB", (40, 20), "white").save(out, "PNG")
    out.seek(0)
    return out


def _picture(descr: str, intro: bool = True) -> bytes:
    document = docx.Document()
    if intro:
        document.add_paragraph(INTRO)
    document.add_picture(_png())
    if descr:
        document.inline_shapes[0]._inline.docPr.set("descr", descr)
    return _save(document)


def _glossary() -> bytes:
    """A building block (glossary document part): stored, never shown."""
    block = (
        f"<w:glossaryDocument {_NS}><w:docParts><w:docPart><w:docPartPr><w:name"
        ' w:val="x"/></w:docPartPr><w:docPartBody><w:p><w:r><w:t>Bouwsteen'
        " krachtens de wet.</w:t></w:r></w:p></w:docPartBody></w:docPart>"
        "</w:docParts></w:glossaryDocument>"
    )
    return _with_part(
        _file(), "word/glossary/document.xml", "glossaryDocument", block.encode()
    )


def _header_comment() -> bytes:
    """A header with a comment on it: the header is read, the comment is not."""
    document = docx.Document()
    document.add_paragraph(INTRO)
    header = document.sections[0].header.paragraphs[0]
    header.text = "Kop met opmerking."
    header._p.append(parse_xml(f'<w:r {_NS}><w:commentReference w:id="0"/></w:r>'))
    comments = (
        f'<w:comments {_NS}><w:comment w:id="0" w:author="a"><w:p><w:r><w:t>'
        "Opmerking krachtens de wet.</w:t></w:r></w:p></w:comment></w:comments>"
    )
    media = "application/vnd.openxmlformats-officedocument.wordprocessingml"
    return _with_part(
        _save(document),
        "word/comments.xml",
        "comments",
        comments.encode(),
        media=f"{media}.comments+xml",
    )


def _inserted_word() -> bytes:
    """A Word file inserted in the letter as an altChunk (Insert > Text from file
    keeps it so in some tools); Word shows its text in place."""
    inner = docx.Document()
    inner.add_paragraph("Ingevoegd: wij betalen alsmede de huur.")
    document = docx.Document()
    document.add_paragraph(INTRO)
    document.element.body.sectPr.addprevious(
        parse_xml(f'<w:altChunk {nsdecls("w", "r")} r:id="rId901"/>')
    )
    media = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    return _with_part(
        _save(document),
        "word/inserted.docx",
        "aFChunk",
        _save(inner),
        "rId901",
        f"{media}.main+xml",
    )


_WINGDINGS = '<w:rFonts w:ascii="Wingdings" w:hAnsi="Wingdings"/>'
_RUBY = (
    '<w:r><w:ruby><w:rubyPr><w:rubyAlign w:val="center"/></w:rubyPr><w:rt><w:r>'
    "<w:t>bij-stand</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>bijstand</w:t></w:r>"
    "</w:rubyBase></w:ruby></w:r>"
)
_FRAME = (
    '<w:pPr><w:framePr w:w="3000" w:h="1000" w:wrap="around" w:vAnchor="text"'
    ' w:hAnchor="page" w:x="6000" w:y="100"/></w:pPr>'
)
_FRACTION = (
    "<m:oMath><m:f><m:num><m:r><m:t>a</m:t></m:r></m:num><m:den><m:r><m:t>b</m:t>"
    "</m:r></m:den></m:f></m:oMath>"
)


def _subdocument() -> bytes:
    content = _file(_r("Tussen ") + '<w:subDoc r:id="rIdSub"/>' + _r(" einde."))
    with zipfile.ZipFile(io.BytesIO(content)) as source:
        items = {i.filename: source.read(i.filename) for i in source.infolist()}
    items["word/_rels/document.xml.rels"] = items[
        "word/_rels/document.xml.rels"
    ].replace(
        b"</Relationships>",
        f'<Relationship Id="rIdSub" Type="{_REL}subDocument" Target="file:///C:/deel2'
        '.docx" TargetMode="External"/></Relationships>'.encode(),
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, value in items.items():
            archive.writestr(name, value)
    return out.getvalue()


def _old_section_header() -> bytes:
    """A header that only the earlier section properties of a tracked change
    (w:sectPrChange) refer to: Word does not show it."""
    document = docx.Document()
    document.add_paragraph(INTRO)
    document.sections[0].header.paragraphs[0].text = "Oude kop krachtens de wet."
    section = document.sections[0]._sectPr
    reference = section.find(qn("w:headerReference"))
    section.remove(reference)
    change = parse_xml(
        f'<w:sectPrChange {_NS} w:id="5" w:author="a"><w:sectPr/></w:sectPrChange>'
    )
    change[0].append(reference)
    section.append(change)
    return _save(document)


def _chunk_in_header() -> bytes:
    document = docx.Document()
    document.add_paragraph(INTRO)
    header = document.sections[0].header
    header.paragraphs[0].text = "Kop."
    header._element.append(parse_xml(f'<w:altChunk {_NS} r:id="rId77"/>'))
    return _save(document)


_NOT_READ = "Niet gelezen: {}."
_PICTURE = "Let op: dit bestand heeft 1 afbeelding. Tekst in een afbeelding hebben wij niet gelezen."  # noqa: E501

# (name, file, the paragraphs read after the intro, notices that must be there)
CASES: list[tuple[str, Callable[[], bytes], list[str], list[str]]] = [
    # Tracked changes: moved-away text out, moved-to text in, once.
    ("verplaatst", lambda: _file(
        _r("Wij betalen ") + '<w:moveFrom w:id="1" w:author="a">' + _r("oud stuk ")
        + "</w:moveFrom>" + _r("de huur."),
        '<w:moveTo w:id="2" w:author="a">' + _r("Verplaatst stuk.") + "</w:moveTo>",
    ), ["Wij betalen de huur.", "Verplaatst stuk."], [TRACKED_CHANGES]),
    # An insertion that was deleted again (w:del in w:ins) is gone.
    ("weg-in-nieuw", lambda: _file(
        _r("Wij betalen ") + '<w:ins w:id="1" w:author="a">' + _r("nieuw ")
        + '<w:del w:id="2" w:author="b"><w:r><w:delText xml:space="preserve">en weer'
        " weg </w:delText></w:r></w:del></w:ins>" + _r("de huur."),
    ), ["Wij betalen nieuw de huur."], [TRACKED_CHANGES]),
    # An equation is named, not misread as "ab" (LibreOffice draws it as an object).
    # Pasting as plain text does not help for an equation: its own advice.
    ("formule", lambda: _file(_r("Formule: ") + _FRACTION + _r(" is het deel.")),
     ["Formule:  is het deel."], [_NOT_READ.format("een formule"), FORMULA_ADVICE]),
    # Each equation counted: two inline, and two in one display paragraph.
    ("formules", lambda: _file(_r("Formule: ") + _FRACTION + _r(" en ") + _FRACTION),
     ["Formule:  en "], [_NOT_READ.format("2 formules"), FORMULA_ADVICE]),
    ("formuleblok", lambda: _file(
        _r("Blok: ") + f"<m:oMathPara>{_FRACTION}{_FRACTION}</m:oMathPara>"
        + _FRACTION),
     ["Blok: "], [_NOT_READ.format("3 formules"), FORMULA_ADVICE]),
    # w:webHidden hides only in a web view; Word prints it (TOC page numbers).
    ("webhidden", lambda: _file(_r("Gewoon te zien.", "<w:webHidden/>")),
     ["Gewoon te zien."], []),
    # w:specVanish always hides (Word; LibreOffice shows it): left out and said.
    ("specvanish", lambda: _file(_r("Speciaal verborgen.", "<w:specVanish/>") + _r("Te zien.")),  # noqa: E501
     ["Te zien."], [HIDDEN_TEXT]),
    # Wrappers are read through.
    ("smarttag-customxml", lambda: _file(
        '<w:smartTag w:uri="urn:x" w:element="place">' + _r("Utrecht ")
        + "</w:smartTag>"
        '<w:customXml w:element="naam">' + _r("is een stad.") + "</w:customXml>",
    ), ["Utrecht is een stad."], []),
    ("bdo-dir", lambda: _file(
        '<w:bdo w:val="rtl">' + _r("Tekst in bdo. ") + '</w:bdo><w:dir w:val="ltr">'
        + _r("Tekst in dir.") + "</w:dir>",
    ), ["Tekst in bdo. Tekst in dir."], []),
    ("kader", lambda: _file(_FRAME + _r("Tekst in een kader.")), ["Tekst in een kader."], []),  # noqa: E501
    # A simple field's result, a positional tab, a non-breaking hyphen.
    ("veld-tab-koppelteken", lambda: _file(
        '<w:fldSimple w:instr=" AUTHOR ">' + _r("Team Inkomen") + "</w:fldSimple>"
        + _r(" schreef") + '<w:r><w:ptab w:relativeTo="margin" w:alignment="right"'
        ' w:leader="none"/></w:r>' + _r("op 1") + "<w:r><w:noBreakHyphen/></w:r>"
        + _r("3."),
    ), ["Team Inkomen schreef op 1-3."], []),
    # Letters in a symbol font are the symbols Word shows, not "ü" and "þ".
    ("symboolletter", lambda: _file(
        _r("Klaar ") + _r("\u00fc", _WINGDINGS) + _r(" en ") + _r("\u00fe", _WINGDINGS)
        + _r(" en ") + _r("\u0021", _WINGDINGS) + _r("."),
    ), ["Klaar ✔ en ☑ en □."], []),
    # A building block (glossary part) is not shown, so not read.
    ("bouwsteen", _glossary, [], []),
    # A comment is a note to the writer, not letter text, but Word shows it:
    # named, not read; the header is read.
    ("opmerking-in-kop", _header_comment, ["Kop met opmerking."], [comments_notice(1)]),
    # Pictures: named, with their description.
    ("afbeelding-met-alt", lambda: _picture("Kaart van de wijk."), [],
     [_PICTURE + " Beschrijving: 'Kaart van de wijk.'"]),
    ("afbeelding-zonder-alt", lambda: _picture(""), [], [_PICTURE]),
    # Ruby: the base text only.
    ("ruby", lambda: _file(_r("Wij geven u ") + _RUBY + _r(".")), ["Wij geven u bijstand (bij-stand)."], []),  # noqa: E501
    # Capitals by formatting, as shown.
    ("hoofdletters", lambda: _file(_r("let op: dit is uw laatste kans.", "<w:caps/>")),
     ["LET OP: DIT IS UW LAATSTE KANS."], []),
    # A master document's subdocument: its text is in another file; named.
    ("subdocument", _subdocument, ["Tussen  einde."],
     [UNREAD_PARTS, _NOT_READ.format("een subdocument")]),
    # Section properties from before a tracked change are not in force.
    ("oude-sectie", _old_section_header, [], []),
    # A file inserted in a header: named, not passed over.
    ("ingevoegd-in-kop", _chunk_in_header, ["Kop."],
     [UNREAD_PARTS, _NOT_READ.format(CHUNK_ELSEWHERE)]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("make", "read", "notices"),
    [pytest.param(m, r, n, id=name) for name, m, r, n in CASES],
)
def test_what_word_shows_is_read_or_named(
    make: Callable[[], bytes], read: list[str], notices: list[str]
) -> None:
    content = make()
    found = read_docx(content)
    texts = [p.text for p in found.paragraphs if p.text.strip()]
    assert [t for t in texts if t != INTRO] == read
    assert found.notices() == notices
    # The file can be commented on: no traceback, Dutch comments only.
    report, _ = analyze_dutch(found.text, glossary=GLOSSARY)
    annotated = docx.Document(io.BytesIO(annotate_docx(content, found, report)))
    ours = [c for c in annotated.comments if c.author == "Taalcheck B1"]
    findings = {(f.rule, f.start, f.end, f.message) for f in report.findings}
    assert len(ours) == len(findings) + len(found.notices())


def test_a_file_with_only_a_picture_says_so() -> None:
    found = read_docx(_picture("Brief als foto: u moet betalen voor 1 maart.", False))
    assert found.text == ""
    assert empty_reason(found, "Er staat geen tekst in dit bestand.") == (
        f"{NOTHING_READABLE} Let op: dit bestand heeft 1 afbeelding. Tekst in een"
        " afbeelding hebben wij niet gelezen. Beschrijving: 'Brief als foto: u moet"
        " betalen voor 1 maart.'"
    )


def test_a_comment_after_an_equation_lands_on_its_word() -> None:
    content = _file(_r("Formule: ") + _FRACTION + _r(" wij betalen alsmede de huur."))
    found = read_docx(content)
    report, _ = analyze_dutch(found.text, glossary=GLOSSARY)
    annotated = docx.Document(io.BytesIO(annotate_docx(content, found, report)))
    covered: dict[str, str] = {}
    open_ids: set[str] = set()
    for element in annotated.element.body.iter():
        if element.tag == qn("w:commentRangeStart"):
            open_ids.add(element.get(qn("w:id")))
        elif element.tag == qn("w:commentRangeEnd"):
            open_ids.discard(element.get(qn("w:id")))
        elif element.tag == qn("w:t"):
            for comment_id in open_ids:
                covered[comment_id] = covered.get(comment_id, "") + (element.text or "")
    assert "alsmede" in covered.values()


def test_a_word_file_inserted_as_altchunk_is_read() -> None:
    content = _inserted_word()
    found = read_docx(content)
    texts = [p.text for p in found.paragraphs if p.text.strip()]
    assert texts == [INTRO, "Ingevoegd: wij betalen alsmede de huur."]
    assert found.notices() == []
    # The inserted .docx is carried as bytes: the file gets its comments
    # (tests/readability/test_altchunks.py has the kinds of inserted files).
    report, _ = analyze_dutch(found.text, glossary=GLOSSARY)
    annotated = docx.Document(io.BytesIO(annotate_docx(content, found, report)))
    assert any(c.author == "Taalcheck B1" for c in annotated.comments)
