"""How a run looks by its styles: hidden, in capitals, in which language.

One resolver for the reading walk (docx_text.py) and the comment writer
(annotate.py), so both leave out the same text. The order is ECMA-376 Part 1
§17.7.2: document defaults, then the table style of the enclosing table (with
its conditional formatting, §17.7.6), then the paragraph style, then the
character style, then direct formatting; each style with its basedOn chain.
Numbering formats only its own label (docx_numbering.py), never the runs.

Read with lxml by local name, so Transitional and Strict files are read alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Final

from lxml import etree  # type: ignore[import-untyped]

_OFF: Final = frozenset({"0", "false", "off"})
_MAX_DEPTH: Final = 32  # basedOn chains are short; a loop must not hang us


def local_name(tag: object) -> str:
    """An element's name without its namespace (Transitional and Strict alike)."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def attr(element: etree._Element | None, name: str) -> str:
    """An attribute by local name ("" when absent)."""
    if element is None:
        return ""
    return next((v for k, v in element.attrib.items() if local_name(k) == name), "")


def child(element: etree._Element | None, name: str) -> etree._Element | None:
    if element is None:
        return None
    return next((c for c in element if local_name(c.tag) == name), None)


def switched_on(element: etree._Element) -> bool:
    """A WordprocessingML on/off property: on unless w:val says 0, false or off."""
    return attr(element, "val").lower() not in _OFF


@dataclass(frozen=True)
class Look:
    """Run properties that change what a reader sees, each None when not set:
    hidden (w:vanish, w:specVanish), capitals (w:caps, w:smallCaps) and the
    language marks (w:lang val, eastAsia, bidi; "" when the value is empty)."""

    hidden: bool | None = None
    caps: bool | None = None
    lang: str | None = None
    lang_east_asia: str | None = None
    lang_bidi: str | None = None
    # The font of Latin text (w:rFonts w:ascii); "" when not set.
    font: str = ""
    # The text colour (w:color w:val: "FFFFFF", "auto"; "" when not set) and
    # size in half-points (w:sz; None when not set).
    color: str = ""
    size: int | None = None

    def over(self, below: Look) -> Look:
        """This look on top of `below`: what this one sets wins."""
        return Look(
            self.hidden if self.hidden is not None else below.hidden,
            self.caps if self.caps is not None else below.caps,
            self.lang if self.lang is not None else below.lang,
            _first(self.lang_east_asia, below.lang_east_asia),
            _first(self.lang_bidi, below.lang_bidi),
            self.font or below.font,
            self.color or below.color,
            self.size if self.size is not None else below.size,
        )


def _first(mine: str | None, theirs: str | None) -> str | None:
    return mine if mine is not None else theirs


NONE: Final = Look()


def own_look(rpr: etree._Element | None) -> Look:
    """What one w:rPr sets itself."""
    if rpr is None:
        return NONE
    hidden = caps = None
    lang: tuple[str | None, str | None, str | None] = (None, None, None)
    font = color = ""
    size = None
    for prop in rpr:
        name = local_name(prop.tag)
        if name in ("vanish", "specVanish") and hidden is None:
            hidden = switched_on(prop)
        elif name in ("caps", "smallCaps") and caps is not True:
            caps = switched_on(prop)
        elif name == "lang":
            given = {local_name(k): v for k, v in prop.attrib.items()}
            lang = (given.get("val"), given.get("eastAsia"), given.get("bidi"))
        elif name == "rFonts":
            font = attr(prop, "ascii") or attr(prop, "hAnsi")
        elif name == "color":
            color = attr(prop, "val").upper()
        elif name == "sz" and attr(prop, "val").isdigit():
            size = int(attr(prop, "val"))
    return Look(hidden, caps, *lang, font, color, size)


# Conditional table formatting (§17.7.6), weakest first: a later one wins.
_CONDITIONS: Final = (
    "band1Vert", "band2Vert", "band1Horz", "band2Horz", "firstCol", "lastCol",
    "firstRow", "lastRow", "neCell", "nwCell", "seCell", "swCell",
)  # fmt: skip


@dataclass(frozen=True)
class TableStyle:
    """A table style's run look, for the whole table ("wholeTable") and per
    condition (firstRow, band1Horz, ...), basedOn resolved; the band sizes."""

    looks: Mapping[str, Look] = field(default_factory=dict)
    row_band: int = 1
    col_band: int = 1


@dataclass(frozen=True)
class StyleHiding:
    """The styles part, resolved: each paragraph and character style's look
    (through basedOn), each table style, the document defaults and the default
    paragraph style (used when a paragraph names none)."""

    styles: Mapping[str, Look] = field(default_factory=dict)
    tables: Mapping[str, TableStyle] = field(default_factory=dict)
    default: Look = NONE
    default_paragraph: str = ""
    # Paragraph styles' numbering (w:numPr in the style's w:pPr): (numId, ilvl).
    numbering: Mapping[str, tuple[str, int]] = field(default_factory=dict)
    # Per table element, the look of each of its cells (filled while reading
    # one document; this object belongs to that document).
    cells: dict[object, dict[object, Look]] = field(
        default_factory=dict, compare=False, repr=False
    )
    # Each style's look through its basedOn chain up to, not including, a
    # default style (Normal, the default paragraph font): what the writer chose.
    chosen: Mapping[str, Look] = field(default_factory=dict)

    def of(self, style_id: str) -> Look:
        return self.styles.get(style_id, NONE)


NO_STYLES: Final = StyleHiding()


def _chain(
    style_id: str, based: Mapping[str, str], known: Mapping[str, object]
) -> Iterator[str]:
    """The style and its basedOn ancestors, nearest first, bounded."""
    current, steps = style_id, 0
    while current in known and steps < _MAX_DEPTH:
        yield current
        current, steps = based.get(current, ""), steps + 1


def _resolved(
    style_id: str,
    own: Mapping[str, Look],
    based: Mapping[str, str],
    stop: frozenset[str] = frozenset(),
) -> Look:
    """The style's look through its basedOn chain; the chain ends before a style
    in `stop`."""
    look = NONE
    for ancestor in _chain(style_id, based, own):
        if ancestor in stop:
            break
        look = look.over(own[ancestor])
    return look


def _is_default(style: etree._Element) -> bool:
    """A style Word applies when the writer chose none: marked w:default, or
    the paragraph style "Normal" (LibreOffice writes it without the mark)."""
    if attr(style, "default").lower() in ("1", "true", "on"):
        return True
    named = attr(child(style, "name"), "val")
    return attr(style, "type") == "paragraph" and "Normal" in (
        named,
        attr(style, "styleId"),
    )


def _table_style(
    style_id: str,
    tables: Mapping[str, dict[str, Look]],
    bands: Mapping[str, tuple[int | None, int | None]],
    based: Mapping[str, str],
) -> TableStyle:
    looks: dict[str, Look] = {}
    row_band = col_band = None
    for ancestor in _chain(style_id, based, tables):
        for kind, look in tables[ancestor].items():
            looks[kind] = looks.get(kind, NONE).over(look)
        rows, cols = bands.get(ancestor, (None, None))
        row_band = row_band if row_band is not None else rows
        col_band = col_band if col_band is not None else cols
    return TableStyle(looks, max(row_band or 1, 1), max(col_band or 1, 1))


def _band(props: etree._Element | None, name: str) -> int | None:
    value = attr(child(props, name), "val")
    return int(value) if value.isdigit() else None


def _style_numbering(style: etree._Element) -> tuple[str, int] | None:
    numpr = child(child(style, "pPr"), "numPr")
    if numpr is None:
        return None
    level = attr(child(numpr, "ilvl"), "val")
    return attr(child(numpr, "numId"), "val"), int(level) if level.isdigit() else 0


def _table_parts(
    style: etree._Element, whole: Look
) -> tuple[dict[str, Look], tuple[int | None, int | None]]:
    """A table style's own looks (whole table, each w:tblStylePr) and band sizes."""
    looks = {"wholeTable": whole}
    for conditional in style:
        if local_name(conditional.tag) == "tblStylePr":
            looks[attr(conditional, "type")] = own_look(child(conditional, "rPr"))
    props = child(style, "tblPr")
    bands = (_band(props, "tblStyleRowBandSize"), _band(props, "tblStyleColBandSize"))
    return looks, bands


def hidden_styles(styles: etree._Element | None) -> StyleHiding:
    """The styles part (word/styles.xml root) resolved; NO_STYLES for None."""
    if styles is None:
        return NO_STYLES
    own: dict[str, Look] = {}
    based: dict[str, str] = {}
    tables: dict[str, dict[str, Look]] = {}
    bands: dict[str, tuple[int | None, int | None]] = {}
    numbered: dict[str, tuple[str, int]] = {}
    default, default_paragraph = NONE, ""
    for style in styles:
        name = local_name(style.tag)
        if name == "docDefaults":
            default = own_look(child(child(style, "rPrDefault"), "rPr"))
        if name != "style":
            continue
        style_id = attr(style, "styleId")
        kind = attr(style, "type")
        own[style_id] = own_look(child(style, "rPr"))
        if kind == "paragraph" and attr(style, "default") in ("1", "true", "on"):
            default_paragraph = style_id
        parent = child(style, "basedOn")
        if parent is not None:
            based[style_id] = attr(parent, "val")
        numbering = _style_numbering(style)
        if numbering is not None:
            numbered[style_id] = numbering
        if kind == "table":
            tables[style_id], bands[style_id] = _table_parts(style, own[style_id])
    resolved = {s: _resolved(s, own, based) for s in own}
    defaults = frozenset(
        attr(s, "styleId")
        for s in styles
        if local_name(s.tag) == "style" and _is_default(s)
    )
    chosen = {s: _resolved(s, own, based, defaults) for s in own}
    numbering_of: dict[str, tuple[str, int]] = {}
    for style_id in own:
        for ancestor in _chain(style_id, based, own):
            if ancestor in numbered:
                numbering_of[style_id] = numbered[ancestor]
                break
    table_styles = {s: _table_style(s, tables, bands, based) for s in tables}
    return StyleHiding(
        resolved,
        # Only table styles that change what we read (most set borders, bold).
        {
            s: t
            for s, t in table_styles.items()
            if any(v != NONE for v in t.looks.values())
        },
        default,
        default_paragraph,
        numbering_of,
        chosen=chosen,
    )


# tblLook's old form: one hexadecimal w:val (§17.4.56 in the 2006 edition).
_HEX: Final = re.compile(r"[0-9A-Fa-f]{1,8}")
_LOOK_BITS: Final = {
    "firstRow": 0x0020,
    "lastRow": 0x0040,
    "firstColumn": 0x0080,
    "lastColumn": 0x0100,
    "noHBand": 0x0200,
    "noVBand": 0x0400,
}


def table_look(tbl: etree._Element) -> frozenset[str]:
    """The conditional formats a table switches on (w:tblLook), both in the
    attribute form (firstRow="1", read first: Word 2010 and later) and the old
    bitmask form (w:val="04A0", for each attribute that is missing)."""
    look = child(child(tbl, "tblPr"), "tblLook")
    if look is None:
        # What Word writes for a new table (04A0), and what LibreOffice assumes
        # when the element is missing: header row, first column, row bands.
        return frozenset({"firstRow", "firstColumn", "bandHorz"})
    on: set[str] = set()
    value = attr(look, "val")
    bits = int(value, 16) if _HEX.fullmatch(value) else 0
    for name, bit in _LOOK_BITS.items():
        given = attr(look, name)
        if (given.lower() not in _OFF) if given else bool(bits & bit):
            on.add(name)
    if "noHBand" not in on:
        on.add("bandHorz")
    if "noVBand" not in on:
        on.add("bandVert")
    return frozenset(on)


def _nearest(element: etree._Element, name: str) -> etree._Element | None:
    return next((a for a in element.iterancestors() if local_name(a.tag) == name), None)


def _own_rows(tbl: etree._Element) -> list[etree._Element]:
    """The table's rows, also those inside content controls or customXml."""
    return [r for r in tbl.iter("{*}tr") if _nearest(r, "tbl") is tbl]


def _own_cells(row: etree._Element) -> list[etree._Element]:
    return [c for c in row.iter("{*}tc") if _nearest(c, "tr") is row]


def _span(cell: etree._Element) -> int:
    value = attr(child(child(cell, "tcPr"), "gridSpan"), "val")
    return int(value) if value.isdigit() and int(value) > 0 else 1


@dataclass(frozen=True)
class _Place:
    """Where a cell is in its table, for conditional formatting."""

    row: int
    rows: int
    column: int
    span: int
    columns: int


def _conditions(place: _Place, on: frozenset[str], style: TableStyle) -> list[str]:
    """The conditional formats that apply to a cell at `place`, weakest first."""
    first_row = "firstRow" in on and place.row == 0
    last_row = "lastRow" in on and place.row == place.rows - 1
    first_col = "firstColumn" in on and place.column == 0
    last_col = "lastColumn" in on and place.column + place.span >= place.columns
    found = []
    if "bandVert" in on and not first_col and not last_col:
        band = (place.column - (1 if "firstColumn" in on else 0)) // style.col_band
        found.append("band1Vert" if band % 2 == 0 else "band2Vert")
    if "bandHorz" in on and not first_row and not last_row:
        band = (place.row - (1 if "firstRow" in on else 0)) // style.row_band
        found.append("band1Horz" if band % 2 == 0 else "band2Horz")
    found += [n for n, v in (("firstCol", first_col), ("lastCol", last_col)) if v]
    found += [n for n, v in (("firstRow", first_row), ("lastRow", last_row)) if v]
    corners = (
        ("nwCell", first_row and first_col),
        ("neCell", first_row and last_col),
        ("swCell", last_row and first_col),
        ("seCell", last_row and last_col),
    )
    found += [n for n, v in corners if v]
    return sorted(found, key=_CONDITIONS.index)


def _cell_looks(tbl: etree._Element, style: TableStyle) -> dict[object, Look]:
    """The look the table style gives each of the table's own cells, computed
    once per table (a walk asks for every run: per run it would be rows x runs)."""
    on = table_look(tbl)
    rows = _own_rows(tbl)
    grid = len([g for g in tbl.iter("{*}gridCol") if _nearest(g, "tbl") is tbl])
    whole = style.looks.get("wholeTable", NONE)
    looks: dict[object, Look] = {}
    for row_at, row in enumerate(rows):
        cells = _own_cells(row)
        columns = max(grid, sum(_span(c) for c in cells))
        column = 0
        for cell in cells:
            place = _Place(row_at, len(rows), column, _span(cell), columns)
            mine = whole
            for kind in _conditions(place, on, style):
                mine = style.looks.get(kind, NONE).over(mine)
            looks[cell] = mine
            column += place.span
    return looks


def table_look_of(run: etree._Element, styles: StyleHiding) -> Look:
    """The look the table styles of every table around `run` give it: outer
    tables first, the innermost on top; per table its whole-table look, then
    the conditional formats in the order of §17.7.6."""
    if not styles.tables:
        return NONE
    look = NONE
    cells = [a for a in run.iterancestors() if local_name(a.tag) == "tc"]
    for cell in reversed(cells):  # outermost table first
        tbl = _nearest(cell, "tbl")
        style = styles.tables.get(attr(child(child(tbl, "tblPr"), "tblStyle"), "val"))
        if tbl is None or style is None:
            continue
        if tbl not in styles.cells:
            styles.cells[tbl] = _cell_looks(tbl, style)
        look = styles.cells[tbl].get(cell, NONE).over(look)
    return look


def _paragraph_of(run: etree._Element) -> etree._Element | None:
    return _nearest(run, "p")


def paragraph_style(p: etree._Element | None, styles: StyleHiding) -> str:
    """The paragraph's style id: its w:pStyle, else the default paragraph style."""
    named = attr(child(child(p, "pPr"), "pStyle"), "val")
    return named or styles.default_paragraph


def run_look(run: etree._Element, styles: StyleHiding = NO_STYLES) -> Look:
    """How Word shows this w:r, resolved in the order of §17.7.2."""
    rpr = child(run, "rPr")
    look = own_look(rpr)
    look = look.over(styles.of(attr(child(rpr, "rStyle"), "val")))
    look = look.over(styles.of(paragraph_style(_paragraph_of(run), styles)))
    look = look.over(table_look_of(run, styles))
    return look.over(styles.default)


def marked_language(run: etree._Element, styles: StyleHiding = NO_STYLES) -> Look:
    """The language marks the writer chose for a run: on the run, its character
    style, or a paragraph style the paragraph names. Not the document defaults,
    the default paragraph style or what a style inherits from a default style
    through basedOn (Heading 1 based on Normal): Word and LibreOffice fill those
    from the installation (python-docx's template says en-US), not from what
    the text is."""
    rpr = child(run, "rPr")
    look = own_look(rpr)
    character = attr(child(rpr, "rStyle"), "val")
    look = look.over(styles.chosen.get(character, NONE))
    named = attr(child(child(_paragraph_of(run), "pPr"), "pStyle"), "val")
    if named:
        look = look.over(styles.chosen.get(named, NONE))
    return Look(None, None, look.lang, look.lang_east_asia, look.lang_bidi)


def run_is_hidden(run: etree._Element, styles: StyleHiding = NO_STYLES) -> bool:
    """Whether Word hides this w:r (w:vanish, w:specVanish), §17.7.2 order."""
    return bool(run_look(run, styles).hidden)


def shows_caps(run: etree._Element, styles: StyleHiding = NO_STYLES) -> bool:
    """Whether Word shows this run in capitals (w:caps, w:smallCaps)."""
    return bool(run_look(run, styles).caps)


def as_shown(text: str) -> str:
    """`text` in capitals as Word shows it, one character for one ("ß" stays:
    its capital form is two letters, which would move every offset after it)."""
    return "".join(c.upper() if len(c.upper()) == 1 else c for c in text)


# Text a reader cannot see although Word does not hide it: in the colour of what
# is behind it, or too small to read. w:sz is in half-points; 4 is 2 pt.
MAX_UNSEEN_SIZE: Final = 4
WHITE: Final = "FFFFFF"
# w:highlight names (§17.18.40) as colours, for text on a highlight.
_HIGHLIGHTS: Final = {
    "white": WHITE, "black": "000000", "yellow": "FFFF00", "green": "00FF00",
    "cyan": "00FFFF", "magenta": "FF00FF", "blue": "0000FF", "red": "FF0000",
    "darkBlue": "000080", "darkCyan": "008080", "darkGreen": "008000",
    "darkMagenta": "800080", "darkRed": "800000", "darkYellow": "808000",
    "darkGray": "808080", "lightGray": "C0C0C0",
}  # fmt: skip


def _fill(props: etree._Element | None) -> str:
    """The w:shd fill colour of a properties element; "" for none or "auto"."""
    fill = attr(child(props, "shd"), "fill").upper()
    return "" if fill in ("", "AUTO") else fill


def page_colour(root: etree._Element) -> str:
    """The page colour of a document part's root (w:background), else white."""
    colour = attr(child(root, "background"), "color").upper()
    return colour if colour and colour != "AUTO" else WHITE


def behind(run: etree._Element, page: str = WHITE) -> str:
    """The colour behind a run: its highlight or shading, else that of its
    paragraph, table cell or table (nearest first), else the page."""
    rpr = child(run, "rPr")
    highlight = _HIGHLIGHTS.get(attr(child(rpr, "highlight"), "val"), "")
    if highlight or _fill(rpr):
        return highlight or _fill(rpr)
    for ancestor in run.iterancestors():
        props = {"p": "pPr", "tc": "tcPr", "tbl": "tblPr"}.get(local_name(ancestor.tag))
        if props and _fill(child(ancestor, props)):
            return _fill(child(ancestor, props))
    return page


def unseen(run: etree._Element, look: Look, page: str = WHITE) -> bool:
    """Whether a reader cannot see this run although it is not hidden: its
    colour is that of what is behind it (white on white), or it is 2 pt or
    smaller. "auto" colour is never unseen: Word picks black or white against
    the background. Shading from a paragraph style is not looked at."""
    if look.size is not None and look.size <= MAX_UNSEEN_SIZE:
        return True
    return bool(look.color) and look.color != "AUTO" and look.color == behind(run, page)


def run_is_unseen(run: etree._Element, styles: StyleHiding = NO_STYLES) -> bool:
    """unseen() for a w:r with its look from the styles and the page colour of
    the part it is in."""
    return unseen(run, run_look(run, styles), page_colour(run.getroottree().getroot()))
