"""Layout a resident reads in one go (issue 13), checked in the DOCX itself: the
zienswijze as a quote, what must stay together kept together, and the later-page
header with datum and kenmerk. tests/render/test_libreoffice.py checks the printed
pages."""

from __future__ import annotations

import dataclasses
import io
import zipfile

import docx
import pytest

from letterforge.compose.furniture import later_page_line
from letterforge.compose.model import Callout, Letter, ListBlock, Paragraph
from letterforge.pipeline import parse_request, render_request
from letterforge.render.html import render_html
from letterforge.settings import Settings
from tests.conftest import TODAY, load_sample

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _made(name: str, settings: Settings) -> tuple[Letter, bytes]:
    rendered = render_request(parse_request(load_sample(name)), settings, today=TODAY)
    return rendered.letter, rendered.content


def _keeps(paragraph: object) -> set[str]:
    p_pr = paragraph._p.pPr  # type: ignore[attr-defined]
    if p_pr is None:
        return set()
    return {child.tag.removeprefix(W) for child in p_pr}


@pytest.mark.parametrize(
    "name",
    [
        "afwijzing-bijstand-woonplaats-zienswijze",
        "verhaal-verzoek-rechtbank",
        "terugvordering-inlichtingenplicht-zienswijze",
    ],
)
def test_the_zienswijze_is_quoted_not_boxed(name: str, settings: Settings) -> None:
    _, content = _made(name, settings)
    case = load_sample(name)["case"]
    paragraphs = docx.Document(io.BytesIO(content)).paragraphs
    [quote] = [p for p in paragraphs if p.style.name == "Citaat"]
    assert quote.text == case["zienswijze"]["samenvatting"]
    assert not quote._p.xpath(".//w:drawing")  # no pictogram on someone's words
    before = paragraphs[paragraphs.index(quote) - 1]
    while not before.text:
        before = paragraphs[paragraphs.index(before) - 1]
    assert before.text.endswith("U zei:") and "keepNext" in _keeps(before)


def test_the_html_preview_quotes_without_a_pictogram(settings: Settings) -> None:
    letter, _ = _made("verhaal-verzoek-rechtbank", settings)
    html = render_html(letter)
    start = html.index("lf-callout--citaat")
    assert "<svg" not in html[start : html.index("</aside>", start)]


@pytest.mark.parametrize(
    "name", ["verlenging-beslistermijn-stukken", "opschorting-loonstroken"]
)
def test_lists_and_their_announcing_line_stay_together(
    name: str, settings: Settings
) -> None:
    _, content = _made(name, settings)
    paragraphs = docx.Document(io.BytesIO(content)).paragraphs
    bullets = [i for i, p in enumerate(paragraphs) if p.style.name == "List Bullet"]
    assert bullets
    runs: list[list[int]] = []
    for index in bullets:
        if runs and runs[-1][-1] == index - 1:
            runs[-1].append(index)
        else:
            runs.append([index])
    for run in runs:
        assert "keepNext" in _keeps(paragraphs[run[0] - 1])  # "…nodig:"
        keeps = ["keepNext" in _keeps(paragraphs[i]) for i in run]
        assert keeps == [True] * (len(run) - 1) + [False]


def test_headings_and_boxes_keep_with_what_follows(settings: Settings) -> None:
    _, content = _made("terugvordering-later-inkomsten", settings)
    paragraphs = docx.Document(io.BytesIO(content)).paragraphs
    headings = [p for p in paragraphs if p.style.name.startswith("Heading 2")]
    assert headings and all("keepNext" in _keeps(h) for h in headings)
    boxes = [p for p in paragraphs if p.style.name == "Kader"]
    assert boxes and all({"keepNext", "keepLines"} <= _keeps(b) for b in boxes)
    rows = docx.Document(io.BytesIO(content)).tables[0].rows
    assert all(r._tr.xpath("./w:trPr/w:cantSplit") for r in rows)


@pytest.mark.parametrize(
    "name", ["terugvordering-later-inkomsten", "wmo-toekenning-pgb", "aanmaning-boete"]
)
def test_later_pages_repeat_datum_and_kenmerk(name: str, settings: Settings) -> None:
    letter, content = _made(name, settings)
    document = docx.Document(io.BytesIO(content))
    section = document.sections[0]
    later = "\n".join(p.text for p in section.header.paragraphs)
    first = "\n".join(p.text for p in section.first_page_header.paragraphs)
    line = later_page_line(letter.meta)
    assert line in later and letter.meta.kenmerk in later
    assert line not in first
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        names = archive.namelist()
    assert len(names) == len(set(names))  # the header part is written once


@pytest.mark.parametrize(
    "name",
    [
        "bestuurlijke-boete-recidive",
        "ontvangstbevestiging-bijstand",
        "verlenging-beslistermijn-advies",
        "beeindiging-bijstand-werk",
        "afwijzing-bijstand-woonplaats-zienswijze",  # a note: two addresses
        "opschorting-kopie-schuldhulp",  # a note: Kopie aan
    ],
)
def test_the_signature_keeps_the_last_paragraph_with_it(
    name: str, settings: Settings
) -> None:
    # Review findings: a signature alone on a page, detached from the decision.
    # LibreOffice does not honour keep-with-next when the kept paragraph fills
    # the page exactly, so the last paragraph of the text and the signature are
    # one paragraph whose lines stay together (render/_docx_body._signature).
    letter, content = _made(name, settings)
    paragraphs = docx.Document(io.BytesIO(content)).paragraphs
    last_block = letter.blocks[-1]
    assert isinstance(last_block, Paragraph)
    (signed,) = [
        p for p in paragraphs if letter.signature.closing in p.text.split("\n")
    ]
    lines = signed.text.split("\n")
    assert lines[0] == last_block.text
    signed_off = lines.index(letter.signature.function)
    assert lines[signed_off - 1] == letter.signature.name
    # A note ("Kopie aan", two addresses) stays in the same paragraph.
    assert "\n".join(lines[signed_off + 1 :]).strip() == letter.signature.note
    assert "keepLines" in _keeps(signed)


@pytest.mark.parametrize(
    ("last", "kept_text"),
    [
        (ListBlock(("Eerste stap.", "Laatste stap.")), "Laatste stap."),
        (Callout("let-op", (Paragraph("Let op de datum."),)), ""),  # spacer paragraph
    ],
    ids=["list", "box"],
)
def test_a_letter_ending_in_another_block_keeps_it_with_the_signature(
    last: ListBlock | Callout, kept_text: str, settings: Settings
) -> None:
    from letterforge.render import render_docx

    letter, _ = _made("verlenging-beslistermijn-advies", settings)
    letter = dataclasses.replace(letter, blocks=(*letter.blocks, last))
    paragraphs = docx.Document(io.BytesIO(render_docx(letter))).paragraphs
    (signed,) = [p for p in paragraphs if p.text.startswith(letter.signature.closing)]
    before = paragraphs[paragraphs.index(signed) - 1]
    assert before.text == kept_text
    assert "keepNext" in _keeps(before)
    assert "keepLines" in _keeps(signed)
