"""The communication adviser's review, findings 7-14, as kinds of input: the
sub-clause count, split advice at a main-clause border only, whole legal
references, common words that are not rare, Word symbols and unfilled content
controls."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import docx.document
import pytest
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement

from letterforge.readability import analyze, load_glossary
from letterforge.readability.annotate import annotate_docx
from letterforge.readability.clauses import subordinate_clauses
from letterforge.readability.docx_text import read_docx
from letterforge.readability.lexicon import zipf
from letterforge.readability.thresholds import RARE_ZIPF

GLOSSARY = load_glossary(Path(__file__).resolve().parents[2] / "glossary")


def rules_at(text: str, rule: str) -> list[str]:
    report = analyze(text, glossary=GLOSSARY)
    return [f.excerpt for f in report.findings if f.rule == rule]


@pytest.mark.parametrize(
    "word",
    [
        "vinkje",  # a diminutive: as known as "vink"
        "vinkjes",
        "wethouders",  # an inflection: its lemma family "wethouder"
        "indient",  # "indienen"
        "indiende",
        "vastgestelde",
        "zorgvuldige",
        "bankafschriften",
    ],
)
def test_common_words_and_their_forms_are_not_rare(word: str) -> None:
    assert zipf(word) >= RARE_ZIPF
    assert word not in rules_at(f"U zet een {word} bij de vraag.", "moeilijk-woord")


@pytest.mark.parametrize("word", ["onverminderd", "alsdan", "zijner"])
def test_rare_and_archaic_forms_stay_rare(word: str) -> None:
    # "zijner" is not made common by "zijn": a form 100 times rarer than its
    # lemma family keeps its own frequency.
    if word == "zijner":
        assert zipf(word) < 3.0
    else:
        assert zipf(word) < RARE_ZIPF


def test_a_glossary_phrase_gets_one_note_not_a_rare_word_note_too() -> None:
    text = "De kosten komen ten laste van de gemeente."
    report = analyze(text, glossary=GLOSSARY)
    spans = [(f.start, f.end) for f in report.findings if f.rule != "niveau"]
    assert rules_at(text, "ambtelijke-taal") == ["ten laste van"]
    assert rules_at(text, "moeilijk-woord") == []
    assert len(spans) == len(set(spans))


LONG = (
    "Naar aanleiding van uw ter zake dienende aanvraag d.d. 3 januari 2026, welke"
    " door ons in goede orde is ontvangen en welke, gelet op het bepaalde in de"
    " artikelen 11, 17 en 43 van de Participatiewet, alsmede de ter uitvoering"
    " daarvan vastgestelde beleidsregels, door ons in behandeling is genomen, delen"
    " wij u mede dat wij, na zorgvuldige afweging van alle ter zake dienende belangen"
    " en omstandigheden, waaronder begrepen de door u verstrekte bescheiden alsmede"
    " de bevindingen van de sociaal rechercheur, hebben besloten uw aanvraag om een"
    " uitkering ingevolge voornoemde wet af te wijzen, onverminderd de mogelijkheid"
    " dat u te zijner tijd opnieuw een aanvraag indient indien en voor zover uw"
    " omstandigheden zich zodanig wijzigen dat alsdan wel recht op bijstand zou"
    " kunnen bestaan."
)


@pytest.mark.parametrize(
    ("sentence", "count"),
    [
        (LONG, 6),  # welke, welke, dat, dat, indien en voor zover, dat
        ("Wij weten dat u het wilt en dat u komt.", 2),
        ("De brief die wij stuurden, welke u kreeg, is weg.", 2),
        ("Als u vragen hebt, belt u ons.", 1),
        ("Indien en voor zover u recht hebt, betalen wij.", 1),
        ("Wij betalen omdat u recht hebt, zodat u kunt eten.", 2),
        ("Dat is goed.", 0),  # a demonstrative, not a clause
        ("Die brief is weg.", 0),
        ("Welke stukken moet u sturen?", 0),  # a question word
        ("Wij sturen u dat besluit.", 0),
    ],
)
def test_the_sub_clause_count_is_what_the_rule_counts(
    sentence: str, count: int
) -> None:
    assert len(subordinate_clauses(sentence)) == count
    report = analyze(sentence, glossary=GLOSSARY)
    stated = [f.message for f in report.findings if f.rule == "bijzinnen"]
    if count > 1:
        assert stated == [f"Deze zin heeft {count} bijzinnen. Houd het bij één."]
    else:
        assert stated == []


def split_advice(sentence: str) -> str:
    report = analyze(sentence, glossary=GLOSSARY)
    (advice,) = [f.suggestion for f in report.findings if f.rule == "lange-zin"]
    return advice


@pytest.mark.parametrize(
    ("sentence", "starts"),
    [
        (
            "Wij hebben uw aanvraag voor bijzondere bijstand voor de kosten van de"
            " nieuwe bril goed bekeken en wij betalen u de kosten van de bril en de"
            " glazen terug.",
            "wij betalen u",
        ),
        (
            "U hebt op 3 maart bij ons een aanvraag gedaan voor hulp bij het"
            " huishouden; wij hebben die aanvraag nu goed bekeken en besproken.",
            "wij hebben die",
        ),
        (
            "Wij hebben de kosten van uw nieuwe bril en de glazen bekeken, maar u"
            " krijgt van ons geen geld omdat uw inkomen te hoog is voor de regeling.",
            "u krijgt van",
        ),
    ],
)
def test_split_advice_starts_a_full_sentence(sentence: str, starts: str) -> None:
    assert split_advice(sentence) == (
        f"Maak er twee zinnen van. Begin een nieuwe zin bij '{starts} …'."
    )


@pytest.mark.parametrize(
    "sentence",
    [
        LONG,  # the cut at "waaronder begrepen de" made a fragment
        "Het college van burgemeester en wethouders heeft, gelet op het bepaalde in"
        " artikel 43 van de Participatiewet, alsmede gehoord het advies van de"
        " afdeling, besloten uw aanvraag af te wijzen.",
        "Het college van burgemeester en wethouders en de raad van de gemeente hebben"
        " samen met de bewoners en de ondernemers een plan voor de wijk gemaakt.",
    ],
)
def test_without_a_main_clause_border_the_advice_is_plain(sentence: str) -> None:
    assert split_advice(sentence) == (
        "Maak er twee zinnen van. Zet het belangrijkste in de eerste zin."
    )


@pytest.mark.parametrize(
    ("text", "reference"),
    [
        (
            "Gelet op de artikelen 11, 17 en 43 van de Participatiewet zeggen wij nee.",
            "artikelen 11, 17 en 43 van de Participatiewet",
        ),
        (
            "Dit staat in artikel 58, lid 2 en 3 van de Participatiewet.",
            "artikel 58, lid 2 en 3 van de Participatiewet",
        ),
        (
            "Zie artikel 4:112, 4:113 en 4:114 Algemene wet bestuursrecht.",
            "artikel 4:112, 4:113 en 4:114 Algemene wet bestuursrecht",
        ),
        (
            "Dit staat in artikel 62 tot en met 62h Participatiewet.",
            "artikel 62 tot en met 62h Participatiewet",
        ),
        (
            "Dit staat in artikel 3, onder a en b, van de Jeugdwet.",
            "artikel 3, onder a en b, van de Jeugdwet",
        ),
        ("In artikel 12, eerste lid staat dat.", "artikel 12, eerste lid"),
        ("Dit staat in artikel 2 lid 1 en u krijgt geld.", "artikel 2 lid 1"),
        ("Dit staat in artikel 8 en wij betalen.", "artikel 8"),
    ],
)
def test_a_legal_reference_is_one_span(text: str, reference: str) -> None:
    assert rules_at(text, "wetsartikel") == [reference]


def test_a_reference_explained_after_a_colon_is_fine() -> None:
    text = "Participatiewet, artikelen 11 en 43: wie recht heeft op bijstand."
    assert rules_at(text, "wetsartikel") == []


def _save(document: docx.document.Document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _symbol(paragraph: object, char: str, font: str = "Wingdings") -> None:
    run = paragraph.add_run()  # type: ignore[attr-defined]
    sym = OxmlElement("w:sym")
    sym.set(qn("w:font"), font)
    sym.set(qn("w:char"), char)
    run._r.append(sym)


def _comment_texts(content: bytes) -> list[str]:
    """The text each comment covers (w:t and w:sym), in document order."""
    body = docx.Document(io.BytesIO(content)).element.body
    ranges: dict[str, str] = {}
    open_ids: set[str] = set()
    for element in body.iter():
        if element.tag == qn("w:commentRangeStart"):
            open_ids.add(element.get(qn("w:id")))
        elif element.tag == qn("w:commentRangeEnd"):
            open_ids.discard(element.get(qn("w:id")))
        elif element.tag == qn("w:t"):
            for comment_id in open_ids:
                ranges[comment_id] = ranges.get(comment_id, "") + (element.text or "")
    return list(ranges.values())


@pytest.mark.parametrize(
    ("char", "shown"),
    [("F0FC", "✔"), ("FC", "✔"), ("F0A8", "☐"), ("F0B7", "•"), ("F0AB", "□")],
)
def test_a_word_symbol_reads_as_one_character(char: str, shown: str) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("U krijgt ")
    _symbol(paragraph, char)
    paragraph.add_run(" een vinkje en alsmede een brief.")
    content = _save(document)
    read = read_docx(content)
    assert read.text == f"U krijgt {shown} een vinkje en alsmede een brief."
    # The comment still covers exactly its word: the symbol counts one character.
    report = analyze(read.text, glossary=GLOSSARY)
    assert "alsmede" in _comment_texts(annotate_docx(content, read, report))


def _content_control(text: str, placeholder: bool, inline: bool) -> object:
    sdt = OxmlElement("w:sdt")
    props = OxmlElement("w:sdtPr")
    if placeholder:
        props.append(OxmlElement("w:showingPlcHdr"))
    sdt.append(props)
    content = OxmlElement("w:sdtContent")
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = text
    run.append(t)
    if inline:
        content.append(run)
    else:
        p = OxmlElement("w:p")
        p.append(run)
        content.append(p)
    sdt.append(content)
    return sdt


@pytest.mark.parametrize("inline", [True, False])
@pytest.mark.parametrize("placeholder", [True, False])
def test_an_unfilled_content_control_is_not_scored_and_is_named(
    inline: bool, placeholder: bool
) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("Wij betalen alsmede de huur. ")
    field = "Klik of tik om tekst in te voeren."
    sdt = _content_control(field, placeholder, inline)
    if inline:
        paragraph._p.append(sdt)
        paragraph.add_run(" Teneinde u te helpen, bellen wij.")
    else:
        document.element.body.sectPr.addprevious(sdt)
        document.add_paragraph("Teneinde u te helpen, bellen wij.")
    content = _save(document)
    read = read_docx(content)
    assert (field in read.text) is not placeholder
    assert read.placeholders == ((field,) if placeholder else ())
    named = [n for n in read.notices() if "dit veld is nog niet ingevuld" in n]
    assert len(named) == (1 if placeholder else 0)
    report = analyze(read.text, glossary=GLOSSARY)
    comments = _comment_texts(annotate_docx(content, read, report))
    assert "alsmede" in comments and "Teneinde" in comments


_GRAPHIC = "http://schemas.openxmlformats.org/drawingml/2006/main"
_OBJECTS = {
    "smartart": ("http://schemas.openxmlformats.org/drawingml/2006/diagram", "relIds"),
    "chart": ("http://schemas.openxmlformats.org/drawingml/2006/chart", "chart"),
    "ole": ("urn:schemas-microsoft-com:office:office", "OLEObject"),
}


@pytest.mark.parametrize("kind", [*_OBJECTS, None])
def test_smartart_charts_and_embedded_objects_are_said_not_read(
    kind: str | None,
) -> None:
    from lxml import etree

    from letterforge.readability.docx_text import UNREAD_PARTS

    document = docx.Document()
    paragraph = document.add_paragraph("Wij helpen u graag.")
    if kind is not None:
        namespace, name = _OBJECTS[kind]
        drawing = OxmlElement("w:drawing")
        data = etree.SubElement(
            etree.SubElement(drawing, f"{{{_GRAPHIC}}}graphic"),
            f"{{{_GRAPHIC}}}graphicData",
        )
        etree.SubElement(data, f"{{{namespace}}}{name}")
        paragraph.add_run()._r.append(drawing)
    read = read_docx(_save(document))
    assert read.text == "Wij helpen u graag."
    assert read.unread_parts is (kind is not None)
    assert (UNREAD_PARTS in read.notices()) is (kind is not None)
