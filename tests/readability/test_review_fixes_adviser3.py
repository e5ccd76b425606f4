"""Findings of the third adviser (issue 15): what the part is comes from the
relationship type, not the part's name. Every file is built here with
python-docx and zipfile; the parts are then renamed as other generators do."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from letterforge.readability import NO_TEXT, EmptyText, analyze, load_glossary
from letterforge.readability.annotate import annotate_docx
from letterforge.readability.docx_text import (
    UnreadableDocument,
    merge_notice,
    read_docx,
    read_file,
)
from letterforge.readability.language import NO_DUTCH, UNKNOWN, analyze_dutch
from tests.readability.test_word_files_review import _with_note

GLOSSARY = load_glossary(Path(__file__).resolve().parents[2] / "glossary")


def _renamed(content: bytes, old: str, new: str) -> bytes:
    """`content` with part word/`old` renamed to word/`new`, and its name
    changed in every relationship and in the content types."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(content)) as source,
        zipfile.ZipFile(out, "w") as target,
    ):
        for item in source.infolist():
            data = source.read(item.filename)
            name = item.filename
            if name == f"word/{old}":
                name = f"word/{new}"
            elif name.endswith(".rels") or name == "[Content_Types].xml":
                for was, now in ((old, new), (f"/word/{old}", f"/word/{new}")):
                    data = data.replace(f'"{was}"'.encode(), f'"{now}"'.encode())
            target.writestr(name, data)
    return out.getvalue()


def _save(document: docx.document.Document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _header() -> bytes:
    document = docx.Document()
    document.add_paragraph("U krijgt geld van ons.")
    document.sections[0].header.paragraphs[0].text = "Wij betalen alsmede de huur."
    return _save(document)


def _footer() -> bytes:
    document = docx.Document()
    document.add_paragraph("U krijgt geld van ons.")
    document.sections[0].footer.paragraphs[0].text = "Wij betalen alsmede de huur."
    return _save(document)


_NOTE = "Wij betalen alsmede de huur."

_CASES: list[tuple[str, Callable[[], bytes], str, str, str]] = [
    # (case, file, part's own name, the name it gets, where the comment says)
    ("header as hdef", _header, "header1.xml", "hdef.xml", "In de koptekst: "),
    ("header as footnotes", _header, "header1.xml", "footnotes2.xml",
     "In de koptekst: "),
    ("header kept", _header, "header1.xml", "header1.xml", "In de koptekst: "),
    ("footer as fdef", _footer, "footer1.xml", "fdef.xml", "In de voettekst: "),
    ("footer as header", _footer, "footer1.xml", "header7.xml", "In de voettekst: "),
    ("footnote as n1", lambda: _with_note("footnote", _NOTE), "footnotes.xml",
     "n1.xml", "In de voetnoot hier: "),
    ("endnote as n2", lambda: _with_note("endnote", _NOTE), "endnotes.xml",
     "n2.xml", "In de eindnoot hier: "),
    ("endnote as footnotes", lambda: _with_note("endnote", _NOTE), "endnotes.xml",
     "footnotes9.xml", "In de eindnoot hier: "),
]  # fmt: skip


@pytest.mark.parametrize(
    ("make", "old", "new", "says"),
    [case[1:] for case in _CASES],
    ids=[case[0] for case in _CASES],
)
def test_where_a_comment_is_comes_from_the_relationship_type(
    make: Callable[[], bytes], old: str, new: str, says: str
) -> None:
    content = _renamed(make(), old, new)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert f"word/{new}" in archive.namelist()
    read = read_docx(content)
    assert _NOTE in read.text
    report = analyze(read.text, glossary=GLOSSARY)
    document = docx.Document(io.BytesIO(annotate_docx(content, read, report)))
    comment = next(c for c in document.comments if "alsmede" in c.text)
    assert comment.text.startswith(says), comment.text


def _docx_bytes() -> bytes:
    document = docx.Document()
    document.add_paragraph("U krijgt geld van ons.")
    return _save(document)


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (_docx_bytes(), "Dit is een Word-bestand"),
        (b"PK\x03\x04rest of a zip", "geef het de naam .docx"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64), "oud Word-bestand (.doc)"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF-bestand"),
        (b"Wij \xff betalen.", "geen UTF-8"),
    ],
)
def test_a_file_that_is_no_text_is_named_when_given_as_text(
    tmp_path: Path, content: bytes, says: str
) -> None:
    path = tmp_path / "brief.txt"
    path.write_bytes(content)
    with pytest.raises(UnreadableDocument) as refused:
        read_file(path)
    assert says in str(refused.value)


@pytest.mark.parametrize(
    "text", ["PK is een afkorting.", "%PDF staat hier als tekst.", "Gewone tekst."]
)
def test_text_that_only_starts_like_a_signature_is_read(
    tmp_path: Path, text: str
) -> None:
    path = tmp_path / "brief.txt"
    path.write_text(text, encoding="utf-8")
    assert read_file(path).text == text


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        # An officialese term is Dutch evidence: the sentence is judged.
        ("Wij hebben uw brief gekregen. Kop DML vak reiger alsmede.", "alsmede"),
        ("Kop DML vak reiger alsmede.", "alsmede"),
        ("Alleen VML vak karper voornoemd.", "voornoemd"),
        ("Retourzending middels antwoordenvelop.", "middels"),
    ],
)
def test_a_sentence_with_an_officialese_word_is_judged_as_dutch(
    text: str, flagged: str
) -> None:
    report, foreign = analyze_dutch(text, glossary=GLOSSARY)
    assert foreign is None
    assert any(report.text[f.start : f.end] == flagged for f in report.findings)


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("We have received your letter. Thank you very much for writing.", "(Engels)"),
        ("Kop DML vak reiger karper snoek baars.", f"({UNKNOWN})"),
    ],
)
def test_a_text_without_dutch_says_so_not_no_text(text: str, named: str) -> None:
    with pytest.raises(EmptyText) as empty:
        analyze_dutch(text, glossary=GLOSSARY)
    assert empty.value.reason.startswith(NO_DUTCH)
    assert named in empty.value.reason
    assert empty.value.reason != NO_TEXT


def _field_file(body: str) -> bytes:
    document = docx.Document()
    paragraph = parse_xml(f"<w:p {nsdecls('w')}>{body}</w:p>")
    document.element.body.sectPr.addprevious(paragraph)
    return _save(document)


def _r(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def _complex(code: str, result: str) -> str:
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {code} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"{_r(result)}"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


@pytest.mark.parametrize(
    ("body", "named"),
    [
        # An unmerged MERGEFIELD (complex or simple) shows «name»: named.
        (_r("U woont: ") + _complex("MERGEFIELD Naam", "«Naam»") + _r(" hier."),
         ("«Naam»",)),
        (_r("Beste ") + '<w:fldSimple w:instr=" MERGEFIELD Aanhef "><w:r><w:t>'
         "«Aanhef»</w:t></w:r></w:fldSimple>" + _r(","), ("«Aanhef»",)),
        (_complex("mergefield Straat \\* MERGEFORMAT", "«Straat»")
         + _r(" ") + _complex("MERGEFIELD Plaats", "«Plaats»"),
         ("«Straat»", "«Plaats»")),
        # Merged: the result is the value, nothing to name.
        (_r("U woont: ") + _complex("MERGEFIELD Naam", "Jan Jansen") + _r("."), ()),
        # Guillemets typed as quotes, no merge field: ordinary text.
        (_r("Het boek «Wonen» ligt hier."), ()),
        (_r("Het boek «Wonen» ligt hier.") + _complex("PAGE", "1"), ()),
    ],
)  # fmt: skip
def test_an_unmerged_merge_field_is_named(body: str, named: tuple[str, ...]) -> None:
    read = read_docx(_field_file(body))
    assert read.merge_fields == named
    said = [n for n in read.notices() if "samenvoegvelden" in n]
    assert said == ([merge_notice(named)] if named else [])
    for field in named:
        assert field in said[0]


def _control(kind: str, text: str, placeholder: bool = False) -> str:
    shown = "<w:showingPlcHdr/>" if placeholder else ""
    return (
        f"<w:sdt><w:sdtPr>{shown}{kind}</w:sdtPr><w:sdtContent>"
        f"{_r(text)}</w:sdtContent></w:sdt>"
    )


_TEXT = "<w:text/>"
_DROPDOWN = (
    '<w:dropDownList><w:listItem w:displayText="a" w:value="a"/></w:dropDownList>'
)


@pytest.mark.parametrize(
    ("body", "kept"),
    [
        # A finding inside a plain-text control.
        (_r("Tekst: ") + _control(_TEXT, "ingevuld alsmede wezel") + _r("."),
         "ingevuld alsmede wezel"),
        # An unfilled plain-text control gets the placeholder comment.
        (_r("Wij betalen de huur. Leeg: ")
         + _control(_TEXT, "Klik of tik om tekst in te voeren.", placeholder=True)
         + _r("."), "Klik of tik om tekst in te voeren."),
        # A dropdown may hold the comment; it stays where it is.
        (_r("Keuze: ") + _control(_DROPDOWN, "gekozen alsmede wezel") + _r("."),
         "gekozen alsmede wezel"),
    ],
)  # fmt: skip
def test_a_comment_in_a_plain_text_control_goes_around_it(
    tmp_path: Path, body: str, kept: str
) -> None:
    import shutil
    import subprocess

    content = _field_file(body)
    read = read_docx(content)
    report = analyze(read.text, glossary=GLOSSARY)
    annotated = annotate_docx(content, read, report)
    document = docx.Document(io.BytesIO(annotated))
    assert len(document.comments) > 0
    for reference in document.element.body.iter(qn("w:commentReference")):
        for control in reference.iterancestors(qn("w:sdt")):
            assert control.find(f"{qn('w:sdtPr')}/{qn('w:text')}") is None
    path = tmp_path / "met-opmerkingen.docx"
    path.write_bytes(annotated)
    if shutil.which("soffice") is None:
        pytest.fail("LibreOffice (soffice) is needed for this test; see .ci/run")
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}",
         "--headless", "--convert-to", "txt:Text (encoded):UTF8", "--outdir",
         str(tmp_path), str(path)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    shown = (tmp_path / "met-opmerkingen.txt").read_text(encoding="utf-8-sig")
    assert kept in shown
