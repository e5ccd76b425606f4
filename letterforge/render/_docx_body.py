"""WordprocessingML for the body of one letter, written as text.

We write the body XML ourselves instead of through python-docx's object model
because it is the only per-letter work and must take milliseconds (see
benchmarks/render.py). Every piece of letter text passes through `_text`, which
escapes it, so no value can add XML structure to the document.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from letterforge.compose.model import (
    QUOTE_KIND,
    Address,
    Appendix,
    Block,
    Callout,
    Figure,
    Heading,
    Letter,
    ListBlock,
    Paragraph,
    Signature,
    Table,
)

TEXT_WIDTH_TWIPS = 9525  # 168 mm: A4 minus the left and right margins
REFERENCE_TAB_TWIPS = 2268  # 40 mm: where the values of the reference lines start
ADDRESS_SPACE_BEFORE_TWIPS = 1134  # 20 mm below the letterhead: the envelope window
FIRST_ORDERED_NUM_ID = 100
FIRST_DRAWING_ID = 1000  # above the ids python-docx gave the letterhead logo
PICTOGRAM_EMU = 198000  # 5.5 mm: a little taller than a line of text
PICTOGRAM_ALT = {
    "datum": "Pictogram: kalender",
    "geld": "Pictogram: geld",
    "contact": "Pictogram: contact",
    "let-op": "Pictogram: let op",
    "document": "Pictogram: document",
    "lijst": "Pictogram: lijst om af te vinken",
    "info": "Pictogram: informatie",
}
# A thin empty paragraph that ends a frame or separates two tables.
_SPACER_P_PR = '<w:spacing w:before="0" w:after="0" w:line="160" w:lineRule="exact"/>'
# Characters XML 1.0 cannot carry at all; case data is checked earlier, this guards
# template text.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"
HEADING_STYLES = {1: "Heading1", 2: "Heading2", 3: "Heading3"}
# Layout a resident reads in one go (issue 13): a paragraph up to this length is
# never split over two pages; a list up to this many items stays on one page; the
# line before a list or table stays with it (w:keepNext, w:keepLines, w:cantSplit).
SHORT_PARAGRAPH_CHARS = 400
WHOLE_LIST_ITEMS = 8
_KEEP_NEXT = "<w:keepNext/>"
_KEEP_LINES = "<w:keepLines/>"


@dataclass
class BodyState:
    """What writing one body keeps track of: numbering instances and drawing ids.

    Ordered lists each restart at 1, so each gets its own numbering instance.
    """

    abstract_id: str
    bullet_num_id: str
    pictograms: Mapping[str, str] = field(default_factory=dict)
    figures: Mapping[str, tuple[str, tuple[int, int]]] = field(default_factory=dict)
    next_id: int = FIRST_ORDERED_NUM_ID
    instances: list[int] = field(default_factory=list)
    next_drawing_id: int = FIRST_DRAWING_ID

    def new_drawing_id(self) -> int:
        self.next_drawing_id += 1
        return self.next_drawing_id

    def new_ordered_list(self) -> int:
        num_id = self.next_id
        self.next_id += 1
        self.instances.append(num_id)
        return num_id

    def xml(self) -> str:
        return "".join(
            f'<w:num w:numId="{n}"><w:abstractNumId w:val="{self.abstract_id}"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
            "</w:num>"
            for n in self.instances
        )


def _text(value: str) -> str:
    return escape(_NOT_XML.sub("", value))


def _runs(text: str, *, bold: bool = False) -> str:
    """Runs for literal text; a newline becomes a line break inside the paragraph."""
    r_pr = "<w:rPr><w:b/><w:bCs/></w:rPr>" if bold else ""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    body = '</w:t><w:br/><w:t xml:space="preserve">'.join(_text(line) for line in lines)
    return f'<w:r>{r_pr}<w:t xml:space="preserve">{body}</w:t></w:r>'


def paragraph(text: str, style: str = "", *, bold: bool = False, p_pr: str = "") -> str:
    style_xml = f'<w:pStyle w:val="{style}"/>' if style else ""
    properties = f"<w:pPr>{style_xml}{p_pr}</w:pPr>" if style_xml or p_pr else ""
    return f"<w:p>{properties}{_runs(text, bold=bold)}</w:p>"


def _keep_items(count: int) -> list[bool]:
    """Which list items keep with the next: all but the last of a short list (it
    stays on one page); in a long list the first and the second-to-last, so no page
    starts or ends with one lonely bullet."""
    if count <= WHOLE_LIST_ITEMS:
        return [i < count - 1 for i in range(count)]
    return [i in (0, count - 2) for i in range(count)]


def _list(block: ListBlock, state: BodyState, style: str = "") -> Iterator[str]:
    if block.ordered:
        num_id = str(state.new_ordered_list())
    else:
        num_id = state.bullet_num_id
    default_style = "ListNumber" if block.ordered else "ListBullet"
    num_pr = f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'
    keeps = _keep_items(len(block.items))
    for item, keep in zip(block.items, keeps, strict=True):
        p_pr = num_pr + (_KEEP_NEXT if keep else "") + _KEEP_LINES
        yield paragraph(item, style or default_style, p_pr=p_pr)


def _cell(text: str, width: int, *, right: bool, header: bool, keep: bool) -> str:
    justify = '<w:jc w:val="right"/>' if right else ""
    # keepNext on every row but the last keeps a table on one page.
    spacing = (_KEEP_NEXT if keep else "") + '<w:spacing w:before="40" w:after="40"/>'
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
        f"{paragraph(text, p_pr=spacing + justify, bold=header)}</w:tc>"
    )


def _table(block: Table) -> str:
    columns = max(len(block.header), 1)
    width = TEXT_WIDTH_TWIPS // columns
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for _ in range(columns))
    rows = []
    all_rows = (block.header, *block.rows)
    for index, cells in enumerate(all_rows):
        header = index == 0
        keep = index < len(all_rows) - 1
        row_pr = (
            "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
            if header
            else "<w:trPr><w:cantSplit/></w:trPr>"
        )
        row_cells = "".join(
            _cell(
                text,
                width,
                right=block.alignment(i) == "right",
                header=header,
                keep=keep,
            )
            for i, text in enumerate(cells)
        )
        rows.append(f"<w:tr>{row_pr}{row_cells}</w:tr>")
    properties = (
        '<w:tblPr><w:tblStyle w:val="TableGrid"/>'
        f'<w:tblW w:w="{TEXT_WIDTH_TWIPS}" w:type="dxa"/>'
        '<w:tblLook w:val="0420" w:firstRow="1" w:lastRow="0" w:firstColumn="0"'
        ' w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>'
    )
    return f"<w:tbl>{properties}<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"


def _drawing(
    relationship_id: str, size: tuple[int, int], name: str, alt: str, drawing_id: int
) -> str:
    """An inline picture run with its alt text (wp:docPr descr)."""
    extent = f'cx="{size[0]}" cy="{size[1]}"'
    return (
        '<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="114300">'
        f'<wp:extent {extent}/><wp:docPr id="{drawing_id}" name="{name}"'
        f' descr="{escape(alt, {chr(34): "&quot;"})}"/>'
        f'<a:graphic xmlns:a="{_A}"><a:graphicData uri="{_PIC}">'
        f'<pic:pic xmlns:pic="{_PIC}"><pic:nvPicPr><pic:cNvPr id="{drawing_id}"'
        f' name="{name}.png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill>'
        f'<a:blip r:embed="{relationship_id}"/><a:stretch><a:fillRect/></a:stretch>'
        '</pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/>'
        f'<a:ext {extent}/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        "</pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
    )


def _pictogram(kind: str, state: BodyState) -> str:
    """A pictogram before a callout's text; its meaning is always in that text too."""
    relationship_id = state.pictograms.get(kind)
    if relationship_id is None:
        return ""
    size = (PICTOGRAM_EMU, PICTOGRAM_EMU)
    alt = PICTOGRAM_ALT.get(kind, "Pictogram")
    picture = _drawing(relationship_id, size, kind, alt, state.new_drawing_id())
    # A tab keeps the text clear of the picture; inline pictures ignore distR.
    return picture + "<w:r><w:tab/></w:r>"


def _figure(block: Figure, state: BodyState) -> str:
    relationship_id, size = state.figures[block.name]
    picture = _drawing(
        relationship_id, size, block.name, block.alt, state.new_drawing_id()
    )
    return f'<w:p><w:pPr><w:keepNext/><w:spacing w:after="120"/></w:pPr>{picture}</w:p>'


# Every paragraph of a frame keeps with the next and its lines together: a box is
# never split over two pages (the spacer after it ends the chain).
_FRAME_KEEP = _KEEP_NEXT + _KEEP_LINES


def _quote(block: Callout) -> Iterator[str]:
    """Someone's own words, quoted: the Citaat style, kept on one page."""
    for inner in block.blocks:
        texts = inner.items if isinstance(inner, ListBlock) else (inner.text,)
        for text in texts:
            yield paragraph(text, "Citaat", p_pr=_FRAME_KEEP)
    yield paragraph("", p_pr=_SPACER_P_PR)


def _callout(block: Callout, state: BodyState) -> Iterator[str]:
    if block.kind == QUOTE_KIND:
        yield from _quote(block)
        return
    picture = _pictogram(block.kind, state)
    first = True
    if block.title:
        yield _with_picture(
            paragraph(block.title, "Kader", bold=True, p_pr=_FRAME_KEEP), picture
        )
        first = False
    for inner in block.blocks:
        if isinstance(inner, ListBlock):
            # Numbered paragraphs get their own indent, which would split the frame
            # into two boxes; inside a frame a list is written with its marks.
            yield from _framed_list(inner)
        elif first:
            yield _with_picture(
                paragraph(inner.text, "Kader", p_pr=_FRAME_KEEP), picture
            )
        else:
            yield paragraph(inner.text, "Kader", p_pr=_FRAME_KEEP)
        first = False
    # The frame closes at the next paragraph with another style.
    yield paragraph("", p_pr=_SPACER_P_PR)


def _framed_list(block: ListBlock) -> Iterator[str]:
    for number, item in enumerate(block.items, start=1):
        mark = f"{number}." if block.ordered else "•"
        yield paragraph(f"{mark}\t{item}", "Kader", p_pr=_FRAME_KEEP)


def _with_picture(paragraph_xml: str, picture: str) -> str:
    """Put the pictogram run before the first text run of a paragraph."""
    at = paragraph_xml.index("<w:r>")
    return paragraph_xml[:at] + picture + paragraph_xml[at:]


def _paragraph_keep(block: Paragraph, following: Block | None) -> str:
    """A short paragraph stays whole; the line before a list or table, or the line
    that announces a box ("U zei:"), stays with it ("Wij hebben nog deze papieren
    van u nodig:" never ends a page)."""
    keep = _KEEP_LINES if len(block.text) <= SHORT_PARAGRAPH_CHARS else ""
    announces = block.text.rstrip().endswith(":")
    # Not before every box: LibreOffice breaks a chain of three kept paragraphs
    # (heading, paragraph, box) after the heading, the very thing we prevent.
    if isinstance(following, ListBlock | Table) or (
        announces and isinstance(following, Callout)
    ):
        keep += _KEEP_NEXT
    return keep


def block_xml(
    block: Block, state: BodyState, following: Block | None = None
) -> Iterator[str]:
    if isinstance(block, Heading):
        # The style says keepNext too; LibreOffice only follows a chain of kept
        # paragraphs when the heading itself carries it.
        yield paragraph(
            block.text,
            HEADING_STYLES.get(block.level, "Heading3"),
            p_pr=_KEEP_NEXT + _KEEP_LINES,
        )
    elif isinstance(block, Paragraph):
        yield paragraph(block.text, p_pr=_paragraph_keep(block, following))
    elif isinstance(block, ListBlock):
        yield from _list(block, state)
    elif isinstance(block, Figure):
        yield _figure(block, state)
    elif isinstance(block, Table):
        yield _table(block)
        # An empty paragraph after a table keeps two tables from merging into one.
        yield paragraph("", p_pr=_SPACER_P_PR)
    else:
        yield from _callout(block, state)


def _address(address: Address) -> Iterator[str]:
    lines = (address.name, *address.lines)
    for index, line in enumerate(lines):
        before = ADDRESS_SPACE_BEFORE_TWIPS if index == 0 else 0
        after = 480 if index == len(lines) - 1 else 0
        yield paragraph(
            line, p_pr=f'<w:spacing w:before="{before}" w:after="{after}"/>'
        )


def _reference_lines(letter: Letter) -> Iterator[str]:
    tabs = f'<w:tabs><w:tab w:val="left" w:pos="{REFERENCE_TAB_TWIPS}"/></w:tabs>'
    for line in letter.references:
        yield paragraph(
            f"{line.label}\t{line.value}", p_pr=f'{tabs}<w:spacing w:after="0"/>'
        )
    subject = letter.subject
    yield paragraph(f"{subject.label}\t{subject.value}", "Heading1", p_pr=tabs)


def _signature(signature: Signature, last_text: str = "") -> Iterator[str]:
    """The closing and signature as ONE paragraph whose lines stay together, with
    the last paragraph of the text (`last_text`) in front of it.

    A beschikking's signature must never stand alone on a page, detached from the
    decision it signs. Keep-with-next between paragraphs is not enough:
    LibreOffice (our PDF route) ignores it when the kept paragraph exactly fills
    the page, and it does not carry a chain of kept paragraphs over (seen with
    verlenging-beslistermijn-advies). Lines of one paragraph with keep-together
    move as a whole in every word processor. Empty lines give the space a
    paragraph gap and the handwritten signature would have had."""
    lines = [signature.closing]
    if signature.on_behalf:
        lines.append(signature.on_behalf)
    lines += ["", "", signature.name, signature.function]
    # The note ("Kopie aan", "Wij sturen deze brief naar twee adressen") goes in
    # the same paragraph: on its own it could end up alone on the next page.
    if signature.note:
        lines += ["", signature.note]
    text = "\n".join(lines)
    if last_text:
        text = f"{last_text}\n\n{text}"
    yield paragraph(text, p_pr=_KEEP_LINES)


def _appendix(appendix: Appendix, state: BodyState) -> Iterator[str]:
    yield paragraph(
        appendix.title, "Heading1", p_pr="<w:pageBreakBefore/>" + _KEEP_NEXT
    )
    yield from _all_blocks(appendix.blocks, state)


def _all_blocks(blocks: Iterable[Block], state: BodyState) -> Iterator[str]:
    listed = tuple(blocks)
    for index, block in enumerate(listed):
        following = listed[index + 1] if index + 1 < len(listed) else None
        yield from block_xml(block, state, following)


def _keep_with_next(xml: str) -> str:
    """The same paragraph with keep-with-next set (after its style, as the OOXML
    order of pPr demands); a table or anything else is returned unchanged."""
    if not xml.startswith("<w:p>") or "<w:keepNext/>" in xml.split("</w:pPr>")[0]:
        return xml
    if not xml.startswith("<w:p><w:pPr>"):
        return "<w:p><w:pPr><w:keepNext/></w:pPr>" + xml[len("<w:p>") :]
    head = "<w:p><w:pPr>"
    rest = xml[len(head) :]
    if rest.startswith("<w:pStyle "):
        end = rest.index("/>") + 2
        return head + rest[:end] + "<w:keepNext/>" + rest[end:]
    return head + "<w:keepNext/>" + rest


def body_xml(letter: Letter, state: BodyState) -> str:
    """All paragraphs and tables of the letter, in reading order."""
    parts: list[str] = [*_address(letter.recipient), *_reference_lines(letter)]
    parts.append(paragraph(letter.salutation))
    blocks, last_text = letter.blocks, ""
    # A beschikking's signature never stands alone on a page: the last paragraph
    # of the text is written into the signature's own paragraph (see _signature);
    # any other last block (a list, a box) keeps with it.
    last = blocks[-1] if blocks else None
    if isinstance(last, Paragraph):
        blocks, last_text = blocks[:-1], last.text
    parts += _all_blocks(blocks, state)
    if not last_text and parts:
        parts[-1] = _keep_with_next(parts[-1])
    parts += _signature(letter.signature, last_text)
    for appendix in letter.appendices:
        parts += _appendix(appendix, state)
    return "".join(parts)
