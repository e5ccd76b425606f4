"""The second adviser review (issue 15): Word files of their own making, as kinds.

Hidden text by paragraph style and defaults, nested fields, Strict Open XML and
broken files for comments, watermarks and WordArt, notices as Word comments,
headers Word never shows, paragraphs that run on, soft hyphens in comments,
notes, the IBAN advice and what an empty-looking file says. Every file is built
here with python-docx and lxml.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from letterforge.readability import analyze, load_glossary
from letterforge.readability.annotate import (
    CANNOT_OPEN,
    STRICT_REFUSAL,
    CannotAnnotate,
    annotate_docx,
)
from letterforge.readability.docx_text import (
    HIDDEN_TEXT,
    NOTHING_READABLE,
    TRACKED_CHANGES,
    empty_reason,
    read_docx,
)

GLOSSARY = load_glossary(Path(__file__).resolve().parents[2] / "glossary")
HIDDEN = "Ingevolge het bepaalde is belanghebbende niet gehoord aangezien dat niet kon."
SHOWN = "Wij betalen alsmede de huur."


def _save(document: docx.document.Document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


_VML = (
    'xmlns:v="urn:schemas-microsoft-com:vml"'
    ' xmlns:o="urn:schemas-microsoft-com:office:office"'
)


def _add_xml(document: docx.document.Document, xml: str) -> None:
    """Put a w:p (WordprocessingML, w: prefix; v: and o: for VML) at the end."""
    element = parse_xml(f"<w:p {nsdecls('w', 'r')} {_VML}>{xml}</w:p>")
    document.element.body.sectPr.addprevious(element)


def _comments(content: bytes) -> dict[str, str]:
    """Comment text -> the text its range covers (w:t), in document order."""
    document = docx.Document(io.BytesIO(content))
    texts = {c.comment_id: c.text for c in document.comments}
    ranges: dict[int, str] = {}
    open_ids: set[int] = set()
    for element in document.element.body.iter():
        if element.tag == qn("w:commentRangeStart"):
            open_ids.add(int(element.get(qn("w:id"))))
        elif element.tag == qn("w:commentRangeEnd"):
            open_ids.discard(int(element.get(qn("w:id"))))
        elif element.tag == qn("w:t"):
            for comment_id in open_ids:
                ranges[comment_id] = ranges.get(comment_id, "") + (element.text or "")
    return {texts[i]: ranges.get(i, "") for i in texts}


def _paragraph_style(
    document: docx.document.Document, hidden: bool | None, parent: str | None = None
) -> str:
    name = f"Stijl{len(document.styles)}"
    style = document.styles.add_style(name, docx.enum.style.WD_STYLE_TYPE.PARAGRAPH)
    if hidden is not None:
        style.font.hidden = hidden
    if parent is not None:
        style.base_style = document.styles[parent]
    return name


def _hidden_paragraph_by(how: str) -> tuple[bytes, bool]:
    """A file with SHOWN visible and HIDDEN hidden in the way `how` names; and
    whether HIDDEN is hidden (False for the cases where it shows after all)."""
    document = docx.Document()
    document.add_paragraph(SHOWN)
    hidden = True
    if how == "paragraph style":
        document.add_paragraph(HIDDEN, style=_paragraph_style(document, True))
    elif how == "paragraph style basedOn":
        parent = _paragraph_style(document, True)
        document.add_paragraph(HIDDEN, style=_paragraph_style(document, None, parent))
    elif how == "paragraph style undone by its child":
        parent = _paragraph_style(document, True)
        document.add_paragraph(HIDDEN, style=_paragraph_style(document, False, parent))
        hidden = False
    elif how == "paragraph style undone by the run":
        paragraph = document.add_paragraph(style=_paragraph_style(document, True))
        paragraph.add_run(HIDDEN).font.hidden = False
        hidden = False
    elif how == "document default":
        defaults = document.styles.element.find(qn("w:docDefaults"))
        rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        rpr.append(parse_xml(f"<w:vanish {nsdecls('w')}/>"))
        document.paragraphs[0].runs[0].font.hidden = False
        document.add_paragraph(HIDDEN)
    elif how == "visible":
        document.add_paragraph(HIDDEN)
        hidden = False
    return _save(document), hidden


@pytest.mark.parametrize(
    "how",
    [
        "paragraph style",
        "paragraph style basedOn",
        "paragraph style undone by its child",
        "paragraph style undone by the run",
        "document default",
        "visible",
    ],
)
def test_text_hidden_by_a_style_or_default_is_left_out_and_said(how: str) -> None:
    content, hidden = _hidden_paragraph_by(how)
    read = read_docx(content)
    assert SHOWN in read.text
    assert (HIDDEN in read.text) is not hidden
    assert (HIDDEN_TEXT in read.notices()) is hidden
    report = analyze(read.text, glossary=GLOSSARY)
    flagged = any(f.excerpt == "Ingevolge" for f in report.findings)
    assert flagged is not hidden  # the hidden sentence is never scored
    covered = _comments(annotate_docx(content, read, report))
    assert any(words == "alsmede" for words in covered.values())
    if hidden:  # no comment lands on text nobody sees
        assert not any("Ingevolge" in words for words in covered.values())


def _field(code: str, result: str) -> str:
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve">{code}</w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f'<w:r><w:t xml:space="preserve">{result}</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def _nested(inner: str) -> str:
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> IF </w:instrText></w:r>'
        f"{inner}"
        '<w:r><w:instrText xml:space="preserve"> = "heer" "Geachte heer Bakker,"'
        ' "Geachte mevrouw Bakker," </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        '<w:r><w:t xml:space="preserve">Geachte mevrouw Bakker,</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


@pytest.mark.parametrize(
    ("xml", "read"),
    [
        (_field(" DATE ", "29 november 2026"), "29 november 2026"),
        (_nested(_field(" MERGEFIELD aanhef ", "«aanhef»")), "Geachte mevrouw Bakker,"),
        (
            _nested(_field(" IF 1 = 1 ", "") + _field(" MERGEFIELD x ", "«x»")),
            "Geachte mevrouw Bakker,",
        ),
        (
            _nested(
                '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                "<w:r><w:instrText> IF </w:instrText></w:r>"
                + _field(" MERGEFIELD aanhef ", "«aanhef»")
                + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
                "<w:r><w:t>binnen</w:t></w:r>"
                '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
            ),
            "Geachte mevrouw Bakker,",
        ),
    ],
    ids=["simple", "nested", "two inner fields", "three deep"],
)
def test_only_the_outer_field_result_is_read(xml: str, read: str) -> None:
    document = docx.Document()
    _add_xml(
        document,
        xml + '<w:r><w:t xml:space="preserve"> Wij sturen alsmede geld.</w:t></w:r>',
    )
    content = _save(document)
    found = read_docx(content)
    assert found.text == f"{read} Wij sturen alsmede geld."
    report = analyze(found.text, glossary=GLOSSARY)
    covered = _comments(annotate_docx(content, found, report))
    assert "alsmede" in covered.values()  # offsets after the field stay right


_STRICT = {
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main": (
        "http://purl.oclc.org/ooxml/wordprocessingml/main"
    ),
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships": (
        "http://purl.oclc.org/ooxml/officeDocument/relationships"
    ),
}


def _rewrite(content: bytes, change: dict[str, str], only: str = "") -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(content)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.endswith((".xml", ".rels")) and only in item.filename:
                text = data.decode()
                for old, new in change.items():
                    text = text.replace(old, new)
                data = text.encode()
            target.writestr(item, data)
    return out.getvalue()


def _plain_file() -> bytes:
    document = docx.Document()
    document.add_paragraph(SHOWN)
    return _save(document)


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda c: _rewrite(c, _STRICT), STRICT_REFUSAL),
        # A relationship python-docx needs points nowhere (styles part missing).
        (
            lambda c: _rewrite(c, {"styles.xml": "stijlen.xml"}, "document.xml.rels"),
            CANNOT_OPEN,
        ),
    ],
    ids=["strict", "broken relationship"],
)
def test_a_file_we_cannot_comment_on_gets_a_dutch_reason(make, reason: str) -> None:  # type: ignore[no-untyped-def]
    content = make(_plain_file())
    read = read_docx(content)
    assert SHOWN in read.text  # reading still works
    with pytest.raises(CannotAnnotate) as refused:
        annotate_docx(content, read, analyze(read.text, glossary=GLOSSARY))
    assert refused.value.reason == reason
    if reason == STRICT_REFUSAL:
        assert "Strict Open XML" in reason and "Word-document" in reason


_WATERMARK = (
    '<w:r><w:pict><v:shapetype id="_x0000_t136" o:spt="136">'
    '<v:textpath on="t" fitshape="t"/></v:shapetype>'
    '<v:shape id="PowerPlusWaterMarkObject1" type="#_x0000_t136">'
    '<v:textpath string="{text}"/></v:shape></w:pict></w:r>'
)


@pytest.mark.parametrize("where", ["header", "body"])
@pytest.mark.parametrize("text", ["CONCEPT", "Let op: reageer voor 1 maart"])
def test_a_watermark_or_wordart_is_named(where: str, text: str) -> None:
    document = docx.Document()
    document.add_paragraph(SHOWN)
    xml = _WATERMARK.replace("{text}", text)
    if where == "header":
        header = document.sections[0].header.paragraphs[0]._p
        header.append(parse_xml(f"<w:r {nsdecls('w')} {_VML}>{xml[5:-6]}</w:r>"))
    else:
        _add_xml(document, xml)
    content = _save(document)
    read = read_docx(content)
    assert read.drawn_texts == (text,)
    assert read.unread_parts
    assert any(
        f"watermerk of WordArt met de tekst '{text}'" in n for n in read.notices()
    )
    # Only a drawing: no "plak die tekst in Word" advice meant for charts.
    assert not any("Plak die tekst" in n for n in read.notices())
    report = analyze(read.text, glossary=GLOSSARY)
    assert any(text in c for c in _comments(annotate_docx(content, read, report)))


def test_every_notice_is_a_comment_in_the_word_file() -> None:
    document = docx.Document()
    document.add_paragraph("Beste mevrouw Jansen,")
    paragraph = document.add_paragraph("U krijgt ")
    paragraph._p.append(
        parse_xml(
            f"<w:sdt {nsdecls('w')}><w:sdtPr><w:showingPlcHdr/></w:sdtPr>"
            "<w:sdtContent><w:r><w:t>Klik of tik om tekst in te voeren.</w:t></w:r>"
            "</w:sdtContent></w:sdt>"
        )
    )
    paragraph.add_run(" per maand.")
    document.add_paragraph("Verborgen zin.").runs[0].font.hidden = True
    _add_xml(
        document,
        '<w:ins w:id="1" w:author="A" w:date="2026-01-01T00:00:00Z">'
        "<w:r><w:t>Wij betalen elke maand.</w:t></w:r></w:ins>",
    )
    content = _save(document)
    read = read_docx(content)
    report = analyze(read.text, glossary=GLOSSARY)
    covered = _comments(annotate_docx(content, read, report))
    for notice in read.notices():
        assert notice in covered, notice
    placeholder = next(n for n in covered if "nog niet ingevuld" in n)
    assert covered[placeholder] == "Klik of tik om tekst in te voeren."
    assert covered[HIDDEN_TEXT] == "Beste mevrouw Jansen,"
    assert covered[TRACKED_CHANGES] == "Beste mevrouw Jansen,"


_HEADERS = {
    "default": "Gemeente Voorbeeld",
    "first": "Eerste pagina",
    "even": "Even pagina",
}


@pytest.mark.parametrize(
    ("title_page", "even_and_odd", "shown"),
    [
        (False, False, {"default"}),
        (True, False, {"default", "first"}),
        (False, True, {"default", "even"}),
        (True, True, {"default", "first", "even"}),
    ],
)
def test_only_the_headers_word_shows_are_read(
    title_page: bool, even_and_odd: bool, shown: set[str]
) -> None:
    document = docx.Document()
    document.add_paragraph(SHOWN)
    section = document.sections[0]
    section.header.paragraphs[0].text = _HEADERS["default"]
    # Write the three headers, then switch the settings as the case says.
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].text = _HEADERS["first"]
    section.even_page_header.paragraphs[0].text = _HEADERS["even"]
    section.different_first_page_header_footer = title_page
    document.settings.odd_and_even_pages_header_footer = even_and_odd
    read = read_docx(_save(document))
    for kind, text in _HEADERS.items():
        assert (text in read.text) is (kind in shown), kind


_DELETED_MARK = (
    '<w:rPr><w:del w:id="9" w:author="A" w:date="2026-01-01T00:00:00Z"/></w:rPr>'
)
_DROP = "ij betalen alsmede."


@pytest.mark.parametrize(
    ("first", "mark", "second", "read"),
    [
        (
            "Wij betalen het elke maand",
            _DELETED_MARK,
            "op uw rekening.",
            "Wij betalen het elke maand op uw rekening.",
        ),
        (
            "Wij betalen het elke maand ",
            _DELETED_MARK,
            "op uw rekening.",
            "Wij betalen het elke maand op uw rekening.",
        ),
        (
            "Wij betalen het",
            "<w:rPr><w:vanish/></w:rPr>",
            "elke maand.",
            "Wij betalen het elke maand.",
        ),
        ("W", '<w:framePr w:dropCap="drop"/>', _DROP, "Wij betalen alsmede."),
        ("W", '<w:framePr w:dropCap="margin"/>', _DROP, "Wij betalen alsmede."),
        ("Wij betalen.", '<w:framePr w:w="200"/>', "U krijgt geld.", None),
    ],
    ids=["deleted mark", "deleted mark after a space", "hidden mark", "drop cap",
         "drop cap in the margin", "frame without drop cap"],
)  # fmt: skip
def test_a_paragraph_whose_mark_goes_runs_on(
    first: str, mark: str, second: str, read: str | None
) -> None:
    document = docx.Document()
    _add_xml(
        document,
        f'<w:pPr>{mark}</w:pPr><w:r><w:t xml:space="preserve">{first}</w:t></w:r>',
    )
    document.add_paragraph(second)
    content = _save(document)
    found = read_docx(content)
    assert found.text == (read or f"{first}\n\n{second}")
    report = analyze(found.text, glossary=GLOSSARY)
    covered = _comments(annotate_docx(content, found, report))
    if "alsmede" in found.text:  # a comment in the joined part lands on its word
        assert "alsmede" in covered.values()


@pytest.mark.parametrize(
    ("run_text", "word"),
    [
        ("Wij hebben uw brief d.d. 12 oktober ont\u00advangen.", "d.d."),
        ("U vraagt o.a. om uitstel van be\u00adtaling.", "o.a."),
        ("Wij be\u00adtalen alsmede de huur.", "alsmede"),
        ("Wij beta\u200blen alsmede de huur.", "alsmede"),
    ],
)
def test_a_comment_lands_on_its_word_in_a_run_with_a_soft_hyphen(
    run_text: str, word: str
) -> None:
    document = docx.Document()
    document.add_paragraph(run_text)
    content = _save(document)
    read = read_docx(content)
    report = analyze(read.text, glossary=GLOSSARY)
    assert word in _comments(annotate_docx(content, read, report)).values()


@pytest.mark.parametrize(
    ("text", "advice"),
    [
        ("Wij storten het op uw IBAN. Dat is snel.", "Schrijf: rekeningnummer (IBAN)."),
        ("Uw IBAN staat op uw bankpas.", "Schrijf: rekeningnummer (IBAN)."),
        ("Wij storten het op uw rekeningnummer (IBAN). Dat is snel.", None),
    ],
)
def test_the_iban_advice_is_the_plain_word(text: str, advice: str | None) -> None:
    found = [
        f.suggestion
        for f in analyze(text, glossary=GLOSSARY).findings
        if f.rule == "afkorting"
    ]
    assert found == ([advice] if advice else [])
    assert not any("voluit" in s for s in found)


def test_a_file_with_only_a_chart_says_what_was_not_read() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph()
    paragraph._p.append(
        parse_xml(
            f"<w:r {nsdecls('w')}><w:drawing><a:graphic"
            ' xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
            "<a:graphicData><c:chart"
            ' xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"/>'
            "</a:graphicData></a:graphic></w:drawing></w:r>"
        )
    )
    read = read_docx(_save(document))
    assert read.text == ""
    reason = empty_reason(read, "Er staat geen tekst in dit bestand.")
    assert reason.startswith(NOTHING_READABLE)
    assert "Niet gelezen: een grafiek." in reason
    empty = read_docx(_save(docx.Document()))
    assert empty_reason(empty, "leeg") == "leeg"


_NOTE_TYPES = {
    "footnote": "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes",
    "endnote": "http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes",
}  # fmt: skip


def _with_note(kind: str, note: str) -> bytes:
    """A file whose body has a note reference, and the note part it points to."""
    document = docx.Document()
    _add_xml(
        document,
        '<w:r><w:t xml:space="preserve">U krijgt geld.</w:t></w:r>'
        f'<w:r><w:{kind}Reference w:id="1"/></w:r>',
    )
    content = _save(document)
    part = (
        f'<w:{kind}s {nsdecls("w")}><w:{kind} w:type="separator" w:id="-1"><w:p>'
        f'<w:r><w:separator/></w:r></w:p></w:{kind}><w:{kind} w:id="1"><w:p><w:r>'
        f"<w:t>{note}</w:t></w:r></w:p></w:{kind}></w:{kind}s>"
    )
    relation = (
        f'<Relationship Id="rIdNote" Type="{_NOTE_TYPES[kind]}"'
        f' Target="{kind}s.xml"/></Relationships>'
    )
    override = (
        f'<Override PartName="/word/{kind}s.xml" ContentType="application/'
        f'vnd.openxmlformats-officedocument.wordprocessingml.{kind}s+xml"/></Types>'
    )
    changed = _rewrite(content, {"</Relationships>": relation}, "document.xml.rels")
    changed = _rewrite(changed, {"</Types>": override}, "[Content_Types].xml")
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(changed)) as source,
        zipfile.ZipFile(out, "w") as target,
    ):
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        target.writestr(f"word/{kind}s.xml", part)
    return out.getvalue()


@pytest.mark.parametrize(
    ("kind", "says"),
    [("footnote", "In de voetnoot hier: "), ("endnote", "In de eindnoot hier: ")],
)
def test_a_finding_in_a_note_sits_on_its_reference_mark(kind: str, says: str) -> None:
    content = _with_note(kind, "Wij betalen alsmede de huur.")
    read = read_docx(content)
    assert "Wij betalen alsmede de huur." in read.text
    report = analyze(read.text, glossary=GLOSSARY)
    annotated = annotate_docx(content, read, report)
    document = docx.Document(io.BytesIO(annotated))
    comment = next(c for c in document.comments if "alsmede" in c.text)
    assert comment.text.startswith(says)
    # The comment's range holds exactly the run with the reference mark.
    start = next(
        e
        for e in document.element.body.iter(qn("w:commentRangeStart"))
        if int(e.get(qn("w:id"))) == comment.comment_id
    )
    marked = start.getnext()
    assert marked.find(qn(f"w:{kind}Reference")) is not None


def test_notice_and_note_comments_open_in_libreoffice(tmp_path: Path) -> None:
    import shutil
    import subprocess

    content = _with_note("footnote", "Wij betalen alsmede de huur.")
    document = docx.Document(io.BytesIO(content))
    document.add_paragraph("Verborgen zin.").runs[0].font.hidden = True
    content = _save(document)
    read = read_docx(content)
    report = analyze(read.text, glossary=GLOSSARY)
    annotated = tmp_path / "met-opmerkingen.docx"
    annotated.write_bytes(annotate_docx(content, read, report))
    if shutil.which("soffice") is None:
        pytest.fail("LibreOffice (soffice) is needed for this test; see .ci/run")
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "odt",
            "--outdir",
            str(tmp_path),
            str(annotated),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    with zipfile.ZipFile(tmp_path / "met-opmerkingen.odt") as odt:
        shown = odt.read("content.xml").decode()
    assert "verborgen tekst" in shown  # the notice
    assert "In de voetnoot hier: " in shown  # the finding on the note's mark
