"""Every failing input of ../shared/cases/readability gives the outcome its README row
names (files copied to tests/data/readability-cases, see SOURCE.md there), plus cases
of our own for each kind of fault."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pytest

from letterforge.readability import Glossary, analyze
from letterforge.readability.docx_text import (
    MAX_WORD_CHARS,
    UnreadableDocument,
    read_docx,
)
from letterforge.readability.text import split_units

CASES = Path(__file__).resolve().parents[1] / "data" / "readability-cases"
LONG = (
    "Indien u het niet eens bent met dit besluit, dan kunt u binnen zes weken na"
    " de dagtekening van deze brief een bezwaarschrift indienen"
)


def case(name: str) -> bytes:
    return (CASES / name).read_bytes()


def rules(report_findings: object) -> set[str]:
    return {f.rule for f in report_findings}  # type: ignore[attr-defined]


# -- text plumbing ---------------------------------------------------------------


def test_sentences_ending_with_u_are_four_short_sentences(glossary: Glossary) -> None:
    report = analyze(case("sentence-ends-with-u.txt").decode(), glossary=glossary)
    assert report.metrics["sentences"] == 4
    assert report.metrics["langste_zin"] <= 10  # "1 mei" is one token
    assert report.meets_b1


@pytest.mark.parametrize(
    "text",
    [
        "Wij sturen de brief naar u. U krijgt hem morgen.",
        "Zo doen wij dat altijd zo. Het is niet anders.",
        "Dat staat in het eerste lid. Het tweede lid gaat over geld.",
        "De temperatuur is vijf graden min. Het vriest.",
        "Dit is de regel voor u, o.a. Het geldt voor iedereen.",
    ],
)
def test_one_letter_and_abbreviation_like_words_end_a_sentence(text: str) -> None:
    assert [u.kind for u in split_units(text)] == ["sentence", "sentence"]


@pytest.mark.parametrize(
    "text",
    [
        "Mevrouw S. Bos woont hier.",
        "Dhr. Jansen komt morgen.",
        "Volgens art. 58 lid 2 moet u betalen.",
        "U moet o.a. uw loonstrook sturen.",
    ],
)
def test_initials_titles_and_abbreviations_mid_sentence_do_not(text: str) -> None:
    assert len(split_units(text)) == 1


@pytest.mark.parametrize(
    "name", ["hard-line-breaks.txt", "hard-line-breaks-one-line.txt"]
)
def test_hard_wrapped_text_gets_the_same_verdict_as_one_line(
    name: str, glossary: Glossary
) -> None:
    report = analyze(case(name).decode(), glossary=glossary)
    assert report.metrics["sentences"] == 1
    assert report.metrics["langste_zin"] == 48  # 49 words, "3 maart" one token
    long = [f for f in report.findings if f.rule == "lange-zin"]
    assert long and long[0].severity == "error"
    assert not report.meets_b1


def test_address_blocks_headings_and_lists_are_not_joined() -> None:
    text = (
        "Mevrouw S. de Vries\nLindelaan 12 B\n9999 AB  VOORBEELD\n\n"
        "Wat moet u doen?\n\n- uw loonstrook sturen\n- uw huurcontract sturen"
    )
    kinds = [u.kind for u in split_units(text)]
    assert kinds == ["line", "line", "line", "heading", "list_item", "list_item"]


def test_iban_phone_postcode_and_kenmerk_are_one_token_each(
    glossary: Glossary,
) -> None:
    report = analyze(case("iban-and-phone.txt").decode(), glossary=glossary)
    # No finding (the README row): "1 juli" and the IBAN are one word each, so
    # the first sentence has 16 words, next to one of 4 (average 10): short and
    # long alternate, as the guides ask, so the 16 words are not flagged.
    assert report.meets_b1
    assert report.findings == ()
    assert report.metrics["langste_zin"] == 16
    phone = [
        w.text
        for u in split_units(case("iban-and-phone.txt").decode())
        for w in u.words
    ]
    assert "06 12 34 56 78" in phone and "1 juli" in phone
    text = "Stuur het naar 9999 AB, kenmerk ZK-2026-00042, of bel +31 6 12345678."
    words = [w.text for u in split_units(text) for w in u.words]
    assert "9999 AB" in words and "ZK-2026-00042" in words
    assert "+31 6 12345678" in words
    iban = [
        w.text for u in split_units("Rekening NL12 BNGH 0123 4567 89.") for w in u.words
    ]
    assert iban == ["Rekening", "NL12 BNGH 0123 4567 89"]


def test_crlf_text_gets_the_same_findings_as_lf(glossary: Glossary) -> None:
    lf = case("pasted-crlf.txt").decode()
    crlf = lf.replace("\n", "\r\n")
    one, two = analyze(lf, glossary=glossary), analyze(crlf, glossary=glossary)
    assert [(f.rule, f.message) for f in one.findings] == [
        (f.rule, f.message) for f in two.findings
    ]
    assert "lange-alinea" not in rules(two.findings)
    assert two.text == lf  # offsets point into the normalised text


@pytest.mark.parametrize("invisible", ["\u00ad", "\u200b", "\ufeff"])
def test_invisible_characters_do_not_split_words(invisible: str) -> None:
    from letterforge.readability.text import normalise

    words = split_units(normalise(f"Wij nemen een be{invisible}sluit."))[0].words
    assert [w.text for w in words] == ["Wij", "nemen", "een", "besluit"]


def test_decomposed_letters_are_normalised_to_nfc(glossary: Glossary) -> None:
    report = analyze("Wij hebben uw beëindiging gezien.", glossary=glossary)
    decomposed = analyze("Wij hebben uw bee\u0308indiging gezien.", glossary=glossary)
    assert report.score == decomposed.score


# -- reading Word files ------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "soft-line-breaks.docx",
        "text-box.docx",
        "content-controls.docx",
        "tracked-changes.docx",
        "nested-table.docx",
    ],
)
def test_text_word_shows_is_checked(name: str, glossary: Glossary) -> None:
    source = read_docx(case(name))
    report = analyze(source.text, glossary=glossary)
    assert not report.meets_b1
    assert "lange-zin" in rules(report.findings)


def test_content_control_inline_text_is_read_in_place() -> None:
    text = read_docx(case("content-controls.docx")).text
    assert "U krijgt hierbij deel ik u mede" in text
    assert "U krijgt  terug." not in text


def test_tracked_changes_read_as_the_text_will_read() -> None:
    source = read_docx(case("tracked-changes.docx"))
    assert source.tracked_changes
    assert "bezwaarschrift indienen" in source.text
    assert "U mag bezwaar maken." not in source.text


def test_text_box_is_read_once() -> None:
    source = read_docx(case("text-box.docx"))
    assert source.text.count("bezwaarschrift") == 1


def test_letter_with_a_large_logo_is_read() -> None:
    assert "U krijgt bijstand." in read_docx(case("letter-with-logo-1.4MB.docx")).text


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("malformed-xml.docx", "geen geldig Word-bestand"),
        ("huge-text-node.docx", "meer dan 10 MB"),
        ("zip-bomb.docx", "groter dan 16 MB"),
    ],
)
def test_broken_or_hostile_files_get_a_dutch_refusal(name: str, says: str) -> None:
    with pytest.raises(UnreadableDocument) as refused:
        read_docx(case(name))
    assert says in refused.value.reason


def _docx(build: object) -> bytes:
    document = docx.Document()
    build(document)  # type: ignore[operator]
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _rewrite(content: bytes, part: str, change: object) -> bytes:
    """The same package with one part's XML changed (for what python-docx cannot
    write: fields, merged cells, footnotes, Strict namespaces)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(content)) as old,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new,
    ):
        for item in old.infolist():
            data = old.read(item.filename)
            if item.filename == part or (
                part == "*" and item.filename.endswith(("rels", ".xml"))
            ):
                try:
                    data = change(data.decode()).encode()  # type: ignore[operator]
                except UnicodeDecodeError:
                    pass  # a UTF-16 custom XML part: not WordprocessingML
            new.writestr(item, data)
    return out.getvalue()


def test_merged_cells_are_read_once() -> None:
    def build(d: docx.document.Document) -> None:
        table = d.add_table(rows=2, cols=2)
        table.cell(0, 0).merge(table.cell(0, 1)).text = "Samen één cel."
        table.cell(1, 0).text = "Links."
        table.cell(1, 1).text = "Rechts."

    text = read_docx(_docx(build)).text
    assert text.count("Samen één cel.") == 1
    assert "Links." in text and "Rechts." in text


def test_field_results_are_read_and_field_codes_are_not() -> None:
    field = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText> DATE \\@ "d MMMM yyyy" </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        "<w:r><w:t>1 mei 2026</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    content = _rewrite(
        _docx(lambda d: d.add_paragraph("Datum: ")),
        "word/document.xml",
        lambda xml: xml.replace("Datum: </w:t></w:r>", "Datum: </w:t></w:r>" + field),
    )
    text = read_docx(content).text
    assert "Datum: 1 mei 2026" in text
    assert "DATE" not in text


def test_headers_and_footers_are_read_once() -> None:
    def build(d: docx.document.Document) -> None:
        d.sections[0].header.paragraphs[0].text = "Gemeente Voorbeeld"
        d.sections[0].footer.paragraphs[0].text = "Bel ons op werkdagen."
        d.add_paragraph("Wij hebben uw brief gelezen.")

    text = read_docx(_docx(build)).text
    assert text.split("\n\n") == [
        "Gemeente Voorbeeld",
        "Wij hebben uw brief gelezen.",
        "Bel ons op werkdagen.",
    ]


def test_strict_open_xml_is_read() -> None:
    transitional = _docx(lambda d: d.add_paragraph("Wij helpen u graag."))
    strict = _rewrite(
        transitional,
        "*",
        lambda xml: xml.replace(
            "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
            "http://purl.oclc.org/ooxml/wordprocessingml/main",
        ).replace(
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/",
            "http://purl.oclc.org/ooxml/officeDocument/relationships/",
        ),
    )
    source = read_docx(strict)
    assert source.strict and "Wij helpen u graag." in source.text


def test_a_word_beyond_the_limit_is_refused() -> None:
    content = _docx(lambda d: d.add_paragraph("x" * (MAX_WORD_CHARS + 1)))
    with pytest.raises(UnreadableDocument, match="tekens zonder spatie"):
        read_docx(content)


def test_a_zip_that_lies_about_its_sizes_stops_at_the_limit() -> None:
    """A bomb whose directory claims small sizes is stopped while unpacking."""
    base = _docx(lambda d: d.add_paragraph("Kort."))
    huge = "<w:p/>" * 3_000_000  # 18 MB of XML, compresses to almost nothing
    content = _rewrite(
        base,
        "word/document.xml",
        lambda xml: re.sub("<w:body>", "<w:body>" + huge, xml),
    )
    with pytest.raises(UnreadableDocument, match="groter dan"):
        read_docx(content)


LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">'
    '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
)


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (  # entities: Word never writes a DTD
            lambda xml: (
                LAUGHS + xml[xml.index("<w:document") :].replace("Kort.", "&b;")
            ),
            "geen geldig Word-bestand",
        ),
        (
            lambda xml: xml.replace(
                "<w:body>",
                "<w:body>"
                + "<w:sdt><w:sdtContent>" * 300
                + "<w:p/>"
                + "</w:sdtContent></w:sdt>" * 300,
            ),
            "te diep genest",
        ),
    ],
)
def test_hostile_xml_is_refused_by_name(change: object, says: str) -> None:
    content = _rewrite(
        _docx(lambda d: d.add_paragraph("Kort.")), "word/document.xml", change
    )
    with pytest.raises(UnreadableDocument, match=says):
        read_docx(content)


def test_an_old_or_encrypted_word_file_is_named() -> None:
    with pytest.raises(UnreadableDocument, match="beveiligd Word-bestand of een oud"):
        read_docx(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
