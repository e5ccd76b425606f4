"""The DOCX renderer: accessibility, layout facts, literal text and goldens."""

from __future__ import annotations

import io
import os
import re
import zipfile
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from docx.shared import Mm, Pt

from letterforge.compose.model import Heading, Paragraph, Table
from letterforge.pipeline import decode_request, render_request
from letterforge.render import render_docx
from letterforge.settings import Settings
from tests.conftest import TODAY, sample_paths
from tests.docx_projection import project
from tests.factories import SENDER, make_letter

GOLDEN_DIR = Path(__file__).parent / "golden"
REGENERATE = os.environ.get("LETTERFORGE_REGENERATE_GOLDEN") == "1"


def part(content: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return archive.read(name).decode("utf-8")


@pytest.fixture(scope="module")
def content() -> bytes:
    return render_docx(make_letter())


def test_language_is_dutch_everywhere(content: bytes) -> None:
    styles = part(content, "word/styles.xml")
    defaults = styles[
        styles.index("<w:docDefaults>") : styles.index("</w:docDefaults>")
    ]
    assert 'w:lang w:val="nl-NL"' in defaults
    assert "en-US" not in styles
    assert docx.Document(io.BytesIO(content)).core_properties.language == "nl-NL"


def test_core_properties_describe_the_letter(content: bytes) -> None:
    properties = docx.Document(io.BytesIO(content)).core_properties
    assert properties.title == "U krijgt bijstand"
    assert properties.author == "Gemeente Proefstad"
    assert properties.created is not None
    assert properties.created.date() == TODAY
    assert properties.keywords == "proef 0123456789ab"


def test_page_is_a4_with_letterhead_and_page_numbers(content: bytes) -> None:
    section = docx.Document(io.BytesIO(content)).sections[0]
    assert section.page_width is not None and section.page_height is not None
    # Word stores twips, so allow the rounding of 210 x 297 mm to whole twips.
    assert abs(section.page_width - Mm(210)) < Mm(0.1)
    assert abs(section.page_height - Mm(297)) < Mm(0.1)
    assert section.different_first_page_header_footer
    assert section.first_page_header.paragraphs[0].text.endswith("Gemeente Proefstad")
    for footer in (section.footer, section.first_page_footer):
        xml = footer._element.xml
        assert "Pagina" in xml and " PAGE " in xml and " NUMPAGES " in xml


def test_logo_has_dutch_alt_text(settings: Settings) -> None:
    sender = replace(SENDER, logo_png=settings.municipality.logo_png, logo_alt="Wapen")
    content = render_docx(make_letter(sender=sender))
    headers = [
        n for n in zipfile.ZipFile(io.BytesIO(content)).namelist() if "header" in n
    ]
    assert any('descr="Wapen"' in part(content, name) for name in headers)


def test_text_is_at_least_11_points_and_left_aligned(content: bytes) -> None:
    document = docx.Document(io.BytesIO(content))
    used = {p.style.name for p in document.paragraphs if p.style is not None}
    for name in used:
        style = document.styles[name]
        size = style.font.size or document.styles["Normal"].font.size
        assert size is not None and size >= Pt(11), name
    assert 'w:jc w:val="both"' not in part(content, "word/document.xml")


@pytest.mark.parametrize(
    ("text", "style"),
    [
        ("Onderwerp\tU krijgt bijstand", "Heading 1"),
        ("Wat hebben we besloten?", "Heading 2"),
        ("een", "List Bullet"),
        ("stap een", "List Number"),
        ("Let op de datum", "Kader"),
        ("Welke regels gelden?", "Heading 1"),
    ],
)
def test_blocks_use_real_word_styles(content: bytes, text: str, style: str) -> None:
    document = docx.Document(io.BytesIO(content))
    styles = {p.text.strip(): p.style.name for p in document.paragraphs if p.style}
    assert styles[text] == style


def test_tables_have_a_repeating_header_row(content: bytes) -> None:
    table = docx.Document(io.BytesIO(content)).tables[0]
    first_row = table.rows[0]._tr.xml
    assert "<w:tblHeader/>" in first_row
    assert all(run.bold for run in table.rows[0].cells[0].paragraphs[0].runs)
    assert 'w:jc w:val="right"' in table.rows[1].cells[1]._tc.xml


def test_each_ordered_list_starts_at_one(content: bytes) -> None:
    numbering = part(content, "word/numbering.xml")
    restarts = re.findall(r'<w:num w:numId="(\d+)">[^/]*/><w:lvlOverride', numbering)
    assert len(restarts) == 2
    document = part(content, "word/document.xml")
    for num_id in restarts:
        assert f'<w:numId w:val="{num_id}"/>' in document


def test_line_breaks_stay_inside_the_paragraph(content: bytes) -> None:
    assert "Normal | Eerste regel / Tweede regel" in project(content)


HOSTILE = [
    "{{ 7*7 }}",
    "**vet** en _schuin_",
    "# kop",
    "<w:t>einde</w:t>",
    "Jansen & Zn <test>",
    "]]><!-- -->",
    "\"aanhalingstekens\" en 'enkele'",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_any_text_appears_literally(value: str) -> None:
    letter = make_letter(
        salutation=f"Geachte {value},",
        blocks=(Heading(value), Paragraph(value), Table(("Kop",), ((value,),))),
    )
    lines = project(render_docx(letter))
    assert f"Normal | Geachte {value}," in lines
    assert f"Heading 2 | {value}" in lines
    assert f"Table | {value}" in lines


def test_same_letter_same_bytes_and_changes_show() -> None:
    assert render_docx(make_letter()) == render_docx(make_letter())
    other = make_letter(salutation="Beste mevrouw Proef,")
    assert render_docx(other) != render_docx(make_letter())


def _golden_path(stem: str) -> Path:
    return GOLDEN_DIR / f"{stem}.txt"


@pytest.mark.parametrize("path", sample_paths(), ids=lambda p: p.stem)
def test_sample_letters_match_their_golden_projection(
    path: Path, settings: Settings
) -> None:
    rendered = render_request(decode_request(path.read_bytes()), settings, today=TODAY)
    projection = "\n".join(project(rendered.content)) + "\n"
    golden = _golden_path(path.stem)
    if REGENERATE:
        golden.write_text(projection, encoding="utf-8")
    assert golden.exists(), (
        f"run with LETTERFORGE_REGENERATE_GOLDEN=1 to create {golden}"
    )
    assert projection == golden.read_text(encoding="utf-8")


def test_callouts_show_a_pictogram_with_dutch_alt_text(content: bytes) -> None:
    assert "Kader | [Pictogram: kalender] **Let op de datum**" in project(content)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        media = [n for n in archive.namelist() if n.startswith("word/media/")]
    assert len(media) == 8  # seven pictograms and one figure


def test_figures_are_embedded_with_their_alt_text() -> None:
    from letterforge.compose.model import Figure

    letter = make_letter(blocks=(Figure("bezwaar-stappen", "Vier stappen na bezwaar"),))
    content = render_docx(letter)
    assert "Normal | [Vier stappen na bezwaar] " in project(content)
    document = part(content, "word/document.xml")
    assert 'cx="5760000"' in document  # the full text width
