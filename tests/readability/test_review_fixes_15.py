"""The fresh communication adviser's findings (issue 15), each as a kind.

Word files are built here with python-docx and raw WordprocessingML, the way
Word, LibreOffice and an English keyboard write them.
"""

from __future__ import annotations

import io
from pathlib import Path

import docx
import docx.document
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from letterforge.cli import main
from letterforge.readability import Glossary, analyze, load_glossary
from letterforge.readability.annotate import annotate_docx
from letterforge.readability.document import Document
from letterforge.readability.docx_text import read_docx
from letterforge.readability.language import analyze_dutch

W = nsdecls("w")
GLOSSARY: Glossary = load_glossary(Path(__file__).resolve().parents[2] / "glossary")
INTRO = "Wij hebben uw aanvraag gekregen. U krijgt binnen acht weken een antwoord."


def _save(document: docx.document.Document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _body(document: docx.document.Document, xml: str) -> None:
    document.element.body.sectPr.addprevious(parse_xml(xml.replace("W", W, 1)))


def _paragraph(text: str, rpr: str = "", style: str = "") -> str:
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return (
        f"<w:p W>{ppr}<w:r><w:rPr>{rpr}</w:rPr>"
        f'<w:t xml:space="preserve">{text}</w:t></w:r></w:p>'
    )


def _style_lang(document: docx.document.Document, style_id: str, tag: str) -> None:
    """Give an existing style a w:lang in its w:rPr."""
    style = next(
        s
        for s in document.styles.element.iterchildren(qn("w:style"))
        if s.get(qn("w:styleId")) == style_id
    )
    rpr = style.find(qn("w:rPr"))
    if rpr is None:
        rpr = parse_xml(f"<w:rPr {W}/>")
        style.append(rpr)
    rpr.append(parse_xml(f'<w:lang {W} w:val="{tag}"/>'))


def _add_style(document: docx.document.Document, xml: str) -> None:
    style = parse_xml(xml.replace("W", W, 1))
    name = style.get(qn("w:styleId"))
    style.insert(0, parse_xml(f'<w:name {W} w:val="{name}"/>'))
    document.styles.element.append(style)


def _check(content: bytes) -> tuple[bool, str | None, set[str]]:
    read = read_docx(content)
    report, notice = analyze_dutch(
        read.text, glossary=GLOSSARY, marks=read.language_marks()
    )
    return report.meets_b1, notice, {f.excerpt.lower() for f in report.findings}


# --- 1. A language mark alone does not make Dutch text another language --------

OFFICIALESE = [
    "Besluit",
    "Geachte heer Jansen,",
    "Verzoeke onverwijld te betalen.",
    "Uitbetaling geschiedt maandelijks.",
    "Terugvordering krachtens artikel 58.",
    "Hoogachtend,",
]


@pytest.mark.parametrize("tag", ["en-US", "en-GB", "de-DE", "fr-FR", "it-IT"])
def test_dutch_typed_with_another_keyboard_language_is_judged(tag: str) -> None:
    """Every run marked as Word does with an English (or other) keyboard."""
    document = docx.Document()
    for text in [OFFICIALESE[0], INTRO, *OFFICIALESE[1:]]:
        _body(document, _paragraph(text, f'<w:lang w:val="{tag}"/>'))
    meets, notice, flagged = _check(_save(document))
    assert notice is None
    assert not meets
    assert {"verzoeke", "onverwijld", "krachtens"} <= flagged


@pytest.mark.parametrize(
    ("style", "setup"),
    [
        ("Heading1", ""),  # Kop 1, basedOn Normal
        ("ListBullet", ""),  # Lijst met opsommingstekens, basedOn Normal
        ("BodyText", ""),  # Plattekst, basedOn Normal
        ("Mijn", "chain"),  # Mijn → Tussen → Normal
        ("Heading1", "libreoffice"),  # Normal without w:default, docDefaults en-US
    ],
)
def test_a_language_inherited_from_normal_is_not_the_writers_choice(
    style: str, setup: str
) -> None:
    document = docx.Document()
    _style_lang(document, "Normal", "en-US")
    if setup == "chain":
        _add_style(
            document,
            '<w:style W w:type="paragraph" w:styleId="Tussen">'
            '<w:basedOn w:val="Normal"/></w:style>',
        )
        _add_style(
            document,
            '<w:style W w:type="paragraph" w:styleId="Mijn">'
            '<w:basedOn w:val="Tussen"/><w:rPr><w:b/></w:rPr></w:style>',
        )
    if setup == "libreoffice":
        normal = document.styles.element.get_by_id("Normal")
        del normal.attrib[qn("w:default")]
    _body(document, _paragraph(INTRO))
    for text in OFFICIALESE:
        _body(document, _paragraph(text, style=style))
    meets, notice, flagged = _check(_save(document))
    assert notice is None
    assert not meets
    assert {"verzoeke", "onverwijld"} <= flagged


@pytest.mark.parametrize(
    ("text", "rpr", "style", "language"),
    [
        # Real English and Turkish, marked on the run: still left out, named.
        ("Please read this letter. Call us if you need help.", "en-US", "", "Engels"),
        ("Ödemenizi zamanında yapınız. Sorunuz varsa arayınız.", "tr-TR", "", "Turks"),
        ("Bu mektup önemlidir.", "tr-TR", "", "Turks"),
        # A style the writer made for English, with its own mark.
        ("This letter is important for you.", "", "Engels", "Engels"),
        # Another script, marked.
        ("هذه الرسالة مهمة.", "ar-SA", "", "Arabisch"),
    ],
)
def test_real_other_language_is_still_left_out_and_named(
    text: str, rpr: str, style: str, language: str
) -> None:
    document = docx.Document()
    _add_style(
        document,
        '<w:style W w:type="paragraph" w:styleId="Engels">'
        '<w:basedOn w:val="Normal"/><w:rPr><w:lang w:val="en-GB"/></w:rPr></w:style>',
    )
    _body(document, _paragraph(INTRO))
    _body(document, _paragraph("Bel ons als u vragen heeft over deze brief."))
    attribute = "w:bidi" if rpr.startswith("ar") else "w:val"
    lang = f'<w:lang {attribute}="{rpr}"/>' if rpr else ""
    _body(document, _paragraph(text, lang, style))
    _, notice, _ = _check(_save(document))
    assert notice == f"Niet in het Nederlands, niet beoordeeld: '{text}' ({language})."


def _mostly_english() -> bytes:
    document = docx.Document()
    _body(document, _paragraph("Wij helpen u graag."))
    for _ in range(3):
        _body(
            document,
            _paragraph(
                "This letter is important. Please read it and call us if you"
                " have any questions about your benefit.",
                '<w:lang w:val="en-US"/>',
            ),
        )
    return _save(document)


def test_a_text_mostly_left_out_never_meets_b1() -> None:
    meets, notice, _ = _check(_mostly_english())
    assert notice is not None and "(Engels)" in notice
    assert not meets
    read = read_docx(_mostly_english())
    report, _ = analyze_dutch(read.text, glossary=GLOSSARY, marks=read.language_marks())
    (finding,) = [f for f in report.findings if f.rule == "niet-beoordeeld"]
    assert finding.severity == "error"
    assert "grootste deel van de tekst niet beoordeeld" in finding.message
    assert "54 van de 58 woorden" in finding.message


@pytest.mark.parametrize(
    ("extra", "left_out"),
    [
        # A Dutch letter with the usual English line: judged, passes.
        (1, False),
        # More English than Dutch: not judged as a whole.
        (6, True),
    ],
)
def test_the_share_that_is_judged_decides(extra: int, left_out: bool) -> None:
    dutch = "Wij betalen u in maart. U hoeft niets te doen. Bel ons bij vragen."
    text = "\n\n".join([dutch, *["Please read this letter and call us."] * extra])
    report, notice = analyze_dutch(text, glossary=GLOSSARY)
    assert notice is not None
    assert report.meets_b1 is not left_out
    assert any(f.rule == "niet-beoordeeld" for f in report.findings) is left_out


@pytest.mark.parametrize(("strict", "code"), [([], 0), (["--strict"], 1)])
def test_strict_does_not_pass_a_mostly_unjudged_file(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    strict: list[str],
    code: int,
) -> None:
    path = tmp_path / "engels.docx"
    path.write_bytes(_mostly_english())
    assert main(["check", *strict, str(path)]) == code
    out = capsys.readouterr().out
    assert "De tekst voldoet nog niet aan B1" in out
    assert "grootste deel van de tekst niet beoordeeld" in out


# --- 3. "Dit/Dat is" + a noun phrase in the next sentence explains a term -------


@pytest.mark.parametrize(
    ("second", "explained"),
    [
        ("Dat is geld dat u nu al krijgt.", True),
        ("Dit is geld dat u alvast krijgt.", True),
        ("Dat is een deel van uw geld dat u nu al krijgt.", True),
        ("Dat is het bedrag dat wij nu al betalen.", True),
        ("Dat zijn kosten die wij later verrekenen.", True),
        ("Dat betekent: u krijgt nu al geld.", True),
        # An adjective, or no noun phrase: not an explanation.
        ("Dat is vervelend voor u.", False),
        ("Dat is belangrijk voor u.", False),
        ("Dat is nodig voor de huur.", False),
        ("Dat is fijn.", False),
        ("Dat is het niet.", False),
        ("Wij betalen het op 1 mei.", False),
    ],
)
def test_dat_is_with_a_noun_phrase_explains_the_term_before(
    second: str, explained: bool
) -> None:
    report = analyze(f"U krijgt een voorschot. {second}", glossary=GLOSSARY)
    flagged = [f for f in report.findings if f.excerpt == "voorschot"]
    assert (not flagged) is explained


# --- 4. An article number with points or a colon is one span -------------------


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Dit staat in artikel 4.1 van de verordening.", "artikel 4.1"),
        ("Artikel 2.1 Wat u moet doen.", "Artikel 2.1"),
        ("Dit staat in artikel 2.3.5 van de wet.", "artikel 2.3.5 van de wet"),
        ("Dit staat in artikel 4.1a van de regeling.", "artikel 4.1a"),
        (
            "Dit staat in artikel 7:10 lid 2 onder b Awb.",
            "artikel 7:10 lid 2 onder b Awb",
        ),
        ("Zie artikel 4.1 en 4.2 van de verordening.", "artikel 4.1 en 4.2"),
        # A point that ends the sentence stays outside.
        ("Lees artikel 4. Dan weet u meer.", "artikel 4"),
    ],
)
def test_article_numbers_with_points_are_kept_whole(text: str, span: str) -> None:
    report = analyze(text, glossary=GLOSSARY)
    (finding,) = [f for f in report.findings if f.rule == "wetsartikel"]
    assert report.text[finding.start : finding.end] == span
    numbers = [w for w in span.split() if w[0].isdigit()]
    words = Document(report.text).words
    assert all(any(report.text[w.start : w.end] == n for w in words) for n in numbers)


# --- 5. A comment covers exactly its words, however the runs are cut -----------


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


def _runs(*runs: str) -> bytes:
    document = docx.Document()
    _body(document, _paragraph(INTRO))
    inner = "".join(f"<w:r>{r}</w:r>" for r in runs)
    _body(document, f"<w:p W>{inner}</w:p>")
    return _save(document)


def _t(text: str) -> str:
    return f'<w:t xml:space="preserve">{text}</w:t>'


@pytest.mark.parametrize(
    "runs",
    [
        # f13: a page break Word remembers, inside the word's second run.
        (_t("Onver"), "<w:lastRenderedPageBreak/>" + _t("wijld betalen.")),
        (_t("Onver") + "<w:lastRenderedPageBreak/>" + _t("wijld betalen."),),
        (_t("U moet"), "<w:tab/>" + _t("onverwijld betalen.")),
        (_t("U moet "), _t("onver") + "<w:softHyphen/>" + _t("wijld betalen.")),
        (_t("U moet onverwijld"), "<w:br/>" + _t("betalen.")),
    ],
)
def test_a_comment_covers_exactly_the_flagged_word(runs: tuple[str, ...]) -> None:
    content = _runs(*runs)
    read = read_docx(content)
    report, extra = analyze_dutch(read.text, glossary=GLOSSARY)
    (finding,) = [f for f in report.findings if f.excerpt.lower() == "onverwijld"]
    ranges = _comment_ranges(annotate_docx(content, read, report))
    word = report.text[finding.start : finding.end]
    assert word in ranges
    assert not [r for r in ranges if word in r and r != word and len(r) < 40]


# --- Our own letters: a list of titles that are questions ----------------------


@pytest.mark.parametrize(
    ("text", "units"),
    [
        (
            "Bijlagen: Welke regels gelden?, Hoe hebben wij berekend wat u te veel"
            " kreeg?, Bezwaar maken",
            [
                "Bijlagen: Welke regels gelden?,",
                "Hoe hebben wij berekend wat u te veel kreeg?,",
                "Bezwaar maken",
            ],
        ),
        # A question with a comma and no capital after it goes on.
        (
            "Hij vroeg: kunt u komen?, en ging weg.",
            ["Hij vroeg: kunt u komen?, en ging weg."],
        ),
    ],
)
def test_a_list_of_questions_is_read_one_question_at_a_time(
    text: str, units: list[str]
) -> None:
    assert [u.text for u in Document(text).units] == units


# --- 6. Text the reader cannot see is left out and named ------------------------

UNSEEN = "Lama ingevolge derhalve."


@pytest.mark.parametrize(
    ("rpr", "around", "page", "seen"),
    [
        ('<w:color w:val="FFFFFF"/>', "", "", False),  # white on a white page
        ('<w:color w:val="ffffff"/>', "", "", False),
        ('<w:sz w:val="2"/>', "", "", False),  # 1 pt
        ('<w:sz w:val="4"/>', "", "", False),  # 2 pt
        ('<w:color w:val="FFFF00"/><w:highlight w:val="yellow"/>', "", "", False),
        (
            '<w:color w:val="DDEEFF"/><w:shd w:val="clear" w:fill="DDEEFF"/>',
            "",
            "",
            False,
        ),
        ('<w:color w:val="000080"/>', "p", "", False),  # paragraph shaded 000080
        ('<w:color w:val="000080"/>', "tc", "", False),  # cell shaded 000080
        ('<w:color w:val="000000"/>', "", "000000", False),  # black page
        # Seen: white on a dark shading, auto colour, 3 pt, black on white.
        ('<w:color w:val="FFFFFF"/>', "p", "", True),
        ('<w:color w:val="FFFFFF"/>', "", "000000", True),
        ('<w:color w:val="auto"/>', "", "", True),
        ('<w:sz w:val="6"/>', "", "", True),
        ('<w:color w:val="000000"/>', "", "", True),
    ],
)
def test_text_in_the_background_colour_or_tiny_is_left_out_and_named(
    rpr: str, around: str, page: str, seen: bool
) -> None:
    document = docx.Document()
    _body(document, _paragraph(INTRO))
    shade = '<w:shd w:val="clear" w:color="auto" w:fill="000080"/>'
    ppr = f"<w:pPr>{shade}</w:pPr>" if around == "p" else ""
    run = f'<w:r><w:rPr>{rpr}</w:rPr><w:t xml:space="preserve">{UNSEEN}</w:t></w:r>'
    paragraph = f"<w:p W>{ppr}{run}</w:p>"
    if around == "tc":
        paragraph = (
            f"<w:tbl W><w:tblPr/><w:tblGrid><w:gridCol/></w:tblGrid><w:tr><w:tc>"
            f"<w:tcPr>{shade}</w:tcPr>{paragraph.replace(' W', '', 1)}</w:tc></w:tr>"
            "</w:tbl>"
        )
    _body(document, paragraph)
    if page:
        document.element.insert(0, parse_xml(f'<w:background {W} w:color="{page}"/>'))
    content = _save(document)
    read = read_docx(content)
    assert (UNSEEN in read.text) is seen
    assert read.unseen_text is not seen
    notice = (
        "Let op: dit bestand bevat tekst in de kleur van de achtergrond of heel"
        " kleine tekst. Die ziet de lezer niet; wij hebben die tekst niet beoordeeld."
    )
    assert (notice in read.notices()) is not seen
    report, _ = analyze_dutch(read.text, glossary=GLOSSARY)
    assert any(f.excerpt.lower() == "ingevolge" for f in report.findings) is seen
    # The comments leave it out too: none covers the unseen words.
    if not seen:
        assert not [
            r
            for r in _comment_ranges(annotate_docx(content, read, report))
            if "Lama" in r
        ]


@pytest.mark.parametrize(
    ("text", "explained"),
    [
        # Our toekenning letter: the plain words first, the term as their name.
        ("De wet geeft daarvoor vaste bedragen: de bijstandsnormen.", True),
        ("Dat is de hoogte van de bijstand (de bijstandsnorm).", True),
        # A colon that only labels, or a term that does not close the sentence.
        ("Let op: bijstandsnorm.", False),
        ("Let op: de bijstandsnorm verandert.", False),
        ("Wij verlagen de bijstandsnorm. Dat is jammer.", False),
    ],
)
def test_a_term_named_after_its_plain_words_is_explained(
    text: str, explained: bool
) -> None:
    report = analyze(text, glossary=GLOSSARY)
    flagged = [f for f in report.findings if f.rule == "vakterm"]
    assert (not flagged) is explained


# --- 2. Comments in a block content control survive LibreOffice -----------------

SDT_TEXT = "Wij hebben uw aanvraag krachtens de wet gekregen."


def _in_block_control(after: bool, in_cell: bool = False) -> bytes:
    document = docx.Document()
    control = (
        '<w:sdt W><w:sdtPr><w:alias w:val="Blok"/></w:sdtPr><w:sdtContent>'
        f"<w:p>{'<w:r>' + _t(SDT_TEXT) + '</w:r>'}</w:p></w:sdtContent></w:sdt>"
    )
    if in_cell:
        control = (
            "<w:tbl W><w:tblPr/><w:tblGrid><w:gridCol/></w:tblGrid><w:tr><w:tc>"
            f"{control.replace(' W', '', 1)}<w:p/></w:tc></w:tr></w:tbl>"
        )
    if not after:
        _body(document, _paragraph(INTRO))
    _body(document, control)
    if after:
        _body(document, _paragraph(INTRO))
    return _save(document)


@pytest.mark.parametrize(
    ("after", "in_cell"), [(True, False), (False, False), (True, True)]
)
def test_a_comment_in_a_block_content_control_keeps_its_text(
    tmp_path: Path, after: bool, in_cell: bool
) -> None:
    import shutil
    import subprocess

    content = _in_block_control(after, in_cell)
    read = read_docx(content)
    report, _ = analyze_dutch(read.text, glossary=GLOSSARY)
    assert any(f.excerpt == "krachtens" for f in report.findings)
    annotated = annotate_docx(content, read, report)
    body = docx.Document(io.BytesIO(annotated)).element.body
    # No comment mark is left inside the control; the comment is kept.
    control = next(body.iter(qn("w:sdt")))
    assert next(control.iter(qn("w:commentReference")), None) is None
    assert next(control.iter(qn("w:commentRangeStart")), None) is None
    assert any(True for _ in body.iter(qn("w:commentReference")))
    path = tmp_path / "met-opmerkingen.docx"
    path.write_bytes(annotated)
    if shutil.which("soffice") is None:
        pytest.fail("LibreOffice (soffice) is needed for this test; see .ci/run")
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "txt:Text",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    shown = (tmp_path / "met-opmerkingen.txt").read_text(encoding="utf-8-sig")
    assert SDT_TEXT in shown
