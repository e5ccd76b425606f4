"""A letter as an HTML fragment: the live preview for caseworkers.

The same Letter as the DOCX, in semantic HTML (one h1, question headings as h2,
real lists, tables with header cells), so a screen reader user previews the same
structure. Every text passes through markupsafe's escape; nothing in a letter can
add markup. Pictograms are inline SVG marked aria-hidden: the text beside them
already says what they show.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib import resources

from markupsafe import Markup, escape

from letterforge.compose.model import (
    QUOTE_KIND,
    Address,
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


def _text(value: str) -> Markup:
    """Escaped text; a newline becomes a line break."""
    return Markup("<br>\n").join(escape(line) for line in value.split("\n"))


@lru_cache(maxsize=16)
def pictogram_svg(kind: str) -> Markup:
    if kind == QUOTE_KIND:
        return Markup("")  # a quote has no pictogram
    folder = resources.files("letterforge.render") / "pictograms"
    svg = (folder / f"{kind}.svg").read_text(encoding="utf-8")
    sized = svg.replace('width="256" height="256"', 'width="24" height="24"', 1)
    # Our own files, read from the package: trusted markup, not case data.
    return Markup(
        sized.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)
    )


def _list(block: ListBlock) -> Markup:
    tag = "ol" if block.ordered else "ul"
    items = Markup("").join(Markup("<li>%s</li>") % _text(i) for i in block.items)
    return Markup(f"<{tag}>%s</{tag}>") % items


def _table(block: Table) -> Markup:
    def cell(tag: str, column: int, text: str) -> Markup:
        align = ' class="lf-right"' if block.alignment(column) == "right" else ""
        scope = ' scope="col"' if tag == "th" else ""
        return Markup(f"<{tag}{scope}{align}>%s</{tag}>") % _text(text)

    head = Markup("").join(cell("th", i, t) for i, t in enumerate(block.header))
    rows = Markup("").join(
        Markup("<tr>%s</tr>")
        % Markup("").join(cell("td", i, t) for i, t in enumerate(row))
        for row in block.rows
    )
    return Markup("<table><thead><tr>%s</tr></thead><tbody>%s</tbody></table>") % (
        head,
        rows,
    )


@lru_cache(maxsize=8)
def _figure_svg(name: str) -> str:
    folder = resources.files("letterforge.render") / "figures"
    return (folder / f"{name}.svg").read_text(encoding="utf-8")


def _figure(block: Figure) -> Markup:
    # Our own file: trusted markup. The alt text comes from the template.
    svg = _figure_svg(block.name).replace(
        "<svg ", f'<svg role="img" aria-label="{escape(block.alt)}" ', 1
    )
    return Markup('<figure class="lf-figure">%s</figure>') % Markup(svg)


def _callout(block: Callout) -> Markup:
    title = Markup('<p class="lf-callout-title">%s</p>') % _text(block.title)
    inner = Markup("").join(block_html(b) for b in block.blocks)
    return Markup(
        '<aside class="lf-callout lf-callout--%s">%s<div>%s%s</div></aside>'
    ) % (block.kind, pictogram_svg(block.kind), title if block.title else "", inner)


def block_html(block: Block) -> Markup:
    if isinstance(block, Heading):
        level = min(max(block.level, 2), 4)
        return Markup(f"<h{level}>%s</h{level}>") % _text(block.text)
    if isinstance(block, Paragraph):
        return Markup("<p>%s</p>") % _text(block.text)
    if isinstance(block, ListBlock):
        return _list(block)
    if isinstance(block, Figure):
        return _figure(block)
    if isinstance(block, Table):
        return _table(block)
    return _callout(block)


def _address(address: Address) -> Markup:
    lines = "\n".join((address.name, *address.lines))
    return Markup('<p class="lf-address">%s</p>') % _text(lines)


def _reference(letter: Letter) -> Markup:
    items = Markup("").join(
        Markup("<dt>%s</dt><dd>%s</dd>") % (line.label, line.value)
        for line in letter.references
    )
    return Markup('<dl class="lf-reference">%s</dl>') % items


def _signature(signature: Signature) -> Markup:
    lines = [signature.closing, signature.on_behalf, "", signature.name]
    lines += [signature.function, signature.note]
    text = "\n".join(line for line in lines if line is not None).rstrip("\n")
    return Markup('<p class="lf-signature">%s</p>') % _text(text)


def _blocks(blocks: Iterable[Block]) -> Iterator[Markup]:
    return (block_html(b) for b in blocks)


def render_html(letter: Letter) -> str:
    """The letter as an <article> fragment, for a page that brings its own styles."""
    parts = [
        _address(letter.recipient),
        _reference(letter),
        Markup("<h1>%s</h1>") % letter.subject.value,
        Markup("<p>%s</p>") % _text(letter.salutation),
        *_blocks(letter.blocks),
        _signature(letter.signature),
    ]
    for appendix in letter.appendices:
        section = Markup("").join(_blocks(appendix.blocks))
        parts.append(
            Markup('<section class="lf-appendix"><h2>%s</h2>%s</section>')
            % (appendix.title, section)
        )
    body = Markup("\n").join(parts)
    return str(Markup('<article class="lf-letter" lang="nl">\n%s\n</article>') % body)
