"""The static parts of a letter's DOCX, built once per sender with python-docx.

Everything that is the same for every letter of one municipality - styles, page
setup, letterhead with logo, footer with page numbers - is built here once and kept
as finished zip parts. A letter then only needs its own `word/document.xml`,
`word/numbering.xml` and `docProps/core.xml` (see docx.py). python-docx's
`Document()` plus `save()` costs about 20 ms; building only the body costs a few.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENTATION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph as DocxParagraph

from letterforge.compose.furniture import contact_line
from letterforge.compose.model import (
    CALLOUT_KINDS,
    FIGURE_NAMES,
    QUOTE_KIND,
    CalloutKind,
    Sender,
)

FONT = "Arial"
BODY_PT = 11
LANGUAGE = "nl-NL"
TEXT_COLOUR = RGBColor(0x1A, 0x1A, 0x1A)
FRAME_COLOUR = "4A5A6A"
FRAME_FILL = "EEF2F6"
# Parts python-docx's default template carries that say nothing true about a letter.
_DROPPED_PARTS = ("docProps/thumbnail.jpeg",)
_PER_LETTER_PARTS = ("word/document.xml", "word/numbering.xml", "docProps/core.xml")
# Stands in the later-page header of the shared package until a letter puts its
# own date and reference there (docx.py): the header of page 2 onwards.
LATER_PAGE_PLACEHOLDER = "LETTERFORGE-LATER-PAGE-REFERENCES"
# Zip entries carry a timestamp; a fixed one makes the bytes reproducible.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class StaticPackage:
    """A zip of the parts every letter of one sender shares, compressed once, and the
    pieces the per-letter parts are built from."""

    base_zip: bytes
    document_head: str
    section_properties: str
    numbering: str
    list_number_abstract_id: str
    list_bullet_num_id: str
    pictograms: tuple[tuple[CalloutKind, str], ...]  # kind and relationship id
    figures: tuple[
        tuple[str, str, tuple[int, int]], ...
    ]  # name, relationship, EMU size
    # The header of the pages after the first (part name and XML with
    # LATER_PAGE_PLACEHOLDER): written per letter with its date and reference.
    later_header_name: str = ""
    later_header_xml: str = ""


def _set_language(style_element: object) -> None:
    r_pr = style_element.get_or_add_rPr()  # type: ignore[attr-defined]
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        r_pr.append(lang)
    lang.set(qn("w:val"), LANGUAGE)
    lang.set(qn("w:eastAsia"), LANGUAGE)


def _style_font(style: ParagraphStyle, size: int, *, bold: bool = False) -> None:
    style.font.name = FONT
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = False
    style.font.color.rgb = TEXT_COLOUR
    # The theme font attributes would win over w:ascii in Word; drop them.
    r_fonts = style.element.rPr.rFonts
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        r_fonts.attrib.pop(qn(attribute), None)
    r_fonts.set(qn("w:cs"), FONT)
    _set_language(style.element)


def _frame_style(document: DocxDocument) -> None:
    """A paragraph style drawing a box; consecutive paragraphs share one frame."""
    style = document.styles.add_style("Kader", 1)
    style.base_style = document.styles["Normal"]
    style.paragraph_format.left_indent = Mm(3)
    style.paragraph_format.right_indent = Mm(3)
    style.paragraph_format.space_after = Pt(3)
    p_pr = style.element.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        border = OxmlElement(f"w:{side}")
        for key, value in (("val", "single"), ("sz", "12"), ("space", "6")):
            border.set(qn(f"w:{key}"), value)
        border.set(qn("w:color"), FRAME_COLOUR)
        borders.append(border)
    shading = OxmlElement("w:shd")
    for key, value in (("val", "clear"), ("color", "auto"), ("fill", FRAME_FILL)):
        shading.set(qn(f"w:{key}"), value)
    p_pr.append(borders)
    p_pr.append(shading)


def _quote_style(document: DocxDocument) -> None:
    """The style of a quotation: indented with a line at the left, so a reader sees
    at once that these are someone else's words (the zienswijze as it was given)."""
    style = document.styles.add_style("Citaat", 1)
    style.base_style = document.styles["Normal"]
    style.paragraph_format.left_indent = Mm(8)
    style.paragraph_format.right_indent = Mm(8)
    p_pr = style.element.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    left = OxmlElement("w:left")
    for key, value in (("val", "single"), ("sz", "18"), ("space", "8")):
        left.set(qn(f"w:{key}"), value)
    left.set(qn("w:color"), FRAME_COLOUR)
    borders.append(left)
    p_pr.append(borders)


def _styles(document: DocxDocument) -> None:
    styles = document.styles
    normal = styles["Normal"]
    assert isinstance(normal, ParagraphStyle)
    _style_font(normal, BODY_PT)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.1
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    for name, size in (("Heading 1", 13), ("Heading 2", 12), ("Heading 3", 11)):
        heading = styles[name]
        assert isinstance(heading, ParagraphStyle)
        _style_font(heading, size, bold=True)
        heading.paragraph_format.space_before = Pt(12 if name == "Heading 1" else 10)
        heading.paragraph_format.space_after = Pt(4)
        heading.paragraph_format.keep_with_next = True
    for name in ("Header", "Footer", "List Bullet", "List Number", "Title"):
        style = styles[name]
        assert isinstance(style, ParagraphStyle)
        _style_font(style, BODY_PT)
    _frame_style(document)
    _quote_style(document)


def _page_setup(document: DocxDocument) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENTATION.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    # Left margin and address position follow the Dutch window envelope (NEN 1026).
    section.left_margin, section.right_margin = Mm(22), Mm(20)
    section.top_margin, section.bottom_margin = Mm(25), Mm(22)
    section.header_distance, section.footer_distance = Mm(10), Mm(10)
    section.different_first_page_header_footer = True


def _field(paragraph: DocxParagraph, instruction: str, cached: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice fill in on display."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), ("instr", instruction), ("separate", None)):
        if text is None:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        else:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {text} "
            run._r.append(instr)
    paragraph.add_run(cached)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    paragraph.add_run()._r.append(end)


def _page_numbers(paragraph: DocxParagraph) -> None:
    paragraph.add_run("Pagina ")
    _field(paragraph, "PAGE", "1")
    paragraph.add_run(" van ")
    _field(paragraph, "NUMPAGES", "1")


def _letterhead(document: DocxDocument, sender: Sender) -> None:
    section = document.sections[0]
    first = section.first_page_header.paragraphs[0]
    if sender.logo_png:
        picture = first.add_run().add_picture(
            io.BytesIO(sender.logo_png), height=Mm(16)
        )
        doc_pr = picture._inline.docPr
        doc_pr.set("descr", sender.logo_alt or f"Logo van {sender.name}")
        first.add_run("\t")
    name = first.add_run(sender.name)
    name.bold = True
    later = section.header.paragraphs[0]
    later.add_run(sender.name).bold = True
    section.header.add_paragraph().add_run(LATER_PAGE_PLACEHOLDER)
    _footers(document, sender)


def _footers(document: DocxDocument, sender: Sender) -> None:
    section = document.sections[0]
    first = section.first_page_footer.paragraphs[0]
    first.add_run(contact_line(sender))
    _page_numbers(section.first_page_footer.add_paragraph())
    _page_numbers(section.footer.paragraphs[0])


def _pictograms(document: DocxDocument) -> tuple[tuple[CalloutKind, str], ...]:
    """Add our pictograms once, so any letter can show them without new parts."""
    folder = resources.files("letterforge.render") / "pictograms"
    found = []
    for kind in CALLOUT_KINDS:
        if kind == QUOTE_KIND:
            continue  # a quote has no pictogram
        png = (folder / f"{kind}.png").read_bytes()
        relationship_id, _ = document.part.get_or_add_image(io.BytesIO(png))
        found.append((kind, relationship_id))
    return tuple(found)


FIGURE_WIDTH_EMU = 5760000  # 160 mm: the text width


def _png_size(png: bytes) -> tuple[int, int]:
    """Width and height in pixels from the PNG header (IHDR)."""
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def _figures(document: DocxDocument) -> tuple[tuple[str, str, tuple[int, int]], ...]:
    folder = resources.files("letterforge.render") / "figures"
    found = []
    for name in FIGURE_NAMES:
        png = (folder / f"{name}.png").read_bytes()
        relationship_id, _ = document.part.get_or_add_image(io.BytesIO(png))
        width, height = _png_size(png)
        size = (FIGURE_WIDTH_EMU, FIGURE_WIDTH_EMU * height // width)
        found.append((name, relationship_id, size))
    return tuple(found)


def _drop_thumbnail(parts: dict[str, bytes]) -> None:
    for name in _DROPPED_PARTS:
        parts.pop(name, None)
    rels = parts["_rels/.rels"].decode("utf-8")
    rels = re.sub(r"<Relationship [^>]*thumbnail\.jpeg\"/>", "", rels)
    parts["_rels/.rels"] = rels.encode("utf-8")
    types = parts["[Content_Types].xml"].decode("utf-8")
    types = re.sub(r"<Default Extension=\"jpeg\"[^>]*/>", "", types)
    parts["[Content_Types].xml"] = types.encode("utf-8")


def write_zip_entries(archive: zipfile.ZipFile, parts: list[tuple[str, bytes]]) -> None:
    for name, content in parts:
        entry = zipfile.ZipInfo(name, date_time=ZIP_TIME)
        entry.compress_type = zipfile.ZIP_DEFLATED
        archive.writestr(entry, content)


def _base_zip(parts: dict[str, bytes], own: tuple[str, ...] = ()) -> bytes:
    """The shared parts, [Content_Types].xml first as some readers expect; `own`
    names more parts that every letter writes itself."""
    per_letter = (*_PER_LETTER_PARTS, *own)
    shared = {n: b for n, b in parts.items() if n not in per_letter}
    first = "[Content_Types].xml"
    names = [first, *sorted(set(shared) - {first})]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        write_zip_entries(archive, [(name, shared[name]) for name in names])
    return buffer.getvalue()


def _english_to_dutch(parts: dict[str, bytes]) -> None:
    """python-docx's template says en-US in places the style API does not reach."""
    for name in ("word/styles.xml", "word/stylesWithEffects.xml"):
        if name in parts:
            xml = parts[name].decode("utf-8").replace('"en-US"', f'"{LANGUAGE}"')
            parts[name] = xml.encode("utf-8")


def _style_num_id(styles_xml: str, style_id: str) -> str:
    style = re.search(
        rf'w:styleId="{style_id}">.*?<w:numId w:val="(\d+)"/>', styles_xml, re.S
    )
    assert style is not None, f"{style_id} style without numbering"
    return style.group(1)


def _list_number_abstract_id(styles_xml: str, numbering_xml: str) -> str:
    num_id = _style_num_id(styles_xml, "ListNumber")
    num = re.search(
        rf'<w:num w:numId="{num_id}"><w:abstractNumId w:val="(\d+)"/>', numbering_xml
    )
    assert num is not None, "List Number numbering definition missing"
    return num.group(1)


def _later_header_part(parts: dict[str, bytes], section_properties: str) -> str:
    """The part name of the default header (pages after the first)."""
    ref = re.search(
        r'<w:headerReference w:type="default" r:id="([^"]+)"', section_properties
    )
    assert ref is not None, "no header for the later pages"
    rels = parts["word/_rels/document.xml.rels"].decode("utf-8")
    target = re.search(rf'Id="{ref.group(1)}"[^>]*Target="([^"]+)"', rels) or re.search(
        rf'Target="([^"]+)"[^>]*Id="{ref.group(1)}"', rels
    )
    assert target is not None, "header relationship missing"
    return "word/" + target.group(1).removeprefix("/word/")


def _split_document(document_xml: str) -> tuple[str, str]:
    """The document's opening up to <w:body>, and its final section properties."""
    head_end = document_xml.index("<w:body>") + len("<w:body>")
    sect_start = document_xml.rindex("<w:sectPr")
    sect_end = document_xml.index("</w:sectPr>", sect_start) + len("</w:sectPr>")
    return document_xml[:head_end], document_xml[sect_start:sect_end]


@lru_cache(maxsize=16)
def static_package(sender: Sender) -> StaticPackage:
    """Build (once per sender) the parts every letter of this sender shares."""
    document = Document()
    _styles(document)
    _page_setup(document)
    _letterhead(document, sender)
    pictograms = _pictograms(document)
    figures = _figures(document)
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    _drop_thumbnail(parts)
    _english_to_dutch(parts)
    head, section_properties = _split_document(parts["word/document.xml"].decode())
    numbering = parts["word/numbering.xml"].decode("utf-8")
    styles = parts["word/styles.xml"].decode("utf-8")
    later_header = _later_header_part(parts, section_properties)
    return StaticPackage(
        base_zip=_base_zip(parts, (later_header,)),
        document_head=head,
        section_properties=section_properties,
        numbering=numbering,
        list_number_abstract_id=_list_number_abstract_id(styles, numbering),
        list_bullet_num_id=_style_num_id(styles, "ListBullet"),
        pictograms=pictograms,
        figures=figures,
        later_header_name=later_header,
        later_header_xml=parts[later_header].decode("utf-8"),
    )
