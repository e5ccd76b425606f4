"""The communication adviser's review (issue 15 follow-up), as kinds of input:
hidden text, altChunk parts, glossary abbreviations, paragraph spans, and Word
comments on exactly the flagged words. Files are built here with python-docx."""

from __future__ import annotations

import copy
import io
import re
import zipfile
from collections import Counter
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement

from letterforge.readability import analyze, load_glossary
from letterforge.readability.annotate import annotate_docx
from letterforge.readability.docx_text import HIDDEN_TEXT, UNREAD_PARTS, read_docx

GLOSSARY = load_glossary(Path(__file__).resolve().parents[2] / "glossary")


def _save(document: docx.document.Document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _hide(run: object, tag: str = "w:vanish", val: str | None = None) -> None:
    element = OxmlElement(tag)
    if val is not None:
        element.set(qn("w:val"), val)
    run._r.get_or_add_rPr().append(element)  # type: ignore[attr-defined]


def _hidden_style(document: docx.document.Document) -> str:
    style = document.styles.add_style(
        "Verborgen", docx.enum.style.WD_STYLE_TYPE.CHARACTER
    )
    style.font.hidden = True
    child = document.styles.add_style("Kind", docx.enum.style.WD_STYLE_TYPE.CHARACTER)
    child.base_style = style
    return "Kind"


@pytest.mark.parametrize(
    ("how", "hidden"),
    [
        ("vanish", True),
        ("specVanish", True),
        ("vanish-off", False),
        ("style", True),
    ],
)
def test_hidden_text_is_left_out_and_said(how: str, hidden: bool) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("Dit ziet u. ")
    run = paragraph.add_run("VERBORGEN: Teneinde onverwijld alsmede conform.")
    if how == "vanish":
        _hide(run)
    elif how == "specVanish":
        _hide(run, "w:specVanish")
    elif how == "vanish-off":
        _hide(run, "w:vanish", "0")
    else:
        run.style = document.styles[_hidden_style(document)]
    read = read_docx(_save(document))
    assert ("VERBORGEN" in read.text) is not hidden
    assert read.hidden_text is hidden
    assert (HIDDEN_TEXT in read.notices()) is hidden
    if hidden:
        assert analyze(read.text, glossary=GLOSSARY).meets_b1


def _with_alt_chunk(name: str, content_type: str, data: bytes) -> bytes:
    """A .docx with a w:altChunk to part `name`, as merge tools insert it."""
    document = docx.Document()
    document.add_paragraph("U krijgt geld van de gemeente.")
    body = document.element.body
    chunk = OxmlElement("w:altChunk")
    chunk.set(qn("r:id"), "rIdChunk1")
    body.insert(len(body) - 1, chunk)
    raw = io.BytesIO(_save(document))
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "word/_rels/document.xml.rels":
                content = content.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdChunk1" Type="http://schemas.openxmlformats'
                    b'.org/officeDocument/2006/relationships/aFChunk" Target="'
                    + name.encode()
                    + b'"/></Relationships>',
                )
            if item.filename == "[Content_Types].xml":
                content = content.replace(
                    b"</Types>",
                    b'<Override PartName="/word/'
                    + name.encode()
                    + b'" ContentType="'
                    + content_type.encode()
                    + b'"/></Types>',
                )
            target.writestr(item, content)
        target.writestr(f"word/{name}", data)
    return out.getvalue()


HTML = (
    b"<html><body><p>ALTCHUNK: Onverminderd het bepaalde alsmede conform.</p>"
    b"<p>Tweede deel.</p></body></html>"
)


@pytest.mark.parametrize(
    ("name", "content_type", "data", "read_text", "unread"),
    [
        ("chunk.htm", "text/html", HTML, True, False),
        ("chunk.txt", "text/plain", b"ALTCHUNK: alsmede conform.", True, False),
        ("chunk.rtf", "application/rtf", b"{\\rtf1 ALTCHUNK}", False, True),
        (
            "chunk.mht",
            "message/rfc822",
            b"MIME-Version: 1.0\r\n\r\nALTCHUNK",
            False,
            True,
        ),
    ],
)
def test_alt_chunks_are_read_or_reported(
    name: str, content_type: str, data: bytes, read_text: bool, unread: bool
) -> None:
    read = read_docx(_with_alt_chunk(name, content_type, data))
    assert ("ALTCHUNK" in read.text) is read_text
    assert read.unread_parts is unread
    assert (UNREAD_PARTS in read.notices()) is unread
    if read_text:
        report = analyze(read.text, glossary=GLOSSARY)
        assert "alsmede" in {f.excerpt for f in report.findings}


@pytest.mark.parametrize(
    ("text", "excerpt", "advice"),
    [
        ("Wij bellen u i.v.m. uw aanvraag.", "i.v.m.", "Schrijf: door, omdat."),
        ("Stuur het z.s.m. naar ons.", "z.s.m.", "Schrijf: zo snel mogelijk."),
        ("Dit geldt c.q. voor u.", "c.q.", "Schrijf: of."),
        ("Wij doen e.e.a. voor u.", "e.e.a.", "Schrijf: dit (zeg precies wat)."),
        ("Uw brief van 3 maart jl. is binnen.", "jl.", "Schrijf: vorige"),
        ("Wij sturen het t.a.v. de heer Jansen.", "t.a.v.", "Schrijf: voor."),
        ("Er zijn o.a. twee regels.", "o.a.", "Schrijf: onder andere"),
        ("Neem bijv. een kopie mee.", "bijv.", "Schrijf: bijvoorbeeld."),
        ("Wij kijken naar de Awb.", "Awb", "Algemene wet bestuursrecht"),
        ("Dit staat in de Pw.", "Pw", "Participatiewet"),
        ("U vroeg hulp uit de Wmo.", "Wmo", "Wet maatschappelijke ondersteuning"),
        ("Het UWV belt u.", "UWV", "de organisatie voor WW"),
        ("Het XYZQ belt u.", "XYZQ", "voluit"),
    ],
)
def test_abbreviations_are_flagged_with_their_alternative(
    text: str, excerpt: str, advice: str
) -> None:
    found = [
        f for f in analyze(text, glossary=GLOSSARY).findings if f.rule == "afkorting"
    ]
    assert [f.excerpt for f in found] == [excerpt]
    assert advice in found[0].suggestion
    assert found[0].end - found[0].start == len(excerpt)  # the final dot included
    # Not also "a word few people know": one note per spot.
    rare = [
        f
        for f in analyze(text, glossary=GLOSSARY).findings
        if f.rule == "moeilijk-woord"
    ]
    assert all(not (found[0].start <= f.start < found[0].end) for f in rare)


@pytest.mark.parametrize(
    "text",
    [
        "LET OP: u moet dit voor 1 mei doen.",
        "BELANGRIJK: bel ons als u vragen heeft.",
        "Sta niet in de RIJ voor de balie.",
        "Wij vroegen het u eerder (UWV).",
        "Het UWV (de organisatie voor uitkeringen) belt u.",
    ],
)
def test_capitals_for_emphasis_and_explained_abbreviations_are_left_alone(
    text: str,
) -> None:
    report = analyze(text, glossary=GLOSSARY)
    assert [f.excerpt for f in report.findings if f.rule == "afkorting"] == []


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("Wij betalen het d.d. 1 maart 2026.", "d.d."),
        ("U krijgt resp. 10 en 20 euro.", "resp."),
    ],
)
def test_dotted_terms_keep_their_final_dot(text: str, term: str) -> None:
    report = analyze(text, glossary=GLOSSARY)
    spans = [report.text[f.start : f.end] for f in report.findings]
    assert term in spans


LONG = " ".join(["Wij hebben uw aanvraag goed bekeken en alles nagelopen."] * 16)


@pytest.mark.parametrize("gap", ["\n\n", "\n\n\n", "\n \n\n", "\n\n\n\n  "])
def test_a_long_paragraph_is_marked_from_its_first_character(gap: str) -> None:
    text = f"U krijgt geld.{gap}{LONG}\n\n\nTot ziens."
    report = analyze(text, glossary=GLOSSARY)
    (finding,) = [f for f in report.findings if f.rule == "lange-alinea"]
    assert finding.start == text.index("Wij")
    assert report.text[finding.end - 1] == "."


def _comment_ranges(content: bytes) -> list[str]:
    """The text each comment covers, in document order."""
    document = docx.Document(io.BytesIO(content))
    body = document.element.body
    ranges: dict[str, list[str]] = {}
    open_ids: set[str] = set()
    for element in body.iter():
        tag = element.tag
        if tag == qn("w:commentRangeStart"):
            open_ids.add(element.get(qn("w:id")))
        elif tag == qn("w:commentRangeEnd"):
            open_ids.discard(element.get(qn("w:id")))
        elif tag == qn("w:t"):
            for comment_id in open_ids:
                ranges.setdefault(comment_id, []).append(element.text or "")
    return ["".join(parts) for parts in ranges.values()]


def test_comments_cover_exactly_the_flagged_words() -> None:
    document = docx.Document()
    document.add_paragraph("U krijgt geld van de gemeente.")
    run = document.add_paragraph(
        "Wij betalen alsmede de huur. Teneinde u te helpen, betalen wij ook alsmede"
        " de energie."
    ).runs[0]
    run.bold = True
    content = _save(document)
    read = read_docx(content)
    report = analyze(read.text, glossary=GLOSSARY)
    annotated = annotate_docx(content, read, report)
    ranges = _comment_ranges(annotated)
    whole = len(report.text)
    # Findings about the whole text sit on the first paragraph, saying so.
    flagged = [
        report.text[f.start : f.end] for f in report.findings if f.end - f.start < whole
    ]
    assert len(ranges) == len(report.findings)
    assert not Counter(flagged) - Counter(ranges)  # each word has its own comment
    assert "alsmede de huur" not in " ".join(ranges)
    assert ranges.count("alsmede") == flagged.count("alsmede")
    # The split runs keep their properties, and the text is unchanged.
    again = docx.Document(io.BytesIO(annotated))
    assert all(r.bold for r in again.paragraphs[1].runs if r.text)
    assert again.paragraphs[1].text == document.paragraphs[1].text
    assert read_docx(annotated).text == read.text


def test_the_long_paragraph_comment_lands_on_that_paragraph() -> None:
    document = docx.Document()
    document.add_paragraph("U krijgt geld van de gemeente.")
    document.add_paragraph("")  # an empty paragraph between them, as people type
    document.add_paragraph(LONG)
    content = _save(document)
    read = read_docx(content)
    report = analyze(read.text, glossary=GLOSSARY)
    annotated = annotate_docx(content, read, report)
    (comment,) = [
        c for c in docx.Document(io.BytesIO(annotated)).comments if "alinea" in c.text
    ]
    assert len(_comment_ranges(annotated)) == len(report.findings)
    assert any(r.startswith("Wij hebben") for r in _comment_ranges(annotated))
    assert comment.text.startswith("Let op")


def test_hidden_runs_get_no_comment_and_offsets_stay_right() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("Dit ziet u. ")
    _hide(paragraph.add_run("Teneinde verborgen. "))
    paragraph.add_run("Wij betalen alsmede de huur.")
    content = _save(document)
    read = read_docx(content)
    report = analyze(read.text, glossary=GLOSSARY)
    ranges = _comment_ranges(annotate_docx(content, read, report))
    assert "alsmede" in ranges and not any("Teneinde" in r for r in ranges)


def test_reading_leaves_the_input_xml_alone() -> None:
    # The walk and the annotation parse their own copies: the bytes handed in are
    # not changed, so a caller can check again.
    document = docx.Document()
    document.add_paragraph("Wij betalen alsmede de huur.")
    content = _save(document)
    kept = copy.copy(content)
    read = read_docx(content)
    annotate_docx(content, read, analyze(read.text, glossary=GLOSSARY))
    assert content == kept and re.search(rb"word/document\.xml", content)
