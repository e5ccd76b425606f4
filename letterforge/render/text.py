"""Plain text of a letter: for the readability checker, the terminal and tests.

Every heading, list item and address line stands on a line of its own and blocks
are separated by a blank line, so a sentence splitter never glues a heading to the
sentence after it.
"""

from __future__ import annotations

from letterforge.compose.model import (
    Block,
    Callout,
    Figure,
    Heading,
    Letter,
    ListBlock,
    Paragraph,
    Table,
)


def _list(block: ListBlock) -> str:
    marks = (f"{n}." if block.ordered else "-" for n in range(1, len(block.items) + 1))
    return "\n".join(
        f"{mark} {item}" for mark, item in zip(marks, block.items, strict=True)
    )


def _block(block: Block) -> str:
    if isinstance(block, Heading | Paragraph):
        return block.text
    if isinstance(block, ListBlock):
        return _list(block)
    if isinstance(block, Figure):
        return f"[Afbeelding: {block.alt}]"
    if isinstance(block, Table):
        rows = (block.header, *block.rows)
        return "\n".join(" | ".join(cells) for cells in rows)
    return _callout(block)


def _callout(block: Callout) -> str:
    parts = [block.title] if block.title else []
    parts += [_block(inner) for inner in block.blocks]
    return "\n".join(parts)


def _reference(letter: Letter) -> list[str]:
    lines = (*letter.references, letter.subject)
    return [f"{line.label}: {line.value}" for line in lines]


def render_text(letter: Letter) -> str:
    """The whole letter as plain text, blocks separated by blank lines."""
    signature = letter.signature
    parts = [
        "\n".join((letter.recipient.name, *letter.recipient.lines)),
        "\n".join(_reference(letter)),
        letter.salutation,
        *(_block(b) for b in letter.blocks),
        "\n".join(
            line
            for line in (
                signature.closing,
                signature.on_behalf,
                signature.name,
                signature.function,
                signature.note,
            )
            if line
        ),
    ]
    for appendix in letter.appendices:
        parts += [appendix.title, *(_block(b) for b in appendix.blocks)]
    return "\n\n".join(parts) + "\n"
