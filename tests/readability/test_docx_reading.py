"""Word reading gaps of the second adviser (issue 15, findings 1-4, 7, 8).

Text hidden by a table style (with conditional formatting), the label of list
numbering, headers carried over from an earlier section, language marks
(w:lang), ruby guide text and capitals by formatting. Every file is built here
with python-docx and lxml.
"""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_SECTION
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from letterforge.readability import analyze, load_glossary
from letterforge.readability.annotate import annotate_docx
from letterforge.readability.docx_text import HIDDEN_TEXT, read_docx
from letterforge.readability.language import analyze_dutch

GLOSSARY = load_glossary(Path(__file__).resolve().parents[2] / "glossary")
W = nsdecls("w")
INTRO = "U krijgt deze brief omdat u geld van ons krijgt."


def _save(document: docx.document.Document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _style(document: docx.document.Document, xml: str) -> None:
    """Add a w:style, with a w:name first as Word writes it (LibreOffice ignores
    a style without a name)."""
    style = parse_xml(xml.replace("W", W, 1))
    style.insert(0, parse_xml(f'<w:name {W} w:val="{style.get(qn("w:styleId"))}"/>'))
    document.styles.element.append(style)


def _body(document: docx.document.Document, xml: str) -> None:
    """Put WordprocessingML (w: prefix) before the body's section properties."""
    element = parse_xml(xml.replace("W", W, 1))
    document.element.body.sectPr.addprevious(element)


def _comment_ranges(content: bytes) -> list[str]:
    """The text each comment covers, in document order."""
    document = docx.Document(io.BytesIO(content))
    ranges: dict[str, str] = {}
    open_ids: set[str] = set()
    for element in document.element.body.iter():
        if element.tag == qn("w:commentRangeStart"):
            open_ids.add(element.get(qn("w:id")))
        elif element.tag == qn("w:commentRangeEnd"):
            open_ids.discard(element.get(qn("w:id")))
        elif element.tag == qn("w:t"):
            for comment_id in open_ids:
                ranges[comment_id] = ranges.get(comment_id, "") + (element.text or "")
    return list(ranges.values())


# --- 1. Table styles (ECMA-376 Part 1 §17.7.2, §17.7.6) ---------------------

_HIDE = "<w:rPr><w:vanish/></w:rPr>"


def _table_file(style: str, look: str, rows: int = 4, cols: int = 3) -> bytes:
    """A table of rows x cols, cell text 'r{row}k{col}', with table style
    "T" (`style`: the w:style's inner XML) and `look` (a w:tblLook or "")."""
    document = docx.Document()
    document.add_paragraph(INTRO)
    _style(document, f'<w:style W w:type="table" w:styleId="T">{style}</w:style>')
    _style(
        document,
        '<w:style W w:type="table" w:styleId="Basis"><w:rPr><w:vanish/></w:rPr>'
        "</w:style>",
    )
    table = document.add_table(rows=rows, cols=cols)
    _no_look(table)
    table._tbl.tblPr.insert(0, parse_xml(f'<w:tblStyle {W} w:val="T"/>'))
    if look:
        table._tbl.tblPr.append(parse_xml(look.replace("W", W, 1)))
    for r in range(rows):
        for c in range(cols):
            table.cell(r, c).text = f"r{r}k{c}"
    return _save(document)


def _no_look(table: docx.table.Table) -> None:
    """Take out python-docx's own w:tblLook, so the test's look is the only one."""
    for look in table._tbl.tblPr.findall(qn("w:tblLook")):
        table._tbl.tblPr.remove(look)


def _cells(kind: str, where: str) -> str:
    return f'<w:tblStylePr w:type="{kind}">{where}</w:tblStylePr>'


_ALL = {f"r{r}k{c}" for r in range(4) for c in range(3)}
_ATTR = (
    '<w:tblLook W w:firstRow="{}" w:lastRow="{}" w:firstColumn="{}"'
    ' w:lastColumn="{}" w:noHBand="{}" w:noVBand="{}"/>'
)


@pytest.mark.parametrize(
    ("style", "look", "hidden"),
    [
        # The whole table, directly and through basedOn.
        (_HIDE, "", _ALL),
        ('<w:basedOn w:val="Basis"/>', "", _ALL),
        ('<w:basedOn w:val="Basis"/><w:rPr><w:vanish w:val="0"/></w:rPr>', "", set()),
        # firstRow: attribute form, old bitmask form, switched off.
        (
            _cells("firstRow", _HIDE),
            _ATTR.format(1, 0, 0, 0, 1, 1),
            {"r0k0", "r0k1", "r0k2"},
        ),
        (
            _cells("firstRow", _HIDE),
            '<w:tblLook W w:val="0020"/>',
            {"r0k0", "r0k1", "r0k2"},
        ),
        (
            _cells("firstRow", _HIDE),
            '<w:tblLook W w:val="04A0"/>',
            {"r0k0", "r0k1", "r0k2"},
        ),
        (_cells("firstRow", _HIDE), _ATTR.format(0, 0, 0, 0, 1, 1), set()),
        # No w:tblLook: Word's default for a new table (04A0), as LibreOffice reads it.
        (_cells("firstRow", _HIDE), "", {"r0k0", "r0k1", "r0k2"}),
        (
            _cells("band1Horz", _HIDE),
            "",
            {"r1k0", "r1k1", "r1k2", "r3k0", "r3k1", "r3k2"},
        ),
        (_cells("band1Vert", _HIDE), "", set()),
        (
            _cells("lastRow", _HIDE),
            _ATTR.format(0, 1, 0, 0, 1, 1),
            {"r3k0", "r3k1", "r3k2"},
        ),
        (
            _cells("firstCol", _HIDE),
            _ATTR.format(0, 0, 1, 0, 1, 1),
            {"r0k0", "r1k0", "r2k0", "r3k0"},
        ),
        (
            _cells("lastCol", _HIDE),
            '<w:tblLook W w:val="0100"/>',
            {"r0k2", "r1k2", "r2k2", "r3k2"},
        ),
        # Bands: after a header row, band 1 is rows 1 and 3; without, rows 0 and 2.
        (
            _cells("band1Horz", _HIDE),
            _ATTR.format(1, 0, 0, 0, 0, 1),
            {"r1k0", "r1k1", "r1k2", "r3k0", "r3k1", "r3k2"},
        ),
        (
            _cells("band2Horz", _HIDE),
            _ATTR.format(0, 0, 0, 0, 0, 1),
            {"r1k0", "r1k1", "r1k2", "r3k0", "r3k1", "r3k2"},
        ),
        (_cells("band1Horz", _HIDE), _ATTR.format(0, 0, 0, 0, 1, 1), set()),
        (
            _cells("band1Vert", _HIDE),
            _ATTR.format(0, 0, 0, 0, 1, 0),
            {"r0k0", "r1k0", "r2k0", "r3k0", "r0k2", "r1k2", "r2k2", "r3k2"},
        ),
        # The stronger condition wins: a shown first row over hidden bands.
        (
            _cells("band1Horz", _HIDE)
            + _cells("firstRow", '<w:rPr><w:vanish w:val="0"/></w:rPr>'),
            _ATTR.format(1, 0, 0, 0, 0, 1),
            {"r1k0", "r1k1", "r1k2", "r3k0", "r3k1", "r3k2"},
        ),
        (
            _HIDE + _cells("firstRow", '<w:rPr><w:vanish w:val="0"/></w:rPr>'),
            _ATTR.format(1, 0, 0, 0, 1, 1),
            _ALL - {"r0k0", "r0k1", "r0k2"},
        ),
        # Conditional formatting through basedOn.
        ('<w:basedOn w:val="Kop"/>', _ATTR.format(1, 0, 0, 0, 1, 1), set()),
    ],
)
def test_text_a_table_style_hides_is_left_out(
    style: str, look: str, hidden: set[str]
) -> None:
    read = read_docx(_table_file(style, look))
    shown = {p.text for p in read.paragraphs if p.text.startswith("r")}
    assert shown == _ALL - hidden
    assert (HIDDEN_TEXT in read.notices()) == bool(hidden)


def test_a_conditional_style_from_the_base_table_style_counts() -> None:
    document = docx.Document()
    _style(
        document,
        f'<w:style W w:type="table" w:styleId="Kop">{_cells("firstRow", _HIDE)}'
        "</w:style>",
    )
    _style(
        document,
        '<w:style W w:type="table" w:styleId="T"><w:basedOn w:val="Kop"/></w:style>',
    )
    table = document.add_table(rows=2, cols=1)
    _no_look(table)
    table._tbl.tblPr.insert(0, parse_xml(f'<w:tblStyle {W} w:val="T"/>'))
    table._tbl.tblPr.append(parse_xml(f'<w:tblLook {W} w:firstRow="1"/>'))
    table.cell(0, 0).text = "Kop krachtens de wet."
    table.cell(1, 0).text = "Rij."
    assert read_docx(_save(document)).text == "Rij."


@pytest.mark.parametrize(
    ("paragraph", "run", "shown"),
    [
        ("", "", False),
        # The paragraph style and direct formatting come after the table style.
        ('<w:pPr><w:pStyle w:val="Zichtbaar"/></w:pPr>', "", True),
        ("", '<w:rPr><w:vanish w:val="0"/></w:rPr>', True),
    ],
)
def test_the_table_style_comes_before_paragraph_style_and_direct(
    paragraph: str, run: str, shown: bool
) -> None:
    document = docx.Document()
    document.add_paragraph(INTRO)
    _style(document, f'<w:style W w:type="table" w:styleId="T">{_HIDE}</w:style>')
    _style(
        document,
        '<w:style W w:type="paragraph" w:styleId="Zichtbaar"><w:rPr>'
        '<w:vanish w:val="0"/></w:rPr></w:style>',
    )
    table = document.add_table(rows=1, cols=1)
    table._tbl.tblPr.insert(0, parse_xml(f'<w:tblStyle {W} w:val="T"/>'))
    cell = table.cell(0, 0)._tc
    cell.remove(cell[-1])
    cell.append(
        parse_xml(f"<w:p {W}>{paragraph}<w:r>{run}<w:t>Celtekst.</w:t></w:r></w:p>")
    )
    assert ("Celtekst." in read_docx(_save(document)).text) is shown


def test_no_comment_lands_on_text_a_table_style_hides() -> None:
    document = docx.Document()
    document.add_paragraph(INTRO)
    _style(
        document,
        f'<w:style W w:type="table" w:styleId="T">{_cells("firstRow", _HIDE)}'
        "</w:style>",
    )
    table = document.add_table(rows=2, cols=1)
    _no_look(table)
    table._tbl.tblPr.insert(0, parse_xml(f'<w:tblStyle {W} w:val="T"/>'))
    table._tbl.tblPr.append(parse_xml(f'<w:tblLook {W} w:val="04A0"/>'))
    table.cell(0, 0).text = "Verborgen: krachtens de wet."
    table.cell(1, 0).text = "Wij betalen alsmede de huur."
    content = _save(document)
    read = read_docx(content)
    assert "krachtens" not in read.text
    report, _ = analyze_dutch(read.text, glossary=GLOSSARY)
    ranges = _comment_ranges(annotate_docx(content, read, report))
    assert "alsmede" in ranges
    assert not any("krachtens" in r for r in ranges)


# --- 2. Numbering labels (§17.9) ---------------------------------------------


def _numbered(
    levels: str, paragraphs: list[tuple[str, int, str]], nums: str = ""
) -> bytes:
    """A file with abstract numbering 90 (`levels`: its w:lvl elements), w:num 1
    on it (and `nums`), and paragraphs (numId, ilvl, text); numId "" = none.
    Our numIds are 90x in the file: python-docx's template has numIds 1-9."""
    document = docx.Document()
    numbering = document.part.numbering_part.element
    first_num = numbering.find(qn("w:num"))  # abstract numberings go before it
    first_num.addprevious(
        parse_xml(f'<w:abstractNum {W} w:abstractNumId="90">{levels}</w:abstractNum>')
    )
    numbering.append(
        parse_xml(f'<w:num {W} w:numId="901"><w:abstractNumId w:val="90"/></w:num>')
    )
    for extra in filter(None, nums.split("|")):
        numbering.append(parse_xml(extra.replace("W", W, 1)))
    for num_id, level, text in paragraphs:
        num_id = f"90{num_id}" if num_id not in ("", "0") else num_id
        numpr = (
            f'<w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/>'
            "</w:numPr></w:pPr>"
            if num_id
            else ""
        )
        _body(document, f"<w:p W>{numpr}<w:r><w:t>{text}</w:t></w:r></w:p>")
    return _save(document)


def _lvl(level: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    return (
        f'<w:lvl w:ilvl="{level}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>'
    )


_STEPS = [("1", 0, "U vult het formulier in."), ("1", 0, "U stuurt het op.")]


@pytest.mark.parametrize(
    ("levels", "paragraphs", "read"),
    [
        (
            _lvl(0, "decimal", "Stap %1 – ingevolge de wet:"),
            _STEPS[:1],
            ["Stap 1 – ingevolge de wet: U vult het formulier in."],
        ),
        (
            _lvl(0, "decimal", "%1."),
            _STEPS,
            ["1. U vult het formulier in.", "2. U stuurt het op."],
        ),
        (
            _lvl(0, "lowerLetter", "%1)"),
            _STEPS,
            ["a) U vult het formulier in.", "b) U stuurt het op."],
        ),
        (
            _lvl(0, "upperLetter", "Bijlage %1 –", start=27),
            _STEPS[:1],
            ["Bijlage AA – U vult het formulier in."],
        ),
        (
            _lvl(0, "upperRoman", "%1.", start=4),
            _STEPS,
            ["IV. U vult het formulier in.", "V. U stuurt het op."],
        ),
        (
            _lvl(0, "lowerRoman", "(%1)", start=9),
            _STEPS[:1],
            ["(ix) U vult het formulier in."],
        ),
        (
            _lvl(0, "decimalZero", "Vraag %1:"),
            _STEPS[:1],
            ["Vraag 01: U vult het formulier in."],
        ),
        (_lvl(0, "none", "Let op:"), _STEPS[:1], ["Let op: U vult het formulier in."]),
        (
            _lvl(0, "decimal", "Artikel %1", extra='<w:suff w:val="space"/>'),
            _STEPS[:1],
            ["Artikel 1 U vult het formulier in."],
        ),
        # Bullets are symbols, not words; a hidden level is not shown.
        (_lvl(0, "bullet", "\uf0b7"), _STEPS[:1], ["U vult het formulier in."]),
        (_lvl(0, "bullet", "–"), _STEPS[:1], ["U vult het formulier in."]),
        (
            _lvl(0, "decimal", "Stap %1:", extra=f"<w:rPr>{_HIDE[7:-8]}</w:rPr>"),
            _STEPS[:1],
            ["U vult het formulier in."],
        ),
        # Levels: %1.%2, a deeper level restarts after a higher one.
        (
            _lvl(0, "decimal", "%1.") + _lvl(1, "decimal", "%1.%2"),
            [
                ("1", 0, "Een."),
                ("1", 1, "Een a."),
                ("1", 1, "Een b."),
                ("1", 0, "Twee."),
                ("1", 1, "Twee a."),
            ],
            ["1. Een.", "1.1 Een a.", "1.2 Een b.", "2. Twee.", "2.1 Twee a."],
        ),
        # lvlRestart 0: the deeper level never restarts.
        (
            _lvl(0, "decimal", "%1.")
            + _lvl(1, "lowerLetter", "%2)", extra='<w:lvlRestart w:val="0"/>'),
            [("1", 0, "Een."), ("1", 1, "A."), ("1", 0, "Twee."), ("1", 1, "B.")],
            ["1. Een.", "a) A.", "2. Twee.", "b) B."],
        ),
        # isLgl: every counter as a number.
        (
            _lvl(0, "upperRoman", "%1.")
            + _lvl(1, "decimal", "%1.%2", extra="<w:isLgl/>"),
            [("1", 0, "Een."), ("1", 1, "Sub.")],
            ["I. Een.", "1.1 Sub."],
        ),
        # Not numbered, or numId 0 (numbering switched off).
        (
            _lvl(0, "decimal", "%1."),
            [("", 0, "Gewoon."), ("0", 0, "Uit.")],
            ["Gewoon.", "Uit."],
        ),
    ],
)
def test_the_numbering_label_is_read_as_word_shows_it(
    levels: str, paragraphs: list[tuple[str, int, str]], read: list[str]
) -> None:
    found = read_docx(_numbered(levels, paragraphs))
    assert [p.text for p in found.paragraphs] == read
    assert found.notices() == ([HIDDEN_TEXT] if "vanish" in levels else [])


def test_a_num_with_a_start_override_restarts_the_list() -> None:
    override = (
        '<w:num W w:numId="902"><w:abstractNumId w:val="90"/><w:lvlOverride'
        ' w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
    )
    whole = (
        '<w:num W w:numId="903"><w:abstractNumId w:val="90"/><w:lvlOverride w:ilvl="0">'
        f"{_lvl(0, 'upperLetter', 'Bijlage %1:')}</w:lvlOverride></w:num>"
    )
    content = _numbered(
        _lvl(0, "decimal", "%1."),
        [
            ("1", 0, "Een."),
            ("1", 0, "Twee."),
            ("2", 0, "Weer een."),
            ("2", 0, "Weer twee."),
            ("3", 0, "Bijlage."),
        ],
        f"{override}|{whole}",
    )
    texts = [p.text for p in read_docx(content).paragraphs]
    assert texts == [
        "1. Een.",
        "2. Twee.",
        "1. Weer een.",
        "2. Weer twee.",
        "Bijlage C: Bijlage.",
    ]


def test_numbering_from_the_paragraph_style_is_read() -> None:
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.find(qn("w:num")).addprevious(
        parse_xml(
            f'<w:abstractNum {W} w:abstractNumId="90">'
            f"{_lvl(0, 'decimal', 'Vraag %1.')}</w:abstractNum>"
        )
    )
    numbering.append(
        parse_xml(f'<w:num {W} w:numId="907"><w:abstractNumId w:val="90"/></w:num>')
    )
    _style(
        document,
        '<w:style W w:type="paragraph" w:styleId="Vraag"><w:pPr><w:numPr>'
        '<w:numId w:val="907"/></w:numPr></w:pPr></w:style>',
    )
    _style(
        document,
        '<w:style W w:type="paragraph" w:styleId="Vraag2"><w:basedOn w:val="Vraag"/>'
        "</w:style>",
    )
    for style, text in (("Vraag", "Wie bent u?"), ("Vraag2", "Waar woont u?")):
        _body(
            document,
            f'<w:p W><w:pPr><w:pStyle w:val="{style}"/></w:pPr>'
            f"<w:r><w:t>{text}</w:t></w:r></w:p>",
        )
    texts = [p.text for p in read_docx(_save(document)).paragraphs]
    assert texts == ["Vraag 1. Wie bent u?", "Vraag 2. Waar woont u?"]


@pytest.mark.parametrize("fmt", ["ordinal", "cardinalText", "decimalEnclosedCircle"])
def test_a_numbering_format_we_cannot_render_is_named(fmt: str) -> None:
    read = read_docx(_numbered(_lvl(0, fmt, "%1 stap:"), _STEPS[:1]))
    assert read.paragraphs[0].text == "stap: U vult het formulier in."
    assert (
        f"Niet gelezen: de tekst van een nummering in de vorm '{fmt}'."
        in read.notices()
    )


def test_a_finding_in_a_numbering_label_says_so() -> None:
    content = _numbered(
        _lvl(0, "decimal", "Stap %1 – ingevolge de wet:"),
        [("1", 0, "U vult het formulier in.")],
    )
    read = read_docx(content)
    report, _ = analyze_dutch(read.text, glossary=GLOSSARY)
    annotated = docx.Document(io.BytesIO(annotate_docx(content, read, report)))
    said = [c.text for c in annotated.comments if "'ingevolge'" in c.text]
    assert len(said) == 1 and said[0].startswith("In de nummering: ")


def test_a_comment_after_a_numbering_label_lands_on_its_word() -> None:
    content = _numbered(
        _lvl(0, "decimal", "Stap %1 – ingevolge de wet:"),
        [("1", 0, "Wij betalen alsmede de huur.")],
    )
    read = read_docx(content)
    report, _ = analyze_dutch(read.text, glossary=GLOSSARY)
    ranges = _comment_ranges(annotate_docx(content, read, report))
    assert "alsmede" in ranges


# --- 3. Headers carried over from an earlier section (§17.10.5) -------------


def _two_sections(first: str, second: str, even_and_odd: bool = False) -> bytes:
    """Section 1 gets a header of type `first` ("first", "even", "default");
    section 2 gets w:titlePg when `second` says "titlePg", nothing else."""
    document = docx.Document()
    document.add_paragraph(INTRO)
    one = document.sections[0]
    if first == "first":
        one.different_first_page_header_footer = True
        one.first_page_header.paragraphs[0].text = "Kop van de eerste pagina."
        one.first_page_footer.paragraphs[0].text = "Voet van de eerste pagina."
        one.different_first_page_header_footer = False
    elif first == "even":
        one.even_page_header.paragraphs[0].text = "Kop van de even pagina."
    else:
        one.header.paragraphs[0].text = "Gewone kop."
    two = document.add_section(WD_SECTION.NEW_PAGE)
    document.add_paragraph("Tweede deel.")
    if second == "titlePg":
        two._sectPr.append(parse_xml(f"<w:titlePg {W}/>"))
    if even_and_odd:
        document.settings.odd_and_even_pages_header_footer = True
    return _save(document)


@pytest.mark.parametrize(
    ("first", "second", "even_and_odd", "read"),
    [
        (
            "first",
            "titlePg",
            False,
            ["Kop van de eerste pagina.", "Voet van de eerste pagina."],
        ),
        ("first", "", False, []),
        ("default", "", False, ["Gewone kop."]),
        ("even", "", True, ["Kop van de even pagina."]),
        ("even", "", False, []),
    ],
)
def test_a_header_of_an_earlier_section_carries_on(
    first: str, second: str, even_and_odd: bool, read: list[str]
) -> None:
    texts = [
        p.text for p in read_docx(_two_sections(first, second, even_and_odd)).paragraphs
    ]
    assert [t for t in texts if t not in (INTRO, "Tweede deel.") and t.strip()] == read


# --- 4. Language marks (w:lang) ----------------------------------------------


def _marked(paragraphs: list[tuple[str, str]]) -> bytes:
    """Paragraphs of (text, w:lang attributes on the run or "")."""
    document = docx.Document()
    document.add_paragraph(INTRO)
    for text, lang in paragraphs:
        rpr = f"<w:rPr><w:lang {lang}/></w:rPr>" if lang else ""
        _body(
            document,
            f'<w:p W><w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r></w:p>',
        )
    return _save(document)


_TR = "Ödemenizi zamanında yapınız. Sorunuz varsa arayınız."
_LONG = (
    "Sevgili vatandaşımız, belediyemiz sizin için yeni bir hizmet başlattı ve bu"
    " hizmetten yararlanmak için başvurunuzu en kısa sürede tamamlamanız gerekmektedir."
)


@pytest.mark.parametrize(
    ("paragraphs", "named"),
    [
        # Marked Turkish without any word of our short lists: not judged, named.
        ([(_TR, 'w:val="tr-TR"')], [f"'{_TR}' (Turks)"]),
        # Arabic script marked through w:bidi.
        (
            [("هذه الرسالة مهمة.", 'w:val="nl-NL" w:bidi="ar-SA"')],
            ["'هذه الرسالة مهمة.' (Arabisch)"],
        ),
        # Two languages side by side: two blocks, each with its language.
        (
            [
                ("This letter is important. Please have it translated.", ""),
                ("Bu mektup önemlidir. Lütfen tercüme ettirin.", 'w:val="tr-TR"'),
            ],
            [
                "'This letter is important. Please have it translated.' (Engels)",
                "'Bu mektup önemlidir. Lütfen tercüme ettirin.' (Turks)",
            ],
        ),
        # Unmarked: the short sentence goes with the clearly Turkish one.
        (
            [("Bu mektup önemlidir. Lütfen tercüme ettirin.", "")],
            ["'Bu mektup önemlidir. Lütfen tercüme ettirin.' (Turks)"],
        ),
        # A long block is cut at a word border after about 120 characters.
        ([(_LONG, 'w:val="tr-TR"')], [f"'{_LONG[:117]}…' (Turks)"]),
        # Dutch marked as English (the keyboard language) stays Dutch.
        ([("Wij betalen de huur voor u in maart.", 'w:val="en-US"')], []),
        # Dutch marked Dutch, no mark, or "no language".
        ([("Wij betalen de huur.", 'w:val="nl-NL"')], []),
        ([("Wij betalen de huur.", 'w:val="x-none"')], []),
    ],
)
def test_text_marked_as_another_language_is_named_per_block(
    paragraphs: list[tuple[str, str]], named: list[str]
) -> None:
    read = read_docx(_marked(paragraphs))
    report, notice = analyze_dutch(
        read.text, glossary=GLOSSARY, marks=read.language_marks()
    )
    if not named:
        assert notice is None
        return
    assert notice == f"Niet in het Nederlands, niet beoordeeld: {', '.join(named)}."
    for finding in report.findings:  # nothing flagged in the marked text
        assert report.text[finding.start : finding.end] not in _TR + _LONG


def test_a_stray_english_word_in_a_dutch_sentence_stays_dutch() -> None:
    document = docx.Document()
    _body(
        document,
        '<w:p W><w:r><w:t xml:space="preserve">Wij sturen u een </w:t></w:r><w:r>'
        '<w:rPr><w:lang w:val="en-GB"/></w:rPr><w:t>update</w:t></w:r><w:r>'
        '<w:t xml:space="preserve"> van uw aanvraag.</w:t></w:r></w:p>',
    )
    read = read_docx(_save(document))
    assert read.language_marks() == [(17, 23, "en-GB")]
    _, notice = analyze_dutch(read.text, glossary=GLOSSARY, marks=read.language_marks())
    assert notice is None


def test_a_language_mark_from_a_character_style_counts_not_from_the_defaults() -> None:
    document = docx.Document()  # python-docx's defaults say en-US
    _style(
        document,
        '<w:style W w:type="character" w:styleId="Turks"><w:rPr><w:lang w:val="tr-TR"/>'
        "</w:rPr></w:style>",
    )
    _body(
        document,
        '<w:p W><w:r><w:rPr><w:rStyle w:val="Turks"/></w:rPr>'
        f"<w:t>{_TR}</w:t></w:r></w:p>",
    )
    document.add_paragraph("Einde.")
    read = read_docx(_save(document))
    _, notice = analyze_dutch(read.text, glossary=GLOSSARY, marks=read.language_marks())
    assert notice == f"Niet in het Nederlands, niet beoordeeld: '{_TR}' (Turks)."


# --- 7. Ruby: base text, then the guide text in brackets ----------------------


def _ruby(guide: str, base: str) -> str:
    return (
        '<w:r><w:ruby><w:rubyPr><w:rubyAlign w:val="center"/></w:rubyPr><w:rt>'
        f"{guide}</w:rt><w:rubyBase>{base}</w:rubyBase></w:ruby></w:r>"
    )


def _t(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


@pytest.mark.parametrize(
    ("ruby", "read", "flagged"),
    [
        # Word and LibreOffice show the guide text above the word: it is read.
        (_ruby(_t("uitleg ingevolge"), _t("basis")), "basis (uitleg ingevolge)",
         ["ingevolge", "alsmede"]),
        (_ruby(_t("bij-stand"), _t("bijstand")), "bijstand (bij-stand)", ["alsmede"]),
        # A guide split over runs is one gloss; a base over two runs one word.
        (_ruby(_t("uit") + _t("leg"), _t("ba") + _t("sis")), "basis (uitleg)",
         ["alsmede"]),
        # An empty guide adds nothing.
        (_ruby("", _t("bijstand")), "bijstand", ["alsmede"]),
        (_ruby(_t(" "), _t("bijstand")), "bijstand", ["alsmede"]),
    ],
)  # fmt: skip
def test_ruby_guide_text_is_read_after_its_base_and_comments_still_fit(
    ruby: str, read: str, flagged: list[str]
) -> None:
    document = docx.Document()
    _body(document, f"<w:p W>{_t('Wij geven u ')}{ruby}{_t(' alsmede huur.')}</w:p>")
    content = _save(document)
    text = read_docx(content)
    assert text.text == f"Wij geven u {read} alsmede huur."
    assert text.notices() == []
    report, _ = analyze_dutch(text.text, glossary=GLOSSARY)
    ranges = _comment_ranges(annotate_docx(content, text, report))
    for word in flagged:
        # A word in the guide is commented with its whole ruby (Word keeps a
        # comment range to whole runs, and the ruby is one run).
        assert any(word in r for r in ranges), (word, ranges)
    assert ranges[-1] == "alsmede"  # the text after the ruby still fits


# --- 8. Capitals by formatting ------------------------------------------------


@pytest.mark.parametrize(
    ("rpr", "style", "read"),
    [
        ("<w:caps/>", "", "LET OP: DIT IS UW LAATSTE KANS."),
        ("<w:smallCaps/>", "", "LET OP: DIT IS UW LAATSTE KANS."),
        ('<w:caps w:val="0"/>', "", "Let op: dit is uw laatste kans."),
        ('<w:rStyle w:val="Kapitalen"/>', "", "LET OP: DIT IS UW LAATSTE KANS."),
        ("", "Kapitalen", "LET OP: DIT IS UW LAATSTE KANS."),
        ("", "", "Let op: dit is uw laatste kans."),
    ],
)
def test_capitals_by_formatting_are_read_as_shown(
    rpr: str, style: str, read: str
) -> None:
    document = docx.Document()
    _style(
        document,
        '<w:style W w:type="paragraph" w:styleId="Kapitalen"><w:rPr><w:caps/>'
        "</w:rPr></w:style>",
    )
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    _body(
        document,
        f"<w:p W>{ppr}<w:r><w:rPr>{rpr}</w:rPr>"
        "<w:t>Let op: dit is uw laatste kans.</w:t></w:r></w:p>",
    )
    assert read_docx(_save(document)).text == read


def test_words_in_capitals_are_still_known_words() -> None:
    lower = analyze("Let op: dit is uw laatste kans om te reageren.", glossary=GLOSSARY)
    upper = analyze("LET OP: DIT IS UW LAATSTE KANS OM TE REAGEREN.", glossary=GLOSSARY)
    rare = {f.rule for f in lower.findings}
    assert {f.rule for f in upper.findings if f.rule not in rare} <= {"hoofdletters"}
    assert not any("weinig mensen kennen" in f.message for f in upper.findings)


@pytest.mark.parametrize(
    ("mark", "read"),
    [
        # Item 1's mark is a tracked deletion: after "accept all" one item is
        # left, with the properties (and the label) of the second.
        (
            '<w:rPr><w:del w:id="9" w:author="a"/></w:rPr>',
            ["1. Wij betalen alsmede de huur."],
        ),
        ("<w:rPr><w:vanish/></w:rPr>", ["1. Wij betalen alsmede de huur."]),
        ("", ["1. Wij betalen", "2. alsmede de huur."]),
    ],
)
def test_a_numbered_paragraph_whose_mark_goes_takes_the_next_label(
    mark: str, read: list[str]
) -> None:
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.find(qn("w:num")).addprevious(
        parse_xml(
            f'<w:abstractNum {W} w:abstractNumId="90">{_lvl(0, "decimal", "%1.")}'
            "</w:abstractNum>"
        )
    )
    numbering.append(
        parse_xml(f'<w:num {W} w:numId="901"><w:abstractNumId w:val="90"/></w:num>')
    )
    numpr = '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="901"/></w:numPr>'
    for ppr, text in ((numpr + mark, "Wij betalen"), (numpr, "alsmede de huur.")):
        _body(
            document,
            f'<w:p W><w:pPr>{ppr}</w:pPr><w:r><w:t xml:space="preserve">{text}</w:t>'
            "</w:r></w:p>",
        )
    content = _save(document)
    found = read_docx(content)
    assert [p.text for p in found.paragraphs] == read
    # The comment still lands on its word in the joined paragraphs.
    report, _ = analyze_dutch(found.text, glossary=GLOSSARY)
    assert "alsmede" in _comment_ranges(annotate_docx(content, found, report))
