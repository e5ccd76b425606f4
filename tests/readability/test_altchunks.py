"""Files inserted in a letter as w:altChunk (Word's "Text from file" in some tools,
and what generators write): each is read at its place, or counted as not read,
and a verdict on a file with unread text says it holds for the part we read.
The annotated file opens in python-docx and LibreOffice."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
import zipfile
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from letterforge.readability import load_glossary
from letterforge.readability.annotate import annotate_docx
from letterforge.readability.docx_text import CHUNK, read_docx
from letterforge.readability.language import analyze_dutch

GLOSSARY = load_glossary(Path(__file__).resolve().parents[2] / "glossary")
SCRIPT = str(Path(sys.executable).with_name("letterforge"))
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
DOCX_MAIN = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
)
BEGIN = "Begin van de brief: u krijgt geld van ons."
END = "Einde van de brief: bel ons als u vragen heeft."


def _inner_docx(text: str) -> bytes:
    inner = docx.Document()
    inner.add_paragraph(text)
    out = io.BytesIO()
    inner.save(out)
    return out.getvalue()


def _mht(text: str) -> bytes:
    """An MHT file as Word saves one ("webpagina, één bestand"): MIME with an
    HTML part in quoted-printable, as the stdlib writes it."""
    message = MIMEMultipart("related")
    message.attach(
        MIMEText(f"<html><body><p>{text}</p></body></html>", "html", "utf-8")
    )
    return message.as_bytes()


# suffix -> (content type, how the text is stored)
KINDS = {
    "html": ("text/html", lambda t: f"<html><body><p>{t}</p></body></html>".encode()),
    "txt": ("text/plain", lambda t: t.encode()),
    "mht": ("message/rfc822", _mht),
    "docx": (DOCX_MAIN, _inner_docx),
    "rtf": ("application/rtf", lambda t: ("{\\rtf1\\ansi " + t + "\\par}").encode()),
}


def _letter(*chunks: tuple[str, str]) -> bytes:
    """BEGIN, then each (suffix, text) as an altChunk, then END."""
    document = docx.Document()
    document.add_paragraph(BEGIN)
    anchor = document.add_paragraph(END)
    for number in range(len(chunks)):
        anchor._p.addprevious(
            parse_xml(f'<w:altChunk {nsdecls("w", "r")} r:id="rIdChunk{number}"/>')
        )
    out = io.BytesIO()
    document.save(out)
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as source:
        items = {i.filename: source.read(i.filename) for i in source.infolist()}
    for number, (suffix, text) in enumerate(chunks):
        media, build = KINDS[suffix]
        part = f"chunk{number}.{suffix}"
        items[f"word/{part}"] = build(text)  # type: ignore[no-untyped-call]
        override = f'<Override PartName="/word/{part}" ContentType="{media}"/>'
        items["[Content_Types].xml"] = items["[Content_Types].xml"].replace(
            b"</Types>", f"{override}</Types>".encode()
        )
        rels = "word/_rels/document.xml.rels"
        items[rels] = items[rels].replace(
            b"</Relationships>",
            f'<Relationship Id="rIdChunk{number}" Type="{_REL}aFChunk"'
            f' Target="{part}"/></Relationships>'.encode(),
        )
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, value in items.items():
            archive.writestr(name, value)
    return packed.getvalue()


HTML = "Uit html: wij betalen alsmede de huur."
TXT = "Uit tekst: wij betalen krachtens de wet."
MHT = "Uit mht: wij betalen teneinde u te helpen."
WORD = "Uit Word: wij betalen derhalve meer."
RTF = "Uit rtf: niet gelezen."

CASES = [
    # (name, chunks, texts read in order, unread kind or "", incomplete)
    ("html", [("html", HTML)], [BEGIN, HTML, END], "", False),
    ("text", [("txt", TXT)], [BEGIN, TXT, END], "", False),
    ("mht", [("mht", MHT)], [BEGIN, MHT, END], "", False),
    ("word", [("docx", WORD)], [BEGIN, WORD, END], "", False),
    ("rtf", [("rtf", RTF)], [BEGIN, END], CHUNK, True),
    (
        "two rtf counted",
        [("rtf", RTF), ("rtf", RTF)],
        [BEGIN, END],
        "2 ingevoegde bestanden (geen Word, HTML of MHT)",
        True,
    ),
    (
        "all kinds in order",
        [("docx", WORD), ("rtf", RTF), ("mht", MHT), ("html", HTML)],
        [BEGIN, WORD, MHT, HTML, END],
        CHUNK,
        True,
    ),
]


@pytest.mark.parametrize(
    ("chunks", "texts", "unread", "incomplete"),
    [pytest.param(c, t, u, i, id=n) for n, c, t, u, i in CASES],
)
def test_each_insert_is_read_in_place_or_counted(
    chunks: list[tuple[str, str]], texts: list[str], unread: str, incomplete: bool
) -> None:
    content = _letter(*chunks)
    found = read_docx(content)
    assert [p.text for p in found.paragraphs if p.text.strip()] == texts
    assert found.incomplete is incomplete
    assert found.unread_kinds == ((unread,) if unread else ())
    assert (f"Niet gelezen: {unread}." in found.notices()) is bool(unread)
    # The file gets its comments, every inserted part carried as it was.
    report, _ = analyze_dutch(found.text, glossary=GLOSSARY)
    annotated = annotate_docx(content, found, report)
    reopened = docx.Document(io.BytesIO(annotated))
    findings = {(f.rule, f.start, f.end, f.message) for f in report.findings}
    assert len(reopened.comments) == len(findings) + len(found.notices())
    with zipfile.ZipFile(io.BytesIO(content)) as before:
        with zipfile.ZipFile(io.BytesIO(annotated)) as after:
            for number, (suffix, _) in enumerate(chunks):
                name = f"word/chunk{number}.{suffix}"
                assert after.read(name) == before.read(name)


def _check(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [SCRIPT, "check", *args], capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize(
    ("chunks", "verdict", "strict_code"),
    [
        ([("html", "Wij helpen u graag.")], "De tekst voldoet aan B1. Score", 0),
        (
            [("rtf", RTF)],
            "De tekst voldoet aan B1 voor het deel dat wij konden lezen. Score",
            1,
        ),
    ],
)
def test_a_verdict_on_a_partly_read_file_says_so(
    tmp_path: Path, chunks: list[tuple[str, str]], verdict: str, strict_code: int
) -> None:
    path = tmp_path / "brief.docx"
    path.write_bytes(_letter(*chunks))
    shown = _check(str(path))
    assert shown.returncode == 0
    assert shown.stdout.startswith(verdict)
    data = json.loads(_check("--format", "json", str(path)).stdout)
    assert data["meets_b1"] is True
    assert data["document"]["incomplete"] is (strict_code == 1)
    strict = _check("--strict", str(path))
    assert strict.returncode == strict_code
    if strict_code:  # never a silent failure: one Dutch line says why
        assert "voor het deel dat wij konden lezen" in strict.stderr


def test_an_annotated_file_with_an_inserted_word_file_opens_in_libreoffice(
    tmp_path: Path,
) -> None:
    source = tmp_path / "brief.docx"
    source.write_bytes(_letter(("docx", WORD), ("mht", MHT)))
    out = tmp_path / "met-opmerkingen.docx"
    done = _check(str(source), "--annotate", str(out))
    assert done.returncode == 0, done.stderr
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
            str(out),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    shown = (tmp_path / "met-opmerkingen.txt").read_text(encoding="utf-8-sig")
    assert BEGIN in shown and END in shown
    assert "derhalve" in shown  # LibreOffice shows the inserted Word file
