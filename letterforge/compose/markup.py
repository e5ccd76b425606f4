"""Turn the Markdown-like text of a rendered template into Letter blocks.

We parse with markdown-it-py (CommonMark plus tables, raw HTML off) and keep only
what a letter needs: "##" question headings, paragraphs, bullet and numbered lists,
tables with a header row, and callouts written as a block quote whose first line
starts with a pictogram marker such as "[!geld] Titel". A "#" heading starts an
appendix. Bold and italics are dropped on purpose: B1 guidance says not to use them
for emphasis. Anything else (code, images, rules) is an error for the template editor.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

from letterforge.compose.model import (
    CALLOUT_KINDS,
    FIGURE_NAMES,
    Align,
    Appendix,
    Block,
    Callout,
    CalloutKind,
    Figure,
    Heading,
    ListBlock,
    Paragraph,
    Table,
)

CALLOUT_MARKER = re.compile(r"^\[!([a-z-]+)\][ \t]*(.*)$", re.DOTALL)
_PARSER = MarkdownIt("commonmark", {"html": False}).enable("table")


class MarkupError(ValueError):
    """The template produced text with a construct a letter cannot hold."""


@dataclass(frozen=True)
class Body:
    blocks: tuple[Block, ...]
    appendices: tuple[Appendix, ...]


def _source_lines(node: SyntaxTreeNode) -> list[str]:
    """The inline text split at the source's line ends (soft breaks)."""
    lines = [""]
    for child in node.children:
        if child.type in ("text", "code_inline"):
            lines[-1] += child.content
        elif child.type == "softbreak":
            lines.append("")
        elif child.type == "hardbreak":
            lines[-1] += "\n"
        else:  # strong, em, link: keep the words, drop the emphasis
            inner = _source_lines(child)
            lines[-1] += inner[0]
            lines.extend(inner[1:])
    return lines


def _inline(node: SyntaxTreeNode) -> str:
    return " ".join(_source_lines(node))


def _item_text(item: SyntaxTreeNode) -> str:
    texts = []
    for child in item.children:
        if child.type != "paragraph":
            raise MarkupError(
                f"in een lijst kan alleen tekst staan, niet '{child.type}'"
            )
        texts.append(_inline(child.children[0]))
    return "\n".join(texts)


def _list(node: SyntaxTreeNode) -> ListBlock:
    items = tuple(_item_text(item) for item in node.children)
    return ListBlock(items=items, ordered=node.type == "ordered_list")


def _align(cell: SyntaxTreeNode) -> Align:
    style = str(cell.attrs.get("style", ""))
    return "right" if "right" in style else "left"


def _table(node: SyntaxTreeNode) -> Table:
    head, *body = node.children
    header_row = head.children[0]
    header = tuple(_inline(cell.children[0]) for cell in header_row.children)
    align = tuple(_align(cell) for cell in header_row.children)
    rows = tuple(
        tuple(_inline(cell.children[0]) for cell in row.children)
        for section in body
        for row in section.children
    )
    return Table(header=header, rows=rows, align=align)


def _callout(node: SyntaxTreeNode) -> Callout:
    inner = [_block(child) for child in node.children]
    kind: CalloutKind = "info"
    title = ""
    if inner and node.children[0].type == "paragraph":
        first_line, *rest = _source_lines(node.children[0].children[0])
        match = CALLOUT_MARKER.match(first_line)
        if match:
            if match.group(1) not in CALLOUT_KINDS:
                raise MarkupError(f"onbekend pictogram '[!{match.group(1)}]'")
            kind = CALLOUT_KINDS[CALLOUT_KINDS.index(match.group(1))]
            title = match.group(2).strip()
            text = " ".join(rest).strip()
            inner = ([Paragraph(text)] if text else []) + inner[1:]
    parts = tuple(b for b in inner if isinstance(b, Paragraph | ListBlock))
    if len(parts) != len(inner):
        raise MarkupError("in een kader kunnen alleen alinea's en lijsten staan")
    return Callout(kind=kind, blocks=parts, title=title)


def _figure(node: SyntaxTreeNode) -> Figure | None:
    """A paragraph that is only ![alt](figuur:name) is one of our pictures."""
    children = node.children[0].children if node.children else []
    if len(children) != 1 or children[0].type != "image":
        return None
    source = str(children[0].attrs.get("src", ""))
    name = source.removeprefix("figuur:")
    if not source.startswith("figuur:") or name not in FIGURE_NAMES:
        raise MarkupError(
            f"onbekende afbeelding '{source}'; kies uit: {', '.join(FIGURE_NAMES)}"
        )
    alt = _inline(children[0]).strip()
    if not alt:
        raise MarkupError(
            f"de afbeelding '{name}' heeft een beschrijving (alt-tekst) nodig"
        )
    return Figure(name=name, alt=alt)


def _block(node: SyntaxTreeNode) -> Block:
    if node.type == "paragraph" and (figure := _figure(node)) is not None:
        return figure
    if node.type == "heading":
        return Heading(text=_inline(node.children[0]), level=int(node.tag[1]))
    if node.type == "paragraph":
        return Paragraph(text=_inline(node.children[0]))
    if node.type in ("bullet_list", "ordered_list"):
        return _list(node)
    if node.type == "table":
        return _table(node)
    if node.type == "blockquote":
        return _callout(node)
    raise MarkupError(f"'{node.type}' kan niet in een brief")


def _split_appendices(blocks: list[Block]) -> Body:
    main: list[Block] = []
    appendices: list[Appendix] = []
    for block in blocks:
        if isinstance(block, Heading) and block.level == 1:
            appendices.append(Appendix(title=block.text, blocks=()))
        elif appendices:
            last = appendices[-1]
            appendices[-1] = replace(last, blocks=(*last.blocks, block))
        else:
            main.append(block)
    return Body(blocks=tuple(main), appendices=tuple(appendices))


def parse_body(text: str) -> Body:
    """Parse rendered template text into blocks and appendices."""
    root = SyntaxTreeNode(_PARSER.parse(text))
    return _split_appendices([_block(node) for node in root.children])


def _map_block(block: Block, fix: Callable[[str], str]) -> Block:
    if isinstance(block, Heading | Paragraph):
        return replace(block, text=fix(block.text))
    if isinstance(block, ListBlock):
        return replace(block, items=tuple(fix(i) for i in block.items))
    if isinstance(block, Table):
        rows = tuple(tuple(fix(c) for c in row) for row in block.rows)
        return replace(block, header=tuple(fix(h) for h in block.header), rows=rows)
    if isinstance(block, Figure):
        return replace(block, alt=fix(block.alt))
    inner = tuple(
        replace(b, text=fix(b.text))
        if isinstance(b, Paragraph)
        else replace(b, items=tuple(fix(i) for i in b.items))
        for b in block.blocks
    )
    return replace(block, title=fix(block.title), blocks=inner)


def map_text(body: Body, fix: Callable[[str], str]) -> Body:
    """Apply `fix` to every piece of text in the body (to restore case values)."""
    return Body(
        blocks=tuple(_map_block(b, fix) for b in body.blocks),
        appendices=tuple(
            Appendix(fix(a.title), tuple(_map_block(b, fix) for b in a.blocks))
            for a in body.appendices
        ),
    )


def iter_texts(blocks: tuple[Block, ...]) -> Iterator[str]:
    """Every piece of text in `blocks`, in reading order."""
    for block in blocks:
        if isinstance(block, Heading | Paragraph):
            yield block.text
        elif isinstance(block, ListBlock):
            yield from block.items
        elif isinstance(block, Table):
            yield from block.header
            yield from (cell for row in block.rows for cell in row)
        elif isinstance(block, Figure):
            yield block.alt
        else:
            yield block.title
            yield from iter_texts(block.blocks)
